import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorSummary, errorsByPath, Field } from '../../components/Form';
import { IndicatorEditor } from '../../components/IndicatorEditor';
import { ConfirmDialog } from '../../components/Modal';
import { storeSkp } from '../../queries';
import {
  ASPECTS,
  type Aspect,
  BEHAVIOUR_CODES,
  type BehaviourCode,
  type Direction,
  type RhkKind,
  type RhkParent,
  type Skp,
} from '../../types';

interface IndicatorDraft {
  key: number;
  id?: string;
  aspect: Aspect;
  name: string;
  targetValue: string;
  targetText: string;
  unit: string;
  direction: Direction;
}

interface RhkDraft {
  key: number;
  id?: string;
  kind: RhkKind;
  text: string;
  /** `''`, `rhk:<id>` or `goal:<id>`. */
  parent: string;
  perspective: string;
  indicators: IndicatorDraft[];
  suggested: boolean;
}

interface BehaviourDraft {
  code: BehaviourCode;
  label: string;
  description: string;
  expectation: string;
}

/** Perspectives of a JPT's Perjanjian Kinerja (PermenPANRB 6/2022); stored as written on the form. */
export const PERSPECTIVES = ['penerima layanan', 'penguatan internal', 'anggaran', 'proses bisnis'] as const;

/** i18n key of a perspective (`penerima layanan` → `skp.perspectives.penerima_layanan`). */
export const perspectiveKey = (v: string) =>
  `skp.perspectives.${v.trim().toLowerCase().replace(/\s+/g, '_')}`;

/** The usual timeliness indicator suggested next to the quantity one (data, so always Indonesian). */
const WAKTU_SUGGESTION = { name: 'Ketepatan waktu penyelesaian', targetValue: '12', unit: 'bulan' };

let nextKey = 1;
const newKey = () => nextKey++;

function parentValue(p: RhkParent | null): string {
  return p ? `${p.type}:${p.id}` : '';
}

export function parentLabel(p: RhkParent): string {
  return p.type === 'rhk' ? `${p.text} — ${p.ownerName}` : `${p.code} ${p.title}`;
}

function blankIndicator(aspect: Aspect = 'kuantitas'): IndicatorDraft {
  return {
    key: newKey(),
    aspect,
    name: '',
    targetValue: '',
    targetText: '',
    unit: '',
    direction: 'higher',
  };
}

function isBlank(i: IndicatorDraft): boolean {
  return !i.id && !i.name.trim() && !i.targetValue.trim() && !i.targetText.trim() && !i.unit.trim();
}

function suggestedIndicators(): IndicatorDraft[] {
  return [blankIndicator('kuantitas'), { ...blankIndicator('waktu'), ...WAKTU_SUGGESTION }];
}

function toDrafts(skp: Skp): RhkDraft[] {
  return skp.rhks.map((r) => ({
    key: newKey(),
    id: r.id,
    kind: r.kind,
    text: r.text,
    parent: parentValue(r.parent),
    perspective: r.perspective ?? '',
    suggested: false,
    indicators: r.indicators.map((i) => ({
      key: newKey(),
      id: i.id,
      aspect: i.aspect,
      name: i.name,
      targetValue: i.targetValue === null ? '' : String(i.targetValue),
      targetText: i.targetText ?? '',
      unit: i.unit,
      direction: i.direction,
    })),
  }));
}

function toBehaviourDrafts(skp: Skp, label: (code: BehaviourCode) => string): BehaviourDraft[] {
  const byCode = new Map(skp.behaviours.map((b) => [b.code, b]));
  return BEHAVIOUR_CODES.map((code) => {
    const b = byCode.get(code);
    return {
      code,
      label: b?.label || label(code),
      description: b?.description ?? '',
      expectation: b?.expectation ?? '',
    };
  });
}

function rhkBody(drafts: RhkDraft[]) {
  return {
    rhks: drafts.map((r) => {
      const [type, id] = r.parent ? r.parent.split(/:(.*)/s) : ['', ''];
      return {
        id: r.id,
        kind: r.kind,
        text: r.text.trim(),
        parentRhkId: type === 'rhk' ? id : undefined,
        goalId: type === 'goal' ? id : undefined,
        perspective: r.perspective || undefined,
        indicators: r.indicators.map((i) => ({
          id: i.id,
          aspect: i.aspect,
          name: i.name.trim(),
          targetValue: i.targetValue.trim() === '' ? undefined : Number(i.targetValue),
          targetText: i.targetText.trim() || undefined,
          unit: i.unit.trim(),
          direction: i.direction,
        })),
      };
    }),
  };
}

/**
 * The plan editor: RHKs with their indicators and the BerAKHLAK expectations. Saving replaces the
 * plan (`PUT /rhks`) and then, if changed, the expectations (`PUT /behaviours`). Server validation
 * errors come back by path (`rhks.0.indicators.1.targetValue`) and are shown next to that field.
 * In `behaviours` mode (the atasan while the SKP awaits approval) only the expectations are edited.
 */
export function PlanEditor({
  skp,
  mode = 'plan',
  onDone,
}: {
  skp: Skp;
  mode?: 'plan' | 'behaviours';
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const behaviourLabel = (code: BehaviourCode) => t(`skp.behaviourCodes.${code}`);
  const [rhks, setRhks] = useState<RhkDraft[]>(() => toDrafts(skp));
  const [behaviours, setBehaviours] = useState<BehaviourDraft[]>(() =>
    toBehaviourDrafts(skp, behaviourLabel),
  );
  const initial = useRef({ rhks: JSON.stringify(rhkBody(toDrafts(skp))), behaviours });
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [partial, setPartial] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const editPlan = mode === 'plan';
  const editBehaviours = mode === 'behaviours' || !!skp.abilities.editBehaviours;
  const hasGoals = skp.parentOptions.some((p) => p.type === 'goal');
  const showPerspective = hasGoals || rhks.some((r) => r.perspective);

  const behavioursChanged = () =>
    behaviours.some((b, i) => b.expectation !== initial.current.behaviours[i]?.expectation);
  const dirty = () =>
    (editPlan && JSON.stringify(rhkBody(rhks)) !== initial.current.rhks) ||
    (editBehaviours && behavioursChanged());

  const save = useMutation({
    mutationFn: async () => {
      setPartial(false);
      if (!editPlan) {
        return api<Skp>(`/skps/${encodeURIComponent(skp.id)}/behaviours`, {
          method: 'PUT',
          body: { behaviours: behaviours.map((b) => ({ code: b.code, expectation: b.expectation.trim() })) },
        });
      }
      let result = await api<Skp>(`/skps/${encodeURIComponent(skp.id)}/rhks`, {
        method: 'PUT',
        body: rhkBody(rhks),
      });
      // Keep the ids the server gave, so that a second save (after a behaviour error) updates
      // the same RHKs instead of replacing them (subordinates may already cite them).
      if (result.rhks.length === rhks.length) {
        setRhks((list) =>
          list.map((r, i) => {
            const saved = result.rhks[i];
            return {
              ...r,
              id: saved.id,
              indicators: r.indicators.map((ind, j) => ({ ...ind, id: saved.indicators[j]?.id ?? ind.id })),
            };
          }),
        );
      }
      qc.setQueryData(['skp', skp.id], result);
      if (editBehaviours && behavioursChanged()) {
        try {
          result = await api<Skp>(`/skps/${encodeURIComponent(skp.id)}/behaviours`, {
            method: 'PUT',
            body: {
              behaviours: behaviours.map((b) => ({ code: b.code, expectation: b.expectation.trim() })),
            },
          });
        } catch (e) {
          setPartial(true);
          throw e;
        }
      }
      return result;
    },
    onSuccess: async (saved) => {
      await storeSkp(qc, saved);
      onDone(true);
    },
    onError: () => {
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('.error-summary')?.scrollIntoView({ block: 'nearest' }),
      );
    },
  });
  const errs = useMemo(() => errorsByPath(save.error), [save.error]);

  const updateRhk = (key: number, patch: Partial<RhkDraft>) =>
    setRhks((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const updateIndicator = (rkey: number, ikey: number, patch: Partial<IndicatorDraft>) =>
    setRhks((list) =>
      list.map((r) =>
        r.key === rkey
          ? { ...r, indicators: r.indicators.map((i) => (i.key === ikey ? { ...i, ...patch } : i)) }
          : r,
      ),
    );

  const chooseParent = (r: RhkDraft, parent: string) => {
    // Suggest indicators when a parent is chosen and the RHK has none of its own yet.
    const suggest = !!parent && r.indicators.every(isBlank);
    updateRhk(r.key, {
      parent,
      ...(suggest ? { indicators: suggestedIndicators(), suggested: true } : {}),
    });
  };

  const describe = (path: string): string => {
    const parts = path.split('.');
    const label = (field: string | undefined) =>
      field ? t(`skp.fields.${field}`, { defaultValue: field }) : '';
    if (parts[0] === 'rhks' && parts[1] !== undefined) {
      const r = `${t('skp.rhkN', { n: Number(parts[1]) + 1 })}`;
      if (parts[2] === 'indicators' && parts[3] !== undefined) {
        const i = t('skp.indicatorN', { n: Number(parts[3]) + 1 });
        return [r, i, label(parts[4])].filter(Boolean).join(' › ');
      }
      return [r, label(parts[2])].filter(Boolean).join(' › ');
    }
    if (parts[0] === 'behaviours' && parts[1] !== undefined) {
      return behaviours[Number(parts[1])]?.label ?? t('skp.behaviours');
    }
    return parts.length ? label(parts[parts.length - 1]) : '';
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!save.isPending) save.mutate();
  };

  return (
    <form className="form plan-editor" onSubmit={submit} noValidate ref={formRef} data-testid="plan-editor">
      {partial ? (
        <div className="notice notice-ok" role="status">
          {t('skp.planSavedBehavioursFailed')}
        </div>
      ) : null}
      <ErrorSummary error={save.error} describe={describe} />
      {editPlan ? (
        <section className="panel" aria-labelledby="plan-rhk-h">
          <div className="section-head">
            <h2 id="plan-rhk-h">{t('skp.planTitle')}</h2>
            <p className="muted small">{t('skp.planHint')}</p>
          </div>
          {errs.rhks ? <p className="field-error">{errs.rhks}</p> : null}
          {rhks.length === 0 ? <p className="muted">{t('skp.noRhkYet')}</p> : null}
          <ol className="rhk-editor-list">
            {rhks.map((r, ri) => {
              const base = `rhks.${ri}`;
              const parentError =
                errs[`${base}.parentRhkId`] ?? errs[`${base}.goalId`] ?? errs[`${base}.parent`];
              return (
                <li key={r.key} className="rhk-editor" data-testid="rhk-editor">
                  <fieldset className="rhk-fieldset">
                    <legend>{t('skp.rhkN', { n: ri + 1 })}</legend>
                    <div className="rhk-editor-grid">
                      <Field label={t('skp.fields.kind')} name={`${base}.kind`} error={errs[`${base}.kind`]}>
                        {(p) => (
                          <select
                            {...p}
                            value={r.kind}
                            onChange={(e) => updateRhk(r.key, { kind: e.target.value as RhkKind })}
                          >
                            <option value="utama">{t('skp.kind.utama')}</option>
                            <option value="tambahan">{t('skp.kind.tambahan')}</option>
                          </select>
                        )}
                      </Field>
                      <Field
                        label={hasGoals ? t('skp.fields.supportsGoal') : t('skp.fields.supports')}
                        name={`${base}.parent`}
                        error={parentError}
                        className="grow-2"
                        hint={
                          skp.parentOptions.length === 0
                            ? t('skp.noParentOptions')
                            : hasGoals
                              ? t('skp.supportsGoalHint')
                              : t('skp.supportsHint')
                        }
                      >
                        {(p) => (
                          <select {...p} value={r.parent} onChange={(e) => chooseParent(r, e.target.value)}>
                            <option value="">{t('skp.noParent')}</option>
                            {skp.parentOptions.map((o) => (
                              <option key={`${o.type}:${o.id}`} value={`${o.type}:${o.id}`}>
                                {parentLabel(o)}
                              </option>
                            ))}
                            {r.parent && !skp.parentOptions.some((o) => `${o.type}:${o.id}` === r.parent) ? (
                              <option value={r.parent}>{t('skp.parentGone')}</option>
                            ) : null}
                          </select>
                        )}
                      </Field>
                      {showPerspective ? (
                        <Field
                          label={t('skp.fields.perspective')}
                          name={`${base}.perspective`}
                          error={errs[`${base}.perspective`]}
                        >
                          {(p) => (
                            <select
                              {...p}
                              value={r.perspective}
                              onChange={(e) => updateRhk(r.key, { perspective: e.target.value })}
                            >
                              <option value="">—</option>
                              {PERSPECTIVES.map((v) => (
                                <option key={v} value={v}>
                                  {t(perspectiveKey(v))}
                                </option>
                              ))}
                              {r.perspective &&
                              !(PERSPECTIVES as readonly string[]).includes(r.perspective) ? (
                                <option value={r.perspective}>{r.perspective}</option>
                              ) : null}
                            </select>
                          )}
                        </Field>
                      ) : null}
                    </div>
                    <Field
                      label={t('skp.fields.text')}
                      name={`${base}.text`}
                      error={errs[`${base}.text`]}
                      required
                    >
                      {(p) => (
                        <textarea
                          {...p}
                          rows={2}
                          value={r.text}
                          onChange={(e) => updateRhk(r.key, { text: e.target.value })}
                          required
                          data-testid="rhk-text"
                        />
                      )}
                    </Field>

                    <fieldset className="indicator-fieldset">
                      <legend>{t('skp.indicators')}</legend>
                      {r.suggested ? (
                        <p className="hint suggest-hint" role="status">
                          {t('skp.suggestedHint')}
                        </p>
                      ) : null}
                      {errs[`${base}.indicators`] ? (
                        <p className="field-error">{errs[`${base}.indicators`]}</p>
                      ) : null}
                      {r.indicators.length === 0 ? (
                        <p className="muted small">{t('skp.noIndicatorYet')}</p>
                      ) : null}
                      {r.indicators.map((ind, ii) => {
                        const ib = `${base}.indicators.${ii}`;
                        return (
                          <IndicatorEditor
                            key={ind.key}
                            testId="indicator-editor"
                            value={ind}
                            onChange={(patch) => updateIndicator(r.key, ind.key, patch)}
                            onRemove={() =>
                              updateRhk(r.key, {
                                indicators: r.indicators.filter((x) => x.key !== ind.key),
                              })
                            }
                            base={ib}
                            error={(f) =>
                              f === 'targetValue' &&
                              errs[`${ib}.targetValue`] &&
                              !ind.targetValue.trim() &&
                              !ind.targetText.trim()
                                ? t('skp.targetMissing')
                                : errs[`${ib}.${f}`]
                            }
                            label={(f) => t(`skp.fields.${f}`)}
                            legend={
                              <>
                                {t('skp.rhkN', { n: ri + 1 })}, {t('skp.indicatorN', { n: ii + 1 })}
                              </>
                            }
                            unitPlaceholder={t('skp.unitPlaceholder')}
                            removeLabel={t('skp.removeIndicatorN', { rhk: ri + 1, n: ii + 1 })}
                            nativeRequired
                            leading={
                              <Field
                                label={t('skp.fields.aspect')}
                                name={`${ib}.aspect`}
                                error={errs[`${ib}.aspect`]}
                              >
                                {(p) => (
                                  <select
                                    {...p}
                                    value={ind.aspect}
                                    onChange={(e) =>
                                      updateIndicator(r.key, ind.key, { aspect: e.target.value as Aspect })
                                    }
                                  >
                                    {ASPECTS.map((a) => (
                                      <option key={a} value={a}>
                                        {t(`skp.aspect.${a}`)}
                                      </option>
                                    ))}
                                  </select>
                                )}
                              </Field>
                            }
                          />
                        );
                      })}
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => updateRhk(r.key, { indicators: [...r.indicators, blankIndicator()] })}
                        aria-label={t('skp.addIndicatorTo', { n: ri + 1 })}
                        data-testid="add-indicator"
                      >
                        + {t('skp.addIndicator')}
                      </button>
                    </fieldset>
                    <div className="editor-row-actions">
                      <button
                        type="button"
                        className="btn btn-small btn-danger-outline"
                        onClick={() => setRhks((list) => list.filter((x) => x.key !== r.key))}
                        aria-label={t('skp.removeRhkN', { n: ri + 1 })}
                      >
                        {t('skp.removeRhk')}
                      </button>
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            className="btn"
            onClick={() =>
              setRhks((list) => [
                ...list,
                {
                  key: newKey(),
                  kind: list.some((x) => x.kind === 'utama') ? 'tambahan' : 'utama',
                  text: '',
                  parent: '',
                  perspective: '',
                  indicators: [blankIndicator()],
                  suggested: false,
                },
              ])
            }
            data-testid="add-rhk"
          >
            + {t('skp.addRhk')}
          </button>
        </section>
      ) : null}

      {editBehaviours ? (
        <section className="panel" aria-labelledby="plan-beh-h">
          <h2 id="plan-beh-h">{editPlan ? t('skp.behaviours') : t('skp.behavioursTitleEdit')}</h2>
          <p className="muted small">{t('skp.behavioursHint')}</p>
          <div className="behaviour-editor">
            {behaviours.map((b, bi) => (
              <Field
                key={b.code}
                label={b.label}
                name={`behaviours.${bi}.expectation`}
                error={errs[`behaviours.${bi}.expectation`] ?? errs[`behaviours.${bi}`]}
                hint={b.description || undefined}
              >
                {(p) => (
                  <textarea
                    {...p}
                    rows={2}
                    value={b.expectation}
                    onChange={(e) =>
                      setBehaviours((list) =>
                        list.map((x) => (x.code === b.code ? { ...x, expectation: e.target.value } : x)),
                      )
                    }
                  />
                )}
              </Field>
            ))}
          </div>
        </section>
      ) : (
        <p className="muted small">{t('skp.behavioursReadOnly')}</p>
      )}

      <div className="form-actions sticky-actions">
        <button
          type="button"
          className="btn"
          onClick={() => (dirty() ? setConfirmCancel(true) : onDone(false))}
          disabled={save.isPending}
        >
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.isPending} data-testid="skp-save">
          {save.isPending ? t('common.saving') : editPlan ? t('skp.savePlan') : t('skp.saveBehaviours')}
        </button>
      </div>
      {confirmCancel ? (
        <ConfirmDialog
          title={t('skp.discardTitle')}
          message={<p>{t('skp.discardBody')}</p>}
          confirmLabel={t('skp.discard')}
          onConfirm={() => onDone(false)}
          onClose={() => setConfirmCancel(false)}
        />
      ) : null}
    </form>
  );
}
