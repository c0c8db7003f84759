import { describe, expect, it } from '@jest/globals';
import { parseNip, parseNiPppk } from '@kinerja/domain';
import { syntheticTenant } from './synthetic.js';

describe('syntheticTenant', () => {
  const tenant = syntheticTenant({ employees: 3_000, seed: 3 });

  it('gives every employee a valid, distinct NIP or NI PPPK (R1, R2)', () => {
    for (const e of tenant.employees) {
      const parsed = e.type === 'PNS' ? parseNip(e.nip, { minAppointmentAge: 18 }) : parseNiPppk(e.nip);
      expect([e.nip, parsed.ok]).toEqual([e.nip, true]);
    }
    expect(new Set(tenant.employees.map((e) => e.nip)).size).toBe(3_000);
  });

  it('builds one tree under the Sekretariat Daerah with a head for every unit, placed in it', () => {
    const codes = new Set(tenant.units.map((u) => u.code));
    expect(tenant.units.filter((u) => u.parent === null).map((u) => u.code)).toEqual(['SETDA']);
    expect(tenant.units.every((u) => u.parent === null || codes.has(u.parent))).toBe(true);
    const placed = new Map(tenant.employees.map((e) => [e.nip, e.unit]));
    expect(tenant.units.every((u) => u.headNip !== null && placed.get(u.headNip) === u.code)).toBe(true);
  });

  it('is the same for the same seed', () => {
    expect(syntheticTenant({ employees: 3_000, seed: 3 })).toEqual(tenant);
  });
});
