import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { API_BASE } from '../api';
import { type ImportPreviewColumn, ImportWizard, type ImportWizardIds } from '../components/ImportWizard';
import { usePageTitle } from '../components/ui';
import { formatNumber } from '../format';
import { invalidateOrg } from '../queries';
import { IMPORT_KINDS, type ImportJob, type ImportKind, type ImportPreviewRow } from '../types';

const COLUMNS: Record<ImportKind, string[]> = {
  units: ['code', 'name', 'type', 'parent_code'],
  positions: ['code', 'name', 'kind', 'kelas', 'unit_code', 'parent_code', 'is_key'],
  employees: ['nip', 'asn_type', 'name', 'sex', 'golongan', 'education', 'email', 'phone', 'position_code'],
};

const IDS: ImportWizardIds = {
  upload: 'upload-h',
  job: 'job-h',
  errors: 'err-h',
  preview: 'prev-h',
  commitHint: 'commit-hint',
  progress: 'proc-progress',
};

function isKind(v: string | null): v is ImportKind {
  return !!v && (IMPORT_KINDS as readonly string[]).includes(v);
}

export function ImportPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.import'));
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind: ImportKind = isKind(kindParam) ? kindParam : 'units';
  const jobId = params.get('job');

  const setParam = (k: string, v: string | null) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      if (v) p.set(k, v);
      else p.delete(k);
      return p;
    });

  return (
    <ImportWizard
      kind={kind}
      title={t('import.title')}
      intro={t('import.intro')}
      jobId={jobId}
      onReset={() => setParam('job', null)}
      onUploaded={(job) =>
        setParams((prev) => {
          const p = new URLSearchParams(prev);
          p.set('kind', job.kind ?? kind);
          p.set('job', job.id);
          return p;
        })
      }
      ids={IDS}
      upload={{
        testId: 'import-upload',
        formClassName: 'form upload-form',
        fieldsBefore: (busy) => <KindField kind={kind} onKind={(k) => setParam('kind', k)} busy={busy} />,
        fileHint: t('import.fileHint'),
      }}
      job={{
        title: (j) => t('import.jobTitle', { kind: t(`import.kinds.${j.kind}`, { defaultValue: j.kind }) }),
        showStatusCode: true,
        notFoundState: true,
        dashUnknownRows: true,
        determinateProgress: true,
        failureDetail: true,
        errorsNoticeWhenReady: true,
        committedText: (j) =>
          t('import.committed', { count: j.totalRows ?? 0, rows: formatNumber(j.totalRows ?? 0) }),
        resultLink: (j) =>
          j.kind === 'employees'
            ? { to: '/pegawai', label: t('import.openEmployees') }
            : { to: '/organisasi', label: t('import.openOrg') },
        commitHint: (j) =>
          j.errorCount > 0 || j.status === 'invalid'
            ? t('import.commitBlocked')
            : j.status !== 'ready'
              ? ''
              : !j.abilities.commit
                ? t('import.commitNotAllowed')
                : t('import.commitReady', { rows: formatNumber(j.totalRows ?? 0) }),
        srRowLabel: true,
        errorsRetry: true,
        previewAfterCommit: true,
        previewError: true,
        previewColumns,
        markErrorRows: true,
        onCommitted: invalidateOrg,
        pollCommit: true,
      }}
    />
  );
}

/** The columns found in the previewed rows (in order of appearance), else the kind's template columns. */
function previewColumns(rows: ImportPreviewRow[], j: ImportJob): ImportPreviewColumn[] {
  const out: string[] = [];
  for (const r of rows) for (const k of Object.keys(r.data ?? {})) if (!out.includes(k)) out.push(k);
  return (out.length ? out : (COLUMNS[j.kind] ?? [])).map((c) => ({
    key: c,
    header: c,
    headerClassName: 'mono',
    cell: (r: ImportPreviewRow) => formatCell(r.data?.[c]),
  }));
}

function KindField({
  kind,
  onKind,
  busy,
}: {
  kind: ImportKind;
  onKind: (k: ImportKind) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const kindId = useId();
  return (
    <div className="field">
      <label htmlFor={kindId}>{t('import.kind')}</label>
      <select
        id={kindId}
        name="kind"
        value={kind}
        onChange={(e) => onKind(e.target.value as ImportKind)}
        disabled={busy}
        aria-describedby={`${kindId}-cols`}
      >
        {IMPORT_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`import.kinds.${k}`)}
          </option>
        ))}
      </select>
      <p className="hint" id={`${kindId}-cols`}>
        {t('import.columns')}: <span className="mono">{COLUMNS[kind].join(', ')}</span>
      </p>
      <p className="templates">
        {t('import.templates')}:{' '}
        <a href={`${API_BASE}/imports/templates/${kind}.csv`} download>
          {t('import.templateCsv', { kind: t(`import.kinds.${kind}`) })}
        </a>{' '}
        ·{' '}
        <a href={`${API_BASE}/imports/templates/${kind}.xlsx`} download>
          {t('import.templateXlsx', { kind: t(`import.kinds.${kind}`) })}
        </a>
      </p>
    </div>
  );
}

function formatCell(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}
