import type { CaseCommand, CaseEvent, CaseSlice } from './discipline.ts';

/**
 * The discipline part's constants, in a module of their own with type-only imports, so that
 * state.ts, decide.ts and events.ts can read them while an import cycle through the parts
 * is being evaluated (discipline.ts re-exports them).
 */

/** Every event type of this part, in the order docs/record-format.md lists them. */
export const CASE_EVENT_TYPES = [
  'case.opened',
  'case.replied',
  'case.hearing-scheduled',
  'case.heard',
  'case.decided',
  'case.appealed',
  'case.appeal-decided',
  'case.penalty-effective',
] as const satisfies readonly CaseEvent['type'][];

/** Every command type of this part. */
export const CASE_COMMAND_TYPES = [
  'bringCharges',
  'replyToCharges',
  'scheduleHearing',
  'holdHearing',
  'decideCase',
  'appealDecision',
  'decideAppeal',
  'enforcePenalty',
] as const satisfies readonly CaseCommand['type'][];

/** Every refusal key of this part (message key refusal.governance.<key>, in every catalog). */
export const CASE_REFUSALS = [
  'caseUnknown',
  'caseOpenAlready',
  'caseNoBody',
  'caseProtectedOpinion',
  'caseRecordUnknown',
  'caseConfidentialMix',
  'caseClosed',
  'caseReplyLate',
  'caseRepliedAlready',
  'caseNotice',
  'caseNoHearing',
  'caseHeardAlready',
  'caseHearingDay',
  'caseReplyPending',
  'caseNotHeard',
  'caseDecidedAlready',
  'casePenalty',
  'caseNotDecided',
  'caseNotAppealable',
  'caseAppealLate',
  'caseAppealPending',
  'caseNoAppeal',
  'caseAppealOpen',
] as const;

export const EMPTY_CASE: CaseSlice = { byId: new Map() };
