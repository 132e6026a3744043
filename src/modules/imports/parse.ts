import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

export type RawRow = Record<string, string>;

export const normaliseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return String(value.result ?? '');
    return '';
  }
  return String(value);
}

/**
 * Yields data rows as `{ header: text }`, one at a time, so a 40,000-row file never sits in memory.
 * The first yielded item is the header list. CSV accepts `,` or `;` (Excel in Indonesian locale writes `;`).
 */
export async function* readRows(path: string, format: 'csv' | 'xlsx'): AsyncGenerator<string[] | RawRow> {
  if (format === 'csv') {
    const parser = createReadStream(path).pipe(
      parse({
        bom: true,
        delimiter: [',', ';'],
        skip_empty_lines: true,
        trim: true,
        relax_column_count: true,
      }),
    );
    let header: string[] | null = null;
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = record.map(normaliseHeader);
        yield header;
        continue;
      }
      yield Object.fromEntries(header.map((h, i) => [h, record[i] ?? '']));
    }
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    let header: string[] | null = null;
    for await (const row of sheet) {
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
      if (values.every((v) => v.trim() === '')) continue;
      if (!header) {
        header = values.map(normaliseHeader);
        yield header;
        continue;
      }
      yield Object.fromEntries(header.map((h, i) => [h, (values[i] ?? '').trim()]));
    }
    return; // first worksheet only
  }
}
