import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, runSql } from '@kinerja/platform/database';

export class TenantsAndEmployees1763800001000 implements MigrationInterface {
  name = 'TenantsAndEmployees1763800001000';

  async up(runner: QueryRunner): Promise<void> {
    await runSql(runner, [
      // The tenant registry is the platform's list of instansi, not a tenant's own record: it has no RLS so the
      // platform admin can list it; only platform-admin RPCs read it (docs/decisions/0004).
      `CREATE TABLE tenant (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('PROVINSI', 'KABUPATEN', 'KOTA')),
        parent_tenant_id uuid REFERENCES tenant (id),
        time_zone text NOT NULL CHECK (time_zone IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    ]);
    await createTenantTable(runner, {
      name: 'employee',
      columns: [
        'nip text NOT NULL',
        'name text NOT NULL',
        `employment_type text NOT NULL CHECK (employment_type IN ('PNS', 'PPPK'))`,
        'status text NOT NULL',
        'unit_id uuid',
        'position_name text',
        'jenis_jabatan text',
        'email text',
        'created_at timestamptz NOT NULL DEFAULT now()',
        'updated_at timestamptz NOT NULL DEFAULT now()',
        'version integer NOT NULL DEFAULT 1',
      ],
      constraints: ['UNIQUE (tenant_id, nip)'],
    });
  }

  async down(runner: QueryRunner): Promise<void> {
    await runSql(runner, ['DROP TABLE employee', 'DROP TABLE tenant']);
  }
}
