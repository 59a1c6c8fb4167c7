import type { Id } from '@plenum/kernel';

/**
 * The shape of a membership organisation: a federation of national sections, each made of
 * branches; members belong to a branch; bodies (congress, committees, assemblies) belong to
 * a unit. Everything here is plain data, so that it serialises canonically into the record.
 */
export type UnitKind = 'federation' | 'section' | 'branch';

export interface Unit {
  readonly id: Id;
  readonly kind: UnitKind;
  readonly name: string;
  /** null only for the federation, the root of the tree. */
  readonly parentId: Id | null;
  /** ISO 3166-1 alpha-2 country code of a section and its branches; null for the federation. */
  readonly country: string | null;
}

export interface Member {
  readonly id: Id;
  readonly givenName: string;
  readonly familyName: string;
  /** The branch the member belongs to. */
  readonly unitId: Id;
  /** Calendar date of admission, YYYY-MM-DD. */
  readonly admittedOn: string;
}

export type BodyKind = 'congress' | 'central-committee' | 'control-commission' | 'branch-assembly';

export interface Body {
  readonly id: Id;
  readonly kind: BodyKind;
  readonly name: string;
  readonly unitId: Id;
  /** Number of seats, or null for a body made of all the members (or delegates) of its unit. */
  readonly seats: number | null;
}

export const UNIT_KINDS: readonly UnitKind[] = ['federation', 'section', 'branch'];
export const BODY_KINDS: readonly BodyKind[] = [
  'congress',
  'central-committee',
  'control-commission',
  'branch-assembly',
];

/** Which kind of unit each kind of unit must hang from. */
export const PARENT_KIND: Readonly<Record<UnitKind, UnitKind | null>> = {
  federation: null,
  section: 'federation',
  branch: 'section',
};

/** Which kind of unit each kind of body belongs to. */
export const BODY_SCOPE: Readonly<Record<BodyKind, UnitKind>> = {
  congress: 'federation',
  'central-committee': 'federation',
  'control-commission': 'federation',
  'branch-assembly': 'branch',
};
