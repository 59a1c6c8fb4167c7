import { describe, expect, it } from 'vitest';
import { makeBallot, verifyBallot } from './ballot.ts';
import { credentialSecret, generatePrivateCredential, publicCredential } from './credential.ts';
import { makeElection, type Election } from './election.ts';
import { group, type GroupName } from './group.ts';
import {
  combineDecryptions,
  decryptResult,
  encryptedTally,
  lagrangeCoefficients,
  lastBallots,
  makePartialDecryption,
  parseEncryptedTally,
  parsePartialDecryption,
  smallLog,
  verifyPartialDecryption,
  writeEncryptedTally,
  writePartialDecryption,
  writeResult,
  type WeightedBallot,
} from './tally.ts';
import {
  pedersenDecryptionKey,
  pedersenStep1,
  pedersenStep3,
  pedersenStep4,
  pedersenStep5,
  pedersenStep6,
} from './pedersen.ts';
import {
  electionPublicKey,
  generateTrusteeKey,
  parseTrustees,
  trusteeKeysInOrder,
  writeTrusteePublicKey,
  writeTrustees,
} from './trustees.ts';

function must<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r.value;
}

/** A whole election in one group: t-of-n Pedersen trustees plus one Single (the server's). */
function runElection(name: GroupName): void {
  const G = group(name);
  const server = generateTrusteeKey(G);
  const n = 3;
  const threshold = 2;
  // Threshold key generation, every step of it (see pedersen.test.ts).
  const step1 = Array.from({ length: n }, () => pedersenStep1(G));
  const certs = step1.map((t) => t.cert);
  const polynomials = step1.map((t) => must(pedersenStep3(G, certs, t.seed, threshold)));
  const vinputs = must(pedersenStep4(G, certs, polynomials));
  const voutputs = step1.map((t, j) => must(pedersenStep5(G, certs, t.seed, vinputs[j]!)));
  const shares = step1.map((t, j) => ({
    decryptionKey: must(
      pedersenDecryptionKey(G, t.seed, (JSON.parse(voutputs[j]!) as { private_key: string }).private_key),
    ),
  }));
  const trusteesJson =
    `[["Single",${writeTrusteePublicKey(G, server.publicKey)}],` +
    `["Pedersen",${must(pedersenStep6(G, certs, polynomials, voutputs))}]]`;
  const trustees = must(parseTrustees(G, trusteesJson));
  expect(writeTrustees(G, trustees)).toBe(trusteesJson);
  const E: Election = must(
    makeElection({
      uuid: 'Pnm23456789ABCDEFab',
      name: 'Congress',
      description: 'Two questions, eight answers',
      group: name,
      publicKey: G.toString(electionPublicKey(G, trustees)),
      questions: [
        { question: 'Chair', answers: ['A', 'B', 'C'], blank: true, min: 1, max: 1 },
        { question: 'Committee', answers: ['D', 'E', 'F', 'G', 'H'], blank: false, min: 0, max: 3 },
      ],
    }),
  );
  const votes = [
    [
      [0, 1, 0, 0],
      [1, 1, 0, 0, 0],
    ],
    [
      [1, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ],
    [
      [0, 0, 0, 1],
      [0, 1, 1, 1, 0],
    ],
    [
      [0, 1, 0, 0],
      [0, 0, 0, 0, 1],
    ],
  ];
  const credentials = votes.map(() => generatePrivateCredential());
  const weights = [1, 2, 1, 3];
  const secrets = credentials.map((c) => must(credentialSecret(G, E.uuid, c)));
  const publicCreds = new Map(secrets.map((s, i) => [publicCredential(G, s), weights[i]!]));
  const cast: WeightedBallot[] = [];
  const castVote = (voter: number, vote: number[][]): void => {
    const v = must(
      verifyBallot(E, must(makeBallot(E, secrets[voter]!, vote)), { isCredential: (c) => publicCreds.has(c) }),
    );
    cast.push({ ballot: v.ballot, credential: v.credential, weight: publicCreds.get(v.credential)! });
  };
  votes.forEach((vote, voter) => castVote(voter, vote));
  // Voter 3 votes again: only the last ballot counts.
  castVote(3, [
    [0, 0, 1, 0],
    [0, 0, 0, 1, 1],
  ]);
  const tallied = lastBallots(cast);
  expect(tallied).toHaveLength(4);
  const tally = encryptedTally(E, tallied);
  const keys = trusteeKeysInOrder(trustees);
  const decryptions = new Map([
    [1, makePartialDecryption(E, tally, server.privateKey)],
    [2, makePartialDecryption(E, tally, shares[0]!.decryptionKey)],
    [4, makePartialDecryption(E, tally, shares[2]!.decryptionKey)],
  ]);
  // What is published goes through its JSON text and back unchanged.
  const tallyText = writeEncryptedTally(G, tally);
  expect(writeEncryptedTally(G, must(parseEncryptedTally(E, tallyText)))).toBe(tallyText);
  for (const [owner, pd] of decryptions) {
    const text = writePartialDecryption(G, pd);
    expect(writePartialDecryption(G, must(parsePartialDecryption(E, text)))).toBe(text);
    must(verifyPartialDecryption(E, tally, keys[owner - 1], pd));
  }
  expect(verifyPartialDecryption(E, tally, keys[2], decryptions.get(4)!).ok).toBe(false);
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const F = must(combineDecryptions(E, tally, trustees, decryptions));
  const result = must(decryptResult(E, tally, F, totalWeight));
  expect(result).toEqual([
    [2, 1, 3, 1],
    [1, 2, 1, 4, 3],
  ]);
  expect(writeResult(result)).toBe('{"result":[[2,1,3,1],[1,2,1,4,3]]}');
  // A bound below the true counts finds no result rather than a wrong one.
  expect(decryptResult(E, tally, F, 3).ok).toBe(false);
  // One trustee short of the threshold: no result.
  decryptions.delete(4);
  expect(combineDecryptions(E, tally, trustees, decryptions).ok).toBe(false);
}

describe('a whole election', () => {
  it('in BELENIOS-2048', () => {
    runElection('BELENIOS-2048');
  }, 60_000);

  it('in Ed25519', () => {
    runElection('Ed25519');
  }, 60_000);
});

describe('arithmetic of the result', () => {
  it('Lagrange coefficients interpolate at 0', () => {
    const q = 101n;
    // f(x) = 7 + 3x: f(1) = 10, f(3) = 16 → f(0) = λ1·10 + λ3·16.
    const [l1, l3] = lagrangeCoefficients(q, [1, 3]);
    expect((l1! * 10n + l3! * 16n) % q).toBe(7n);
  });

  it('small discrete logarithms up to the bound, and none beyond', () => {
    const G = group('Ed25519');
    for (const n of [0, 1, 2, 17, 99, 100]) expect(smallLog(G, G.powG(BigInt(n)), 100)).toBe(n);
    expect(smallLog(G, G.powG(101n), 100)).toBeUndefined();
    expect(smallLog(G, G.powG(12345678n), 100)).toBeUndefined();
  });
});
