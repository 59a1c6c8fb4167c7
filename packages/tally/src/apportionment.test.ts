import { describe, expect, it } from 'vitest';
import { apportion, APPORTIONMENT_METHODS, countApportionment, Rational, roundestIn } from './apportionment.ts';
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
