import {
  bodyMembers,
  isMandateActive,
  type GovBody,
  type GovUnit,
  type GovernanceState,
  type Mandate,
} from '@plenum/domain';

/**
 * What the organisation looks like, read from its state (pure: the state is the fold of the
 * record). Every answer is plain data, in a stable order, ready to be sent as JSON.
 */

/** The root of the units' tree (the organisation itself), or undefined before it is founded. */
export function rootUnitOf(state: GovernanceState): GovUnit | undefined {
  for (const unit of state.units.values()) if (unit.parentId === null) return unit;
  return undefined;
}

export interface OrganisationOverview {
  readonly name: string | null;
  readonly statute: { readonly title: string; readonly version: number } | null;
  /** The statute's levels, from the root down; members belong to the last. */
  readonly levels: readonly string[];
  readonly units: readonly GovUnit[];
  readonly bodies: readonly (GovBody & { readonly members: number })[];
  /** Members per unit id, on `on`; units without members are absent. */
  readonly memberCounts: Readonly<Record<string, number>>;
  readonly memberTotal: number;
  readonly eventCount: number;
  /** The day the counts are for. */
  readonly on: string;
}

export function overviewOf(state: GovernanceState, eventCount: number, on: string): OrganisationOverview {
  const memberCounts: Record<string, number> = {};
  let memberTotal = 0;
  for (const member of state.members.values()) {
    if (member.status !== 'member') continue;
    memberCounts[member.unitId] = (memberCounts[member.unitId] ?? 0) + 1;
    memberTotal += 1;
  }
  const statute = state.statute;
  return {
    name: rootUnitOf(state)?.name ?? null,
    statute: statute === null ? null : { title: statute.title, version: statute.version },
    levels: statute?.units.levels ?? [],
    units: [...state.units.values()],
    bodies: [...state.bodies.values()].map((body) => ({ ...body, members: bodyMembers(state, body, on).length })),
    memberCounts,
    memberTotal,
    eventCount,
    on,
  };
}

export interface MemberView {
  readonly id: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly unitId: string;
  /** The first day of the current period of membership. */
  readonly since: string;
  readonly status: 'member' | 'resigned' | 'lapsed';
}

/** The members of a unit (current members, by id), or undefined if there is no such unit. */
export function membersOf(state: GovernanceState, unitId: string): MemberView[] | undefined {
  if (!state.units.has(unitId)) return undefined;
  const members: MemberView[] = [];
  for (const m of state.members.values()) {
    if (m.unitId !== unitId || m.status !== 'member') continue;
    const since = m.periods[m.periods.length - 1]?.from ?? '';
    members.push({
      id: m.id,
      givenName: m.givenName,
      familyName: m.familyName,
      unitId: m.unitId,
      since,
      status: m.status,
    });
  }
  return members.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One member, with every period of membership, or undefined. */
export function memberOf(state: GovernanceState, id: string) {
  return state.members.get(id);
}

/** The mandates of a body (or all), those held on `on` unless `all`; in the order they began. */
export function mandatesOf(
  state: GovernanceState,
  filter: { readonly bodyId?: string; readonly memberId?: string; readonly on: string; readonly all?: boolean },
): Mandate[] {
  return [...state.mandates.values()].filter(
    (m) =>
      (filter.bodyId === undefined || m.bodyId === filter.bodyId) &&
      (filter.memberId === undefined || m.memberId === filter.memberId) &&
      (filter.all === true || isMandateActive(m, filter.on)),
  );
}
