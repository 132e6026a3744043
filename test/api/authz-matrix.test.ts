/**
 * The authorization matrix: every route of the OpenAPI document, called by every demo role of Surabaya,
 * by the most powerful user of Jambi (cross-tenant) and without a session. New routes must be added to
 * ROUTES, or the completeness test fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/core/time.ts';
import { DEFAULT_RULES } from '../../src/modules/attendance/rules.ts';
import { DEFAULT_CURVE } from '../../src/modules/evaluation/predikat.ts';
import {
  call,
  createTestEnv,
  createUser,
  holderOf,
  login,
  multipart,
  positionId,
  type Session,
  snapshot,
  type TestEnv,
  unitId,
  waitForImport,
} from '../support/app.ts';

const ROLES = ['walikota', 'sekda', 'bkpsdm', 'adminopd', 'atasan', 'pegawai', 'inspektorat'] as const;
type Who = (typeof ROLES)[number];
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface Request {
  url: string;
  body?: unknown;
  multipart?: { fields: Record<string, string>; file: { name: string; content: string | Buffer } };
}

interface RouteSpec {
  /** roles that may do it (others get 403 or 404); 'public' needs no session */
  allow: readonly Who[] | 'public';
  /** build a concrete request; `who` lets mutations use fresh objects per caller */
  request: (who: Who | 'jambi' | 'anon') => Promise<Request>;
  /** skip the cross-tenant/anonymous checks (login, health) */
  publicRoute?: boolean;
}

const ALL = ROLES;
const ORG_ADMINS = ['bkpsdm', 'adminopd'] as const;
const AUDITORS = ['bkpsdm', 'inspektorat'] as const;

let env: TestEnv;
const sessions = new Map<string, Session>();
let bk: Session;
let seq = 0;
const fresh = () => `${Date.now().toString(36)}${++seq}`;

// objects live in the tourism agency, inside the admin_opd's scope
const ids = {} as Record<
  | 'opd'
  | 'bidang'
  | 'position'
  | 'employee'
  | 'head'
  | 'importJob'
  | 'period'
  | 'nextPeriod'
  | 'goal'
  | 'rhk'
  | 'skpPegawai'
  | 'skpAtasan'
  | 'skpDinkes'
  | 'indicator'
  | 'fileSha'
  | 'notification'
  | 'catalogItem',
  string
>;
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PIMPINAN = ['walikota', 'sekda'] as const;
const CITY_READERS = ['walikota', 'sekda', 'bkpsdm', 'inspektorat'] as const;

async function draftGoal(): Promise<string> {
  const res = await call(env.app, bk, 'POST', '/api/v1/goals', {
    periodId: ids.period,
    code: `M${fresh()}`,
    title: 'Sasaran uji matriks',
    indicators: [{ name: 'Indikator uji', targetValue: 10, unit: 'persen' }],
  });
  return res.json().id;
}
async function submittedRealisation(): Promise<string> {
  const pegawai = sessions.get('pegawai') as Session;
  const res = await call(env.app, pegawai, 'PUT', `/api/v1/skps/${ids.skpPegawai}/realisations`, {
    indicatorId: ids.indicator,
    quarter: 4,
    value: 50,
    evidence: [ids.fileSha],
  });
  return res
    .json()
    .rhks.flatMap((r: { indicators: { realisations: { id: string; quarter: number }[] }[] }) =>
      r.indicators.flatMap((i) => i.realisations),
    )
    .find((x: { quarter: number }) => x.quarter === 4).id;
}

async function newUnit(): Promise<string> {
  const res = await call(env.app, bk, 'POST', '/api/v1/org/units', {
    code: `DISBUDPORAPAR.M${fresh()}`,
    name: 'Seksi Matriks',
    type: 'seksi',
    parentId: ids.bidang,
  });
  return res.json().id;
}
async function newPosition(): Promise<string> {
  const res = await call(env.app, bk, 'POST', '/api/v1/org/positions', {
    code: `DISBUDPORAPAR.MP${fresh()}`,
    name: 'Pengelola Matriks',
    kind: 'pelaksana',
    kelas: 6,
    unitId: ids.bidang,
    parentPositionId: ids.head,
  });
  return res.json().id;
}
async function newEmployee(): Promise<string> {
  const position = await newPosition();
  const n = String(100 + (seq % 800)).padStart(3, '0');
  const res = await call(env.app, bk, 'POST', '/api/v1/org/employees', {
    nip: `199001012015011${n}`,
    asnType: 'PNS',
    name: 'Pegawai Matriks',
    sex: 'L',
    positionId: position,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().id;
}
const nip = () => `19910203201601${String(1 + (seq % 2))}${String(100 + (++seq % 800)).padStart(3, '0')}`;

/** A fresh pending activity of the demo pegawai, logged today (Asia/Jakarta). */
async function pendingActivity(): Promise<string> {
  const res = await call(env.app, sessions.get('pegawai') as Session, 'POST', '/api/v1/activities', {
    date: todayIn('Asia/Jakarta'),
    catalogId: ids.catalogItem,
    quantity: 1,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().id;
}
const EMPLOYEES = ['sekda', 'bkpsdm', 'adminopd', 'atasan', 'pegawai', 'inspektorat'] as const;

// ----- attendance: fresh objects of Surabaya for each call (another city must not find them) -----
const attendanceDay = () => new Date(Date.UTC(2031, 0, 1 + ++seq)).toISOString().slice(0, 10);
async function surabayaHoliday(): Promise<string> {
  const date = attendanceDay();
  await call(env.app, bk, 'POST', '/api/v1/attendance/holidays', {
    date,
    kind: 'libur',
    name: 'Libur matriks',
  });
  return date;
}
async function surabayaSchedule(): Promise<string> {
  const res = await call(env.app, bk, 'POST', '/api/v1/attendance/schedules', {
    name: 'Jadwal matriks',
    validFrom: attendanceDay(),
    days: [{ weekday: 1, start: '08:00', end: '16:00' }],
  });
  return res.json().id;
}
async function surabayaLeave(): Promise<string> {
  const day = attendanceDay();
  const res = await call(env.app, bk, 'POST', '/api/v1/attendance/leave', {
    employeeId: ids.employee,
    kind: 'cuti',
    startDate: day,
    endDate: day,
  });
  return res.json().id;
}
async function surabayaSanction(): Promise<string> {
  const res = await call(env.app, bk, 'POST', '/api/v1/attendance/sanctions', {
    employeeId: ids.employee,
    startMonth: '2031-01',
    months: 1,
    basisPoints: 100,
    decree: 'SK matriks',
  });
  return res.json().id;
}

// ----- evaluation: evaluations prepared in beforeAll, one per route that changes a state -----
const evalIds = {} as Record<
  'skpStaf3' | 'sungai' | 'evalDinkes' | 'evalPegawaiAnnual' | 'evalPegawaiQ4' | 'evalRekanQ4' | 'evalSetda',
  string
>;
let rateStaf3Body: unknown = null;
/** every value and RHK rated "sesuai", each with a reason, so no guide can refuse it */
async function evaluationBody(reader: Session, skpId: string, kind: string) {
  const form = (await call(env.app, reader, 'GET', `/api/v1/evaluations/skp/${skpId}/${kind}`)).json();
  return {
    rhks: form.rhks.map((r: { rhkId: string }) => ({
      rhkId: r.rhkId,
      rating: 'sesuai',
      reason: 'Uji matriks',
    })),
    hasil: 'sesuai',
    hasilReason: 'Uji matriks',
    behaviours: [
      'berorientasi_pelayanan',
      'akuntabel',
      'kompeten',
      'harmonis',
      'loyal',
      'adaptif',
      'kolaboratif',
    ].map((code) => ({ code, rating: 'sesuai' })),
    perilaku: 'sesuai',
    feedback: 'Uji matriks',
  };
}
async function rateFor(rater: Session, skpId: string, kind: string): Promise<string> {
  const res = await call(
    env.app,
    rater,
    'PUT',
    `/api/v1/evaluations/skp/${skpId}/${kind}`,
    await evaluationBody(bk, skpId, kind),
  );
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().evaluation.id;
}
async function otherPredikat(): Promise<string> {
  const row = await env.db.kysely
    .selectFrom('evaluations')
    .select('predikat')
    .where('id', '=', evalIds.evalRekanQ4)
    .executeTakeFirstOrThrow();
  return row.predikat === 'baik' ? 'butuh_perbaikan' : 'baik';
}

/** TPP runs of fresh past months (each request gets its own), computed over the whole city by BKPSDM. */
let tppMonthSeq = 0;
const tppMonth = () => {
  const n = tppMonthSeq++;
  return `${2000 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};
async function tppRun(step: 'draft' | 'checked' = 'draft'): Promise<string> {
  const res = await call(env.app, bk, 'POST', '/api/v1/tpp/runs', { month: tppMonth() });
  if (res.statusCode !== 201) throw new Error(res.body);
  if (step === 'checked') await call(env.app, bk, 'POST', `/api/v1/tpp/runs/${res.json().id}/check`);
  return res.json().id;
}
/** The seeded November 2026 draft run of Surabaya. */
async function tppSeededRun(): Promise<string> {
  const list = await call(env.app, bk, 'GET', '/api/v1/tpp/runs');
  return list.json().items.find((r: { month: string }) => r.month === '2026-11').id;
}
async function tppSettingsBody() {
  const s = (await call(env.app, bk, 'GET', '/api/v1/tpp/settings')).json();
  return { pagu: s.pagu, weights: s.weights, rules: s.rules };
}

const ROUTES: Record<string, RouteSpec> = {
  'GET /api/health': { allow: 'public', publicRoute: true, request: async () => ({ url: '/api/health' }) },
  'GET /api/v1/tenants/public': {
    allow: 'public',
    publicRoute: true,
    request: async () => ({ url: '/api/v1/tenants/public' }),
  },
  'POST /api/v1/auth/login': {
    allow: 'public',
    publicRoute: true,
    request: async () => ({
      url: '/api/v1/auth/login',
      body: { tenant: 'surabaya', username: 'pegawai', password: 'kinerja2026' },
    }),
  },
  'POST /api/v1/auth/logout': { allow: ALL, request: async () => ({ url: '/api/v1/auth/logout' }) },
  'GET /api/v1/auth/me': { allow: ALL, request: async () => ({ url: '/api/v1/auth/me' }) },
  'PATCH /api/v1/auth/me': {
    allow: ALL,
    request: async () => ({ url: '/api/v1/auth/me', body: { locale: 'id' } }),
  },
  'GET /api/v1/org/stats': { allow: ALL, request: async () => ({ url: '/api/v1/org/stats' }) },
  'GET /api/v1/org/units': { allow: ALL, request: async () => ({ url: '/api/v1/org/units' }) },
  'GET /api/v1/org/units/{id}': {
    allow: ALL,
    request: async () => ({ url: `/api/v1/org/units/${ids.opd}` }),
  },
  'POST /api/v1/org/units': {
    allow: ORG_ADMINS,
    request: async () => ({
      url: '/api/v1/org/units',
      body: { code: `DISBUDPORAPAR.N${fresh()}`, name: 'Seksi Baru', type: 'seksi', parentId: ids.bidang },
    }),
  },
  'PATCH /api/v1/org/units/{id}': {
    allow: ORG_ADMINS,
    request: async () => ({ url: `/api/v1/org/units/${await newUnit()}`, body: { name: 'Seksi Diubah' } }),
  },
  'POST /api/v1/org/units/{id}/move': {
    allow: ORG_ADMINS,
    request: async () => ({ url: `/api/v1/org/units/${await newUnit()}/move`, body: { parentId: ids.opd } }),
  },
  'POST /api/v1/org/units/{id}/deactivate': {
    allow: ORG_ADMINS,
    request: async () => ({ url: `/api/v1/org/units/${await newUnit()}/deactivate`, body: {} }),
  },
  'DELETE /api/v1/org/units/{id}': {
    allow: ORG_ADMINS,
    request: async () => ({ url: `/api/v1/org/units/${await newUnit()}` }),
  },
  'GET /api/v1/org/positions': {
    allow: ALL,
    request: async () => ({ url: `/api/v1/org/positions?unitId=${ids.bidang}` }),
  },
  'GET /api/v1/org/positions/{id}': {
    allow: ALL,
    request: async () => ({ url: `/api/v1/org/positions/${ids.position}` }),
  },
  'POST /api/v1/org/positions': {
    allow: ORG_ADMINS,
    request: async () => ({
      url: '/api/v1/org/positions',
      body: {
        code: `DISBUDPORAPAR.NP${fresh()}`,
        name: 'Pemandu',
        kind: 'pelaksana',
        kelas: 6,
        unitId: ids.bidang,
      },
    }),
  },
  'PATCH /api/v1/org/positions/{id}': {
    allow: ORG_ADMINS,
    request: async () => ({ url: `/api/v1/org/positions/${await newPosition()}`, body: { kelas: 7 } }),
  },
  'POST /api/v1/org/positions/{id}/deactivate': {
    allow: ORG_ADMINS,
    request: async () => ({ url: `/api/v1/org/positions/${await newPosition()}/deactivate` }),
  },
  'POST /api/v1/org/positions/{id}/acting': {
    allow: ORG_ADMINS,
    request: async () => ({
      url: `/api/v1/org/positions/${await newPosition()}/acting`,
      body: { employeeId: ids.employee, kind: 'plh', startDate: '2026-12-01' },
    }),
  },
  'DELETE /api/v1/org/positions/{id}/acting': {
    allow: ORG_ADMINS,
    request: async () => ({ url: `/api/v1/org/positions/${await newPosition()}/acting` }),
  },
  'GET /api/v1/org/employees': {
    allow: ALL,
    request: async () => ({ url: `/api/v1/org/employees?unitId=${ids.opd}` }),
  },
  'GET /api/v1/org/employees/{id}': {
    allow: ALL,
    request: async () => ({ url: `/api/v1/org/employees/${ids.employee}` }),
  },
  'POST /api/v1/org/employees': {
    allow: ORG_ADMINS,
    request: async () => ({
      url: '/api/v1/org/employees',
      body: { nip: nip(), asnType: 'PNS', name: 'Pegawai Baru', sex: 'L', positionId: await newPosition() },
    }),
  },
  'PATCH /api/v1/org/employees/{id}': {
    allow: ORG_ADMINS,
    request: async () => ({
      url: `/api/v1/org/employees/${await newEmployee()}`,
      body: { golongan: 'Penata (III/c)' },
    }),
  },
  'POST /api/v1/org/employees/{id}/move': {
    allow: ORG_ADMINS,
    request: async () => ({
      url: `/api/v1/org/employees/${await newEmployee()}/move`,
      body: { positionId: await newPosition(), startDate: '2026-12-01', reason: 'Rotasi' },
    }),
  },
  'POST /api/v1/org/employees/{id}/deactivate': {
    allow: ORG_ADMINS,
    request: async () => ({
      url: `/api/v1/org/employees/${await newEmployee()}/deactivate`,
      body: { status: 'retired', date: '2026-12-01', reason: 'Pensiun BUP' },
    }),
  },
  'GET /api/v1/imports/templates/{file}': {
    allow: ORG_ADMINS,
    request: async () => ({ url: '/api/v1/imports/templates/units.csv' }),
  },
  'POST /api/v1/imports': {
    allow: ORG_ADMINS,
    request: async () => ({
      url: '/api/v1/imports',
      multipart: {
        fields: { kind: 'units' },
        file: {
          name: 'u.csv',
          content: `code,name,type,parent_code\nDISBUDPORAPAR.I${fresh()},Seksi Impor,seksi,DISBUDPORAPAR\n`,
        },
      },
    }),
  },
  // the job belongs to bkpsdm: an admin_opd of the same city does not see it
  'GET /api/v1/imports/{id}': {
    allow: ['bkpsdm'],
    request: async () => ({ url: `/api/v1/imports/${ids.importJob}` }),
  },
  'GET /api/v1/imports/{id}/errors': {
    allow: ['bkpsdm'],
    request: async () => ({ url: `/api/v1/imports/${ids.importJob}/errors` }),
  },
  'GET /api/v1/imports/{id}/preview': {
    allow: ['bkpsdm'],
    request: async () => ({ url: `/api/v1/imports/${ids.importJob}/preview` }),
  },
  'POST /api/v1/imports/{id}/commit': {
    allow: ['bkpsdm'],
    request: async () => ({ url: `/api/v1/imports/${ids.importJob}/commit` }),
  },
  'GET /api/v1/audit': { allow: AUDITORS, request: async () => ({ url: '/api/v1/audit' }) },
  'POST /api/v1/audit/verify': { allow: AUDITORS, request: async () => ({ url: '/api/v1/audit/verify' }) },
  'GET /api/v1/periods': { allow: ALL, request: async () => ({ url: '/api/v1/periods' }) },
  'POST /api/v1/periods': {
    allow: ['bkpsdm'],
    request: async () => ({ url: '/api/v1/periods', body: { year: 2040 + (seq++ % 50) } }),
  },
  'GET /api/v1/goals': { allow: ALL, request: async () => ({ url: '/api/v1/goals' }) },
  'POST /api/v1/goals': {
    allow: ['bkpsdm'],
    request: async () => ({
      url: '/api/v1/goals',
      body: {
        periodId: ids.period,
        code: `N${fresh()}`,
        title: 'Sasaran baru',
        indicators: [{ name: 'Indikator baru', targetValue: 5, unit: 'persen' }],
      },
    }),
  },
  'PATCH /api/v1/goals/{id}': {
    allow: ['bkpsdm'],
    request: async () => ({ url: `/api/v1/goals/${await draftGoal()}`, body: { title: 'Sasaran diubah' } }),
  },
  'POST /api/v1/goals/{id}/approve': {
    allow: PIMPINAN,
    request: async () => ({ url: `/api/v1/goals/${await draftGoal()}/approve` }),
  },
  'DELETE /api/v1/goals/{id}': {
    allow: ['bkpsdm'],
    request: async () => ({ url: `/api/v1/goals/${await draftGoal()}` }),
  },
  'GET /api/v1/goals/{id}/cascade': {
    allow: ALL,
    request: async () => ({ url: `/api/v1/goals/${ids.goal}/cascade` }),
  },
  'GET /api/v1/rhks/{id}/path': {
    allow: ALL,
    request: async () => ({ url: `/api/v1/rhks/${ids.rhk}/path` }),
  },
  'GET /api/v1/skp-coverage': { allow: ALL, request: async () => ({ url: '/api/v1/skp-coverage' }) },
  'GET /api/v1/skps/mine': { allow: ALL, request: async () => ({ url: '/api/v1/skps/mine' }) },
  'GET /api/v1/skps/subordinates': {
    allow: ALL,
    request: async () => ({ url: '/api/v1/skps/subordinates' }),
  },
  'GET /api/v1/skps': {
    allow: [...CITY_READERS, 'adminopd'],
    request: async () => ({ url: '/api/v1/skps?limit=5' }),
  },
  // everyone may draft their own SKP (the mayor gets a 400: no ASN position)
  'POST /api/v1/skps': {
    allow: ALL,
    request: async () => ({ url: '/api/v1/skps', body: { periodId: ids.nextPeriod } }),
  },
  'POST /api/v1/skps/bulk': {
    allow: ALL,
    request: async () => ({ url: '/api/v1/skps/bulk', body: { action: 'approve', ids: [ids.skpDinkes] } }),
  },
  'GET /api/v1/skps/{id}': {
    allow: CITY_READERS,
    request: async () => ({ url: `/api/v1/skps/${ids.skpDinkes}` }),
  },
  'GET /api/v1/skps/{id}/pdf': {
    allow: CITY_READERS,
    request: async () => ({ url: `/api/v1/skps/${ids.skpDinkes}/pdf` }),
  },
  'PUT /api/v1/skps/{id}/rhks': {
    allow: ['pegawai'],
    request: async () => ({ url: `/api/v1/skps/${ids.skpPegawai}/rhks`, body: { rhks: [] } }),
  },
  'PUT /api/v1/skps/{id}/behaviours': {
    allow: ['pegawai', 'atasan'],
    request: async () => ({ url: `/api/v1/skps/${ids.skpPegawai}/behaviours`, body: { behaviours: [] } }),
  },
  'POST /api/v1/skps/{id}/submit': {
    allow: ['pegawai'],
    request: async () => ({ url: `/api/v1/skps/${ids.skpPegawai}/submit` }),
  },
  'POST /api/v1/skps/{id}/approve': {
    allow: ['atasan'],
    request: async () => ({ url: `/api/v1/skps/${ids.skpPegawai}/approve` }),
  },
  'POST /api/v1/skps/{id}/return': {
    allow: ['atasan'],
    request: async () => ({
      url: `/api/v1/skps/${ids.skpPegawai}/return`,
      body: { reason: 'Perbaiki target' },
    }),
  },
  'POST /api/v1/skps/{id}/revise': {
    allow: ['atasan'],
    request: async () => ({ url: `/api/v1/skps/${ids.skpAtasan}/revise`, body: { reason: 'Revisi uji' } }),
  },
  'PUT /api/v1/skps/{id}/realisations': {
    allow: ['pegawai'],
    request: async () => ({
      url: `/api/v1/skps/${ids.skpPegawai}/realisations`,
      body: { indicatorId: ids.indicator, quarter: 4, value: 40, evidence: [] },
    }),
  },
  'POST /api/v1/realisations/{id}/confirm': {
    allow: ['atasan'],
    request: async () => ({ url: `/api/v1/realisations/${await submittedRealisation()}/confirm` }),
  },
  'POST /api/v1/realisations/{id}/reject': {
    allow: ['atasan'],
    request: async () => ({
      url: `/api/v1/realisations/${await submittedRealisation()}/reject`,
      body: { reason: 'Bukti kurang' },
    }),
  },
  'POST /api/v1/files': {
    allow: ALL,
    request: async () => ({
      url: '/api/v1/files',
      multipart: { fields: {}, file: { name: 'bukti.pdf', content: PDF } },
    }),
  },
  'GET /api/v1/files/{sha}': {
    allow: ALL,
    request: async () => ({ url: `/api/v1/files/${ids.fileSha}?skpId=${ids.skpPegawai}` }),
  },
  'GET /api/v1/inbox': { allow: ALL, request: async () => ({ url: '/api/v1/inbox' }) },
  'POST /api/v1/inbox/{id}/read': {
    allow: ['pegawai'],
    request: async () => ({ url: `/api/v1/inbox/${ids.notification}/read` }),
  },
  'POST /api/v1/inbox/read-all': { allow: ALL, request: async () => ({ url: '/api/v1/inbox/read-all' }) },
  'GET /api/v1/activity-catalog': { allow: ALL, request: async () => ({ url: '/api/v1/activity-catalog' }) },
  'GET /api/v1/activity-rules': { allow: ALL, request: async () => ({ url: '/api/v1/activity-rules' }) },
  'PATCH /api/v1/activity-rules': {
    allow: ['bkpsdm'],
    request: async () => ({ url: '/api/v1/activity-rules', body: { backdateDays: 5 } }),
  },
  'POST /api/v1/activity-catalog': {
    allow: ['bkpsdm'],
    request: async () => ({
      url: '/api/v1/activity-catalog',
      body: {
        code: `MX-${fresh()}`,
        name: 'Kegiatan matriks',
        outputUnit: 'kegiatan',
        standardMinutes: 10,
        positionKinds: ['pelaksana'],
      },
    }),
  },
  'PATCH /api/v1/activity-catalog/{id}': {
    allow: ['bkpsdm'],
    request: async () => ({ url: `/api/v1/activity-catalog/${ids.catalogItem}`, body: { active: true } }),
  },
  'GET /api/v1/activity-catalog/export.xlsx': {
    allow: ['bkpsdm'],
    request: async () => ({ url: '/api/v1/activity-catalog/export.xlsx' }),
  },
  'POST /api/v1/activity-catalog/import': {
    allow: ['bkpsdm'],
    request: async () => ({
      url: '/api/v1/activity-catalog/import',
      multipart: {
        fields: {},
        file: {
          name: 'katalog.csv',
          content: `code,name,output_unit,standard_minutes,position_kinds\nMI-${fresh()},Kegiatan impor,berkas,10,pelaksana\n`,
        },
      },
    }),
  },
  // own entries only: the mayor holds no ASN position
  'POST /api/v1/activities': {
    allow: EMPLOYEES,
    request: async () => ({
      url: '/api/v1/activities',
      body: { date: todayIn('Asia/Jakarta'), catalogId: ids.catalogItem, quantity: 1 },
    }),
  },
  'POST /api/v1/activities/batch': {
    allow: EMPLOYEES,
    request: async () => ({
      url: '/api/v1/activities/batch',
      body: { entries: [{ date: todayIn('Asia/Jakarta'), catalogId: ids.catalogItem, quantity: 1 }] },
    }),
  },
  'GET /api/v1/activities': { allow: ALL, request: async () => ({ url: '/api/v1/activities' }) },
  'DELETE /api/v1/activities/{id}': {
    allow: ['pegawai'],
    request: async () => ({ url: `/api/v1/activities/${await pendingActivity()}` }),
  },
  'POST /api/v1/activities/copy-yesterday': {
    allow: EMPLOYEES,
    request: async () => ({ url: '/api/v1/activities/copy-yesterday' }),
  },
  'GET /api/v1/activities/queue': { allow: ALL, request: async () => ({ url: '/api/v1/activities/queue' }) },
  // only the atasan of the pegawai (never BKPSDM, the admin_opd or the pegawai themself)
  'POST /api/v1/activities/verify': {
    allow: ['atasan'],
    request: async () => ({
      url: '/api/v1/activities/verify',
      body: { decisions: [{ id: await pendingActivity(), action: 'approve' }] },
    }),
  },
  'GET /api/v1/workload/me': { allow: EMPLOYEES, request: async () => ({ url: '/api/v1/workload/me' }) },
  // the employee is the pegawai's colleague: their atasan may look, the pegawai may not
  'GET /api/v1/workload/employees/{id}': {
    allow: ['walikota', 'sekda', 'bkpsdm', 'adminopd', 'atasan', 'inspektorat'],
    request: async () => ({ url: `/api/v1/workload/employees/${ids.employee}?month=2026-11` }),
  },
  'GET /api/v1/workload/units/{id}': {
    allow: [...CITY_READERS, 'adminopd'],
    request: async () => ({ url: `/api/v1/workload/units/${ids.opd}?month=2026-11` }),
  },
  'GET /api/v1/workload/city': {
    allow: CITY_READERS,
    request: async () => ({ url: '/api/v1/workload/city?month=2026-11' }),
  },
  'GET /api/v1/abk': { allow: [...CITY_READERS, 'adminopd'], request: async () => ({ url: '/api/v1/abk' }) },
  'GET /api/v1/abk/export.xlsx': {
    allow: [...CITY_READERS, 'adminopd'],
    request: async () => ({ url: '/api/v1/abk/export.xlsx' }),
  },
  // ----- the city dashboard: city-wide roles; the admin_opd on their own OPD -----
  'GET /api/v1/dashboard/city': {
    allow: CITY_READERS,
    request: async () => ({ url: '/api/v1/dashboard/city?month=2026-11' }),
  },
  'GET /api/v1/dashboard/units/{id}': {
    allow: [...CITY_READERS, 'adminopd'],
    request: async () => ({ url: `/api/v1/dashboard/units/${ids.opd}?month=2026-11` }),
  },
  'GET /api/v1/dashboard/search': {
    allow: [...CITY_READERS, 'adminopd'],
    request: async () => ({ url: '/api/v1/dashboard/search?q=an' }),
  },
  'GET /api/v1/dashboard/export.xlsx': {
    allow: [...CITY_READERS, 'adminopd'],
    request: async () => ({ url: '/api/v1/dashboard/export.xlsx?figure=ranking&month=2026-11' }),
  },
  // `once`: the opening event, then the stream closes (an open stream would never end an inject)
  'GET /api/v1/dashboard/stream': {
    allow: [...CITY_READERS, 'adminopd'],
    request: async () => ({ url: '/api/v1/dashboard/stream?once=1' }),
  },
  // results are limited to whom the caller may see (another city finds only its own people)
  'GET /api/v1/accounts/search': {
    allow: ALL,
    request: async () => ({ url: '/api/v1/accounts/search?q=an' }),
  },
  // the pegawai's colleague: their atasan, the admin_opd and city-wide roles open it, the pegawai may not
  'GET /api/v1/accounts/{id}': {
    allow: ['walikota', 'sekda', 'bkpsdm', 'adminopd', 'atasan', 'inspektorat'],
    request: async () => ({ url: `/api/v1/accounts/${ids.employee}?month=2026-11` }),
  },
  'GET /api/v1/public/{tenant}/summary': {
    allow: 'public',
    publicRoute: true,
    request: async () => ({ url: '/api/v1/public/surabaya/summary' }),
  },
  // ----- attendance -----
  'GET /api/v1/attendance/calendar': {
    allow: ALL,
    request: async () => ({ url: '/api/v1/attendance/calendar?year=2026' }),
  },
  'POST /api/v1/attendance/holidays': {
    allow: ['bkpsdm'],
    request: async () => ({
      url: '/api/v1/attendance/holidays',
      body: { date: attendanceDay(), kind: 'cuti_bersama', name: 'Cuti bersama matriks' },
    }),
  },
  'PATCH /api/v1/attendance/holidays/{date}': {
    allow: ['bkpsdm'],
    request: async () => ({
      url: `/api/v1/attendance/holidays/${await surabayaHoliday()}`,
      body: { name: 'Libur matriks (diubah)' },
    }),
  },
  'DELETE /api/v1/attendance/holidays/{date}': {
    allow: ['bkpsdm'],
    request: async () => ({ url: `/api/v1/attendance/holidays/${await surabayaHoliday()}` }),
  },
  'POST /api/v1/attendance/schedules': {
    allow: ['bkpsdm'],
    request: async () => ({
      url: '/api/v1/attendance/schedules',
      body: {
        name: 'Jadwal baru',
        validFrom: attendanceDay(),
        days: [{ weekday: 1, start: '07:30', end: '16:00' }],
      },
    }),
  },
  'PATCH /api/v1/attendance/schedules/{id}': {
    allow: ['bkpsdm'],
    request: async () => ({
      url: `/api/v1/attendance/schedules/${await surabayaSchedule()}`,
      body: { name: 'Jadwal diubah' },
    }),
  },
  'DELETE /api/v1/attendance/schedules/{id}': {
    allow: ['bkpsdm'],
    request: async () => ({ url: `/api/v1/attendance/schedules/${await surabayaSchedule()}` }),
  },
  'GET /api/v1/attendance/rules': { allow: ALL, request: async () => ({ url: '/api/v1/attendance/rules' }) },
  'PUT /api/v1/attendance/rules': {
    allow: ['bkpsdm'],
    request: async () => ({ url: '/api/v1/attendance/rules', body: { rules: DEFAULT_RULES } }),
  },
  // each caller sees the spans of their scope (own, OPD, city)
  'GET /api/v1/attendance/leave': { allow: ALL, request: async () => ({ url: '/api/v1/attendance/leave' }) },
  'POST /api/v1/attendance/leave': {
    allow: ORG_ADMINS,
    request: async () => {
      const day = attendanceDay();
      return {
        url: '/api/v1/attendance/leave',
        body: { employeeId: ids.employee, kind: 'dinas_luar', startDate: day, endDate: day },
      };
    },
  },
  'PATCH /api/v1/attendance/leave/{id}': {
    allow: ORG_ADMINS,
    request: async () => ({
      url: `/api/v1/attendance/leave/${await surabayaLeave()}`,
      body: { note: 'Diubah' },
    }),
  },
  'DELETE /api/v1/attendance/leave/{id}': {
    allow: ORG_ADMINS,
    request: async () => ({ url: `/api/v1/attendance/leave/${await surabayaLeave()}` }),
  },
  'GET /api/v1/attendance/sanctions': {
    allow: ALL,
    request: async () => ({ url: '/api/v1/attendance/sanctions' }),
  },
  'POST /api/v1/attendance/sanctions': {
    allow: ['bkpsdm'],
    request: async () => ({
      url: '/api/v1/attendance/sanctions',
      body: {
        employeeId: ids.employee,
        startMonth: '2031-02',
        months: 1,
        basisPoints: 100,
        decree: 'SK uji',
      },
    }),
  },
  'DELETE /api/v1/attendance/sanctions/{id}': {
    allow: ['bkpsdm'],
    request: async () => ({ url: `/api/v1/attendance/sanctions/${await surabayaSanction()}` }),
  },
  'GET /api/v1/attendance/me': {
    allow: EMPLOYEES,
    request: async () => ({ url: '/api/v1/attendance/me?month=2026-11' }),
  },
  // the pegawai's colleague: their atasan, the admin_opd and city-wide roles, not the pegawai
  'GET /api/v1/attendance/employees/{id}': {
    allow: ['walikota', 'sekda', 'bkpsdm', 'adminopd', 'atasan', 'inspektorat'],
    request: async () => ({ url: `/api/v1/attendance/employees/${ids.employee}?month=2026-11` }),
  },
  'GET /api/v1/attendance/units/{id}': {
    allow: [...CITY_READERS, 'adminopd'],
    request: async () => ({ url: `/api/v1/attendance/units/${ids.opd}?month=2026-11` }),
  },
  'GET /api/v1/attendance/subordinates': {
    allow: ALL,
    request: async () => ({ url: '/api/v1/attendance/subordinates?month=2026-11' }),
  },
  'GET /api/v1/tpp/settings': { allow: ALL, request: async () => ({ url: '/api/v1/tpp/settings' }) },
  'PUT /api/v1/tpp/settings': {
    allow: ['bkpsdm'],
    request: async () => ({ url: '/api/v1/tpp/settings', body: await tppSettingsBody() }),
  },
  // pay figures: BKPSDM, pimpinan and the inspectorate read; only BKPSDM runs
  'GET /api/v1/tpp/runs': { allow: CITY_READERS, request: async () => ({ url: '/api/v1/tpp/runs' }) },
  'POST /api/v1/tpp/runs': {
    allow: ['bkpsdm'],
    request: async () => ({ url: '/api/v1/tpp/runs', body: { month: tppMonth() } }),
  },
  'GET /api/v1/tpp/runs/{id}': {
    allow: CITY_READERS,
    request: async () => ({ url: `/api/v1/tpp/runs/${await tppSeededRun()}` }),
  },
  'POST /api/v1/tpp/runs/{id}/compute': {
    allow: ['bkpsdm'],
    request: async () => ({ url: `/api/v1/tpp/runs/${await tppRun()}/compute` }),
  },
  'POST /api/v1/tpp/runs/{id}/check': {
    allow: ['bkpsdm'],
    request: async () => ({ url: `/api/v1/tpp/runs/${await tppRun()}/check` }),
  },
  'POST /api/v1/tpp/runs/{id}/lock': {
    allow: ['bkpsdm'],
    request: async () => ({ url: `/api/v1/tpp/runs/${await tppRun('checked')}/lock` }),
  },
  'GET /api/v1/tpp/runs/{id}/lines': {
    allow: CITY_READERS,
    request: async () => ({ url: `/api/v1/tpp/runs/${await tppSeededRun()}/lines?limit=5` }),
  },
  'GET /api/v1/tpp/runs/{id}/export.xlsx': {
    allow: CITY_READERS,
    request: async () => ({ url: `/api/v1/tpp/runs/${await tppSeededRun()}/export.xlsx?opdId=${ids.opd}` }),
  },
  'GET /api/v1/tpp/me': { allow: EMPLOYEES, request: async () => ({ url: '/api/v1/tpp/me?month=2026-11' }) },
  // the pegawai's colleague: never the atasan or the admin_opd (pay stays with the person, BKPSDM, pimpinan)
  'GET /api/v1/tpp/employees/{id}': {
    allow: CITY_READERS,
    request: async () => ({ url: `/api/v1/tpp/employees/${ids.employee}?month=2026-11` }),
  },
  // ----- evaluation -----
  'GET /api/v1/evaluations/subordinates': {
    allow: ALL,
    request: async () => ({ url: '/api/v1/evaluations/subordinates?year=2026&kind=q4' }),
  },
  // a health-agency SKP: only the city-wide readers see it
  'GET /api/v1/evaluations/skp/{skpId}/{kind}': {
    allow: CITY_READERS,
    request: async () => ({ url: `/api/v1/evaluations/skp/${ids.skpDinkes}/q3` }),
  },
  // only the pejabat penilai rates (never the employee, a colleague, BKPSDM or the admin_opd)
  'PUT /api/v1/evaluations/skp/{skpId}/{kind}': {
    allow: ['atasan'],
    request: async () => ({ url: `/api/v1/evaluations/skp/${evalIds.skpStaf3}/q4`, body: rateStaf3Body }),
  },
  'GET /api/v1/evaluations/mine': { allow: ALL, request: async () => ({ url: '/api/v1/evaluations/mine' }) },
  'GET /api/v1/evaluations/objections': {
    allow: ALL,
    request: async () => ({ url: '/api/v1/evaluations/objections' }),
  },
  'GET /api/v1/evaluations/{id}': {
    allow: CITY_READERS,
    request: async () => ({ url: `/api/v1/evaluations/${evalIds.evalDinkes}` }),
  },
  'POST /api/v1/evaluations/{id}/acknowledge': {
    allow: ['pegawai'],
    request: async () => ({ url: `/api/v1/evaluations/${evalIds.evalPegawaiAnnual}/acknowledge` }),
  },
  'POST /api/v1/evaluations/{id}/object': {
    allow: ['pegawai'],
    request: async () => ({
      url: `/api/v1/evaluations/${evalIds.evalPegawaiQ4}/object`,
      body: { reason: 'Keberatan uji matriks' },
    }),
  },
  // a Setda staff member objected: the Sekda is the atasan of their evaluator
  'POST /api/v1/evaluations/{id}/decide': {
    allow: ['sekda'],
    request: async () => ({
      url: `/api/v1/evaluations/${evalIds.evalSetda}/decide`,
      body: { decision: 'upheld', reason: 'Keputusan uji matriks' },
    }),
  },
  // BKPSDM, and the atasan as head of the river-tourism section
  'POST /api/v1/evaluations/{id}/calibrate': {
    allow: ['bkpsdm', 'atasan'],
    request: async () => ({
      url: `/api/v1/evaluations/${evalIds.evalRekanQ4}/calibrate`,
      body: { predikat: await otherPredikat(), reason: 'Kalibrasi uji matriks' },
    }),
  },
  'GET /api/v1/evaluation-curve': { allow: ALL, request: async () => ({ url: '/api/v1/evaluation-curve' }) },
  'PUT /api/v1/evaluation-curve': {
    allow: ['bkpsdm'],
    request: async () => ({ url: '/api/v1/evaluation-curve', body: { rules: DEFAULT_CURVE } }),
  },
  // each caller sees the units of their scope (city, OPD, the units they lead)
  'GET /api/v1/evaluation-units': {
    allow: ALL,
    request: async () => ({ url: '/api/v1/evaluation-units?year=2026&kind=q3' }),
  },
  'GET /api/v1/evaluation-units/{id}': {
    allow: [...CITY_READERS, 'adminopd', 'atasan'],
    request: async () => ({ url: `/api/v1/evaluation-units/${evalIds.sungai}?year=2026&kind=q4` }),
  },
  'PUT /api/v1/evaluation-units/{id}/predikat': {
    allow: ['bkpsdm'],
    request: async () => ({
      url: `/api/v1/evaluation-units/${evalIds.sungai}/predikat`,
      body: { year: 2026, kind: 'annual', predikat: 'baik' },
    }),
  },
  // allowed callers get 409 (not everyone is rated and answered yet); the rest 403/404
  'POST /api/v1/evaluation-units/{id}/finalise': {
    allow: ['bkpsdm', 'atasan'],
    request: async () => ({
      url: `/api/v1/evaluation-units/${evalIds.sungai}/finalise`,
      body: { year: 2026, kind: 'q4' },
    }),
  },
};

async function send(method: Method, s: Session | null, req: Request) {
  if (req.multipart) {
    const { payload, headers } = multipart(req.multipart.fields, req.multipart.file);
    const res = await env.app.inject({
      method,
      url: req.url,
      payload,
      headers: { ...headers, ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}) },
    });
    // let the background validation finish, so it does not write during the next check
    if (res.statusCode === 202 && s) await waitForImport(env.app, s, res.json().id);
    return res;
  }
  return call(env.app, s, method, req.url, req.body);
}

let surabayaTenantId = '';

beforeAll(async () => {
  env = await createTestEnv({}, { activityLog: true });
  for (const who of ROLES) sessions.set(who, await login(env.app, 'surabaya', who));
  sessions.set('jambi', await login(env.app, 'jambi', 'bkpsdm'));
  bk = sessions.get('bkpsdm') as Session;
  surabayaTenantId = bk.tenantId;
  ids.opd = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR');
  ids.bidang = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B1');
  ids.position = await positionId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI.S1');
  ids.head = await positionId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.KEPALA');
  ids.employee = await holderOf(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI.S2');
  const { payload, headers } = multipart(
    { kind: 'units' },
    {
      name: 'u.csv',
      content: 'code,name,type,parent_code\nDISBUDPORAPAR.JOB,Seksi Job,seksi,DISBUDPORAPAR\n',
    },
  );
  const job = await env.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    payload,
    headers: { ...headers, cookie: bk.cookie, 'x-csrf-token': bk.csrf },
  });
  ids.importJob = job.json().id;
  await waitForImport(env.app, bk, ids.importJob);
  const pegawai = sessions.get('pegawai') as Session;
  ids.period = (await call(env.app, bk, 'GET', '/api/v1/periods')).json().items[0].id;
  ids.nextPeriod = (await call(env.app, bk, 'POST', '/api/v1/periods', { year: 2027 })).json().id;
  ids.goal = (await call(env.app, bk, 'GET', '/api/v1/goals')).json().items[1].id;
  ids.skpPegawai = (await call(env.app, pegawai, 'GET', '/api/v1/skps/mine')).json().items[0].id;
  ids.skpAtasan = (
    await call(env.app, sessions.get('atasan') as Session, 'GET', '/api/v1/skps/mine')
  ).json().items[0].id;
  ids.skpDinkes = (
    await call(
      env.app,
      bk,
      'GET',
      `/api/v1/skps?unitId=${await unitId(env.db, 'surabaya', 'DINKES')}&limit=1`,
    )
  ).json().items[0].id;
  const skp = (await call(env.app, pegawai, 'GET', `/api/v1/skps/${ids.skpPegawai}`)).json();
  ids.rhk = skp.rhks[0].id;
  ids.indicator = skp.rhks[0].indicators[0].id;
  const upload = multipart({}, { name: 'bukti.pdf', content: PDF });
  ids.fileSha = (
    await env.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      payload: upload.payload,
      headers: { ...upload.headers, cookie: pegawai.cookie, 'x-csrf-token': pegawai.csrf },
    })
  ).json().sha;
  await call(env.app, pegawai, 'PUT', `/api/v1/skps/${ids.skpPegawai}/realisations`, {
    indicatorId: ids.indicator,
    quarter: 4,
    value: 10,
    evidence: [ids.fileSha],
  });
  await call(env.app, sessions.get('atasan') as Session, 'POST', `/api/v1/skps/${ids.skpAtasan}/revise`, {
    reason: 'Menyiapkan notifikasi',
  });
  await call(env.app, sessions.get('atasan') as Session, 'POST', `/api/v1/skps/${ids.skpAtasan}/submit`);
  const kabid = await holderOf(env.db, 'surabaya', 'DISBUDPORAPAR.B1.KEPALA');
  await createUser(env.db, 'surabaya', 'kabid.par', kabid);
  await call(
    env.app,
    await login(env.app, 'surabaya', 'kabid.par'),
    'POST',
    `/api/v1/skps/${ids.skpAtasan}/approve`,
  );
  await call(
    env.app,
    sessions.get('atasan') as Session,
    'POST',
    `/api/v1/realisations/${await submittedRealisation()}/reject`,
    { reason: 'Untuk notifikasi' },
  );
  ids.notification = (await call(env.app, pegawai, 'GET', '/api/v1/inbox')).json().items[0].id;
  ids.catalogItem = (
    await call(env.app, bk, 'POST', '/api/v1/activity-catalog', {
      code: 'MATRIKS',
      name: 'Kegiatan uji matriks',
      outputUnit: 'kegiatan',
      standardMinutes: 5,
      positionKinds: ['jpt', 'administrator', 'pengawas', 'pelaksana', 'fungsional'],
    })
  ).json().id;
  // evaluations: Q4 and annual of the river-tourism section rated by the atasan, a Dinkes evaluation of
  // the seeded Q3, and a Setda objection waiting for the Sekda
  const atasan = sessions.get('atasan') as Session;
  evalIds.sungai = await unitId(env.db, 'surabaya', 'DISBUDPORAPAR.B1.SUNGAI');
  const skpOf = async (positionCode: string) =>
    (
      await env.db.kysely
        .selectFrom('skps')
        .select('id')
        .where('employee_id', '=', await holderOf(env.db, 'surabaya', positionCode))
        .executeTakeFirstOrThrow()
    ).id;
  evalIds.skpStaf3 = await skpOf('DISBUDPORAPAR.B1.SUNGAI.S3');
  rateStaf3Body = await evaluationBody(bk, evalIds.skpStaf3, 'q4');
  evalIds.evalPegawaiAnnual = await rateFor(atasan, ids.skpPegawai, 'annual');
  evalIds.evalPegawaiQ4 = await rateFor(atasan, ids.skpPegawai, 'q4');
  evalIds.evalRekanQ4 = await rateFor(atasan, await skpOf('DISBUDPORAPAR.B1.SUNGAI.S2'), 'q4');
  evalIds.evalDinkes = (
    await env.db.kysely
      .selectFrom('evaluations')
      .select('id')
      .where('skp_id', '=', ids.skpDinkes)
      .where('kind', '=', 'q3')
      .executeTakeFirstOrThrow()
  ).id;
  await createUser(env.db, 'surabaya', 'kabag.setda', await holderOf(env.db, 'surabaya', 'SETDA.B1.KEPALA'));
  const setdaStaff = await env.db.kysely
    .selectFrom('employees as e')
    .innerJoin('positions as p', (j) =>
      j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.position_id'),
    )
    .select(['e.id'])
    .where('e.tenant_id', '=', surabayaTenantId)
    .where('p.code', 'in', ['SETDA.B1.S1', 'SETDA.B1.S2', 'SETDA.B1.S3'])
    .orderBy('p.code')
    .executeTakeFirstOrThrow();
  await createUser(env.db, 'surabaya', 'staf.setda', setdaStaff.id);
  const stafSkp = (
    await env.db.kysely
      .selectFrom('skps')
      .select('id')
      .where('employee_id', '=', setdaStaff.id)
      .executeTakeFirstOrThrow()
  ).id;
  evalIds.evalSetda = await rateFor(await login(env.app, 'surabaya', 'kabag.setda'), stafSkp, 'q4');
  const objected = await call(
    env.app,
    await login(env.app, 'surabaya', 'staf.setda'),
    'POST',
    `/api/v1/evaluations/${evalIds.evalSetda}/object`,
    { reason: 'Keberatan untuk matriks' },
  );
  if (objected.statusCode !== 200) throw new Error(objected.body);
});
afterAll(() => env.close());

describe('authorization matrix', () => {
  it('covers every route of the OpenAPI document', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.length).toBeGreaterThan(30);
    expect(documented.filter((r) => !(r in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !documented.includes(r))).toEqual([]);
  });

  for (const [route, spec] of Object.entries(ROUTES)) {
    const [method, path] = route.split(' ') as [Method, string];
    describe(route, () => {
      if (spec.allow === 'public') {
        it('answers without a session', async () => {
          const res = await send(method, null, await spec.request('anon'));
          expect(res.statusCode).toBeLessThan(400);
        });
        return;
      }
      for (const who of ROLES) {
        const allowed = spec.allow.includes(who);
        it(`${who}: ${allowed ? 'allowed' : 'refused'}`, async () => {
          const req = await spec.request(who);
          const s =
            route === 'POST /api/v1/auth/logout'
              ? await login(env.app, 'surabaya', who)
              : (sessions.get(who) as Session);
          const before = allowed ? '' : await snapshot(env.db);
          const res = await send(method, s, req);
          if (allowed) {
            expect([401, 403, 404], `${route} as ${who}: ${res.body}`).not.toContain(res.statusCode);
            expect(res.statusCode, res.body).toBeLessThan(500);
          } else {
            expect([403, 404], `${route} as ${who}: ${res.body}`).toContain(res.statusCode);
            expect(await snapshot(env.db)).toBe(before);
          }
        });
      }
      it('another city: 404 (or no data of this city), nothing written', async () => {
        const jambi = sessions.get('jambi') as Session;
        const req = await spec.request('jambi');
        const before = await snapshot(env.db);
        const res = await send(
          method,
          route === 'POST /api/v1/auth/logout' ? await login(env.app, 'jambi', 'bkpsdm') : jambi,
          req,
        );
        expect(res.statusCode).toBeLessThan(500);
        const idInPath = path.includes('{id}');
        if (idInPath) expect(res.statusCode, res.body).toBe(404);
        expect(res.body).not.toContain(surabayaTenantId);
        expect(res.body).not.toContain(ids.opd);
        expect(res.body).not.toContain(ids.employee);
        if (method !== 'GET' && route !== 'POST /api/v1/auth/logout' && route !== 'PATCH /api/v1/auth/me') {
          // a body that points at another city's objects is refused outright
          // (uploads and audit verification act on the caller's own city)
          // bulk answers per item, and every foreign id in it is reported as not found
          const ownCity = [
            'POST /api/v1/imports',
            'POST /api/v1/audit/verify',
            'POST /api/v1/files',
            'POST /api/v1/periods',
            'POST /api/v1/inbox/read-all',
            'POST /api/v1/skps/bulk',
            'POST /api/v1/activity-catalog',
            'POST /api/v1/activity-catalog/import',
            'POST /api/v1/activities/copy-yesterday',
            'PATCH /api/v1/activity-rules',
            'POST /api/v1/attendance/holidays',
            'POST /api/v1/attendance/schedules',
            'PUT /api/v1/attendance/rules',
            'PUT /api/v1/tpp/settings',
            'POST /api/v1/tpp/runs',
            'PUT /api/v1/evaluation-curve',
          ].includes(route);
          if (!idInPath && !ownCity) expect([400, 403, 404]).toContain(res.statusCode);
          const after = JSON.parse(await snapshot(env.db));
          const b = JSON.parse(before);
          for (const table of ['units', 'positions', 'employees', 'position_history', 'acting_assignments']) {
            expect(after.counts[table], table).toBe(b.counts[table]);
          }
        }
      });
      it('without a session: 401', async () => {
        const res = await send(method, null, await spec.request('anon'));
        expect(res.statusCode).toBe(401);
      });
    });
  }
});
