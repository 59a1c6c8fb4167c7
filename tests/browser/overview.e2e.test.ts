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
const STATUTE_TITLE = "Statute of the International Federation of Workers' Councils";
/** The demo's sections, with the members of all their branches and how many branches they have. */
const SECTION_MEMBERS: Record<string, number> = {
  'Seção Brasileira': 68,
  'Sektion Deutschland': 43,
  'Sección Española': 44,
  'Российская секция': 41,
};
const BRANCHES_PER_SECTION: Record<string, number> = {
  'Seção Brasileira': 4,
  'Sektion Deutschland': 3,
  'Sección Española': 3,
  'Российская секция': 3,
};

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
    const heading = page.getByRole('heading', { level: 1, name: FEDERATION });
    await heading.waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // The root's level as the statute names it, above the name; the statute below it.
    expect(await page.locator('.page-eyebrow').textContent()).toBe('Federation');
    await page.getByText(`${STATUTE_TITLE}, version 1`, { exact: true }).waitFor();
    expect(await page.title()).toBe(`${FEDERATION} · Plenum`);

    expect(memberTotal).toBe(196);
    const total = page.getByText(`${memberTotal.toLocaleString('en-US')} members`, { exact: true });
    await total.waitFor();
    expect(await total.isVisible()).toBe(true);
    // The federation, its 4 sections and their 13 branches.
    await page.getByText('18 units', { exact: true }).waitFor();

    // The live WebSocket connects through the server.
    await page.getByText('Live', { exact: true }).waitFor();

    // This server signs no log (no log key given): the record panel says so.
    const record = page.getByRole('region', { name: 'Public record' });
    await record.getByText('This server does not sign its record, so it cannot be checked from outside yet.').waitFor();
  });

  it('shows the units level by level: a card for each section, its branches and their members', async () => {
    const structure = page.getByRole('region', { name: 'Structure' });
    const cards = structure.getByRole('heading', { level: 3 });
    expect(await cards.allTextContents()).toEqual(
      Object.keys(SECTION_MEMBERS).sort(new Intl.Collator('en-US').compare),
    );
    for (const [section, members] of Object.entries(SECTION_MEMBERS)) {
      const card = structure
        .locator('.section')
        .filter({ has: page.getByRole('heading', { level: 3, name: section }) });
      const branches = BRANCHES_PER_SECTION[section]!;
      expect(await card.locator('.section-meta').textContent()).toBe(
        `Section · ${branches} units · ${members} members`,
      );
      expect(await card.locator('.branch').count()).toBe(branches);
    }
    const saoPaulo = structure.locator('summary', { hasText: 'Núcleo São Paulo' });
    expect(await saoPaulo.locator('.branch-count').textContent()).toBe('24 members');
    const sum = Object.values(SECTION_MEMBERS).reduce((a, b) => a + b, 0);
    expect(sum).toBe(memberTotal);
  });

  it('shows the bodies from the federation down, with their members', async () => {
    const bodies = page.getByRole('region', { name: 'Bodies' }).locator('.body');
    // The federation's three bodies first, by name; then the thirteen branch assemblies.
    expect(await bodies.count()).toBe(16);
    expect((await bodies.locator('.body-name').allTextContents()).slice(0, 3)).toEqual([
      'Central Committee',
      'Congress',
      'Control Commission',
    ]);
    const body = (name: string) =>
      bodies.filter({ has: page.locator('.body-name').filter({ hasText: new RegExp(`^${name}$`) }) });
    // Elected bodies count the holders of their seats: 15 on the committee, 5 on the commission,
    // and the congress its 40 delegates (apportioned among the branches from the frozen roll).
    expect(await body('Central Committee').locator('.body-members').textContent()).toBe('15 members');
    expect(await body('Control Commission').locator('.body-members').textContent()).toBe('5 members');
    expect(await body('Congress').locator('.body-members').textContent()).toBe('40 members');
    // The name says what the committee is; a branch assembly's kind is the statute's word, made readable.
    expect(await body('Central Committee').locator('.body-kind').count()).toBe(0);
    expect(await body('Central Committee').locator('.body-scope').textContent()).toBe(`of ${FEDERATION}`);
    const assembly = body('Núcleo São Paulo');
    expect(await assembly.locator('.body-kind').textContent()).toBe('Branch assembly');
    expect(await assembly.locator('.body-scope').textContent()).toBe('of Núcleo São Paulo');
    expect(await assembly.locator('.body-members').textContent()).toBe('24 members');
  });

  it('switches to Portuguese and remembers the choice', async () => {
    await page.getByLabel('Language', { exact: true }).selectOption('pt-BR');
    await page.getByRole('heading', { level: 2, name: 'Estrutura' }).waitFor();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('pt-BR');
    // The organisation's name and its statute's words are its own; the interface around them is translated.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(FEDERATION);
    await page.getByText(`${STATUTE_TITLE}, versão 1`, { exact: true }).waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Estrutura' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('pt-BR');
    expect(await page.getByLabel('Idioma', { exact: true }).inputValue()).toBe('pt-BR');
    await page.getByText(`${memberTotal.toLocaleString('pt-BR')} membros`, { exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Órgãos' }).waitFor();
  });

  it('lists a branch’s members by family name, each with the day they joined, when it is opened', async () => {
    await page.locator('summary', { hasText: 'Núcleo São Paulo' }).click();
    const members = page.locator('details[open] .member');
    await members.first().waitFor();
    expect(await members.count()).toBe(24);
    const names = await members.locator('.family-name').allTextContents();
    expect(names).toEqual([...names].sort(new Intl.Collator('pt-BR').compare));

    // Each date is the day the membership began, as the server has it, written the Brazilian way.
    const response = await fetch(new URL('api/units/br-sao-paulo/members', server!.url));
    const served = ((await response.json()) as { members: { since: string }[] }).members.map((m) => m.since);
    const times = await members.locator('time').all();
    const days = await Promise.all(times.map(async (time) => (await time.getAttribute('datetime')) ?? ''));
    expect([...days].sort()).toEqual([...served].sort());
    const brazilian = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'medium', timeZone: 'UTC' });
    const texts = await members.locator('time').allTextContents();
    days.forEach((day, i) => {
      // The founding roll keeps the days members joined before the organisation moved onto Plenum.
      expect(day < '2026-01-10').toBe(true);
      expect(texts[i]).toBe(`membro desde ${brazilian.format(new Date(`${day}T00:00:00Z`))}`);
    });
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
