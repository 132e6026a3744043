import './attendance.css';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { API_BASE } from '../../api';
import { type ImportPreviewColumn, ImportWizard, type ImportWizardIds } from '../../components/ImportWizard';
import { EmptyState, usePageTitle } from '../../components/ui';
import { formatNip, formatNumber } from '../../format';
import type { ImportPreviewRow } from '../../types';
import { invalidateAttendance } from './data';

const PREVIEW_COLUMNS = ['nip', 'name', 'date', 'check_in', 'check_out', 'apel'] as const;

const IDS: ImportWizardIds = {
  upload: 'att-up-h',
  job: 'att-job-h',
  errors: 'att-err-h',
  preview: 'att-prev-h',
  commitHint: 'att-commit-hint',
  progress: 'att-proc',
};

/** `/kehadiran/impor`: upload check-in/check-out per employee-day, see row errors, then commit all at once. */
export function AttendanceImportPage() {
  const { t } = useTranslation();
  usePageTitle(t('attImport.title'));
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const replaceId = useId();
  const [replace, setReplace] = useState(false);
  const columns: ImportPreviewColumn[] = PREVIEW_COLUMNS.map((c) => ({
    key: c,
    header: t(`attImport.col.${c}`),
    cell: (r: ImportPreviewRow) => {
      const v = r.data[c];
      return c === 'nip'
        ? formatNip(String(v ?? ''))
        : c === 'apel'
          ? v === null || v === undefined
            ? ''
            : v === 1
              ? t('attImport.apelYes')
              : t('attImport.apelNo')
          : v === null || v === undefined
            ? '—'
            : String(v);
    },
  }));
  return (
    <ImportWizard
      kind="attendance"
      title={t('attImport.title')}
      intro={t('attImport.intro')}
      jobId={jobId}
      onReset={() => setParams({})}
      onUploaded={(job) => setParams({ job: job.id })}
      ids={IDS}
      upload={{
        testId: 'attendance-upload',
        formClassName: 'form',
        header: (
          <>
            <p className="hint">
              {t('import.columns')}: <span className="mono">nip, date, check_in, check_out, apel</span> —{' '}
              {t('attImport.columnsHint')}
            </p>
            <p className="templates">
              {t('import.templates')}:{' '}
              <a href={`${API_BASE}/imports/templates/attendance.csv`} download>
                CSV
              </a>{' '}
              ·{' '}
              <a href={`${API_BASE}/imports/templates/attendance.xlsx`} download>
                XLSX
              </a>
            </p>
          </>
        ),
        fieldsAfter: (busy) => (
          <div className="field">
            <span className="label-like">{t('attImport.existing')}</span>
            <label htmlFor={replaceId}>
              <input
                id={replaceId}
                type="checkbox"
                checked={replace}
                onChange={(e) => setReplace(e.target.checked)}
                disabled={busy}
                data-testid="attendance-replace"
              />{' '}
              {t('attImport.replace')}
            </label>
            <p className="hint">{t('attImport.replaceHint')}</p>
          </div>
        ),
        formData: { replace: replace ? 'true' : undefined },
      }}
      job={{
        title: () => t('attImport.jobTitle'),
        guard: (j) =>
          j.kind !== ('attendance' as string) ? (
            <EmptyState title={t('import.jobNotFound')}>
              <Link to={`/impor?job=${encodeURIComponent(j.id)}`}>{t('attImport.otherKind')}</Link>
            </EmptyState>
          ) : null,
        committedText: (j) =>
          t('import.committed', { count: j.totalRows ?? 0, rows: formatNumber(j.totalRows ?? 0) }),
        resultLink: () => ({ to: '/kehadiran/unit', label: t('attImport.openUnit') }),
        commitHint: (j) =>
          j.errorCount > 0
            ? t('import.commitBlocked')
            : t('import.commitReady', { rows: formatNumber(j.totalRows ?? 0) }),
        previewColumns: () => columns,
        previewFooter: (rows) =>
          rows.some((r) => r.data.replace === true) ? (
            <p className="hint">{t('attImport.willReplace')}</p>
          ) : null,
        onCommitted: invalidateAttendance,
      }}
    />
  );
}
