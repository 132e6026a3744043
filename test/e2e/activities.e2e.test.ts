import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Harness, openPage, PHONE, shot, signIn, startHarness } from './harness.ts';

let h: Harness;
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

async function gaugeRatio(page: Page): Promise<number> {
  await page.goto(`${h.baseUrl}/beban-kerja`);
  const gauge = page.getByTestId('workload-gauge').first();
  await gauge.waitFor();
  return Number(await gauge.getAttribute('data-ratio'));
}

describe('daily activities on a phone, verified by the atasan', () => {
  let ratioBefore = 0;
  let pegawaiName = '';

  it('the pegawai logs three activities and sees the running total', async () => {
    const { context, page, errors } = await openPage(h, PHONE);
    await signIn(page, h.baseUrl, 'surabaya', 'pegawai');
    ratioBefore = await gaugeRatio(page);
    pegawaiName = (await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json())).user.displayName;
    await page.goto(`${h.baseUrl}/aktivitas`);
    const form = page.getByTestId('activity-form');
    await form.waitFor();
    const list = page.getByTestId('activity-list').first();
    const start = await list.getByTestId('activity-item').count();
    for (const [term, qty] of [
      ['perahu', '1'],
      ['tiket', '2'],
      ['laporan', '1'],
    ] as const) {
      await page.getByTestId('activity-search').fill(term);
      await page.getByTestId('activity-option').first().click();
      await page.getByTestId('activity-quantity').fill(qty);
      await page.getByTestId('activity-submit').click();
      await page.getByTestId('activity-saved').waitFor();
    }
    await expect.poll(() => list.getByTestId('activity-item').count()).toBe(start + 3);
    const total = Number(await page.getByTestId('today-total').getAttribute('data-minutes'));
    expect(total).toBeGreaterThan(0);
    await shot(page, 'aktivitas-phone');
    const api = await page.evaluate(async (d) => (await fetch(`/api/v1/activities?date=${d}`)).json(), today);
    const minutes = api.items.reduce(
      (n: number, a: { minutes: number; status: string }) => n + (a.status === 'rejected' ? 0 : a.minutes),
      0,
    );
    expect(total).toBe(minutes);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the atasan approves two and rejects one with a reason', async () => {
    const { context, page, errors } = await openPage(h, DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'atasan');
    await page.goto(`${h.baseUrl}/aktivitas/verifikasi`);
    const queue = page.getByTestId('verify-queue').first();
    await queue.waitFor();
    const person = page.getByTestId('verify-person');
    const option = await person
      .locator('option')
      .filter({ hasText: pegawaiName.split(',')[0] })
      .first()
      .getAttribute('value');
    await person.selectOption(option ?? '');
    await page.getByLabel('Dari tanggal').fill(today);
    await page.getByLabel('Sampai tanggal').fill(today);
    const rows = page.getByTestId('verify-row');
    await expect.poll(() => rows.count()).toBe(3);
    await rows.nth(0).getByTestId('verify-check').check();
    await rows.nth(1).getByTestId('verify-check').check();
    await page.getByTestId('verify-approve-selected').click();
    await page.getByTestId('verify-result').waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    await rows.nth(0).getByTestId('verify-reject').click();
    await page
      .getByTestId('reason-input')
      .fill('Laporan ini sudah dicatat kemarin; jangan dicatat dua kali.');
    await page.getByTestId('reason-confirm').click();
    await expect.poll(() => rows.count()).toBe(0);
    await shot(page, 'verifikasi-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the pegawai sees the decisions and the gauge move', async () => {
    const { context, page, errors } = await openPage(h, PHONE);
    await signIn(page, h.baseUrl, 'surabaya', 'pegawai');
    const api = await page.evaluate(async (d) => (await fetch(`/api/v1/activities?date=${d}`)).json(), today);
    const statuses = api.items.map((a: { status: string }) => a.status).sort();
    expect(statuses.filter((s: string) => s === 'approved')).toHaveLength(2);
    expect(statuses.filter((s: string) => s === 'rejected')).toHaveLength(1);
    await page.goto(`${h.baseUrl}/aktivitas`);
    await page
      .getByText(/dicatat dua kali/)
      .first()
      .waitFor();
    const ratioAfter = await gaugeRatio(page);
    expect(ratioAfter).toBeGreaterThan(ratioBefore);
    await shot(page, 'beban-kerja-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
