import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ballot, Election } from './election.ts';
import { countApproval, countPlurality, decideMajority, type MajorityInput } from './single-winner.ts';

const election = (
  candidates: number,
  ballots: readonly Ballot[],
  options: { seats?: number; withdrawn?: readonly number[] } = {},
): Election => ({
  title: 't',
  seats: options.seats ?? 1,
  candidates: Array.from({ length: candidates }, (_, c) => ({
    name: `C${c}`,
    withdrawn: options.withdrawn?.includes(c) ?? false,
  })),
  ballots,
});

describe('countPlurality', () => {
  it('counts first preferences; an equal first rank is an overvote counted for nobody', () => {
    // C0: 6, C1: 4 + 1 (a skipped rank, then C1), C2: 2; 3 overvotes (C0 = C1 first); 1 blank.
    const report = countPlurality(
      election(3, [
        { count: 6, ranking: [[0]] },
        { count: 4, ranking: [[1]] },
        { count: 1, ranking: [[], [1], [0]] },
        { count: 2, ranking: [[2], [0, 1]] },
        { count: 3, ranking: [[0, 1], [2]] },
        { count: 1, ranking: [] },
      ]),
    );
    expect(report.rounds[0]?.votes).toEqual(['6', '5', '2']);
    expect(report.elected).toEqual([0]);
    expect(report.overvotes).toBe(3);
    expect(report.blank).toBe(1);
    expect(report.voters).toBe(17);
    expect(report.rounds[0]?.nonTransferable).toBe('4');
  });

  it('a tie for the seat is drawn by lot from the seed, and reported', () => {
    const tie = election(3, [
      { count: 5, ranking: [[0]] },
      { count: 5, ranking: [[1]] },
      { count: 2, ranking: [[2]] },
    ]);
    expect(() => countPlurality(tie)).toThrow(/seed/);
    const report = countPlurality(tie, { seed: 'motion 7' });
    expect(report.tieBreaks).toHaveLength(1);
    expect(report.tieBreaks[0]).toMatchObject({
      between: [0, 1],
      purpose: 'elect',
      lot: { seed: 'motion 7', draw: 0, of: 2 },
    });
    expect(report.elected).toEqual([report.tieBreaks[0]?.chosen]);
    const elected = report.rounds[0]?.actions.find((a) => a.kind === 'elected');
    expect(elected?.rule).toMatch(/lot/);
  });

  it('several seats: block voting over the first `seats` preferences, withdrawn candidates skipped', () => {
    // stv-rs testdata ballots/vegetables.blt (9 candidates, 4 seats, Banana and Fig withdrawn)
    // and its expected transcript plurality_block_voting/vegetables.fixed9.log: Jalapeno 17,
    // Hazelnut 15, Grape 13, Apple 10 elected; Eggplant 9, Date 7, Cherry 5 defeated.
    const names = ['Apple', 'Banana', 'Cherry', 'Date', 'Eggplant', 'Fig', 'Grape', 'Hazelnut', 'Jalapeno'];
    const veg: Election = {
      title: 'Vegetable contest',
      seats: 4,
      candidates: names.map((name) => ({ name, withdrawn: name === 'Banana' || name === 'Fig' })),
      ballots: [
        [1, 0, 1],
        [2, 1, 2],
        [3, 2, 3],
        [4, 3, 4],
        [5, 4, 5],
        [6, 5, 6],
        [7, 6, 7],
        [8, 7, 8],
        [9, 8, 0],
      ].map(([count, a, b]) => ({ count: count ?? 0, ranking: [[a ?? 0], [b ?? 0]] })),
    };
    const report = countPlurality(veg);
    expect(report.elected.map((c) => names[c])).toEqual(['Jalapeno', 'Hazelnut', 'Grape', 'Apple']);
    expect(report.rounds[0]?.votes).toEqual(['10', '0', '5', '7', '9', '0', '13', '15', '17']);
    const out = report.rounds[0]?.actions.find((a) => a.kind === 'excluded');
    expect(out?.kind === 'excluded' ? out.candidates.map((c) => names[c]) : []).toEqual(['Eggplant', 'Date', 'Cherry']);
  });

  it('several seats: a group that overflows the marks left is not counted, earlier marks are', () => {
    const report = countPlurality(election(4, [{ count: 2, ranking: [[0], [1, 2], [3]] }], { seats: 2 }), {
      seed: 's',
    });
    expect(report.rounds[0]?.votes).toEqual(['2', '0', '0', '0']);
    expect(report.partialOvervotes).toBe(2);
    expect(report.overvotes).toBe(0);
  });
});

describe('countApproval', () => {
  it('approves every ranked candidate once, whatever the rank', () => {
    const report = countApproval(
      election(
        4,
        [
          { count: 3, ranking: [[0, 1], [2]] },
          { count: 2, ranking: [[2], [], [3]] },
          { count: 4, ranking: [[1], [3]] },
          { count: 1, ranking: [[3]] },
        ],
        { withdrawn: [3] },
      ),
    );
    // C0 3, C1 3 + 4 = 7, C2 3 + 2 = 5; C3 withdrawn; one ballot approves nobody left.
    expect(report.rounds[0]?.votes).toEqual(['3', '7', '5', '0']);
    expect(report.elected).toEqual([1]);
    expect(report.blank).toBe(1);
  });

  it('several seats: the top approvals; a tie inside the seats needs no draw', () => {
    const report = countApproval(
      election(
        3,
        [
          { count: 2, ranking: [[0, 1]] },
          { count: 1, ranking: [[2]] },
        ],
        { seats: 2 },
      ),
    );
    expect(report.elected).toEqual([0, 1]);
    expect(report.tieBreaks).toEqual([]);
  });

  it('property: the ballots’ order never changes the count, and the elected have the most approvals', () => {
    const ballot = fc.record({
      count: fc.integer({ min: 1, max: 9 }),
      ranking: fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 2 }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(ballot, { maxLength: 10 }), fc.integer({ min: 1, max: 3 }), (ballots, seats) => {
        const a = countApproval(election(4, ballots, { seats }), { seed: 'p' });
        const b = countApproval(election(4, [...ballots].reverse(), { seats }), { seed: 'p' });
        expect(b.rounds[0]?.votes).toEqual(a.rounds[0]?.votes);
        const votes = (a.rounds[0]?.votes ?? []).map(Number);
        const lowestIn = Math.min(...a.elected.map((c) => votes[c] ?? 0));
        const highestOut = Math.max(
          -1,
          ...[0, 1, 2, 3].filter((c) => !a.elected.includes(c)).map((c) => votes[c] ?? 0),
        );
        expect(a.elected).toHaveLength(seats);
        expect(lowestIn).toBeGreaterThanOrEqual(highestOut);
      }),
      { numRuns: 200 },
    );
  });
});

describe('decideMajority: every kind × base × abstentions', () => {
  // One vote, every combination: yes 20, no 10, abstain 3; 36 present; 45 members.
  const vote = { yes: 20, no: 10, abstain: 3, present: 36, members: 45 } as const;
  type Row = readonly [
    MajorityInput['kind'],
    MajorityInput['base'],
    MajorityInput['abstentions'],
    boolean | RegExp,
    string?,
  ];
  const rows: Row[] = [
    ['simple', 'votes-cast', 'excluded', true, 'more yes than no (10)'], // 20 > 10
    ['simple', 'votes-cast', 'counted', true, 'more yes than no and abstentions together (13)'], // 20 > 13
    ['simple', 'present', 'excluded', /abstentions must be 'counted'/],
    ['simple', 'present', 'counted', /simple majority.*base must be 'votes-cast'/],
    ['simple', 'members', 'excluded', /abstentions must be 'counted'/],
    ['simple', 'members', 'counted', /simple majority.*base must be 'votes-cast'/],
    ['absolute', 'votes-cast', 'excluded', true, 'more than half of 30 = 15: at least 16'],
    ['absolute', 'votes-cast', 'counted', true, 'more than half of 33 = 16.5: at least 17'],
    ['absolute', 'present', 'excluded', /abstentions must be 'counted'/],
    ['absolute', 'present', 'counted', true, 'more than half of 36 = 18: at least 19'],
    ['absolute', 'members', 'excluded', /abstentions must be 'counted'/],
    ['absolute', 'members', 'counted', false, 'more than half of 45 = 22.5: at least 23'],
    // 2/3 of 30 = 20 exactly: 20 yes is exactly two-thirds, and carries.
    ['qualified', 'votes-cast', 'excluded', true, 'at least 2/3 of 30 = 20'],
    ['qualified', 'votes-cast', 'counted', false, 'at least 2/3 of 33 = 22'],
    ['qualified', 'present', 'excluded', /abstentions must be 'counted'/],
    ['qualified', 'present', 'counted', false, 'at least 2/3 of 36 = 24'],
    ['qualified', 'members', 'excluded', /abstentions must be 'counted'/],
    ['qualified', 'members', 'counted', false, 'at least 2/3 of 45 = 30'],
  ];
  it.each(
    rows.map((row) => ({ kind: row[0], base: row[1], abstentions: row[2], expected: row[3], threshold: row[4] })),
  )('$kind of $base, abstentions $abstentions', ({ kind, base, abstentions, expected, threshold }) => {
    const input: MajorityInput = {
      ...vote,
      kind,
      base,
      abstentions,
      ...(kind === 'qualified' ? { fraction: [2, 3] } : {}),
    };
    if (expected instanceof RegExp) {
      expect(() => decideMajority(input)).toThrow(RangeError);
      expect(() => decideMajority(input)).toThrow(expected);
      return;
    }
    const decision = decideMajority(input);
    expect(decision.passed).toBe(expected);
    expect(decision.threshold).toBe(threshold);
    expect(decision.rule).toMatch(kind);
  });
});

describe('decideMajority: edge cases', () => {
  const base = { abstain: 0, abstentions: 'excluded', base: 'votes-cast' } as const;
  it('a tie does not carry a simple or an absolute majority', () => {
    expect(decideMajority({ ...base, yes: 7, no: 7, kind: 'simple' }).passed).toBe(false);
    expect(decideMajority({ ...base, yes: 7, no: 7, kind: 'absolute' }).passed).toBe(false);
    expect(decideMajority({ ...base, yes: 8, no: 7, kind: 'simple' }).arithmetic).toBe('yes 8 > no 7');
  });

  it('abstentions counted can defeat a motion that has more yes than no', () => {
    const input = { yes: 10, no: 8, abstain: 3, kind: 'simple', base: 'votes-cast' } as const;
    expect(decideMajority({ ...input, abstentions: 'excluded' }).passed).toBe(true);
    expect(decideMajority({ ...input, abstentions: 'counted' }).passed).toBe(false);
  });

  it('two-thirds of 31 is 20.67: 21 carries, 20 does not', () => {
    const q = { ...base, kind: 'qualified', fraction: [2, 3] } as const;
    const carried = decideMajority({ ...q, yes: 21, no: 10 });
    expect(carried.passed).toBe(true);
    expect(carried.threshold).toBe('at least 2/3 of 31 = 20.67 → 21');
    expect(carried.arithmetic).toBe('yes × 3 = 63 ≥ 2 × 31 = 62');
    expect(decideMajority({ ...q, yes: 20, no: 11 }).passed).toBe(false);
    // Exactly two-thirds carries: 2/3 of 30 = 20.
    expect(decideMajority({ ...q, yes: 20, no: 10 }).passed).toBe(true);
    // 3/5 of 7 = 4.2 → 5.
    expect(decideMajority({ ...base, kind: 'qualified', fraction: [3, 5], yes: 4, no: 3 }).threshold).toBe(
      'at least 3/5 of 7 = 4.20 → 5',
    );
  });

  it('zero votes cast carries nothing', () => {
    for (const kind of ['simple', 'absolute'] as const) {
      expect(decideMajority({ ...base, yes: 0, no: 0, kind }).passed).toBe(false);
    }
    const q = decideMajority({ ...base, yes: 0, no: 0, kind: 'qualified', fraction: [2, 3] });
    expect(q.passed).toBe(false);
    expect(q.arithmetic).toMatch(/base is 0/);
  });

  it('an absolute majority of the members counts those absent as not yes', () => {
    const d = decideMajority({
      yes: 12,
      no: 0,
      abstain: 0,
      members: 25,
      kind: 'absolute',
      base: 'members',
      abstentions: 'counted',
    });
    expect(d.passed).toBe(false);
    expect(d.threshold).toBe('more than half of 25 = 12.5: at least 13');
    expect(d.arithmetic).toBe('2 × yes = 2 × 12 = 24 ≤ 25');
  });

  const valid: MajorityInput = {
    yes: 5,
    no: 3,
    abstain: 1,
    kind: 'absolute',
    base: 'votes-cast',
    abstentions: 'excluded',
  };
  const invalid: readonly [string, MajorityInput, RegExp][] = [
    ['negative yes', { ...valid, yes: -1 }, /yes must be a whole number ≥ 0, got -1/],
    ['fractional no', { ...valid, no: 1.5 }, /no must be a whole number/],
    ['unsafe abstain', { ...valid, abstain: 2 ** 53 }, /abstain must be a whole number/],
    ['NaN members', { ...valid, members: Number.NaN }, /members must be a whole number/],
    ['present fewer than voted', { ...valid, present: 8 }, /present \(8\) cannot be fewer than .* \(9\)/],
    [
      'members fewer than present',
      { ...valid, present: 10, members: 9 },
      /members \(9\) cannot be fewer than those present \(10\)/,
    ],
    ['members fewer than voted', { ...valid, members: 8 }, /members \(8\) cannot be fewer than those who voted \(9\)/],
    ['base present without present', { ...valid, base: 'present', abstentions: 'counted' }, /needs the number present/],
    [
      'base members without members',
      { ...valid, base: 'members', abstentions: 'counted' },
      /needs the number of members/,
    ],
    ['qualified without fraction', { ...valid, kind: 'qualified' }, /needs fraction/],
    ['fraction 0/3', { ...valid, kind: 'qualified', fraction: [0, 3] }, /0 < numerator < denominator, got 0\/3/],
    ['fraction 3/3', { ...valid, kind: 'qualified', fraction: [3, 3] }, /got 3\/3/],
    ['fraction 2/0', { ...valid, kind: 'qualified', fraction: [2, 0] }, /got 2\/0/],
    [
      'an unknown kind (input from JSON)',
      { ...valid, kind: 'plurality' } as unknown as MajorityInput,
      /kind must be one of simple, absolute, qualified, got plurality/,
    ],
    ['fraction for absolute', { ...valid, fraction: [2, 3] }, /only for a qualified majority/],
  ];
  it.each(invalid)('refuses %s', (_, input, message) => {
    expect(() => decideMajority(input)).toThrow(RangeError);
    expect(() => decideMajority(input)).toThrow(message);
  });

  it('property: absolute and qualified decisions agree with a direct rational comparison', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 200 }),
        fc.nat({ max: 200 }),
        fc.nat({ max: 50 }),
        fc.integer({ min: 1, max: 9 }).chain((den) => fc.tuple(fc.integer({ min: 1, max: den }), fc.constant(den + 1))),
        (yes, no, abstain, [num, den]) => {
          const cast = yes + no + abstain;
          const q = decideMajority({
            yes,
            no,
            abstain,
            kind: 'qualified',
            fraction: [num, den],
            base: 'votes-cast',
            abstentions: 'counted',
          });
          expect(q.passed).toBe(cast > 0 && yes * den >= num * cast);
          const a = decideMajority({ yes, no, abstain, kind: 'absolute', base: 'votes-cast', abstentions: 'counted' });
          expect(a.passed).toBe(yes * 2 > cast);
        },
      ),
    );
  });
});
