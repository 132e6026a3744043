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

/* ---------- Performance contracts (SKP), city goals, cascade, inbox ---------- */

export interface Period {
  id: string;
  year: number;
  startDate: string;
  endDate: string;
  status: 'open' | 'closed';
  abilities: { manageGoals?: boolean };
}

export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface GoalIndicator {
  id: string;
  name: string;
  targetValue: number | null;
  unit: string;
  direction: Direction;
  targetText: string | null;
}

export interface Goal {
  id: string;
  periodId: string;
  code: string;
  title: string;
  description: string | null;
  status: 'draft' | 'approved';
  approvedAt: string | null;
  approvedByName: string | null;
  indicators: GoalIndicator[];
  coverage: { rhkCount: number; employeeCount: number };
  abilities: { update?: boolean; approve?: boolean; delete?: boolean };
}

export const SKP_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'revision'] as const;
export type SkpStatus = (typeof SKP_STATUSES)[number];

export interface SkpAbilities {
  read?: boolean;
  edit?: boolean;
  /** Owner while editable, and the atasan until approval (not in the contract summary; sent by the server). */
  editBehaviours?: boolean;
  submit?: boolean;
  approve?: boolean;
  return?: boolean;
  revise?: boolean;
  realise?: boolean;
  confirmRealisation?: boolean;
}

export interface SkpSummary {
  id: string;
  periodId: string;
  year: number;
  status: SkpStatus;
  revision: number;
  /** Reason of the last return (sent by the server next to the events). */
  returnReason?: string | null;
  employee: PersonRef;
  positionName: string | null;
  unitName: string | null;
  evaluator: (PersonRef & { positionName: string | null; acting: boolean }) | null;
  rhkCount: number;
  /** Mean capaian % of confirmed realisations. */
  progress: number | null;
  updatedAt: string;
  abilities: SkpAbilities;
}

export interface SkpPerson {
  name: string;
  nip: string | null;
  pangkat: string | null;
  jabatan: string | null;
  unit: string | null;
}

export type RhkParent =
  | { type: 'rhk'; id: string; text: string; ownerName: string }
  | { type: 'goal'; id: string; code: string; title: string };

export const ASPECTS = ['kuantitas', 'kualitas', 'waktu', 'biaya'] as const;
export type Aspect = (typeof ASPECTS)[number];
export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];
export type RealisationStatus = 'submitted' | 'confirmed' | 'rejected';

export interface Evidence {
  sha: string;
  name: string;
  size: number;
  mime: string;
  url: string;
}

export interface Realisation {
  id: string;
  quarter: Quarter;
  value: number | null;
  note: string | null;
  status: RealisationStatus;
  rejectReason?: string | null;
  capaian: number | null;
  evidence: Evidence[];
  abilities: { confirm?: boolean };
}

export interface Indicator {
  id: string;
  aspect: Aspect;
  name: string;
  targetValue: number | null;
  targetText: string | null;
  unit: string;
  direction: Direction;
  realisations: Realisation[];
}

export type RhkKind = 'utama' | 'tambahan';

export interface Rhk {
  id: string;
  kind: RhkKind;
  text: string;
  parent: RhkParent | null;
  perspective: string | null;
  indicators: Indicator[];
}

export const BEHAVIOUR_CODES = [
  'berorientasi_pelayanan',
  'akuntabel',
  'kompeten',
  'harmonis',
  'loyal',
  'adaptif',
  'kolaboratif',
] as const;
export type BehaviourCode = (typeof BEHAVIOUR_CODES)[number];

export interface Behaviour {
  code: BehaviourCode;
  label: string;
  description?: string;
  expectation: string | null;
}

export interface SkpEvent {
  action: string;
  actorName: string | null;
  reason: string | null;
  at: string;
}

export interface Skp extends SkpSummary {
  header: {
    instansi?: string;
    employee: SkpPerson;
    evaluator: SkpPerson | null;
    evaluator2: SkpPerson | null;
    period: { start: string; end: string };
  };
  rhks: Rhk[];
  behaviours: Behaviour[];
  events: SkpEvent[];
  parentOptions: RhkParent[];
}

export interface MissingSkp {
  employeeId: string;
  name: string;
  nip: string;
  positionName: string | null;
}

export interface SubordinateSkps {
  items: SkpSummary[];
  missing: MissingSkp[];
}

export interface UploadedFile {
  sha: string;
  name: string;
  size: number;
  mime: string;
}

export interface CascadeNode {
  rhkId: string;
  text: string;
  employee: PersonRef;
  positionName: string | null;
  unitName: string | null;
  opdName: string | null;
  skpStatus: SkpStatus | null;
  indicators: { name: string; targetValue: number | null; targetText: string | null; unit: string }[];
  children: CascadeNode[];
}

export type PathStep =
  | { type: 'rhk'; rhkId: string; text: string; employeeName: string; positionName: string | null }
  | { type: 'goal'; id: string; code: string; title: string };

export interface SkpCoverage {
  positionsWithoutApprovedSkp: {
    positionId: string;
    positionName: string;
    unitName: string | null;
    holderName: string | null;
    status: SkpStatus | null;
  }[];
  orphanRhks: { rhkId: string; text: string; employeeName: string }[];
  goalsWithoutRhk: { id: string; code: string; title: string }[];
  totals: { heldPositions: number; approved: number };
}

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface Inbox {
  items: InboxItem[];
  unread: number;
}

/* ---------- Daily activities, workload, staffing need (ABK) ---------- */

export interface CatalogItem {
  id: string;
  code: string;
  name: string;
  outputUnit: string;
  standardMinutes: number;
  positionKinds: string[];
  active: boolean;
  abilities: { update?: boolean };
}

export type ActivityStatus = 'pending' | 'approved' | 'rejected';
export const ACTIVITY_STATUSES = ['pending', 'approved', 'rejected'] as const;

/** Body of `POST /activities` (and of one queued entry). */
export interface ActivityInput {
  date: string;
  catalogId: string;
  quantity: number;
  rhkId?: string | null;
  note?: string | null;
  evidence?: string[];
  startTime?: string | null;
  endTime?: string | null;
}

export interface Activity {
  id: string;
  date: string;
  employee: PersonRef;
  catalogId: string;
  catalogCode: string;
  catalogName: string;
  outputUnit: string;
  standardMinutes: number;
  quantity: number;
  /** the quantity as logged, when the atasan adjusted it */
  originalQuantity: number | null;
  minutes: number;
  rhkId: string | null;
  rhkText: string | null;
  note: string | null;
  /** file hashes */
  evidence: string[];
  startTime: string | null;
  endTime: string | null;
  status: ActivityStatus;
  rejectReason: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
  /** last day the atasan may verify it */
  verifyUntil: string;
  createdAt: string;
  abilities: { delete?: boolean; verify?: boolean };
}

export interface CopyResult {
  sourceDate: string | null;
  created: Activity[];
  skipped: { sourceId: string; catalogName: string; code: string; reason: string }[];
}

export interface QueueEmployee {
  employeeId: string;
  name: string;
  nip: string;
  positionName: string;
  pendingMinutes: number;
}

export interface ActivityQueue {
  items: Activity[];
  employees: QueueEmployee[];
  nextCursor: string | null;
}

export type WorkloadBand = 'under' | 'normal' | 'over';

export interface WorkloadDay {
  date: string;
  working: boolean;
  holiday: string | null;
  leave: string | null;
  logged: number;
  approved: number;
  pending: number;
}

export interface Workload {
  month: string;
  employee: PersonRef & { positionName: string | null; unitName: string | null };
  workingDays: number;
  leaveDays: number;
  effectiveMinutes: number;
  approvedMinutes: number;
  pendingMinutes: number;
  rejectedMinutes: number;
  ratioUncapped: number | null;
  nilaiAktivitas: number | null;
  band: WorkloadBand | null;
  thresholds: { under: number; over: number };
  days: WorkloadDay[];
  history: { month: string; approvedMinutes: number; effectiveMinutes: number; ratio: number | null }[];
}

export interface PersonLoad {
  employeeId: string;
  name: string;
  nip: string;
  positionName: string | null;
  unitName: string;
  approvedMinutes: number;
  effectiveMinutes: number;
  ratio: number;
}

export interface WorkloadAggregateRow {
  unitId: string;
  name: string;
  people: number;
  loggingPeople: number;
  entries: number;
  approvedMinutes: number;
  pendingMinutes: number;
  effectiveMinutes: number;
  ratio: number | null;
  under: number;
  normal: number;
  over: number;
}

export interface WorkloadDistribution {
  month: string;
  unit: { id: string; name: string };
  workingDays: number;
  people: number;
  withoutEffectiveTime: number;
  approvedMinutes: number;
  effectiveMinutes: number;
  ratio: number | null;
  thresholds: { under: number; over: number };
  buckets: { label: string; from: number; to: number | null; count: number }[];
  bands: { under: number; normal: number; over: number };
  overloaded: PersonLoad[];
  underloaded: PersonLoad[];
  rows: WorkloadAggregateRow[];
}

export type PjClass = 'A' | 'B' | 'C' | 'D' | 'E';

export interface AbkFigures {
  bebanKerja: number;
  kebutuhan: number;
  pns: number;
  pppk: number;
  holders: number;
  selisih: number;
  selisihLabel: string;
  ej: number | null;
  pj: PjClass | null;
  pjLabel: string | null;
}

export interface AbkRow extends AbkFigures {
  jabatan: string;
  kind: string;
  positions: number;
}

export interface Abk {
  year: number;
  unit: { id: string; name: string };
  months: string[];
  wkeMinutes: number;
  units: { unitId: string; unitName: string; rows: AbkRow[]; total: AbkFigures }[];
  total: AbkFigures;
}
