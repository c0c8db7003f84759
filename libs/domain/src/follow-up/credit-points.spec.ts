import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { PREDIKATS } from '../evaluation/enums.js';
import { JENJANG } from '../identifiers/master-data.js';
import { AK_COEFFICIENT, AK_PERCENTAGE, angkaKredit, monthsInPosition } from './credit-points.js';

describe('angkaKredit (R35)', () => {
  it('R35: the checks of RULES.md: Pemula SB = 5.63, Ahli Madya BP = 28.13', () => {
    expect(valueOf(angkaKredit('PEMULA', 'SANGAT_BAIK')).display).toBe(5.63);
    expect(valueOf(angkaKredit('AHLI_MADYA', 'BUTUH_PERBAIKAN')).display).toBe(28.13);
  });

  it('R35: is koef × pct for every jenjang and predikat', () => {
    expect(AK_PERCENTAGE).toEqual({
      SANGAT_BAIK: 1.5,
      BAIK: 1,
      BUTUH_PERBAIKAN: 0.75,
      KURANG: 0.5,
      SANGAT_KURANG: 0.25,
    });
    for (const jenjang of JENJANG) {
      for (const predikat of PREDIKATS) {
        expect(valueOf(angkaKredit(jenjang, predikat)).value).toBeCloseTo(
          AK_COEFFICIENT[jenjang] * AK_PERCENTAGE[predikat],
          10,
        );
      }
    }
  });

  it('R35: prorates by full months in the position', () => {
    expect(valueOf(angkaKredit('AHLI_MUDA', 'BAIK', 6)).value).toBeCloseTo(12.5, 10);
    expect(valueOf(angkaKredit('PEMULA', 'BAIK', 1)).display).toBe(0.31);
    expect(valueOf(angkaKredit('PEMULA', 'BAIK', 0)).value).toBe(0);
  });

  it('R35: refuses unknown jenjang or predikat and bad month counts', () => {
    expectError(angkaKredit(bad('AHLI_SUPER'), 'BAIK'), 'UNKNOWN_ENUM');
    expectError(angkaKredit('PEMULA', bad('OK')), 'UNKNOWN_ENUM');
    expectError(angkaKredit('PEMULA', 'BAIK', 13), 'OUT_OF_RANGE');
    expectError(angkaKredit('PEMULA', 'BAIK', -1), 'NEGATIVE_VALUE');
    expectError(angkaKredit('PEMULA', 'BAIK', 2.5), 'NOT_AN_INTEGER');
  });
});

describe('monthsInPosition (R35)', () => {
  it.each([
    ['2024-01-01', '2024-12-31', 12],
    ['2024-03-15', '2024-12-31', 9],
    ['2024-03-15', '2024-12-13', 8],
    ['2024-03-15', '2024-12-14', 9],
    ['2024-01-31', '2024-02-27', 0],
    ['2024-01-31', '2024-02-28', 1],
    ['2024-12-01', '2024-12-01', 0],
    ['2023-01-01', '2024-12-31', 12],
  ])('R35: from %s to %s counts %p full months', (from, to, months) => {
    expect(valueOf(monthsInPosition(from, to))).toBe(months);
  });

  it('R35: refuses invalid or reversed dates', () => {
    expectError(monthsInPosition('2024-13-01', '2024-12-31'), 'INVALID_DATE');
    expectError(monthsInPosition('2024-01-01', 'x'), 'INVALID_DATE');
    expectError(monthsInPosition('2024-05-01', '2024-04-30'), 'DATES_OUT_OF_ORDER');
  });
});
