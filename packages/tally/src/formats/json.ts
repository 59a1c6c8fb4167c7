import type { Ballot, Candidate, Election } from '../election.ts';
import { BallotFileError } from './format-error.ts';

/**
 * Plenum's own ballot file, JSON:
 *
 *     {
 *       "format": "plenum-ballots/v1",
 *       "title": "Ward 1",
 *       "seats": 3,
 *       "candidates": [{ "name": "Ada" }, { "name": "Bo", "withdrawn": true }],
 *       "ballots": [{ "count": 12, "ranking": [[0], [1, 2], [], [3]] }]
 *     }
 *
 * Candidates are referred to by index (from 0); each entry of a ranking is a group of equally
 * ranked candidates, an empty group a skipped rank. Everything is checked: no unknown or
 * repeated keys, indexes in range, no candidate twice on a ballot, counts and seats positive
 * safe integers. An error names the JSON path and the line: `$.ballots[3].ranking[1][0]`.
 * `formatBallotJson` writes the one canonical text of an election (fixed key order, one
 * candidate and one ballot per line), so equal elections give equal bytes.
 */
export const BALLOT_JSON_FORMAT = 'plenum-ballots/v1';
const FORMAT = 'JSON';

type Node =
  | { readonly kind: 'object'; readonly line: number; readonly entries: readonly (readonly [string, Node, number])[] }
  | { readonly kind: 'array'; readonly line: number; readonly items: readonly Node[] }
  | { readonly kind: 'string'; readonly line: number; readonly value: string }
  | { readonly kind: 'number'; readonly line: number; readonly text: string }
  | { readonly kind: 'boolean'; readonly line: number; readonly value: boolean }
  | { readonly kind: 'null'; readonly line: number };

/** A small JSON reader that remembers the line of every value (JSON.parse does not). */
function read(text: string): Node {
  let pos = 0;
  let line = 1;
  const fail = (detail: string): never => {
    throw new BallotFileError(FORMAT, line, `not valid JSON: ${detail}`);
  };
  const space = (): void => {
    while (pos < text.length) {
      const ch = text[pos];
      if (ch === '\n') line += 1;
      else if (ch !== ' ' && ch !== '\t' && ch !== '\r') return;
      pos += 1;
    }
  };
  const value = (depth: number): Node => {
    if (depth > 64) fail('nested too deeply');
    space();
    const at = line;
    const ch = text[pos];
    if (ch === '{') {
      pos += 1;
      const entries: [string, Node, number][] = [];
      space();
      if (text[pos] === '}') {
        pos += 1;
        return { kind: 'object', line: at, entries };
      }
      for (;;) {
        space();
        if (text[pos] !== '"') fail(`expected a key in quotes, found ${near()}`);
        const keyLine = line;
        const key = string();
        space();
        if (text[pos] !== ':') fail(`expected ":" after the key ${JSON.stringify(key)}, found ${near()}`);
        pos += 1;
        entries.push([key, value(depth + 1), keyLine]);
        space();
        if (text[pos] === ',') {
          pos += 1;
          continue;
        }
        if (text[pos] === '}') {
          pos += 1;
          return { kind: 'object', line: at, entries };
        }
        fail(`expected "," or "}", found ${near()}`);
      }
    }
    if (ch === '[') {
      pos += 1;
      const items: Node[] = [];
      space();
      if (text[pos] === ']') {
        pos += 1;
        return { kind: 'array', line: at, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        space();
        if (text[pos] === ',') {
          pos += 1;
          continue;
        }
        if (text[pos] === ']') {
          pos += 1;
          return { kind: 'array', line: at, items };
        }
        fail(`expected "," or "]", found ${near()}`);
      }
    }
    if (ch === '"') return { kind: 'string', line: at, value: string() };
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(pos, pos + 400));
    if (literal === null) return fail(`unexpected ${near()}`);
    pos += literal[0].length;
    if (literal[0] === 'true' || literal[0] === 'false')
      return { kind: 'boolean', line: at, value: literal[0] === 'true' };
    if (literal[0] === 'null') return { kind: 'null', line: at };
    return { kind: 'number', line: at, text: literal[0] };
  };
  const string = (): string => {
    const start = pos;
    pos += 1;
    while (pos < text.length && text[pos] !== '"') {
      if (text[pos] === '\\') pos += 1;
      else if (text[pos] === '\n' || text.charCodeAt(pos) < 0x20)
        fail('a string may not contain a line break or control character');
      pos += 1;
    }
    if (pos >= text.length) fail('a string has no closing quote');
    pos += 1;
    try {
      return JSON.parse(text.slice(start, pos)) as string;
    } catch {
      return fail(`bad escape in ${text.slice(start, Math.min(pos, start + 40))}`);
    }
  };
  const near = (): string => (pos >= text.length ? 'the end of the file' : JSON.stringify(text.slice(pos, pos + 12)));
  const root = value(0);
  space();
  if (pos < text.length) fail(`text after the end: ${near()}`);
  return root;
}

export function parseBallotJson(text: string): Election {
  const root = read(text.replace(/^\uFEFF/, ''));
  const fail = (node: { line: number }, path: string, detail: string): never => {
    throw new BallotFileError(FORMAT, node.line, `${path}: ${detail}`);
  };
  const object = (
    node: Node,
    path: string,
    required: readonly string[],
    optional: readonly string[],
  ): Map<string, Node> => {
    if (node.kind !== 'object') return fail(node, path, `must be an object, found ${describe(node)}`);
    const fields = new Map<string, Node>();
    for (const [key, value, line] of node.entries) {
      const where = `${path}.${key}`;
      if (!required.includes(key) && !optional.includes(key)) {
        fail({ line }, where, `unknown key (allowed: ${[...required, ...optional].join(', ')})`);
      }
      if (fields.has(key)) fail({ line }, where, 'the key is given twice');
      fields.set(key, value);
    }
    for (const key of required) if (!fields.has(key)) fail(node, path, `the key "${key}" is missing`);
    return fields;
  };
  const array = (node: Node, path: string): readonly Node[] =>
    node.kind === 'array' ? node.items : fail(node, path, `must be an array, found ${describe(node)}`);
  const string = (node: Node, path: string): string =>
    node.kind === 'string' ? node.value : fail(node, path, `must be a string, found ${describe(node)}`);
  const whole = (node: Node, path: string, min: number): number => {
    if (node.kind !== 'number' || !/^-?\d+$/.test(node.text))
      return fail(node, path, `must be a whole number, found ${describe(node)}`);
    const n = Number(node.text);
    if (!Number.isSafeInteger(n)) fail(node, path, `${node.text} is too large (at most ${Number.MAX_SAFE_INTEGER})`);
    if (n < min) fail(node, path, `must be at least ${min}, found ${node.text}`);
    return n;
  };

  const top = object(root, '$', ['format', 'title', 'seats', 'candidates', 'ballots'], []);
  const format = top.get('format');
  if (format !== undefined && string(format, '$.format') !== BALLOT_JSON_FORMAT) {
    fail(format, '$.format', `must be "${BALLOT_JSON_FORMAT}", found ${describe(format)}`);
  }
  const get = (key: string): Node => top.get(key) ?? fail(root, '$', `the key "${key}" is missing`);
  const title = string(get('title'), '$.title');
  const seats = whole(get('seats'), '$.seats', 1);
  const candidateNodes = array(get('candidates'), '$.candidates');
  if (candidateNodes.length === 0) fail(get('candidates'), '$.candidates', 'there must be at least one candidate');
  const candidates: Candidate[] = candidateNodes.map((node, i) => {
    const path = `$.candidates[${i}]`;
    const fields = object(node, path, ['name'], ['withdrawn']);
    const withdrawn = fields.get('withdrawn');
    if (withdrawn !== undefined && withdrawn.kind !== 'boolean') {
      fail(withdrawn, `${path}.withdrawn`, `must be true or false, found ${describe(withdrawn)}`);
    }
    return {
      name: string(fields.get('name') ?? node, `${path}.name`),
      withdrawn: withdrawn?.kind === 'boolean' && withdrawn.value,
    };
  });
  const ballots: Ballot[] = array(get('ballots'), '$.ballots').map((node, b) => {
    const path = `$.ballots[${b}]`;
    const fields = object(node, path, ['count', 'ranking'], []);
    const count = whole(fields.get('count') ?? node, `${path}.count`, 1);
    const seen = new Set<number>();
    const ranking = array(fields.get('ranking') ?? node, `${path}.ranking`).map((groupNode, r) =>
      array(groupNode, `${path}.ranking[${r}]`).map((cNode, k) => {
        const where = `${path}.ranking[${r}][${k}]`;
        const c = whole(cNode, where, 0);
        if (c >= candidates.length)
          fail(cNode, where, `candidate ${c} does not exist (candidates are 0 to ${candidates.length - 1})`);
        if (seen.has(c)) fail(cNode, where, `candidate ${c} is ranked twice on this ballot`);
        seen.add(c);
        return c;
      }),
    );
    return { count, ranking };
  });
  return { title, seats, candidates, ballots };
}

/** The canonical text of an election in this format (see the module comment). */
export function formatBallotJson(election: Election): string {
  const candidates = election.candidates.map(
    (c) => `    { "name": ${JSON.stringify(c.name)}${c.withdrawn ? ', "withdrawn": true' : ''} }`,
  );
  const ballots = election.ballots.map(
    (b) => `    { "count": ${b.count}, "ranking": [${b.ranking.map((g) => `[${g.join(', ')}]`).join(', ')}] }`,
  );
  const list = (items: readonly string[]): string => (items.length === 0 ? '[]' : `[\n${items.join(',\n')}\n  ]`);
  return (
    [
      '{',
      `  "format": ${JSON.stringify(BALLOT_JSON_FORMAT)},`,
      `  "title": ${JSON.stringify(election.title)},`,
      `  "seats": ${election.seats},`,
      `  "candidates": ${list(candidates)},`,
      `  "ballots": ${list(ballots)}`,
      '}',
    ].join('\n') + '\n'
  );
}

function describe(node: Node): string {
  switch (node.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'string':
      return JSON.stringify(node.value.length > 40 ? `${node.value.slice(0, 40)}…` : node.value);
    case 'number':
      return node.text;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
  }
}
