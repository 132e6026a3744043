/**
 * The deduction table (DESIGN §2.5) and the judgement of one employee-day. Pure functions: the set-based
 * month computation (deductions.ts) and the month view (service.ts) both use them, so a day is classified
 * the same way everywhere.
 */
import type { DeductionCode, DeductionLine } from './deductions.ts';
import type { DaySchedule } from './schedule.ts';

export const LATE_CODES = ['TL1', 'TL2', 'TL3', 'TL4'] as const;
export const EARLY_CODES = ['PSW1', 'PSW2', 'PSW3', 'PSW4'] as const;
export const FLAT_CODES = ['TK', 'APEL'] as const;
export const RULE_CODES = [...LATE_CODES, ...EARLY_CODES, ...FLAT_CODES] as const;
export type RuleCode = (typeof RULE_CODES)[number];

/** One line of the tenant's deduction table; minutes only for the TL/PSW bands (max null = open-ended). */
export interface DeductionRule {
  code: RuleCode;
  minMinutes: number | null;
  maxMinutes: number | null;
  /** percent of the discipline component × 100 (0.5% = 50) */
  basisPoints: number;
}

const bands = (prefix: 'TL' | 'PSW'): DeductionRule[] => [
  { code: `${prefix}1` as RuleCode, minMinutes: 1, maxMinutes: 30, basisPoints: 50 },
  { code: `${prefix}2` as RuleCode, minMinutes: 31, maxMinutes: 60, basisPoints: 100 },
  { code: `${prefix}3` as RuleCode, minMinutes: 61, maxMinutes: 90, basisPoints: 150 },
  { code: `${prefix}4` as RuleCode, minMinutes: 91, maxMinutes: null, basisPoints: 200 },
];

/** Default table: TL/PSW 1–30 min 0.5%, 31–60 1%, 61–90 1.5%, ≥ 91 (or no tap) 2%; TK 4% a day; apel 2%. */
export const DEFAULT_RULES: readonly DeductionRule[] = [
  ...bands('TL'),
  ...bands('PSW'),
  { code: 'TK', minMinutes: null, maxMinutes: null, basisPoints: 400 },
  { code: 'APEL', minMinutes: null, maxMinutes: null, basisPoints: 200 },
];

export const MAX_BASIS_POINTS = 10_000;

export interface RuleTable {
  late: DeductionRule[];
  early: DeductionRule[];
  tk: number;
  apel: number;
  rules: DeductionRule[];
}

/** Stored rows (possibly none, possibly partial) completed with the defaults, code by code. */
export function ruleTable(stored: readonly DeductionRule[]): RuleTable {
  const byCode = new Map(stored.map((r) => [r.code, r]));
  const rules = DEFAULT_RULES.map((d) => byCode.get(d.code) ?? d);
  const of = (codes: readonly string[]) => rules.filter((r) => codes.includes(r.code));
  return {
    late: of(LATE_CODES),
    early: of(EARLY_CODES),
    tk: rules.find((r) => r.code === 'TK')?.basisPoints ?? 400,
    apel: rules.find((r) => r.code === 'APEL')?.basisPoints ?? 200,
    rules,
  };
}

/**
 * What is wrong with a proposed table, as `{ code, problem }` (empty = valid): each of TL and PSW must start
 * at 1 minute, run without gaps or overlaps, and end open-ended; percentages 0–100%.
 */
export function ruleProblems(rules: readonly DeductionRule[]): { code: string; problem: string }[] {
  const out: { code: string; problem: string }[] = [];
  const byCode = new Map(rules.map((r) => [r.code, r]));
  for (const code of RULE_CODES) if (!byCode.has(code)) out.push({ code, problem: 'missing' });
  if (rules.length !== byCode.size) out.push({ code: '', problem: 'duplicate' });
  for (const r of rules) {
    if (!Number.isInteger(r.basisPoints) || r.basisPoints < 0 || r.basisPoints > MAX_BASIS_POINTS)
      out.push({ code: r.code, problem: 'percent' });
  }
  for (const codes of [LATE_CODES, EARLY_CODES]) {
    let expected = 1;
    codes.forEach((code, i) => {
      const r = byCode.get(code);
      if (!r) return;
      const last = i === codes.length - 1;
      if (r.minMinutes !== expected) out.push({ code, problem: 'start' });
      if (last && r.maxMinutes !== null) out.push({ code, problem: 'open' });
      if (!last && (r.maxMinutes === null || r.maxMinutes < (r.minMinutes ?? expected)))
        out.push({ code, problem: 'end' });
      expected = (r.maxMinutes ?? expected) + 1;
    });
  }
  return out;
}

/** The band of `minutes` (≥ 1) late or early; 0 or less is on time. */
export function bandOf(minutes: number, table: readonly DeductionRule[]): DeductionRule | null {
  if (minutes < 1) return null;
  return (
    table.find((r) => (r.minMinutes ?? 1) <= minutes && (r.maxMinutes === null || minutes <= r.maxMinutes)) ??
    null
  );
}
/** The open-ended band: applies when there is no tap at all. */
const topBand = (table: readonly DeductionRule[]) => table[table.length - 1];

export interface DayFacts {
  checkIn: number | null;
  checkOut: number | null;
  /** 1 attended, 0 missed, null no ceremony */
  apel: number | null;
}

export interface DayJudgement {
  /** attended (a tap) or on leave / dinas luar */
  present: boolean;
  absent: boolean;
  lateMinutes: number;
  earlyMinutes: number;
  lines: DeductionLine[];
}

/**
 * One evaluated working day. Leave and dinas luar count as present with no deduction. Without any tap the
 * day is TK. A missing check-in is the top TL band, a missing check-out the top PSW band; otherwise the
 * minutes after the scheduled start / before the scheduled end select the band. Without a schedule for
 * the day only presence is judged.
 */
export function judgeDay(
  date: string,
  facts: DayFacts | null,
  onLeave: boolean,
  schedule: DaySchedule | null,
  rules: RuleTable,
): DayJudgement {
  if (onLeave) return { present: true, absent: false, lateMinutes: 0, earlyMinutes: 0, lines: [] };
  if (!facts || (facts.checkIn === null && facts.checkOut === null)) {
    return {
      present: false,
      absent: true,
      lateMinutes: 0,
      earlyMinutes: 0,
      lines: [{ date, code: 'TK', basisPoints: rules.tk }],
    };
  }
  const lines: DeductionLine[] = [];
  let lateMinutes = 0;
  let earlyMinutes = 0;
  const add = (rule: DeductionRule, minutes: number | undefined, note?: string) =>
    lines.push({
      date,
      code: rule.code as DeductionCode,
      basisPoints: rule.basisPoints,
      ...(minutes !== undefined ? { minutes } : {}),
      ...(note ? { note } : {}),
    });
  if (schedule) {
    if (facts.checkIn === null) add(topBand(rules.late), undefined, 'no_check_in');
    else {
      lateMinutes = Math.max(0, facts.checkIn - schedule.start);
      const band = bandOf(lateMinutes, rules.late);
      if (band) add(band, lateMinutes);
    }
    if (facts.checkOut === null) add(topBand(rules.early), undefined, 'no_check_out');
    else {
      earlyMinutes = Math.max(0, schedule.end - facts.checkOut);
      const band = bandOf(earlyMinutes, rules.early);
      if (band) add(band, earlyMinutes);
    }
  }
  if (facts.apel === 0) lines.push({ date, code: 'APEL', basisPoints: rules.apel });
  return { present: true, absent: false, lateMinutes, earlyMinutes, lines };
}

export const capped = (basisPoints: number) => Math.min(MAX_BASIS_POINTS, basisPoints);

/**
 * Can this day carry a deduction under its schedule (a tap missing, apel missed, late or early)? Stored
 * with the row as `deviation`, so that a month is judged from the deviating rows only.
 */
export function deviates(f: DayFacts, schedule: DaySchedule | null): boolean {
  if (f.checkIn === null || f.checkOut === null || f.apel === 0) return true;
  return !!schedule && (f.checkIn > schedule.start || f.checkOut < schedule.end);
}
