import { type Actor, hasRole, roleCoversUnit } from '../../core/auth.ts';
import type { Params } from '../../core/i18n.ts';
import { decodeNip } from '../org/nip.ts';
import { type ImportKind, POSITION_KIND_VALUES, UNIT_TYPE_VALUES } from './columns.ts';
import type { RawRow } from './parse.ts';

export interface RowError {
  row: number;
  column: string;
  code: string;
  params: Params;
}

export interface Refs {
  units: Map<string, { id: string; path: string; depth: number; active: number }>;
  positions: Map<string, { id: string; unitId: string; unitPath: string; active: number; held: boolean }>;
  nips: Set<string>;
}

export interface RowValidator {
  /** Validate one row; returns the normalised data to stage (or null when the row has errors). */
  row(rowNo: number, raw: RawRow): { data: Record<string, unknown> | null; errors: RowError[] };
  /** Checks that need the whole file (references to other rows, cycles). */
  finish(): RowError[];
}

const CODE = /^[A-Za-z0-9._-]{1,40}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 -]{6,20}$/;

function collector(rowNo: number) {
  const errors: RowError[] = [];
  return {
    errors,
    add: (column: string, code: string, params: Params = {}) =>
      errors.push({ row: rowNo, column, code, params }),
  };
}

function required(raw: RawRow, column: string, add: (c: string, code: string, p?: Params) => void): string {
  const v = (raw[column] ?? '').trim();
  if (!v) add(column, 'IMPORT_REQUIRED');
  return v;
}

function oneOf(
  value: string,
  allowed: readonly string[],
  column: string,
  add: (c: string, code: string, p?: Params) => void,
) {
  if (value && !allowed.some((a) => a.toLowerCase() === value.toLowerCase())) {
    add(column, 'IMPORT_INVALID_VALUE', { value, allowed: allowed.join(', ') });
  }
}

/** The admin_opd scope rule, applied to the unit a row lands in. */
const inScope = (actor: Actor, unitPath: string | null) =>
  hasRole(actor, 'bkpsdm') || (unitPath !== null && roleCoversUnit(actor, 'admin_opd', unitPath));

function uniqueInFile(
  seen: Map<string, number>,
  value: string,
  rowNo: number,
  column: string,
  add: (c: string, code: string, p?: Params) => void,
) {
  const first = seen.get(value);
  if (first !== undefined) add(column, 'IMPORT_DUPLICATE_IN_FILE', { value, row: first });
  else seen.set(value, rowNo);
}

function unitValidator(actor: Actor, refs: Refs): RowValidator {
  const inFile = new Map<string, number>();
  const parents = new Map<string, { row: number; parent: string }>();
  return {
    row(rowNo, raw) {
      const { errors, add } = collector(rowNo);
      const code = required(raw, 'code', add);
      const name = required(raw, 'name', add);
      const typeText = required(raw, 'type', add);
      const type = typeText.toLowerCase();
      const parent = required(raw, 'parent_code', add);
      if (code && !CODE.test(code))
        add('code', 'IMPORT_INVALID_VALUE', { value: code, allowed: 'A-Z 0-9 . _ -' });
      if (code && refs.units.has(code)) add('code', 'DUPLICATE', { field: 'code', value: code });
      if (code) uniqueInFile(inFile, code, rowNo, 'code', add);
      if (name && name.length < 2) add('name', 'IMPORT_REQUIRED');
      oneOf(typeText, UNIT_TYPE_VALUES, 'type', add);
      if (code && parent) parents.set(code, { row: rowNo, parent });
      return { data: errors.length ? null : { code, name, type, parent_code: parent }, errors };
    },
    finish() {
      const out: RowError[] = [];
      for (const [code, { row, parent }] of parents) {
        // walk up through rows of the file until an existing unit is reached
        let current = parent;
        const visited = new Set([code]);
        let anchor: { path: string; active: number } | undefined;
        for (;;) {
          anchor = refs.units.get(current);
          if (anchor) break;
          const next = parents.get(current);
          if (!next || visited.has(current)) break;
          visited.add(current);
          current = next.parent;
        }
        if (!anchor) {
          const cyclic = visited.has(current);
          out.push({
            row,
            column: 'parent_code',
            code: cyclic ? 'ORG_CYCLE' : 'IMPORT_UNKNOWN_REF',
            params: cyclic ? { name: code } : { ref: 'parent_code', value: parent },
          });
        } else if (!inScope(actor, anchor.path)) {
          out.push({ row, column: 'parent_code', code: 'IMPORT_NOT_IN_SCOPE', params: {} });
        } else if (anchor.active !== 1) {
          out.push({ row, column: 'parent_code', code: 'UNIT_INACTIVE', params: { name: current } });
        }
      }
      return out;
    },
  };
}

function positionValidator(actor: Actor, refs: Refs): RowValidator {
  const inFile = new Map<string, number>();
  const parents = new Map<string, { row: number; parent: string }>();
  return {
    row(rowNo, raw) {
      const { errors, add } = collector(rowNo);
      const code = required(raw, 'code', add);
      const name = required(raw, 'name', add);
      const kindText = required(raw, 'kind', add);
      const kind = kindText.toLowerCase();
      const kelasText = required(raw, 'kelas', add);
      const unitCode = required(raw, 'unit_code', add);
      const parent = (raw.parent_code ?? '').trim();
      const isKeyText = (raw.is_key ?? '').trim().toLowerCase();
      if (code && !CODE.test(code))
        add('code', 'IMPORT_INVALID_VALUE', { value: code, allowed: 'A-Z 0-9 . _ -' });
      if (code && refs.positions.has(code)) add('code', 'DUPLICATE', { field: 'code', value: code });
      if (code) uniqueInFile(inFile, code, rowNo, 'code', add);
      oneOf(kindText, POSITION_KIND_VALUES, 'kind', add);
      const kelas = Number(kelasText);
      if (kelasText && (!Number.isInteger(kelas) || kelas < 1 || kelas > 17))
        add('kelas', 'IMPORT_NUMBER_RANGE', { min: 1, max: 17 });
      const unit = unitCode ? refs.units.get(unitCode) : undefined;
      if (unitCode && !unit) add('unit_code', 'IMPORT_UNKNOWN_REF', { ref: 'unit_code', value: unitCode });
      else if (unit && !inScope(actor, unit.path)) add('unit_code', 'IMPORT_NOT_IN_SCOPE');
      else if (unit && unit.active !== 1) add('unit_code', 'UNIT_INACTIVE', { name: unitCode });
      const yes = ['ya', 'y', 'true', '1', 'yes'];
      const no = ['tidak', 't', 'false', '0', 'no', ''];
      if (!yes.includes(isKeyText) && !no.includes(isKeyText))
        add('is_key', 'IMPORT_INVALID_VALUE', { value: isKeyText, allowed: 'ya, tidak' });
      if (code && parent) parents.set(code, { row: rowNo, parent });
      return {
        data: errors.length
          ? null
          : {
              code,
              name,
              kind,
              kelas,
              unit_id: unit?.id,
              parent_code: parent || null,
              is_key: yes.includes(isKeyText),
            },
        errors,
      };
    },
    finish() {
      const out: RowError[] = [];
      for (const [code, { row, parent }] of parents) {
        if (refs.positions.has(parent)) continue;
        let current = parent;
        const visited = new Set([code]);
        let ok = false;
        while (parents.has(current) || inFile.has(current)) {
          if (visited.has(current)) break;
          visited.add(current);
          const next = parents.get(current);
          if (!next) {
            ok = true; // a top position of the file
            break;
          }
          if (refs.positions.has(next.parent)) {
            ok = true;
            break;
          }
          current = next.parent;
        }
        if (!ok) {
          const cyclic = visited.has(current);
          out.push({
            row,
            column: 'parent_code',
            code: cyclic ? 'ORG_CYCLE' : 'IMPORT_UNKNOWN_REF',
            params: cyclic ? { name: code } : { ref: 'parent_code', value: parent },
          });
        }
      }
      return out;
    },
  };
}

function employeeValidator(actor: Actor, refs: Refs, today: string): RowValidator {
  const nipsInFile = new Map<string, number>();
  const positionsInFile = new Map<string, number>();
  return {
    row(rowNo, raw) {
      const { errors, add } = collector(rowNo);
      const nip = required(raw, 'nip', add).replace(/\s+/g, '');
      const asnText = required(raw, 'asn_type', add);
      const asnType = asnText.toUpperCase();
      const name = required(raw, 'name', add);
      const sexText = required(raw, 'sex', add);
      const sex = sexText.toUpperCase();
      const email = (raw.email ?? '').trim();
      const phone = (raw.phone ?? '').trim();
      const positionCode = (raw.position_code ?? '').trim();
      oneOf(asnText, ['PNS', 'PPPK'], 'asn_type', add);
      oneOf(sexText, ['L', 'P'], 'sex', add);
      let birthDate = '';
      let tmt = '';
      if (nip && (asnType === 'PNS' || asnType === 'PPPK')) {
        const decoded = decodeNip(nip, asnType, today);
        if (!decoded.ok) add('nip', decoded.code, decoded.params);
        else {
          birthDate = decoded.info.birthDate;
          tmt = decoded.info.tmt;
          if ((sex === 'L' || sex === 'P') && decoded.info.sex !== sex)
            add('sex', 'NIP_SEX_MISMATCH', { sex: decoded.info.sex });
        }
      }
      if (nip && refs.nips.has(nip)) add('nip', 'DUPLICATE', { field: 'NIP', value: nip });
      if (nip) uniqueInFile(nipsInFile, nip, rowNo, 'nip', add);
      if (email && !EMAIL.test(email)) add('email', 'IMPORT_EMAIL');
      if (phone && !PHONE.test(phone))
        add('phone', 'IMPORT_INVALID_VALUE', { value: phone, allowed: '+62…' });
      let position: Refs['positions'] extends Map<string, infer P> ? P | undefined : never;
      if (positionCode) {
        position = refs.positions.get(positionCode);
        if (!position)
          add('position_code', 'IMPORT_UNKNOWN_REF', { ref: 'position_code', value: positionCode });
        else if (!inScope(actor, position.unitPath)) add('position_code', 'IMPORT_NOT_IN_SCOPE');
        else if (position.active !== 1) add('position_code', 'POSITION_INACTIVE', { name: positionCode });
        else if (position.held)
          add('position_code', 'POSITION_OCCUPIED', { name: positionCode, holder: '—' });
        uniqueInFile(positionsInFile, positionCode, rowNo, 'position_code', add);
      } else if (!hasRole(actor, 'bkpsdm')) {
        add('position_code', 'IMPORT_NOT_IN_SCOPE');
      }
      return {
        data: errors.length
          ? null
          : {
              nip,
              asn_type: asnType,
              name,
              sex,
              birth_date: birthDate,
              tmt,
              golongan: (raw.golongan ?? '').trim() || null,
              education: (raw.education ?? '').trim() || null,
              email: email || null,
              phone: phone || null,
              position_id: position?.id ?? null,
              unit_id: position?.unitId ?? null,
            },
        errors,
      };
    },
    finish: () => [],
  };
}

export function makeValidator(kind: ImportKind, actor: Actor, refs: Refs, today: string): RowValidator {
  if (kind === 'units') return unitValidator(actor, refs);
  if (kind === 'positions') return positionValidator(actor, refs);
  return employeeValidator(actor, refs, today);
}
