import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import pdfmake from 'pdfmake';
import type {
  Content,
  ContentStack,
  ContentText,
  CustomTableLayout,
  TableCell,
  TDocumentDefinitions,
} from 'pdfmake/interfaces.js';
import { todayIn } from '../../core/time.ts';
import { formatNip } from '../org/nip.ts';

export interface SkpPrintPerson {
  name: string;
  nip: string;
  pangkat: string | null;
  jabatan: string;
  unit: string;
}

export type SkpPrintParent =
  | { type: 'rhk'; text: string; ownerName: string }
  | { type: 'goal'; code: string; title: string }
  | null;

export interface SkpPrintIndicator {
  aspect: 'kuantitas' | 'kualitas' | 'waktu' | 'biaya';
  name: string;
  targetValue: number | null;
  targetText: string | null;
  unit: string;
}

export interface SkpPrintRhk {
  kind: 'utama' | 'tambahan';
  text: string;
  parent: SkpPrintParent;
  perspective?: string | null;
  indicators: SkpPrintIndicator[];
}

export interface SkpPrintBehaviour {
  code: string;
  label: string;
  expectation: string | null;
}

export interface SkpPrintEvent {
  action: string;
  actorName: string;
  /** ISO instant */
  at: string;
}

/**
 * What the printed form needs from an `Skp` (docs/api-skp.md), so the API object can be passed as is with
 * the city's name added.
 */
export interface SkpPrint {
  /** e.g. "Pemerintah Kota Surabaya" */
  instansi: string;
  /** Place on the signature line; defaults to the instansi without "Pemerintah Kota/Kabupaten". */
  place?: string;
  /** Time zone in which the approval date is printed; defaults to Asia/Jakarta. */
  timeZone?: string;
  status: 'draft' | 'submitted' | 'returned' | 'approved' | 'revision';
  revision: number;
  header: {
    employee: SkpPrintPerson;
    evaluator: SkpPrintPerson | null;
    evaluator2: SkpPrintPerson | null;
    period: { start: string; end: string };
  };
  rhks: SkpPrintRhk[];
  behaviours: SkpPrintBehaviour[];
  events: SkpPrintEvent[];
}

type Locale = 'id' | 'en';

const MONTHS: Record<Locale, string[]> = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

const LABELS = {
  id: {
    title: 'SASARAN KINERJA PEGAWAI',
    approach: 'PENDEKATAN HASIL KERJA KUANTITATIF',
    period: 'PERIODE PENILAIAN',
    until: 's.d.',
    employee: 'PEGAWAI YANG DINILAI',
    evaluator: 'PEJABAT PENILAI KINERJA',
    evaluator2: 'ATASAN PEJABAT PENILAI KINERJA',
    no: 'NO',
    name: 'NAMA',
    nip: 'NIP',
    pangkat: 'PANGKAT/GOL. RUANG',
    jabatan: 'JABATAN',
    unit: 'UNIT KERJA',
    results: 'HASIL KERJA',
    parent: 'RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI',
    rhk: 'RENCANA HASIL KERJA',
    aspect: 'ASPEK',
    indicator: 'INDIKATOR KINERJA INDIVIDU',
    target: 'TARGET',
    main: 'A. UTAMA',
    additional: 'B. TAMBAHAN',
    none: 'Tidak ada',
    cityGoal: 'Sasaran kota',
    perspective: 'Perspektif',
    behaviour: 'PERILAKU KERJA',
    expectation: 'EKSPEKTASI KHUSUS PIMPINAN',
    signEmployee: 'Pegawai yang Dinilai',
    signEvaluator: 'Pejabat Penilai Kinerja',
    revision: 'Revisi',
    page: (page: number, count: number) => `Halaman ${page} dari ${count}`,
    draft: 'DRAF',
    aspects: { kuantitas: 'Kuantitas', kualitas: 'Kualitas', waktu: 'Waktu', biaya: 'Biaya' },
    statuses: {
      draft: 'Draf',
      submitted: 'Diajukan, belum disetujui',
      returned: 'Dikembalikan untuk diperbaiki',
      approved: 'Disetujui',
      revision: 'Revisi, belum disetujui',
    },
  },
  en: {
    title: 'EMPLOYEE PERFORMANCE PLAN (SKP)',
    approach: 'QUANTITATIVE WORK RESULTS APPROACH',
    period: 'ASSESSMENT PERIOD',
    until: 'to',
    employee: 'EMPLOYEE ASSESSED',
    evaluator: 'PERFORMANCE ASSESSOR',
    evaluator2: "ASSESSOR'S SUPERIOR",
    no: 'NO',
    name: 'NAME',
    nip: 'NIP',
    pangkat: 'RANK/GRADE',
    jabatan: 'POSITION',
    unit: 'WORK UNIT',
    results: 'WORK RESULTS',
    parent: "SUPERIOR'S PLANNED RESULT SUPPORTED",
    rhk: 'PLANNED WORK RESULT',
    aspect: 'ASPECT',
    indicator: 'INDIVIDUAL PERFORMANCE INDICATOR',
    target: 'TARGET',
    main: 'A. MAIN',
    additional: 'B. ADDITIONAL',
    none: 'None',
    cityGoal: 'City goal',
    perspective: 'Perspective',
    behaviour: 'WORK BEHAVIOUR',
    expectation: "LEADER'S SPECIFIC EXPECTATIONS",
    signEmployee: 'Employee Assessed',
    signEvaluator: 'Performance Assessor',
    revision: 'Revision',
    page: (page: number, count: number) => `Page ${page} of ${count}`,
    draft: 'DRAFT',
    aspects: { kuantitas: 'Quantity', kualitas: 'Quality', waktu: 'Time', biaya: 'Cost' },
    statuses: {
      draft: 'Draft',
      submitted: 'Submitted, not yet approved',
      returned: 'Returned for correction',
      approved: 'Approved',
      revision: 'Under revision, not yet approved',
    },
  },
} as const;

/** The core values' one-line meanings (SE MenPANRB 20/2021), printed under each value's name. */
const BERAKHLAK: Record<Locale, Record<string, string>> = {
  id: {
    berorientasi_pelayanan: 'Komitmen memberikan pelayanan prima demi kepuasan masyarakat',
    akuntabel: 'Bertanggung jawab atas kepercayaan yang diberikan',
    kompeten: 'Terus belajar dan mengembangkan kapabilitas',
    harmonis: 'Saling peduli dan menghargai perbedaan',
    loyal: 'Berdedikasi dan mengutamakan kepentingan Bangsa dan Negara',
    adaptif: 'Terus berinovasi dan antusias dalam menggerakkan ataupun menghadapi perubahan',
    kolaboratif: 'Membangun kerja sama yang sinergis',
  },
  en: {
    berorientasi_pelayanan: 'Committed to excellent service for the satisfaction of the public',
    akuntabel: 'Responsible for the trust given',
    kompeten: 'Keeps learning and developing capabilities',
    harmonis: 'Cares for others and respects differences',
    loyal: 'Dedicated, putting the interests of the nation and the state first',
    adaptif: 'Keeps innovating and drives or embraces change with enthusiasm',
    kolaboratif: 'Builds synergistic cooperation',
  },
};

const FONT_DIR = join(
  dirname(createRequire(import.meta.url).resolve('pdfmake/package.json')),
  'fonts',
  'Roboto',
);

const FONTS = {
  Roboto: {
    normal: join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
};

const insideFontDir = (path: string): boolean => {
  const rel = relative(FONT_DIR, resolve(path));
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep);
};

const GRID: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#444444',
  vLineColor: () => '#444444',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

const HEADER_FILL = '#E8E8E8';
const SECTION_FILL = '#F4F4F4';
const DASH = '-';

function formatDate(isoDate: string, locale: Locale): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${d} ${MONTHS[locale][m - 1]} ${y}`;
}

function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 2 }).format(
    value,
  );
}

function targetOf(indicator: SkpPrintIndicator, locale: Locale): string {
  if (indicator.targetValue !== null) {
    const value = formatNumber(indicator.targetValue, locale);
    return indicator.unit === '%' ? `${value}%` : `${value} ${indicator.unit}`.trim();
  }
  return indicator.targetText || DASH;
}

/** The last approval counts: a revision must be approved again and is signed on that date. */
function approvalDate(skp: SkpPrint): string | null {
  if (skp.status !== 'approved') return null;
  const approvals = skp.events.filter((e) => /^approve/i.test(e.action)).map((e) => e.at);
  if (approvals.length === 0) return null;
  const latest = approvals.sort().at(-1) as string;
  return todayIn(skp.timeZone ?? 'Asia/Jakarta', new Date(latest));
}

function placeOf(skp: SkpPrint): string {
  if (skp.place) return skp.place;
  return skp.instansi.replace(/^pemerintah\s+(kota|kabupaten|provinsi)\s+/i, '').trim();
}

const headerCell = (text: string, extra: Record<string, unknown> = {}): TableCell => ({
  text,
  bold: true,
  fillColor: HEADER_FILL,
  alignment: 'center',
  ...extra,
});

function identityTable(skp: SkpPrint, l: (typeof LABELS)[Locale]): Content {
  const { employee, evaluator, evaluator2 } = skp.header;
  const fields: Array<[string, (p: SkpPrintPerson) => string]> = [
    [l.name, (p) => p.name],
    [l.nip, (p) => formatNip(p.nip)],
    [l.pangkat, (p) => p.pangkat || DASH],
    [l.jabatan, (p) => p.jabatan],
    [l.unit, (p) => p.unit],
  ];
  const value = (person: SkpPrintPerson | null, pick: (p: SkpPrintPerson) => string): string =>
    person ? pick(person) : DASH;

  const body: TableCell[][] = [
    [
      headerCell(l.no),
      headerCell(l.employee, { colSpan: 2 }),
      {},
      headerCell(l.no),
      headerCell(l.evaluator, { colSpan: 2 }),
      {},
    ],
    ...fields.map(([label, pick], i): TableCell[] => [
      { text: String(i + 1), alignment: 'center' },
      label,
      value(employee, pick),
      { text: String(i + 1), alignment: 'center' },
      label,
      value(evaluator, pick),
    ]),
    [headerCell(l.no), headerCell(l.evaluator2, { colSpan: 5 }), {}, {}, {}, {}],
    ...fields.map(([label, pick], i): TableCell[] => [
      { text: String(i + 1), alignment: 'center' },
      label,
      { text: value(evaluator2, pick), colSpan: 4 },
      {},
      {},
      {},
    ]),
  ];
  return {
    table: { widths: [16, 92, '*', 16, 92, '*'], body, dontBreakRows: true },
    layout: GRID,
    fontSize: 8,
    margin: [0, 0, 0, 8],
  };
}

type Cell = ContentText | ContentStack;

function parentCell(parent: SkpPrintParent, l: (typeof LABELS)[Locale]): Cell {
  if (!parent) return { text: DASH, alignment: 'center' };
  if (parent.type === 'rhk') {
    return { stack: [parent.text, { text: parent.ownerName, italics: true, color: '#555555', fontSize: 7 }] };
  }
  return {
    stack: [
      { text: `${l.cityGoal} ${parent.code}`, italics: true, color: '#555555', fontSize: 7 },
      parent.title,
    ],
  };
}

function rhkCell(rhk: SkpPrintRhk, l: (typeof LABELS)[Locale]): Cell {
  if (!rhk.perspective) return { text: rhk.text };
  return {
    stack: [
      rhk.text,
      { text: `${l.perspective}: ${rhk.perspective}`, italics: true, color: '#555555', fontSize: 7 },
    ],
  };
}

/**
 * Each RHK is one outer row holding a nested table (parent | RHK | aspect | indicator | target, the first two
 * spanning the indicators). With dontBreakRows an RHK then never splits across pages; rowSpan directly in a
 * table with dontBreakRows is misplaced by pdfmake at page breaks.
 */
const BLOCK_COLUMN = 1;
const BLOCK_WIDTHS = ['*', '*', 46, '*', 62];

const hasBlock = (row: TableCell[] | undefined): boolean =>
  typeof row?.[BLOCK_COLUMN] === 'object' && row[BLOCK_COLUMN] !== null && 'table' in row[BLOCK_COLUMN];

// rows holding a block get no padding, so that the block's own grid meets the frame
const RESULTS_GRID: CustomTableLayout = {
  ...GRID,
  paddingLeft: (i) => (i === BLOCK_COLUMN ? 0 : 3),
  paddingRight: (i) => (i === BLOCK_COLUMN ? 0 : 3),
  paddingTop: (i, node) => (hasBlock(node.table.body[i]) ? 0 : 1.5),
  paddingBottom: (i, node) => (hasBlock(node.table.body[i]) ? 0 : 1.5),
};

// inner lines only: the outer table draws the frame
const BLOCK_GRID: CustomTableLayout = {
  ...GRID,
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : 0.5),
  vLineWidth: (i) => (i === 0 || i === BLOCK_WIDTHS.length ? 0 : 0.5),
};

const numberBesideBlock = (n: number): TableCell => ({
  text: String(n),
  alignment: 'center',
  margin: [0, 1.5, 0, 1.5],
});

function block(rows: TableCell[][], fillColor?: string): TableCell {
  return {
    table: { widths: BLOCK_WIDTHS, body: rows },
    layout: BLOCK_GRID,
    ...(fillColor ? { fillColor } : {}),
  };
}

function resultRows(rhks: SkpPrintRhk[], locale: Locale): TableCell[][] {
  const l = LABELS[locale];
  return rhks.map((rhk, index) => {
    const indicators: TableCell[][] =
      rhk.indicators.length > 0
        ? rhk.indicators.map((indicator) => [
            l.aspects[indicator.aspect],
            indicator.name,
            { text: targetOf(indicator, locale), alignment: 'center' },
          ])
        : [[DASH, DASH, { text: DASH, alignment: 'center' }]];
    const span = indicators.length;
    const rows = indicators.map((cells, i): TableCell[] =>
      i === 0
        ? [{ ...parentCell(rhk.parent, l), rowSpan: span }, { ...rhkCell(rhk, l), rowSpan: span }, ...cells]
        : [{}, {}, ...cells],
    );
    return [numberBesideBlock(index + 1), block(rows)];
  });
}

function groupRow(label: string): TableCell[] {
  return [{ text: label, bold: true, colSpan: 2, fillColor: SECTION_FILL }, {}];
}

function noneRow(text: string): TableCell[] {
  return [{ text, italics: true, colSpan: 2, color: '#555555' }, {}];
}

function resultsTable(skp: SkpPrint, locale: Locale): Content {
  const l = LABELS[locale];
  const main = skp.rhks.filter((r) => r.kind === 'utama');
  const extra = skp.rhks.filter((r) => r.kind === 'tambahan');
  const body: TableCell[][] = [
    [headerCell(l.results, { colSpan: 2, alignment: 'left' }), {}],
    [
      headerCell(l.no, { margin: [0, 1.5, 0, 1.5] }),
      block(
        [
          [
            headerCell(l.parent),
            headerCell(l.rhk),
            headerCell(l.aspect),
            headerCell(l.indicator),
            headerCell(l.target),
          ],
        ],
        HEADER_FILL,
      ),
    ],
    groupRow(l.main),
    ...(main.length > 0 ? resultRows(main, locale) : [noneRow(l.none)]),
    groupRow(l.additional),
    ...(extra.length > 0 ? resultRows(extra, locale) : [noneRow(l.none)]),
  ];
  return {
    table: { headerRows: 2, widths: [16, '*'], body, dontBreakRows: true },
    layout: RESULTS_GRID,
    fontSize: 8,
    margin: [0, 0, 0, 8],
  };
}

function behaviourTable(skp: SkpPrint, locale: Locale): Content {
  const l = LABELS[locale];
  const body: TableCell[][] = [
    [headerCell(l.behaviour, { colSpan: 3, alignment: 'left' }), {}, {}],
    [headerCell(l.no), headerCell(l.behaviour), headerCell(l.expectation)],
    ...skp.behaviours.map((b, i): TableCell[] => {
      const meaning = BERAKHLAK[locale][b.code];
      return [
        { text: String(i + 1), alignment: 'center' },
        { stack: [{ text: b.label, bold: true }, ...(meaning ? [{ text: meaning, color: '#333333' }] : [])] },
        b.expectation?.trim() || DASH,
      ];
    }),
  ];
  return {
    table: { headerRows: 2, widths: [16, '*', '*'], body, dontBreakRows: true },
    layout: GRID,
    fontSize: 8,
  };
}

function signatureBlock(heading: string, dateLine: string, person: SkpPrintPerson | null): Content {
  return {
    stack: [
      { text: dateLine || ' ' },
      { text: heading },
      {
        text: person?.name ?? '.'.repeat(40),
        bold: true,
        decoration: person ? 'underline' : undefined,
        // room for the wet signature
        margin: [0, 40, 0, 0],
      },
      { text: `NIP. ${person ? formatNip(person.nip) : ''}` },
    ],
    alignment: 'center',
  };
}

function documentDefinition(skp: SkpPrint, locale: Locale): TDocumentDefinitions {
  const l = LABELS[locale];
  const { employee, evaluator, period } = skp.header;
  const approved = approvalDate(skp);
  const dateLine = `${placeOf(skp)}, ${approved ? formatDate(approved, locale) : '.'.repeat(30)}`;
  const year = period.start.slice(0, 4);
  const periodText = `${l.period}: ${formatDate(period.start, locale)} ${l.until} ${formatDate(period.end, locale)}`;
  const revision = skp.revision > 0 ? ` · ${l.revision} ${skp.revision}` : '';

  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [36, 36, 36, 44],
    info: {
      title: `SKP ${year} ${employee.name}`,
      author: skp.instansi,
      creator: 'Kinerja',
      subject: l.title,
    },
    defaultStyle: { font: 'Roboto', fontSize: 9, lineHeight: 1.1 },
    watermark:
      skp.status === 'approved' ? undefined : { text: l.draft, color: '#B00020', opacity: 0.12, bold: true },
    footer: (page, count) => ({
      columns: [
        {
          text: `SKP ${year} · ${employee.name} · ${formatNip(employee.nip)}${revision} · ${l.statuses[skp.status]}`,
        },
        { text: l.page(page, count), alignment: 'right', width: 'auto' },
      ],
      margin: [36, 20, 36, 0],
      fontSize: 7,
      color: '#555555',
    }),
    content: [
      { text: l.title, bold: true, fontSize: 12, alignment: 'center' },
      { text: l.approach, bold: true, fontSize: 10, alignment: 'center', margin: [0, 2, 0, 10] },
      {
        columns: [
          { text: skp.instansi.toUpperCase(), bold: true },
          { text: periodText.toUpperCase(), bold: true, alignment: 'right', width: 'auto' },
        ],
        fontSize: 8,
        margin: [0, 0, 0, 4],
      },
      identityTable(skp, l),
      resultsTable(skp, locale),
      behaviourTable(skp, locale),
      {
        columns: [
          signatureBlock(l.signEmployee, '', employee),
          signatureBlock(l.signEvaluator, dateLine, evaluator),
        ],
        columnGap: 40,
        margin: [0, 12, 0, 0],
        unbreakable: true,
        fontSize: 9,
      },
    ],
  };
}

/** The SKP in the PermenPANRB 6/2022 form layout, A4 portrait. Fonts come from the pdfmake package only. */
export async function renderSkpPdf(skp: SkpPrint, locale: Locale): Promise<Buffer> {
  // the singleton is shared with other printers: configure it right before each document
  pdfmake.setFonts(FONTS);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(insideFontDir);
  return pdfmake.createPdf(documentDefinition(skp, locale)).getBuffer();
}
