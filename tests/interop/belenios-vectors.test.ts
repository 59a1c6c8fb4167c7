// Known answers from belenios-tool 2.0, kept in belenios/ (its README.md says how they were
// made): election.bel, the public archive of an election in BELENIOS-2048 with two Single
// trustees, three ballots, the encrypted tally, both partial decryptions and the result,
// and the private credential of the first voter. Unlike belenios.test.ts this runs without
// belenios-tool, and pins the exact bytes we must read and write.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  archiveFiles,
  combineDecryptions,
  credentialSecret,
  decryptResult,
  electionPublicKey,
  encryptedTally,
  hashJson,
  isPrivateCredential,
  makeBallot,
  makeElection,
  parseElection,
  parseEncryptedTally,
  parsePartialDecryption,
  parsePublicCredential,
  parseTrustees,
  publicCredential,
  readBallot,
  readTar,
  signBallot,
  trusteeKeysInOrder,
  verifyArchive,
  writeArchive,
  verifyBallot,
  verifyPartialDecryption,
  writeEncryptedTally,
  writePartialDecryption,
  writeResult,
} from '@plenum/crypto';

const DIR = join(import.meta.dirname, 'belenios');

/** The files of an old-style tar archive, in order (what a Belenios archive is, §4.4). */
function untar(bytes: Uint8Array): { name: string; text: string }[] {
  const files: { name: string; text: string }[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let at = 0; at + 512 <= bytes.length;) {
    const header = bytes.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const field = (from: number, length: number): string =>
      decoder
        .decode(header.subarray(from, from + length))
        .replace(/\0.*$/s, '')
        .trim();
    const size = Number.parseInt(field(124, 12), 8);
    files.push({ name: field(0, 100), text: decoder.decode(bytes.subarray(at + 512, at + 512 + size)) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

const files = untar(readFileSync(join(DIR, 'election.bel')));
const data = (hash: string): string => files.find((f) => f.name === `${hash}.data.json`)!.text;
const events = files
  .filter((f) => f.name.endsWith('.event.json'))
  .map((f) => JSON.parse(f.text) as { type: string; payload?: string });
const payloads = (type: string): string[] => events.filter((e) => e.type === type).map((e) => data(e.payload!));
const setup = JSON.parse(payloads('Setup')[0]!) as { election: string; trustees: string; credentials: string };
const electionText = data(setup.election);
const trusteesText = data(setup.trustees);
const ballotTexts = payloads('Ballot');
const tallyText = data((JSON.parse(payloads('EncryptedTally')[0]!) as { encrypted_tally: string }).encrypted_tally);
const decryptionTexts = payloads('PartialDecryption').map((owned) => {
  const o = JSON.parse(owned) as { owner: number; payload: string };
  return { owner: o.owner, text: data(o.payload) };
});
const resultText = payloads('Result')[0]!;

function must<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r.value;
}

const E = must(parseElection(electionText));
const G = E.group;
const publicCreds = (JSON.parse(data(setup.credentials)) as string[]).map((line) => parsePublicCredential(G, line));
const isCredential = (c: string): boolean => publicCreds.some((p) => p?.credential === c);
const privateCredential = readFileSync(join(DIR, 'private_credential.txt'), 'utf8').trim();

describe('belenios-tool 2.0 known answers', () => {
  it('election: fingerprint, and the same bytes written back', () => {
    expect(E.fingerprint).toBe('MH2Ac475VpvvyTwjKK/KBQI2AaHyZofmYRHiqw+neSI');
    expect(E.fingerprint).toBe(hashJson(electionText));
    const again = must(
      makeElection({
        uuid: E.uuid,
        name: E.name,
        description: E.description,
        group: 'BELENIOS-2048',
        publicKey: G.toString(E.publicKey),
        questions: E.questions,
      }),
    );
    expect(again.json).toBe(electionText);
  });

  it('credentials: the private credential gives its public credential', () => {
    expect(isPrivateCredential(privateCredential)).toBe(true);
    const secret = must(credentialSecret(G, E.uuid, privateCredential));
    expect(isCredential(publicCredential(G, secret))).toBe(true);
    expect(isCredential(publicCredential(G, secret + 1n))).toBe(false);
  });

  it('ballots: belenios-tool’s verify, ours made with its credential verify too', () => {
    expect(ballotTexts).toHaveLength(3);
    for (const text of ballotTexts) {
      const r = must(verifyBallot(E, text, { isCredential }));
      expect(r.tracker).toBe(hashJson(text));
    }
    const secret = must(credentialSecret(G, E.uuid, privateCredential));
    expect(
      verifyBallot(
        E,
        must(
          makeBallot(E, secret, [
            [0, 1],
            [1, 0, 0, 0],
          ]),
        ),
        { isCredential },
      ).ok,
    ).toBe(true);
  });

  it('trustees, tally, partial decryptions and result, byte for byte', () => {
    const trustees = must(parseTrustees(G, trusteesText));
    expect(G.equals(electionPublicKey(G, trustees), E.publicKey)).toBe(true);
    const ballots = ballotTexts.map((text) => {
      const v = must(verifyBallot(E, text));
      return { ballot: v.ballot, credential: v.credential, weight: 1 };
    });
    const tally = encryptedTally(E, ballots);
    expect(writeEncryptedTally(G, tally)).toBe(tallyText);
    expect(writeEncryptedTally(G, must(parseEncryptedTally(E, tallyText)))).toBe(tallyText);
    const keys = trusteeKeysInOrder(trustees);
    const byOwner = new Map(
      decryptionTexts.map(({ owner, text }) => {
        const pd = must(parsePartialDecryption(E, text));
        expect(writePartialDecryption(G, pd)).toBe(text);
        must(verifyPartialDecryption(E, tally, keys[owner - 1], pd));
        expect(verifyPartialDecryption(E, tally, keys[2 - owner], pd).ok).toBe(false);
        return [owner, pd] as const;
      }),
    );
    const F = must(combineDecryptions(E, tally, trustees, byOwner));
    expect(decryptionTexts.map((d) => d.owner)).toEqual([1, 2]);
    expect(writeResult(must(decryptResult(E, tally, F, ballots.length)))).toBe(resultText);
    expect(combineDecryptions(E, tally, trustees, new Map([[1, byOwner.get(1)!]])).ok).toBe(false);
  });

  it('archive: verified whole, and written back file for file', () => {
    const bytes = readFileSync(join(DIR, 'election.bel'));
    const summary = must(verifyArchive(bytes));
    expect([summary.ballots, summary.tallied, summary.result]).toEqual([
      3,
      3,
      [
        [1, 1],
        [1, 1, 2, 0],
      ],
    ]);
    expect(must(readTar(bytes))).toEqual(files);
    const content = {
      timestamp: Number((JSON.parse(files[0]!.text) as { timestamp: string }).timestamp),
      election: electionText,
      trustees: trusteesText,
      credentials: JSON.parse(data(setup.credentials)) as string[],
      ballots: ballotTexts,
      tally: { text: tallyText, numTallied: 3, totalWeight: 3 },
      partialDecryptions: decryptionTexts,
      result: resultText,
    };
    expect(archiveFiles(content)).toEqual(files);
    expect(must(readTar(writeArchive(content)))).toEqual(files);
    // Every entry of belenios-tool's archive has the header's time: the very same bytes.
    expect(Buffer.from(writeArchive(content)).equals(bytes)).toBe(true);
  });

  it('archive: a tampered one is refused at the first failing check', () => {
    const bytes = readFileSync(join(DIR, 'election.bel'));
    const where = (b: Uint8Array): unknown => {
      const r = verifyArchive(b);
      return r.ok ? 'accepted' : `${r.messageKey} ${String(r.params['where'])}`;
    };
    // One byte of the first ballot changed: its file is no longer named by its hash.
    const flipped = Uint8Array.from(bytes);
    const at = Buffer.from(bytes).indexOf('"election_uuid"');
    flipped[at + 20] = flipped[at + 20]! ^ 1;
    expect(where(flipped)).toMatch(/^crypto\.malformed [0-9a-f]{64}\.data\.json$/);
    // The first ballot changed and signed again, the archive rebuilt around it.
    const b = readBallot(E, ballotTexts[0]!);
    const c = b.answers[0]!.choices[0]!;
    const changed = {
      ...b.answers[0]!,
      choices: [{ alpha: c.alpha, beta: G.mul(c.beta, G.g) }, b.answers[0]!.choices[1]!],
    };
    const secret = must(credentialSecret(G, E.uuid, privateCredential));
    const forged = signBallot(E, secret, { ...b, answers: [changed, b.answers[1]!] });
    const rebuilt = writeArchive({
      timestamp: 1,
      election: electionText,
      trustees: trusteesText,
      credentials: JSON.parse(data(setup.credentials)) as string[],
      ballots: [forged, ...ballotTexts.slice(1)],
    });
    expect(where(rebuilt)).toMatch(/^crypto\.invalid-proof event 1 \(.*\): \$\.answers\[0\]\.individual_proofs\[0\]$/);
    // A result that is not the decryption of the tally.
    const lying = writeArchive({
      timestamp: 1,
      election: electionText,
      trustees: trusteesText,
      credentials: JSON.parse(data(setup.credentials)) as string[],
      ballots: ballotTexts,
      tally: { text: tallyText, numTallied: 3, totalWeight: 3 },
      partialDecryptions: decryptionTexts,
      result: '{"result":[[2,0],[1,1,2,0]]}',
    });
    expect(where(lying)).toMatch(/^crypto\.invalid-proof event 8 /);
    // A ballot left out of the tally.
    const short = writeArchive({
      timestamp: 1,
      election: electionText,
      trustees: trusteesText,
      credentials: JSON.parse(data(setup.credentials)) as string[],
      ballots: ballotTexts.slice(0, 2),
      tally: { text: tallyText, numTallied: 2, totalWeight: 2 },
    });
    expect(where(short)).toMatch(/^crypto\.invalid-proof event 4/);
  });
});
