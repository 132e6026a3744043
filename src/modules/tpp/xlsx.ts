/**
 * The TPP payroll list (daftar pembayaran TPP) as XLSX in the usual layout: a title block, one row per
 * employee (no, nama, NIP, jabatan, kelas, pagu, komponen kinerja, komponen disiplin, potongan, bruto, BPJS,
 * netto, tanda tangan), the OPD total row and the signature block. One sheet per OPD, plus a recap sheet when
 * the whole city is exported. Written with ExcelJS's streaming writer, one OPD at a time, so memory stays flat
 * for a 35,000-employee city.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DB } from '../../db/index.ts';
import type { TppRunTable } from '../../db/schema.ts';
import * as repo from './repository.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const COLUMNS = [
  ['No', 6],
  ['Nama', 34],
  ['NIP', 21],
  ['Jabatan', 42],
  ['Kelas', 7],
  ['Pagu', 14],
  ['Komponen Kinerja', 15],
  ['Komponen Disiplin', 15],
  ['Potongan', 13],
  ['Bruto', 14],
  ['BPJS', 12],
  ['Netto', 14],
  ['Tanda Tangan', 18],
] as const;

const MONEY = '#,##0';
const STATUS = {
  draft: 'DRAF — belum diperiksa',
  checked: 'DIPERIKSA — belum dikunci',
  locked: 'FINAL (dikunci)',
};

export function monthTitle(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat('id-ID', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 15)),
  );
}

/** "; Plt. <position>" for a line with a Plt share. */
function actingNote(detailJson: string): string {
  const detail = JSON.parse(detailJson) as { acting?: { positionName: string; eligibleDays: number }[] };
  const names = (detail.acting ?? []).filter((a) => a.eligibleDays > 0).map((a) => a.positionName);
  return names.length ? `; Plt. ${names.join(', ')}` : '';
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
function sheetName(name: string, used: Set<string>): string {
  const base =
    name
      .replace(/[:\\/?*[\]]/g, ' ')
      .slice(0, 28)
      .trim() || 'OPD';
  let candidate = base;
  for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 26)} ${i}`;
  used.add(candidate.toLowerCase());
  return candidate;
}

export interface ExportScope {
  db: DB;
  run: TppRunTable;
  cityName: string;
  opds: { opdId: string; opdName: string }[];
  /** one OPD: a single sheet; otherwise one sheet per OPD and a recap */
  single: boolean;
}

/** Starts writing and returns the stream to send; the workbook is produced while the client reads. */
export function payrollWorkbook(scope: ExportScope): PassThrough {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Kinerja';
  const write = async () => {
    const used = new Set<string>();
    const recap: { name: string; t: number[] }[] = [];
    for (const opd of scope.opds) {
      const rows = await repo.linesForExport(scope.db, scope.run.tenant_id, scope.run.id, opd.opdId);
      const sheet = workbook.addWorksheet(sheetName(opd.opdName, used), {
        pageSetup: { orientation: 'landscape', paperSize: 5, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      });
      sheet.columns = COLUMNS.map(([, width]) => ({ width }));
      const title = (text: string, bold = true) => {
        const r = sheet.addRow([text]);
        r.font = { bold, size: bold ? 12 : 10 };
        r.commit();
      };
      title('DAFTAR PEMBAYARAN TAMBAHAN PENGHASILAN PEGAWAI (TPP)');
      title(scope.cityName.toUpperCase());
      title(`Perangkat Daerah: ${opd.opdName}`, false);
      title(`Bulan: ${monthTitle(scope.run.month)}`, false);
      title(`Status: ${STATUS[scope.run.status as keyof typeof STATUS] ?? scope.run.status}`, false);
      sheet.addRow([]).commit();
      const header = sheet.addRow(COLUMNS.map(([label]) => label));
      header.font = { bold: true };
      header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
      header.eachCell((c) => {
        c.border = {
          top: { style: 'thin' },
          bottom: { style: 'thin' },
          left: { style: 'thin' },
          right: { style: 'thin' },
        };
        c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF3' } };
      });
      header.commit();
      const numbers = sheet.addRow(COLUMNS.map((_, i) => i + 1));
      numbers.alignment = { horizontal: 'center' };
      numbers.font = { italic: true, size: 8 };
      numbers.commit();
      // pagu, kinerja, disiplin, potongan, bruto, bpjs, netto
      const total = [0, 0, 0, 0, 0, 0, 0];
      rows.forEach((l, i) => {
        const acting = Number(l.acting_base) > 0 ? actingNote(l.detail_json) : '';
        const values = [
          Number(l.base),
          Number(l.komponen_kinerja),
          Number(l.disiplin_max),
          Number(l.potongan),
          Number(l.bruto),
          Number(l.bpjs),
          Number(l.netto),
        ];
        values.forEach((v, k) => {
          total[k] += v;
        });
        const no = i + 1;
        const r = sheet.addRow([
          no,
          l.name,
          l.nip,
          `${l.position_name}${acting}`,
          l.kelas,
          ...values,
          // signatures alternate left and right, as on the printed list
          no % 2 === 1 ? `${no}. ........` : `          ${no}. ........`,
        ]);
        for (let c = 6; c <= 12; c++) r.getCell(c).numFmt = MONEY;
        r.getCell(3).numFmt = '@';
        r.height = 22;
        r.commit();
      });
      const sum = sheet.addRow(['', `JUMLAH ${opd.opdName.toUpperCase()}`, '', '', '', ...total, '']);
      sum.font = { bold: true };
      for (let c = 6; c <= 12; c++) sum.getCell(c).numFmt = MONEY;
      sum.eachCell((c) => {
        c.border = { top: { style: 'thin' }, bottom: { style: 'double' } };
      });
      sum.commit();
      recap.push({ name: opd.opdName, t: [rows.length, ...total] });
      sheet.addRow([]).commit();
      sheet
        .addRow(['', 'Mengetahui,', '', '', '', '', '', '', '', 'Bendahara Pengeluaran', '', '', ''])
        .commit();
      sheet.addRow(['', `Kepala ${opd.opdName}`, '', '', '', '', '', '', '', '', '', '', '']).commit();
      for (let k = 0; k < 3; k++) sheet.addRow([]).commit();
      sheet
        .addRow([
          '',
          '(...................................)',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '(...................................)',
        ])
        .commit();
      sheet.addRow(['', 'NIP.', '', '', '', '', '', '', '', 'NIP.']).commit();
      sheet.commit();
    }
    if (!scope.single) {
      const sheet = workbook.addWorksheet('Rekapitulasi');
      sheet.columns = [6, 48, 10, 16, 16, 16, 14, 16, 14, 16].map((width) => ({ width }));
      const head = (text: string) => {
        const r = sheet.addRow([text]);
        r.font = { bold: true };
        r.commit();
      };
      head('REKAPITULASI TPP PER PERANGKAT DAERAH');
      head(`${scope.cityName.toUpperCase()} — ${monthTitle(scope.run.month)}`);
      sheet.addRow([]).commit();
      const h = sheet.addRow([
        'No',
        'Perangkat Daerah',
        'Pegawai',
        'Pagu',
        'Komponen Kinerja',
        'Komponen Disiplin',
        'Potongan',
        'Bruto',
        'BPJS',
        'Netto',
      ]);
      h.font = { bold: true };
      h.commit();
      const grand = [0, 0, 0, 0, 0, 0, 0, 0];
      recap.forEach((r, i) => {
        r.t.forEach((v, k) => {
          grand[k] += v;
        });
        const row = sheet.addRow([i + 1, r.name, ...r.t]);
        for (let c = 4; c <= 10; c++) row.getCell(c).numFmt = MONEY;
        row.commit();
      });
      const g = sheet.addRow(['', 'JUMLAH SELURUHNYA', ...grand]);
      g.font = { bold: true };
      for (let c = 4; c <= 10; c++) g.getCell(c).numFmt = MONEY;
      g.commit();
      sheet.commit();
    }
    await workbook.commit();
  };
  write().catch((err) => out.destroy(err as Error));
  return out;
}
