import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Election } from '../election.ts';
import {
  assertOrderIndependent,
  assertWithdrawalIsRemoval,
  rankedElections,
} from '../test-support/random-elections.ts';
import { SeededLot } from '../lot.ts';
import { countErs97, type Ers97Report } from './ers97.ts';
import { breakTie } from './stv-common.ts';

/** An election from `count × "A B C"` lines: the letters are the candidates, in order of preference. */
function election(seats: number, names: string, lines: readonly string[]): Election {
  const candidates = names.split(' ');
  return {
    title: 'ers97 example',
    seats,
    candidates: candidates.map((name) => ({ name, withdrawn: false })),
    ballots: lines.map((line) => {
      const [count = '', ...prefs] = line.split(/ × | /);
      return { count: Number(count), ranking: prefs.map((p) => [candidates.indexOf(p)]) };
    }),
  };
}

/** Each stage's votes by name, with the non-transferable vote as "NT". */
function table(report: Ers97Report): Record<string, string>[] {
  return report.rounds.map((round) => ({
    ...Object.fromEntries(report.candidates.map((name, c) => [name, round.votes[c] ?? ''])),
    NT: round.nonTransferable,
  }));
}

const rules = (report: Ers97Report, round: number): string[] =>
  (report.rounds[round - 1]?.actions ?? []).map((a) => a.rule);
const names = (report: Ers97Report): string[] => report.elected.map((c) => report.candidates[c] ?? '');

// Every figure below was worked out by hand from the text of the rules (section 5), not by
// running this code: the comments show the arithmetic.
describe('ERS97 STV: the rules on worked examples', () => {
  it('quota to two decimals plus 0.01 (5.1.6); first-stage surplus from all papers (5.3.1); last batch only later (5.3.2)', () => {
    // 100 votes, 3 places: quota 25.00 exactly. A 40 → surplus 15 from all 40 papers (all → B):
    // 15 / 40 = 0.375 → 0.37; B 20 + 14.80 = 34.80 (elected), difference 0.20.
    // B's surplus 9.80 from the last batch only (the 40 papers at 0.37, all → C), not B's own 20:
    // 9.80 / 40 = 0.245 → 0.24; C 15 + 9.60 = 24.60, difference 0.20.
    // Then F (3) and E (8) excluded together: 3 + 8 = 11 ≤ D's 14 (5.2.5(b)); F's papers are
    // non-transferable, E's go past B (elected) to C: 32.60, elected; D formally excluded (5.5.2).
    const report = countErs97(
      election(3, 'A B C D E F', ['40 × A B C', '20 × B', '15 × C', '14 × D', '8 × E B C', '3 × F']),
    );
    expect(report.rounds[0]?.quota).toBe('25.00');
    expect(table(report)).toEqual([
      { A: '40.00', B: '20.00', C: '15.00', D: '14.00', E: '8.00', F: '3.00', NT: '0.00' },
      { A: '25.00', B: '34.80', C: '15.00', D: '14.00', E: '8.00', F: '3.00', NT: '0.20' },
      { A: '25.00', B: '25.00', C: '24.60', D: '14.00', E: '8.00', F: '3.00', NT: '0.40' },
      { A: '25.00', B: '25.00', C: '32.60', D: '14.00', E: '0.00', F: '0.00', NT: '3.40' },
    ]);
    expect(names(report)).toEqual(['A', 'B', 'C']);
    expect(rules(report, 1)).toEqual(['ERS97 5.1.6', 'ERS97 5.1.7(a)']);
    expect(rules(report, 2)).toEqual(['ERS97 5.3.1', 'ERS97 5.3.13(a)']);
    expect(rules(report, 3)).toEqual(['ERS97 5.3.2']);
    expect(rules(report, 4)).toEqual(['ERS97 5.2.5(b)', 'ERS97 5.4.9(a)', 'ERS97 5.5.2']);
    expect(report.rounds[3]?.actions[0]).toMatchObject({ kind: 'excluded', candidates: [5, 4] });
  });

  it('defers a surplus that cannot change who is excluded (5.2.2(b)), then transfers it at present value when it is worth less (5.3.7)', () => {
    // 107 votes, 2 places: 107 / 3 = 35.666… → 35.67. A 50, surplus 14.33. Lowest F 1, E 2, D 3:
    // 1 + 2 + 3 + 14.33 = 20.33 ≤ C's 21, so the surplus is deferred and F, E, D go together.
    // F's paper (F E) has nowhere to go; E's 2 go to C (23); D's 3 to B (33).
    // Then A's surplus: its 50 papers (A D) have no continuing preference: nothing transferable,
    // so the whole 14.33 is a non-transferable difference. Total active vote 33 + 23 = 56;
    // 56 / 2 = 28 ≤ B's 33: B deemed elected under 5.3.13(b).
    const report = countErs97(
      election(2, 'A B C D E F', ['50 × A D', '30 × B', '21 × C', '3 × D B', '2 × E C', '1 × F E']),
    );
    expect(report.rounds[0]?.quota).toBe('35.67');
    expect(table(report)).toEqual([
      { A: '50.00', B: '30.00', C: '21.00', D: '3.00', E: '2.00', F: '1.00', NT: '0.00' },
      { A: '50.00', B: '33.00', C: '23.00', D: '0.00', E: '0.00', F: '0.00', NT: '1.00' },
      { A: '35.67', B: '33.00', C: '23.00', D: '0.00', E: '0.00', F: '0.00', NT: '15.33' },
    ]);
    expect(rules(report, 2)).toEqual(['ERS97 5.2.2', 'ERS97 5.2.5(b)']);
    expect(report.rounds[1]?.actions[0]?.reason).toContain('5.2.2(b)');
    expect(rules(report, 3)).toEqual(['ERS97 5.3.1', 'ERS97 5.3.13(b)', 'ERS97 5.5.2']);
    expect(names(report)).toEqual(['A', 'B']);
  });

  it('transfers an excluded candidate’s papers batch by batch, highest value first, electing after each (5.4.2, 5.4.9, 5.4.11)', () => {
    // 73 votes, 2 places: quota 24.34. A 30, surplus 5.66 → 30 papers to D at 5.66/30 = 0.18
    // (D 13.40, difference 0.26). E (4) excluded → B 20. D excluded: first the batch at 1.00
    // (8 papers → C: 23.00), then the batch at 0.18 (30 papers → B: 25.40, elected).
    const report = countErs97(election(2, 'A B C D E', ['30 × A D B', '16 × B', '15 × C', '8 × D C', '4 × E B']));
    expect(table(report)).toEqual([
      { A: '30.00', B: '16.00', C: '15.00', D: '8.00', E: '4.00', NT: '0.00' },
      { A: '24.34', B: '16.00', C: '15.00', D: '13.40', E: '4.00', NT: '0.26' },
      { A: '24.34', B: '20.00', C: '15.00', D: '13.40', E: '0.00', NT: '0.26' },
      { A: '24.34', B: '25.40', C: '23.00', D: '0.00', E: '0.00', NT: '0.26' },
    ]);
    expect(report.rounds[3]?.substages.map((s) => [s.value, s.votes])).toEqual([
      ['1.00', ['24.34', '20.00', '23.00', '5.40', '0.00']],
      ['0.18', ['24.34', '25.40', '23.00', '0.00', '0.00']],
    ]);
    expect(rules(report, 4)).toEqual(['ERS97 5.2.5', 'ERS97 5.4.9(a)', 'ERS97 5.5.2']);
    expect(names(report)).toEqual(['A', 'B']);
  });

  it('recalculates the quota without non-transferable papers while nobody is elected (5.4.8)', () => {
    // 12 votes, 1 place: quota 6.00. C (3) excluded, papers non-transferable:
    // (12 − 3) / 2 = 4.50, and A's 5 now reach it.
    const report = countErs97(election(1, 'A B C', ['5 × A', '4 × B', '3 × C']));
    expect(report.rounds.map((r) => r.quota)).toEqual(['6.00', '4.50']);
    expect(rules(report, 2)).toEqual(['ERS97 5.2.5', 'ERS97 5.4.8', 'ERS97 5.4.9(a)', 'ERS97 5.5.2']);
    expect(names(report)).toEqual(['A']);
  });

  it('elects nobody among candidates equal at every point when places are too few (5.6.2); lot decides the exclusion (5.2.5)', () => {
    // 11 votes, 1 place: quota 5.50. C excluded (papers non-transferable): quota (11 − 3) / 2 = 4.00.
    // A and B both have 4.00 and have been equal at every point: neither is deemed elected. The
    // next exclusion is between them, by lot; the other is then elected under 5.5.1.
    const e = election(1, 'A B C', ['4 × A', '4 × B', '3 × C']);
    const report = countErs97(e, { lotSeed: 'seed-1' });
    expect(report.tieBreaks.map((t) => t.how.slice(0, 11))).toEqual(['ERS97 5.6.2', 'ERS97 5.2.5']);
    expect(report.tieBreaks[0]?.how).toContain('none of them');
    const draw = report.tieBreaks[1];
    expect(draw?.lot?.seed).toBe('seed-1');
    expect(draw?.purpose).toBe('exclude');
    expect(report.elected).toEqual([draw?.chosen === 0 ? 1 : 0]);
    expect(rules(report, 2).slice(-2)).toEqual(['ERS97 5.5.1', 'ERS97 5.5.1']);
    expect(countErs97(e, { lotSeed: 'seed-1' })).toEqual(report);
  });

  it('breaks equal lowest by the earliest point where they differed (5.2.5)', () => {
    // 50 votes, 2 places: quota 16.67; A 20 (surplus 3.33, papers with no further preference).
    // E 1 + 3.33 ≤ D 8: deferred, E excluded, its paper to D: C 9.00, D 9.00. A's surplus is then
    // transferred (9 + 3.33 > 9): all non-transferable. C and D are equal lowest; at the first
    // stage D had 8 and C 9: D is excluded, without a draw.
    const report = countErs97(election(2, 'A B C D E', ['20 × A', '12 × B', '9 × C', '8 × D', '1 × E D']));
    expect(table(report).slice(0, 3)).toEqual([
      { A: '20.00', B: '12.00', C: '9.00', D: '8.00', E: '1.00', NT: '0.00' },
      { A: '20.00', B: '12.00', C: '9.00', D: '9.00', E: '0.00', NT: '0.00' },
      { A: '16.67', B: '12.00', C: '9.00', D: '9.00', E: '0.00', NT: '3.33' },
    ]);
    const tie = report.tieBreaks.find((t) => t.purpose === 'exclude');
    expect(tie).toMatchObject({ round: 4, between: [2, 3], chosen: 3 });
    expect(tie?.lot).toBeUndefined();
    expect(tie?.how).toContain('earliest point');
  });

  it('looks from the first stage forwards, where Scottish STV looks from the latest backwards', () => {
    // C and D: D below C at the first stage, above it later, equal now.
    const history = [
      [9n, 8n],
      [9n, 11n],
      [11n, 11n],
    ];
    const tie = (from: 'earliest' | 'latest'): number =>
      breakTie({
        tied: [0, 1],
        history,
        want: 'lowest',
        lot: new SeededLot('x'),
        round: 4,
        purpose: 'exclude',
        earlier: 'rule',
        lotRule: 'lot',
        from,
      }).chosen;
    expect(tie('earliest')).toBe(1);
    expect(tie('latest')).toBe(0);
  });

  it('refuses equal rankings, which the rules do not allow', () => {
    const e: Election = { ...election(1, 'A B', ['1 × A']), ballots: [{ count: 1, ranking: [[0, 1]] }] };
    expect(() => countErs97(e)).toThrow(/equal rankings/);
  });
});

/** Small random elections: 2–7 candidates, fewer seats, up to 30 distinct ballots. */
const elections = rankedElections({ maxCandidates: 7, maxBallots: 30, maxCount: 40 });

const units = (text: string): bigint => BigInt(text.replace('.', ''));

describe('ERS97 STV: properties', () => {
  it('conserves votes at every stage and sub-stage, and fills every place', () => {
    fc.assert(
      fc.property(elections, (e) => {
        const report = countErs97(e);
        const valid = BigInt(report.voters) * 100n;
        for (const round of report.rounds) {
          const points = [round, ...round.substages];
          for (const point of points) {
            const held = point.votes.reduce((sum, v) => sum + units(v), 0n);
            expect(held + units(point.nonTransferable)).toBe(valid);
          }
        }
        expect(report.elected.length).toBe(e.seats);
        expect(new Set(report.elected).size).toBe(report.elected.length);
      }),
      { numRuns: 400 },
    );
  });

  it('does not depend on the order of the ballots', () => {
    assertOrderIndependent((e) => countErs97(e), elections);
  });

  it('counts a withdrawn candidate as if they had never stood', () => {
    assertWithdrawalIsRemoval((e) => countErs97(e), elections);
  });

  it('with one place elects the instant-runoff winner when no tie arises', () => {
    // Batch exclusion and deferral never change the winner of a single place: a group is only
    // excluded together when it could not overtake the next above.
    fc.assert(
      fc.property(
        elections.map((e) => ({ ...e, seats: 1 })),
        (e) => {
          const report = countErs97(e);
          if (report.tieBreaks.length > 0) return;
          // Sequential IRV by hand: exclude the lowest until someone has a majority of the continuing votes.
          const out = new Set<number>();
          for (;;) {
            const tally = new Map<number, number>();
            for (const b of e.ballots) {
              const top = b.ranking.find((g) => !out.has(g[0] ?? -1))?.[0];
              if (top !== undefined) tally.set(top, (tally.get(top) ?? 0) + b.count);
            }
            const live = e.candidates.map((_, c) => c).filter((c) => !out.has(c));
            const total = [...tally.values()].reduce((s, x) => s + x, 0);
            const best = live.reduce((m, c) => ((tally.get(c) ?? 0) > (tally.get(m) ?? 0) ? c : m));
            if ((tally.get(best) ?? 0) * 2 > total || live.length === 1) {
              const ties = live.filter((c) => tally.get(c) === tally.get(best));
              if (ties.length === 1) expect(report.elected).toEqual([best]);
              return;
            }
            const low = Math.min(...live.map((c) => tally.get(c) ?? 0));
            const lows = live.filter((c) => (tally.get(c) ?? 0) === low);
            if (lows.length > 1) return; // the rules break this tie in their own ways
            out.add(lows[0] ?? -1);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
