import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, upload } from '../../api';
import { ErrorSummary, Field, fieldErrors } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { formatTarget } from '../../components/skp';
import { formatBytes } from '../../format';
import { storeSkp } from '../../queries';
import type { Evidence, Indicator, Quarter, Realisation, Skp, UploadedFile } from '../../types';

const ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.docx,.xlsx,application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 10 * 1024 * 1024;

type EvidenceItem = Pick<Evidence, 'sha' | 'name' | 'size'> & { url?: string };

/**
 * Realisation of one indicator in one quarter: value, note and evidence. Files go up one by one
 * through `POST /files` (with progress) as soon as they are chosen; saving sends their hashes.
 */
export function RealisationDialog({
  skp,
  indicator,
  quarter,
  current,
  onClose,
}: {
  skp: Skp;
  indicator: Indicator;
  quarter: Quarter;
  current: Realisation | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const fileId = useId();
  const [value, setValue] = useState(
    current?.value !== null && current?.value !== undefined ? String(current.value) : '',
  );
  const [note, setNote] = useState(current?.note ?? '');
  const [evidence, setEvidence] = useState<EvidenceItem[]>(current?.evidence ?? []);
  const [progress, setProgress] = useState<{ name: string; loaded: number; total: number } | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const abortRef = useRef<(() => void) | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => () => abortRef.current?.(), []);

  const save = useMutation({
    mutationFn: () =>
      api<Skp>(`/skps/${encodeURIComponent(skp.id)}/realisations`, {
        method: 'PUT',
        body: {
          indicatorId: indicator.id,
          quarter,
          value: value.trim() === '' ? undefined : Number(value),
          note: note.trim() || undefined,
          evidence: evidence.map((e) => e.sha),
        },
      }),
    onSuccess: async (s) => {
      await storeSkp(qc, s);
      onClose();
    },
  });
  const errs = fieldErrors(save.error);

  const uploadFiles = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setUploadError(null);
    for (const file of Array.from(files)) {
      if (file.size > MAX_BYTES) {
        setUploadError(new Error(t('skp.real.tooLarge', { name: file.name })));
        continue;
      }
      setProgress({ name: file.name, loaded: 0, total: file.size });
      const form = new FormData();
      form.append('file', file, file.name);
      const handle = upload<UploadedFile>('/files', form, (loaded, total) =>
        setProgress({ name: file.name, loaded, total }),
      );
      abortRef.current = handle.abort;
      try {
        const f = await handle.promise;
        setEvidence((list) => (list.some((e) => e.sha === f.sha) ? list : [...list, f]));
      } catch (err) {
        if (!(err instanceof ApiError && err.code === 'ABORTED')) setUploadError(err);
        break;
      } finally {
        abortRef.current = null;
        setProgress(null);
      }
    }
    if (inputRef.current) inputRef.current.value = '';
  };

  const pct = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  const busy = save.isPending || !!progress;
  const quarterLabel = t(`skp.quarters.${quarter}`);

  return (
    <Modal title={t('skp.real.title', { quarter: quarterLabel })} onClose={onClose} busy={busy} size="wide">
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) save.mutate();
        }}
        data-testid="realisation-form"
      >
        <div className="real-context">
          <p className="cell-main">{indicator.name}</p>
          <p className="muted small">
            {t('skp.fields.target')}:{' '}
            {formatTarget(indicator.targetValue, indicator.targetText, indicator.unit)} ·{' '}
            {t(`skp.direction.${indicator.direction}`)}
          </p>
        </div>
        <ErrorSummary
          error={save.error}
          labels={{ value: t('skp.real.value'), note: t('skp.real.note'), evidence: t('skp.real.evidence') }}
        />
        <div className="form-grid">
          <Field
            label={t('skp.real.valueIn', { unit: indicator.unit || '—' })}
            name="value"
            error={errs.value}
            hint={indicator.targetValue === null ? t('skp.real.valueHintText') : undefined}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                step="any"
                inputMode="decimal"
                value={value}
                onChange={(e) => setValue(e.target.value)}
                data-testid="realisation-value"
              />
            )}
          </Field>
        </div>
        <Field label={t('skp.real.note')} name="note" error={errs.note}>
          {(p) => <textarea {...p} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        <fieldset className="field evidence-field">
          <legend>{t('skp.real.evidence')}</legend>
          {evidence.length > 0 ? (
            <ul className="evidence-list">
              {evidence.map((e) => (
                <li key={e.sha}>
                  {e.url ? (
                    <a href={e.url} target="_blank" rel="noopener noreferrer">
                      {e.name}
                    </a>
                  ) : (
                    <span>{e.name}</span>
                  )}
                  <span className="muted small">{formatBytes(e.size)}</span>
                  <button
                    type="button"
                    className="btn btn-ghost btn-small btn-danger-text"
                    onClick={() => setEvidence((list) => list.filter((x) => x.sha !== e.sha))}
                    disabled={busy}
                    aria-label={t('skp.real.removeFile', { name: e.name })}
                  >
                    {t('skp.real.remove')}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted small">{t('skp.real.noEvidence')}</p>
          )}
          <label htmlFor={fileId} className="label-like">
            {t('skp.real.addFile')}
          </label>
          <input
            id={fileId}
            ref={inputRef}
            type="file"
            multiple
            accept={ACCEPT}
            disabled={busy}
            aria-describedby={`${fileId}-hint`}
            onChange={(e) => void uploadFiles(e.target.files)}
            data-testid="evidence-file"
          />
          <p className="hint" id={`${fileId}-hint`}>
            {t('skp.real.fileHint')}
          </p>
          {progress ? (
            <div className="progress-block" aria-live="polite">
              <label htmlFor={`${fileId}-up`}>
                {t('skp.real.uploading', { name: progress.name })} {pct}%
              </label>
              <progress id={`${fileId}-up`} max={100} value={pct}>
                {pct}%
              </progress>
              <div>
                <button type="button" className="btn btn-small" onClick={() => abortRef.current?.()}>
                  {t('skp.real.cancelUpload')}
                </button>
              </div>
            </div>
          ) : null}
          {uploadError ? <ErrorSummary error={uploadError} /> : null}
        </fieldset>
        <div className="form-actions">
          <button type="button" className="btn" onClick={onClose} disabled={save.isPending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="realisation-save">
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
