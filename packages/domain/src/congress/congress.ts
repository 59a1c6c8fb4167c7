import type { Ctx, Decision } from '../governance/common.ts';
import type { GovernanceDraft } from '../governance/state.ts';

/**
 * The engine's part for calling a congress, its frozen roll, apportioning and electing delegates, credentials, opening and closing (G2, G8).
 * SKELETON: filled in by its owner (see docs/ARCHITECTURE.md, "the rules engine's parts").
 */
export type CongressEvent = never;

/** Every event type of this part, in the order docs/record-format.md lists them. */
export const CONGRESS_EVENT_TYPES = [] as const satisfies readonly CongressEvent['type'][];

export type CongressCommand = never;

/** Every command type of this part. */
export const CONGRESS_COMMAND_TYPES = [] as const satisfies readonly CongressCommand['type'][];

/** Every refusal key of this part (message key refusal.governance.<key>, in every catalog). */
export const CONGRESS_REFUSALS = [] as const;

/** This part's slice of the state: read-only maps (copied once per batch into a draft). */
export interface CongressSlice {
  readonly placeholder: ReadonlyMap<string, string>;
}

export const EMPTY_CONGRESS: CongressSlice = { placeholder: new Map() };

export function applyCongress(_draft: GovernanceDraft, _event: CongressEvent): void {}

export function decideCongress(_ctx: Ctx, command: CongressCommand): Decision {
  return command;
}
