import { describe, expect, it } from 'vitest';
import { bandOf, DEFAULT_RULES, type DeductionRule, judgeDay, ruleProblems, ruleTable } from './rules.ts';
import {
  DEFAULT_SCHEDULE,
  dayScheduleOn,
  parseClock,
  parseDay,
  type Schedule,
  scheduleOn,
} from './schedule.ts';

const rules = ruleTable([]);
const day = { start: 7 * 60 + 30, end: 16 * 60 };
const judge = (checkIn: number | null, checkOut: number | null, apel: number | null = null) =>
  judgeDay('2026-08-04', { checkIn, checkOut, apel }, false, day, rules);
const codes = (j: ReturnType<typeof judge>) =>
  j.lines.map((l) => `${l.code}:${l.basisPoints}:${l.minutes ?? '-'}`);

describe('deduction bands (default table)', () => {
  it.each([
    [0, []],
    [1, ['TL1:50:1']],
    [30, ['TL1:50:30']],
    [31, ['TL2:100:31']],
    [60, ['TL2:100:60']],
    [61, ['TL3:150:61']],
    [90, ['TL3:150:90']],
    [91, ['TL4:200:91']],
    [240, ['TL4:200:240']],
  ])('%i minutes late → %j', (late, expected) => {
    expect(codes(judge(day.start + late, day.end))).toEqual(expected);
  });
  it.each([
    [0, []],
    [1, ['PSW1:50:1']],
    [30, ['PSW1:50:30']],
    [31, ['PSW2:100:31']],
    [60, ['PSW2:100:60']],
    [61, ['PSW3:150:61']],
    [90, ['PSW3:150:90']],
    [91, ['PSW4:200:91']],
  ])('%i minutes early → %j', (early, expected) => {
    expect(codes(judge(day.start, day.end - early))).toEqual(expected);
  });
  it('arriving early and leaving late is no deduction', () => {
    const j = judge(day.start - 45, day.end + 90);
    expect(j).toMatchObject({ present: true, absent: false, lateMinutes: 0, earlyMinutes: 0, lines: [] });
  });
  it('no check-in is TL4, no check-out is PSW4, both late and early add up', () => {
    expect(codes(judge(null, day.end))).toEqual(['TL4:200:-']);
    expect(judge(null, day.end).lines[0].note).toBe('no_check_in');
    expect(codes(judge(day.start, null))).toEqual(['PSW4:200:-']);
    expect(judge(day.start, null).lines[0].note).toBe('no_check_out');
    expect(codes(judge(day.start + 45, day.end - 5))).toEqual(['TL2:100:45', 'PSW1:50:5']);
  });
  it('no tap at all is TK (4%); leave and dinas luar are present without deduction', () => {
    expect(codes(judge(null, null))).toEqual(['TK:400:-']);
    expect(judgeDay('2026-08-04', null, false, day, rules)).toMatchObject({ absent: true, present: false });
    expect(judgeDay('2026-08-04', null, true, day, rules)).toMatchObject({
      absent: false,
      present: true,
      lines: [],
    });
  });
  it('a missed apel is 2%; without a schedule only presence is judged', () => {
    expect(codes(judge(day.start, day.end, 0))).toEqual(['APEL:200:-']);
    expect(codes(judge(day.start, day.end, 1))).toEqual([]);
    expect(
      judgeDay('2026-08-04', { checkIn: 600, checkOut: 610, apel: null }, false, null, rules).lines,
    ).toEqual([]);
  });
  it('follows a tenant table', () => {
    const custom = ruleTable([{ code: 'TL1', minMinutes: 1, maxMinutes: 15, basisPoints: 25 }]);
    expect(bandOf(15, custom.late)?.basisPoints).toBe(25);
    // 16 minutes now falls into no band until TL2 starts: the table validation refuses such gaps
    expect(ruleProblems(custom.rules).map((p) => `${p.code}:${p.problem}`)).toEqual(['TL2:start']);
  });
});

describe('deduction table validation', () => {
  const with_ = (code: string, patch: Partial<DeductionRule>) =>
    DEFAULT_RULES.map((r) => (r.code === code ? { ...r, ...patch } : r));
  it('accepts the default table', () => expect(ruleProblems(DEFAULT_RULES)).toEqual([]));
  it('reports gaps, overlaps, closed last bands, missing lines and bad percentages', () => {
    expect(ruleProblems(with_('TL2', { minMinutes: 35 }))).toEqual([{ code: 'TL2', problem: 'start' }]);
    expect(ruleProblems(with_('PSW1', { maxMinutes: 40 }))).toEqual([{ code: 'PSW2', problem: 'start' }]);
    expect(ruleProblems(with_('TL4', { maxMinutes: 200 }))).toEqual([{ code: 'TL4', problem: 'open' }]);
    expect(ruleProblems(with_('TL1', { minMinutes: 0 }))).toEqual([{ code: 'TL1', problem: 'start' }]);
    expect(ruleProblems(with_('TK', { basisPoints: 10_001 }))).toEqual([{ code: 'TK', problem: 'percent' }]);
    expect(ruleProblems(DEFAULT_RULES.filter((r) => r.code !== 'APEL'))).toEqual([
      { code: 'APEL', problem: 'missing' },
    ]);
  });
});

describe('schedules and parsing', () => {
  const ramadan: Schedule = {
    id: 'r',
    name: 'Ramadan',
    validFrom: '2026-02-18',
    validTo: '2026-03-19',
    days: [
      { start: 480, end: 900 },
      { start: 480, end: 900 },
      { start: 480, end: 900 },
      { start: 480, end: 900 },
      { start: 480, end: 930 },
      null,
      null,
    ],
  };
  const schedules = [DEFAULT_SCHEDULE, ramadan];
  it('the latest-starting schedule in force wins; Friday ends 16:30; weekends have none', () => {
    expect(scheduleOn('2026-03-02', schedules)?.id).toBe('r');
    expect(scheduleOn('2026-03-20', schedules)?.id).toBe('default');
    expect(dayScheduleOn('2026-08-07', schedules)).toEqual({ start: 450, end: 990 });
    expect(dayScheduleOn('2026-08-06', schedules)).toEqual({ start: 450, end: 960 });
    expect(dayScheduleOn('2026-08-08', schedules)).toBeNull();
    expect(scheduleOn('2026-08-08', [])).toBe(DEFAULT_SCHEDULE);
    expect(scheduleOn('2026-01-01', [ramadan])).toBeNull();
  });
  it('reads the times attendance systems write', () => {
    expect(parseClock('07:31')).toBe(451);
    expect(parseClock('7:31')).toBe(451);
    expect(parseClock('07.31')).toBe(451);
    expect(parseClock('07:30:59')).toBe(450);
    expect(parseClock('0.3131944444430701')).toBe(451); // Excel time fraction
    for (const bad of ['24:00', '07:60', '7', 'pagi', '07:3', '1.5']) expect(parseClock(bad)).toBeNull();
  });
  it('reads ISO, day-first and Excel serial dates, refusing impossible ones', () => {
    expect(parseDay('2026-11-02')).toBe('2026-11-02');
    expect(parseDay('02/11/2026')).toBe('2026-11-02');
    expect(parseDay('2-11-2026')).toBe('2026-11-02');
    expect(parseDay('46328')).toBe('2026-11-02');
    for (const bad of ['2026-02-30', '31/04/2026', '2026/11/02', 'kemarin', ''])
      expect(parseDay(bad)).toBeNull();
  });
});
