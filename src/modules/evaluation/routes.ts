import type { FastifyRequest } from 'fastify';
import { publish } from '../../core/events.ts';
import { ctxOf } from '../../server/context.ts';
import type { App } from '../../server/types.ts';
import * as s from './schemas.ts';
import * as svc from './service.ts';
import * as units from './units.ts';
import './integrations.ts';

const tags = ['penilaian'];
const curveTags = ['kurva distribusi'];

/** After a committed change: the dashboard's predikat figures follow. */
const announced =
  (req: FastifyRequest) =>
  <T>(result: T): T => {
    publish({ tenantId: ctxOf(req).actor.tenantId, kind: 'evaluation.changed' });
    return result;
  };

export function evaluationRoutes(app: App) {
  // ----- the atasan rates -----
  app.get(
    '/api/v1/evaluations/subordinates',
    {
      schema: {
        tags,
        summary:
          'My direct subordinates (as holder or Plt.) to evaluate for a year and kind (default: this quarter)',
        querystring: s.PeriodQuery,
        response: { 200: s.SubordinateEvaluations },
      },
    },
    (req) => svc.subordinates(ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/evaluations/skp/:skpId/:kind',
    {
      schema: {
        tags,
        summary:
          'The evaluation form of an SKP for a kind (q1…q4, annual): indicators with realisation, capaian and guide, the period workload, and the evaluation if given',
        params: s.SkpKindParams,
        response: { 200: s.EvaluationForm },
      },
    },
    (req) => svc.getForm(ctxOf(req), req.params.skpId, req.params.kind),
  );
  app.put(
    '/api/v1/evaluations/skp/:skpId/:kind',
    {
      schema: {
        tags,
        summary:
          'Rate hasil kerja (per RHK and overall) and perilaku (7 values and overall) with feedback; a rating that departs from the guide needs a reason (pejabat penilai only)',
        params: s.SkpKindParams,
        body: s.RateInput,
        response: { 200: s.EvaluationForm },
      },
    },
    (req) => svc.rate(ctxOf(req), req.params.skpId, req.params.kind, req.body).then(announced(req)),
  );

  // ----- the employee -----
  app.get(
    '/api/v1/evaluations/mine',
    {
      schema: {
        tags,
        summary: 'My evaluations of a year',
        querystring: s.YearQuery,
        response: { 200: s.EvaluationList },
      },
    },
    (req) => svc.mine(ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/evaluations/objections',
    {
      schema: {
        tags,
        summary: 'Objections addressed to me as atasan pejabat penilai (pending or decided)',
        querystring: s.ObjectionQuery,
        response: { 200: s.EvaluationList },
      },
    },
    (req) => svc.objections(ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/evaluations/:id',
    { schema: { tags, summary: 'One evaluation', params: s.IdParams, response: { 200: s.Evaluation } } },
    (req) => svc.getEvaluation(ctxOf(req), req.params.id),
  );
  app.post(
    '/api/v1/evaluations/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge my evaluation',
        params: s.IdParams,
        response: { 200: s.Evaluation },
      },
    },
    (req) => svc.acknowledge(ctxOf(req), req.params.id).then(announced(req)),
  );
  app.post(
    '/api/v1/evaluations/:id/object',
    {
      schema: {
        tags,
        summary: 'Object to my evaluation with a reason; it goes to the atasan pejabat penilai',
        params: s.IdParams,
        body: s.ObjectInput,
        response: { 200: s.Evaluation },
      },
    },
    (req) => svc.object(ctxOf(req), req.params.id, req.body.reason).then(announced(req)),
  );
  app.post(
    '/api/v1/evaluations/:id/decide',
    {
      schema: {
        tags,
        summary:
          'Decide an objection: uphold, or change the ratings, with a reason (atasan pejabat penilai only)',
        params: s.IdParams,
        body: s.DecideInput,
        response: { 200: s.Evaluation },
      },
    },
    (req) => svc.decide(ctxOf(req), req.params.id, req.body).then(announced(req)),
  );
  app.post(
    '/api/v1/evaluations/:id/calibrate',
    {
      schema: {
        tags: curveTags,
        summary: 'Move a person to another predikat with a reason (BKPSDM or the head of the curve unit)',
        params: s.IdParams,
        body: s.CalibrateInput,
        response: { 200: s.Evaluation },
      },
    },
    (req) => svc.calibrate(ctxOf(req), req.params.id, req.body).then(announced(req)),
  );

  // ----- curve and units -----
  app.get(
    '/api/v1/evaluation-curve',
    {
      schema: {
        tags: curveTags,
        summary: 'The distribution curve table of the city',
        response: { 200: s.Curve },
      },
    },
    (req) => units.getCurve(ctxOf(req)),
  );
  app.put(
    '/api/v1/evaluation-curve',
    {
      schema: {
        tags: curveTags,
        summary: 'Replace the distribution curve table (BKPSDM)',
        body: s.CurveInput,
        response: { 200: s.Curve },
      },
    },
    (req) => units.saveCurve(ctxOf(req), req.body).then(announced(req)),
  );
  app.get(
    '/api/v1/evaluation-units',
    {
      schema: {
        tags: curveTags,
        summary:
          'Units with their organisational predikat, predikat distribution and curve deviations for a period (city roles; unit heads: their units)',
        querystring: s.UnitsQuery,
        response: { 200: s.UnitEvaluationList },
      },
    },
    (req) => units.listUnits(ctxOf(req), req.query),
  );
  app.get(
    '/api/v1/evaluation-units/:id',
    {
      schema: {
        tags: curveTags,
        summary: 'One unit for a period: predikat, curve, distribution and deviations, people, readiness',
        params: s.IdParams,
        querystring: s.PeriodQuery,
        response: { 200: s.UnitEvaluation },
      },
    },
    (req) => units.getUnit(ctxOf(req), req.params.id, req.query),
  );
  app.put(
    '/api/v1/evaluation-units/:id/predikat',
    {
      schema: {
        tags: curveTags,
        summary: 'Set the organisational predikat of a unit for a period (BKPSDM)',
        params: s.IdParams,
        body: s.UnitPredikatInput,
        response: { 200: s.UnitEvaluation },
      },
    },
    (req) => units.setUnitPredikat(ctxOf(req), req.params.id, req.body).then(announced(req)),
  );
  app.post(
    '/api/v1/evaluation-units/:id/finalise',
    {
      schema: {
        tags: curveTags,
        summary:
          'Finalise (lock) the unit’s evaluations of a period; deviations from the curve need a reason (BKPSDM or the unit head)',
        params: s.IdParams,
        body: s.FinaliseInput,
        response: { 200: s.UnitEvaluation },
      },
    },
    (req) => units.finaliseUnit(ctxOf(req), req.params.id, req.body).then(announced(req)),
  );
}
