/**
 * The performance account, the person search in the top bar and the public transparency page, in Chromium
 * at 1366 px and 360 px, with an axe-core accessibility scan (no serious or critical violations).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Harness, PHONE, SCREENSHOTS, shot, signIn, startHarness } from './harness.ts';

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

/** Like the harness's openPage, but the page lets axe-core be injected despite the strict CSP. */
async function openPage(viewport = DESKTOP) {
  const context = await h.browser.newContext({
    viewport,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    bypassCSP: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  page.setDefaultTimeout(15_000);
  return { context, page, errors };
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core over the whole document; returns the serious and critical violations. */
async function axeSerious(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Elements that stick out to the right of the viewport (the page would scroll sideways); empty when none. */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (document.documentElement.scrollWidth <= window.innerWidth + 1) return [];
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 1 && r.width > 0 && !el.closest('.table-wrap'))
        out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(r.right)}`);
    }
    return out.slice(0, 15);
  });
}

async function employeeByPosition(code: string) {
  return h.db.kysely
    .selectFrom('employees as e')
    .innerJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.position_id'),
    )
    .innerJoin('tenants as t', 't.id', 'e.tenant_id')
    .select(['e.id', 'e.nip', 'e.name'])
    .where('t.slug', '=', 'surabaya')
    .where('p.code', '=', code)
    .executeTakeFirstOrThrow();
}

describe('performance account', () => {
  it('the pegawai opens their own account from the home page', async () => {
    const { context, page, errors } = await openPage(DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'pegawai');
    await page.getByTestId('home-account').click();
    await page.waitForURL(/\/akun$/);
    const account = page.getByTestId('account-page');
    await account.waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Akun kinerja saya');
    // the demo months are September–November: go back to November
    const current = await page.getByTestId('month-input').inputValue();
    if (current !== '2026-11') await page.getByTestId('month-input').fill('2026-11');
    await page
      .getByTestId('account-timeline')
      .getByText(/November 2026/)
      .waitFor();
    const progress = Number(await page.getByTestId('account-skp-progress').getAttribute('data-progress'));
    expect(progress).toBeGreaterThan(0);
    expect(await page.getByTestId('account-indicator').count()).toBeGreaterThan(0);
    const gauge = page.getByTestId('account-workload').getByTestId('workload-gauge');
    expect(Number(await gauge.getAttribute('data-ratio'))).toBeGreaterThan(0);
    expect(await page.getByTestId('account-activity').count()).toBeGreaterThan(5);
    // optional blocks show their empty states until their modules provide data
    await page.getByTestId('account-tpp').waitFor();
    await page.getByTestId('account-predikat').waitFor();
    await shot(page, 'akun-desktop');
    await page.screenshot({ path: `${SCREENSHOTS}akun-desktop-full.png`, fullPage: true });
    await page.getByTestId('account-skp').screenshot({ path: `${SCREENSHOTS}akun-skp-desktop.png` });
    const violations = await axeSerious(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the same account on a phone', async () => {
    const { context, page, errors } = await openPage(PHONE);
    await signIn(page, h.baseUrl, 'surabaya', 'pegawai');
    await page.goto(`${h.baseUrl}/akun?bulan=2026-11`);
    await page.getByTestId('account-page').waitFor();
    await page.getByTestId('account-activity').first().waitFor();
    expect(await overflowing(page)).toEqual([]);
    await shot(page, 'akun-phone');
    await page.getByTestId('account-skp').scrollIntoViewIfNeeded();
    await shot(page, 'akun-phone-skp');
    const violations = await axeSerious(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('person search in the top bar', () => {
  it('the mayor presses /, types a NIP and opens the account with Enter', async () => {
    const target = await employeeByPosition('DINKES.B1.S1');
    const { context, page, errors } = await openPage(DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'walikota');
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    const input = page.getByTestId('person-search-input');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('person-search-input');
    await input.pressSequentially(target.nip.slice(0, 14), { delay: 20 });
    const option = page.getByTestId('person-search-option').first();
    await option.waitFor();
    expect(await option.textContent()).toContain(target.name);
    await shot(page, 'cari-pegawai-desktop');
    await page.keyboard.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBeTruthy();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/akun/${target.id}`));
    const account = page.getByTestId('account-page');
    await account.waitFor();
    expect(await account.getAttribute('data-employee')).toBe(target.id);
    await page.getByRole('heading', { level: 1, name: target.name }).waitFor();
    expect(await input.inputValue()).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a phone the search opens from the top bar button', async () => {
    const target = await employeeByPosition('DINKES.B1.S1');
    const { context, page, errors } = await openPage(PHONE);
    await signIn(page, h.baseUrl, 'surabaya', 'walikota');
    await page.getByTestId('person-search-toggle').click();
    const input = page.getByTestId('person-search-input');
    await input.pressSequentially(target.nip, { delay: 10 });
    const option = page.getByTestId('person-search-option').first();
    await option.waitFor();
    await shot(page, 'cari-pegawai-phone');
    await option.click();
    await page.waitForURL(new RegExp(`/akun/${target.id}`));
    await page.getByTestId('account-page').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the pegawai finds nobody outside their own account', async () => {
    const target = await employeeByPosition('DINKES.B1.S1');
    const { context, page, errors } = await openPage(DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'pegawai');
    const input = page.getByTestId('person-search-input');
    await input.click();
    await input.pressSequentially(target.nip.slice(0, 14), { delay: 10 });
    await page
      .getByRole('listbox', { name: 'Hasil pencarian pegawai' })
      .getByText('Tidak ditemukan, atau di luar kewenangan Anda.')
      .waitFor();
    expect(await page.getByTestId('person-search-option').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('public transparency page', () => {
  it('an anonymous visitor opens /publik/surabaya (no redirect to the sign-in page)', async () => {
    const { context, page, errors } = await openPage(DESKTOP);
    await page.goto(`${h.baseUrl}/publik/surabaya`);
    await page.getByTestId('public-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/publik/surabaya');
    await page.getByRole('heading', { level: 1, name: /Kota Surabaya/ }).waitFor();
    const rows = page.getByTestId('public-skp-table').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(10);
    expect(await page.getByTestId('public-goal').count()).toBeGreaterThan(0);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/\d{18}/);
    await shot(page, 'publik-desktop');
    await page.screenshot({ path: `${SCREENSHOTS}publik-desktop-full.png`, fullPage: true });
    const violations = await axeSerious(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a phone, and from the sign-in page link', async () => {
    const { context, page, errors } = await openPage(PHONE);
    await page.goto(`${h.baseUrl}/masuk`);
    await page.getByTestId('login-form').locator('select').selectOption('surabaya');
    await page.getByTestId('login-public-link').click();
    await page.waitForURL(/\/publik\/surabaya$/);
    await page.getByTestId('public-page').waitFor();
    expect(await overflowing(page)).toEqual([]);
    await shot(page, 'publik-phone');
    const violations = await axeSerious(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await page.goto(`${h.baseUrl}/publik/atlantis`);
    await page.getByText('Kota tidak ditemukan').waitFor();
    // the 404 of the unknown city is the only console error
    expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
    await context.close();
  });
});
