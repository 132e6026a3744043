/**
 * Small-group suppression for published aggregates (DESIGN §2.8). A group smaller than the minimum is
 * suppressed (primary). Because the city total is published too, the suppressed groups together can be
 * recovered as "total − visible groups"; so while the suppressed groups hold fewer than the minimum people in
 * total, the smallest visible group is suppressed as well (secondary suppression). Whatever can be derived
 * then always covers at least `min` people.
 */
export function suppressedGroups(sizes: readonly number[], min: number): Set<number> {
  const hidden = new Set<number>();
  sizes.forEach((n, i) => {
    if (n < min) hidden.add(i);
  });
  let pool = [...hidden].reduce((a, i) => a + sizes[i], 0);
  while (pool > 0 && pool < min) {
    let smallest = -1;
    sizes.forEach((n, i) => {
      if (!hidden.has(i) && (smallest < 0 || n < sizes[smallest])) smallest = i;
    });
    if (smallest < 0) break;
    hidden.add(smallest);
    pool += sizes[smallest];
  }
  return hidden;
}
