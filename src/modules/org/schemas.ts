import { z } from 'zod';

export const UNIT_TYPES = [
  'pemda',
  'sekretariat',
  'dinas',
  'badan',
  'kecamatan',
  'kelurahan',
  'bagian',
  'bidang',
  'seksi',
  'subbagian',
  'uptd',
  'lainnya',
] as const;
export const POSITION_KINDS = ['jpt', 'administrator', 'pengawas', 'pelaksana', 'fungsional'] as const;
export const EMPLOYEE_STATUSES = ['active', 'retired', 'moved', 'inactive'] as const;

const isoDate = z.iso.date();
const id = z.string().min(1).max(64);
const code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/);
const name = z.string().trim().min(2).max(200);

export const IdParams = z.strictObject({ id });

const Abilities = (keys: readonly string[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.boolean()])));

export const Unit = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    type: z.string(),
    parentId: z.string().nullable(),
    path: z.string(),
    depth: z.number(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    active: z.boolean(),
    positionCount: z.number(),
    employeeCount: z.number(),
    abilities: Abilities(['update', 'move', 'deactivate', 'delete', 'createChild']),
  })
  .meta({ id: 'Unit' });
export const UnitDetail = Unit.extend({
  ancestors: z.array(z.object({ id: z.string(), name: z.string() })),
}).meta({
  id: 'UnitDetail',
});
export const UnitList = z.object({ items: z.array(Unit) }).meta({ id: 'UnitList' });
export const UnitQuery = z.strictObject({
  parentId: id.optional(),
  q: z.string().max(100).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
export const CreateUnit = z.strictObject({
  code,
  name,
  type: z.enum(UNIT_TYPES),
  parentId: id,
  validFrom: isoDate.optional(),
});
export const UpdateUnit = z
  .strictObject({ code: code.optional(), name: name.optional(), type: z.enum(UNIT_TYPES).optional() })
  .refine((v) => Object.keys(v).length > 0, { params: { code: 'VALIDATION_FAILED' } });
export const MoveUnit = z.strictObject({ parentId: id });
export const DeactivateUnit = z.strictObject({ validTo: isoDate.optional() });

const PersonRef = z.object({ id: z.string(), name: z.string(), nip: z.string() });
export const Position = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.string(),
    kelas: z.number(),
    unitId: z.string(),
    unitName: z.string(),
    parentPositionId: z.string().nullable(),
    parentPositionName: z.string().nullable(),
    isKey: z.boolean(),
    active: z.boolean(),
    holder: PersonRef.nullable(),
    acting: PersonRef.extend({ kind: z.string() }).nullable(),
    abilities: Abilities(['update', 'deactivate']),
  })
  .meta({ id: 'Position' });
export const PositionList = z
  .object({ items: z.array(Position), nextCursor: z.string().nullable() })
  .meta({ id: 'PositionList' });
export const PositionQuery = z.strictObject({
  unitId: id.optional(),
  vacant: z.enum(['true', 'false']).optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});
export const CreatePosition = z.strictObject({
  code,
  name,
  kind: z.enum(POSITION_KINDS),
  kelas: z.number().int().min(1).max(17),
  unitId: id,
  parentPositionId: id.nullable().optional(),
  isKey: z.boolean().optional(),
});
export const UpdatePosition = z
  .strictObject({
    code: code.optional(),
    name: name.optional(),
    kind: z.enum(POSITION_KINDS).optional(),
    kelas: z.number().int().min(1).max(17).optional(),
    unitId: id.optional(),
    parentPositionId: id.nullable().optional(),
    isKey: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { params: { code: 'VALIDATION_FAILED' } });
export const SetActing = z.strictObject({
  employeeId: id,
  kind: z.enum(['plt', 'plh']),
  startDate: isoDate,
  endDate: isoDate.optional(),
});

export const EmployeeSummary = z
  .object({
    id: z.string(),
    nip: z.string(),
    name: z.string(),
    asnType: z.string(),
    positionId: z.string().nullable(),
    positionName: z.string().nullable(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    status: z.string(),
  })
  .meta({ id: 'EmployeeSummary' });
export const EmployeeList = z
  .object({ items: z.array(EmployeeSummary), nextCursor: z.string().nullable() })
  .meta({ id: 'EmployeeList' });
export const EmployeeQuery = z.strictObject({
  unitId: id.optional(),
  q: z.string().max(100).optional(),
  status: z.enum(EMPLOYEE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(300).optional(),
});
const AtasanRef = z
  .object({
    employeeId: z.string(),
    name: z.string(),
    nip: z.string(),
    positionName: z.string(),
    acting: z.boolean(),
  })
  .nullable();
export const Employee = EmployeeSummary.extend({
  sex: z.string(),
  birthDate: z.string().nullable(),
  tmtCpns: z.string(),
  golongan: z.string().nullable(),
  education: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  nipInfo: z
    .object({
      birthDate: z.string(),
      tmt: z.string(),
      sex: z.string(),
      sequence: z.string(),
      kind: z.string(),
      contractCount: z.number().nullable(),
      formatted: z.string(),
    })
    .nullable(),
  atasan: AtasanRef,
  atasanPenilai: AtasanRef,
  history: z.array(
    z.object({
      positionId: z.string(),
      positionName: z.string(),
      unitName: z.string(),
      startDate: z.string(),
      endDate: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  retirementDate: z.string().nullable(),
  statusDate: z.string().nullable(),
  abilities: Abilities(['update', 'move', 'deactivate', 'readPersonal']),
}).meta({ id: 'Employee' });

const golongan = z.string().trim().max(40);
const email = z.email().max(200);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 -]{6,20}$/);
export const CreateEmployee = z.strictObject({
  nip: z.string().trim().max(30),
  asnType: z.enum(['PNS', 'PPPK']),
  name,
  sex: z.enum(['L', 'P']),
  golongan: golongan.optional(),
  education: z.string().trim().max(100).optional(),
  email: email.optional(),
  phone: phone.optional(),
  positionId: id.optional(),
  startDate: isoDate.optional(),
});
export const UpdateEmployee = z
  .strictObject({
    name: name.optional(),
    golongan: golongan.nullable().optional(),
    education: z.string().trim().max(100).nullable().optional(),
    email: email.nullable().optional(),
    phone: phone.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { params: { code: 'VALIDATION_FAILED' } });
export const MoveEmployee = z.strictObject({
  positionId: id,
  startDate: isoDate,
  reason: z.string().trim().min(3).max(300),
});
export const DeactivateEmployee = z.strictObject({
  status: z.enum(['retired', 'moved', 'inactive']),
  date: isoDate,
  reason: z.string().trim().min(3).max(300),
});
export const OrgStats = z
  .object({
    units: z.number(),
    positions: z.number(),
    vacantPositions: z.number(),
    employees: z.number(),
    activeEmployees: z.number(),
  })
  .meta({ id: 'OrgStats' });
