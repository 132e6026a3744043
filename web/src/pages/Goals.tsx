import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError, api } from '../api';
import { useUser } from '../auth';
import { ErrorSummary, errorsByPath, Field } from '../components/Form';
import { IndicatorEditor } from '../components/IndicatorEditor';
import { ConfirmDialog, Modal } from '../components/Modal';
import { formatTarget, PeriodPicker, SkpStatusBadge, usePeriodParam } from '../components/skp';
import { Badge, EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../components/ui';
import { formatDate, formatNumber, formatPercent } from '../format';
import { keys, useLang } from '../queries';
import type { Direction, Goal, Period, SkpCoverage } from '../types';

export function GoalStatusBadge({ status }: { status: Goal['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge tone={status === 'approved' ? 'ok' : 'warn'}>
      {t(`goals.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function GoalIndicatorList({ goal }: { goal: Goal }) {
  const { t } = useTranslation();
  if (goal.indicators.length === 0) return <p className="muted small">{t('goals.noIndicators')}</p>;
  return (
    <ul className="goal-indicators">
      {goal.indicators.map((i) => (
        <li key={i.id}>
          <span>{i.name}</span>
          <span className="goal-target">
            <strong>{formatTarget(i.targetValue, i.targetText, i.unit)}</strong>
            <span className="muted small"> · {t(`skp.direction.${i.direction}`)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

type Dialog =
  | { kind: 'period' }
  | { kind: 'create' }
  | { kind: 'edit'; goal: Goal }
  | { kind: 'approve'; goal: Goal }
  | { kind: 'delete'; goal: Goal }
  | null;

/** `/sasaran?periode=`: the city goals of a period, their coverage, and what is not covered yet. */
export function GoalsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.goals'));
  const lang = useLang();
  const { periods, period, setPeriod } = usePeriodParam();
  const user = useUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const goals = useQuery({
    queryKey: keys.goals(period?.id ?? ''),
    queryFn: () => api<{ items: Goal[] }>('/goals', { query: { periodId: period?.id } }).then((r) => r.items),
    enabled: !!period,
  });

  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('goals.title')}</h1>
          <p className="muted">{t('goals.intro')}</p>
        </div>
        <div className="actions header-tools">
          {periods.data && periods.data.length > 0 ? (
            <PeriodPicker periods={periods.data} value={period?.id} onChange={setPeriod} />
          ) : null}
          {user.abilities['period.create'] ? (
            <button
              type="button"
              className="btn"
              onClick={() => setDialog({ kind: 'period' })}
              data-testid="period-add"
            >
              {t('periods.add')}
            </button>
          ) : null}
          {period?.abilities.manageGoals ? (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setDialog({ kind: 'create' })}
              data-testid="goal-add"
            >
              {t('goals.add')}
            </button>
          ) : null}
        </div>
      </header>

      {periods.isPending ? (
        <Loading rows={6} />
      ) : periods.isError ? (
        <ErrorState error={periods.error} onRetry={() => void periods.refetch()} />
      ) : !period ? (
        <div className="panel">
          <EmptyState title={t('periods.none')}>{t('periods.noneBody')}</EmptyState>
        </div>
      ) : goals.isPending ? (
        <Loading rows={6} />
      ) : goals.isError ? (
        <ErrorState error={goals.error} onRetry={() => void goals.refetch()} />
      ) : goals.data.length === 0 ? (
        <div className="panel">
          <EmptyState title={t('goals.none', { year: period.year })}>
            {period.abilities.manageGoals ? t('goals.noneManage') : t('goals.noneBody')}
          </EmptyState>
        </div>
      ) : (
        <ul className="goal-grid">
          {goals.data.map((g) => (
            <li key={g.id} className="goal-card panel" data-testid="goal-card" data-goal-id={g.id}>
              <div className="goal-card-head">
                <span className="goal-code mono">{g.code}</span>
                <GoalStatusBadge status={g.status} />
              </div>
              <h2 className="goal-title">
                <Link to={`/sasaran/${encodeURIComponent(g.id)}`}>{g.title}</Link>
              </h2>
              {g.description ? <p className="muted small">{g.description}</p> : null}
              <GoalIndicatorList goal={g} />
              <p className="goal-coverage small">
                <span>{t('goals.rhkCount', { count: g.coverage.rhkCount })}</span>
                <span>{t('goals.employeeCount', { count: g.coverage.employeeCount })}</span>
              </p>
              {g.status === 'approved' && g.approvedAt ? (
                <p className="muted small">
                  {g.approvedByName
                    ? t('goals.approvedBy', { name: g.approvedByName, at: formatDate(g.approvedAt, lang) })
                    : t('goals.approvedAt', { at: formatDate(g.approvedAt, lang) })}
                </p>
              ) : null}
              <div className="actions goal-actions">
                <Link className="btn btn-small" to={`/sasaran/${encodeURIComponent(g.id)}`}>
                  {t('goals.openCascade')}
                </Link>
                {g.abilities.update ? (
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => setDialog({ kind: 'edit', goal: g })}
                    aria-label={t('goals.editNamed', { code: g.code })}
                  >
                    {t('common.edit')}
                  </button>
                ) : null}
                {g.abilities.approve ? (
                  <button
                    type="button"
                    className="btn btn-small btn-primary"
                    onClick={() => setDialog({ kind: 'approve', goal: g })}
                    aria-label={t('goals.approveNamed', { code: g.code })}
                    data-testid="goal-approve"
                  >
                    {t('goals.approve')}
                  </button>
                ) : null}
                {g.abilities.delete ? (
                  <button
                    type="button"
                    className="btn btn-small btn-danger-outline"
                    onClick={() => setDialog({ kind: 'delete', goal: g })}
                    aria-label={t('goals.deleteNamed', { code: g.code })}
                  >
                    {t('common.delete')}
                  </button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}

      {period ? <CoveragePanel period={period} /> : null}

      {dialog?.kind === 'period' ? (
        <PeriodDialog
          onClose={(created) => {
            setDialog(null);
            if (created) setPeriod(created.id);
          }}
        />
      ) : null}
      {dialog?.kind === 'create' && period ? (
        <GoalFormDialog period={period} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'edit' && period ? (
        <GoalFormDialog period={period} goal={dialog.goal} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'approve' ? (
        <GoalApproveDialog goal={dialog.goal} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <GoalDeleteDialog goal={dialog.goal} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}

function useInvalidateGoals() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['goals'] }),
      qc.invalidateQueries({ queryKey: ['coverage'] }),
      qc.invalidateQueries({ queryKey: ['cascade'] }),
      qc.invalidateQueries({ queryKey: ['skp'] }),
    ]);
}

interface IndicatorDraft {
  key: number;
  name: string;
  targetValue: string;
  targetText: string;
  unit: string;
  direction: Direction;
}

let nextKey = 1;
const blank = (): IndicatorDraft => ({
  key: nextKey++,
  name: '',
  targetValue: '',
  targetText: '',
  unit: '',
  direction: 'higher',
});

function GoalFormDialog({ period, goal, onClose }: { period: Period; goal?: Goal; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateGoals();
  const [code, setCode] = useState(goal?.code ?? '');
  const [title, setTitle] = useState(goal?.title ?? '');
  const [description, setDescription] = useState(goal?.description ?? '');
  const [indicators, setIndicators] = useState<IndicatorDraft[]>(() =>
    goal && goal.indicators.length > 0
      ? goal.indicators.map((i) => ({
          key: nextKey++,
          name: i.name,
          targetValue: i.targetValue === null ? '' : String(i.targetValue),
          targetText: i.targetText ?? '',
          unit: i.unit,
          direction: i.direction,
        }))
      : [blank()],
  );
  const save = useMutation({
    mutationFn: () => {
      const body = {
        code: code.trim(),
        title: title.trim(),
        description: description.trim() || undefined,
        indicators: indicators.map((i) => ({
          name: i.name.trim(),
          targetValue: i.targetValue.trim() === '' ? undefined : Number(i.targetValue),
          targetText: i.targetText.trim() || undefined,
          unit: i.unit.trim(),
          direction: i.direction,
        })),
      };
      return goal
        ? api<Goal>(`/goals/${encodeURIComponent(goal.id)}`, { method: 'PATCH', body })
        : api<Goal>('/goals', { method: 'POST', body: { periodId: period.id, ...body } });
    },
    onSuccess: async () => {
      await invalidate();
      onClose();
    },
  });
  const errs = errorsByPath(save.error);
  const update = (key: number, patch: Partial<IndicatorDraft>) =>
    setIndicators((list) => list.map((i) => (i.key === key ? { ...i, ...patch } : i)));
  const describe = (path: string) => {
    const parts = path.split('.');
    const field = (f: string | undefined) => (f ? t(`goals.fields.${f}`, { defaultValue: f }) : '');
    if (parts[0] === 'indicators' && parts[1] !== undefined) {
      return [t('skp.indicatorN', { n: Number(parts[1]) + 1 }), field(parts[2])].filter(Boolean).join(' › ');
    }
    return field(parts[parts.length - 1]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!save.isPending) save.mutate();
  };
  return (
    <Modal
      title={goal ? t('goals.editTitle', { code: goal.code }) : t('goals.addTitle', { year: period.year })}
      onClose={onClose}
      busy={save.isPending}
      size="wide"
    >
      <form className="form" onSubmit={submit} noValidate data-testid="goal-form">
        <ErrorSummary error={save.error} describe={describe} />
        <div className="form-grid goal-form-grid">
          <Field
            label={t('goals.fields.code')}
            name="code"
            error={errs.code}
            required
            hint={t('goals.codeHint')}
          >
            {(p) => (
              <input
                {...p}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                autoComplete="off"
                required
              />
            )}
          </Field>
          <Field label={t('goals.fields.title')} name="title" error={errs.title} required className="grow-2">
            {(p) => (
              <input
                {...p}
                value={title}
                onChange={(e) => setTitle(e.target.value)}
                autoComplete="off"
                required
              />
            )}
          </Field>
        </div>
        <Field label={t('goals.fields.description')} name="description" error={errs.description}>
          {(p) => (
            <textarea {...p} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
          )}
        </Field>
        <fieldset className="indicator-fieldset">
          <legend>{t('goals.indicators')}</legend>
          {errs.indicators ? <p className="field-error">{errs.indicators}</p> : null}
          {indicators.map((i, n) => {
            const b = `indicators.${n}`;
            return (
              <IndicatorEditor
                key={i.key}
                value={i}
                onChange={(patch) => update(i.key, patch)}
                onRemove={() => setIndicators((list) => list.filter((x) => x.key !== i.key))}
                base={b}
                error={(f) => errs[`${b}.${f}`]}
                label={(f) => t(`goals.fields.${f}`)}
                legend={t('skp.indicatorN', { n: n + 1 })}
                unitPlaceholder={t('goals.unitPlaceholder')}
                removeLabel={t('goals.removeIndicatorN', { n: n + 1 })}
              />
            );
          })}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setIndicators((list) => [...list, blank()])}
          >
            + {t('skp.addIndicator')}
          </button>
        </fieldset>
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="goal-save">
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function GoalApproveDialog({ goal, onClose }: { goal: Goal; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateGoals();
  const m = useMutation({
    mutationFn: () => api<Goal>(`/goals/${encodeURIComponent(goal.id)}/approve`, { method: 'POST' }),
    onSuccess: async () => {
      await invalidate();
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={t('goals.approveTitle')}
      message={<p>{t('goals.approveBody', { code: goal.code, title: goal.title })}</p>}
      confirmLabel={t('goals.approve')}
      danger={false}
      onConfirm={() => m.mutate()}
      onClose={onClose}
      pending={m.isPending}
      error={m.error}
    />
  );
}

function GoalDeleteDialog({ goal, onClose }: { goal: Goal; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateGoals();
  const m = useMutation({
    mutationFn: () => api<void>(`/goals/${encodeURIComponent(goal.id)}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await invalidate();
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={t('goals.deleteTitle')}
      message={<p>{t('goals.deleteBody', { code: goal.code, title: goal.title })}</p>}
      confirmLabel={t('common.delete')}
      onConfirm={() => m.mutate()}
      onClose={onClose}
      pending={m.isPending}
      error={m.error}
    />
  );
}

/** Coverage of the period (city-wide roles only; hidden for everyone the server refuses). */
function CoveragePanel({ period }: { period: Period }) {
  const { t } = useTranslation();
  const cov = useQuery({
    queryKey: keys.coverage(period.id),
    queryFn: () => api<SkpCoverage>('/skp-coverage', { query: { periodId: period.id } }),
    retry: false,
  });
  if (cov.isError && cov.error instanceof ApiError && [401, 403, 404].includes(cov.error.status)) return null;
  if (cov.isPending) return null;
  if (cov.isError) {
    return (
      <section className="panel" aria-labelledby="cov-h">
        <h2 id="cov-h">{t('coverage.title')}</h2>
        <ErrorState error={cov.error} onRetry={() => void cov.refetch()} />
      </section>
    );
  }
  const c = cov.data;
  const pct = c.totals.heldPositions > 0 ? (c.totals.approved / c.totals.heldPositions) * 100 : null;
  return (
    <section className="panel coverage" aria-labelledby="cov-h" data-testid="coverage">
      <h2 id="cov-h">{t('coverage.title', { year: period.year })}</h2>
      <div className="progress-block">
        <label htmlFor="cov-progress">
          {t('coverage.approved', {
            approved: formatNumber(c.totals.approved),
            held: formatNumber(c.totals.heldPositions),
          })}{' '}
          {pct !== null ? <strong>({formatPercent(pct)})</strong> : null}
        </label>
        <progress id="cov-progress" max={Math.max(1, c.totals.heldPositions)} value={c.totals.approved}>
          {pct !== null ? formatPercent(pct) : ''}
        </progress>
      </div>
      <details className="coverage-list" data-testid="coverage-positions">
        <summary>
          {t('coverage.positionsWithout')}{' '}
          <span className="count-pill">{formatNumber(c.positionsWithoutApprovedSkp.length)}</span>
        </summary>
        {c.positionsWithoutApprovedSkp.length === 0 ? (
          <p className="muted">{t('coverage.allApproved')}</p>
        ) : (
          <TableWrap label={t('coverage.positionsWithout')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('employees.fields.position')}</th>
                  <th scope="col">{t('employees.fields.unit')}</th>
                  <th scope="col">{t('positions.holder')}</th>
                  <th scope="col">{t('skp.fields.status')}</th>
                </tr>
              </thead>
              <tbody>
                {c.positionsWithoutApprovedSkp.map((p) => (
                  <tr key={p.positionId}>
                    <td>{p.positionName}</td>
                    <td>{p.unitName ?? '—'}</td>
                    <td>{p.holderName ?? <Badge tone="warn">{t('positions.vacant')}</Badge>}</td>
                    <td className="nowrap">
                      <SkpStatusBadge status={p.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </details>
      <details className="coverage-list" data-testid="coverage-orphans">
        <summary>
          {t('coverage.orphanRhks')} <span className="count-pill">{formatNumber(c.orphanRhks.length)}</span>
        </summary>
        <p className="hint">{t('coverage.orphanRhksHint')}</p>
        {c.orphanRhks.length === 0 ? (
          <p className="muted">{t('coverage.noOrphans')}</p>
        ) : (
          <ul className="plain-list">
            {c.orphanRhks.map((r) => (
              <li key={r.rhkId}>
                <span>{r.text}</span> <span className="muted small">— {r.employeeName}</span>
              </li>
            ))}
          </ul>
        )}
      </details>
      <details className="coverage-list" data-testid="coverage-goals">
        <summary>
          {t('coverage.goalsWithout')}{' '}
          <span className="count-pill">{formatNumber(c.goalsWithoutRhk.length)}</span>
        </summary>
        {c.goalsWithoutRhk.length === 0 ? (
          <p className="muted">{t('coverage.allGoalsCovered')}</p>
        ) : (
          <ul className="plain-list">
            {c.goalsWithoutRhk.map((g) => (
              <li key={g.id}>
                <Link to={`/sasaran/${encodeURIComponent(g.id)}`}>
                  <span className="mono">{g.code}</span> {g.title}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}

/** BKPSDM opens the performance period of a year (1 January – 31 December). */
function PeriodDialog({ onClose }: { onClose: (created: Period | null) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const save = useMutation({
    mutationFn: () => api<Period>('/periods', { method: 'POST', body: { year: Number(year) } }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: keys.periods });
      onClose(created);
    },
  });
  const errs = errorsByPath(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!save.isPending) save.mutate();
  };
  return (
    <Modal title={t('periods.addTitle')} onClose={() => onClose(null)} busy={save.isPending}>
      <form className="form" onSubmit={submit} noValidate data-testid="period-form">
        <ErrorSummary error={save.error} labels={{ year: t('periods.year') }} />
        <Field label={t('periods.year')} name="year" error={errs.year} hint={t('periods.addHint')} required>
          {(p) => (
            <input
              {...p}
              type="number"
              min={2020}
              max={2100}
              value={year}
              onChange={(e) => setYear(e.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => onClose(null)} disabled={save.isPending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('periods.open')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
