/**
 * TPP in Chromium: BKPSDM computes a month with a progress indicator, checks and locks the November run
 * (with a confirmation), and downloads the payroll XLSX of an OPD; the employee opens "TPP saya" and reads
 * the explanation and the warnings. Screenshots at 1366 px and 360 px, an axe-core scan (no serious or
 * critical violations) and no sideways scrolling on phones.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Harness, PHONE, shot, signIn, startHarness } from './harness.ts';

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

async function openPage(viewport = DESKTOP) {
  const context = await h.browser.newContext({
    viewport,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    bypassCSP: true,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  page.setDefaultTimeout(20_000);
  return { context, page, errors };
}

async function axeSerious(page: Page) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

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

const monthBefore = (n: number) => {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  const d = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1 - n, 1));
  return d.toISOString().slice(0, 7);
};

describe('BKPSDM closes a TPP month', () => {
  it('computes a month with a progress indicator', async () => {
    const { context, page, errors } = await openPage(DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'bkpsdm');
    await page.getByRole('link', { name: 'Proses TPP' }).click();
    await page.getByTestId('tpp-run-list').waitFor();
    expect(await page.getByTestId('tpp-run-row').count()).toBe(2);
    await shot(page, 'tpp-runs-desktop');
    // August has no run yet: compute it (the answer is held back a moment, so the progress shows)
    await page.route('**/api/v1/tpp/runs', async (route) => {
      if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.getByTestId('tpp-month').fill('2026-08');
    await page.getByTestId('tpp-create').click();
    await page.getByTestId('tpp-progress').waitFor();
    await page.getByTestId('tpp-run').waitFor();
    await expect.poll(() => page.getByTestId('tpp-status').first().getAttribute('data-status')).toBe('draft');
    expect(await page.getByTestId('tpp-reconciled').getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('tpp-opd-row').count()).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('checks and locks November with a confirmation, then the payroll XLSX of an OPD downloads', async () => {
    const { context, page, errors } = await openPage(DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'bkpsdm');
    await page.goto(`${h.baseUrl}/tpp/proses`);
    const nov = page.locator(`[data-testid="tpp-run-row"][data-month="${monthBefore(1)}"]`);
    await nov.getByRole('link').click();
    await page.getByTestId('tpp-run').waitFor();
    await page.getByTestId('tpp-check').click();
    await expect
      .poll(() => page.getByTestId('tpp-status').first().getAttribute('data-status'))
      .toBe('checked');
    await page.getByTestId('tpp-lock').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await shot(page, 'tpp-lock-confirm-desktop');
    await dialog.getByRole('button', { name: 'Ya, kunci' }).click();
    await expect
      .poll(() => page.getByTestId('tpp-status').first().getAttribute('data-status'))
      .toBe('locked');
    expect(await page.getByTestId('tpp-recompute').count()).toBe(0);
    // open the tourism agency's lines
    const row = page.getByTestId('tpp-opd-row').filter({ hasText: 'Pariwisata' });
    await row.getByRole('button').click();
    await page.getByTestId('tpp-line-row').first().waitFor();
    await shot(page, 'tpp-run-desktop');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByTestId('tpp-export-opd').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^TPP-\d{4}-\d{2}-dinas-kebudayaan.*\.xlsx$/);
    const path = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path as string) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    let header = 0;
    let total: unknown[] = [];
    let rows = 0;
    sheet.eachRow((r, n) => {
      if (r.getCell(1).value === 'No' && !header) header = n;
      else if (header && typeof r.getCell(1).value === 'number' && n > header + 1) rows++;
      if (String(r.getCell(2).value ?? '').startsWith('JUMLAH')) total = (r.values as unknown[]).slice(1);
    });
    expect(rows).toBeGreaterThan(5);
    expect(Number(total[11])).toBeGreaterThan(0);
    expect(String(sheet.getRow(5).getCell(1).value)).toMatch(/FINAL/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the run page and the settings at phone width', async () => {
    const { context, page, errors } = await openPage(PHONE);
    await signIn(page, h.baseUrl, 'surabaya', 'bkpsdm');
    await page.goto(`${h.baseUrl}/tpp/proses`);
    await page.getByTestId('tpp-run-list').waitFor();
    await shot(page, 'tpp-runs-phone');
    expect(await overflowing(page)).toEqual([]);
    await page
      .locator(`[data-testid="tpp-run-row"][data-month="${monthBefore(2)}"]`)
      .getByRole('link')
      .click();
    await page.getByTestId('tpp-opd-table').waitFor();
    await shot(page, 'tpp-run-phone');
    expect(await overflowing(page)).toEqual([]);
    expect(await axeSerious(page)).toEqual([]);
    await page.goto(`${h.baseUrl}/pengaturan/tpp`);
    await page.getByTestId('tpp-pagu-table').waitFor();
    expect(await page.getByTestId('tpp-pagu-input').count()).toBe(17);
    await shot(page, 'tpp-settings-phone');
    expect(await overflowing(page)).toEqual([]);
    expect(await axeSerious(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('BKPSDM edits the weights: a total other than 100% is refused in place, a valid one is saved', async () => {
    const { context, page, errors } = await openPage(DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'bkpsdm');
    await page.goto(`${h.baseUrl}/pengaturan/tpp`);
    await page.getByTestId('tpp-pagu-table').waitFor();
    const weight = page.locator('[data-testid="tpp-weight"][data-group="default"]');
    await weight.getByLabel('Disiplin (%)').fill('30');
    await page.getByTestId('tpp-settings-save').click();
    await page.getByRole('alert').filter({ hasText: '100%' }).waitFor();
    await weight.getByTestId('tpp-weight-kinerja').fill('70');
    expect(await weight.getByLabel('Disiplin (%)').inputValue()).toBe('30');
    await page.getByTestId('tpp-settings-save').click();
    await page.getByTestId('tpp-settings-saved').waitFor();
    await shot(page, 'tpp-settings-desktop');
    expect(await axeSerious(page)).toEqual([]);
    // the refused save is the only failed request
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await context.close();
  });
});

describe('the employee reads their TPP', () => {
  it('"TPP saya" explains November line by line, on a desktop and on a phone', async () => {
    for (const [viewport, name] of [
      [DESKTOP, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const { context, page, errors } = await openPage(viewport);
      await signIn(page, h.baseUrl, 'surabaya', 'pegawai');
      await page.goto(`${h.baseUrl}/tpp?bulan=${monthBefore(1)}`);
      await page.getByTestId('tpp-explain').waitFor();
      expect(await page.getByTestId('tpp-segment').count()).toBeGreaterThan(0);
      // locked by BKPSDM above (a draft when this test runs alone)
      expect(await page.getByTestId('tpp-status').first().getAttribute('data-status')).toMatch(
        /^(locked|draft)$/,
      );
      const netto = await page.getByTestId('tpp-netto').textContent();
      expect(netto).toMatch(/^Rp \d{1,3}(\.\d{3})+$/);
      expect(await page.getByTestId('tpp-netto-summary').textContent()).toBe(netto);
      expect(await page.getByTestId('tpp-factor').textContent()).toMatch(/%$/);
      await shot(page, `tpp-me-${name}`);
      if (name === 'phone') expect(await overflowing(page)).toEqual([]);
      expect(await axeSerious(page)).toEqual([]);
      // the running month: an estimate with the reasons it may be cut, each with its deadline
      await page.goto(`${h.baseUrl}/tpp`);
      await page.getByTestId('tpp-summary').waitFor();
      expect(await page.getByTestId('tpp-status').first().getAttribute('data-status')).toBe('estimate');
      await page.getByTestId('tpp-warnings').waitFor();
      const warning = page.getByTestId('tpp-warning').first();
      expect(await warning.textContent()).toMatch(/Batas: \d{1,2} \w{3} \d{4}/);
      await shot(page, `tpp-me-warnings-${name}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('another employee’s TPP is not shown to a pegawai', async () => {
    const { context, page } = await openPage(DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'pegawai');
    const other = await h.db.kysely
      .selectFrom('employees as e')
      .innerJoin('positions as p', (j) =>
        j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.position_id'),
      )
      .select('e.id')
      .where('p.code', '=', 'DISBUDPORAPAR.B1.SUNGAI.KASI')
      .executeTakeFirstOrThrow();
    await page.goto(`${h.baseUrl}/tpp/pegawai/${other.id}`);
    await page.getByText('TPP tidak dapat ditampilkan').waitFor();
    await context.close();
  });
});
