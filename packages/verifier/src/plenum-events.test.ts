import { describe, expect, it } from 'vitest';
import { canonicalJson, fromUtf8, toBase64, utf8 } from '@plenum/kernel';
import { demoActorSecret } from '@plenum/demo';
import { leafPayload, localEventSigner, nobleEd25519, signEvent, type SignedEvent } from '@plenum/record';
import { checkPlenumEvent, plenumEntryChecker } from './plenum-events.ts';
import { signedPlenumEntries } from './test-support/plenum-leaves.ts';

const ORIGIN = 'plenum.example.org/record';
const UNIT = { id: 'fed', kind: 'federation', name: 'Federation', parentId: null, country: null };
const MEMBER = { id: 'm1', givenName: 'Rosa', familyName: 'Luxemburg', unitId: 'br', admittedOn: '1898-05-31' };
const BODY = { id: 'cc', kind: 'central-committee', name: 'CC', unitId: 'fed', seats: 15 };
const KEY = toBase64(new Uint8Array(32).fill(1));
const SIG = toBase64(new Uint8Array(64).fill(2));

const entry = (value: unknown): Uint8Array => utf8(canonicalJson(value));
/** The format check of a leaf carrying `event` (with a well-formed, unchecked key and signature). */
const check = (event: unknown, index = 3): { code: string; message: string; index?: number }[] =>
  checkPlenumEvent(entry({ actor: 'founders', event, key: KEY, sig: SIG }), index);

describe('plenumEntryChecker', () => {
  it('accepts every leaf of the demo organisation, as the app signs and stores them', async () => {
    const entries = await signedPlenumEntries(ORIGIN, 260);
    const leaves = entries.map((e) => JSON.parse(fromUtf8(e)) as SignedEvent);
    expect(new Set(leaves.map((leaf) => leaf.event.type))).toEqual(
      new Set(['organisation.founded', 'unit.created', 'member.admitted', 'body.constituted']),
    );
    expect(new Set(leaves.map((leaf) => leaf.actor.split(':')[0]))).toEqual(new Set(['founders', 'body']));
    const checkEntry = plenumEntryChecker({ origin: ORIGIN });
    for (const [index, bytes] of entries.entries()) expect(checkEntry(bytes, index)).toEqual([]);
  });

  it('refuses a signature that does not verify, or was made for another log', async () => {
    const [first] = await signedPlenumEntries(ORIGIN, 1);
    const leaf = JSON.parse(fromUtf8(first!)) as SignedEvent;
    const forged = { ...leaf, event: { ...leaf.event, unit: { ...UNIT, name: 'Forged' } } };
    expect(plenumEntryChecker({ origin: ORIGIN })(entry(forged), 0)).toEqual([
      {
        code: 'entry_signature',
        message: `entry 0: the signature of founders on this organisation.founded event does not verify with the key ${leaf.key} for the log "${ORIGIN}"`,
        index: 0,
      },
    ]);
    const elsewhere = plenumEntryChecker({ origin: 'plenum.example.org/another' })(first!, 0);
    expect(elsewhere.map((p) => p.code)).toEqual(['entry_signature']);
  });

  it('refuses an actor signing with another key than the record bound to it, naming both', async () => {
    const entries = await signedPlenumEntries(ORIGIN, 2);
    const founders = { kind: 'founders' } as const;
    const impostor = localEventSigner(founders, demoActorSecret(founders, 4242), nobleEd25519);
    const second = JSON.parse(fromUtf8(entries[1]!)) as SignedEvent;
    const resigned = utf8(leafPayload(await signEvent(ORIGIN, impostor, second.event)));
    const checkEntry = plenumEntryChecker({ origin: ORIGIN });
    expect(checkEntry(entries[0]!, 0)).toEqual([]);
    const [problem, ...rest] = checkEntry(resigned, 1);
    expect(rest).toEqual([]);
    const bound = (JSON.parse(fromUtf8(entries[0]!)) as SignedEvent).key;
    expect(problem).toMatchObject({
      code: 'entry_actor_key',
      index: 1,
      expected: bound,
      actual: toBase64(impostor.publicKey),
    });
    expect(problem?.message).toContain('bound founders to the key');
    expect(problem?.message).toContain('at entry 0 (Plenum record.actor-key)');
  });

  it('refuses a bare event nobody signed, and leaves without their exact envelope', () => {
    expect(checkPlenumEvent(entry({ type: 'unit.created', unit: UNIT }), 4)).toEqual([
      {
        code: 'entry_unsigned',
        message: 'entry 4: is a bare "unit.created" event: nobody signed it (a leaf is {actor, event, key, sig})',
        index: 4,
      },
    ]);
    const event = { type: 'unit.created', unit: UNIT };
    expect(checkPlenumEvent(entry({ actor: 'king', event, key: 'AAAA', sig: 7, extra: true }), 2)).toEqual([
      {
        code: 'entry_malformed',
        message:
          'entry 2: is not a well-formed signed event: unexpected field "extra"; "actor" must be member:<id>, body:<id> or founders, got "king"; ' +
          '"key" must be base64 of 32 bytes, got 3 bytes; "sig" must be base64 of 64 bytes, got a number',
        index: 2,
      },
    ]);
    expect(checkPlenumEvent(entry({ actor: 'member:m1', event }), 2)[0]?.message).toBe(
      'entry 2: is not a well-formed signed event: "key" is missing; "sig" is missing',
    );
  });

  it('refuses bytes that are not UTF-8, or not JSON, naming the entry', () => {
    expect(checkPlenumEvent(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), 12)).toEqual([
      { code: 'entry_malformed', message: 'entry 12: is not valid UTF-8 (from byte 2 of the entry)', index: 12 },
    ]);
    const [problem] = checkPlenumEvent(utf8('one'), 0);
    expect(problem?.code).toBe('entry_malformed');
    expect(problem?.message).toMatch(/^entry 0: is not JSON: /);
    expect(checkPlenumEvent(new Uint8Array(0), 0)[0]?.code).toBe('entry_malformed');
  });

  it('refuses JSON that is not in canonical form, saying where it differs', () => {
    const spaced = utf8(
      `{"actor": "founders","event":${canonicalJson({ type: 'unit.created', unit: UNIT })},"key":"${KEY}","sig":"${SIG}"}`,
    );
    expect(checkPlenumEvent(spaced, 1)).toEqual([
      {
        code: 'entry_not_canonical',
        message:
          'entry 1: is not in canonical JSON form (sorted keys, no whitespace, shortest escapes): first difference at byte 9 of the entry',
        index: 1,
      },
    ]);
    const unsorted = utf8(
      `{"sig":"${SIG}","actor":"founders","key":"${KEY}","event":${canonicalJson({ type: 'unit.created', unit: UNIT })}}`,
    );
    expect(checkPlenumEvent(unsorted, 1).map((p) => p.code)).toEqual(['entry_not_canonical']);
    const floatEvent = `{"body":${canonicalJson({ ...BODY, seats: 0 }).replace('"seats":0', '"seats":1.5')},"type":"body.constituted"}`;
    const float = utf8(`{"actor":"founders","event":${floatEvent},"key":"${KEY}","sig":"${SIG}"}`);
    const codes = checkPlenumEvent(float, 1).map((p) => p.code);
    expect(codes).toContain('entry_not_canonical');
    expect(codes).toContain('entry_malformed');
    const bom = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...entry({ actor: 'founders', event: { type: 'unit.created', unit: UNIT }, key: KEY, sig: SIG }),
    ]);
    expect(checkPlenumEvent(bom, 1).map((p) => p.code)).toEqual(['entry_not_canonical']);
  });

  it('refuses unknown event types and non-events', () => {
    expect(check({ type: 'member.expelled', member: MEMBER })).toEqual([
      {
        code: 'entry_unknown_type',
        message:
          'entry 3: has an event of type "member.expelled", which is not an event type (organisation.founded, unit.created, member.admitted, body.constituted)',
        index: 3,
      },
    ]);
    expect(checkPlenumEvent(entry([1, 2]), 3)[0]?.message).toBe(
      'entry 3: is JSON an array, not an object (a signed event)',
    );
    expect(check([1, 2])[0]?.message).toBe('entry 3: "event" must be an object (an event), got an array');
    expect(check({ unit: UNIT })[0]?.message).toBe('entry 3: "event" has no "type" string: it is not an event');
    expect(check({ type: 'toString' })[0]?.code).toBe('entry_unknown_type');
  });

  it('refuses events without their exact fields, listing each fault', () => {
    expect(check({ type: 'organisation.founded', unit: UNIT })).toEqual([]);
    expect(check({ type: 'member.admitted', member: MEMBER })).toEqual([]);
    expect(check({ type: 'body.constituted', body: { ...BODY, seats: null } })).toEqual([]);
    const faults = check({
      type: 'member.admitted',
      member: { ...MEMBER, id: 'Not An Id', admittedOn: '2023-02-29', extra: 1 },
      note: 'x',
    });
    expect(faults).toHaveLength(1);
    expect(faults[0]?.code).toBe('entry_malformed');
    expect(faults[0]?.message).toBe(
      'entry 3: is a malformed member.admitted event: unexpected field "event.note"; unexpected field "event.member.extra"; ' +
        '"event.member.id" must be an identifier (a-z, 0-9, "-" and "_", starting with a letter, at most 64 characters); ' +
        '"event.member.admittedOn" must be a date YYYY-MM-DD',
    );
    expect(check({ type: 'unit.created', unit: { ...UNIT, kind: 'planet', parentId: 7 } })[0]?.message).toBe(
      'entry 3: is a malformed unit.created event: "event.unit.kind" must be one of federation, section, branch; ' +
        '"event.unit.parentId" must be an identifier (a-z, 0-9, "-" and "_", starting with a letter, at most 64 characters)',
    );
    expect(check({ type: 'body.constituted', body: { id: 'b' } })[0]?.message).toBe(
      'entry 3: is a malformed body.constituted event: "event.body.kind" is missing; "event.body.name" is missing; ' +
        '"event.body.unitId" is missing; "event.body.seats" is missing',
    );
    expect(check({ type: 'body.constituted', body: null })[0]?.message).toBe(
      'entry 3: is a malformed body.constituted event: "event.body" must be an object, got null',
    );
  });

  it('does not throw on deeply nested input', () => {
    const deep = utf8('['.repeat(30_000) + ']'.repeat(30_000));
    const problems = checkPlenumEvent(deep, 0);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'entry_malformed' || p.code === 'entry_not_canonical')).toBe(true);
  });
});
