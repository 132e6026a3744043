/**
 * Evaluation end to end in Chromium at 1366 px and 360 px: the demo atasan evaluates the demo pegawai for
 * the fourth quarter (a departure from the guide needs a reason), the pegawai objects, the atasan's own
 * atasan (the head of the bidang) decides; BKPSDM looks at the curve and calibrates. Each page gets an
 * axe-core scan (no serious or critical violations) and, at phone width, no sideways scrolling.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holderOf, unitId } from '../support/app.ts';
import { DESKTOP, type Harness, PHONE, shot, signIn, startHarness } from './harness.ts';

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

let h: Harness;
let pegawaiName = '';
let evaluationId = '';
let sungai = '';

beforeAll(async () => {
  h = await startHarness();
  // the head of the bidang above the river-tourism section (demo login `kabid`) is the atasan pejabat penilai
  pegawaiName = (
    await h.db.kysely
      .selectFrom('employees')
      .select('name')
      .where('id', '=', await holderOf(h.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI.S1'))
      .executeTakeFirstOrThrow()
  ).name;
  sungai = await unitId(h.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI');
});
afterAll(() => h?.close());

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

async function axeSerious(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
    };
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
  });
  return violations;
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

describe('a quarterly evaluation with an objection', () => {
  it('the atasan evaluates the pegawai for Q4; departing from the guide needs a reason', async () => {
    const { context, page, errors } = await openPage(DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'atasan');
    await page.getByRole('link', { name: 'Penilaian bawahan' }).click();
    await page.getByTestId('eval-kind').selectOption('q4');
    const list = page.getByTestId('eval-subordinates');
    await list.getByRole('heading', { name: /Triwulan IV 2026/ }).waitFor();
    await list.getByRole('link', { name: pegawaiName }).first().waitFor();
    expect(await list.getByTestId('eval-subordinate-row').count()).toBe(3);
    await shot(page, 'penilaian-bawahan-desktop');
    expect(await axeSerious(page)).toEqual([]);

    await list.getByRole('link', { name: pegawaiName }).first().click();
    const form = page.getByTestId('eval-form');
    await form.waitFor();
    expect(await form.getByTestId('eval-rhk').count()).toBeGreaterThan(0);
    expect(await form.getByTestId('eval-value').count()).toBe(7);
    // depart from the guide: the reason box appears and is required
    const guide = await form.getByTestId('hasil-rating').inputValue();
    const other = guide === 'di_atas' ? 'sesuai' : 'di_atas';
    await expect.poll(() => form.getByTestId('hasil-reason').count()).toBe(0);
    await form.getByTestId('hasil-rating').selectOption(other);
    await form.getByTestId('hasil-reason').waitFor();
    await form.getByTestId('value-rating-berorientasi_pelayanan').selectOption('di_atas');
    await form.getByTestId('value-rating-kolaboratif').selectOption('di_atas');
    await form
      .getByTestId('eval-feedback')
      .fill('Pelayanan perahu Kalimas stabil; lengkapi laporan kunjungan tepat waktu.');
    await form.getByTestId('eval-submit').click();
    await form.getByText('Alasan wajib diisi').first().waitFor();
    await shot(page, 'penilaian-form-alasan-desktop');
    await form
      .getByTestId('hasil-reason')
      .fill('Menangani rombongan tambahan saat libur sekolah di luar rencana triwulan.');
    const preview = await form.getByTestId('eval-preview').getAttribute('data-predikat');
    await form.getByTestId('eval-submit').click();
    await form.getByTestId('eval-saved').waitFor();
    await form.getByTestId('eval-status').filter({ hasText: 'Menunggu tanggapan' }).waitFor();
    const saved = await page.evaluate(async (id) => {
      const res = await fetch(`/api/v1/evaluations/skp/${id}/q4`);
      return (await res.json()).evaluation;
    }, new URL(page.url()).pathname.split('/')[3]);
    expect(saved.predikat).toBe(preview);
    expect(saved.hasil).toBe(other);
    evaluationId = saved.id;
    await shot(page, 'penilaian-form-desktop');
    expect(await axeSerious(page)).toEqual([]);
    // the one refused save (no reason) is the only failed request
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(errors.filter((e) => /status of 400/.test(e))).toHaveLength(1);
    await context.close();
  });

  it('the pegawai reads the result on a phone and objects with a reason', async () => {
    const { context, page, errors } = await openPage(PHONE);
    await signIn(page, h.baseUrl, 'surabaya', 'pegawai');
    await page.goto(`${h.baseUrl}/penilaian/saya`);
    const list = page.getByTestId('my-evaluations');
    await list.waitFor();
    const q4 = list.locator('[data-testid="my-evaluation-row"][data-kind="q4"]');
    await q4.getByText('Menunggu tanggapan').waitFor();
    expect(await list.getByTestId('my-evaluation-row').count()).toBe(4);
    expect(await overflowing(page)).toEqual([]);
    await shot(page, 'penilaian-saya-phone');
    await q4.getByRole('link').first().click();
    const detail = page.getByTestId('eval-detail');
    await detail.waitFor();
    await detail
      .getByTestId('eval-feedback-text')
      .getByText(/Pelayanan perahu Kalimas/)
      .waitFor();
    expect(await overflowing(page)).toEqual([]);
    expect(await axeSerious(page)).toEqual([]);
    await shot(page, 'penilaian-hasil-phone');
    await detail.getByTestId('eval-object').click();
    await page
      .getByTestId('object-reason')
      .fill('Rombongan sekolah bulan Desember sudah terjadwal dan belum dihitung dalam realisasi.');
    await page.getByTestId('reason-confirm').click();
    await detail.getByTestId('eval-status').filter({ hasText: 'Keberatan diajukan' }).waitFor();
    await detail.getByTestId('eval-objection').waitFor();
    await shot(page, 'penilaian-keberatan-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the atasan’s atasan sees the objection and changes the ratings with a reason', async () => {
    const { context, page, errors } = await openPage(DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'kabid');
    await page.getByRole('link', { name: 'Kotak masuk' }).first().click();
    await page.getByText('Keberatan atas penilaian menunggu keputusan Anda').first().waitFor();
    await page.getByRole('link', { name: 'Keberatan penilaian' }).click();
    const queue = page.getByTestId('objections');
    await queue.getByRole('link', { name: pegawaiName }).waitFor();
    await shot(page, 'penilaian-antrean-keberatan-desktop');
    expect(await axeSerious(page)).toEqual([]);
    await queue.getByRole('link', { name: pegawaiName }).click();
    const detail = page.getByTestId('eval-detail');
    await detail.waitFor();
    expect(new URL(page.url()).pathname).toBe(`/penilaian/${evaluationId}`);
    await detail.getByTestId('eval-decide').click();
    await page.getByTestId('decision-changed').check();
    await page.getByTestId('decide-hasil').selectOption('di_atas');
    await page.getByTestId('decide-perilaku').selectOption('di_atas');
    await page
      .getByTestId('decide-reason')
      .fill('Jadwal rombongan Desember sudah pasti; capaian akhir triwulan melampaui target.');
    await shot(page, 'penilaian-putuskan-desktop');
    await page.getByTestId('decide-confirm').click();
    await detail.getByTestId('eval-status').filter({ hasText: 'Keberatan diputuskan' }).waitFor();
    expect(await detail.getByTestId('eval-predikat').getAttribute('data-predikat')).toBe('sangat_baik');
    await detail.getByTestId('eval-decision').waitFor();
    await shot(page, 'penilaian-keputusan-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the pegawai is told of the decision', async () => {
    const { context, page, errors } = await openPage(PHONE);
    await signIn(page, h.baseUrl, 'surabaya', 'pegawai');
    await page.goto(`${h.baseUrl}/kotak-masuk`);
    await page.getByText('Keberatan atas penilaian telah diputuskan').first().waitFor();
    await page.goto(`${h.baseUrl}/penilaian/${evaluationId}`);
    const detail = page.getByTestId('eval-detail');
    await detail.getByTestId('eval-decision').waitFor();
    expect(await detail.getByTestId('eval-predikat').getAttribute('data-predikat')).toBe('sangat_baik');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('curve and calibration', () => {
  it('BKPSDM sees every unit against its curve, deviations highlighted, and the curve table', async () => {
    const { context, page, errors } = await openPage(DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'bkpsdm');
    await page.getByRole('link', { name: 'Kurva & kalibrasi' }).click();
    await page.getByTestId('eval-kind').selectOption('q3');
    const units = page.getByTestId('curve-units');
    await units.getByRole('heading', { name: /Triwulan III 2026/ }).waitFor();
    await units.getByTestId('curve-unit-row').first().waitFor();
    expect(await units.locator('tr.row-deviation').count()).toBeGreaterThan(0);
    await page.getByTestId('curve-table').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await shot(page, 'penilaian-kurva-desktop');
    await context.close();
    expect(errors).toEqual([]);
  });

  it('the unit head moves a person with a reason on the unit page', async () => {
    const { context, page, errors } = await openPage(DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'atasan');
    await page.goto(`${h.baseUrl}/penilaian/kurva/${sungai}?tahun=2026&jenis=q4`);
    const unit = page.getByTestId('unit-curve');
    await unit.getByTestId('unit-distribution').waitFor();
    const row = unit.getByTestId('unit-person').filter({ hasText: pegawaiName });
    await row.getByTestId('unit-move').click();
    await page.getByTestId('move-predikat').selectOption('baik');
    await page.getByTestId('move-reason').fill('Kalibrasi kurva seksi: sebaran sangat baik melebihi batas.');
    await page.getByTestId('move-confirm').click();
    await row.getByText('dikalibrasi').waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await shot(page, 'penilaian-kalibrasi-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works at phone width: the curve list, the unit page and the form', async () => {
    const { context, page, errors } = await openPage(PHONE);
    await signIn(page, h.baseUrl, 'surabaya', 'atasan');
    await page.goto(`${h.baseUrl}/penilaian/kurva?tahun=2026&jenis=q3`);
    await page.getByTestId('curve-units').waitFor();
    expect(await overflowing(page)).toEqual([]);
    await shot(page, 'penilaian-kurva-phone');
    await page.goto(`${h.baseUrl}/penilaian/kurva/${sungai}?tahun=2026&jenis=q4`);
    await page.getByTestId('unit-distribution').waitFor();
    expect(await overflowing(page)).toEqual([]);
    expect(await axeSerious(page)).toEqual([]);
    await shot(page, 'penilaian-unit-phone');
    await page.goto(`${h.baseUrl}/penilaian?tahun=2026&jenis=q4`);
    const list = page.getByTestId('eval-subordinates');
    await list.getByTestId('eval-subordinate-row').first().waitFor();
    await list.getByRole('link', { name: 'Nilai' }).first().click();
    await page.getByTestId('eval-form').waitFor();
    expect(await overflowing(page)).toEqual([]);
    await shot(page, 'penilaian-form-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
