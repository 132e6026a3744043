import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMonth, ratioText } from '../../components/activity';
import { ChartPanel } from '../../components/charts/ChartPanel';
import {
  barsOption,
  curveOption,
  heatmapOption,
  progressOption,
  type Tone,
  trendOption,
} from '../../components/charts/options';
import { TableWrap } from '../../components/ui';
import { formatNumber, formatPercent } from '../../format';
import { useLang } from '../../queries';
import { type DashboardView, exportUrl, PREDIKATS } from './data';
import { goalTone } from './Goals';

const pct = (v: number) => formatPercent(Math.round(v * 10) / 10);

function bucketTone(from: number, to: number | null, th: { under: number; over: number }): Tone {
  if ((to ?? Number.POSITIVE_INFINITY) <= th.under) return 'warn';
  if (from >= th.over) return 'danger';
  return 'ok';
}

/** Workload distribution, predikat against the curve, goal progress, monthly trend and the heatmap. */
export function Charts({ d, unitId }: { d: DashboardView; unitId: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const slug = d.scope.unit.code.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const name = (figure: string) => `dasbor-${slug}-${figure}-${d.month}`;
  const xlsx = (figure: string) => exportUrl(figure, unitId, d.month);
  const monthShort = (m: string) => formatMonth(m, lang, 'short');

  const hist = d.histogram;
  const histOption = useMemo(
    () =>
      barsOption({
        categories: hist.buckets.map((b) => b.label),
        values: hist.buckets.map((b) => b.count),
        tones: hist.buckets.map((b) => bucketTone(b.from, b.to, d.thresholds)),
        format: (v) => formatNumber(v),
      }),
    [hist, d.thresholds],
  );

  const predikat = d.predikat;
  const predikatOption = useMemo(() => {
    if (!predikat) return null;
    const curve = new Map(predikat.curve.map((c) => [c.predikat, c]));
    return curveOption({
      categories: PREDIKATS.map((p) => t(`dashboard.predikat.${p}`)),
      shares: PREDIKATS.map((p) => {
        const share = predikat.counts.find((c) => c.predikat === p)?.share;
        return share === null || share === undefined ? null : Math.round(share * 1000) / 10;
      }),
      min: PREDIKATS.map((p) => curve.get(p)?.minShare ?? null),
      max: PREDIKATS.map((p) => curve.get(p)?.maxShare ?? null),
      names: {
        actual: t('dashboard.charts.actual'),
        min: t('dashboard.charts.curveMin'),
        max: t('dashboard.charts.curveMax'),
      },
      format: pct,
    });
  }, [predikat, t]);

  const goals = d.goals;
  const goalsOption = useMemo(
    () =>
      progressOption({
        names: goals.map((g) => `${g.code} ${g.title}`),
        values: goals.map((g) => g.progress),
        tones: goals.map((g) => {
          const tone = goalTone(g.progressStatus);
          return tone === 'neutral' ? 'grey' : (tone as Tone);
        }),
        onTrack: d.thresholds.goalOnTrack,
        onTrackLabel: t('dashboard.charts.onTrackLine', { n: d.thresholds.goalOnTrack }),
        format: pct,
      }),
    [goals, d.thresholds.goalOnTrack, t],
  );

  const trend = d.trend;
  const trendOpt = useMemo(
    () =>
      trendOption({
        months: trend.map((m) => formatMonth(m.month, lang, 'short')),
        entries: trend.map((m) => m.entries),
        ratios: trend.map((m) => (m.ratio === null ? null : Math.round(m.ratio * 1000) / 10)),
        names: { entries: t('dashboard.charts.entries'), ratio: t('dashboard.charts.ratio') },
        formatNumber: (v) => formatNumber(v),
        formatPercent: pct,
      }),
    [trend, lang, t],
  );

  const heat = d.heatmap;
  const heatRows = useMemo(
    () => heat.rows.map((r) => (r.direct ? t('dashboard.ranking.direct', { name: r.name }) : r.name)),
    [heat, t],
  );
  const heatOption = useMemo(
    () =>
      heatmapOption({
        rows: heatRows,
        months: heat.months.map((m) => formatMonth(m, lang, 'short')),
        values: heat.rows.map((r) => r.ratios.map((v) => (v === null ? null : Math.round(v * 1000) / 10))),
        format: pct,
      }),
    [heat, heatRows, lang],
  );

  const described = (items: string[]) => items.join('; ');
  return (
    <div className="charts-grid">
      <ChartPanel
        title={t('dashboard.charts.histogram')}
        description={t('dashboard.charts.histogramDesc', {
          month: formatMonth(d.month, lang),
          bars: described(hist.buckets.map((b) => `${b.label}: ${formatNumber(b.count)}`)),
        })}
        option={histOption}
        xlsxHref={xlsx('histogram')}
        pngName={name('distribusi')}
        testId="chart-histogram"
        table={
          <TableWrap label={t('dashboard.charts.histogram')} testId="table-histogram">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.charts.range')}</th>
                  <th scope="col" className="num">
                    {t('dashboard.charts.people')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.charts.share')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {hist.buckets.map((b) => (
                  <tr key={b.label}>
                    <td>{b.label}</td>
                    <td className="num">{formatNumber(b.count)}</td>
                    <td className="num">{hist.measured ? ratioText(b.count / hist.measured) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        }
      >
        {hist.withoutEffectiveTime > 0 ? (
          <p className="hint">{t('dashboard.charts.histogramNote', { count: hist.withoutEffectiveTime })}</p>
        ) : null}
      </ChartPanel>

      {predikat && predikatOption ? (
        <ChartPanel
          title={t('dashboard.charts.predikat')}
          description={t('dashboard.charts.predikatDesc', {
            bars: described(
              predikat.counts.map((c) => `${t(`dashboard.predikat.${c.predikat}`)}: ${ratioText(c.share)}`),
            ),
          })}
          option={predikatOption}
          xlsxHref={xlsx('predikat')}
          pngName={name('predikat')}
          testId="chart-predikat"
          table={
            <TableWrap label={t('dashboard.charts.predikat')} testId="table-predikat">
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.people.predikat')}</th>
                    <th scope="col" className="num">
                      {t('dashboard.charts.people')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.charts.share')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.charts.curveMin')}
                    </th>
                    <th scope="col" className="num">
                      {t('dashboard.charts.curveMax')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {predikat.counts.map((c) => {
                    const curve = predikat.curve.find((x) => x.predikat === c.predikat);
                    return (
                      <tr key={c.predikat}>
                        <td>{t(`dashboard.predikat.${c.predikat}`)}</td>
                        <td className="num">{formatNumber(c.count)}</td>
                        <td className="num">{ratioText(c.share)}</td>
                        <td className="num">
                          {curve?.minShare === null || !curve ? '—' : pct(curve.minShare ?? 0)}
                        </td>
                        <td className="num">
                          {curve?.maxShare === null || !curve ? '—' : pct(curve.maxShare ?? 0)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableWrap>
          }
        />
      ) : null}

      {goals.length ? (
        <ChartPanel
          title={t('dashboard.charts.goals')}
          description={t('dashboard.charts.goalsDesc', {
            bars: described(
              goals.map(
                (g) =>
                  `${g.code}: ${g.progress === null ? '—' : `${formatNumber(g.progress)}%`} (${t(`dashboard.goals.status.${g.progressStatus}`)})`,
              ),
            ),
          })}
          option={goalsOption}
          height={Math.max(160, 56 + goals.length * 40)}
          xlsxHref={xlsx('goals')}
          pngName={name('sasaran')}
          testId="chart-goals"
          table={
            <TableWrap label={t('dashboard.charts.goals')} testId="table-goals">
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">{t('dashboard.goals.title')}</th>
                    <th scope="col" className="num">
                      {t('dashboard.goals.progress')}
                    </th>
                    <th scope="col">{t('dashboard.goals.statusLabel')}</th>
                  </tr>
                </thead>
                <tbody>
                  {goals.map((g) => (
                    <tr key={g.id}>
                      <td>
                        {g.code} {g.title}
                      </td>
                      <td className="num">{g.progress === null ? '—' : `${formatNumber(g.progress)}%`}</td>
                      <td>{t(`dashboard.goals.status.${g.progressStatus}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          }
        />
      ) : null}

      <ChartPanel
        title={t('dashboard.charts.trend')}
        description={t('dashboard.charts.trendDesc', {
          bars: described(
            trend.map((m) => `${monthShort(m.month)}: ${formatNumber(m.entries)}, ${ratioText(m.ratio)}`),
          ),
        })}
        option={trendOpt}
        xlsxHref={xlsx('trend')}
        pngName={name('tren')}
        testId="chart-trend"
        table={
          <TableWrap label={t('dashboard.charts.trend')} testId="table-trend">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.charts.month')}</th>
                  <th scope="col" className="num">
                    {t('dashboard.charts.entries')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.charts.approved')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.charts.effective')}
                  </th>
                  <th scope="col" className="num">
                    {t('dashboard.charts.ratio')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {trend.map((m) => (
                  <tr key={m.month}>
                    <td>{formatMonth(m.month, lang)}</td>
                    <td className="num">{formatNumber(m.entries)}</td>
                    <td className="num">{formatNumber(m.approvedMinutes)}</td>
                    <td className="num">{formatNumber(m.effectiveMinutes)}</td>
                    <td className="num">{ratioText(m.ratio)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        }
      />

      {heat.rows.length ? (
        <ChartPanel
          title={t(`dashboard.charts.heatmap_${d.scope.childLevel}`)}
          description={t('dashboard.charts.heatmapDesc')}
          option={heatOption}
          height={Math.max(220, 90 + heat.rows.length * 22)}
          xlsxHref={xlsx('heatmap')}
          pngName={name('peta-panas')}
          testId="chart-heatmap"
          table={
            <TableWrap label={t(`dashboard.charts.heatmap_${d.scope.childLevel}`)} testId="table-heatmap">
              <table className="table table-compact heatmap-table">
                <thead>
                  <tr>
                    <th scope="col">{t(`dashboard.ranking.name_${d.scope.childLevel}`)}</th>
                    {heat.months.map((m) => (
                      <th key={m} scope="col" className="num">
                        {monthShort(m)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {heat.rows.map((r, i) => (
                    <tr key={r.unitId}>
                      <th scope="row">{heatRows[i]}</th>
                      {r.ratios.map((v, k) => (
                        <td key={heat.months[k]} className="num">
                          {ratioText(v)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          }
        />
      ) : null}
    </div>
  );
}
