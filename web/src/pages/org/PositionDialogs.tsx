import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary, Field, fieldErrors } from '../../components/Form';
import { ConfirmDialog, Modal } from '../../components/Modal';
import { SearchSelect, useDebounced } from '../../components/ui';
import { keys, useInvalidateOrg } from '../../queries';
import { type Paged, POSITION_KINDS, type Position, type PositionKind, type Unit } from '../../types';

/** Server-side search over positions, for pickers (parent position, move target). */
export function usePositionSearch(q: string, extra: Record<string, string | undefined> = {}) {
  const dq = useDebounced(q.trim(), 250);
  const params = { q: dq, limit: 30, ...extra };
  return useQuery({
    queryKey: keys.positions({ picker: true, ...params }),
    queryFn: () => api<Paged<Position>>('/org/positions', { query: params }),
    placeholderData: (prev) => prev,
  });
}

export function PositionFormDialog({
  mode,
  unit,
  position,
  onClose,
}: {
  mode: 'create' | 'edit';
  unit: Unit;
  position?: Position;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateOrg();
  const labels = {
    code: t('positions.fields.code'),
    name: t('positions.fields.name'),
    kind: t('positions.fields.kind'),
    kelas: t('positions.fields.kelas'),
    parentPositionId: t('positions.fields.parent'),
    isKey: t('positions.fields.isKey'),
    unitId: t('positions.fields.unit'),
  };
  const [code, setCode] = useState(position?.code ?? '');
  const [name, setName] = useState(position?.name ?? '');
  const [kind, setKind] = useState<PositionKind>(position?.kind ?? 'pelaksana');
  const [kelas, setKelas] = useState(position ? String(position.kelas) : '');
  const [parentId, setParentId] = useState(position?.parentPositionId ?? '');
  const [isKey, setIsKey] = useState(position?.isKey ?? false);
  const [q, setQ] = useState('');
  const search = usePositionSearch(q);

  const options = useMemo(() => {
    const list = (search.data?.items ?? [])
      .filter((p) => p.id !== position?.id && p.active)
      .map((p) => ({
        value: p.id,
        label: p.name,
        hint: [p.unitName, p.holder?.name ?? t('positions.vacant')].filter(Boolean).join(' · '),
      }));
    const out = [{ value: '', label: t('positions.noParent') }, ...list];
    if (parentId && !out.some((o) => o.value === parentId)) {
      out.splice(1, 0, { value: parentId, label: position?.parentPositionName ?? parentId });
    }
    return out;
  }, [search.data, position, parentId, t]);

  const save = useMutation({
    mutationFn: () => {
      const body = {
        code: code.trim(),
        name: name.trim(),
        kind,
        kelas: kelas === '' ? undefined : Number(kelas),
        parentPositionId: parentId || null,
        isKey,
      };
      return mode === 'create'
        ? api<Position>('/org/positions', { method: 'POST', body: { ...body, unitId: unit.id } })
        : api<Position>(`/org/positions/${encodeURIComponent(position?.id ?? '')}`, {
            method: 'PATCH',
            body,
          });
    },
    onSuccess: async () => {
      await invalidate();
      onClose();
    },
  });
  const errs = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <Modal
      title={mode === 'create' ? t('positions.addTitle', { unit: unit.name }) : t('positions.editTitle')}
      onClose={onClose}
      busy={save.isPending}
      size="wide"
    >
      <form className="form" onSubmit={submit} noValidate>
        <ErrorSummary error={save.error} labels={labels} />
        <div className="form-grid">
          <Field label={labels.code} name="code" error={errs.code} required>
            {(p) => (
              <input {...p} value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
            )}
          </Field>
          <Field label={labels.kind} name="kind" error={errs.kind} required>
            {(p) => (
              <select {...p} value={kind} onChange={(e) => setKind(e.target.value as PositionKind)}>
                {POSITION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`positionKinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label={labels.name} name="name" error={errs.name} required>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
        </Field>
        <div className="form-grid">
          <Field
            label={labels.kelas}
            name="kelas"
            error={errs.kelas}
            hint={t('positions.kelasHint')}
            required
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                min={1}
                max={17}
                step={1}
                value={kelas}
                onChange={(e) => setKelas(e.target.value)}
              />
            )}
          </Field>
          <div className="field field-check" data-field="isKey">
            <label>
              <input
                type="checkbox"
                name="isKey"
                checked={isKey}
                onChange={(e) => setIsKey(e.target.checked)}
              />{' '}
              {labels.isKey}
            </label>
            {errs.isKey ? <p className="field-error">{errs.isKey}</p> : null}
          </div>
        </div>
        <SearchSelect
          name="parentPositionId"
          label={labels.parentPositionId}
          options={options}
          value={parentId}
          onChange={setParentId}
          search={q}
          onSearch={setQ}
          loading={search.isFetching}
          error={errs.parentPositionId}
          placeholder={t('positions.searchParent')}
        />
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

export function DeactivatePositionDialog({ position, onClose }: { position: Position; onClose: () => void }) {
  const { t } = useTranslation();
  const invalidate = useInvalidateOrg();
  const m = useMutation({
    mutationFn: () =>
      api<Position>(`/org/positions/${encodeURIComponent(position.id)}/deactivate`, {
        method: 'POST',
        body: {},
      }),
    onSuccess: async () => {
      await invalidate();
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={t('positions.deactivateTitle')}
      message={<p>{t('positions.deactivateBody', { name: position.name })}</p>}
      confirmLabel={t('positions.deactivate')}
      onConfirm={() => m.mutate()}
      onClose={onClose}
      pending={m.isPending}
      error={m.error}
    />
  );
}
