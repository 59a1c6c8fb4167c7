import type { BulletinEvent } from '@plenum/domain';
import type { EventSchema } from '../event-checks.ts';

/** The strict schema of every event of @plenum/domain's bulletin part (congress/bulletin.ts). */
export const BULLETIN_EVENT_SCHEMAS: { readonly [K in BulletinEvent['type']]: EventSchema<K> } = {};
