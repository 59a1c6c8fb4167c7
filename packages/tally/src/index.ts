// @plenum/tally — counting, pure: STV (Scottish, Meek, ERS97), IRV, Schulze, approval,
// plurality, majorities and apportionment, in exact arithmetic (BigInt fixed point or
// rationals, never floats), each count reported round by round with the rule clause behind
// every decision. Ballot files are read here too (BLT, CSV, PrefLib, JSON), from text.
export { totalVoters, type Ballot, type Candidate, type Election } from './election.ts';
export { Decimal } from './decimal.ts';
export { SeededLot } from './lot.ts';
export type { CountReport, Round, RoundAction, TieBreak } from './report.ts';
export { BallotFileError, isBallotFileError } from './formats/format-error.ts';
export { formatBlt, parseBlt, type BltElection } from './formats/blt.ts';
export { COUNT_METHODS, countMethod, type CountMethod, type CountOptions } from './methods.ts';
export { BALLOT_JSON_FORMAT, formatBallotJson, parseBallotJson } from './formats/json.ts';
export { formatPreflib, parsePreflib, type PreflibElection } from './formats/preflib.ts';
export {
  formatCompactCsv,
  parseCompactCsv,
  type CompactCsvElection,
  type CompactCsvMarks,
  type CompactCsvOptions,
  type FormatCompactCsvOptions,
} from './formats/csv.ts';
export {
  MINNEAPOLIS_2013,
  countIrv,
  rctabBallotOptions,
  rctabOptions,
  type RctabBallotRules,
  type IrvInactive,
  type IrvOptions,
  type IrvReport,
  type RctabRules,
} from './irv.ts';
export {
  APPORTIONMENT_METHODS,
  Rational,
  apportion,
  apportionWithMinimum,
  increaseSeats,
  minimumSeats,
  type BundestagLaw,
  type FirstDistributionList,
  type IncreaseParty,
  type IncreaseReport,
  type IterationStep,
  type ListCandidate,
  type MinimumApportionmentReport,
  type MinimumParty,
  type MinimumSeatsAt,
  type MinimumSeatsReport,
  type PartyDivisor,
  countApportionment,
  type ApportionmentMethod,
  type ApportionmentOptions,
  type ApportionmentParty,
  type ApportionmentReport,
} from './apportionment.ts';
export {
  countScottishStv,
  type ScottishStvOptions,
  type ScottishStvReport,
  type ScottishStvRound,
} from './stv/scottish.ts';
export { countMeek, type MeekOptions } from './stv/meek.ts';
export { countErs97, type Ers97Options, type Ers97Report, type Ers97Round, type Ers97SubStage } from './stv/ers97.ts';
export { SCHULZE_RULE, countSchulze, type SchulzeOptions, type SchulzeReport } from './schulze.ts';
export {
  APPROVAL_RULE,
  PLURALITY_RULE,
  countApproval,
  countPlurality,
  decideMajority,
  type ApprovalReport,
  type MajorityDecision,
  type MajorityInput,
  type PluralityReport,
} from './single-winner.ts';
