import type { MigrationInterface, QueryRunner } from 'typeorm';
import { runSql } from '@kinerja/platform/database';

// Search by the starts of words without reading the employees that match (R41 forced RLS, migration 1763800004000).
// A common first name starts a word of about 1,100 of 50,000 names; the page shows the first 50 of them in name order.
// Finding the matches in employee_name_word and then reading every matching employee to sort them cost about 8 ms
// of PostgreSQL time per search. With the name's sort key beside each word, the index alone holds the match and its
// order: the page is found by an index-only scan, and only its 50 employees are read.
export class EmployeeNameWordOrder1763800005000 implements MigrationInterface {
  name = 'EmployeeNameWordOrder1763800005000';

  async up(runner: QueryRunner): Promise<void> {
    await runSql(runner, [
      `ALTER TABLE employee_name_word ADD COLUMN name_key text COLLATE "C"`,
      // Tenant by tenant: forced RLS applies to the owner too.
      `DO $$
       DECLARE t uuid;
       BEGIN
         FOR t IN SELECT id FROM tenant LOOP
           PERFORM set_config('app.tenant_id', t::text, true);
           UPDATE employee_name_word w SET name_key = e.name_key
             FROM employee e WHERE e.tenant_id = w.tenant_id AND e.id = w.employee_id;
         END LOOP;
         PERFORM set_config('app.tenant_id', '', true);
       END $$`,
      'ALTER TABLE employee_name_word ALTER COLUMN name_key SET NOT NULL',
      // name_key follows from employee_id, so the wider key is exactly as unique as the old one.
      'ALTER TABLE employee_name_word DROP CONSTRAINT employee_name_word_pkey',
      'ALTER TABLE employee_name_word ADD PRIMARY KEY (tenant_id, word, name_key, employee_id)',
      ...triggerFunctions('n.name_key'),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runSql(runner, [
      ...triggerFunctions(null),
      'ALTER TABLE employee_name_word DROP CONSTRAINT employee_name_word_pkey',
      'ALTER TABLE employee_name_word ADD PRIMARY KEY (tenant_id, word, employee_id)',
      'ALTER TABLE employee_name_word DROP COLUMN name_key',
    ]);
  }
}

/** The statement triggers' functions of migration 1763800004000, writing `nameKey` beside each word when given. */
function triggerFunctions(nameKey: string | null): string[] {
  const target = `employee_name_word (tenant_id, employee_id, word${nameKey ? ', name_key' : ''})`;
  const words = (rows: string) =>
    `SELECT DISTINCT n.tenant_id, n.id, w.word${nameKey ? `, ${nameKey}` : ''}
       FROM ${rows} n, regexp_split_to_table(lower(n.name), '[^[:alnum:]]+') AS w(word)
      WHERE w.word <> ''`;
  return [
    `CREATE OR REPLACE FUNCTION employee_name_words_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO ${target} ${words('new_rows')};
       RETURN NULL;
     END $$`,
    `CREATE OR REPLACE FUNCTION employee_name_words_updated() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       DELETE FROM employee_name_word w USING new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
        WHERE n.name IS DISTINCT FROM o.name AND w.tenant_id = n.tenant_id AND w.employee_id = n.id;
       INSERT INTO ${target}
         ${words(`(SELECT n.* FROM new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
                    WHERE n.name IS DISTINCT FROM o.name)`)};
       RETURN NULL;
     END $$`,
  ];
}
