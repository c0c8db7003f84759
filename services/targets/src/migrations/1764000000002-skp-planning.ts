import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTenantTable, runSql } from '@kinerja/platform/database';

// SKP templates applied in bulk, their apply jobs, and the rater's planned contributions of the team matrix (MPPH).
// Decision 0014.
export class SkpPlanning1764000000002 implements MigrationInterface {
  name = 'SkpPlanning1764000000002';

  async up(runner: QueryRunner): Promise<void> {
    // A named set of RHK rows with IKI and optional ekspektasi; TENANT scope (a performance manager's, for every
    // rater) or OWN (a rater's, for their subordinates).
    await createTenantTable(runner, {
      name: 'skp_template',
      columns: [
        'name text NOT NULL',
        `description text NOT NULL DEFAULT ''`,
        `scope text NOT NULL CHECK (scope IN ('TENANT', 'OWN'))`,
        'owner_employee_id uuid',
        'owner_subject text NOT NULL',
        `approach text NOT NULL CHECK (approach IN ('KUANTITATIF', 'KUALITATIF'))`,
        `rhk jsonb NOT NULL DEFAULT '[]'::jsonb`,
        `ekspektasi jsonb NOT NULL DEFAULT '{}'::jsonb`,
        'created_at timestamptz NOT NULL DEFAULT now()',
        'updated_at timestamptz NOT NULL DEFAULT now()',
        'version integer NOT NULL DEFAULT 1',
      ],
      constraints: [`CHECK (scope = 'TENANT' OR owner_employee_id IS NOT NULL)`],
    });
    await runSql(runner, [`CREATE INDEX skp_template_owner ON skp_template (tenant_id, scope, owner_employee_id)`]);

    // One application of a template (or a team-matrix prefill) to many employees, with its progress and report.
    await createTenantTable(runner, {
      name: 'skp_apply_job',
      columns: [
        'template_id uuid',
        `kind text NOT NULL CHECK (kind IN ('TEMPLATE', 'MPPH_PREFILL'))`,
        'year integer NOT NULL',
        'target jsonb NOT NULL',
        'requested_by text NOT NULL',
        `state text NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'FAILED'))`,
        'total integer NOT NULL DEFAULT 0',
        'processed integer NOT NULL DEFAULT 0',
        `report jsonb NOT NULL DEFAULT '{"created": [], "extended": [], "skipped": []}'::jsonb`,
        `error text NOT NULL DEFAULT ''`,
        'started_at timestamptz NOT NULL DEFAULT now()',
        'updated_at timestamptz NOT NULL DEFAULT now()',
        'finished_at timestamptz',
      ],
    });

    // MPPH: what a subordinate is planned to contribute to one RHK of the rater's SKP (a result text and a role).
    await createTenantTable(runner, {
      name: 'mpph_assignment',
      columns: [
        'rater_skp_id uuid NOT NULL',
        'rater_rhk_id uuid NOT NULL',
        'employee_id uuid NOT NULL',
        'result_text text NOT NULL',
        `role text NOT NULL DEFAULT ''`,
        'updated_by text NOT NULL',
        'updated_at timestamptz NOT NULL DEFAULT now()',
      ],
      foreignKeys: [{ columns: ['rater_skp_id'], references: 'skp', onDelete: 'CASCADE' }],
      constraints: ['UNIQUE (tenant_id, rater_skp_id, rater_rhk_id, employee_id)'],
    });
  }

  async down(runner: QueryRunner): Promise<void> {
    await runSql(
      runner,
      ['mpph_assignment', 'skp_apply_job', 'skp_template'].map((t) => `DROP TABLE ${t}`),
    );
  }
}
