// Interoperability of packages/crypto with belenios-tool 2.0 (Debian's belenios-tool, an
// independent OCaml implementation of the Belenios protocol) in BELENIOS-2048:
//   1. belenios-tool sets up an election and makes ballots; we read the election and verify
//      every ballot, and refuse tampered ones with the failing check;
//   2. we make ballots for the same election; belenios-tool's `election verify` accepts them
//      (and rejects a tampered one), and its encrypted tally is byte for byte ours;
//   3. our trustee's partial decryption is accepted by belenios-tool, which computes the
//      result from it; ours is the same, and both are the votes cast;
//   4. threshold trustees: keys made by our Pedersen key generation are accepted by
//      belenios-tool, which combines our partial decryptions (2 of 3) into the right result;
//      belenios-tool's own threshold keys and partial decryptions verify and combine here;
//      and a Plenum trustee takes part in belenios-tool's key generation (steps 1, 3, 5, with
//      encrypted channels), our server steps 4 and 6 agree with belenios-tool's, and it decrypts;
//   5. archives: our verifier accepts belenios-tool's, belenios-tool accepts ours, and both
//      refuse a tampered one;
//   6. weighted voters: the same weighted encrypted tally and result.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  archiveFiles,
  combineDecryptions,
  credentialSecret,
  decryptResult,
  electionPublicKey,
  encryptedTally,
  group,
  lastBallots,
  makeBallot,
  makePartialDecryption,
  parseElection,
  parsePartialDecryption,
  parsePublicCredential,
  parseTrusteePublicKey,
  parseTrustees,
  pedersenDecryptionKey,
  pedersenStep1,
  pedersenStep3,
  pedersenStep4,
  pedersenStep5,
  pedersenStep6,
  readBallot,
  sha256Hex,
  signBallot,
  trusteeKeysInOrder,
  verifyArchive,
  verifyBallot,
  verifyPartialDecryption,
  writeArchive,
  writeEncryptedTally,
  writePartialDecryption,
  writeResult,
  writeTrusteePublicKey,
  type Election,
  type PartialDecryption,
  type WeightedBallot,
} from '@plenum/crypto';

const TOOL = '/usr/bin/belenios-tool';
const GROUP = 'BELENIOS-2048';
const work = mkdtempSync(join(tmpdir(), 'plenum-belenios-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(
  cwd: string,
  args: readonly string[],
  input?: string,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TOOL, args, {
    cwd,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, BELENIOS_USE_URANDOM: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error !== undefined) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** belenios-tool, which must succeed. */
function tool(cwd: string, args: readonly string[], input?: string): string {
  const r = run(cwd, args, input);
  if (r.status !== 0) throw new Error(`belenios-tool ${args.join(' ')} failed (${String(r.status)}): ${r.stderr}`);
  return r.stdout;
}

function must<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r.value;
}

function only(dir: string, suffix: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .sort();
}

/** The archive's files in order (an old-style tar of BELENIOS, *.data.json and *.event.json). */
function archive(dir: string): { name: string; text: string }[] {
  const [bel] = only(dir, '.bel');
  const out = join(dir, 'extracted');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  const list = spawnSync('tar', ['-tf', join(dir, bel!)], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n');
  spawnSync('tar', ['-xf', join(dir, bel!), '-C', out]);
  return list.map((name) => ({ name, text: readFileSync(join(out, name), 'utf8') }));
}

interface Setup {
  readonly election: Election;
  readonly electionText: string;
  readonly trusteesText: string;
  readonly credentials: readonly string[];
}

/** The election, trustees and public credentials the archive's Setup event points to. */
function setupOf(dir: string): Setup {
  const files = new Map(archive(dir).map((f) => [f.name, f.text]));
  const data = (hash: string): string => files.get(`${hash}.data.json`)!;
  const setupEvent = [...files.entries()].find(
    ([name, text]) => name.endsWith('.event.json') && text.includes('"Setup"'),
  )!;
  const setup = JSON.parse(data((JSON.parse(setupEvent[1]) as { payload: string }).payload)) as Record<string, string>;
  const electionText = data(setup['election']!);
  const election = must(parseElection(electionText));
  const credentials = (JSON.parse(data(setup['credentials']!)) as string[]).map(
    (line) => parsePublicCredential(election.group, line)!.credential,
  );
  return { election, electionText, trusteesText: data(setup['trustees']!), credentials };
}

/** The ballots of the archive, in order, verified by us. */
function ballotsOf(dir: string, s: Setup): WeightedBallot[] {
  const files = archive(dir);
  const byName = new Map(files.map((f) => [f.name, f.text]));
  return files
    .filter((f) => f.name.endsWith('.event.json') && f.text.includes('"type":"Ballot"'))
    .map((f) => {
      const payload = (JSON.parse(f.text) as { payload: string }).payload;
      const v = must(verifyBallot(s.election, byName.get(`${payload}.data.json`)!));
      return { ballot: v.ballot, credential: v.credential, weight: 1 };
    });
}

const TEMPLATE = JSON.stringify({
  description: 'Interoperability test',
  name: 'Plenum × belenios-tool',
  questions: [
    { answers: ['Ada', 'Bo', 'Cy'], min: 1, max: 2, question: 'Committee' },
    { answers: ['Yes', 'No'], blank: true, min: 1, max: 1, question: 'Adopt the motion?' },
  ],
});

/** A fresh election directory: credentials, the given trustees.json or none, election, archive. */
function makeElectionDir(
  name: string,
  voters: number | readonly number[],
  trustees: (dir: string) => void,
): { dir: string; privateCredentials: string[] } {
  const dir = join(work, name);
  mkdirSync(dir);
  const uuid = tool(dir, ['setup', 'generate-token']).trim();
  // A number of voters, or their weights (one voter per weight).
  if (typeof voters === 'number') {
    tool(dir, ['setup', 'generate-credentials', '--uuid', uuid, '--group', GROUP, '--count', String(voters)]);
  } else {
    writeFileSync(join(dir, 'voters.txt'), voters.map((w, i) => `v${i}@example.org,v${i},${w}\n`).join(''));
    tool(dir, ['setup', 'generate-credentials', '--uuid', uuid, '--group', GROUP, '--file', 'voters.txt']);
  }
  renameSync(join(dir, only(dir, '.privcreds')[0]!), join(dir, 'private_creds.txt'));
  renameSync(join(dir, only(dir, '.pubcreds')[0]!), join(dir, 'public_creds.json'));
  trustees(dir);
  writeFileSync(join(dir, 'template.json'), TEMPLATE);
  tool(dir, ['setup', 'make-election', '--uuid', uuid, '--group', GROUP, '--template', 'template.json']);
  tool(dir, ['archive', 'init']);
  for (const f of ['election.json', 'trustees.json', 'public_creds.json']) rmSync(join(dir, f));
  const privateCredentials = readFileSync(join(dir, 'private_creds.txt'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(' ')[1]!);
  return { dir, privateCredentials };
}

/** belenios-tool's ballot for this credential and vote. */
function theirBallot(dir: string, credential: string, vote: number[][]): string {
  writeFileSync(join(dir, 'cred.txt'), `${credential}\n`);
  writeFileSync(join(dir, 'vote.json'), JSON.stringify(vote));
  return tool(dir, ['election', 'generate-ballot', '--privcred', 'cred.txt', '--ballot', 'vote.json']).trimEnd();
}

function ourBallot(s: Setup, credential: string, vote: number[][]): string {
  return must(makeBallot(s.election, must(credentialSecret(s.election.group, s.election.uuid, credential)), vote));
}

const cast = (dir: string, ballot: string): string => tool(dir, ['archive', 'add-event', '--type=Ballot'], ballot);
const verifies = (dir: string): boolean => run(dir, ['election', 'verify']).status === 0;

/** A copy of an election directory, to try something that must fail without spoiling it. */
function scratchCopy(dir: string): string {
  const copy = mkdtempSync(join(work, 'scratch-'));
  for (const f of only(dir, '.bel')) cpSync(join(dir, f), join(copy, f));
  return copy;
}

/** Closes the ballot box and returns belenios-tool's encrypted tally (first line of its output). */
function closeAndTally(dir: string): string {
  tool(dir, ['archive', 'add-event', '--type=EndBallots']);
  const out = tool(dir, ['election', 'compute-encrypted-tally']);
  tool(dir, ['archive', 'add-event', '--type=EncryptedTally'], out);
  return out.split('\n')[0]!;
}

/** Our partial decryption as an archive event: the decryption and its owned_partial_decryption. */
function ourDecryptionEvent(s: Setup, pd: PartialDecryption, owner: number): string {
  const text = writePartialDecryption(s.election.group, pd);
  return `${text}\n{"owner":${owner},"payload":"${sha256Hex(text)}"}\n`;
}

/** The result belenios-tool computes and records; the archive must then verify. */
function theirResult(dir: string): number[][] {
  const out = tool(dir, ['election', 'compute-result']);
  tool(dir, ['archive', 'add-event', '--type=Result'], out);
  expect(verifies(dir)).toBe(true);
  return (JSON.parse(out) as { result: number[][] }).result;
}

/** The counts the votes must give, each voter's last vote only. */
function expectedCounts(votes: readonly number[][][]): number[][] {
  return votes[0]!.map((q, i) => q.map((_, j) => votes.reduce((s, v) => s + v[i]![j]!, 0)));
}

// Votes: question 1 chooses 1 or 2 of 3; question 2 allows a blank vote (leading 1).
const THEIR_VOTES = [
  [
    [1, 0, 0],
    [0, 1, 0],
  ],
  [
    [1, 1, 0],
    [0, 0, 1],
  ],
  [
    [0, 1, 1],
    [1, 0, 0],
  ],
  [
    [0, 0, 1],
    [0, 1, 0],
  ],
];
const OUR_VOTES = [
  [
    [0, 1, 0],
    [0, 0, 1],
  ],
  [
    [1, 0, 1],
    [1, 0, 0],
  ],
];
const REVOTE = [
  [1, 1, 0],
  [0, 0, 1],
];

describe('belenios-tool 2.0 ↔ Plenum, two Single trustees', () => {
  let dir = '';
  let creds: string[] = [];
  let s: Setup;

  beforeAll(() => {
    const made = makeElectionDir('single', 6, (d) => {
      tool(d, ['setup', 'generate-trustee-key', '--group', GROUP]);
      tool(d, ['setup', 'generate-trustee-key', '--group', GROUP]);
      const pubkeys = only(d, '.pubkey');
      writeFileSync(join(d, 'public_keys.jsons'), pubkeys.map((f) => readFileSync(join(d, f), 'utf8')).join(''));
      tool(d, ['setup', 'make-trustees']);
      rmSync(join(d, 'public_keys.jsons'));
    });
    dir = made.dir;
    creds = made.privateCredentials;
    s = setupOf(dir);
  });

  it('1. reads the election and trustees, and verifies every belenios-tool ballot', () => {
    const G = s.election.group;
    const trustees = must(parseTrustees(G, s.trusteesText));
    expect(G.equals(electionPublicKey(G, trustees), s.election.publicKey)).toBe(true);
    for (const f of only(dir, '.pubkey')) {
      const text = readFileSync(join(dir, f), 'utf8').trim();
      expect(writeTrusteePublicKey(G, must(parseTrusteePublicKey(G, text)))).toBe(text);
    }
    const isCredential = (c: string): boolean => s.credentials.includes(c);
    THEIR_VOTES.forEach((vote, voter) => {
      const text = theirBallot(dir, creds[voter]!, vote);
      expect(verifyBallot(s.election, text, { isCredential }).ok).toBe(true);
      cast(dir, text);
    });
    expect(verifies(dir)).toBe(true);
  });

  it('1. refuses tampered belenios-tool ballots, saying why', () => {
    const E = s.election;
    const G = E.group;
    const original = theirBallot(dir, creds[0]!, THEIR_VOTES[0]!);
    const b = readBallot(E, original);
    const secret = must(credentialSecret(G, E.uuid, creds[0]!));
    const why = (text: string, isCredential?: (c: string) => boolean): unknown => {
      const r = verifyBallot(E, text, isCredential === undefined ? {} : { isCredential });
      return r.ok ? 'accepted' : [r.messageKey, r.params['where']];
    };
    const beta = G.toString(b.answers[0]!.choices[1]!.beta);
    const changed = original.replace(beta, G.toString(G.mul(b.answers[0]!.choices[1]!.beta, G.g)));
    expect(why(changed)).toEqual(['crypto.invalid-proof', '$.signature.hash']);
    const c = b.answers[0]!.choices[1]!;
    const moved = {
      ...b.answers[0]!,
      choices: [b.answers[0]!.choices[0]!, { alpha: c.alpha, beta: G.mul(c.beta, G.g) }, c],
    };
    expect(why(signBallot(E, secret, { ...b, answers: [moved, b.answers[1]!] }))).toEqual([
      'crypto.invalid-proof',
      '$.answers[0].individual_proofs[1]',
    ]);
    const proofs = b.answers[1]!.individualProofs;
    const swapped = { ...b.answers[1]!, individualProofs: [proofs[1]!, proofs[0]!, ...proofs.slice(2)] };
    expect(why(signBallot(E, secret, { ...b, answers: [b.answers[0]!, swapped] }))).toEqual([
      'crypto.invalid-proof',
      '$.answers[1].individual_proofs[0]',
    ]);
    const response = b.signature.proof.response.toString();
    const forged = original.replace(
      `"response":"${response}"}}`,
      `"response":"${((b.signature.proof.response + 1n) % G.q).toString()}"}}`,
    );
    expect(why(forged)).toEqual(['crypto.invalid-proof', '$.signature.proof']);
    expect(why(original, () => false)).toEqual(['crypto.unknown-credential', '$.credential']);
    expect(why(original.slice(0, -1))).toEqual(['crypto.malformed', '$']);
    // belenios-tool refuses the re-signed one too.
    const scratch = scratchCopy(dir);
    cast(scratch, signBallot(E, secret, { ...b, answers: [moved, b.answers[1]!] }));
    expect(verifies(scratch)).toBe(false);
  });

  it('2. belenios-tool accepts our ballots, and its encrypted tally is ours', () => {
    OUR_VOTES.forEach((vote, k) => cast(dir, ourBallot(s, creds[THEIR_VOTES.length + k]!, vote)));
    cast(dir, ourBallot(s, creds[0]!, REVOTE));
    expect(verifies(dir)).toBe(true);
    // And refuses one of ours whose proof was swapped for another choice's.
    const E = s.election;
    const b = readBallot(E, ourBallot(s, creds[1]!, OUR_VOTES[0]!));
    const proofs = b.answers[0]!.individualProofs;
    const bad = { ...b.answers[0]!, individualProofs: [proofs[1]!, proofs[0]!, proofs[2]!] };
    const secret = must(credentialSecret(E.group, E.uuid, creds[1]!));
    const scratch = scratchCopy(dir);
    cast(scratch, signBallot(E, secret, { ...b, answers: [bad, b.answers[1]!] }));
    expect(verifies(scratch)).toBe(false);
    const theirs = closeAndTally(dir);
    const ours = writeEncryptedTally(E.group, encryptedTally(E, lastBallots(ballotsOf(dir, s))));
    expect(ours).toBe(theirs);
  });

  it('3. our partial decryption is accepted by belenios-tool and the results agree', () => {
    const E = s.election;
    const G = E.group;
    const trustees = must(parseTrustees(G, s.trusteesText));
    const tally = encryptedTally(E, lastBallots(ballotsOf(dir, s)));
    const [first, second] = only(dir, '.privkey');
    // Trustee 1 (the first .pubkey) decrypts with belenios-tool, trustee 2 with Plenum.
    const theirs = tool(dir, ['election', 'decrypt', '--privkey', first!, '--trustee-id', '1']);
    const theirPd = must(parsePartialDecryption(E, theirs.split('\n')[0]!));
    const keys = trusteeKeysInOrder(trustees);
    must(verifyPartialDecryption(E, tally, keys[0], theirPd));
    tool(dir, ['archive', 'add-event', '--type=PartialDecryption'], theirs);
    const x = BigInt(JSON.parse(readFileSync(join(dir, second!), 'utf8')) as string);
    const ourPd = makePartialDecryption(E, tally, x);
    must(verifyPartialDecryption(E, tally, keys[1], ourPd));
    // A wrong factor of ours is refused by belenios-tool.
    const scratch = scratchCopy(dir);
    const wrong = { ...ourPd, factors: [[G.g, ...ourPd.factors[0]!.slice(1)], ...ourPd.factors.slice(1)] };
    expect(verifyPartialDecryption(E, tally, keys[1], wrong).ok).toBe(false);
    run(scratch, ['archive', 'add-event', '--type=PartialDecryption'], ourDecryptionEvent(s, wrong, 2));
    expect(run(scratch, ['election', 'compute-result']).status !== 0 || !verifies(scratch)).toBe(true);
    tool(dir, ['archive', 'add-event', '--type=PartialDecryption'], ourDecryptionEvent(s, ourPd, 2));
    const result = theirResult(dir);
    const F = must(
      combineDecryptions(
        E,
        tally,
        trustees,
        new Map([
          [1, theirPd],
          [2, ourPd],
        ]),
      ),
    );
    const ours = must(decryptResult(E, tally, F, THEIR_VOTES.length + OUR_VOTES.length));
    expect(ours).toEqual(result);
    expect(ours).toEqual(expectedCounts([REVOTE, ...THEIR_VOTES.slice(1), ...OUR_VOTES]));
    // Our archive verifier accepts belenios-tool's whole archive and finds the same result.
    const [bel] = only(dir, '.bel');
    expect(must(verifyArchive(readFileSync(join(dir, bel!)))).result).toEqual(result);
  });

  it('5. belenios-tool verifies the archive Plenum writes, and both refuse a tampered one', () => {
    const E = s.election;
    const G = E.group;
    const trustees = must(parseTrustees(G, s.trusteesText));
    const ballots = ballotsOf(dir, s);
    const ballotTexts = archive(dir)
      .filter((f) => f.text.startsWith('{"election_uuid"'))
      .map((f) => f.text);
    const tallied = lastBallots(ballots);
    const tally = encryptedTally(E, tallied);
    const decryptions = only(dir, '.privkey').map((f, k) => {
      const x = BigInt(JSON.parse(readFileSync(join(dir, f), 'utf8')) as string);
      return { owner: k + 1, pd: makePartialDecryption(E, tally, x) };
    });
    const F = must(combineDecryptions(E, tally, trustees, new Map(decryptions.map((d) => [d.owner, d.pd]))));
    const result = writeResult(must(decryptResult(E, tally, F, tallied.length)));
    const content = {
      timestamp: Math.floor(Date.now() / 1000),
      election: s.electionText,
      trustees: s.trusteesText,
      credentials: s.credentials,
      ballots: ballotTexts,
      tally: { text: writeEncryptedTally(G, tally), numTallied: tallied.length, totalWeight: tallied.length },
      partialDecryptions: decryptions.map((d) => ({ owner: d.owner, text: writePartialDecryption(G, d.pd) })),
      result,
    };
    const exported = mkdtempSync(join(work, 'export-'));
    writeFileSync(join(exported, `${E.uuid}.bel`), writeArchive(content));
    expect(verifies(exported)).toBe(true);
    expect(must(verifyArchive(writeArchive(content))).result).toEqual(
      (JSON.parse(result) as { result: unknown }).result,
    );
    expect(archiveFiles(content).length).toBe(archive(exported).length);
    // The same archive claiming another result: refused by both.
    const lying = writeArchive({ ...content, result: result.replace('[[', '[[9') });
    const lyingDir = mkdtempSync(join(work, 'export-'));
    writeFileSync(join(lyingDir, `${E.uuid}.bel`), lying);
    expect(verifies(lyingDir)).toBe(false);
    const ours = verifyArchive(lying);
    expect(ours.ok ? 'accepted' : ours.params['detail']).toBe('the result is not the decryption of the tally');
  });
});

describe('belenios-tool 2.0 ↔ Plenum, threshold trustees', () => {
  it('4. belenios-tool accepts our Pedersen keys (2 of 3) and combines our partial decryptions', () => {
    const G = group(GROUP);
    let ours: bigint[] = [];
    const { dir, privateCredentials } = makeElectionDir('pedersen-ours', 3, (d) => {
      // The server's mandatory key from belenios-tool, three threshold trustees from Plenum.
      tool(d, ['setup', 'generate-trustee-key', '--group', GROUP]);
      const single = readFileSync(join(d, only(d, '.pubkey')[0]!), 'utf8').trim();
      const step1 = [1, 2, 3].map(() => pedersenStep1(G));
      const certs = step1.map((t) => t.cert);
      const polynomials = step1.map((t) => must(pedersenStep3(G, certs, t.seed, 2)));
      const vinputs = must(pedersenStep4(G, certs, polynomials));
      const voutputs = step1.map((t, j) => must(pedersenStep5(G, certs, t.seed, vinputs[j]!)));
      ours = step1.map((t, j) =>
        must(pedersenDecryptionKey(G, t.seed, (JSON.parse(voutputs[j]!) as { private_key: string }).private_key)),
      );
      const params = must(pedersenStep6(G, certs, polynomials, voutputs));
      writeFileSync(join(d, 'trustees.json'), `[["Single",${single}],["Pedersen",${params}]]`);
    });
    const s = setupOf(dir);
    const E = s.election;
    const trustees = must(parseTrustees(G, s.trusteesText));
    expect(G.equals(electionPublicKey(G, trustees), E.publicKey)).toBe(true);
    const votes = THEIR_VOTES.slice(0, 3);
    votes.forEach((vote, voter) => cast(dir, theirBallot(dir, privateCredentials[voter]!, vote)));
    expect(verifies(dir)).toBe(true);
    closeAndTally(dir);
    const tally = encryptedTally(E, lastBallots(ballotsOf(dir, s)));
    tool(
      dir,
      ['archive', 'add-event', '--type=PartialDecryption'],
      tool(dir, ['election', 'decrypt', '--privkey', only(dir, '.privkey')[0]!, '--trustee-id', '1']),
    );
    const mine = new Map<number, PartialDecryption>();
    for (const k of [0, 2]) {
      const pd = makePartialDecryption(E, tally, ours[k]!);
      mine.set(k + 2, pd);
      tool(dir, ['archive', 'add-event', '--type=PartialDecryption'], ourDecryptionEvent(s, pd, k + 2));
    }
    const result = theirResult(dir);
    expect(result).toEqual(expectedCounts(votes));
    const theirSingle = archive(dir)
      .filter((f) => f.text.startsWith('{"decryption_factors"'))
      .map((f) => must(parsePartialDecryption(E, f.text)))[0]!;
    const F = must(combineDecryptions(E, tally, trustees, new Map([[1, theirSingle], ...mine])));
    expect(must(decryptResult(E, tally, F, votes.length))).toEqual(result);
  });

  it('4. verifies and combines the partial decryptions of belenios-tool’s own threshold trustees', () => {
    const G = group(GROUP);
    const { dir, privateCredentials } = makeElectionDir('pedersen-theirs', 3, (d) => {
      const step = (args: readonly string[], input?: string): string =>
        tool(d, ['setup', 'generate-trustee-key-threshold', '--group', GROUP, ...args], input);
      for (let i = 0; i < 3; i += 1) step(['--step', '1']);
      writeFileSync(
        join(d, 'certs.jsons'),
        only(d, '.cert')
          .map((f) => readFileSync(join(d, f), 'utf8'))
          .join(''),
      );
      step(['--certs', 'certs.jsons', '--step', '2']);
      const keys = only(d, '.key');
      writeFileSync(
        join(d, 'polynomials.jsons'),
        keys.map((k) => step(['--certs', 'certs.jsons', '--key', k, '--step', '3', '--threshold', '2'])).join(''),
      );
      step(['--certs', 'certs.jsons', '--step', '4', '--polynomials', 'polynomials.jsons']);
      const voutputs = keys.map((k) =>
        step(
          ['--certs', 'certs.jsons', '--key', k, '--step', '5'],
          readFileSync(join(d, k.replace(/\.key$/, '.vinput')), 'utf8'),
        ),
      );
      writeFileSync(
        join(d, 'threshold.json'),
        step(['--certs', 'certs.jsons', '--step', '6', '--polynomials', 'polynomials.jsons'], voutputs.join('')),
      );
      // The server's mandatory key (§4.7): belenios-tool numbers it trustee 1.
      tool(d, ['setup', 'generate-trustee-key', '--group', GROUP]);
      writeFileSync(join(d, 'public_keys.jsons'), readFileSync(join(d, only(d, '.pubkey')[0]!), 'utf8'));
      tool(d, ['setup', 'make-trustees']);
      rmSync(join(d, 'threshold.json'));
      rmSync(join(d, 'public_keys.jsons'));
    });
    const s = setupOf(dir);
    const E = s.election;
    const trustees = must(parseTrustees(G, s.trusteesText));
    expect(trustees.map((t) => t.kind)).toEqual(['Single', 'Pedersen']);
    expect(G.equals(electionPublicKey(G, trustees), E.publicKey)).toBe(true);
    const votes = THEIR_VOTES.slice(1, 4);
    votes.forEach((vote, voter) => cast(dir, ourBallot(s, privateCredentials[voter]!, vote)));
    closeAndTally(dir);
    const tally = encryptedTally(E, lastBallots(ballotsOf(dir, s)));
    const keys = trusteeKeysInOrder(trustees);
    const single = tool(dir, ['election', 'decrypt', '--privkey', only(dir, '.privkey')[0]!, '--trustee-id', '1']);
    tool(dir, ['archive', 'add-event', '--type=PartialDecryption'], single);
    const decryptions = new Map<number, PartialDecryption>([
      [1, must(parsePartialDecryption(E, single.split('\n')[0]!))],
    ]);
    // Threshold trustees 3 and 1 (owners 4 and 2, in that order) decrypt; trustee 2 stays away.
    for (const owner of [4, 2]) {
      const key = only(dir, '.key')[owner - 2]!;
      const out = tool(dir, [
        'election',
        'decrypt-threshold',
        '--key',
        key,
        '--decryption-key',
        key.replace(/\.key$/, '.dkey'),
        '--trustee-id',
        String(owner),
      ]);
      const pd = must(parsePartialDecryption(E, out.split('\n')[0]!));
      must(verifyPartialDecryption(E, tally, keys[owner - 1], pd));
      expect(verifyPartialDecryption(E, tally, keys[2], pd).ok).toBe(false);
      decryptions.set(owner, pd);
      tool(dir, ['archive', 'add-event', '--type=PartialDecryption'], out);
    }
    const result = theirResult(dir);
    const F = must(combineDecryptions(E, tally, trustees, decryptions));
    expect(must(decryptResult(E, tally, F, votes.length))).toEqual(result);
    expect(result).toEqual(expectedCounts(votes));
  });

  it('4. a Plenum trustee takes part in belenios-tool’s threshold key generation and decrypts', () => {
    const G = group(GROUP);
    // Trustees 1 and 3 run belenios-tool, trustee 2 runs Plenum; the server's steps 4 and 6
    // are belenios-tool's (and ours must agree with them).
    let plenumSeed = '';
    let plenumVoutput = '';
    const { dir, privateCredentials } = makeElectionDir('pedersen-mixed', 3, (d) => {
      const step = (args: readonly string[], input?: string): string =>
        tool(d, ['setup', 'generate-trustee-key-threshold', '--group', GROUP, ...args], input);
      step(['--step', '1']);
      const first = only(d, '.cert')[0]!;
      const ours = pedersenStep1(G);
      plenumSeed = ours.seed;
      step(['--step', '1']);
      const third = only(d, '.cert').find((f) => f !== first)!;
      const certs = [
        readFileSync(join(d, first), 'utf8').trim(),
        ours.cert,
        readFileSync(join(d, third), 'utf8').trim(),
      ];
      writeFileSync(join(d, 'certs.jsons'), certs.map((c) => `${c}\n`).join(''));
      step(['--certs', 'certs.jsons', '--step', '2']);
      const keyOf = (cert: string): string => cert.replace(/\.cert$/, '.key');
      const polynomials = [
        step(['--certs', 'certs.jsons', '--key', keyOf(first), '--step', '3', '--threshold', '2']).trim(),
        must(pedersenStep3(G, certs, plenumSeed, 2)),
        step(['--certs', 'certs.jsons', '--key', keyOf(third), '--step', '3', '--threshold', '2']).trim(),
      ];
      writeFileSync(join(d, 'polynomials.jsons'), polynomials.map((p) => `${p}\n`).join(''));
      step(['--certs', 'certs.jsons', '--step', '4', '--polynomials', 'polynomials.jsons']);
      // belenios-tool wrote one vinput per certificate, named after it; ours are the same routing.
      const vinputOf = (cert: string): string =>
        readFileSync(join(d, cert.replace(/\.cert$/, '.vinput')), 'utf8').trim();
      const ourVinputs = must(pedersenStep4(G, certs, polynomials));
      expect(JSON.parse(ourVinputs[0]!)).toEqual(JSON.parse(vinputOf(first)));
      const plenumVinput = ourVinputs[1]!;
      plenumVoutput = must(pedersenStep5(G, certs, plenumSeed, plenumVinput));
      const voutputs = [
        step(['--certs', 'certs.jsons', '--key', keyOf(first), '--step', '5'], vinputOf(first)).trim(),
        plenumVoutput,
        step(['--certs', 'certs.jsons', '--key', keyOf(third), '--step', '5'], vinputOf(third)).trim(),
      ];
      const threshold = step(
        ['--certs', 'certs.jsons', '--step', '6', '--polynomials', 'polynomials.jsons'],
        voutputs.map((v) => `${v}\n`).join(''),
      );
      expect(must(pedersenStep6(G, certs, polynomials, voutputs))).toBe(threshold.trim());
      writeFileSync(join(d, 'threshold.json'), threshold);
      tool(d, ['setup', 'generate-trustee-key', '--group', GROUP]);
      writeFileSync(join(d, 'public_keys.jsons'), readFileSync(join(d, only(d, '.pubkey')[0]!), 'utf8'));
      tool(d, ['setup', 'make-trustees']);
      for (const f of ['threshold.json', 'public_keys.jsons']) rmSync(join(d, f));
      // Remember which belenios-tool key is trustee 1.
      writeFileSync(join(d, 'first.txt'), keyOf(first));
    });
    const s = setupOf(dir);
    const E = s.election;
    const trustees = must(parseTrustees(G, s.trusteesText));
    expect(G.equals(electionPublicKey(G, trustees), E.publicKey)).toBe(true);
    const votes = THEIR_VOTES.slice(0, 3);
    votes.forEach((vote, voter) => cast(dir, theirBallot(dir, privateCredentials[voter]!, vote)));
    closeAndTally(dir);
    const tally = encryptedTally(E, lastBallots(ballotsOf(dir, s)));
    tool(
      dir,
      ['archive', 'add-event', '--type=PartialDecryption'],
      tool(dir, ['election', 'decrypt', '--privkey', only(dir, '.privkey')[0]!, '--trustee-id', '1']),
    );
    // Threshold trustee 1 (owner 2) with belenios-tool, trustee 2 (owner 3) with Plenum.
    const firstKey = readFileSync(join(dir, 'first.txt'), 'utf8');
    tool(
      dir,
      ['archive', 'add-event', '--type=PartialDecryption'],
      tool(dir, [
        'election',
        'decrypt-threshold',
        '--key',
        firstKey,
        '--decryption-key',
        firstKey.replace(/\.key$/, '.dkey'),
        '--trustee-id',
        '2',
      ]),
    );
    const privateKey = (JSON.parse(plenumVoutput) as { private_key: string }).private_key;
    const x = must(pedersenDecryptionKey(G, plenumSeed, privateKey));
    const pd = makePartialDecryption(E, tally, x);
    must(verifyPartialDecryption(E, tally, trusteeKeysInOrder(trustees)[2], pd));
    tool(dir, ['archive', 'add-event', '--type=PartialDecryption'], ourDecryptionEvent(s, pd, 3));
    const result = theirResult(dir);
    expect(result).toEqual(expectedCounts(votes));
    expect(must(verifyArchive(readFileSync(join(dir, only(dir, '.bel')[0]!)))).result).toEqual(result);
  });
});

describe('belenios-tool 2.0 ↔ Plenum, weighted voters', () => {
  it('6. weights: the same encrypted tally and result, each ballot counted as its weight', () => {
    const weights = [3, 1, 2];
    const { dir, privateCredentials } = makeElectionDir('weighted', weights, (d) => {
      tool(d, ['setup', 'generate-trustee-key', '--group', GROUP]);
      writeFileSync(join(d, 'public_keys.jsons'), readFileSync(join(d, only(d, '.pubkey')[0]!), 'utf8'));
      tool(d, ['setup', 'make-trustees']);
      rmSync(join(d, 'public_keys.jsons'));
    });
    const s = setupOf(dir);
    const E = s.election;
    // private_creds.txt lists the voters in the order of voters.txt.
    const votes = [THEIR_VOTES[0]!, THEIR_VOTES[1]!, OUR_VOTES[0]!];
    cast(dir, theirBallot(dir, privateCredentials[0]!, votes[0]!));
    cast(dir, theirBallot(dir, privateCredentials[1]!, votes[1]!));
    cast(dir, ourBallot(s, privateCredentials[2]!, votes[2]!));
    expect(verifies(dir)).toBe(true);
    const theirs = closeAndTally(dir);
    const archived = archive(dir).find((f) => f.text.startsWith('["'))!;
    const weightOf = new Map(
      (JSON.parse(archived.text) as string[]).map((line) => {
        const c = parsePublicCredential(E.group, line)!;
        return [c.credential, c.weight] as const;
      }),
    );
    expect([...weightOf.values()].sort()).toEqual([1, 2, 3]);
    const ballots = ballotsOf(dir, s).map((b) => ({ ...b, weight: weightOf.get(b.credential)! }));
    expect(writeEncryptedTally(E.group, encryptedTally(E, lastBallots(ballots)))).toBe(theirs);
    tool(
      dir,
      ['archive', 'add-event', '--type=PartialDecryption'],
      tool(dir, ['election', 'decrypt', '--privkey', only(dir, '.privkey')[0]!, '--trustee-id', '1']),
    );
    const result = theirResult(dir);
    const weighted = votes.flatMap((v, i) => Array.from({ length: weights[i]! }, () => v));
    expect(result).toEqual(expectedCounts(weighted));
    expect(must(verifyArchive(readFileSync(join(dir, only(dir, '.bel')[0]!)))).result).toEqual(result);
  });
});
