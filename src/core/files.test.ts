import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer as readAll } from 'node:stream/consumers';
import { crc32, deflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { FileStore } from './files.ts';

const SURABAYA = '0190a1b2-0000-7000-8000-000000003578';
const JAMBI = '0190a1b2-0000-7000-8000-000000001571';

/** A one-page PDF with a correct cross-reference table, written by hand. */
function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A valid 1×1 opaque white PNG. */
function tinyPng(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  const scanline = Buffer.from([0, 255, 255, 255]); // filter byte + one pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(scanline)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

async function tinyXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Bukti').addRow(['Susur Sungai Kalimas', 1250]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Every file under dir, relative paths; directories themselves are not listed. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('FileStore', () => {
  let root: string;
  let store: FileStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'kinerja-files-'));
    store = new FileStore(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores a PDF under tenant/sha-prefix/sha and reads it back', async () => {
    const pdf = tinyPdf();
    const stored = await store.put(SURABAYA, pdf, 'laporan-susur-sungai.pdf');
    expect(stored).toEqual({ sha: sha256(pdf), size: pdf.length, mime: 'application/pdf', ext: 'pdf' });
    expect(await filesUnder(root)).toEqual([join(SURABAYA, stored.sha.slice(0, 2), stored.sha)]);

    const opened = await store.open(SURABAYA, stored.sha);
    if (!opened) throw new Error('stored file not found');
    expect(opened.size).toBe(pdf.length);
    expect(await readAll(opened.stream)).toEqual(pdf);
    expect(await store.has(SURABAYA, stored.sha)).toBe(true);
  });

  it('sniffs PNG and XLSX from a stream, whatever the name says', async () => {
    const png = await store.put(SURABAYA, Readable.from([tinyPng()]), 'foto.jpg');
    expect(png).toMatchObject({ mime: 'image/png', ext: 'png' });

    const xlsx = await tinyXlsx();
    const sheet = await store.put(SURABAYA, Readable.from([xlsx]), 'rekap.bin');
    expect(sheet).toMatchObject({
      ext: 'xlsx',
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      size: xlsx.length,
    });
  });

  it('refuses a text file renamed .pdf with 415 and keeps nothing', async () => {
    const text = Buffer.from('Ini bukan PDF, hanya teks biasa tentang Sungai Kalimas.\n'.repeat(20));
    const error = await rejection(store.put(SURABAYA, text, 'bukti.pdf'));
    expect(error.status).toBe(415);
    expect(error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(error.params).toEqual({ allowed: 'PDF, PNG, JPEG, WEBP, DOCX, XLSX, PPTX' });
    expect(await filesUnder(root)).toEqual([]);
  });

  it('refuses an empty upload with 415', async () => {
    const error = await rejection(store.put(SURABAYA, Buffer.alloc(0), 'kosong.pdf'));
    expect(error.status).toBe(415);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('aborts an oversize stream with 413 and leaves no file in the temp or store directories', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x25); // '%' bytes
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 1;
        this.push(produced <= 64 ? chunk : null);
      },
    });
    const error = await rejection(store.put(SURABAYA, endless, 'video.pdf'));
    expect(error.status).toBe(413);
    expect(error.code).toBe('FILE_TOO_LARGE');
    expect(error.params).toEqual({ max: '10 MB' });
    // the store stopped reading soon after the limit instead of draining all 64 MB
    expect(produced).toBeLessThan(20);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('accepts a file of exactly the limit and refuses one byte more', async () => {
    const pdf = tinyPdf();
    const exact = new FileStore(root, pdf.length);
    await expect(exact.put(SURABAYA, pdf, 'a.pdf')).resolves.toMatchObject({ size: pdf.length });
    const small = new FileStore(root, pdf.length - 1);
    const error = await rejection(small.put(JAMBI, pdf, 'a.pdf'));
    expect(error.status).toBe(413);
    expect(error.params).toEqual({ max: `${pdf.length - 1} B` });
  });

  it('stores the same content once', async () => {
    const pdf = tinyPdf();
    const first = await store.put(SURABAYA, pdf, 'a.pdf');
    const second = await store.put(SURABAYA, Readable.from([pdf]), 'b.pdf');
    expect(second).toEqual(first);
    expect(await filesUnder(root)).toEqual([join(SURABAYA, first.sha.slice(0, 2), first.sha)]);
  });

  it('keeps cities apart', async () => {
    const png = tinyPng();
    const stored = await store.put(SURABAYA, png, 'foto.png');
    expect(await store.has(JAMBI, stored.sha)).toBe(false);
    expect(await store.open(JAMBI, stored.sha)).toBeNull();

    await store.put(JAMBI, png, 'foto.png');
    expect(await filesUnder(root)).toEqual(
      [
        join(JAMBI, stored.sha.slice(0, 2), stored.sha),
        join(SURABAYA, stored.sha.slice(0, 2), stored.sha),
      ].sort(),
    );
  });

  it('returns null for a malformed or unknown sha instead of touching other paths', async () => {
    const stored = await store.put(SURABAYA, tinyPdf(), 'a.pdf');
    (await store.open(SURABAYA, stored.sha))?.stream.destroy();
    expect(await store.open(SURABAYA, '../../etc/passwd')).toBeNull();
    expect(await store.open(SURABAYA, `${stored.sha.slice(0, 63)}/`)).toBeNull();
    expect(await store.open(SURABAYA, stored.sha.toUpperCase())).toBeNull();
    expect(await store.open(SURABAYA, '')).toBeNull();
    expect(await store.open(SURABAYA, 'a'.repeat(64))).toBeNull();
    expect(await store.open('..', stored.sha)).toBeNull();
    expect(await store.has(SURABAYA, '..')).toBe(false);
  });

  it('refuses a tenant id that could escape the root', async () => {
    await expect(store.put('../jambi', tinyPdf(), 'a.pdf')).rejects.toThrow(/tenant id/);
    expect(await filesUnder(root)).toEqual([]);
  });

  it('writes the stored bytes unchanged', async () => {
    const png = tinyPng();
    const stored = await store.put(JAMBI, png, 'x.png');
    expect(await readFile(join(root, JAMBI, stored.sha.slice(0, 2), stored.sha))).toEqual(png);
  });
});
