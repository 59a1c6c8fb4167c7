// Glasgow City Council 2007 (21 wards, real ballots) and Droop's own Scottish STV test
// profiles, counted with Scottish STV and compared at every stage with the dumps of Droop's
// "scotland" rule (../shared/data/counting/droop/ref/dump, see SOURCES.md there): each
// candidate's votes, the non-transferable votes and the quota, after the first stage and
// after every transfer.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../packages/tally/src/decimal.ts';
import { parseBlt } from '../../packages/tally/src/formats/blt.ts';
import { countScottishStv } from '../../packages/tally/src/stv/scottish.ts';
import { readCountingText } from './data.ts';

const GLASGOW_WARDS = [
  'Anderston-City',
  'Baillieston',
  'Calton',
  'Canal',
  'Craigton',
  'Drumchapel-Anniesland',
  'East-Centre',
  'Garscadden-Scotsounhill',
  'Govan',
  'Greater-Pollock',
  'Hillhead',
  'Langside',
  'Linn',
  'Maryhill-Kelvin',
  'Newlands-Auldburn',
  'North-East',
  'Partick-West',
  'Pollokshields',
  'Shettleston',
  'Southside-Central',
  'Springburn',
];

interface DumpStage {
  readonly row: number;
  readonly quota: string;
  readonly nonTransferable: string;
  readonly votes: ReadonlyMap<string, string>;
  readonly elected: readonly string[];
}

/**
 * The `begin` and `transfer` rows of a Droop dump: the state after each stage. Droop also makes
 * a stage of a zero surplus (a candidate elected with exactly the quota: an `unpend` row, then a
 * `transfer` that moves nothing); the Order does not, since r.48(1) transfers only votes that
 * exceed the quota, so those empty stages are left out (`zeroSurplusStages` counts them).
 */
function readDump(text: string): { stages: DumpStage[]; elected: string[]; zeroSurplusStages: number } {
  const stages: DumpStage[] = [];
  const elected: string[] = [];
  let zeroSurplusStages = 0;
  let previousAction = '';
  let previousState = '';
  text.split(/\r?\n/).forEach((line, i) => {
    const cells = line.split('\t');
    const action = cells[1];
    const before = previousAction;
    const stateBefore = previousState;
    if (action !== undefined && action !== 'log' && action !== 'round') {
      previousAction = action;
      previousState = cells.slice(2).join('\t');
    }
    if (action !== 'begin' && action !== 'transfer' && action !== 'end') return;
    if (action === 'transfer' && before === 'unpend' && stateBefore === cells.slice(2).join('\t')) {
      zeroSurplusStages += 1;
      return;
    }
    const votes = new Map<string, string>();
    const electedHere: string[] = [];
    for (let at = 4; at + 2 < cells.length + 1; at += 3) {
      const name = cells[at] ?? '';
      if (name === '') continue;
      votes.set(name, cells[at + 2] ?? '');
      if (cells[at + 1] === 'E' || cells[at + 1] === 'e') electedHere.push(name);
    }
    if (action === 'end') {
      elected.push(...electedHere);
      return;
    }
    stages.push({ row: i + 1, quota: cells[2] ?? '', nonTransferable: cells[3] ?? '', votes, elected: electedHere });
  });
  return { stages, elected, zeroSurplusStages };
}

const units = (text: string): bigint => Decimal.parse(text, 5).units;
const show = (value: bigint): string => Decimal.fromUnits(value, 5).toString();

/** Names as Droop prints them may carry extra spaces ("Kieran Wild " in Canal). */
const same = (a: string, b: string): boolean => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/**
 * `drawsByLot`: how many exclusions the Order leaves to lot (candidates equal at every stage).
 * Droop breaks such ties by its own fixed order, we by SeededLot, so who goes may differ: there
 * each stage is compared as the multiset of candidates' votes (and non-transferable), and the
 * draws must be reported as tie-breaks by lot.
 */
function checkAgainstDump(bltPath: string, dumpPath: string, zeroSurplusStages = 0, drawsByLot = 0): void {
  const election = parseBlt(readCountingText(bltPath));
  const report = countScottishStv(election);
  const dump = readDump(readCountingText(dumpPath));
  expect(dump.stages.length, `${dumpPath}: the dump has stages`).toBeGreaterThan(0);
  expect(dump.zeroSurplusStages, `${dumpPath}: Droop's stages for zero surpluses`).toBe(zeroSurplusStages);
  expect(report.rounds.length, `${bltPath}: number of stages against ${dumpPath}`).toBe(dump.stages.length);
  const problems: string[] = [];
  dump.stages.forEach((stage, s) => {
    const round = report.rounds[s];
    const at = `${dumpPath} line ${stage.row} (stage ${s + 1})`;
    if (round === undefined) return;
    if (round.quota !== stage.quota) problems.push(`${at}: quota ${stage.quota}, counted ${String(round.quota)}`);
    // Droop's non-transferable is the value of the papers with no further preference; ours also
    // holds what the truncation of transfer values lost (r.48(3)), reported apart.
    const exhausted = show(units(round.nonTransferable) - units(round.lostToRounding));
    if (exhausted !== stage.nonTransferable) {
      problems.push(
        `${at}: non-transferable ${stage.nonTransferable}, counted ${exhausted} (+ ${round.lostToRounding} lost to truncation)`,
      );
    }
    if (drawsByLot > 0) {
      const theirs = [...stage.votes.values()].sort();
      const ours = round.votes.filter((_, c) => election.candidates[c]?.withdrawn !== true).sort();
      if (theirs.join(' ') !== ours.join(' '))
        problems.push(`${at}: votes ${theirs.join(' ')}, counted ${ours.join(' ')}`);
      return;
    }
    for (const [name, expected] of stage.votes) {
      const c = report.candidates.findIndex((candidate) => same(candidate, name));
      const got = c < 0 ? '(no such candidate)' : (round.votes[c] ?? '(missing)');
      if (got !== expected) problems.push(`${at}: ${name} ${expected}, counted ${got}`);
    }
  });
  expect(problems, problems.join('\n')).toEqual([]);
  expect(
    report.tieBreaks.filter((t) => t.lot !== undefined && t.purpose === 'exclude'),
    `${bltPath}: exclusions by lot`,
  ).toHaveLength(drawsByLot);
  if (drawsByLot > 0) return;
  expect(report.elected.map((c) => report.candidates[c]).sort(), `${bltPath}: elected against ${dumpPath}`).toEqual(
    dump.elected.map((name) => report.candidates.find((candidate) => same(candidate, name)) ?? name).sort(),
  );
}

describe('Scottish STV against Droop on Glasgow City 2007 (21 wards)', () => {
  it('has 21 wards', () => {
    expect(GLASGOW_WARDS).toHaveLength(21);
  });
  for (const ward of GLASGOW_WARDS) {
    it(ward, () => {
      checkAgainstDump(
        `droop/blt/scotland/${ward}-2007.blt`,
        `droop/ref/dump/scotland/${ward}-2007-scotland-fixed-p5-d5.txt`,
      );
    });
  }
});

describe("Scottish STV against Droop's scotland rule on its test profiles", () => {
  for (const name of ['42', '42t', '42u', '513', 'M135']) {
    it(name, () => {
      checkAgainstDump(`droop/blt/${name}.blt`, `droop/ref/dump/${name}-scotland-fixed-p5-d5.txt`);
    });
  }
  // Three exclusions among candidates equal at every stage, left to lot by r.51(2)(b).
  for (const name of ['SC', 'SCw', 'SCwopt']) {
    it(`${name} (three exclusions by lot)`, () => {
      checkAgainstDump(`droop/blt/${name}.blt`, `droop/ref/dump/${name}-scotland-fixed-p5-d5.txt`, 0, 3);
    });
  }
  it('SC-Vm-12 (two candidates elected with exactly the quota: Droop adds two empty stages)', () => {
    // X, Y and Z have 667 votes at every stage: two of them are excluded by lot (r.51(2)(b)).
    checkAgainstDump('droop/blt/SC-Vm-12.blt', 'droop/ref/dump/SC-Vm-12-scotland-fixed-p5-d5.txt', 2, 2);
  });
  it('weak-defeat', () => {
    checkAgainstDump(
      'droop/blt/scotland/weak-defeat.blt',
      'droop/ref/dump/scotland/weak-defeat-scotland-fixed-p5-d5.txt',
    );
  });
  it('weak-surplus (two candidates elected with exactly the quota: Droop adds two empty stages)', () => {
    checkAgainstDump(
      'droop/blt/scotland/weak-surplus.blt',
      'droop/ref/dump/scotland/weak-surplus-scotland-fixed-p5-d5.txt',
      2,
      1, // E and F have 3 votes at every stage: one is excluded by lot
    );
  });
});
