import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../src/core/config.ts';
import { type Db, migrateToLatest, openDatabase } from '../../src/db/index.ts';
import { seedDemoIfEmpty } from '../../src/seed/demo.ts';
import { buildApp } from '../../src/server/app.ts';
import type { App } from '../../src/server/types.ts';

export const SCREENSHOTS = new URL('./screenshots/', import.meta.url).pathname;
export const DESKTOP = { width: 1366, height: 860 };
export const PHONE = { width: 360, height: 740 };

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Harness {
  baseUrl: string;
  browser: Browser;
  app: App;
  db: Db;
  close: () => Promise<void>;
}

/** The real server (built web app + API) on a fresh seeded SQLite file, and Debian's Chromium. */
export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'kinerja-e2e-'));
  const db = openDatabase(`sqlite:${join(dir, 'kinerja.db')}`);
  await migrateToLatest(db);
  await seedDemoIfEmpty(db);
  const app = await buildApp({
    config: loadConfig({ PORT: '0', RATE_LIMIT_MAX: '100000', LOGIN_RATE_LIMIT_MAX: '1000' }),
    db,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    app,
    db,
    close: async () => {
      await browser.close();
      await app.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A page that fails the test on any console error or uncaught exception. */
export async function openPage(
  h: Harness,
  viewport = DESKTOP,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await h.browser.newContext({ viewport, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  page.setDefaultTimeout(15_000);
  return { context, page, errors };
}

export async function signIn(
  page: Page,
  baseUrl: string,
  city: string,
  username: string,
  password = 'kinerja2026',
) {
  await page.goto(`${baseUrl}/masuk`);
  const form = page.getByTestId('login-form');
  await form.locator('select').selectOption(city);
  await form.getByLabel(/Nama pengguna|Username/).fill(username);
  await form.getByLabel(/Kata sandi|Password/).fill(password);
  await form.getByRole('button', { name: /Masuk|Sign in/ }).click();
  await page.getByTestId('logout').waitFor();
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: false });
