/**
 * The TPP arithmetic: integer rupiah, explicit half-up rounding, and totals that reconcile exactly, checked
 * as properties over random pagu tables, weights, positions, moves, Plt assignments, minutes and deductions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addLine,
  computeLine,
  daysBetween,
  effectiveWeights,
  FULL,
  type LineIn,
  performanceBp,
  type Rules,
  roundHalfUp,
  zeroTotals,
} from './compute.ts';

const MONTHS = [
  ['2026-02', 28],
  ['2026-04', 30],
  ['2026-11', 30],
  ['2026-12', 31],
] as const;
const day = (month: string, d: number) => `${month}-${String(d).padStart(2, '0')}`;

const paguTable = fc.array(fc.integer({ min: 0, max: 80_000_000 }), { minLength: 17, maxLength: 17 });
const weights = fc.integer({ min: 0, max: FULL }).map((k) => ({ kinerjaBp: k, disiplinBp: FULL - k }));
const rules: fc.Arbitrary<Rules> = fc.record({
  bpjsBp: fc.integer({ min: 0, max: 1000 }),
  bpjsCap: fc.option(fc.integer({ min: 0, max: 20_000_000 }), { nil: null }),
  actingShareBp: fc.integer({ min: 0, max: FULL }),
});

/** One employee-month: up to three positions held in turn (moves on random days) and maybe a Plt span. */
const lineIn: fc.Arbitrary<LineIn> = fc
  .record({
    m: fc.constantFrom(...MONTHS),
    cuts: fc.uniqueArray(fc.integer({ min: 2, max: 28 }), { maxLength: 2 }),
    firstDay: fc.integer({ min: 1, max: 10 }),
    kelas: fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 3, maxLength: 3 }),
    acting: fc.option(
      fc.record({
        kelas: fc.integer({ min: 1, max: 17 }),
        a: fc.integer({ min: 1, max: 28 }),
        len: fc.nat(20),
      }),
      { nil: null },
    ),
    approved: fc.nat(15_000),
    effective: fc.nat(10_000),
    shortfall: fc.nat(3_000),
    deductionBp: fc.nat(12_000),
  })
  .map((r) => {
    const [month, days] = r.m;
    const starts = [r.firstDay, ...r.cuts.filter((c) => c > r.firstDay)].sort((a, b) => a - b);
    const segments = starts.map((s, i) => ({
      positionId: `p${i}`,
      positionName: `Jabatan ${i}`,
      kind: 'pelaksana',
      kelas: r.kelas[i],
      unitId: 'u',
      from: day(month, s),
      to: day(month, i + 1 < starts.length ? starts[i + 1] - 1 : days),
    }));
    const acting = r.acting
      ? [
          {
            positionId: 'plt',
            positionName: 'Kepala Bidang',
            kelas: r.acting.kelas,
            from: day(month, r.acting.a),
            to: day(month, Math.min(days, r.acting.a + r.acting.len)),
          },
        ]
      : [];
    return {
      daysInMonth: days,
      segments,
      acting,
      approvedMinutes: r.approved,
      effectiveMinutes: r.effective,
      shortfallMinutes: r.shortfall,
      deductionBp: Math.min(FULL, r.deductionBp),
    };
  });

const paguOfTable = (table: number[]) => (kelas: number) => table[kelas - 1] ?? 0;

describe('rounding', () => {
  it('rounds half up, never off by more than half a rupiah', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.bigInt({ min: 1n, max: 10n ** 9n }), (n, d) => {
        const r = roundHalfUp(n, d);
        // n/d − r ∈ [−½, ½)  ⇔  2n − 2rd ∈ [−d, d): ties (exactly ½) go up
        const diff = 2n * n - 2n * r * d;
        expect(diff >= -d && diff < d).toBe(true);
      }),
    );
    expect(roundHalfUp(5n, 2n)).toBe(3n);
    expect(roundHalfUp(7n, 2n)).toBe(4n);
    expect(roundHalfUp(4n, 3n)).toBe(1n);
    expect(roundHalfUp(0n, 7n)).toBe(0n);
  });

  it('performance factor: capped at 100%, reduced by the attendance shortfall, 0 without effective time', () => {
    expect(performanceBp(6300, 6300, 0)).toBe(FULL);
    expect(performanceBp(9000, 6300, 0)).toBe(FULL);
    expect(performanceBp(6300, 6300, 300)).toBe(9524); // 6000 / 6300 = 95.238…%
    expect(performanceBp(3150, 6300, 0)).toBe(5000);
    expect(performanceBp(100, 0, 0)).toBe(0);
    fc.assert(
      fc.property(fc.nat(20_000), fc.nat(20_000), fc.nat(20_000), (a, e, s) => {
        const f = performanceBp(a, e, s);
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(FULL);
        expect(performanceBp(a + 60, e, s)).toBeGreaterThanOrEqual(f);
        expect(performanceBp(a, e, s + 60)).toBeLessThanOrEqual(f);
      }),
    );
  });
});

describe('weights', () => {
  it('always sum to 100%; a disabled component is renormalised away, never divided by the wrong count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: FULL - 1 }), fc.boolean(), fc.boolean(), (k, ke, de) => {
        fc.pre(ke || de);
        const w = effectiveWeights({
          kinerjaBp: k,
          disiplinBp: FULL - k,
          kinerjaEnabled: ke,
          disiplinEnabled: de,
        });
        expect(w.kinerjaBp + w.disiplinBp).toBe(FULL);
        if (ke && de) expect(w).toEqual({ kinerjaBp: k, disiplinBp: FULL - k });
        if (!de) expect(w).toEqual({ kinerjaBp: FULL, disiplinBp: 0 });
        if (!ke) expect(w).toEqual({ kinerjaBp: 0, disiplinBp: FULL });
      }),
    );
    // 60/40 with discipline switched off: performance carries 100%, not 60%
    expect(
      effectiveWeights({ kinerjaBp: 6000, disiplinBp: 4000, kinerjaEnabled: true, disiplinEnabled: false }),
    ).toEqual({ kinerjaBp: 10000, disiplinBp: 0 });
    // a stored table that does not add up is scaled, not trusted
    expect(
      effectiveWeights({ kinerjaBp: 3000, disiplinBp: 1000, kinerjaEnabled: true, disiplinEnabled: true }),
    ).toEqual({ kinerjaBp: 7500, disiplinBp: 2500 });
  });
});

describe('one line', () => {
  it('integer rupiah whose parts add up exactly, each rounding within half a rupiah', () => {
    fc.assert(
      fc.property(lineIn, paguTable, weights, rules, (input, table, w, r) => {
        const out = computeLine(input, paguOfTable(table), w, r);
        for (const v of [
          out.base,
          out.ownBase,
          out.actingBase,
          out.kinerjaMax,
          out.komponenKinerja,
          out.disiplinMax,
          out.komponenDisiplin,
          out.potongan,
          out.bruto,
          out.bpjs,
          out.netto,
        ]) {
          expect(Number.isSafeInteger(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(0);
        }
        expect(out.ownBase + out.actingBase).toBe(out.base);
        expect(out.kinerjaMax + out.disiplinMax).toBe(out.base);
        expect(out.komponenKinerja).toBeLessThanOrEqual(out.kinerjaMax);
        expect(out.komponenDisiplin + out.potongan).toBe(out.disiplinMax);
        expect(out.bruto).toBe(out.komponenKinerja + out.komponenDisiplin);
        expect(out.bruto).toBeLessThanOrEqual(out.base);
        expect(out.bpjs + out.netto).toBe(out.bruto);
        // each rounding is within half a rupiah of the exact value it reports
        for (const [rounded, exact] of [
          [out.base, out.exact.base],
          [out.komponenKinerja, out.exact.kinerja],
          [out.komponenDisiplin, out.exact.disiplin],
          [out.bpjs, out.exact.bpjs],
        ] as const)
          expect(Math.abs(rounded - Number(exact))).toBeLessThanOrEqual(0.5);
        // the days held never exceed the month
        expect(out.days).toBeLessThanOrEqual(input.daysInMonth);
      }),
      { numRuns: 500 },
    );
  });

  it('full performance and no deductions pay the whole base; more minutes never pay less, more deductions never more', () => {
    fc.assert(
      fc.property(
        lineIn,
        paguTable,
        weights,
        rules,
        fc.nat(600),
        fc.nat(500),
        (input, table, w, r, more, cut) => {
          const paguOf = paguOfTable(table);
          const full = computeLine(
            { ...input, effectiveMinutes: 6000, approvedMinutes: 6000, shortfallMinutes: 0, deductionBp: 0 },
            paguOf,
            w,
            r,
          );
          expect(full.bruto).toBe(full.base);
          const base = computeLine(input, paguOf, w, r);
          const busier = computeLine(
            { ...input, approvedMinutes: input.approvedMinutes + more },
            paguOf,
            w,
            r,
          );
          expect(busier.komponenKinerja).toBeGreaterThanOrEqual(base.komponenKinerja);
          const worse = computeLine(
            { ...input, deductionBp: Math.min(FULL, input.deductionBp + cut) },
            paguOf,
            w,
            r,
          );
          expect(worse.komponenDisiplin).toBeLessThanOrEqual(base.komponenDisiplin);
          expect(worse.potongan).toBeGreaterThanOrEqual(base.potongan);
        },
      ),
    );
  });

  it('prorates a mid-month move by calendar days held', () => {
    const paguOf = (k: number) => ({ 7: 8_200_000, 9: 12_200_000 })[k] ?? 0;
    const rules0 = { bpjsBp: 100, bpjsCap: null, actingShareBp: 2000 };
    const w = { kinerjaBp: 6000, disiplinBp: 4000 };
    // kelas 7 from 1 to 15 November, kelas 9 from 16 to 30: 15/30 of each
    const out = computeLine(
      {
        daysInMonth: 30,
        segments: [
          {
            positionId: 'a',
            positionName: 'A',
            kind: 'pelaksana',
            kelas: 7,
            unitId: 'u',
            from: '2026-11-01',
            to: '2026-11-15',
          },
          {
            positionId: 'b',
            positionName: 'B',
            kind: 'pengawas',
            kelas: 9,
            unitId: 'u',
            from: '2026-11-16',
            to: '2026-11-30',
          },
        ],
        acting: [],
        approvedMinutes: 6300,
        effectiveMinutes: 6300,
        shortfallMinutes: 0,
        deductionBp: 0,
      },
      paguOf,
      w,
      rules0,
    );
    expect(out.days).toBe(30);
    expect(out.base).toBe(4_100_000 + 6_100_000);
    expect(out.bruto).toBe(10_200_000);
    expect(out.bpjs).toBe(102_000);
    expect(out.netto).toBe(10_098_000);
    // a move on the 11th of a 31-day month: 10/31 and 21/31, rounded once on the sum
    const odd = computeLine(
      {
        daysInMonth: 31,
        segments: [
          {
            positionId: 'a',
            positionName: 'A',
            kind: 'pelaksana',
            kelas: 7,
            unitId: 'u',
            from: '2026-12-01',
            to: '2026-12-10',
          },
          {
            positionId: 'b',
            positionName: 'B',
            kind: 'pengawas',
            kelas: 9,
            unitId: 'u',
            from: '2026-12-11',
            to: '2026-12-31',
          },
        ],
        acting: [],
        approvedMinutes: 0,
        effectiveMinutes: 6600,
        shortfallMinutes: 0,
        deductionBp: 0,
      },
      paguOf,
      w,
      rules0,
    );
    // (8.200.000 × 10 + 12.200.000 × 21) / 31 = 10.909.677,42 → 10.909.677
    expect(odd.base).toBe(10_909_677);
    expect(odd.exact.base).toBe('10909677.42');
    expect(odd.komponenKinerja).toBe(0);
    // discipline keeps 40%: 4.363.870,8 → 4.363.871 (kinerja max 6.545.806,2 → 6.545.806; the rest is discipline)
    expect(odd.kinerjaMax).toBe(6_545_806);
    expect(odd.disiplinMax).toBe(4_363_871);
  });

  it('a Plt gets 20% of the acted-in position only on days it is of the same or a higher kelas', () => {
    const paguOf = (k: number) => ({ 9: 12_200_000, 11: 18_000_000, 8: 10_000_000 })[k] ?? 0;
    const rules0 = { bpjsBp: 100, bpjsCap: null, actingShareBp: 2000 };
    const own = {
      positionId: 'kasi',
      positionName: 'Kepala Seksi',
      kind: 'pengawas',
      kelas: 9,
      unitId: 'u',
      from: '2026-11-01',
      to: '2026-11-30',
    };
    const higher = computeLine(
      {
        daysInMonth: 30,
        segments: [own],
        acting: [
          {
            positionId: 'kabid',
            positionName: 'Kepala Bidang',
            kelas: 11,
            from: '2026-11-16',
            to: '2026-11-30',
          },
        ],
        approvedMinutes: 6300,
        effectiveMinutes: 6300,
        shortfallMinutes: 0,
        deductionBp: 0,
      },
      paguOf,
      { kinerjaBp: 6000, disiplinBp: 4000 },
      rules0,
    );
    // 20% × 18.000.000 × 15/30 = 1.800.000
    expect(higher.actingBase).toBe(1_800_000);
    expect(higher.base).toBe(14_000_000);
    expect(higher.acting[0].eligibleDays).toBe(15);
    const lower = computeLine(
      {
        daysInMonth: 30,
        segments: [own],
        acting: [{ positionId: 'x', positionName: 'Lower', kelas: 8, from: '2026-11-01', to: '2026-11-30' }],
        approvedMinutes: 6300,
        effectiveMinutes: 6300,
        shortfallMinutes: 0,
        deductionBp: 0,
      },
      paguOf,
      { kinerjaBp: 6000, disiplinBp: 4000 },
      rules0,
    );
    expect(lower.actingBase).toBe(0);
    expect(lower.acting[0].eligibleDays).toBe(0);
    expect(lower.base).toBe(12_200_000);
  });

  it('BPJS is taken from the bruto up to the cap', () => {
    const out = computeLine(
      {
        daysInMonth: 30,
        segments: [
          {
            positionId: 'a',
            positionName: 'A',
            kind: 'jpt',
            kelas: 15,
            unitId: 'u',
            from: '2026-11-01',
            to: '2026-11-30',
          },
        ],
        acting: [],
        approvedMinutes: 6300,
        effectiveMinutes: 6300,
        shortfallMinutes: 0,
        deductionBp: 0,
      },
      () => 40_000_000,
      { kinerjaBp: 6000, disiplinBp: 4000 },
      { bpjsBp: 100, bpjsCap: 12_000_000, actingShareBp: 2000 },
    );
    expect(out.bruto).toBe(40_000_000);
    expect(out.bpjs).toBe(120_000);
  });
});

describe('a city', () => {
  it('totals per OPD and for the city are exactly the sums of the lines', () => {
    const city = fc.array(fc.record({ opd: fc.integer({ min: 0, max: 7 }), input: lineIn }), {
      minLength: 1,
      maxLength: 120,
    });
    fc.assert(
      fc.property(city, paguTable, weights, rules, (people, table, w, r) => {
        const paguOf = paguOfTable(table);
        const lines = people.map((p) => ({ opd: p.opd, out: computeLine(p.input, paguOf, w, r) }));
        const perOpd = new Map<number, ReturnType<typeof zeroTotals>>();
        const city = zeroTotals();
        for (const l of lines) {
          addLine(perOpd.get(l.opd) ?? perOpd.set(l.opd, zeroTotals()).get(l.opd) ?? zeroTotals(), l.out);
          addLine(city, l.out);
        }
        const fromOpds = zeroTotals();
        for (const t of perOpd.values())
          for (const k of Object.keys(fromOpds) as (keyof typeof fromOpds)[]) fromOpds[k] += t[k];
        expect(fromOpds).toEqual(city);
        expect(city.employees).toBe(lines.length);
        expect(city.netto).toBe(lines.reduce((n, l) => n + l.out.netto, 0));
        expect(city.bruto - city.bpjs).toBe(city.netto);
        expect(city.kinerja + city.disiplin).toBe(city.bruto);
        for (const k of Object.keys(city) as (keyof typeof city)[])
          expect(Number.isSafeInteger(city[k])).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('counts days inclusively', () => {
    expect(daysBetween('2026-11-01', '2026-11-30')).toBe(30);
    expect(daysBetween('2026-02-01', '2026-02-28')).toBe(28);
    expect(daysBetween('2026-12-16', '2026-12-16')).toBe(1);
  });
});
