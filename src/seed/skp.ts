/**
 * Demo performance contracts: period 2026, approved city goals, and an approved, cascaded SKP for every
 * employee — heads of OPD cite city goals, everyone else cites an RHK of their atasan — with confirmed
 * realisations for the first three quarters.
 */
import { newId } from '../core/ids.ts';
import type { DB } from '../db/index.ts';
import type {
  EmployeeTable,
  PositionTable,
  RealisationTable,
  RhkIndicatorTable,
  RhkTable,
  SkpBehaviourTable,
  SkpEventTable,
  SkpTable,
  UnitTable,
} from '../db/schema.ts';
import { formatNip } from '../modules/org/nip.ts';
import { BEHAVIOURS } from '../modules/skp/behaviours.ts';

interface GoalSeed {
  code: string;
  title: string;
  focus: string;
  indicators: { name: string; target: number; unit: string }[];
}

const GOALS: Record<string, GoalSeed[]> = {
  surabaya: [
    {
      code: 'SS1',
      title: 'Meningkatnya Pendapatan Asli Daerah',
      focus: 'penerimaan pendapatan asli daerah',
      indicators: [{ name: 'Realisasi PAD', target: 8.2, unit: 'triliun rupiah' }],
    },
    {
      code: 'SS2',
      title: 'Meningkatnya kunjungan wisata sungai dan cagar budaya',
      focus: 'kunjungan wisata susur Sungai Kalimas dan cagar budaya',
      indicators: [
        { name: 'Wisatawan susur Sungai Kalimas', target: 250_000, unit: 'orang/tahun' },
        { name: 'Kunjungan kawasan cagar budaya Kota Lama', target: 500_000, unit: 'orang/tahun' },
      ],
    },
    {
      code: 'SS3',
      title: 'Meningkatnya kualitas pelayanan publik',
      focus: 'kualitas pelayanan publik',
      indicators: [{ name: 'Indeks Kepuasan Masyarakat (IKM) pelayanan publik', target: 90, unit: 'indeks' }],
    },
  ],
  jambi: [
    {
      code: 'SS1',
      title: 'Meningkatnya Pendapatan Asli Daerah',
      focus: 'penerimaan pajak dan retribusi daerah',
      indicators: [{ name: 'Realisasi PAD', target: 520, unit: 'miliar rupiah' }],
    },
    {
      code: 'SS2',
      title: 'Meningkatnya kunjungan wisata tepian Batanghari dan cagar budaya',
      focus: 'kunjungan wisata tepian Batanghari dan cagar budaya',
      indicators: [
        {
          name: 'Kunjungan kawasan Tanggo Rajo dan Menara Gentala Arasy',
          target: 300_000,
          unit: 'orang/tahun',
        },
        {
          name: 'Kunjungan Kampung Batik Seberang dan situs Muaro Jambi',
          target: 60_000,
          unit: 'orang/tahun',
        },
      ],
    },
    {
      code: 'SS3',
      title: 'Meningkatnya kualitas pelayanan publik',
      focus: 'kualitas pelayanan publik',
      indicators: [{ name: 'Indeks Kepuasan Masyarakat (IKM) pelayanan publik', target: 88, unit: 'indeks' }],
    },
  ],
};

/** Which city goals the head of each OPD serves. */
function goalsOfOpd(opdCode: string): string[] {
  const revenue = ['BAPENDA', 'BPPRD', 'BPKAD'];
  const tourism = ['DISBUDPORAPAR', 'DISPARBUD'];
  if (opdCode === 'SETDA') return ['SS1', 'SS2', 'SS3'];
  if (revenue.includes(opdCode)) return ['SS1', 'SS3'];
  if (tourism.includes(opdCode)) return ['SS2', 'SS1'];
  if (['DSDABM', 'DLH', 'DPUPR', 'DISPERKIM'].includes(opdCode)) return ['SS3', 'SS2'];
  return ['SS3'];
}

/** Kecamatan on the river: their camat supports the Sekda's river-tourism RHK first. */
const RIVER_KECAMATAN = [
  'KEC.GENTENG',
  'KEC.BUBUTAN',
  'KEC.KREMBANGAN',
  'KEC.PABEANCANTIAN',
  'KEC.PELAYANGAN',
  'KEC.DANAUTELUK',
  'KEC.PASARJAMBI',
];

const SPECIAL_TEXT: Record<string, string> = {
  'B1.SUNGAI.KASI': 'Terselenggaranya layanan wisata sungai yang aman, tepat jadwal, dan diminati wisatawan',
  'B1.SUNGAI.S1': 'Terlayaninya wisatawan perahu sesuai jadwal dan kuota harian',
  'B1.SUNGAI.S2': 'Terpandunya rombongan wisatawan susur sungai dengan informasi sejarah yang akurat',
  'B1.SUNGAI.S3':
    'Tercatatnya penjualan tiket dan data kunjungan wisata sungai secara akurat dan tepat waktu',
};

interface Ctx {
  tenantId: string;
  city: { slug: string; name: string; mayor: string };
  units: UnitTable[];
  positions: PositionTable[];
  employees: EmployeeTable[];
  acting: { position_id: string; employee_id: string }[];
  rand: () => number;
}

export async function seedPerformance(trx: DB, c: Ctx) {
  const at = '2026-01-31T02:00:00.000Z';
  const periodId = newId();
  await trx
    .insertInto('periods')
    .values({
      tenant_id: c.tenantId,
      id: periodId,
      year: 2026,
      start_date: '2026-01-01',
      end_date: '2026-12-31',
      status: 'open',
      created_at: '2026-01-02T01:00:00.000Z',
    })
    .execute();
  const goalIds = new Map<string, string>();
  const goals = GOALS[c.city.slug];
  for (const g of goals) {
    const id = newId();
    goalIds.set(g.code, id);
    await trx
      .insertInto('city_goals')
      .values({
        tenant_id: c.tenantId,
        id,
        period_id: periodId,
        code: g.code,
        title: g.title,
        description: null,
        status: 'approved',
        approved_by: null,
        approved_at: '2026-01-10T03:00:00.000Z',
        created_at: '2026-01-05T03:00:00.000Z',
        updated_at: '2026-01-10T03:00:00.000Z',
      })
      .execute();
    await trx
      .insertInto('goal_indicators')
      .values(
        g.indicators.map((i, sort) => ({
          tenant_id: c.tenantId,
          id: newId(),
          goal_id: id,
          sort,
          name: i.name,
          target_value: i.target,
          target_text: null,
          unit: i.unit,
          direction: 'higher',
        })),
      )
      .execute();
  }

  const unitById = new Map(c.units.map((u) => [u.id, u]));
  const opdCodeOf = (unitId: string) => {
    const path = unitById.get(unitId)?.path.split('/').filter(Boolean) ?? [];
    return unitById.get(path[1] ?? '')?.code ?? '';
  };
  const positionById = new Map(c.positions.map((p) => [p.id, p]));
  const holder = new Map(c.employees.map((e) => [e.position_id as string, e]));
  const actingOf = new Map(c.acting.map((a) => [a.position_id, a.employee_id]));
  const employeeById = new Map(c.employees.map((e) => [e.id, e]));
  /** nearest holder or acting holder above, as [employee, position] */
  const atasanOf = (p: PositionTable): [EmployeeTable, PositionTable, boolean] | null => {
    for (
      let up = p.parent_position_id ? positionById.get(p.parent_position_id) : undefined;
      up;
      up = up.parent_position_id ? positionById.get(up.parent_position_id) : undefined
    ) {
      const h = holder.get(up.id);
      if (h) return [h, up, false];
      const a = actingOf.get(up.id);
      if (a) return [employeeById.get(a) as EmployeeTable, up, true];
    }
    return null;
  };
  const depth = (p: PositionTable): number =>
    p.parent_position_id ? 1 + depth(positionById.get(p.parent_position_id) as PositionTable) : 0;
  const person = (e: EmployeeTable, jabatan: string) => ({
    name: e.name,
    nip: formatNip(e.nip),
    pangkat: e.golongan,
    jabatan,
    unit: unitById.get(e.unit_id as string)?.name ?? '',
  });
  const mayor = {
    name: c.city.mayor,
    nip: '-',
    pangkat: null,
    jabatan: `Wali Kota ${c.city.name.replace('Kota ', '')}`,
    unit: `Pemerintah ${c.city.name}`,
  };

  const skps: SkpTable[] = [];
  const rhks: RhkTable[] = [];
  const indicators: RhkIndicatorTable[] = [];
  const behaviours: SkpBehaviourTable[] = [];
  const events: SkpEventTable[] = [];
  const realisations: RealisationTable[] = [];
  /** RHKs of each employee, so subordinates can cite them */
  const rhksOf = new Map<string, { id: string; focus: string }[]>();
  /** each employee's atasan (holder or acting holder above), for the activity seed */
  const atasanByEmployee = new Map<string, string | null>();

  const held = c.employees
    .filter((e) => e.position_id)
    .map((e) => ({ e, p: positionById.get(e.position_id as string) as PositionTable }));
  held.sort((a, b) => depth(a.p) - depth(b.p));
  held.forEach(({ e, p }) => {
    const skpId = newId();
    const sup = atasanOf(p);
    atasanByEmployee.set(e.id, sup?.[0].id ?? null);
    const sup2 = sup ? atasanOf(sup[1]) : null;
    const opd = opdCodeOf(p.unit_id);
    const unit = unitById.get(p.unit_id)?.name ?? '';
    const special = Object.entries(SPECIAL_TEXT).find(([suffix]) => p.code.endsWith(suffix))?.[1];
    const plan: { text: string; focus: string; goal?: string; parent?: string }[] = [];
    const parentRhks = sup ? (rhksOf.get(sup[0].id) ?? []) : [];
    if (parentRhks.length === 0) {
      for (const code of goalsOfOpd(opd)) {
        const g = goals.find((x) => x.code === code) as GoalSeed;
        plan.push({
          text: `Meningkatnya ${g.focus} melalui ${unitById.get(p.unit_id)?.name ?? ''}`,
          focus: g.focus,
          goal: code,
        });
      }
    } else {
      // camat on the river serve the Sekda's river-tourism RHK first; others take their atasan's RHKs in turn
      const ordered =
        RIVER_KECAMATAN.includes(opd) && p.code.endsWith('.KEPALA')
          ? [
              ...parentRhks.filter((r) => r.focus.includes('wisata')),
              ...parentRhks.filter((r) => !r.focus.includes('wisata')),
            ]
          : parentRhks;
      const count = p.kind === 'pelaksana' || p.kind === 'fungsional' ? 1 : Math.min(2, ordered.length);
      for (let i = 0; i < count; i++) {
        const parent = ordered[i % ordered.length];
        const text =
          special && i === 0
            ? special
            : p.kind === 'administrator' || p.kind === 'jpt'
              ? `Terlaksananya program peningkatan ${parent.focus} di ${unit}`
              : p.kind === 'pengawas'
                ? `Terlaksananya kegiatan ${parent.focus} di ${unit}`
                : p.kind === 'fungsional'
                  ? `Tersusunnya kajian dan rekomendasi ${parent.focus}`
                  : `Tersedianya data, layanan, dan laporan ${parent.focus} (${p.name})`;
        plan.push({ text, focus: parent.focus, parent: parent.id });
      }
    }
    const mine: { id: string; focus: string }[] = [];
    plan.forEach((item, sort) => {
      const rhkId = newId();
      mine.push({ id: rhkId, focus: item.focus });
      rhks.push({
        tenant_id: c.tenantId,
        id: rhkId,
        skp_id: skpId,
        period_id: periodId,
        sort,
        kind: 'utama',
        text: item.text,
        parent_rhk_id: item.parent ?? null,
        goal_id: item.goal ? (goalIds.get(item.goal) as string) : null,
        perspective: item.goal ? 'penerima layanan' : null,
      });
      const goal = item.goal ? goals.find((g) => g.code === item.goal) : undefined;
      const quantity = goal
        ? { name: goal.indicators[0].name, target: goal.indicators[0].target, unit: goal.indicators[0].unit }
        : p.kind === 'pelaksana'
          ? {
              name: `Jumlah layanan/dokumen ${item.focus} yang diselesaikan`,
              target: 120 + Math.floor(c.rand() * 240),
              unit: 'dokumen',
            }
          : { name: `Persentase kegiatan ${item.focus} yang terlaksana`, target: 100, unit: 'persen' };
      const qid = newId();
      indicators.push({
        tenant_id: c.tenantId,
        id: qid,
        rhk_id: rhkId,
        sort: 0,
        aspect: 'kuantitas',
        name: quantity.name,
        target_value: quantity.target,
        target_text: null,
        unit: quantity.unit,
        direction: 'higher',
      });
      indicators.push({
        tenant_id: c.tenantId,
        id: newId(),
        rhk_id: rhkId,
        sort: 1,
        aspect: 'waktu',
        name: 'Ketepatan waktu penyelesaian',
        target_value: 12,
        target_text: null,
        unit: 'bulan',
        direction: 'higher',
      });
      // confirmed realisations for quarters 1–3, cumulative against the annual target
      for (let q = 1; q <= 3; q++) {
        const ratio = (q / 4) * (0.8 + c.rand() * 0.35);
        const value =
          quantity.unit === 'persen' || quantity.unit === 'indeks'
            ? Math.round(quantity.target * (0.85 + c.rand() * 0.15) * 10) / 10
            : Math.round(quantity.target * ratio * 100) / 100;
        realisations.push({
          tenant_id: c.tenantId,
          id: newId(),
          skp_id: skpId,
          indicator_id: qid,
          quarter: q,
          value,
          note: null,
          evidence_json: '[]',
          status: 'confirmed',
          decided_by: sup?.[0].id ?? null,
          decided_at: `2026-${String(q * 3 + 1).padStart(2, '0')}-08T03:00:00.000Z`,
          reject_reason: null,
          created_at: `2026-${String(q * 3 + 1).padStart(2, '0')}-03T03:00:00.000Z`,
          updated_at: `2026-${String(q * 3 + 1).padStart(2, '0')}-08T03:00:00.000Z`,
        });
      }
    });
    rhksOf.set(e.id, mine);
    for (const b of BEHAVIOURS) {
      behaviours.push({
        tenant_id: c.tenantId,
        skp_id: skpId,
        code: b.code,
        expectation: `${b.id}: ${EXPECTATIONS[b.code]}`,
      });
    }
    const header = {
      employee: person(e, p.name),
      evaluator: sup ? person(sup[0], sup[2] ? `Plt. ${sup[1].name}` : sup[1].name) : mayor,
      evaluator2: sup2
        ? person(sup2[0], sup2[2] ? `Plt. ${sup2[1].name}` : sup2[1].name)
        : sup
          ? mayor
          : null,
    };
    skps.push({
      tenant_id: c.tenantId,
      id: skpId,
      period_id: periodId,
      employee_id: e.id,
      position_id: p.id,
      unit_id: p.unit_id,
      status: 'approved',
      revision: 0,
      return_reason: null,
      header_json: JSON.stringify(header),
      approved_by_employee_id: sup?.[0].id ?? null,
      approved_at: at,
      created_at: '2026-01-15T02:00:00.000Z',
      updated_at: at,
    });
    events.push({
      tenant_id: c.tenantId,
      id: newId(),
      skp_id: skpId,
      action: 'created',
      actor_employee_id: e.id,
      actor_name: e.name,
      reason: null,
      at: '2026-01-15T02:00:00.000Z',
    });
    events.push({
      tenant_id: c.tenantId,
      id: newId(),
      skp_id: skpId,
      action: 'submitted',
      actor_employee_id: e.id,
      actor_name: e.name,
      reason: null,
      at: '2026-01-20T02:00:00.000Z',
    });
    events.push({
      tenant_id: c.tenantId,
      id: newId(),
      skp_id: skpId,
      action: 'approved',
      actor_employee_id: sup?.[0].id ?? null,
      actor_name: sup?.[0].name ?? c.city.mayor,
      reason: null,
      at,
    });
  });

  const insert = async <T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 300) await write(rows.slice(i, i + 300));
  };
  await insert(skps, (x) => trx.insertInto('skps').values(x).execute());
  // parents first: the RHK list is already in position-depth order
  await insert(rhks, (x) => trx.insertInto('rhks').values(x).execute());
  await insert(indicators, (x) => trx.insertInto('rhk_indicators').values(x).execute());
  await insert(behaviours, (x) => trx.insertInto('skp_behaviours').values(x).execute());
  await insert(events, (x) => trx.insertInto('skp_events').values(x).execute());
  await insert(realisations, (x) => trx.insertInto('realisations').values(x).execute());
  return {
    skps: skps.length,
    rhks: rhks.length,
    rhksByEmployee: new Map([...rhksOf].map(([id, list]) => [id, list.map((r) => r.id)])),
    atasanByEmployee,
  };
}

const EXPECTATIONS: Record<string, string> = {
  berorientasi_pelayanan:
    'menanggapi setiap permintaan layanan warga paling lambat satu hari kerja dan menjaga keramahan di loket maupun kanal daring.',
  akuntabel:
    'melaporkan capaian dan penggunaan anggaran tepat waktu, lengkap dengan bukti dukung yang dapat diperiksa.',
  kompeten:
    'mengikuti paling sedikit 20 jam pelajaran pengembangan kompetensi dan membagikan hasilnya kepada tim.',
  harmonis: 'menjaga suasana kerja yang saling menghargai dan membantu rekan yang beban kerjanya tinggi.',
  loyal: 'menjaga kerahasiaan data pribadi warga dan nama baik Pemerintah Kota.',
  adaptif:
    'memanfaatkan aplikasi kerja yang ditetapkan dan mengusulkan paling sedikit satu perbaikan proses per semester.',
  kolaboratif: 'berkoordinasi aktif dengan OPD, kecamatan, dan komunitas terkait dalam pelaksanaan kegiatan.',
};
