// What the browser tests share: where the built web app is, and a headless Chromium.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_ROOT = join(ROOT, 'packages/web/dist');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Fails (rather than skips) when the web app is not built: `npm run build` comes first. */
export function requireWebBuild(): void {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(
      `${join(WEB_ROOT, 'index.html')} is missing: the browser test needs the built web app. Run \`npm run build\` first.`,
    );
  }
}

/** Debian's Chromium (or CHROMIUM_PATH), headless, with nothing running in the background. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects script errors and console errors (a CSP violation, a failed request) of a page. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}
