import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CapaianBadge } from '../../components/skp';
import { EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../../components/ui';
import { formatDate, formatNip, formatNumber } from '../../format';
import { useLang } from '../../queries';
import {
  EvaluationStatusBadge,
  PeriodKindPicker,
  PredikatBadge,
  RatingBadge,
  usePeriodKind,
  usePeriodLabel,
} from './common';
import { useSubordinateEvaluations } from './data';

/** `/penilaian`: the subordinates the actor evaluates (as holder or Plt.) for a chosen year and quarter. */
export function SubordinateEvaluationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.evaluation'));
  const lang = useLang();
  const periodLabel = usePeriodLabel();
  const { year, kind, setYear, setKind } = usePeriodKind();
  const list = useSubordinateEvaluations(year, kind);
  const data = list.data;
  const items = data?.items ?? [];
  const done = items.filter((i) => i.evaluation).length;

  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('evaluation.subordinates.title')}</h1>
          <p className="muted">{t('evaluation.subordinates.intro')}</p>
        </div>
      </header>
      <search className="filters panel" aria-label={t('evaluation.filters')}>
        <PeriodKindPicker year={year} kind={kind} onYear={setYear} onKind={setKind} />
      </search>

      {list.isPending ? (
        <Loading rows={6} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 && (data?.withoutSkp.length ?? 0) === 0 ? (
        <div className="panel" data-testid="eval-subordinates">
          <EmptyState title={t('evaluation.subordinates.empty')}>
            {t('evaluation.subordinates.emptyBody')}
          </EmptyState>
        </div>
      ) : (
        <>
          <section className="panel" aria-labelledby="eval-sub-h" data-testid="eval-subordinates">
            <div className="section-head">
              <h2 id="eval-sub-h">
                {periodLabel(kind, year)}{' '}
                <span className="count muted">
                  ({t('evaluation.subordinates.progress', { done, total: items.length })})
                </span>
              </h2>
            </div>
            {data && !data.open ? (
              <p className="notice notice-info" role="status">
                {t('evaluation.subordinates.notOpen', {
                  period: periodLabel(kind, year),
                  date: formatDate(data.opensOn, lang),
                })}
              </p>
            ) : null}
            {items.length === 0 ? (
              <p className="muted">{t('evaluation.subordinates.noneWithSkp')}</p>
            ) : (
              <TableWrap label={t('evaluation.subordinates.title')}>
                <table className="table table-rowlinks">
                  <thead>
                    <tr>
                      <th scope="col">{t('evaluation.fields.employee')}</th>
                      <th scope="col">{t('evaluation.fields.position')}</th>
                      <th scope="col" className="num">
                        {t('evaluation.fields.capaian')}
                      </th>
                      <th scope="col">{t('evaluation.fields.guide')}</th>
                      <th scope="col">{t('evaluation.fields.status')}</th>
                      <th scope="col">{t('evaluation.fields.predikat')}</th>
                      <th scope="col">
                        <span className="sr-only">{t('common.actions')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((i) => {
                      const href = `/penilaian/skp/${encodeURIComponent(i.skpId)}/${kind}`;
                      return (
                        <tr key={i.skpId} data-testid="eval-subordinate-row">
                          <td>
                            <Link className="row-link" to={href}>
                              {i.employee.name}
                            </Link>
                            <span className="nip">{formatNip(i.employee.nip)}</span>
                          </td>
                          <td>
                            <span className="cell-main">{i.positionName}</span>
                            <span className="cell-sub">{i.unitName}</span>
                          </td>
                          <td className="num">
                            <CapaianBadge value={i.capaian} />
                          </td>
                          <td>
                            <RatingBadge rating={i.hasilGuide} short />
                          </td>
                          <td className="nowrap">
                            <EvaluationStatusBadge status={i.evaluation?.status ?? null} />
                          </td>
                          <td>
                            <PredikatBadge predikat={i.evaluation?.predikat} />
                          </td>
                          <td className="nowrap">
                            <Link
                              className={
                                i.abilities.rate && !i.evaluation
                                  ? 'btn btn-primary btn-small'
                                  : 'btn btn-small'
                              }
                              to={href}
                              aria-label={`${i.abilities.rate ? (i.evaluation ? t('evaluation.subordinates.edit') : t('evaluation.subordinates.rate')) : t('evaluation.subordinates.view')}: ${i.employee.name}`}
                            >
                              {i.abilities.rate
                                ? i.evaluation
                                  ? t('evaluation.subordinates.edit')
                                  : t('evaluation.subordinates.rate')
                                : t('evaluation.subordinates.view')}
                            </Link>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableWrap>
            )}
          </section>
          {data && data.withoutSkp.length > 0 ? (
            <section className="panel" aria-labelledby="eval-noskp-h">
              <h2 id="eval-noskp-h">
                {t('evaluation.subordinates.withoutSkp')}{' '}
                <span className="count muted">({formatNumber(data.withoutSkp.length)})</span>
              </h2>
              <ul className="plain-list">
                {data.withoutSkp.map((w) => (
                  <li key={w.employeeId}>
                    <Link to={`/pegawai/${encodeURIComponent(w.employeeId)}`}>{w.name}</Link>{' '}
                    <span className="muted small">— {w.positionName}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
      <p className="muted small">{t('evaluation.guideNote')}</p>
    </div>
  );
}
