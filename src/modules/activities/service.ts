import type { z } from 'zod';
import type { RequestContext } from '../../core/context.ts';
import { AppError, badRequest, conflict, type ErrorDetail, notFound } from '../../core/errors.ts';
import { type DomainEvent, publish } from '../../core/events.ts';
import { type Params, t } from '../../core/i18n.ts';
import { newId } from '../../core/ids.ts';
import { nowIso, todayIn } from '../../core/time.ts';
import { type DB, readTogether, transaction } from '../../db/index.ts';
import type { ActivityCatalogTable, ActivityTable } from '../../db/schema.ts';
import {
  type AuditEvent,
  audit,
  auditHeadQuery,
  originOf,
  recordAuditGroups,
  recordAuditMany,
} from '../audit/service.ts';
import { notify } from '../inbox/service.ts';
import * as orgRepo from '../org/repository.ts';
import { directSubordinates, findAtasan } from '../org/service.ts';
import { filesByShaQuery } from '../skp/repository.ts';
import { addDays, addMonths, monthOf, previousWorkingDay, verifyDeadline } from './calendar.ts';
import { type ActivityResource, activityPolicy } from './policy.ts';
import * as repo from './repository.ts';
import type * as s from './schemas.ts';
import { type ActivitySettings, loadSettings } from './settings.ts';

const tenantOf = (ctx: RequestContext) => ctx.actor.tenantId;
const today = (ctx: RequestContext) => todayIn(ctx.actor.timeZone);

export const isUniqueViolation = (err: unknown) =>
  /UNIQUE constraint failed|duplicate key value/i.test(String((err as Error)?.message ?? ''));

// ---------------- mapping ----------------
/** Resolves the atasan of each (position, employee) once per request. */
function atasanResolver(ctx: RequestContext) {
  const cache = new Map<string, Promise<string | null>>();
  return (positionId: string, employeeId: string) => {
    const key = `${positionId}|${employeeId}`;
    let found = cache.get(key);
    if (!found) {
      found = findAtasan(ctx, positionId, employeeId).then((a) => a?.employeeId ?? null);
      cache.set(key, found);
    }
    return found;
  };
}

async function resourceOf(
  row: repo.ActivityRow,
  atasanOf: ReturnType<typeof atasanResolver>,
): Promise<ActivityResource> {
  return {
    ownerEmployeeId: row.employee_id,
    unitPath: row.unit_path,
    status: row.status,
    atasanEmployeeId: await atasanOf(row.position_id, row.employee_id),
  };
}

function toActivity(
  ctx: RequestContext,
  row: repo.ActivityRow,
  resource: ActivityResource,
  settings: ActivitySettings,
  /** when the caller already knows them (they depend on the resource and the entry's month only) */
  known?: { delete: boolean; verify: boolean },
) {
  const verifyUntil = verifyDeadline(row.date, settings);
  return {
    id: row.id,
    date: row.date,
    employee: { id: row.employee_id, name: row.employee_name, nip: row.employee_nip },
    catalogId: row.catalog_id,
    catalogCode: row.catalog_code,
    catalogName: row.catalog_name,
    outputUnit: row.output_unit,
    standardMinutes: row.standard_minutes,
    quantity: row.quantity,
    originalQuantity: row.original_quantity,
    minutes: row.minutes,
    rhkId: row.rhk_id,
    rhkText: row.rhk_text,
    note: row.note,
    evidence: JSON.parse(row.evidence_json) as string[],
    startTime: row.start_time,
    endTime: row.end_time,
    status: row.status as 'pending' | 'approved' | 'rejected',
    rejectReason: row.reject_reason,
    verifiedBy: row.verifier_name,
    verifiedAt: row.verified_at,
    verifyUntil,
    createdAt: row.created_at,
    abilities: known ?? {
      delete: activityPolicy.can(ctx.actor, 'delete', resource),
      verify: activityPolicy.can(ctx.actor, 'verify', resource) && today(ctx) <= verifyUntil,
    },
  };
}
export type ActivityView = ReturnType<typeof toActivity>;

async function present(ctx: RequestContext, rows: repo.ActivityRow[], settings: ActivitySettings) {
  const atasanOf = atasanResolver(ctx);
  return Promise.all(rows.map(async (r) => toActivity(ctx, r, await resourceOf(r, atasanOf), settings)));
}

async function presentIds(ctx: RequestContext, ids: string[], settings: ActivitySettings) {
  const rows = await repo.findActivities(ctx.db, tenantOf(ctx), ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return present(
    ctx,
    ids.map((id) => byId.get(id)).filter((r): r is repo.ActivityRow => !!r),
    settings,
  );
}

// ---------------- the rules ----------------
export type Draft = z.infer<typeof s.ActivityInput> & { idempotencyKey?: string };

interface RuleError {
  code: string;
  params: Params;
  path: string;
}

const RULE_STATUS: Record<string, number> = {
  ACTIVITY_CATALOG_INACTIVE: 409,
  ACTIVITY_OVERLAP: 409,
  ACTIVITY_DAILY_MAX: 409,
};

type EmployeeRow = NonNullable<Awaited<ReturnType<typeof orgRepo.findEmployee>>>;

/** What the response needs about a new entry besides its row (so that it is not read back). */
interface NewEntryFacts {
  item: { code: string; name: string; output_unit: string; standard_minutes: number };
  rhkText: string | null;
}

interface Checked {
  rows: ActivityTable[];
  described: Map<string, NewEntryFacts>;
  /** per draft: the inserted row, or the first rule it breaks */
  results: ({ row: ActivityTable; error?: undefined } | { row?: undefined; error: RuleError })[];
}

/** What the rules need to know, read once for all drafts of one write (one employee or many). */
interface Facts {
  catalogById: Map<string, ActivityCatalogTable>;
  rhks: Map<string, { year: number; text: string; employeeId: string }>;
  knownFiles: Set<string>;
  /** minutes already counted per `employee|date` */
  used: Map<string, number>;
  /** timed entries per `employee|date` */
  timed: Map<string, { start: string; end: string }[]>;
}

/** The reads behind `Facts`, to be run together with the caller's other reads. */
function factQueries(trx: DB, tenantId: string, employeeIds: string[], drafts: Draft[]) {
  const dates = [...new Set(drafts.map((d) => d.date))];
  const rhkIds = [...new Set(drafts.map((d) => d.rhkId).filter((x): x is string => !!x))];
  return {
    catalog: repo.catalogByIdsQuery(trx, tenantId, [...new Set(drafts.map((d) => d.catalogId))]),
    rhks: repo.rhksOfEmployeesQuery(trx, tenantId, employeeIds, rhkIds),
    files: filesByShaQuery(trx, tenantId, [...new Set(drafts.flatMap((d) => d.evidence))]),
    usage: repo.dayUsageQuery(trx, tenantId, employeeIds, dates),
    timed: repo.timedEntriesOnQuery(trx, tenantId, employeeIds, dates),
  };
}
type FactQueries = ReturnType<typeof factQueries>;
type FactRows = {
  [K in keyof FactQueries]: NonNullable<Awaited<ReturnType<NonNullable<FactQueries[K]>['execute']>>>;
};

function factsOf({ catalog, rhks, files, usage, timed: timedRows }: FactRows): Facts {
  const timed = new Map<string, { start: string; end: string }[]>();
  for (const e of timedRows) {
    const key = `${e.employee_id}|${e.date}`;
    timed.set(key, [...(timed.get(key) ?? []), { start: e.start_time, end: e.end_time }]);
  }
  return {
    catalogById: new Map(catalog.map((c) => [c.id, c])),
    rhks: new Map(rhks.map((r) => [r.id, { year: r.year, text: r.text, employeeId: r.employee_id }])),
    knownFiles: new Set(files.map((f) => f.sha)),
    used: new Map(
      usage.map((u) => [
        `${u.employee_id}|${u.date}`,
        Number(u.minutes_approved) + Number(u.minutes_pending),
      ]),
    ),
    timed,
  };
}

async function loadFacts(trx: DB, tenantId: string, employeeIds: string[], drafts: Draft[]): Promise<Facts> {
  return factsOf(await readTogether(trx, factQueries(trx, tenantId, employeeIds, drafts)));
}

/** Keep the day facts of these keys, to put them back when a request is refused as a whole. */
function saveDays(facts: Facts, keys: string[]) {
  const kept = keys.map((k) => [k, facts.used.get(k), facts.timed.get(k)] as const);
  return () => {
    for (const [k, used, timed] of kept) {
      if (used === undefined) facts.used.delete(k);
      else facts.used.set(k, used);
      if (timed === undefined) facts.timed.delete(k);
      else facts.timed.set(k, timed);
    }
  };
}

/**
 * Check drafts against the city's rules in order, each against the employee's existing entries and the
 * drafts accepted before it (daily maximum, overlapping times); accepted drafts are added to the facts.
 */
function checkDrafts(
  facts: Facts,
  ctx: RequestContext,
  emp: EmployeeRow,
  drafts: Draft[],
  settings: ActivitySettings,
): Checked {
  const tenantId = tenantOf(ctx);
  const now = today(ctx);
  const earliest = addDays(now, -settings.backdateDays);
  const dayKey = (date: string) => `${emp.id}|${date}`;
  const at = nowIso();
  const checked: Checked = { rows: [], described: new Map(), results: [] };
  for (const d of drafts) {
    const fail = (code: string, path: string, params: Params = {}) =>
      checked.results.push({ error: { code, path, params } });
    const start = d.startTime ?? null;
    const end = d.endTime ?? null;
    if ((start === null) !== (end === null) || (start !== null && end !== null && end <= start)) {
      fail('ACTIVITY_TIME_RANGE', start === null ? 'startTime' : 'endTime');
      continue;
    }
    if (d.date > now) {
      fail('ACTIVITY_FUTURE_DATE', 'date', { date: d.date, today: now });
      continue;
    }
    if (d.date < earliest) {
      fail('ACTIVITY_BACKDATE_WINDOW', 'date', { days: settings.backdateDays, earliest });
      continue;
    }
    if (!Number.isInteger(d.quantity) || d.quantity < 1 || d.quantity > settings.maxQuantity) {
      fail('ACTIVITY_QUANTITY_RANGE', 'quantity', { max: settings.maxQuantity });
      continue;
    }
    const item = facts.catalogById.get(d.catalogId);
    if (!item) {
      fail('ACTIVITY_CATALOG_UNKNOWN', 'catalogId');
      continue;
    }
    if (item.active !== 1) {
      fail('ACTIVITY_CATALOG_INACTIVE', 'catalogId', { name: item.name });
      continue;
    }
    const kinds = JSON.parse(item.position_kinds) as string[];
    if (!emp.position_kind || !kinds.includes(emp.position_kind)) {
      fail('ACTIVITY_CATALOG_KIND', 'catalogId', { name: item.name, kind: emp.position_kind ?? '-' });
      continue;
    }
    const minutes = d.quantity * item.standard_minutes;
    if (minutes > settings.maxEntryMinutes) {
      fail('ACTIVITY_ENTRY_TOO_LONG', 'quantity', { minutes, max: settings.maxEntryMinutes });
      continue;
    }
    const rhk = d.rhkId ? facts.rhks.get(d.rhkId) : undefined;
    if (d.rhkId && (rhk?.employeeId !== emp.id || rhk.year !== Number(d.date.slice(0, 4)))) {
      fail('ACTIVITY_RHK_NOT_OWN', 'rhkId', { year: d.date.slice(0, 4) });
      continue;
    }
    const missing = d.evidence.find((sha) => !facts.knownFiles.has(sha));
    if (missing) {
      fail('EVIDENCE_UNKNOWN', 'evidence', { sha: missing.slice(0, 12) });
      continue;
    }
    if (start !== null && end !== null) {
      const other = (facts.timed.get(dayKey(d.date)) ?? []).find((o) => o.start < end && start < o.end);
      if (other) {
        fail('ACTIVITY_OVERLAP', 'startTime', { start, end, otherStart: other.start, otherEnd: other.end });
        continue;
      }
    }
    const before = facts.used.get(dayKey(d.date)) ?? 0;
    if (before + minutes > settings.dailyMaxMinutes) {
      fail('ACTIVITY_DAILY_MAX', 'quantity', {
        date: d.date,
        max: settings.dailyMaxMinutes,
        used: before,
        adding: minutes,
      });
      continue;
    }
    facts.used.set(dayKey(d.date), before + minutes);
    if (start !== null && end !== null)
      facts.timed.set(dayKey(d.date), [...(facts.timed.get(dayKey(d.date)) ?? []), { start, end }]);
    // keys in alphabetical order: the audit's canonical JSON of the row is then a plain stringify
    const row: ActivityTable = {
      catalog_id: item.id,
      created_at: at,
      date: d.date,
      employee_id: emp.id,
      end_time: end,
      evidence_json: JSON.stringify(d.evidence),
      id: newId(),
      idempotency_key: d.idempotencyKey ?? null,
      minutes,
      note: d.note ?? null,
      original_quantity: null,
      position_id: emp.position_id as string,
      quantity: d.quantity,
      reject_reason: null,
      rhk_id: d.rhkId ?? null,
      start_time: start,
      status: 'pending',
      tenant_id: tenantId,
      unit_id: emp.unit_id as string,
      updated_at: at,
      verified_at: null,
      verified_by: null,
    };
    checked.rows.push(row);
    checked.described.set(row.id, {
      item,
      rhkText: d.rhkId ? (facts.rhks.get(d.rhkId)?.text ?? null) : null,
    });
    checked.results.push({ row });
  }
  return checked;
}

const ruleError = (ctx: RequestContext, e: RuleError) =>
  new AppError(RULE_STATUS[e.code] ?? 400, e.code, e.params, [
    { path: e.path, message: t(ctx.locale, e.code, e.params) },
  ]);

const logDelta = (row: ActivityTable, unitPath: string, sign: 1 | -1): repo.RollupDelta => ({
  employeeId: row.employee_id,
  unitId: row.unit_id,
  opdId: repo.opdOfPath(unitPath),
  date: row.date,
  entries: sign,
  logged: sign * row.minutes,
  approved: 0,
  pending: sign * row.minutes,
  rejected: 0,
});

/** The caller's employee record, locked for the rest of the transaction; 409 without a position. */
async function lockedSelf(trx: DB, ctx: RequestContext): Promise<EmployeeRow> {
  const employeeId = ctx.actor.employeeId as string;
  await repo.lockEmployee(trx, ctx.dialect, tenantOf(ctx), employeeId);
  const emp = await orgRepo.findEmployee(trx, tenantOf(ctx), employeeId);
  if (!emp || emp.status !== 'active' || !emp.position_id || !emp.unit_id || !emp.unit_path)
    throw new AppError(409, 'ACTIVITY_NO_POSITION');
  return emp;
}

/** Insert checked entries, move the rollups and audit each entry, inside the caller's transaction. */
async function saveNew(
  trx: DB,
  ctx: RequestContext,
  emp: EmployeeRow,
  rows: ActivityTable[],
  describe: (row: ActivityTable) => { action: string; after: unknown },
) {
  await repo.insertActivities(trx, rows);
  await repo.applyRollupDeltas(
    trx,
    tenantOf(ctx),
    rows.map((row) => logDelta(row, emp.unit_path as string, 1)),
  );
  await recordAuditMany(
    trx,
    ctx.dialect,
    originOf(ctx),
    rows.map((row): AuditEvent => ({ entityType: 'activity', entityId: row.id, ...describe(row) })),
  );
}

function authorizeLog(ctx: RequestContext) {
  activityPolicy.authorize(ctx.actor, 'log', {
    ownerEmployeeId: ctx.actor.employeeId ?? '',
    unitPath: '',
    status: 'pending',
    atasanEmployeeId: null,
  });
}

interface Written {
  /** per draft: the entry id and whether this request created it */
  items: { id: string; created: boolean }[];
  /** views of the entries this request created, built (after the commit) from what the write already knew */
  createdViews: () => Map<string, ActivityView>;
}

/** One caller's drafts (one entry, or a batch that is saved all or nothing). */
interface LogRequest {
  ctx: RequestContext;
  drafts: Draft[];
  settings: ActivitySettings;
}

type LogOutcome =
  | { ok: true; written: Written; created: ActivityTable[]; unitPath: string }
  | { ok: false; errors: { index: number; error: RuleError }[] }
  | { ok: false; refused: AppError };

/**
 * Write the drafts of several callers of one city in a single transaction: one read of each kind for all of
 * them, then each request checked in arrival order against the facts left by the ones before it, then one
 * insert, one set of rollup upserts and one audit append. A request that breaks a rule is refused as a whole
 * and leaves no trace; the others are saved. Drafts whose idempotency key the employee already used return
 * the first entry instead.
 */
function writeRequests(db: DB, tenantId: string, requests: LogRequest[]): Promise<LogOutcome[]> {
  return transaction(db, (trx) => writeRequestsIn(trx, tenantId, requests));
}

async function writeRequestsIn(trx: DB, tenantId: string, requests: LogRequest[]): Promise<LogOutcome[]> {
  const dialect = requests[0].ctx.dialect;
  const employeeIds = [...new Set(requests.map((r) => r.ctx.actor.employeeId as string))].sort();
  const allDrafts = requests.flatMap((r) => r.drafts);
  const keys = [...new Set(allDrafts.map((d) => d.idempotencyKey).filter((k): k is string => !!k))];
  const months = [...new Set(allDrafts.map((d) => monthOf(d.date)))];
  // every read of the group in one go (on SQLite one message to the database thread), locks first
  const read = await readTogether(trx, {
    locks: repo.lockEmployeesQuery(trx, dialect, tenantId, employeeIds),
    emps: orgRepo.findEmployeesQuery(trx, tenantId, employeeIds),
    known: repo.usedIdempotencyKeysQuery(trx, tenantId, employeeIds, keys),
    personMonths: repo.personMonthsQuery(trx, tenantId, employeeIds, months),
    head: auditHeadQuery(trx, dialect, tenantId),
    ...factQueries(trx, tenantId, employeeIds, allDrafts),
  });
  const emps = new Map(read.emps.map((e) => [e.id, e]));
  const known = new Map(read.known.map((r) => [`${r.employee_id}|${r.idempotency_key}`, r.id]));
  const facts = factsOf(read);

  const outcomes: LogOutcome[] = [];
  const rows: ActivityTable[] = [];
  const deltas: repo.RollupDelta[] = [];
  const auditGroups: { origin: ReturnType<typeof originOf>; events: AuditEvent[] }[] = [];
  for (const req of requests) {
    const emp = emps.get(req.ctx.actor.employeeId as string);
    if (!emp || emp.status !== 'active' || !emp.position_id || !emp.unit_id || !emp.unit_path) {
      outcomes.push({ ok: false, refused: new AppError(409, 'ACTIVITY_NO_POSITION') });
      continue;
    }
    const keyOf = (key: string) => `${emp.id}|${key}`;
    // a key repeated inside one batch is one entry too
    const fresh: { index: number; draft: Draft }[] = [];
    const seen = new Set<string>();
    req.drafts.forEach((draft, index) => {
      const key = draft.idempotencyKey;
      if (key && (known.has(keyOf(key)) || seen.has(key))) return;
      if (key) seen.add(key);
      fresh.push({ index, draft });
    });
    const restore = saveDays(facts, [...new Set(fresh.map((f) => `${emp.id}|${f.draft.date}`))]);
    const checked = checkDrafts(
      facts,
      req.ctx,
      emp,
      fresh.map((f) => f.draft),
      req.settings,
    );
    const errors = checked.results.flatMap((r, i) =>
      r.error ? [{ index: fresh[i].index, error: r.error }] : [],
    );
    if (errors.length) {
      restore();
      outcomes.push({ ok: false, errors });
      continue;
    }
    for (const row of checked.rows) if (row.idempotency_key) known.set(keyOf(row.idempotency_key), row.id);
    rows.push(...checked.rows);
    deltas.push(...checked.rows.map((row) => logDelta(row, emp.unit_path as string, 1)));
    auditGroups.push({
      origin: originOf(req.ctx),
      events: checked.rows.map(
        (row): AuditEvent => ({
          entityType: 'activity',
          entityId: row.id,
          action: 'activity.log',
          after: row,
        }),
      ),
    });
    const createdByIndex = new Map(fresh.map((f, i) => [f.index, checked.results[i].row?.id]));
    outcomes.push({
      ok: true,
      created: checked.rows,
      unitPath: emp.unit_path as string,
      written: {
        createdViews: once(() => {
          const viewOf = newEntryViews(req.ctx, emp, req.settings);
          return new Map(
            checked.rows.map((row) => [row.id, viewOf(row, checked.described.get(row.id) as NewEntryFacts)]),
          );
        }),
        items: req.drafts.map((d, index) => {
          const mine = createdByIndex.get(index);
          if (mine) return { id: mine, created: true };
          return { id: known.get(keyOf(d.idempotencyKey as string)) as string, created: false };
        }),
      },
    });
  }
  // writes nobody reads the answer of: on SQLite they travel with the commit
  await repo.insertActivities(trx, rows);
  await repo.applyRollupDeltas(
    trx,
    tenantId,
    deltas,
    new Set(read.personMonths.map((m) => `${m.employee_id}|${m.month}`)),
  );
  await recordAuditGroups(trx, dialect, tenantId, auditGroups, read.head[0]);
  // build the answers while the commit is being written (on SQLite it runs on the database thread)
  setImmediate(() => {
    for (const outcome of outcomes) if (outcome.ok) outcome.written.createdViews();
  });
  return outcomes;
}

/** `fn` run at most once, its result kept. */
function once<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = fn();
      done = true;
    }
    return value;
  };
}

/**
 * Tell the rest of the app (dashboard figures, live streams) that some employees' entries changed. Called
 * after the commit, once per employee; `date` only when all of that employee's entries share one month.
 */
function announce(
  tenantId: string,
  kind: DomainEvent['kind'],
  rows: { employee_id: string; unit_id: string; date: string }[],
  unitPathOf: (row: { employee_id: string; unit_id: string }) => string,
) {
  const byEmployee = new Map<string, typeof rows>();
  for (const row of rows) byEmployee.set(row.employee_id, [...(byEmployee.get(row.employee_id) ?? []), row]);
  for (const [employeeId, mine] of byEmployee) {
    const months = new Set(mine.map((r) => monthOf(r.date)));
    publish({
      tenantId,
      kind,
      employeeId,
      unitId: mine[0].unit_id,
      opdId: repo.opdOfPath(unitPathOf(mine[0])),
      ...(months.size === 1 ? { date: mine[0].date } : {}),
      count: mine.length,
    });
  }
}

// ---------------- group commit ----------------
/**
 * Log requests wait in one queue per database and city and are written in groups: a group is whatever has
 * gathered by the time the database can take the next transaction. A lone request is written at once, so
 * this costs no latency when the city is quiet and saves most of the per-transaction work when it is busy.
 * On SQLite two lanes take turns: while one group's commit is being written on the database thread, the
 * other lane's group is already read and checked (its statements queue behind that commit).
 */
interface Waiting {
  request: LogRequest;
  resolve: (outcome: LogOutcome) => void;
  reject: (err: unknown) => void;
}
interface Queue {
  waiting: Waiting[];
  lanes: number;
}
const MAX_GROUP = 200;
const queues = new WeakMap<DB, Map<string, Queue>>();

function submitLog(request: LogRequest): Promise<LogOutcome> {
  const db = request.ctx.db;
  const tenantId = tenantOf(request.ctx);
  const byTenant = queues.get(db) ?? new Map<string, Queue>();
  queues.set(db, byTenant);
  const q = byTenant.get(tenantId) ?? { waiting: [], lanes: 0 };
  byTenant.set(tenantId, q);
  return new Promise<LogOutcome>((resolve, reject) => {
    q.waiting.push({ request, resolve, reject });
    if (q.lanes < (request.ctx.dialect === 'sqlite' ? 2 : 1)) void lane(db, tenantId, q);
  });
}

async function lane(db: DB, tenantId: string, q: Queue) {
  q.lanes += 1;
  try {
    while (q.waiting.length) {
      // let the requests that are already in this turn of the event loop join the group
      await new Promise((resolve) => setImmediate(resolve));
      await writeNextGroup(db, tenantId, q);
    }
  } finally {
    q.lanes -= 1;
  }
}

/** Take the group once the transaction has the database, so that it holds everyone who came meanwhile. */
async function writeNextGroup(db: DB, tenantId: string, q: Queue): Promise<void> {
  let group: Waiting[] = [];
  let outcomes: LogOutcome[];
  try {
    outcomes = await transaction(db, async (trx) => {
      group = q.waiting.splice(0, MAX_GROUP);
      return group.length
        ? writeRequestsIn(
            trx,
            tenantId,
            group.map((w) => w.request),
          )
        : [];
    });
  } catch {
    // one failing request must not sink the others: write them one by one
    for (const w of group) await writeAlone(db, tenantId, w);
    return;
  }
  settle(tenantId, group, outcomes);
}

function settle(tenantId: string, group: Waiting[], outcomes: LogOutcome[]) {
  for (const outcome of outcomes)
    if (outcome.ok && outcome.created.length)
      announce(tenantId, 'activity.logged', outcome.created, () => outcome.unitPath);
  for (const [i, w] of group.entries()) w.resolve(outcomes[i]);
}

/** One request on its own (after its group failed); retried once on a unique violation. */
async function writeAlone(db: DB, tenantId: string, w: Waiting, attempt = 0): Promise<void> {
  try {
    settle(tenantId, [w], await writeRequests(db, tenantId, [w.request]));
  } catch (err) {
    // two processes racing with one idempotency key: the unique index refuses the second insert, and the
    // retry finds the first entry
    if (attempt === 0 && isUniqueViolation(err)) return writeAlone(db, tenantId, w, 1);
    w.reject(err);
  }
}

/** Write the caller's drafts (through the group queue); rule errors go to `onErrors`. */
async function writeDrafts(
  ctx: RequestContext,
  drafts: Draft[],
  settings: ActivitySettings,
  onErrors: (errors: { index: number; error: RuleError }[]) => never,
): Promise<Written> {
  const outcome = await submitLog({ ctx, drafts, settings });
  if (outcome.ok) return outcome.written;
  if ('refused' in outcome) throw outcome.refused;
  return onErrors(outcome.errors);
}

/**
 * The caller's own new entries as the API shows them: pending, deletable by them, never verifiable by them.
 * Built after the commit, from what the write already knew; the abilities are the same for every entry of
 * one month, so they are worked out once.
 */
function newEntryViews(ctx: RequestContext, emp: EmployeeRow, settings: ActivitySettings) {
  const resource: ActivityResource = {
    ownerEmployeeId: emp.id,
    unitPath: emp.unit_path as string,
    status: 'pending',
    atasanEmployeeId: null,
  };
  const abilities = new Map<string, ActivityView['abilities']>();
  return (row: ActivityTable, facts: NewEntryFacts): ActivityView => {
    const full: repo.ActivityRow = {
      ...row,
      catalog_code: facts.item.code,
      catalog_name: facts.item.name,
      output_unit: facts.item.output_unit,
      standard_minutes: facts.item.standard_minutes,
      employee_name: emp.name,
      employee_nip: emp.nip,
      unit_path: emp.unit_path as string,
      rhk_text: facts.rhkText,
      verifier_name: null,
    };
    const month = monthOf(row.date);
    let known = abilities.get(month);
    if (!known) {
      known = toActivity(ctx, full, resource, settings).abilities;
      abilities.set(month, known);
    }
    return toActivity(ctx, full, resource, settings, known);
  };
}

/** Views for written items: new entries as built by the write, replays read back. */
async function viewsOf(ctx: RequestContext, written: Written, settings: ActivitySettings) {
  const views = written.createdViews();
  const replayed = [...new Set(written.items.map((i) => i.id))].filter((id) => !views.has(id));
  for (const v of await presentIds(ctx, replayed, settings)) views.set(v.id, v);
  return views;
}

export async function logActivity(ctx: RequestContext, input: Draft) {
  authorizeLog(ctx);
  const settings = await loadSettings(ctx.db, tenantOf(ctx));
  const written = await writeDrafts(ctx, [input], settings, ([first]) => {
    throw ruleError(ctx, first.error);
  });
  const [item] = written.items;
  const activity = (await viewsOf(ctx, written, settings)).get(item.id) as ActivityView;
  return { created: item.created, activity };
}

export async function logBatch(ctx: RequestContext, input: z.infer<typeof s.BatchInput>) {
  authorizeLog(ctx);
  const settings = await loadSettings(ctx.db, tenantOf(ctx));
  const written = await writeDrafts(ctx, input.entries, settings, (errors) => {
    const details: ErrorDetail[] = errors.map(({ index, error }) => ({
      path: `entries.${index}.${error.path}`,
      message: t(ctx.locale, error.code, error.params),
    }));
    throw new AppError(400, 'ACTIVITY_BATCH_INVALID', { count: errors.length }, details);
  });
  const views = await viewsOf(ctx, written, settings);
  return {
    created: written.items.some((i) => i.created),
    items: written.items.map((i, index) => ({
      index,
      created: i.created,
      activity: views.get(i.id) as ActivityView,
    })),
  };
}

// ---------------- own log ----------------
const MAX_RANGE_DAYS = 92;

export async function listMine(ctx: RequestContext, q: z.infer<typeof s.ActivityQuery>) {
  const me = ctx.actor.employeeId;
  if (!me) return { items: [] };
  const from = q.date ?? q.from ?? q.to ?? today(ctx);
  const to = q.date ?? q.to ?? (q.from ? addDays(q.from, MAX_RANGE_DAYS - 1) : from);
  if (addDays(from, MAX_RANGE_DAYS - 1) < to)
    throw badRequest('ACTIVITY_RANGE_TOO_LONG', { max: MAX_RANGE_DAYS }, [
      { path: 'to', message: t(ctx.locale, 'ACTIVITY_RANGE_TOO_LONG', { max: MAX_RANGE_DAYS }) },
    ]);
  const settings = await loadSettings(ctx.db, tenantOf(ctx));
  const rows = await repo.listActivities(ctx.db, tenantOf(ctx), { employeeIds: [me], from, to, limit: 5000 });
  return { items: await present(ctx, rows, settings) };
}

async function loadOne(ctx: RequestContext, id: string) {
  const [row] = await repo.findActivities(ctx.db, tenantOf(ctx), [id]);
  if (!row) throw notFound();
  const resource = await resourceOf(row, atasanResolver(ctx));
  activityPolicy.authorize(ctx.actor, 'read', resource, 'read');
  return { row, resource };
}

/** True when the caller may read this activity and it carries the file as evidence (for downloads). */
export async function activityCitesFile(
  ctx: RequestContext,
  activityId: string,
  sha: string,
): Promise<boolean> {
  const { row } = await loadOne(ctx, activityId);
  return (JSON.parse(row.evidence_json) as string[]).includes(sha);
}

export async function deleteActivity(ctx: RequestContext, id: string) {
  const { row, resource } = await loadOne(ctx, id);
  if (!activityPolicy.can(ctx.actor, 'delete', resource)) {
    if (activityPolicy.can(ctx.actor, 'delete', { ...resource, status: 'pending' }))
      throw conflict('ACTIVITY_NOT_PENDING', { status: row.status });
    activityPolicy.authorize(ctx.actor, 'delete', resource, 'read');
  }
  await transaction(ctx.db, async (trx) => {
    await repo.lockEmployee(trx, ctx.dialect, tenantOf(ctx), row.employee_id);
    if (!(await repo.deletePending(trx, tenantOf(ctx), id)))
      throw conflict('ACTIVITY_NOT_PENDING', { status: row.status });
    await repo.applyRollupDeltas(trx, tenantOf(ctx), [logDelta(row, row.unit_path, -1)]);
    await audit(trx, ctx, {
      action: 'activity.delete',
      entityType: 'activity',
      entityId: id,
      before: {
        date: row.date,
        catalogId: row.catalog_id,
        quantity: row.quantity,
        minutes: row.minutes,
        status: row.status,
      },
    });
  });
  announce(tenantOf(ctx), 'activity.logged', [row], () => row.unit_path);
}

/** Copy the previous working day's untimed, non-rejected entries to today as pending. */
export async function copyYesterday(ctx: RequestContext) {
  authorizeLog(ctx);
  const tenantId = tenantOf(ctx);
  const settings = await loadSettings(ctx.db, tenantId);
  const now = today(ctx);
  const holidays = await repo.holidaysBetween(ctx.db, tenantId, addDays(now, -31), now);
  const sourceDate = previousWorkingDay(now, holidays, settings);
  const me = ctx.actor.employeeId as string;
  const result = await transaction(ctx.db, async (trx) => {
    const emp = await lockedSelf(trx, ctx);
    if (!sourceDate)
      return { ids: [] as string[], rows: [] as ActivityTable[], unitPath: emp.unit_path, skipped: [] };
    const [source, todays] = await Promise.all([
      repo.entriesOn(trx, tenantId, me, [sourceDate]),
      repo.entriesOn(trx, tenantId, me, [now]),
    ]);
    const candidates = source.filter((e) => e.start_time === null);
    const names = new Map(
      (await repo.catalogByIds(trx, tenantId, [...new Set(candidates.map((c) => c.catalog_id))])).map((c) => [
        c.id,
        c.name,
      ]),
    );
    const skipped: { sourceId: string; catalogName: string; code: string; reason: string }[] = [];
    const skip = (sourceId: string, catalogId: string, code: string, params: Params = {}) =>
      skipped.push({
        sourceId,
        catalogName: names.get(catalogId) ?? '',
        code,
        reason: t(ctx.locale, code, params),
      });
    const sameAs = (a: {
      catalog_id: string;
      quantity: number;
      rhk_id: string | null;
      note: string | null;
    }) =>
      todays.some(
        (p) =>
          p.catalog_id === a.catalog_id &&
          p.quantity === a.quantity &&
          p.rhk_id === a.rhk_id &&
          p.note === a.note,
      );
    const fresh = candidates.filter((c) => {
      if (!sameAs(c)) return true;
      skip(c.id, c.catalog_id, 'ACTIVITY_COPY_DUPLICATE');
      return false;
    });
    const drafts: Draft[] = fresh.map((c) => ({
      date: now,
      catalogId: c.catalog_id,
      quantity: c.quantity,
      rhkId: c.rhk_id,
      note: c.note,
      evidence: [],
    }));
    const checked = checkDrafts(await loadFacts(trx, tenantId, [emp.id], drafts), ctx, emp, drafts, settings);
    checked.results.forEach((r, i) => {
      if (r.error) skip(fresh[i].id, fresh[i].catalog_id, r.error.code, r.error.params);
    });
    await saveNew(trx, ctx, emp, checked.rows, (row) => ({
      action: 'activity.copy',
      after: { ...row, copiedFrom: sourceDate },
    }));
    return { ids: checked.rows.map((r) => r.id), rows: checked.rows, unitPath: emp.unit_path, skipped };
  });
  if (result.rows.length) announce(tenantId, 'activity.logged', result.rows, () => result.unitPath as string);
  return {
    sourceDate,
    created: await presentIds(ctx, result.ids, settings),
    skipped: result.skipped,
  };
}

// ---------------- verification ----------------
const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function decodeCursor(cursor: string | undefined): { date: string; id: string } | undefined {
  if (!cursor) return undefined;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { date: unknown; id: unknown };
    if (typeof v.date === 'string' && typeof v.id === 'string') return { date: v.date, id: v.id };
  } catch {
    // fall through
  }
  throw badRequest('VALIDATION_FAILED', {}, [{ path: 'cursor', message: 'cursor' }]);
}

/** Entries of the caller's direct subordinates (holder or acting holder above them), oldest first. */
export async function queue(ctx: RequestContext, q: z.infer<typeof s.QueueQuery>) {
  const tenantId = tenantOf(ctx);
  const settings = await loadSettings(ctx.db, tenantId);
  const subs = await directSubordinates(ctx);
  const ids = subs.map((x) => x.employeeId).filter((x) => !q.employeeId || x === q.employeeId);
  const rows = await repo.listActivities(ctx.db, tenantId, {
    employeeIds: ids,
    from: q.from,
    to: q.to,
    status: q.status === 'all' ? undefined : q.status,
    after: decodeCursor(q.cursor),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const atasanOf = atasanResolver(ctx);
  const visible: ActivityView[] = [];
  for (const row of page) {
    const resource = await resourceOf(row, atasanOf);
    if (activityPolicy.can(ctx.actor, 'read', resource))
      visible.push(toActivity(ctx, row, resource, settings));
  }
  const now = monthOf(today(ctx));
  const open = await repo.personMonths(ctx.db, tenantId, ids, [addMonths(now, -1), now]);
  const pending = new Map<string, number>();
  for (const m of open)
    pending.set(m.employee_id, (pending.get(m.employee_id) ?? 0) + Number(m.minutes_pending));
  const last = page[page.length - 1];
  return {
    items: visible,
    employees: subs
      .filter((x) => ids.includes(x.employeeId))
      .map((x) => ({
        employeeId: x.employeeId,
        name: x.name,
        nip: x.nip,
        positionName: x.positionName,
        pendingMinutes: pending.get(x.employeeId) ?? 0,
      })),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ date: last.date, id: last.id }) : null,
  };
}

type Decision = z.infer<typeof s.VerifyInput>['decisions'][number];

/**
 * Approve, reject (with a reason) or adjust (new quantity, then approved) entries, all or nothing. Each
 * decision moves the rollups in the same transaction; each employee gets one inbox message per batch.
 */
export async function verify(ctx: RequestContext, input: z.infer<typeof s.VerifyInput>) {
  const tenantId = tenantOf(ctx);
  const ids = input.decisions.map((d) => d.id);
  const dup = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (dup >= 0)
    throw badRequest('VALIDATION_FAILED', {}, [
      { path: `decisions.${dup}.id`, message: t(ctx.locale, 'DUPLICATE', { field: 'id', value: ids[dup] }) },
    ]);
  const settings = await loadSettings(ctx.db, tenantId);
  const now = today(ctx);
  const rows = new Map((await repo.findActivities(ctx.db, tenantId, ids)).map((r) => [r.id, r]));
  const atasanOf = atasanResolver(ctx);
  const fail = (i: number, err: AppError): never => {
    err.details.splice(0, err.details.length, {
      path: `decisions.${i}`,
      message: t(ctx.locale, err.code, err.params),
    });
    throw err;
  };
  // authorisation first, for every decision: 404 for what the caller cannot see, 403 for what is not theirs
  const resolved: { d: Decision; row: repo.ActivityRow }[] = [];
  for (const [i, d] of input.decisions.entries()) {
    const row = rows.get(d.id);
    if (!row) fail(i, notFound());
    const r = row as repo.ActivityRow;
    const resource = await resourceOf(r, atasanOf);
    if (!activityPolicy.can(ctx.actor, 'verify', resource)) {
      if (!activityPolicy.can(ctx.actor, 'read', resource)) fail(i, notFound());
      if (ctx.actor.employeeId === r.employee_id) fail(i, new AppError(403, 'ACTIVITY_OWN_ENTRY'));
      if (activityPolicy.can(ctx.actor, 'verify', { ...resource, status: 'pending' }))
        fail(i, conflict('ACTIVITY_NOT_PENDING', { status: r.status }));
      fail(i, new AppError(403, 'FORBIDDEN'));
    }
    resolved.push({ d, row: r });
  }
  for (const [i, { d, row }] of resolved.entries()) {
    const until = verifyDeadline(row.date, settings);
    if (now > until) fail(i, conflict('ACTIVITY_VERIFY_WINDOW', { until }));
    if (d.action === 'reject' && !d.reason) fail(i, badRequest('REASON_REQUIRED'));
    if (d.action === 'adjust') {
      if (d.quantity === undefined) fail(i, badRequest('ACTIVITY_ADJUST_QUANTITY'));
      const q = d.quantity as number;
      if (!Number.isInteger(q) || q < 1 || q > settings.maxQuantity)
        fail(i, badRequest('ACTIVITY_QUANTITY_RANGE', { max: settings.maxQuantity }));
      const minutes = q * (row.minutes / row.quantity);
      if (minutes > settings.maxEntryMinutes)
        fail(i, badRequest('ACTIVITY_ENTRY_TOO_LONG', { minutes, max: settings.maxEntryMinutes }));
    }
  }

  const at = nowIso();
  const verifier = ctx.actor.employeeId as string;
  await transaction(ctx.db, async (trx) => {
    const employees = [...new Set(resolved.map((x) => x.row.employee_id))].sort();
    await repo.lockEmployees(trx, ctx.dialect, tenantId, employees);
    // an adjustment may not lift the employee's day above the daily maximum
    const used = new Map<string, number>();
    for (const e of employees) {
      const dates = [...new Set(resolved.filter((x) => x.row.employee_id === e).map((x) => x.row.date))];
      for (const u of await repo.personDay(trx, tenantId, e, dates))
        used.set(`${e}|${u.date}`, Number(u.minutes_approved) + Number(u.minutes_pending));
    }
    const deltas: repo.RollupDelta[] = [];
    const events: AuditEvent[] = [];
    const perEmployee = new Map<
      string,
      { approved: number; adjusted: number; rejected: number; reason: string }
    >();
    for (const [i, { d, row }] of resolved.entries()) {
      const base = {
        employeeId: row.employee_id,
        unitId: row.unit_id,
        opdId: repo.opdOfPath(row.unit_path),
        date: row.date,
        entries: 0,
      };
      const tally = perEmployee.get(row.employee_id) ?? { approved: 0, adjusted: 0, rejected: 0, reason: '' };
      let patch: Partial<ActivityTable>;
      if (d.action === 'reject') {
        patch = { status: 'rejected', reject_reason: d.reason as string };
        deltas.push({ ...base, logged: 0, approved: 0, pending: -row.minutes, rejected: row.minutes });
        tally.rejected += 1;
        tally.reason ||= d.reason as string;
        const key = `${row.employee_id}|${row.date}`;
        used.set(key, (used.get(key) ?? 0) - row.minutes);
      } else if (d.action === 'adjust') {
        const quantity = d.quantity as number;
        const minutes = quantity * (row.minutes / row.quantity);
        const key = `${row.employee_id}|${row.date}`;
        const day = (used.get(key) ?? 0) - row.minutes + minutes;
        if (day > settings.dailyMaxMinutes)
          fail(
            i,
            conflict('ACTIVITY_DAILY_MAX', {
              date: row.date,
              max: settings.dailyMaxMinutes,
              used: (used.get(key) ?? 0) - row.minutes,
              adding: minutes,
            }),
          );
        used.set(key, day);
        patch = { status: 'approved', quantity, minutes, original_quantity: row.quantity };
        deltas.push({
          ...base,
          logged: minutes - row.minutes,
          approved: minutes,
          pending: -row.minutes,
          rejected: 0,
        });
        tally.adjusted += 1;
      } else {
        patch = { status: 'approved' };
        deltas.push({ ...base, logged: 0, approved: row.minutes, pending: -row.minutes, rejected: 0 });
        tally.approved += 1;
      }
      perEmployee.set(row.employee_id, tally);
      const ok = await repo.decidePending(trx, tenantId, row.id, {
        ...patch,
        verified_by: verifier,
        verified_at: at,
        updated_at: at,
      });
      if (!ok) fail(i, conflict('ACTIVITY_NOT_PENDING', { status: 'approved' }));
      events.push({
        action: `activity.${d.action}`,
        entityType: 'activity',
        entityId: row.id,
        before: { status: row.status, quantity: row.quantity, minutes: row.minutes },
        after: { ...patch, reason: d.reason ?? null },
      });
    }
    await repo.applyRollupDeltas(trx, tenantId, deltas);
    for (const [employeeId, tally] of [...perEmployee.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await notify(
        trx,
        tenantId,
        employeeId,
        tally.rejected > 0 ? 'ACTIVITIES_REJECTED' : 'ACTIVITIES_VERIFIED',
        {
          name: ctx.actor.displayName,
          total: tally.approved + tally.adjusted + tally.rejected,
          approved: tally.approved,
          adjusted: tally.adjusted,
          rejected: tally.rejected,
          reason: tally.reason,
        },
        '/aktivitas',
      );
    }
    await recordAuditMany(trx, ctx.dialect, originOf(ctx), events);
  });
  const paths = new Map(resolved.map(({ row }) => [row.employee_id, row.unit_path]));
  announce(
    tenantId,
    'activity.verified',
    resolved.map((x) => x.row),
    (r) => paths.get(r.employee_id) as string,
  );
  return { items: await presentIds(ctx, ids, settings) };
}
