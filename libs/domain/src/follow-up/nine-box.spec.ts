import { describe, expect, it } from '@jest/globals';
import { bad, expectError, valueOf } from '../../test/support.js';
import type { Predikat } from '../evaluation/enums.js';
import { DEFAULT_TENANT_SETTINGS } from '../settings/tenant-settings.js';
import { NINE_BOX_RECOMMENDATIONS, nineBox, type NineBoxNumber, type Potensial } from './nine-box.js';

const settings = DEFAULT_TENANT_SETTINGS.nineBox;

describe('nineBox (R39)', () => {
  // R39, box by box: [annual predikat (default kinerja level), potensial, box].
  const boxes: readonly (readonly [Predikat, Potensial, NineBoxNumber])[] = [
    ['SANGAT_BAIK', 'RENDAH', 4],
    ['SANGAT_BAIK', 'MENENGAH', 7],
    ['SANGAT_BAIK', 'TINGGI', 9],
    ['BAIK', 'RENDAH', 2],
    ['BAIK', 'MENENGAH', 5],
    ['BAIK', 'TINGGI', 8],
    ['BUTUH_PERBAIKAN', 'RENDAH', 1],
    ['KURANG', 'MENENGAH', 3],
    ['SANGAT_KURANG', 'TINGGI', 6],
  ];

  it.each(boxes)('R39: %s with potensial %s is box %p', (predikat, potensial, box) => {
    const placement = valueOf(nineBox(predikat, potensial, settings));
    expect(placement.box).toBe(box);
    expect(placement.talentPool).toBe(box >= 7);
    expect(placement.recommendations).toBe(NINE_BOX_RECOMMENDATIONS[box]);
    expect(placement.recommendations.length).toBeGreaterThan(0);
  });

  it('R39: covers all 9 boxes', () => {
    expect(new Set(boxes.map(([, , box]) => box)).size).toBe(9);
  });

  it('R39: the kinerja level follows the tenant mapping', () => {
    const mapping = { ...settings.kinerjaByPredikat, BUTUH_PERBAIKAN: 'SESUAI' as const };
    expect(valueOf(nineBox('BUTUH_PERBAIKAN', 'TINGGI', { kinerjaByPredikat: mapping })).box).toBe(8);
  });

  it('R39: refuses unknown values and a broken mapping', () => {
    expectError(nineBox(bad('X'), 'TINGGI', settings), 'UNKNOWN_ENUM');
    expectError(nineBox('BAIK', bad('SEDANG'), settings), 'UNKNOWN_ENUM');
    expectError(
      nineBox('BAIK', 'TINGGI', { kinerjaByPredikat: { ...settings.kinerjaByPredikat, BAIK: bad('OK') } }),
      'UNKNOWN_ENUM',
    );
  });
});
