import { z } from 'zod/mini';
import { command, day, headcount, id, voteCount, voteInput } from './command-kit.ts';

/**
 * The HTTP schemas of the commands of @plenum/domain's congress part (congress/congress.ts): one strict
 * schema per command type, written with ./command-kit.ts.
 */
const ids = (max: number) => z.array(id).check(z.maxLength(max));

export const CONGRESS_COMMANDS = [
  command('callCongress', { congressId: id, opensOn: day }),
  command('convokeDueCongress', { congressId: id }),
  /** null: a member's signature; a count: a unit assembly's resolution. */
  command('petitionForCongress', { vote: z.nullable(voteCount) }),
  command('postponeCongress', { congressId: id, opensOn: day, vote: voteInput }),
  command('electDelegates', {
    congressId: id,
    unitId: id,
    candidates: ids(1000).check(z.minLength(1)),
    ballots: z
      .array(
        z.strictObject({
          ranking: ids(1000).check(z.minLength(1)),
          count: headcount.check(z.minimum(1)),
        }),
      )
      .check(z.maxLength(100_000)),
    mandateIds: ids(1000).check(z.minLength(1)),
  }),
  command('openCongress', { congressId: id }),
  command('closeCongress', { congressId: id }),
] as const;
