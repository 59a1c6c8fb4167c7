import type { Ctx, Decision } from '../governance/common.ts';
import type { GovernanceDraft } from '../governance/state.ts';

/**
 * The engine's part for meetings: agenda, speakers' list, points of order, rulings of the chair and their challenges, votes, minutes (G10).
 * SKELETON: filled in by its owner (see docs/ARCHITECTURE.md, "the rules engine's parts").
 */
export type FloorEvent = never;

/** Every event type of this part, in the order docs/record-format.md lists them. */
export const FLOOR_EVENT_TYPES = [] as const satisfies readonly FloorEvent['type'][];

export type FloorCommand = never;

/** Every command type of this part. */
export const FLOOR_COMMAND_TYPES = [] as const satisfies readonly FloorCommand['type'][];

/** Every refusal key of this part (message key refusal.governance.<key>, in every catalog). */
export const FLOOR_REFUSALS = [] as const;

/** This part's slice of the state: read-only maps (copied once per batch into a draft). */
export interface FloorSlice {
  readonly placeholder: ReadonlyMap<string, string>;
}

export const EMPTY_FLOOR: FloorSlice = { placeholder: new Map() };

export function applyFloor(_draft: GovernanceDraft, _event: FloorEvent): void {}

export function decideFloor(_ctx: Ctx, command: FloorCommand): Decision {
  return command;
}
