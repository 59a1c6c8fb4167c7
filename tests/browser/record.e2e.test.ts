// The public record panel against a real server: the demo organisation in a temporary SQLite
// store with a signing log key, a witness that cosigns over HTTP exactly as `plenum witness`
// would, and headless Chromium reading the panel. Needs `npm run build` first.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { Plenum, type LogIdentity, type StoragePort } from '@plenum/app';
import { demoActorSecret } from '@plenum/demo';
import { startServer } from '@plenum/server';
import { openSqliteStorage } from '@plenum/storage-sqlite';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  cosignatureSigner,
  ed25519Signer,
  generateSignerKey,
  signNote,
} from '@plenum/log';
import { ARTIFACTS, PNG_SIGNATURE, WEB_ROOT, collectPageErrors, launchChromium, requireWebBuild } from './harness.ts';

const SCREENSHOT = join(ARTIFACTS, 'record-panel.png');
const WITNESS_NAME = 'witness.example/alice';

interface Served {
  readonly dataDir: string;
  readonly storage: StoragePort;
  readonly plenum: Plenum;
  readonly log: LogIdentity;
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** A real server on a temporary SQLite store whose record is signed with a fresh log key. */
async function serve(origin: string, demo: boolean): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), 'plenum-e2e-record-'));
  const storage = await openSqliteStorage(join(dataDir, 'plenum.sqlite'));
  const keys = generateSignerKey(origin, new Uint8Array(randomBytes(32)));
  const log = { origin, signer: ed25519Signer(keys.signerKey), verifierKey: keys.verifierKey };
  const plenum = new Plenum(storage, { log });
  if (demo) await plenum.ensureDemo();
  const server = await startServer({
    plenum,
    version: '0.0.0-test',
    webRoot: WEB_ROOT,
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
  });
  return { dataDir, storage, plenum, log, url: server.url, close: server.close };
}

async function stop(served: Served | undefined): Promise<void> {
  if (served === undefined) return;
  await served.close();
  await served.storage.close();
  rmSync(served.dataDir, { recursive: true, force: true });
}

/** The checkpoint the server serves now, and the parts of its body. */
async function fetchCheckpoint(url: string): Promise<{ note: string; size: number; rootHash: string }> {
  const response = await fetch(new URL('log/checkpoint', url));
  expect(response.status).toBe(200);
  const note = await response.text();
  const [, size, rootHash] = note.split('\n');
  return { note, size: Number(size), rootHash: rootHash ?? '' };
}

/**
 * What a witness does: fetch the checkpoint, cosign its text (C2SP tlog-cosignature) and POST
 * it back with the log's own signature and its cosignature line.
 */
async function cosign(url: string, witness: { signerKey: string; verifierKey: string }, timestamp: number) {
  const { note } = await fetchCheckpoint(url);
  // The text, the blank line and the log's own signature: cosignatures already served are left out.
  const end = note.indexOf('\n\n') + 2;
  const text = note.slice(0, end - 1);
  const logSignature = note.slice(end, note.indexOf('\n', end) + 1);
  const line =
    signNote(text, [cosignatureSigner(witness.signerKey, timestamp)])
      .trimEnd()
      .split('\n')
      .at(-1) ?? '';
  const response = await fetch(new URL('log/cosignature', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ witness: witness.verifierKey, cosigned: `${text}\n${logSignature}${line}\n` }),
  });
  expect(response.status).toBe(201);
}

describe('the public record in a browser', () => {
  let served: Served | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let panel: Locator;
  let pageErrors: string[] = [];
  const witness = generateSignerKey(WITNESS_NAME, new Uint8Array(randomBytes(32)), SIGNATURE_TYPE_COSIGNATURE_V1);
  const cosignedAt = Math.floor(Date.now() / 1000);

  /** The definitions (dd) of a term (dt), exactly that term, in a description list of `scope`. */
  const fact = (scope: Locator, term: string): Locator =>
    scope
      .locator('.fact')
      .filter({
        has: scope
          .page()
          .locator('dt')
          .filter({ hasText: new RegExp(`^${term}$`) }),
      })
      .locator('dd');

  beforeAll(async () => {
    requireWebBuild();
    served = await serve('plenum.test/e2e-record', true);
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(served.url).origin });
    page = await context.newPage();
    pageErrors = collectPageErrors(page);
    panel = page.getByRole('region', { name: 'Public record' });
  });

  afterAll(async () => {
    await browser?.close();
    await stop(served);
  });

  it('says plainly when no witness has cosigned, and what a witness is', async () => {
    await page.goto(served!.url);
    await panel.getByRole('heading', { level: 2, name: 'Public record' }).waitFor();
    await panel.getByText('No witness has cosigned the record yet.', { exact: true }).waitFor();
    const explanation = panel.getByText(/^A witness is anyone/);
    expect(await explanation.textContent()).toContain('runs plenum witness <url> to check that the record never forks');
    expect(await explanation.locator('code').textContent()).toBe('plenum witness <url>');
  });

  it('shows the log, its latest checkpoint and a witness that cosigned it', async () => {
    await cosign(served!.url, witness, cosignedAt);
    await page.reload();
    const witnessItem = panel.getByRole('listitem').filter({ has: page.getByRole('heading', { name: WITNESS_NAME }) });
    await witnessItem.waitFor();

    const events = await served!.storage.eventCount();
    const checkpoint = await fetchCheckpoint(served!.url);
    expect(checkpoint.size).toBe(events);
    expect(await fact(panel, 'Origin').textContent()).toBe('plenum.test/e2e-record');
    expect(await fact(panel, 'Verifier key').locator('code').textContent()).toBe(served!.log.verifierKey);
    expect(await fact(panel, 'Latest checkpoint').textContent()).toBe(`${events.toLocaleString('en-US')} events`);
    expect(await fact(panel, 'Root hash').textContent()).toBe(checkpoint.rootHash);

    expect(await witnessItem.getByText('Up to date: cosigned the latest checkpoint', { exact: true }).count()).toBe(1);
    expect(await fact(witnessItem, 'Key').textContent()).toBe(witness.verifierKey);
    expect(await fact(witnessItem, 'Last cosigned checkpoint').textContent()).toBe(
      `${events.toLocaleString('en-US')} events`,
    );
    const time = fact(witnessItem, 'Cosigned at').locator('time');
    expect(await time.getAttribute('datetime')).toBe(new Date(cosignedAt * 1000).toISOString());
    expect((await time.textContent())?.length).toBeGreaterThan(0);
    expect(await panel.getByText('No witness has cosigned the record yet.').count()).toBe(0);

    // The headline total leads to the panel.
    const total = page.getByRole('link', { name: `The record holds ${events.toLocaleString('en-US')} events.` });
    expect(await total.getAttribute('href')).toBe('#record');
    expect(await panel.getAttribute('id')).toBe('record');
  });

  it('copies the log’s verifier key', async () => {
    await panel.getByRole('button', { name: 'Copy key' }).click();
    await panel.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    // The test project has no DOM types: the page runs this expression as it is.
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(served!.log.verifierKey);
  });

  it('shows the witness behind once the record grows, through the live connection', async () => {
    await page.getByText('Live', { exact: true }).waitFor();
    const before = await served!.storage.eventCount();
    // Three admissions by the Berlin branch assembly (19 members; a quorum is half of them),
    // each by its vote, signed with its (public, demo-only) key.
    const assembly = { kind: 'body', id: 'assembly-de-berlin' } as const;
    const by = served!.plenum.localSigner(assembly, demoActorSecret(assembly));
    const admitted = await served!.plenum.execute(
      ['Clara', 'Antonio', 'Alexandra'].map((givenName, i) => ({
        by,
        command: {
          type: 'admitMember' as const,
          member: { id: `m-record-${i}`, givenName, familyName: 'Witnessed', unitId: 'de-berlin' },
          applicationId: null,
          on: '2026-05-01',
          vote: { yes: 14, no: 1, abstain: 0, present: 15 },
        },
      })),
    );
    expect(admitted).toMatchObject({ ok: true });
    const after = before + 3;
    expect(await served!.storage.eventCount()).toBe(after);

    await panel.getByText('3 events behind the latest checkpoint', { exact: true }).waitFor();
    expect(await fact(panel, 'Latest checkpoint').textContent()).toBe(`${after.toLocaleString('en-US')} events`);
    expect(await fact(panel, 'Root hash').textContent()).toBe((await fetchCheckpoint(served!.url)).rootHash);
    expect(await panel.getByText('Up to date: cosigned the latest checkpoint').count()).toBe(0);
  });

  it('shows a new cosignature as soon as the witness sends it, through the live connection', async () => {
    await cosign(served!.url, witness, cosignedAt + 60);
    await panel.getByText('Up to date: cosigned the latest checkpoint', { exact: true }).waitFor();
    expect(await panel.getByText('3 events behind the latest checkpoint').count()).toBe(0);
  });

  it('saves a screenshot of the panel', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    rmSync(SCREENSHOT, { force: true });
    await panel.screenshot({ path: SCREENSHOT });
    const png = readFileSync(SCREENSHOT);
    expect(png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('labels the panel in Portuguese', async () => {
    await page.getByLabel('Language', { exact: true }).selectOption('pt-BR');
    const ptPanel = page.getByRole('region', { name: 'Registro público' });
    await ptPanel.getByRole('heading', { level: 3, name: 'Testemunhas' }).waitFor();
    const events = await served!.storage.eventCount();
    expect(await fact(ptPanel, 'Último checkpoint').textContent()).toBe(`${events.toLocaleString('pt-BR')} eventos`);
    expect(await fact(ptPanel, 'Chave de verificação').locator('code').textContent()).toBe(served!.log.verifierKey);
    await ptPanel.getByText('Em dia: cossinou o último checkpoint', { exact: true }).waitFor();
    await ptPanel.getByRole('button', { name: 'Copiar chave' }).waitFor();
  });

  it('raised no script or console errors', () => {
    expect(pageErrors).toEqual([]);
  });
});

describe('an empty record in a browser', () => {
  let served: Served | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    requireWebBuild();
    served = await serve('plenum.test/e2e-empty', false);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stop(served);
  });

  it('says that nothing is recorded yet and that no witness has cosigned', async () => {
    const context = await browser!.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const pageErrors = collectPageErrors(page);
    await page.goto(served!.url);
    const panel = page.getByRole('region', { name: 'Public record' });
    await panel.getByText('No events recorded yet', { exact: true }).waitFor();
    expect(await panel.getByText('plenum.test/e2e-empty', { exact: true }).count()).toBe(1);
    expect(await panel.getByText('No witness has cosigned the record yet.', { exact: true }).count()).toBe(1);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
