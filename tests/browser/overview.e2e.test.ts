// The browser application against a real server: the demo organisation in a temporary
// SQLite store, served with the built web app (packages/web/dist), driven by headless
// Chromium. Needs `npm run build` first; it fails (rather than skips) without the build.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Plenum, type StoragePort } from '@plenum/app';
import { startServer } from '@plenum/server';
import { openSqliteStorage } from '@plenum/storage-sqlite';
import { ARTIFACTS, PNG_SIGNATURE, WEB_ROOT, collectPageErrors, launchChromium, requireWebBuild } from './harness.ts';

const SCREENSHOT = join(ARTIFACTS, 'overview-pt-BR.png');
const FEDERATION = 'International Federation of Workers’ Councils';

describe('the overview in a browser', () => {
  let dataDir: string | undefined;
  let storage: StoragePort | undefined;
  let server: { readonly url: string; readonly close: () => Promise<void> } | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let memberTotal: number;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    requireWebBuild();
    dataDir = mkdtempSync(join(tmpdir(), 'plenum-e2e-'));
    storage = await openSqliteStorage(join(dataDir, 'plenum.sqlite'));
    const plenum = new Plenum(storage, { origin: 'plenum.test/e2e-overview' });
    memberTotal = (await plenum.ensureDemo()).members;
    server = await startServer({
      plenum,
      version: '0.0.0-test',
      webRoot: WEB_ROOT,
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
    });
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // Script errors and console errors (a CSP violation, a failed request) fail the test.
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await storage?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the organisation in the browser’s language, English', async () => {
    await page.goto(server!.url);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.textContent()).toBe('Organisation overview');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    const federation = page.getByText(FEDERATION, { exact: true });
    await federation.waitFor();
    expect(await federation.isVisible()).toBe(true);

    expect(memberTotal).toBeGreaterThan(0);
    const total = page.getByText(`${memberTotal.toLocaleString('en-US')} members`, { exact: true });
    await total.waitFor();
    expect(await total.isVisible()).toBe(true);

    // The live WebSocket connects through the server.
    await page.getByText('Live', { exact: true }).waitFor();

    // This server signs no log (no log key given): the record panel says so.
    const record = page.getByRole('region', { name: 'Public record' });
    await record.getByText('This server does not sign its record, so it cannot be checked from outside yet.').waitFor();
  });

  it('switches to Portuguese and remembers the choice', async () => {
    await page.getByLabel('Language', { exact: true }).selectOption('pt-BR');
    const heading = page.getByRole('heading', { level: 1, name: 'Visão geral da organização' });
    await heading.waitFor();
    expect(await heading.textContent()).toBe('Visão geral da organização');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('pt-BR');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Visão geral da organização' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('pt-BR');
    expect(await page.getByLabel('Idioma', { exact: true }).inputValue()).toBe('pt-BR');
    await page.getByText(`${memberTotal.toLocaleString('pt-BR')} membros`, { exact: true }).waitFor();
  });

  it('lists a branch’s members by family name when it is opened', async () => {
    await page.locator('summary', { hasText: 'Núcleo São Paulo' }).click();
    const familyNames = page.locator('details[open] .member .family-name');
    await familyNames.first().waitFor();
    const names = await familyNames.allTextContents();
    expect(names.length).toBeGreaterThan(1);
    expect(names).toEqual([...names].sort(new Intl.Collator('pt-BR').compare));
  });

  it('saves a screenshot of the Portuguese overview', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    rmSync(SCREENSHOT, { force: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const png = readFileSync(SCREENSHOT);
    expect(png.length).toBeGreaterThan(PNG_SIGNATURE.length);
    expect(png.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('raised no script or console errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
