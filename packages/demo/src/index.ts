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
