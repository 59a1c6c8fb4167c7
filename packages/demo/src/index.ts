// @plenum/demo — the demo organisation as a list of ordinary commands, each given by an actor
// whose (public, demo-only) key is derived from the seed.
export {
  DEMO_NAME,
  DEMO_SEED,
  demoActorSecret,
  DEMO_FOUNDED_ON,
  demoOrganisationActions,
  type DemoAction,
} from './demo-organisation.ts';
// The 1923–24 discussion replayed under the demo statute (plenum demo --scenario 1923; docs/scenario-1923.md).
export {
  OPPOSITION_SHARE,
  SCENARIO_1923,
  branchStands,
  scenario1923AllActions,
  scenario1923Outcome,
  type BranchOutcome,
} from './scenario-1923.ts';
