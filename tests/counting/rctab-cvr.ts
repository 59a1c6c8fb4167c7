// A small reader of NIST SP 1500-103 cast-vote records in JSON (the "CDF" CVR that RCTab reads,
// provider "cdf"), for the counting tests only: it turns one contest's records into an
// `Election`, reading them the way RCTab's CommonDataFormatReader does (RCTab 2.0, BrightSpots/rcv).
//
// - The contest is the one whose `Name` is the config's `contestId`; in each CVR, its current
//   snapshot (`CurrentSnapshotId`) gives the `CVRContest` for that contest.
// - Each `CVRContestSelection` names a `ContestSelection`, whose first `CandidateIds` entry names
//   a `Candidate` (a selection with `IsWriteIn` true, or a position with `CVRWriteIn`, is an
//   undeclared write-in). Its rank is the selection's `Rank`, or else each `SelectionPosition`'s
//   `Rank`, skipping positions with `HasIndication` or `IsAllocable` "no".
// - Ranks become ranking groups 1…(highest rank marked): one candidate is a vote; several at one
//   rank are an overvote; a rank with nothing is an empty group (a skipped rank); the same
//   candidate at two ranks stays as marked (a repeated ranking: irv.ts `repeatedCandidate`).
// - A CVR without the contest is not a ballot for it (RCTab's XML reader skips it).
import type { Ballot, Election } from '../../packages/tally/src/election.ts';

/** RCTab's name for the undeclared write-in candidate in its reports. */
export const UNDECLARED_WRITE_INS = 'Undeclared Write-ins';

export interface CdfSource {
  /** The CVR file's text. */
  readonly text: string;
  /** The config's `contestId`: the contest's `Name` in the file. */
  readonly contestName: string;
  /** Where the text came from, for error messages. */
  readonly file: string;
}

export interface CdfElection {
  readonly election: Election;
  /** The index of the undeclared write-in candidate, if a ballot ranks one. */
  readonly undeclaredWriteIn: number | null;
}

type Json = Record<string, unknown>;

function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as Json;
}

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not an array`);
  return value;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} is not a string`);
  return value;
}

function rank(value: unknown, what: string): number {
  const r = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof r !== 'number' || !Number.isSafeInteger(r) || r < 1) throw new Error(`${what}: rank ${String(value)}`);
  return r;
}

/**
 * The ballots of one contest from one or more CDF JSON files (RCTab tabulates several sources
 * as one contest), with `candidates` (the config's, in its order) as the election's candidates.
 * A candidate on a ballot that is not among them is an error, as in RCTab.
 */
export function readCdfCvr(sources: readonly CdfSource[], candidates: readonly string[], title = ''): CdfElection {
  const names = [...candidates];
  const index = new Map(names.map((name, c) => [name, c]));
  const candidateIndex = (name: string, where: string): number => {
    let c = index.get(name);
    if (c === undefined) {
      if (name !== UNDECLARED_WRITE_INS) throw new Error(`${where}: ${JSON.stringify(name)} is not a candidate`);
      c = names.length;
      index.set(name, c);
      names.push(name);
    }
    return c;
  };
  const ballots: Ballot[] = [];
  for (const source of sources) {
    const report = object(JSON.parse(source.text), source.file);
    const candidateName = new Map<string, string>();
    let contest: Json | undefined;
    for (const e of list(report.Election, `${source.file} Election`)) {
      const election = object(e, `${source.file} Election`);
      for (const c of list(election.Candidate, `${source.file} Candidate`)) {
        const candidate = object(c, `${source.file} Candidate`);
        candidateName.set(text(candidate['@id'], 'Candidate @id'), text(candidate.Name, 'Candidate Name'));
      }
      for (const k of list(election.Contest, `${source.file} Contest`)) {
        const found = object(k, `${source.file} Contest`);
        if (found.Name === source.contestName) contest = found;
      }
    }
    if (contest === undefined)
      throw new Error(`${source.file}: no contest named ${JSON.stringify(source.contestName)}`);
    const contestId = text(contest['@id'], 'Contest @id');
    const selectionName = new Map<string, string>();
    for (const s of list(contest.ContestSelection, `${source.file} ContestSelection`)) {
      const selection = object(s, `${source.file} ContestSelection`);
      const id = text(selection['@id'], 'ContestSelection @id');
      if (selection.IsWriteIn === true || selection.IsWriteIn === 'true') {
        selectionName.set(id, UNDECLARED_WRITE_INS);
        continue;
      }
      const candidateId = text(list(selection.CandidateIds, `ContestSelection ${id} CandidateIds`)[0], id);
      const name = candidateName.get(candidateId);
      if (name === undefined)
        throw new Error(`${source.file}: candidate ${candidateId} of selection ${id} is not listed`);
      selectionName.set(id, name);
    }

    for (const [n, v] of list(report.CVR, `${source.file} CVR`).entries()) {
      const where = `${source.file} CVR ${n + 1}`;
      const cvr = object(v, where);
      const current = text(cvr.CurrentSnapshotId, `${where} CurrentSnapshotId`);
      const snapshot = list(cvr.CVRSnapshot, `${where} CVRSnapshot`)
        .map((s) => object(s, `${where} CVRSnapshot`))
        .find((s) => s['@id'] === current);
      if (snapshot === undefined) throw new Error(`${where}: no snapshot ${current}`);
      const cvrContest = list(snapshot.CVRContest, `${where} CVRContest`)
        .map((k) => object(k, `${where} CVRContest`))
        .find((k) => k.ContestId === contestId);
      if (cvrContest === undefined) continue;

      const marks: { rank: number; candidate: number }[] = [];
      for (const s of list(cvrContest.CVRContestSelection ?? [], `${where} CVRContestSelection`)) {
        const selection = object(s, `${where} CVRContestSelection`);
        const id = text(selection.ContestSelectionId, `${where} ContestSelectionId`);
        const name = selectionName.get(id);
        if (name === undefined) throw new Error(`${where}: selection ${id} is not in the contest`);
        if (selection.Rank !== undefined) {
          marks.push({ rank: rank(selection.Rank, where), candidate: candidateIndex(name, where) });
          continue;
        }
        for (const p of list(selection.SelectionPosition, `${where} SelectionPosition`)) {
          const position = object(p, `${where} SelectionPosition`);
          const who = position.CVRWriteIn === undefined ? name : UNDECLARED_WRITE_INS;
          if (position.HasIndication === 'no' || position.IsAllocable === 'no') continue;
          marks.push({ rank: rank(position.Rank, where), candidate: candidateIndex(who, where) });
        }
      }
      const highest = marks.reduce((m, mark) => Math.max(m, mark.rank), 0);
      const ranking: number[][] = Array.from({ length: highest }, () => []);
      // In the file's order within a rank, as RCTab adds them.
      for (const mark of marks) ranking[mark.rank - 1]?.push(mark.candidate);
      ballots.push({ count: 1, ranking });
    }
  }
  const undeclared = index.get(UNDECLARED_WRITE_INS);
  return {
    election: { title, seats: 1, candidates: names.map((name) => ({ name, withdrawn: false })), ballots },
    undeclaredWriteIn: undeclared ?? null,
  };
}
