import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestEnv, login, type Session, snapshot, type TestEnv, unitId } from '../support/app.ts';

let env: TestEnv;
let bkpsdm: Session;
let parent: string;
beforeAll(async () => {
  env = await createTestEnv();
  bkpsdm = await login(env.app, 'surabaya', 'bkpsdm');
  parent = await unitId(env.db, 'surabaya', 'DLH');
});
afterAll(() => env.close());

async function expectRefused(
  send: () => Promise<{ statusCode: number; json: () => { error: { code: string; message: string } } }>,
  status: number,
  code?: string,
) {
  const before = await snapshot(env.db);
  const res = await send();
  expect(res.statusCode).toBe(status);
  const body = res.json();
  expect(body.error.message.length).toBeGreaterThan(5);
  if (code) expect(body.error.code).toBe(code);
  expect(await snapshot(env.db)).toBe(before);
  return body;
}

const raw = (payload: string, contentType = 'application/json') =>
  env.app.inject({
    method: 'POST',
    url: '/api/v1/org/units',
    payload,
    headers: { cookie: bkpsdm.cookie, 'x-csrf-token': bkpsdm.csrf, 'content-type': contentType },
  });

describe('bad input gets a localised 4xx and changes nothing', () => {
  it('malformed JSON', async () => {
    const body = await expectRefused(() => raw('{"code": "X",'), 400, 'INVALID_JSON');
    expect(body.error.message).toBe('Isi permintaan bukan JSON yang valid.');
  });

  it('wrong types, with the field named', async () => {
    const body = await expectRefused(
      () =>
        call(env.app, bkpsdm, 'POST', '/api/v1/org/units', {
          code: 12,
          name: ['x'],
          type: 'bidang',
          parentId: parent,
        }) as never,
      400,
      'VALIDATION_FAILED',
    );
    const details = (body as unknown as { error: { details: { path: string; message: string }[] } }).error
      .details;
    expect([...new Set(details.map((d) => d.path))].sort()).toEqual(['code', 'name']);
    expect(details[0].message).toMatch(/tidak valid|diharapkan/i);
  });

  it('unknown fields', async () => {
    await expectRefused(
      () =>
        call(env.app, bkpsdm, 'POST', '/api/v1/org/units', {
          code: 'DLH.Z',
          name: 'Bidang Z',
          type: 'bidang',
          parentId: parent,
          tenantId: 'other',
        }) as never,
      400,
      'VALIDATION_FAILED',
    );
  });

  it('a value outside the allowed set, answered in English when asked', async () => {
    const res = await call(
      env.app,
      bkpsdm,
      'POST',
      '/api/v1/org/units',
      { code: 'DLH.Z', name: 'Bidang Z', type: 'kementerian', parentId: parent },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('The submitted data is not valid.');
    expect(res.json().error.details[0].path).toBe('type');
  });

  it('an oversize body', async () => {
    const huge = JSON.stringify({
      code: 'DLH.BIG',
      name: 'x'.repeat(2 * 1024 * 1024),
      type: 'bidang',
      parentId: parent,
    });
    await expectRefused(() => raw(huge), 413, 'BODY_TOO_LARGE');
  });

  it('an unsupported content type', async () => {
    await expectRefused(() => raw('code=1', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a bad cursor and bad query parameters', async () => {
    expect((await call(env.app, bkpsdm, 'GET', '/api/v1/org/employees?cursor=%%%')).statusCode).toBe(400);
    expect((await call(env.app, bkpsdm, 'GET', '/api/v1/org/employees?limit=100000')).statusCode).toBe(400);
    expect((await call(env.app, bkpsdm, 'GET', '/api/v1/org/units?foo=bar')).statusCode).toBe(400);
    expect((await call(env.app, bkpsdm, 'GET', '/api/v1/audit?from=2026-13-45')).statusCode).toBe(400);
  });

  it('a parent that does not exist', async () => {
    await expectRefused(
      () =>
        call(env.app, bkpsdm, 'POST', '/api/v1/org/units', {
          code: 'DLH.Q',
          name: 'Bidang Q',
          type: 'bidang',
          parentId: 'nope',
        }) as never,
      400,
    );
  });

  it('an empty patch', async () => {
    const id = await unitId(env.db, 'surabaya', 'DLH.B2');
    await expectRefused(() => call(env.app, bkpsdm, 'PATCH', `/api/v1/org/units/${id}`, {}) as never, 400);
  });

  it('a kelas outside 1–17', async () => {
    const unit = await unitId(env.db, 'surabaya', 'DLH.B2');
    await expectRefused(
      () =>
        call(env.app, bkpsdm, 'POST', '/api/v1/org/positions', {
          code: 'DLH.P',
          name: 'Jabatan',
          kind: 'pelaksana',
          kelas: 18,
          unitId: unit,
        }) as never,
      400,
    );
  });

  it('an unknown API route is a JSON 404', async () => {
    const res = await call(env.app, bkpsdm, 'GET', '/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('ROUTE_NOT_FOUND');
  });
});
