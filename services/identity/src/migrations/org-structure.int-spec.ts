import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrate } from '@kinerja/platform/database';
import { adminQuery, createTestDatabase, type TestDatabase } from '@kinerja/testing';
import { TenantsAndEmployees1763800001000 } from './1763800001000-tenants-and-employees.js';
import { identityMigrations } from './index.js';

// A database of the first identity slice upgrades in place: existing employees keep their data and get a status
// history, birth date and gender (R1, R2, R3); existing tenants get the default settings version (R30).
describe('OrgStructure1763800002000 on existing data', () => {
  let db: TestDatabase;
  const tenant = '00000000-0000-4000-8000-0000000000a1';

  beforeAll(async () => {
    db = await createTestDatabase('identity', [TenantsAndEmployees1763800001000]);
    await adminQuery(
      db,
      `INSERT INTO tenant (id, code, name, level, time_zone) VALUES ($1, 'OLD', 'BKD Lama', 'KOTA', 'Asia/Makassar')`,
      [tenant],
    );
    await adminQuery(
      db,
      `INSERT INTO employee (tenant_id, id, nip, name, employment_type, status, unit_id, created_at)
       VALUES ($1, '00000000-0000-4000-8000-0000000000b1', '199001152015032002', 'Siti', 'PNS', 'CLTN',
               '00000000-0000-4000-8000-0000000000c1', '2024-03-04T10:00:00+08:00')`,
      [tenant],
    );
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('backfills what the new schema needs and forces RLS again', async () => {
    // This one and every later migration apply on top of the first slice.
    expect(await migrate({ adminUrl: db.adminUrl, service: 'identity', migrations: identityMigrations })).toEqual(
      identityMigrations.slice(1).map((migration) => migration.name),
    );
    expect(
      await adminQuery(
        db,
        `SELECT e.unit_id, e.gender, e.birth_date::text AS birth_date, s.status, s.valid_from::text AS valid_from
         FROM employee e JOIN employee_status_term s ON s.tenant_id = e.tenant_id AND s.employee_id = e.id`,
      ),
    ).toEqual([{ unit_id: null, gender: 'P', birth_date: '1990-01-15', status: 'CLTN', valid_from: '2024-03-04' }]);
    expect(await adminQuery(db, 'SELECT effective_from::text AS d FROM tenant_settings_version')).toEqual([
      { d: '1900-01-01' },
    ]);
    const [rls] = await adminQuery(db, `SELECT relforcerowsecurity AS forced FROM pg_class WHERE relname = 'employee'`);
    expect(rls?.forced).toBe(true);
  });
});
