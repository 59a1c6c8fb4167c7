// @plenum/verifier — the independent verifier of the public record, pure: given the files a
// log serves (C2SP tlog-tiles) through a fetch function the caller supplies, and the log's
// key, it checks the signed checkpoint, every tile, every entry and consistency with a
// checkpoint seen before, and reports every problem as a value. It does no I/O, so it runs
// offline on an exported record, in the CLI, and in the browser.
export {
  DEFAULT_MAX_PROBLEMS,
  verifyRecord,
  type CosignatureReport,
  type FetchRecordFile,
  type RecordReport,
  type RememberedReport,
  type VerifyRecordOptions,
} from './verify-record.ts';
export { checkPlenumEvent, plenumEntryChecker, type PlenumEntryOptions } from './plenum-events.ts';
export { acceptAnyEntry, type EntryChecker, type Problem, type ProblemCode } from './problems.ts';
