import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { BERAKHLAK, checkPerilakuRows, perilakuRows } from './berakhlak.js';

describe('BerAKHLAK rows (R10)', () => {
  it('R10: seven fixed values in order, each with three fixed guides', () => {
    expect(BERAKHLAK.map((b) => b.value)).toEqual([
      'BERORIENTASI_PELAYANAN',
      'AKUNTABEL',
      'KOMPETEN',
      'HARMONIS',
      'LOYAL',
      'ADAPTIF',
      'KOLABORATIF',
    ]);
    expect(BERAKHLAK.every((b) => b.panduan.length === 3)).toBe(true);
    expect(BERAKHLAK[0]?.panduan[0]).toBe('Memahami dan memenuhi kebutuhan masyarakat');
    expect(BERAKHLAK[6]?.panduan[2]).toBe('Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama');
  });

  it('R10: a new SKP starts with the seven rows, empty expectations, and passes the check', () => {
    const rows = perilakuRows();
    expect(rows.every((r) => r.ekspektasiKhusus === '')).toBe(true);
    expect(valueOf(checkPerilakuRows(rows))).toEqual([]);
    expect(valueOf(checkPerilakuRows(rows.map((r) => ({ ...r, ekspektasiKhusus: 'Tepat waktu' }))))).toEqual([]);
  });

  it('R10: reports a wrong count, order, guides or expectation', () => {
    const rows = perilakuRows();
    const codes = (value: typeof rows): string[] => valueOf(checkPerilakuRows(value)).map((i) => i.code);
    expect(codes(rows.slice(0, 6))).toEqual(['PERILAKU_COUNT']);
    expect(codes([rows[1], rows[0], ...rows.slice(2)] as typeof rows)).toEqual(['PERILAKU_ORDER', 'PERILAKU_ORDER']);
    expect(codes(rows.map((r, i) => (i === 2 ? { ...r, panduan: ['Belajar'] } : r)))).toEqual(['PERILAKU_PANDUAN']);
    expect(codes(rows.map((r, i) => (i === 3 ? { ...r, panduan: [...r.panduan.slice(0, 2), 'Lain'] } : r)))).toEqual([
      'PERILAKU_PANDUAN',
    ]);
    expect(codes(rows.map((r, i) => (i === 4 ? { ...r, ekspektasiKhusus: bad(null) } : r)))).toEqual([
      'PERILAKU_EKSPEKTASI',
    ]);
    expectError(checkPerilakuRows(bad(undefined)), 'INVALID_INPUT');
  });
});
