import type { CaseEvent } from '@plenum/domain';
import type { EventSchema } from '../event-checks.ts';

/** The strict schema of every event of @plenum/domain's discipline part (congress/discipline.ts). */
export const CASE_EVENT_SCHEMAS: { readonly [K in CaseEvent['type']]: EventSchema<K> } = {};
