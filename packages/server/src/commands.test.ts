import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import {
  applicationList,
  bodyDetail,
  errorBody,
  eventList,
  mandateList,
  memberDetail,
  memberList,
  overview,
  prepared,
  recallList,
  refusalBody,
  statuteText,
  submitted,
  tendencyList,
  type GovernanceCommandInput,
} from '@plenum/api';
import { Plenum, type StoragePort } from '@plenum/app';
import { demoActorSecret } from '@plenum/demo';
import type { Actor, VoteCount } from '@plenum/domain';
import { fromBase64, isPlenumError, toBase64 } from '@plenum/kernel';
import { ed25519Signer, generateSignerKey } from '@plenum/log';
import { nobleEd25519 } from '@plenum/record';
import { openSqliteStorage } from '@plenum/storage-sqlite';
import { buildServer } from './server.ts';

/**
 * Governance commands over HTTP, end to end: a real server (inject), a real SQLite record in
 * a temporary directory, real Ed25519 signatures made here with the demo's actors' secrets —
 * as a member's browser would make them — never by the server.
 */

const LOG = {
  name: 'plenum.test/commands',
  keys: generateSignerKey('plenum.test/commands', new Uint8Array(32).fill(7)),
};
/** The server's clock: a fixed day after the demo's last act (2026-04-04). */
const TODAY = '2026-05-01';
let dir: string;
let storage: StoragePort;
let plenum: Plenum;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plenum-commands-'));
  storage = await openSqliteStorage(join(dir, 'plenum.sqlite'));
  plenum = new Plenum(storage, {
    log: { origin: LOG.name, signer: ed25519Signer(LOG.keys.signerKey), verifierKey: LOG.keys.verifierKey },
    clock: () => new Date(`${TODAY}T12:00:00Z`),
  });
  await plenum.ensureDemo();
  app = await buildServer({ plenum, version: '0.0.0-test', webRoot: null, logLevel: 'silent' });
});

afterAll(async () => {
  await app.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Someone who holds a secret: the demo's actors, or a newcomer with a key of their own. */
interface Holder {
  readonly actor: string;
  readonly secret: Uint8Array;
  readonly key: string;
}

function holder(actor: Actor, secret: Uint8Array = demoActorSecret(actor)): Holder {
  const ref = actor.kind === 'founders' || actor.kind === 'voter' ? actor.kind : `${actor.kind}:${actor.id}`;
  return { actor: ref, secret, key: toBase64(nobleEd25519.publicKey(secret)) };
}

const assembly = (branch: string): Holder => holder({ kind: 'body', id: `assembly-${branch}` });
const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload: payload as object, headers });
const get = async (url: string) => app.inject({ method: 'GET', url });

async function prepare(who: Holder, command: GovernanceCommandInput) {
  return post('/api/commands/prepare', { actor: who.actor, key: who.key, command });
}

/** What the actor's device does: sign each message it was given, with its own secret. */
function sign(secret: Uint8Array, messages: readonly string[]): string[] {
  return messages.map((m) => toBase64(nobleEd25519.sign(fromBase64(m), secret)));
}

/** Prepare, sign, submit: the whole protocol, as a client runs it. */
async function act(who: Holder, command: GovernanceCommandInput) {
  const response = await prepare(who, command);
  expect(response.statusCode, response.body).toBe(200);
  const { events, messages } = prepared.parse(response.json());
  return post('/api/commands', {
    actor: who.actor,
    key: who.key,
    command,
    events,
    signatures: sign(who.secret, messages),
  });
}

const vote = (present: number, yes: number): VoteCount => ({ yes, no: present - yes, abstain: 0, present });

/** An admission by a branch assembly: `present` must make its quorum (half its members). */
const admission = (
  id: string,
  branch: string,
  on: string,
  present = 10,
): Extract<GovernanceCommandInput, { type: 'admitMember' }> => ({
  type: 'admitMember',
  member: { id, givenName: 'Clara', familyName: 'Zetkin', unitId: branch },
  applicationId: null,
  on,
  vote: vote(present, present - 1),
});

describe('a command prepared, signed by its actor and submitted', () => {
  it('lets a branch assembly admit a member by its recorded vote, signed with its own key', async () => {
    const sizeBefore = await storage.eventCount();
    const sp = assembly('br-sao-paulo');
    const command = admission('m9001', 'br-sao-paulo', '2026-04-10', 14);
    const preparedResponse = await prepare(sp, command);
    expect(preparedResponse.statusCode).toBe(200);
    const { events, messages } = prepared.parse(preparedResponse.json());
    expect(events).toMatchObject([{ type: 'membership.admitted', member: { id: 'm9001' }, since: '2026-04-10' }]);
    expect(messages).toHaveLength(1);
    // Preparing stores nothing.
    expect(await storage.eventCount()).toBe(sizeBefore);

    const response = await post('/api/commands', {
      actor: sp.actor,
      key: sp.key,
      command,
      events,
      signatures: sign(sp.secret, messages),
    });
    expect(response.statusCode, response.body).toBe(201);
    const body = submitted.parse(response.json());
    expect(body).toMatchObject({
      size: sizeBefore + 1,
      events: [{ seq: sizeBefore + 1, type: 'membership.admitted' }],
    });

    // The record holds the leaf as the actor signed it: its key, its signature, the prepared event.
    const page = eventList.parse((await get(`/api/events?after=${sizeBefore}`)).json());
    expect(page.events.map((e) => e.seq)).toEqual([sizeBefore + 1]);
    const leaf = JSON.parse(page.events[0]!.payload) as { actor: string; key: string; sig: string; event: unknown };
    expect(leaf).toEqual({
      actor: 'body:assembly-br-sao-paulo',
      key: sp.key,
      sig: sign(sp.secret, messages)[0],
      event: events[0],
    });
    const member = memberDetail.parse((await get('/api/members/m9001')).json());
    expect(member).toMatchObject({ status: 'member', unitId: 'br-sao-paulo', since: '2026-04-10' });
  });

  it('lets an applicant introduce themself with a key of their own, which the record then binds', async () => {
    const applicant = holder({ kind: 'applicant', id: 'rosa' }, new Uint8Array(32).fill(42));
    const application: GovernanceCommandInput = {
      type: 'applyForMembership',
      application: { id: 'rosa', givenName: 'Rosa', familyName: 'Luxemburg', unitId: 'de-berlin' },
      on: '2026-04-11',
    };
    expect((await act(applicant, application)).statusCode).toBe(201);
    expect((await storage.actorKeys()).get('applicant:rosa')).toBe(applicant.key);
    const pending = applicationList.parse((await get('/api/applications')).json());
    expect(pending.applications).toMatchObject([{ id: 'rosa', unitId: 'de-berlin', status: 'pending' }]);

    const admitted = await act(assembly('de-berlin'), {
      type: 'admitMember',
      member: { id: 'rosa', givenName: 'Rosa', familyName: 'Luxemburg', unitId: 'de-berlin' },
      applicationId: 'rosa',
      on: '2026-04-12',
      vote: vote(10, 10),
    });
    expect(admitted.statusCode, admitted.body).toBe(201);
    expect(applicationList.parse((await get('/api/applications')).json()).applications).toEqual([]);
  });

  it('refuses, citing the statute, a body the statute does not empower (422, translated)', async () => {
    const sizeBefore = await storage.eventCount();
    const committee = holder({ kind: 'body', id: 'central-committee' });
    const response = await post(
      '/api/commands/prepare',
      { actor: committee.actor, key: committee.key, command: admission('m9010', 'br-rio', '2026-04-13') },
      { 'accept-language': 'pt-BR' },
    );
    expect(response.statusCode).toBe(422);
    const { refusal } = refusalBody.parse(response.json());
    expect(refusal).toMatchObject({
      rule: 'Statute §3.2',
      source: 'Statute',
      clause: '§3.2',
      messageKey: 'refusal.governance.notAllowed',
    });
    expect(refusal.message).toMatch(/^Recusado — Statute §3\.2/);
    expect(await storage.eventCount()).toBe(sizeBefore);
  });

  it('refuses the operator with the rule that gives it no power (422, Plenum governance.no-superuser)', async () => {
    const anyKey = toBase64(nobleEd25519.publicKey(new Uint8Array(32).fill(9)));
    for (const url of ['/api/commands/prepare', '/api/commands']) {
      const command = admission('m9011', 'br-rio', '2026-04-13');
      const payload =
        url === '/api/commands/prepare'
          ? { actor: 'operator', key: anyKey, command }
          : { actor: 'operator', key: anyKey, command, events: [{ type: 'x' }], signatures: ['A'.repeat(86) + '=='] };
      const response = await post(url, payload);
      expect(response.statusCode, url).toBe(422);
      expect(refusalBody.parse(response.json()).refusal).toMatchObject({
        source: 'Plenum',
        clause: 'governance.no-superuser',
        messageKey: 'refusal.governance.operator',
      });
    }
  });

  it('refuses a member with no key in the record yet (403, Plenum record.key-enrolment)', async () => {
    expect((await storage.actorKeys()).has('member:m0005')).toBe(false);
    const member = holder({ kind: 'member', id: 'm0005' });
    const response = await prepare(member, { type: 'resign', memberId: 'm0005', on: '2026-04-14' });
    expect(response.statusCode).toBe(403);
    const { refusal } = refusalBody.parse(response.json());
    expect(refusal).toMatchObject({
      rule: 'Plenum record.key-enrolment',
      messageKey: 'refusal.record.keyNotEnrolled',
      params: { actor: 'member:m0005' },
    });
    expect(refusal.message).toContain('member:m0005 has no key in the record yet');
    // Submitting without preparing is refused the same way: nothing binds the key.
    const sizeBefore = await storage.eventCount();
    const submittedAnyway = await plenum.submitCommand(
      { kind: 'member', id: 'm0005' },
      member.key,
      { type: 'resign', memberId: 'm0005', on: '2026-04-14' },
      [],
      [],
    );
    expect(submittedAnyway).toMatchObject({ ok: false, rule: { source: 'Plenum', clause: 'record.key-enrolment' } });
    expect(await storage.eventCount()).toBe(sizeBefore);
    expect((await storage.actorKeys()).has('member:m0005')).toBe(false);
  });

  it('refuses an enrolled actor signing with another key (403, Plenum record.actor-key)', async () => {
    const impostor = holder({ kind: 'body', id: 'assembly-br-rio' }, new Uint8Array(32).fill(13));
    const response = await prepare(impostor, admission('m9012', 'br-rio', '2026-04-14'));
    expect(response.statusCode).toBe(403);
    expect(refusalBody.parse(response.json()).refusal).toMatchObject({ rule: 'Plenum record.actor-key' });
  });

  it('answers 409 and stores nothing when the organisation changed between prepare and submit', async () => {
    const rio = assembly('br-rio');
    const stale = admission('m9020', 'br-rio', '2026-04-15');
    const { events, messages } = prepared.parse((await prepare(rio, stale)).json());
    // Meanwhile the assembly admits someone else: it has one member more, so the vote on
    // m9020 would be recorded against another count of members — not what was signed.
    expect((await act(rio, admission('m9021', 'br-rio', '2026-04-15'))).statusCode).toBe(201);
    const sizeBefore = await storage.eventCount();
    const response = await post('/api/commands', {
      actor: rio.actor,
      key: rio.key,
      command: stale,
      events,
      signatures: sign(rio.secret, messages),
    });
    expect(response.statusCode).toBe(409);
    expect(errorBody.parse(response.json()).error).toMatchObject({ code: 'conflict' });
    expect(errorBody.parse(response.json()).error.message).toContain('prepare it again');
    expect(await storage.eventCount()).toBe(sizeBefore);
    expect((await get('/api/members/m9020')).statusCode).toBe(404);
  });

  it('notices a change that lands between its own check and the append, and stores nothing of it', async () => {
    const hamburg = assembly('de-hamburg');
    const command = admission('m9030', 'de-hamburg', '2026-04-16');
    const { events, messages } = prepared.parse((await prepare(hamburg, command)).json());
    const sizeBefore = await storage.eventCount();
    // Commands are serialised: the submission checks its events first, then this admission
    // (queued meanwhile) is appended, then the submission's own append decides again.
    const submission = plenum.submitCommand(
      { kind: 'body', id: 'assembly-de-hamburg' },
      hamburg.key,
      command,
      events,
      sign(hamburg.secret, messages),
    );
    const meanwhile = plenum.execute([
      {
        by: plenum.localSigner({ kind: 'body', id: 'assembly-de-hamburg' }, hamburg.secret),
        command: admission('m9031', 'de-hamburg', '2026-04-16'),
      },
    ]);
    const error: unknown = await submission.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((await meanwhile).ok).toBe(true);
    expect(isPlenumError(error) && error.code).toBe('conflict');
    expect(await storage.eventCount()).toBe(sizeBefore + 1);
  });

  it('refuses a signature that does not verify (400) and stores nothing', async () => {
    const leipzig = assembly('de-leipzig');
    const command = admission('m9040', 'de-leipzig', '2026-04-17');
    const { events, messages } = prepared.parse((await prepare(leipzig, command)).json());
    const sizeBefore = await storage.eventCount();
    // Signed by someone else's secret, presented with the assembly's key.
    const forged = sign(new Uint8Array(32).fill(99), messages);
    const response = await post('/api/commands', {
      actor: leipzig.actor,
      key: leipzig.key,
      command,
      events,
      signatures: forged,
    });
    expect(response.statusCode).toBe(400);
    expect(errorBody.parse(response.json()).error.message).toContain(
      'The signature of body:assembly-de-leipzig on a membership.admitted event does not verify',
    );
    // One signature for no event, or none for one: also 400.
    const twice = [...sign(leipzig.secret, messages), ...sign(leipzig.secret, messages)];
    const counted = await post('/api/commands', {
      actor: leipzig.actor,
      key: leipzig.key,
      command,
      events,
      signatures: twice,
    });
    expect(counted.statusCode).toBe(400);
    expect(errorBody.parse(counted.json()).error.message).toContain('signatures: 2 for 1 events');
    expect(await storage.eventCount()).toBe(sizeBefore);
  });

  it('refuses malformed requests with 400 naming what is wrong, never 500', async () => {
    const sp = assembly('br-sao-paulo');
    const good = admission('m9050', 'br-sao-paulo', '2026-04-18');
    const cases: [unknown, string][] = [
      [
        { actor: sp.actor, key: sp.key, command: { ...good, member: { ...good.member, id: 'Not An Id' } } },
        'command.member.id',
      ],
      [{ actor: sp.actor, key: sp.key, command: { ...good, on: '2026-02-30' } }, 'command.on'],
      [{ actor: sp.actor, key: sp.key, command: { ...good, vote: { ...vote(14, 10), yes: -1 } } }, 'command.vote.yes'],
      [{ actor: sp.actor, key: sp.key, command: { ...good, vote: { ...vote(14, 10), yes: 1.5 } } }, 'command.vote.yes'],
      [{ actor: sp.actor, key: sp.key, command: { ...good, smuggled: true } }, 'command'],
      [{ actor: sp.actor, key: sp.key, command: { ...good, type: 'dissolveOrganisation' } }, 'command.type'],
      [
        { actor: sp.actor, key: sp.key, command: { ...good, member: { ...good.member, givenName: 'x'.repeat(201) } } },
        'command.member.givenName',
      ],
      [{ actor: 'root', key: sp.key, command: good }, 'actor'],
      [{ actor: sp.actor, key: 'c2hvcnQ=', command: good }, 'key'],
      [{ actor: sp.actor, command: good }, 'key'],
      [{ actor: sp.actor, key: sp.key, command: good, extra: 1 }, 'body'],
      [
        {
          actor: sp.actor,
          key: sp.key,
          command: { type: 'adoptStatute', text: 'x'.repeat(200_001), on: '2026-04-18' },
        },
        'command.text',
      ],
    ];
    for (const [payload, path] of cases) {
      const response = await post('/api/commands/prepare', payload);
      expect(response.statusCode, path).toBe(400);
      const message = errorBody.parse(response.json()).error.message;
      expect(message, path).toContain(`${path}:`);
    }
    const unparsable = await app.inject({
      method: 'POST',
      url: '/api/commands/prepare',
      headers: { 'content-type': 'application/json' },
      payload: '{"actor": ',
    });
    expect(unparsable.statusCode).toBe(400);
    const submitWithoutSignatures = await post('/api/commands', {
      actor: sp.actor,
      key: sp.key,
      command: good,
      events: [{ type: 'membership.admitted' }],
    });
    expect(submitWithoutSignatures.statusCode).toBe(400);
    expect(errorBody.parse(submitWithoutSignatures.json()).error.message).toContain('signatures:');
    const tooLarge = await app.inject({
      method: 'POST',
      url: '/api/commands/prepare',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ actor: sp.actor, key: sp.key, command: good, pad: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(tooLarge.statusCode).toBe(413);
  });
});

describe('the queries', () => {
  it('answers every query in the shape @plenum/api describes, for the demo', async () => {
    const o = overview.parse((await get('/api/overview')).json());
    expect(o).toMatchObject({ levels: ['federation', 'section', 'branch'], on: TODAY });
    expect(o.units.find((u) => u.id === 'federation')?.parentId).toBeNull();
    expect(o.memberTotal).toBe(Object.values(o.memberCounts).reduce((a, b) => a + b, 0));

    const units = memberList.parse((await get('/api/units/br-sao-paulo/members')).json());
    expect(units.members.length).toBeGreaterThanOrEqual(24);

    const cc = bodyDetail.parse((await get('/api/bodies/central-committee')).json());
    expect(cc).toMatchObject({ body: { kind: 'central-committee' }, composition: 'elected', on: TODAY });
    expect(cc.members).toHaveLength(15);
    // Fifteen seats and the secretary's office.
    expect(cc.mandates.filter((m) => m.office === null)).toHaveLength(15);
    expect(cc.mandates.filter((m) => m.office === 'secretary')).toHaveLength(1);
    const before = bodyDetail.parse((await get('/api/bodies/central-committee?on=2026-03-01')).json());
    expect(before).toMatchObject({ members: [], mandates: [], on: '2026-03-01' });
    const branch = bodyDetail.parse((await get('/api/bodies/assembly-br-recife')).json());
    expect(branch.composition).toBe('all-members');
    expect(branch.members.length).toBe(12);

    const secretary = cc.mandates.find((m) => m.office === 'secretary')!;
    const m = memberDetail.parse((await get(`/api/members/${secretary.memberId}`)).json());
    expect(m.mandates.current.map((x) => x.id)).toEqual(expect.arrayContaining(['secretary-1', `cc-${m.id}`]));
    expect(m.periods.length).toBe(1);

    const all = mandateList.parse((await get('/api/mandates?all=true')).json());
    const bySeat = mandateList.parse((await get('/api/mandates?body=congress')).json());
    expect(bySeat.mandates.length).toBe(40);
    const mine = mandateList.parse((await get(`/api/mandates?member=${secretary.memberId}`)).json());
    expect(mine.mandates.every((x) => x.memberId === secretary.memberId)).toBe(true);
    expect(all.mandates.length).toBeGreaterThanOrEqual(bySeat.mandates.length + cc.mandates.length);

    const statute = statuteText.parse((await get('/api/statute')).json());
    expect(statute).toMatchObject({
      version: 1,
      title: "Statute of the International Federation of Workers' Councils",
    });
    expect(statute.text).toContain('plenum-statute: 1');

    const tendencies = tendencyList.parse((await get('/api/tendencies')).json());
    expect(tendencies.tendencies).toMatchObject([{ id: 'tendency-councils', declaredOn: '2026-04-04' }]);
    expect(tendencies.tendencies[0]?.members).toHaveLength(6);

    expect(recallList.parse((await get('/api/recalls')).json())).toEqual({ recalls: [], on: TODAY });
    expect(applicationList.parse((await get('/api/applications')).json()).applications).toEqual([]);
  });

  it('shows an open recall petition with the signatures the statute asks for', async () => {
    const state = await plenum.state();
    // The tendency's declarer has signed before (so has a key) and is an elector of the branch secretary.
    const declarer = state.tendencies.get('tendency-councils')!.members[0]!;
    expect(state.members.get(declarer)?.unitId).toBe('br-sao-paulo');
    const signer = holder({ kind: 'member', id: declarer });
    const response = await act(signer, { type: 'signRecall', mandateId: 'secretary-br-sao-paulo', on: '2026-04-20' });
    expect(response.statusCode, response.body).toBe(201);
    const { recalls } = recallList.parse((await get('/api/recalls')).json());
    const electors = bodyDetail.parse((await get('/api/bodies/assembly-br-sao-paulo')).json()).members.length;
    expect(recalls).toMatchObject([
      { mandate: { id: 'secretary-br-sao-paulo' }, signatures: 1, electors, needed: Math.ceil(electors / 4) },
    ]);
  });

  it('answers 400 for a malformed id or day, 404 for an unknown one, translated', async () => {
    for (const url of [
      '/api/members/NOPE',
      '/api/bodies/%20',
      '/api/mandates?all=maybe',
      '/api/overview?on=2026-13-01',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(errorBody.parse(response.json()).error.code).toBe('invalid_input');
    }
    for (const url of [
      '/api/members/m0000',
      '/api/bodies/politburo',
      '/api/mandates?body=politburo',
      '/api/mandates?member=m0000',
    ]) {
      const response = await app.inject({ method: 'GET', url, headers: { 'accept-language': 'pt-BR' } });
      expect(response.statusCode, url).toBe(404);
      expect(errorBody.parse(response.json()).error.message).toMatch(/^Não encontrado: /);
    }
  });
});
