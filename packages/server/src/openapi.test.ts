import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import fastifyWebsocket from '@fastify/websocket';
import { ID_PATTERN, MAX_STATUTE_TEXT } from '@plenum/api';
import { Plenum, type StoragePort } from '@plenum/app';
import { MAX_STATUTE_LENGTH, type GovernanceCommandType } from '@plenum/domain';
import { isId } from '@plenum/kernel';
import { openSqliteStorage } from '@plenum/storage-sqlite';
import { API_ROUTES, openApiPath } from './openapi.ts';
import { buildServer, registerRoutes } from './server.ts';

let dir: string;
let storage: StoragePort;
let plenum: Plenum;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'plenum-openapi-'));
  storage = await openSqliteStorage(join(dir, 'plenum.sqlite'));
  plenum = new Plenum(storage, { origin: 'plenum.test/openapi' });
});

afterAll(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every command type of the rules engine, listed by hand: the compiler checks the list is whole. */
const COMMAND_TYPES: Record<GovernanceCommandType, true> = {
  adoptStatute: true,
  amendStatute: true,
  foundUnit: true,
  formBody: true,
  applyForMembership: true,
  admitMember: true,
  transferMember: true,
  resign: true,
  lapseMembership: true,
  readmitMember: true,
  recordElection: true,
  appoint: true,
  resignMandate: true,
  signRecall: true,
  decideRecall: true,
  declareTendency: true,
  joinTendency: true,
  openDiscussion: true,
  closeDiscussion: true,
  callCongress: true,
  convokeDueCongress: true,
  petitionForCongress: true,
  postponeCongress: true,
  electDelegates: true,
  openCongress: true,
  closeCongress: true,
  publishContribution: true,
  draftPlatform: true,
  signPlatform: true,
  proposePlatformAmendment: true,
  approvePlatformAmendment: true,
  sendLetter: true,
  draftMotion: true,
  cosignMotion: true,
  submitMotion: true,
  amendMotion: true,
  proposeComposite: true,
  consentToComposite: true,
  withdrawMotion: true,
  decideAmendment: true,
  decideMotion: true,
  openMeeting: true,
  changeAgenda: true,
  requestToSpeak: true,
  withdrawFromList: true,
  callSpeaker: true,
  endSpeech: true,
  closeDebate: true,
  raisePointOfOrder: true,
  giveRuling: true,
  challengeRuling: true,
  decideChallenge: true,
  takeVote: true,
  closeMeeting: true,
  bringCharges: true,
  replyToCharges: true,
  scheduleHearing: true,
  holdHearing: true,
  decideCase: true,
  appealDecision: true,
  decideAppeal: true,
  enforcePenalty: true,
  callBallot: true,
  publishCredentials: true,
  certifyTrustee: true,
  commitTrustee: true,
  verifyTrustee: true,
  openBallot: true,
  castBallot: true,
  refuseBallot: true,
  closeBallot: true,
  decryptTally: true,
};

interface Document {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, { oneOf?: { properties: { type: { const: string } } }[] }> };
}

describe('the OpenAPI document', () => {
  it('describes exactly the routes the server registers under /api', async () => {
    const registered = new Set<string>();
    const probe = Fastify();
    probe.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) if (method !== 'HEAD') registered.add(`${method} ${route.url}`);
    });
    await probe.register(fastifyWebsocket);
    await registerRoutes(probe, { plenum, version: 'test', webRoot: null });
    await probe.ready();
    await probe.close();
    // The WebSocket and the document itself are not JSON operations it describes.
    const api = [...registered]
      .filter((r) => r.split(' ')[1]?.startsWith('/api/'))
      .filter((r) => r !== 'GET /api/live' && r !== 'GET /api/openapi.json')
      .sort();
    const table = API_ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    expect(table).toEqual(api);
    expect(api.length).toBeGreaterThanOrEqual(14);
  });

  it('is served as OpenAPI 3.1.0 JSON whose paths, references and command types are whole', async () => {
    const app = await buildServer({ plenum, version: '1.2.3', webRoot: null, logLevel: 'silent' });
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    await app.close();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    const document = JSON.parse(response.body) as Document;
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(API_ROUTES.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());
    // Every $ref names a schema the document has.
    const refs = [...response.body.matchAll(/"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(document.components.schemas, ref).toHaveProperty(ref);
    expect(response.body).not.toContain('"$ref":"#/components/schemas/undefined"');
    // The command schema has one variant per command of the rules engine, and no other.
    const variants = document.components.schemas['GovernanceCommand']?.oneOf ?? [];
    expect(variants.map((v) => v.properties.type.const).sort()).toEqual(Object.keys(COMMAND_TYPES).sort());
    expect(Object.keys(document.paths['/api/commands']?.['post']?.responses ?? {})).toEqual(
      expect.arrayContaining(['201', '400', '403', '409', '422']),
    );
  });

  it('bounds input by the same rules as the domain', () => {
    for (const sample of [
      'm0001',
      'a',
      'assembly-br-rio',
      'x_1',
      'A1',
      '1a',
      '',
      'a b',
      'a'.repeat(64),
      'a'.repeat(65),
    ]) {
      expect(ID_PATTERN.test(sample), sample).toBe(isId(sample));
    }
    expect(MAX_STATUTE_TEXT).toBe(MAX_STATUTE_LENGTH);
  });
});
