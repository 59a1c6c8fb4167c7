import type { Ctx, Decision } from '../governance/common.ts';
import type { GovernanceDraft } from '../governance/state.ts';

/**
 * The engine's part for the pre-congress discussion bulletin, platforms and their circulation, letters to a body (G3, G4).
 * SKELETON: filled in by its owner (see docs/ARCHITECTURE.md, "the rules engine's parts").
 */
export type BulletinEvent = never;

/** Every event type of this part, in the order docs/record-format.md lists them. */
export const BULLETIN_EVENT_TYPES = [] as const satisfies readonly BulletinEvent['type'][];

export type BulletinCommand = never;

/** Every command type of this part. */
export const BULLETIN_COMMAND_TYPES = [] as const satisfies readonly BulletinCommand['type'][];

/** Every refusal key of this part (message key refusal.governance.<key>, in every catalog). */
export const BULLETIN_REFUSALS = [] as const;

/** This part's slice of the state: read-only maps (copied once per batch into a draft). */
export interface BulletinSlice {
  readonly placeholder: ReadonlyMap<string, string>;
}

export const EMPTY_BULLETIN: BulletinSlice = { placeholder: new Map() };

export function applyBulletin(_draft: GovernanceDraft, _event: BulletinEvent): void {}

export function decideBulletin(_ctx: Ctx, command: BulletinCommand): Decision {
  return command;
}
