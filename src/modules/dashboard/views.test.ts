import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf } from '../activities/workload.ts';
import { dashboardSettingsOf } from './settings.ts';
import { bucketIndex } from './views.ts';

describe('dashboard figures', () => {
  it('buckets a workload ratio exactly as the workload pages do', () => {
    for (const edge of [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.5001, 0.2499, 3])
      expect(bucketIndex(edge), String(edge)).toBe(bucketOf(edge));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (n) => {
        const ratio = n / 10_000;
        expect(bucketIndex(ratio)).toBe(bucketOf(ratio));
      }),
    );
  });

  it('reads the warning thresholds from the tenant settings, field by field', () => {
    const s = dashboardSettingsOf(
      JSON.stringify({ dashboard: { inactiveWorkingDays: 5, goalOnTrack: 'x' } }),
    );
    expect(s.inactiveWorkingDays).toBe(5);
    expect(s.goalOnTrack).toBe(90);
    expect(dashboardSettingsOf('not json').backlogMinutes).toBe(4800);
  });
});
