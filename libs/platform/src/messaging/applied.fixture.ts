import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rlsSql, runSql } from '../database/index.js';
import type { ConsumedEvent } from './consumer.js';

// Test fixture of the messaging integration tests: a consumer's state, counting how often each aggregate's events
// took effect, written in the inbox transaction so "applied once" can be asserted.
export class AppliedTable1763900000001 implements MigrationInterface {
  name = 'AppliedTable1763900000001';
  async up(runner: QueryRunner): Promise<void> {
    await runSql(runner, [
      `CREATE TABLE applied (tenant_id uuid NOT NULL, consumer text NOT NULL, aggregate_id text NOT NULL,
         times int NOT NULL, total int NOT NULL, PRIMARY KEY (tenant_id, consumer, aggregate_id))`,
      ...rlsSql('applied'),
    ]);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE applied');
  }
}

/** Adds the event's `amount` to the consumer's row for its aggregate. */
export async function applyAmount(consumer: string, event: ConsumedEvent): Promise<void> {
  const { amount } = JSON.parse(Buffer.from(event.payload).toString()) as { amount: number };
  await event.tx.manager.query(
    `INSERT INTO applied (tenant_id, consumer, aggregate_id, times, total) VALUES ($1, $2, $3, 1, $4)
     ON CONFLICT (tenant_id, consumer, aggregate_id) DO UPDATE SET times = applied.times + 1, total = applied.total + excluded.total`,
    [event.tenantId, consumer, event.headers['kinerja-aggregate-id'], amount],
  );
}
