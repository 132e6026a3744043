import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary, Field, fieldErrors } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { Loading } from '../../components/ui';

/** The numeric rules BKPSDM edits here; thresholds are shown as percentages. */
const FIELDS = [
  { key: 'dailyMaxMinutes', min: 60, max: 1440 },
  { key: 'maxEntryMinutes', min: 1, max: 1440 },
  { key: 'backdateDays', min: 0, max: 60 },
  { key: 'verifyDaysAfterMonth', min: 0, max: 60 },
  { key: 'workingMinutesPerDay', min: 60, max: 720 },
  { key: 'wkeMinutesPerYear', min: 1, max: 200_000 },
  { key: 'underThreshold', min: 0, max: 500, percent: true },
  { key: 'overThreshold', min: 0, max: 500, percent: true },
] as const;
type RuleKey = (typeof FIELDS)[number]['key'];
type Rules = Record<RuleKey, number>;

const toText = (rules: Rules) =>
  Object.fromEntries(
    FIELDS.map((f) => [f.key, String('percent' in f ? Math.round(rules[f.key] * 1000) / 10 : rules[f.key])]),
  ) as Record<RuleKey, string>;

/** BKPSDM sets the city's activity rules (daily maximum, windows, workload bands). */
export function RulesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useQuery({ queryKey: ['activity-rules'], queryFn: () => api<Rules>('/activity-rules') });
  return (
    <Modal title={t('rules.title')} onClose={onClose} size="wide">
      {rules.data ? <RulesForm rules={rules.data} onClose={onClose} /> : <Loading rows={4} />}
    </Modal>
  );
}

function RulesForm({ rules, onClose }: { rules: Rules; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [values, setValues] = useState(() => toText(rules));
  const labels = Object.fromEntries(FIELDS.map((f) => [f.key, t(`rules.fields.${f.key}`)]));
  const save = useMutation({
    mutationFn: () => {
      const changed: Record<string, number | null> = {};
      for (const f of FIELDS) {
        const text = values[f.key].trim().replace(',', '.');
        const n = text === '' ? Number.NaN : Number(text);
        const value = Number.isFinite(n) ? ('percent' in f ? Math.round(n * 10) / 1000 : n) : null;
        if (value !== rules[f.key]) changed[f.key] = value;
      }
      return api<Rules>('/activity-rules', { method: 'PATCH', body: changed });
    },
    onSuccess: async (fresh) => {
      qc.setQueryData(['activity-rules'], fresh);
      await qc.invalidateQueries({ queryKey: ['workload'] });
      onClose();
    },
  });
  const errs = fieldErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="rules-form">
      <p className="muted">{t('rules.intro')}</p>
      <ErrorSummary error={save.error} labels={labels} />
      <div className="form-grid">
        {FIELDS.map((f) => (
          <Field
            key={f.key}
            label={labels[f.key]}
            name={f.key}
            error={errs[f.key]}
            hint={t(`rules.hints.${f.key}`)}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="decimal"
                min={f.min}
                max={f.max}
                step={'percent' in f ? 0.1 : 1}
                value={values[f.key]}
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
              />
            )}
          </Field>
        ))}
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onClose} disabled={save.isPending}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="rules-save">
          {save.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
