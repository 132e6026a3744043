import { describe, expect, it } from 'vitest';
import { capaian, meanCapaian } from './capaian.ts';

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
