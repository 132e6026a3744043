import { addYears, isoDate, isRealDate } from '../../core/time.ts';

export type AsnType = 'PNS' | 'PPPK';

export interface NipInfo {
  kind: AsnType;
  birthDate: string;
  /** PNS: TMT CPNS (YYYY-MM-01); PPPK: 1 January of the first appointment year */
  tmt: string;
  /** PPPK only: number of work agreements (digits 13–14) */
  contractCount: number | null;
  sex: 'L' | 'P';
  sequence: string;
}

export type NipResult =
  | { ok: true; info: NipInfo }
  | { ok: false; code: string; params: Record<string, string | number> };

const fail = (code: string, params: Record<string, string | number> = {}): NipResult => ({
  ok: false,
  code,
  params,
});

/**
 * Validate and decode an 18-digit NIP (PNS) or NI PPPK. Both start with the birth date and carry the sex in
 * digit 15; digits 9–14 differ: PNS has TMT CPNS as YYYYMM, PPPK has the appointment year and a contract count.
 */
export function decodeNip(raw: string, kind: AsnType, today: string): NipResult {
  const nip = raw.replace(/\s+/g, '');
  if (!/^\d*$/.test(nip)) return fail('NIP_DIGITS');
  if (nip.length !== 18) return fail('NIP_LENGTH', { length: nip.length });
  const by = Number(nip.slice(0, 4));
  const bm = Number(nip.slice(4, 6));
  const bd = Number(nip.slice(6, 8));
  const birthText = `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`;
  if (by < 1900 || !isRealDate(by, bm, bd)) return fail('NIP_BIRTH_DATE', { value: birthText });
  const birthDate = isoDate(by, bm, bd);
  if (birthDate > today) return fail('NIP_BIRTH_FUTURE', { value: birthDate });
  const adult = addYears(birthDate, 18);

  let tmt: string;
  let contractCount: number | null = null;
  if (kind === 'PNS') {
    const ty = Number(nip.slice(8, 12));
    const tm = Number(nip.slice(12, 14));
    const tmtText = `${nip.slice(8, 12)}-${nip.slice(12, 14)}`;
    if (tm < 1 || tm > 12) return fail('NIP_TMT_MONTH', { value: nip.slice(12, 14) });
    tmt = isoDate(ty, tm, 1);
    if (tmt > today) return fail('NIP_TMT_FUTURE', { value: tmtText });
    // TMT is a month: the employee must turn 18 in that month at the latest
    if (tmt.slice(0, 7) < adult.slice(0, 7)) return fail('NIP_TMT_AGE', { value: tmtText });
  } else {
    const year = Number(nip.slice(8, 12));
    if (year < 2019 || year > Number(today.slice(0, 4))) return fail('NIP_PPPK_YEAR', { value: year });
    if (String(year) < adult.slice(0, 4)) return fail('NIP_PPPK_AGE', { value: year });
    contractCount = Number(nip.slice(12, 14));
    if (contractCount < 1) return fail('NIP_PPPK_CONTRACT');
    tmt = isoDate(year, 1, 1);
  }
  const sexDigit = nip[14];
  if (sexDigit !== '1' && sexDigit !== '2') return fail('NIP_SEX_DIGIT', { value: sexDigit });
  const sequence = nip.slice(15, 18);
  if (sequence === '000') return fail('NIP_SEQUENCE');
  return {
    ok: true,
    info: { kind, birthDate, tmt, contractCount, sex: sexDigit === '1' ? 'L' : 'P', sequence },
  };
}

export const formatNip = (nip: string): string =>
  nip.length === 18 ? `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}` : nip;

/** Batas usia pensiun (BUP) by position kind; functional ahli utama 65, ahli madya 60 (PP 11/2017). */
export function retirementAge(positionKind: string | null, positionName: string | null): number {
  if (positionKind === 'jpt') return 60;
  if (positionKind === 'fungsional') {
    if (positionName && /ahli utama/i.test(positionName)) return 65;
    if (positionName && /ahli madya/i.test(positionName)) return 60;
  }
  return 58;
}
