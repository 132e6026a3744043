import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createUser, login, positionId, unitId } from '../support/app.ts';
import {
  DESKTOP,
  type Harness,
  openPage,
  PHONE,
  SCREENSHOTS,
  shot,
  signIn,
  startHarness,
} from './harness.ts';

let h: Harness;
let skpUrl = '';

beforeAll(async () => {
  h = await startHarness();
  // a guide newly appointed under the Kalimas section head, with a login and no SKP yet
  const bkpsdm = await login(h.app, 'surabaya', 'bkpsdm');
  const unit = await unitId(h.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI');
  const parent = await positionId(h.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI.KASI');
  const pos = (
    await call(h.app, bkpsdm, 'POST', '/api/v1/org/positions', {
      code: 'DISBUDPORAPAR.B1.SUNGAI.S9',
      name: 'Pemandu Wisata Sungai',
      kind: 'pelaksana',
      kelas: 6,
      unitId: unit,
      parentPositionId: parent,
    })
  ).json();
  const emp = (
    await call(h.app, bkpsdm, 'POST', '/api/v1/org/employees', {
      nip: '199807172024031001',
      asnType: 'PNS',
      name: 'Rizki Ramadhan, S.Par.',
      sex: 'L',
      positionId: pos.id,
    })
  ).json();
  await createUser(h.db, 'surabaya', 'pemandu', emp.id);
});
afterAll(() => h?.close());

async function openSkpAs(page: Page, city: string, user: string) {
  await signIn(page, h.baseUrl, city, user);
  await page.goto(`${h.baseUrl}${skpUrl}`);
  await page.getByTestId('skp-detail').waitFor();
}

describe('an SKP goes from draft to approval with a return in between', () => {
  it('the new guide drafts and submits an SKP that supports the atasan’s RHK', async () => {
    const { context, page, errors } = await openPage(h, PHONE);
    await signIn(page, h.baseUrl, 'surabaya', 'pemandu');
    await page.goto(`${h.baseUrl}/skp`);
    await page.getByTestId('skp-create').click();
    await page.getByTestId('skp-detail').waitFor();
    skpUrl = new URL(page.url()).pathname.startsWith('/skp/')
      ? new URL(page.url()).pathname
      : `/skp/${await page.getByTestId('skp-detail').getAttribute('data-skp-id')}`;
    await page.getByTestId('skp-edit').click();
    const editor = page.getByTestId('plan-editor');
    await editor.waitFor();
    await page.getByTestId('add-rhk').click();
    const rhk = editor.getByTestId('rhk-editor').first();
    await rhk.getByTestId('rhk-text').fill('Terpandunya rombongan wisatawan perahu Kalimas dengan aman');
    const supports = rhk.getByLabel('Mendukung RHK atasan');
    const options = await supports.locator('option').allInnerTexts();
    expect(options.length).toBeGreaterThan(1);
    await supports.selectOption({ index: 1 });
    const quantity = rhk.getByTestId('indicator-editor').first();
    await quantity.getByLabel('Nama indikator').fill('Rombongan wisatawan yang dipandu');
    await quantity.getByLabel('Target (angka)').fill('400');
    await quantity.getByLabel('Satuan').fill('rombongan');
    await shot(page, 'skp-rencana-phone');
    await page.getByTestId('skp-save').click();
    await page.getByTestId('skp-submit').click();
    await page
      .getByTestId('skp-status')
      .filter({ hasText: /Diajukan/ })
      .waitFor();
    await shot(page, 'skp-diajukan-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the atasan returns it with a reason', async () => {
    const { context, page, errors } = await openPage(h, DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'atasan');
    await page.goto(`${h.baseUrl}/skp/bawahan`);
    await page.getByTestId('subordinate-skps').getByText('Rizki Ramadhan, S.Par.').first().waitFor();
    await shot(page, 'skp-persetujuan-desktop');
    await page.goto(`${h.baseUrl}${skpUrl}`);
    await page.getByTestId('skp-return').click();
    await page
      .getByTestId('return-reason')
      .fill('Target 400 rombongan terlalu rendah untuk musim liburan; naikkan ke 600.');
    await page.getByTestId('reason-confirm').click();
    await page
      .getByTestId('skp-status')
      .filter({ hasText: /Dikembalikan/ })
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the guide sees the reason, fixes the target and resubmits', async () => {
    const { context, page, errors } = await openPage(h, DESKTOP);
    await openSkpAs(page, 'surabaya', 'pemandu');
    await page
      .getByText(/terlalu rendah untuk musim liburan/)
      .first()
      .waitFor();
    await page.getByTestId('skp-edit').click();
    const quantity = page.getByTestId('indicator-editor').first();
    await quantity.getByLabel('Target (angka)').fill('600');
    await page.getByTestId('skp-save').click();
    await page.getByTestId('skp-submit').click();
    await page
      .getByTestId('skp-status')
      .filter({ hasText: /Diajukan/ })
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the atasan approves; the PDF prints in the official layout', async () => {
    const { context, page, errors } = await openPage(h, DESKTOP);
    await openSkpAs(page, 'surabaya', 'atasan');
    await page.getByTestId('skp-approve').click();
    await page
      .getByTestId('skp-status')
      .filter({ hasText: /Disetujui/ })
      .waitFor();
    await shot(page, 'skp-disetujui-desktop');
    const id = skpUrl.split('/').pop();
    const pdf = await page.request.get(`${h.baseUrl}/api/v1/skps/${id}/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const file = `${SCREENSHOTS}skp.pdf`;
    writeFileSync(file, await pdf.body());
    if (existsSync('/usr/bin/pdftoppm')) {
      execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', file, `${SCREENSHOTS}skp-pdf`]);
      expect(existsSync(`${SCREENSHOTS}skp-pdf-1.png`)).toBe(true);
      const text = execFileSync('pdftotext', [file, '-']).toString();
      expect(text).toMatch(/SASARAN KINERJA PEGAWAI/);
      expect(text).toMatch(/Rizki Ramadhan/);
      expect(text).toMatch(/19980717 202403 1 001/);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the walikota finds the guide from the cascade of the river-tourism goal', async () => {
    const { context, page, errors } = await openPage(h, DESKTOP);
    await signIn(page, h.baseUrl, 'surabaya', 'walikota');
    await page.goto(`${h.baseUrl}/sasaran`);
    const card = page.getByTestId('goal-card').filter({ hasText: 'wisata sungai' });
    await card.getByRole('link').first().click();
    const tree = page.getByTestId('cascade-tree');
    await tree.waitFor();
    await page.getByTestId('cascade-search').fill('Rizki');
    const node = tree.getByTestId('cascade-node').filter({ hasText: 'Rizki Ramadhan' }).last();
    await node.waitFor();
    await shot(page, 'kaskade-desktop');
    await node
      .getByRole('link', { name: /Rizki Ramadhan/ })
      .first()
      .click();
    await page.getByTestId('employee-profile').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
