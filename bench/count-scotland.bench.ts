// Scottish STV (packages/tally/src/stv/scottish.ts) over every ward of the Scottish council
// elections of 2017: 351 BLT files from ../shared/data/counting/scotland-2017 (see SOURCES.md
// there), each parsed and counted. The files are read once beforehand, so the figures are the
// parse + count time alone. Goal: the whole set in under 2 s.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBlt } from '../packages/tally/src/formats/blt.ts';
import { countErs97 } from '../packages/tally/src/stv/ers97.ts';
import { countScottishStv } from '../packages/tally/src/stv/scottish.ts';
import { header, measure } from './harness.ts';

const DIR = join(import.meta.dirname, '../../shared/data/counting/scotland-2017/blt');
const texts = readdirSync(DIR)
  .filter((f) => f.endsWith('.blt'))
  .sort()
  .map((f) => readFileSync(join(DIR, f), 'utf8'));
if (texts.length !== 351) throw new Error(`expected the 351 wards' BLT files in ${DIR}, found ${texts.length}`);

let ballots = 0;
let stages = 0;
const countAll = (parse: boolean, elections: ReturnType<typeof parseBlt>[]): void => {
  ballots = 0;
  stages = 0;
  texts.forEach((text, i) => {
    const election = parse ? parseBlt(text) : (elections[i] ?? parseBlt(text));
    ballots += election.ballots.length;
    stages += countScottishStv(election).rounds.length;
  });
};
const parsed = texts.map((text) => parseBlt(text));

header('Scottish STV: the 351 wards of 2017');
await measure('parse + count all 351 wards', 5, () => {
  countAll(true, parsed);
  return Promise.resolve();
});
await measure('count only (already parsed)', 5, () => {
  countAll(false, parsed);
  return Promise.resolve();
});
console.log(`\n${texts.length} wards, ${ballots} distinct ballots, ${stages} stages in all.`);

header('ERS97 STV: the same 351 wards');
let ers97Stages = 0;
await measure('count all 351 wards by ERS97 (already parsed)', 5, () => {
  ers97Stages = 0;
  for (const election of parsed) ers97Stages += countErs97(election).rounds.length;
  return Promise.resolve();
});
console.log(`\n${ers97Stages} ERS97 stages in all.`);
