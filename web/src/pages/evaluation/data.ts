/** Types, query keys and hooks of the evaluation screens (the API shapes of /evaluations and /evaluation-*). */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export type Rating = 'di_atas' | 'sesuai' | 'di_bawah';
export type Predikat = 'sangat_baik' | 'baik' | 'butuh_perbaikan' | 'kurang' | 'sangat_kurang';
export type UnitPredikat = 'istimewa' | 'baik' | 'butuh_perbaikan' | 'kurang' | 'sangat_kurang';
export type Kind = 'q1' | 'q2' | 'q3' | 'q4' | 'annual';
export type EvaluationStatus = 'rated' | 'acknowledged' | 'objected' | 'decided' | 'final';

export const RATINGS: Rating[] = ['di_atas', 'sesuai', 'di_bawah'];
export const PREDIKATS: Predikat[] = ['sangat_baik', 'baik', 'butuh_perbaikan', 'kurang', 'sangat_kurang'];
export const UNIT_PREDIKATS: UnitPredikat[] = [
  'istimewa',
  'baik',
  'butuh_perbaikan',
  'kurang',
  'sangat_kurang',
];
export const KINDS: Kind[] = ['q1', 'q2', 'q3', 'q4', 'annual'];

export interface PersonRef {
  id: string | null;
  name: string;
  acting: boolean;
}
export interface EmployeeRef {
  id: string;
  name: string;
  nip: string;
}
export interface IndicatorBasis {
  id: string;
  aspect: string;
  name: string;
  targetValue: number | null;
  targetText: string | null;
  unit: string;
  direction: string;
  quarter: number | null;
  value: number | null;
  capaian: number | null;
}

export interface EvaluationSummary {
  id: string;
  skpId: string;
  periodYear: number;
  kind: Kind;
  status: EvaluationStatus;
  employee: EmployeeRef;
  positionName: string;
  unitName: string;
  curveUnit: { id: string; name: string };
  evaluator: PersonRef;
  reviewer: PersonRef | null;
  capaian: number | null;
  hasil: Rating;
  perilaku: Rating;
  matrixPredikat: Predikat;
  predikat: Predikat;
  calibrated: boolean;
  objectionReason: string | null;
  decision: 'upheld' | 'changed' | null;
  ratedAt: string;
  abilities: Partial<Record<'rate' | 'acknowledge' | 'object' | 'decide' | 'calibrate', boolean>>;
}

export interface Evaluation extends EvaluationSummary {
  hasilGuide: Rating | null;
  hasilReason: string | null;
  perilakuGuide: Rating | null;
  perilakuMean: number | null;
  perilakuReason: string | null;
  feedback: string | null;
  rhks: {
    rhkId: string;
    kind: string;
    text: string;
    capaian: number | null;
    guide: Rating | null;
    rating: Rating;
    reason: string | null;
    feedback: string | null;
    indicators: IndicatorBasis[];
  }[];
  behaviours: { code: string; label: string; expectation: string; rating: Rating; feedback: string | null }[];
  workload: { approvedMinutes: number; effectiveMinutes: number };
  calibration: { reason: string; by: string; at: string } | null;
  acknowledgedAt: string | null;
  objection: { reason: string; at: string } | null;
  decisionDetail: { decision: string; reason: string | null; at: string | null; by: string } | null;
  finalAt: string | null;
}

export interface Workload {
  months: { month: string; approvedMinutes: number; effectiveMinutes: number }[];
  approvedMinutes: number;
  effectiveMinutes: number;
  ratio: number | null;
  band: 'under' | 'normal' | 'over' | null;
}

export interface EvaluationForm {
  skp: {
    id: string;
    year: number;
    status: string;
    employee: EmployeeRef;
    positionName: string;
    unitName: string;
    evaluator: PersonRef | null;
    reviewer: PersonRef | null;
  };
  kind: Kind;
  year: number;
  open: boolean;
  opensOn: string;
  guideThresholds: { above: number; below: number };
  capaian: number | null;
  hasilGuide: Rating | null;
  rhks: {
    rhkId: string;
    kind: string;
    text: string;
    capaian: number | null;
    guide: Rating | null;
    indicators: IndicatorBasis[];
  }[];
  behaviours: { code: string; label: string; expectation: string }[];
  workload: Workload;
  curveUnit: { id: string; name: string; finalised: boolean };
  ledUnit: { id: string; name: string; predikat: UnitPredikat | null } | null;
  evaluation: Evaluation | null;
  abilities: Partial<Record<'rate' | 'acknowledge' | 'object' | 'decide' | 'calibrate', boolean>>;
}

export interface SubordinateEvaluations {
  year: number;
  kind: Kind;
  open: boolean;
  opensOn: string;
  items: {
    skpId: string;
    skpStatus: string;
    employee: EmployeeRef;
    positionName: string;
    unitName: string;
    capaian: number | null;
    hasilGuide: Rating | null;
    evaluation: EvaluationSummary | null;
    abilities: Partial<Record<'rate', boolean>>;
  }[];
  withoutSkp: { employeeId: string; name: string; nip: string; positionName: string }[];
}

export interface Deviation {
  op: string;
  predikat: Predikat[];
  value: number | null;
  count: number;
  total: number;
  pct: number;
  message: string;
}
export type Counts = Record<Predikat, number>;

export interface UnitSummary {
  unit: { id: string; code: string; name: string; depth: number };
  predikat: UnitPredikat | null;
  predikatSource: 'bkpsdm' | 'leader' | null;
  counts: Counts;
  total: number;
  pending: number;
  deviations: Deviation[];
  finalisedAt: string | null;
}

export interface UnitEvaluation extends UnitSummary {
  year: number;
  kind: Kind;
  predikatDetail: { reason: string | null; setBy: string; setAt: string } | null;
  leader: { name: string; hasil: Rating | null } | null;
  rules: { op: string; predikat: Predikat[]; value: number | null; text: string }[];
  people: EvaluationSummary[];
  unevaluated: { skpId: string; employeeId: string; name: string; nip: string; positionName: string }[];
  finalisation: { at: string; by: string; reason: string | null } | null;
  abilities: Partial<Record<'setPredikat' | 'calibrate' | 'finalise', boolean>>;
}

export interface CurveRule {
  op: 'largest' | 'max_pct' | 'min_pct' | 'max_count' | 'min_count';
  predikat: Predikat[];
  value: number | null;
}
export interface Curve {
  rules: Record<UnitPredikat, CurveRule[]>;
  texts: Record<UnitPredikat, string[]>;
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
  abilities: { read?: boolean; manage?: boolean };
}

export const evalKeys = {
  all: ['evaluation'] as const,
  subordinates: (year: number, kind: Kind) => ['evaluation', 'subordinates', year, kind] as const,
  form: (skpId: string, kind: Kind) => ['evaluation', 'form', skpId, kind] as const,
  one: (id: string) => ['evaluation', 'one', id] as const,
  mine: (year: number) => ['evaluation', 'mine', year] as const,
  objections: (status: string) => ['evaluation', 'objections', status] as const,
  curve: ['evaluation', 'curve'] as const,
  units: (year: number, kind: Kind) => ['evaluation', 'units', year, kind] as const,
  unit: (id: string, year: number, kind: Kind) => ['evaluation', 'unit', id, year, kind] as const,
};

export const useSubordinateEvaluations = (year: number, kind: Kind) =>
  useQuery({
    queryKey: evalKeys.subordinates(year, kind),
    queryFn: () => api<SubordinateEvaluations>('/evaluations/subordinates', { query: { year, kind } }),
  });

export const useEvaluationForm = (skpId: string, kind: Kind) =>
  useQuery({
    queryKey: evalKeys.form(skpId, kind),
    queryFn: () =>
      api<EvaluationForm>(`/evaluations/skp/${encodeURIComponent(skpId)}/${encodeURIComponent(kind)}`),
    enabled: !!skpId,
  });

export const useEvaluation = (id: string) =>
  useQuery({
    queryKey: evalKeys.one(id),
    queryFn: () => api<Evaluation>(`/evaluations/${encodeURIComponent(id)}`),
    enabled: !!id,
  });

export const useMyEvaluations = (year: number) =>
  useQuery({
    queryKey: evalKeys.mine(year),
    queryFn: () =>
      api<{ items: EvaluationSummary[] }>('/evaluations/mine', { query: { year } }).then((r) => r.items),
  });

export const useObjections = (status: 'pending' | 'decided') =>
  useQuery({
    queryKey: evalKeys.objections(status),
    queryFn: () =>
      api<{ items: EvaluationSummary[] }>('/evaluations/objections', { query: { status } }).then(
        (r) => r.items,
      ),
  });

export const useCurve = () =>
  useQuery({ queryKey: evalKeys.curve, queryFn: () => api<Curve>('/evaluation-curve') });

export const useEvaluationUnits = (year: number, kind: Kind) =>
  useQuery({
    queryKey: evalKeys.units(year, kind),
    queryFn: () =>
      api<{ year: number; kind: Kind; items: UnitSummary[] }>('/evaluation-units', { query: { year, kind } }),
  });

export const useEvaluationUnit = (id: string, year: number, kind: Kind) =>
  useQuery({
    queryKey: evalKeys.unit(id, year, kind),
    queryFn: () =>
      api<UnitEvaluation>(`/evaluation-units/${encodeURIComponent(id)}`, { query: { year, kind } }),
    enabled: !!id,
  });

/** After any evaluation step: every evaluation list and the inbox may have changed. */
export function refreshEvaluations(qc: QueryClient): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: evalKeys.all }),
    qc.invalidateQueries({ queryKey: ['inbox'] }),
  ]);
}

// ---------------- the rules, for a live preview only (the server decides) ----------------
const MATRIX: Record<Rating, Record<Rating, Predikat>> = {
  di_atas: { di_atas: 'sangat_baik', sesuai: 'baik', di_bawah: 'kurang' },
  sesuai: { di_atas: 'baik', sesuai: 'baik', di_bawah: 'kurang' },
  di_bawah: { di_atas: 'butuh_perbaikan', sesuai: 'butuh_perbaikan', di_bawah: 'sangat_kurang' },
};
export const previewPredikat = (hasil: Rating, perilaku: Rating): Predikat => MATRIX[hasil][perilaku];

const SCORE: Record<Rating, number> = { di_bawah: 1, sesuai: 2, di_atas: 3 };
export function previewPerilaku(values: Rating[]): { mean: number | null; guide: Rating | null } {
  if (values.length === 0) return { mean: null, guide: null };
  const sum = values.reduce((s, v) => s + SCORE[v], 0);
  const n = values.length;
  return {
    mean: sum / n,
    guide: 2 * sum < 3 * n ? 'di_bawah' : 2 * sum > 5 * n ? 'di_atas' : 'sesuai',
  };
}
