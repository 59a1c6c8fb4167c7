import type { FloorCommand, FloorEvent, FloorSlice } from './floor.ts';

/**
 * The floor part's constants, in a module of their own with type-only imports, so that
 * state.ts, decide.ts and events.ts can read them while an import cycle through the parts
 * is being evaluated (floor.ts re-exports them).
 */

/** Every event type of this part, in the order docs/record-format.md lists them. */
export const FLOOR_EVENT_TYPES = [
  'meeting.opened',
  'agenda.change-voted',
  'speaker.listed',
  'speaker.withdrawn',
  'speaker.called',
  'speech.ended',
  'point-of-order.raised',
  'ruling.given',
  'ruling.challenged',
  'ruling.challenge-decided',
  'debate.closed',
  'vote.taken',
  'meeting.closed',
] as const satisfies readonly FloorEvent['type'][];

/** Every command type of this part. */
export const FLOOR_COMMAND_TYPES = [
  'openMeeting',
  'changeAgenda',
  'requestToSpeak',
  'withdrawFromList',
  'callSpeaker',
  'endSpeech',
  'closeDebate',
  'raisePointOfOrder',
  'giveRuling',
  'challengeRuling',
  'decideChallenge',
  'takeVote',
  'closeMeeting',
] as const satisfies readonly FloorCommand['type'][];

/** Every refusal key of this part (message key refusal.governance.<key>, in every catalog). */
export const FLOOR_REFUSALS = [
  'unknownMeeting',
  'meetingClosed',
  'meetingTimeOrder',
  'chairNotInBody',
  'notInMeetingBody',
  'unknownAgendaItem',
  'coReportRemoved',
  'agendaItemInUse',
  'speakerListedAlready',
  'speakerNotListed',
  'speakerPlatformUnknown',
  'speakerNotSignatory',
  'speakerOutOfOrder',
  'noSpeakerWaiting',
  'speechInProgress',
  'noSpeechInProgress',
  'speechTimeLeft',
  'itemDebateClosed',
  'itemDebateOpen',
  'platformQuotaOwed',
  'pointOfOrderPending',
  'challengePending',
  'unknownPointOfOrder',
  'pointRuledAlready',
  'unknownRuling',
  'rulingChallengedAlready',
  'rulingNotChallenged',
  'agendaUnfinished',
] as const;

export const EMPTY_FLOOR: FloorSlice = { meetings: new Map(), rulingMeetings: new Map(), pointMeetings: new Map() };
