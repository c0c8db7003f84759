import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { expectError, valueOf } from '../../test/support.js';
import { parseNiPppk, parseNip } from './nip.js';

const settings = { minAppointmentAge: 18 };
const codes = (input: unknown): string[] => {
  const result = parseNip(input, settings);
  return result.ok ? [] : result.error.issues.map((i) => i.code);
};

describe('parseNip (R1)', () => {
  it('R1: 198609262015051001 is valid with its parts', () => {
    expect(valueOf(parseNip('198609262015051001', settings))).toEqual({
      nip: '198609262015051001',
      birthDate: '1986-09-26',
      appointmentMonth: '2015-05',
      gender: 'LAKI_LAKI',
      sequence: '001',
    });
  });

  it('R1: strips spaces before validation and never keeps them', () => {
    expect(valueOf(parseNip(' 19860926 201505 2 001 ', settings))).toMatchObject({
      nip: '198609262015052001',
      gender: 'PEREMPUAN',
    });
  });

  it('R1: each failure has its own code', () => {
    expect(codes('19860926201505100')).toEqual(['NIP_FORMAT']);
    expect(codes('1986092620150510011')).toEqual(['NIP_FORMAT']);
    expect(codes('19860926201505100a')).toEqual(['NIP_FORMAT']);
    expect(codes(Number('198609262015051001'))).toEqual(['NIP_FORMAT']);
    expect(codes('198602302015051001')).toEqual(['NIP_BIRTH_DATE']);
    // No "+40 for women" as in the NIK: day 66 is not a date.
    expect(codes('198609662015052001')).toEqual(['NIP_BIRTH_DATE']);
    expect(codes('198609262015131001')).toEqual(['NIP_APPOINTMENT_DATE']);
    expect(codes('198609262015001001')).toEqual(['NIP_APPOINTMENT_DATE']);
    expect(codes('198609262015053001')).toEqual(['NIP_GENDER_DIGIT']);
    expect(codes('198609262015051000')).toEqual(['NIP_SEQUENCE']);
  });

  it('R1: returns every failure at once', () => {
    expect(codes('198613402004130000')).toEqual([
      'NIP_BIRTH_DATE',
      'NIP_APPOINTMENT_DATE',
      'NIP_GENDER_DIGIT',
      'NIP_SEQUENCE',
    ]);
    expectError(parseNip('198613402004130000', settings), 'INVALID_NIP');
  });

  it('R1: the appointment year is at least the birth year + minAppointmentAge (both sides)', () => {
    expect(codes('198609262004011001')).toEqual([]);
    expect(codes('198609262003121001')).toEqual(['NIP_APPOINTMENT_DATE']);
    expect(parseNip('198609262003121001', { minAppointmentAge: 17 }).ok).toBe(true);
  });

  it('R1: refuses a bad setting', () => {
    expectError(parseNip('198609262015051001', { minAppointmentAge: Number.NaN }), 'INVALID_NUMBER');
  });

  it('R1: never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9 ]{0,24}$/), fc.anything()), (input) => {
        const result = parseNip(input, settings);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.issues.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseNiPppk (R2)', () => {
  it('R2: parses birth date, appointment year, code, gender and sequence', () => {
    expect(valueOf(parseNiPppk('199001152021 24 2 015'))).toEqual({
      niPppk: '199001152021242015',
      birthDate: '1990-01-15',
      appointmentYear: 2021,
      code: '24',
      gender: 'PEREMPUAN',
      sequence: '015',
    });
    expect(valueOf(parseNiPppk('199001152008991001')).gender).toBe('LAKI_LAKI');
  });

  it('R2: each failure has its own code, all returned at once', () => {
    const issues = (input: unknown): string[] => {
      const result = parseNiPppk(input);
      return result.ok ? [] : result.error.issues.map((i) => i.code);
    };
    expect(issues('12345')).toEqual(['NI_PPPK_FORMAT']);
    expect(issues('199002302021241001')).toEqual(['NI_PPPK_BIRTH_DATE']);
    expect(issues('199001152007241001')).toEqual(['NI_PPPK_APPOINTMENT_YEAR']);
    expect(issues('199001152021240001')).toEqual(['NI_PPPK_GENDER_DIGIT']);
    expect(issues('199001152021241000')).toEqual(['NI_PPPK_SEQUENCE']);
    expectError(parseNiPppk('199013452000243000'), 'INVALID_NI_PPPK');
  });

  it('R2: never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.anything()), (input) =>
        expect(typeof parseNiPppk(input).ok).toBe('boolean'),
      ),
    );
  });
});
