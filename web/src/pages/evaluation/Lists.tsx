import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { CapaianBadge } from '../../components/skp';
import { EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../../components/ui';
import { formatDateTime, formatNip, todayJakarta } from '../../format';
import { useLang } from '../../queries';
import {
  EvaluationStatusBadge,
  PeriodKindPicker,
  PersonName,
  PredikatBadge,
  RatingBadge,
  usePeriodLabel,
} from './common';
import { useMyEvaluations, useObjections } from './data';

/** `/penilaian/saya`: the employee's evaluations of a year, newest answer first. */
export function MyEvaluationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.myEvaluation'));
  const lang = useLang();
  const periodLabel = usePeriodLabel();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('tahun')) || Number(todayJakarta().slice(0, 4));
  const list = useMyEvaluations(year);
  const items = list.data ?? [];
  const waiting = items.filter((i) => i.abilities.acknowledge || i.abilities.object);
  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('evaluation.mine.title')}</h1>
          <p className="muted">{t('evaluation.mine.intro')}</p>
        </div>
      </header>
      <search className="filters panel" aria-label={t('evaluation.filters')}>
        <PeriodKindPicker
          year={year}
          withKind={false}
          onYear={(y) => setParams({ tahun: String(y) }, { replace: true })}
        />
      </search>
      {list.isPending ? (
        <Loading rows={5} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <div className="panel" data-testid="my-evaluations">
          <EmptyState title={t('evaluation.mine.empty')}>{t('evaluation.mine.emptyBody')}</EmptyState>
        </div>
      ) : (
        <section className="panel" aria-labelledby="mine-h" data-testid="my-evaluations">
          <h2 id="mine-h">{t('evaluation.mine.listTitle', { year })}</h2>
          {waiting.length > 0 ? (
            <p className="notice notice-warn" role="status">
              {t('evaluation.mine.waiting', { count: waiting.length })}
            </p>
          ) : null}
          <TableWrap label={t('evaluation.mine.listTitle', { year })}>
            <table className="table table-rowlinks">
              <thead>
                <tr>
                  <th scope="col">{t('evaluation.kindLabel')}</th>
                  <th scope="col">{t('evaluation.fields.predikat')}</th>
                  <th scope="col">{t('evaluation.fields.hasil')}</th>
                  <th scope="col">{t('evaluation.fields.perilaku')}</th>
                  <th scope="col" className="num">
                    {t('evaluation.fields.capaian')}
                  </th>
                  <th scope="col">{t('evaluation.fields.status')}</th>
                  <th scope="col">{t('evaluation.fields.evaluator')}</th>
                </tr>
              </thead>
              <tbody>
                {[...items].reverse().map((i) => (
                  <tr key={i.id} data-testid="my-evaluation-row" data-kind={i.kind}>
                    <td>
                      <Link className="row-link" to={`/penilaian/${encodeURIComponent(i.id)}`}>
                        {periodLabel(i.kind, i.periodYear)}
                      </Link>
                      <span className="cell-sub">{formatDateTime(i.ratedAt, lang)}</span>
                    </td>
                    <td>
                      <PredikatBadge predikat={i.predikat} />
                    </td>
                    <td>
                      <RatingBadge rating={i.hasil} short />
                    </td>
                    <td>
                      <RatingBadge rating={i.perilaku} short />
                    </td>
                    <td className="num">
                      <CapaianBadge value={i.capaian} />
                    </td>
                    <td className="nowrap">
                      <EvaluationStatusBadge status={i.status} />
                    </td>
                    <td>
                      <PersonName person={i.evaluator} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      )}
    </div>
  );
}

/** `/penilaian/keberatan`: objections addressed to the actor as atasan pejabat penilai. */
export function ObjectionsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.objections'));
  const lang = useLang();
  const periodLabel = usePeriodLabel();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'decided' ? 'decided' : 'pending';
  const list = useObjections(status);
  const items = list.data ?? [];
  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('evaluation.objections.title')}</h1>
          <p className="muted">{t('evaluation.objections.intro')}</p>
        </div>
      </header>
      {/* biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons, not a form group */}
      <div className="view-toggle" role="group" aria-label={t('evaluation.objections.filter')}>
        {(['pending', 'decided'] as const).map((s) => (
          <button
            key={s}
            type="button"
            className={status === s ? 'is-on' : undefined}
            aria-pressed={status === s}
            onClick={() => setParams(s === 'pending' ? {} : { status: s }, { replace: true })}
          >
            {t(`evaluation.objections.${s}`)}
          </button>
        ))}
      </div>
      {list.isPending ? (
        <Loading rows={5} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <div className="panel" data-testid="objections">
          <EmptyState title={t(`evaluation.objections.empty.${status}`)}>
            {t('evaluation.objections.emptyBody')}
          </EmptyState>
        </div>
      ) : (
        <section className="panel" data-testid="objections" aria-label={t(`evaluation.objections.${status}`)}>
          <TableWrap label={t(`evaluation.objections.${status}`)}>
            <table className="table table-rowlinks">
              <thead>
                <tr>
                  <th scope="col">{t('evaluation.fields.employee')}</th>
                  <th scope="col">{t('evaluation.kindLabel')}</th>
                  <th scope="col">{t('evaluation.fields.evaluator')}</th>
                  <th scope="col">{t('evaluation.fields.predikat')}</th>
                  <th scope="col">{t('evaluation.objections.reason')}</th>
                  <th scope="col">{t('evaluation.fields.status')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.id} data-testid="objection-row">
                    <td>
                      <Link className="row-link" to={`/penilaian/${encodeURIComponent(i.id)}`}>
                        {i.employee.name}
                      </Link>
                      <span className="nip">{formatNip(i.employee.nip)}</span>
                      <span className="cell-sub">{i.positionName}</span>
                    </td>
                    <td className="nowrap">
                      {periodLabel(i.kind, i.periodYear)}
                      <span className="cell-sub">{formatDateTime(i.ratedAt, lang)}</span>
                    </td>
                    <td>
                      <PersonName person={i.evaluator} />
                    </td>
                    <td>
                      <PredikatBadge predikat={i.predikat} />
                    </td>
                    <td className="small">{i.objectionReason ?? '—'}</td>
                    <td className="nowrap">
                      <EvaluationStatusBadge status={i.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      )}
    </div>
  );
}
