import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DIRECTIONS, type Direction } from '../types';
import { Field } from './Form';

/** The editable text of one indicator (numbers stay strings while typed). */
export interface IndicatorFieldsDraft {
  name: string;
  targetValue: string;
  targetText: string;
  unit: string;
  direction: Direction;
}

type IndicatorField = 'name' | 'targetValue' | 'unit' | 'direction' | 'targetText';

/**
 * One indicator of a form (a goal's or an RHK's): name, target value, unit, direction and target text,
 * with a remove button. Field names are `${base}.<field>` so server errors by path land next to them.
 */
export function IndicatorEditor({
  value,
  onChange,
  onRemove,
  base,
  error,
  label,
  legend,
  unitPlaceholder,
  removeLabel,
  leading,
  nativeRequired = false,
  testId,
}: {
  value: IndicatorFieldsDraft;
  onChange: (patch: Partial<IndicatorFieldsDraft>) => void;
  onRemove: () => void;
  /** Path prefix of the fields, e.g. `indicators.0`. */
  base: string;
  error: (field: IndicatorField) => string | undefined;
  label: (field: IndicatorField) => string;
  /** The fieldset's (screen-reader) legend. */
  legend: ReactNode;
  unitPlaceholder: string;
  /** aria-label of the remove button. */
  removeLabel: string;
  /** Fields before the name (e.g. the aspect). */
  leading?: ReactNode;
  /** Also marks the name input with the native `required` attribute. */
  nativeRequired?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="indicator-editor" data-testid={testId}>
      <legend className="sr-only">{legend}</legend>
      <div className="indicator-grid">
        {leading}
        <Field label={label('name')} name={`${base}.name`} error={error('name')} required className="grow-2">
          {(p) => (
            <input
              {...p}
              value={value.name}
              onChange={(e) => onChange({ name: e.target.value })}
              autoComplete="off"
              required={nativeRequired || undefined}
            />
          )}
        </Field>
        <Field label={label('targetValue')} name={`${base}.targetValue`} error={error('targetValue')}>
          {(p) => (
            <input
              {...p}
              type="number"
              step="any"
              inputMode="decimal"
              value={value.targetValue}
              onChange={(e) => onChange({ targetValue: e.target.value })}
            />
          )}
        </Field>
        <Field label={label('unit')} name={`${base}.unit`} error={error('unit')} required>
          {(p) => (
            <input
              {...p}
              value={value.unit}
              onChange={(e) => onChange({ unit: e.target.value })}
              autoComplete="off"
              placeholder={unitPlaceholder}
            />
          )}
        </Field>
        <Field label={label('direction')} name={`${base}.direction`} error={error('direction')}>
          {(p) => (
            <select
              {...p}
              value={value.direction}
              onChange={(e) => onChange({ direction: e.target.value as Direction })}
            >
              {DIRECTIONS.map((d) => (
                <option key={d} value={d}>
                  {t(`skp.direction.${d}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label={label('targetText')}
          name={`${base}.targetText`}
          error={error('targetText')}
          hint={t('skp.targetTextHint')}
          className="grow-full"
        >
          {(p) => (
            <input
              {...p}
              value={value.targetText}
              onChange={(e) => onChange({ targetText: e.target.value })}
              autoComplete="off"
            />
          )}
        </Field>
      </div>
      <div className="editor-row-actions">
        <button
          type="button"
          className="btn btn-small btn-danger-outline"
          onClick={onRemove}
          aria-label={removeLabel}
        >
          {t('skp.removeIndicator')}
        </button>
      </div>
    </fieldset>
  );
}
