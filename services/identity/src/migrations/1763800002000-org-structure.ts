import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rlsSql, runSql, tenantTableSql } from '@kinerja/platform/database';

// The org structure and its history: tenant settings versions, units with parent and head terms, acting (PLT/PLH)
// appointments, employee placements and statuses with dates (R3–R5), and the append-only audit (R42).
//
// Histories are terms `[valid_from, valid_to]` (inclusive; valid_to NULL = open) keyed by their subject and start
// date. An exclusion constraint keeps the terms of one subject from overlapping, whatever the code does.
// Existing rows are backfilled before RLS is enabled on the new tables, and with RLS not forced on `employee` for
// the owner meanwhile (inside this migration's transaction, so nobody sees it unforced).

const app = `regexp_replace(current_user, '_owner$', '_app')`;

function termTable(name: string, subject: string, subjectTable: string, valueColumns: string[]): string[] {
  return [
    `CREATE TABLE ${name} (
      tenant_id uuid NOT NULL,
      ${subject} uuid NOT NULL,
      valid_from date NOT NULL,
      valid_to date,
      ${valueColumns.join(',\n      ')},
      PRIMARY KEY (tenant_id, ${subject}, valid_from),
      FOREIGN KEY (tenant_id, ${subject}) REFERENCES ${subjectTable} (tenant_id, id) ON DELETE CASCADE,
      CHECK (valid_to IS NULL OR valid_to >= valid_from),
      EXCLUDE USING gist (tenant_id WITH =, ${subject} WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
    )`,
  ];
}

export class OrgStructure1763800002000 implements MigrationInterface {
  name = 'OrgStructure1763800002000';

  async up(runner: QueryRunner): Promise<void> {
    await runSql(runner, [
      // Trusted extensions: the database owner may create them. btree_gist lets an exclusion constraint compare
      // uuids; pg_trgm indexes the employee name search.
      'CREATE EXTENSION IF NOT EXISTS btree_gist',
      'CREATE EXTENSION IF NOT EXISTS pg_trgm',

      `ALTER TABLE tenant
         ADD COLUMN holidays date[] NOT NULL DEFAULT '{}',
         ADD COLUMN regional_head_subject text,
         ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
         ADD COLUMN version integer NOT NULL DEFAULT 1`,

      // R30: one row per version; the first one (the RULES.md defaults) holds from 1900-01-01.
      `CREATE TABLE tenant_settings_version (
        tenant_id uuid NOT NULL,
        effective_from date NOT NULL,
        overrides jsonb NOT NULL DEFAULT '{}'::jsonb,
        rollout jsonb NOT NULL DEFAULT '[]'::jsonb,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        reason text NOT NULL DEFAULT '',
        PRIMARY KEY (tenant_id, effective_from)
      )`,
      `INSERT INTO tenant_settings_version (tenant_id, effective_from, changed_by, reason)
       SELECT id, DATE '1900-01-01', 'system', 'Default settings' FROM tenant`,
      ...rlsSql('tenant_settings_version'),

      // Units: the current parent and head are kept on the row (the latest term) for cheap reads; the terms are
      // the truth for any date.
      ...tenantTableSql({
        name: 'unit',
        columns: [
          'code text NOT NULL',
          'name text NOT NULL',
          'kind text NOT NULL',
          'parent_id uuid',
          'head_position_name text',
          'head_employee_id uuid',
          'active boolean NOT NULL DEFAULT true',
          'created_at timestamptz NOT NULL DEFAULT now()',
          'updated_at timestamptz NOT NULL DEFAULT now()',
          'version integer NOT NULL DEFAULT 1',
        ],
        foreignKeys: [{ columns: ['parent_id'], references: 'unit' }],
        constraints: ['UNIQUE (tenant_id, code)', 'CHECK (parent_id IS NULL OR parent_id <> id)'],
      }),
      'CREATE INDEX unit_parent ON unit (tenant_id, parent_id)',
      'CREATE INDEX unit_name ON unit (tenant_id, (lower(name) COLLATE "C"), id)',

      // Employees: a unit must exist in the same tenant; columns for what the first part did not keep.
      'ALTER TABLE employee NO FORCE ROW LEVEL SECURITY',
      'UPDATE employee SET unit_id = NULL',
      `ALTER TABLE employee
         ADD COLUMN golongan text,
         ADD COLUMN jenjang text,
         ADD COLUMN status_since date,
         ADD COLUMN birth_date date,
         ADD COLUMN gender text CHECK (gender IN ('L', 'P')),
         ADD COLUMN account_subject text,
         ADD COLUMN username text,
         ADD COLUMN roles text[] NOT NULL DEFAULT '{}',
         ADD FOREIGN KEY (tenant_id, unit_id) REFERENCES unit (tenant_id, id),
         ADD UNIQUE (tenant_id, account_subject)`,
      // R1, R2: NIP and NI PPPK both start with the birth date and carry the gender in digit 15.
      `UPDATE employee SET status_since = created_at::date,
         birth_date = to_date(substr(nip, 1, 8), 'YYYYMMDD'),
         gender = CASE substr(nip, 15, 1) WHEN '1' THEN 'L' ELSE 'P' END`,
      `ALTER TABLE employee ALTER COLUMN status_since SET NOT NULL`,
      `ALTER TABLE unit ADD FOREIGN KEY (tenant_id, head_employee_id) REFERENCES employee (tenant_id, id)`,
      // Listing and search (50,000 employees per tenant): order by name (C collation, so the index also serves
      // prefix LIKE), NIP prefix, and any part of a name of three letters or more (trigram).
      'CREATE INDEX employee_name ON employee (tenant_id, (lower(name) COLLATE "C"), id)',
      'CREATE INDEX employee_nip_prefix ON employee (tenant_id, nip text_pattern_ops)',
      'CREATE INDEX employee_name_trgm ON employee USING gin (lower(name) gin_trgm_ops)',

      ...termTable('unit_parent_term', 'unit_id', 'unit', ['parent_id uuid']),
      `ALTER TABLE unit_parent_term ADD FOREIGN KEY (tenant_id, parent_id) REFERENCES unit (tenant_id, id)`,
      'CREATE INDEX unit_parent_term_parent ON unit_parent_term (tenant_id, parent_id, valid_from)',
      ...rlsSql('unit_parent_term'),

      ...termTable('unit_head_term', 'unit_id', 'unit', ['employee_id uuid NOT NULL']),
      `ALTER TABLE unit_head_term ADD FOREIGN KEY (tenant_id, employee_id) REFERENCES employee (tenant_id, id)`,
      'CREATE INDEX unit_head_term_employee ON unit_head_term (tenant_id, employee_id)',
      ...rlsSql('unit_head_term'),

      ...termTable('assignment', 'employee_id', 'employee', [
        'unit_id uuid NOT NULL',
        'position_name text',
        'jenis_jabatan text',
        'jenjang text',
        'decree_number text',
      ]),
      `ALTER TABLE assignment ADD FOREIGN KEY (tenant_id, unit_id) REFERENCES unit (tenant_id, id)`,
      'CREATE INDEX assignment_unit ON assignment (tenant_id, unit_id, valid_from) INCLUDE (employee_id, valid_to)',
      ...rlsSql('assignment'),

      ...termTable('employee_status_term', 'employee_id', 'employee', ['status text NOT NULL']),
      `INSERT INTO employee_status_term (tenant_id, employee_id, valid_from, status)
       SELECT tenant_id, id, status_since, status FROM employee`,
      ...rlsSql('employee_status_term'),
      'ALTER TABLE employee FORCE ROW LEVEL SECURITY',

      // R5: acting heads. Overlaps within one unit are refused by the service; the report lists what remains
      // (e.g. one employee acting in two units at once).
      ...tenantTableSql({
        name: 'acting_appointment',
        columns: [
          'unit_id uuid NOT NULL',
          'employee_id uuid NOT NULL',
          `kind text NOT NULL CHECK (kind IN ('PLT', 'PLH'))`,
          'valid_from date NOT NULL',
          'valid_to date',
          'decree_number text',
          'revoked boolean NOT NULL DEFAULT false',
          'created_at timestamptz NOT NULL DEFAULT now()',
          'updated_at timestamptz NOT NULL DEFAULT now()',
          'version integer NOT NULL DEFAULT 1',
        ],
        foreignKeys: [
          { columns: ['unit_id'], references: 'unit' },
          { columns: ['employee_id'], references: 'employee' },
        ],
        constraints: ['CHECK (valid_to IS NULL OR valid_to >= valid_from)'],
      }),
      'CREATE INDEX acting_unit ON acting_appointment (tenant_id, unit_id, valid_from)',
      'CREATE INDEX acting_employee ON acting_appointment (tenant_id, employee_id)',

      // R42: append-only. The app login may insert and read, never change or remove a record.
      ...tenantTableSql({
        name: 'audit_record',
        columns: [
          'at timestamptz NOT NULL DEFAULT clock_timestamp()',
          'actor_subject text NOT NULL',
          'actor_username text',
          'action text NOT NULL',
          'entity_type text NOT NULL',
          'entity_id text NOT NULL',
          'old_value jsonb',
          'new_value jsonb',
          `reason text NOT NULL DEFAULT ''`,
        ],
      }),
      'CREATE INDEX audit_at ON audit_record (tenant_id, at DESC, id DESC)',
      'CREATE INDEX audit_entity ON audit_record (tenant_id, entity_type, entity_id, at DESC)',
      `DO $$ BEGIN EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_record FROM %I', ${app}); END $$`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runSql(runner, [
      'DROP TABLE audit_record',
      'DROP TABLE acting_appointment',
      'DROP TABLE employee_status_term',
      'DROP TABLE assignment',
      'DROP TABLE unit_head_term',
      'DROP TABLE unit_parent_term',
      'ALTER TABLE unit DROP CONSTRAINT unit_tenant_id_head_employee_id_fkey',
      `ALTER TABLE employee DROP CONSTRAINT employee_tenant_id_unit_id_fkey,
         DROP COLUMN golongan, DROP COLUMN jenjang, DROP COLUMN status_since, DROP COLUMN birth_date,
         DROP COLUMN gender, DROP COLUMN account_subject, DROP COLUMN username, DROP COLUMN roles`,
      'DROP INDEX employee_name',
      'DROP INDEX employee_nip_prefix',
      'DROP INDEX employee_name_trgm',
      'DROP TABLE unit',
      'DROP TABLE tenant_settings_version',
      `ALTER TABLE tenant DROP COLUMN holidays, DROP COLUMN regional_head_subject, DROP COLUMN updated_at,
         DROP COLUMN version`,
    ]);
  }
}
