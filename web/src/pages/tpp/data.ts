/** Types and queries of the TPP screens (mirrors src/modules/tpp/schemas.ts). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { formatNumber } from '../../format';

export interface TppTotals {
  employees: number;
  base: number;
  kinerja: number;
  disiplin: number;
  potongan: number;
  bruto: number;
  bpjs: number;
  netto: number;
}

export type RunStatus = 'draft' | 'checked' | 'locked';

export interface TppRunSummary {
  id: string;
  month: string;
  status: RunStatus;
  totals: TppTotals;
  computedAt: string | null;
  computedBy: string | null;
  checkedAt: string | null;
  checkedBy: string | null;
  lockedAt: string | null;
  lockedBy: string | null;
  createdAt: string;
  abilities: { compute: boolean; check: boolean; lock: boolean; export: boolean };
}

export interface TppRun extends TppRunSummary {
  opds: { opdId: string; opdName: string; totals: TppTotals & { disiplinMax: number } }[];
  reconciliation: { ok: boolean; fromLines: TppTotals };
}

export interface TppRunList {
  items: TppRunSummary[];
  nextCursor: string | null;
  currentMonth: string;
  abilities: { create: boolean };
}

export interface TppLineRow {
  employeeId: string;
  name: string;
  nip: string;
  opdId: string;
  opdName: string;
  positionName: string;
  kelas: number;
  days: number;
  base: number;
  actingBase: number;
  performanceBp: number;
  deductionBp: number;
  komponenKinerja: number;
  disiplinMax: number;
  komponenDisiplin: number;
  potongan: number;
  bruto: number;
  bpjs: number;
  netto: number;
}

export interface WeightRow {
  group: string;
  kinerjaBp: number;
  disiplinBp: number;
  kinerjaEnabled: boolean;
  disiplinEnabled: boolean;
}

export interface TppSettings {
  configured: boolean;
  pagu: { kelas: number; amount: number }[];
  weights: WeightRow[];
  rules: { bpjsBp: number; bpjsCap: number | null; actingShareBp: number };
  abilities: { manage: boolean };
}

export interface DeductionLine {
  date: string;
  code: string;
  basisPoints: number;
  minutes?: number;
  note?: string;
}

export interface TppLine {
  month: string;
  status: 'estimate' | RunStatus;
  runId: string | null;
  employee: { id: string; name: string; nip: string };
  position: { id: string; name: string; kelas: number; group: string };
  opd: { id: string; name: string };
  daysInMonth: number;
  days: number;
  segments: {
    positionId: string;
    positionName: string;
    kind: string;
    kelas: number;
    from: string;
    to: string;
    days: number;
    pagu: number;
    amountExact: string;
  }[];
  acting: {
    positionId: string;
    positionName: string;
    kelas: number;
    from: string;
    to: string;
    days: number;
    eligibleDays: number;
    pagu: number;
    shareBp: number;
    amountExact: string;
  }[];
  ownBase: number;
  actingBase: number;
  base: number;
  performance: {
    factorBp: number;
    approved: number;
    pending: number;
    effective: number;
    shortfall: number;
    cap: number;
    workingDays: number;
    leaveDays: number;
    perDay: number;
  };
  weights: WeightRow & { effectiveKinerjaBp: number; effectiveDisiplinBp: number };
  kinerjaMax: number;
  komponenKinerja: number;
  disiplinMax: number;
  deductions: {
    recorded: boolean;
    daysPresent: number;
    daysAbsent: number;
    totalBp: number;
    appliedBp: number;
    lines: DeductionLine[];
  };
  komponenDisiplin: number;
  potongan: number;
  bruto: number;
  bpjs: { rateBp: number; cap: number | null; amount: number };
  netto: number;
  rounding: { base: string; kinerja: string; kinerjaMax: string; disiplin: string; bpjs: string };
}

export interface TppWarning {
  code: string;
  severity: 'info' | 'warn' | 'danger';
  message: string;
  deadline: string | null;
  dates: string[];
  params: Record<string, string | number>;
}

export interface TppExplanation {
  month: string;
  today: string;
  closeDeadline: string;
  line: TppLine | null;
  warnings: TppWarning[];
  employee?: { id: string; name: string; nip: string };
}

export const tppKeys = {
  settings: ['tpp', 'settings'] as const,
  runs: ['tpp', 'runs'] as const,
  run: (id: string) => ['tpp', 'run', id] as const,
  lines: (id: string, params: Record<string, unknown>) => ['tpp', 'lines', id, params] as const,
  mine: (month: string) => ['tpp', 'me', month] as const,
  employee: (id: string, month: string) => ['tpp', 'employee', id, month] as const,
};

export function useTppSettings() {
  return useQuery({ queryKey: tppKeys.settings, queryFn: () => api<TppSettings>('/tpp/settings') });
}

export function useTppRuns() {
  return useQuery({
    queryKey: tppKeys.runs,
    queryFn: () => api<TppRunList>('/tpp/runs', { query: { limit: 36 } }),
  });
}

export function useTppRun(id: string) {
  return useQuery({
    queryKey: tppKeys.run(id),
    queryFn: () => api<TppRun>(`/tpp/runs/${encodeURIComponent(id)}`),
    enabled: !!id,
  });
}

export function useMyTpp(month: string, enabled: boolean) {
  return useQuery({
    queryKey: tppKeys.mine(month),
    queryFn: () => api<TppExplanation>('/tpp/me', { query: { month } }),
    enabled,
    retry: false,
  });
}

export function useEmployeeTpp(id: string, month: string) {
  return useQuery({
    queryKey: tppKeys.employee(id, month),
    queryFn: () => api<TppExplanation>(`/tpp/employees/${encodeURIComponent(id)}`, { query: { month } }),
    enabled: !!id,
    retry: false,
  });
}

/** `Rp 1.250.000` (a negative amount as `−Rp 25.000`). */
export const rupiah = (n: number | null | undefined): string =>
  n === null || n === undefined ? '—' : n < 0 ? `−Rp ${formatNumber(-n)}` : `Rp ${formatNumber(n)}`;

const pct = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });
/** Basis points as a percentage: 8000 → `80%`, 9524 → `95,24%`. */
export const bpText = (bp: number | null | undefined): string =>
  bp === null || bp === undefined ? '—' : `${pct.format(bp / 100)}%`;

/** `10909677.42` → `10.909.677,42` */
export function exactText(value: string): string {
  const [whole, frac = '00'] = value.split('.');
  return `${formatNumber(Number(whole))},${frac}`;
}
