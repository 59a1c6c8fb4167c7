// A secret ballot run by Plenum (the record, the rules, the ballot box) in BELENIOS-2048,
// checked by Debian's belenios-tool 2.0, an independent implementation:
//   - ballots belenios-tool makes (`election generate-ballot`) for the election Plenum opened
//     are accepted by Plenum's ballot box and tallied;
//   - the archive Plenum exports for the finished ballot is accepted by
//     `belenios-tool election verify`, and by our own verifier;
//   - the same archive with one ballot tampered with is refused by both.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Plenum, type StoragePort } from '@plenum/app';
import {
  credentialSecret,
  generatePrivateCredential,
  group,
  makeBallot,
  makePartialDecryption,
  parseElection,
  parseEncryptedTally,
  pedersenDecryptionKey,
  pedersenStep1,
  pedersenStep3,
  pedersenStep4,
  pedersenStep5,
  publicCredential,
  readTar,
  verifyArchive,
  writePartialDecryption,
  writeTar,
  type Election,
} from '@plenum/crypto';
import { demoActorSecret } from '@plenum/demo';
import { bodyMembers, secretBallotOf, type Actor, type GovernanceCommand } from '@plenum/domain';
import { openSqliteStorage } from '@plenum/storage-sqlite';

const TOOL = '/usr/bin/belenios-tool';
const G = group('BELENIOS-2048');
const ON = '2027-06-01';
const BALLOT = 'interop-ballot';
const work = mkdtempSync(join(tmpdir(), 'plenum-belenios-plenum-'));

let storage: StoragePort;
let plenum: Plenum;

function tool(cwd: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TOOL, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, BELENIOS_USE_URANDOM: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error !== undefined) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function must<T>(r: { ok: true; value: T } | { ok: false; messageKey?: string }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r.value;
}

async function run(actor: Actor, command: GovernanceCommand): Promise<void> {
  const result = await plenum.execute([{ by: plenum.localSigner(actor, demoActorSecret(actor)), command }]);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
}

/** A directory holding `archive` as belenios-tool looks for it (<uuid>.bel). */
function archiveDir(name: string, uuid: string, archive: Uint8Array): string {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  writeFileSync(join(dir, `${uuid}.bel`), archive);
  return dir;
}

const electors: string[] = [];
const privates: string[] = [];
const trustees: string[] = [];
const seeds = new Map<string, string>();
let election: Election;

beforeAll(async () => {
  storage = await openSqliteStorage(join(work, 'plenum.sqlite'));
  plenum = new Plenum(storage, { origin: 'plenum.test/belenios-plenum', clock: () => new Date(`${ON}T12:00:00Z`) });
  await plenum.ensureDemo();
  const state = await plenum.state();
  const cc = state.bodies.get('central-committee');
  if (cc === undefined) throw new Error('no central committee');
  electors.push(...bodyMembers(state, cc, ON).sort());
  const others = [...state.members.values()]
    .filter((m) => m.status === 'member' && !electors.includes(m.id))
    .map((m) => m.id)
    .sort();
  const authority = others[0] ?? '';
  trustees.push(...others.slice(1, 4));
  const body: Actor = { kind: 'body', id: 'central-committee' };
  await run(body, {
    type: 'callBallot',
    ballotId: BALLOT,
    title: 'Plenum × belenios-tool',
    questions: [
      { question: 'Committee', answers: ['Ada', 'Bo', 'Cy'], min: 1, max: 2, blank: false },
      { question: 'Adopt the motion?', answers: ['Yes', 'No'], min: 1, max: 1, blank: true },
    ],
    group: 'BELENIOS-2048',
    electorate: { scope: 'body' },
    credentialAuthority: authority,
    trustees: trustees.map((memberId, i) => ({
      memberId,
      nominatedBy: ['body:central-committee', 'body:control-commission', 'body:congress'][i] ?? '',
    })),
    threshold: 2,
    on: ON,
  });
  const uuid = secretBallotOf(await plenum.state(), BALLOT)?.uuid ?? '';
  const publics = electors.map(() => {
    const priv = generatePrivateCredential();
    privates.push(priv);
    return publicCredential(G, must(credentialSecret(G, uuid, priv)));
  });
  await run(
    { kind: 'member', id: authority },
    { type: 'publishCredentials', ballotId: BALLOT, credentials: publics, on: ON },
  );
  const ceremony = async (): Promise<{ certs: string[]; polynomials: string[] }> => {
    const b = secretBallotOf(await plenum.state(), BALLOT);
    const all = trustees.map((t) => b?.ceremony.get(t));
    return { certs: all.map((p) => p?.cert ?? ''), polynomials: all.map((p) => p?.polynomial ?? '') };
  };
  for (const t of trustees) {
    const { seed, cert } = pedersenStep1(G);
    seeds.set(t, seed);
    await run({ kind: 'member', id: t }, { type: 'certifyTrustee', ballotId: BALLOT, cert, on: ON });
  }
  for (const t of trustees) {
    const polynomial = must(pedersenStep3(G, (await ceremony()).certs, seeds.get(t) ?? '', 2));
    await run({ kind: 'member', id: t }, { type: 'commitTrustee', ballotId: BALLOT, polynomial, on: ON });
  }
  const { certs, polynomials } = await ceremony();
  const vinputs = must(pedersenStep4(G, certs, polynomials));
  for (const [j, t] of trustees.entries()) {
    const voutput = must(pedersenStep5(G, certs, seeds.get(t) ?? '', vinputs[j] ?? ''));
    await run({ kind: 'member', id: t }, { type: 'verifyTrustee', ballotId: BALLOT, voutput, on: ON });
  }
  await run(body, { type: 'openBallot', ballotId: BALLOT, on: ON });
  election = must(parseElection(secretBallotOf(await plenum.state(), BALLOT)?.election ?? ''));
}, 300_000);

afterAll(async () => {
  await storage.close();
  rmSync(work, { recursive: true, force: true });
});

/** The votes: belenios-tool makes the first three ballots, Plenum's own code the rest. */
const VOTES = [
  [
    [1, 1, 0],
    [0, 1, 0],
  ],
  [
    [0, 1, 0],
    [0, 0, 1],
  ],
  [
    [0, 0, 1],
    [1, 0, 0],
  ],
  [
    [1, 0, 1],
    [0, 1, 0],
  ],
];

describe('a Plenum secret ballot, checked by belenios-tool 2.0', () => {
  it('accepts and tallies ballots that belenios-tool makes for the election Plenum opened', async () => {
    const opened = await plenum.ballotArchive(BALLOT);
    if (opened === undefined) throw new Error('no archive');
    const dir = archiveDir('generate', election.uuid, opened);
    for (const [i, vote] of VOTES.entries()) {
      let ballot: string;
      if (i < 3) {
        writeFileSync(join(dir, 'cred.txt'), `${privates[i] ?? ''}\n`);
        writeFileSync(join(dir, 'vote.json'), JSON.stringify(vote));
        const made = tool(dir, ['election', 'generate-ballot', '--privcred', 'cred.txt', '--ballot', 'vote.json']);
        expect(made.status, made.stderr).toBe(0);
        ballot = made.stdout.trimEnd();
      } else {
        ballot = must(makeBallot(election, must(credentialSecret(G, election.uuid, privates[i] ?? '')), vote));
      }
      const cast = await plenum.castBallot(BALLOT, ballot);
      expect(cast.ok ? 'accepted' : cast.messageKey).toBe('accepted');
    }
    expect(secretBallotOf(await plenum.state(), BALLOT)?.cast).toBe(VOTES.length);
  }, 300_000);

  it('decrypts to the votes cast, and exports an archive belenios-tool verifies', async () => {
    const encryptedTally = await plenum.encryptedTallyOf(BALLOT);
    if (encryptedTally === undefined) throw new Error('no tally');
    await run(
      { kind: 'body', id: 'central-committee' },
      { type: 'closeBallot', ballotId: BALLOT, encryptedTally, on: ON },
    );
    const tally = must(parseEncryptedTally(election, encryptedTally));
    const b = secretBallotOf(await plenum.state(), BALLOT);
    const all = trustees.map((t) => b?.ceremony.get(t));
    const vinputs = must(
      pedersenStep4(
        G,
        all.map((p) => p?.cert ?? ''),
        all.map((p) => p?.polynomial ?? ''),
      ),
    );
    for (const j of [0, 2]) {
      const t = trustees[j] ?? '';
      const voutput = must(
        pedersenStep5(
          G,
          all.map((p) => p?.cert ?? ''),
          seeds.get(t) ?? '',
          vinputs[j] ?? '',
        ),
      );
      const x = must(
        pedersenDecryptionKey(G, seeds.get(t) ?? '', (JSON.parse(voutput) as { private_key: string }).private_key),
      );
      const pd = writePartialDecryption(G, makePartialDecryption(election, tally, x));
      await run({ kind: 'member', id: t }, { type: 'decryptTally', ballotId: BALLOT, partialDecryption: pd, on: ON });
    }
    const result = secretBallotOf(await plenum.state(), BALLOT)?.result;
    expect(result).toEqual([
      [2, 2, 2],
      [1, 2, 1],
    ]);
    const archive = await plenum.ballotArchive(BALLOT);
    if (archive === undefined) throw new Error('no archive');
    expect(verifyArchive(archive).ok).toBe(true);
    const dir = archiveDir('verify', election.uuid, archive);
    const verified = tool(dir, ['election', 'verify']);
    expect(verified.status, verified.stderr).toBe(0);

    // One digit of one ballot changed: both verifiers refuse the archive.
    const files = must(readTar(archive));
    const ballotFile = files.find((f) => f.text.startsWith('{"election_uuid"'));
    if (ballotFile === undefined) throw new Error('no ballot in the archive');
    const tampered = ballotFile.text.replace(
      /"response":"(\d)/,
      (_, d: string) => `"response":"${d === '1' ? '2' : '1'}`,
    );
    expect(tampered).not.toBe(ballotFile.text);
    // Rewritten with the same file names: the hashes no longer match the contents.
    const forged = writeTar(
      files.map((f) => (f === ballotFile ? { ...f, text: tampered } : f)),
      Math.floor(Date.parse(`${ON}T12:00:00Z`) / 1000),
    );
    const ours = verifyArchive(forged);
    expect(ours.ok).toBe(false);
    const badDir = archiveDir('tampered', election.uuid, forged);
    expect(tool(badDir, ['election', 'verify']).status).not.toBe(0);
  }, 300_000);
});
