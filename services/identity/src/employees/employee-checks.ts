import { GOLONGAN, JENIS_JABATAN, validatePosition, type JenisJabatan, type Jenjang } from '@kinerja/domain';
import type { TenantTx } from '@kinerja/platform/database';
import type { Fields } from '../fields.js';
import { IdentityError } from '../identity-error.js';
import type { UnitRepository } from '../units/unit.repository.js';
import type { PlacementValue } from './employee.repository.js';

/** Two placements are the same when unit and position are (the decree reference does not count). */
export const samePlacement = (a: PlacementValue, b: PlacementValue): boolean =>
  a.unitId === b.unitId &&
  a.positionName === b.positionName &&
  a.jenisJabatan === b.jenisJabatan &&
  a.jenjang === b.jenjang;

/** Statuses that end the service: a head who retires or leaves no longer heads a unit from that date (R5). */
export const LEAVING_STATUSES: ReadonlySet<string> = new Set(['PENSIUN', 'BERHENTI']);

/** R4: a jenis jabatan, and a jenjang only for a JF and of its family. Returns the checked pair. */
export function checkPosition(
  fields: Fields,
  jenisJabatan: string | null,
  jenjang: string | null,
): { jenisJabatan: string | null; jenjang: string | null } {
  if (jenisJabatan === null) {
    if (jenjang !== null) fields.add('jenjang', 'NOT_ALLOWED', 'Jenjang hanya untuk jabatan fungsional.');
    return { jenisJabatan: null, jenjang: null };
  }
  if (!(JENIS_JABATAN as readonly string[]).includes(jenisJabatan)) {
    fields.add('jenisJabatan', 'INVALID_VALUE', `Salah satu dari: ${JENIS_JABATAN.join(', ')}.`);
    return { jenisJabatan, jenjang };
  }
  const checked = validatePosition({ jenisJabatan: jenisJabatan as JenisJabatan, jenjang: jenjang as Jenjang | null });
  if (!checked.ok)
    for (const issue of checked.error.issues)
      fields.add('jenjang', 'INVALID_JENJANG', checked.error.text.id || issue.message);
  return { jenisJabatan, jenjang };
}

/** R4: golongan ruang is a PNS's (I/a … IV/e). */
export function checkGolongan(fields: Fields, employmentType: 'PNS' | 'PPPK', golongan: string | null): void {
  if (golongan === null) return;
  if (employmentType !== 'PNS') fields.add('golongan', 'NOT_ALLOWED', 'Golongan ruang hanya untuk PNS.');
  else if (!(GOLONGAN as readonly string[]).includes(golongan))
    fields.add('golongan', 'INVALID_VALUE', `Salah satu dari: ${GOLONGAN.join(', ')}.`);
}

/**
 * A unit an employee is placed in from `date`: it exists in this tenant (another tenant's id is not found), is
 * active, and exists on that date.
 */
export async function checkPlacementUnit(
  tx: TenantTx,
  units: UnitRepository,
  field: string,
  unitId: string,
  date: string,
): Promise<void> {
  const unit = await units.findById(tx, unitId);
  if (!unit)
    throw new IdentityError('NOT_FOUND', 'Unit tidak ditemukan.', [
      { field, code: 'NOT_FOUND', message: 'Unit tidak ditemukan.' },
    ]);
  if (!unit.active)
    throw new IdentityError('VALIDATION_FAILED', 'Unit sudah tidak aktif.', [
      { field, code: 'UNIT_INACTIVE', message: 'Unit sudah tidak aktif.' },
    ]);
  if (!(await units.existsOn(tx, unitId, date)))
    throw new IdentityError('VALIDATION_FAILED', `Unit belum ada pada ${date}.`, [
      { field, code: 'UNIT_NOT_IN_FORCE', message: `Unit belum ada pada ${date}.` },
    ]);
}
