import type { Result } from '@plenum/kernel';
import { catchFormat } from './errors.ts';
import { groupByName, type Group, type GroupName } from './group.ts';
import { hashJson } from './hash.ts';
import { Json, jsonString } from './json.ts';

/** A homomorphic question (§4.9.1): choose between min and max of the answers, or blank if allowed. */
export interface Question {
  readonly question: string;
  readonly answers: readonly string[];
  /** Whether the voter may vote blank; `blankWritten` says whether the field is in the JSON. */
  readonly blank: boolean;
  readonly blankWritten: boolean;
  readonly min: number;
  readonly max: number;
}

/** The election parameters (§4.10) with what every check derives from them, computed once. */
export interface Election {
  /** The exact text, whose hash is the fingerprint: it must never be re-serialised. */
  readonly json: string;
  /** φ: H_JSON of the text, written in every ballot and hashed into every answer proof. */
  readonly fingerprint: string;
  readonly version: number;
  readonly uuid: string;
  readonly name: string;
  readonly description: string;
  readonly group: Group;
  readonly publicKey: unknown;
  readonly questions: readonly Question[];
  readonly administrator: string | undefined;
  readonly credentialAuthority: string | undefined;
  /** y^n with precomputed tables: the election key is raised to an exponent in every proof. */
  readonly keyPow: (n: bigint) => unknown;
}

const BASE58 = /^[1-9A-HJ-NP-Za-km-z]{14,}$/;
/** Keeps the disjunctive proofs (one branch per allowed count) and the result's dlog bounded. */
export const MAX_ANSWERS = 100;

/** Reads election parameters from their JSON text, strictly (§4.10, version 1). */
export function parseElection(text: string): Result<Election> {
  return catchFormat('4.10', () => readElection(text));
}

function readElection(text: string): Election {
  const root = Json.parse(text);
  const o = root.object(
    ['version', 'description', 'name', 'group', 'public_key', 'questions', 'uuid'],
    ['administrator', 'credential_authority'],
  );
  const version = o.get('version').integer(1, 1);
  const groupField = o.get('group');
  const group = groupByName(groupField.string());
  if (group === undefined) return groupField.fail('unsupported group (Plenum supports BELENIOS-2048 and Ed25519)');
  const uuidField = o.get('uuid');
  const uuid = uuidField.string();
  if (!BASE58.test(uuid)) uuidField.fail('a uuid is at least 14 Base58 characters');
  const publicKey = o.get('public_key').element(group);
  const questions = o.get('questions').array().map(readQuestion);
  if (questions.length === 0) o.get('questions').fail('an election has at least one question');
  return {
    json: text,
    fingerprint: hashJson(text),
    version,
    uuid,
    name: o.get('name').string(),
    description: o.get('description').string(),
    group,
    publicKey,
    questions,
    administrator: o.has('administrator') ? o.get('administrator').string() : undefined,
    credentialAuthority: o.has('credential_authority') ? o.get('credential_authority').string() : undefined,
    keyPow: group.fixed(publicKey),
  };
}

function readQuestion(j: Json): Question {
  if (j.value !== null && typeof j.value === 'object' && 'type' in j.value) {
    j.fail('non-homomorphic questions are not supported');
  }
  const o = j.object(['answers', 'min', 'max', 'question'], ['blank']);
  const answers = o
    .get('answers')
    .array()
    .map((a) => a.string());
  if (answers.length === 0 || answers.length > MAX_ANSWERS)
    o.get('answers').fail(`expected 1 to ${MAX_ANSWERS} answers`);
  const min = o.get('min').integer(0, answers.length);
  const max = o.get('max').integer(min, answers.length);
  const blankWritten = o.has('blank');
  return {
    question: o.get('question').string(),
    answers,
    blank: blankWritten ? o.get('blank').boolean() : false,
    blankWritten,
    min,
    max,
  };
}

export interface ElectionParameters {
  readonly uuid: string;
  readonly name: string;
  readonly description: string;
  readonly group: GroupName;
  /** The election key: the product of the trustees' keys (see trustees.ts). */
  readonly publicKey: string;
  readonly questions: readonly Omit<Question, 'blankWritten'>[];
  readonly administrator?: string;
  readonly credentialAuthority?: string;
}

/** Writes election parameters as belenios-tool 2.0 does (field order of §4.10), then reads them. */
export function makeElection(params: ElectionParameters): Result<Election> {
  const questions = params.questions.map(
    (q) =>
      `{"answers":[${q.answers.map(jsonString).join(',')}]${q.blank ? ',"blank":true' : ''},` +
      `"min":${q.min},"max":${q.max},"question":${jsonString(q.question)}}`,
  );
  const optional =
    (params.administrator === undefined ? '' : `,"administrator":${jsonString(params.administrator)}`) +
    (params.credentialAuthority === undefined
      ? ''
      : `,"credential_authority":${jsonString(params.credentialAuthority)}`);
  const text =
    `{"version":1,"description":${jsonString(params.description)},"name":${jsonString(params.name)},` +
    `"group":${jsonString(params.group)},"public_key":${jsonString(params.publicKey)},` +
    `"questions":[${questions.join(',')}],"uuid":${jsonString(params.uuid)}${optional}}`;
  return parseElection(text);
}
