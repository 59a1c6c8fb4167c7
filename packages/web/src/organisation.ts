import type { Overview } from '@plenum/api';

// Pure helpers that read the organisation's structure out of an overview.

export type Unit = Overview['units'][number];
export type Body = Overview['bodies'][number];

export function federationOf(overview: Overview): Unit | undefined {
  return overview.units.find((unit) => unit.kind === 'federation');
}

/** The units of one kind, sorted by name in the reader's language. */
export function unitsOfKind(overview: Overview, kind: Unit['kind'], collator: Intl.Collator): Unit[] {
  return overview.units.filter((unit) => unit.kind === kind).sort((a, b) => collator.compare(a.name, b.name));
}

/** The units directly under `parentId`, sorted by name in the reader's language. */
export function childrenOf(overview: Overview, parentId: string, collator: Intl.Collator): Unit[] {
  return overview.units.filter((unit) => unit.parentId === parentId).sort((a, b) => collator.compare(a.name, b.name));
}

/** Members of a branch, or of all branches under a section or federation. */
export function memberCountOf(overview: Overview, unit: Unit): number {
  if (unit.kind === 'branch') return overview.memberCounts[unit.id] ?? 0;
  return overview.units
    .filter((child) => child.parentId === unit.id)
    .reduce((total, child) => total + memberCountOf(overview, child), 0);
}

export function unitName(overview: Overview, unitId: string): string {
  return overview.units.find((unit) => unit.id === unitId)?.name ?? unitId;
}
