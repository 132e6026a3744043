import './attendance.css';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api';
import { useUser } from '../../auth';
import { formatMonth } from '../../components/activity';
import { ErrorSummary, Field, fieldErrors } from '../../components/Form';
import { ConfirmDialog, Modal } from '../../components/Modal';
import {
  Badge,
  EmptyState,
  ErrorState,
  Loading,
  LoadMore,
  SearchSelect,
  TableWrap,
  useDebounced,
  usePageTitle,
} from '../../components/ui';
import { formatDate, formatNip } from '../../format';
import { useLang } from '../../queries';
import type { EmployeeSummary, Paged } from '../../types';
import { attKeys, bpText, invalidateAttendance, LEAVE_KINDS, type Leave, type Sanction } from './data';

/** `/kehadiran/cuti`: leave, sick leave and dinas luar spans; disciplinary sanctions for BKPSDM. */
export function LeavePage() {
  const { t } = useTranslation();
  usePageTitle(t('leave.title'));
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const employeeId = params.get('pegawai') ?? '';
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const fromId = useId();
  const toId = useId();
  const canRecord = user.roles.some((r) => r.role === 'bkpsdm' || r.role === 'admin_opd');
  const cityWide = user.roles.some((r) => ['bkpsdm', 'pimpinan', 'inspektorat'].includes(r.role));
  const query = { employeeId: employeeId || undefined, from: from || undefined, to: to || undefined };
  const list = useInfiniteQuery({
    queryKey: attKeys.leave(query),
    queryFn: ({ pageParam }) =>
      api<Paged<Leave>>('/attendance/leave', { query: { ...query, limit: 50, cursor: pageParam } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const [editing, setEditing] = useState<Leave | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Leave | null>(null);
  const qc = useQueryClient();
  const lang = useLang();
  const remove = useMutation({
    mutationFn: (id: string) => api(`/attendance/leave/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: async () => {
      setDeleting(null);
      await invalidateAttendance(qc);
    },
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('leave.title')}</h1>
          <p className="muted">{t('leave.intro')}</p>
        </div>
        {canRecord ? (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => setEditing('new')}
            data-testid="leave-add"
          >
            {t('leave.add')}
          </button>
        ) : null}
      </header>
      <section className="panel" aria-labelledby="leave-h">
        <div className="section-head">
          <h2 id="leave-h">{t('leave.listTitle')}</h2>
        </div>
        <div className="filters">
          <div className="field">
            <label htmlFor={fromId}>{t('leave.from')}</label>
            <input id={fromId} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={toId}>{t('leave.to')}</label>
            <input id={toId} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </div>
          {employeeId ? (
            <div className="filter-actions">
              <button
                type="button"
                className="btn"
                onClick={() =>
                  setParams((p) => {
                    const n = new URLSearchParams(p);
                    n.delete('pegawai');
                    return n;
                  })
                }
              >
                {t('leave.allPeople')}
              </button>
            </div>
          ) : null}
        </div>
        {list.isPending ? (
          <Loading rows={4} />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={t('leave.empty')}>{canRecord ? t('leave.emptyBody') : null}</EmptyState>
        ) : (
          <>
            <TableWrap label={t('leave.listTitle')} testId="leave-list">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('attendance.person')}</th>
                    <th scope="col">{t('leave.kind')}</th>
                    <th scope="col">{t('leave.period')}</th>
                    <th scope="col">{t('leave.note')}</th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((l) => (
                    <tr key={l.id}>
                      <td>
                        <Link
                          to={`/kehadiran/pegawai/${encodeURIComponent(l.employeeId)}?bulan=${l.startDate.slice(0, 7)}`}
                        >
                          {l.employeeName}
                        </Link>
                        <span className="nip"> {formatNip(l.nip)}</span>
                        {l.unitName ? <div className="muted small">{l.unitName}</div> : null}
                      </td>
                      <td>
                        <Badge tone={l.kind === 'dinas_luar' ? 'info' : 'neutral'}>
                          {t(`attendance.leaveKind.${l.kind}`, { defaultValue: l.kind })}
                        </Badge>
                      </td>
                      <td className="nowrap">
                        {formatDate(l.startDate, lang)}
                        {l.endDate !== l.startDate ? ` – ${formatDate(l.endDate, lang)}` : ''}
                      </td>
                      <td>{l.note ?? ''}</td>
                      <td className="nowrap">
                        {l.abilities.manage ? (
                          <>
                            <button type="button" className="btn btn-small" onClick={() => setEditing(l)}>
                              {t('common.edit')}
                            </button>{' '}
                            <button
                              type="button"
                              className="btn btn-small btn-danger"
                              onClick={() => setDeleting(l)}
                            >
                              {t('common.delete')}
                            </button>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
            <LoadMore
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            />
          </>
        )}
      </section>
      {cityWide || user.employeeId ? <SanctionsPanel /> : null}
      {editing ? (
        <LeaveDialog
          leave={editing === 'new' ? null : editing}
          presetEmployee={employeeId}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('leave.delete')}
          message={t('leave.deleteBody', {
            name: deleting.employeeName,
            kind: t(`attendance.leaveKind.${deleting.kind}`),
            from: formatDate(deleting.startDate, lang),
            to: formatDate(deleting.endDate, lang),
          })}
          confirmLabel={t('common.delete')}
          onConfirm={() => remove.mutate(deleting.id)}
          onClose={() => setDeleting(null)}
          pending={remove.isPending}
          error={remove.error}
        />
      ) : null}
    </div>
  );
}

/** Search employees the caller may see (server-side search). */
function EmployeePicker({
  value,
  onChange,
  error,
  preset,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string;
  preset?: { id: string; label: string };
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q);
  const found = useQuery({
    queryKey: ['employees', { q: debounced, picker: 'attendance' }],
    queryFn: () =>
      api<Paged<EmployeeSummary>>('/org/employees', { query: { q: debounced, status: 'active', limit: 30 } }),
    enabled: debounced.trim().length >= 2,
  });
  const options = [
    ...(preset ? [{ value: preset.id, label: preset.label }] : []),
    ...(found.data?.items ?? [])
      .filter((e) => e.id !== preset?.id)
      .map((e) => ({
        value: e.id,
        label: e.name,
        hint: `${formatNip(e.nip)}${e.unitName ? ` · ${e.unitName}` : ''}`,
      })),
  ];
  return (
    <SearchSelect
      name="employeeId"
      label={t('attendance.person')}
      options={options}
      value={value}
      onChange={onChange}
      search={q}
      onSearch={setQ}
      loading={found.isFetching}
      error={error}
      required
      placeholder={t('leave.searchPerson')}
      emptyText={q.trim().length < 2 ? t('leave.typeTwo') : undefined}
    />
  );
}

function LeaveDialog({
  leave,
  presetEmployee,
  onClose,
}: {
  leave: Leave | null;
  presetEmployee: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [employeeId, setEmployeeId] = useState(leave?.employeeId ?? presetEmployee);
  const [kind, setKind] = useState<string>(leave?.kind ?? 'cuti');
  const [startDate, setStart] = useState(leave?.startDate ?? '');
  const [endDate, setEnd] = useState(leave?.endDate ?? '');
  const [note, setNote] = useState(leave?.note ?? '');
  const preset = useQuery({
    queryKey: ['employee', presetEmployee],
    queryFn: () => api<EmployeeSummary>(`/org/employees/${encodeURIComponent(presetEmployee)}`),
    enabled: !leave && !!presetEmployee,
  });
  const save = useMutation({
    mutationFn: () =>
      leave
        ? api<Leave>(`/attendance/leave/${encodeURIComponent(leave.id)}`, {
            method: 'PATCH',
            body: { kind, startDate, endDate, note: note || null },
          })
        : api<Leave>('/attendance/leave', {
            method: 'POST',
            body: { employeeId, kind, startDate, endDate, note: note || null },
          }),
    onSuccess: async () => {
      await invalidateAttendance(qc);
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  return (
    <Modal
      title={leave ? t('leave.edit') : t('leave.add')}
      onClose={onClose}
      size="wide"
      busy={save.isPending}
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        {leave ? (
          <p>
            <strong>{leave.employeeName}</strong> <span className="nip">{formatNip(leave.nip)}</span>
          </p>
        ) : (
          <EmployeePicker
            value={employeeId}
            onChange={setEmployeeId}
            error={errors.employeeId}
            preset={preset.data ? { id: preset.data.id, label: preset.data.name } : undefined}
          />
        )}
        <div className="form-grid">
          <Field label={t('leave.kind')} name="kind" error={errors.kind} required>
            {(p) => (
              <select {...p} value={kind} onChange={(e) => setKind(e.target.value)}>
                {LEAVE_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`attendance.leaveKind.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('leave.start')} name="startDate" error={errors.startDate} required>
            {(p) => (
              <input
                {...p}
                type="date"
                value={startDate}
                onChange={(e) => setStart(e.target.value)}
                required
              />
            )}
          </Field>
          <Field label={t('leave.end')} name="endDate" error={errors.endDate} required>
            {(p) => (
              <input {...p} type="date" value={endDate} onChange={(e) => setEnd(e.target.value)} required />
            )}
          </Field>
        </div>
        <Field label={t('leave.note')} name="note" error={errors.note}>
          {(p) => <input {...p} value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <p className="hint">{t('leave.countsPresent')}</p>
        <ErrorSummary error={save.error} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={save.isPending || (!leave && !employeeId)}
          >
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

// ---------------- sanctions ----------------
function SanctionsPanel() {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const user = useUser();
  const bkpsdm = user.roles.some((r) => r.role === 'bkpsdm');
  const list = useQuery({
    queryKey: attKeys.sanctions,
    queryFn: () => api<{ items: Sanction[] }>('/attendance/sanctions'),
  });
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Sanction | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api(`/attendance/sanctions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: async () => {
      setDeleting(null);
      await invalidateAttendance(qc);
    },
  });
  return (
    <section className="panel" aria-labelledby="sanction-h" data-testid="sanctions">
      <div className="section-head">
        <h2 id="sanction-h">{t('sanction.title')}</h2>
        {bkpsdm ? (
          <button type="button" className="btn btn-small" onClick={() => setAdding(true)}>
            {t('sanction.add')}
          </button>
        ) : null}
      </div>
      <p className="hint">{t('sanction.intro')}</p>
      {list.isPending ? (
        <Loading rows={2} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <p className="muted">{t('sanction.empty')}</p>
      ) : (
        <TableWrap label={t('sanction.title')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('attendance.person')}</th>
                <th scope="col">{t('sanction.decree')}</th>
                <th scope="col">{t('sanction.period')}</th>
                <th scope="col" className="num">
                  {t('sanction.cut')}
                </th>
                {bkpsdm ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((s) => (
                <tr key={s.id}>
                  <td>
                    {s.employeeName} <span className="nip">{formatNip(s.nip)}</span>
                  </td>
                  <td>
                    {s.decree}
                    {s.reason ? <div className="muted small">{s.reason}</div> : null}
                  </td>
                  <td className="nowrap">
                    {formatMonth(s.startMonth, lang)}
                    {s.endMonth !== s.startMonth ? ` – ${formatMonth(s.endMonth, lang)}` : ''}
                  </td>
                  <td className="num">{bpText(s.basisPoints)}</td>
                  {bpkBtn(bkpsdm, s, () => setDeleting(s), t('common.delete'))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {adding ? <SanctionDialog onClose={() => setAdding(false)} /> : null}
      {deleting ? (
        <ConfirmDialog
          title={t('sanction.delete')}
          message={t('sanction.deleteBody', { name: deleting.employeeName, decree: deleting.decree })}
          confirmLabel={t('common.delete')}
          onConfirm={() => remove.mutate(deleting.id)}
          onClose={() => setDeleting(null)}
          pending={remove.isPending}
          error={remove.error}
        />
      ) : null}
    </section>
  );
}

function bpkBtn(show: boolean, s: Sanction, onDelete: () => void, label: string) {
  if (!show) return null;
  return (
    <td>
      {s.abilities.manage ? (
        <button type="button" className="btn btn-small btn-danger" onClick={onDelete}>
          {label}
        </button>
      ) : null}
    </td>
  );
}

function SanctionDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [employeeId, setEmployeeId] = useState('');
  const [startMonth, setStartMonth] = useState('');
  const [months, setMonths] = useState('3');
  const [percent, setPercent] = useState('5');
  const [decree, setDecree] = useState('');
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api<Sanction>('/attendance/sanctions', {
        method: 'POST',
        body: {
          employeeId,
          startMonth,
          months: Number(months),
          basisPoints: Math.round(Number(percent) * 100),
          decree,
          reason: reason || null,
        },
      }),
    onSuccess: async () => {
      await invalidateAttendance(qc);
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  return (
    <Modal title={t('sanction.add')} onClose={onClose} size="wide" busy={save.isPending}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <EmployeePicker value={employeeId} onChange={setEmployeeId} error={errors.employeeId} />
        <div className="form-grid">
          <Field label={t('sanction.startMonth')} name="startMonth" error={errors.startMonth} required>
            {(p) => (
              <input
                {...p}
                type="month"
                value={startMonth}
                onChange={(e) => setStartMonth(e.target.value)}
                required
              />
            )}
          </Field>
          <Field label={t('sanction.months')} name="months" error={errors.months} required>
            {(p) => (
              <input
                {...p}
                type="number"
                min={1}
                max={36}
                value={months}
                onChange={(e) => setMonths(e.target.value)}
                required
              />
            )}
          </Field>
          <Field label={t('sanction.cut')} name="basisPoints" error={errors.basisPoints} required>
            {(p) => (
              <input
                {...p}
                type="number"
                min={0.01}
                max={100}
                step={0.01}
                value={percent}
                onChange={(e) => setPercent(e.target.value)}
                required
              />
            )}
          </Field>
        </div>
        <Field label={t('sanction.decree')} name="decree" error={errors.decree} required>
          {(p) => (
            <input {...p} value={decree} onChange={(e) => setDecree(e.target.value)} required minLength={3} />
          )}
        </Field>
        <Field label={t('sanction.reason')} name="reason" error={errors.reason}>
          {(p) => <input {...p} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <ErrorSummary error={save.error} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending || !employeeId}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
