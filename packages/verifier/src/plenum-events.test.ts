import { describe, expect, it } from 'vitest';
import { canonicalJson, utf8 } from '@plenum/kernel';
import { EMPTY_ORGANISATION, decide, evolve, type DomainEvent, type OrganisationState } from '@plenum/domain';
import { demoOrganisationCommands } from '@plenum/demo';
import { checkPlenumEvent } from './plenum-events.ts';

const UNIT = { id: 'fed', kind: 'federation', name: 'Federation', parentId: null, country: null };
const MEMBER = { id: 'm1', givenName: 'Rosa', familyName: 'Luxemburg', unitId: 'br', admittedOn: '1898-05-31' };
const BODY = { id: 'cc', kind: 'central-committee', name: 'CC', unitId: 'fed', seats: 15 };

const entry = (value: unknown): Uint8Array => utf8(canonicalJson(value));
const check = (value: unknown, index = 3): { code: string; message: string; index?: number }[] =>
  checkPlenumEvent(entry(value), index);

describe('checkPlenumEvent', () => {
  it('accepts every event of the demo organisation, as the record stores it', () => {
    let state: OrganisationState = EMPTY_ORGANISATION;
    const events: DomainEvent[] = [];
    for (const command of demoOrganisationCommands()) {
      const result = decide(state, command);
      if (!result.ok) throw new Error(result.messageKey);
      for (const event of result.value) {
        events.push(event);
        state = evolve(state, event);
      }
    }
    expect(new Set(events.map((event) => event.type))).toEqual(
      new Set(['organisation.founded', 'unit.created', 'member.admitted', 'body.constituted']),
    );
    for (const [index, event] of events.entries()) expect(checkPlenumEvent(entry(event), index)).toEqual([]);
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
    const spaced = utf8(`{"type": "unit.created","unit":${canonicalJson(UNIT)}}`);
    expect(checkPlenumEvent(spaced, 1)).toEqual([
      {
        code: 'entry_not_canonical',
        message:
          'entry 1: is not in canonical JSON form (sorted keys, no whitespace, shortest escapes): first difference at byte 8 of the entry',
        index: 1,
      },
    ]);
    const unsorted = utf8(`{"unit":${canonicalJson(UNIT)},"type":"unit.created"}`.replace('"unit":', '"unit" :'));
    expect(checkPlenumEvent(unsorted, 1).map((p) => p.code)).toEqual(['entry_not_canonical']);
    const float = utf8(
      `{"body":${canonicalJson({ ...BODY, seats: 0 }).replace('"seats":0', '"seats":1.5')},"type":"body.constituted"}`,
    );
    const codes = checkPlenumEvent(float, 1).map((p) => p.code);
    expect(codes).toContain('entry_not_canonical');
    expect(codes).toContain('entry_malformed');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...entry({ type: 'unit.created', unit: UNIT })]);
    expect(checkPlenumEvent(bom, 1).map((p) => p.code)).toEqual(['entry_not_canonical']);
  });

  it('refuses unknown event types and non-events', () => {
    expect(check({ type: 'member.expelled', member: MEMBER })).toEqual([
      {
        code: 'entry_unknown_type',
        message:
          'entry 3: has type "member.expelled", which is not an event type (organisation.founded, unit.created, member.admitted, body.constituted)',
        index: 3,
      },
    ]);
    expect(check([1, 2])[0]?.message).toBe('entry 3: is JSON an array, not an object (an event)');
    expect(check({ unit: UNIT })[0]?.message).toBe('entry 3: has no "type" string: it is not an event');
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
      'entry 3: is a malformed member.admitted event: unexpected field "note"; unexpected field "member.extra"; ' +
        '"member.id" must be an identifier (a-z, 0-9, "-" and "_", starting with a letter, at most 64 characters); ' +
        '"member.admittedOn" must be a date YYYY-MM-DD',
    );
    expect(check({ type: 'unit.created', unit: { ...UNIT, kind: 'planet', parentId: 7 } })[0]?.message).toBe(
      'entry 3: is a malformed unit.created event: "unit.kind" must be one of federation, section, branch; ' +
        '"unit.parentId" must be an identifier (a-z, 0-9, "-" and "_", starting with a letter, at most 64 characters)',
    );
    expect(check({ type: 'body.constituted', body: { id: 'b' } })[0]?.message).toBe(
      'entry 3: is a malformed body.constituted event: "body.kind" is missing; "body.name" is missing; ' +
        '"body.unitId" is missing; "body.seats" is missing',
    );
    expect(check({ type: 'body.constituted', body: null })[0]?.message).toBe(
      'entry 3: is a malformed body.constituted event: "body" must be an object, got null',
    );
  });

  it('does not throw on deeply nested input', () => {
    const deep = utf8('['.repeat(30_000) + ']'.repeat(30_000));
    const problems = checkPlenumEvent(deep, 0);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'entry_malformed' || p.code === 'entry_not_canonical')).toBe(true);
  });
});
