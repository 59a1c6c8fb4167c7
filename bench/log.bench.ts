// The record as a Merkle log: durable appends (events + read models + tree hashes in one
// SQLite transaction, synchronous=FULL, WAL) and the full command path (rules decide, append,
// sign a checkpoint). The issue asks for ≥ 20,000 events/s with batched commits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Plenum } from '@plenum/app';
import type { Actor, DomainEvent, StructureCommand } from '@plenum/domain';
import { ed25519Signer, generateSignerKey } from '@plenum/log';
import { openSqliteStorage } from '@plenum/storage-sqlite';
import { demoActorSecret } from '@plenum/demo';
import { localEventSigner, type EventSigner } from '@plenum/record';
import { SIGNATURES, benchSigner, signLeaves } from './signing.ts';

const dir = mkdtempSync(join(tmpdir(), 'plenum-bench-log-'));
const keys = generateSignerKey('bench.invalid/log', new Uint8Array(32).fill(9));
const log = { origin: 'bench.invalid/log', signer: ed25519Signer(keys.signerKey), verifierKey: keys.verifierKey };

let next = 0;
const member = () => {
  next += 1;
  return { id: `m${next}`, givenName: 'Ana', familyName: 'Silva', unitId: 'br-recife', admittedOn: '2020-01-01' };
};
const events = (n: number): DomainEvent[] =>
  Array.from({ length: n }, () => ({ type: 'member.admitted', member: member() }));
const commands = (n: number): StructureCommand[] =>
  Array.from({ length: n }, () => ({ type: 'admitMember', member: member() }));
// Admissions to br-recife are the act of its assembly, which signs them: for the port, with
// any key (the port does not check keys); through Plenum, with the key the demo bound to it.
const assembly: Actor = { kind: 'body', id: 'assembly-br-recife' };
const signer = benchSigner(assembly);
const demoSigner = localEventSigner(assembly, demoActorSecret(assembly), SIGNATURES);
// The same key, as a signer elsewhere (a browser) would use it: its signatures are checked.
const remoteSigner: EventSigner = { actor: assembly, publicKey: demoSigner.publicKey, sign: (m) => demoSigner.sign(m) };
const actions = (n: number, by: EventSigner) => commands(n).map((command) => ({ by, command }));

/** Executes, and fails the benchmark if the rules refused: a refusal is not a throughput. */
async function executed(plenum: Plenum, n: number, by: EventSigner = demoSigner): Promise<void> {
  const result = await plenum.execute(actions(n, by));
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
