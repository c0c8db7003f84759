import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rlsSql, runSql } from '@kinerja/platform/database';

// Name search under forced RLS (R41). `lower(name) LIKE '%text%'` cannot use the trigram index once row-level
// security applies: LIKE is not leakproof, so PostgreSQL must check the tenant policy first and then reads every
// employee of the tenant (97 ms at 50,000). Text comparisons are leakproof, so a search by the start of any word of the
// name is a range of a btree index: the words of every name are kept in employee_name_word by statement triggers
// (one statement per bulk import, not one per row).
export class EmployeeNameWords1763800004000 implements MigrationInterface {
  name = 'EmployeeNameWords1763800004000';

  async up(runner: QueryRunner): Promise<void> {
    const words = (rows: string) =>
      `SELECT DISTINCT n.tenant_id, n.id, w.word
         FROM ${rows} n, regexp_split_to_table(lower(n.name), '[^[:alnum:]]+') AS w(word)
        WHERE w.word <> ''`;
    await runSql(runner, [
      `CREATE TABLE employee_name_word (
        tenant_id uuid NOT NULL,
        word text COLLATE "C" NOT NULL,
        employee_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, word, employee_id),
        FOREIGN KEY (tenant_id, employee_id) REFERENCES employee (tenant_id, id) ON DELETE CASCADE
      )`,
      'CREATE INDEX employee_name_word_employee ON employee_name_word (tenant_id, employee_id)',
      ...rlsSql('employee_name_word'),
      `CREATE FUNCTION employee_name_words_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         INSERT INTO employee_name_word (tenant_id, employee_id, word) ${words('new_rows')};
         RETURN NULL;
       END $$`,
      `CREATE FUNCTION employee_name_words_updated() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         DELETE FROM employee_name_word w USING new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
          WHERE n.name IS DISTINCT FROM o.name AND w.tenant_id = n.tenant_id AND w.employee_id = n.id;
         INSERT INTO employee_name_word (tenant_id, employee_id, word)
           ${words(`(SELECT n.* FROM new_rows n JOIN old_rows o ON o.tenant_id = n.tenant_id AND o.id = n.id
                      WHERE n.name IS DISTINCT FROM o.name)`)};
         RETURN NULL;
       END $$`,
      `CREATE TRIGGER employee_name_words_inserted AFTER INSERT ON employee
         REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION employee_name_words_inserted()`,
      `CREATE TRIGGER employee_name_words_updated AFTER UPDATE ON employee
         REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
         EXECUTE FUNCTION employee_name_words_updated()`,
      // Existing employees, tenant by tenant (forced RLS applies to the owner too).
      `DO $$
       DECLARE t uuid;
       BEGIN
         FOR t IN SELECT id FROM tenant LOOP
           PERFORM set_config('app.tenant_id', t::text, true);
           INSERT INTO employee_name_word (tenant_id, employee_id, word) ${words('employee')};
         END LOOP;
         PERFORM set_config('app.tenant_id', '', true);
       END $$`,
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runSql(runner, [
      'DROP TRIGGER employee_name_words_updated ON employee',
      'DROP TRIGGER employee_name_words_inserted ON employee',
      'DROP FUNCTION employee_name_words_updated()',
      'DROP FUNCTION employee_name_words_inserted()',
      'DROP TABLE employee_name_word',
    ]);
  }
}
