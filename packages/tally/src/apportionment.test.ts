import { describe, expect, it } from 'vitest';
import {
  apportion,
  APPORTIONMENT_METHODS,
  apportionWithMinimum,
  countApportionment,
  increaseSeats,
  minimumSeats,
  Rational,
  roundestIn,
} from './apportionment.ts';
import type { Election } from './election.ts';

const parties = (votes: Record<string, number>): { name: string; votes: number }[] =>
  Object.entries(votes).map(([name, v]) => ({ name, votes: v }));

describe("D'Hondt", () => {
  it('textbook: 8 seats, A 100,000, B 80,000, C 30,000, D 20,000 → 4, 3, 1, 0', () => {
    // Averages v/1, v/2, …: A 100000, 50000, 33333.3, 25000; B 80000, 40000, 26666.7; C 30000;
    // D 20000. The 8 highest: A, B, A, B, A, C, B, A → A 4, B 3, C 1, D 0.
    const r = apportion('dhondt', 8, parties({ A: 100_000, B: 80_000, C: 30_000, D: 20_000 }));
    expect(r.allocation).toEqual([4, 3, 1, 0]);
    expect(r.sequence!.map((s) => r.parties[s.party])).toEqual(['A', 'B', 'A', 'B', 'A', 'C', 'B', 'A']);
    expect(r.sequence![4]).toMatchObject({ average: '33333.333333', exact: '100000/3', divisor: '3' });
    // Any divisor in (max v/(s+1), min v/s] = (max(20000, 80000/4, 15000, 20000), min(25000, 26666.7, 30000)].
    expect(r.divisor).toMatchObject({ lowerExact: '20000', upperExact: '25000', divisor: '25000' });
  });

  it('lower quota: D’Hondt never gives a party less than the whole part of its quota (property)', () => {
    for (const sample of samples(200)) {
      const r = apportion('dhondt', sample.seats, sample.parties);
      const total = sample.parties.reduce((a, p) => a + p.votes, 0);
      sample.parties.forEach((p, i) => {
        expect(r.allocation[i]).toBeGreaterThanOrEqual(Math.floor((p.votes * sample.seats) / total));
      });
    }
  });
});

describe('Sainte-Laguë/Schepers', () => {
  it('the same votes, 8 seats: → 3, 3, 1, 1 (A and D tie at 40,000 for seats 6 and 7: both get one)', () => {
    // Averages v/0.5, v/1.5, v/2.5: A 200000, 66666.7, 40000, 28571.4; B 160000, 53333.3, 32000;
    // C 60000, 20000; D 40000. The 8 highest: A, B, A, C, B, A=D (seats 6, 7), B.
    const r = apportion('sainte-lague', 8, parties({ A: 100_000, B: 80_000, C: 30_000, D: 20_000 }));
    expect(r.allocation).toEqual([3, 3, 1, 1]);
    expect(r.tieBreaks).toEqual([]);
    expect(r.sequence!.map((s) => s.divisor)).toEqual(['0.5', '0.5', '1.5', '0.5', '1.5', '2.5', '0.5', '2.5']);
  });

  it('a tie for the last seat is drawn by lot with the seed, reported, and reproducible', () => {
    const votes = parties({ A: 300, B: 100, C: 100 });
    // A: 600, 200, 120; B: 200; C: 200. Seat 1 A; seats 2–4 among A, B, C all at 200: 3 seats, no lot.
    expect(apportion('sainte-lague', 4, votes).allocation).toEqual([2, 1, 1]);
    // 3 seats: A, then one of the three at 200 → two seats for three equal averages: lot.
    expect(() => apportion('sainte-lague', 3, votes)).toThrow(/seed is required/);
    const r = apportion('sainte-lague', 3, votes, { seed: 'bundeswahlleiterin' });
    expect(r.tieBreaks).toHaveLength(2);
    expect(r.tieBreaks[0]).toMatchObject({
      between: [0, 1, 2],
      purpose: 'elect',
      lot: { seed: 'bundeswahlleiterin', of: 3 },
    });
    expect(r.tieBreaks[0]!.how).toMatch(/BWahlG §6\(2\)/);
    expect(r.allocation.reduce((a, b) => a + b, 0)).toBe(3);
    expect(apportion('sainte-lague', 3, votes, { seed: 'bundeswahlleiterin' })).toEqual(r);
    // The interval is empty (lower = upper = 200): the divisor is that value.
    expect(r.divisor).toMatchObject({ lowerExact: '200', upperExact: '200', divisor: '200' });
  });

  it('the chosen divisor lies in the interval and gives the seats; seats are house-monotone (property)', () => {
    for (const sample of samples(200)) {
      for (const method of ['sainte-lague', 'dhondt'] as const) {
        const r = apportion(method, sample.seats, sample.parties);
        if (r.tieBreaks.length > 0) continue;
        const d = r.divisor!;
        const divisor = parse(d.divisor);
        expect(divisor.compare(parse(d.lowerExact))).toBe(1);
        expect(divisor.compare(parse(d.upperExact))).toBeLessThanOrEqual(0);
        sample.parties.forEach((p, i) => {
          const q = new Rational(BigInt(p.votes)).div(divisor);
          const seats = method === 'sainte-lague' ? q.add(new Rational(1n, 2n)).floor() : q.floor();
          expect(Number(seats)).toBe(r.allocation[i]);
        });
        const next = apportion(method, sample.seats + 1, sample.parties);
        if (next.tieBreaks.length === 0)
          r.allocation.forEach((s, i) => expect(next.allocation[i]).toBeGreaterThanOrEqual(s));
      }
    }
  });

  it('the roundest divisor: 1, 2 or 5 × a power of ten, nearest the middle', () => {
    const r = (a: number, b: number): string => roundestIn(new Rational(BigInt(a)), new Rational(BigInt(b))).toString();
    expect(r(77_751, 82_188)).toBe('80000');
    expect(r(76_089, 79_384)).toBe('78000'); // 2000s: 78000 only
    expect(r(72_477, 74_601)).toBe('74000'); // 74000 (2000s)
    expect(r(62_112, 66_488)).toBe('65000'); // 5000s
    expect(roundestIn(new Rational(1n, 3n), new Rational(1n, 2n)).toString()).toBe('1/2'); // 0.5 (upper end is in)
    expect(roundestIn(new Rational(1n, 3n), new Rational(2n, 5n)).toString()).toBe('2/5'); // 0.4
  });

  it('a threshold keeps parties under it out (exactly: 5 % of 1000 is 50 votes, which passes)', () => {
    const r = apportion('sainte-lague', 10, parties({ A: 500, B: 401, C: 50, D: 49 }), { threshold: '5' });
    expect(r.eligible).toEqual([true, true, true, false]);
    expect(r.allocation[3]).toBe(0);
    expect(r.notes[0]!.reason).toMatch(/D has 49 of 1000 votes/);
  });
});

describe('Hare-Niemeyer', () => {
  it('textbook: 10 seats, 43,000 / 31,000 / 17,000 / 9,000 → 4, 3, 2, 1', () => {
    // Quotas v × 10 ÷ 100,000 = 4.3, 3.1, 1.7, 0.9: whole parts 4, 3, 1, 0 (8 seats); the two
    // left go to the largest remainders .9 (D) and .7 (C).
    const r = apportion('hare-niemeyer', 10, parties({ A: 43_000, B: 31_000, C: 17_000, D: 9_000 }));
    expect(r.allocation).toEqual([4, 3, 2, 1]);
    expect(r.quota).toMatchObject({
      quota: '10000.000000',
      quotas: ['4.300000', '3.100000', '1.700000', '0.900000'],
      whole: [4, 3, 1, 0],
      remainderSeats: [3, 2],
    });
  });

  it('the Alabama paradox: with 6, 6, 2 votes, C has 2 of 10 seats but 1 of 11', () => {
    // 10 seats: quotas 60/14 = 4.286, 4.286, 1.429 → 4, 4, 1 + remainder seat to C (.429) → 4, 4, 2.
    // 11 seats: quotas 66/14 = 4.714, 4.714, 1.571 → 4, 4, 1 + remainders to A and B (.714) → 5, 5, 1.
    const votes = parties({ A: 6, B: 6, C: 2 });
    expect(apportion('hare-niemeyer', 10, votes).allocation).toEqual([4, 4, 2]);
    expect(apportion('hare-niemeyer', 11, votes).allocation).toEqual([5, 5, 1]);
  });

  it('quota rule: every party gets the whole part of its quota or one more (property)', () => {
    for (const sample of samples(200)) {
      const r = apportion('hare-niemeyer', sample.seats, sample.parties, { seed: 'p' });
      expect(r.allocation.reduce((a, b) => a + b, 0)).toBe(sample.seats);
      const total = sample.parties.reduce((a, p) => a + p.votes, 0);
      sample.parties.forEach((p, i) => {
        const low = Math.floor((p.votes * sample.seats) / total);
        expect([low, low + 1]).toContain(r.allocation[i]);
      });
    }
  });

  it('equal remainders for fewer seats are drawn by lot', () => {
    const r = apportion('hare-niemeyer', 1, parties({ A: 1, B: 1 }), { seed: 's' });
    expect(r.tieBreaks).toHaveLength(1);
    expect(r.tieBreaks[0]!.how).toMatch(/lot/);
  });
});

describe('apportionment as a count over ballots', () => {
  const election: Election = {
    title: 'Council',
    seats: 8,
    candidates: ['A', 'B', 'C', 'D', 'E'].map((name) => ({ name, withdrawn: name === 'E' })),
    ballots: [
      { count: 100_000, ranking: [[0], [1]] },
      { count: 80_000, ranking: [[1]] },
      { count: 30_000, ranking: [[2]] },
      { count: 20_000, ranking: [[3], [0]] },
      { count: 5, ranking: [[0, 1]] }, // several first: not counted
      { count: 3, ranking: [[], [0]] }, // first rank blank: not counted
      { count: 7, ranking: [[4]] }, // withdrawn: not counted
    ],
  };

  it('counts first preferences and reports one round, citing the rule', () => {
    const report = countApportionment('dhondt', election);
    expect(report.rounds).toHaveLength(1);
    expect(report.rounds[0]!.votes).toEqual(['100000', '80000', '30000', '20000', '0']);
    expect(report.rounds[0]!.nonTransferable).toBe('15');
    expect(report.voters).toBe(230_000);
    expect(report.elected).toEqual([0, 1, 2]);
    const elected = report.rounds[0]!.actions.filter((a) => a.kind === 'elected');
    expect(elected.map((a) => a.reason)).toEqual([
      'A: 100000 votes ÷ divisor 25000 = 4.000000 → 4 seat(s)',
      'B: 80000 votes ÷ divisor 25000 = 3.200000 → 3 seat(s)',
      'C: 30000 votes ÷ divisor 25000 = 1.200000 → 1 seat(s)',
    ]);
  });

  it('is offered as the methods sainte-lague, dhondt and hare-niemeyer', () => {
    expect(APPORTIONMENT_METHODS.map((m) => m.name)).toEqual(['sainte-lague', 'dhondt', 'hare-niemeyer']);
    const hn = APPORTIONMENT_METHODS[2]!.count(election, {});
    expect(hn.method).toBe('hare-niemeyer');
    expect(hn.quota).toBe('28750.000000');
    expect(hn.rounds[0]!.actions[0]!.rule).toMatch(/BWahlG §6\(2\)/);
  });
});

describe('Bundestag second distribution: minimum seats (BWahlG § 6 (5))', () => {
  // Three Landesliste: 7 list seats and 10 constituency seats, 21 and 16, 1 and 0.
  const lists = [
    { name: 'L1', seats: 7, direct: 10 },
    { name: 'L2', seats: 21, direct: 16 },
    { name: 'L3', seats: 1, direct: 0 },
  ];

  it('2013 version: max(list seats, constituency seats) per list, summed', () => {
    const m = minimumSeats('2013', lists);
    expect(m.lists.map((l) => [l.minimum, l.overhang, l.mean])).toEqual([
      [10, 3, null],
      [21, 0, null],
      [1, 0, null],
    ]);
    expect(m).toMatchObject({ seats: 29, direct: 26, minimum: 32, overhang: 3, claim: 32, claimWithoutOverhang: 32 });
    expect(m.rule).toMatch(/BWahlG § 6 \(5\) S\.1 \(2013 version\)/);
  });

  it('2020 version: max(direct, ⌈(seats + direct) ÷ 2⌉) per list; the claim at least the list seats', () => {
    // ⌈17/2⌉ = 9 < 10 direct; ⌈37/2⌉ = 19; ⌈1/2⌉ = 1.
    const m = minimumSeats('2020', lists);
    expect(m.lists.map((l) => [l.mean, l.minimum, l.overhang])).toEqual([
      [9, 10, 3],
      [19, 19, 0],
      [1, 1, 0],
    ]);
    // Σ minimum 30 > Σ seats 29: the claim is 30; without the 3 overhang seats max(29, 27) = 29.
    expect(m).toMatchObject({ seats: 29, minimum: 30, overhang: 3, claim: 30, claimWithoutOverhang: 29 });
    expect(m.rule).toMatch(/§ 6 \(5\) S\.1–4 \(2020 version\)/);
  });
});

describe('Bundestag second distribution: the increase of the total (BWahlG § 6 (5) with (6) S.1)', () => {
  const votes = { A: 6000, B: 3100, C: 900 };

  it('the smallest house in which C gets its minimum of 3: 29 seats, divisor 350', () => {
    // C keeps 3 seats while 900 ÷ D ≥ 2.5, i.e. D ≤ 360 (upper end). At 360: A 16.67 → 17,
    // B 8.61 → 9, C 2.5 → 3. The next seat comes at max(6000/17.5, 3100/9.5, 900/3.5) = 342.857…
    // (lower end). The roundest divisor in (342.857, 360] is 350: 17 + 9 + 3 = 29.
    const r = increaseSeats([
      { name: 'A', votes: votes.A, minimum: 0 },
      { name: 'B', votes: votes.B, minimum: 0 },
      { name: 'C', votes: votes.C, minimum: 3 },
    ]);
    expect(r.partyDivisors).toEqual([{ party: 2, multiplier: '2.5', divisor: '360.000000', exact: '360' }]);
    expect(r).toMatchObject({ upperExact: '360', upperSeats: [17, 9, 3], lowerExact: '2400/7', divisor: '350' });
    expect(r.lowerDivisors.map((d) => d.multiplier)).toEqual(['17.5', '9.5', '3.5']);
    expect(r).toMatchObject({ allocation: [17, 9, 3], total: 29, unbalanced: [0, 0, 0] });
    expect(r.rule).toMatch(/BWahlG § 6 \(5\) S\.1–2 with \(6\) S\.1 \(2013 version\)/);
    // It is Sainte-Laguë for 29 seats, and 28 would leave C short.
    expect(apportion('sainte-lague', 29, parties(votes)).allocation).toEqual([17, 9, 3]);
    expect(apportion('sainte-lague', 28, parties(votes)).allocation[2]).toBe(2);
    // Starting divisor: 10000 ÷ 3 (the minimums) gives C 900 ÷ 3333.3 → 0 seats: not met.
    expect(r).toMatchObject({ claimTotal: 3, initialDivisorExact: '10000/3', initialMeetsMinimum: false });
  });

  it('2020: with one overhang seat allowed to stay unbalanced, the claim 5 of C need not be met', () => {
    // C: claim 5 with 2 threatened overhang seats, 3 without them. Divisors with overhang
    // 900/4.5 = 200 and 900/3.5 = 257.14 (j = 0, 1); the 2nd smallest bounds the house: 257.14
    // (< 900/2.5 = 360). There C has 3.5 → 4 seats, one short of 5: one unbalanced overhang seat.
    const r = increaseSeats(
      [
        { name: 'A', votes: votes.A, minimum: 0 },
        { name: 'B', votes: votes.B, minimum: 0 },
        { name: 'C', votes: votes.C, minimum: 3, claim: 5, overhang: 2 },
      ],
      { unbalanced: 1 },
    );
    expect(r.overhangDivisors.map((d) => [d.multiplier, d.exact])).toEqual([
      ['4.5', '200'],
      ['3.5', '1800/7'],
    ]);
    expect(r).toMatchObject({ smallestPartyDivisorExact: '360', overhangBoundExact: '1800/7', upperExact: '1800/7' });
    expect(r).toMatchObject({ upperSeats: [23, 12, 4], lowerExact: '12000/47', divisor: '256' });
    expect(r).toMatchObject({ proportional: [23, 12, 4], unbalanced: [0, 0, 1], allocation: [23, 12, 5] });
    expect(r).toMatchObject({ proportionalTotal: 39, total: 40 });
  });

  it('the result is the smallest house meeting every minimum (property)', () => {
    for (const sample of samples(150)) {
      const minima = sample.parties.map((p, i) => (i % 3 === 0 ? 1 + (p.votes % 7) : 0));
      const r = increaseSeats(sample.parties.map((p, i) => ({ ...p, minimum: minima[i]! })));
      if (r.partyDivisors.length === 0) continue;
      expect(r.allocation.every((s, i) => s >= minima[i]!)).toBe(true);
      const house = apportion('sainte-lague', r.total, sample.parties);
      if (house.tieBreaks.length === 0) expect(house.allocation).toEqual(r.allocation);
      if (r.total > 1) {
        const smaller = apportion('sainte-lague', r.total - 1, sample.parties, { seed: 'p' });
        expect(smaller.allocation.some((s, i) => s < minima[i]!)).toBe(true);
      }
    }
  });

  it('refuses a party without votes that must have seats', () => {
    expect(() => increaseSeats([{ name: 'A', votes: 0, minimum: 1 }])).toThrow(/without votes/);
  });
});

describe('Bundestag second distribution: Sainte-Laguë with a minimum per list (BWahlG § 6 (6) S.2)', () => {
  const lists = (votes: Record<string, number>, minimum: Record<string, number>) =>
    Object.entries(votes).map(([name, v]) => ({ name, votes: v, minimum: minimum[name] ?? 0 }));

  it('too many seats at the start: the divisor is raised, one seat per step', () => {
    // 10 seats, 100 votes: starting divisor 10 → A 6, B 3, C 1 by rounding, but C must have 3:
    // 6 + 3 + 3 = 12. Candidates (lists whose loss counts): A 60/5.5, 60/4.5; B 30/2.5, 30/1.5.
    // Step 1: above 10.909 (A), at most 12 (B) → 12: A 5, B 2.5 → 3, C 3 = 11. Step 2: A 60/4.5
    // = 13.33, 60/3.5; B 30/2.5 = 12, 30/1.5 → above 12, at most 13.33 → 13: A 4.6 → 5, B 2.3 → 2.
    const r = apportionWithMinimum(10, lists({ A: 60, B: 30, C: 10 }, { C: 3 }));
    expect(r.direction).toBe('up');
    expect(r.initial).toMatchObject({ divisorExact: '10', rounded: [6, 3, 1], seats: [6, 3, 3], total: 12 });
    expect(r.steps.map((s) => [s.lowerExact, s.upperExact, s.divisorExact, s.total])).toEqual([
      ['120/11', '12', '12', 11],
      ['12', '40/3', '13', 10],
    ]);
    expect(r.steps[0]!.candidates.map((c) => c.map((x) => x.multiplier))).toEqual([['5.5', '4.5'], ['2.5', '1.5'], []]);
    expect(r.allocation).toEqual([5, 2, 3]);
    expect(r).toMatchObject({ lowerExact: '12', upperExact: '40/3', divisorExact: '13' });
    expect(r.rule).toMatch(/BWahlG § 6 \(6\) S\.2/);
  });

  it('too few seats: the divisor is lowered; seats met at once: one step for the interval', () => {
    // 10 seats, A 46, B 34, C 20: divisor 10 → 5, 3, 2 = 10 (met). Up: 46/5.5, 34/3.5, 20/2.5 →
    // lower 9.714 (B); down: 46/4.5, 34/2.5, 20/1.5 → upper 10.222 (A). Chosen: 10.
    const exact = apportionWithMinimum(10, lists({ A: 46, B: 34, C: 20 }, {}));
    expect(exact.direction).toBe('exact');
    expect(exact.steps).toHaveLength(1);
    expect(exact.steps[0]!.candidates.map((c) => c.map((x) => x.multiplier))).toEqual([
      ['4.5', '5.5'],
      ['2.5', '3.5'],
      ['1.5', '2.5'],
    ]);
    expect(exact).toMatchObject({ lowerExact: '68/7', upperExact: '92/9', divisorExact: '10', allocation: [5, 3, 2] });
    // 10 seats, A 44, B 43, C 12 (at least 1): divisor 9.9 → 4.44, 4.34, 1.21 → 4 + 4 + 1 = 9, too
    // few. Candidates 44/4.5 = 9.78, 44/5.5; 43/4.5 = 9.56, 43/5.5; 12/1.5, 12/2.5: the divisor
    // above the second largest, at most the largest: (9.56, 9.78] → 9.6; A 4.58 → 5.
    const down = apportionWithMinimum(10, lists({ A: 44, B: 43, C: 12 }, { C: 1 }));
    expect(down.direction).toBe('down');
    expect(down.initial).toMatchObject({ divisorExact: '99/10', rounded: [4, 4, 1], total: 9 });
    expect(down.steps).toHaveLength(1);
    expect(down.steps[0]!.candidates.map((c) => c.map((x) => x.multiplier))).toEqual([
      ['4.5', '5.5'],
      ['4.5', '5.5'],
      ['1.5', '2.5'],
    ]);
    expect(down).toMatchObject({ lowerExact: '86/9', upperExact: '88/9', divisorExact: '48/5', allocation: [5, 4, 1] });
  });

  it('without minimums it is plain Sainte-Laguë, with the same interval (property)', () => {
    for (const sample of samples(150)) {
      const plain = apportion('sainte-lague', sample.seats, sample.parties, { seed: 's' });
      if (plain.tieBreaks.length > 0) continue;
      const r = apportionWithMinimum(
        sample.seats,
        sample.parties.map((p) => ({ ...p, minimum: 0 })),
      );
      expect(r.allocation).toEqual(plain.allocation);
      expect(r.lowerExact).toBe(plain.divisor!.lowerExact);
      if (r.upperExact !== null) expect(r.upperExact).toBe(plain.divisor!.upperExact);
    }
  });

  it('with minimums: the highest averages from the minimums up; one seat per step (property)', () => {
    let compared = 0;
    for (const sample of samples(200)) {
      const minimum = sample.parties.map((p, i) => (i % 2 === 0 ? p.votes % 4 : 0));
      const seats = sample.seats + minimum.reduce((a, b) => a + b, 0);
      let r;
      try {
        r = apportionWithMinimum(
          seats,
          sample.parties.map((p, i) => ({ ...p, minimum: minimum[i]! })),
        );
      } catch (e) {
        expect(String(e)).toMatch(/drawn by lot/);
        continue;
      }
      const expected = highestAveragesWithMinimum(
        seats,
        sample.parties.map((p) => p.votes),
        minimum,
      );
      if (expected === null) continue; // a tie at the last seat
      expect(r.allocation).toEqual(expected);
      const sign = r.direction === 'up' ? -1 : 1;
      r.steps.forEach((step, k) => {
        if (r.direction !== 'exact') expect(step.total).toBe(r.initial.total + sign * (k + 1));
        expect(parse(step.divisorExact).compare(parse(step.lowerExact))).toBe(1);
        if (step.upperExact !== null)
          expect(parse(step.divisorExact).compare(parse(step.upperExact))).toBeLessThanOrEqual(0);
      });
      compared += 1;
    }
    expect(compared).toBeGreaterThan(150);
  });

  it('a tie for the last seat would be drawn by lot: refused', () => {
    // 3 seats, A and B 100 each, C 50 with minimum 1: A and B tie for the third seat.
    expect(() => apportionWithMinimum(3, lists({ A: 100, B: 100, C: 50 }, { C: 2 }))).toThrow(/drawn by lot/);
    expect(() => apportionWithMinimum(2, lists({ A: 1 }, { A: 3 }))).toThrow(/more than the 2 seats/);
  });
});

/** Seats from the minimums up, each next one to the highest votes ÷ (seats + 0.5); null on a tie for the last. */
function highestAveragesWithMinimum(
  seats: number,
  votes: readonly number[],
  minimum: readonly number[],
): number[] | null {
  const s = [...minimum];
  for (let left = seats - minimum.reduce((a, b) => a + b, 0); left > 0; left -= 1) {
    // v_i ÷ (s_i + 0.5) compared as v_i × (2 s_j + 1) against v_j × (2 s_i + 1).
    let best = -1;
    let tied = false;
    for (const [i, v] of votes.entries()) {
      if (v === 0) continue;
      if (best < 0) {
        best = i;
        continue;
      }
      const a = v * (2 * s[best]! + 1);
      const b = votes[best]! * (2 * s[i]! + 1);
      if (a > b) {
        best = i;
        tied = false;
      } else if (a === b) tied = true;
    }
    if (tied && left === 1) return null;
    s[best] = s[best]! + 1;
  }
  return s;
}

function parse(text: string): Rational {
  const [n = '0', d = '1'] = text.includes('/') ? text.split('/') : [text.replace('.', ''), ''];
  if (text.includes('/')) return new Rational(BigInt(n), BigInt(d));
  const places = text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
  return new Rational(BigInt(n), 10n ** BigInt(places));
}

/** Deterministic random samples (a linear congruential generator, fixed seed). */
function samples(count: number): { seats: number; parties: { name: string; votes: number }[] }[] {
  let state = 12345;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const out: { seats: number; parties: { name: string; votes: number }[] }[] = [];
  for (let k = 0; k < count; k += 1) {
    const n = 1 + next(8);
    out.push({
      seats: 1 + next(30),
      parties: Array.from({ length: n }, (_, i) => ({ name: `P${i}`, votes: 1 + next(100_000) })),
    });
  }
  return out;
}
