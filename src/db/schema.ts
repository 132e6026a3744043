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

export interface Database extends SkpDatabase, ActivityDatabase {
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

export interface PeriodTable {
  tenant_id: string;
  id: string;
  year: number;
  start_date: string;
  end_date: string;
  status: string;
  created_at: string;
}

export interface CityGoalTable {
  tenant_id: string;
  id: string;
  period_id: string;
  code: string;
  title: string;
  description: string | null;
  status: string;
  approved_by: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface IndicatorColumns {
  tenant_id: string;
  id: string;
  sort: number;
  name: string;
  target_value: number | null;
  target_text: string | null;
  unit: string;
  direction: string;
}

export interface GoalIndicatorTable extends IndicatorColumns {
  goal_id: string;
}

export interface SkpTable {
  tenant_id: string;
  id: string;
  period_id: string;
  employee_id: string;
  position_id: string;
  unit_id: string;
  status: string;
  revision: number;
  return_reason: string | null;
  /** identities of the employee, evaluator and evaluator's evaluator as at approval */
  header_json: string | null;
  approved_by_employee_id: string | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RhkTable {
  tenant_id: string;
  id: string;
  skp_id: string;
  period_id: string;
  sort: number;
  kind: string;
  text: string;
  parent_rhk_id: string | null;
  goal_id: string | null;
  perspective: string | null;
}

export interface RhkIndicatorTable extends IndicatorColumns {
  rhk_id: string;
  aspect: string;
}

export interface SkpBehaviourTable {
  tenant_id: string;
  skp_id: string;
  code: string;
  expectation: string;
}

export interface SkpEventTable {
  tenant_id: string;
  id: string;
  skp_id: string;
  action: string;
  actor_employee_id: string | null;
  actor_name: string | null;
  reason: string | null;
  at: string;
}

export interface FileTable {
  tenant_id: string;
  sha: string;
  size: number;
  mime: string;
  name: string;
  created_by: string;
  created_at: string;
}

export interface RealisationTable {
  tenant_id: string;
  id: string;
  skp_id: string;
  indicator_id: string;
  quarter: number;
  value: number | null;
  note: string | null;
  evidence_json: string;
  status: string;
  decided_by: string | null;
  decided_at: string | null;
  reject_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface NotificationTable {
  tenant_id: string;
  id: string;
  employee_id: string;
  kind: string;
  params: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface SkpDatabase {
  periods: PeriodTable;
  city_goals: CityGoalTable;
  goal_indicators: GoalIndicatorTable;
  skps: SkpTable;
  rhks: RhkTable;
  rhk_indicators: RhkIndicatorTable;
  skp_behaviours: SkpBehaviourTable;
  skp_events: SkpEventTable;
  files: FileTable;
  realisations: RealisationTable;
  notifications: NotificationTable;
}

export interface ActivityCatalogTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  output_unit: string;
  standard_minutes: number;
  /** JSON array of position kinds the item applies to */
  position_kinds: string;
  active: Flag;
  created_at: string;
  updated_at: string;
}

export interface ActivityTable {
  tenant_id: string;
  id: string;
  employee_id: string;
  position_id: string;
  unit_id: string;
  date: string;
  catalog_id: string;
  quantity: number;
  minutes: number;
  rhk_id: string | null;
  note: string | null;
  evidence_json: string;
  /** HH:MM in the tenant's time zone */
  start_time: string | null;
  end_time: string | null;
  status: string;
  /** the quantity as logged, when the atasan adjusted it */
  original_quantity: number | null;
  verified_by: string | null;
  verified_at: string | null;
  reject_reason: string | null;
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface WorkCalendarTable {
  tenant_id: string;
  date: string;
  kind: string;
  name: string;
}

export interface EmployeeLeaveTable {
  tenant_id: string;
  id: string;
  employee_id: string;
  start_date: string;
  end_date: string;
  kind: string;
  note: string | null;
}

export interface RollupPersonDayTable {
  tenant_id: string;
  employee_id: string;
  date: string;
  entries: number;
  minutes_logged: number;
  minutes_approved: number;
  minutes_pending: number;
}

export interface RollupPersonMonthTable {
  tenant_id: string;
  employee_id: string;
  month: string;
  entries: number;
  minutes_logged: number;
  minutes_approved: number;
  minutes_pending: number;
  minutes_rejected: number;
}

export interface RollupUnitMonthTable {
  tenant_id: string;
  unit_id: string;
  month: string;
  entries: number;
  minutes_approved: number;
  minutes_pending: number;
  people: number;
}

export interface RollupOpdMonthTable {
  tenant_id: string;
  opd_id: string;
  month: string;
  entries: number;
  minutes_approved: number;
  minutes_pending: number;
  people: number;
}

export interface ActivityDatabase {
  activity_catalog: ActivityCatalogTable;
  activities: ActivityTable;
  work_calendar: WorkCalendarTable;
  employee_leave: EmployeeLeaveTable;
  rollup_person_day: RollupPersonDayTable;
  rollup_person_month: RollupPersonMonthTable;
  rollup_unit_month: RollupUnitMonthTable;
  rollup_opd_month: RollupOpdMonthTable;
}
