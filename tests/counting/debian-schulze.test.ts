import { describe, expect, it } from 'vitest';
import { parsePreflib } from '../../packages/tally/src/formats/preflib.ts';
import { countSchulze } from '../../packages/tally/src/schulze.ts';
import { readCountingText } from './data.ts';

/**
 * Debian Project Leader elections, as PrefLib dataset 00002 holds them
 * (preflib/00002-debian/, see SOURCES.md): each year as SOI (unranked candidates left off)
 * and TOC (the same ballots with the unranked candidates added, tied, at the bottom). The
 * Schulze method treats an unranked candidate as ranked below every ranked one, so both
 * files of a year must give the same count.
 *
 * The expected winners are not in the data files (which name the alternatives only); they
 * are Debian's public record, the results announced by the Project Secretary on
 * https://www.debian.org/vote/<year>/vote_001 (reported at the time, e.g. Slashdot
 * 2002-04-17 for 2002, Linux Pro Magazine issue 80 for 2007):
 *   2002 Bdale Garbee, 2005 Branden Robinson, 2007 Sam Hocevar, 2010 and 2012 Stefano Zacchiroli.
 *
 * Left out on purpose: 2003 (file 2; official winner Martin Michlmayr) and 2006 (file 4;
 * official winner Anthony Towns). SOURCES.md records that Schulze over these two files does
 * not give the official winner — probably a candidate-label problem in PrefLib's conversion —
 * so they cannot serve as expected results (here they give Bdale Garbee and Steve McIntyre).
 * Also left out: file 8, the Debian logo vote, whose official result is not in the data.
 */
const YEARS = [
  { year: 2002, file: '00002-00000001', winner: 'Bdale Garbee', voters: 475 },
  { year: 2005, file: '00002-00000003', winner: 'Branden Robinson', voters: 504 },
  { year: 2007, file: '00002-00000005', winner: 'Sam Hocevar', voters: 482 },
  { year: 2010, file: '00002-00000006', winner: 'Stefano Zacchiroli', voters: 436 },
  { year: 2012, file: '00002-00000007', winner: 'Stefano Zacchiroli', voters: 403 },
] as const;

describe('Schulze over the Debian leader elections (PrefLib 00002)', () => {
  for (const { year, file, winner, voters } of YEARS) {
    it(`${year}: ${winner} wins, from the SOI and from the TOC file alike`, () => {
      const soi = parsePreflib(readCountingText(`preflib/00002-debian/${file}.soi`));
      const toc = parsePreflib(readCountingText(`preflib/00002-debian/${file}.toc`));
      expect(soi.title).toBe(`Debian ${year} Leader`);
      const fromSoi = countSchulze(soi);
      const fromToc = countSchulze(toc);
      expect(fromSoi.voters).toBe(voters);
      // No draw by lot was needed (no seed was given, so a tie would have thrown).
      expect(fromSoi.tieBreaks).toEqual([]);
      expect(fromSoi.elected.map((c) => soi.candidates[c]?.name)).toEqual([winner]);
      expect(fromSoi.ranking[0]?.map((c) => soi.candidates[c]?.name)).toEqual([winner]);
      expect(toc.candidates.map((c) => c.name)).toEqual(soi.candidates.map((c) => c.name));
      expect(fromToc.pairwise).toEqual(fromSoi.pairwise);
      expect(fromToc.ranking).toEqual(fromSoi.ranking);
      expect(fromToc.elected).toEqual(fromSoi.elected);
    });
  }
});
