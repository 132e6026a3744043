/**
 * Demo evaluations: the default distribution curve, and final evaluations of the first three quarters of
 * 2026 for every employee with an approved SKP, rated by their atasan (or Plt.) from the confirmed
 * realisation — mostly as the guide suggests, sometimes departing from it with a reason — with a few
 * objections decided by the atasan pejabat penilai, each unit's organisational predikat (following its
 * leader's hasil kerja rating where the leader was evaluated) and each unit's finalisation. The fourth
 * quarter and the annual evaluation are left for the atasan to do.
 */

import { newId } from '../core/ids.ts';
import type { DB } from '../db/index.ts';
import type {
  EvaluationFinalisationTable,
  EvaluationTable,
  EvaluationUnitPredikatTable,
} from '../db/schema.ts';
import { monthCalendar } from '../modules/activities/calendar.ts';
import { DEFAULT_SETTINGS } from '../modules/activities/settings.ts';
import {
  checkCurve,
  DEFAULT_CURVE,
  DEFAULT_GUIDE,
  type EvaluationKind,
  emptyCounts,
  monthsOf,
  PREDIKATS,
  type Predikat,
  perilakuGuide,
  perilakuMean,
  predikatOf,
  type Rating,
  UNIT_PREDIKATS,
  type UnitPredikat,
  unitPredikatForRating,
} from '../modules/evaluation/predikat.ts';
import { evaluationBasis } from '../modules/evaluation/snapshot.ts';
import { BEHAVIOURS } from '../modules/skp/behaviours.ts';

interface Ctx {
  tenantId: string;
  rand: () => number;
}

const KINDS: EvaluationKind[] = ['q1', 'q2', 'q3'];
/** rated, answered and finalised a few weeks after each quarter */
const DATES: Record<string, { rated: string; answered: string; decided: string; final: string }> = {
  q1: {
    rated: '2026-04-09T03:00:00.000Z',
    answered: '2026-04-13T02:30:00.000Z',
    decided: '2026-04-20T04:00:00.000Z',
    final: '2026-04-30T08:00:00.000Z',
  },
  q2: {
    rated: '2026-07-09T03:00:00.000Z',
    answered: '2026-07-13T02:30:00.000Z',
    decided: '2026-07-20T04:00:00.000Z',
    final: '2026-07-31T08:00:00.000Z',
  },
  q3: {
    rated: '2026-10-08T03:00:00.000Z',
    answered: '2026-10-12T02:30:00.000Z',
    decided: '2026-10-19T04:00:00.000Z',
    final: '2026-10-30T08:00:00.000Z',
  },
};

const HASIL_REASON: Record<Rating, string[]> = {
  di_atas: [
    'Selain target kuantitas, pegawai menyelesaikan pekerjaan tambahan yang berdampak langsung pada layanan.',
    'Kualitas keluaran jauh di atas standar dan menjadi contoh bagi unit lain.',
  ],
  sesuai: [
    'Capaian sedikit di bawah target karena penundaan kegiatan oleh pihak lain di luar kendali pegawai.',
    'Kekurangan capaian disebabkan pengalihan tugas mendadak yang telah disetujui atasan.',
    'Capaian kuantitas tinggi, tetapi sebagian keluaran masih perlu perbaikan mutu.',
  ],
  di_bawah: [
    'Beberapa keluaran terlambat dan harus dikerjakan ulang, sehingga hasil kerja belum sesuai ekspektasi.',
    'Capaian angka tercapai, tetapi kualitas laporan belum memenuhi standar yang disepakati.',
  ],
};
const FEEDBACK: Record<Rating, string[]> = {
  di_atas: [
    'Pertahankan inisiatif dan bagikan cara kerja Anda kepada rekan satu tim.',
    'Kinerja sangat baik; siapkan diri untuk tanggung jawab yang lebih besar pada triwulan berikutnya.',
  ],
  sesuai: [
    'Kinerja sesuai harapan. Tingkatkan ketepatan waktu pelaporan dan lengkapi bukti dukung.',
    'Terus jaga konsistensi; perhatikan kelengkapan dokumentasi setiap kegiatan.',
    'Hasil kerja baik; koordinasi dengan unit terkait perlu lebih proaktif.',
  ],
  di_bawah: [
    'Susun rencana aksi perbaikan bersama atasan dan laporkan kemajuannya setiap dua minggu.',
    'Fokus pada penyelesaian keluaran utama terlebih dahulu; minta bantuan bila ada hambatan.',
  ],
};
const PERILAKU_FEEDBACK: Record<Rating, string> = {
  di_atas: 'Menjadi teladan bagi rekan kerja.',
  sesuai: 'Sesuai ekspektasi.',
  di_bawah: 'Perlu pembinaan; dibahas dalam dialog kinerja.',
};
const OBJECTIONS = [
  'Realisasi triwulan ini belum memperhitungkan kegiatan tambahan yang saya kerjakan atas perintah pimpinan.',
  'Beberapa bukti dukung saya belum diperiksa saat penilaian; mohon ditinjau kembali.',
  'Keterlambatan keluaran disebabkan anggaran kegiatan yang baru cair di akhir triwulan.',
];

export async function seedEvaluations(trx: DB, c: Ctx) {
  const tenantId = c.tenantId;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(c.rand() * items.length)];
  const [units, positions, employees, acting, skps, mayor] = await Promise.all([
    trx.selectFrom('units').select(['id', 'parent_id']).where('tenant_id', '=', tenantId).execute(),
    trx
      .selectFrom('positions')
      .select(['id', 'parent_position_id', 'unit_id', 'code'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    trx
      .selectFrom('employees')
      .select(['id', 'name', 'position_id'])
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'active')
      .execute(),
    trx
      .selectFrom('acting_assignments')
      .select(['position_id', 'employee_id'])
      .where('tenant_id', '=', tenantId)
      .where('active', '=', 1)
      .execute(),
    trx
      .selectFrom('skps as s')
      .innerJoin('periods as pr', (j) =>
        j.onRef('pr.tenant_id', '=', 's.tenant_id').onRef('pr.id', '=', 's.period_id'),
      )
      .select(['s.id', 's.employee_id', 's.position_id', 's.unit_id'])
      .where('s.tenant_id', '=', tenantId)
      .where('pr.year', '=', 2026)
      .where('s.status', '=', 'approved')
      .execute(),
    trx
      .selectFrom('users')
      .select('display_name')
      .where('tenant_id', '=', tenantId)
      .where('username', '=', 'walikota')
      .executeTakeFirst(),
  ]);
  const skpIds = skps.map((s) => s.id);
  const [rhks, behaviours, holidayRows, minutes] = await Promise.all([
    trx
      .selectFrom('rhks')
      .select(['id', 'skp_id', 'kind', 'text', 'sort'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    trx
      .selectFrom('skp_behaviours')
      .select(['skp_id', 'code', 'expectation'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    trx
      .selectFrom('work_calendar')
      .select(['date', 'name'])
      .where('tenant_id', '=', tenantId)
      .where('date', '>=', '2026-01-01')
      .where('date', '<=', '2026-09-30')
      .execute(),
    trx
      .selectFrom('rollup_person_month')
      .select(['employee_id', 'month', 'minutes_approved'])
      .where('tenant_id', '=', tenantId)
      .where('month', '>=', '2026-01')
      .where('month', '<=', '2026-09')
      .execute(),
  ]);
  const [indicators, realisations] = await Promise.all([
    trx
      .selectFrom('rhk_indicators')
      .select(['id', 'rhk_id', 'aspect', 'name', 'target_value', 'target_text', 'unit', 'direction'])
      .where('tenant_id', '=', tenantId)
      .execute(),
    trx
      .selectFrom('realisations')
      .select(['skp_id', 'indicator_id', 'quarter', 'value', 'status'])
      .where('tenant_id', '=', tenantId)
      .where('status', '=', 'confirmed')
      .execute(),
  ]);
  if (skpIds.length === 0) return { evaluations: 0 };

  const group = <T, K>(rows: readonly T[], key: (r: T) => K) => {
    const m = new Map<K, T[]>();
    for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
    return m;
  };
  const rhksOf = group(rhks, (r) => r.skp_id);
  const rhkSkp = new Map(rhks.map((r) => [r.id, r.skp_id]));
  const indicatorsOf = group(indicators, (i) => rhkSkp.get(i.rhk_id));
  const realisationsOf = group(realisations, (r) => r.skp_id);
  const behavioursOf = group(behaviours, (b) => b.skp_id);
  const minutesOf = new Map(minutes.map((m) => [`${m.employee_id}|${m.month}`, Number(m.minutes_approved)]));
  const holidays = new Map(holidayRows.map((h) => [h.date, h.name]));
  const unitParent = new Map(units.map((u) => [u.id, u.parent_id]));
  const position = new Map(positions.map((p) => [p.id, p]));
  const employeeName = new Map(employees.map((e) => [e.id, e.name]));
  const holderOf = new Map(
    employees.filter((e) => e.position_id).map((e) => [e.position_id as string, e.id]),
  );
  const actingOf = new Map(acting.map((a) => [a.position_id, a.employee_id]));

  /** nearest holder, else acting holder, above a position (not the person themself) */
  const atasanOf = (
    positionId: string,
    self: string,
  ): { id: string; positionId: string; acting: boolean } | null => {
    for (
      let up = position.get(positionId)?.parent_position_id ?? null;
      up;
      up = position.get(up)?.parent_position_id ?? null
    ) {
      const h = holderOf.get(up);
      if (h && h !== self) return { id: h, positionId: up, acting: false };
      const a = actingOf.get(up);
      if (a && a !== self) return { id: a, positionId: up, acting: true };
    }
    return null;
  };
  const leads = (skp: { position_id: string; unit_id: string }) => {
    const p = position.get(skp.position_id);
    const parent = p?.parent_position_id ? position.get(p.parent_position_id) : undefined;
    return !parent || parent.unit_id !== skp.unit_id;
  };
  const curveUnitOf = (skp: { position_id: string; unit_id: string }) =>
    leads(skp) ? (unitParent.get(skp.unit_id) ?? skp.unit_id) : skp.unit_id;

  const effective = new Map<string, number>();
  for (const kind of KINDS)
    effective.set(
      kind,
      monthsOf(2026, kind).reduce(
        (sum, m) => sum + monthCalendar(m, holidays, [], DEFAULT_SETTINGS).effectiveMinutes,
        0,
      ),
    );

  // ---- first pass: every rating as the atasan gives it
  interface Draft {
    row: EvaluationTable;
    skp: (typeof skps)[number];
    leader: boolean;
    rhks: {
      rhkId: string;
      kind: string;
      text: string;
      capaian: number | null;
      guide: Rating | null;
      rating: Rating;
      reason: string | null;
      feedback: string | null;
      indicators: unknown[];
    }[];
  }
  const drafts: Draft[] = [];
  const bias = new Map<string, number>();
  for (const skp of skps) {
    const evaluator = atasanOf(skp.position_id, skp.employee_id);
    const reviewer = evaluator ? atasanOf(evaluator.positionId, evaluator.id) : null;
    const leader = leads(skp);
    // a person's conduct is fairly stable from quarter to quarter
    bias.set(skp.employee_id, c.rand());
    for (const kind of KINDS) {
      const basis = evaluationBasis(
        kind,
        rhksOf.get(skp.id) ?? [],
        indicatorsOf.get(skp.id) ?? [],
        realisationsOf.get(skp.id) ?? [],
        DEFAULT_GUIDE,
      );
      const rateRhk = (
        guide: Rating | null,
        capaian: number | null,
      ): { rating: Rating; reason: string | null } => {
        if (!guide) return { rating: 'sesuai', reason: null };
        // near the lower boundary an atasan often weighs the circumstances
        if (guide === 'di_bawah' && capaian !== null && capaian >= 85 && c.rand() < (leader ? 0.8 : 0.55))
          return { rating: 'sesuai', reason: pick(HASIL_REASON.sesuai) };
        if (guide === 'sesuai' && c.rand() < 0.05)
          return { rating: 'di_atas', reason: pick(HASIL_REASON.di_atas) };
        if (guide === 'sesuai' && c.rand() < 0.03)
          return { rating: 'di_bawah', reason: pick(HASIL_REASON.di_bawah) };
        return { rating: guide, reason: null };
      };
      const rhkRatings = basis.rhks.map((b) => {
        const { rating, reason } = rateRhk(b.guide, b.capaian);
        return { ...b, rating, reason, feedback: c.rand() < 0.4 ? pick(FEEDBACK[rating]) : null };
      });
      const hasil = rateRhk(basis.guide, basis.capaian);
      const personal = bias.get(skp.employee_id) ?? 0.5;
      const values: Rating[] = BEHAVIOURS.map(() => {
        const x = c.rand();
        if (x < 0.03 + (personal < 0.05 ? 0.5 : 0)) return 'di_bawah';
        if (x > 0.9 - personal * 0.35) return 'di_atas';
        return 'sesuai';
      });
      const guide = perilakuGuide(values) as Rating;
      const perilaku: { rating: Rating; reason: string | null } =
        guide === 'sesuai' && c.rand() < 0.04
          ? { rating: 'di_atas', reason: 'Menunjukkan keteladanan yang menonjol dalam melayani warga.' }
          : { rating: guide, reason: null };
      const predikat = predikatOf(hasil.rating, perilaku.rating);
      const expectations = new Map((behavioursOf.get(skp.id) ?? []).map((b) => [b.code, b.expectation]));
      const dates = DATES[kind];
      const approved = monthsOf(2026, kind).reduce(
        (sum, m) => sum + (minutesOf.get(`${skp.employee_id}|${m}`) ?? 0),
        0,
      );
      drafts.push({
        skp,
        leader,
        rhks: rhkRatings,
        row: {
          tenant_id: tenantId,
          id: newId(),
          skp_id: skp.id,
          employee_id: skp.employee_id,
          position_id: skp.position_id,
          unit_id: curveUnitOf(skp),
          period_year: 2026,
          kind,
          status: 'final',
          evaluator_employee_id: evaluator?.id ?? null,
          evaluator_name: evaluator
            ? (employeeName.get(evaluator.id) ?? '')
            : (mayor?.display_name ?? 'Wali Kota'),
          evaluator_acting: evaluator?.acting ? 1 : 0,
          capaian: basis.capaian,
          hasil: hasil.rating,
          hasil_guide: basis.guide,
          hasil_reason: hasil.reason,
          perilaku: perilaku.rating,
          perilaku_guide: guide,
          perilaku_mean: perilakuMean(values),
          perilaku_reason: perilaku.reason,
          rhk_json: '[]',
          behaviours_json: JSON.stringify(
            BEHAVIOURS.map((b, i) => ({
              code: b.code,
              expectation: expectations.get(b.code) ?? '',
              rating: values[i],
              feedback: values[i] === 'sesuai' && c.rand() < 0.7 ? null : PERILAKU_FEEDBACK[values[i]],
            })),
          ),
          feedback: pick(FEEDBACK[hasil.rating]),
          approved_minutes: approved,
          effective_minutes: effective.get(kind) ?? 0,
          matrix_predikat: predikat,
          predikat,
          calibration_reason: null,
          calibrated_by: null,
          calibrated_at: null,
          rated_at: dates.rated,
          acknowledged_at: dates.answered,
          objection_reason: null,
          objected_at: null,
          reviewer_employee_id: null,
          reviewer_name: null,
          decision: null,
          decision_reason: null,
          decided_at: null,
          final_at: dates.final,
          created_at: dates.rated,
          updated_at: dates.final,
        },
      });
      // a few objections, decided by the atasan pejabat penilai (one in the river-tourism section for sure)
      const code = position.get(skp.position_id)?.code ?? '';
      const objects =
        reviewer &&
        (code.endsWith('.B1.SUNGAI.S2') ? kind === 'q2' : c.rand() < 0.025 && hasil.rating !== 'di_atas');
      if (objects && reviewer) {
        const d = drafts[drafts.length - 1].row;
        const changed = code.endsWith('.B1.SUNGAI.S2') || c.rand() < 0.4;
        d.acknowledged_at = null;
        d.objection_reason = pick(OBJECTIONS);
        d.objected_at = dates.answered;
        d.reviewer_employee_id = reviewer.id;
        d.reviewer_name = employeeName.get(reviewer.id) ?? '';
        d.decision = changed ? 'changed' : 'upheld';
        d.decided_at = dates.decided;
        if (changed) {
          d.hasil = d.hasil === 'di_bawah' ? 'sesuai' : 'di_atas';
          d.matrix_predikat = predikatOf(d.hasil as Rating, d.perilaku as Rating);
          d.predikat = d.matrix_predikat;
          d.decision_reason =
            'Setelah memeriksa bukti dukung tambahan, capaian pegawai dinilai lebih tinggi dari penilaian semula.';
        } else {
          d.decision_reason =
            'Penilaian pejabat penilai sudah sesuai dengan realisasi dan bukti dukung yang terverifikasi.';
        }
      }
    }
  }

  // ---- units: organisational predikat (the leader's hasil where evaluated), then a calibration pass
  const byUnitKind = group(drafts, (d) => `${d.row.unit_id}|${d.row.kind}`);
  const leaderRating = new Map<string, Rating>();
  for (const d of drafts)
    if (d.leader) leaderRating.set(`${d.skp.unit_id}|${d.row.kind}`, d.row.hasil as Rating);
  const unitPredikat = new Map<string, { predikat: UnitPredikat; source: string }>();
  for (const key of new Set([...byUnitKind.keys(), ...leaderRating.keys()])) {
    const lead = leaderRating.get(key);
    unitPredikat.set(
      key,
      lead
        ? { predikat: unitPredikatForRating(lead), source: 'leader' }
        : { predikat: c.rand() < 0.25 ? 'istimewa' : 'baik', source: 'bkpsdm' },
    );
  }
  const calibrate = (d: Draft, to: Predikat, reason: string) => {
    d.row.predikat = to;
    d.row.calibration_reason = reason;
    d.row.calibrated_by = 'Tim Penilai Kinerja BKPSDM';
    d.row.calibrated_at = DATES[d.row.kind].decided;
  };
  const REASON: Record<Predikat, string> = {
    sangat_baik:
      'Kalibrasi kurva distribusi unit: capaian dan kontribusi tertinggi di unit pada triwulan ini.',
    baik: 'Kalibrasi kurva distribusi unit: dibandingkan dengan capaian rekan satu unit.',
    butuh_perbaikan: 'Kalibrasi kurva distribusi unit: capaian terendah di unit pada triwulan ini.',
    kurang: 'Kalibrasi kurva distribusi unit: capaian dan perilaku kerja terendah di unit.',
    sangat_kurang: 'Kalibrasi kurva distribusi unit: tidak ada kemajuan pada rencana aksi triwulan ini.',
  };
  const rank = (p: Predikat) => PREDIKATS.indexOf(p);
  // BKPSDM's calibration meeting: move people one at a time until the unit fits its curve (or gives up)
  for (const [key, list] of byUnitKind) {
    const up = unitPredikat.get(key);
    if (!up || list.length < 3) continue;
    const moved = new Set<Draft>();
    const byCapaian = [...list].sort((a, b) => (a.row.capaian ?? 0) - (b.row.capaian ?? 0));
    const counts = () => {
      const c = emptyCounts();
      for (const d of list) c[d.row.predikat as Predikat] += 1;
      return c;
    };
    /** move the lowest (or highest) by capaian of group `from` to `to` */
    const move = (from: Predikat, to: Predikat, lowest: boolean) => {
      const pool = byCapaian.filter((d) => d.row.predikat === from && !moved.has(d));
      const d = lowest ? pool[0] : pool[pool.length - 1];
      if (!d) return false;
      calibrate(d, to, REASON[to]);
      moved.add(d);
      return true;
    };
    for (let i = 0; i < Math.ceil(list.length / 2); i++) {
      const c = counts();
      const [dev] = checkCurve(up.predikat, c, DEFAULT_CURVE);
      if (!dev) break;
      const target = dev.rule.predikat[0];
      let ok = false;
      if (dev.rule.op === 'largest') {
        const rival = PREDIKATS.filter((p) => p !== target).sort((a, b) => c[b] - c[a])[0];
        ok = move(rival, target, rank(rival) < rank(target));
      } else if (dev.rule.op === 'max_pct' || dev.rule.op === 'max_count') {
        const to: Predikat =
          target === 'baik' && c.sangat_baik + 1 < c.baik - 1 ? 'sangat_baik' : PREDIKATS[rank(target) + 1];
        ok = move(target, to, to !== 'sangat_baik');
      } else {
        // fill the group from the nearest better group, lowest first, else from the nearest worse one
        const better = PREDIKATS.slice(0, rank(target)).reverse();
        const worse = PREDIKATS.slice(rank(target) + 1);
        ok =
          better.some((p) => !dev.rule.predikat.includes(p) && move(p, target, true)) ||
          worse.some((p) => !dev.rule.predikat.includes(p) && move(p, target, false));
      }
      if (!ok) break;
    }
  }

  // ---- write
  for (const d of drafts) d.row.rhk_json = JSON.stringify(d.rhks);
  const rows = drafts.map((d) => d.row);
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto('evaluations')
      .values(rows.slice(i, i + 200))
      .execute();

  const predikatRows: EvaluationUnitPredikatTable[] = [...unitPredikat].map(([key, v]) => {
    const [unitId, kind] = key.split('|');
    return {
      tenant_id: tenantId,
      unit_id: unitId,
      period_year: 2026,
      kind,
      predikat: v.predikat,
      source: v.source,
      reason:
        v.source === 'bkpsdm'
          ? 'Ditetapkan dari capaian Perjanjian Kinerja unit dalam rapat evaluasi triwulanan.'
          : null,
      set_by: v.source === 'bkpsdm' ? 'BKPSDM' : 'Pejabat penilai pimpinan unit',
      set_at: DATES[kind].answered,
    };
  });
  for (let i = 0; i < predikatRows.length; i += 200)
    await trx
      .insertInto('evaluation_unit_predikat')
      .values(predikatRows.slice(i, i + 200))
      .execute();

  const finalisations: EvaluationFinalisationTable[] = [...byUnitKind].map(([key, list]) => {
    const [unitId, kind] = key.split('|');
    const counts = emptyCounts();
    for (const d of list) counts[d.row.predikat as Predikat] += 1;
    const predikat = unitPredikat.get(key)?.predikat ?? 'baik';
    const deviations = checkCurve(predikat, counts, DEFAULT_CURVE);
    return {
      tenant_id: tenantId,
      unit_id: unitId,
      period_year: 2026,
      kind,
      unit_predikat: predikat,
      counts_json: JSON.stringify(counts),
      deviations_json: JSON.stringify(deviations),
      reason:
        deviations.length > 0
          ? 'Unit kecil: sebaran tidak dapat memenuhi kurva sepenuhnya; disetujui dalam rapat kalibrasi kinerja.'
          : null,
      finalised_by: 'BKPSDM',
      finalised_at: DATES[kind].final,
    };
  });
  for (let i = 0; i < finalisations.length; i += 200)
    await trx
      .insertInto('evaluation_finalisations')
      .values(finalisations.slice(i, i + 200))
      .execute();

  await trx
    .insertInto('evaluation_curves')
    .values(
      UNIT_PREDIKATS.map((p) => ({
        tenant_id: tenantId,
        unit_predikat: p,
        rules_json: JSON.stringify(DEFAULT_CURVE[p]),
        updated_by: 'BKPSDM',
        updated_at: '2026-01-05T03:00:00.000Z',
      })),
    )
    .execute();
  return { evaluations: rows.length };
}
