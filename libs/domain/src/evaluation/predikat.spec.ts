import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import { DEFAULT_TENANT_SETTINGS } from '../settings/tenant-settings.js';
import { ORG_RATINGS, RATINGS, type OrgRating, type Predikat, type Rating } from './enums.js';
import { canFinalisePredikats, predikat, unitHeadRatingHasil } from './predikat.js';

describe('predikat (R23)', () => {
  // R23, cell by cell: [hasil, perilaku, predikat].
  const cells: readonly (readonly [Rating, Rating, Predikat])[] = [
    ['DI_ATAS', 'DI_BAWAH', 'KURANG'],
    ['DI_ATAS', 'SESUAI', 'BAIK'],
    ['DI_ATAS', 'DI_ATAS', 'SANGAT_BAIK'],
    ['SESUAI', 'DI_BAWAH', 'KURANG'],
    ['SESUAI', 'SESUAI', 'BAIK'],
    ['SESUAI', 'DI_ATAS', 'BAIK'],
    ['DI_BAWAH', 'DI_BAWAH', 'SANGAT_KURANG'],
    ['DI_BAWAH', 'SESUAI', 'BUTUH_PERBAIKAN'],
    ['DI_BAWAH', 'DI_ATAS', 'BUTUH_PERBAIKAN'],
  ];

  it.each(cells)('R23: hasil %s and perilaku %s give %s', (hasil, perilaku, expected) => {
    expect(valueOf(predikat(hasil, perilaku))).toBe(expected);
  });

  it('R23: covers all 9 cells exactly once', () => {
    expect(new Set(cells.map(([h, p]) => `${h}/${p}`)).size).toBe(RATINGS.length * RATINGS.length);
  });

  it('R23: explains with the rule, the inputs and a sentence in both languages', () => {
    const result = predikat('DI_ATAS', 'DI_BAWAH');
    if (!result.ok) throw new Error('expected ok');
    expect(result.explanation.rules).toEqual(['R23']);
    expect(result.explanation.inputs).toEqual({ hasil: 'DI_ATAS', perilaku: 'DI_BAWAH' });
    expect(result.explanation.text.id).toContain('Kurang/Misconduct');
    expect(result.explanation.text.en).toContain('Poor/Misconduct');
  });

  it('R23: refuses unknown ratings with a typed error', () => {
    expectError(predikat(bad('EXCELLENT'), 'SESUAI'), 'UNKNOWN_ENUM');
    expectError(predikat('SESUAI', bad(undefined)), 'UNKNOWN_ENUM');
  });
});

describe('unitHeadRatingHasil (R24)', () => {
  const expected: Readonly<Record<OrgRating, Rating>> = {
    ISTIMEWA: 'DI_ATAS',
    BAIK: 'SESUAI',
    BUTUH_PERBAIKAN: 'DI_BAWAH',
    KURANG: 'DI_BAWAH',
    SANGAT_KURANG: 'DI_BAWAH',
  };

  it.each(ORG_RATINGS)('R24: organisation rating %s maps by the default table', (org) => {
    expect(valueOf(unitHeadRatingHasil(org, DEFAULT_TENANT_SETTINGS.orgToHasil))).toBe(expected[org]);
  });

  it('R24: follows a tenant mapping and names it in the explanation', () => {
    const mapping = { ...DEFAULT_TENANT_SETTINGS.orgToHasil, BUTUH_PERBAIKAN: 'SESUAI' as const };
    const result = unitHeadRatingHasil('BUTUH_PERBAIKAN', mapping);
    expect(valueOf(result)).toBe('SESUAI');
    expect(result.ok && result.explanation.settings).toEqual({ orgToHasil: mapping });
  });

  it('R24: refuses an unknown organisation rating or a broken mapping', () => {
    expectError(unitHeadRatingHasil(bad('LUAR_BIASA'), DEFAULT_TENANT_SETTINGS.orgToHasil), 'UNKNOWN_ENUM');
    expectError(
      unitHeadRatingHasil('BAIK', { ...DEFAULT_TENANT_SETTINGS.orgToHasil, BAIK: bad('GOOD') }),
      'UNKNOWN_ENUM',
    );
  });
});

describe('canFinalisePredikats (R26)', () => {
  it('R26: blocks finalisation until the organisation rating is set', () => {
    expect(valueOf(canFinalisePredikats(null))).toBe(false);
    expect(valueOf(canFinalisePredikats('KURANG'))).toBe(true);
  });

  it('R26: refuses an unknown organisation rating', () => {
    expectError(canFinalisePredikats(bad('X')), 'UNKNOWN_ENUM');
  });
});
