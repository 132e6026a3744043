export type Lang = 'id' | 'en';

export interface Paged<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Role {
  role: string;
  unitId: string | null;
  unitName: string | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  locale: Lang;
  tenant: { id: string; slug: string; name: string };
  roles: Role[];
  employeeId: string | null;
  abilities: Record<string, boolean | undefined> & {
    'org.manage'?: boolean;
    'import.run'?: boolean;
    'audit.read'?: boolean;
  };
}

export interface Session {
  user: User;
  csrfToken: string;
}

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
export type UnitType = (typeof UNIT_TYPES)[number];

export interface Unit {
  id: string;
  code: string;
  name: string;
  type: UnitType;
  parentId: string | null;
  path: string;
  validFrom: string | null;
  validTo: string | null;
  active: boolean;
  positionCount: number;
  employeeCount: number;
  abilities: {
    update?: boolean;
    move?: boolean;
    deactivate?: boolean;
    delete?: boolean;
    createChild?: boolean;
  };
}

export interface UnitDetail extends Unit {
  ancestors: { id: string; name: string }[];
}

export const POSITION_KINDS = ['jpt', 'administrator', 'pengawas', 'pelaksana', 'fungsional'] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

export interface PersonRef {
  id: string;
  name: string;
  nip: string;
}

export interface Position {
  id: string;
  code: string;
  name: string;
  kind: PositionKind;
  kelas: number;
  unitId: string;
  unitName: string;
  parentPositionId: string | null;
  parentPositionName: string | null;
  isKey: boolean;
  active: boolean;
  holder: PersonRef | null;
  acting: (PersonRef & { kind: 'plt' | 'plh' }) | null;
  abilities: { update?: boolean; deactivate?: boolean };
}

export type EmployeeStatus = 'active' | 'retired' | 'moved' | 'inactive' | string;

export interface EmployeeSummary {
  id: string;
  nip: string;
  name: string;
  asnType: 'PNS' | 'PPPK' | string;
  positionId: string | null;
  positionName: string | null;
  unitId: string | null;
  unitName: string | null;
  status: EmployeeStatus;
}

export interface Atasan {
  employeeId: string;
  name: string;
  nip: string;
  positionName: string | null;
  acting: boolean;
}

export interface Employee extends EmployeeSummary {
  sex: string | null;
  birthDate?: string | null;
  tmtCpns: string | null;
  golongan: string | null;
  education: string | null;
  email?: string | null;
  phone?: string | null;
  nipInfo: {
    birthDate: string | null;
    tmt: string | null;
    sex: string | null;
    sequence: string | number | null;
    kind: string | null;
  } | null;
  atasan: Atasan | null;
  atasanPenilai: Atasan | null;
  history: {
    positionId: string | null;
    positionName: string | null;
    unitName: string | null;
    startDate: string | null;
    endDate: string | null;
    reason: string | null;
  }[];
  retirementDate: string | null;
  abilities: { update?: boolean; move?: boolean; deactivate?: boolean; readPersonal?: boolean };
}

export interface OrgStats {
  units: number;
  positions: number;
  vacantPositions: number;
  employees: number;
  activeEmployees: number;
}

export const IMPORT_KINDS = ['units', 'positions', 'employees'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export type ImportStatus = 'parsing' | 'ready' | 'invalid' | 'committing' | 'committed' | 'failed';

export interface ImportJob {
  id: string;
  kind: ImportKind;
  filename: string;
  status: ImportStatus;
  totalRows: number | null;
  processedRows: number | null;
  errorCount: number;
  createdAt: string;
  committedAt: string | null;
  /** Not in the contract summary; shown when present on a failed job. */
  failure?: string | null;
  abilities: { commit?: boolean };
}

export interface ImportError {
  row: number;
  column: string | null;
  message: string;
}

export interface ImportPreviewRow {
  row: number;
  data: Record<string, unknown>;
}

export const AUDIT_ENTITY_TYPES = ['unit', 'position', 'employee', 'user', 'session', 'import'] as const;

export interface AuditEntry {
  seq: number;
  at: string;
  actorUserId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  hash: string;
}

export type AuditVerify =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAt: { seq: number; at: string; action: string } };
