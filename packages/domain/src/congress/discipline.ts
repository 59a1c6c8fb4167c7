import type { Ctx, Decision } from '../governance/common.ts';
import type { GovernanceDraft } from '../governance/state.ts';

/**
 * The engine's part for disciplinary cases with due process: charges, reply, hearing, decision by secret ballot, appeals (G6).
 * SKELETON: filled in by its owner (see docs/ARCHITECTURE.md, "the rules engine's parts").
 */
export type CaseEvent = never;

/** Every event type of this part, in the order docs/record-format.md lists them. */
export const CASE_EVENT_TYPES = [] as const satisfies readonly CaseEvent['type'][];

export type CaseCommand = never;

/** Every command type of this part. */
export const CASE_COMMAND_TYPES = [] as const satisfies readonly CaseCommand['type'][];

/** Every refusal key of this part (message key refusal.governance.<key>, in every catalog). */
export const CASE_REFUSALS = [] as const;

/** This part's slice of the state: read-only maps (copied once per batch into a draft). */
export interface CaseSlice {
  readonly placeholder: ReadonlyMap<string, string>;
}

export const EMPTY_CASE: CaseSlice = { placeholder: new Map() };

export function applyCase(_draft: GovernanceDraft, _event: CaseEvent): void {}

export function decideCase(_ctx: Ctx, command: CaseCommand): Decision {
  return command;
}
