import { z } from 'zod/mini';
import { command, id, name, text, voteCount, voteInput } from './command-kit.ts';

/**
 * The HTTP schemas of the commands of @plenum/domain's motions part (congress/motions.ts): one strict
 * schema per command type, written with ./command-kit.ts.
 */

/** The longest motion text and the most lines (MOTION_MAX_CHARS, MOTION_MAX_LINES in @plenum/domain). */
const MAX_MOTION_TEXT = 60_000;
const MAX_MOTION_LINES = 2000;

const motionText = text(MAX_MOTION_TEXT);
/** An amendment's replacement lines: '' deletes the lines it amends. */
const replacement = z.string().check(z.maxLength(MAX_MOTION_TEXT));
/** A line number, 1-based; an insertion gives toLine = fromLine − 1 (so 0 before the first line). */
const line = z.int().check(z.minimum(0), z.maximum(MAX_MOTION_LINES + 1));
const target = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('motion') }),
  z.strictObject({ kind: z.literal('amendment'), amendmentId: id }),
]);

export const MOTION_COMMANDS = [
  command('draftMotion', { motionId: id, toBodyId: id, title: name, text: motionText }),
  command('cosignMotion', { motionId: id }),
  command('submitMotion', { motionId: id, toBodyId: id, title: name, text: motionText, vote: voteCount }),
  command('amendMotion', {
    amendmentId: id,
    motionId: id,
    target,
    fromLine: line,
    toLine: line,
    replacement,
    /** A body moves an amendment by its vote; a member gives null. */
    vote: z.nullable(voteCount),
  }),
  command('proposeComposite', {
    compositeId: id,
    motionIds: z.array(id).check(z.minLength(2), z.maxLength(100)),
    title: name,
    text: motionText,
  }),
  command('consentToComposite', { compositeId: id }),
  command('withdrawMotion', { motionId: id }),
  command('decideAmendment', { amendmentId: id, vote: voteInput }),
  command('decideMotion', { motionId: id, vote: voteInput }),
] as const;
