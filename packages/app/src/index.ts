// @plenum/app — the use cases, and the ports they need from the outside world.
// Imports only pure packages; the adapters (storage, server, CLI) plug into the ports.
export {
  Plenum,
  type Action,
  type Clock,
  type CosignatureListener,
  type EventListener,
  type MailSummary,
  type PlenumOptions,
  isEmailAddress,
} from './plenum.ts';
export { letterMailRef, mailItems, platformMailRef, type MailItem, type MailSettings, type SeqEvent } from './mail.ts';
export type {
  CheckpointSigner,
  MailCounts,
  MailOutcome,
  MailStatus,
  MemberContact,
  NewMail,
  QueuedMail,
  RecordLeaf,
  SignedCheckpoint,
  StoragePort,
  StoredCosignature,
  StoredEvent,
} from './storage-port.ts';
export { RECORD_MOVED, isRecordMoved, recordMoved } from './storage-port.ts';
export { checkpointSigner, readStored, type LogIdentity } from './record-log.ts';
export { acceptCosignature, withCosignatures } from './witnesses.ts';
export {
  mandatesOf,
  memberOf,
  membersOf,
  overviewOf,
  rootUnitOf,
  type MemberView,
  type OrganisationOverview,
} from './queries.ts';
export {
  KEY_ENROLMENT_RULE,
  canonicalKey,
  isKeyRefusal,
  parseGovActor,
  prepareOn,
  type PreparedCommand,
} from './commands.ts';
export {
  archiveOf,
  castBallots,
  inProcessBallotVerifier,
  tallyOf,
  type BallotVerifier,
  type CheckedBallot,
} from './ballots.ts';
