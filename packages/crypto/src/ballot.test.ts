import { describe, expect, it } from 'vitest';
import { makeBallot, readBallot, signBallot, verifyBallot, type Ballot } from './ballot.ts';
import { credentialSecret, generatePrivateCredential, publicCredential } from './credential.ts';
import { makeElection, type Election } from './election.ts';
import { group, type GroupName } from './group.ts';
import { hashJson } from './hash.ts';
import { generateTrusteeKey } from './trustees.ts';

// Ballots are checked in both groups; the same ballots against belenios-tool 2.0 are in
// tests/interop/belenios*.test.ts.
function setup(name: GroupName): { E: Election; privateCredential: string; secret: bigint; credential: string } {
  const G = group(name);
  const E = makeElection({
    uuid: 'Tst23456789ABCDEFab',
    name: 'Test',
    description: 'Refusals',
    group: name,
    publicKey: G.toString(generateTrusteeKey(G).publicKey.publicKey),
    questions: [
      { question: 'One of two', answers: ['A', 'B'], blank: false, min: 0, max: 1 },
      { question: 'Blank allowed', answers: ['C', 'D', 'E'], blank: true, min: 1, max: 2 },
    ],
  });
  if (!E.ok) throw new Error(JSON.stringify(E));
  const privateCredential = generatePrivateCredential();
  const s = credentialSecret(G, E.value.uuid, privateCredential);
  if (!s.ok) throw new Error('bad credential');
  return { E: E.value, privateCredential, secret: s.value, credential: publicCredential(G, s.value) };
}

for (const name of ['BELENIOS-2048', 'Ed25519'] as const) {
  const { E, secret, credential } = setup(name);
  const isCredential = (c: string): boolean => c === credential;
  const made = makeBallot(E, secret, [
    [1, 0],
    [0, 1, 0, 0],
  ]);
  if (!made.ok) throw new Error(JSON.stringify(made));
  const original = made.value;

  function refusal(text: string): { key: string; where: string | number | undefined } {
    const r = verifyBallot(E, text, { isCredential });
    if (r.ok) return { key: 'accepted', where: undefined };
    return { key: r.messageKey, where: r.params['where'] };
  }

  /** The ballot changed by `edit`, then signed again with the voter's credential. */
  function tampered(edit: (b: Ballot) => Omit<Ballot, 'signature'>): string {
    return signBallot(E, secret, edit(readBallot(E, original)));
  }

  describe(`${name}: refusals name the failing check and where`, () => {
    it('refuses JSON that is not a ballot', () => {
      expect(refusal('{')).toEqual({ key: 'crypto.malformed', where: '$' });
      expect(refusal('[]')).toEqual({ key: 'crypto.malformed', where: '$' });
      const b = JSON.parse(original) as Record<string, unknown>;
      delete b['signature'];
      expect(refusal(JSON.stringify(b))).toEqual({ key: 'crypto.malformed', where: '$' });
      const extra = { ...(JSON.parse(original) as Record<string, unknown>), extra: 1 };
      expect(refusal(JSON.stringify(extra))).toEqual({ key: 'crypto.malformed', where: '$' });
      expect(refusal(original.replace('"challenge":"', '"challenge":"-'))).toMatchObject({ key: 'crypto.malformed' });
      expect(refusal(original.replace('"alpha":"', '"alpha":"0'))).toEqual({
        key: 'crypto.malformed',
        where: '$.answers[0].choices[0].alpha',
      });
      expect(refusal(original.replace('"alpha":"', '"alpha":1,"x":"'))).toMatchObject({ key: 'crypto.malformed' });
    });

    it('refuses any other spelling of a valid ballot: its tracker must be unique', () => {
      expect(refusal(` ${original}`)).toEqual({ key: 'crypto.malformed', where: '$' });
      expect(refusal(`${original}\n`)).toEqual({ key: 'crypto.malformed', where: '$' });
      expect(refusal(original.replace('"election_uuid":', '"election_uuid":"x","election_uuid":'))).toEqual({
        key: 'crypto.malformed',
        where: '$',
      });
      expect(refusal(original.replace('"election_uuid"', '"election\\u005fuuid"'))).toEqual({
        key: 'crypto.malformed',
        where: '$',
      });
    });

    it('refuses a ballot for another election or from an unknown credential', () => {
      expect(refusal(original.replace(E.uuid, 'AAAAAAAAAAAAAA'))).toEqual({
        key: 'crypto.wrong-election',
        where: '$.election_uuid',
      });
      expect(refusal(original.replace(E.fingerprint, hashJson('other')))).toEqual({
        key: 'crypto.wrong-election',
        where: '$.election_hash',
      });
      const stranger = verifyBallot(E, original, { isCredential: () => false });
      expect(stranger.ok ? 'accepted' : stranger.messageKey).toBe('crypto.unknown-credential');
    });

    it('refuses a changed ciphertext, proof or signature', () => {
      // Changed without signing again: the signature's hash no longer matches.
      const b = readBallot(E, original);
      const G = E.group;
      expect(refusal(original.replace(E.group.toString(b.answers[0]!.choices[0]!.beta), G.toString(G.g)))).toEqual({
        key: 'crypto.invalid-proof',
        where: '$.signature.hash',
      });
      // Signed again after the change: the answer proofs catch it.
      const moved = tampered((x) => {
        const [first, ...rest] = x.answers;
        const c = first!.choices[0]!;
        const changed = {
          ...first!,
          choices: [{ alpha: c.alpha, beta: G.mul(c.beta, G.g) }, ...first!.choices.slice(1)],
        };
        return { ...x, answers: [changed, ...rest] };
      });
      expect(refusal(moved)).toEqual({ key: 'crypto.invalid-proof', where: '$.answers[0].individual_proofs[0]' });
      const badOverall = tampered((x) => {
        const [first, ...rest] = x.answers;
        const [p0, ...ps] = first!.overallProof;
        const changed = { ...first!, overallProof: [{ ...p0!, response: (p0!.response + 1n) % G.q }, ...ps] };
        return { ...x, answers: [changed, ...rest] };
      });
      expect(refusal(badOverall)).toEqual({ key: 'crypto.invalid-proof', where: '$.answers[0].overall_proof' });
      const badBlank = tampered((x) => {
        const second = x.answers[1]!;
        const [p0, p1] = second.blankProof!;
        return { ...x, answers: [x.answers[0]!, { ...second, blankProof: [p1!, p0!] }] };
      });
      expect(refusal(badBlank)).toEqual({ key: 'crypto.invalid-proof', where: '$.answers[1].blank_proof' });
      const s = b.signature.proof;
      const forged = original.replace(
        `"response":"${s.response.toString()}"}}`,
        `"response":"${((s.response + 1n) % G.q).toString()}"}}`,
      );
      expect(forged).not.toBe(original);
      expect(refusal(forged)).toEqual({ key: 'crypto.invalid-proof', where: '$.signature.proof' });
      // Re-signing the unchanged ballot is accepted: the refusals above come from the changes.
      expect(refusal(tampered((x) => x))).toEqual({ key: 'accepted', where: undefined });
    });
  });

  describe(`${name}: ballots made here`, () => {
    it('accept every vote the question allows, blank included, and refuse others', () => {
      for (const vote of [
        [
          [1, 0],
          [0, 1, 0, 0],
        ],
        [
          [0, 0],
          [1, 0, 0, 0],
        ],
        [
          [0, 1],
          [0, 1, 1, 0],
        ],
      ]) {
        const made = makeBallot(E, secret, vote);
        expect(made.ok).toBe(true);
        if (made.ok) expect(verifyBallot(E, made.value, { isCredential }).ok).toBe(true);
      }
      for (const vote of [
        [
          [1, 1],
          [0, 1, 0, 0],
        ],
        [
          [1, 0],
          [0, 0, 0, 0],
        ],
        [
          [1, 0],
          [1, 1, 0, 0],
        ],
        [
          [1, 0],
          [0, 1, 1, 1],
        ],
        [
          [2, 0],
          [0, 1, 0, 0],
        ],
        [[1, 0]],
        [[1], [0, 1, 0, 0]],
      ]) {
        expect(makeBallot(E, secret, vote).ok, JSON.stringify(vote)).toBe(false);
      }
    });
  });
}
