/**
 * Figures that other modules own and the dashboard only shows: the predikat distribution (evaluation) and
 * TPP (tpp). Those modules register a source at start-up; without one the dashboard leaves the block out.
 *
 * A source answers per employee, so the dashboard can aggregate any scope (city, OPD, unit) and rank the
 * OPDs; it is called when a tenant's dashboard model is built and again after an `evaluation.changed` /
 * `tpp.changed` event (see src/core/events.ts), never per request.
 */
import type { DB } from '../../db/index.ts';
import type { Predikat } from '../evaluation/predikat.ts';

export interface PredikatSourceData {
  year: number;
  /** the evaluation the figures come from, e.g. 'q3' or 'annual' */
  kind: string;
  byEmployee: Iterable<{ employeeId: string; predikat: Predikat }>;
  /** the expected distribution (the curve) as share bounds in percent, where the tenant's rules give one */
  curve?: { predikat: Predikat; minShare?: number | null; maxShare?: number | null }[];
}

export interface TppSourceData {
  month: string;
  /** the run's status: draft | checked | locked */
  status: string;
  /** integer rupiah per employee */
  byEmployee: Iterable<{ employeeId: string; netto: number; bruto?: number }>;
}

export interface DashboardSources {
  predikat?: (
    db: DB,
    tenantId: string,
    at: { year: number; today: string },
  ) => Promise<PredikatSourceData | null>;
  tpp?: (db: DB, tenantId: string, at: { month: string; today: string }) => Promise<TppSourceData | null>;
}

let sources: DashboardSources = {};

/** Called once by the owning module (or the app factory); later calls replace the named sources. */
export function registerDashboardSources(more: DashboardSources): void {
  sources = { ...sources, ...more };
}

export const dashboardSources = (): DashboardSources => sources;
