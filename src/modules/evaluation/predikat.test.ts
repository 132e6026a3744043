import { describe, expect, it } from 'vitest';
import {
  checkCurve,
  DEFAULT_CURVE,
  hasilGuide,
  monthsOf,
  opensOn,
  type PredikatCounts,
  perilakuGuide,
  perilakuMean,
  predikatOf,
  type Rating,
  ratingOfUnitPredikat,
  unitPredikatForRating,
} from './predikat.ts';

const counts = (c: Partial<PredikatCounts>): PredikatCounts => ({
  sangat_baik: 0,
  baik: 0,
  butuh_perbaikan: 0,
  kurang: 0,
  sangat_kurang: 0,
  ...c,
});
const ops = (devs: ReturnType<typeof checkCurve>) =>
  devs.map((d) => `${d.rule.op}:${d.rule.predikat.join('+')}`);

describe('predikat matrix (DESIGN §2.4)', () => {
  const cells: [Rating, Rating, string][] = [
    ['di_atas', 'di_atas', 'sangat_baik'],
    ['di_atas', 'sesuai', 'baik'],
    ['di_atas', 'di_bawah', 'kurang'],
    ['sesuai', 'di_atas', 'baik'],
    ['sesuai', 'sesuai', 'baik'],
    ['sesuai', 'di_bawah', 'kurang'],
    ['di_bawah', 'di_atas', 'butuh_perbaikan'],
    ['di_bawah', 'sesuai', 'butuh_perbaikan'],
    ['di_bawah', 'di_bawah', 'sangat_kurang'],
  ];
  for (const [hasil, perilaku, predikat] of cells) {
    it(`hasil ${hasil} × perilaku ${perilaku} → ${predikat}`, () => {
      expect(predikatOf(hasil, perilaku)).toBe(predikat);
    });
  }
  it('poor behaviour caps the predikat at kurang or lower, whatever the results', () => {
    for (const hasil of ['di_atas', 'sesuai', 'di_bawah'] as Rating[])
      expect(['kurang', 'sangat_kurang']).toContain(predikatOf(hasil, 'di_bawah'));
  });
});

describe('hasil kerja guide from capaian', () => {
  it('boundaries: 110% is di atas, 90% is sesuai, just below 90% is di bawah', () => {
    expect(hasilGuide(120)).toBe('di_atas');
    expect(hasilGuide(110)).toBe('di_atas');
    expect(hasilGuide(109.9)).toBe('sesuai');
    expect(hasilGuide(100)).toBe('sesuai');
    expect(hasilGuide(90)).toBe('sesuai');
    expect(hasilGuide(89.9)).toBe('di_bawah');
    expect(hasilGuide(0)).toBe('di_bawah');
  });
  it('no capaian, no guide', () => {
    expect(hasilGuide(null)).toBeNull();
    expect(hasilGuide(Number.NaN)).toBeNull();
  });
  it('follows the tenant thresholds', () => {
    expect(hasilGuide(105, { above: 105, below: 80 })).toBe('di_atas');
    expect(hasilGuide(80, { above: 105, below: 80 })).toBe('sesuai');
    expect(hasilGuide(79.9, { above: 105, below: 80 })).toBe('di_bawah');
  });
});

describe('perilaku guide from the mean of the seven values', () => {
  const many = (n: number, r: Rating) => Array.from({ length: n }, () => r);
  it('mean exactly 1.5 is sesuai, below is di bawah', () => {
    // 1,2 → 1.5
    expect(perilakuMean(['di_bawah', 'sesuai'])).toBe(1.5);
    expect(perilakuGuide(['di_bawah', 'sesuai'])).toBe('sesuai');
    // 4 × 1 + 3 × 2 = 10 / 7 ≈ 1.43
    expect(perilakuGuide([...many(4, 'di_bawah'), ...many(3, 'sesuai')])).toBe('di_bawah');
  });
  it('mean exactly 2.5 is sesuai, above is di atas', () => {
    expect(perilakuGuide(['sesuai', 'di_atas'])).toBe('sesuai');
    // 4 × 3 + 3 × 2 = 18 / 7 ≈ 2.57
    expect(perilakuGuide([...many(4, 'di_atas'), ...many(3, 'sesuai')])).toBe('di_atas');
    // 3 × 3 + 4 × 2 = 17 / 7 ≈ 2.43
    expect(perilakuGuide([...many(3, 'di_atas'), ...many(4, 'sesuai')])).toBe('sesuai');
  });
  it('all seven the same give that rating; none rated gives no guide', () => {
    for (const r of ['di_atas', 'sesuai', 'di_bawah'] as Rating[]) expect(perilakuGuide(many(7, r))).toBe(r);
    expect(perilakuGuide([])).toBeNull();
    expect(perilakuMean([])).toBeNull();
  });
});

describe('distribution curve (default table)', () => {
  it('an empty unit breaks no rule', () => {
    for (const p of ['istimewa', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'] as const)
      expect(checkCurve(p, counts({}))).toEqual([]);
  });

  it('istimewa: sangat baik largest and at most 70% (exactly 70% passes, 80% fails)', () => {
    expect(checkCurve('istimewa', counts({ sangat_baik: 7, baik: 3 }))).toEqual([]);
    expect(ops(checkCurve('istimewa', counts({ sangat_baik: 8, baik: 2 })))).toEqual(['max_pct:sangat_baik']);
    // a tie for the largest group still counts as largest
    expect(checkCurve('istimewa', counts({ sangat_baik: 4, baik: 4, butuh_perbaikan: 2 }))).toEqual([]);
    expect(ops(checkCurve('istimewa', counts({ sangat_baik: 3, baik: 5, kurang: 2 })))).toEqual([
      'largest:sangat_baik',
    ]);
  });

  it('baik: baik largest, at most 70%, at least one butuh perbaikan or kurang', () => {
    expect(checkCurve('baik', counts({ sangat_baik: 2, baik: 7, butuh_perbaikan: 1 }))).toEqual([]);
    expect(checkCurve('baik', counts({ sangat_baik: 2, baik: 7, kurang: 1 }))).toEqual([]);
    expect(ops(checkCurve('baik', counts({ sangat_baik: 2, baik: 8 })))).toEqual([
      'max_pct:baik',
      'min_count:butuh_perbaikan+kurang',
    ]);
    const [dev] = checkCurve('baik', counts({ sangat_baik: 1, baik: 8, kurang: 1 }));
    expect(dev.rule.op).toBe('max_pct');
    expect(dev).toMatchObject({ count: 8, total: 10, pct: 80 });
  });

  it('butuh perbaikan: sangat baik at most 10% (exactly 10% passes), butuh perbaikan at least 60% (exactly 60% passes)', () => {
    expect(checkCurve('butuh_perbaikan', counts({ sangat_baik: 1, baik: 3, butuh_perbaikan: 6 }))).toEqual(
      [],
    );
    expect(
      ops(checkCurve('butuh_perbaikan', counts({ sangat_baik: 2, baik: 2, butuh_perbaikan: 6 }))),
    ).toEqual(['max_pct:sangat_baik']);
    expect(
      ops(checkCurve('butuh_perbaikan', counts({ sangat_baik: 1, baik: 4, butuh_perbaikan: 5 }))),
    ).toEqual(['min_pct:butuh_perbaikan']);
  });

  it('kurang: sangat baik ≤ 10%, butuh perbaikan ≥ 10%, kurang ≥ 60% at the exact boundaries', () => {
    expect(checkCurve('kurang', counts({ sangat_baik: 1, butuh_perbaikan: 1, kurang: 6, baik: 2 }))).toEqual(
      [],
    );
    expect(ops(checkCurve('kurang', counts({ baik: 4, kurang: 6 })))).toEqual(['min_pct:butuh_perbaikan']);
    expect(ops(checkCurve('kurang', counts({ butuh_perbaikan: 5, kurang: 5 })))).toEqual(['min_pct:kurang']);
  });

  it('sangat kurang: no sangat baik at all, butuh perbaikan + kurang ≥ 10%, sangat kurang ≥ 60%', () => {
    expect(checkCurve('sangat_kurang', counts({ butuh_perbaikan: 1, sangat_kurang: 6, baik: 3 }))).toEqual(
      [],
    );
    expect(checkCurve('sangat_kurang', counts({ kurang: 1, sangat_kurang: 6, baik: 3 }))).toEqual([]);
    expect(ops(checkCurve('sangat_kurang', counts({ sangat_baik: 1, kurang: 3, sangat_kurang: 6 })))).toEqual(
      ['max_count:sangat_baik'],
    );
    expect(ops(checkCurve('sangat_kurang', counts({ baik: 4, sangat_kurang: 6 })))).toEqual([
      'min_pct:butuh_perbaikan+kurang',
    ]);
    expect(ops(checkCurve('sangat_kurang', counts({ butuh_perbaikan: 5, sangat_kurang: 5 })))).toEqual([
      'min_pct:sangat_kurang',
    ]);
  });

  it('percentages compare exactly where floats would not (1 of 3 against 33%)', () => {
    const table = {
      ...DEFAULT_CURVE,
      istimewa: [{ op: 'max_pct' as const, predikat: ['baik' as const], value: 33 }],
    };
    // 1/3 = 33.33…% > 33%
    expect(ops(checkCurve('istimewa', counts({ baik: 1, sangat_baik: 2 }), table))).toEqual(['max_pct:baik']);
    // 7 of 10 against 70 exactly: 7 × 100 = 70 × 10
    expect(checkCurve('istimewa', counts({ sangat_baik: 7, baik: 3 }))).toEqual([]);
  });

  it('uses the tenant table when given', () => {
    const table = {
      ...DEFAULT_CURVE,
      baik: [{ op: 'max_pct' as const, predikat: ['baik' as const], value: 90 }],
    };
    expect(checkCurve('baik', counts({ baik: 9, sangat_baik: 1 }), table)).toEqual([]);
    expect(checkCurve('baik', counts({ baik: 9, sangat_baik: 1 }))).not.toEqual([]);
  });
});

describe('unit leader and periods', () => {
  it('the unit predikat follows the leader’s hasil kerja rating, and maps back', () => {
    expect(unitPredikatForRating('di_atas')).toBe('istimewa');
    expect(unitPredikatForRating('sesuai')).toBe('baik');
    expect(unitPredikatForRating('di_bawah')).toBe('butuh_perbaikan');
    expect(ratingOfUnitPredikat('kurang')).toBe('di_bawah');
    expect(ratingOfUnitPredikat('sangat_kurang')).toBe('di_bawah');
    for (const r of ['di_atas', 'sesuai', 'di_bawah'] as Rating[])
      expect(ratingOfUnitPredikat(unitPredikatForRating(r))).toBe(r);
  });
  it('quarters open on their first day, the annual evaluation on 1 December', () => {
    expect(opensOn(2026, 'q1')).toBe('2026-01-01');
    expect(opensOn(2026, 'q4')).toBe('2026-10-01');
    expect(opensOn(2026, 'annual')).toBe('2026-12-01');
    expect(monthsOf(2026, 'q2')).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(monthsOf(2026, 'annual')).toHaveLength(12);
  });
});
