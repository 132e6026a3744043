import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suppressedGroups } from './suppress.ts';

describe('small-group suppression', () => {
  it('hides groups below the minimum, and a second group when one hidden group could be derived', () => {
    expect([...suppressedGroups([25, 40, 12], 10)]).toEqual([]);
    // 3 people hidden alone: total − visible would reveal them, so the smallest visible group goes too
    expect([...suppressedGroups([25, 3, 40, 12], 10)].sort()).toEqual([1, 3]);
    // two small groups that together reach the minimum need nothing more
    expect([...suppressedGroups([25, 4, 40, 6], 10)].sort()).toEqual([1, 3]);
    expect([...suppressedGroups([4, 5], 10)].sort()).toEqual([0, 1]);
    expect([...suppressedGroups([0, 30], 10)]).toEqual([0]);
  });

  it('whatever can be derived from the total covers at least the minimum', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 2, max: 20 }),
        (sizes, min) => {
          const hidden = suppressedGroups(sizes, min);
          const pool = [...hidden].reduce((a, i) => a + sizes[i], 0);
          for (const [i, n] of sizes.entries()) if (n < min) expect(hidden.has(i)).toBe(true);
          // either nothing hidden holds people, or the hidden pool reaches the minimum, or everything is hidden
          expect(pool === 0 || pool >= min || hidden.size === sizes.length).toBe(true);
          // nothing at or above the minimum is hidden without need: with no small group, nothing is hidden
          if (sizes.every((n) => n >= min)) expect(hidden.size).toBe(0);
        },
      ),
    );
  });
});
