import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ballotBoard, ballotDetail, castReceipt, refusalBody, trusteeMaterial } from '@plenum/api';
import { Plenum, type StoragePort } from '@plenum/app';
import {
  credentialSecret,
  generatePrivateCredential,
  group,
  hashJson,
  makeBallot,
  makePartialDecryption,
  parseElection,
  parseEncryptedTally,
  pedersenDecryptionKey,
  pedersenStep1,
  pedersenStep3,
  pedersenStep5,
  publicCredential,
  verifyArchive,
  type Election,
  type Plaintext,
} from '@plenum/crypto';
import { demoActorSecret } from '@plenum/demo';
import { bodyMembers, secretBallotOf, type Actor, type GovernanceCommand } from '@plenum/domain';
import { ed25519Signer, generateSignerKey } from '@plenum/log';
import { openSqliteStorage } from '@plenum/storage-sqlite';
import { plenumEntryChecker } from '@plenum/verifier';
import { utf8 } from '@plenum/kernel';
import { buildServer } from './server.ts';
import { overHttp } from './test-support/over-http.ts';

/**
 * A secret ballot from call to result, end to end: a real server (inject) on a real SQLite
 * record with the demo organisation. The central committee calls a ballot of its members;
 * a member acting as credential authority publishes the public credentials; three trustees
 * nominated by three bodies run the threshold key generation (2 of 3) through the server;
 * members' ballots, made as the browser makes them, go into the box over HTTP; bad ballots are
 * refused and recorded as refused; two trustees decrypt; the result is the votes cast. The
 * Belenios archive the server exports verifies, and the record still verifies.
 */

const LOG = {
  name: 'plenum.test/ballots',
  keys: generateSignerKey('plenum.test/ballots', new Uint8Array(32).fill(7)),
};
const TODAY = '2027-06-01';
const ON = TODAY;
const BALLOT = 'cc-officers-2027';
const GROUP = 'Ed25519';

let dir: string;
let storage: StoragePort;
let plenum: Plenum;
let app: FastifyInstance;

const body = (id: string): Actor => ({ kind: 'body', id });
const member = (id: string): Actor => ({ kind: 'member', id });
const CC = body('central-committee');

async function run(actor: Actor, command: GovernanceCommand): Promise<void> {
  const result = await plenum.execute([{ by: plenum.localSigner(actor, demoActorSecret(actor)), command }]);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
}

async function refusal(actor: Actor, command: GovernanceCommand): Promise<string> {
  const result = await plenum.execute([{ by: plenum.localSigner(actor, demoActorSecret(actor)), command }]);
  if (result.ok) throw new Error(`${command.type} was accepted`);
  return result.messageKey;
}

const get = (url: string) => app.inject({ method: 'GET', url });
async function getJson(url: string): Promise<unknown> {
  const response = await get(url);
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json();
}
const cast = (ballot: string, id = BALLOT) =>
  app.inject({ method: 'POST', url: `/api/ballots/${id}/cast`, payload: { ballot } });

const people = {
  electors: [] as string[],
  authority: '',
  trustees: [] as string[],
  outsider: '',
};
/** Each elector's private credential, as the authority hands them out (never to the server). */
const privateCredentials: string[] = [];
let election: Election;
const secretOf = (i: number): bigint => {
  const s = credentialSecret(election.group, election.uuid, privateCredentials[i] ?? '');
  if (!s.ok) throw new Error('credential');
  return s.value;
};
const ballotOf = (i: number, vote: Plaintext): string => {
  const b = makeBallot(election, secretOf(i), vote);
  if (!b.ok) throw new Error(`ballot: ${b.messageKey}`);
  return b.value;
};

/** The trustees' secrets: each keeps its own seed (in its browser or `plenum trustee`). */
const seeds = new Map<string, string>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plenum-ballots-'));
  storage = await openSqliteStorage(join(dir, 'plenum.sqlite'));
  plenum = new Plenum(storage, {
    log: { origin: LOG.name, signer: ed25519Signer(LOG.keys.signerKey), verifierKey: LOG.keys.verifierKey },
    clock: () => new Date(`${TODAY}T12:00:00Z`),
  });
  await plenum.ensureDemo();
  app = await buildServer({ plenum, version: '0.0.0-test', webRoot: null, logLevel: 'silent' });
  const state = await plenum.state();
  const cc = state.bodies.get('central-committee');
  if (cc === undefined) throw new Error('the demo has no central committee');
  people.electors = bodyMembers(state, cc, ON).sort();
  const others = [...state.members.values()]
    .filter((m) => m.status === 'member' && !people.electors.includes(m.id))
    .map((m) => m.id)
    .sort();
  people.authority = others[0] ?? '';
  people.trustees = others.slice(1, 4);
  people.outsider = others[4] ?? '';
}, 60_000);

afterAll(async () => {
  await app.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const call = (over: Partial<Extract<GovernanceCommand, { type: 'callBallot' }>> = {}): GovernanceCommand => ({
  type: 'callBallot',
  ballotId: BALLOT,
  title: 'Officers of the central committee, 2027',
  questions: [
    { question: 'Secretary', answers: ['Ana', 'Boris', 'Clara'], min: 1, max: 1, blank: true },
    {
      question: 'Committee on the press (up to 2)',
      answers: ['Dora', 'Emil', 'Fatima', 'Gil', 'Hanna'],
      min: 0,
      max: 2,
      blank: false,
    },
  ],
  group: GROUP,
  electorate: { scope: 'body' },
  credentialAuthority: people.authority,
  trustees: people.trustees.map((memberId, i) => ({
    memberId,
    nominatedBy: ['body:central-committee', 'body:congress', 'body:control-commission'][i] ?? '',
  })),
  threshold: 2,
  on: ON,
  ...over,
});

describe('a secret ballot, from call to result', () => {
  it('is called by a body, with trustees no faction controls', async () => {
    // The same nominator for two trustees of a 2-of-3 key: that faction could decrypt alone.
    const faction = call({
      trustees: people.trustees.map((memberId) => ({ memberId, nominatedBy: 'body:central-committee' })),
    });
    expect(await refusal(CC, faction)).toBe('refusal.governance.ballotFaction');
    expect(await refusal(CC, call({ credentialAuthority: people.trustees[0] ?? '' }))).toBe(
      'refusal.governance.ballotAuthorityTrustee',
    );
    expect(await refusal(member(people.authority), call())).toBe('refusal.governance.notAllowed');
    await overHttp(app, CC, call() as never);
    const detail = ballotDetail.parse(await getJson(`/api/ballots/${BALLOT}`));
    expect(detail.ballot.stage).toBe('called');
    expect(detail.electorate.electors).toEqual(people.electors);
    expect(detail.ballot.electors).toBe(people.electors.length);
  });

  it('has one public credential per elector, from the credential authority only', async () => {
    const G = group(GROUP);
    const uuid = secretBallotOf(await plenum.state(), BALLOT)?.uuid ?? '';
    const publics: string[] = [];
    for (const _ of people.electors) {
      const priv = generatePrivateCredential();
      privateCredentials.push(priv);
      const s = credentialSecret(G, uuid, priv);
      if (!s.ok) throw new Error('credential');
      publics.push(publicCredential(G, s.value));
    }
    expect(
      await refusal(member(people.trustees[0] ?? ''), {
        type: 'publishCredentials',
        ballotId: BALLOT,
        credentials: publics,
        on: ON,
      }),
    ).toBe('refusal.governance.notAllowed');
    const half = Math.ceil(publics.length / 2);
    await run(member(people.authority), {
      type: 'publishCredentials',
      ballotId: BALLOT,
      credentials: publics.slice(0, half),
      on: ON,
    });
    expect(
      await refusal(member(people.authority), {
        type: 'publishCredentials',
        ballotId: BALLOT,
        credentials: publics.slice(0, 1),
        on: ON,
      }),
    ).toBe('refusal.governance.ballotCredentials');
    await overHttp(app, member(people.authority), {
      type: 'publishCredentials',
      ballotId: BALLOT,
      credentials: publics.slice(half),
      on: ON,
    });
    const detail = ballotDetail.parse(await getJson(`/api/ballots/${BALLOT}`));
    expect(detail.credentials).toEqual({ published: publics.length, sealed: true });
  });

  it('cannot open before the trustees have made the key', async () => {
    expect(await refusal(CC, { type: 'openBallot', ballotId: BALLOT, on: ON })).toBe(
      'refusal.governance.ballotCeremony',
    );
  });

  it('has its key made by the trustees, 2 of 3, through the server', async () => {
    const G = group(GROUP);
    for (const t of people.trustees) {
      const { seed, cert } = pedersenStep1(G);
      seeds.set(t, seed);
      await run(member(t), { type: 'certifyTrustee', ballotId: BALLOT, cert, on: ON });
    }
    for (const t of people.trustees) {
      const material = trusteeMaterial.parse(await getJson(`/api/ballots/${BALLOT}/trustees/${t}`));
      expect(material.certs).toHaveLength(3);
      const polynomial = pedersenStep3(G, material.certs, seeds.get(t) ?? '', 2);
      if (!polynomial.ok) throw new Error('step 3');
      // Over HTTP, signed by the trustee (its key is in the record since step 1).
      await overHttp(app, member(t), { type: 'commitTrustee', ballotId: BALLOT, polynomial: polynomial.value, on: ON });
    }
    for (const t of people.trustees) {
      const material = trusteeMaterial.parse(await getJson(`/api/ballots/${BALLOT}/trustees/${t}`));
      expect(material.vinput).not.toBeNull();
      const voutput = pedersenStep5(G, material.certs, seeds.get(t) ?? '', material.vinput ?? '');
      if (!voutput.ok) throw new Error('step 5');
      await run(member(t), { type: 'verifyTrustee', ballotId: BALLOT, voutput: voutput.value, on: ON });
    }
    const b = secretBallotOf(await plenum.state(), BALLOT);
    expect(b?.publicKey).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes ballots only while open, each once, signed by a credential of its electorate', async () => {
    // Before opening: out of the window, refused and recorded as refused.
    const early = await cast('{"election_uuid":"x"}');
    expect(early.statusCode).toBe(422);
    expect(refusalBody.parse(early.json()).refusal.messageKey).toBe('refusal.governance.ballotNotOpen');
    await run(CC, { type: 'openBallot', ballotId: BALLOT, on: ON });
    const b = secretBallotOf(await plenum.state(), BALLOT);
    const parsed = parseElection(b?.election ?? '');
    if (!parsed.ok) throw new Error('election');
    election = parsed.value;
    expect(b?.refusedCount).toBe(1);
  });

  const votes: Plaintext[] = [];
  it('accepts the electors’ ballots and gives each its tracker; a revote replaces the first', async () => {
    const n = people.electors.length;
    for (let i = 0; i < n; i += 1) {
      const secretary = [0, 0, 0, 0];
      secretary[1 + (i % 3)] = 1;
      const press = [0, 0, 0, 0, 0];
      press[i % 5] = 1;
      if (i % 2 === 0) press[(i + 2) % 5] = 1;
      votes.push([secretary, press]);
    }
    const first = ballotOf(0, [
      [1, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ]);
    const firstReceipt = castReceipt.parse((await cast(first)).json());
    expect(firstReceipt.tracker).toBe(hashJson(first));
    for (let i = 0; i < n; i += 1) {
      const ballot = ballotOf(i, votes[i] ?? []);
      const response = await cast(ballot);
      expect(response.statusCode, response.body).toBe(200);
      const receipt = castReceipt.parse(response.json());
      expect(receipt.tracker).toBe(hashJson(ballot));
      expect(receipt.replaces).toBe(i === 0 ? firstReceipt.tracker : null);
    }
    const board = ballotBoard.parse(await getJson(`/api/ballots/${BALLOT}/board`));
    expect(board.ballots).toHaveLength(n + 1);
    expect(board.ballots[0]).toEqual({ tracker: firstReceipt.tracker, counted: false });
    expect(board.ballots.filter((x) => x.counted)).toHaveLength(n);
  });

  it('refuses replayed, copied, malformed and wrongly signed ballots, recording each refusal once', async () => {
    const before = secretBallotOf(await plenum.state(), BALLOT);
    const replay = ballotOf(1, votes[1] ?? []);
    expect((await cast(replay)).statusCode).toBe(200);
    const replayed = await cast(replay);
    expect(refusalBody.parse(replayed.json()).refusal.messageKey).toBe('refusal.governance.ballotReplayed');
    // A copy: another voter's ciphertexts under my credential — the proofs are bound to the credential.
    const mine = JSON.parse(ballotOf(2, votes[2] ?? [])) as Record<string, unknown>;
    const theirs = JSON.parse(replay) as Record<string, unknown>;
    const copied = JSON.stringify({ ...mine, answers: theirs['answers'] });
    const copiedResponse = await cast(copied);
    expect(copiedResponse.statusCode).toBe(422);
    const copiedRefusal = refusalBody.parse(copiedResponse.json()).refusal;
    expect(copiedRefusal.messageKey).toBe('crypto.invalid-proof');
    expect(copiedRefusal.source).toBe('Belenios specification 2.0');
    // Malformed: not JSON at all; and a ballot whose credential is not the election's.
    const garbage = await cast('{"answers": [');
    expect(refusalBody.parse(garbage.json()).refusal.messageKey).toBe('refusal.governance.ballotMalformed');
    const G = group(GROUP);
    const stranger = { ...mine, credential: publicCredential(G, 12345n) };
    const unknown = await cast(JSON.stringify(stranger));
    expect(refusalBody.parse(unknown.json()).refusal.messageKey).toBe('refusal.governance.ballotCredentialUnknown');
    // The same refused bytes again: refused again, recorded once.
    await cast('{"answers": [');
    const after = secretBallotOf(await plenum.state(), BALLOT);
    expect(after?.refusedCount).toBe((before?.refusedCount ?? 0) + 4);
    expect(after?.cast).toBe((before?.cast ?? 0) + 1);
    // A ballot box that does not exist: 404, nothing recorded.
    expect((await cast(replay, 'no-such-ballot')).statusCode).toBe(404);
    // No member or body can slip a ballot in as a command.
    expect(
      await refusal(member(people.electors[0] ?? ''), { type: 'castBallot', ballotId: BALLOT, ballot: replay, on: ON }),
    ).toBe('refusal.governance.ballotVoterOnly');
  });

  it('is closed by its body with the encrypted tally, decrypted by 2 of the 3 trustees, and the result is the votes', async () => {
    const tallyResponse = (await getJson(`/api/ballots/${BALLOT}/tally`)) as {
      encryptedTally: string;
      counted: number;
    };
    expect(tallyResponse.counted).toBe(people.electors.length);
    await run(CC, { type: 'closeBallot', ballotId: BALLOT, encryptedTally: tallyResponse.encryptedTally, on: TODAY });
    const late = await cast(ballotOf(3, votes[3] ?? []));
    expect(refusalBody.parse(late.json()).refusal.messageKey).toBe('refusal.governance.ballotClosed');
    const G = group(GROUP);
    const tally = parseEncryptedTally(election, tallyResponse.encryptedTally);
    if (!tally.ok) throw new Error('tally');
    for (const t of people.trustees.slice(0, 2)) {
      const material = trusteeMaterial.parse(await getJson(`/api/ballots/${BALLOT}/trustees/${t}`));
      expect(material.encryptedTally).toBe(tallyResponse.encryptedTally);
      const voutput = pedersenStep5(G, material.certs, seeds.get(t) ?? '', material.vinput ?? '');
      if (!voutput.ok) throw new Error('step 5');
      const key = pedersenDecryptionKey(
        G,
        seeds.get(t) ?? '',
        (JSON.parse(voutput.value) as { private_key: string }).private_key,
      );
      if (!key.ok) throw new Error('key');
      const pd = makePartialDecryption(election, tally.value, key.value);
      const { writePartialDecryption } = await import('@plenum/crypto');
      await run(member(t), {
        type: 'decryptTally',
        ballotId: BALLOT,
        partialDecryption: writePartialDecryption(G, pd),
        on: TODAY,
      });
    }
    const expected = [
      [0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ];
    for (const v of votes) v.forEach((q, i) => q.forEach((x, j) => (expected[i]![j]! += x)));
    const detail = ballotDetail.parse(await getJson(`/api/ballots/${BALLOT}`));
    expect(detail.ballot.stage).toBe('decrypted');
    expect(detail.result).toEqual(expected);
  });

  it('exports a Belenios archive that verifies, and the record still verifies', async () => {
    const response = await get(`/api/ballots/${BALLOT}/archive`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-tar');
    const verified = verifyArchive(new Uint8Array(response.rawPayload));
    expect(verified.ok ? 'ok' : JSON.stringify(verified.params)).toBe('ok');
    // Every leaf of the record, the voter's anonymous ones included, passes the verifier's checks.
    const check = plenumEntryChecker({ origin: LOG.name });
    const problems: string[] = [];
    let voterLeaves = 0;
    for (const stored of await storage.readEvents(0, 100_000)) {
      if (stored.payload.startsWith('{"actor":"voter"')) voterLeaves += 1;
      for (const p of check(utf8(stored.payload), stored.seq - 1)) problems.push(p.message);
    }
    expect(problems).toEqual([]);
    expect(voterLeaves).toBeGreaterThan(people.electors.length);
  });
});
