import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { ErrorSummary } from '../../components/Form';
import { EmptyState, ErrorState, Loading, TableWrap, usePageTitle } from '../../components/ui';
import { formatNumber } from '../../format';
import { bpText, rupiah, type TppSettings, tppKeys, useTppSettings, type WeightRow } from './data';
import './tpp.css';

const GROUPS = ['default', 'jpt', 'administrator', 'pengawas', 'fungsional', 'pelaksana'] as const;

/** Percent text (`60`, `60,5`) to basis points; NaN when not a number. */
const toBp = (text: string) => Math.round(Number(text.replace(',', '.')) * 100);
const pctText = (bp: number) => String(bp / 100).replace('.', ',');
/** Rupiah text with or without thousands dots (`2.500.000`, `2500000`) to a number; NaN when not one. */
const toRupiah = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.replace(/[.\s]/g, '')));

interface WeightDraft {
  group: string;
  kinerja: string;
  disiplin: string;
  kinerjaEnabled: boolean;
  disiplinEnabled: boolean;
}

/** `/pengaturan/tpp`: pagu per kelas jabatan, component weights per position group, BPJS and Plt share. */
export function TppSettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.tppSettings'));
  const settings = useTppSettings();
  return (
    <div className="page page-wide" data-testid="tpp-settings">
      <header className="page-header">
        <div>
          <h1>{t('tpp.settings.title')}</h1>
          <p className="muted">{t('tpp.settings.intro')}</p>
        </div>
        <Link className="btn" to="/tpp/proses">
          {t('nav.tppRuns')}
        </Link>
      </header>
      {settings.isPending ? (
        <div className="panel">
          <Loading rows={10} />
        </div>
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm s={settings.data} />
      )}
    </div>
  );
}

function SettingsForm({ s }: { s: TppSettings }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const ids = { bpjs: useId(), cap: useId(), acting: useId(), add: useId() };
  const manage = s.abilities.manage;
  const [pagu, setPagu] = useState(() => s.pagu.map((p) => formatNumber(p.amount)));
  const [weights, setWeights] = useState<WeightDraft[]>(() =>
    s.weights.map((w) => ({
      group: w.group,
      kinerja: pctText(w.kinerjaBp),
      disiplin: pctText(w.disiplinBp),
      kinerjaEnabled: w.kinerjaEnabled,
      disiplinEnabled: w.disiplinEnabled,
    })),
  );
  const [bpjs, setBpjs] = useState(pctText(s.rules.bpjsBp));
  const [cap, setCap] = useState(s.rules.bpjsCap === null ? '' : formatNumber(s.rules.bpjsCap));
  const [acting, setActing] = useState(pctText(s.rules.actingShareBp));
  const [addGroup, setAddGroup] = useState('');
  const [saved, setSaved] = useState(false);

  const save = useMutation({
    mutationFn: () =>
      api<TppSettings>('/tpp/settings', {
        method: 'PUT',
        body: {
          pagu: s.pagu.map((p, i) => ({ kelas: p.kelas, amount: toRupiah(pagu[i]) })),
          weights: weights.map((w) => ({
            group: w.group,
            kinerjaBp: toBp(w.kinerja),
            disiplinBp: toBp(w.disiplin),
            kinerjaEnabled: w.kinerjaEnabled,
            disiplinEnabled: w.disiplinEnabled,
          })),
          rules: {
            bpjsBp: toBp(bpjs),
            bpjsCap: cap.trim() === '' ? null : toRupiah(cap),
            actingShareBp: toBp(acting),
          },
        },
      }),
    onMutate: () => setSaved(false),
    onSuccess: (data) => {
      qc.setQueryData(tppKeys.settings, data);
      setSaved(true);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const setWeight = (i: number, patch: Partial<WeightDraft>) =>
    setWeights((ws) => ws.map((w, k) => (k === i ? { ...w, ...patch } : w)));
  const remaining = GROUPS.filter((g) => !weights.some((w) => w.group === g));
  const describePath = (path: string) => {
    const [section, index] = path.split('.');
    if (section === 'pagu' && index !== undefined) return t('tpp.kelas', { kelas: Number(index) + 1 });
    if (section === 'weights' && index !== undefined)
      return t(`tpp.groups.${weights[Number(index)]?.group ?? 'default'}`);
    return t(`tpp.settings.section.${section}`, { defaultValue: section });
  };

  return (
    <form onSubmit={submit} noValidate>
      {!manage ? <p className="notice notice-info">{t('tpp.settings.readOnly')}</p> : null}
      <div className="tpp-settings-grid">
        <section className="panel" aria-labelledby="tpp-pagu-h">
          <h2 id="tpp-pagu-h">{t('tpp.settings.paguTitle')}</h2>
          <p className="hint">{t('tpp.settings.paguHint')}</p>
          <TableWrap label={t('tpp.settings.paguTitle')} testId="tpp-pagu-table">
            <table className="table tpp-pagu">
              <thead>
                <tr>
                  <th scope="col">{t('tpp.cols.kelas')}</th>
                  <th scope="col" className="num">
                    {t('tpp.settings.paguPerMonth')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.pagu.map((p, i) => (
                  <tr key={p.kelas}>
                    <th scope="row">
                      <label htmlFor={`pagu-${p.kelas}`}>{t('tpp.kelas', { kelas: p.kelas })}</label>
                    </th>
                    <td className="num">
                      {manage ? (
                        <input
                          id={`pagu-${p.kelas}`}
                          className="tpp-money-input"
                          inputMode="numeric"
                          value={pagu[i]}
                          onChange={(e) =>
                            setPagu((list) => list.map((v, k) => (k === i ? e.target.value : v)))
                          }
                          onBlur={() => {
                            const n = toRupiah(pagu[i]);
                            if (Number.isFinite(n))
                              setPagu((list) => list.map((v, k) => (k === i ? formatNumber(n) : v)));
                          }}
                          data-testid="tpp-pagu-input"
                          aria-describedby="tpp-pagu-rp"
                        />
                      ) : (
                        <span id={`pagu-${p.kelas}`}>{rupiah(p.amount)}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p className="sr-only" id="tpp-pagu-rp">
            {t('tpp.settings.inRupiah')}
          </p>
        </section>

        <div>
          <section className="panel" aria-labelledby="tpp-weights-h">
            <h2 id="tpp-weights-h">{t('tpp.settings.weightsTitle')}</h2>
            <p className="hint">{t('tpp.settings.weightsHint')}</p>
            {weights.length === 0 ? <EmptyState title={t('tpp.settings.noWeights')} /> : null}
            {weights.map((w, i) => (
              <fieldset key={w.group} className="tpp-weight" data-testid="tpp-weight" data-group={w.group}>
                <legend>{t(`tpp.groups.${w.group}`, { defaultValue: w.group })}</legend>
                <div className="tpp-weight-grid">
                  <div className="field">
                    <label htmlFor={`w-k-${w.group}`}>{t('tpp.settings.kinerjaPct')}</label>
                    <input
                      id={`w-k-${w.group}`}
                      inputMode="decimal"
                      value={w.kinerja}
                      disabled={!manage}
                      onChange={(e) => {
                        const bp = toBp(e.target.value);
                        setWeight(i, {
                          kinerja: e.target.value,
                          ...(Number.isFinite(bp) && bp >= 0 && bp <= 10000
                            ? { disiplin: pctText(10000 - bp) }
                            : {}),
                        });
                      }}
                      data-testid="tpp-weight-kinerja"
                    />
                  </div>
                  <div className="field">
                    <label htmlFor={`w-d-${w.group}`}>{t('tpp.settings.disiplinPct')}</label>
                    <input
                      id={`w-d-${w.group}`}
                      inputMode="decimal"
                      value={w.disiplin}
                      disabled={!manage}
                      onChange={(e) => setWeight(i, { disiplin: e.target.value })}
                    />
                  </div>
                  <label className="field-check">
                    <input
                      type="checkbox"
                      checked={w.kinerjaEnabled}
                      disabled={!manage}
                      onChange={(e) => setWeight(i, { kinerjaEnabled: e.target.checked })}
                    />{' '}
                    {t('tpp.settings.kinerjaOn')}
                  </label>
                  <label className="field-check">
                    <input
                      type="checkbox"
                      checked={w.disiplinEnabled}
                      disabled={!manage}
                      onChange={(e) => setWeight(i, { disiplinEnabled: e.target.checked })}
                    />{' '}
                    {t('tpp.settings.disiplinOn')}
                  </label>
                </div>
                <EffectiveWeights w={w} />
                {manage && w.group !== 'default' ? (
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() => setWeights((ws) => ws.filter((_, k) => k !== i))}
                  >
                    {t('tpp.settings.removeGroup')}
                  </button>
                ) : null}
              </fieldset>
            ))}
            {manage && remaining.length > 0 ? (
              <div className="tpp-add-group">
                <div className="field">
                  <label htmlFor={ids.add}>{t('tpp.settings.addGroup')}</label>
                  <select id={ids.add} value={addGroup} onChange={(e) => setAddGroup(e.target.value)}>
                    <option value="">{t('common.choose')}</option>
                    {remaining.map((g) => (
                      <option key={g} value={g}>
                        {t(`tpp.groups.${g}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={!addGroup}
                  onClick={() => {
                    setWeights((ws) => [
                      ...ws,
                      {
                        group: addGroup,
                        kinerja: '60',
                        disiplin: '40',
                        kinerjaEnabled: true,
                        disiplinEnabled: true,
                      },
                    ]);
                    setAddGroup('');
                  }}
                >
                  {t('tpp.settings.add')}
                </button>
              </div>
            ) : null}
          </section>

          <section className="panel" aria-labelledby="tpp-rules-h">
            <h2 id="tpp-rules-h">{t('tpp.settings.rulesTitle')}</h2>
            <div className="form-grid">
              <div className="field">
                <label htmlFor={ids.bpjs}>{t('tpp.settings.bpjs')}</label>
                <input
                  id={ids.bpjs}
                  inputMode="decimal"
                  value={bpjs}
                  disabled={!manage}
                  onChange={(e) => setBpjs(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={ids.cap}>{t('tpp.settings.bpjsCap')}</label>
                <input
                  id={ids.cap}
                  inputMode="numeric"
                  value={cap}
                  disabled={!manage}
                  placeholder={t('tpp.settings.noCap')}
                  onChange={(e) => setCap(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={ids.acting}>{t('tpp.settings.acting')}</label>
                <input
                  id={ids.acting}
                  inputMode="decimal"
                  value={acting}
                  disabled={!manage}
                  onChange={(e) => setActing(e.target.value)}
                />
              </div>
            </div>
            <p className="hint">{t('tpp.settings.rulesHint')}</p>
          </section>
        </div>
      </div>
      {manage ? (
        <div className="sticky-actions panel">
          <ErrorSummary error={save.error} describe={describePath} />
          {saved ? (
            <p className="notice notice-ok" role="status" data-testid="tpp-settings-saved">
              {t('tpp.settings.saved')}
            </p>
          ) : null}
          <button
            type="submit"
            className="btn btn-primary"
            disabled={save.isPending}
            data-testid="tpp-settings-save"
          >
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

function EffectiveWeights({ w }: { w: WeightDraft }) {
  const { t } = useTranslation();
  const k = w.kinerjaEnabled ? toBp(w.kinerja) : 0;
  const d = w.disiplinEnabled ? toBp(w.disiplin) : 0;
  if (!Number.isFinite(k) || !Number.isFinite(d) || k + d <= 0) return null;
  const ek = Math.round((k * 10000) / (k + d));
  const row: Pick<WeightRow, 'kinerjaBp' | 'disiplinBp'> = { kinerjaBp: ek, disiplinBp: 10000 - ek };
  return (
    <p className="hint" aria-live="polite">
      {t('tpp.settings.effective', { kinerja: bpText(row.kinerjaBp), disiplin: bpText(row.disiplinBp) })}
    </p>
  );
}
