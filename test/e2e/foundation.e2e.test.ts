import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Harness, openPage, PHONE, shot, signIn, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe('the mayor of Surabaya browses the organisation', () => {
  it('signs in, opens the org tree, finds the Kalimas section and opens an employee profile', async () => {
    const { context, page, errors } = await openPage(h, DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'walikota');
    await shot(page, 'beranda-walikota-desktop');
    await page
      .getByRole('link', { name: /Organisasi/ })
      .first()
      .click();
    const tree = page.getByTestId('org-tree');
    await tree.waitFor();
    await expect(tree.getByText('Pemerintah Kota Surabaya')).toBeTruthy();
    await page.getByRole('searchbox').first().fill('Kalimas');
    await tree.getByText('Seksi Destinasi Wisata Sungai Kalimas').click();
    const detail = page.getByTestId('unit-detail');
    await detail.getByRole('heading', { name: 'Seksi Destinasi Wisata Sungai Kalimas' }).waitFor();
    await detail.getByText('Pengelola Wisata Perahu Kalimas').first().waitFor();
    expect(page.url()).toContain('unit=');
    await shot(page, 'organisasi-desktop');
    // open the holder of the guide position
    await detail.getByTestId('positions-table').getByRole('link').first().click();
    const profile = page.getByTestId('employee-profile');
    await profile.waitFor();
    await expect(page.getByTestId('nip-info').innerText()).resolves.toMatch(/\d{8} \d{6} [12] \d{3}/);
    await expect(page.getByTestId('atasan').innerText()).resolves.toMatch(/Kepala (Seksi|Bidang)/);
    await shot(page, 'profil-pegawai-desktop');
    // the back button returns to the same unit
    await page.goBack();
    await detail.getByRole('heading', { name: 'Seksi Destinasi Wisata Sungai Kalimas' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works at phone width and in English', async () => {
    const { context, page, errors } = await openPage(h, PHONE);
    await signIn(page, h.baseUrl, 'surabaya', 'pegawai');
    await shot(page, 'beranda-pegawai-phone');
    await page.getByTestId('lang-switch').getByRole('button', { name: 'EN' }).click();
    await page
      .getByText(/Home|Welcome|Good/)
      .first()
      .waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
    expect(me.user.locale).toBe('en');
    await page.goto(`${h.baseUrl}/pegawai/${me.user.employeeId}`);
    await page.getByTestId('employee-profile').waitFor();
    await shot(page, 'profil-pegawai-phone');
    await page.goto(`${h.baseUrl}/organisasi`);
    await page.getByTestId('org-tree').waitFor();
    await shot(page, 'organisasi-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('BKPSDM of Jambi imports employees', () => {
  it('uploads a CSV with one bad row, sees the error, fixes it and commits', async () => {
    const { context, page, errors } = await openPage(h, DESKTOP);
    await signIn(page, h.baseUrl, 'jambi', 'bkpsdm');
    await page.goto(`${h.baseUrl}/impor`);
    const upload = page.getByTestId('import-upload');
    await upload.waitFor();
    await upload.locator('select').selectOption('units');
    const header = 'code,name,type,parent_code';
    const bad = [
      header,
      'DISPARBUD.B9,Bidang Ekonomi Kreatif,bidang,DISPARBUD',
      'DISPARBUD.B9.S1,Seksi Kuliner Khas Jambi,seksi-x,DISPARBUD.B9',
    ].join('\n');
    await upload
      .locator('input[type=file]')
      .setInputFiles({ name: 'unit-kerja.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await upload.getByRole('button', { name: /Unggah/ }).click();
    const errorsTable = page.getByTestId('import-errors');
    await errorsTable.waitFor();
    await expect(errorsTable.innerText()).resolves.toMatch(/3[\s\S]*type[\s\S]*seksi-x/);
    await expect(page.getByTestId('import-commit').isDisabled()).resolves.toBe(true);
    await shot(page, 'impor-galat-desktop');

    const good = bad.replace('seksi-x', 'seksi');
    await upload
      .locator('input[type=file]')
      .setInputFiles({ name: 'unit-kerja.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await upload.getByRole('button', { name: /Unggah/ }).click();
    await page.getByTestId('import-preview').waitFor();
    const commit = page.getByTestId('import-commit');
    await expect(commit.isEnabled()).resolves.toBe(true);
    await commit.click();
    await page.getByTestId('import-result').waitFor();
    await shot(page, 'impor-berhasil-desktop');
    const units = await page.evaluate(async () => (await fetch('/api/v1/org/units?q=kuliner')).json());
    expect(units.items.map((u: { name: string }) => u.name)).toEqual(['Seksi Kuliner Khas Jambi']);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the inspectorate checks the audit log', () => {
  it('sees the import in the log and verifies the chain', async () => {
    const { context, page, errors } = await openPage(h, DESKTOP);
    await signIn(page, h.baseUrl, 'jambi', 'inspektorat');
    await page.goto(`${h.baseUrl}/audit`);
    const table = page.getByTestId('audit-table');
    await table.waitFor();
    await table.getByText('unit.create').first().waitFor();
    await page.getByRole('button', { name: /Verifikasi rantai/ }).click();
    await expect(page.getByTestId('audit-verify-result').innerText()).resolves.toMatch(/OK|utuh|valid/i);
    await shot(page, 'audit-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });
});
