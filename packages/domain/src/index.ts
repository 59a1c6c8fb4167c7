// @plenum/domain — the organisation and its rules as pure functions:
// decide(state, command) gives events or a refusal citing its rule; evolve(state, event)
// gives the next state. No I/O, no clock, no randomness: callers pass all of it in.
export {
  BODY_KINDS,
  BODY_SCOPE,
  PARENT_KIND,
  UNIT_KINDS,
  type Body,
  type BodyKind,
  type Member,
  type Unit,
  type UnitKind,
} from './organisation.ts';
export type { DomainEvent, DomainEventType } from './events.ts';
export {
  EMPTY_ORGANISATION,
  applyInPlace,
  draftOf,
  evolve,
  evolveAll,
  federationOf,
  type OrganisationDraft,
  type OrganisationState,
} from './state.ts';
export { decide, type StructureCommand } from './commands.ts';
export { actorRef, checkActor, parseActorRef, type Actor, type ActorRef } from './actors.ts';
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
  bodyMembers,
  decideGovernance,
  foundersPeriodOver,
  hasVotingRights,
  mandateBar,
  type GovActor,
  type GovernanceCommand,
  type GovernanceCommandType,
  type GovernanceRefusal,
  type PersonInput,
  type VoteCount,
} from './governance/decide.ts';
export {
  EMPTY_GOVERNANCE,
  evolveGovernance,
  isMandateActive,
  isMemberOn,
  membershipDays,
  type Application,
  type GovBody,
  type GovMember,
  type GovUnit,
  type GovernanceEvent,
  type GovernanceState,
  type Mandate,
  type MandateEndReason,
  type RecordedVote,
  type Tendency,
} from './governance/state.ts';
