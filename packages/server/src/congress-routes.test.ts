import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  bulletinList,
  congressDetail,
  congressList,
  congressPetition,
  congressRoll,
  errorBody,
  letterList,
  meetingDetail,
  meetingMinutes,
  memberCases,
  memberInbox,
  motionDetail,
  motionList,
  platformDetail,
  platformList,
  publicCase,
  rollEntryView,
  type GovernanceCommandInput,
} from '@plenum/api';
import { Plenum, type StoragePort } from '@plenum/app';
import { demoActorSecret } from '@plenum/demo';
import {
  bodyMembers,
  commitTo,
  currentCongress,
  rollOf,
  type Actor,
  type GovernanceCommand,
  type GovernanceState,
  type VoteCount,
} from '@plenum/domain';
import { canonicalJson, toHex, utf8 } from '@plenum/kernel';
import { ed25519Signer, generateSignerKey } from '@plenum/log';
import { openSqliteStorage } from '@plenum/storage-sqlite';
import { buildServer } from './server.ts';
import { overHttp as submitOverHttp } from './test-support/over-http.ts';

/**
 * The query routes of the congress's parts, end to end: a real server (inject) on a real
 * SQLite record with the demo organisation, on top of which these tests run a congress of
 * their own — called over HTTP by the central committee's own signature, the rest through
 * `plenum.execute` with the demo actors' keys — and then read every route, checking content.
 * Whatever the demo itself does with congresses, these use their own ids and come after it.
 */

const LOG = {
  name: 'plenum.test/congress-routes',
  keys: generateSignerKey('plenum.test/congress-routes', new Uint8Array(32).fill(9)),
};
/** The server's clock: after everything these tests record. */
const TODAY = '2027-06-01';
const C = 'g-congress';
const CALLED_ON = '2027-01-04';
const OPENS_ON = '2027-03-06';
const POSTPONED_TO = '2027-03-13';
const ELECTED_ON = '2027-02-01';
const MEETING = 'g-meeting';
const MEETING_ON = '2027-03-16';
const SALT = 'a1'.repeat(32);
const SEALED_CHARGES = 'Confidential: spoke to the press about a member’s illness.';

let dir: string;
let storage: StoragePort;
let plenum: Plenum;
let app: FastifyInstance;

const body = (id: string): Actor => ({ kind: 'body', id });
const member = (id: string): Actor => ({ kind: 'member', id });
const CC = body('central-committee');
const CONGRESS = body('congress');
const show = (count: VoteCount) => ({ method: 'show-of-hands', count }) as const;

/** Who is who in the flow, found in the demo's state (its member ids are fixed by its seed). */
const cast = {
  ccMembers: 0,
  /** Delegates elected here, in the order elected per unit. */
  delegates: [] as string[],
  units: ['br-sao-paulo', 'de-berlin', 'br-rio'] as const,
  seats: new Map<string, number>(),
  drafter: '',
  signers: [] as string[],
  letterWriter: '',
  mover: '',
  mover2: '',
  cosigners: [] as string[],
  amender: '',
  accusedOpen: '',
  accusedSealed: '',
  accuser: '',
  petitioner: '',
  leftOff: '',
};

async function run(actor: Actor, command: GovernanceCommand): Promise<void> {
  const result = await plenum.execute([{ by: plenum.localSigner(actor, demoActorSecret(actor)), command }]);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
}

/** A command over the HTTP protocol, to this file's server. */
function overHttp(actor: Actor, command: GovernanceCommandInput): Promise<void> {
  return submitOverHttp(app, actor, command);
}

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
async function getJson(url: string): Promise<unknown> {
  const response = await get(url);
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json();
}

function membersOf(state: GovernanceState, unitId: string): string[] {
  return [...state.members.values()]
    .filter((m) => m.unitId === unitId && m.status === 'member')
    .map((m) => m.id)
    .sort();
}

/** A congress the demo left under way is carried to its end first, so that this one can be called. */
async function settleDemoCongress(): Promise<void> {
  const c = currentCongress(await plenum.state());
  if (c === undefined) return;
  if (c.status === 'called') await run(body(c.bodyId), { type: 'openCongress', congressId: c.id, on: c.opensOn });
  const closeOn = c.opensOn > '2027-01-02' ? c.opensOn : '2027-01-02';
  await run(body(c.bodyId), { type: 'closeCongress', congressId: c.id, on: closeOn });
}

async function buildTheRecord(): Promise<void> {
  await settleDemoCongress();
  let state = await plenum.state();
  const cc = state.bodies.get('central-committee');
  if (cc === undefined) throw new Error('the demo has no central committee');
  cast.ccMembers = bodyMembers(state, cc, CALLED_ON).length;

  // A member resigns before the call: the roll will not have them.
  cast.leftOff = membersOf(state, 'ru-spb')[0] ?? '';
  await run(member(cast.leftOff), { type: 'resign', memberId: cast.leftOff, on: '2027-01-03' });

  // The call, over HTTP, signed by the central committee's own key.
  await overHttp(CC, { type: 'callCongress', congressId: C, opensOn: OPENS_ON, on: CALLED_ON });
  if (!state.discussionOpen) await run(CC, { type: 'openDiscussion', on: CALLED_ON });
  // Two postponement votes: one lost (two-thirds not reached), one carried.
  const n = cast.ccMembers;
  await run(CC, {
    type: 'postponeCongress',
    congressId: C,
    opensOn: '2027-03-20',
    vote: show({ yes: 1, no: n - 1, abstain: 0, present: n }),
    on: '2027-01-10',
  });
  await run(CC, {
    type: 'postponeCongress',
    congressId: C,
    opensOn: POSTPONED_TO,
    vote: show({ yes: n, no: 0, abstain: 0, present: n }),
    on: '2027-01-11',
  });

  // The bulletin: a contribution, a platform signed until it is filed, an amendment adopted.
  state = await plenum.state();
  const madrid = membersOf(state, 'es-madrid');
  const barcelona = membersOf(state, 'es-barcelona');
  cast.drafter = madrid[0] ?? '';
  await run(member(cast.drafter), {
    type: 'publishContribution',
    documentId: 'g-contribution',
    title: 'On the agenda of the congress',
    text: 'The congress should discuss the councils first.',
    on: '2027-01-12',
  });
  await run(member(cast.drafter), {
    type: 'draftPlatform',
    platformId: 'g-platform',
    title: 'Platform of the councils',
    text: 'All power to the councils.',
    on: '2027-01-12',
  });
  for (const signer of madrid.slice(1)) {
    if ((await plenum.state()).bulletin.platforms.get('g-platform')?.filed !== null) break;
    await run(member(signer), { type: 'signPlatform', platformId: 'g-platform', on: '2027-01-13' });
    cast.signers.push(signer);
  }
  await run(member(cast.drafter), {
    type: 'proposePlatformAmendment',
    platformId: 'g-platform',
    amendmentId: 'g-platform-am',
    text: 'All power to the councils, elected and recallable.',
    on: '2027-01-14',
  });
  const signatories = [cast.drafter, ...cast.signers];
  for (const approver of cast.signers) {
    const p = (await plenum.state()).bulletin.platforms.get('g-platform');
    if (p === undefined || p.version > 1) break;
    await run(member(approver), { type: 'approvePlatformAmendment', amendmentId: 'g-platform-am', on: '2027-01-15' });
  }
  expect(signatories.length).toBeGreaterThan(1);
  // A letter to the central committee.
  cast.letterWriter = barcelona[0] ?? '';
  await run(member(cast.letterWriter), {
    type: 'sendLetter',
    letterId: 'g-letter',
    toBodyId: 'central-committee',
    title: 'On the date of the congress',
    text: 'Comrades, why was the congress postponed?',
    on: '2027-01-16',
  });

  // Delegates: three units elect theirs by STV from the recorded ballots.
  state = await plenum.state();
  const apportioned = state.congress.apportionments.get(C);
  const entries = rollOf(state, C) ?? [];
  for (const unitId of cast.units) {
    const seats = apportioned?.units.find((u) => u.unitId === unitId)?.seats ?? 0;
    cast.seats.set(unitId, seats);
    const onRoll = entries.filter((e) => e.unitId === unitId).map((e) => e.memberId);
    const candidates = onRoll.slice(0, seats + 1);
    await run(body(`assembly-${unitId}`), {
      type: 'electDelegates',
      congressId: C,
      unitId,
      candidates,
      ballots: [{ ranking: candidates, count: onRoll.length }],
      mandateIds: Array.from({ length: seats }, (_, k) => `g-${unitId}-${k + 1}`),
      on: ELECTED_ON,
    });
    cast.delegates.push(...candidates.slice(0, seats));
  }
  await run(CONGRESS, { type: 'openCongress', congressId: C, on: POSTPONED_TO });

  // A motion to the São Paulo assembly: moved, co-signed, amended (and an amendment amended).
  const sp = membersOf(state, 'br-sao-paulo');
  cast.mover = sp.at(-1) ?? '';
  cast.cosigners = sp.slice(-5, -1);
  cast.amender = sp.at(-6) ?? '';
  await run(member(cast.mover), {
    type: 'draftMotion',
    motionId: 'g-motion',
    toBodyId: 'assembly-br-sao-paulo',
    title: 'On strike funds',
    text: 'Line one\nLine two\nLine three\nLine four\nLine five',
    on: '2027-03-14',
  });
  for (const cosigner of cast.cosigners)
    await run(member(cosigner), { type: 'cosignMotion', motionId: 'g-motion', on: '2027-03-14' });
  type Target = { readonly kind: 'motion' } | { readonly kind: 'amendment'; readonly amendmentId: string };
  const amend = (id: string, target: Target, fromLine: number, toLine: number, replacement: string) =>
    run(member(cast.amender), {
      type: 'amendMotion',
      amendmentId: id,
      motionId: 'g-motion',
      target,
      fromLine,
      toLine,
      replacement,
      vote: null,
      on: '2027-03-15',
    });
  await amend('g-am-1', { kind: 'motion' }, 2, 2, 'Line two, amended');
  await amend('g-am-2', { kind: 'motion' }, 2, 3, 'Lines two and three, merged');
  await amend('g-am-3', { kind: 'amendment', amendmentId: 'g-am-1' }, 1, 1, 'Line two, amended twice');
  await amend('g-am-4', { kind: 'motion' }, 4, 4, '');
  // The assembly votes on the first in the order: the amendment to the amendment, carried.
  await run(body('assembly-br-sao-paulo'), {
    type: 'decideAmendment',
    amendmentId: 'g-am-3',
    vote: show({ yes: 15, no: 0, abstain: 0, present: 15 }),
    on: '2027-03-16',
  });
  // A second motion, and the assembly's proposal to merge the two, which only its first mover has consented to.
  cast.mover2 = sp.at(-7) ?? '';
  await run(member(cast.mover2), {
    type: 'draftMotion',
    motionId: 'g-motion-2',
    toBodyId: 'assembly-br-sao-paulo',
    title: 'On strike pay',
    text: 'Pay the strikers',
    on: '2027-03-16',
  });
  for (const cosigner of sp.slice(-11, -7))
    await run(member(cosigner), { type: 'cosignMotion', motionId: 'g-motion-2', on: '2027-03-16' });
  await run(body('assembly-br-sao-paulo'), {
    type: 'proposeComposite',
    compositeId: 'g-composite',
    motionIds: ['g-motion', 'g-motion-2'],
    title: 'On strike funds and pay',
    text: 'One fund\nfor strike pay',
    on: '2027-03-16',
  });
  await run(member(cast.mover), { type: 'consentToComposite', compositeId: 'g-composite', on: '2027-03-16' });

  // The congress's first meeting: a speech, a point of order, a ruling challenged and upheld, a vote.
  const [chair, first, second, challenger] = cast.delegates;
  if (chair === undefined || first === undefined || second === undefined || challenger === undefined) {
    throw new Error(`too few delegates: ${cast.delegates.join(', ')}`);
  }
  const at = (time: string) => ({ on: MEETING_ON, at: time });
  await run(CONGRESS, {
    type: 'openMeeting',
    meetingId: MEETING,
    bodyId: 'congress',
    chairId: chair,
    agenda: [{ itemId: 'report', title: 'Report of the Central Committee' }],
    ...at('09:00'),
  });
  const ask = (who: string, side: 'for' | 'against', time: string) =>
    run(member(who), {
      type: 'requestToSpeak',
      meetingId: MEETING,
      itemId: 'report',
      side,
      platformId: null,
      ...at(time),
    });
  await ask(first, 'for', '09:01');
  await ask(second, 'against', '09:02');
  await ask(challenger, 'for', '09:02');
  await run(member(chair), {
    type: 'callSpeaker',
    meetingId: MEETING,
    itemId: 'report',
    memberId: first,
    ...at('09:03'),
  });
  await run(member(first), { type: 'endSpeech', meetingId: MEETING, ...at('09:07') });
  await run(member(second), {
    type: 'raisePointOfOrder',
    pointId: 'g-point',
    meetingId: MEETING,
    text: 'The speaker strayed from the report.',
    ...at('09:08'),
  });
  await run(member(chair), {
    type: 'giveRuling',
    rulingId: 'g-ruling',
    meetingId: MEETING,
    pointId: 'g-point',
    decision: 'Not well taken: the speech was on the report.',
    ...at('09:09'),
  });
  await run(member(challenger), { type: 'challengeRuling', rulingId: 'g-ruling', ...at('09:10') });
  const d = cast.delegates.length;
  await run(CONGRESS, {
    type: 'decideChallenge',
    rulingId: 'g-ruling',
    vote: show({ yes: 1, no: d - 1, abstain: 0, present: d }),
    ...at('09:11'),
  });

  await run(CONGRESS, { type: 'closeCongress', congressId: C, on: '2027-03-17' });

  // Disciplinary cases before the Hamburg assembly: one in the open, one confidential.
  const hamburg = membersOf(state, 'de-hamburg');
  cast.accusedOpen = hamburg[0] ?? '';
  cast.accusedSealed = hamburg[1] ?? '';
  cast.accuser = membersOf(state, 'de-leipzig')[0] ?? '';
  await run(member(cast.accuser), {
    type: 'bringCharges',
    caseId: 'g-case-open',
    accusedId: cast.accusedOpen,
    charges: { kind: 'text', text: 'Crossed the picket line on 2 April.' },
    grounds: [{ kind: 'conduct', description: { kind: 'text', text: 'Seen at work during the strike.' } }],
    on: '2027-04-01',
  });
  await run(member(cast.accusedOpen), {
    type: 'replyToCharges',
    caseId: 'g-case-open',
    reply: { kind: 'text', text: 'I was at the union office, not at work.' },
    on: '2027-04-03',
  });
  await run(body('assembly-de-hamburg'), {
    type: 'scheduleHearing',
    caseId: 'g-case-open',
    hearingOn: '2027-04-12',
    on: '2027-04-04',
  });
  await run(body('assembly-de-hamburg'), {
    type: 'holdHearing',
    caseId: 'g-case-open',
    accusedPresent: true,
    on: '2027-04-12',
  });
  await run(body('assembly-de-hamburg'), {
    type: 'decideCase',
    caseId: 'g-case-open',
    penalty: 'warning',
    vote: { method: 'secret-ballot', count: { yes: 9, no: 1, abstain: 0, present: 10 } },
    on: '2027-04-12',
  });
  await run(member(cast.accuser), {
    type: 'bringCharges',
    caseId: 'g-case-sealed',
    accusedId: cast.accusedSealed,
    charges: { kind: 'commitment', commitment: commitTo(SALT, SEALED_CHARGES) },
    grounds: [{ kind: 'conduct', description: { kind: 'commitment', commitment: commitTo(SALT, 'the details') } }],
    on: '2027-04-13',
  });

  // Afterwards a member signs a petition for an extraordinary congress.
  cast.petitioner = membersOf(state, 'ru-moskva')[0] ?? '';
  await run(member(cast.petitioner), { type: 'petitionForCongress', vote: null, on: '2027-05-01' });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plenum-congress-routes-'));
  storage = await openSqliteStorage(join(dir, 'plenum.sqlite'));
  plenum = new Plenum(storage, {
    log: { origin: LOG.name, signer: ed25519Signer(LOG.keys.signerKey), verifierKey: LOG.keys.verifierKey },
    clock: () => new Date(`${TODAY}T12:00:00Z`),
  });
  await plenum.ensureDemo();
  app = await buildServer({ plenum, version: '0.0.0-test', webRoot: null, logLevel: 'silent' });
  await buildTheRecord();
}, 60_000);

afterAll(async () => {
  await app.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('congresses, their rolls and the petition', () => {
  it('lists every congress with its status', async () => {
    const list = congressList.parse(await getJson('/api/congresses'));
    const mine = list.congresses.find((c) => c.id === C);
    expect(mine).toMatchObject({
      bodyId: 'congress',
      kind: 'regular',
      calledBy: 'body:central-committee',
      calledOn: CALLED_ON,
      opensOn: POSTPONED_TO,
      originalOpensOn: OPENS_ON,
      status: 'closed',
      openedOn: POSTPONED_TO,
      closedOn: '2027-03-17',
    });
    // Every other congress (the demo's, if any) was closed before this one was called.
    expect(list.current).toBeNull();
    expect(list.congresses.filter((c) => c.status !== 'closed')).toEqual([]);
  });

  it('gives a congress with its apportionment and arithmetic, elections, credentials and postponements', async () => {
    const detail = congressDetail.parse(await getJson(`/api/congresses/${C}`));
    const state = await plenum.state();
    const entries = rollOf(state, C) ?? [];
    expect(detail.roll?.total).toBe(entries.length);
    expect(detail.roll?.cutoff).toBe(CALLED_ON);
    const a = detail.apportionment;
    expect(a).not.toBeNull();
    const rule = state.statute?.delegates;
    const seats = rule?.seats ?? 0;
    expect(a).toMatchObject({
      method: rule?.apportionment,
      seats,
      minimumPerUnit: rule?.minimumPerUnit,
      seed: detail.roll?.hash,
    });
    // Thirteen branches with members: the minimum each, the rest shared by the statute's method.
    expect(a?.units).toHaveLength(13);
    expect(a?.sharedSeats).toBe(seats - 13 * (rule?.minimumPerUnit ?? 0));
    expect(a?.units.reduce((sum, u) => sum + u.seats, 0)).toBe(seats);
    expect(a?.divisor).not.toBeNull();
    for (const u of a?.units ?? []) {
      expect(u.members).toBe(entries.filter((e) => e.unitId === u.unitId).length);
      expect(Number(u.quotient)).toBeGreaterThan(0);
    }
    // The three elections, by STV, each with its candidates, ballots and quota.
    expect(detail.elections.map((e) => e.unitId).sort()).toEqual([...cast.units].sort());
    for (const e of detail.elections) {
      expect(e).toMatchObject({ method: 'scottish-stv', seats: cast.seats.get(e.unitId), on: ELECTED_ON });
      expect(e.bodyId).toBe(`assembly-${e.unitId}`);
      expect(e.elected.map((x) => x.memberId)).toEqual(e.candidates.slice(0, e.seats));
      expect(e.ballots).toEqual([
        { ranking: e.candidates, count: a?.units.find((u) => u.unitId === e.unitId)?.members },
      ]);
      expect(e.quota).not.toBeNull();
    }
    // Credentials: exactly the delegates elected; the ten other branches' seats are unfilled.
    expect(detail.credentials?.delegates.map((x) => x.memberId).sort()).toEqual([...cast.delegates].sort());
    expect(detail.credentials?.delegates.every((x) => x.electedOn === ELECTED_ON)).toBe(true);
    const unfilled = detail.credentials?.unfilled ?? [];
    expect(unfilled.map((u) => u.unitId).sort()).toEqual(
      (a?.units ?? [])
        .map((u) => u.unitId)
        .filter((id) => !(cast.units as readonly string[]).includes(id))
        .sort(),
    );
    expect(unfilled.reduce((s, u) => s + u.seats, 0) + cast.delegates.length).toBe(seats);
    // Postponements: the lost vote and the carried one, with their counts.
    expect(detail.postponements).toMatchObject([
      {
        carried: false,
        opensOn: '2027-03-20',
        on: '2027-01-10',
        vote: { yes: 1, method: 'show-of-hands', carried: false },
      },
      { carried: true, opensOn: POSTPONED_TO, on: '2027-01-11', vote: { yes: cast.ccMembers, carried: true } },
    ]);
  });

  it('gives the frozen roll whose entries hash to its seal', async () => {
    const roll = congressRoll.parse(await getJson(`/api/congresses/${C}/roll`));
    expect(roll.congressId).toBe(C);
    expect(roll.cutoff).toBe(CALLED_ON);
    expect(roll.entries).toHaveLength(roll.total);
    expect(roll.total).toBeGreaterThan(150);
    const ids = roll.entries.map((e) => e.memberId);
    expect(ids).toEqual([...ids].sort());
    // Anyone can check the seal from the entries alone.
    const hash = toHex(sha256(utf8(canonicalJson(roll.entries.map((e) => [e.memberId, e.unitId])))));
    expect(hash).toBe(roll.hash);
    expect(roll.units.reduce((s, u) => s + u.members, 0)).toBe(roll.total);
    expect(roll.units.find((u) => u.unitId === 'br-sao-paulo')?.members).toBe(
      roll.entries.filter((e) => e.unitId === 'br-sao-paulo').length,
    );
  });

  it('gives a member their own entry and what checking it takes; one left off sees that they are', async () => {
    const roll = congressRoll.parse(await getJson(`/api/congresses/${C}/roll`));
    const delegate = cast.delegates[0] ?? '';
    const mine = rollEntryView.parse(await getJson(`/api/congresses/${C}/roll/${delegate}`));
    expect(mine).toMatchObject({
      congressId: C,
      memberId: delegate,
      cutoff: CALLED_ON,
      hash: roll.hash,
      total: roll.total,
    });
    expect(mine.entry).toEqual({ memberId: delegate, unitId: 'br-sao-paulo' });
    expect(mine.pair).toEqual([delegate, 'br-sao-paulo']);
    expect(roll.entries[mine.position ?? -1]).toEqual(mine.entry);
    expect(mine.algorithm).toContain('SHA-256');
    // A member who is not on the roll (who resigned before the call) is told so, not refused.
    expect(roll.entries.some((e) => e.memberId === cast.leftOff)).toBe(false);
    const entry = rollEntryView.parse(await getJson(`/api/congresses/${C}/roll/${cast.leftOff}`));
    expect(entry).toMatchObject({ memberId: cast.leftOff, entry: null, position: null, pair: null, hash: roll.hash });
  });

  it('tells where the petition for an extraordinary congress stands', async () => {
    const petition = congressPetition.parse(await getJson('/api/congresses/petition'));
    expect(petition.on).toBe(TODAY);
    expect(petition.current).toBeNull();
    expect(petition.signers).toEqual([{ memberId: cast.petitioner, on: '2027-05-01' }]);
    expect(petition.resolutions).toEqual([]);
    expect(petition.signatures).toBe(1);
    expect(petition.reached).toBe(false);
    // The statute's share of the members with a vote, and of the thirteen electing units.
    const share = (await plenum.state()).statute?.congress.extraordinary;
    const [m1, m2] = share?.membersShare ?? [0, 1];
    const [u1, u2] = share?.unitsShare ?? [0, 1];
    expect(petition.signaturesNeeded).toBe(Math.max(1, Math.ceil((m1 * petition.voters) / m2)));
    expect(petition.electingUnits).toBe(13);
    expect(petition.unitsNeeded).toBe(Math.max(1, Math.ceil((u1 * 13) / u2)));
    const earlier = congressPetition.parse(await getJson('/api/congresses/petition?on=2027-05-02'));
    expect(earlier.on).toBe('2027-05-02');
  });

  it('answers 404 for unknown congresses and members, 400 for malformed ids and days', async () => {
    for (const url of [
      '/api/congresses/no-such-congress',
      '/api/congresses/no-such-congress/roll',
      `/api/congresses/no-such-congress/roll/${cast.delegates[0] ?? ''}`,
      `/api/congresses/${C}/roll/m9999`,
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(errorBody.parse(response.json()).error.code).toBe('not_found');
    }
    for (const url of [
      '/api/congresses/Bad%20Id',
      `/api/congresses/${C}/roll/NOT-AN-ID`,
      '/api/congresses/petition?on=2027-13-45',
    ]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(errorBody.parse(response.json()).error.code).toBe('invalid_input');
    }
  });
});

describe('the bulletin, platforms and letters', () => {
  it('gives the documents of the bulletin', async () => {
    const { documents } = bulletinList.parse(await getJson('/api/bulletin'));
    expect(documents.find((d) => d.id === 'g-contribution')).toEqual({
      id: 'g-contribution',
      author: `member:${cast.drafter}`,
      title: 'On the agenda of the congress',
      text: 'The congress should discuss the councils first.',
      congressId: C,
      on: '2027-01-12',
    });
  });

  it('lists platforms, and those filed for a congress', async () => {
    const all = platformList.parse(await getJson('/api/platforms'));
    const p = all.platforms.find((x) => x.id === 'g-platform');
    expect(p).toMatchObject({ title: 'Platform of the councils', version: 2, drafter: cast.drafter, congressId: C });
    expect(p?.signatories).toEqual([cast.drafter, ...cast.signers]);
    expect(p?.filed?.signatories).toEqual([cast.drafter, ...cast.signers]);
    expect(p?.filed?.needed).toBe(cast.signers.length + 1);
    const forCongress = platformList.parse(await getJson(`/api/platforms?congress=${C}`));
    expect(forCongress.platforms.map((x) => x.id)).toEqual(['g-platform']);
    expect((await get('/api/platforms?congress=no-such-congress')).statusCode).toBe(404);
    expect((await get('/api/platforms?congress=Not%20an%20id')).statusCode).toBe(400);
  });

  it('gives a platform with its text as amended, its circulations and its amendment', async () => {
    const { platform, amendments } = platformDetail.parse(await getJson('/api/platforms/g-platform'));
    expect(platform.text).toBe('All power to the councils, elected and recallable.');
    expect(platform.circulations.map((c) => c.version)).toEqual([1, 2]);
    const state = await plenum.state();
    const circulated = platform.circulations[1];
    expect(circulated?.recipients).toContain(cast.delegates[0]);
    expect(circulated?.recipientsHash).toBe(toHex(sha256(utf8(canonicalJson(circulated?.recipients ?? [])))));
    expect(circulated?.recipients.length).toBeLessThanOrEqual(state.members.size);
    expect(amendments).toHaveLength(1);
    expect(amendments[0]).toMatchObject({
      id: 'g-platform-am',
      proposer: cast.drafter,
      baseVersion: 1,
      adoptedOn: '2027-01-15',
    });
    expect(amendments[0]?.approvals[0]).toBe(cast.drafter);
    expect((await get('/api/platforms/no-such-platform')).statusCode).toBe(404);
  });

  it("gives a member's inbox: the platform's circulations, and letters to a body they sit in", async () => {
    const drafter = memberInbox.parse(await getJson(`/api/members/${cast.drafter}/inbox`));
    expect(drafter.items).toEqual([
      { kind: 'platform', platformId: 'g-platform', version: 1, title: 'Platform of the councils', on: '2027-01-13' },
      { kind: 'platform', platformId: 'g-platform', version: 2, title: 'Platform of the councils', on: '2027-01-15' },
    ]);
    const letters = letterList.parse(await getJson('/api/bodies/central-committee/letters'));
    const letter = letters.letters.find((l) => l.id === 'g-letter');
    expect(letter).toMatchObject({
      from: cast.letterWriter,
      toBodyId: 'central-committee',
      title: 'On the date of the congress',
      text: 'Comrades, why was the congress postponed?',
      on: '2027-01-16',
    });
    expect(letter?.recipients).toHaveLength(cast.ccMembers);
    const ccMember = letter?.recipients[0] ?? '';
    const inbox = memberInbox.parse(await getJson(`/api/members/${ccMember}/inbox`));
    expect(inbox.items).toContainEqual({
      kind: 'letter',
      letterId: 'g-letter',
      from: cast.letterWriter,
      toBodyId: 'central-committee',
      title: 'On the date of the congress',
      on: '2027-01-16',
    });
    expect((await get('/api/members/m9999/inbox')).statusCode).toBe(404);
    expect((await get('/api/bodies/no-such-body/letters')).statusCode).toBe(404);
    expect((await get('/api/bodies/BAD/letters')).statusCode).toBe(400);
  });
});

describe('motions', () => {
  it("lists a body's motions", async () => {
    const { motions } = motionList.parse(await getJson('/api/bodies/assembly-br-sao-paulo/motions'));
    const m = motions.find((x) => x.id === 'g-motion');
    expect(m).toMatchObject({
      title: 'On strike funds',
      movers: [`member:${cast.mover}`],
      cosigners: cast.cosigners,
      status: 'submitted',
      submittedOn: '2027-03-14',
      decision: null,
    });
    expect((await get('/api/bodies/no-such-body/motions')).statusCode).toBe(404);
  });

  it('gives a motion in numbered lines, its amendments with their previews, and the order of voting', async () => {
    const { motion, amendments, votingOrder, composites } = motionDetail.parse(await getJson('/api/motions/g-motion'));
    // The proposal to merge it waits for the second mover's consent.
    expect(composites).toEqual([
      {
        id: 'g-composite',
        title: 'On strike funds and pay',
        text: 'One fund\nfor strike pay',
        motionIds: ['g-motion', 'g-motion-2'],
        proposedOn: '2027-03-16',
        movers: [`member:${cast.mover}`, `member:${cast.mover2}`],
        consents: [`member:${cast.mover}`],
        status: 'proposed',
      },
    ]);
    expect(motion.lines).toEqual([
      { number: 1, text: 'Line one' },
      { number: 2, text: 'Line two' },
      { number: 3, text: 'Line three' },
      { number: 4, text: 'Line four' },
      { number: 5, text: 'Line five' },
    ]);
    expect(motion.currentText).toBe(motion.text);
    const byId = new Map(amendments.map((a) => [a.id, a]));
    expect([...byId.keys()]).toEqual(['g-am-1', 'g-am-2', 'g-am-3', 'g-am-4']);
    // The amendment to the amendment carried: g-am-1 now replaces line 2 with its amended text.
    expect(byId.get('g-am-3')).toMatchObject({ status: 'carried', preview: null, decision: { vote: { yes: 15 } } });
    expect(byId.get('g-am-1')).toMatchObject({ status: 'pending', lines: ['Line two, amended twice'] });
    expect(byId.get('g-am-1')?.preview).toEqual([
      { status: 'kept', text: 'Line one', before: 1, after: 1 },
      { status: 'deleted', text: 'Line two', before: 2, after: null },
      { status: 'inserted', text: 'Line two, amended twice', before: null, after: 2 },
      { status: 'kept', text: 'Line three', before: 3, after: 3 },
      { status: 'kept', text: 'Line four', before: 4, after: 4 },
      { status: 'kept', text: 'Line five', before: 5, after: 5 },
    ]);
    expect(byId.get('g-am-4')?.preview?.filter((l) => l.status !== 'kept')).toEqual([
      { status: 'deleted', text: 'Line four', before: 4, after: null },
    ]);
    // Overlapping amendments in the order submitted, then the next group, then the motion.
    expect(votingOrder).toEqual(['g-am-1', 'g-am-2', 'g-am-4', 'g-motion']);
    expect((await get('/api/motions/no-such-motion')).statusCode).toBe(404);
    expect((await get('/api/motions/-bad')).statusCode).toBe(400);
  });
});

describe('meetings and their minutes', () => {
  it("gives a meeting: its agenda with the platform's co-report, speakers' lists, next speaker, the ruling challenged", async () => {
    const detail = meetingDetail.parse(await getJson(`/api/meetings/${MEETING}`));
    const [chair, first, second, challenger] = cast.delegates;
    expect(detail.meeting).toMatchObject({ id: MEETING, bodyId: 'congress', chairId: chair, closed: null });
    expect(detail.meeting.opened).toEqual({ on: MEETING_ON, at: '09:00' });
    expect(detail.agenda.map((i) => [i.itemId, i.kind, i.platformId])).toEqual([
      ['report', 'item', null],
      ['co-report-1', 'co-report', 'g-platform'],
    ]);
    const report = detail.agenda[0];
    expect(report?.list.map((e) => [e.memberId, e.status])).toEqual([
      [first, 'called'],
      [second, 'waiting'],
      [challenger, 'waiting'],
    ]);
    expect(report?.speeches).toMatchObject([
      { n: 1, memberId: first, side: 'for', minutes: 5, ended: { on: MEETING_ON, at: '09:07', by: 'speaker' } },
    ]);
    // Speakers for and against alternate: after a speech for, the first waiting against.
    expect(report?.next?.memberId).toBe(second);
    expect(detail.points).toMatchObject([{ pointId: 'g-point', memberId: second, rulingId: 'g-ruling' }]);
    expect(detail.rulings).toMatchObject([
      {
        rulingId: 'g-ruling',
        pointId: 'g-point',
        challenge: { memberId: challenger, decided: { at: '09:11', overturned: false, vote: { yes: 1 } } },
      },
    ]);
    expect((await get('/api/meetings/no-such-meeting')).statusCode).toBe(404);
  });

  it('gives the minutes as JSON, and in Markdown in the language asked for', async () => {
    const minutes = meetingMinutes.parse(await getJson(`/api/meetings/${MEETING}/minutes`));
    expect(minutes).toMatchObject({ meetingId: MEETING, bodyId: 'congress', bodyName: 'Congress' });
    expect(minutes.items[0]?.speeches[0]).toMatchObject({ n: 1, spoke: 4, overran: false });
    expect(minutes.items[0]?.waiting).toHaveLength(2);
    const state = await plenum.state();
    const first = state.members.get(cast.delegates[1] ?? '');
    if (first === undefined) throw new Error('no first speaker');
    expect(minutes.names[first.id]).toBe(`${first.givenName} ${first.familyName}`);

    const en = await get(`/api/meetings/${MEETING}/minutes.md`, { 'accept-language': 'en' });
    expect(en.statusCode).toBe(200);
    expect(en.headers['content-type']).toContain('text/markdown');
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toContain(`Minutes of the meeting ${MEETING} of Congress`);
    expect(en.body).toContain('upheld');
    const pt = await get(`/api/meetings/${MEETING}/minutes.md`, { 'accept-language': 'pt-BR,pt;q=0.9' });
    expect(pt.headers['content-language']).toBe('pt-BR');
    expect(pt.body).toContain(`Ata da reunião ${MEETING} de Congress`);
    expect(pt.body).toContain('mantida');
    expect(pt.body).not.toBe(en.body);
    const missing = await get('/api/meetings/no-such-meeting/minutes.md');
    expect(missing.statusCode).toBe(404);
    expect(errorBody.parse(missing.json()).error.code).toBe('not_found');
    expect((await get('/api/meetings/no-such-meeting/minutes')).statusCode).toBe(404);
  });
});

describe('disciplinary cases, in their public view', () => {
  it('shows a case in the open with its texts and every step', async () => {
    const c = publicCase.parse(await getJson('/api/cases/g-case-open'));
    expect(c).toMatchObject({
      id: 'g-case-open',
      accusedId: cast.accusedOpen,
      bodyId: 'assembly-de-hamburg',
      confidential: false,
      openedOn: '2027-04-01',
      replyBy: '2027-04-15',
      hearingOn: '2027-04-12',
      stage: 'decided',
      outcome: null,
      penalty: 'warning',
      charges: { kind: 'text', text: 'Crossed the picket line on 2 April.' },
      reply: { kind: 'text', text: 'I was at the union office, not at work.' },
    });
    expect(c.appealBy).not.toBeNull();
    expect(c.steps).toEqual([
      { step: 'opened', on: '2027-04-01' },
      { step: 'replied', on: '2027-04-03' },
      { step: 'hearing-scheduled', on: '2027-04-04' },
      { step: 'heard', on: '2027-04-12' },
      { step: 'decided', on: '2027-04-12' },
    ]);
  });

  it('keeps a confidential case to its existence, parties and dates', async () => {
    const response = await get('/api/cases/g-case-sealed');
    expect(response.statusCode).toBe(200);
    const c = publicCase.parse(response.json());
    expect(c).toMatchObject({
      accusedId: cast.accusedSealed,
      confidential: true,
      stage: 'open',
      charges: null,
      grounds: null,
      reply: null,
      steps: [{ step: 'opened', on: '2027-04-13' }],
    });
    // Not even the commitments leave the server in this view.
    expect(response.body).not.toContain(commitTo(SALT, SEALED_CHARGES));
    expect(response.body).not.toContain('Confidential');
  });

  it('lists the cases against a member', async () => {
    const open = memberCases.parse(await getJson(`/api/members/${cast.accusedOpen}/cases`));
    expect(open.cases.map((c) => c.id)).toEqual(['g-case-open']);
    const sealed = memberCases.parse(await getJson(`/api/members/${cast.accusedSealed}/cases`));
    expect(sealed.cases).toMatchObject([{ id: 'g-case-sealed', charges: null }]);
    const none = memberCases.parse(await getJson(`/api/members/${cast.accuser}/cases`));
    expect(none.cases).toEqual([]);
    expect((await get('/api/cases/no-such-case')).statusCode).toBe(404);
    expect((await get('/api/members/m9999/cases')).statusCode).toBe(404);
    expect((await get('/api/cases/Bad')).statusCode).toBe(400);
  });
});
