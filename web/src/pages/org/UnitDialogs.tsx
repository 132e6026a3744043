import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary, Field, fieldErrors } from '../../components/Form';
import { ConfirmDialog, Modal } from '../../components/Modal';
import { descendantIds, type UnitIndex } from '../../components/OrgTree';
import { SearchSelect } from '../../components/ui';
import { todayJakarta } from '../../format';
import { useInvalidateOrg } from '../../queries';
import { UNIT_TYPES, type Unit, type UnitType } from '../../types';

function useUnitLabels() {
  const { t } = useTranslation();
  return {
    code: t('org.fields.code'),
    name: t('org.fields.name'),
    type: t('org.fields.type'),
    parentId: t('org.fields.parent'),
    validFrom: t('org.fields.validFrom'),
    validTo: t('org.fields.validTo'),
  };
}

/** Suggests a child type from the parent's type (the user can change it). */
function defaultChildType(parent: Unit | null): UnitType {
  switch (parent?.type) {
    case 'pemda':
      return 'dinas';
    case 'sekretariat':
      return 'bagian';
    case 'dinas':
    case 'badan':
      return 'bidang';
    case 'kecamatan':
      return 'kelurahan';
    case 'bidang':
      return 'seksi';
    case 'bagian':
      return 'subbagian';
    default:
      return 'lainnya';
  }
}

export function UnitFormDialog({
  mode,
  unit,
  parent,
  onClose,
  onSaved,
}: {
  mode: 'create' | 'edit';
  unit?: Unit;
  parent?: Unit | null;
  onClose: () => void;
  onSaved: (u: Unit) => void;
}) {
  const { t } = useTranslation();
  const labels = useUnitLabels();
  const invalidate = useInvalidateOrg();
  const [code, setCode] = useState(unit?.code ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [type, setType] = useState<UnitType>(unit?.type ?? defaultChildType(parent ?? null));
  const [validFrom, setValidFrom] = useState(todayJakarta());

  const save = useMutation({
    mutationFn: () =>
      mode === 'create'
        ? api<Unit>('/org/units', {
            method: 'POST',
            body: {
              code: code.trim(),
              name: name.trim(),
              type,
              parentId: parent?.id ?? null,
              validFrom: validFrom || undefined,
            },
          })
        : api<Unit>(`/org/units/${encodeURIComponent(unit?.id ?? '')}`, {
            method: 'PATCH',
            body: { code: code.trim(), name: name.trim(), type },
          }),
    onSuccess: async (u) => {
      await invalidate();
      onSaved(u);
    },
  });
  const errs = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <Modal
      title={
        mode === 'create' ? t('org.addChildTitle', { parent: parent?.name ?? '' }) : t('org.editUnitTitle')
      }
      onClose={onClose}
      busy={save.isPending}
    >
      <form className="form" onSubmit={submit} noValidate>
        <ErrorSummary error={save.error} labels={labels} />
        <div className="form-grid">
          <Field label={labels.code} name="code" error={errs.code} required>
            {(p) => (
              <input
                {...p}
                value={code}
                onChange={(e) => setCode(e.target.value)}
                required
                autoComplete="off"
              />
            )}
          </Field>
          <Field label={labels.type} name="type" error={errs.type} required>
            {(p) => (
              <select {...p} value={type} onChange={(e) => setType(e.target.value as UnitType)}>
                {UNIT_TYPES.map((ty) => (
                  <option key={ty} value={ty}>
                    {t(`unitTypes.${ty}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label={labels.name} name="name" error={errs.name} required>
          {(p) => (
            <input
              {...p}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              autoComplete="off"
            />
          )}
        </Field>
        {mode === 'create' ? (
          <Field
            label={labels.validFrom}
            name="validFrom"
            error={errs.validFrom}
            hint={t('org.validFromHint')}
          >
            {(p) => (
              <input {...p} type="date" value={validFrom} onChange={(e) => setValidFrom(e.target.value)} />
            )}
          </Field>
        ) : null}
        {errs.parentId ? <p className="field-error">{errs.parentId}</p> : null}
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

export function MoveUnitDialog({
  unit,
  index,
  onClose,
  onMoved,
}: {
  unit: Unit;
  index: UnitIndex;
  onClose: () => void;
  onMoved: (u: Unit) => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateOrg();
  const [parentId, setParentId] = useState('');
  const options = useMemo(() => {
    const excluded = descendantIds(index, unit.id);
    excluded.add(unit.id);
    if (unit.parentId) excluded.add(unit.parentId);
    return [...index.byId.values()]
      .filter((u) => u.active && !excluded.has(u.id))
      .map((u) => ({ value: u.id, label: u.name, hint: u.code }));
  }, [index, unit]);
  const move = useMutation({
    mutationFn: () =>
      api<Unit>(`/org/units/${encodeURIComponent(unit.id)}/move`, { method: 'POST', body: { parentId } }),
    onSuccess: async (u) => {
      await invalidate();
      onMoved(u);
    },
  });
  const errs = fieldErrors(move.error);
  const currentParent = unit.parentId ? index.byId.get(unit.parentId) : undefined;
  return (
    <Modal title={t('org.moveTitle', { name: unit.name })} onClose={onClose} busy={move.isPending}>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (parentId) move.mutate();
        }}
      >
        <ErrorSummary error={move.error} labels={{ parentId: t('org.fields.newParent') }} />
        <p className="muted">
          {t('org.currentParent')}: <strong>{currentParent?.name ?? '—'}</strong>
        </p>
        <SearchSelect
          name="parentId"
          label={t('org.fields.newParent')}
          options={options}
          value={parentId}
          onChange={setParentId}
          error={errs.parentId}
          required
        />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose} disabled={move.isPending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!parentId || move.isPending}>
            {move.isPending ? t('common.saving') : t('org.move')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function DeactivateUnitDialog({
  unit,
  onClose,
  onDone,
}: {
  unit: Unit;
  onClose: () => void;
  onDone: (u: Unit) => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateOrg();
  const [validTo, setValidTo] = useState(todayJakarta());
  const m = useMutation({
    mutationFn: () =>
      api<Unit>(`/org/units/${encodeURIComponent(unit.id)}/deactivate`, {
        method: 'POST',
        body: validTo ? { validTo } : {},
      }),
    onSuccess: async (u) => {
      await invalidate();
      onDone(u);
    },
  });
  const errs = fieldErrors(m.error);
  return (
    <ConfirmDialog
      title={t('org.deactivateTitle')}
      message={<p>{t('org.deactivateBody', { name: unit.name })}</p>}
      confirmLabel={t('org.deactivate')}
      onConfirm={() => m.mutate()}
      onClose={onClose}
      pending={m.isPending}
      error={m.error}
    >
      <Field label={t('org.fields.validTo')} name="validTo" error={errs.validTo}>
        {(p) => <input {...p} type="date" value={validTo} onChange={(e) => setValidTo(e.target.value)} />}
      </Field>
    </ConfirmDialog>
  );
}

export function DeleteUnitDialog({
  unit,
  onClose,
  onDone,
}: {
  unit: Unit;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const invalidate = useInvalidateOrg();
  const m = useMutation({
    mutationFn: () => api<void>(`/org/units/${encodeURIComponent(unit.id)}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await invalidate();
      onDone();
    },
  });
  return (
    <ConfirmDialog
      title={t('org.deleteTitle')}
      message={<p>{t('org.deleteBody', { name: unit.name, code: unit.code })}</p>}
      confirmLabel={t('common.delete')}
      onConfirm={() => m.mutate()}
      onClose={onClose}
      pending={m.isPending}
      error={m.error}
    />
  );
}
