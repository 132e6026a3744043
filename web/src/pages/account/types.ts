import type { WorkloadBand } from '../../types';

/** Mirrors `PerformanceAccount` of the API (GET /api/v1/accounts/{id}). */
export interface AccountRef {
  employeeId: string;
  name: string;
  nip: string;
  positionName: string;
  acting: boolean;
}

export interface AccountQuarter {
  quarter: number;
  value: number | null;
  status: string;
  capaian: number | null;
}

export interface AccountIndicator {
  id: string;
  aspect: string;
  name: string;
  targetValue: number | null;
  targetText: string | null;
  unit: string;
  direction: string;
  quarters: AccountQuarter[];
  capaian: number | null;
  latestQuarter: number | null;
}

export interface AccountSkp {
  id: string;
  status: string;
  revision: number;
  positionName: string;
  returnReason: string | null;
  approvedAt: string | null;
  progress: number | null;
  indicatorCount: number;
  measuredCount: number;
  rhks: { id: string; kind: string; text: string; indicators: AccountIndicator[] }[];
}

export interface AccountWorkload {
  month: string;
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
  history: {
    month: string;
    approvedMinutes: number;
    effectiveMinutes: number;
    ratio: number | null;
    band: WorkloadBand | null;
  }[];
}

export interface AccountActivity {
  id: string;
  date: string;
  catalogName: string;
  outputUnit: string;
  quantity: number;
  originalQuantity: number | null;
  minutes: number;
  status: 'pending' | 'approved' | 'rejected';
  rejectReason: string | null;
  startTime: string | null;
  endTime: string | null;
}

export interface AccountPending {
  entries: number;
  minutes: number;
  oldestDate: string | null;
  expiredEntries: number;
}

export interface AccountAttendance {
  month: string;
  summary: { code: string; label: string; count: number }[];
  deductionPercent: number | null;
  link: string | null;
}

export interface AccountTpp {
  month: string;
  status: string;
  gross: number | null;
  deductions: number | null;
  net: number | null;
  lines: { label: string; amount: number }[];
  cutReasons: { code: string; message: string; deadline: string | null }[];
  link: string | null;
}

export interface AccountPredikat {
  items: {
    period: string;
    predikat: string;
    hasilKerja: string | null;
    perilaku: string | null;
    final: boolean;
  }[];
  link: string | null;
}

export interface AccountTalent {
  box: number;
  kinerja: string;
  potensial: string;
  label: string;
  actions: string[];
  successionPool: boolean;
  assessedAt: string | null;
  link: string | null;
}

export interface Account {
  month: string;
  currentMonth: string;
  employee: {
    id: string;
    name: string;
    nip: string;
    asnType: string;
    golongan: string | null;
    education: string | null;
    status: string;
    position: { id: string; name: string; kind: string; kelas: number } | null;
    unit: { id: string; name: string } | null;
    opd: { id: string; name: string } | null;
  };
  atasan: AccountRef | null;
  atasanPenilai: AccountRef | null;
  period: { id: string; year: number; status: string } | null;
  skp: AccountSkp | null;
  workload: AccountWorkload;
  timeline: {
    month: string;
    total: number;
    truncated: boolean;
    counts: { pending: number; approved: number; rejected: number };
    items: AccountActivity[];
  };
  verification: {
    openFrom: string;
    own: AccountPending;
    queue: (AccountPending & { subordinates: number }) | null;
  };
  feedback: {
    source: 'skp' | 'realisation';
    action: string;
    title: string;
    text: string | null;
    actorName: string | null;
    at: string;
  }[];
  attendance?: AccountAttendance;
  tpp?: AccountTpp;
  predikat?: AccountPredikat;
  talent?: AccountTalent;
  abilities: { readPay: boolean; verify: boolean; openSkp: boolean; openWorkload: boolean };
}

export interface PersonHit {
  id: string;
  name: string;
  nip: string;
  status: string;
  positionName: string | null;
  unitName: string | null;
}

export interface PersonSearchResult {
  items: PersonHit[];
  nextCursor: string | null;
}
