import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary, Field, fieldErrors } from '../../components/Form';
import { ConfirmDialog, Modal } from '../../components/Modal';
import { SearchSelect } from '../../components/ui';
import { formatDate, todayJakarta } from '../../format';
import { useInvalidateOrg, useLang } from '../../queries';
import type { Employee } from '../../types';
import { usePositionSearch } from '../org/PositionDialogs';

export const GOLONGAN_PNS = [
  'Juru Muda (I/a)',
  'Juru Muda Tingkat I (I/b)',
  'Juru (I/c)',
  'Juru Tingkat I (I/d)',
  'Pengatur Muda (II/a)',
  'Pengatur Muda Tingkat I (II/b)',
  'Pengatur (II/c)',
  'Pengatur Tingkat I (II/d)',
  'Penata Muda (III/a)',
  'Penata Muda Tingkat I (III/b)',
  'Penata (III/c)',
  'Penata Tingkat I (III/d)',
  'Pembina (IV/a)',
  'Pembina Tingkat I (IV/b)',
  'Pembina Utama Muda (IV/c)',
  'Pembina Utama Madya (IV/d)',
  'Pembina Utama (IV/e)',
];
export const GOLONGAN_PPPK = [
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
  'XVII',
];
export const EDUCATION = ['SD', 'SMP', 'SMA/SMK', 'D1', 'D2', 'D3', 'D4', 'S1', 'S2', 'S3'];

/** Client-side preview of what the server decodes from a NIP (the server stays the judge). */
function previewNip(nip: string): { birth: string; tmt: string; sex: 'L' | 'P' | null } | null {
  const d = nip.replace(/\D/g, '');
  if (d.length !== 18) return null;
  const birth = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  const tmt = `${d.slice(8, 12)}-${d.slice(12, 14)}`;
  const sex = d[14] === '1' ? 'L' : d[14] === '2' ? 'P' : null;
  return { birth, tmt, sex };
}

function useEmployeeLabels() {
  const { t } = useTranslation();
  return {
    nip: t('employees.fields.nip'),
    asnType: t('employees.fields.asnType'),
    name: t('employees.fields.nameWithTitles'),
    sex: t('employees.fields.sex'),
    golongan: t('employees.fields.golongan'),
    education: t('employees.fields.education'),
    email: t('employees.fields.email'),
    phone: t('employees.fields.phone'),
    positionId: t('employees.fields.position'),
    startDate: t('employees.fields.startDate'),
    reason: t('employees.fields.reason'),
    status: t('employees.fields.newStatus'),
    date: t('employees.fields.date'),
  };
}

function VacantPositionPicker({
  value,
  onChange,
  error,
  required,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = usePositionSearch(q, { vacant: 'true' });
  const options = useMemo(() => {
    const list = (search.data?.items ?? [])
      .filter((p) => p.active && !p.holder)
      .map((p) => ({ value: p.id, label: p.name, hint: `${p.unitName} · ${p.code}` }));
    return required ? list : [{ value: '', label: t('employees.noPosition') }, ...list];
  }, [search.data, required, t]);
  return (
    <SearchSelect
      name="positionId"
      label={t('employees.fields.vacantPosition')}
      options={options}
      value={value}
      onChange={onChange}
      search={q}
      onSearch={setQ}
      loading={search.isFetching}
      error={error}
      required={required}
      placeholder={t('employees.searchVacant')}
      emptyText={t('employees.noVacant')}
    />
  );
}

export function EmployeeCreateDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (e: Employee) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const labels = useEmployeeLabels();
  const invalidate = useInvalidateOrg();
  const [f, setF] = useState({
    nip: '',
    asnType: 'PNS' as 'PNS' | 'PPPK',
    name: '',
    sex: '' as '' | 'L' | 'P',
    golongan: '',
    education: '',
    email: '',
    phone: '',
    positionId: '',
    startDate: todayJakarta(),
  });
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((prev) => ({ ...prev, [k]: v }));
  const preview = previewNip(f.nip);

  const save = useMutation({
    mutationFn: () =>
      api<Employee>('/org/employees', {
        method: 'POST',
        body: {
          nip: f.nip.replace(/\s/g, ''),
          asnType: f.asnType,
          name: f.name.trim(),
          sex: f.sex || preview?.sex || undefined,
          golongan: f.golongan || undefined,
          education: f.education || undefined,
          email: f.email.trim() || undefined,
          phone: f.phone.trim() || undefined,
          positionId: f.positionId || undefined,
          startDate: f.positionId ? f.startDate || undefined : undefined,
        },
      }),
    onSuccess: async (e) => {
      await invalidate();
      onCreated(e);
    },
  });
  const errs = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const golongan = f.asnType === 'PNS' ? GOLONGAN_PNS : GOLONGAN_PPPK;

  return (
    <Modal title={t('employees.addTitle')} onClose={onClose} busy={save.isPending} size="wide">
      <form className="form" onSubmit={submit} noValidate>
        <ErrorSummary error={save.error} labels={labels} />
        <div className="form-grid">
          <Field label={labels.asnType} name="asnType" error={errs.asnType} required>
            {(p) => (
              <select
                {...p}
                value={f.asnType}
                onChange={(e) => set('asnType', e.target.value as 'PNS' | 'PPPK')}
              >
                <option value="PNS">PNS</option>
                <option value="PPPK">PPPK</option>
              </select>
            )}
          </Field>
          <Field
            label={f.asnType === 'PNS' ? labels.nip : t('employees.fields.nipPppk')}
            name="nip"
            error={errs.nip}
            required
            hint={
              preview
                ? t('employees.nipPreview', {
                    birth: formatDate(preview.birth, lang),
                    tmt: f.asnType === 'PNS' ? formatDate(preview.tmt, lang) : preview.tmt.slice(0, 4),
                    sex: preview.sex ? t(`sex.${preview.sex}`) : '?',
                  })
                : t('employees.nipHint')
            }
          >
            {(p) => (
              <input
                {...p}
                value={f.nip}
                inputMode="numeric"
                autoComplete="off"
                maxLength={21}
                onChange={(e) => {
                  set('nip', e.target.value);
                  const pv = previewNip(e.target.value);
                  if (pv?.sex) set('sex', pv.sex);
                }}
              />
            )}
          </Field>
        </div>
        <Field label={labels.name} name="name" error={errs.name} required hint={t('employees.nameHint')}>
          {(p) => (
            <input {...p} value={f.name} onChange={(e) => set('name', e.target.value)} autoComplete="off" />
          )}
        </Field>
        <div className="form-grid">
          <Field label={labels.sex} name="sex" error={errs.sex} required>
            {(p) => (
              <select {...p} value={f.sex} onChange={(e) => set('sex', e.target.value as '' | 'L' | 'P')}>
                <option value="">{t('common.choose')}</option>
                <option value="L">{t('sex.L')}</option>
                <option value="P">{t('sex.P')}</option>
              </select>
            )}
          </Field>
          <Field label={labels.golongan} name="golongan" error={errs.golongan}>
            {(p) => (
              <select {...p} value={f.golongan} onChange={(e) => set('golongan', e.target.value)}>
                <option value="">—</option>
                {golongan.map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={labels.education} name="education" error={errs.education}>
            {(p) => (
              <>
                <input
                  {...p}
                  list="education-list"
                  value={f.education}
                  onChange={(e) => set('education', e.target.value)}
                />
                <datalist id="education-list">
                  {EDUCATION.map((x) => (
                    <option key={x} value={x} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>
        <div className="form-grid">
          <Field label={labels.email} name="email" error={errs.email}>
            {(p) => (
              <input
                {...p}
                type="email"
                value={f.email}
                onChange={(e) => set('email', e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
          <Field label={labels.phone} name="phone" error={errs.phone}>
            {(p) => (
              <input
                {...p}
                type="tel"
                value={f.phone}
                onChange={(e) => set('phone', e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
        </div>
        <VacantPositionPicker
          value={f.positionId}
          onChange={(v) => set('positionId', v)}
          error={errs.positionId}
        />
        {f.positionId ? (
          <Field label={labels.startDate} name="startDate" error={errs.startDate}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={f.startDate}
                onChange={(e) => set('startDate', e.target.value)}
              />
            )}
          </Field>
        ) : null}
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

export function EmployeeEditDialog({ employee, onClose }: { employee: Employee; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useEmployeeLabels();
  const invalidate = useInvalidateOrg();
  const personal = !!employee.abilities.readPersonal;
  const [f, setF] = useState({
    name: employee.name,
    golongan: employee.golongan ?? '',
    education: employee.education ?? '',
    email: employee.email ?? '',
    phone: employee.phone ?? '',
  });
  const set = <K extends keyof typeof f>(k: K, v: (typeof f)[K]) => setF((prev) => ({ ...prev, [k]: v }));
  const save = useMutation({
    mutationFn: () => {
      const body: Record<string, string | null> = {
        name: f.name.trim(),
        golongan: f.golongan || null,
        education: f.education.trim() || null,
      };
      if (personal) {
        body.email = f.email.trim() || null;
        body.phone = f.phone.trim() || null;
      }
      return api<Employee>(`/org/employees/${encodeURIComponent(employee.id)}`, { method: 'PATCH', body });
    },
    onSuccess: async () => {
      await invalidate();
      onClose();
    },
  });
  const errs = fieldErrors(save.error);
  const golongan = employee.asnType === 'PPPK' ? GOLONGAN_PPPK : GOLONGAN_PNS;
  return (
    <Modal title={t('employees.editTitle')} onClose={onClose} busy={save.isPending} size="wide">
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <ErrorSummary error={save.error} labels={labels} />
        <Field label={labels.name} name="name" error={errs.name} required hint={t('employees.nameHint')}>
          {(p) => (
            <input {...p} value={f.name} onChange={(e) => set('name', e.target.value)} autoComplete="off" />
          )}
        </Field>
        <div className="form-grid">
          <Field label={labels.golongan} name="golongan" error={errs.golongan}>
            {(p) => (
              <select {...p} value={f.golongan} onChange={(e) => set('golongan', e.target.value)}>
                <option value="">—</option>
                {[...new Set([...(f.golongan ? [f.golongan] : []), ...golongan])].map((g) => (
                  <option key={g} value={g}>
                    {g}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={labels.education} name="education" error={errs.education}>
            {(p) => (
              <>
                <input
                  {...p}
                  list="education-list-edit"
                  value={f.education}
                  onChange={(e) => set('education', e.target.value)}
                />
                <datalist id="education-list-edit">
                  {EDUCATION.map((x) => (
                    <option key={x} value={x} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>
        {personal ? (
          <div className="form-grid">
            <Field label={labels.email} name="email" error={errs.email}>
              {(p) => (
                <input {...p} type="email" value={f.email} onChange={(e) => set('email', e.target.value)} />
              )}
            </Field>
            <Field label={labels.phone} name="phone" error={errs.phone}>
              {(p) => (
                <input {...p} type="tel" value={f.phone} onChange={(e) => set('phone', e.target.value)} />
              )}
            </Field>
          </div>
        ) : null}
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

export function EmployeeMoveDialog({ employee, onClose }: { employee: Employee; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useEmployeeLabels();
  const invalidate = useInvalidateOrg();
  const [positionId, setPositionId] = useState('');
  const [startDate, setStartDate] = useState(todayJakarta());
  const [reason, setReason] = useState('');
  const m = useMutation({
    mutationFn: () =>
      api<Employee>(`/org/employees/${encodeURIComponent(employee.id)}/move`, {
        method: 'POST',
        body: { positionId, startDate, reason: reason.trim() },
      }),
    onSuccess: async () => {
      await invalidate();
      onClose();
    },
  });
  const errs = fieldErrors(m.error);
  return (
    <Modal
      title={t('employees.moveTitle', { name: employee.name })}
      onClose={onClose}
      busy={m.isPending}
      size="wide"
    >
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          m.mutate();
        }}
      >
        <ErrorSummary error={m.error} labels={labels} />
        <p className="muted">
          {t('employees.currentPosition')}: <strong>{employee.positionName ?? '—'}</strong>
          {employee.unitName ? ` · ${employee.unitName}` : ''}
        </p>
        <VacantPositionPicker value={positionId} onChange={setPositionId} error={errs.positionId} required />
        <div className="form-grid">
          <Field label={labels.startDate} name="startDate" error={errs.startDate} required>
            {(p) => (
              <input {...p} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} />
            )}
          </Field>
        </div>
        <Field
          label={labels.reason}
          name="reason"
          error={errs.reason}
          required
          hint={t('employees.reasonHint')}
        >
          {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose} disabled={m.isPending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={m.isPending || !positionId}>
            {m.isPending ? t('common.saving') : t('employees.move')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function EmployeeDeactivateDialog({ employee, onClose }: { employee: Employee; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useEmployeeLabels();
  const invalidate = useInvalidateOrg();
  const [status, setStatus] = useState<'retired' | 'moved' | 'inactive'>('retired');
  const [date, setDate] = useState(todayJakarta());
  const [reason, setReason] = useState('');
  const m = useMutation({
    mutationFn: () =>
      api<Employee>(`/org/employees/${encodeURIComponent(employee.id)}/deactivate`, {
        method: 'POST',
        body: { status, date, reason: reason.trim() },
      }),
    onSuccess: async () => {
      await invalidate();
      onClose();
    },
  });
  const errs = fieldErrors(m.error);
  return (
    <ConfirmDialog
      title={t('employees.deactivateTitle')}
      message={<p>{t('employees.deactivateBody', { name: employee.name })}</p>}
      confirmLabel={t('employees.deactivate')}
      onConfirm={() => m.mutate()}
      onClose={onClose}
      pending={m.isPending}
      error={m.error}
    >
      <Field label={labels.status} name="status" error={errs.status} required>
        {(p) => (
          <select {...p} value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
            <option value="retired">{t('employeeStatus.retired')}</option>
            <option value="moved">{t('employeeStatus.moved')}</option>
            <option value="inactive">{t('employeeStatus.inactive')}</option>
          </select>
        )}
      </Field>
      <Field label={labels.date} name="date" error={errs.date} required>
        {(p) => <input {...p} type="date" value={date} onChange={(e) => setDate(e.target.value)} />}
      </Field>
      <Field label={labels.reason} name="reason" error={errs.reason} required>
        {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
    </ConfirmDialog>
  );
}
