// The record as a Merkle log: durable appends (events + tree hashes + actors' keys in one
// SQLite transaction, synchronous=FULL, WAL) and the full command path (rules decide, append,
// sign a checkpoint). The issue asks for ≥ 20,000 events/s with batched commits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Plenum } from '@plenum/app';
import { bodyMembers, type Actor, type DomainEvent, type GovernanceCommand } from '@plenum/domain';
import { ed25519Signer, generateSignerKey } from '@plenum/log';
import { openSqliteStorage } from '@plenum/storage-sqlite';
import { demoActorSecret } from '@plenum/demo';
import { localEventSigner, type EventSigner } from '@plenum/record';
import { SIGNATURES, benchSigner, signLeaves } from './signing.ts';

const dir = mkdtempSync(join(tmpdir(), 'plenum-bench-log-'));
const keys = generateSignerKey('bench.invalid/log', new Uint8Array(32).fill(9));
const log = { origin: 'bench.invalid/log', signer: ed25519Signer(keys.signerKey), verifierKey: keys.verifierKey };

/** After the demo's last act (2026-04-04): acts may not be dated before it. */
const ON = '2026-05-01';
let next = 0;
const member = () => {
  next += 1;
  return { id: `n${next}`, givenName: 'Ana', familyName: 'Silva', unitId: 'br-recife' };
};
const events = (n: number): DomainEvent[] =>
  Array.from({ length: n }, () => ({
    type: 'membership.admitted',
    member: member(),
    applicationId: null,
    on: ON,
    since: ON,
    vote: null,
  }));
/**
 * Admissions the Recife assembly votes, unanimously and with everyone present: each is decided
 * on the state the previous one left, so the assembly has one member more at each vote
 * (a new member votes from her first day under the demo statute, §3.3). Each vote is checked
 * against the assembly's roll on its day, so the work per command grows with the assembly,
 * which the runs below take from a dozen members to about 30,000.
 */
const commands = (n: number, members: number): GovernanceCommand[] =>
  Array.from({ length: n }, (_, i) => ({
    type: 'admitMember',
    member: member(),
    applicationId: null,
    on: ON,
    vote: { yes: members + i, no: 0, abstain: 0, present: members + i },
  }));
// Admissions to br-recife are the act of its assembly, which signs them: for the port, with
// any key (the port does not check keys); through Plenum, with the key the demo bound to it.
const ASSEMBLY = 'assembly-br-recife';
const assembly: Actor = { kind: 'body', id: ASSEMBLY };
const signer = benchSigner(assembly);
const demoSigner = localEventSigner(assembly, demoActorSecret(assembly), SIGNATURES);
// The same key, as a signer elsewhere (a browser) would use it: its signatures are checked.
const remoteSigner: EventSigner = { actor: assembly, publicKey: demoSigner.publicKey, sign: (m) => demoSigner.sign(m) };

/** Executes, and fails the benchmark if the rules refused: a refusal is not a throughput. */
async function executed(plenum: Plenum, n: number, by: EventSigner = demoSigner): Promise<void> {
  // The assembly's size as the batch starts, for the vote counts (timed with the batch: the
  // state is kept in memory, so this is one look at the record's size and one pass over it).
  const state = await plenum.state();
  const recife = state.bodies.get(ASSEMBLY);
  if (recife === undefined) throw new Error('the demo has no Recife assembly');
  const members = bodyMembers(state, recife, ON).length;
  const result = await plenum.execute(commands(n, members).map((command) => ({ by, command })));
  if (!result.ok) throw new Error(`refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
}

async function rate(label: string, batches: number, batchSize: number, run: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < batches; i += 1) await run();
  const seconds = (performance.now() - start) / 1000;
  const total = batches * batchSize;
  console.log(
    `| ${label} | ${total.toLocaleString('en')} | ${Math.round(total / seconds).toLocaleString('en')} events/s |`,
  );
}

console.log('\n### The record: durable appends (SQLite file, WAL, synchronous=FULL)\n');
console.log('| path | events | throughput |\n| --- | --- | --- |');

const store = await openSqliteStorage(join(dir, 'append.sqlite'));
await new Plenum(store, { origin: log.origin, signatures: SIGNATURES }).ensureDemo();
// Signed beforehand, as clients would sign them: the port's rate is the store's.
const take = <T>(list: T[]): T => {
  const item = list.pop();
  if (item === undefined) throw new Error('the benchmark ran out of signed leaves');
  return item;
};
const thousands = await Promise.all(Array.from({ length: 50 }, () => signLeaves(log.origin, events(1000), signer)));
const hundreds = await Promise.all(Array.from({ length: 100 }, () => signLeaves(log.origin, events(100), signer)));
await rate('StoragePort.append of signed leaves, batches of 1,000', 50, 1000, () =>
  store.append(take(thousands), new Date().toISOString()),
);
await rate('StoragePort.append of signed leaves, batches of 100', 100, 100, () =>
  store.append(take(hundreds), new Date().toISOString()),
);
await store.close();

const signed = await openSqliteStorage(join(dir, 'plenum.sqlite'));
const plenum = new Plenum(signed, { log, signatures: SIGNATURES });
await plenum.ensureDemo();
await rate(
  'Plenum.execute (decide, sign each event with a local key, append, sign checkpoint), commands of 1,000',
  20,
  1000,
  () => executed(plenum, 1000),
);
await rate('Plenum.execute, signer elsewhere (each signature checked), commands of 1,000', 10, 1000, () =>
  executed(plenum, 1000, remoteSigner),
);
await rate('Plenum.execute, one command at a time', 200, 1, () => executed(plenum, 1));
await signed.close();
rmSync(dir, { recursive: true, force: true });
