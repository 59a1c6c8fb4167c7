// @plenum/domain — the organisation and its rules as pure functions:
// decideGovernance(state, actor, command) gives events or a refusal citing its clause;
// evolveGovernance(state, events) gives the next state. No I/O, no clock, no randomness: callers pass all of it in.
export { DOMAIN_EVENT_TYPES, ORGANISATION_EVENT_TYPES, type DomainEvent, type DomainEventType } from './events.ts';
export { actorRef, parseActorRef, type Actor, type ActorRef } from './actors.ts';
// Member import from CSV: parseMemberCsv reads and checks a file, planMemberImport checks its
// rows against the organisation; nothing is admitted unless both accept every row.
export {
  MAX_FIELD_LENGTH,
  MEMBER_FIELD_MESSAGE_KEYS,
  MEMBER_IMPORT_MESSAGE_KEYS,
  parseMemberCsv,
  planMemberImport,
  type CsvSeparator,
  type DateOrder,
  type ImportMessage,
  type MemberCsv,
  type MemberCsvColumns,
  type MemberCsvOptions,
  type MemberCsvRead,
  type MemberCsvRefused,
  type MemberAdmission,
  type MemberCsvRow,
  type MemberField,
  type MemberImportMessageKey,
  type MemberImportOptions,
  type MemberImportPlan,
  type RejectedRow,
} from './import/member-csv.ts';
export { MEMBER_CSV_HEADER_SYNONYMS, FULL_NAME_HEADERS } from './import/member-headers.ts';
// The statute as data (YAML with numbered clauses) and the rules engine it parameterises.
export { parseStatute, MAX_STATUTE_LENGTH, type StatuteParse, type StatuteProblem } from './statute/parse.ts';
export { DEMO_STATUTE_YAML, STATUTE_1921_YAML } from './statute/examples.ts';
export { citeRule, statuteRule, type Clause, type Statute } from './statute/statute.ts';
export {
  GOVERNANCE_REFUSALS,
  ORGANISATION_REFUSALS,
  bodyMembers,
  decideGovernance,
  foundersPeriodOver,
  hasVotingRights,
  mandateBar,
  recallPetition,
  type GovActor,
  type GovernanceCommand,
  type GovernanceCommandType,
  type OrganisationCommand,
  type GovernanceRefusal,
  type PersonInput,
  type VoteCount,
} from './governance/decide.ts';
export {
  EMPTY_GOVERNANCE,
  applyGovernance,
  endMandates,
  draftGovernance,
  evolveGovernance,
  isMandateActive,
  isMemberOn,
  membershipDays,
  type Application,
  type GovBody,
  type GovMember,
  type GovUnit,
  type GovernanceDraft,
  type GovernanceEvent,
  type GovernanceState,
  type OrganisationEvent,
  type Mandate,
  type MembershipPeriod,
  type MandateEndReason,
  type RecordedVote,
  type Tendency,
} from './governance/state.ts';
// The shared pieces of the engine's parts: votes of meetings (show of hands, roll call, secret ballot), shares.
export {
  reachesShare,
  shareNeeded,
  tallyVote,
  votingMembers,
  type Choice,
  type MeetingVote,
  type VoteInput,
  type VoteMethod,
} from './governance/common.ts';
// The congress's parts: calling and delegates (G2, G8), the bulletin and platforms (G3, G4),
// motions and amendments, meetings (G10), disciplinary cases (G6).
export * from './congress/congress.ts';
export * from './congress/bulletin.ts';
export * from './congress/motions.ts';
export * from './congress/floor.ts';
export * from './congress/discipline.ts';
// Secret ballots anyone can verify (G5): a Belenios election run by the record.
export * from './ballot/ballot.ts';
