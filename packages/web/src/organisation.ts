import type { Overview } from '@plenum/api';

// Pure helpers that read the organisation's structure out of an overview. Nothing here knows
// the names of levels or kinds of body: those are the statute's, and differ between statutes.

export type Unit = Overview['units'][number];
export type Body = Overview['bodies'][number];

/** The root of the units' tree: the organisation itself (undefined before it is founded). */
export function rootOf(overview: Overview): Unit | undefined {
  return overview.units.find((unit) => unit.parentId === null);
}

/** Whether members belong to this unit: it is at the statute's last level. */
export function isMemberLevel(overview: Overview, unit: Unit): boolean {
  return overview.levels.length > 0 && unit.level === overview.levels[overview.levels.length - 1];
}

/** The units directly under `parentId`, sorted by name in the reader's language. */
export function childrenOf(overview: Overview, parentId: string, collator: Intl.Collator): Unit[] {
  return overview.units.filter((unit) => unit.parentId === parentId).sort((a, b) => collator.compare(a.name, b.name));
}

/**
 * The units the page gives a card each: those one level below the root; or, when the statute
 * has only the root above its members' level, the root itself, so that its member units are
 * listed in one card rather than a card each.
 */
export function cardUnitsOf(overview: Overview, collator: Intl.Collator): Unit[] {
  const root = rootOf(overview);
  if (root === undefined) return [];
  const children = childrenOf(overview, root.id, collator);
  return children.length > 0 && children.every((child) => isMemberLevel(overview, child)) ? [root] : children;
}

/** Members of a unit and of every unit below it. */
export function memberCountOf(overview: Overview, unit: Unit): number {
  // The units come from the server, so a cycle of parents is guarded against rather than assumed away.
  const seen = new Set<string>();
  const count = (id: string): number => {
    if (seen.has(id)) return 0;
    seen.add(id);
    return overview.units
      .filter((child) => child.parentId === id)
      .reduce((total, child) => total + count(child.id), overview.memberCounts[id] ?? 0);
  };
  return count(unit.id);
}

export function unitName(overview: Overview, unitId: string): string {
  return overview.units.find((unit) => unit.id === unitId)?.name ?? unitId;
}

/**
 * A statute's word (a level, a kind of body) as a label: 'central-committee' → 'Central
 * committee'. The statute's own vocabulary is shown rather than translated: an organisation
 * names its levels and bodies in its statute, and another statute uses other words.
 */
export function labelOf(word: string, locale: string): string {
  const spaced = word.replace(/[-_]+/g, ' ').trim();
  const first = spaced.codePointAt(0);
  if (first === undefined) return word;
  const head = String.fromCodePoint(first);
  return head.toLocaleUpperCase(locale) + spaced.slice(head.length);
}

/** The kind of a body as a label, or undefined when its name already says it ('Congress', kind congress). */
export function bodyKindLabel(body: Body, locale: string): string | undefined {
  const label = labelOf(body.kind, locale);
  return label.toLocaleLowerCase(locale) === body.name.trim().toLocaleLowerCase(locale) ? undefined : label;
}

/**
 * The bodies from the top of the tree down: those of the root first, then by the level of
 * their unit, the unit's name and their own name, in the reader's language.
 */
export function bodiesInOrder(overview: Overview, collator: Intl.Collator): Body[] {
  const units = new Map(overview.units.map((unit) => [unit.id, unit]));
  const depth = (body: Body): number => {
    const level = units.get(body.unitId)?.level;
    const index = level === undefined ? -1 : overview.levels.indexOf(level);
    return index < 0 ? overview.levels.length : index;
  };
  return [...overview.bodies].sort(
    (a, b) =>
      depth(a) - depth(b) ||
      collator.compare(unitName(overview, a.unitId), unitName(overview, b.unitId)) ||
      collator.compare(a.name, b.name),
  );
}
