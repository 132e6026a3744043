import { describe, expect, it } from 'vitest';
import { decodeNip, formatNip, retirementAge } from './nip.ts';

const today = '2026-12-04';

describe('decodeNip', () => {
  it('decodes a PNS NIP', () => {
    const r = decodeNip('19860926 201505 1 001', 'PNS', today);
    expect(r).toEqual({
      ok: true,
      info: {
        kind: 'PNS',
        birthDate: '1986-09-26',
        tmt: '2015-05-01',
        contractCount: null,
        sex: 'L',
        sequence: '001',
      },
    });
  });

  it('decodes real NIPs from an SKP form', () => {
    expect(decodeNip('196503071995011001', 'PNS', today).ok).toBe(true);
    const f = decodeNip('197303141997022002', 'PNS', today);
    expect(f.ok && f.info.sex).toBe('P');
  });

  it('decodes an NI PPPK whose digits 13–14 are a contract count, not a month', () => {
    const r = decodeNip('199203142023212004', 'PPPK', today);
    expect(r.ok && r.info).toMatchObject({ tmt: '2023-01-01', contractCount: 21, sex: 'P' });
    // the same digits are an impossible month for a PNS
    expect(decodeNip('199203142023212004', 'PNS', today)).toMatchObject({ ok: false, code: 'NIP_TMT_MONTH' });
  });

  it.each([
    ['1986092620150510', 'NIP_LENGTH'],
    ['19860926201505100x', 'NIP_DIGITS'],
    ['198702292015051001', 'NIP_BIRTH_DATE'], // 1987 is not a leap year
    ['189912312015051001', 'NIP_BIRTH_DATE'],
    ['202712012015051001', 'NIP_BIRTH_FUTURE'],
    ['198609262015001001', 'NIP_TMT_MONTH'],
    ['198609262027011001', 'NIP_TMT_FUTURE'],
    ['198609262004081001', 'NIP_TMT_AGE'],
    ['198609262015053001', 'NIP_SEX_DIGIT'],
    ['198609262015051000', 'NIP_SEQUENCE'],
  ])('%s → %s', (nip, code) => {
    expect(decodeNip(nip, 'PNS', today)).toMatchObject({ ok: false, code });
  });

  it('accepts a leap day and a TMT in the month the person turns 18', () => {
    expect(decodeNip('198802292006021001', 'PNS', today).ok).toBe(true);
  });

  it('formats with the customary spaces', () => {
    expect(formatNip('198609262015051001')).toBe('19860926 201505 1 001');
  });

  it('knows the retirement ages (BUP)', () => {
    expect(retirementAge('pelaksana', 'Pengadministrasi')).toBe(58);
    expect(retirementAge('jpt', 'Kepala Dinas')).toBe(60);
    expect(retirementAge('fungsional', 'Auditor Ahli Madya')).toBe(60);
    expect(retirementAge('fungsional', 'Peneliti Ahli Utama')).toBe(65);
  });
});
