import type { CongressEvent } from '@plenum/domain';
import type { EventSchema } from '../event-checks.ts';

/** The strict schema of every event of @plenum/domain's congress part (congress/congress.ts). */
export const CONGRESS_EVENT_SCHEMAS: { readonly [K in CongressEvent['type']]: EventSchema<K> } = {};
