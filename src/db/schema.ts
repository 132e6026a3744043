/**
 * Table types for Kysely. Both dialects store the same shapes: text ids (UUIDv7), ISO text dates and
 * timestamps, integer flags (0/1) and JSON as text, so repositories never branch on the dialect.
 */

export type Flag = 0 | 1;

export interface TenantTable {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  settings: string;
  active: Flag;
  created_at: string;
}

export interface UserTable {
  tenant_id: string;
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  employee_id: string | null;
  locale: string;
  active: Flag;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
}

export interface UserRoleTable {
  tenant_id: string;
  user_id: string;
  role: string;
  /** org scope for admin_opd; null = whole city */
  unit_id: string | null;
}

export interface SessionTable {
  tenant_id: string;
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface UnitTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  type: string;
  parent_id: string | null;
  /** materialised path of ids: "/root/child/.../self/" */
  path: string;
  depth: number;
  valid_from: string;
  valid_to: string | null;
  active: Flag;
  created_at: string;
  updated_at: string;
}

export interface PositionTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  kind: string;
  kelas: number;
  unit_id: string;
  parent_position_id: string | null;
  is_key: Flag;
  competencies: string;
  active: Flag;
  created_at: string;
  updated_at: string;
}

export interface EmployeeTable {
  tenant_id: string;
  id: string;
  nip: string;
  asn_type: string;
  name: string;
  sex: string;
  birth_date: string;
  tmt: string;
  golongan: string | null;
  education: string | null;
  email: string | null;
  phone: string | null;
  position_id: string | null;
  unit_id: string | null;
  status: string;
  status_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface PositionHistoryTable {
  tenant_id: string;
  id: string;
  employee_id: string;
  position_id: string;
  unit_id: string;
  start_date: string;
  end_date: string | null;
  reason: string | null;
}

export interface ActingAssignmentTable {
  tenant_id: string;
  id: string;
  position_id: string;
  employee_id: string;
  kind: string;
  start_date: string;
  end_date: string | null;
  active: Flag;
}

export interface AuditHeadTable {
  tenant_id: string;
  seq: number;
  hash: string;
}

export interface AuditLogTable {
  tenant_id: string;
  seq: number;
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface ImportJobTable {
  tenant_id: string;
  id: string;
  kind: string;
  filename: string;
  status: string;
  total_rows: number;
  processed_rows: number;
  error_count: number;
  created_by: string;
  created_at: string;
  committed_at: string | null;
  failure: string | null;
}

export interface ImportRowTable {
  tenant_id: string;
  job_id: string;
  row_no: number;
  data: string;
}

export interface ImportErrorTable {
  tenant_id: string;
  job_id: string;
  seq: number;
  row_no: number;
  column_name: string;
  code: string;
  params: string;
}

export interface Database {
  tenants: TenantTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  units: UnitTable;
  positions: PositionTable;
  employees: EmployeeTable;
  position_history: PositionHistoryTable;
  acting_assignments: ActingAssignmentTable;
  audit_heads: AuditHeadTable;
  audit_log: AuditLogTable;
  import_jobs: ImportJobTable;
  import_rows: ImportRowTable;
  import_errors: ImportErrorTable;
}
