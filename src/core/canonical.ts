/** Deterministic JSON: object keys sorted at every depth, so equal data always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  // string building without intermediate arrays: every audited write goes through here
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const own = Object.keys(object);
  // A flat object (every audited row is one) is written by the engine's own stringify: as it is when its
  // keys already come in order (the hot paths build their rows that way), else with the sorted keys as the
  // replacer list.
  let flat = true;
  let ordered = true;
  for (let i = 0; i < own.length; i++) {
    const v = object[own[i]];
    if (v !== null && typeof v === 'object') {
      flat = false;
      break;
    }
    if (i > 0 && own[i - 1] > own[i]) ordered = false;
  }
  if (flat) return ordered ? JSON.stringify(object) : JSON.stringify(object, own.sort());
  const keys = own.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
}
