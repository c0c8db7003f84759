import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rlsSql, runSql } from './migration-helpers.js';

// Tables every service has: the outbox (events written in the same transaction as the change), the
// per-aggregate sequence that numbers those events, and the inbox (messages a consumer has applied).
// Migrations run as the service's owner role, so `current_user` names it and the relay role is derived.
export class PlatformMessagingTables1763800000000 implements MigrationInterface {
  name = 'PlatformMessagingTables1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runSql(runner, [
      `CREATE TABLE outbox (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL,
        position bigint GENERATED ALWAYS AS IDENTITY,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        aggregate_seq bigint NOT NULL,
        event_type text NOT NULL,
        subject text NOT NULL,
        payload bytea NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        published_at timestamptz,
        PRIMARY KEY (tenant_id, id)
      )`,
      `CREATE UNIQUE INDEX outbox_position ON outbox (position)`,
      `CREATE INDEX outbox_unpublished ON outbox (position) WHERE published_at IS NULL`,
      `CREATE INDEX outbox_created_at ON outbox (created_at)`,
      ...rlsSql('outbox'),
      // The relay reads and marks every tenant's rows; it is reached only by SET ROLE from the app login.
      `DO $$ BEGIN
         EXECUTE format('CREATE POLICY outbox_relay ON outbox TO %I USING (true) WITH CHECK (true)', regexp_replace(current_user, '_owner$', '_relay'));
         EXECUTE format('GRANT SELECT, UPDATE, DELETE ON outbox TO %I', regexp_replace(current_user, '_owner$', '_relay'));
       END $$`,
      `CREATE TABLE aggregate_sequence (
        tenant_id uuid NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        last_seq bigint NOT NULL,
        PRIMARY KEY (tenant_id, aggregate_type, aggregate_id)
      )`,
      ...rlsSql('aggregate_sequence'),
      `CREATE TABLE inbox (
        tenant_id uuid NOT NULL,
        consumer text NOT NULL,
        message_id text NOT NULL,
        subject text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (tenant_id, consumer, message_id)
      )`,
      `CREATE INDEX inbox_processed_at ON inbox (processed_at)`,
      ...rlsSql('inbox'),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runSql(runner, ['DROP TABLE inbox', 'DROP TABLE aggregate_sequence', 'DROP TABLE outbox']);
  }
}
