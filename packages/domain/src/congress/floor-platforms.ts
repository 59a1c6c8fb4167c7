import type { Id } from '@plenum/kernel';
import type { GovernanceState } from '../governance/state.ts';

/**
 * The platforms a meeting sees: those filed for the current congress (the one called and not
 * closed; with none, those filed outside any congress) — see platformCongress. Each has a co-report slot on the
 * congress's agenda (G3), and its signatories may speak for it in any meeting.
 *
 * This is what the bulletin's platformsFor(state, currentCongress(state)?.id ?? null) gives,
 * read here from the two slices directly (type imports only): bulletin.ts and congress.ts
 * import decide.ts, which imports this part, so a value import of them from here would make
 * the module graph depend on which part is loaded first. floor-congress.test.ts checks that
 * the two agree.
 */
export interface FloorPlatform {
  readonly id: Id;
  readonly title: string;
  readonly signatories: readonly Id[];
}

/**
 * The congress a platform is for: the one called and not closed when it was drafted, or, for
 * a platform drafted in a discussion opened before the call (as the Platform of the 46 was),
 * the first congress called on or after the day it was drafted; null while none is.
 */
export function platformCongress(
  state: GovernanceState,
  platform: { readonly congressId: Id | null; readonly draftedOn: string },
): Id | null {
  if (platform.congressId !== null) return platform.congressId;
  let found: { id: Id; calledOn: string } | null = null;
  for (const c of state.congress.congresses.values()) {
    if (c.calledOn >= platform.draftedOn && (found === null || c.calledOn < found.calledOn)) found = c;
  }
  return found?.id ?? null;
}

export function floorPlatforms(state: GovernanceState): readonly FloorPlatform[] {
  let congressId: Id | null = null;
  for (const c of state.congress.congresses.values()) {
    if (c.status !== 'closed') {
      congressId = c.id;
      break;
    }
  }
  const out: FloorPlatform[] = [];
  for (const p of state.bulletin.platforms.values()) {
    if (p.filed !== null && platformCongress(state, p) === congressId)
      out.push({ id: p.id, title: p.title, signatories: p.signatories });
  }
  return out;
}
