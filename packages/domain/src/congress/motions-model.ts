import type { MotionCommand, MotionEvent, MotionSlice } from './motions.ts';

/**
 * The motions part's constants, in a module of their own with type-only imports, so that
 * state.ts, decide.ts and events.ts can read them while an import cycle through the parts
 * is being evaluated (motions.ts re-exports them).
 */

/** Every event type of this part, in the order docs/record-format.md lists them. */
export const MOTION_EVENT_TYPES = [
  'motion.drafted',
  'motion.cosigned',
  'motion.submitted',
  'motion.withdrawn',
  'amendment.submitted',
  'amendment.decided',
  'amendment.fell',
  'composite.proposed',
  'composite.consented',
  'composite.agreed',
  'motion.decided',
] as const satisfies readonly MotionEvent['type'][];

/** Every command type of this part. */
export const MOTION_COMMAND_TYPES = [
  'draftMotion',
  'cosignMotion',
  'submitMotion',
  'amendMotion',
  'proposeComposite',
  'consentToComposite',
  'withdrawMotion',
  'decideAmendment',
  'decideMotion',
] as const satisfies readonly MotionCommand['type'][];

/** Every refusal key of this part (message key refusal.governance.<key>, in every catalog). */
export const MOTION_REFUSALS = [
  'motionUnknown',
  'motionOutsideBody',
  'motionBodiesApart',
  'motionCosignOwn',
  'motionCosignedAlready',
  'motionNotDrafted',
  'motionNotOpen',
  'motionTooLong',
  'motionNotMover',
  'motionWithdrawComposite',
  'motionAmendmentsPending',
  'motionVoteOutOfOrder',
  'amendmentUnknown',
  'amendmentNotInBody',
  'amendmentLines',
  'amendmentNothing',
  'amendmentNotPending',
  'compositeUnknown',
  'compositeMotions',
  'compositeNotMover',
  'compositeConsentedAlready',
  'compositeClosed',
] as const;

export const EMPTY_MOTION: MotionSlice = { motions: new Map(), amendments: new Map(), composites: new Map() };
