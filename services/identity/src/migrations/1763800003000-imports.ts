import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rlsSql, runSql, tenantTableSql } from '@kinerja/platform/database';

// Bulk imports run as jobs (services/identity/README.md "Bulk import"): the job with its status, counts and
// progress, and the report of every bad row. Both are tenant tables with forced RLS (R41).
export class Imports1763800003000 implements MigrationInterface {
  name = 'Imports1763800003000';

  async up(runner: QueryRunner): Promise<void> {
    await runSql(runner, [
      ...tenantTableSql({
        name: 'import_job',
        columns: [
          `kind text NOT NULL CHECK (kind IN ('UNITS', 'EMPLOYEES'))`,
          `mode text NOT NULL CHECK (mode IN ('ALL_OR_NOTHING', 'VALID_ROWS_ONLY'))`,
          'dry_run boolean NOT NULL DEFAULT false',
          `status text NOT NULL CHECK (status IN ('QUEUED', 'VALIDATING', 'WRITING', 'COMPLETED', 'REJECTED',
            'VALIDATED', 'FAILED', 'INTERRUPTED'))`,
          'file_name text NOT NULL',
          `file_format text NOT NULL CHECK (file_format IN ('CSV', 'XLSX'))`,
          'file_size bigint NOT NULL',
          'upload_name text NOT NULL',
          `units jsonb NOT NULL DEFAULT '{}'::jsonb`,
          `employees jsonb NOT NULL DEFAULT '{}'::jsonb`,
          'processed integer NOT NULL DEFAULT 0',
          'total integer NOT NULL DEFAULT 0',
          'error_count integer NOT NULL DEFAULT 0',
          'failure_code text',
          'failure_message text',
          'created_by text NOT NULL',
          'created_by_username text',
          'created_at timestamptz NOT NULL DEFAULT clock_timestamp()',
          // Written with every step of a running job: a running job whose heartbeat stopped was interrupted.
          'updated_at timestamptz NOT NULL DEFAULT clock_timestamp()',
          'finished_at timestamptz',
        ],
      }),
      'CREATE INDEX import_job_recent ON import_job (tenant_id, created_at DESC, id DESC)',
      `CREATE TABLE import_row_error (
        tenant_id uuid NOT NULL,
        job_id uuid NOT NULL,
        seq integer NOT NULL,
        sheet text NOT NULL,
        row_number integer NOT NULL,
        column_name text NOT NULL DEFAULT '',
        code text NOT NULL,
        message text NOT NULL,
        PRIMARY KEY (tenant_id, job_id, seq),
        FOREIGN KEY (tenant_id, job_id) REFERENCES import_job (tenant_id, id) ON DELETE CASCADE
      )`,
      ...rlsSql('import_row_error'),

      // The login link is unique only where there is one. As a full (tenant_id, account_subject) index it was a
      // candidate for any `tenant_id = … AND id = …` lookup: the foreign-key checks of a bulk import, planned while
      // the table was small, walked every employee of the tenant through it (quadratic in the file's size).
      'ALTER TABLE employee DROP CONSTRAINT employee_tenant_id_account_subject_key',
      `CREATE UNIQUE INDEX employee_tenant_id_account_subject_key ON employee (tenant_id, account_subject)
         WHERE account_subject IS NOT NULL`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runSql(runner, [
      'DROP INDEX employee_tenant_id_account_subject_key',
      'ALTER TABLE employee ADD CONSTRAINT employee_tenant_id_account_subject_key UNIQUE (tenant_id, account_subject)',
      'DROP TABLE import_row_error',
      'DROP TABLE import_job',
    ]);
  }
}
