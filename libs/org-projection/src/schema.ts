import { rlsSql } from '@kinerja/platform/database';

// The projection's tables, created by each consuming service's own migration (`runSql(runner, orgProjectionSql())`).
// Every table is a tenant table with forced RLS except `org_known_tenant`, the list of tenant ids and zones a
// service's schedulers iterate over (docs/decisions/0008). Histories (parent, head, assignment, status terms) are
// rows with inclusive date ranges (`to_date` NULL = open), so every question is asked "on a date".
// No foreign key points from one aggregate to another: events arrive in any order.

const term = (name: string, owner: string, ownerColumn: string, columns: string[]) => [
  `CREATE TABLE ${name} (
    tenant_id uuid NOT NULL,
    ${ownerColumn} uuid NOT NULL,
    ordinal integer NOT NULL,
    ${columns.join(',\n    ')},
    from_date date NOT NULL,
    to_date date,
    PRIMARY KEY (tenant_id, ${ownerColumn}, ordinal),
    FOREIGN KEY (tenant_id, ${ownerColumn}) REFERENCES ${owner} (tenant_id, id) ON DELETE CASCADE
  )`,
  ...rlsSql(name),
];

export function orgProjectionSql(): string[] {
  return [
    `CREATE TABLE org_known_tenant (
      tenant_id uuid PRIMARY KEY,
      time_zone text,
      first_seen_at timestamptz NOT NULL DEFAULT now()
    )`,
    `CREATE TABLE org_tenant (
      tenant_id uuid PRIMARY KEY,
      code text NOT NULL DEFAULT '',
      name text NOT NULL DEFAULT '',
      time_zone text,
      regional_head_subject text NOT NULL DEFAULT '',
      holidays date[] NOT NULL DEFAULT '{}',
      version bigint NOT NULL DEFAULT 0,
      settings_seq bigint NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    ...rlsSql('org_tenant'),
    `CREATE TABLE org_settings_version (
      tenant_id uuid NOT NULL,
      effective_from date NOT NULL,
      overrides jsonb NOT NULL DEFAULT '{}'::jsonb,
      rollout jsonb NOT NULL DEFAULT '[]'::jsonb,
      changed_by text NOT NULL DEFAULT '',
      reason text NOT NULL DEFAULT '',
      PRIMARY KEY (tenant_id, effective_from)
    )`,
    ...rlsSql('org_settings_version'),
    `CREATE TABLE org_unit (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      code text NOT NULL DEFAULT '',
      name text NOT NULL DEFAULT '',
      kind text NOT NULL DEFAULT '',
      head_position_name text NOT NULL DEFAULT '',
      active boolean NOT NULL DEFAULT true,
      version bigint NOT NULL,
      PRIMARY KEY (tenant_id, id)
    )`,
    ...rlsSql('org_unit'),
    ...term('org_unit_parent', 'org_unit', 'unit_id', ['parent_id uuid']),
    `CREATE INDEX org_unit_parent_child ON org_unit_parent (tenant_id, parent_id)`,
    ...term('org_unit_head', 'org_unit', 'unit_id', ['employee_id uuid NOT NULL']),
    `CREATE INDEX org_unit_head_employee ON org_unit_head (tenant_id, employee_id)`,
    `CREATE TABLE org_acting (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      unit_id uuid NOT NULL,
      employee_id uuid NOT NULL,
      kind text NOT NULL,
      from_date date NOT NULL,
      to_date date,
      revoked boolean NOT NULL DEFAULT false,
      version bigint NOT NULL,
      PRIMARY KEY (tenant_id, id)
    )`,
    ...rlsSql('org_acting'),
    `CREATE INDEX org_acting_unit ON org_acting (tenant_id, unit_id)`,
    `CREATE INDEX org_acting_employee ON org_acting (tenant_id, employee_id)`,
    `CREATE TABLE org_employee (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      nip text NOT NULL DEFAULT '',
      name text NOT NULL DEFAULT '',
      employment_type text NOT NULL DEFAULT '',
      golongan text NOT NULL DEFAULT '',
      account_subject text NOT NULL DEFAULT '',
      username text NOT NULL DEFAULT '',
      roles text[] NOT NULL DEFAULT '{}',
      version bigint NOT NULL,
      PRIMARY KEY (tenant_id, id)
    )`,
    ...rlsSql('org_employee'),
    `CREATE INDEX org_employee_subject ON org_employee (tenant_id, account_subject) WHERE account_subject <> ''`,
    ...term('org_assignment', 'org_employee', 'employee_id', [
      'unit_id uuid NOT NULL',
      `position_name text NOT NULL DEFAULT ''`,
      `jenis_jabatan text NOT NULL DEFAULT ''`,
      `jenjang text NOT NULL DEFAULT ''`,
      `decree_number text NOT NULL DEFAULT ''`,
    ]),
    `CREATE INDEX org_assignment_unit ON org_assignment (tenant_id, unit_id)`,
    ...term('org_status_term', 'org_employee', 'employee_id', ['status text NOT NULL']),
  ];
}
