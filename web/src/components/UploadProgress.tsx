import { useTranslation } from 'react-i18next';

/** The progress bar of a file upload, labelled with its percentage. */
export function UploadProgress({ id, pct, live = false }: { id: string; pct: number; live?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="progress-block" aria-live={live ? 'polite' : undefined}>
      <label htmlFor={id}>
        {t('import.uploading')} {pct}%
      </label>
      <progress id={id} max={100} value={pct}>
        {pct}%
      </progress>
    </div>
  );
}
