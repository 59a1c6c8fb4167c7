// HTTP: requests per second the server answers on loopback. The load comes from the same
// process (and the same two cores), so these are lower bounds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Plenum } from '@plenum/app';
import { demoActorSecret } from '@plenum/demo';
import { toBase64 } from '@plenum/kernel';
import { nobleEd25519 } from '@plenum/record';
import { openSqliteStorage } from '@plenum/storage-sqlite';
import { startServer } from '@plenum/server';

const dir = mkdtempSync(join(tmpdir(), 'plenum-bench-http-'));
const storage = await openSqliteStorage(join(dir, 'plenum.sqlite'));
const plenum = new Plenum(storage, { origin: 'bench.invalid/http' });
await plenum.ensureDemo();
const server = await startServer({
  plenum,
  version: 'bench',
  webRoot: null,
  host: '127.0.0.1',
  port: 0,
  logLevel: 'silent',
});

async function load(path: string, total: number, concurrency: number, report = true, body?: unknown): Promise<void> {
  const url = new URL(path, server.url);
  const init: RequestInit | undefined =
    body === undefined
      ? undefined
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  let sent = 0;
  const latencies: number[] = [];
  const worker = async (): Promise<void> => {
    while (sent < total) {
      sent += 1;
      const start = performance.now();
      const response = await fetch(url, init);
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      latencies.push(performance.now() - start);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? Number.NaN;
  if (report)
    console.log(
      `| ${init === undefined ? 'GET' : 'POST'} ${path} | ${(total / seconds).toFixed(0)} req/s | ${p99.toFixed(1)} ms | ${total} × ${concurrency} conns |`,
    );
}

console.log(
  '\n### HTTP on loopback (client in the same process)\n\n| request | throughput | p99 latency | load |\n| --- | --- | --- | --- |',
);
await load('/api/health', 1000, 10, false); // warm-up
await load('/api/health', 5000, 20);
await load('/api/overview', 3000, 20);
await load('/api/units/br-sao-paulo/members', 3000, 20);
await load('/api/bodies/central-committee', 3000, 20);
await load('/api/mandates?all=true', 3000, 20);
// The first step of a signed command: the rules decide an admission on the current state
// (nothing is stored, so every request decides the same).
const assembly = { kind: 'body', id: 'assembly-br-sao-paulo' } as const;
await load('/api/commands/prepare', 3000, 20, true, {
  actor: 'body:assembly-br-sao-paulo',
  key: toBase64(nobleEd25519.publicKey(demoActorSecret(assembly))),
  command: {
    type: 'admitMember',
    member: { id: 'm9001', givenName: 'Clara', familyName: 'Zetkin', unitId: 'br-sao-paulo' },
    applicationId: null,
    on: plenum.today(),
    vote: { yes: 13, no: 1, abstain: 0, present: 14 },
  },
});
await server.close();
await storage.close();
rmSync(dir, { recursive: true, force: true });
