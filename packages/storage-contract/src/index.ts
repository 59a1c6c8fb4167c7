// @plenum/storage-contract — the one test suite every storage adapter must pass unchanged.
// An adapter's own test file calls storageContract() with a harness that opens its store.
export { storageContract, type StorageHarness } from './contract.ts';
// The private tables of e-mail circulation, run beside it with the same harness.
export { mailContract } from './mail-contract.ts';
