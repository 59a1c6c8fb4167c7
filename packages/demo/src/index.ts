// @plenum/demo — the demo organisation as a list of ordinary commands, fixed by a seed.
export { DEMO_NAME, DEMO_SEED, demoOrganisationCommands } from './demo-organisation.ts';
