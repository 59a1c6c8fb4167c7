import type { FloorEvent } from '@plenum/domain';
import type { EventSchema } from '../event-checks.ts';

/** The strict schema of every event of @plenum/domain's floor part (congress/floor.ts). */
export const FLOOR_EVENT_SCHEMAS: { readonly [K in FloorEvent['type']]: EventSchema<K> } = {};
