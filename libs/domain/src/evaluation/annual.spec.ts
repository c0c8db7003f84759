import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { annualPredikat, type PeriodicResult } from './annual.js';
import type { Rating } from './enums.js';
import { PREDIKAT_MATRIX } from './predikat.js';

function result(
  periodId: string,
  end: string,
  hasil: Rating,
  perilaku: Rating,
  kind: 'REGULAR' | 'FINAL' = 'REGULAR',
): PeriodicResult {
  return { periodId, kind, end, hasil, perilaku, predikat: PREDIKAT_MATRIX[hasil][perilaku] };
}

const q1 = result('2024-Q1', '2024-03-31', 'SESUAI', 'SESUAI'); // BAIK
const q2 = result('2024-Q2', '2024-06-30', 'DI_ATAS', 'DI_ATAS'); // SANGAT_BAIK
const q3 = result('2024-Q3', '2024-09-30', 'SESUAI', 'DI_ATAS'); // BAIK
const q4 = result('2024-Q4', '2024-12-31', 'DI_ATAS', 'DI_ATAS'); // SANGAT_BAIK
const final = result('2024-FINAL', '2024-12-31', 'DI_BAWAH', 'SESUAI', 'FINAL'); // BUTUH_PERBAIKAN

describe('annualPredikat (R28)', () => {
  it('R28: EXPLICIT_FINAL takes the rater entry of the FINAL period and cites it', () => {
    const value = valueOf(annualPredikat([q1, q2, final], { derivation: 'EXPLICIT_FINAL' }));
    expect(value).toEqual({
      derivation: 'EXPLICIT_FINAL',
      predikat: 'BUTUH_PERBAIKAN',
      hasil: 'DI_BAWAH',
      perilaku: 'SESUAI',
      basedOn: ['2024-FINAL'],
    });
  });

  it('R28: EXPLICIT_FINAL without a FINAL entry is a typed error', () => {
    expectError(annualPredikat([q1], { derivation: 'EXPLICIT_FINAL' }), 'PERIOD_MISSING');
  });

  it('R28: LAST_PERIOD takes the latest regular period, whatever the input order', () => {
    expect(valueOf(annualPredikat([q3, q1, final, q2], { derivation: 'LAST_PERIOD' }))).toMatchObject({
      predikat: 'BAIK',
      basedOn: ['2024-Q3'],
    });
  });

  it('R28: MODE takes the most frequent predikat and cites every regular period', () => {
    const value = valueOf(
      annualPredikat([q1, q2, q3, result('2024-Q4', '2024-12-31', 'SESUAI', 'SESUAI')], { derivation: 'MODE' }),
    );
    expect(value.predikat).toBe('BAIK');
    expect(value.basedOn).toEqual(['2024-Q4', '2024-Q3', '2024-Q2', '2024-Q1']);
  });

  it('R28: MODE breaks a tie by the most recent period', () => {
    expect(valueOf(annualPredikat([q1, q2, q3, q4], { derivation: 'MODE' })).predikat).toBe('SANGAT_BAIK');
    expect(valueOf(annualPredikat([q2, q3], { derivation: 'MODE' })).predikat).toBe('BAIK');
  });

  it('R28: MODE orders two periods ending the same day by id', () => {
    const monthly = result('2024-M12', '2024-12-31', 'SESUAI', 'SESUAI');
    expect(valueOf(annualPredikat([q4, monthly], { derivation: 'MODE' })).predikat).toBe('SANGAT_BAIK');
    expect(valueOf(annualPredikat([monthly, q4], { derivation: 'MODE' })).predikat).toBe('SANGAT_BAIK');
  });

  it('R28: LAST_PERIOD and MODE need at least one regular period', () => {
    expectError(annualPredikat([final], { derivation: 'LAST_PERIOD' }), 'PERIOD_MISSING');
    expectError(annualPredikat([final], { derivation: 'MODE' }), 'PERIOD_MISSING');
  });

  it('R28: refuses bad input with typed errors', () => {
    expectError(annualPredikat([], { derivation: 'MODE' }), 'EMPTY_GROUP');
    expectError(annualPredikat([q1], { derivation: bad('AVERAGE') }), 'UNKNOWN_ENUM');
    expectError(annualPredikat([{ ...q1, kind: bad('WEEKLY') }], { derivation: 'MODE' }), 'UNKNOWN_ENUM');
    expectError(annualPredikat([{ ...q1, end: '2024-02-30' }], { derivation: 'MODE' }), 'INVALID_DATE');
    expectError(annualPredikat([{ ...q1, hasil: bad('X') }], { derivation: 'MODE' }), 'UNKNOWN_ENUM');
    expectError(annualPredikat([{ ...q1, perilaku: bad('X') }], { derivation: 'MODE' }), 'UNKNOWN_ENUM');
    expectError(annualPredikat([{ ...q1, predikat: 'SANGAT_BAIK' }], { derivation: 'MODE' }), 'INVALID_INPUT');
    expectError(annualPredikat([q1, q1], { derivation: 'MODE' }), 'DUPLICATE_ENTRY');
    expectError(
      annualPredikat([final, { ...final, periodId: '2024-FINAL-2' }], { derivation: 'MODE' }),
      'DUPLICATE_ENTRY',
    );
  });
});
