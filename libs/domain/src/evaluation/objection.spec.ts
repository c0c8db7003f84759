import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { objectionWindow, resolveObjection, type ObjectionToResolve } from './objection.js';

describe('objectionWindow (R29)', () => {
  const delivered = '2024-04-10T09:00:00+07:00';

  it('R29: is open until the end of the 14th calendar day after delivery, in the tenant zone', () => {
    const inside = valueOf(objectionWindow(delivered, '2024-04-24T23:59:59+07:00', 'Asia/Jakarta'));
    expect(inside).toEqual({ open: true, lastDay: '2024-04-24', closesAt: '2024-04-25T00:00:00+07:00' });
    expect(valueOf(objectionWindow(delivered, '2024-04-25T00:00:00+07:00', 'Asia/Jakarta')).open).toBe(false);
  });

  it('R29: the delivery day is the tenant-local day (Asia/Jayapura is UTC+9)', () => {
    // 16:30 UTC on 9 April is already 10 April in Jayapura.
    expect(valueOf(objectionWindow('2024-04-09T16:30:00Z', '2024-04-24T10:00:00Z', 'Asia/Jayapura')).lastDay).toBe(
      '2024-04-24',
    );
    expect(valueOf(objectionWindow('2024-04-09T16:30:00Z', '2024-04-23T10:00:00Z', 'Asia/Jakarta')).lastDay).toBe(
      '2024-04-23',
    );
  });

  it('R29: refuses an objection time before delivery, invalid instants and unknown zones', () => {
    expectError(objectionWindow(delivered, '2024-04-10T08:59:59+07:00', 'Asia/Jakarta'), 'DATES_OUT_OF_ORDER');
    expectError(objectionWindow('2024-04-10', delivered, 'Asia/Jakarta'), 'INVALID_INSTANT');
    expectError(objectionWindow(delivered, bad(42), 'Asia/Jakarta'), 'INVALID_INSTANT');
    expectError(objectionWindow(delivered, delivered, bad('Asia/Singapore')), 'UNKNOWN_ENUM');
  });
});

describe('resolveObjection (R29)', () => {
  const open: ObjectionToResolve = {
    resolved: false,
    hasil: 'DI_BAWAH',
    perilaku: 'SESUAI',
    raterSuperiorId: 'atasan-1',
  };

  it("R29: the rater's superior upholds the result, which becomes final", () => {
    expect(valueOf(resolveObjection(open, 'atasan-1', { outcome: 'UPHOLD' }, 'Bukti cukup'))).toEqual({
      outcome: 'UPHOLD',
      hasil: 'DI_BAWAH',
      perilaku: 'SESUAI',
      predikat: 'BUTUH_PERBAIKAN',
      final: true,
    });
  });

  it("R29: the rater's superior changes the ratings and the predikat follows R23", () => {
    expect(
      valueOf(
        resolveObjection(
          open,
          'atasan-1',
          { outcome: 'CHANGE', hasil: 'SESUAI', perilaku: 'SESUAI' },
          'Realisasi terbukti',
        ),
      ),
    ).toMatchObject({
      outcome: 'CHANGE',
      predikat: 'BAIK',
      final: true,
    });
  });

  it('R29: only the superior resolves, once, with reasons and known ratings', () => {
    expectError(resolveObjection(open, 'rater-1', { outcome: 'UPHOLD' }, 'x'), 'ACTOR_NOT_ALLOWED');
    expectError(
      resolveObjection({ ...open, resolved: true }, 'atasan-1', { outcome: 'UPHOLD' }, 'x'),
      'OBJECTION_CLOSED',
    );
    expectError(resolveObjection(open, 'atasan-1', { outcome: 'UPHOLD' }, '  '), 'REASON_REQUIRED');
    expectError(resolveObjection(open, 'atasan-1', bad({ outcome: 'IGNORE' }), 'x'), 'UNKNOWN_ENUM');
    expectError(
      resolveObjection(open, 'atasan-1', { outcome: 'CHANGE', hasil: bad('X'), perilaku: 'SESUAI' }, 'x'),
      'UNKNOWN_ENUM',
    );
    expectError(
      resolveObjection(open, 'atasan-1', { outcome: 'CHANGE', hasil: 'SESUAI', perilaku: bad('X') }, 'x'),
      'UNKNOWN_ENUM',
    );
  });
});
