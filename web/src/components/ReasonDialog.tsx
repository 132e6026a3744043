import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, Field, fieldErrors } from './Form';
import { Modal } from './Modal';

/**
 * A dialog that asks for a reason before an action (return, revise, reject, calibrate, decide…). The reason
 * is required: an empty one is caught here, before the request. Extra fields go in `children`, between the
 * intro and the reason.
 */
export function ReasonDialog({
  title,
  intro,
  introClassName,
  label,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
  danger = false,
  testId,
  confirmTestId = 'reason-confirm',
  rows = 4,
  reasonRequired = true,
  nativeRequired = true,
  errorSummary = 'top',
  cancelAutofocus = false,
  children,
}: {
  title: string;
  intro?: string;
  introClassName?: string;
  label: string;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  /** Called with the trimmed reason (`''` only when the reason is not required). */
  onConfirm: (reason: string) => void;
  onClose: () => void;
  danger?: boolean;
  /** data-testid of the reason textarea. */
  testId?: string;
  /** data-testid of the confirm button. */
  confirmTestId?: string;
  rows?: number;
  /** Without it the reason field is left out and the action confirms without one. */
  reasonRequired?: boolean;
  /** Also marks the textarea with the native `required` attribute. */
  nativeRequired?: boolean;
  /** `top`: the request error above the reason, naming it by its label; `bottom`: below all fields. */
  errorSummary?: 'top' | 'bottom';
  /** Focuses the cancel button first instead of the first field. */
  cancelAutofocus?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const errs = fieldErrors(error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reasonRequired && !reason.trim()) {
      setMissing(true);
      return;
    }
    onConfirm(reason.trim());
  };
  return (
    <Modal title={title} onClose={onClose} busy={pending}>
      <form className="form" onSubmit={submit} noValidate>
        {intro ? <p className={introClassName}>{intro}</p> : null}
        {errorSummary === 'top' ? <ErrorSummary error={error} labels={{ reason: label }} /> : null}
        {children}
        {reasonRequired ? (
          <Field
            label={label}
            name="reason"
            required
            error={missing && !reason.trim() ? t('skp.reasonRequired') : errs.reason}
          >
            {(p) => (
              <textarea
                {...p}
                rows={rows}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required={nativeRequired || undefined}
                data-testid={testId}
              />
            )}
          </Field>
        ) : null}
        {errorSummary === 'bottom' ? <ErrorSummary error={error} /> : null}
        <div className="form-actions">
          <button
            type="button"
            className="btn"
            onClick={onClose}
            disabled={pending}
            data-autofocus={cancelAutofocus || undefined}
          >
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className={danger ? 'btn btn-danger' : 'btn btn-primary'}
            disabled={pending}
            data-testid={confirmTestId}
          >
            {pending ? t('common.processing') : confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
