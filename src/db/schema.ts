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

export interface Database
  extends SkpDatabase,
    ActivityDatabase,
    AttendanceDatabase,
    TppDatabase,
    EvaluationDatabase {
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

// ---------- attendance (0005) ----------
export interface AttendanceDayTable {
  tenant_id: string;
  employee_id: string;
  date: string;
  check_in_min: number | null;
  check_out_min: number | null;
  apel: number | null;
  /** derived by the attendance writer (0 when written directly: the month reader then re-derives it) */
  deviation: import('kysely').ColumnType<number, number | undefined, number>;
  source: string;
  import_id: string | null;
  updated_at: string;
}

export interface AttendanceMonthTable {
  tenant_id: string;
  employee_id: string;
  month: string;
  day_mask: number;
  tap_mask: number;
  deviations: string;
  last_date: string;
}

export interface AttendanceScheduleTable {
  tenant_id: string;
  id: string;
  name: string;
  valid_from: string;
  valid_to: string | null;
  days: string;
  created_at: string;
  updated_at: string;
}

export interface AttendanceDeductionRuleTable {
  tenant_id: string;
  code: string;
  min_minutes: number | null;
  max_minutes: number | null;
  basis_points: number;
  updated_at: string;
}

export interface DisciplinarySanctionTable {
  tenant_id: string;
  id: string;
  employee_id: string;
  start_month: string;
  months: number;
  basis_points: number;
  decree: string;
  reason: string | null;
  created_by: string;
  created_at: string;
}

export interface AttendanceDatabase {
  attendance_days: AttendanceDayTable;
  attendance_months: AttendanceMonthTable;
  attendance_schedules: AttendanceScheduleTable;
  attendance_deduction_rules: AttendanceDeductionRuleTable;
  disciplinary_sanctions: DisciplinarySanctionTable;
}

export interface TppPaguTable {
  tenant_id: string;
  kelas: number;
  /** integer rupiah per month */
  amount: number;
  updated_at: string;
}

export interface TppWeightTable {
  tenant_id: string;
  /** 'default' or a position kind */
  position_group: string;
  /** basis points, kinerja_bp + disiplin_bp = 10000 */
  kinerja_bp: number;
  disiplin_bp: number;
  kinerja_enabled: Flag;
  disiplin_enabled: Flag;
  updated_at: string;
}

export interface TppRuleTable {
  tenant_id: string;
  bpjs_bp: number;
  /** upper limit of the amount BPJS is taken from (rupiah); null = none */
  bpjs_cap: number | null;
  /** share of the acted-in position's pagu an acting holder (Plt) receives */
  acting_share_bp: number;
  updated_at: string;
}

export interface TppRunTable {
  tenant_id: string;
  id: string;
  month: string;
  status: string;
  employees: number;
  total_base: number;
  total_kinerja: number;
  total_disiplin: number;
  total_potongan: number;
  total_bruto: number;
  total_bpjs: number;
  total_netto: number;
  params_json: string;
  idempotency_key: string | null;
  computed_at: string | null;
  computed_by: string | null;
  checked_at: string | null;
  checked_by: string | null;
  locked_at: string | null;
  locked_by: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
}

export interface TppLineTable {
  tenant_id: string;
  run_id: string;
  employee_id: string;
  opd_id: string;
  opd_name: string;
  unit_id: string;
  position_id: string;
  nip: string;
  name: string;
  position_name: string;
  kelas: number;
  position_group: string;
  days: number;
  base: number;
  own_base: number;
  acting_base: number;
  approved_minutes: number;
  pending_minutes: number;
  effective_minutes: number;
  shortfall_minutes: number;
  performance_bp: number;
  deduction_bp: number;
  kinerja_weight_bp: number;
  disiplin_weight_bp: number;
  komponen_kinerja: number;
  disiplin_max: number;
  komponen_disiplin: number;
  potongan: number;
  bruto: number;
  bpjs: number;
  netto: number;
  detail_json: string;
}

export interface TppDatabase {
  tpp_pagu: TppPaguTable;
  tpp_weights: TppWeightTable;
  tpp_rules: TppRuleTable;
  tpp_runs: TppRunTable;
  tpp_lines: TppLineTable;
}

// ---------- evaluation (0004) ----------
export interface EvaluationTable {
  tenant_id: string;
  id: string;
  skp_id: string;
  employee_id: string;
  position_id: string;
  /** the unit whose distribution curve this evaluation counts in */
  unit_id: string;
  period_year: number;
  /** q1 … q4 or annual */
  kind: string;
  /** rated → acknowledged | objected → decided → final */
  status: string;
  evaluator_employee_id: string | null;
  evaluator_name: string;
  evaluator_acting: Flag;
  capaian: number | null;
  hasil: string;
  hasil_guide: string | null;
  hasil_reason: string | null;
  perilaku: string;
  perilaku_guide: string | null;
  perilaku_mean: number | null;
  perilaku_reason: string | null;
  rhk_json: string;
  behaviours_json: string;
  feedback: string | null;
  approved_minutes: number;
  effective_minutes: number;
  matrix_predikat: string;
  predikat: string;
  calibration_reason: string | null;
  calibrated_by: string | null;
  calibrated_at: string | null;
  rated_at: string;
  acknowledged_at: string | null;
  objection_reason: string | null;
  objected_at: string | null;
  reviewer_employee_id: string | null;
  reviewer_name: string | null;
  decision: string | null;
  decision_reason: string | null;
  decided_at: string | null;
  final_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface EvaluationUnitPredikatTable {
  tenant_id: string;
  unit_id: string;
  period_year: number;
  kind: string;
  predikat: string;
  /** 'bkpsdm' (set by hand) or 'leader' (follows the unit leader's hasil kerja rating) */
  source: string;
  reason: string | null;
  set_by: string;
  set_at: string;
}

export interface EvaluationCurveTable {
  tenant_id: string;
  unit_predikat: string;
  rules_json: string;
  updated_by: string;
  updated_at: string;
}

export interface EvaluationFinalisationTable {
  tenant_id: string;
  unit_id: string;
  period_year: number;
  kind: string;
  unit_predikat: string;
  counts_json: string;
  deviations_json: string;
  reason: string | null;
  finalised_by: string;
  finalised_at: string;
}

export interface EvaluationDatabase {
  evaluations: EvaluationTable;
  evaluation_unit_predikat: EvaluationUnitPredikatTable;
  evaluation_curves: EvaluationCurveTable;
  evaluation_finalisations: EvaluationFinalisationTable;
}
