import { useTranslation } from 'react-i18next';
import { TableWrap } from './ui';

export interface RowError {
  row: number;
  column?: string | null;
  message: string;
}

/** The rows of an uploaded file that were refused: row number, column and message. */
export function RowErrorsTable({
  label,
  errors,
  testId,
  srRowLabel = false,
}: {
  label: string;
  errors: RowError[];
  testId?: string;
  /** repeat "row" before each number for screen readers */
  srRowLabel?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <TableWrap label={label} testId={testId}>
      <table className="table table-errors">
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('import.row')}
            </th>
            <th scope="col">{t('import.column')}</th>
            <th scope="col">{t('import.message')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: several errors may share row and column
            <tr key={`${e.row}-${e.column}-${i}`}>
              <td className="num">
                {srRowLabel ? <span className="sr-only">{t('import.row')} </span> : null}
                {e.row}
              </td>
              <td className="mono">{e.column ?? '—'}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
