import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api';

/** Server validation errors keyed by the last segment of `details[].path`. */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const d of error.details) {
      const key = d.path.split('.').filter(Boolean).pop() ?? '';
      if (key && !out[key]) out[key] = d.message;
    }
  }
  return out;
}

/** Server validation errors keyed by their whole path, e.g. `rhks.0.indicators.1.targetValue`. */
export function errorsByPath(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const d of error.details) {
      if (d.path && !out[d.path]) out[d.path] = d.message;
    }
  }
  return out;
}

export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}

interface FieldControlProps {
  id: string;
  name: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}

interface FieldProps {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  children: (props: FieldControlProps) => ReactNode;
}

/** A labelled form control with its hint and its server error right next to it. */
export function Field({ label, name, error, hint, required, className, children }: FieldProps) {
  const { t } = useTranslation();
  const uid = useId();
  const id = `${uid}-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div
      className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}
      data-field={name}
    >
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="req" title={t('common.required')}>
            {' '}
            *
          </span>
        ) : null}
      </label>
      {children({ id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Summary of a failed request: the server message plus every field message. */
export function ErrorSummary({
  error,
  labels,
  describe,
}: {
  error: unknown;
  labels?: Record<string, string>;
  /** Turns a whole detail path into a label (nested forms); wins over `labels`. */
  describe?: (path: string) => string;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <div className="error-summary" role="alert">
      <p className="error-summary-title">{errorMessage(error, t('errors.generic'))}</p>
      {details.length > 0 ? (
        <ul>
          {details.map((d, i) => {
            const key = d.path.split('.').filter(Boolean).pop() ?? '';
            const label = describe ? describe(d.path) : (labels?.[key] ?? key);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: server details have no identity
              <li key={i}>
                {label ? <strong>{label}: </strong> : null}
                {d.message}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
