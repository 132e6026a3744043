import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import { AppError, badRequest, conflict, notFound } from '../../core/errors.ts';
import { t } from '../../core/i18n.ts';
import { newId } from '../../core/ids.ts';
import { nowIso, retirementDate, todayIn } from '../../core/time.ts';
import { transaction } from '../../db/index.ts';
import { audit } from '../audit/service.ts';
import { decodeNip, formatNip, retirementAge } from './nip.ts';
import { type OrgResource, orgPolicy } from './policy.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';

const flag = (b: boolean | undefined): 0 | 1 => (b ? 1 : 0);
const tenantOf = (ctx: RequestContext) => ctx.actor.tenantId;

function decodeCursor<T>(cursor: string | undefined): T | undefined {
  if (!cursor) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    throw badRequest('VALIDATION_FAILED', {}, [{ path: 'cursor', message: 'cursor' }]);
  }
}
const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Unique-constraint violations from either dialect become a localised 409. */
async function guardUnique<T>(field: string, value: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const msg = String((err as Error).message ?? '');
    if (/UNIQUE constraint failed|duplicate key value/i.test(msg))
      throw conflict('DUPLICATE', { field, value });
    throw err;
  }
}

// ---------------- units ----------------
type UnitRow = NonNullable<Awaited<ReturnType<typeof repo.findUnit>>>;

function unitAbilities(ctx: RequestContext, u: { path: string; parent_id: string | null }) {
  const manage = orgPolicy.can(ctx.actor, 'manage', { unitPath: u.path });
  const isRoot = u.parent_id === null;
  // an admin_opd may restructure inside their OPD, but not the OPD node itself (that is BKPSDM's)
  const manageAsNode =
    u.parent_id !== null && manage && orgPolicy.can(ctx.actor, 'manage', { unitPath: parentPathOf(u.path) });
  return {
    update: manage,
    move: !isRoot && manageAsNode,
    deactivate: !isRoot && manageAsNode,
    delete: !isRoot && manageAsNode,
    createChild: manage,
  };
}

const parentPathOf = (path: string) => path.slice(0, path.slice(0, -1).lastIndexOf('/') + 1);

function toUnit(
  ctx: RequestContext,
  u: UnitRow & { position_count?: number | null; employee_count?: number | null },
) {
  return {
    id: u.id,
    code: u.code,
    name: u.name,
    type: u.type,
    parentId: u.parent_id,
    path: u.path,
    depth: u.depth,
    validFrom: u.valid_from,
    validTo: u.valid_to,
    active: u.active === 1,
    positionCount: Number(u.position_count ?? 0),
    employeeCount: Number(u.employee_count ?? 0),
    abilities: unitAbilities(ctx, u),
  };
}

async function loadUnit(ctx: RequestContext, id: string): Promise<UnitRow> {
  const unit = await repo.findUnit(ctx.db, tenantOf(ctx), id);
  if (!unit) throw notFound();
  orgPolicy.authorize(ctx.actor, 'read', { unitPath: unit.path });
  return unit;
}

export async function listUnits(ctx: RequestContext, q: z.infer<typeof s.UnitQuery>) {
  orgPolicy.authorize(ctx.actor, 'read', null);
  const rows = await repo.listUnits(ctx.db, tenantOf(ctx), {
    parentId: q.parentId,
    q: q.q,
    includeInactive: q.includeInactive === 'true',
  });
  return { items: rows.map((r) => toUnit(ctx, r)) };
}

export async function getUnit(ctx: RequestContext, id: string) {
  const unit = await loadUnit(ctx, id);
  const ancestorIds = unit.path.split('/').filter((x) => x && x !== unit.id);
  const names = new Map(
    (await repo.findUnitsByIds(ctx.db, tenantOf(ctx), ancestorIds)).map((a) => [a.id, a.name]),
  );
  const [positionCount, employeeCount] = await Promise.all([
    repo.countPositionsInUnit(ctx.db, tenantOf(ctx), unit.id, true),
    repo.countActiveEmployeesInUnit(ctx.db, tenantOf(ctx), unit.id),
  ]);
  return {
    ...toUnit(ctx, { ...unit, position_count: positionCount, employee_count: employeeCount }),
    ancestors: ancestorIds.map((aid) => ({ id: aid, name: names.get(aid) ?? '' })),
  };
}

async function activeParent(ctx: RequestContext, parentId: string) {
  const parent = await repo.findUnit(ctx.db, tenantOf(ctx), parentId);
  if (!parent) throw badRequest('VALIDATION_FAILED', {}, [{ path: 'parentId', message: notFoundText(ctx) }]);
  if (parent.active !== 1) throw conflict('UNIT_INACTIVE', { name: parent.name });
  return parent;
}

const notFoundText = (ctx: RequestContext) => (ctx.locale === 'en' ? 'not found' : 'tidak ditemukan');

export async function createUnit(ctx: RequestContext, input: z.infer<typeof s.CreateUnit>) {
  const parent = await activeParent(ctx, input.parentId);
  orgPolicy.authorize(ctx.actor, 'manage', { unitPath: parent.path }, 'read');
  const id = newId();
  const at = nowIso();
  const row = {
    tenant_id: tenantOf(ctx),
    id,
    code: input.code,
    name: input.name,
    type: input.type,
    parent_id: parent.id,
    path: `${parent.path}${id}/`,
    depth: parent.depth + 1,
    valid_from: input.validFrom ?? todayIn(ctx.actor.timeZone),
    valid_to: null,
    active: 1 as const,
    created_at: at,
    updated_at: at,
  };
  await guardUnique('code', input.code, () =>
    transaction(ctx.db, async (trx) => {
      await repo.insertUnit(trx, row);
      await audit(trx, ctx, { action: 'unit.create', entityType: 'unit', entityId: id, after: row });
    }),
  );
  return getUnit(ctx, id);
}

export async function updateUnit(ctx: RequestContext, id: string, input: z.infer<typeof s.UpdateUnit>) {
  const unit = await loadUnit(ctx, id);
  orgPolicy.authorize(ctx.actor, 'manage', { unitPath: unit.path }, 'read');
  const patch = { ...input, updated_at: nowIso() };
  await guardUnique('code', input.code ?? unit.code, () =>
    transaction(ctx.db, async (trx) => {
      await repo.updateUnit(trx, tenantOf(ctx), id, patch);
      await audit(trx, ctx, {
        action: 'unit.update',
        entityType: 'unit',
        entityId: id,
        before: { code: unit.code, name: unit.name, type: unit.type },
        after: input,
      });
    }),
  );
  return getUnit(ctx, id);
}

function assertNodeManageable(ctx: RequestContext, unit: UnitRow) {
  if (unit.parent_id === null) throw conflict('ROOT_UNIT_LOCKED');
  if (!unitAbilities(ctx, unit).move)
    orgPolicy.authorize(ctx.actor, 'manage', { unitPath: parentPathOf(unit.path) }, 'read');
}

export async function moveUnit(ctx: RequestContext, id: string, input: z.infer<typeof s.MoveUnit>) {
  const unit = await loadUnit(ctx, id);
  assertNodeManageable(ctx, unit);
  const parent = await activeParent(ctx, input.parentId);
  orgPolicy.authorize(ctx.actor, 'manage', { unitPath: parent.path }, 'read');
  if (parent.path.startsWith(unit.path)) throw conflict('ORG_CYCLE', { name: unit.name });
  if (parent.id === unit.parent_id) return getUnit(ctx, id);
  const newPath = `${parent.path}${unit.id}/`;
  const at = nowIso();
  await transaction(ctx.db, async (trx) => {
    await repo.moveSubtree(trx, tenantOf(ctx), unit.path, newPath, parent.depth + 1 - unit.depth, at);
    await repo.updateUnit(trx, tenantOf(ctx), id, { parent_id: parent.id, updated_at: at });
    await audit(trx, ctx, {
      action: 'unit.move',
      entityType: 'unit',
      entityId: id,
      before: { parentId: unit.parent_id, path: unit.path },
      after: { parentId: parent.id, path: newPath },
    });
  });
  return getUnit(ctx, id);
}

export async function deactivateUnit(
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof s.DeactivateUnit>,
) {
  const unit = await loadUnit(ctx, id);
  assertNodeManageable(ctx, unit);
  const positions = await repo.countPositionsInUnit(ctx.db, tenantOf(ctx), id, true);
  if (positions > 0) throw conflict('UNIT_HAS_POSITIONS', { name: unit.name, count: positions });
  const children = await repo.countActiveChildren(ctx.db, tenantOf(ctx), id);
  if (children > 0) throw conflict('UNIT_HAS_CHILDREN', { name: unit.name, count: children });
  const validTo = input.validTo ?? todayIn(ctx.actor.timeZone);
  await transaction(ctx.db, async (trx) => {
    await repo.updateUnit(trx, tenantOf(ctx), id, { active: 0, valid_to: validTo, updated_at: nowIso() });
    await audit(trx, ctx, {
      action: 'unit.deactivate',
      entityType: 'unit',
      entityId: id,
      before: { active: true, validTo: unit.valid_to },
      after: { active: false, validTo },
    });
  });
  return getUnit(ctx, id);
}

export async function deleteUnit(ctx: RequestContext, id: string) {
  const unit = await loadUnit(ctx, id);
  assertNodeManageable(ctx, unit);
  const activePositions = await repo.countPositionsInUnit(ctx.db, tenantOf(ctx), id, true);
  if (activePositions > 0) throw conflict('UNIT_HAS_POSITIONS', { name: unit.name, count: activePositions });
  const children = await repo.countChildren(ctx.db, tenantOf(ctx), id);
  if (children > 0) throw conflict('UNIT_HAS_CHILDREN', { name: unit.name, count: children });
  // history rows and role scopes refer to the unit: such a unit can only be deactivated
  const refs =
    (await repo.countPositionsInUnit(ctx.db, tenantOf(ctx), id, false)) +
    (await repo.countUnitReferences(ctx.db, tenantOf(ctx), id));
  if (refs > 0) throw conflict('UNIT_NOT_EMPTY', { name: unit.name, count: refs });
  await transaction(ctx.db, async (trx) => {
    await repo.deleteUnit(trx, tenantOf(ctx), id);
    await audit(trx, ctx, { action: 'unit.delete', entityType: 'unit', entityId: id, before: unit });
  });
}

export async function stats(ctx: RequestContext) {
  orgPolicy.authorize(ctx.actor, 'read', null);
  return repo.orgStats(ctx.db, tenantOf(ctx));
}

// ---------------- positions ----------------
function toPosition(ctx: RequestContext, p: repo.PositionRow) {
  const manage = orgPolicy.can(ctx.actor, 'manage', { unitPath: p.unit_path });
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    kind: p.kind,
    kelas: p.kelas,
    unitId: p.unit_id,
    unitName: p.unit_name,
    parentPositionId: p.parent_position_id,
    parentPositionName: p.parent_position_name,
    isKey: p.is_key === 1,
    active: p.active === 1,
    holder: p.holder_id ? { id: p.holder_id, name: p.holder_name ?? '', nip: p.holder_nip ?? '' } : null,
    acting: p.acting_id
      ? { id: p.acting_id, name: p.acting_name ?? '', nip: p.acting_nip ?? '', kind: p.acting_kind ?? 'plt' }
      : null,
    abilities: { update: manage, deactivate: manage && p.active === 1 },
  };
}

export async function listPositions(ctx: RequestContext, q: z.infer<typeof s.PositionQuery>) {
  orgPolicy.authorize(ctx.actor, 'read', null);
  const rows = await repo.listPositions(ctx.db, tenantOf(ctx), {
    unitId: q.unitId,
    vacant: q.vacant === undefined ? undefined : q.vacant === 'true',
    q: q.q,
    after: decodeCursor(q.cursor),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toPosition(ctx, r)),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ kelas: last.kelas, code: last.code }) : null,
  };
}

export async function getPosition(ctx: RequestContext, id: string) {
  const [row] = await repo.listPositions(ctx.db, tenantOf(ctx), { ids: [id], limit: 1 });
  if (!row) throw notFound();
  orgPolicy.authorize(ctx.actor, 'read', { unitPath: row.unit_path });
  return toPosition(ctx, row);
}

async function loadPosition(ctx: RequestContext, id: string, field = 'positionId') {
  const p = await repo.findPositionCore(ctx.db, tenantOf(ctx), id);
  if (!p) throw badRequest('VALIDATION_FAILED', {}, [{ path: field, message: notFoundText(ctx) }]);
  return p;
}

async function assertNoPositionCycle(
  ctx: RequestContext,
  positionId: string,
  newParentId: string,
  name: string,
) {
  const chain = await repo.positionChain(ctx.db, tenantOf(ctx), newParentId);
  if (chain.some((p) => p.id === positionId)) throw conflict('ORG_CYCLE', { name });
}

export async function createPosition(ctx: RequestContext, input: z.infer<typeof s.CreatePosition>) {
  const unit = await repo.findUnit(ctx.db, tenantOf(ctx), input.unitId);
  if (!unit) throw badRequest('VALIDATION_FAILED', {}, [{ path: 'unitId', message: notFoundText(ctx) }]);
  orgPolicy.authorize(ctx.actor, 'manage', { unitPath: unit.path }, 'read');
  if (unit.active !== 1) throw conflict('UNIT_INACTIVE', { name: unit.name });
  if (input.parentPositionId) {
    const parent = await loadPosition(ctx, input.parentPositionId, 'parentPositionId');
    if (parent.active !== 1) throw conflict('POSITION_INACTIVE', { name: parent.name });
  }
  const id = newId();
  const at = nowIso();
  const row = {
    tenant_id: tenantOf(ctx),
    id,
    code: input.code,
    name: input.name,
    kind: input.kind,
    kelas: input.kelas,
    unit_id: unit.id,
    parent_position_id: input.parentPositionId ?? null,
    is_key: flag(input.isKey),
    competencies: '[]',
    active: 1 as const,
    created_at: at,
    updated_at: at,
  };
  await guardUnique('code', input.code, () =>
    transaction(ctx.db, async (trx) => {
      await repo.insertPosition(trx, row);
      await audit(trx, ctx, { action: 'position.create', entityType: 'position', entityId: id, after: row });
    }),
  );
  return getPosition(ctx, id);
}

export async function updatePosition(
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof s.UpdatePosition>,
) {
  const current = await managedPosition(ctx, id);
  if (input.unitId && input.unitId !== current.unit_id) {
    const unit = await repo.findUnit(ctx.db, tenantOf(ctx), input.unitId);
    if (!unit) throw badRequest('VALIDATION_FAILED', {}, [{ path: 'unitId', message: notFoundText(ctx) }]);
    orgPolicy.authorize(ctx.actor, 'manage', { unitPath: unit.path });
    if (unit.active !== 1) throw conflict('UNIT_INACTIVE', { name: unit.name });
  }
  if (input.parentPositionId) {
    if (input.parentPositionId === id) throw conflict('ORG_CYCLE', { name: current.name });
    await loadPosition(ctx, input.parentPositionId, 'parentPositionId');
    await assertNoPositionCycle(ctx, id, input.parentPositionId, current.name);
  }
  const patch = {
    ...(input.code !== undefined && { code: input.code }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.kind !== undefined && { kind: input.kind }),
    ...(input.kelas !== undefined && { kelas: input.kelas }),
    ...(input.unitId !== undefined && { unit_id: input.unitId }),
    ...(input.parentPositionId !== undefined && { parent_position_id: input.parentPositionId }),
    ...(input.isKey !== undefined && { is_key: flag(input.isKey) }),
    updated_at: nowIso(),
  };
  await guardUnique('code', input.code ?? current.code, () =>
    transaction(ctx.db, async (trx) => {
      await repo.updatePosition(trx, tenantOf(ctx), id, patch);
      // the holder's unit follows the position
      if (input.unitId && input.unitId !== current.unit_id) {
        const holder = await repo.findHolder(trx, tenantOf(ctx), id);
        if (holder)
          await repo.updateEmployee(trx, tenantOf(ctx), holder.id, {
            unit_id: input.unitId,
            updated_at: patch.updated_at,
          });
      }
      await audit(trx, ctx, {
        action: 'position.update',
        entityType: 'position',
        entityId: id,
        before: current,
        after: input,
      });
    }),
  );
  return getPosition(ctx, id);
}

/** A position the caller may manage (404 when they cannot see it, 403 when they cannot change it). */
async function managedPosition(ctx: RequestContext, id: string) {
  const position = await repo.findPositionCore(ctx.db, tenantOf(ctx), id);
  if (!position) throw notFound();
  orgPolicy.authorize(ctx.actor, 'manage', { unitPath: position.unit_path }, 'read');
  return position;
}

export async function deactivatePosition(ctx: RequestContext, id: string) {
  const current = await managedPosition(ctx, id);
  const holder = await repo.findHolder(ctx.db, tenantOf(ctx), id);
  if (holder) throw conflict('POSITION_OCCUPIED', { name: current.name, holder: holder.name });
  const today = todayIn(ctx.actor.timeZone);
  await transaction(ctx.db, async (trx) => {
    await repo.updatePosition(trx, tenantOf(ctx), id, { active: 0, updated_at: nowIso() });
    await repo.endActing(trx, tenantOf(ctx), id, today);
    await audit(trx, ctx, {
      action: 'position.deactivate',
      entityType: 'position',
      entityId: id,
      before: { active: true },
      after: { active: false },
    });
  });
  return getPosition(ctx, id);
}

export async function setActing(ctx: RequestContext, id: string, input: z.infer<typeof s.SetActing>) {
  const position = await managedPosition(ctx, id);
  if (position.active !== 1) throw conflict('POSITION_INACTIVE', { name: position.name });
  const employee = await repo.findEmployee(ctx.db, tenantOf(ctx), input.employeeId);
  if (!employee)
    throw badRequest('VALIDATION_FAILED', {}, [{ path: 'employeeId', message: notFoundText(ctx) }]);
  if (employee.status !== 'active') throw conflict('EMPLOYEE_INACTIVE', { name: employee.name });
  const holder = await repo.findHolder(ctx.db, tenantOf(ctx), id);
  if (holder) throw conflict('POSITION_OCCUPIED', { name: position.name, holder: holder.name });
  const row = {
    tenant_id: tenantOf(ctx),
    id: newId(),
    position_id: id,
    employee_id: employee.id,
    kind: input.kind,
    start_date: input.startDate,
    end_date: input.endDate ?? null,
    active: 1 as const,
  };
  await transaction(ctx.db, async (trx) => {
    await repo.endActing(trx, tenantOf(ctx), id, input.startDate);
    await repo.insertActing(trx, row);
    await audit(trx, ctx, {
      action: 'position.acting_set',
      entityType: 'position',
      entityId: id,
      after: row,
    });
  });
  return getPosition(ctx, id);
}

export async function endActing(ctx: RequestContext, id: string) {
  await managedPosition(ctx, id);
  const acting = await repo.findActing(ctx.db, tenantOf(ctx), id);
  if (acting) {
    await transaction(ctx.db, async (trx) => {
      await repo.endActing(trx, tenantOf(ctx), id, todayIn(ctx.actor.timeZone));
      await audit(trx, ctx, {
        action: 'position.acting_end',
        entityType: 'position',
        entityId: id,
        before: acting,
      });
    });
  }
  return getPosition(ctx, id);
}

// ---------------- employees ----------------
export async function listEmployees(ctx: RequestContext, q: z.infer<typeof s.EmployeeQuery>) {
  orgPolicy.authorize(ctx.actor, 'read', null);
  let unitPath: string | undefined;
  if (q.unitId) unitPath = (await loadUnit(ctx, q.unitId)).path;
  const rows = await repo.listEmployees(ctx.db, tenantOf(ctx), {
    unitPath,
    q: q.q,
    status: q.status,
    after: decodeCursor(q.cursor),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((e) => ({
      id: e.id,
      nip: e.nip,
      name: e.name,
      asnType: e.asn_type,
      positionId: e.position_id,
      positionName: e.position_name,
      unitId: e.unit_id,
      unitName: e.unit_name,
      status: e.status,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
  };
}

interface AtasanInfo {
  employeeId: string;
  name: string;
  nip: string;
  positionName: string;
  positionId: string;
  acting: boolean;
}

/** Holders, or acting holders (Plt/Plh), of the positions above `positionId`, nearest first. */
async function* superiorsOf(ctx: RequestContext, positionId: string): AsyncGenerator<AtasanInfo> {
  const chain = await repo.positionChain(ctx.db, tenantOf(ctx), positionId);
  for (const p of chain.slice(1)) {
    const holder = await repo.findHolder(ctx.db, tenantOf(ctx), p.id);
    if (holder) {
      yield {
        employeeId: holder.id,
        name: holder.name,
        nip: holder.nip,
        positionName: p.name,
        positionId: p.id,
        acting: false,
      };
    }
    const acting = await repo.findActing(ctx.db, tenantOf(ctx), p.id);
    if (acting) {
      yield {
        employeeId: acting.employee_id,
        name: acting.name,
        nip: acting.nip,
        positionName: p.name,
        positionId: p.id,
        acting: true,
      };
    }
  }
}

/** The atasan: the nearest superior who is not the employee themself. */
export async function findAtasan(
  ctx: RequestContext,
  positionId: string | null,
  excludeEmployeeId: string,
): Promise<AtasanInfo | null> {
  if (!positionId) return null;
  for await (const superior of superiorsOf(ctx, positionId)) {
    if (superior.employeeId !== excludeEmployeeId) return superior;
  }
  return null;
}

export interface Subordinate {
  employeeId: string;
  name: string;
  nip: string;
  positionId: string;
  positionName: string;
}

/**
 * Employees whose nearest superior is the actor (as holder or acting holder), walking past vacant posts:
 * the people whose SKPs they approve and whose activities they verify.
 */
export async function directSubordinates(ctx: RequestContext): Promise<Subordinate[]> {
  const me = ctx.actor.employeeId;
  if (!me) return [];
  const db = ctx.db;
  const tenantId = tenantOf(ctx);
  const mine = await db
    .selectFrom('positions as p')
    .leftJoin('employees as e', (j) =>
      j
        .onRef('e.tenant_id', '=', 'p.tenant_id')
        .onRef('e.position_id', '=', 'p.id')
        .on('e.status', '=', 'active'),
    )
    .leftJoin('acting_assignments as a', (j) =>
      j.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.position_id', '=', 'p.id').on('a.active', '=', 1),
    )
    .select('p.id')
    .where('p.tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('e.id', '=', me), eb('a.employee_id', '=', me)]))
    .execute();
  let frontier = mine.map((p) => p.id);
  const found: Subordinate[] = [];
  for (let depth = 0; frontier.length && depth < 6; depth++) {
    const children = await db
      .selectFrom('positions as p')
      .leftJoin('employees as e', (j) =>
        j
          .onRef('e.tenant_id', '=', 'p.tenant_id')
          .onRef('e.position_id', '=', 'p.id')
          .on('e.status', '=', 'active'),
      )
      .leftJoin('acting_assignments as a', (j) =>
        j.onRef('a.tenant_id', '=', 'p.tenant_id').onRef('a.position_id', '=', 'p.id').on('a.active', '=', 1),
      )
      .select([
        'p.id',
        'p.name',
        'e.id as employee_id',
        'e.name as employee_name',
        'e.nip',
        'a.employee_id as acting_id',
      ])
      .where('p.tenant_id', '=', tenantId)
      .where('p.parent_position_id', 'in', frontier)
      .where('p.active', '=', 1)
      .execute();
    const next: string[] = [];
    for (const c of children) {
      if (c.employee_id && c.employee_id !== me)
        found.push({
          employeeId: c.employee_id,
          name: c.employee_name ?? '',
          nip: c.nip ?? '',
          positionId: c.id,
          positionName: c.name,
        });
      else if (!c.employee_id && !c.acting_id) next.push(c.id); // vacant without Plt: its staff report to me
    }
    frontier = next;
  }
  return found;
}

async function loadEmployee(ctx: RequestContext, id: string) {
  const e = await repo.findEmployee(ctx.db, tenantOf(ctx), id);
  if (!e) throw notFound();
  orgPolicy.authorize(ctx.actor, 'read', { unitPath: e.unit_path, employeeId: e.id });
  return e;
}

/** Is the actor the holder (or acting holder) of a position above this employee's? */
async function actorIsAtasanOf(ctx: RequestContext, positionId: string | null): Promise<boolean> {
  if (!ctx.actor.employeeId || !positionId) return false;
  for await (const superior of superiorsOf(ctx, positionId)) {
    if (superior.employeeId === ctx.actor.employeeId) return true;
  }
  return false;
}

export async function getEmployee(ctx: RequestContext, id: string) {
  const e = await loadEmployee(ctx, id);
  const atasan = await findAtasan(ctx, e.position_id, e.id);
  const atasanPenilai = atasan ? await findAtasan(ctx, atasan.positionId, atasan.employeeId) : null;
  const resource: OrgResource = {
    unitPath: e.unit_path,
    employeeId: e.id,
    actorIsAtasan: atasan?.employeeId === ctx.actor.employeeId || (await actorIsAtasanOf(ctx, e.position_id)),
  };
  const personal = orgPolicy.can(ctx.actor, 'readPersonal', resource);
  const manage = orgPolicy.can(ctx.actor, 'manage', resource);
  const decoded = decodeNip(e.nip, e.asn_type === 'PPPK' ? 'PPPK' : 'PNS', '9999-12-31');
  const history = await repo.positionHistory(ctx.db, tenantOf(ctx), e.id);
  const ref = (a: AtasanInfo | null) =>
    a
      ? { employeeId: a.employeeId, name: a.name, nip: a.nip, positionName: a.positionName, acting: a.acting }
      : null;
  return {
    id: e.id,
    nip: e.nip,
    name: e.name,
    asnType: e.asn_type,
    positionId: e.position_id,
    positionName: e.position_name,
    unitId: e.unit_id,
    unitName: e.unit_name,
    status: e.status,
    statusDate: e.status_date,
    sex: e.sex,
    birthDate: personal ? e.birth_date : null,
    tmtCpns: e.tmt,
    golongan: e.golongan,
    education: e.education,
    email: personal ? e.email : null,
    phone: personal ? e.phone : null,
    nipInfo: decoded.ok
      ? {
          birthDate: decoded.info.birthDate,
          tmt: decoded.info.tmt,
          sex: decoded.info.sex,
          sequence: decoded.info.sequence,
          kind: decoded.info.kind,
          contractCount: decoded.info.contractCount,
          formatted: formatNip(e.nip),
        }
      : null,
    atasan: ref(atasan),
    atasanPenilai: ref(atasanPenilai),
    history: history.map((h) => ({
      positionId: h.position_id,
      positionName: h.position_name,
      unitName: h.unit_name,
      startDate: h.start_date,
      endDate: h.end_date,
      reason: h.reason,
    })),
    retirementDate: retirementDate(e.birth_date, retirementAge(e.position_kind, e.position_name)),
    abilities: {
      update: manage && e.status === 'active',
      move: manage && e.status === 'active',
      deactivate: manage && e.status === 'active',
      readPersonal: personal,
    },
  };
}

async function vacantPositionFor(ctx: RequestContext, positionId: string) {
  const position = await loadPosition(ctx, positionId);
  orgPolicy.authorize(ctx.actor, 'manage', { unitPath: position.unit_path });
  if (position.active !== 1) throw conflict('POSITION_INACTIVE', { name: position.name });
  const holder = await repo.findHolder(ctx.db, tenantOf(ctx), position.id);
  if (holder) throw conflict('POSITION_OCCUPIED', { name: position.name, holder: holder.name });
  return position;
}

export function checkNip(ctx: RequestContext, nip: string, asnType: 'PNS' | 'PPPK', sex: 'L' | 'P') {
  const decoded = decodeNip(nip, asnType, todayIn(ctx.actor.timeZone));
  if (!decoded.ok) {
    const reason = nipReason(ctx, decoded.code, decoded.params);
    throw new AppError(400, 'NIP_INVALID', { reason }, [{ path: 'nip', message: reason }]);
  }
  if (decoded.info.sex !== sex) {
    const sex = sexText(ctx, decoded.info.sex);
    throw new AppError(400, 'NIP_SEX_MISMATCH', { sex }, [
      { path: 'sex', message: t(ctx.locale, 'NIP_SEX_MISMATCH', { sex }) },
    ]);
  }
  return decoded.info;
}

const nipReason = (ctx: RequestContext, code: string, params: Record<string, string | number>) =>
  t(ctx.locale, code, params);
const sexText = (ctx: RequestContext, sex: 'L' | 'P') => t(ctx.locale, `SEX_${sex}`);

export async function createEmployee(ctx: RequestContext, input: z.infer<typeof s.CreateEmployee>) {
  orgPolicy.authorize(ctx.actor, 'manageSomething', null);
  const nip = input.nip.replace(/\s+/g, '');
  const info = checkNip(ctx, nip, input.asnType, input.sex);
  if (await repo.findEmployeeByNip(ctx.db, tenantOf(ctx), nip))
    throw conflict('DUPLICATE', { field: 'NIP', value: nip });
  const position = input.positionId ? await vacantPositionFor(ctx, input.positionId) : null;
  // an admin_opd can only create employees inside their OPD: without a position the employee is nowhere
  if (!position) orgPolicy.authorize(ctx.actor, 'manage', { unitPath: null }, 'read');
  const id = newId();
  const at = nowIso();
  const start = input.startDate ?? todayIn(ctx.actor.timeZone);
  const row = {
    tenant_id: tenantOf(ctx),
    id,
    nip,
    asn_type: input.asnType,
    name: input.name,
    sex: input.sex,
    birth_date: info.birthDate,
    tmt: info.tmt,
    golongan: input.golongan ?? null,
    education: input.education ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    position_id: position?.id ?? null,
    unit_id: position?.unit_id ?? null,
    status: 'active',
    status_date: null,
    created_at: at,
    updated_at: at,
  };
  await guardUnique('NIP', nip, () =>
    transaction(ctx.db, async (trx) => {
      await repo.insertEmployee(trx, row);
      if (position) {
        await repo.insertHistory(trx, {
          tenant_id: row.tenant_id,
          id: newId(),
          employee_id: id,
          position_id: position.id,
          unit_id: position.unit_id,
          start_date: start,
          end_date: null,
          reason: null,
        });
      }
      await audit(trx, ctx, { action: 'employee.create', entityType: 'employee', entityId: id, after: row });
    }),
  );
  return getEmployee(ctx, id);
}

export async function updateEmployee(
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof s.UpdateEmployee>,
) {
  const e = await loadEmployee(ctx, id);
  orgPolicy.authorize(ctx.actor, 'manage', { unitPath: e.unit_path, employeeId: e.id }, 'read');
  if (e.status !== 'active') throw conflict('EMPLOYEE_INACTIVE', { name: e.name });
  const before = {
    name: e.name,
    golongan: e.golongan,
    education: e.education,
    email: e.email,
    phone: e.phone,
  };
  await transaction(ctx.db, async (trx) => {
    await repo.updateEmployee(trx, tenantOf(ctx), id, { ...input, updated_at: nowIso() });
    await audit(trx, ctx, {
      action: 'employee.update',
      entityType: 'employee',
      entityId: id,
      before,
      after: input,
    });
  });
  return getEmployee(ctx, id);
}

export async function moveEmployee(ctx: RequestContext, id: string, input: z.infer<typeof s.MoveEmployee>) {
  const e = await loadEmployee(ctx, id);
  orgPolicy.authorize(ctx.actor, 'manage', { unitPath: e.unit_path, employeeId: e.id }, 'read');
  if (e.status !== 'active') throw conflict('EMPLOYEE_INACTIVE', { name: e.name });
  if (e.position_id === input.positionId) throw conflict('SAME_POSITION');
  const position = await vacantPositionFor(ctx, input.positionId);
  await transaction(ctx.db, async (trx) => {
    await repo.closeOpenHistory(trx, tenantOf(ctx), id, input.startDate);
    await repo.insertHistory(trx, {
      tenant_id: tenantOf(ctx),
      id: newId(),
      employee_id: id,
      position_id: position.id,
      unit_id: position.unit_id,
      start_date: input.startDate,
      end_date: null,
      reason: input.reason,
    });
    await repo.updateEmployee(trx, tenantOf(ctx), id, {
      position_id: position.id,
      unit_id: position.unit_id,
      updated_at: nowIso(),
    });
    await audit(trx, ctx, {
      action: 'employee.move',
      entityType: 'employee',
      entityId: id,
      before: { positionId: e.position_id, unitId: e.unit_id },
      after: {
        positionId: position.id,
        unitId: position.unit_id,
        startDate: input.startDate,
        reason: input.reason,
      },
    });
  });
  return getEmployee(ctx, id);
}

export async function deactivateEmployee(
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof s.DeactivateEmployee>,
) {
  const e = await loadEmployee(ctx, id);
  orgPolicy.authorize(ctx.actor, 'manage', { unitPath: e.unit_path, employeeId: e.id }, 'read');
  if (e.status !== 'active') throw conflict('EMPLOYEE_INACTIVE', { name: e.name });
  await transaction(ctx.db, async (trx) => {
    await repo.closeOpenHistory(trx, tenantOf(ctx), id, input.date);
    await repo.updateEmployee(trx, tenantOf(ctx), id, {
      status: input.status,
      status_date: input.date,
      position_id: null,
      updated_at: nowIso(),
    });
    await audit(trx, ctx, {
      action: 'employee.deactivate',
      entityType: 'employee',
      entityId: id,
      before: { status: e.status, positionId: e.position_id },
      after: { status: input.status, date: input.date, reason: input.reason },
    });
  });
  return getEmployee(ctx, id);
}
