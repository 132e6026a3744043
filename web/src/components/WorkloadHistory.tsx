import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../format';
import { useLang } from '../queries';
import type { WorkloadBand } from '../types';
import { BandBadge, BarChart, bandTone, formatMonth, ratioText, useView, ViewToggle } from './activity';
import { TableWrap } from './ui';

export interface WorkloadHistoryMonth {
  month: string;
  approvedMinutes: number;
  effectiveMinutes: number;
  ratio: number | null;
  band: WorkloadBand | null;
}

/**
 * The last months of workload (approved against effective time) as a bar chart or, toggled, a table.
 * `heading` is the block's heading element; the caller places the block in its own section.
 */
export function WorkloadHistory({
  heading,
  label,
  caption,
  months,
  describe,
  tableTestId,
}: {
  heading: ReactNode;
  /** Names the view toggle and the table. */
  label: string;
  /** The chart's caption. */
  caption: string;
  months: WorkloadHistoryMonth[];
  /** A month's bar in words (screen readers). */
  describe: (h: WorkloadHistoryMonth) => string;
  tableTestId?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [view, setView] = useView('chart');
  return (
    <>
      <div className="section-head">
        {heading}
        <ViewToggle view={view} onChange={setView} label={label} />
      </div>
      {view === 'chart' ? (
        <BarChart
          caption={caption}
          bars={months.map((h) => ({
            key: h.month,
            label: formatMonth(h.month, lang, 'short'),
            value: h.approvedMinutes,
            target: h.effectiveMinutes,
            valueLabel: ratioText(h.ratio),
            tone: bandTone(h.band),
            describe: describe(h),
          }))}
        />
      ) : (
        <TableWrap label={label} testId={tableTestId}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('workload.month')}</th>
                <th scope="col" className="num">
                  {t('workload.approved')}
                </th>
                <th scope="col" className="num">
                  {t('workload.effective')}
                </th>
                <th scope="col" className="num">
                  {t('workload.ratio')}
                </th>
                <th scope="col">{t('workload.bandLabel')}</th>
              </tr>
            </thead>
            <tbody>
              {months.map((h) => (
                <tr key={h.month}>
                  <td>{formatMonth(h.month, lang)}</td>
                  <td className="num">{formatNumber(h.approvedMinutes)}</td>
                  <td className="num">{formatNumber(h.effectiveMinutes)}</td>
                  <td className="num">{ratioText(h.ratio)}</td>
                  <td>
                    <BandBadge band={h.band} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
