// Storage: how long the SQLite adapter takes for the operations the server does most.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Plenum, overviewOf } from '@plenum/app';
import type { DomainEvent } from '@plenum/domain';
import { openSqliteStorage } from '@plenum/storage-sqlite';
import { header, measure } from './harness.ts';
import { SIGNATURES, benchSigner, signLeaves } from './signing.ts';

const ORIGIN = 'bench.invalid/storage';
const assembly = benchSigner({ kind: 'body', id: 'assembly-br-recife' });

const dir = mkdtempSync(join(tmpdir(), 'plenum-bench-'));
let n = 0;
const fresh = async () => openSqliteStorage(join(dir, `s${(n += 1)}.sqlite`));

header('SQLite storage (better-sqlite3, WAL, file in tmpdir)');

const big = await fresh();
await new Plenum(big, { origin: ORIGIN, signatures: SIGNATURES }).ensureDemo();
const demoEvents = await big.eventCount();
await measure(`create the demo organisation (${demoEvents} events, 1 transaction)`, 10, async () => {
  const storage = await fresh();
  await new Plenum(storage, { origin: ORIGIN, signatures: SIGNATURES }).ensureDemo();
  await storage.close();
});

let next = 100_000;
/** Admissions by the Recife assembly, dated after the demo's last act (the store does not check the rules). */
const ON = '2026-05-01';
const batch = (size: number): DomainEvent[] =>
  Array.from({ length: size }, () => {
    next += 1;
    return {
      type: 'membership.admitted',
      member: { id: `m${next}`, givenName: 'Ana', familyName: 'Silva', unitId: 'br-recife' },
      applicationId: null,
      on: ON,
      since: ON,
      vote: null,
    };
  });

// Leaves are signed before the clock starts: these time the store, not the signer. One batch
// per run and one for the warm-up; taking from an empty list fails the benchmark.
const thousands = await Promise.all(Array.from({ length: 11 }, () => signLeaves(ORIGIN, batch(1000), assembly)));
const singles = await Promise.all(Array.from({ length: 600 }, () => signLeaves(ORIGIN, batch(1), assembly)));
const take = <T>(list: T[]): T => {
  const item = list.pop();
  if (item === undefined) throw new Error('the benchmark ran out of signed leaves');
  return item;
};
await measure('append 1,000 signed member admissions in one transaction', 10, () =>
  big.append(take(thousands), new Date().toISOString()),
);
await measure('append 1 event (one transaction each) ×100', 5, async () => {
  for (let i = 0; i < 100; i += 1) await big.append(take(singles), new Date().toISOString());
});
// The organisation's state is not stored: a Plenum folds it from the record when it starts
// (a new instance each run, so each run reads and folds every event).
const fold = () => new Plenum(big, { origin: ORIGIN, signatures: SIGNATURES }).state();
const events = await big.eventCount();
const members = (await fold()).members.size;
await measure(
  `fold the state from the record (${events.toLocaleString('en')} events, ${members.toLocaleString('en')} members)`,
  10,
  fold,
);
// Once folded, a query reads the state kept in memory (after checking the record's size).
const live = new Plenum(big, { origin: ORIGIN, signatures: SIGNATURES });
await measure('overview query (on the folded state)', 20, async () =>
  overviewOf(await live.state(), await big.eventCount(), ON),
);
await measure('read 1,000 events of the record', 20, () => big.readEvents(0, 1000));
await big.close();
rmSync(dir, { recursive: true, force: true });
