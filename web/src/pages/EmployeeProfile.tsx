import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../api';
import { EmployeeStatusBadge } from '../components/badges';
import { Badge, EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../components/ui';
import { formatDate, formatNip } from '../format';
import { keys, useLang } from '../queries';
import type { Atasan, Employee } from '../types';
import {
  EmployeeDeactivateDialog,
  EmployeeEditDialog,
  EmployeeMoveDialog,
} from './employees/EmployeeDialogs';

function sexLabel(
  t: (k: string, o?: Record<string, unknown>) => string,
  v: string | null | undefined,
): string {
  if (!v) return '—';
  const key = v === '1' || v === 'M' ? 'L' : v === '2' || v === 'F' ? 'P' : v;
  return t(`sex.${key}`, { defaultValue: v });
}

function AtasanBlock({ title, person }: { title: string; person: Atasan | null }) {
  const { t } = useTranslation();
  return (
    <div className="atasan-block">
      <h3>{title}</h3>
      {person ? (
        <div>
          <p className="atasan-name">
            <Link to={`/pegawai/${encodeURIComponent(person.employeeId)}`}>{person.name}</Link>
            {person.acting ? (
              <>
                {' '}
                <abbr className="acting-marker" title={t('positions.actingKind.plt')}>
                  {t('positions.actingShort.plt')}
                </abbr>
              </>
            ) : null}
          </p>
          <p className="mono small">{formatNip(person.nip)}</p>
          <p className="muted small">{person.positionName ?? '—'}</p>
        </div>
      ) : (
        <p className="muted">{t('profile.noAtasan')}</p>
      )}
    </div>
  );
}

type Dialog = 'edit' | 'move' | 'deactivate' | null;

export function EmployeeProfilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const [dialog, setDialog] = useState<Dialog>(null);
  const emp = useQuery({
    queryKey: keys.employee(id),
    queryFn: () => api<Employee>(`/org/employees/${encodeURIComponent(id)}`),
  });
  usePageTitle(emp.data?.name ?? t('profile.title'));

  if (emp.isPending) {
    return (
      <div className="page">
        <Loading rows={8} />
      </div>
    );
  }
  if (emp.isError) {
    const notFound = emp.error instanceof ApiError && emp.error.status === 404;
    return (
      <div className="page">
        {notFound ? (
          <EmptyState title={t('profile.notFound')}>
            <p>{t('profile.notFoundBody')}</p>
            <Link to="/pegawai">{t('profile.backToList')}</Link>
          </EmptyState>
        ) : (
          <ErrorState error={emp.error} onRetry={() => void emp.refetch()} />
        )}
      </div>
    );
  }
  const e = emp.data;
  const info = e.nipInfo;
  const isPppk = e.asnType === 'PPPK' || info?.kind === 'PPPK' || info?.kind === 'pppk';
  const active = e.status === 'active';
  const hasContact = !!(e.email || e.phone);

  return (
    <div className="page" data-testid="employee-profile">
      <nav className="breadcrumbs" aria-label={t('org.breadcrumbs')}>
        <ol>
          <li>
            <Link to="/pegawai">{t('nav.employees')}</Link>
          </li>
          <li aria-current="page">{e.name}</li>
        </ol>
      </nav>
      <header className="page-header profile-header">
        <div>
          <h1>{e.name}</h1>
          <p className="profile-sub">
            <span className="mono">
              {isPppk ? t('employees.fields.nipPppkShort') : 'NIP'} {formatNip(e.nip)}
            </span>
            <Badge tone="info">{e.asnType}</Badge>
            <EmployeeStatusBadge status={e.status} />
          </p>
        </div>
        <div className="actions">
          {e.abilities.readPersonal ? (
            <Link
              className="btn btn-small"
              to={`/akun/${encodeURIComponent(e.id)}`}
              data-testid="profile-account"
            >
              {t('profile.openAccount')}
            </Link>
          ) : null}
          {e.abilities.update ? (
            <button type="button" className="btn btn-small" onClick={() => setDialog('edit')}>
              {t('common.edit')}
            </button>
          ) : null}
          {e.abilities.move && active ? (
            <button type="button" className="btn btn-small" onClick={() => setDialog('move')}>
              {t('employees.move')}
            </button>
          ) : null}
          {e.abilities.deactivate && active ? (
            <button
              type="button"
              className="btn btn-small btn-danger-outline"
              onClick={() => setDialog('deactivate')}
            >
              {t('employees.deactivate')}
            </button>
          ) : null}
        </div>
      </header>

      <div className="profile-grid">
        <section className="panel" aria-labelledby="job-h">
          <h2 id="job-h">{t('profile.employment')}</h2>
          <dl className="facts facts-2">
            <div>
              <dt>{t('employees.fields.position')}</dt>
              <dd>
                {e.positionName && e.unitId ? (
                  <Link to={`/organisasi?unit=${encodeURIComponent(e.unitId)}`}>{e.positionName}</Link>
                ) : (
                  (e.positionName ?? '—')
                )}
              </dd>
            </div>
            <div>
              <dt>{t('employees.fields.unit')}</dt>
              <dd>
                {e.unitId ? (
                  <Link to={`/organisasi?unit=${encodeURIComponent(e.unitId)}`}>
                    {e.unitName ?? e.unitId}
                  </Link>
                ) : (
                  '—'
                )}
              </dd>
            </div>
            <div>
              <dt>{t('employees.fields.asnType')}</dt>
              <dd>{e.asnType}</dd>
            </div>
            <div>
              <dt>{t('employees.fields.golongan')}</dt>
              <dd>{e.golongan ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('employees.fields.education')}</dt>
              <dd>{e.education ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('profile.retirement')}</dt>
              <dd>{formatDate(e.retirementDate, lang)}</dd>
            </div>
          </dl>
        </section>

        <section className="panel" aria-labelledby="nip-h" data-testid="nip-info">
          <h2 id="nip-h">{isPppk ? t('profile.nipInfoPppk') : t('profile.nipInfo')}</h2>
          <p className="nip-big mono" aria-hidden="true">
            {formatNip(e.nip)}
          </p>
          <dl className="facts facts-2">
            <div>
              <dt>{t('profile.birthDate')}</dt>
              <dd>{formatDate(info?.birthDate ?? e.birthDate ?? null, lang)}</dd>
            </div>
            <div>
              <dt>{isPppk ? t('profile.tmtPppk') : t('profile.tmtCpns')}</dt>
              <dd>{formatDate(info?.tmt ?? e.tmtCpns ?? null, lang)}</dd>
            </div>
            <div>
              <dt>{t('employees.fields.sex')}</dt>
              <dd>{sexLabel(t, info?.sex ?? e.sex)}</dd>
            </div>
            <div>
              <dt>{t('profile.sequence')}</dt>
              <dd className="mono">{info?.sequence ?? '—'}</dd>
            </div>
          </dl>
        </section>

        <section className="panel" aria-labelledby="atasan-h" data-testid="atasan">
          <h2 id="atasan-h">{t('profile.raters')}</h2>
          <div className="atasan-grid">
            <AtasanBlock title={t('profile.atasan')} person={e.atasan} />
            <AtasanBlock title={t('profile.atasanPenilai')} person={e.atasanPenilai} />
          </div>
        </section>

        {hasContact ? (
          <section className="panel" aria-labelledby="contact-h">
            <h2 id="contact-h">{t('profile.contact')}</h2>
            <dl className="facts facts-2">
              {e.email ? (
                <div>
                  <dt>{t('employees.fields.email')}</dt>
                  <dd>
                    <a href={`mailto:${e.email}`}>{e.email}</a>
                  </dd>
                </div>
              ) : null}
              {e.phone ? (
                <div>
                  <dt>{t('employees.fields.phone')}</dt>
                  <dd>
                    <a href={`tel:${e.phone.replace(/[^\d+]/g, '')}`}>{e.phone}</a>
                  </dd>
                </div>
              ) : null}
            </dl>
          </section>
        ) : null}
      </div>

      <section className="panel" aria-labelledby="hist-h">
        <h2 id="hist-h">{t('profile.history')}</h2>
        {e.history.length === 0 ? (
          <p className="muted">{t('profile.noHistory')}</p>
        ) : (
          <TableWrap label={t('profile.history')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('employees.fields.position')}</th>
                  <th scope="col">{t('employees.fields.unit')}</th>
                  <th scope="col">{t('profile.from')}</th>
                  <th scope="col">{t('profile.to')}</th>
                  <th scope="col">{t('employees.fields.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {e.history.map((h, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: history rows have no id; order is stable
                  <tr key={`${h.positionId}-${h.startDate}-${i}`}>
                    <td>{h.positionName ?? '—'}</td>
                    <td>{h.unitName ?? '—'}</td>
                    <td className="nowrap">{formatDate(h.startDate, lang)}</td>
                    <td className="nowrap">
                      {h.endDate ? (
                        formatDate(h.endDate, lang)
                      ) : (
                        <Badge tone="ok">{t('profile.current')}</Badge>
                      )}
                    </td>
                    <td>{h.reason ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      {dialog === 'edit' ? <EmployeeEditDialog employee={e} onClose={() => setDialog(null)} /> : null}
      {dialog === 'move' ? <EmployeeMoveDialog employee={e} onClose={() => setDialog(null)} /> : null}
      {dialog === 'deactivate' ? (
        <EmployeeDeactivateDialog employee={e} onClose={() => setDialog(null)} />
      ) : null}
    </div>
  );
}
