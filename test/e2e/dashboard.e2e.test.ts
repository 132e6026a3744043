/**
 * The mayor's city dashboard in Chromium: the drill-down city → OPD → unit → person in four clicks with the
 * filters in the URL, live figures while the demo pegawai logs an activity in another browser, the chart
 * tools (table view, PNG, XLSX), screenshots at 1366 px and 360 px, and an axe-core scan.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../../src/core/events.ts';
import { registerDashboardSources } from '../../src/modules/dashboard/sources.ts';
import { DESKTOP, type Harness, PHONE, SCREENSHOTS, shot, signIn, startHarness } from './harness.ts';

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

let h: Harness;
let pegawaiId = '';
let opdName = '';
beforeAll(async () => {
  h = await startHarness();
  const row = await h.db.kysely
    .selectFrom('users as u')
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .select('u.employee_id')
    .where('t.slug', '=', 'surabaya')
    .where('u.username', '=', 'pegawai')
    .executeTakeFirstOrThrow();
  pegawaiId = row.employee_id as string;
  opdName = (
    await h.db.kysely
      .selectFrom('units as u')
      .innerJoin('tenants as t', 't.id', 'u.tenant_id')
      .select('u.name')
      .where('t.slug', '=', 'surabaya')
      .where('u.code', '=', 'DISBUDPORAPAR')
      .executeTakeFirstOrThrow()
  ).name;
}, 120_000);
afterAll(() => h?.close());

/** A page that fails the test on console errors; CSP bypassed so that axe-core can be injected. */
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
  page.setDefaultTimeout(15_000);
  return { context, page, errors };
}

const number = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));
const kpi = (page: Page, id: string) => page.getByTestId(id).locator('.kpi-value');

async function waitForDashboard(page: Page) {
  await page.getByTestId('ranking').waitFor();
  await page.getByTestId('chart-histogram').getByTestId('echart').locator('canvas').first().waitFor();
}

describe('the city dashboard', () => {
  it('the walikota drills from the city to a person in four clicks; filters stay in the URL', async () => {
    const { context, page, errors } = await openPage(DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'walikota');
    // 1: the city
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Dasbor kota' })
      .click();
    await waitForDashboard(page);
    expect(await page.locator('h1').textContent()).toBe('Dasbor kota');
    // 2: the OPD
    await page.getByTestId('ranking-row').getByRole('link', { name: opdName }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(opdName);
    await waitForDashboard(page);
    // 3: the unit (the tourism field)
    await page.getByTestId('ranking-row').getByRole('link', { name: 'Bidang Pariwisata' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Bidang Pariwisata');
    await page.getByTestId('people').waitFor();
    await shot(page, 'dasbor-unit-1366');
    // 4: the person, in their performance account
    await page.locator(`[data-testid="drill-person"][href="/akun/${pegawaiId}"]`).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/akun/${pegawaiId}`);
    // back: the unit again, then the OPD
    await page.goBack();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Bidang Pariwisata');
    await page.goBack();
    await expect.poll(() => page.locator('h1').textContent()).toBe(opdName);

    // a shared link: November, ranked by the month's activities
    await page.goto(`${h.baseUrl}/dasbor?bulan=2026-11&urut=activitiesMonth&arah=desc`);
    await waitForDashboard(page);
    expect(await page.getByTestId('month-input').inputValue()).toBe('2026-11');
    expect(await page.getByTestId('kpi-month').getAttribute('aria-pressed')).toBe('true');
    const city = await page.evaluate(async () =>
      (await fetch('/api/v1/dashboard/city?month=2026-11')).json(),
    );
    const top = [...city.ranking]
      .filter((r: { direct: boolean }) => !r.direct)
      .sort(
        (a: { activitiesMonth: number }, b: { activitiesMonth: number }) =>
          b.activitiesMonth - a.activitiesMonth,
      )[0];
    const first = page.getByTestId('ranking-row').first();
    expect(await first.getAttribute('data-unit')).toBe(top.unitId);
    // sorting by another column changes the URL (shareable)
    await page.getByTestId('sort-inactive').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('urut')).toBe('inactive');
    await first.getByTestId('drill').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(top.name);
    const params = new URL(page.url()).searchParams;
    expect(params.get('bulan')).toBe('2026-11');
    expect(params.get('urut')).toBe('inactive');
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/dasbor');
    expect(new URL(page.url()).searchParams.get('bulan')).toBe('2026-11');
    // the search finds a person by NIP from the dashboard
    const nip = (
      await page.evaluate(async (id) => (await fetch(`/api/v1/org/employees/${id}`)).json(), pegawaiId)
    ).nip as string;
    await page.getByTestId('dashboard-search').fill(nip.slice(0, 14));
    await page.getByTestId('dashboard-search-person').first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/akun/${pegawaiId}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an activity logged by the pegawai in another browser appears without a reload', async () => {
    const mayor = await openPage(DESKTOP);
    await signIn(mayor.page, h.baseUrl, 'surabaya', 'walikota');
    await mayor.page.goto(`${h.baseUrl}/dasbor`);
    await waitForDashboard(mayor.page);
    await expect.poll(() => mayor.page.getByTestId('live-status').getAttribute('data-state')).toBe('live');
    const before = number(await kpi(mayor.page, 'kpi-today').textContent());
    await mayor.page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    const pegawai = await openPage(PHONE);
    await signIn(pegawai.page, h.baseUrl, 'surabaya', 'pegawai');
    await pegawai.page.goto(`${h.baseUrl}/aktivitas`);
    await pegawai.page.getByTestId('activity-form').waitFor();
    await pegawai.page.getByTestId('activity-search').fill('perahu');
    await pegawai.page.getByTestId('activity-option').first().click();
    await pegawai.page.getByTestId('activity-quantity').fill('1');
    await pegawai.page.getByTestId('activity-submit').click();
    await pegawai.page.getByTestId('activity-saved').waitFor();

    await expect
      .poll(async () => number(await kpi(mayor.page, 'kpi-today').textContent()), { timeout: 10_000 })
      .toBe(before + 1);
    expect(
      await mayor.page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
    expect(await mayor.page.getByTestId('updated-ago').textContent()).toMatch(/diperbarui/);
    expect(mayor.errors).toEqual([]);
    expect(pegawai.errors).toEqual([]);
    await pegawai.context.close();
    await mayor.context.close();
  });

  it('charts have a table view and export PNG and XLSX; screenshots at 1366 px and 360 px', async () => {
    // predikat and TPP as their modules will provide them (a fixed spread here), to see those blocks drawn
    const tenantId = (
      await h.db.kysely
        .selectFrom('tenants')
        .select('id')
        .where('slug', '=', 'surabaya')
        .executeTakeFirstOrThrow()
    ).id;
    const people = await h.db.kysely
      .selectFrom('employees')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'active')
      .orderBy('id')
      .execute();
    const grades = ['baik', 'baik', 'sangat_baik', 'baik', 'butuh_perbaikan', 'baik', 'kurang'] as const;
    registerDashboardSources({
      predikat: async (_db, t) =>
        t === tenantId
          ? {
              year: 2026,
              kind: 'q3',
              byEmployee: people.map((p, i) => ({ employeeId: p.id, predikat: grades[i % grades.length] })),
              curve: [
                { predikat: 'baik', minShare: null, maxShare: 70 },
                { predikat: 'butuh_perbaikan', minShare: 5, maxShare: null },
              ],
            }
          : null,
      tpp: async (_db, t, at) =>
        t === tenantId
          ? {
              month: at.month,
              status: 'draft',
              byEmployee: people.map((p, i) => ({ employeeId: p.id, netto: 4_500_000 + (i % 9) * 250_000 })),
            }
          : null,
    });
    publish({ tenantId, kind: 'evaluation.changed' });
    publish({ tenantId, kind: 'tpp.changed' });
    const { context, page, errors } = await openPage(DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'walikota');
    await page.goto(`${h.baseUrl}/dasbor?bulan=2026-11`);
    await waitForDashboard(page);
    await page.getByTestId('kpi-tpp').waitFor();
    expect(await kpi(page, 'kpi-predikat').textContent()).toMatch(/%/);
    for (const id of ['chart-predikat', 'chart-goals', 'chart-trend', 'chart-heatmap'])
      await page.getByTestId(id).getByTestId('echart').locator('canvas').first().waitFor();
    await page.waitForTimeout(600);
    await shot(page, 'dasbor-kota-1366');
    await page.screenshot({ path: `${SCREENSHOTS}dasbor-kota-1366-full.png`, fullPage: true });

    const hist = page.getByTestId('chart-histogram');
    const png = page.waitForEvent('download');
    await hist.getByTestId('export-png').click();
    expect((await png).suggestedFilename()).toMatch(/^dasbor-.*-distribusi-2026-11\.png$/);
    const xlsx = page.waitForEvent('download');
    await hist.getByTestId('export-xlsx').click();
    const file = await xlsx;
    expect(file.suggestedFilename()).toMatch(/histogram-2026-11\.xlsx$/);
    await hist.getByTestId('view-table').click();
    const api = await page.evaluate(async () => (await fetch('/api/v1/dashboard/city?month=2026-11')).json());
    const cells = await hist
      .getByTestId('table-histogram')
      .locator('tbody tr td:nth-child(2)')
      .allTextContents();
    expect(cells.map(number)).toEqual(api.histogram.buckets.map((b: { count: number }) => b.count));

    await page.setViewportSize(PHONE);
    await page.goto(`${h.baseUrl}/dasbor?bulan=2026-11`);
    await waitForDashboard(page);
    await page.waitForTimeout(600);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await shot(page, 'dasbor-kota-360');
    await page.screenshot({ path: `${SCREENSHOTS}dasbor-kota-360-full.png`, fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
    registerDashboardSources({ predikat: undefined, tpp: undefined });
    publish({ tenantId, kind: 'evaluation.changed' });
    publish({ tenantId, kind: 'tpp.changed' });
  });

  it('axe-core finds no serious or critical violations on the city and a unit dashboard', async () => {
    const { context, page, errors } = await openPage(DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'walikota');
    for (const path of [
      '/dasbor?bulan=2026-11',
      `/dasbor/unit/${await unitIdOf('DISBUDPORAPAR.B1')}?bulan=2026-11`,
    ]) {
      await page.goto(`${h.baseUrl}${path}`);
      await waitForDashboard(page);
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
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});

async function unitIdOf(code: string): Promise<string> {
  const row = await h.db.kysely
    .selectFrom('units as u')
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .select('u.id')
    .where('t.slug', '=', 'surabaya')
    .where('u.code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}
