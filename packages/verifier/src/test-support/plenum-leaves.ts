import { utf8, type Id } from '@plenum/kernel';
import {
  DEMO_STATUTE_YAML,
  EMPTY_GOVERNANCE,
  actorRef,
  bodyMembers,
  decideGovernance,
  evolveGovernance,
  isMandateActive,
  isMemberOn,
  type Actor,
  type ActorRef,
  type DomainEvent,
  type GovernanceCommand,
  type GovernanceState,
  type VoteCount,
} from '@plenum/domain';
import { DEMO_SEED, demoActorSecret, demoOrganisationActions } from '@plenum/demo';
import {
  leafPayload,
  localEventSigner,
  nobleEd25519,
  signEvent,
  type EventSigner,
  type SignatureScheme,
} from '@plenum/record';

/** The days of the acts after the demo (the demo's last acts are dated 2026-04-04). */
const CONGRESS_RECALLED_ON = '2026-05-02';
const BRANCHES_MEET_ON = '2026-05-16';
const APPLICATIONS_ON = '2026-06-06';

/**
 * `count` leaves of a Plenum record for `origin`, as the app writes them: every event comes
 * from the real rules engine (decideGovernance, then evolveGovernance), signed by its actor's
 * demo key. First the demo organisation (demoOrganisationActions), then a few months of its
 * life that bring every other event type into the record (a statute amendment, an appointment,
 * an application and admission, a transfer, resignations, a recall, a lapse, a readmission,
 * the pre-congress discussion), then as many applications and admissions as `count` needs.
 * Another `seed` gives another organisation (other people, other keys): another record from
 * its first entry on.
 */
export async function signedPlenumEntries(
  origin: string,
  count: number,
  seed: number = DEMO_SEED,
): Promise<Uint8Array[]> {
  const done = decidedPlenumEvents(count, seed);
  const signers = new Map<ActorRef, EventSigner>();
  const entries: Uint8Array[] = [];
  for (const { actor, event } of done) {
    const ref = actorRef(actor);
    let signer = signers.get(ref);
    if (signer === undefined) {
      signer = localEventSigner(actor, demoActorSecret(actor, seed), nobleEd25519);
      signers.set(ref, signer);
    }
    entries.push(utf8(leafPayload(await signEvent(origin, signer, event))));
  }
  return entries;
}

/** The first `count` events of the record signedPlenumEntries builds, with who did each. */
export function decidedPlenumEvents(count: number, seed: number = DEMO_SEED): { actor: Actor; event: DomainEvent }[] {
  let state: GovernanceState = EMPTY_GOVERNANCE;
  const done: { actor: Actor; event: DomainEvent }[] = [];
  const act = (actor: Actor, command: GovernanceCommand): void => {
    const result = decideGovernance(state, actor, command);
    if (!result.ok) {
      throw new Error(
        `${actorRef(actor)} ${command.type} refused (${result.rule.source} ${result.rule.clause}): ${result.messageKey} ${JSON.stringify(result.params)}`,
      );
    }
    state = evolveGovernance(state, result.value);
    for (const event of result.value) done.push({ actor, event });
  };
  const steps: (() => void)[] = [
    ...demoOrganisationActions(seed).map(
      ({ actor, command }) =>
        () =>
          act(actor, command),
    ),
    ...laterLife(() => state, act),
  ];
  for (const step of steps) {
    if (done.length >= count) break;
    step();
  }
  // Then applicants join the first branch, each applying and being admitted by its assembly.
  for (let i = 1; done.length < count; i += 1) {
    const branch = firstBranch(state);
    const person = { id: `applicant-${i}`, givenName: 'Rosa', familyName: `Nr ${i}`, unitId: branch };
    act({ kind: 'applicant', id: person.id }, { type: 'applyForMembership', application: person, on: APPLICATIONS_ON });
    const assembly = `assembly-${branch}`;
    act(body(assembly), {
      type: 'admitMember',
      member: person,
      applicationId: person.id,
      on: APPLICATIONS_ON,
      vote: carried(state, assembly, APPLICATIONS_ON),
    });
  }
  return done.slice(0, count);
}

/**
 * The demo organisation's next months, as steps run in order (each reads the state the
 * previous ones left): who acts is looked up in the state, so any seed's demo works.
 */
function laterLife(
  state: () => GovernanceState,
  act: (actor: Actor, command: GovernanceCommand) => void,
): (() => void)[] {
  const on = CONGRESS_RECALLED_ON;
  const later = BRANCHES_MEET_ON;
  const branches = (): Id[] => [...state().units.values()].filter((u) => u.level === 'branch').map((u) => u.id);
  const branch = (n: number): Id => branches()[n] ?? firstBranch(state());
  const seats = (bodyId: Id): Id[] =>
    [...state().mandates.values()]
      .filter((m) => m.bodyId === bodyId && m.office === null && isMandateActive(m, on))
      .map((m) => m.memberId);
  const officeHolder = (bodyId: Id, office: string): Id | undefined =>
    [...state().mandates.values()].find((m) => m.bodyId === bodyId && m.office === office && isMandateActive(m, on))
      ?.memberId;
  /** A member of the branch without any mandate or tendency: one whose leaving changes nothing else. */
  const plainMember = (unitId: Id, day: string): Id => {
    const s = state();
    const busy = new Set([
      ...[...s.mandates.values()].filter((m) => isMandateActive(m, day)).map((m) => m.memberId),
      ...[...s.tendencies.values()].flatMap((t) => t.members),
    ]);
    const found = [...s.members.values()]
      .filter((m) => m.unitId === unitId && isMemberOn(m, day) && !busy.has(m.id))
      .map((m) => m.id)
      .sort()[0];
    if (found === undefined) throw new Error(`branch ${unitId} has no member without a mandate`);
    return found;
  };
  const committee = body('central-committee');
  const congress = body('congress');
  let treasurer: Id = '';
  let recalled: Id = '';
  let transferred: Id = '';
  let resigning: Id = '';
  return [
    () => act(committee, { type: 'openDiscussion', on }),
    () => act(congress, { type: 'amendStatute', text: AMENDED_STATUTE, on, vote: carried(state(), 'congress', on) }),
    () => act(committee, { type: 'closeDiscussion', on }),
    () => {
      const secretary = officeHolder('central-committee', 'secretary');
      treasurer = seats('central-committee').find((id) => id !== secretary) ?? '';
      act(committee, {
        type: 'appoint',
        bodyId: 'central-committee',
        office: 'treasurer',
        mandateId: 'treasurer-1',
        memberId: treasurer,
        on,
        vote: carried(state(), 'central-committee', on),
      });
    },
    // A recall petition against a committee member the congress elected: a quarter of the
    // delegates sign it; the congress votes and the recall fails (recorded all the same).
    () => {
      recalled =
        seats('central-committee').find(
          (id) => id !== treasurer && id !== officeHolder('central-committee', 'secretary'),
        ) ?? '';
    },
    ...[0, 1, 2, 3, 4, 5, 6].map((n) => () => {
      const delegate = seats('congress')[n] ?? '';
      act(member(delegate), { type: 'signRecall', mandateId: `cc-${recalled}`, on });
    }),
    () => {
      const n = votersOf(state(), 'congress', on);
      act(congress, {
        type: 'decideRecall',
        mandateId: `cc-${recalled}`,
        on,
        vote: { yes: 5, no: n - 8, abstain: 2, present: n - 1 },
      });
    },
    () => {
      const holder = officeHolder(`assembly-${branch(2)}`, 'branch-secretary') ?? '';
      act(member(holder), { type: 'resignMandate', mandateId: `secretary-${branch(2)}`, on });
    },
    () => {
      transferred = plainMember(branch(1), on);
      const receiving = `assembly-${branch(0)}`;
      act(body(receiving), {
        type: 'transferMember',
        memberId: transferred,
        toUnitId: branch(0),
        on,
        vote: carried(state(), receiving, on),
      });
    },
    () => {
      resigning = plainMember(branch(3), later);
      act(member(resigning), { type: 'resign', memberId: resigning, on: later });
    },
    () => {
      const assembly = `assembly-${branch(3)}`;
      act(body(assembly), {
        type: 'readmitMember',
        memberId: resigning,
        on: later,
        vote: carried(state(), assembly, later),
      });
    },
    () => {
      const assembly = `assembly-${branch(4)}`;
      const lapsing = plainMember(branch(4), later);
      act(body(assembly), {
        type: 'lapseMembership',
        memberId: lapsing,
        on: later,
        vote: carried(state(), assembly, later),
      });
    },
  ];
}

/** The demo statute, amended by the congress: version 2, with a treasurer the committee appoints. */
const AMENDED_STATUTE = amendedStatute();

function amendedStatute(): string {
  const text = DEMO_STATUTE_YAML.replace('\nversion: 1\n', '\nversion: 2\n').replace(
    '\nmembership:\n',
    [
      '  treasurer:',
      '    clause: "6.5"',
      '    body: central-committee',
      '    chosen-by: central-committee',
      '    how: appointment',
      '    term-months: 24',
      '    majority: absolute',
      '',
      'membership:',
      '',
    ].join('\n'),
  );
  if (!text.includes('version: 2') || !text.includes('treasurer:'))
    throw new Error('the demo statute changed its form');
  return text;
}

/** A vote that carries under any of the demo statute's majorities: all but one present, three short of unanimity. */
function carried(state: GovernanceState, bodyId: Id, on: string): VoteCount {
  const members = votersOf(state, bodyId, on);
  return { yes: members - 3, no: 1, abstain: 1, present: members - 1 };
}

/** How many members of a body have a vote on a day. */
function votersOf(state: GovernanceState, bodyId: Id, on: string): number {
  const found = state.bodies.get(bodyId);
  if (found === undefined) throw new Error(`no body ${bodyId}`);
  return bodyMembers(state, found, on).length;
}

function firstBranch(state: GovernanceState): Id {
  const branch = [...state.units.values()].find((unit) => unit.level === 'branch');
  if (branch === undefined) throw new Error('the demo has no branch');
  return branch.id;
}

function body(id: Id): Actor {
  return { kind: 'body', id };
}

function member(id: Id): Actor {
  return { kind: 'member', id };
}

/**
 * A signature scheme that remembers each verification it made: Ed25519 verification is a
 * pure function, so the answers are the same; tests that verify the same leaves hundreds of
 * times (property tests of the tiles) stay fast while every distinct leaf is really checked.
 */
export function rememberingScheme(scheme: SignatureScheme = nobleEd25519): SignatureScheme {
  const seen = new Map<string, boolean>();
  const text = (bytes: Uint8Array): string => {
    let out = '';
    for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode(...bytes.subarray(i, i + 4096));
    return out;
  };
  return {
    publicKey: (secret) => scheme.publicKey(secret),
    sign: (message, secret) => scheme.sign(message, secret),
    verify: (signature, message, publicKey) => {
      const id = `${text(signature)}${text(publicKey)}${text(message)}`;
      let valid = seen.get(id);
      if (valid === undefined) {
        valid = scheme.verify(signature, message, publicKey);
        seen.set(id, valid);
      }
      return valid;
    },
  };
}
