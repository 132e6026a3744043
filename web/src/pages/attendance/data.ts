/** Attendance API shapes, query keys and hooks (server: src/modules/attendance). */
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../../api';

export interface AttLine {
  date: string;
  code: string;
  basisPoints: number;
  minutes?: number;
  note?: string;
}

export interface AttDay {
  date: string;
  weekday: number;
  working: boolean;
  judged: boolean;
  holiday: { kind: string; name: string } | null;
  leave: { kind: string; note: string | null } | null;
  schedule: { start: string; end: string } | null;
  checkIn: string | null;
  checkOut: string | null;
  apel: boolean | null;
  lateMinutes: number;
  earlyMinutes: number;
  codes: string[];
  basisPoints: number;
  activityMinutes: number;
  flags: string[];
}

export interface AttMonth {
  month: string;
  employee: { id: string; name: string; nip: string; positionName: string | null; unitName: string | null };
  dataUntil: string | null;
  hasData: boolean;
  workingDays: number;
  judgedDays: number;
  summary: {
    daysPresent: number;
    daysAbsent: number;
    daysOnLeave: number;
    lateMinutes: number;
    earlyMinutes: number;
    shortfallMinutes: number;
    totalBasisPoints: number;
    activityWithoutAttendanceDays: number;
  };
  counts: Record<string, number>;
  lines: AttLine[];
  days: AttDay[];
  abilities: { manageLeave: boolean };
}

export interface AttPerson {
  employeeId: string;
  name: string;
  nip: string;
  positionName: string | null;
  unitName: string | null;
  hasData: boolean;
  daysPresent: number;
  daysAbsent: number;
  lateDays: number;
  earlyDays: number;
  lateMinutes: number;
  earlyMinutes: number;
  totalBasisPoints: number;
  activityWithoutAttendanceDays: number | null;
}

export interface AttTotals {
  people: number;
  withData: number;
  daysPresent: number;
  daysAbsent: number;
  lateDays: number;
  earlyDays: number;
  counts: Record<string, number>;
  averageBasisPoints: number | null;
}

export interface AttUnitMonth {
  month: string;
  unit: { id: string; name: string };
  dataUntil: string | null;
  judgedDays: number;
  totals: AttTotals;
  units: (Omit<AttTotals, 'people'> & { unitId: string; name: string; people: number })[];
  items: AttPerson[];
  nextCursor: string | null;
}

export interface AttSubordinates {
  month: string;
  dataUntil: string | null;
  judgedDays: number;
  items: AttPerson[];
}

export interface Holiday {
  date: string;
  kind: 'libur' | 'cuti_bersama' | string;
  name: string;
}

export interface Schedule {
  id: string;
  name: string;
  validFrom: string;
  validTo: string | null;
  days: { weekday: number; start: string; end: string }[];
  abilities: { manage: boolean };
}

export interface WorkCalendar {
  year: number;
  workWeekdays: number[];
  holidays: Holiday[];
  schedules: Schedule[];
  defaultSchedule: boolean;
  abilities: { manage: boolean };
}

export interface Rule {
  code: string;
  minMinutes: number | null;
  maxMinutes: number | null;
  basisPoints: number;
}

export interface Rules {
  rules: Rule[];
  isDefault: boolean;
  abilities: { manage: boolean };
}

export const LEAVE_KINDS = ['cuti', 'sakit', 'dinas_luar'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];

export interface Leave {
  id: string;
  employeeId: string;
  employeeName: string;
  nip: string;
  unitName: string | null;
  kind: LeaveKind | string;
  startDate: string;
  endDate: string;
  note: string | null;
  abilities: { manage: boolean };
}

export interface Sanction {
  id: string;
  employeeId: string;
  employeeName: string;
  nip: string;
  startMonth: string;
  endMonth: string;
  months: number;
  basisPoints: number;
  decree: string;
  reason: string | null;
  abilities: { manage: boolean };
}

export const attKeys = {
  all: ['attendance'] as const,
  me: (month: string) => ['attendance', 'me', month] as const,
  employee: (id: string, month: string) => ['attendance', 'employee', id, month] as const,
  unit: (id: string, month: string) => ['attendance', 'unit', id, month] as const,
  subordinates: (month: string) => ['attendance', 'subordinates', month] as const,
  calendar: (year: number) => ['attendance', 'calendar', year] as const,
  rules: ['attendance', 'rules'] as const,
  leave: (params: Record<string, unknown>) => ['attendance', 'leave', params] as const,
  sanctions: ['attendance', 'sanctions'] as const,
};

/** Anything attendance-related, and the workload that reads it, is stale after a change. */
export function invalidateAttendance(qc: QueryClient): Promise<unknown> {
  return Promise.all([
    qc.invalidateQueries({ queryKey: attKeys.all }),
    qc.invalidateQueries({ queryKey: ['workload'] }),
  ]);
}

export function useMyAttendance(month: string, enabled = true) {
  return useQuery({
    queryKey: attKeys.me(month),
    queryFn: () => api<AttMonth>('/attendance/me', { query: { month } }),
    enabled,
  });
}

export function useEmployeeAttendance(id: string, month: string) {
  return useQuery({
    queryKey: attKeys.employee(id, month),
    queryFn: () => api<AttMonth>(`/attendance/employees/${encodeURIComponent(id)}`, { query: { month } }),
    enabled: !!id,
  });
}

export function useSubordinatesAttendance(month: string) {
  return useQuery({
    queryKey: attKeys.subordinates(month),
    queryFn: () => api<AttSubordinates>('/attendance/subordinates', { query: { month } }),
  });
}

export function useWorkCalendar(year: number) {
  return useQuery({
    queryKey: attKeys.calendar(year),
    queryFn: () => api<WorkCalendar>('/attendance/calendar', { query: { year } }),
  });
}

export function useRules() {
  return useQuery({ queryKey: attKeys.rules, queryFn: () => api<Rules>('/attendance/rules') });
}

/** `50` basis points → `0,5%` */
export function bpText(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return '—';
  return `${new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 }).format(bp / 100)}%`;
}

/** Tone of a deduction code in badges: lateness/early leave warn, absence and sanctions danger. */
export function codeTone(code: string): 'warn' | 'danger' | 'info' {
  if (code === 'TK' || code === 'HUKDIS' || code.endsWith('4')) return 'danger';
  if (code === 'APEL') return 'info';
  return 'warn';
}
