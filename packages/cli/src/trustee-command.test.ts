import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Plenum, type StoragePort } from '@plenum/app';
import {
  credentialSecret,
  generatePrivateCredential,
  group,
  makeBallot,
  parseElection,
  publicCredential,
  verifyArchive,
} from '@plenum/crypto';
import { demoActorSecret } from '@plenum/demo';
import { bodyMembers, secretBallotOf, type Actor, type GovernanceCommand } from '@plenum/domain';
import { createTranslator } from '@plenum/i18n';
import { generateSignerKey } from '@plenum/log';
import { buildServer } from '@plenum/server';
import { openSqliteStorage } from '@plenum/storage-sqlite';
import { runTrustee } from './trustee-command.ts';

// `plenum trustee` against a real server on loopback (SQLite, the demo organisation): three
// trustees, each on "their own machine" (a directory with their signer key and seed), run
// the key generation step by step through the server, then two of them decrypt the closed
// ballot — each first verifying the ballot box from its archive — and the result is published.

const ON = '2027-06-01';
const BALLOT = 'cli-trustee-ballot';
const t = createTranslator('en');

let work: string;
let storage: StoragePort;
let plenum: Plenum;
let app: FastifyInstance;
let url: string;
const trustees: string[] = [];
const electors: string[] = [];
const privates: string[] = [];

async function run(actor: Actor, command: GovernanceCommand): Promise<void> {
  const result = await plenum.execute([{ by: plenum.localSigner(actor, demoActorSecret(actor)), command }]);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
}

/** Runs `plenum trustee` as trustee i, on its own directory; returns the exit code and output. */
async function trustee(i: number): Promise<{ code: number; out: string; err: string }> {
  const member = trustees[i] ?? '';
  const dir = join(work, member);
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTrustee(
    url,
    BALLOT,
    { member, key: join(dir, 'member.key'), seed: join(dir, 'seed.txt'), on: ON },
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    t,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'plenum-trustee-'));
  storage = await openSqliteStorage(join(work, 'plenum.sqlite'));
  plenum = new Plenum(storage, { origin: 'plenum.test/trustee', clock: () => new Date(`${ON}T12:00:00Z`) });
  await plenum.ensureDemo();
  app = await buildServer({ plenum, version: '0.0.0-test', webRoot: null, logLevel: 'silent' });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  const state = await plenum.state();
  const cc = state.bodies.get('central-committee');
  if (cc === undefined) throw new Error('no central committee');
  electors.push(...bodyMembers(state, cc, ON).sort());
  const others = [...state.members.values()]
    .filter((m) => m.status === 'member' && !electors.includes(m.id))
    .map((m) => m.id)
    .sort();
  trustees.push(...others.slice(1, 4));
  for (const member of trustees) {
    const dir = join(work, member);
    rmSync(dir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    // The member's own key, as a signer-key file: the key the record binds to them.
    const seed = demoActorSecret({ kind: 'member', id: member });
    writeFileSync(join(dir, 'member.key'), generateSignerKey(member, seed).signerKey);
  }
  // A member's key is in the record once they have acted (keys are enrolled at sign-in, issue
  // 8): each trustee first declares a tendency in the pre-congress discussion, here.
  if (!(await plenum.state()).discussionOpen) {
    await run({ kind: 'body', id: 'central-committee' }, { type: 'openDiscussion', on: ON });
  }
  for (const member of trustees) {
    await run(
      { kind: 'member', id: member },
      { type: 'declareTendency', tendency: { id: `t-${member}`, name: `Tendency of ${member}` }, on: ON },
    );
  }
  const body: Actor = { kind: 'body', id: 'central-committee' };
  await run(body, {
    type: 'callBallot',
    ballotId: BALLOT,
    title: 'Chair',
    questions: [{ question: 'Chair', answers: ['Ana', 'Boris'], min: 1, max: 1, blank: false }],
    group: 'Ed25519',
    electorate: { scope: 'body' },
    credentialAuthority: others[0] ?? '',
    trustees: trustees.map((memberId, i) => ({
      memberId,
      nominatedBy: ['body:central-committee', 'body:control-commission', 'body:congress'][i] ?? '',
    })),
    threshold: 2,
    on: ON,
  });
  const G = group('Ed25519');
  const uuid = secretBallotOf(await plenum.state(), BALLOT)?.uuid ?? '';
  const publics = electors.map(() => {
    const priv = generatePrivateCredential();
    privates.push(priv);
    const s = credentialSecret(G, uuid, priv);
    if (!s.ok) throw new Error('credential');
    return publicCredential(G, s.value);
  });
  await run(
    { kind: 'member', id: others[0] ?? '' },
    { type: 'publishCredentials', ballotId: BALLOT, credentials: publics, on: ON },
  );
}, 60_000);

afterAll(async () => {
  await app.close();
  await storage.close();
  rmSync(work, { recursive: true, force: true });
});

describe('plenum trustee', () => {
  it('makes the election key with the other trustees, step by step, keeping its seed to itself', async () => {
    expect((await trustee(0)).out).toContain('Done: step 1');
    // Step 3 needs every certificate: the first trustee waits for the others.
    expect((await trustee(0)).out).toContain('waiting for certificates');
    for (const i of [1, 2]) expect((await trustee(i)).out).toContain('Done: step 1');
    for (const i of [0, 1, 2]) expect((await trustee(i)).out).toContain('Done: step 3');
    for (const i of [0, 1, 2]) expect((await trustee(i)).out).toContain('Done: step 5');
    const seedFile = join(work, trustees[0] ?? '', 'seed.txt');
    expect(statSync(seedFile).mode & 0o077).toBe(0);
    const seed = readFileSync(seedFile, 'utf8').trim();
    // The seed never reached the server: it is in no leaf of the record.
    const leaves = await storage.readEvents(0, 100_000);
    expect(leaves.some((e) => e.payload.includes(seed))).toBe(false);
    expect(secretBallotOf(await plenum.state(), BALLOT)?.publicKey).toMatch(/^[0-9a-f]{64}$/);
    expect((await trustee(0)).out).toContain('waiting for called');
  });

  it('decrypts only after checking the ballot box itself, and the result follows from two of three', async () => {
    await run({ kind: 'body', id: 'central-committee' }, { type: 'openBallot', ballotId: BALLOT, on: ON });
    const election = parseElection(secretBallotOf(await plenum.state(), BALLOT)?.election ?? '');
    if (!election.ok) throw new Error('election');
    const G = group('Ed25519');
    const votes = [[[1, 0]], [[0, 1]], [[1, 0]]];
    for (const [i, vote] of votes.entries()) {
      const s = credentialSecret(G, election.value.uuid, privates[i] ?? '');
      if (!s.ok) throw new Error('credential');
      const b = makeBallot(election.value, s.value, vote);
      if (!b.ok) throw new Error('ballot');
      expect((await plenum.castBallot(BALLOT, b.value)).ok).toBe(true);
    }
    const tally = await plenum.encryptedTallyOf(BALLOT);
    await run(
      { kind: 'body', id: 'central-committee' },
      { type: 'closeBallot', ballotId: BALLOT, encryptedTally: tally ?? '', on: ON },
    );
    expect((await trustee(1)).out).toContain('Done: step decrypt');
    expect((await trustee(1)).out).toContain('waiting for done');
    expect((await trustee(2)).out).toContain('Done: step decrypt');
    expect(secretBallotOf(await plenum.state(), BALLOT)?.result).toEqual([[2, 1]]);
    const archive = await plenum.ballotArchive(BALLOT);
    expect(archive !== undefined && verifyArchive(archive).ok).toBe(true);
  });

  it('refuses a member who is not a trustee, and a key file that is not one', async () => {
    const dir = join(work, 'outsider');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    writeFileSync(join(dir, 'member.key'), 'not a key');
    const err: string[] = [];
    const code = await runTrustee(
      url,
      BALLOT,
      { member: 'zz-nobody', key: join(dir, 'member.key'), seed: join(dir, 's') },
      { out: () => undefined, err: (l) => err.push(l) },
      t,
    );
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('cannot read the signer key');
    writeFileSync(join(dir, 'member.key'), generateSignerKey('zz-nobody', new Uint8Array(32).fill(3)).signerKey);
    const code2 = await runTrustee(
      url,
      BALLOT,
      { member: 'zz-nobody', key: join(dir, 'member.key'), seed: join(dir, 's') },
      { out: () => undefined, err: (l) => err.push(l) },
      t,
    );
    expect(code2).toBe(1);
    expect(err.join('\n')).toContain('is not a trustee of ballot');
  });
});
