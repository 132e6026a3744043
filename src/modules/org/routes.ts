import { z } from 'zod';
import { ctxOf } from '../../server/context.ts';
import type { App } from '../../server/types.ts';
import * as s from './schemas.ts';
import * as svc from './service.ts';

const tags = ['organisasi'];

export function orgRoutes(app: App) {
  app.get(
    '/api/v1/org/stats',
    {
      schema: {
        tags,
        summary: 'Counts of units, positions, vacancies and employees',
        response: { 200: s.OrgStats },
      },
    },
    (req) => svc.stats(ctxOf(req)),
  );

  app.get(
    '/api/v1/org/units',
    {
      schema: {
        tags,
        summary: 'Units of the city (whole tree)',
        querystring: s.UnitQuery,
        response: { 200: s.UnitList },
      },
    },
    (req) => svc.listUnits(ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/org/units/:id',
    {
      schema: {
        tags,
        summary: 'One unit with its ancestors',
        params: s.IdParams,
        response: { 200: s.UnitDetail },
      },
    },
    (req) => svc.getUnit(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/org/units',
    { schema: { tags, summary: 'Create a unit', body: s.CreateUnit, response: { 201: s.UnitDetail } } },
    async (req, reply) => reply.status(201).send(await svc.createUnit(ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/org/units/:id',
    {
      schema: {
        tags,
        summary: 'Edit a unit',
        params: s.IdParams,
        body: s.UpdateUnit,
        response: { 200: s.UnitDetail },
      },
    },
    (req) => svc.updateUnit(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/org/units/:id/move',
    {
      schema: {
        tags,
        summary: 'Move a unit under another parent',
        params: s.IdParams,
        body: s.MoveUnit,
        response: { 200: s.UnitDetail },
      },
    },
    (req) => svc.moveUnit(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/org/units/:id/deactivate',
    {
      schema: {
        tags,
        summary: 'Deactivate a unit (history is kept)',
        params: s.IdParams,
        body: s.DeactivateUnit,
        response: { 200: s.UnitDetail },
      },
    },
    (req) => svc.deactivateUnit(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/org/units/:id',
    {
      schema: {
        tags,
        summary: 'Delete a unit created by mistake',
        params: s.IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await svc.deleteUnit(ctxOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/org/positions',
    {
      schema: {
        tags,
        summary: 'Positions with holders and vacancies',
        querystring: s.PositionQuery,
        response: { 200: s.PositionList },
      },
    },
    (req) => svc.listPositions(ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/org/positions/:id',
    { schema: { tags, summary: 'One position', params: s.IdParams, response: { 200: s.Position } } },
    (req) => svc.getPosition(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/org/positions',
    { schema: { tags, summary: 'Create a position', body: s.CreatePosition, response: { 201: s.Position } } },
    async (req, reply) => reply.status(201).send(await svc.createPosition(ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/org/positions/:id',
    {
      schema: {
        tags,
        summary: 'Edit a position',
        params: s.IdParams,
        body: s.UpdatePosition,
        response: { 200: s.Position },
      },
    },
    (req) => svc.updatePosition(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/org/positions/:id/deactivate',
    {
      schema: {
        tags,
        summary: 'Deactivate a vacant position',
        params: s.IdParams,
        response: { 200: s.Position },
      },
    },
    (req) => svc.deactivatePosition(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/org/positions/:id/acting',
    {
      schema: {
        tags,
        summary: 'Appoint an acting holder (Plt/Plh)',
        params: s.IdParams,
        body: s.SetActing,
        response: { 200: s.Position },
      },
    },
    (req) => svc.setActing(ctxOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/org/positions/:id/acting',
    {
      schema: {
        tags,
        summary: 'End the acting assignment',
        params: s.IdParams,
        response: { 200: s.Position },
      },
    },
    (req) => svc.endActing(ctxOf(req), req.params.id),
  );

  app.get(
    '/api/v1/org/employees',
    {
      schema: {
        tags,
        summary: 'Search employees by name or NIP',
        querystring: s.EmployeeQuery,
        response: { 200: s.EmployeeList },
      },
    },
    (req) => svc.listEmployees(ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/org/employees/:id',
    { schema: { tags, summary: 'Employee profile', params: s.IdParams, response: { 200: s.Employee } } },
    (req) => svc.getEmployee(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/org/employees',
    {
      schema: {
        tags,
        summary: 'Register an employee',
        body: s.CreateEmployee,
        response: { 201: s.Employee },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createEmployee(ctxOf(req), req.body)),
  );
  app.patch(
    '/api/v1/org/employees/:id',
    {
      schema: {
        tags,
        summary: 'Edit an employee',
        params: s.IdParams,
        body: s.UpdateEmployee,
        response: { 200: s.Employee },
      },
    },
    (req) => svc.updateEmployee(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/org/employees/:id/move',
    {
      schema: {
        tags,
        summary: 'Move to another position (mutasi)',
        params: s.IdParams,
        body: s.MoveEmployee,
        response: { 200: s.Employee },
      },
    },
    (req) => svc.moveEmployee(ctxOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/org/employees/:id/deactivate',
    {
      schema: {
        tags,
        summary: 'Retire, transfer out or deactivate',
        params: s.IdParams,
        body: s.DeactivateEmployee,
        response: { 200: s.Employee },
      },
    },
    (req) => svc.deactivateEmployee(ctxOf(req), req.params.id, req.body),
  );
}
