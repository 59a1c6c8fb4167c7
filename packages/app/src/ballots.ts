import { ok, type Result } from '@plenum/kernel';
import { electionOf, pedersenStep4ForBallot, type DomainEvent, type SecretBallot } from '@plenum/domain';
import {
  encryptedTally,
  parseElection,
  readBallot,
  verifyBallot,
  writeArchive,
  writeEncryptedTally,
  type ArchiveContent,
  type Election,
} from '@plenum/crypto';
import type { StoragePort } from './storage-port.ts';

/**
 * The ballot box's side of secret ballots (the rules are in @plenum/domain's ballot part):
 * checking a ballot's proofs before the rules see it, the encrypted tally, the Belenios
 * archive anyone can verify with `plenum verify election` or `belenios-tool election verify`.
 */

/** What the ballot box learns from a ballot whose proofs verify. */
export interface CheckedBallot {
  readonly credential: string;
  readonly tracker: string;
}

/**
 * Checks a ballot's proofs and signature for an election (its Belenios parameters, as
 * text). A server passes one that runs on worker threads; by default it runs here.
 */
export type BallotVerifier = (election: string, ballot: string) => Promise<Result<CheckedBallot>>;

export const inProcessBallotVerifier: BallotVerifier = (election, text) => {
  const e = electionOfText(election);
  if (!e.ok) return Promise.resolve(e);
  const checked = verifyBallot(e.value, text);
  return Promise.resolve(
    checked.ok ? ok({ credential: checked.value.credential, tracker: checked.value.tracker }) : checked,
  );
};

const parsedElections = new Map<string, Election>();

function electionOfText(text: string): Result<Election> {
  const known = parsedElections.get(text);
  if (known !== undefined) return ok(known);
  const parsed = parseElection(text);
  if (parsed.ok) {
    if (parsedElections.size > 16) parsedElections.clear();
    parsedElections.set(text, parsed.value);
  }
  return parsed;
}

/** Reads every ballot.cast of one ballot from the record, in order (tracker → text). */
export async function castBallots(storage: StoragePort, ballotId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const size = await storage.eventCount();
  for (let at = 0; at < size;) {
    const page = await storage.readEvents(at, 5000);
    if (page.length === 0) break;
    for (const stored of page) {
      // Cheap test first: most of the record is not ballots.
      if (!stored.payload.includes('"ballot.cast"')) continue;
      const event = (JSON.parse(stored.payload) as { event: DomainEvent }).event;
      if (event.type === 'ballot.cast' && event.ballotId === ballotId) out.set(event.hash, event.ballot);
    }
    at = page[page.length - 1]?.seq ?? size;
  }
  return out;
}

/** The encrypted tally of the counted ballots (the last of each credential), as Belenios writes it. */
export function tallyOf(ballot: SecretBallot, texts: ReadonlyMap<string, string>): string {
  const e = electionOf(ballot);
  if (e === undefined) throw new RangeError('the ballot is not open');
  const counted = ballot.box.lastHashes(ballot.cast).map((hash) => {
    const text = texts.get(hash);
    if (text === undefined) throw new RangeError(`ballot ${hash} is in the state but not in the record`);
    const b = readBallot(e, text);
    return { ballot: b, credential: e.group.toString(b.credential), weight: 1 };
  });
  return writeEncryptedTally(e.group, encryptedTally(e, counted));
}

/** The ballot's public data as a Belenios archive (.bel), as far as it has gone. */
export function archiveOf(ballot: SecretBallot, texts: ReadonlyMap<string, string>, timestamp: number): Uint8Array {
  if (ballot.election === null || ballot.trusteesText === null) throw new RangeError('the ballot is not open');
  const ballots = [...texts.values()];
  const content: ArchiveContent = {
    timestamp,
    election: ballot.election,
    trustees: ballot.trusteesText,
    credentials: ballot.credentials,
    ballots,
    ...(ballot.encryptedTally === null
      ? {}
      : {
          tally: { text: ballot.encryptedTally, numTallied: ballot.counted, totalWeight: ballot.counted },
          partialDecryptions: [...ballot.decryptions.entries()]
            .sort((a, b) => a[0] - b[0])
            .map(([owner, d]) => ({ owner, text: d.text })),
          ...(ballot.result === null ? {} : { result: `{"result":${JSON.stringify(ballot.result)}}` }),
        }),
  };
  return writeArchive(content);
}

/** Step 4 of the key generation, for one trustee: the shares meant for it (derived from the record). */
export function vinputFor(ballot: SecretBallot, memberId: string): Result<string> | undefined {
  return pedersenStep4ForBallot(ballot, memberId);
}
