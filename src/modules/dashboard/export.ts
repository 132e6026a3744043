/**
 * The dashboard's figures as XLSX, one sheet per figure set (or all of them), with every person of the
 * warning lists (the screen shows the first ones). Labels follow the caller's language.
 */
import ExcelJS from 'exceljs';
import type { RequestContext } from '../../core/context.ts';
import type { Locale } from '../../core/i18n.ts';
import type { FIGURE_SETS } from './schemas.ts';
import { fullView } from './service.ts';
import type { DashboardViewData } from './views.ts';

type Figure = (typeof FIGURE_SETS)[number];

const L = {
  id: {
    headline: 'Ringkasan',
    ranking: 'Peringkat',
    histogram: 'Distribusi beban kerja',
    predikat: 'Predikat',
    goals: 'Sasaran kota',
    trend: 'Tren bulanan',
    heatmap: 'Peta panas',
    warnings: 'Peringatan dini',
    people: 'Pegawai',
    figure: 'Ukuran',
    value: 'Nilai',
    scope: 'Cakupan',
    month: 'Bulan',
    today: 'Hari ini',
    asOf: 'Data per',
    people_n: 'Jumlah ASN',
    skpApproved: 'ASN dengan SKP disetujui',
    skpShare: 'Persentase SKP disetujui',
    activitiesToday: 'Aktivitas hari ini',
    loggingToday: 'Pegawai mencatat hari ini',
    activitiesMonth: 'Aktivitas bulan ini',
    loggingMonth: 'Pegawai mencatat bulan ini',
    backlogMinutes: 'Menunggu verifikasi (menit)',
    backlogPeople: 'Pegawai dengan aktivitas menunggu verifikasi',
    approvedMinutes: 'Menit disetujui',
    effectiveMinutes: 'Waktu efektif (menit)',
    avgWorkload: 'Rata-rata beban kerja',
    under: 'Beban kurang',
    normal: 'Beban normal',
    over: 'Beban lebih',
    inactive: 'Tanpa aktivitas',
    evaluated: 'Dinilai',
    predikatGoodShare: 'Predikat baik ke atas',
    tppTotal: 'TPP (Rp)',
    tppPeople: 'Penerima TPP',
    rank: 'Peringkat',
    unit: 'Unit',
    code: 'Kode',
    range: 'Rentang beban kerja',
    count: 'Jumlah pegawai',
    share: 'Persentase',
    predikatName: 'Predikat',
    minShare: 'Kurva: minimal',
    maxShare: 'Kurva: maksimal',
    goal: 'Sasaran',
    progress: 'Capaian rata-rata (%)',
    status: 'Status',
    quarter: 'Triwulan',
    contributor: 'Pegawai',
    rhk: 'RHK',
    capaian: 'Capaian (%)',
    entries: 'Aktivitas',
    ratio: 'Beban kerja',
    name: 'Nama',
    nip: 'NIP',
    position: 'Jabatan',
    lastActive: 'Aktivitas terakhir',
    kind: 'Jenis peringatan',
    pending: 'Menunggu verifikasi (menit)',
    staff: 'Bawahan dengan antrean',
    todayEntries: 'Aktivitas hari ini',
    skpStatus: 'Status SKP',
    warnInactive: 'Tanpa aktivitas',
    warnOverloaded: 'Beban lebih',
    warnBacklog: 'Antrean verifikasi atasan',
    warnGoals: 'Sasaran tidak tercapai',
    direct: '(langsung)',
    on_track: 'sesuai jalur',
    at_risk: 'berisiko',
    off_track: 'tidak sesuai jalur',
    no_data: 'belum ada data',
  },
  en: {
    headline: 'Summary',
    ranking: 'Ranking',
    histogram: 'Workload distribution',
    predikat: 'Predikat',
    goals: 'City goals',
    trend: 'Monthly trend',
    heatmap: 'Heatmap',
    warnings: 'Early warnings',
    people: 'People',
    figure: 'Figure',
    value: 'Value',
    scope: 'Scope',
    month: 'Month',
    today: 'Today',
    asOf: 'Figures as of',
    people_n: 'ASN',
    skpApproved: 'ASN with an approved SKP',
    skpShare: 'Share with an approved SKP',
    activitiesToday: 'Activities today',
    loggingToday: 'People logging today',
    activitiesMonth: 'Activities this month',
    loggingMonth: 'People logging this month',
    backlogMinutes: 'Awaiting verification (minutes)',
    backlogPeople: 'People with activities awaiting verification',
    approvedMinutes: 'Approved minutes',
    effectiveMinutes: 'Effective time (minutes)',
    avgWorkload: 'Average workload',
    under: 'Under-loaded',
    normal: 'Normal load',
    over: 'Over-loaded',
    inactive: 'No activity',
    evaluated: 'Evaluated',
    predikatGoodShare: 'Predikat good or better',
    tppTotal: 'TPP (Rp)',
    tppPeople: 'TPP recipients',
    rank: 'Rank',
    unit: 'Unit',
    code: 'Code',
    range: 'Workload range',
    count: 'People',
    share: 'Share',
    predikatName: 'Predikat',
    minShare: 'Curve: minimum',
    maxShare: 'Curve: maximum',
    goal: 'Goal',
    progress: 'Mean achievement (%)',
    status: 'Status',
    quarter: 'Quarter',
    contributor: 'Employee',
    rhk: 'RHK',
    capaian: 'Achievement (%)',
    entries: 'Activities',
    ratio: 'Workload',
    name: 'Name',
    nip: 'NIP',
    position: 'Position',
    lastActive: 'Last activity',
    kind: 'Warning',
    pending: 'Awaiting verification (minutes)',
    staff: 'Staff with a queue',
    todayEntries: 'Activities today',
    skpStatus: 'SKP status',
    warnInactive: 'No activity',
    warnOverloaded: 'Over-loaded',
    warnBacklog: "Supervisor's verification backlog",
    warnGoals: 'Goal off track',
    direct: '(directly)',
    on_track: 'on track',
    at_risk: 'at risk',
    off_track: 'off track',
    no_data: 'no data yet',
  },
} as const;
type Labels = Record<keyof (typeof L)['id'], string>;

const PREDIKAT_LABELS: Record<Locale, Record<string, string>> = {
  id: {
    sangat_baik: 'Sangat Baik',
    baik: 'Baik',
    butuh_perbaikan: 'Butuh Perbaikan',
    kurang: 'Kurang/Misconduct',
    sangat_kurang: 'Sangat Kurang',
  },
  en: {
    sangat_baik: 'Outstanding',
    baik: 'Good',
    butuh_perbaikan: 'Needs improvement',
    kurang: 'Poor/Misconduct',
    sangat_kurang: 'Very poor',
  },
};

const PCT = '0.0%';
const header = (sheet: ExcelJS.Worksheet, cells: string[], widths: number[]) => {
  const row = sheet.addRow(cells);
  row.font = { bold: true };
  sheet.columns = widths.map((width) => ({ width }));
  sheet.views = [{ state: 'frozen', ySplit: row.number }];
};

function headline(wb: ExcelJS.Workbook, v: DashboardViewData, l: Labels) {
  const sheet = wb.addWorksheet(l.headline);
  sheet.addRow([`${l.scope}: ${v.scope.unit.name}`]).font = { bold: true, size: 13 };
  sheet.addRow([`${l.month}: ${v.month} · ${l.today}: ${v.today} · ${l.asOf}: ${v.asOf}`]);
  sheet.addRow([]);
  header(sheet, [l.figure, l.value], [48, 18]);
  const h = v.headline;
  const rows: [string, number | null, string?][] = [
    [l.people_n, h.people],
    [l.skpApproved, h.skpApproved],
    [l.skpShare, h.skpShare, PCT],
    [l.activitiesToday, h.activitiesToday],
    [l.loggingToday, h.loggingToday],
    [l.activitiesMonth, h.activitiesMonth],
    [l.loggingMonth, h.loggingMonth],
    [l.backlogMinutes, h.backlogMinutes],
    [l.backlogPeople, h.backlogPeople],
    [l.approvedMinutes, h.approvedMinutes],
    [l.effectiveMinutes, h.effectiveMinutes],
    [l.avgWorkload, h.avgWorkload, PCT],
    [l.under, h.under],
    [l.normal, h.normal],
    [l.over, h.over],
    [l.inactive, h.inactive],
  ];
  if (h.evaluated !== undefined)
    rows.push([l.evaluated, h.evaluated], [l.predikatGoodShare, h.predikatGoodShare ?? null, PCT]);
  if (h.tppTotal !== undefined) rows.push([l.tppTotal, h.tppTotal, '#,##0'], [l.tppPeople, h.tppPeople ?? 0]);
  for (const [label, value, fmt] of rows) {
    const row = sheet.addRow([label, value]);
    if (fmt) row.getCell(2).numFmt = fmt;
  }
}

function ranking(wb: ExcelJS.Workbook, v: DashboardViewData, l: Labels) {
  const sheet = wb.addWorksheet(l.ranking);
  const extra = v.headline.evaluated !== undefined;
  const pay = v.headline.tppTotal !== undefined;
  header(
    sheet,
    [
      l.unit,
      l.code,
      l.people_n,
      l.skpApproved,
      l.skpShare,
      l.activitiesToday,
      l.activitiesMonth,
      l.backlogMinutes,
      l.avgWorkload,
      l.under,
      l.normal,
      l.over,
      l.inactive,
      ...(extra ? [l.predikatGoodShare] : []),
      ...(pay ? [l.tppTotal] : []),
    ],
    [44, 22, 10, 12, 12, 12, 12, 14, 12, 10, 10, 10, 10, 14, 16],
  );
  for (const r of v.ranking) {
    const row = sheet.addRow([
      r.direct ? `${r.name} ${l.direct}` : r.name,
      r.code,
      r.people,
      r.skpApproved,
      r.skpShare,
      r.activitiesToday,
      r.activitiesMonth,
      r.backlogMinutes,
      r.avgWorkload,
      r.under,
      r.normal,
      r.over,
      r.inactive,
      ...(extra ? [r.predikatGoodShare ?? null] : []),
      ...(pay ? [r.tppTotal ?? 0] : []),
    ]);
    row.getCell(5).numFmt = PCT;
    row.getCell(9).numFmt = PCT;
    if (extra) row.getCell(14).numFmt = PCT;
  }
}

function histogram(wb: ExcelJS.Workbook, v: DashboardViewData, l: Labels) {
  const sheet = wb.addWorksheet(l.histogram);
  header(sheet, [l.range, l.count, l.share], [22, 14, 12]);
  for (const b of v.histogram.buckets) {
    const row = sheet.addRow([
      b.label,
      b.count,
      v.histogram.measured ? b.count / v.histogram.measured : null,
    ]);
    row.getCell(3).numFmt = PCT;
  }
}

function predikat(wb: ExcelJS.Workbook, v: DashboardViewData, l: Labels, locale: Locale) {
  if (!v.predikat) return;
  const sheet = wb.addWorksheet(l.predikat);
  header(sheet, [l.predikatName, l.count, l.share, l.minShare, l.maxShare], [24, 12, 12, 16, 16]);
  for (const c of v.predikat.counts) {
    const curve = v.predikat.curve.find((x) => x.predikat === c.predikat);
    const row = sheet.addRow([
      PREDIKAT_LABELS[locale][c.predikat] ?? c.predikat,
      c.count,
      c.share,
      curve?.minShare === null || curve?.minShare === undefined ? null : curve.minShare / 100,
      curve?.maxShare === null || curve?.maxShare === undefined ? null : curve.maxShare / 100,
    ]);
    for (const i of [3, 4, 5]) row.getCell(i).numFmt = PCT;
  }
}

function goals(wb: ExcelJS.Workbook, v: DashboardViewData, l: Labels) {
  const sheet = wb.addWorksheet(l.goals);
  header(
    sheet,
    [l.code, l.goal, l.progress, l.status, l.quarter, l.contributor, l.nip, l.unit, l.rhk, l.capaian],
    [10, 44, 14, 16, 10, 30, 22, 32, 50, 12],
  );
  for (const g of v.goals) {
    sheet.addRow([g.code, g.title, g.progress, l[g.progressStatus], g.quarter]).font = { bold: true };
    for (const c of g.contributors)
      sheet.addRow(['', '', null, '', c.quarter, c.name, c.nip, c.unitName, c.rhkText, c.capaian]);
  }
}

function trend(wb: ExcelJS.Workbook, v: DashboardViewData, l: Labels) {
  const sheet = wb.addWorksheet(l.trend);
  header(sheet, [l.month, l.entries, l.approvedMinutes, l.effectiveMinutes, l.ratio], [12, 14, 16, 18, 12]);
  for (const t of v.trend) {
    const row = sheet.addRow([t.month, t.entries, t.approvedMinutes, t.effectiveMinutes, t.ratio]);
    row.getCell(5).numFmt = PCT;
  }
}

function heatmap(wb: ExcelJS.Workbook, v: DashboardViewData, l: Labels) {
  const sheet = wb.addWorksheet(l.heatmap);
  header(sheet, [l.unit, ...v.heatmap.months], [44, ...v.heatmap.months.map(() => 10)]);
  for (const r of v.heatmap.rows) {
    const row = sheet.addRow([r.direct ? `${r.name} ${l.direct}` : r.name, ...r.ratios]);
    for (let i = 0; i < r.ratios.length; i++) row.getCell(i + 2).numFmt = PCT;
  }
}

function warnings(wb: ExcelJS.Workbook, v: DashboardViewData, l: Labels) {
  const sheet = wb.addWorksheet(l.warnings);
  header(sheet, [l.kind, l.name, l.nip, l.position, l.unit, l.value], [28, 34, 22, 34, 34, 16]);
  for (const p of v.warnings.inactive.items)
    sheet.addRow([l.warnInactive, p.name, p.nip, p.positionName, p.unitName, p.lastActive ?? '—']);
  for (const p of v.warnings.overloaded.items)
    sheet.addRow([l.warnOverloaded, p.name, p.nip, p.positionName, p.unitName, p.ratio]).getCell(6).numFmt =
      PCT;
  for (const p of v.warnings.backlog.items)
    sheet.addRow([l.warnBacklog, p.name, p.nip, p.positionName, p.unitName, p.pendingMinutes]);
  for (const g of v.warnings.goalsOffTrack.items)
    for (const p of g.people)
      sheet.addRow([`${l.warnGoals}: ${g.code}`, p.name, p.nip, null, p.unitName, p.capaian]);
}

function people(wb: ExcelJS.Workbook, v: DashboardViewData, l: Labels) {
  if (!v.people) return;
  const sheet = wb.addWorksheet(l.people);
  header(
    sheet,
    [
      l.name,
      l.nip,
      l.position,
      l.unit,
      l.ratio,
      l.approvedMinutes,
      l.todayEntries,
      l.pending,
      l.lastActive,
      l.skpStatus,
    ],
    [34, 22, 34, 34, 12, 14, 12, 14, 14, 14],
  );
  for (const p of v.people.items) {
    const row = sheet.addRow([
      p.name,
      p.nip,
      p.positionName,
      p.unitName,
      p.ratio,
      p.approvedMinutes,
      p.todayEntries,
      p.backlogMinutes,
      p.lastActive ?? '—',
      p.skpStatus ?? '—',
    ]);
    row.getCell(5).numFmt = PCT;
  }
}

export async function exportWorkbook(
  ctx: RequestContext,
  q: { unitId?: string; month?: string; figure: Figure },
): Promise<{ file: Buffer; filename: string }> {
  const v = await fullView(ctx, q.unitId, q.month);
  const l = L[ctx.locale];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kinerja';
  const want = (f: Figure) => q.figure === 'all' || q.figure === f;
  if (want('headline')) headline(wb, v, l);
  if (want('ranking')) ranking(wb, v, l);
  if (want('histogram')) histogram(wb, v, l);
  if (want('predikat')) predikat(wb, v, l, ctx.locale);
  if (want('goals')) goals(wb, v, l);
  if (want('trend')) trend(wb, v, l);
  if (want('heatmap')) heatmap(wb, v, l);
  if (want('warnings')) warnings(wb, v, l);
  if (want('people')) people(wb, v, l);
  // a figure set the scope does not have (predikat without a source) still opens as a workbook
  if (wb.worksheets.length === 0) wb.addWorksheet(l[q.figure === 'all' ? 'headline' : q.figure]);
  const slug = v.scope.unit.code.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    file: Buffer.from(await wb.xlsx.writeBuffer()),
    filename: `dasbor-${slug}-${q.figure}-${v.month}.xlsx`,
  };
}
