import './attendance.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary, Field, fieldErrors } from '../../components/Form';
import { ConfirmDialog, Modal } from '../../components/Modal';
import { Badge, EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../../components/ui';
import { formatDate } from '../../format';
import { useLang } from '../../queries';
import type { Lang } from '../../types';
import {
  bpText,
  type Holiday,
  invalidateAttendance,
  type Rule,
  type Schedule,
  useRules,
  useWorkCalendar,
  type WorkCalendar,
} from './data';

const weekdayName = (n: number, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, n)),
  );

/** `/pengaturan/kalender`: holidays and cuti bersama, schedules and the deduction table. */
export function WorkCalendarPage() {
  const { t } = useTranslation();
  usePageTitle(t('calendar.title'));
  const [year, setYear] = useState(() => Number(new Date().getFullYear()));
  const yearId = useId();
  const cal = useWorkCalendar(year);
  return (
    <div className="page page-wide">
      <header className="page-header">
        <div>
          <h1>{t('calendar.title')}</h1>
          <p className="muted">{t('calendar.intro')}</p>
        </div>
        <div className="field">
          <label htmlFor={yearId}>{t('calendar.year')}</label>
          <input
            id={yearId}
            type="number"
            min={2020}
            max={2100}
            value={year}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (v >= 2000 && v <= 2100) setYear(v);
            }}
          />
        </div>
      </header>
      {cal.isPending ? (
        <div className="panel">
          <Loading rows={6} />
        </div>
      ) : cal.isError ? (
        <ErrorState error={cal.error} onRetry={() => void cal.refetch()} />
      ) : (
        <>
          <HolidaysPanel cal={cal.data} />
          <SchedulesPanel cal={cal.data} />
        </>
      )}
      <RulesPanel />
    </div>
  );
}

// ---------------- holidays ----------------
function HolidaysPanel({ cal }: { cal: WorkCalendar }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Holiday | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Holiday | null>(null);
  const remove = useMutation({
    mutationFn: (date: string) => api(`/attendance/holidays/${date}`, { method: 'DELETE' }),
    onSuccess: async () => {
      setDeleting(null);
      await invalidateAttendance(qc);
    },
  });
  const manage = cal.abilities.manage;
  return (
    <section className="panel" aria-labelledby="hol-h" data-testid="holidays">
      <div className="section-head">
        <h2 id="hol-h">{t('calendar.holidays', { year: cal.year })}</h2>
        {manage ? (
          <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing('new')}>
            {t('calendar.addHoliday')}
          </button>
        ) : null}
      </div>
      <p className="hint">
        {t('calendar.workWeekdays', { days: cal.workWeekdays.map((d) => weekdayName(d, lang)).join(', ') })}
      </p>
      {cal.holidays.length === 0 ? (
        <EmptyState title={t('calendar.noHolidays')}>
          {manage ? t('calendar.noHolidaysBody') : null}
        </EmptyState>
      ) : (
        <TableWrap label={t('calendar.holidays', { year: cal.year })}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('calendar.date')}</th>
                <th scope="col">{t('calendar.day')}</th>
                <th scope="col">{t('calendar.kind')}</th>
                <th scope="col">{t('calendar.name')}</th>
                {manage ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {cal.holidays.map((h) => (
                <tr key={h.date}>
                  <td className="nowrap">{formatDate(h.date, lang)}</td>
                  <td>{weekdayName(((new Date(`${h.date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1, lang)}</td>
                  <td>
                    <Badge tone={h.kind === 'libur' ? 'info' : 'warn'}>
                      {t(`attendance.holidayKind.${h.kind}`)}
                    </Badge>
                  </td>
                  <td>{h.name}</td>
                  {manage ? (
                    <td className="nowrap">
                      <button type="button" className="btn btn-small" onClick={() => setEditing(h)}>
                        {t('common.edit')}
                      </button>{' '}
                      <button
                        type="button"
                        className="btn btn-small btn-danger"
                        onClick={() => setDeleting(h)}
                      >
                        {t('common.delete')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {editing ? (
        <HolidayDialog holiday={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('calendar.deleteHoliday')}
          message={t('calendar.deleteHolidayBody', {
            name: deleting.name,
            date: formatDate(deleting.date, lang),
          })}
          confirmLabel={t('common.delete')}
          onConfirm={() => remove.mutate(deleting.date)}
          onClose={() => setDeleting(null)}
          pending={remove.isPending}
          error={remove.error}
        />
      ) : null}
    </section>
  );
}

function HolidayDialog({ holiday, onClose }: { holiday: Holiday | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [date, setDate] = useState(holiday?.date ?? '');
  const [kind, setKind] = useState(holiday?.kind ?? 'libur');
  const [name, setName] = useState(holiday?.name ?? '');
  const save = useMutation({
    mutationFn: () =>
      holiday
        ? api<Holiday>(`/attendance/holidays/${holiday.date}`, { method: 'PATCH', body: { kind, name } })
        : api<Holiday>('/attendance/holidays', { method: 'POST', body: { date, kind, name } }),
    onSuccess: async () => {
      await invalidateAttendance(qc);
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  return (
    <Modal
      title={holiday ? t('calendar.editHoliday') : t('calendar.addHoliday')}
      onClose={onClose}
      busy={save.isPending}
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Field label={t('calendar.date')} name="date" error={errors.date} required>
          {(p) => (
            <input
              {...p}
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              disabled={!!holiday}
              required
            />
          )}
        </Field>
        <Field label={t('calendar.kind')} name="kind" error={errors.kind} required>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value)}>
              <option value="libur">{t('attendance.holidayKind.libur')}</option>
              <option value="cuti_bersama">{t('attendance.holidayKind.cuti_bersama')}</option>
            </select>
          )}
        </Field>
        <Field label={t('calendar.name')} name="name" error={errors.name} required>
          {(p) => (
            <input {...p} value={name} onChange={(e) => setName(e.target.value)} required minLength={3} />
          )}
        </Field>
        <ErrorSummary error={save.error} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

// ---------------- schedules ----------------
function SchedulesPanel({ cal }: { cal: WorkCalendar }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<Schedule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Schedule | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => api(`/attendance/schedules/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: async () => {
      setDeleting(null);
      await invalidateAttendance(qc);
    },
  });
  const manage = cal.abilities.manage;
  return (
    <section className="panel" aria-labelledby="sch-h" data-testid="schedules">
      <div className="section-head">
        <h2 id="sch-h">{t('calendar.schedules')}</h2>
        {manage ? (
          <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing('new')}>
            {t('calendar.addSchedule')}
          </button>
        ) : null}
      </div>
      <p className="hint">{t('calendar.schedulesHint')}</p>
      <TableWrap label={t('calendar.schedules')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('calendar.name')}</th>
              <th scope="col">{t('calendar.validity')}</th>
              <th scope="col">{t('calendar.hours')}</th>
              {manage ? <th scope="col">{t('common.actions')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {cal.schedules.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.name}
                  {cal.defaultSchedule ? (
                    <span className="muted small"> ({t('calendar.builtIn')})</span>
                  ) : null}
                </td>
                <td className="nowrap">
                  {s.validFrom <= '2000-01-01' ? t('calendar.always') : formatDate(s.validFrom, lang)}
                  {s.validTo ? ` – ${formatDate(s.validTo, lang)}` : ''}
                </td>
                <td>
                  <ul className="plain-list small">
                    {s.days.map((d) => (
                      <li key={d.weekday}>
                        {weekdayName(d.weekday, lang)}: {d.start}–{d.end}
                      </li>
                    ))}
                  </ul>
                </td>
                {manage ? (
                  <td className="nowrap">
                    {s.abilities.manage ? (
                      <>
                        <button type="button" className="btn btn-small" onClick={() => setEditing(s)}>
                          {t('common.edit')}
                        </button>{' '}
                        <button
                          type="button"
                          className="btn btn-small btn-danger"
                          onClick={() => setDeleting(s)}
                        >
                          {t('common.delete')}
                        </button>
                      </>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {editing ? (
        <ScheduleDialog schedule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={t('calendar.deleteSchedule')}
          message={t('calendar.deleteScheduleBody', { name: deleting.name })}
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

function ScheduleDialog({ schedule, onClose }: { schedule: Schedule | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const qc = useQueryClient();
  const [name, setName] = useState(schedule?.name ?? '');
  const [validFrom, setValidFrom] = useState(schedule?.validFrom ?? '');
  const [validTo, setValidTo] = useState(schedule?.validTo ?? '');
  const initial = (n: number) => schedule?.days.find((d) => d.weekday === n);
  const [days, setDays] = useState(() =>
    [1, 2, 3, 4, 5, 6, 7].map((n) => ({
      weekday: n,
      on: schedule ? !!initial(n) : n <= 5,
      start: initial(n)?.start ?? '07:30',
      end: initial(n)?.end ?? (n === 5 ? '16:30' : '16:00'),
    })),
  );
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name,
        validFrom,
        validTo: validTo || null,
        days: days.filter((d) => d.on).map(({ weekday, start, end }) => ({ weekday, start, end })),
      };
      return schedule
        ? api<Schedule>(`/attendance/schedules/${encodeURIComponent(schedule.id)}`, { method: 'PATCH', body })
        : api<Schedule>('/attendance/schedules', { method: 'POST', body });
    },
    onSuccess: async () => {
      await invalidateAttendance(qc);
      onClose();
    },
  });
  const errors = fieldErrors(save.error);
  const set = (i: number, patch: Partial<(typeof days)[number]>) =>
    setDays((list) => list.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  return (
    <Modal
      title={schedule ? t('calendar.editSchedule') : t('calendar.addSchedule')}
      onClose={onClose}
      size="wide"
      busy={save.isPending}
    >
      <form
        className="form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <div className="form-grid">
          <Field label={t('calendar.name')} name="name" error={errors.name} required>
            {(p) => (
              <input {...p} value={name} onChange={(e) => setName(e.target.value)} required minLength={3} />
            )}
          </Field>
          <Field label={t('calendar.validFrom')} name="validFrom" error={errors.validFrom} required>
            {(p) => (
              <input
                {...p}
                type="date"
                value={validFrom}
                onChange={(e) => setValidFrom(e.target.value)}
                required
              />
            )}
          </Field>
          <Field
            label={t('calendar.validTo')}
            name="validTo"
            error={errors.validTo}
            hint={t('calendar.validToHint')}
          >
            {(p) => <input {...p} type="date" value={validTo} onChange={(e) => setValidTo(e.target.value)} />}
          </Field>
        </div>
        <div className="att-days-grid">
          {days.map((d, i) => (
            <fieldset key={d.weekday}>
              <legend>
                <label>
                  <input type="checkbox" checked={d.on} onChange={(e) => set(i, { on: e.target.checked })} />{' '}
                  {weekdayName(d.weekday, lang)}
                </label>
              </legend>
              <label className="small">
                {t('calendar.start')}
                <input
                  type="time"
                  value={d.start}
                  disabled={!d.on}
                  onChange={(e) => set(i, { start: e.target.value })}
                />
              </label>
              <label className="small">
                {t('calendar.end')}
                <input
                  type="time"
                  value={d.end}
                  disabled={!d.on}
                  onChange={(e) => set(i, { end: e.target.value })}
                />
              </label>
            </fieldset>
          ))}
        </div>
        <ErrorSummary error={save.error} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

// ---------------- deduction table ----------------
function RulesPanel() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useRules();
  const [draft, setDraft] = useState<Rule[] | null>(null);
  useEffect(() => {
    if (q.data && !draft) setDraft(q.data.rules);
  }, [q.data, draft]);
  const save = useMutation({
    mutationFn: (rules: Rule[]) => api('/attendance/rules', { method: 'PUT', body: { rules } }),
    onSuccess: async () => {
      setDraft(null);
      await invalidateAttendance(qc);
    },
  });
  if (q.isPending || !draft)
    return (
      <section className="panel">
        <Loading rows={4} />
      </section>
    );
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const manage = q.data.abilities.manage;
  const set = (code: string, patch: Partial<Rule>) =>
    setDraft((list) => (list ?? []).map((r) => (r.code === code ? { ...r, ...patch } : r)));
  const num = (v: string) => (v === '' ? null : Number(v));
  const banded = (code: string) => code.startsWith('TL') || code.startsWith('PSW');
  return (
    <section className="panel att-rules" aria-labelledby="rules-h" data-testid="deduction-rules">
      <h2 id="rules-h">{t('calendar.rules')}</h2>
      <p className="hint">{t('calendar.rulesHint')}</p>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(draft);
        }}
      >
        <TableWrap label={t('calendar.rules')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('attendance.class')}</th>
                <th scope="col">{t('calendar.fromMinutes')}</th>
                <th scope="col">{t('calendar.toMinutes')}</th>
                <th scope="col">{t('calendar.percent')}</th>
              </tr>
            </thead>
            <tbody>
              {draft.map((r) => (
                <tr key={r.code}>
                  <th scope="row">
                    <Badge tone="neutral">{r.code}</Badge>{' '}
                    <span className="small">{t(`attendance.codes.${r.code}`)}</span>
                  </th>
                  <td>
                    {banded(r.code) ? (
                      manage ? (
                        <input
                          type="number"
                          min={0}
                          max={1440}
                          aria-label={`${r.code} ${t('calendar.fromMinutes')}`}
                          value={r.minMinutes ?? ''}
                          onChange={(e) => set(r.code, { minMinutes: num(e.target.value) })}
                        />
                      ) : (
                        (r.minMinutes ?? '—')
                      )
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {banded(r.code) ? (
                      manage ? (
                        <input
                          type="number"
                          min={0}
                          max={1440}
                          aria-label={`${r.code} ${t('calendar.toMinutes')}`}
                          placeholder={t('calendar.open')}
                          value={r.maxMinutes ?? ''}
                          onChange={(e) => set(r.code, { maxMinutes: num(e.target.value) })}
                        />
                      ) : (
                        (r.maxMinutes ?? t('calendar.open'))
                      )
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {manage ? (
                      <input
                        type="number"
                        min={0}
                        max={100}
                        step={0.05}
                        aria-label={`${r.code} ${t('calendar.percent')}`}
                        value={r.basisPoints / 100}
                        onChange={(e) =>
                          set(r.code, { basisPoints: Math.round(Number(e.target.value) * 100) })
                        }
                      />
                    ) : (
                      bpText(r.basisPoints)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        <p className="hint">{t('calendar.hukdisHint')}</p>
        <ErrorSummary error={save.error} />
        {save.isSuccess ? (
          <p className="notice notice-ok" role="status">
            {t('calendar.rulesSaved')}
          </p>
        ) : null}
        {manage ? (
          <div className="form-actions">
            <button
              type="button"
              className="btn"
              onClick={() => setDraft(q.data.rules)}
              disabled={save.isPending}
            >
              {t('calendar.resetDraft')}
            </button>
            <button
              type="submit"
              className="btn btn-primary"
              disabled={save.isPending}
              data-testid="rules-save"
            >
              {save.isPending ? t('common.saving') : t('common.save')}
            </button>
          </div>
        ) : null}
      </form>
    </section>
  );
}
