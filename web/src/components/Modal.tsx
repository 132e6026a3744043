import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from './Form';

interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** `wide` for forms with several columns. */
  size?: 'normal' | 'wide';
  /** Prevents closing with Escape while a request is running. */
  busy?: boolean;
}

/**
 * Accessible modal built on the native <dialog>: `showModal()` makes the page behind inert, traps focus
 * and handles Escape; focus moves to the first field and returns to the opener on close.
 * Mount it only while open.
 */
export function Modal({ title, onClose, children, size = 'normal', busy = false }: ModalProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const busyRef = useRef(busy);
  busyRef.current = busy;

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!d.open) d.showModal();
    const first = d.querySelector<HTMLElement>(
      '[data-autofocus], .modal-body input:not([type=hidden]):not([disabled]), .modal-body select, .modal-body textarea, .modal-body button',
    );
    first?.focus();
    return () => {
      if (d.open) d.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`modal modal-${size}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!busyRef.current) onClose();
      }}
    >
      <div className="modal-header">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="btn-icon"
          onClick={onClose}
          aria-label={t('common.close')}
          disabled={busy}
        >
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}

interface ConfirmProps {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  pending?: boolean;
  error?: unknown;
  danger?: boolean;
  children?: ReactNode;
}

/** Confirmation for destructive actions: the safe choice (cancel) gets focus first. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  onClose,
  pending,
  error,
  danger = true,
  children,
}: ConfirmProps) {
  const { t } = useTranslation();
  return (
    <Modal title={title} onClose={onClose} busy={pending}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        <div className="confirm-message">{message}</div>
        {children}
        <ErrorSummary error={error} />
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose} disabled={pending} data-autofocus>
            {t('common.cancel')}
          </button>
          <button type="submit" className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={pending}>
            {pending ? t('common.processing') : confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
