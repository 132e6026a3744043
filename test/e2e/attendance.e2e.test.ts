import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Harness, openPage, PHONE, shot, signIn, startHarness } from './harness.ts';

let h: Harness;
let nip = '';
beforeAll(async () => {
  h = await startHarness();
  const row = await h.db.kysely
    .selectFrom('employees as e')
    .innerJoin('users as u', (j) =>
      j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.employee_id', '=', 'e.id'),
    )
    .innerJoin('tenants as t', 't.id', 'e.tenant_id')
    .select('e.nip')
    .where('t.slug', '=', 'surabaya')
    .where('u.username', '=', 'pegawai')
    .executeTakeFirstOrThrow();
  nip = row.nip;
});
afterAll(() => h?.close());

describe('attendance: BKPSDM imports a month, the pegawai sees it', () => {
  it('BKPSDM uploads a CSV with a bad row, sees the row error, fixes the file and commits', async () => {
    const { context, page, errors } = await openPage(h, DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'bkpsdm');
    await page.goto(`${h.baseUrl}/kehadiran/impor`);
    const upload = page.getByTestId('attendance-upload');
    await upload.waitFor();
    const file = (rows: string[]) => ({
      name: 'presensi-desember.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(['NIP;Tanggal;Jam Masuk;Jam Pulang', ...rows].join('\n')),
    });
    const bad = [`${nip};01/12/2026;07:45;16:05`, `${nip};02/12/2026;16:10;07:20`];
    await upload.getByLabel('Berkas (.csv atau .xlsx)').setInputFiles(file(bad));
    await upload.getByRole('button', { name: 'Unggah' }).click();
    const status = page.getByTestId('import-status');
    await expect.poll(() => status.getAttribute('data-status')).toBe('invalid');
    const errorsPanel = page.getByTestId('import-errors');
    await expect
      .poll(() => errorsPanel.textContent())
      .toContain('jam pulang 07:20 lebih awal dari jam masuk 16:10.');
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    await shot(page, 'kehadiran-impor-kesalahan');

    const good = [`${nip};01/12/2026;07:45;16:05`, `${nip};02/12/2026;07:20;16:10`];
    await upload.getByLabel('Berkas (.csv atau .xlsx)').setInputFiles(file(good));
    await upload.getByRole('button', { name: 'Unggah' }).click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('ready');
    await page.getByTestId('import-preview').getByText('07:45').waitFor();
    await page.getByTestId('import-commit').click();
    await expect.poll(() => status.getAttribute('data-status')).toBe('committed');
    await page.getByTestId('import-result').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the pegawai sees December with the TL1 day and November with two TL1 and two PSW1 days (phone)', async () => {
    const { context, page, errors } = await openPage(h, PHONE);
    await signIn(page, h.baseUrl, 'surabaya', 'pegawai');
    await page.goto(`${h.baseUrl}/kehadiran?bulan=2026-12`);
    const cal = page.getByTestId('attendance-calendar');
    await cal.waitFor();
    await expect.poll(() => cal.locator('td[data-date="2026-12-01"]').getAttribute('data-codes')).toBe('TL1');
    expect(await cal.locator('td[data-date="2026-12-02"]').getAttribute('data-codes')).toBe('');
    await page.goto(`${h.baseUrl}/kehadiran?bulan=2026-11`);
    await expect.poll(() => page.getByTestId('attendance-total').textContent()).toBe('2%');
    const summary = page.getByTestId('attendance-summary');
    expect(await summary.textContent()).toContain('TL1 × 2');
    expect(await summary.textContent()).toContain('PSW1 × 2');
    await shot(page, 'kehadiran-pegawai-phone');
    await page.getByTestId('view-table').click();
    await page.getByTestId('attendance-days-table').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the atasan sees the team, BKPSDM the unit totals and the working calendar (desktop)', async () => {
    const { context, page, errors } = await openPage(h, DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'atasan');
    await page.goto(`${h.baseUrl}/kehadiran/bawahan?bulan=2026-11`);
    await page.getByTestId('attendance-people').waitFor();
    await shot(page, 'kehadiran-bawahan');
    await context.close();

    const bk = await openPage(h, DESKTOP);
    await signIn(bk.page, h.baseUrl, 'surabaya', 'bkpsdm');
    await bk.page.goto(`${h.baseUrl}/kehadiran/pegawai/${await employeeOf('pegawai')}?bulan=2026-11`);
    await bk.page.getByTestId('attendance-calendar').waitFor();
    await shot(bk.page, 'kehadiran-pegawai-desktop');
    await bk.page.goto(`${h.baseUrl}/kehadiran/unit?bulan=2026-11`);
    await bk.page.getByTestId('attendance-unit-summary').waitFor();
    await bk.page.getByTestId('attendance-units').waitFor();
    await shot(bk.page, 'kehadiran-unit');
    await bk.page.goto(`${h.baseUrl}/pengaturan/kalender`);
    await bk.page.getByTestId('holidays').getByText('Proklamasi Kemerdekaan RI').waitFor();
    await bk.page.getByTestId('deduction-rules').waitFor();
    await shot(bk.page, 'kalender-kerja');
    await bk.page.goto(`${h.baseUrl}/kehadiran/cuti`);
    await bk.page.getByTestId('leave-list').waitFor();
    // record a dinas luar for the demo pegawai through the dialog
    await bk.page.getByTestId('leave-add').click();
    const dialog = bk.page.getByRole('dialog');
    await dialog.getByPlaceholder('Ketik nama atau NIP…').fill(nip.slice(0, 8));
    const listBox = dialog.getByRole('listbox').or(dialog.locator('select[name="employeeId"]'));
    await expect.poll(() => listBox.locator('option').count()).toBeGreaterThan(0);
    await listBox.selectOption({ index: 0 });
    await dialog.getByLabel('Jenis').selectOption('dinas_luar');
    await dialog.getByLabel('Mulai').fill('2026-12-03');
    await dialog.getByLabel('Selesai').fill('2026-12-04');
    await dialog.getByLabel('Keterangan').fill('Pameran wisata di Jakarta');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await bk.page.getByTestId('leave-list').getByText('Pameran wisata di Jakarta').waitFor();
    await shot(bk.page, 'cuti-dinas-luar');
    expect([...errors, ...bk.errors]).toEqual([]);
    await bk.context.close();

    const phone = await openPage(h, PHONE);
    await signIn(phone.page, h.baseUrl, 'surabaya', 'bkpsdm');
    await phone.page.goto(`${h.baseUrl}/pengaturan/kalender`);
    await phone.page.getByTestId('deduction-rules').waitFor();
    await shot(phone.page, 'kalender-kerja-phone');
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });
});

async function employeeOf(username: string) {
  const row = await h.db.kysely
    .selectFrom('users as u')
    .innerJoin('tenants as t', 't.id', 'u.tenant_id')
    .select('u.employee_id')
    .where('t.slug', '=', 'surabaya')
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
  return row.employee_id;
}
