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
