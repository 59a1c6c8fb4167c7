import { utf8, type Id } from '@plenum/kernel';
import {
  DEMO_STATUTE_YAML,
  EMPTY_GOVERNANCE,
  actorRef,
  apportionmentOf,
  bodyMembers,
  caseOf,
  credentialsOf,
  decideGovernance,
  evolveGovernance,
  isMandateActive,
  isMemberOn,
  membershipDays,
  platformOf,
  rollOf,
  secretBallotOf,
  votingMembers,
  type Actor,
  type ActorRef,
  type DomainEvent,
  type GovernanceCommand,
  type GovernanceState,
  type VoteCount,
  type VoteInput,
} from '@plenum/domain';
import { DEMO_SEED, demoActorSecret, demoOrganisationActions } from '@plenum/demo';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  credentialSecret,
  encryptedTally,
  generatePrivateCredential,
  group,
  hashJson,
  lastBallots,
  makeBallot,
  makePartialDecryption,
  parseElection,
  parseEncryptedTally,
  pedersenDecryptionKey,
  pedersenStep1,
  pedersenStep3,
  pedersenStep4,
  pedersenStep5,
  publicCredential,
  readBallot,
  writeEncryptedTally,
  writePartialDecryption,
  type Election,
} from '@plenum/crypto';
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
/** The second congress's year: the days of its acts, in order (the engine refuses a day earlier than the last). */
const PETITION_ON = '2026-05-23';
const SECOND_CALLED_ON = '2026-05-30';
const PLATFORM_ON = '2026-06-01';
const PLATFORM_AMENDED_ON = '2026-06-02';
const LETTER_ON = '2026-06-03';
const REPLY_ON = '2026-06-06';
const HEARING_ON = '2026-06-13';
const DELEGATES_ON = '2026-06-20';
const APPEAL_DECIDED_ON = '2026-06-27';
const MOTIONS_ON = '2026-07-04';
const PENALTY_ON = '2026-07-28';
/** The opening the call sets, and the one the committee's vote moves it to (the congress opens then). */
const SECOND_OPENS_ON = '2026-08-01';
const SECOND_POSTPONED_TO = '2026-08-15';
const SECOND_CLOSES_ON = '2026-08-16';
const BALLOT_ON = '2026-08-20';
const APPLICATIONS_ON = '2026-09-05';
/** The second congress, and its first day's meeting. */
const SECOND_CONGRESS = 'congress-2';
const MEETING = 'congress-2-day-1';

/**
 * `count` leaves of a Plenum record for `origin`, as the app writes them: every event comes
 * from the real rules engine (decideGovernance, then evolveGovernance), signed by its actor's
 * demo key. First the demo organisation (demoOrganisationActions), then a few months of its
 * life that bring every other event type into the record (a statute amendment, an appointment,
 * a transfer, resignations, a recall, a lapse, a readmission, the pre-congress discussion; then
 * the second congress's year: a petition, the call, the bulletin, a platform filed and amended,
 * a letter, a postponement, the delegates' elections, motions with amendments and a composite,
 * a disciplinary case through its appeal, the congress's meeting and its closing), then as many
 * applications and admissions as `count` needs.
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
    ...secondCongress(() => state, act),
    ...secretBallot(() => state, act),
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
  const officeHolder = (bodyId: Id, office: string): Id | undefined => officeHolderOn(state(), bodyId, office, on);
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
  let transferred: Id = '';
  let resigning: Id = '';
  return [
    () => act(committee, { type: 'openDiscussion', on }),
    () => act(committee, { type: 'closeDiscussion', on }),
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

/**
 * The second congress's year, as steps run in order after laterLife: a member signs the petition
 * for an extraordinary congress and a branch assembly resolves to join it (far from the share:
 * a petition is refused once a congress is called); the committee calls the second congress
 * (the roll freezes, the seats are apportioned) and opens the pre-congress discussion; a member
 * publishes a contribution, members draft and sign a platform until it is filed and circulated,
 * and its signatories amend it; a member writes to the committee; the committee postpones the
 * opening by a vote; every branch elects its delegates by STV; a disciplinary case on conduct
 * goes from the charges through the reply, the hearing, the decision and the appeal to the
 * penalty; members and an assembly move motions to the congress, one withdrawn, amended by
 * delegates; the congress opens, holds its first meeting (agenda changed, speakers, a point of
 * order, a ruling challenged, the report put to the vote), decides the amendments and motions,
 * agrees a composite, and closes.
 */
function secondCongress(
  state: () => GovernanceState,
  act: (actor: Actor, command: GovernanceCommand) => void,
): (() => void)[] {
  const branches = (): Id[] => [...state().units.values()].filter((u) => u.level === 'branch').map((u) => u.id);
  const branch = (n: number): Id => branches()[n % branches().length] ?? firstBranch(state());
  const assembly = (n: number): Id => `assembly-${branch(n)}`;
  /** Members with a vote that day, sorted, without those given. */
  const voters = (day: string, without: readonly Id[] = []): Id[] =>
    votingMembers(state(), day)
      .filter((id) => !without.includes(id))
      .sort();
  /** A member of a branch with a vote and no mandate or tendency that day. */
  const plain = (n: number, day: string): Id => {
    const s = state();
    const busy = new Set([
      ...[...s.mandates.values()].filter((m) => isMandateActive(m, day)).map((m) => m.memberId),
      ...[...s.tendencies.values()].flatMap((t) => t.members),
    ]);
    const found = voters(day).find((id) => s.members.get(id)?.unitId === branch(n) && !busy.has(id));
    if (found === undefined) throw new Error(`branch ${branch(n)} has no member without a mandate`);
    return found;
  };
  /** The delegates of the second congress (its credentials once it opened, else its elections' mandates). */
  const delegates = (): Id[] => {
    const credentials = credentialsOf(state(), SECOND_CONGRESS);
    if (credentials !== undefined) return credentials.map((c) => c.memberId);
    return [...state().mandates.values()]
      .filter((m) => m.bodyId === 'congress' && m.id.startsWith(`delegate-${SECOND_CONGRESS}-`))
      .map((m) => m.memberId);
  };
  const delegate = (n: number): Id => {
    const found = delegates()[n];
    if (found === undefined) throw new Error(`the second congress has no delegate ${n}`);
    return found;
  };
  const show = (bodyId: Id, day: string): VoteInput => ({
    method: 'show-of-hands',
    count: carried(state(), bodyId, day),
  });
  const secret = (bodyId: Id, day: string): VoteInput => ({
    method: 'secret-ballot',
    count: carried(state(), bodyId, day),
  });
  const lost = (bodyId: Id, day: string): VoteInput => {
    const n = votersOf(state(), bodyId, day);
    return { method: 'show-of-hands', count: { yes: 1, no: n - 3, abstain: 1, present: n - 1 } };
  };
  const committee = body('central-committee');
  const congress = body('congress');
  const floor = (at: string) => ({ meetingId: MEETING, on: SECOND_POSTPONED_TO, at }) as const;
  let platformDrafter: Id = '';
  let accused: Id = '';
  let competent: Id = '';
  let councilsMover: Id = '';
  let papersMover: Id = '';
  let chair: Id = '';
  let reporter: Id = '';
  return [
    // The petition for an extraordinary congress: one signature, one branch's resolution.
    () => act(member(plain(0, PETITION_ON)), { type: 'petitionForCongress', vote: null, on: PETITION_ON }),
    () =>
      act(body(assembly(1)), {
        type: 'petitionForCongress',
        vote: carried(state(), assembly(1), PETITION_ON),
        on: PETITION_ON,
      }),
    // The committee calls the second congress and opens the discussion before it.
    () =>
      act(committee, {
        type: 'callCongress',
        congressId: SECOND_CONGRESS,
        opensOn: SECOND_OPENS_ON,
        on: SECOND_CALLED_ON,
      }),
    () => act(committee, { type: 'openDiscussion', on: SECOND_CALLED_ON }),
    // Charges on conduct (the statute protects opinions: no item of the discussion may be a ground).
    () => {
      accused = plain(5, SECOND_CALLED_ON);
      act(member(plain(6, SECOND_CALLED_ON)), {
        type: 'bringCharges',
        caseId: 'case-dues',
        accusedId: accused,
        charges: { kind: 'text', text: 'Kept the branch’s dues for three months without accounting for them.' },
        grounds: [
          {
            kind: 'conduct',
            description: { kind: 'text', text: 'The dues collected from January to March were not handed over.' },
          },
        ],
        on: SECOND_CALLED_ON,
      });
      competent = caseOf(state(), 'case-dues')?.bodyId ?? '';
    },
    () =>
      act(member(plain(2, PLATFORM_ON)), {
        type: 'publishContribution',
        documentId: 'on-the-congress',
        title: 'What the congress should discuss',
        text: 'The branches should report on their work.\nThe congress should discuss the press.',
        on: PLATFORM_ON,
      }),
    // A platform: drafted, then signed until the statute's share files and circulates it.
    () => {
      platformDrafter = plain(3, PLATFORM_ON);
      act(member(platformDrafter), {
        type: 'draftPlatform',
        platformId: 'platform-councils',
        title: 'Platform for the Councils',
        text: 'All power to the councils.\nEvery delegate recallable at any time.',
        on: PLATFORM_ON,
      });
      for (const signer of voters(PLATFORM_ON, [platformDrafter])) {
        if (platformOf(state(), 'platform-councils')?.filed !== null) break;
        act(member(signer), { type: 'signPlatform', platformId: 'platform-councils', on: PLATFORM_ON });
      }
    },
    // Its signatories amend it: the drafter proposes, others approve until a majority of them has.
    () => {
      act(member(platformDrafter), {
        type: 'proposePlatformAmendment',
        platformId: 'platform-councils',
        amendmentId: 'platform-councils-1',
        text: 'All power to the councils.\nEvery delegate recallable at any time.\nNo official paid more than a worker.',
        on: PLATFORM_AMENDED_ON,
      });
      const signatories = platformOf(state(), 'platform-councils')?.signatories ?? [];
      for (const signer of signatories.filter((id) => id !== platformDrafter)) {
        if (platformOf(state(), 'platform-councils')?.version !== 1) break;
        act(member(signer), {
          type: 'approvePlatformAmendment',
          amendmentId: 'platform-councils-1',
          on: PLATFORM_AMENDED_ON,
        });
      }
    },
    () =>
      act(member(plain(4, LETTER_ON)), {
        type: 'sendLetter',
        letterId: 'letter-to-the-committee',
        toBodyId: 'central-committee',
        title: 'On the press of the federation',
        text: 'The bulletin should reach every member in their own language.',
        on: LETTER_ON,
      }),
    // The accused replies; the competent assembly sets the hearing with the statute's notice.
    () =>
      act(member(accused), {
        type: 'replyToCharges',
        caseId: 'case-dues',
        reply: { kind: 'text', text: 'The dues were handed over in April, with the accounts.' },
        on: REPLY_ON,
      }),
    () => act(body(competent), { type: 'scheduleHearing', caseId: 'case-dues', hearingOn: HEARING_ON, on: REPLY_ON }),
    () => act(body(competent), { type: 'holdHearing', caseId: 'case-dues', accusedPresent: true, on: HEARING_ON }),
    () =>
      act(body(competent), {
        type: 'decideCase',
        caseId: 'case-dues',
        penalty: 'warning',
        vote: secret(competent, HEARING_ON),
        on: HEARING_ON,
      }),
    // The committee votes to open the congress two weeks later.
    () =>
      act(committee, {
        type: 'postponeCongress',
        congressId: SECOND_CONGRESS,
        opensOn: SECOND_POSTPONED_TO,
        vote: show('central-committee', HEARING_ON),
        on: HEARING_ON,
      }),
    () => act(member(accused), { type: 'appealDecision', caseId: 'case-dues', on: DELEGATES_ON }),
    // Every branch elects its delegates by STV from the frozen roll: its eligible members by id,
    // one more than its seats, ranked in two orders.
    () => {
      const s = state();
      const eligibleDays = s.statute?.eligibility.office.membershipDays ?? 0;
      const roll = rollOf(s, SECOND_CONGRESS) ?? [];
      for (const unit of apportionmentOf(s, SECOND_CONGRESS)?.units ?? []) {
        if (unit.seats === 0) continue;
        const onRoll = roll.filter((e) => e.unitId === unit.unitId).map((e) => e.memberId);
        const candidates = onRoll
          .filter((id) => {
            const m = s.members.get(id);
            return m !== undefined && isMemberOn(m, DELEGATES_ON) && membershipDays(m, DELEGATES_ON) >= eligibleDays;
          })
          .slice(0, unit.seats + 1);
        const half = Math.ceil(onRoll.length / 2);
        const ballots = [
          { ranking: candidates, count: half },
          ...(onRoll.length > half ? [{ ranking: [...candidates].reverse(), count: onRoll.length - half }] : []),
        ];
        act(body(`assembly-${unit.unitId}`), {
          type: 'electDelegates',
          congressId: SECOND_CONGRESS,
          unitId: unit.unitId,
          candidates,
          ballots,
          mandateIds: Array.from(
            { length: unit.seats },
            (_, n) => `delegate-${SECOND_CONGRESS}-${unit.unitId}-${n + 1}`,
          ),
          on: DELEGATES_ON,
        });
      }
    },
    () =>
      act(body('control-commission'), {
        type: 'decideAppeal',
        caseId: 'case-dues',
        vote: secret('control-commission', APPEAL_DECIDED_ON),
        on: APPEAL_DECIDED_ON,
      }),
    // Motions to the congress: two by members with their co-signers, one by an assembly's vote,
    // one drafted and withdrawn; delegates amend the first, one amendment overlapping the other.
    () => {
      councilsMover = plain(7, MOTIONS_ON);
      act(member(councilsMover), {
        type: 'draftMotion',
        motionId: 'motion-councils',
        toBodyId: 'congress',
        title: 'On workers’ councils',
        text: 'The congress resolves:\n1. that councils be elected in every workplace;\n2. that their delegates be recallable.',
        on: MOTIONS_ON,
      });
      for (const cosigner of voters(MOTIONS_ON, [councilsMover]).slice(0, 4)) {
        act(member(cosigner), { type: 'cosignMotion', motionId: 'motion-councils', on: MOTIONS_ON });
      }
    },
    () => {
      papersMover = plain(8, MOTIONS_ON);
      act(member(papersMover), {
        type: 'draftMotion',
        motionId: 'motion-papers',
        toBodyId: 'congress',
        title: 'On the papers of the sections',
        text: 'The congress resolves that every section publish a paper.',
        on: MOTIONS_ON,
      });
      for (const cosigner of voters(MOTIONS_ON, [papersMover]).slice(-4)) {
        act(member(cosigner), { type: 'cosignMotion', motionId: 'motion-papers', on: MOTIONS_ON });
      }
    },
    () =>
      act(body(assembly(2)), {
        type: 'submitMotion',
        motionId: 'motion-press',
        toBodyId: 'congress',
        title: 'On the press',
        text: 'The congress resolves that the bulletin be free to every member.',
        vote: carried(state(), assembly(2), MOTIONS_ON),
        on: MOTIONS_ON,
      }),
    () => {
      const mover = plain(9, MOTIONS_ON);
      act(member(mover), {
        type: 'draftMotion',
        motionId: 'motion-dues',
        toBodyId: 'congress',
        title: 'On dues',
        text: 'The congress resolves that dues be halved.',
        on: MOTIONS_ON,
      });
      act(member(mover), { type: 'withdrawMotion', motionId: 'motion-dues', on: MOTIONS_ON });
    },
    () =>
      act(member(delegate(0)), {
        type: 'amendMotion',
        amendmentId: 'amendment-recallable',
        motionId: 'motion-councils',
        target: { kind: 'motion' },
        fromLine: 3,
        toLine: 3,
        replacement: '2. that their delegates be recallable at any time.',
        vote: null,
        on: MOTIONS_ON,
      }),
    () =>
      act(member(delegate(1)), {
        type: 'amendMotion',
        amendmentId: 'amendment-appointed',
        motionId: 'motion-councils',
        target: { kind: 'motion' },
        fromLine: 2,
        toLine: 3,
        replacement: '1. that councils be appointed by the committee.',
        vote: null,
        on: MOTIONS_ON,
      }),
    // A delegate signs the platform late: a signatory may give its co-report at the congress.
    () => {
      const signatories = platformOf(state(), 'platform-councils')?.signatories ?? [];
      reporter = delegates().find((id, n) => n > 8 && !signatories.includes(id)) ?? '';
      act(member(reporter), { type: 'signPlatform', platformId: 'platform-councils', on: MOTIONS_ON });
    },
    // No appeal lodged to the congress in time: the warning takes effect.
    () => act(body(competent), { type: 'enforcePenalty', caseId: 'case-dues', on: PENALTY_ON }),
    // The congress opens on the day the committee's vote set, and holds its first meeting.
    () => act(congress, { type: 'openCongress', congressId: SECOND_CONGRESS, on: SECOND_POSTPONED_TO }),
    ...congressBusiness(state, act, SECOND_POSTPONED_TO),
    () => {
      chair = delegate(3);
      act(congress, {
        type: 'openMeeting',
        ...floor('09:00'),
        bodyId: 'congress',
        chairId: chair,
        agenda: [
          { itemId: 'report', title: 'Report of the Central Committee' },
          { itemId: 'motions', title: 'Motions' },
        ],
      });
    },
    () =>
      act(congress, {
        type: 'changeAgenda',
        ...floor('09:02'),
        agenda: [
          { itemId: 'report', title: 'Report of the Central Committee' },
          { itemId: 'co-report-1', title: 'Platform for the Councils' },
          { itemId: 'motions', title: 'Motions' },
          { itemId: 'elections', title: 'Elections' },
        ],
        vote: show('congress', SECOND_POSTPONED_TO),
      }),
    () => {
      const ask = (who: Id, side: 'for' | 'against', at: string): void =>
        act(member(who), { type: 'requestToSpeak', ...floor(at), itemId: 'report', side, platformId: null });
      ask(delegate(4), 'for', '09:03');
      ask(delegate(5), 'against', '09:04');
      ask(delegate(6), 'for', '09:05');
      act(member(delegate(6)), { type: 'withdrawFromList', ...floor('09:06'), itemId: 'report' });
    },
    () => {
      act(member(chair), { type: 'callSpeaker', ...floor('09:10'), itemId: 'report', memberId: delegate(4) });
      act(member(delegate(4)), { type: 'endSpeech', ...floor('09:14') });
    },
    // A point of order, the chair's ruling on it, a challenge the congress does not carry.
    () => {
      act(member(delegate(7)), {
        type: 'raisePointOfOrder',
        pointId: 'point-1',
        ...floor('09:15'),
        text: 'The speaker should have been called from the list of the against side.',
      });
      act(member(chair), {
        type: 'giveRuling',
        rulingId: 'ruling-1',
        ...floor('09:16'),
        pointId: 'point-1',
        decision: 'The list alternates from the first speech on: the point is not well taken.',
      });
      act(member(delegate(8)), { type: 'challengeRuling', rulingId: 'ruling-1', on: SECOND_POSTPONED_TO, at: '09:17' });
      act(congress, {
        type: 'decideChallenge',
        rulingId: 'ruling-1',
        vote: lost('congress', SECOND_POSTPONED_TO),
        on: SECOND_POSTPONED_TO,
        at: '09:20',
      });
    },
    () => {
      act(member(chair), { type: 'callSpeaker', ...floor('09:21'), itemId: 'report', memberId: delegate(5) });
      act(member(chair), { type: 'endSpeech', ...floor('09:26') });
      act(member(chair), { type: 'closeDebate', ...floor('09:27'), itemId: 'report' });
      act(congress, {
        type: 'takeVote',
        ...floor('09:30'),
        itemId: 'report',
        voteId: 'vote-report',
        question: 'Does the congress approve the report of the Central Committee?',
        majority: 'simple',
        vote: show('congress', SECOND_POSTPONED_TO),
      });
    },
    // The platform's co-report, by the delegate who signed it.
    () => {
      act(member(reporter), {
        type: 'requestToSpeak',
        ...floor('09:31'),
        itemId: 'co-report-1',
        side: 'for',
        platformId: 'platform-councils',
      });
      act(member(chair), { type: 'callSpeaker', ...floor('09:32'), itemId: 'co-report-1', memberId: reporter });
      act(member(reporter), { type: 'endSpeech', ...floor('09:50') });
      for (const [itemId, at] of [
        ['co-report-1', '09:51'],
        ['motions', '09:52'],
        ['elections', '09:53'],
      ] as const) {
        act(member(chair), { type: 'closeDebate', ...floor(at), itemId });
      }
      act(member(chair), { type: 'closeMeeting', ...floor('09:55'), vote: null });
    },
    // The congress decides: the first amendment carries and the other, overlapping it, falls;
    // the amended motion carries; the press and papers motions are composited with their movers' consent.
    () =>
      act(congress, {
        type: 'decideAmendment',
        amendmentId: 'amendment-recallable',
        vote: show('congress', SECOND_POSTPONED_TO),
        on: SECOND_POSTPONED_TO,
      }),
    () =>
      act(congress, {
        type: 'decideMotion',
        motionId: 'motion-councils',
        vote: show('congress', SECOND_POSTPONED_TO),
        on: SECOND_POSTPONED_TO,
      }),
    () => {
      act(congress, {
        type: 'proposeComposite',
        compositeId: 'composite-press',
        motionIds: ['motion-press', 'motion-papers'],
        title: 'On the press and the papers',
        text: 'The congress resolves that the bulletin be free to every member\nand that every section publish a paper.',
        on: SECOND_POSTPONED_TO,
      });
      act(body(assembly(2)), { type: 'consentToComposite', compositeId: 'composite-press', on: SECOND_POSTPONED_TO });
      act(member(papersMover), { type: 'consentToComposite', compositeId: 'composite-press', on: SECOND_POSTPONED_TO });
      act(congress, {
        type: 'decideMotion',
        motionId: 'composite-press',
        vote: show('congress', SECOND_POSTPONED_TO),
        on: SECOND_POSTPONED_TO,
      });
    },
    () => act(congress, { type: 'closeCongress', congressId: SECOND_CONGRESS, on: SECOND_CLOSES_ON }),
  ];
}

/**
 * The business of the congress in session (it acts only then, Statute §5.2), on day `on`: it
 * amends the statute, the committee appoints the treasurer the amendment created, and a recall
 * petitioned by a quarter of the delegates against a committee member is voted down.
 */
function congressBusiness(
  state: () => GovernanceState,
  act: (actor: Actor, command: GovernanceCommand) => void,
  on: string,
): (() => void)[] {
  const officeHolder = (bodyId: Id, office: string): Id | undefined => officeHolderOn(state(), bodyId, office, on);
  const seats = (bodyId: Id): Id[] => seatsOn(state(), bodyId, on);
  const committee = body('central-committee');
  const congress = body('congress');
  let treasurer: Id = '';
  let recalled: Id = '';
  return [
    () => act(congress, { type: 'amendStatute', text: AMENDED_STATUTE, on, vote: carried(state(), 'congress', on) }),
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
    // delegates sign it (Statute §9.1); the congress votes and the recall fails (recorded all the same).
    () => {
      recalled =
        seats('central-committee').find(
          (id) => id !== treasurer && id !== officeHolder('central-committee', 'secretary'),
        ) ?? '';
      for (const delegate of seats('congress').slice(0, Math.ceil(seats('congress').length / 4))) {
        act(member(delegate), { type: 'signRecall', mandateId: `cc-${recalled}`, on });
      }
    },
    () => {
      const n = votersOf(state(), 'congress', on);
      act(congress, {
        type: 'decideRecall',
        mandateId: `cc-${recalled}`,
        on,
        vote: { yes: 5, no: n - 8, abstain: 2, present: n - 1 },
      });
    },
  ];
}

/** The demo statute, amended by the congress: version 2, with a treasurer the committee appoints. */
const AMENDED_STATUTE = amendedStatute();

/**
 * A secret ballot of the central committee, from call to result (Ed25519, 2 of 3 trustees
 * nominated by three bodies): every event type of the ballot part, the anonymous voter's
 * included. Its randomness comes from the seed, so the record is the same on every run.
 */
function secretBallot(
  state: () => GovernanceState,
  act: (actor: Actor, command: GovernanceCommand) => void,
): (() => void)[] {
  const random = seededRandom('plenum test ballot');
  const G = group('Ed25519');
  const ballotId = 'cc-ballot';
  const on = BALLOT_ON;
  const people = { electors: [] as Id[], authority: '', trustees: [] as Id[] };
  const privates: string[] = [];
  const seeds = new Map<Id, string>();
  const ceremony = (): { certs: string[]; polynomials: string[] } => {
    const b = secretBallotOf(state(), ballotId);
    const all = people.trustees.map((t) => b?.ceremony.get(t));
    return { certs: all.map((p) => p?.cert ?? ''), polynomials: all.map((p) => p?.polynomial ?? '') };
  };
  const electionNow = (): Election => must(parseElection(secretBallotOf(state(), ballotId)?.election ?? ''));
  const ballotOf = (i: number, vote: number[][]): string => {
    const e = electionNow();
    return must(makeBallot(e, must(credentialSecret(G, e.uuid, privates[i] ?? '')), vote, random));
  };
  const ballots: string[] = [];
  return [
    () => {
      const s = state();
      const cc = s.bodies.get('central-committee');
      people.electors = cc === undefined ? [] : bodyMembers(s, cc, on).sort();
      const others = [...s.members.values()]
        .filter((m) => isMemberOn(m, on) && !people.electors.includes(m.id))
        .map((m) => m.id)
        .sort();
      people.authority = others[0] ?? '';
      people.trustees = others.slice(1, 4);
      act(body('central-committee'), {
        type: 'callBallot',
        ballotId,
        title: 'Secretary of the central committee',
        questions: [{ question: 'Secretary', answers: ['Ana', 'Boris'], min: 1, max: 1, blank: true }],
        group: 'Ed25519',
        electorate: { scope: 'body' },
        credentialAuthority: people.authority,
        trustees: people.trustees.map((memberId, i) => ({
          memberId,
          nominatedBy: ['body:central-committee', 'body:control-commission', 'body:congress'][i] ?? '',
        })),
        threshold: 2,
        on,
      });
    },
    () => {
      const uuid = secretBallotOf(state(), ballotId)?.uuid ?? '';
      const publics = people.electors.map(() => {
        const priv = generatePrivateCredential(random);
        privates.push(priv);
        return publicCredential(G, must(credentialSecret(G, uuid, priv)));
      });
      act(member(people.authority), { type: 'publishCredentials', ballotId, credentials: publics, on });
    },
    () => {
      for (const t of people.trustees) {
        const { seed, cert } = pedersenStep1(G, random);
        seeds.set(t, seed);
        act(member(t), { type: 'certifyTrustee', ballotId, cert, on });
      }
      for (const t of people.trustees) {
        const polynomial = must(pedersenStep3(G, ceremony().certs, seeds.get(t) ?? '', 2, random));
        act(member(t), { type: 'commitTrustee', ballotId, polynomial, on });
      }
      const { certs, polynomials } = ceremony();
      const vinputs = must(pedersenStep4(G, certs, polynomials));
      people.trustees.forEach((t, j) => {
        const voutput = must(pedersenStep5(G, certs, seeds.get(t) ?? '', vinputs[j] ?? '', random));
        act(member(t), { type: 'verifyTrustee', ballotId, voutput, on });
      });
    },
    () => act(body('central-committee'), { type: 'openBallot', ballotId, on }),
    () => {
      // Two votes, the first voter's changed; and one refusal, as the ballot box records them.
      for (const [i, vote] of [
        [0, [[0, 1, 0]]],
        [1, [[0, 0, 1]]],
        [0, [[0, 0, 1]]],
      ] as const) {
        const text = ballotOf(
          i,
          vote.map((q) => [...q]),
        );
        ballots.push(text);
        act({ kind: 'voter' }, { type: 'castBallot', ballotId, ballot: text, on });
      }
      act(
        { kind: 'voter' },
        {
          type: 'refuseBallot',
          ballotId,
          hash: hashJson('{"answers":'),
          reason: 'refusal.governance.ballotMalformed',
          detail: 'not JSON',
          on,
        },
      );
    },
    () => {
      const e = electionNow();
      const last = lastBallots(
        ballots.map((text) => {
          const b = readBallot(e, text);
          return { ballot: b, credential: G.toString(b.credential), weight: 1 };
        }),
      );
      act(body('central-committee'), {
        type: 'closeBallot',
        ballotId,
        encryptedTally: writeEncryptedTally(G, encryptedTally(e, last)),
        on,
      });
    },
    () => {
      const e = electionNow();
      const b = secretBallotOf(state(), ballotId);
      const tally = must(parseEncryptedTally(e, b?.encryptedTally ?? ''));
      const { certs, polynomials } = ceremony();
      const vinputs = must(pedersenStep4(G, certs, polynomials));
      for (const [j, t] of people.trustees.slice(0, 2).entries()) {
        const voutput = must(pedersenStep5(G, certs, seeds.get(t) ?? '', vinputs[j] ?? '', random));
        const x = must(
          pedersenDecryptionKey(G, seeds.get(t) ?? '', (JSON.parse(voutput) as { private_key: string }).private_key),
        );
        const pd = makePartialDecryption(e, tally, x, random);
        act(member(t), { type: 'decryptTally', ballotId, partialDecryption: writePartialDecryption(G, pd), on });
      }
    },
  ];
}

function must<T>(result: { ok: true; value: T } | { ok: false; messageKey: string; params: unknown }): T {
  if (!result.ok) throw new Error(`${result.messageKey} ${JSON.stringify(result.params)}`);
  return result.value;
}

/** Bytes from a seed (SHA-256 in counter mode): a test's randomness, the same on every run. */
function seededRandom(seed: string): (n: number) => Uint8Array {
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let at = 0; at < n; at += 32) {
      out.set(sha256(utf8(`${seed}|${counter}`)).subarray(0, Math.min(32, n - at)), at);
      counter += 1;
    }
    return out;
  };
}

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

/** The members holding a seat (not an office) of a body on a day. */
function seatsOn(state: GovernanceState, bodyId: Id, on: string): Id[] {
  return [...state.mandates.values()]
    .filter((m) => m.bodyId === bodyId && m.office === null && isMandateActive(m, on))
    .map((m) => m.memberId);
}

/** Who holds an office of a body on a day. */
function officeHolderOn(state: GovernanceState, bodyId: Id, office: string, on: string): Id | undefined {
  return [...state.mandates.values()].find((m) => m.bodyId === bodyId && m.office === office && isMandateActive(m, on))
    ?.memberId;
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
