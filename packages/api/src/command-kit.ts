import { z } from 'zod/mini';

/**
 * The pieces every command schema is written with (commands.ts for the organisation's
 * commands, commands-*.ts for the congress's parts): identifiers, days, names, counts, votes.
 */

/**
 * An identifier: the rule of isId in @plenum/kernel, written out so that this package needs
 * nothing but zod (the browser bundles it). A server test checks that the two agree.
 */
export const ID_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;
/** The longest statute text the rules accept (MAX_STATUTE_LENGTH in @plenum/domain; a server test checks it). */
export const MAX_STATUTE_TEXT = 200_000;
/** The longest name of a person, unit, body or tendency (as the rules engine's own check). */
export const MAX_NAME = 200;

export const id = z
  .string()
  .check(z.regex(ID_PATTERN, 'an identifier: a lowercase letter, then up to 63 of a-z 0-9 _ -'));
export const name = z.string().check(z.minLength(1), z.maxLength(MAX_NAME));
/** A word the statute defines: a unit level, a kind of body, an office, a majority. */
export const statuteWord = z.string().check(z.minLength(1), z.maxLength(100));
/** A calendar day, YYYY-MM-DD. */
export const day = z.iso.date();
export const statuteText = z.string().check(z.minLength(1), z.maxLength(MAX_STATUTE_TEXT));
/** A count of people: a whole number ≥ 0 (no organisation votes in the billions). */
export const headcount = z.int().check(z.minimum(0), z.maximum(1_000_000_000));

/** A vote as the tellers counted it. */
export const voteCount = z.strictObject({ yes: headcount, no: headcount, abstain: headcount, present: headcount });

export const person = z.strictObject({ id, givenName: name, familyName: name, unitId: id });

export const command = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), ...shape, on: day });

/** A member's answer in a roll call. */
export const choice = z.enum(['yes', 'no', 'abstain']);

/** A vote as a meeting takes it (VoteInput in @plenum/domain): the tellers' count, or each member's answer by roll call. */
export const voteInput = z.discriminatedUnion('method', [
  z.strictObject({ method: z.enum(['show-of-hands', 'secret-ballot']), count: voteCount }),
  z.strictObject({
    method: z.literal('roll-call'),
    roll: z.array(z.strictObject({ memberId: id, choice })).check(z.maxLength(100_000)),
  }),
]);

/** A text (a document, a motion, a letter, charges): up to `max` characters. */
export const text = (max: number) => z.string().check(z.minLength(1), z.maxLength(max));
