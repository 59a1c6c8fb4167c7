import type { Ctx, Decision } from '../governance/common.ts';
import type { GovernanceDraft } from '../governance/state.ts';

/**
 * The engine's part for motions and line-numbered amendments, compositing, the order of voting and decisions.
 * SKELETON: filled in by its owner (see docs/ARCHITECTURE.md, "the rules engine's parts").
 */
export type MotionEvent = never;

/** Every event type of this part, in the order docs/record-format.md lists them. */
export const MOTION_EVENT_TYPES = [] as const satisfies readonly MotionEvent['type'][];

export type MotionCommand = never;

/** Every command type of this part. */
export const MOTION_COMMAND_TYPES = [] as const satisfies readonly MotionCommand['type'][];

/** Every refusal key of this part (message key refusal.governance.<key>, in every catalog). */
export const MOTION_REFUSALS = [] as const;

/** This part's slice of the state: read-only maps (copied once per batch into a draft). */
export interface MotionSlice {
  readonly placeholder: ReadonlyMap<string, string>;
}

export const EMPTY_MOTION: MotionSlice = { placeholder: new Map() };

export function applyMotion(_draft: GovernanceDraft, _event: MotionEvent): void {}

export function decideMotion(_ctx: Ctx, command: MotionCommand): Decision {
  return command;
}
