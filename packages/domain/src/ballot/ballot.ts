import { ok, type Id, type Refusal, type Result } from '@plenum/kernel';
import {
  combineDecryptions,
  decryptResult,
  electionPublicKey,
  group as cryptoGroup,
  hashJson,
  makeElection,
  parseElection,
  parseEncryptedTally,
  parsePartialDecryption,
  parseTrustees,
  pedersenStep4,
  pedersenStep6,
  trusteeKeysInOrder,
  verifyPartialDecryption,
  type Election,
  type TrusteeKind,
} from '@plenum/crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson, toHex, utf8 } from '@plenum/kernel';
import {
  actingBody,
  actorName,
  bodyMembers,
  no,
  notAllowed,
  plenum,
  validId,
  validText,
  type Ctx,
  type Decision,
} from '../governance/common.ts';
import { isMemberOn, type GovernanceDraft, type GovernanceState } from '../governance/state.ts';
import {
  BALLOT_LIMITS,
  type BallotCommand,
  type BallotEvent,
  type BallotQuestion,
  type SecretBallot,
  type TrusteeProgress,
} from './ballot-model.ts';
import { BallotBox } from './ballot-box.ts';

export * from './ballot-model.ts';
export { BallotBox } from './ballot-box.ts';

/**
 * The engine's part for secret ballots anyone can verify (G5): a Belenios election whose
 * every step is a signed event of the record. Who may do what (Plenum's own rules, cited as
 * "Plenum governance.ballot-…"):
 *
 * - A body calls a secret ballot of its members (`body`), or the body that calls congresses
 *   one of a congress's frozen roll (`roll`): the electorate is fixed on the day of the call.
 * - The credential authority (a member, not a trustee) publishes one public credential per
 *   elector; it keeps the private ones and hands each elector theirs. The server never
 *   holds a credential, so it cannot cast a ballot.
 * - The trustees (members, each nominated by a filed platform or a body) generate the
 *   election key t of n with Belenios' threshold protocol; no nominator may hold t trustees,
 *   so no faction can decrypt alone (ballot-factions).
 * - The body opens the ballot box and closes it. Ballots come from the ballot box, not from a
 *   member: each is signed by its credential; the last one of a credential counts.
 * - After closing, t trustees publish partial decryptions with proofs; the result follows.
 */
export function decideBallot(ctx: Ctx, command: BallotCommand): Decision {
  if (ctx.actor.kind === 'voter' && command.type !== 'castBallot' && command.type !== 'refuseBallot') {
    return no(plenum('ballot-voter'), 'ballotVoterOnly');
  }
  switch (command.type) {
    case 'callBallot':
      return callBallot(ctx, command);
    case 'publishCredentials':
      return publishCredentials(ctx, command);
    case 'certifyTrustee':
    case 'commitTrustee':
    case 'verifyTrustee':
      return trusteeStep(ctx, command);
    case 'openBallot':
      return openBallot(ctx, command);
    case 'castBallot':
      return castBallot(ctx, command);
    case 'refuseBallot':
      return refuseBallot(ctx, command);
    case 'closeBallot':
      return closeBallot(ctx, command);
    case 'decryptTally':
      return decryptTally(ctx, command);
  }
}

type Of<T extends BallotCommand['type']> = Extract<BallotCommand, { type: T }>;
/** A trustee as the wire may send it: the type says an object, hostile input may say null. */
type BallotCommandTrustee = Of<'callBallot'>['trustees'][number];

const GROUPS: readonly string[] = ['Ed25519', 'BELENIOS-2048'];

// ─── Calling ────────────────────────────────────────────────────────────────────────────

function validQuestions(questions: unknown): questions is readonly BallotQuestion[] {
  if (!Array.isArray(questions) || questions.length === 0 || questions.length > BALLOT_LIMITS.questions) return false;
  for (const q of questions as unknown[]) {
    if (typeof q !== 'object' || q === null) return false;
    const { question, answers, min, max, blank } = q as Record<string, unknown>;
    if (!validText(question, BALLOT_LIMITS.textLength) || typeof blank !== 'boolean') return false;
    if (!Array.isArray(answers) || answers.length === 0 || answers.length > BALLOT_LIMITS.answers) return false;
    if (!answers.every((a) => validText(a, BALLOT_LIMITS.textLength))) return false;
    if (new Set(answers).size !== answers.length) return false;
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) return false;
    if ((min as number) < 0 || (min as number) > (max as number) || (max as number) > answers.length) return false;
  }
  return true;
}

/** The Belenios uuid of a ballot: 22 base58 characters derived from its id. */
export function ballotUuid(ballotId: Id): string {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let n = 0n;
  for (const byte of sha256(utf8(`plenum/ballot/${ballotId}`))) n = (n << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < 22; i += 1) {
    out += alphabet.charAt(Number(n % 58n));
    n /= 58n;
  }
  return out;
}

export function idsHash(sortedIds: readonly string[]): string {
  return toHex(sha256(utf8(canonicalJson(sortedIds))));
}

function callBallot(ctx: Ctx, c: Of<'callBallot'>): Decision {
  const { state, statute } = ctx;
  const body = actingBody(ctx);
  if (body === undefined) return notAllowed(plenum('ballot-call'), actorName(ctx.actor));
  if (!validId(c.ballotId)) return no(plenum('input'), 'input', { field: 'ballotId' });
  if (state.ballots.byId.has(c.ballotId)) return no(plenum('unique-id'), 'exists', { id: c.ballotId });
  if (!validText(c.title, 200)) return no(plenum('input'), 'input', { field: 'title' });
  if (!GROUPS.includes(c.group)) return no(plenum('input'), 'input', { field: 'group' });
  if (!validQuestions(c.questions)) return no(plenum('ballot-questions'), 'ballotQuestions', BALLOT_LIMITS_PARAMS);
  const electorate = c.electorate as { scope?: unknown; congressId?: unknown } | null;
  let electors: Id[];
  let congressId: Id | null = null;
  if (electorate?.scope === 'body') {
    electors = bodyMembers(state, body, c.on);
  } else if (electorate?.scope === 'roll') {
    // A congress's roll is the whole organisation's: only the body that calls congresses calls such a ballot.
    if (body.kind !== statute.congress.calledBy) return notAllowed(plenum('ballot-roll'), actorName(ctx.actor));
    if (!validId(electorate.congressId)) return no(plenum('input'), 'input', { field: 'electorate.congressId' });
    congressId = electorate.congressId;
    const roll = state.congress.rolls.get(congressId);
    if (roll === undefined) return no(plenum('ballot-roll'), 'ballotElectorateEmpty', { scope: 'roll' });
    electors = roll.map((e) => e.memberId);
  } else {
    return no(plenum('input'), 'input', { field: 'electorate.scope' });
  }
  electors = [...new Set(electors)].sort();
  if (electors.length === 0)
    return no(plenum('ballot-electorate'), 'ballotElectorateEmpty', { scope: electorate.scope });
  const trusteeProblem = checkTrustees(ctx, c);
  if (trusteeProblem !== null) return trusteeProblem;
  return ok([
    {
      type: 'ballot.called',
      ballotId: c.ballotId,
      bodyId: body.id,
      title: c.title,
      questions: c.questions.map((q) => ({
        question: q.question,
        answers: [...q.answers],
        min: q.min,
        max: q.max,
        blank: q.blank,
      })),
      group: c.group,
      uuid: ballotUuid(c.ballotId),
      electorate: { scope: electorate.scope, congressId, count: electors.length, hash: idsHash(electors) },
      credentialAuthority: c.credentialAuthority,
      trustees: c.trustees.map((t) => ({ memberId: t.memberId, nominatedBy: t.nominatedBy })),
      threshold: c.threshold,
      on: c.on,
    },
  ]);
}

const BALLOT_LIMITS_PARAMS = {
  questions: BALLOT_LIMITS.questions,
  answers: BALLOT_LIMITS.answers,
  length: BALLOT_LIMITS.textLength,
};

function checkTrustees(ctx: Ctx, c: Of<'callBallot'>): Refusal | null {
  const { state } = ctx;
  const member = (id: unknown): boolean => {
    if (!validId(id)) return false;
    const m = state.members.get(id);
    return m !== undefined && isMemberOn(m, c.on);
  };
  if (!member(c.credentialAuthority)) return no(plenum('input'), 'input', { field: 'credentialAuthority' });
  const trustees: unknown = c.trustees;
  if (!Array.isArray(trustees) || trustees.length < 2 || trustees.length > BALLOT_LIMITS.trustees) {
    return no(plenum('ballot-trustees'), 'ballotTrustees', { max: BALLOT_LIMITS.trustees });
  }
  const seen = new Set<Id>();
  const byNominator = new Map<string, number>();
  for (const t of c.trustees as readonly unknown[] as readonly (BallotCommandTrustee | null)[]) {
    if (typeof t !== 'object' || t === null || !member(t.memberId) || seen.has(t.memberId)) {
      return no(plenum('ballot-trustees'), 'ballotTrustees', { max: BALLOT_LIMITS.trustees });
    }
    seen.add(t.memberId);
    const nominator = typeof t.nominatedBy === 'string' ? t.nominatedBy : '';
    const [kind, id = ''] = nominator.split(':');
    const known =
      (kind === 'platform' && state.bulletin.platforms.get(id)?.filed != null) ||
      (kind === 'body' && state.bodies.has(id));
    if (!known) return no(plenum('ballot-nominators'), 'ballotNominator', { nominator: nominator.slice(0, 80) });
    byNominator.set(nominator, (byNominator.get(nominator) ?? 0) + 1);
  }
  // The credential authority must not also hold a share of the key: together the two could
  // link credentials to voters and decrypt.
  if (seen.has(c.credentialAuthority)) return no(plenum('ballot-authority'), 'ballotAuthorityTrustee');
  if (!Number.isSafeInteger(c.threshold) || c.threshold < 2 || c.threshold > c.trustees.length) {
    return no(plenum('ballot-threshold'), 'ballotThreshold', { trustees: c.trustees.length });
  }
  for (const [nominator, count] of byNominator) {
    if (count >= c.threshold) {
      return no(plenum('ballot-factions'), 'ballotFaction', { nominator, count, threshold: c.threshold });
    }
  }
  return null;
}

// ─── Credentials and the trustees' key ──────────────────────────────────────────────────

function ballotFor(ctx: Ctx, ballotId: unknown): SecretBallot | Refusal {
  const ballot = validId(ballotId) ? ctx.state.ballots.byId.get(ballotId) : undefined;
  return ballot ?? no(plenum('unknown'), 'ballotUnknown', { id: String(ballotId).slice(0, 80) });
}

const isBallot = (b: SecretBallot | Refusal): b is SecretBallot => !('ok' in b);

const CREDENTIAL_FORMAT: Record<string, RegExp> = {
  Ed25519: /^[0-9a-f]{64}$/,
  'BELENIOS-2048': /^[1-9][0-9]{0,616}$/,
};

function publishCredentials(ctx: Ctx, c: Of<'publishCredentials'>): Decision {
  const ballot = ballotFor(ctx, c.ballotId);
  if (!isBallot(ballot)) return ballot;
  const rule = plenum('ballot-credentials');
  if (ctx.actor.kind !== 'member' || ctx.actor.id !== ballot.credentialAuthority) {
    return notAllowed(rule, actorName(ctx.actor));
  }
  if (ballot.stage !== 'called' || ballot.credentialsSealed) return no(rule, 'ballotStage', { stage: ballot.stage });
  const list: unknown = c.credentials;
  const format = CREDENTIAL_FORMAT[ballot.group];
  const remaining = ballot.electors.length - ballot.credentials.length;
  if (!Array.isArray(list) || list.length === 0 || list.length > remaining || format === undefined) {
    return no(rule, 'ballotCredentials', { expected: remaining });
  }
  const fresh = new Set<string>();
  for (const [i, credential] of list.entries()) {
    // The format only: whether each is in the group is checked by every verifier (a credential
    // outside it can sign nothing, so it only wastes its elector's vote — the authority's fault,
    // which the verifier names).
    if (typeof credential !== 'string' || !format.test(credential)) {
      return no(plenum('input'), 'input', { field: `credentials[${i}]` });
    }
    if (ballot.credentialSet.has(credential) || fresh.has(credential)) {
      return no(rule, 'ballotCredentials', { expected: remaining });
    }
    fresh.add(credential);
  }
  const per = BALLOT_LIMITS.credentialsPerPart[ballot.group];
  const events: BallotEvent[] = [];
  let part = Math.ceil(ballot.credentials.length / per) + 1;
  const credentials = list as string[];
  for (let at = 0; at < credentials.length; at += per) {
    events.push({
      type: 'ballot.credentials-published',
      ballotId: ballot.id,
      part,
      credentials: credentials.slice(at, at + per),
      on: c.on,
    });
    part += 1;
  }
  if (credentials.length === remaining) {
    const all = [...ballot.credentials, ...credentials];
    events.push({
      type: 'ballot.credentials-sealed',
      ballotId: ballot.id,
      count: all.length,
      hash: idsHash(all),
      on: c.on,
    });
  }
  return ok(events);
}

function trusteeStep(ctx: Ctx, c: Of<'certifyTrustee' | 'commitTrustee' | 'verifyTrustee'>): Decision {
  const ballot = ballotFor(ctx, c.ballotId);
  if (!isBallot(ballot)) return ballot;
  const rule = plenum('ballot-trustees');
  const memberId = ctx.actor.kind === 'member' ? ctx.actor.id : undefined;
  const progress = memberId === undefined ? undefined : ballot.ceremony.get(memberId);
  if (memberId === undefined || progress === undefined)
    return no(rule, 'ballotNotTrustee', { who: actorName(ctx.actor) });
  if (ballot.stage !== 'called' || ballot.publicKey !== null) return no(rule, 'ballotStage', { stage: ballot.stage });
  const all = ballot.trustees.map((t) => ballot.ceremony.get(t.memberId) ?? EMPTY_PROGRESS);
  const G = cryptoGroup(ballot.group);
  const maxMessage = 60_000;
  if (c.type === 'certifyTrustee') {
    if (progress.cert !== null) return no(rule, 'ballotTrusteeDone', { step: 1 });
    if (!validMessage(c.cert, maxMessage)) return no(plenum('input'), 'input', { field: 'cert' });
    return ok([{ type: 'ballot.trustee-certified', ballotId: ballot.id, memberId, cert: c.cert, on: c.on }]);
  }
  const certs = all.map((p) => p.cert);
  if (certs.some((cert) => cert === null)) return no(rule, 'ballotCeremony', { step: 1 });
  if (c.type === 'commitTrustee') {
    if (progress.polynomial !== null) return no(rule, 'ballotTrusteeDone', { step: 3 });
    if (!validMessage(c.polynomial, maxMessage)) return no(plenum('input'), 'input', { field: 'polynomial' });
    const event: BallotEvent = {
      type: 'ballot.trustee-committed',
      ballotId: ballot.id,
      memberId,
      polynomial: c.polynomial,
      on: c.on,
    };
    const polynomials = ballot.trustees.map((t) =>
      t.memberId === memberId ? c.polynomial : ballot.ceremony.get(t.memberId)?.polynomial,
    );
    if (polynomials.every((p) => typeof p === 'string')) {
      // The last one: the shares are routed (step 4) only if every polynomial checks.
      const routed = pedersenStep4(G, certs as string[], polynomials);
      if (!routed.ok) return routed;
    }
    return ok([event]);
  }
  const polynomials = all.map((p) => p.polynomial);
  if (polynomials.some((p) => p === null)) return no(rule, 'ballotCeremony', { step: 3 });
  if (progress.voutput !== null) return no(rule, 'ballotTrusteeDone', { step: 5 });
  if (!validMessage(c.voutput, maxMessage)) return no(plenum('input'), 'input', { field: 'voutput' });
  const events: BallotEvent[] = [
    { type: 'ballot.trustee-verified', ballotId: ballot.id, memberId, voutput: c.voutput, on: c.on },
  ];
  const voutputs = ballot.trustees.map((t) =>
    t.memberId === memberId ? c.voutput : ballot.ceremony.get(t.memberId)?.voutput,
  );
  if (voutputs.every((v) => typeof v === 'string')) {
    const params = pedersenStep6(G, certs as string[], polynomials as string[], voutputs);
    if (!params.ok) return params;
    const trustees = `[["Pedersen",${params.value}]]`;
    const parsed = parseTrustees(G, trustees);
    if (!parsed.ok) return parsed;
    const publicKey = G.toString(electionPublicKey(G, parsed.value));
    events.push({ type: 'ballot.key-established', ballotId: ballot.id, trustees, publicKey, on: c.on });
  }
  return ok(events);
}

const EMPTY_PROGRESS: TrusteeProgress = { cert: null, polynomial: null, voutput: null };

function validMessage(text: unknown, max: number): text is string {
  return typeof text === 'string' && text.length > 0 && text.length <= max;
}

// ─── The ballot box ─────────────────────────────────────────────────────────────────────

function byCallingBody(ctx: Ctx, ballot: SecretBallot, clause: string): Refusal | null {
  const body = actingBody(ctx);
  return body?.id === ballot.bodyId ? null : notAllowed(plenum(clause), actorName(ctx.actor));
}

function openBallot(ctx: Ctx, c: Of<'openBallot'>): Decision {
  const ballot = ballotFor(ctx, c.ballotId);
  if (!isBallot(ballot)) return ballot;
  const barred = byCallingBody(ctx, ballot, 'ballot-open');
  if (barred !== null) return barred;
  if (ballot.stage !== 'called') return no(plenum('ballot-open'), 'ballotStage', { stage: ballot.stage });
  if (!ballot.credentialsSealed) return no(plenum('ballot-open'), 'ballotCeremony', { step: 'credentials' });
  if (ballot.publicKey === null) return no(plenum('ballot-open'), 'ballotCeremony', { step: 'key' });
  const election = makeElection({
    uuid: ballot.uuid,
    name: ballot.title,
    description: '',
    group: ballot.group,
    publicKey: ballot.publicKey,
    questions: ballot.questions,
  });
  if (!election.ok) return election;
  return ok([
    {
      type: 'ballot.opened',
      ballotId: ballot.id,
      election: election.value.json,
      fingerprint: election.value.fingerprint,
      on: c.on,
    },
  ]);
}

function windowRefusal(ballot: SecretBallot): Refusal | null {
  if (ballot.stage === 'called') return no(plenum('ballot-window'), 'ballotNotOpen', { id: ballot.id });
  if (ballot.stage !== 'open') return no(plenum('ballot-window'), 'ballotClosed', { id: ballot.id });
  return null;
}

/**
 * The checks of a ballot that need the record rather than cryptography: the window, the
 * election it is for, its credential, a replay. (Its proofs were checked before.)
 */
export function ballotBoxCheck(
  ballot: SecretBallot,
  text: string,
): Result<{ hash: string; credential: string; replaces: string | null }> {
  const closed = windowRefusal(ballot);
  if (closed !== null) return closed;
  if (text.length > BALLOT_LIMITS.ballotBytes) {
    return no(plenum('ballot-form'), 'ballotMalformed', { detail: `more than ${BALLOT_LIMITS.ballotBytes} bytes` });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return no(plenum('ballot-form'), 'ballotMalformed', { detail: 'not JSON' });
  }
  const fields = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (fields['election_uuid'] !== ballot.uuid || fields['election_hash'] !== ballot.fingerprint) {
    return no(plenum('ballot-form'), 'ballotMalformed', { detail: 'not a ballot of this election' });
  }
  const credential = fields['credential'];
  if (typeof credential !== 'string' || !ballot.credentialSet.has(credential)) {
    return no(plenum('ballot-credential'), 'ballotCredentialUnknown', {});
  }
  const hash = hashJson(text);
  if (ballot.box.has(hash, ballot.cast)) return no(plenum('ballot-replay'), 'ballotReplayed', { tracker: hash });
  return ok({ hash, credential, replaces: ballot.box.last(credential, ballot.cast) ?? null });
}

function castBallot(ctx: Ctx, c: Of<'castBallot'>): Decision {
  if (ctx.actor.kind !== 'voter') return no(plenum('ballot-voter'), 'ballotVoterOnly');
  const ballot = ballotFor(ctx, c.ballotId);
  if (!isBallot(ballot)) return ballot;
  if (typeof c.ballot !== 'string') return no(plenum('input'), 'input', { field: 'ballot' });
  const checked = ballotBoxCheck(ballot, c.ballot);
  if (!checked.ok) return checked;
  return ok([{ type: 'ballot.cast', ballotId: ballot.id, ballot: c.ballot, ...checked.value, on: c.on }]);
}

const REASON = /^(refusal\.governance\.ballot[A-Za-z]+|crypto\.[a-z-]+)$/;

function refuseBallot(ctx: Ctx, c: Of<'refuseBallot'>): Decision {
  if (ctx.actor.kind !== 'voter') return no(plenum('ballot-voter'), 'ballotVoterOnly');
  const ballot = ballotFor(ctx, c.ballotId);
  if (!isBallot(ballot)) return ballot;
  if (typeof c.hash !== 'string' || !/^[A-Za-z0-9+/]{43}$/.test(c.hash)) {
    return no(plenum('input'), 'input', { field: 'hash' });
  }
  if (typeof c.reason !== 'string' || !REASON.test(c.reason)) return no(plenum('input'), 'input', { field: 'reason' });
  if (typeof c.detail !== 'string' || c.detail.length > 500) return no(plenum('input'), 'input', { field: 'detail' });
  // A refused ballot sent again is not recorded again: the first refusal stands for it.
  if (ballot.refusals.has(c.hash, ballot.refusedCount)) {
    return no(plenum('ballot-replay'), 'ballotRefusedAlready', { tracker: c.hash });
  }
  return ok([
    { type: 'ballot.refused', ballotId: ballot.id, hash: c.hash, reason: c.reason, detail: c.detail, on: c.on },
  ]);
}

// ─── Tally and result ───────────────────────────────────────────────────────────────────

const elections = new Map<string, Election>();

/** The parsed Belenios election of an opened ballot (kept: parsing builds tables). */
export function electionOf(ballot: SecretBallot): Election | undefined {
  if (ballot.election === null) return undefined;
  let e = elections.get(ballot.election);
  if (e === undefined) {
    const parsed = parseElection(ballot.election);
    if (!parsed.ok) return undefined;
    e = parsed.value;
    if (elections.size > 64) elections.clear();
    elections.set(ballot.election, e);
  }
  return e;
}

function closeBallot(ctx: Ctx, c: Of<'closeBallot'>): Decision {
  const ballot = ballotFor(ctx, c.ballotId);
  if (!isBallot(ballot)) return ballot;
  const barred = byCallingBody(ctx, ballot, 'ballot-close');
  if (barred !== null) return barred;
  if (ballot.stage !== 'open') return no(plenum('ballot-close'), 'ballotStage', { stage: ballot.stage });
  const e = electionOf(ballot);
  if (e === undefined) return no(plenum('ballot-close'), 'ballotStage', { stage: ballot.stage });
  if (typeof c.encryptedTally !== 'string') return no(plenum('input'), 'input', { field: 'encryptedTally' });
  const tally = parseEncryptedTally(e, c.encryptedTally);
  if (!tally.ok) return tally;
  return ok([
    {
      type: 'ballot.closed',
      ballotId: ballot.id,
      cast: ballot.cast,
      counted: ballot.box.counted(ballot.cast),
      encryptedTally: c.encryptedTally,
      on: c.on,
    },
  ]);
}

function decryptTally(ctx: Ctx, c: Of<'decryptTally'>): Decision {
  const ballot = ballotFor(ctx, c.ballotId);
  if (!isBallot(ballot)) return ballot;
  const rule = plenum('ballot-decryption');
  const memberId = ctx.actor.kind === 'member' ? ctx.actor.id : undefined;
  const owner = ballot.trustees.findIndex((t) => t.memberId === memberId) + 1;
  if (memberId === undefined || owner === 0) return no(rule, 'ballotNotTrustee', { who: actorName(ctx.actor) });
  if (ballot.stage !== 'closed') return no(rule, 'ballotStage', { stage: ballot.stage });
  if (ballot.decryptions.has(owner)) return no(rule, 'ballotTrusteeDone', { step: 'decryption' });
  const e = electionOf(ballot);
  const trustees = trusteesOf(ballot);
  if (e === undefined || trustees === undefined || ballot.encryptedTally === null) {
    return no(rule, 'ballotStage', { stage: ballot.stage });
  }
  if (typeof c.partialDecryption !== 'string') return no(plenum('input'), 'input', { field: 'partialDecryption' });
  const tally = parseEncryptedTally(e, ballot.encryptedTally);
  if (!tally.ok) return tally;
  const pd = parsePartialDecryption(e, c.partialDecryption);
  if (!pd.ok) return pd;
  const X = trusteeKeysInOrder(trustees)[owner - 1];
  const checked = verifyPartialDecryption(e, tally.value, X, pd.value);
  if (!checked.ok) return checked;
  const events: BallotEvent[] = [
    {
      type: 'ballot.decrypted',
      ballotId: ballot.id,
      memberId,
      owner,
      partialDecryption: c.partialDecryption,
      on: c.on,
    },
  ];
  if (ballot.decryptions.size + 1 >= ballot.threshold) {
    const byOwner = new Map([[owner, pd.value]]);
    for (const [n, d] of ballot.decryptions) {
      const parsed = parsePartialDecryption(e, d.text);
      if (parsed.ok) byOwner.set(n, parsed.value);
    }
    const factors = combineDecryptions(e, tally.value, trustees, byOwner);
    if (!factors.ok) return factors;
    const result = decryptResult(e, tally.value, factors.value, ballot.counted);
    if (!result.ok) return no(rule, 'ballotDecryption', {});
    events.push({ type: 'ballot.result', ballotId: ballot.id, result: result.value, on: c.on });
  }
  return ok(events);
}

function trusteesOf(ballot: SecretBallot): TrusteeKind[] | undefined {
  if (ballot.trusteesText === null) return undefined;
  const parsed = parseTrustees(cryptoGroup(ballot.group), ballot.trusteesText);
  return parsed.ok ? parsed.value : undefined;
}

// ─── Applying the events ────────────────────────────────────────────────────────────────

export function applyBallot(d: GovernanceDraft, event: BallotEvent): void {
  const byId = d.ballots.byId;
  if (event.type === 'ballot.called') {
    byId.set(event.ballotId, called(d, event));
    return;
  }
  const b = byId.get(event.ballotId);
  if (b === undefined) throw new RangeError(`${event.type} of an unknown ballot`);
  byId.set(event.ballotId, next(b, event));
}

function called(d: GovernanceDraft, e: Extract<BallotEvent, { type: 'ballot.called' }>): SecretBallot {
  let electors: Id[];
  if (e.electorate.scope === 'roll') {
    electors = (d.congress.rolls.get(e.electorate.congressId ?? '') ?? []).map((r) => r.memberId);
  } else {
    const body = d.bodies.get(e.bodyId);
    electors = body === undefined ? [] : bodyMembers(d, body, e.on);
  }
  electors = [...new Set(electors)].sort();
  return {
    id: e.ballotId,
    bodyId: e.bodyId,
    title: e.title,
    questions: e.questions,
    group: e.group,
    uuid: e.uuid,
    electorateScope: e.electorate.scope,
    congressId: e.electorate.congressId,
    electors,
    electorateHash: e.electorate.hash,
    credentialAuthority: e.credentialAuthority,
    trustees: e.trustees,
    threshold: e.threshold,
    calledOn: e.on,
    credentials: [],
    credentialSet: new Set(),
    credentialsSealed: false,
    ceremony: new Map(e.trustees.map((t) => [t.memberId, EMPTY_PROGRESS])),
    trusteesText: null,
    publicKey: null,
    election: null,
    fingerprint: null,
    stage: 'called',
    openedOn: null,
    closedOn: null,
    box: new BallotBox(),
    cast: 0,
    refusals: new BallotBox(),
    refusedCount: 0,
    counted: 0,
    encryptedTally: null,
    decryptions: new Map(),
    result: null,
  };
}

function next(b: SecretBallot, e: Exclude<BallotEvent, { type: 'ballot.called' }>): SecretBallot {
  switch (e.type) {
    case 'ballot.credentials-published': {
      const credentials = [...b.credentials, ...e.credentials];
      return { ...b, credentials, credentialSet: new Set(credentials) };
    }
    case 'ballot.credentials-sealed':
      return { ...b, credentialsSealed: true };
    case 'ballot.trustee-certified':
    case 'ballot.trustee-committed':
    case 'ballot.trustee-verified': {
      const was = b.ceremony.get(e.memberId) ?? EMPTY_PROGRESS;
      const now =
        e.type === 'ballot.trustee-certified'
          ? { ...was, cert: e.cert }
          : e.type === 'ballot.trustee-committed'
            ? { ...was, polynomial: e.polynomial }
            : { ...was, voutput: e.voutput };
      return { ...b, ceremony: new Map(b.ceremony).set(e.memberId, now) };
    }
    case 'ballot.key-established':
      return { ...b, trusteesText: e.trustees, publicKey: e.publicKey };
    case 'ballot.opened':
      return { ...b, election: e.election, fingerprint: e.fingerprint, stage: 'open', openedOn: e.on };
    case 'ballot.cast':
      b.box.append(b.cast, e.hash, e.credential);
      return { ...b, cast: b.cast + 1 };
    case 'ballot.refused':
      b.refusals.append(b.refusedCount, e.hash, e.hash);
      return { ...b, refusedCount: b.refusedCount + 1 };
    case 'ballot.closed':
      return { ...b, stage: 'closed', closedOn: e.on, counted: e.counted, encryptedTally: e.encryptedTally };
    case 'ballot.decrypted':
      return {
        ...b,
        decryptions: new Map(b.decryptions).set(e.owner, { memberId: e.memberId, text: e.partialDecryption }),
      };
    case 'ballot.result':
      return { ...b, stage: 'decrypted', result: e.result };
  }
}

/** Step 4 of the key generation for one trustee (its vinput), once every polynomial is in. */
export function pedersenStep4ForBallot(ballot: SecretBallot, memberId: Id): Result<string> | undefined {
  const index = ballot.trustees.findIndex((t) => t.memberId === memberId);
  const all = ballot.trustees.map((t) => ballot.ceremony.get(t.memberId) ?? EMPTY_PROGRESS);
  const certs = all.map((p) => p.cert);
  const polynomials = all.map((p) => p.polynomial);
  if (index < 0 || certs.some((c) => c === null) || polynomials.some((p) => p === null)) return undefined;
  const routed = pedersenStep4(cryptoGroup(ballot.group), certs as string[], polynomials as string[]);
  if (!routed.ok) return routed;
  const mine = routed.value[index];
  return mine === undefined ? undefined : ok(mine);
}

// ─── Queries ────────────────────────────────────────────────────────────────────────────

export function secretBallotOf(state: GovernanceState, id: Id): SecretBallot | undefined {
  return state.ballots.byId.get(id);
}

export function secretBallots(state: GovernanceState): SecretBallot[] {
  return [...state.ballots.byId.values()];
}
