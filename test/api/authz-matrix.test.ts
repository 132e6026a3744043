/**
 * The authorization matrix: every route of the OpenAPI document, called by every demo role of Surabaya,
 * by the most powerful user of Jambi (cross-tenant) and without a session. New routes must be added to
 * ROUTES, or the completeness test fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestEnv,
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
  multipart?: { fields: Record<string, string>; file: { name: string; content: string } };
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
const ids = {} as Record<'opd' | 'bidang' | 'position' | 'employee' | 'head' | 'importJob', string>;

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
  env = await createTestEnv();
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
          const ownCity = ['POST /api/v1/imports', 'POST /api/v1/audit/verify'].includes(route);
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
