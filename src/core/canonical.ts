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
  const keys = Object.keys(object).sort();
  // a flat object (every audited row is one): the engine's own stringify with the sorted keys as the
  // replacer list writes the same text several times faster
  let flat = true;
  for (const key of keys) {
    const v = object[key];
    if (v !== null && typeof v === 'object') {
      flat = false;
      break;
    }
  }
  if (flat) return JSON.stringify(object, keys);
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
