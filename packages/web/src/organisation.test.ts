import { describe, expect, it } from 'vitest';
import type { Overview } from '@plenum/api';
import {
  bodiesInOrder,
  bodyKindLabel,
  cardUnitsOf,
  childrenOf,
  isMemberLevel,
  labelOf,
  memberCountOf,
  rootOf,
  unitName,
  type Body,
  type Unit,
} from './organisation.ts';

const collator = new Intl.Collator('en');

function overviewOf(
  levels: string[],
  units: Unit[],
  memberCounts: Record<string, number> = {},
  bodies: Body[] = [],
): Overview {
  return {
    name: units.find((u) => u.parentId === null)?.name ?? null,
    statute: { title: 'Statute', version: 1 },
    levels,
    units,
    bodies,
    memberCounts,
    memberTotal: Object.values(memberCounts).reduce((a, b) => a + b, 0),
    eventCount: 0,
    on: '2026-04-04',
  };
}

const unit = (id: string, level: string, name: string, parentId: string | null): Unit => ({
  id,
  level,
  name,
  parentId,
});
const body = (id: string, kind: string, name: string, unitId: string, members = 0): Body => ({
  id,
  kind,
  name,
  unitId,
  members,
});

// Three levels, as the demo statute's; given in no particular order.
const federation = overviewOf(
  ['federation', 'section', 'branch'],
  [
    unit('sec-de', 'section', 'Sektion Deutschland', 'fed'),
    unit('de-berlin', 'branch', 'Ortsgruppe Berlin', 'sec-de'),
    unit('fed', 'federation', 'Federation of Councils', null),
    unit('br-sp', 'branch', 'Núcleo São Paulo', 'sec-br'),
    unit('sec-br', 'section', 'Seção Brasileira', 'fed'),
    unit('br-rio', 'branch', 'Núcleo Rio de Janeiro', 'sec-br'),
  ],
  { 'de-berlin': 19, 'br-sp': 24, 'br-rio': 18 },
  [
    body('assembly-br-sp', 'branch-assembly', 'Núcleo São Paulo', 'br-sp', 24),
    body('congress', 'congress', 'Congress', 'fed', 26),
    body('cc', 'central-committee', 'Central Committee', 'fed', 15),
    body('assembly-de-berlin', 'branch-assembly', 'Ortsgruppe Berlin', 'de-berlin', 19),
    body('section-bureau', 'section-bureau', 'Bureau', 'sec-br', 3),
  ],
);

describe('the units of an overview, whatever its statute calls its levels', () => {
  it('finds the root, and which units members belong to: those of the last level', () => {
    expect(rootOf(federation)?.id).toBe('fed');
    const byId = (id: string): Unit => federation.units.find((u) => u.id === id)!;
    expect(isMemberLevel(federation, byId('de-berlin'))).toBe(true);
    expect(isMemberLevel(federation, byId('sec-de'))).toBe(false);
    expect(isMemberLevel(federation, byId('fed'))).toBe(false);
    expect(rootOf(overviewOf([], []))).toBeUndefined();
    expect(isMemberLevel(overviewOf([], []), byId('de-berlin'))).toBe(false);
  });

  it('lists a unit’s children by name in the reader’s language', () => {
    expect(childrenOf(federation, 'fed', collator).map((u) => u.id)).toEqual(['sec-br', 'sec-de']);
    expect(childrenOf(federation, 'sec-br', collator).map((u) => u.name)).toEqual([
      'Núcleo Rio de Janeiro',
      'Núcleo São Paulo',
    ]);
    expect(childrenOf(federation, 'de-berlin', collator)).toEqual([]);
  });

  it('gives a card to each unit one level below the root', () => {
    expect(cardUnitsOf(federation, collator).map((u) => u.id)).toEqual(['sec-br', 'sec-de']);
    expect(cardUnitsOf(overviewOf([], []), collator)).toEqual([]);
  });

  it('gives the root one card when its children are already of the members’ level', () => {
    const party = overviewOf(
      ['party', 'cell'],
      [unit('p', 'party', 'Party', null), unit('c2', 'cell', 'Cell B', 'p'), unit('c1', 'cell', 'Cell A', 'p')],
    );
    expect(cardUnitsOf(party, collator).map((u) => u.id)).toEqual(['p']);
    // Founded, with nothing below the root yet: no card.
    const bare = overviewOf(['party', 'region', 'cell'], [unit('p', 'party', 'Party', null)]);
    expect(cardUnitsOf(bare, collator)).toEqual([]);
  });

  it('counts the members of a unit and of every unit below it', () => {
    const byId = (id: string): Unit => federation.units.find((u) => u.id === id)!;
    expect(memberCountOf(federation, byId('br-sp'))).toBe(24);
    expect(memberCountOf(federation, byId('sec-br'))).toBe(42);
    expect(memberCountOf(federation, byId('sec-de'))).toBe(19);
    expect(memberCountOf(federation, byId('fed'))).toBe(61);
  });

  it('counts over four levels, and members of a unit above the last level too', () => {
    const deep = overviewOf(
      ['party', 'region', 'district', 'cell'],
      [
        unit('p', 'party', 'Party', null),
        unit('r', 'region', 'North', 'p'),
        unit('d1', 'district', 'Harbour', 'r'),
        unit('d2', 'district', 'Hills', 'r'),
        unit('c1', 'cell', 'Dock', 'd1'),
        unit('c2', 'cell', 'Mill', 'd2'),
        unit('c3', 'cell', 'Mine', 'd2'),
      ],
      { c1: 5, c2: 7, c3: 11, r: 2 },
    );
    const byId = (id: string): Unit => deep.units.find((u) => u.id === id)!;
    expect(memberCountOf(deep, byId('d2'))).toBe(18);
    expect(memberCountOf(deep, byId('r'))).toBe(25);
    expect(memberCountOf(deep, byId('p'))).toBe(25);
    expect(cardUnitsOf(deep, collator).map((u) => u.id)).toEqual(['r']);
  });

  it('does not loop on a cycle of parents', () => {
    const cyclic = overviewOf(['a', 'b'], [unit('x', 'b', 'X', 'y'), unit('y', 'b', 'Y', 'x')], { x: 1, y: 2 });
    expect(memberCountOf(cyclic, cyclic.units[0]!)).toBe(3);
  });

  it('names a unit by id, or shows the id of a unit it does not know', () => {
    expect(unitName(federation, 'sec-de')).toBe('Sektion Deutschland');
    expect(unitName(federation, 'nowhere')).toBe('nowhere');
  });
});

describe('the statute’s words as labels', () => {
  it('replaces hyphens and underscores with spaces and capitalises the first letter', () => {
    expect(labelOf('central-committee', 'en')).toBe('Central committee');
    expect(labelOf('branch', 'en')).toBe('Branch');
    expect(labelOf('pre_congress--commission', 'en')).toBe('Pre congress commission');
    expect(labelOf('ячейка', 'ru')).toBe('Ячейка');
    expect(labelOf('istanbul', 'tr')).toBe('İstanbul');
    expect(labelOf('', 'en')).toBe('');
    expect(labelOf('-', 'en')).toBe('-');
  });

  it('leaves out a body’s kind when its name already says it', () => {
    expect(bodyKindLabel(body('congress', 'congress', 'Congress', 'fed'), 'en')).toBeUndefined();
    expect(bodyKindLabel(body('cc', 'central-committee', 'Central Committee', 'fed'), 'en')).toBeUndefined();
    expect(bodyKindLabel(body('a', 'branch-assembly', 'Núcleo São Paulo', 'br-sp'), 'en')).toBe('Branch assembly');
  });
});

describe('the bodies in order', () => {
  it('puts the root’s bodies first, then by level, by the unit’s name and by their own name', () => {
    expect(bodiesInOrder(federation, collator).map((b) => b.id)).toEqual([
      'cc',
      'congress',
      'section-bureau',
      'assembly-br-sp',
      'assembly-de-berlin',
    ]);
  });

  it('puts a body of a unit it does not know last, without dropping it', () => {
    const stray = { ...federation, bodies: [body('x', 'x', 'Stray', 'nowhere'), ...federation.bodies] };
    expect(
      bodiesInOrder(stray, collator)
        .map((b) => b.id)
        .at(-1),
    ).toBe('x');
    expect(bodiesInOrder(stray, collator)).toHaveLength(federation.bodies.length + 1);
  });
});
