import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths } from './dates.ts';
import { decideGovernance, type GovActor, type GovernanceCommand, type VoteCount } from './decide.ts';
import { BRANCHES, body, demoGovernance, member, membersOf } from './scenario.ts';
import {
  EMPTY_GOVERNANCE,
  evolveGovernance,
  isMandateActive,
  membershipDays,
  type GovernanceEvent,
  type GovernanceState,
} from './state.ts';

/**
 * Random sequences of commands, by random actors, on random days, against the demo
 * organisation: whatever the rules accept, nobody ever holds a mandate they were ineligible
 * for when it began, no one ever sits on two incompatible bodies, no body has more seats
 * filled than the statute gives it, and the state rebuilt from the events equals the live one.
 */
const start = demoGovernance();
const PEOPLE = [...BRANCHES.flatMap((b) => membersOf(b)), 'n-1', 'n-2', 'n-3', 'n-4'];
const BODIES = ['asm-br-north', 'asm-br-south', 'cc', 'ccom', 'congress'];
const MANDATE_BODIES = ['cc', 'ccom', 'congress'];

const randomVote = fc
  .record({ present: fc.integer({ min: 0, max: 9 }), yes: fc.nat(9), no: fc.nat(9), abstain: fc.nat(9) })
  .map(({ present, yes, no, abstain }): VoteCount => ({
    present,
    yes: Math.min(yes, present),
    no: Math.min(no, Math.max(0, present - yes)),
    abstain: Math.min(abstain, Math.max(0, present - yes - no)),
  }));
/** Random counts, or a full and unanimous house (bodies here have at most 9 members). */
const vote = fc.oneof(
  randomVote,
  fc.integer({ min: 2, max: 9 }).map((n): VoteCount => ({ yes: n, no: 0, abstain: 0, present: n })),
);

const actor: fc.Arbitrary<GovActor> = fc.oneof(
  fc.constantFrom(...PEOPLE).map(member),
  fc.constantFrom(...BODIES).map(body),
  fc.constant<GovActor>({ kind: 'operator' }),
  fc.constant<GovActor>({ kind: 'founders' }),
);

/** A command shape; the day is filled in by the sequence so that days never go back. */
const command: fc.Arbitrary<(on: string, n: number) => GovernanceCommand> = fc.oneof(
  fc
    .record({ m: fc.constantFrom(...PEOPLE), b: fc.constantFrom(...MANDATE_BODIES) })
    .map(({ m, b }) => (on: string, n: number): GovernanceCommand => ({
      type: 'recordElection',
      bodyId: b,
      office: null,
      elected: [{ mandateId: `r-${n}`, memberId: m }],
      on,
    })),
  fc.constantFrom(...PEOPLE).map((m) => (on: string, n: number): GovernanceCommand => ({
    type: 'recordElection',
    bodyId: 'cc',
    office: 'secretary',
    elected: [{ mandateId: `s-${n}`, memberId: m }],
    on,
  })),
  fc
    .record({ b: fc.constantFrom(...BRANCHES), v: vote, id: fc.constantFrom('n-1', 'n-2', 'n-3', 'n-4') })
    .map(({ b, v, id }) => (on: string): GovernanceCommand => ({
      type: 'admitMember',
      member: { id, givenName: 'N', familyName: id, unitId: b },
      applicationId: null,
      on,
      vote: v,
    })),
  fc.constantFrom(...PEOPLE).map((m) => (on: string): GovernanceCommand => ({ type: 'resign', memberId: m, on })),
  fc
    .record({ m: fc.constantFrom(...PEOPLE), v: vote })
    .map(({ m, v }) => (on: string): GovernanceCommand => ({ type: 'readmitMember', memberId: m, on, vote: v })),
  fc
    .record({ m: fc.constantFrom(...PEOPLE), b: fc.constantFrom(...BRANCHES), v: vote })
    .map(({ m, b, v }) => (on: string): GovernanceCommand => ({
      type: 'transferMember',
      memberId: m,
      toUnitId: b,
      on,
      vote: v,
    })),
  fc
    .record({ m: fc.constantFrom(...PEOPLE), v: vote })
    .map(({ m, v }) => (on: string): GovernanceCommand => ({ type: 'lapseMembership', memberId: m, on, vote: v })),
  fc.nat(30).map((k) => (on: string): GovernanceCommand => ({ type: 'resignMandate', mandateId: `r-${k}`, on })),
  fc
    .oneof(
      fc.nat(30).map((k) => `r-${k}`),
      fc.constantFrom('cc-m-north-3', 'cc-m-south-3', 'ccom-m-north-5'),
    )
    .map((id) => (on: string): GovernanceCommand => ({ type: 'signRecall', mandateId: id, on })),
  fc
    .record({ k: fc.nat(30), v: vote })
    .map(({ k, v }) => (on: string): GovernanceCommand => ({ type: 'decideRecall', mandateId: `r-${k}`, on, vote: v })),
);

/** The actor the demo statute empowers for a command (the rules still check everything else). */
function competent(state: GovernanceState, c: GovernanceCommand): GovActor {
  const unitOf = (id: string): string => state.members.get(id)?.unitId ?? 'br-north';
  switch (c.type) {
    case 'resign':
      return member(c.memberId);
    case 'admitMember':
      return body(`asm-${c.member.unitId}`);
    case 'transferMember':
      return body(`asm-${c.toUnitId}`);
    case 'lapseMembership':
    case 'readmitMember':
      return body(`asm-${unitOf(c.memberId)}`);
    case 'recordElection':
      return c.bodyId === 'congress'
        ? body(`asm-${unitOf(c.elected[0]?.memberId ?? '')}`)
        : body(c.office === null ? 'congress' : 'cc');
    case 'decideRecall':
      return body('congress');
    case 'resignMandate':
      return member(state.mandates.get(c.mandateId)?.memberId ?? 'm-north-1');
    default:
      return member('m-north-1');
  }
}

interface Step {
  readonly actor: GovActor;
  readonly command: (on: string, n: number) => GovernanceCommand;
  readonly months: number;
  readonly self: boolean;
}

const sequence: fc.Arbitrary<Step[]> = fc.array(fc.record({ actor, command, months: fc.nat(7), self: fc.boolean() }), {
  minLength: 1,
  maxLength: 60,
});

function runRandom(steps: readonly Step[]): {
  states: { state: GovernanceState; on: string }[];
  events: GovernanceEvent[];
} {
  let state = start.state;
  let on = '2020-10-01';
  const events: GovernanceEvent[] = [...start.events];
  const states = [{ state, on }];
  steps.forEach((step, n) => {
    on = addMonths(on, step.months);
    const built = step.command(on, n);
    // Half the time the act is tried by the actor the statute empowers (else by a random one).
    const who = step.self ? competent(state, built) : step.actor;
    const result = decideGovernance(state, who, built);
    if (!result.ok) {
      expect(result.rule.clause.length).toBeGreaterThan(0);
      return;
    }
    events.push(...result.value);
    state = evolveGovernance(state, result.value);
    states.push({ state, on });
  });
  return { states, events };
}

describe('governance: properties over random command sequences', () => {
  it('nobody holds a mandate they were ineligible for when it began', () => {
    fc.assert(
      fc.property(sequence, (steps) => {
        // Each mandate is judged in the state of the act that began it: a membership that
        // ended later (even the same day) does not make its beginning wrong.
        const { states } = runRandom(steps);
        for (const [i, { state }] of states.entries()) {
          const before = states[i - 1]?.state.mandates;
          const days = state.statute!.eligibility.office.membershipDays;
          for (const m of state.mandates.values()) {
            if (before === undefined || before.has(m.id)) continue;
            const holder = state.members.get(m.memberId)!;
            expect(membershipDays(holder, m.startsOn), m.id).toBeGreaterThanOrEqual(days);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('an incompatibility is never violated, and no body has more seats filled than it has', () => {
    fc.assert(
      fc.property(sequence, (steps) => {
        for (const { state, on } of runRandom(steps).states) {
          const statute = state.statute!;
          const seats = new Map<string, string[]>();
          for (const m of state.mandates.values()) {
            if (!isMandateActive(m, on) || m.office !== null) continue;
            const kind = state.bodies.get(m.bodyId)!.kind;
            seats.set(m.memberId, [...(seats.get(m.memberId) ?? []), kind]);
          }
          for (const [who, kinds] of seats) {
            for (const rule of statute.incompatibilities) {
              expect(kinds.filter((k) => rule.bodies.includes(k)).length, `${who} on ${on}`).toBeLessThanOrEqual(1);
            }
          }
          for (const b of state.bodies.values()) {
            const limit = statute.bodies[b.kind]?.seats;
            if (limit === undefined) continue;
            const filled = [...state.mandates.values()].filter(
              (m) => m.bodyId === b.id && m.office === null && isMandateActive(m, on),
            ).length;
            expect(filled).toBeLessThanOrEqual(limit);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the state rebuilt from the record equals the live state', () => {
    fc.assert(
      fc.property(sequence, (steps) => {
        const { states, events } = runRandom(steps);
        expect(evolveGovernance(EMPTY_GOVERNANCE, events)).toEqual(states.at(-1)!.state);
      }),
      { numRuns: 100 },
    );
  });

  it('the random sequences do exercise the rules (not only refusals)', () => {
    const accepted = new Map<string, number>();
    for (const steps of fc.sample(sequence, { numRuns: 200, seed: 7 })) {
      for (const event of runRandom(steps).events.slice(start.events.length)) {
        accepted.set(event.type, (accepted.get(event.type) ?? 0) + 1);
      }
    }
    for (const type of [
      'mandate.began',
      'membership.admitted',
      'membership.resigned',
      'recall.signed',
      'mandate.ended',
    ]) {
      expect(accepted.get(type) ?? 0, type).toBeGreaterThan(0);
    }
  });
});
