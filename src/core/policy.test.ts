import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from './auth.ts';
import { roleCoversUnit } from './auth.ts';
import { canonicalJson } from './canonical.ts';
import { definePolicy } from './policy.ts';

const actor = (roles: { role: Role; unitPath?: string }[]): Actor => ({
  tenantId: 't',
  tenantSlug: 's',
  tenantName: 'S',
  timeZone: 'Asia/Jakarta',
  userId: 'u',
  username: 'u',
  displayName: 'U',
  employeeId: null,
  locale: 'id',
  sessionId: 'x',
  csrfToken: 'y',
  roles: roles.map((r) => ({ role: r.role, unitId: null, unitPath: r.unitPath ?? null, unitName: null })),
});

describe('definePolicy', () => {
  const policy = definePolicy<{ owner: string }, 'read' | 'edit' | 'approve'>(
    {
      read: () => false,
      edit: (a, r) => a.userId === r.owner,
      approve: (a) => a.roles.some((g) => g.role === 'bkpsdm'),
    },
    { edit: ['read'], approve: ['edit'] },
  );
  it('denies by default and composes implied abilities transitively', () => {
    expect(policy.can(actor([{ role: 'pegawai' }]), 'read', { owner: 'other' })).toBe(false);
    expect(policy.can(actor([{ role: 'pegawai' }]), 'read', { owner: 'u' })).toBe(true);
    expect(policy.can(actor([{ role: 'bkpsdm' }]), 'read', { owner: 'other' })).toBe(true);
  });
  it('answers 404 when the object cannot be seen and 403 when it can', () => {
    expect(() =>
      policy.authorize(actor([{ role: 'pegawai' }]), 'approve', { owner: 'other' }, 'read'),
    ).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => policy.authorize(actor([{ role: 'pegawai' }]), 'approve', { owner: 'u' }, 'read')).toThrow(
      expect.objectContaining({ status: 403 }),
    );
  });
  it('lists abilities for the UI', () => {
    expect(policy.abilities(actor([{ role: 'pegawai' }]), { owner: 'u' })).toEqual({
      read: true,
      edit: true,
      approve: false,
    });
  });
});

describe('org scope', () => {
  it('covers a unit inside the granted subtree only', () => {
    const admin = actor([{ role: 'admin_opd', unitPath: '/root/opd/' }]);
    expect(roleCoversUnit(admin, 'admin_opd', '/root/opd/bidang/')).toBe(true);
    expect(roleCoversUnit(admin, 'admin_opd', '/root/opd2/')).toBe(false);
    expect(roleCoversUnit(admin, 'admin_opd', '/root/')).toBe(false);
    expect(roleCoversUnit(admin, 'admin_opd', null)).toBe(false);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('matches the straightforward version on any JSON', () => {
    // the straightforward version it replaced, kept as the reference
    const reference = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(text).toBe(reference(value));
      }),
    );
    // flat rows (the fast path), with the values JSON cannot hold exactly: undefined, -0, NaN, Infinity
    const primitive = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), primitive), (row) => {
        expect(canonicalJson(row)).toBe(reference(row));
      }),
    );
  });
});
