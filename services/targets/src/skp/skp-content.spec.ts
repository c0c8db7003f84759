import { create } from '@bufbuild/protobuf';
import { describe, expect, it } from '@jest/globals';
import { targetsV1 } from '@kinerja/contracts';
import { perilakuRows, SKP_LIMITS } from '@kinerja/domain';
import { checkContentEdit, emptyContent, idsOf } from './skp-content.js';

const rhk = (init: Partial<Omit<targetsV1.Rhk, '$typeName'>> = {}) =>
  create(targetsV1.RhkSchema, { jenis: 'UTAMA', text: 'Laporan', ...init });
const iki = (init: Partial<Omit<targetsV1.Iki, '$typeName'>> = {}) =>
  create(targetsV1.IkiSchema, { indikator: 'Jumlah laporan', aspek: 'KUANTITAS', ...init });
const numeric = (value: number) => create(targetsV1.TargetSchema, { kind: 'NUMERIC', value, unit: 'dokumen' });

const check = (rows: targetsV1.Rhk[], approach = 'KUANTITATIF', known: Set<string> = new Set()) =>
  checkContentEdit({ approach, rhk: rows }, known, perilakuRows());
const codes = (rows: targetsV1.Rhk[], approach?: string) =>
  check(rows, approach).errors.map((e) => `${e.code}@${e.field}`);

describe(checkContentEdit.name, () => {
  it('keeps a valid edit, giving new rows ids and the default direction (R8)', () => {
    const { content, errors } = check([rhk({ iki: [iki({ target: numeric(12) })] })]);
    expect(errors).toEqual([]);
    expect(content.rhk[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(content.rhk[0]?.iki[0]).toMatchObject({
      direction: 'HIGHER_IS_BETTER',
      target: { kind: 'NUMERIC', value: 12, unit: 'dokumen' },
    });
    expect(content.perilaku).toHaveLength(7);
  });

  it('refuses a text target under KUANTITATIF and accepts it under KUALITATIF (R8)', () => {
    const text = create(targetsV1.TargetSchema, { kind: 'TEXT', text: 'Tepat waktu' });
    expect(codes([rhk({ iki: [iki({ target: text })] })])).toEqual(['TARGET_NOT_NUMERIC@rhk.0.iki.0.target.kind']);
    expect(codes([rhk({ iki: [iki({ target: text })] })], 'KUALITATIF')).toEqual([]);
  });

  it('refuses a range with min above max, and negative or non-finite numbers', () => {
    const range = create(targetsV1.TargetSchema, { kind: 'RANGE', min: 9, max: 3, unit: '%' });
    expect(codes([rhk({ iki: [iki({ target: range })] })])).toEqual(['RANGE_MIN_ABOVE_MAX@rhk.0.iki.0.target.min']);
    expect(codes([rhk({ iki: [iki({ target: numeric(-1) })] })])).toEqual(['INVALID_NUMBER@rhk.0.iki.0.target.value']);
    expect(codes([rhk({ iki: [iki({ target: numeric(Number.NaN) })] })])).toEqual([
      'INVALID_NUMBER@rhk.0.iki.0.target.value',
    ]);
  });

  it('refuses unknown values, ids of other SKPs, duplicated ids and the limits', () => {
    const known = '3f1d8f8e-8c1a-4c3e-9a43-1f2d3c4b5a60';
    expect(codes([rhk({ jenis: 'LAIN', perspektif: 'X', iki: [iki({ aspek: 'Y', direction: 'Z' })] })])).toEqual([
      'INVALID_VALUE@rhk.0.jenis',
      'INVALID_VALUE@rhk.0.perspektif',
      'INVALID_VALUE@rhk.0.iki.0.aspek',
      'INVALID_VALUE@rhk.0.iki.0.direction',
    ]);
    expect(check([rhk({ id: known }), rhk({ id: known })], 'KUANTITATIF', new Set([known])).errors).toEqual([
      expect.objectContaining({ field: 'rhk.1.id', code: 'DUPLICATE_ID' }),
    ]);
    expect(codes([rhk({ id: known })])).toEqual(['UNKNOWN_ID@rhk.0.id']);
    expect(codes(Array.from({ length: SKP_LIMITS.rhkPerSkp + 1 }, () => rhk()))).toEqual(['TOO_MANY@rhk']);
    expect(codes([rhk({ text: ' ' })])).toEqual(['REQUIRED@rhk.0.text']);
    expect(codes([rhk({ rhkAtasanId: 'bukan-uuid' })])).toEqual(['INVALID_VALUE@rhk.0.rhkAtasanId']);
  });

  it('collects the ids every version held', () => {
    const { content } = check([rhk({ iki: [iki()] })]);
    const rhkRow = content.rhk[0];
    expect(idsOf([emptyContent(), content])).toEqual(new Set([rhkRow?.id, rhkRow?.iki[0]?.id]));
  });
});
