import { ctxOf } from '../../server/context.ts';
import type { App } from '../../server/types.ts';
import { registerAccountSection } from '../account/sections.ts';
import * as s from './schemas.ts';
import * as svc from './service.ts';

// the attendance block of the performance account (akun kinerja): the month's classes and deductions
registerAccountSection('attendance', svc.accountAttendance);

const tags = ['kehadiran'];
const calendarTags = ['kalender kerja'];

export function attendanceRoutes(app: App) {
  // ----- working calendar -----
  app.get(
    '/api/v1/attendance/calendar',
    {
      schema: {
        tags: calendarTags,
        summary: 'Holidays and cuti bersama of a year, work weekdays and work schedules',
        querystring: s.CalendarQuery,
        response: { 200: s.Calendar },
      },
    },
    (req) => svc.getCalendar(ctxOf(req), req.query.year),
  );
  app.post(
    '/api/v1/attendance/holidays',
    {
      schema: {
        tags: calendarTags,
        summary: 'Add a national holiday or cuti bersama (BKPSDM)',
        body: s.CreateHoliday,
        response: { 201: s.Holiday },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createHoliday(ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/attendance/holidays/:date',
    {
      schema: {
        tags: calendarTags,
        summary: 'Rename a holiday or change its kind (BKPSDM)',
        params: s.DateParams,
        body: s.UpdateHoliday,
        response: { 200: s.Holiday },
      },
    },
    (req) => svc.updateHoliday(ctxOf(req), req.params.date, req.body),
  );
  app.delete(
    '/api/v1/attendance/holidays/:date',
    { schema: { tags: calendarTags, summary: 'Remove a holiday (BKPSDM)', params: s.DateParams } },
    async (req, reply) => {
      await svc.deleteHoliday(ctxOf(req), req.params.date);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/v1/attendance/schedules',
    {
      schema: {
        tags: calendarTags,
        summary:
          'Add a work schedule valid from a date (e.g. Ramadan hours); the latest-starting valid schedule applies (BKPSDM)',
        body: s.CreateSchedule,
        response: { 201: s.Schedule },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createSchedule(ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/attendance/schedules/:id',
    {
      schema: {
        tags: calendarTags,
        summary: 'Change a work schedule (BKPSDM)',
        params: s.IdParams,
        body: s.UpdateSchedule,
        response: { 200: s.Schedule },
      },
    },
    (req) => svc.updateSchedule(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/attendance/schedules/:id',
    { schema: { tags: calendarTags, summary: 'Remove a work schedule (BKPSDM)', params: s.IdParams } },
    async (req, reply) => {
      await svc.deleteSchedule(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  // ----- deduction table -----
  app.get(
    '/api/v1/attendance/rules',
    {
      schema: {
        tags,
        summary: 'The deduction table: TL1–TL4, PSW1–PSW4 bands, TK and apel (basis points: 0.5% = 50)',
        response: { 200: s.Rules },
      },
    },
    (req) => svc.getRules(ctxOf(req)),
  );
  app.put(
    '/api/v1/attendance/rules',
    {
      schema: {
        tags,
        summary: 'Replace the deduction table, all lines at once (BKPSDM)',
        body: s.PutRules,
        response: { 200: s.Rules },
      },
    },
    (req) => svc.putRules(ctxOf(req), req.body),
  );

  // ----- leave and dinas luar -----
  app.get(
    '/api/v1/attendance/leave',
    {
      schema: {
        tags,
        summary:
          'Leave, sick leave and dinas luar spans (of an employee, a unit subtree, or by default the caller’s scope)',
        querystring: s.LeaveQuery,
        response: { 200: s.LeaveList },
      },
    },
    (req) => svc.listLeave(ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/attendance/leave',
    {
      schema: {
        tags,
        summary:
          'Record a span of leave / sick leave / dinas luar (BKPSDM, admin_opd in their OPD); overlaps refused',
        body: s.CreateLeave,
        response: { 201: s.Leave },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createLeave(ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/attendance/leave/:id',
    {
      schema: {
        tags,
        summary: 'Change a leave span',
        params: s.IdParams,
        body: s.UpdateLeave,
        response: { 200: s.Leave },
      },
    },
    (req) => svc.updateLeave(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/attendance/leave/:id',
    { schema: { tags, summary: 'Remove a leave span', params: s.IdParams } },
    async (req, reply) => {
      await svc.deleteLeave(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  // ----- disciplinary sanctions -----
  app.get(
    '/api/v1/attendance/sanctions',
    {
      schema: {
        tags,
        summary: 'Disciplinary sanctions (hukuman disiplin) cutting TPP for some months',
        querystring: s.SanctionQuery,
        response: { 200: s.SanctionList },
      },
    },
    (req) => svc.listSanctions(ctxOf(req), req.query),
  );
  app.post(
    '/api/v1/attendance/sanctions',
    {
      schema: {
        tags,
        summary: 'Record a disciplinary sanction (BKPSDM)',
        body: s.CreateSanction,
        response: { 201: s.Sanction },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createSanction(ctxOf(req), req.body)),
  );
  app.delete(
    '/api/v1/attendance/sanctions/:id',
    { schema: { tags, summary: 'Remove a disciplinary sanction (BKPSDM)', params: s.IdParams } },
    async (req, reply) => {
      await svc.deleteSanction(ctxOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  // ----- month views -----
  app.get(
    '/api/v1/attendance/me',
    {
      schema: {
        tags,
        summary: 'The caller’s attendance month: days, classes and deductions',
        querystring: s.MonthQuery,
        response: { 200: s.EmployeeMonth },
      },
    },
    (req) => svc.myMonth(ctxOf(req), req.query.month),
  );
  app.get(
    '/api/v1/attendance/employees/:id',
    {
      schema: {
        tags,
        summary:
          'One employee’s attendance month (the person, their atasan, admin_opd of the OPD, city roles)',
        params: s.IdParams,
        querystring: s.MonthQuery,
        response: { 200: s.EmployeeMonth },
      },
    },
    (req) => svc.employeeMonth(ctxOf(req), req.params.id, req.query.month),
  );
  app.get(
    '/api/v1/attendance/units/:id',
    {
      schema: {
        tags,
        summary:
          'Attendance totals of a unit subtree per sub-unit and per person (admin_opd in scope, city roles)',
        params: s.IdParams,
        querystring: s.UnitMonthQuery,
        response: { 200: s.UnitMonth },
      },
    },
    (req) => svc.unitMonth(ctxOf(req), req.params.id, req.query),
  );
  app.get(
    '/api/v1/attendance/subordinates',
    {
      schema: {
        tags,
        summary:
          'Attendance of the caller’s direct subordinates, with days of activity logged without attendance',
        querystring: s.MonthQuery,
        response: { 200: s.SubordinatesMonth },
      },
    },
    (req) => svc.subordinatesMonth(ctxOf(req), req.query.month),
  );
}
