import type { MigrationInterface, QueryRunner } from 'typeorm';
import { orgProjectionSql } from '@kinerja/org-projection';
import { createTenantTable, rlsSql, runSql } from '@kinerja/platform/database';

// Append-only tables (R11, R42): the app login may insert and read, never change or delete. Migrations run as the
// owner role, so the app role's name is derived from current_user.
const appendOnly = (table: string) =>
  `DO $$ BEGIN
     EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM %I', regexp_replace(current_user, '_owner$', '_app'));
   END $$`;

export class Targets1764000000001 implements MigrationInterface {
  name = 'Targets1764000000001';

  async up(runner: QueryRunner): Promise<void> {
    await runSql(runner, orgProjectionSql());

    // R7: periods of a tenant's performance year; the instants are computed in the tenant's zone when generated.
    await createTenantTable(runner, {
      name: 'period',
      columns: [
        'year integer NOT NULL',
        'code text NOT NULL',
        `kind text NOT NULL CHECK (kind IN ('REGULAR', 'FINAL'))`,
        `cadence text NOT NULL CHECK (cadence IN ('MONTHLY', 'QUARTERLY', 'SEMESTER'))`,
        'idx integer NOT NULL',
        'start_date date NOT NULL',
        'end_date date NOT NULL',
        'input_deadline date NOT NULL',
        'label text NOT NULL',
        `state text NOT NULL DEFAULT 'PLANNED' CHECK (state IN ('PLANNED', 'OPEN', 'CLOSED'))`,
        'deadline_reached boolean NOT NULL DEFAULT false',
        'deadline_adjusted boolean NOT NULL DEFAULT false',
        'time_zone text NOT NULL',
        'opens_at timestamptz NOT NULL',
        'closes_at timestamptz NOT NULL',
        'input_closes_at timestamptz NOT NULL',
        'version integer NOT NULL DEFAULT 1',
      ],
      constraints: ['UNIQUE (tenant_id, year, code)', 'CHECK (input_deadline >= end_date)'],
    });
    await runSql(runner, [
      `CREATE INDEX period_due ON period (tenant_id, state, opens_at, closes_at, input_closes_at)`,
    ]);

    // The perjanjian kinerja of a year: results with indicators, cited by the top unit head's RHKs (R9).
    await createTenantTable(runner, {
      name: 'performance_agreement',
      columns: [
        'year integer NOT NULL',
        `results jsonb NOT NULL DEFAULT '[]'::jsonb`,
        'updated_by text NOT NULL',
        'updated_at timestamptz NOT NULL DEFAULT now()',
        'version integer NOT NULL DEFAULT 1',
      ],
      constraints: ['UNIQUE (tenant_id, year)'],
    });

    // R26: one organisation rating per unit and period; every change is an audit row (R42).
    await createTenantTable(runner, {
      name: 'org_rating',
      columns: [
        'unit_id uuid NOT NULL',
        'period_id uuid NOT NULL',
        `rating text NOT NULL CHECK (rating IN ('ISTIMEWA', 'BAIK', 'BUTUH_PERBAIKAN', 'KURANG', 'SANGAT_KURANG'))`,
        'note text NOT NULL',
        'set_by text NOT NULL',
        'set_by_employee_id uuid',
        `set_as text NOT NULL CHECK (set_as IN ('HEAD', 'ACTING_HEAD', 'REGIONAL_HEAD'))`,
        'set_at timestamptz NOT NULL DEFAULT now()',
        'version integer NOT NULL DEFAULT 1',
      ],
      foreignKeys: [{ columns: ['period_id'], references: 'period' }],
      constraints: ['UNIQUE (tenant_id, unit_id, period_id)'],
    });
    await createTenantTable(runner, {
      name: 'org_rating_audit',
      columns: [
        'unit_id uuid NOT NULL',
        'period_id uuid NOT NULL',
        'old_rating text',
        'new_rating text NOT NULL',
        'note text NOT NULL',
        'actor text NOT NULL',
        'actor_employee_id uuid',
        'set_as text NOT NULL',
        'at timestamptz NOT NULL DEFAULT clock_timestamp()',
      ],
      foreignKeys: [{ columns: ['period_id'], references: 'period' }],
    });

    // R8: one SKP per employee, year and position; the content lives in versions (R11 revisions).
    await createTenantTable(runner, {
      name: 'skp',
      columns: [
        'employee_id uuid NOT NULL',
        'year integer NOT NULL',
        'unit_id uuid NOT NULL',
        `position_name text NOT NULL DEFAULT ''`,
        `jenis_jabatan text NOT NULL DEFAULT ''`,
        `jenjang text NOT NULL DEFAULT ''`,
        'assignment_from date NOT NULL',
        'start_date date NOT NULL',
        'end_date date NOT NULL',
        `status text NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'REVISION', 'CLOSED'))`,
        'working_version integer NOT NULL DEFAULT 1',
        'in_force_version integer',
        'late boolean NOT NULL DEFAULT false',
        'due_by date NOT NULL',
        'on_behalf boolean NOT NULL DEFAULT false',
        'approved_on date',
        'closed_on date',
        'close_reason text',
        'position_change_on date',
        'created_by text NOT NULL',
        'created_at timestamptz NOT NULL DEFAULT now()',
        'version integer NOT NULL DEFAULT 1',
      ],
      constraints: ['UNIQUE (tenant_id, employee_id, year, assignment_from)', 'CHECK (start_date <= end_date)'],
    });
    await runSql(runner, [
      `CREATE INDEX skp_employee ON skp (tenant_id, employee_id, year)`,
      `CREATE INDEX skp_submitted ON skp (tenant_id, employee_id) WHERE status IN ('SUBMITTED', 'REVISION')`,
      `CREATE TABLE skp_version (
        tenant_id uuid NOT NULL,
        skp_id uuid NOT NULL,
        number integer NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'REVISION', 'CLOSED')),
        content jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        decided_at timestamptz,
        reason text,
        PRIMARY KEY (tenant_id, skp_id, number),
        FOREIGN KEY (tenant_id, skp_id) REFERENCES skp (tenant_id, id) ON DELETE CASCADE
      )`,
      ...rlsSql('skp_version'),
      // R9: finds the SKP that holds a cited RHK without reading every SKP.
      `CREATE INDEX skp_version_content ON skp_version USING gin (content jsonb_path_ops)`,
    ]);
    await createTenantTable(runner, {
      name: 'skp_audit',
      columns: [
        'skp_id uuid NOT NULL',
        'version_number integer NOT NULL',
        'action text NOT NULL',
        'from_status text NOT NULL',
        'to_status text NOT NULL',
        'actor text NOT NULL',
        'actor_role text NOT NULL',
        'reason text',
        'at timestamptz NOT NULL DEFAULT clock_timestamp()',
        // The order records were written in, also when two share an instant.
        'seq bigint GENERATED ALWAYS AS IDENTITY',
      ],
      foreignKeys: [{ columns: ['skp_id'], references: 'skp' }],
    });
    await runSql(runner, [`CREATE INDEX skp_audit_skp ON skp_audit (tenant_id, skp_id, seq)`]);

    // R6: a position change requires a new SKP from its date; fulfilled when that SKP is created.
    await createTenantTable(runner, {
      name: 'skp_requirement',
      columns: [
        'employee_id uuid NOT NULL',
        'year integer NOT NULL',
        `reason text NOT NULL CHECK (reason IN ('POSITION_CHANGE'))`,
        'from_date date NOT NULL',
        'due_by date NOT NULL',
        'closed_skp_id uuid',
        'fulfilled_skp_id uuid',
        'created_at timestamptz NOT NULL DEFAULT now()',
      ],
      constraints: ['UNIQUE (tenant_id, employee_id, from_date)'],
    });

    // Rencana aksi: planned actions per period under an RHK.
    await createTenantTable(runner, {
      name: 'rencana_aksi',
      columns: [
        'skp_id uuid NOT NULL',
        'rhk_id uuid NOT NULL',
        'period_id uuid NOT NULL',
        'text text NOT NULL',
        `target text NOT NULL DEFAULT ''`,
        'ordinal integer NOT NULL',
        'version integer NOT NULL DEFAULT 1',
        'created_at timestamptz NOT NULL DEFAULT now()',
        'updated_at timestamptz NOT NULL DEFAULT now()',
      ],
      foreignKeys: [
        { columns: ['skp_id'], references: 'skp', onDelete: 'CASCADE' },
        { columns: ['period_id'], references: 'period' },
      ],
    });
    await runSql(runner, [
      `CREATE INDEX rencana_aksi_skp ON rencana_aksi (tenant_id, skp_id, period_id)`,
      appendOnly('skp_audit'),
      appendOnly('org_rating_audit'),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runSql(
      runner,
      [
        'rencana_aksi',
        'skp_requirement',
        'skp_audit',
        'skp_version',
        'skp',
        'org_rating_audit',
        'org_rating',
        'performance_agreement',
        'period',
        'org_status_term',
        'org_assignment',
        'org_employee',
        'org_acting',
        'org_unit_head',
        'org_unit_parent',
        'org_unit',
        'org_settings_version',
        'org_tenant',
        'org_known_tenant',
      ].map((t) => `DROP TABLE ${t}`),
    );
  }
}
