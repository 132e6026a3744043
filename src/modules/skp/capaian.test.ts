import { describe, expect, it } from 'vitest';
import { capaian, meanCapaian, quarterCapaian } from './capaian.ts';

describe('capaian', () => {
  it('divides realisation by target for higher-is-better', () => {
    expect(capaian(250_000, 200_000, 'higher')).toBe(80);
  });
  it('inverts for lower-is-better', () => {
    expect(capaian(10, 8, 'lower')).toBe(120);
    expect(capaian(10, 20, 'lower')).toBe(50);
  });
  it('caps at the tenant cap', () => {
    expect(capaian(100, 300, 'higher')).toBe(120);
    expect(capaian(100, 300, 'higher', 150)).toBe(150);
  });
  it('has no value without a numeric target or realisation', () => {
    expect(capaian(null, 3, 'higher')).toBeNull();
    expect(capaian(10, null, 'higher')).toBeNull();
    expect(capaian(0, 3, 'higher')).toBeNull();
  });
  it('averages only the indicators that have a value', () => {
    expect(meanCapaian([80, null, 100])).toBe(90);
    expect(meanCapaian([null])).toBeNull();
  });
});

describe('quarterCapaian', () => {
  const visitors = { aspect: 'kuantitas', unit: 'orang/tahun', target_value: 250_000, direction: 'higher' };
  it('measures cumulative volumes against the share of the year', () => {
    expect(quarterCapaian(visitors, 62_500, 1)).toBe(100);
    expect(quarterCapaian(visitors, 125_000, 3)).toBe(66.7);
  });
  it('measures levels against the target itself', () => {
    expect(
      quarterCapaian({ aspect: 'kuantitas', unit: 'persen', target_value: 100, direction: 'higher' }, 90, 1),
    ).toBe(90);
    expect(
      quarterCapaian({ aspect: 'kualitas', unit: 'indeks', target_value: 90, direction: 'higher' }, 88, 2),
    ).toBe(97.8);
    expect(
      quarterCapaian({ aspect: 'kualitas', unit: 'keluhan', target_value: 5, direction: 'lower' }, 4, 1),
    ).toBe(120);
  });
});
