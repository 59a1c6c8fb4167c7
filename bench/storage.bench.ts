// Storage: how long the SQLite adapter takes for the operations the server does most.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Plenum } from '@plenum/app';
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

await measure('create the demo organisation (230 events, 1 transaction)', 10, async () => {
  const storage = await fresh();
  await new Plenum(storage, { origin: ORIGIN, signatures: SIGNATURES }).ensureDemo();
  await storage.close();
});

const big = await fresh();
await new Plenum(big, { origin: ORIGIN, signatures: SIGNATURES }).ensureDemo();
let next = 100_000;
const batch = (size: number): DomainEvent[] =>
  Array.from({ length: size }, () => {
    next += 1;
    return {
      type: 'member.admitted',
      member: { id: `m${next}`, givenName: 'Ana', familyName: 'Silva', unitId: 'br-recife', admittedOn: '2020-01-01' },
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
const members = (await big.overview()).memberTotal;
await measure(`load the organisation state (${members.toLocaleString('en')} members)`, 10, () =>
  big.loadOrganisation(),
);
await measure('overview query', 20, () => big.overview());
await measure('read 1,000 events of the record', 20, () => big.readEvents(0, 1000));
await big.close();
rmSync(dir, { recursive: true, force: true });
