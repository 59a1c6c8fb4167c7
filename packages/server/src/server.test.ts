import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { errorBody, health, liveMessage, memberList, overview, type LiveMessage } from '@plenum/api';
import { Plenum, type StoragePort } from '@plenum/app';
import { demoActorSecret } from '@plenum/demo';
import { openSqliteStorage } from '@plenum/storage-sqlite';
import type { FastifyInstance } from 'fastify';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  cosignatureSigner,
  cosignatureVerifier,
  decodeEntryBundle,
  signNote,
  ed25519Signer,
  ed25519Verifier,
  entryBundlePath,
  entryBundlesForSize,
  generateSignerKey,
  hashLeaf,
  openCheckpoint,
  rootFromTiles,
  tilePath,
  tilesForSize,
} from '@plenum/log';
import { buildServer, startServer } from './server.ts';

const LOG = { name: 'plenum.test/server', keys: generateSignerKey('plenum.test/server', new Uint8Array(32).fill(1)) };
let dir: string;
let storage: StoragePort;
let plenum: Plenum;
let app: FastifyInstance;
const logLines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logLines.push(chunk.toString());
    done();
  },
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plenum-server-'));
  storage = await openSqliteStorage(join(dir, 'plenum.sqlite'));
  plenum = new Plenum(storage, {
    log: { origin: LOG.name, signer: ed25519Signer(LOG.keys.signerKey), verifierKey: LOG.keys.verifierKey },
  });
  await plenum.ensureDemo();
  app = await buildServer({ plenum, version: '9.9.9', webRoot: null, logLevel: 'info', logDestination: logSink });
});

afterAll(async () => {
  await app.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the HTTP API', () => {
  it('answers the health check', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(health.parse(response.json()).schemaVersion).toBeGreaterThanOrEqual(3);
    expect(health.parse(response.json())).toMatchObject({
      status: 'ok',
      version: '9.9.9',
      storage: 'sqlite',
    });
  });

  it('gives the organisation overview in the shape @plenum/api describes', async () => {
    const body = overview.parse((await app.inject({ method: 'GET', url: '/api/overview' })).json());
    expect(body.units.filter((u) => u.level === 'section').length).toBeGreaterThanOrEqual(3);
    expect(body.bodies.find((b) => b.id === 'congress')?.members).toBe(40);
    expect(body.memberTotal).toBe(Object.values(body.memberCounts).reduce((a, b) => a + b, 0));
  });

  it('lists the members of a branch', async () => {
    const body = memberList.parse((await app.inject({ method: 'GET', url: '/api/units/de-berlin/members' })).json());
    expect(body.members.length).toBeGreaterThan(5);
    expect(body.members.every((m) => m.unitId === 'de-berlin')).toBe(true);
  });

  it('refuses a malformed id with 400 and an unknown unit with 404, translated', async () => {
    const bad = await app.inject({
      method: 'GET',
      url: '/api/units/%3Cscript%3E/members',
      headers: { 'accept-language': 'pt-BR' },
    });
    expect(bad.statusCode).toBe(400);
    expect(errorBody.parse(bad.json()).error).toMatchObject({
      code: 'invalid_input',
      message: 'unitId: identificador inválido',
    });
    const missing = await app.inject({ method: 'GET', url: '/api/units/atlantis/members' });
    expect(missing.statusCode).toBe(404);
    expect(errorBody.parse(missing.json()).error.code).toBe('not_found');
  });

  it('refuses a bad query parameter with 400 naming it', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/events?after=-1' });
    expect(response.statusCode).toBe(400);
    expect(errorBody.parse(response.json()).error.message).toContain('after');
  });

  it('pages through the record', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/events?after=2&limit=3' });
    const { events } = response.json<{ events: { seq: number; payload: string }[] }>();
    expect(events.map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(() => JSON.parse(events[0]!.payload) as unknown).not.toThrow();
  });

  it('answers 404 in JSON for an unknown API path, and a malformed JSON body with 400, never 500', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/nothing-here' })).statusCode).toBe(404);
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/health',
      headers: { 'content-type': 'application/json' },
      payload: '{"unterminated": ',
    });
    expect(malformed.statusCode).toBeGreaterThanOrEqual(400);
    expect(malformed.statusCode).toBeLessThan(500);
  });

  it('sets security headers on every response', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('writes structured JSON logs with credentials masked', async () => {
    await app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { authorization: 'Bearer hunter2', cookie: 'session=s3cret' },
    });
    const entries = logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.some((e) => e['msg'] === 'incoming request')).toBe(true);
    const all = logLines.join('');
    expect(all).not.toContain('hunter2');
    expect(all).not.toContain('s3cret');
  });
});

describe('the record served as C2SP tlog-tiles', () => {
  const get = async (url: string): Promise<Uint8Array> => {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, url).toBe(200);
    return new Uint8Array(response.rawPayload);
  };

  it('serves a checkpoint signed by the log key, and tiles and bundles that rebuild its root', async () => {
    const note = (await app.inject({ method: 'GET', url: '/log/checkpoint' })).body;
    const { checkpoint } = openCheckpoint(note, { log: ed25519Verifier(LOG.keys.verifierKey), origin: LOG.name });
    expect(checkpoint.size).toBe(await storage.eventCount());
    const tiles = new Map<string, Uint8Array>();
    for (const tile of tilesForSize(checkpoint.size)) tiles.set(tilePath(tile), await get(`/log/${tilePath(tile)}`));
    const fetchTile = (path: string): Uint8Array => tiles.get(path) ?? new Uint8Array(0);
    expect(await rootFromTiles(fetchTile, checkpoint.size)).toEqual(checkpoint.rootHash);
    const payloads = (await storage.readEvents(0, 100_000)).map((e) => e.payload);
    const entries: Uint8Array[] = [];
    for (const bundle of entryBundlesForSize(checkpoint.size)) {
      entries.push(...decodeEntryBundle(await get(`/log/${entryBundlePath(bundle)}`), bundle.width));
    }
    expect(entries.map((e) => new TextDecoder().decode(e))).toEqual(payloads);
    const level0 = tiles.get(tilePath({ level: 0, index: 0, width: Math.min(256, checkpoint.size) }));
    expect(level0?.subarray(0, 32)).toEqual(hashLeaf(entries[0]!));
  });

  it('publishes the origin and verifier key', async () => {
    const body = (await app.inject({ method: 'GET', url: '/api/log' })).json<{ origin: string; verifierKey: string }>();
    expect(body).toMatchObject({ origin: LOG.name, verifierKey: LOG.keys.verifierKey });
  });

  it('refuses a malformed tile path with 400 and a tile beyond the tree with 404', async () => {
    for (const bad of [
      '/log/tile/0/x001',
      '/log/tile/0/000.p/0',
      '/log/tile/0/000.p/256',
      '/log/tile/0/..%2F..%2Fetc',
    ]) {
      const response = await app.inject({ method: 'GET', url: bad });
      expect(response.statusCode, bad).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, bad).toBeLessThan(500);
    }
    expect((await app.inject({ method: 'GET', url: '/log/tile/0/999' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/log/tile/entries/999' })).statusCode).toBe(404);
  });
});

async function cosign(signerKey: string): Promise<string> {
  const note = (await app.inject({ method: 'GET', url: '/log/checkpoint' })).body;
  // The text, the blank line and the log's own signature: cosignatures already served are left out.
  const end = note.indexOf('\n\n') + 2;
  const text = note.slice(0, end - 1);
  const logSignature = note.slice(end, note.indexOf('\n', end) + 1);
  const signed = signNote(text, [cosignatureSigner(signerKey, 1_800_000_000)]);
  const line = signed.trimEnd().split('\n').at(-1) ?? '';
  return `${text}\n${logSignature}${line}\n`;
}

const submit = (body: unknown) => app.inject({ method: 'POST', url: '/log/cosignature', payload: body as object });

describe('cosignatures from witnesses', () => {
  const witness = generateSignerKey('witness.test/alice', new Uint8Array(32).fill(3), SIGNATURE_TYPE_COSIGNATURE_V1);
  const other = generateSignerKey('witness.test/alice', new Uint8Array(32).fill(4), SIGNATURE_TYPE_COSIGNATURE_V1);

  it('keeps a valid cosignature, serves it with the checkpoint and lists the witness', async () => {
    const response = await submit({ witness: witness.verifierKey, cosigned: await cosign(witness.signerKey) });
    expect(response.statusCode).toBe(201);
    const note = (await app.inject({ method: 'GET', url: '/log/checkpoint' })).body;
    const opened = openCheckpoint(note, {
      log: ed25519Verifier(LOG.keys.verifierKey),
      cosigners: [cosignatureVerifier(witness.verifierKey)],
    });
    expect(opened.cosignatures).toMatchObject([{ name: 'witness.test/alice', timestamp: 1_800_000_000 }]);
    const info = (await app.inject({ method: 'GET', url: '/api/log' })).json<{ witnesses: { witness: string }[] }>();
    expect(info.witnesses.map((w) => w.witness)).toEqual([witness.verifierKey]);
  });

  it('refuses a forged cosignature, a signature by another key, and a checkpoint the log did not sign', async () => {
    const good = await cosign(witness.signerKey);
    const lastLine = good.trimEnd().split('\n').at(-1) ?? '';
    const flipped = lastLine.slice(0, -6) + (lastLine.at(-6) === 'A' ? 'B' : 'A') + lastLine.slice(-5);
    const forged = good.replace(lastLine, flipped);
    expect((await submit({ witness: witness.verifierKey, cosigned: forged })).statusCode).toBe(400);
    expect((await submit({ witness: witness.verifierKey, cosigned: await cosign(other.signerKey) })).statusCode).toBe(
      400,
    );
    const foreignLog = generateSignerKey(LOG.name, new Uint8Array(32).fill(5));
    const foreign = signNote(`${LOG.name}\n1\n${'A'.repeat(43)}=\n`, [ed25519Signer(foreignLog.signerKey)]);
    const refused = await submit({ witness: witness.verifierKey, cosigned: foreign });
    expect(refused.statusCode).toBe(400);
    expect(errorBody.parse(refused.json()).error.message).toContain('signed only by unknown keys');
  });

  it('refuses malformed submissions with 400', async () => {
    expect((await submit({ witness: 42 })).statusCode).toBe(400);
    expect((await submit({ witness: LOG.keys.verifierKey, cosigned: 'x' })).statusCode).toBe(400);
    expect((await submit({ witness: 'not a key', cosigned: 'x' })).statusCode).toBe(400);
    const huge = await submit({ witness: witness.verifierKey, cosigned: 'x'.repeat(20_000) });
    expect(huge.statusCode).toBe(400);
  });
});

describe('the live WebSocket', () => {
  it('greets a client and tells it when the record grows', async () => {
    const server = await startServer({
      plenum,
      version: '9.9.9',
      webRoot: null,
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
    });
    const socket = new WebSocket(new URL('api/live', server.url.replace('http', 'ws')));
    const messages: LiveMessage[] = [];
    const next = (): Promise<LiveMessage> =>
      new Promise((resolve) =>
        socket.once('message', (data: Buffer) => resolve(liveMessage.parse(JSON.parse(data.toString())))),
      );
    messages.push(await next());
    expect(messages[0]).toMatchObject({ type: 'hello', version: '9.9.9' });
    const growth = next();
    const assembly = { kind: 'body', id: 'assembly-de-berlin' } as const;
    await plenum.execute([
      {
        by: plenum.localSigner(assembly, demoActorSecret(assembly)),
        command: {
          type: 'admitMember',
          member: { id: 'm9999', givenName: 'Rosa', familyName: 'Lux', unitId: 'de-berlin' },
          applicationId: null,
          on: '2026-04-20',
          vote: { yes: 10, no: 0, abstain: 0, present: 10 },
        },
      },
    ]);
    const grown = await growth;
    expect(grown).toMatchObject({ type: 'events', count: 1 });
    // The event itself comes live: the signed leaf, as GET /api/events gives it.
    if (grown.type !== 'events') throw new Error('expected events');
    expect(grown.items).toHaveLength(1);
    expect(grown.items[0]?.type).toBe('membership.admitted');
    expect(JSON.parse(grown.items[0]?.payload ?? '{}')).toMatchObject({
      actor: 'body:assembly-de-berlin',
      event: { type: 'membership.admitted', member: { id: 'm9999', familyName: 'Lux' } },
    });
    // A witness's cosignature is news too: the browser shows who cosigned what.
    const witness = generateSignerKey('witness.test/bob', new Uint8Array(32).fill(8), SIGNATURE_TYPE_COSIGNATURE_V1);
    const cosigned = next();
    expect((await submit({ witness: witness.verifierKey, cosigned: await cosign(witness.signerKey) })).statusCode).toBe(
      201,
    );
    expect(await cosigned).toEqual({
      type: 'cosigned',
      size: await storage.eventCount(),
      witness: witness.verifierKey,
    });
    socket.close();
    await server.close();
  });
});
