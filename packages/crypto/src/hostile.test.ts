import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyArchive, writeArchive } from './archive.ts';
import { makeBallot, verifyBallot } from './ballot.ts';
import { credentialSecret, generatePrivateCredential, publicCredential } from './credential.ts';
import { makeElection } from './election.ts';
import { group } from './group.ts';
import { electionPublicKey, generateTrusteeKey, writeTrustees } from './trustees.ts';

// Hostile input: whatever arrives, the checks answer with a refusal, never a throw.
const G = group('Ed25519');
const trustee = generateTrusteeKey(G);
const trusteesText = writeTrustees(G, [{ kind: 'Single', key: trustee.publicKey }]);
const made = makeElection({
  uuid: 'Hst23456789ABCDEFab',
  name: 'Hostile',
  description: 'Fuzzing',
  group: 'Ed25519',
  publicKey: G.toString(electionPublicKey(G, [{ kind: 'Single', key: trustee.publicKey }])),
  questions: [
    { question: 'Q1', answers: ['A', 'B'], blank: true, min: 1, max: 1 },
    { question: 'Q2', answers: ['C', 'D', 'E'], blank: false, min: 0, max: 2 },
  ],
});
if (!made.ok) throw new Error(JSON.stringify(made));
const E = made.value;
const credential = generatePrivateCredential();
const secret = credentialSecret(G, E.uuid, credential);
if (!secret.ok) throw new Error('credential');
const ballot = makeBallot(E, secret.value, [
  [0, 1, 0],
  [1, 0, 1],
]);
if (!ballot.ok) throw new Error('ballot');
const ballotText = ballot.value;
const isCredential = (c: string): boolean => c === publicCredential(G, secret.value);

type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Every path into a JSON value, as lists of keys and indexes. */
function paths(v: JsonValue, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(v)) return [...here, ...v.flatMap((x, i) => paths(x, [...prefix, i]))];
  if (v !== null && typeof v === 'object')
    return [...here, ...Object.entries(v).flatMap(([k, x]) => paths(x, [...prefix, k]))];
  return here;
}

function replaceAt(v: JsonValue, path: readonly (string | number)[], by: JsonValue | undefined): JsonValue | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return by;
  if (Array.isArray(v) && typeof head === 'number') {
    const copy = [...v];
    const inner = replaceAt(copy[head] ?? null, rest, by);
    if (inner === undefined) copy.splice(head, 1);
    else copy[head] = inner;
    return copy;
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof head === 'string') {
    const inner = replaceAt(v[head] ?? null, rest, by);
    return Object.fromEntries(
      Object.entries(v).flatMap(([k, x]) => (k !== head ? [[k, x]] : inner === undefined ? [] : [[k, inner]])),
    );
  }
  return v;
}

const original = JSON.parse(ballotText) as JsonValue;
const allPaths = paths(original);

describe('hostile ballots and archives', () => {
  it('a valid ballot passes, so the refusals below come from the changes', () => {
    expect(verifyBallot(E, ballotText, { isCredential }).ok).toBe(true);
  });

  it('any value replaced or removed anywhere in a ballot is refused, never thrown', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: allPaths.length - 1 }),
        fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
        (index, by) => {
          const changed = replaceAt(original, allPaths[index]!, by as JsonValue | undefined);
          const text = changed === undefined ? '' : JSON.stringify(changed);
          const r = verifyBallot(E, text, { isCredential });
          if (text !== ballotText) expect(r.ok).toBe(false);
          if (!r.ok) expect(typeof r.params['where']).toBe('string');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('truncated or spliced ballot text is refused, never thrown', () => {
    fc.assert(
      fc.property(fc.nat({ max: ballotText.length - 1 }), fc.string({ maxLength: 8 }), (cut, junk) => {
        const r = verifyBallot(E, ballotText.slice(0, cut) + junk, { isCredential });
        expect(r.ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('an archive with bytes flipped or cut off is refused, never thrown', () => {
    const archive = writeArchive({
      timestamp: 1,
      election: E.json,
      trustees: trusteesText,
      credentials: [publicCredential(G, secret.value)],
      ballots: [ballotText],
    });
    expect(verifyArchive(archive).ok).toBe(true);
    fc.assert(
      fc.property(fc.nat({ max: archive.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const flipped = Uint8Array.from(archive);
        flipped[at] = flipped[at]! ^ xor;
        const r = verifyArchive(flipped);
        // Only a flip in the zero padding after a file's content can be harmless: headers
        // have checksums, contents are named by their hashes.
        if (r.ok) expect(archive[at]).toBe(0);
        // Cut off, it is refused unless cut exactly between files (then a shorter valid archive).
        const cut = verifyArchive(archive.subarray(0, at));
        if (cut.ok) expect(at % 512).toBe(0);
      }),
      { numRuns: 40 },
    );
  });
});
