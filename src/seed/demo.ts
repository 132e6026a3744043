import { newId } from '../core/ids.ts';
import { isoDate, nowIso } from '../core/time.ts';
import type { Db } from '../db/index.ts';
import { transaction } from '../db/index.ts';
import type { EmployeeTable, PositionTable, UnitTable } from '../db/schema.ts';
import { recordAudit } from '../modules/audit/service.ts';
import { hashPassword } from '../modules/identity/service.ts';
import { seedActivities } from './activities.ts';
import { seedAttendance } from './attendance.ts';
import { type CitySeed, DEMO_PASSWORD, JAMBI, type OpdSeed, SURABAYA } from './data.ts';
import { seedEvaluations } from './evaluation.ts';
import { seedPerformance } from './skp.ts';
import { seedTpp } from './tpp.ts';

/** Deterministic PRNG (mulberry32) so every fresh install shows the same demo city. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
type Rng = ReturnType<typeof prng>;

const DEGREES = ['S.E.', 'S.H.', 'S.Sos.', 'S.Kom.', 'S.T.', 'S.I.P.', 'S.Ak.', 'S.Pd.', 'S.K.M.'];
const MASTERS = ['M.Si.', 'M.M.', 'M.A.P.', 'M.T.', 'M.H.', 'M.Kes.'];
const DIPLOMA = ['A.Md.', 'A.Md.Kom.', 'A.Md.Ak.'];

const GOLONGAN: Record<string, string[]> = {
  jpt: ['Pembina Utama Muda (IV/c)', 'Pembina Tingkat I (IV/b)'],
  administrator: ['Pembina (IV/a)', 'Pembina Tingkat I (IV/b)'],
  pengawas: ['Penata Tingkat I (III/d)', 'Penata (III/c)'],
  fungsional: ['Penata (III/c)', 'Penata Muda Tingkat I (III/b)'],
  pelaksana: ['Penata Muda (III/a)', 'Pengatur Tingkat I (II/d)', 'Penata Muda Tingkat I (III/b)'],
};

const STAFF_TITLES: [string, number][] = [
  ['Pengadministrasi Perkantoran', 5],
  ['Pengolah Data dan Informasi', 6],
  ['Penata Layanan Operasional', 7],
  ['Pengelola Layanan Operasional', 6],
  ['Operator Layanan Operasional', 5],
];

interface PersonPlan {
  kind: string;
  kelas: number;
  senior: boolean;
}

function personName(
  rng: Rng,
  city: CitySeed,
  sex: 'L' | 'P',
  plan: PersonPlan,
): { name: string; education: string } {
  const given = rng.pick(sex === 'L' ? city.givenMale : city.givenFemale);
  const family = rng.pick(sex === 'L' ? city.family : city.familyFemale);
  const base = `${given} ${family}`;
  if (plan.kind === 'pelaksana' && plan.kelas <= 5) {
    const d = rng.pick(DIPLOMA);
    return rng.next() < 0.5
      ? { name: `${base}, ${d}`, education: 'D3' }
      : { name: base, education: 'SMA/SMK' };
  }
  const s1 = rng.pick(DEGREES);
  if (plan.senior) {
    const haji = rng.next() < 0.4 ? (sex === 'L' ? 'H. ' : 'Hj. ') : '';
    const dr = plan.kind === 'jpt' && rng.next() < 0.3 ? 'Dr. ' : '';
    return { name: `${dr}${haji}${base}, ${s1}, ${rng.pick(MASTERS)}`, education: dr ? 'S3' : 'S2' };
  }
  return { name: `${base}, ${s1}`, education: 'S1' };
}

function nipFor(rng: Rng, plan: PersonPlan, sex: 'L' | 'P', seq: number, pppk: boolean) {
  const [minAge, maxAge] =
    plan.kind === 'jpt' ? [50, 57] : plan.senior ? [42, 55] : plan.kind === 'pengawas' ? [36, 54] : [24, 50];
  const age = rng.int(minAge, maxAge);
  const birthYear = 2026 - age;
  const birth = isoDate(birthYear, rng.int(1, 12), rng.int(1, 28));
  const sexDigit = sex === 'L' ? '1' : '2';
  const sequence = String((seq % 999) + 1).padStart(3, '0');
  if (pppk) {
    const year = rng.pick([2022, 2023, 2024, 2025]);
    return {
      nip: `${birth.replace(/-/g, '')}${year}01${sexDigit}${sequence}`,
      birth,
      tmt: isoDate(year, 1, 1),
    };
  }
  const tmtYear = Math.min(2024, birthYear + rng.int(23, 29));
  const tmtMonth = rng.pick([1, 3, 4, 12]);
  return {
    nip: `${birth.replace(/-/g, '')}${tmtYear}${String(tmtMonth).padStart(2, '0')}${sexDigit}${sequence}`,
    birth,
    tmt: isoDate(tmtYear, tmtMonth, 1),
  };
}

interface Built {
  units: UnitTable[];
  positions: PositionTable[];
  employees: EmployeeTable[];
  acting: { position_id: string; employee_id: string }[];
  /** position code → employee id, for demo logins */
  holderByCode: Map<string, string>;
  unitIdByCode: Map<string, string>;
}

function headTitle(opd: OpdSeed): string {
  if (opd.type === 'kecamatan') return `Camat ${opd.name.replace('Kecamatan ', '')}`;
  if (opd.code === 'SETDA') return 'Sekretaris Daerah';
  if (opd.code === 'INSPEKTORAT') return 'Inspektur';
  return `Kepala ${opd.name.replace(/ Kota Jambi$/, '')}`;
}

function buildCity(tenantId: string, city: CitySeed, seed: number): Built {
  const rng = prng(seed);
  const at = nowIso();
  const built: Built = {
    units: [],
    positions: [],
    employees: [],
    acting: [],
    holderByCode: new Map(),
    unitIdByCode: new Map(),
  };
  let seq = 0;

  const unit = (code: string, name: string, type: string, parent: UnitTable | null): UnitTable => {
    const id = newId();
    const row: UnitTable = {
      tenant_id: tenantId,
      id,
      code,
      name,
      type,
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: (parent?.depth ?? -1) + 1,
      valid_from: '2021-01-01',
      valid_to: null,
      active: 1,
      created_at: at,
      updated_at: at,
    };
    built.units.push(row);
    built.unitIdByCode.set(code, id);
    return row;
  };

  const position = (
    code: string,
    name: string,
    kind: string,
    kelas: number,
    u: UnitTable,
    parent: PositionTable | null,
    opts: { vacant?: boolean; isKey?: boolean } = {},
  ) => {
    const row: PositionTable = {
      tenant_id: tenantId,
      id: newId(),
      code,
      name,
      kind,
      kelas,
      unit_id: u.id,
      parent_position_id: parent?.id ?? null,
      is_key: opts.isKey ? 1 : 0,
      competencies: '[]',
      active: 1,
      created_at: at,
      updated_at: at,
    };
    built.positions.push(row);
    if (!opts.vacant) {
      const senior = kind === 'jpt' || kind === 'administrator';
      const plan = { kind, kelas, senior };
      const sex: 'L' | 'P' = rng.next() < 0.55 ? 'L' : 'P';
      const pppk = kind === 'pelaksana' && rng.next() < 0.35;
      const { nip, birth, tmt } = nipFor(rng, plan, sex, seq++, pppk);
      const { name: personFullName, education } = personName(rng, city, sex, plan);
      const emailName = personFullName
        .replace(/^(Dr\. |H\. |Hj\. )+/, '')
        .split(',')[0]
        .toLowerCase()
        .replace(/[^a-z ]/g, '')
        .trim()
        .replace(/\s+/g, '.');
      const employeeId = newId();
      built.employees.push({
        tenant_id: tenantId,
        id: employeeId,
        nip,
        asn_type: pppk ? 'PPPK' : 'PNS',
        name: personFullName,
        sex,
        birth_date: birth,
        tmt,
        golongan: pppk ? rng.pick(['V', 'VII', 'IX']) : rng.pick(GOLONGAN[kind] ?? GOLONGAN.pelaksana),
        education,
        email: `${emailName}${seq}@${city.slug}.go.id`,
        phone: `08${rng.int(11, 59)}${String(rng.int(10000000, 99999999))}`,
        position_id: row.id,
        unit_id: u.id,
        status: 'active',
        status_date: null,
        created_at: at,
        updated_at: at,
      });
      built.holderByCode.set(code, employeeId);
    }
    return row;
  };

  const root = unit('PEMKOT', `Pemerintah ${city.name}`, 'pemda', null);
  let sekda: PositionTable | null = null;
  city.opds.forEach((opd, opdIndex) => {
    const u = unit(opd.code, opd.name, opd.type, root);
    const isKec = opd.type === 'kecamatan';
    const head = position(
      `${opd.code}.KEPALA`,
      headTitle(opd),
      isKec ? 'administrator' : 'jpt',
      opd.code === 'SETDA' ? 16 : isKec ? 12 : 14,
      u,
      opd.code === 'SETDA' ? null : isKec ? sekda : null,
      { isKey: true },
    );
    if (opd.code === 'SETDA') sekda = head;
    const secretariat = isKec
      ? u
      : unit(
          `${opd.code}.SEKRET`,
          opd.code === 'SETDA' ? 'Bagian Umum, Protokol dan Komunikasi Pimpinan' : 'Sekretariat',
          'bagian',
          u,
        );
    const secretary = position(
      `${opd.code}.SEKRETARIS`,
      isKec ? 'Sekretaris Kecamatan' : opd.code === 'SETDA' ? 'Kepala Bagian Umum' : 'Sekretaris',
      'administrator',
      isKec ? 10 : 11,
      secretariat,
      head,
    );
    if (!isKec) {
      const sub = unit(
        `${opd.code}.SEKRET.UMPEG`,
        'Subbagian Umum dan Kepegawaian',
        'subbagian',
        secretariat,
      );
      const kasubag = position(
        `${opd.code}.KASUBAG.UMPEG`,
        'Kepala Subbagian Umum dan Kepegawaian',
        'pengawas',
        9,
        sub,
        secretary,
      );
      position(`${opd.code}.UMPEG.S1`, 'Pengadministrasi Perkantoran', 'pelaksana', 5, sub, kasubag);
      position(`${opd.code}.UMPEG.S2`, 'Pengelola Layanan Kepegawaian', 'pelaksana', 7, sub, kasubag);
    }
    opd.fields.forEach((field, i) => {
      const fieldCode = `${opd.code}.B${i + 1}`;
      const fu = unit(fieldCode, field, isKec ? 'seksi' : opd.code === 'SETDA' ? 'bagian' : 'bidang', u);
      // one vacant bidang head with an acting holder (Plt.), in an agency away from the demo logins
      const vacantHead = (opd.code === 'DLH' || opd.code === 'DPUPR') && i === 0;
      const lead = position(
        `${fieldCode}.KEPALA`,
        isKec
          ? `Kepala ${field}`
          : field.startsWith('Bagian')
            ? `Kepala ${field}`
            : field.startsWith('Inspektur')
              ? field
              : `Kepala ${field}`,
        isKec ? 'pengawas' : 'administrator',
        isKec ? 9 : 11,
        fu,
        head,
        { vacant: vacantHead, isKey: !isKec },
      );
      if (vacantHead)
        built.acting.push({
          position_id: lead.id,
          employee_id: built.holderByCode.get(`${opd.code}.SEKRETARIS`) ?? '',
        });
      if (!isKec) {
        const fungsional =
          opd.code === 'INSPEKTORAT'
            ? 'Auditor Ahli Muda'
            : opd.code === city.hr
              ? 'Analis Sumber Daya Manusia Aparatur Ahli Muda'
              : 'Analis Kebijakan Ahli Muda';
        position(`${fieldCode}.JF1`, fungsional, 'fungsional', 9, fu, lead);
      }
      const staffCount = isKec ? 2 : 3;
      for (let s = 0; s < staffCount; s++) {
        const [title, kelas] = STAFF_TITLES[(opdIndex + i + s) % STAFF_TITLES.length];
        // every so often a staff post is vacant (vacancies are real and must show)
        position(`${fieldCode}.S${s + 1}`, title, 'pelaksana', kelas, fu, lead, {
          vacant: (opdIndex * 7 + i * 3 + s) % 23 === 0,
        });
      }
    });
    if (opd.code === city.tourism) {
      const river =
        city.slug === 'surabaya'
          ? 'Seksi Destinasi Wisata Sungai Kalimas'
          : 'Seksi Destinasi Wisata Tepian Batanghari';
      const bidang = built.positions.find((p) => p.code === `${opd.code}.B1.KEPALA`) ?? null;
      const su = unit(
        `${opd.code}.B1.SUNGAI`,
        river,
        'seksi',
        built.units.find((x) => x.code === `${opd.code}.B1`) ?? u,
      );
      const kasi = position(`${opd.code}.B1.SUNGAI.KASI`, `Kepala ${river}`, 'pengawas', 9, su, bidang);
      const guide =
        city.slug === 'surabaya'
          ? 'Pengelola Wisata Perahu Kalimas'
          : 'Pengelola Wisata Tepian Batanghari dan Gentala Arasy';
      position(`${opd.code}.B1.SUNGAI.S1`, guide, 'pelaksana', 7, su, kasi);
      position(`${opd.code}.B1.SUNGAI.S2`, 'Pemandu Wisata', 'pelaksana', 6, su, kasi);
      position(`${opd.code}.B1.SUNGAI.S3`, 'Pengadministrasi Tiket dan Kunjungan', 'pelaksana', 5, su, kasi);
    }
  });
  return built;
}

interface DemoLogin {
  username: string;
  displayName?: string;
  roles: { role: string; unitCode?: string }[];
  positionCode?: string;
  description: string;
}

function demoLogins(city: CitySeed): DemoLogin[] {
  return [
    {
      username: 'walikota',
      displayName: city.slug === 'surabaya' ? 'Eri Cahyadi, S.T., M.T.' : 'Dr. dr. H. Maulana, M.K.M.',
      roles: [{ role: 'pimpinan' }],
      description: 'Wali Kota (pimpinan)',
    },
    {
      username: 'sekda',
      roles: [{ role: 'pimpinan' }, { role: 'pegawai' }],
      positionCode: 'SETDA.KEPALA',
      description: 'Sekretaris Daerah (pimpinan)',
    },
    {
      username: 'bkpsdm',
      roles: [{ role: 'bkpsdm' }, { role: 'pegawai' }],
      positionCode: `${city.hr}.B2.KEPALA`,
      description: 'Kepala Bidang di BKPSDM (bkpsdm)',
    },
    {
      username: 'adminopd',
      roles: [{ role: 'admin_opd', unitCode: city.tourism }, { role: 'pegawai' }],
      positionCode: `${city.tourism}.KASUBAG.UMPEG`,
      description: 'Admin kepegawaian dinas pariwisata (admin_opd)',
    },
    {
      username: 'atasan',
      roles: [{ role: 'pegawai' }],
      positionCode: `${city.tourism}.B1.SUNGAI.KASI`,
      description: 'Kepala Seksi wisata sungai (atasan)',
    },
    {
      username: 'kabid',
      roles: [{ role: 'pegawai' }],
      positionCode: `${city.tourism}.B1.KEPALA`,
      description: 'Kepala Bidang destinasi, atasan dari atasan (atasan pejabat penilai)',
    },
    {
      username: 'pegawai',
      roles: [{ role: 'pegawai' }],
      positionCode: `${city.tourism}.B1.SUNGAI.S1`,
      description: 'Pelaksana wisata sungai (pegawai)',
    },
    {
      username: 'inspektorat',
      roles: [{ role: 'inspektorat' }, { role: 'pegawai' }],
      positionCode: 'INSPEKTORAT.B1.KEPALA',
      description: 'Inspektur Pembantu (inspektorat)',
    },
  ];
}

export interface SeedSummary {
  city: string;
  slug: string;
  units: number;
  positions: number;
  employees: number;
  logins: { username: string; description: string }[];
}

const chunks = <T>(rows: T[], size = 400): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

export async function seedCity(
  db: Db,
  city: CitySeed,
  seed: number,
  passwordHash: string,
  options: { activityLog?: boolean } = {},
): Promise<SeedSummary> {
  const tenantId = newId();
  const built = buildCity(tenantId, city, seed);
  const logins = demoLogins(city);
  const at = nowIso();
  await transaction(db.kysely, async (trx) => {
    await trx
      .insertInto('tenants')
      .values({
        id: tenantId,
        slug: city.slug,
        name: city.name,
        time_zone: 'Asia/Jakarta',
        settings: JSON.stringify({ demo: true }),
        active: 1,
        created_at: at,
      })
      .execute();
    for (const c of chunks(built.units)) await trx.insertInto('units').values(c).execute();
    // parents first, so the self-referencing foreign key is satisfied row by row
    const byId = new Map(built.positions.map((p) => [p.id, p]));
    const depth = (p: PositionTable): number =>
      p.parent_position_id ? 1 + depth(byId.get(p.parent_position_id) as PositionTable) : 0;
    const ordered = [...built.positions].sort((a, b) => depth(a) - depth(b));
    for (const c of chunks(ordered)) await trx.insertInto('positions').values(c).execute();
    for (const c of chunks(built.employees)) await trx.insertInto('employees').values(c).execute();
    const history = built.employees.map((e) => ({
      tenant_id: tenantId,
      id: newId(),
      employee_id: e.id,
      position_id: e.position_id as string,
      unit_id: e.unit_id as string,
      start_date: e.tmt > '2021-01-01' ? e.tmt : '2021-01-01',
      end_date: null,
      reason: null,
    }));
    for (let i = 0; i < history.length; i += 400)
      await trx
        .insertInto('position_history')
        .values(history.slice(i, i + 400))
        .execute();
    for (const a of built.acting) {
      await trx
        .insertInto('acting_assignments')
        .values({
          tenant_id: tenantId,
          id: newId(),
          position_id: a.position_id,
          employee_id: a.employee_id,
          kind: 'plt',
          start_date: '2026-10-01',
          end_date: null,
          active: 1,
        })
        .execute();
    }
    for (const login of logins) {
      const employeeId = login.positionCode ? (built.holderByCode.get(login.positionCode) ?? null) : null;
      const employee = built.employees.find((e) => e.id === employeeId);
      const userId = newId();
      await trx
        .insertInto('users')
        .values({
          tenant_id: tenantId,
          id: userId,
          username: login.username,
          display_name: login.displayName ?? employee?.name ?? login.username,
          password_hash: passwordHash,
          employee_id: employeeId,
          locale: 'id',
          active: 1,
          failed_logins: 0,
          locked_until: null,
          last_login_at: null,
          created_at: at,
        })
        .execute();
      for (const r of login.roles) {
        await trx
          .insertInto('user_roles')
          .values({
            tenant_id: tenantId,
            user_id: userId,
            role: r.role,
            unit_id: r.unitCode ? (built.unitIdByCode.get(r.unitCode) ?? null) : null,
          })
          .execute();
      }
    }
    const mayor = logins.find((l) => l.username === 'walikota')?.displayName ?? 'Wali Kota';
    const performance = await seedPerformance(trx, {
      tenantId,
      city: { slug: city.slug, name: city.name, mayor },
      units: built.units,
      positions: built.positions,
      employees: built.employees,
      acting: built.acting,
      rand: prng(seed + 1).next,
    });
    await seedActivities(trx, {
      tenantId,
      city: { slug: city.slug },
      units: built.units,
      positions: built.positions,
      employees: built.employees,
      rhksByEmployee: performance.rhksByEmployee,
      atasanByEmployee: performance.atasanByEmployee,
      rand: prng(seed + 2).next,
      log: options.activityLog !== false,
    });
    // final Q1–Q3 evaluations from the confirmed realisation (reads SKPs and activity rollups)
    await seedEvaluations(trx, { tenantId, rand: prng(seed + 4).next });
    await seedAttendance(trx, {
      tenantId,
      employees: built.employees,
      rand: prng(seed + 3).next,
      log: options.activityLog !== false,
      demoPegawaiId: built.holderByCode.get(`${city.tourism}.B1.SUNGAI.S1`) ?? null,
      sanctionedEmployeeId:
        built.holderByCode.get(`${city.hr}.B1.S3`) ?? built.holderByCode.get(`${city.hr}.B1.S2`) ?? null,
    });
    // TPP last: its runs read positions, activity rollups and attendance
    await seedTpp(trx, db.dialect, { tenantId, slug: city.slug });
    await recordAudit(
      trx,
      db.dialect,
      { tenantId, userId: null, userName: 'system', role: 'system', requestId: null, ip: null },
      {
        action: 'tenant.seed',
        entityType: 'tenant',
        entityId: tenantId,
        after: {
          slug: city.slug,
          units: built.units.length,
          positions: built.positions.length,
          employees: built.employees.length,
        },
      },
    );
  });
  return {
    city: city.name,
    slug: city.slug,
    units: built.units.length,
    positions: built.positions.length,
    employees: built.employees.length,
    logins: logins.map((l) => ({ username: l.username, description: l.description })),
  };
}

/** Seed Surabaya and Jambi when the database has no tenant yet. Returns null when it already had data. */
export async function seedDemoIfEmpty(db: Db): Promise<SeedSummary[] | null> {
  const any = await db.kysely.selectFrom('tenants').select('id').limit(1).executeTakeFirst();
  if (any) return null;
  const hash = await hashPassword(DEMO_PASSWORD);
  return [await seedCity(db, SURABAYA, 3578, hash), await seedCity(db, JAMBI, 1571, hash)];
}

export { DEMO_PASSWORD };
