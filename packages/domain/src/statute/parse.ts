import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import type { Statute } from './statute.ts';

/**
 * Reading a statute from YAML: the document is parsed, its kebab-case keys mapped to the
 * camelCase of `Statute`, checked against the schema, then cross-checked (every body,
 * majority and level a rule names must exist). A statute that fails any check is refused
 * whole, with every problem found: its path in the document, its line and column, and a
 * translatable message. Hostile input is expected: aliases, tags and anything else YAML
 * can do beyond plain maps, lists and scalars are refused.
 */
export interface StatuteProblem {
  /** The path in the YAML document, e.g. "bodies.central-committee.seats". */
  readonly path: string;
  /** 1-based line and column, when the problem has a place in the text. */
  readonly line: number | null;
  readonly column: number | null;
  readonly messageKey: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export type StatuteParse =
  | { readonly ok: true; readonly statute: Statute }
  | { readonly ok: false; readonly problems: readonly StatuteProblem[] };

/** The largest statute accepted, in characters: a statute is a few pages, not megabytes. */
export const MAX_STATUTE_LENGTH = 200_000;

const kebab = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const clause = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.()-]{0,19}$/);
const name = z.string().regex(kebab).max(60);
const positive = z.number().int().min(1).max(1_000_000);
const days = z.number().int().min(0).max(3650);
const fraction = z
  .tuple([z.number().int().min(1), z.number().int().min(1)])
  .refine(([n, d]) => n <= d, { message: 'fraction' });

const majority = z
  .object({
    clause,
    kind: z.enum(['simple', 'absolute', 'qualified']),
    fraction: fraction.optional(),
    base: z.enum(['votes-cast', 'present', 'members']),
    abstentions: z.enum(['excluded', 'counted']),
  })
  .strict();

const body = z
  .object({
    clause,
    level: name,
    composition: z.enum(['all-members', 'delegates', 'elected']),
    electedBy: name.optional(),
    seats: positive.optional(),
    termMonths: positive.optional(),
    termLimit: z.object({ clause, consecutiveTerms: positive }).strict().optional(),
  })
  .strict();

const byMajority = z.object({ clause, by: name, majority: name }).strict();

const schema = z
  .object({
    plenumStatute: z.literal(1),
    title: z.string().min(1).max(300),
    version: positive,
    units: z.object({ clause, levels: z.array(name).min(1).max(12), createdBy: name }).strict(),
    majorities: z.record(name, majority),
    quorum: z.object({ clause, share: fraction }).strict(),
    bodies: z.record(name, body),
    offices: z.record(
      name,
      z
        .object({
          clause,
          body: name,
          chosenBy: name,
          how: z.enum(['election', 'appointment']),
          termMonths: positive,
          majority: name,
        })
        .strict(),
    ),
    membership: z
      .object({
        admission: byMajority,
        votingRights: z.object({ clause, afterDays: z.number().int().min(0).max(3650) }).strict(),
        transfer: byMajority,
        resignation: z.object({ clause }).strict(),
        lapse: byMajority,
        readmission: z
          .object({ clause, by: name, majority: name, afterMonths: z.number().int().min(0).max(600) })
          .strict(),
      })
      .strict(),
    eligibility: z
      .object({ office: z.object({ clause, membershipDays: z.number().int().min(0).max(36500) }).strict() })
      .strict(),
    incompatibilities: z.array(z.object({ clause, bodies: z.array(name).min(2).max(20) }).strict()).max(100),
    recall: z.object({ clause, petitionShare: fraction, majority: name }).strict(),
    tendencies: z.object({ clause, organise: z.enum(['always', 'pre-congress-discussion']) }).strict(),
    preCongressDiscussion: z.object({ clause, openedBy: name }).strict(),
    amendment: z.object({ clause, by: name, majority: name }).strict(),
    congress: z
      .object({
        clause,
        body: name,
        calledBy: name,
        everyMonths: positive,
        noticeDays: days,
        extraordinary: z
          .object({ clause, membersShare: fraction, unitsShare: fraction, conveneWithinDays: positive })
          .strict(),
        postponement: z.object({ clause, by: name, majority: name, maxDays: days }).strict(),
      })
      .strict(),
    delegates: z
      .object({
        clause,
        seats: positive,
        apportionment: z.enum(['sainte-lague', 'dhondt', 'hare-niemeyer']),
        minimumPerUnit: z.number().int().min(0).max(100),
        electedBy: name,
        method: z.enum(['scottish-stv', 'meek', 'ers97']),
      })
      .strict(),
    platforms: z.object({ clause, signatureShare: fraction, coReportMinutes: positive }).strict(),
    letters: z.object({ clause }).strict(),
    motions: z
      .object({ clause, memberCosigners: z.number().int().min(0).max(10_000), bodyMajority: name, majority: name })
      .strict(),
    meetings: z
      .object({
        clause,
        speakingMinutes: positive,
        alternate: z.boolean(),
        platformQuota: z.number().int().min(0).max(100),
        challengeMajority: name,
      })
      .strict(),
    discipline: z
      .object({
        clause,
        by: name,
        majority: name,
        replyDays: positive,
        noticeDays: days,
        appealDays: positive,
        appeals: z.array(name).max(5),
        penalties: z
          .array(z.enum(['warning', 'suspension', 'expulsion']))
          .min(1)
          .max(3),
        protectsOpinions: z.object({ clause }).strict().optional(),
      })
      .strict(),
  })
  .strict();

const camel = (key: string): string => key.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const kebabOf = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Keys under these paths are names chosen by the organisation (body kinds, majorities): kept as written. */
const NAMED_MAPS = new Set(['majorities', 'bodies', 'offices']);

export function parseStatute(text: string): StatuteParse {
  if (text.length > MAX_STATUTE_LENGTH) {
    return fail([
      { path: '', line: null, column: null, messageKey: 'statute.tooLong', params: { max: MAX_STATUTE_LENGTH } },
    ]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, merge: false, prettyErrors: false });
  const where = (offset: number | undefined): { line: number | null; column: number | null } => {
    if (offset === undefined) return { line: null, column: null };
    const pos = lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return fail(
      doc.errors.map((error) => ({
        path: '',
        ...where(error.pos[0]),
        messageKey: 'statute.yaml',
        params: { detail: error.message.split('\n')[0] ?? error.code },
      })),
    );
  }
  // Only plain maps, lists and scalars: no aliases, no tags.
  const plain: StatuteProblem[] = [];
  const visit = (node: unknown, path: string): void => {
    if (isMap(node)) {
      if (node.tag !== undefined)
        plain.push({ path, ...where(node.range?.[0]), messageKey: 'statute.plainYaml', params: {} });
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        visit(pair.value, path === '' ? key : `${path}.${key}`);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, `${path}.${i}`));
    } else if (isScalar(node)) {
      if (node.tag !== undefined)
        plain.push({ path, ...where(node.range?.[0]), messageKey: 'statute.plainYaml', params: {} });
    } else if (node !== null && node !== undefined) {
      plain.push({ path, ...where((node as Node).range?.[0]), messageKey: 'statute.plainYaml', params: {} });
    }
  };
  visit(doc.contents, '');
  if (plain.length > 0) return fail(plain);

  const raw: unknown = doc.toJS({ maxAliasCount: 0 });
  const converted = convertKeys(raw, []);
  const locate = (path: readonly (string | number)[]): { line: number | null; column: number | null } => {
    const yamlPath = toYamlPath(path);
    for (let n = yamlPath.length; n >= 0; n -= 1) {
      const node = doc.getIn(yamlPath.slice(0, n), true) as Node | undefined;
      if (node?.range !== undefined && node.range !== null) return where(node.range[0]);
    }
    return { line: null, column: null };
  };
  const result = schema.safeParse(converted);
  if (!result.success) {
    return fail(
      result.error.issues.map((issue) => {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        return {
          path: toYamlPath(path).join('.'),
          ...locate(path),
          messageKey: 'statute.schema',
          params: { detail: issue.message },
        };
      }),
    );
  }
  const statute = result.data as Statute;
  const problems = crossCheck(statute).map(({ path, messageKey, params }) => ({
    path: toYamlPath(path).join('.'),
    ...locate(path),
    messageKey,
    params,
  }));
  return problems.length > 0 ? fail(problems) : { ok: true, statute };
}

function fail(problems: readonly StatuteProblem[]): StatuteParse {
  return { ok: false, problems };
}

function convertKeys(value: unknown, path: readonly string[]): unknown {
  if (Array.isArray(value)) return value.map((v: unknown) => convertKeys(v, path));
  if (value !== null && typeof value === 'object') {
    const named = path.length === 1 && NAMED_MAPS.has(path[0] ?? '');
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const k = named ? key : camel(key);
      out[k] = convertKeys(v, [...path, k]);
    }
    return out;
  }
  return value;
}

function toYamlPath(path: readonly (string | number)[]): (string | number)[] {
  return path.map((p, i) => (typeof p === 'number' || (i === 1 && NAMED_MAPS.has(String(path[0]))) ? p : kebabOf(p)));
}

interface Problem {
  readonly path: readonly (string | number)[];
  readonly messageKey: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** Every name a rule uses must be defined; the shapes the engine relies on must hold. */
function crossCheck(s: Statute): Problem[] {
  const problems: Problem[] = [];
  const bodies = Object.keys(s.bodies);
  const levels = s.units.levels;
  const needBody = (path: (string | number)[], kind: string): void => {
    if (!bodies.includes(kind)) problems.push({ path, messageKey: 'statute.unknownBody', params: { name: kind } });
  };
  const needMajority = (path: (string | number)[], name: string): void => {
    if (!(name in s.majorities)) problems.push({ path, messageKey: 'statute.unknownMajority', params: { name } });
  };
  if (new Set(levels).size !== levels.length) {
    problems.push({ path: ['units', 'levels'], messageKey: 'statute.duplicateLevel', params: {} });
  }
  needBody(['units', 'createdBy'], s.units.createdBy);
  for (const [kind, rule] of Object.entries(s.majorities)) {
    if ((rule.kind === 'qualified') !== (rule.fraction !== undefined)) {
      problems.push({ path: ['majorities', kind], messageKey: 'statute.majorityFraction', params: { name: kind } });
    }
    if (rule.kind === 'simple' && rule.base !== 'votes-cast') {
      problems.push({ path: ['majorities', kind, 'base'], messageKey: 'statute.simpleBase', params: { name: kind } });
    }
    if (rule.base !== 'votes-cast' && rule.abstentions !== 'counted') {
      problems.push({
        path: ['majorities', kind, 'abstentions'],
        messageKey: 'statute.abstentionsBase',
        params: { name: kind },
      });
    }
  }
  for (const [kind, rule] of Object.entries(s.bodies)) {
    if (!levels.includes(rule.level)) {
      problems.push({
        path: ['bodies', kind, 'level'],
        messageKey: 'statute.unknownLevel',
        params: { name: rule.level },
      });
    }
    const elected = rule.composition === 'elected';
    if (elected !== (rule.electedBy !== undefined && rule.seats !== undefined && rule.termMonths !== undefined)) {
      problems.push({ path: ['bodies', kind], messageKey: 'statute.electedBody', params: { name: kind } });
    }
    if (rule.electedBy !== undefined) needBody(['bodies', kind, 'electedBy'], rule.electedBy);
    if (!elected && rule.termLimit !== undefined) {
      problems.push({ path: ['bodies', kind, 'termLimit'], messageKey: 'statute.electedBody', params: { name: kind } });
    }
  }
  for (const [office, rule] of Object.entries(s.offices)) {
    needBody(['offices', office, 'body'], rule.body);
    needBody(['offices', office, 'chosenBy'], rule.chosenBy);
    needMajority(['offices', office, 'majority'], rule.majority);
  }
  const m = s.membership;
  for (const key of ['admission', 'transfer', 'lapse', 'readmission'] as const) {
    needBody(['membership', key, 'by'], m[key].by);
    needMajority(['membership', key, 'majority'], m[key].majority);
    const rule = s.bodies[m[key].by];
    if (rule !== undefined && rule.level !== levels.at(-1)) {
      problems.push({
        path: ['membership', key, 'by'],
        messageKey: 'statute.memberBodyLevel',
        params: { name: m[key].by, level: levels.at(-1) ?? '' },
      });
    }
  }
  s.incompatibilities.forEach((rule, i) => {
    rule.bodies.forEach((kind, j) => {
      needBody(['incompatibilities', i, 'bodies', j], kind);
    });
  });
  needMajority(['recall', 'majority'], s.recall.majority);
  needBody(['preCongressDiscussion', 'openedBy'], s.preCongressDiscussion.openedBy);
  needBody(['amendment', 'by'], s.amendment.by);
  needMajority(['amendment', 'majority'], s.amendment.majority);
  if (s.bodies[s.amendment.by]?.composition !== 'delegates') {
    // G9: only a congress (a body of delegates) can amend the statute.
    problems.push({
      path: ['amendment', 'by'],
      messageKey: 'statute.amendmentByCongress',
      params: { name: s.amendment.by },
    });
  }
  const c = s.congress;
  needBody(['congress', 'body'], c.body);
  if (s.bodies[c.body] !== undefined && s.bodies[c.body]?.composition !== 'delegates') {
    problems.push({ path: ['congress', 'body'], messageKey: 'statute.congressBody', params: { name: c.body } });
  }
  needBody(['congress', 'calledBy'], c.calledBy);
  needBody(['congress', 'postponement', 'by'], c.postponement.by);
  needMajority(['congress', 'postponement', 'majority'], c.postponement.majority);
  needBody(['delegates', 'electedBy'], s.delegates.electedBy);
  if (s.bodies[s.delegates.electedBy] !== undefined && s.bodies[s.delegates.electedBy]?.composition !== 'all-members') {
    problems.push({
      path: ['delegates', 'electedBy'],
      messageKey: 'statute.delegatesElectedBy',
      params: { name: s.delegates.electedBy },
    });
  }
  needMajority(['motions', 'bodyMajority'], s.motions.bodyMajority);
  needMajority(['motions', 'majority'], s.motions.majority);
  needMajority(['meetings', 'challengeMajority'], s.meetings.challengeMajority);
  needBody(['discipline', 'by'], s.discipline.by);
  needMajority(['discipline', 'majority'], s.discipline.majority);
  s.discipline.appeals.forEach((kind, i) => {
    needBody(['discipline', 'appeals', i], kind);
  });
  return problems;
}
