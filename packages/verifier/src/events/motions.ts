import type { MotionEvent } from '@plenum/domain';
import type { EventSchema } from '../event-checks.ts';

/** The strict schema of every event of @plenum/domain's motions part (congress/motions.ts). */
export const MOTION_EVENT_SCHEMAS: { readonly [K in MotionEvent['type']]: EventSchema<K> } = {};
