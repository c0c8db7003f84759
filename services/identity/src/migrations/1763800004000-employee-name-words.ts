import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rlsSql, runSql } from '@kinerja/platform/database';

// Name search under forced RLS (R41). Row-level security lets PostgreSQL evaluate a condition before the tenant
// policy only when every function in it is leakproof. Neither `lower()` nor LIKE is, so `lower(name) LIKE '%text%'`
// could not use the trigram index and `lower(name) COLLATE "C" >= …` could not bound the expression index: both
// read every employee of the tenant (60–100 ms at 50,000) however the indexes looked. Comparisons of plain text
// columns are leakproof, so:
//  - `name_key`, lower(name) stored in the C collation, orders the lists and serves a name's start and the cursor;
//  - employee_name_word holds the words of every name, kept by statement triggers (one statement per bulk import,
//    not one per row), and serves a search by the starts of words.
export class EmployeeNameWords1763800004000 implements MigrationInterface {
  name = 'EmployeeNameWords1763800004000';

  async up(runner: QueryRunner): Promise<void> {
    const words = (rows: string) =>
      `SELECT DISTINCT n.tenant_id, n.id, w.word
         FROM ${rows} n, regexp_split_to_table(lower(n.name), '[^[:alnum:]]+') AS w(word)
        WHERE w.word <> ''`;
    await runSql(runner, [
      `ALTER TABLE employee ADD COLUMN name_key text COLLATE "C" GENERATED ALWAYS AS (lower(name)) STORED`,
      'CREATE INDEX employee_name_key ON employee (tenant_id, name_key, id)',
      'DROP INDEX employee_name',
      'DROP INDEX employee_name_trgm',
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
      'CREATE INDEX employee_name_trgm ON employee USING gin (lower(name) gin_trgm_ops)',
      'CREATE INDEX employee_name ON employee (tenant_id, (lower(name) COLLATE "C"), id)',
      'DROP INDEX employee_name_key',
      'ALTER TABLE employee DROP COLUMN name_key',
    ]);
  }
}
