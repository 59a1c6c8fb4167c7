import { z } from 'zod/mini';
import { command, id, name, statuteWord, text, voteInput } from './command-kit.ts';

/**
 * The HTTP schemas of the commands of @plenum/domain's floor part (congress/floor.ts): one strict
 * schema per command type, written with ./command-kit.ts. Every floor command carries the time
 * of day of the act within its meeting (`at`, HH:MM) besides its day.
 */

/** The longest point of order, ruling or question put to the vote (MAX_FLOOR_TEXT in @plenum/domain). */
const MAX_FLOOR_TEXT = 5000;
/** The most items on an agenda. */
const MAX_AGENDA = 100;

/** A time of day, HH:MM (24-hour). */
const at = z.string().check(z.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time of day HH:MM'));
const floorText = text(MAX_FLOOR_TEXT);
const agenda = z.array(z.strictObject({ itemId: id, title: name })).check(z.minLength(1), z.maxLength(MAX_AGENDA));
const side = z.enum(['for', 'against', 'neutral']);

export const FLOOR_COMMANDS = [
  command('openMeeting', { meetingId: id, bodyId: id, chairId: id, agenda, at }),
  command('changeAgenda', { meetingId: id, agenda, vote: voteInput, at }),
  command('requestToSpeak', { meetingId: id, itemId: id, side, platformId: z.nullable(id), at }),
  command('withdrawFromList', { meetingId: id, itemId: id, at }),
  command('callSpeaker', { meetingId: id, itemId: id, memberId: id, at }),
  command('endSpeech', { meetingId: id, at }),
  command('closeDebate', { meetingId: id, itemId: id, at }),
  command('raisePointOfOrder', { pointId: id, meetingId: id, text: floorText, at }),
  command('giveRuling', { rulingId: id, meetingId: id, pointId: z.nullable(id), decision: floorText, at }),
  command('challengeRuling', { rulingId: id, at }),
  command('decideChallenge', { rulingId: id, vote: voteInput, at }),
  command('takeVote', {
    meetingId: id,
    itemId: id,
    voteId: id,
    question: floorText,
    /** A majority the statute defines. */
    majority: statuteWord,
    vote: voteInput,
    at,
  }),
  /** null when the chair closes a finished meeting; the meeting's vote when the body closes it. */
  command('closeMeeting', { meetingId: id, vote: z.nullable(voteInput), at }),
] as const;
