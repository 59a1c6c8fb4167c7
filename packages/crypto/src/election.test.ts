import { describe, expect, it } from 'vitest';
import { makeElection, parseElection } from './election.ts';

const made = makeElection({
  uuid: 'Tst23456789ABCDEFab',
  name: 'Test',
  description: 'Parameters',
  group: 'BELENIOS-2048',
  publicKey: '2',
  questions: [{ question: 'Q', answers: ['A', 'B'], blank: true, min: 1, max: 2 }],
});

describe('election parameters (§4.10)', () => {
  it('writes them in the specification’s field order and reads them back', () => {
    // 2 is not in the subgroup of order q: the election key must be a group element.
    expect(made.ok ? 'accepted' : made.params['where']).toBe('$.public_key');
    const ok = makeElection({
      uuid: 'Tst23456789ABCDEFab',
      name: 'Test "quoted"',
      description: 'Parameters',
      group: 'Ed25519',
      publicKey: `${'66'.repeat(31)}58`,
      questions: [{ question: 'Q', answers: ['A', 'B'], blank: true, min: 1, max: 2 }],
      administrator: 'Admin',
    });
    if (!ok.ok) throw new Error(JSON.stringify(ok));
    expect(ok.value.json).toBe(
      '{"version":1,"description":"Parameters","name":"Test \\"quoted\\"","group":"Ed25519",' +
        `"public_key":"${'66'.repeat(31)}58","questions":[{"answers":["A","B"],"blank":true,"min":1,"max":2,` +
        '"question":"Q"}],"uuid":"Tst23456789ABCDEFab","administrator":"Admin"}',
    );
    expect(ok.value.questions[0]).toMatchObject({ blank: true, blankWritten: true, min: 1, max: 2 });
  });

  it('escapes strings as belenios-tool does (DEL too)', () => {
    const e = makeElection({
      uuid: 'Tst23456789ABCDEFab',
      name: 'n',
      description: 'a\u007fb\u0001c\u2028d"e\\f/gé',
      group: 'Ed25519',
      publicKey: `${'66'.repeat(31)}58`,
      questions: [{ question: 'Q', answers: ['A', 'B'], blank: false, min: 0, max: 1 }],
    });
    // What belenios-tool 2.0 wrote for this description.
    const written = '{"version":1,"description":"a\\u007fb\\u0001c\u2028d\\"e\\\\f/gé",';
    expect(e.ok && e.value.json.slice(0, written.length)).toBe(written);
    expect(e.ok && e.value.description).toBe('a\u007fb\u0001c\u2028d"e\\f/gé');
  });

  it('refuses what is not an election, naming where', () => {
    const base = {
      version: 1,
      description: 'd',
      name: 'n',
      group: 'Ed25519',
      public_key: `${'66'.repeat(31)}58`,
      questions: [{ answers: ['a', 'b'], min: 0, max: 1, question: 'q' }],
      uuid: 'Tst23456789ABCDEFab',
    };
    const where = (patch: Record<string, unknown>): unknown => {
      const r = parseElection(JSON.stringify({ ...base, ...patch }));
      return r.ok ? 'accepted' : r.params['where'];
    };
    expect(where({})).toBe('accepted');
    expect(parseElection('nope').ok).toBe(false);
    expect(where({ version: 2 })).toBe('$.version');
    expect(where({ group: 'RFC-3526-2048' })).toBe('$.group');
    expect(where({ uuid: 'short' })).toBe('$.uuid');
    expect(where({ uuid: 'Tst23456789ABCDEF0' })).toBe('$.uuid');
    expect(where({ public_key: '1234' })).toBe('$.public_key');
    expect(where({ questions: [] })).toBe('$.questions');
    expect(where({ questions: [{ answers: ['a'], min: 0, max: 2, question: 'q' }] })).toBe('$.questions[0].max');
    expect(where({ questions: [{ answers: ['a'], min: 0, max: 1, question: 'q', blank: 'yes' }] })).toBe(
      '$.questions[0].blank',
    );
    expect(where({ questions: [{ type: 'NonHomomorphic', value: {} }] })).toBe('$.questions[0]');
    expect(where({ extra: true })).toBe('$');
  });
});
