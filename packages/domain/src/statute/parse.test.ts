import { describe, expect, it } from 'vitest';
import { DEMO_STATUTE_YAML, STATUTE_1921_YAML } from './examples.ts';
import { parseStatute, type StatuteProblem } from './parse.ts';

function problems(text: string): StatuteProblem[] {
  const result = parseStatute(text);
  if (result.ok) throw new Error('expected the statute to be refused');
  return [...result.problems];
}

describe('parseStatute', () => {
  it('reads the demo statute: tendencies always allowed, amended only by the congress', () => {
    const result = parseStatute(DEMO_STATUTE_YAML);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const s = result.statute;
    expect(s.units.levels).toEqual(['federation', 'section', 'branch']);
    expect(s.tendencies).toEqual({ clause: '10.1', organise: 'always' });
    expect(s.amendment).toEqual({ clause: '12.1', by: 'congress', majority: 'two-thirds' });
    expect(s.bodies['central-committee']).toMatchObject({
      seats: 15,
      termMonths: 24,
      termLimit: { consecutiveTerms: 3 },
    });
    expect(s.membership.votingRights.afterDays).toBe(0);
    expect(s.incompatibilities[0]?.bodies).toEqual(['central-committee', 'control-commission']);
  });

  it('reads the 1921-rule statute: factions only in the pre-congress discussion, other names and numbering', () => {
    const result = parseStatute(STATUTE_1921_YAML);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.statute.tendencies).toEqual({ clause: 'X.1', organise: 'pre-congress-discussion' });
    expect(result.statute.units.levels).toEqual(['party', 'region', 'cell']);
    expect(result.statute.majorities['two-thirds-of-members']).toMatchObject({ fraction: [2, 3], base: 'members' });
  });

  it('refuses a YAML syntax error with its line', () => {
    const found = problems('plenum-statute: 1\ntitle: [unclosed\n');
    expect(found[0]?.messageKey).toBe('statute.yaml');
    expect(found[0]?.line).toBeGreaterThanOrEqual(2);
  });

  it('refuses a value of the wrong type with its path and line', () => {
    const text = DEMO_STATUTE_YAML.replace('    seats: 15\n', '    seats: fifteen\n');
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: 'bodies.central-committee.seats', messageKey: 'statute.schema' });
    expect(found[0]?.line).toBe(text.split('\n').findIndex((l) => l.includes('seats: fifteen')) + 1);
  });

  it('refuses unknown keys, so that a misspelt rule is not silently ignored', () => {
    const found = problems(
      DEMO_STATUTE_YAML.replace('  organise: always\n', '  organise: always\n  organize: never\n'),
    );
    expect(found[0]).toMatchObject({ path: 'tendencies', messageKey: 'statute.schema' });
  });

  it('refuses a rule that names a body, majority or level the statute does not define', () => {
    const text = DEMO_STATUTE_YAML.replace(
      '    by: branch-assembly\n    majority: simple\n  voting-rights',
      '    by: branch-council\n    majority: simple\n  voting-rights',
    )
      .replace('  majority: absolute\n\ntendencies', '  majority: overwhelming\n\ntendencies')
      .replace('    level: branch\n', '    level: cell\n');
    const found = problems(text);
    expect(found.map((p) => [p.path, p.messageKey, p.params['name']])).toEqual(
      expect.arrayContaining([
        ['bodies.branch-assembly.level', 'statute.unknownLevel', 'cell'],
        ['membership.admission.by', 'statute.unknownBody', 'branch-council'],
        ['recall.majority', 'statute.unknownMajority', 'overwhelming'],
      ]),
    );
    for (const p of found) expect(p.line).not.toBeNull();
  });

  it('refuses a statute that lets anything but a congress amend it (G9)', () => {
    const found = problems(
      DEMO_STATUTE_YAML.replace(
        '  by: congress\n  majority: two-thirds\n',
        '  by: central-committee\n  majority: two-thirds\n',
      ),
    );
    expect(found).toEqual([
      expect.objectContaining({ path: 'amendment.by', messageKey: 'statute.amendmentByCongress' }),
    ]);
  });

  it('refuses aliases and tags, and oversized documents', () => {
    expect(problems('a: &x 1\nb: *x\n')[0]?.messageKey).toBe('statute.plainYaml');
    expect(problems('title: !!binary aGVsbG8=\n')[0]?.messageKey).toBe('statute.plainYaml');
    expect(problems('x'.repeat(200_001))[0]?.messageKey).toBe('statute.tooLong');
  });
});
