import { ok, type Result } from '@plenum/kernel';
import { mod } from './bigint.ts';
import type { Election, Question } from './election.ts';
import { catchFormat, cryptoRefusal } from './errors.ts';
import { hashJson } from './hash.ts';
import { Json, jsonString } from './json.ts';
import {
  checkBlank,
  checkBlankOverall,
  checkDlog,
  checkInterval,
  proveBlank,
  proveBlankOverall,
  proveDlog,
  proveInterval,
  range,
  type Ciphertext,
  type KeyContext,
  type Proof,
} from './proofs.ts';
import { randomScalar, type RandomSource } from './random.ts';
import { at } from './util.ts';

/** An encrypted answer to a homomorphic question (§4.11.1). */
export interface Answer {
  readonly choices: readonly Ciphertext[];
  readonly individualProofs: readonly (readonly Proof[])[];
  readonly overallProof: readonly Proof[];
  readonly blankProof: readonly Proof[] | undefined;
}

/** A ballot (§4.15), its group elements parsed. */
export interface Ballot {
  readonly electionUuid: string;
  readonly electionHash: string;
  readonly credential: unknown;
  readonly answers: readonly Answer[];
  readonly signature: { readonly hash: string; readonly proof: Proof };
}

/** A ballot that passed every check, with what the ballot box needs from it. */
export interface VerifiedBallot {
  readonly ballot: Ballot;
  /** The public credential as written, to find the voter's weight and to replace a revote. */
  readonly credential: string;
  /** The smart ballot tracker: H_JSON of the ballot's text as received. */
  readonly tracker: string;
}

export interface VerifyOptions {
  /** Is this public credential one of the election's? Absent: not checked here. */
  readonly isCredential?: (credential: string) => boolean;
}

// ---------------------------------------------------------------------------------------------
// Serialisation, in the field order of the specification (that is what the signature hashes).

function writeProof(p: Proof): string {
  return `{"challenge":"${p.challenge.toString()}","response":"${p.response.toString()}"}`;
}

function writeProofs(ps: readonly Proof[]): string {
  return `[${ps.map(writeProof).join(',')}]`;
}

function writeAnswer(e: Election, a: Answer): string {
  const G = e.group;
  const choices = a.choices.map((c) => `{"alpha":"${G.toString(c.alpha)}","beta":"${G.toString(c.beta)}"}`);
  const blank = a.blankProof === undefined ? '' : `,"blank_proof":${writeProofs(a.blankProof)}`;
  return (
    `{"choices":[${choices.join(',')}],"individual_proofs":[${a.individualProofs.map(writeProofs).join(',')}],` +
    `"overall_proof":${writeProofs(a.overallProof)}${blank}}`
  );
}

function writeUnsigned(e: Election, b: Omit<Ballot, 'signature'>): string {
  return (
    `{"election_uuid":${jsonString(b.electionUuid)},"election_hash":${jsonString(b.electionHash)},` +
    `"credential":"${e.group.toString(b.credential)}","answers":[${b.answers.map((a) => writeAnswer(e, a)).join(',')}]`
  );
}

/** The ballot's JSON text, as belenios-tool 2.0 writes it (without the trailing newline). */
export function writeBallot(e: Election, b: Ballot): string {
  return `${writeUnsigned(e, b)},"signature":{"hash":${jsonString(b.signature.hash)},"proof":${writeProof(b.signature.proof)}}}`;
}

// ---------------------------------------------------------------------------------------------
// Reading, strictly.

function readProof(j: Json, q: bigint): Proof {
  const o = j.object(['challenge', 'response']);
  return { challenge: o.get('challenge').scalar(q), response: o.get('response').scalar(q) };
}

function readAnswer(e: Election, question: Question, j: Json): Answer {
  const G = e.group;
  const o = question.blank
    ? j.object(['choices', 'individual_proofs', 'overall_proof', 'blank_proof'])
    : j.object(['choices', 'individual_proofs', 'overall_proof']);
  const n = question.answers.length + (question.blank ? 1 : 0);
  const choices = o
    .get('choices')
    .array(n)
    .map((c) => {
      const co = c.object(['alpha', 'beta']);
      return { alpha: co.get('alpha').element(G), beta: co.get('beta').element(G) };
    });
  const individualProofs = o
    .get('individual_proofs')
    .array(n)
    .map((ps) => ps.array(2).map((p) => readProof(p, G.q)));
  const overallLength = question.max - question.min + 1 + (question.blank ? 1 : 0);
  const overallProof = o
    .get('overall_proof')
    .array(overallLength)
    .map((p) => readProof(p, G.q));
  const blankProof = question.blank
    ? o
        .get('blank_proof')
        .array(2)
        .map((p) => readProof(p, G.q))
    : undefined;
  return { choices, individualProofs, overallProof, blankProof };
}

/** Reads a ballot's JSON for this election; throws FormatError naming the first fault. */
export function readBallot(e: Election, text: string): Ballot {
  const o = Json.parse(text, 4 * 1024 * 1024).object([
    'election_uuid',
    'election_hash',
    'credential',
    'answers',
    'signature',
  ]);
  const answers = o.get('answers').array(e.questions.length);
  const so = o.get('signature').object(['hash', 'proof']);
  return {
    electionUuid: o.get('election_uuid').string(),
    electionHash: o.get('election_hash').string(),
    credential: o.get('credential').element(e.group),
    answers: answers.map((a, i) => readAnswer(e, at(e.questions, i), a)),
    signature: { hash: so.get('hash').string(), proof: readProof(so.get('proof'), e.group.q) },
  };
}

// ---------------------------------------------------------------------------------------------
// Verification (§3.2 step 3, §4.11–4.15). Self-contained: a worker given the election's
// text and a ballot's text can run it, so a pool can split a ballot box between cores.

function keyContext(e: Election): KeyContext {
  return { group: e.group, publicKey: e.publicKey, keyPow: e.keyPow };
}

/** S0 (§4.11): the fingerprint, a bar and the public credential. */
function prefixOf(e: Election, credential: string): string {
  return `${e.fingerprint}|${credential}`;
}

/** S (§4.11.1): S0, a bar and every choice's α,β, comma-separated. */
function answerString(e: Election, S0: string, choices: readonly Ciphertext[]): string {
  const G = e.group;
  return `${S0}|${choices.map((c) => `${G.toString(c.alpha)},${G.toString(c.beta)}`).join(',')}`;
}

function product(e: Election, cs: readonly Ciphertext[]): Ciphertext {
  const G = e.group;
  return cs.reduce<Ciphertext>((acc, c) => ({ alpha: G.mul(acc.alpha, c.alpha), beta: G.mul(acc.beta, c.beta) }), {
    alpha: G.one,
    beta: G.one,
  });
}

/** The first proof of the answer that fails, as a path relative to the answer, or undefined. */
function failingProof(e: Election, question: Question, S0: string, a: Answer): string | undefined {
  const ctx = keyContext(e);
  for (let i = 0; i < a.choices.length; i += 1) {
    if (!checkInterval(ctx, S0, at(a.choices, i), [0, 1], at(a.individualProofs, i))) return `individual_proofs[${i}]`;
  }
  const S = answerString(e, S0, a.choices);
  const values = range(question.min, question.max);
  if (!question.blank) {
    return checkInterval(ctx, S, product(e, a.choices), values, a.overallProof) ? undefined : 'overall_proof';
  }
  const c0 = at(a.choices, 0);
  const cS = product(e, a.choices.slice(1));
  if (!checkBlankOverall(ctx, S, c0, cS, values, a.overallProof)) return 'overall_proof';
  return a.blankProof !== undefined && checkBlank(ctx, S, c0, cS, a.blankProof) ? undefined : 'blank_proof';
}

/**
 * Checks a ballot completely; the refusal names the first failing check and where. `text` is
 * the ballot exactly as cast (belenios-tool prints it with a trailing newline, which is not
 * part of it). Needs nothing but the election: a worker given the election's text once can
 * check any share of a ballot box.
 */
export function verifyBallot(e: Election, text: string, options: VerifyOptions = {}): Result<VerifiedBallot> {
  const read = catchFormat('4.15', () => readBallot(e, text));
  if (!read.ok) return read;
  const b = read.value;
  // One ballot, one text: refusing any other spelling (spaces, escapes, key order, repeated
  // keys) keeps the tracker unique, so a copy cannot pass as a new ballot, and leaves no
  // room for two readers to see different contents in the same bytes.
  if (writeBallot(e, b) !== text) {
    return cryptoRefusal('malformed', '4.15', '$', 'not in the canonical compact form belenios-tool writes');
  }
  if (b.electionUuid !== e.uuid) {
    return cryptoRefusal(
      'wrong-election',
      '4.15',
      '$.election_uuid',
      `this ballot is for election ${b.electionUuid.slice(0, 64)}`,
    );
  }
  if (b.electionHash !== e.fingerprint) {
    return cryptoRefusal('wrong-election', '4.15', '$.election_hash', 'not the fingerprint of this election');
  }
  const credential = e.group.toString(b.credential);
  if (options.isCredential !== undefined && !options.isCredential(credential)) {
    return cryptoRefusal('unknown-credential', '3.2', '$.credential', 'not a public credential of this election');
  }
  const hash = hashJson(`${writeUnsigned(e, b)}}`);
  if (b.signature.hash !== hash) {
    return cryptoRefusal('invalid-proof', '4.14', '$.signature.hash', 'not the hash of the ballot');
  }
  if (!checkDlog(e.group, b.credential, b.signature.proof, (A) => `sig|${hash}|${A}`)) {
    return cryptoRefusal('invalid-proof', '4.14', '$.signature.proof', 'the signature does not verify');
  }
  const S0 = prefixOf(e, credential);
  for (let i = 0; i < b.answers.length; i += 1) {
    const failing = failingProof(e, at(e.questions, i), S0, at(b.answers, i));
    if (failing !== undefined) {
      return cryptoRefusal('invalid-proof', '4.12', `$.answers[${i}].${failing}`, 'the proof does not verify');
    }
  }
  return ok({ ballot: b, credential, tracker: hashJson(text) });
}

// ---------------------------------------------------------------------------------------------
// Making a ballot (what the voting booth does in the browser).

/**
 * A plaintext vote, one array per question: 0 or 1 per answer, and for a question that
 * allows blank votes a leading 1 for blank (then all answers 0) or 0 — belenios-tool's format.
 */
export type Plaintext = readonly (readonly number[])[];

function checkPlaintext(e: Election, vote: Plaintext): string | undefined {
  if (vote.length !== e.questions.length) return `expected ${e.questions.length} questions, found ${vote.length}`;
  for (const [i, q] of e.questions.entries()) {
    const v = at(vote, i);
    const n = q.answers.length + (q.blank ? 1 : 0);
    if (v.length !== n) return `question ${i + 1}: expected ${n} values, found ${v.length}`;
    if (v.some((x) => x !== 0 && x !== 1)) return `question ${i + 1}: every value is 0 or 1`;
    const chosen = (q.blank ? v.slice(1) : v).reduce((s, x) => s + x, 0);
    const blank = q.blank && v[0] === 1;
    if (blank && chosen !== 0) return `question ${i + 1}: a blank vote selects no answer`;
    if (!blank && (chosen < q.min || chosen > q.max)) {
      return `question ${i + 1}: select from ${q.min} to ${q.max} answers, not ${chosen}`;
    }
  }
  return undefined;
}

function encryptAnswer(e: Election, q: Question, S0: string, v: readonly number[], random?: RandomSource): Answer {
  const G = e.group;
  const ctx = keyContext(e);
  const rs = v.map(() => randomScalar(G.q, random));
  const choices = v.map((m, i) => {
    // y^r · g^m with the same work for m = 0 and m = 1: the vote must not show in the timing.
    const yr = G.powSecret(e.publicKey, at(rs, i));
    const both = [G.mul(yr, G.one), G.mul(yr, G.g)];
    return { alpha: G.powG(at(rs, i)), beta: both[m] ?? yr };
  });
  const individualProofs = choices.map((c, i) => proveInterval(ctx, S0, c, at(rs, i), at(v, i), [0, 1], random));
  const S = answerString(e, S0, choices);
  const values = range(q.min, q.max);
  const sum = (xs: readonly bigint[]): bigint =>
    mod(
      xs.reduce((s, x) => s + x, 0n),
      G.q,
    );
  if (!q.blank) {
    const M = v.reduce((s, x) => s + x, 0);
    const overallProof = proveInterval(ctx, S, product(e, choices), sum(rs), M - q.min, values, random);
    return { choices, individualProofs, overallProof, blankProof: undefined };
  }
  const blank = v[0] === 1;
  const c0 = at(choices, 0);
  const cS = product(e, choices.slice(1));
  const r0 = at(rs, 0);
  const rS = sum(rs.slice(1));
  const mS = v.slice(1).reduce((s, x) => s + x, 0);
  const overallProof = blank
    ? proveBlankOverall(ctx, S, c0, cS, values, 0, r0, random)
    : proveBlankOverall(ctx, S, c0, cS, values, 1 + mS - q.min, rS, random);
  const blankProof = proveBlank(ctx, S, c0, cS, blank, r0, rS, random);
  return { choices, individualProofs, overallProof, blankProof };
}

/** Encrypts and signs a vote with the voter's credential secret (see credential.ts). */
export function makeBallot(e: Election, secret: bigint, vote: Plaintext, random?: RandomSource): Result<string> {
  const problem = checkPlaintext(e, vote);
  if (problem !== undefined) return cryptoRefusal('malformed', '4.11', '$', problem);
  const G = e.group;
  const credential = G.powG(secret);
  const S0 = prefixOf(e, G.toString(credential));
  const answers = e.questions.map((q, i) => encryptAnswer(e, q, S0, at(vote, i), random));
  return ok(signBallot(e, secret, { electionUuid: e.uuid, electionHash: e.fingerprint, credential, answers }, random));
}

/** Signs the answers with the credential secret (§4.14) and writes the ballot. */
export function signBallot(
  e: Election,
  secret: bigint,
  unsigned: Omit<Ballot, 'signature'>,
  random?: RandomSource,
): string {
  const hash = hashJson(`${writeUnsigned(e, unsigned)}}`);
  const proof = proveDlog(e.group, secret, (A) => `sig|${hash}|${A}`, random);
  return writeBallot(e, { ...unsigned, signature: { hash, proof } });
}
