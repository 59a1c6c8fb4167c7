import { afterAll, describe, expect, it } from 'vitest';
import { inProcessBallotVerifier } from '@plenum/app';
import {
  credentialSecret,
  generatePrivateCredential,
  generateTrusteeKey,
  group,
  makeBallot,
  makeElection,
} from '@plenum/crypto';
import { createBallotVerifierPool } from './ballot-workers.ts';

// The ballot box's worker threads give exactly the answers of the in-process check, in the
// order asked, for valid and invalid ballots alike, on two threads at once.

const pool = createBallotVerifierPool(2);
afterAll(() => pool.close());

const G = group('Ed25519');
const made = makeElection({
  uuid: 'Workers3456789ABCDEF',
  name: 'Workers',
  description: '',
  group: 'Ed25519',
  publicKey: G.toString(generateTrusteeKey(G).publicKey.publicKey),
  questions: [{ question: 'Chair', answers: ['A', 'B', 'C'], blank: true, min: 1, max: 1 }],
});
if (!made.ok) throw new Error('election');
const election = made.value;

function ballot(vote: number[]): string {
  const s = credentialSecret(G, election.uuid, generatePrivateCredential());
  if (!s.ok) throw new Error('credential');
  const b = makeBallot(election, s.value, [vote]);
  if (!b.ok) throw new Error('ballot');
  return b.value;
}

describe('the ballot verifier pool', () => {
  it('answers as the in-process check does, in order, on two threads', async () => {
    const good = [ballot([0, 1, 0, 0]), ballot([0, 0, 1, 0]), ballot([1, 0, 0, 0]), ballot([0, 0, 0, 1])];
    const bad = [
      good[0]!.replace(/"response":"(\d)/, (_, d: string) => `"response":"${d === '1' ? '2' : '1'}`),
      '{"not":"a ballot"}',
      good[1]!.replace(election.fingerprint, 'x'.repeat(43)),
    ];
    const all = [...good, ...bad];
    const pooled = await Promise.all(all.map((b) => pool.verify(election.json, b)));
    const local = await Promise.all(all.map((b) => inProcessBallotVerifier(election.json, b)));
    expect(pooled).toEqual(local);
    expect(pooled.map((r) => r.ok)).toEqual([true, true, true, true, false, false, false]);
    expect(pool.size).toBe(2);
  });
});
