import { sha256 } from '@noble/hashes/sha2.js';
import {
  DEMO_STATUTE_YAML,
  EMPTY_GOVERNANCE,
  actorRef,
  apportionmentOf,
  decideGovernance,
  evolveGovernance,
  type Actor,
  type GovernanceCommand,
  type GovernanceState,
} from '@plenum/domain';
import { utf8 } from '@plenum/kernel';
import { personName, type Country } from './names.ts';
import { seededRandom } from './random.ts';

/**
 * The demo organisation: an international federation with four national sections, their
 * branches, about two hundred members, the bodies a congress needs and the mandates its
 * first elections gave, all under the demo statute. It is fixed by a seed, so the demo and
 * the tests see the same people.
 */
export const DEMO_NAME = 'International Federation of Workers’ Councils';
export const DEMO_SEED = 1923;

interface SectionPlan {
  readonly country: Country;
  readonly id: string;
  readonly name: string;
  readonly branches: readonly { readonly id: string; readonly name: string; readonly members: number }[];
}

const SECTIONS: readonly SectionPlan[] = [
  {
    country: 'BR',
    id: 'sec-br',
    name: 'Seção Brasileira',
    branches: [
      { id: 'br-sao-paulo', name: 'Núcleo São Paulo', members: 24 },
      { id: 'br-rio', name: 'Núcleo Rio de Janeiro', members: 18 },
      { id: 'br-porto-alegre', name: 'Núcleo Porto Alegre', members: 14 },
      { id: 'br-recife', name: 'Núcleo Recife', members: 12 },
    ],
  },
  {
    country: 'DE',
    id: 'sec-de',
    name: 'Sektion Deutschland',
    branches: [
      { id: 'de-berlin', name: 'Ortsgruppe Berlin', members: 19 },
      { id: 'de-hamburg', name: 'Ortsgruppe Hamburg', members: 13 },
      { id: 'de-leipzig', name: 'Ortsgruppe Leipzig', members: 11 },
    ],
  },
  {
    country: 'ES',
    id: 'sec-es',
    name: 'Sección Española',
    branches: [
      { id: 'es-madrid', name: 'Agrupación de Madrid', members: 17 },
      { id: 'es-barcelona', name: 'Agrupació de Barcelona', members: 15 },
      { id: 'es-sevilla', name: 'Agrupación de Sevilla', members: 12 },
    ],
  },
  {
    country: 'RU',
    id: 'sec-ru',
    name: 'Российская секция',
    branches: [
      { id: 'ru-moskva', name: 'Московская организация', members: 16 },
      { id: 'ru-spb', name: 'Петербургская организация', members: 15 },
      { id: 'ru-ekaterinburg', name: 'Екатеринбургская организация', members: 10 },
    ],
  },
];

/** A command and who gives it: the founders, then the bodies and members of the organisation. */
export interface DemoAction {
  readonly actor: Actor;
  readonly command: GovernanceCommand;
}

const FOUNDERS: Actor = { kind: 'founders' };
const body = (id: string): Actor => ({ kind: 'body', id });
const member = (id: string): Actor => ({ kind: 'member', id });

/** The day the founders adopt the statute and register the founding roll. */
export const DEMO_FOUNDED_ON = '2026-01-10';
const DELEGATES_ELECTED_ON = '2026-02-07';
const CONGRESS_ON = '2026-03-14';
const COMMITTEE_MEETS_ON = '2026-03-15';
const TENDENCY_ON = '2026-04-04';
/** The first congress: called by the founders on the founding day, it opens on CONGRESS_ON. */
export const FIRST_CONGRESS = 'congress-1';
/** The demo statute's eligibility for any mandate (Statute §6.2): days of membership. */
const ELIGIBILITY_DAYS = 180;
/** The committee and commission are elected from below each branch's two most senior members. */
const DELEGATES_PER_BRANCH = 2;
const COMMITTEE_SEATS = 15;
const COMMISSION_SEATS = 5;

/**
 * The actions that build the demo under the demo statute (DEMO_STATUTE_YAML), each accepted
 * by the rules engine in this order:
 * 1. the founders adopt the statute, found the federation, its sections and branches, form
 *    each branch's assembly, register the founding roll (members keep the date they joined,
 *    which voting rights and eligibility count from) and form the central committee, the
 *    control commission and the congress;
 * 2. the founders call the first congress (the roll freezes; 40 delegate seats are apportioned
 *    by Sainte-Laguë after one per branch); each branch assembly elects its delegates by STV
 *    from its members' ballots; the congress opens (ending the founders' period);
 * 3. the congress elects the central committee and the control commission (nobody sits on
 *    both: Statute §7.2) and the central committee elects its secretary;
 * 4. each branch assembly elects its secretary;
 * 5. a few members declare a tendency and others join it (tendencies may organise at any
 *    time under this statute, §10.1).
 */
export function demoOrganisationActions(seed: number = DEMO_SEED): DemoAction[] {
  const random = seededRandom(seed);
  const on = DEMO_FOUNDED_ON;
  const actions: DemoAction[] = [];
  const byFounders = (command: GovernanceCommand): void => {
    actions.push({ actor: FOUNDERS, command });
  };
  byFounders({ type: 'adoptStatute', text: DEMO_STATUTE_YAML, on });
  byFounders({
    type: 'foundUnit',
    unit: { id: 'federation', level: 'federation', name: DEMO_NAME, parentId: null },
    on,
  });
  const roll: { id: string; unitId: string; since: string }[] = [];
  let memberNumber = 0;
  for (const section of SECTIONS) {
    byFounders({
      type: 'foundUnit',
      unit: { id: section.id, level: 'section', name: section.name, parentId: 'federation' },
      on,
    });
    for (const branch of section.branches) {
      byFounders({
        type: 'foundUnit',
        unit: { id: branch.id, level: 'branch', name: branch.name, parentId: section.id },
        on,
      });
      byFounders({
        type: 'formBody',
        body: { id: assemblyOf(branch.id), kind: 'branch-assembly', name: branch.name, unitId: branch.id },
        on,
      });
      for (let i = 0; i < branch.members; i += 1) {
        memberNumber += 1;
        const name = personName(section.country, random);
        const id = memberId(memberNumber);
        const since = admissionDate(random.next());
        roll.push({ id, unitId: branch.id, since });
        byFounders({
          type: 'admitMember',
          member: { id, ...name, unitId: branch.id },
          applicationId: null,
          on,
          since,
          vote: null,
        });
      }
    }
  }
  for (const b of FEDERATION_BODIES) byFounders({ type: 'formBody', body: { ...b, unitId: 'federation' }, on });

  // Seniority decides who the demo elects: the longest-standing members (ties by id).
  const senior = (a: (typeof roll)[number], b: (typeof roll)[number]): number =>
    a.since === b.since ? a.id.localeCompare(b.id) : a.since < b.since ? -1 : 1;
  const byBranch = new Map<string, (typeof roll)[number][]>();
  for (const m of roll) byBranch.set(m.unitId, [...(byBranch.get(m.unitId) ?? []), m]);
  for (const members of byBranch.values()) members.sort(senior);

  // The founders call the first congress; the roll freezes that day and the statute's 26
  // delegate seats are apportioned among the branches (1 each, the rest by Sainte-Laguë).
  actions.push({
    actor: FOUNDERS,
    command: { type: 'callCongress', congressId: FIRST_CONGRESS, opensOn: CONGRESS_ON, on },
  });
  const called = decided(actions);
  const apportionment = apportionmentOf(called, FIRST_CONGRESS);
  // Each branch assembly elects its delegates by STV: its most senior eligible members stand,
  // one more than the seats, and every member ranks them (a seeded order, so the demo repeats).
  const eligibleFrom = fromDayNumberOf(DELEGATES_ELECTED_ON, -ELIGIBILITY_DAYS);
  for (const [branchId, members] of byBranch) {
    const seats = apportionment?.units.find((u) => u.unitId === branchId)?.seats ?? 0;
    if (seats === 0) continue;
    const candidates = members
      .filter((m) => m.since <= eligibleFrom)
      .slice(0, seats + 1)
      .map((m) => m.id);
    const ballots = new Map<string, { ranking: string[]; count: number }>();
    for (const _voter of members) {
      const ranking = shuffled(candidates, random);
      const key = ranking.join(' ');
      const ballot = ballots.get(key);
      ballots.set(key, { ranking, count: (ballot?.count ?? 0) + 1 });
    }
    actions.push({
      actor: body(assemblyOf(branchId)),
      command: {
        type: 'electDelegates',
        congressId: FIRST_CONGRESS,
        unitId: branchId,
        candidates,
        ballots: [...ballots.values()],
        mandateIds: Array.from({ length: seats }, (_, n) => `delegate-${branchId}-${n + 1}`),
        on: DELEGATES_ELECTED_ON,
      },
    });
  }
  actions.push({
    actor: body('congress'),
    command: { type: 'openCongress', congressId: FIRST_CONGRESS, on: CONGRESS_ON },
  });

  // The committee and the commission: the next most senior member of each branch in turn,
  // then the one after, until the seats are filled; the two never share a member (§7.2).
  const candidates: string[] = [];
  for (let rank = DELEGATES_PER_BRANCH; candidates.length < COMMITTEE_SEATS + COMMISSION_SEATS; rank += 1) {
    for (const members of byBranch.values()) {
      const m = members[rank];
      if (m !== undefined && candidates.length < COMMITTEE_SEATS + COMMISSION_SEATS) candidates.push(m.id);
    }
  }
  const committee = candidates.slice(0, COMMITTEE_SEATS);
  const commission = candidates.slice(COMMITTEE_SEATS);
  actions.push(
    {
      actor: body('congress'),
      command: {
        type: 'recordElection',
        bodyId: 'central-committee',
        office: null,
        elected: committee.map((memberId) => ({ mandateId: `cc-${memberId}`, memberId })),
        on: CONGRESS_ON,
      },
    },
    {
      actor: body('congress'),
      command: {
        type: 'recordElection',
        bodyId: 'control-commission',
        office: null,
        elected: commission.map((memberId) => ({ mandateId: `ccom-${memberId}`, memberId })),
        on: CONGRESS_ON,
      },
    },
    {
      actor: body('central-committee'),
      command: {
        type: 'recordElection',
        bodyId: 'central-committee',
        office: 'secretary',
        elected: [{ mandateId: 'secretary-1', memberId: committee[0] ?? '' }],
        on: COMMITTEE_MEETS_ON,
      },
    },
  );
  // The congress closed the day it elected them (before the committee met).
  actions.splice(actions.length - 1, 0, {
    actor: body('congress'),
    command: { type: 'closeCongress', congressId: FIRST_CONGRESS, on: CONGRESS_ON },
  });
  for (const [branchId, members] of byBranch) {
    const secretary = members[members.length > DELEGATES_PER_BRANCH ? DELEGATES_PER_BRANCH : 0]?.id ?? '';
    actions.push({
      actor: body(assemblyOf(branchId)),
      command: {
        type: 'recordElection',
        bodyId: assemblyOf(branchId),
        office: 'branch-secretary',
        elected: [{ mandateId: `secretary-${branchId}`, memberId: secretary }],
        on: COMMITTEE_MEETS_ON,
      },
    });
  }

  // A tendency: declared by a member of the first branch, joined by one member of each other branch.
  const branches = [...byBranch.values()];
  const founder = branches[0]?.at(-1)?.id ?? '';
  actions.push({
    actor: member(founder),
    command: {
      type: 'declareTendency',
      tendency: { id: 'tendency-councils', name: 'For Workers’ Councils' },
      on: TENDENCY_ON,
    },
  });
  for (const members of branches.slice(1, 6)) {
    const joiner = members.at(-1)?.id ?? '';
    actions.push({
      actor: member(joiner),
      command: { type: 'joinTendency', tendencyId: 'tendency-councils', on: TENDENCY_ON },
    });
  }
  return actions;
}

/**
 * The secret key (an Ed25519 seed) an actor of the demo signs with. It is derived from the
 * seed and the actor, so it is the same at every start and PUBLIC: anyone can sign as a demo
 * actor. That is fine for a demonstration and nothing else; real actors hold their own keys.
 */
export function demoActorSecret(actor: Actor, seed: number = DEMO_SEED): Uint8Array {
  return sha256(utf8(`plenum demo actor key v1\n${seed}\n${actorRef(actor)}`));
}

/** The federation's bodies; the congress last, since it ends the founders' period (Plenum governance.founders-period). */
const FEDERATION_BODIES = [
  { id: 'central-committee', kind: 'central-committee', name: 'Central Committee' },
  { id: 'control-commission', kind: 'control-commission', name: 'Control Commission' },
  { id: 'congress', kind: 'congress', name: 'Congress' },
] as const;

function assemblyOf(branchId: string): string {
  return `assembly-${branchId}`;
}

function memberId(n: number): string {
  return `m${String(n).padStart(4, '0')}`;
}

/** A date between 1 January 1995 and 31 December 2025, from a number in [0, 1): before the founding. */
function admissionDate(fraction: number): string {
  const start = Date.UTC(1995, 0, 1);
  const end = Date.UTC(2025, 11, 31);
  return new Date(start + Math.floor(fraction * (end - start))).toISOString().slice(0, 10);
}

/** The state the rules give after `actions` (the demo is built through them; a refusal is a bug here). */
function decided(actions: readonly DemoAction[]): GovernanceState {
  let state = EMPTY_GOVERNANCE;
  for (const { actor, command } of actions) {
    const result = decideGovernance(state, actor, command);
    if (!result.ok) throw new Error(`demo: ${command.type} refused: ${result.messageKey}`);
    state = evolveGovernance(state, result.value);
  }
  return state;
}

/** The day `days` after (or before, if negative) `date`, YYYY-MM-DD. */
function fromDayNumberOf(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function shuffled<T>(items: readonly T[], random: { next(): number }): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
