import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { z } from 'zod';
import { OUTBOX_CHANNEL, rolesOf } from '../database/index.js';
import { createLogger, type Logger } from '../logging/index.js';
import { eventHeadersOf, toNatsHeaders } from './event-headers.js';

// The outbox relay (ARCHITECTURE.md "Reliability of messaging"): one per service process. It publishes
// committed outbox rows to JetStream with Nats-Msg-Id = outbox id and marks them published in the same
// transaction that locked them, so a crash between the two only re-publishes (JetStream drops the duplicate
// inside its window, the consumers' inbox drops it after). Published rows stay OUTBOX_RETENTION_DAYS for replay.

export const outboxEnv = z.object({
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
});

export type OutboxRelayOptions = {
  /** The app login's URL of the service's database; the relay switches to the relay role on each connection. */
  url: string;
  service: string;
  connection: NatsConnection;
  batchSize?: number;
  /** Polling fallback when a NOTIFY is missed (listener reconnecting). */
  pollIntervalMs?: number;
  retentionDays?: number;
  sweepIntervalMs?: number;
  publishTimeoutMs?: number;
  maxBackoffMs?: number;
  /** Test hook, runs after the batch is published and before it is marked; throwing simulates a crash there. */
  onPublished?: (ids: string[]) => void | Promise<void>;
  logger?: Logger;
};

type OutboxRow = {
  position: string;
  tenant_id: string;
  id: string;
  aggregate_type: string;
  aggregate_id: string;
  aggregate_seq: string;
  event_type: string;
  subject: string;
  payload: Buffer;
  headers: unknown;
  created_at: Date;
};

const selectBatchSql = `
SELECT position, tenant_id, id, aggregate_type, aggregate_id, aggregate_seq, event_type, subject, payload, headers, created_at
FROM outbox WHERE published_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED`;

const sweepChunk = 5_000;
const sweepSql = `
WITH doomed AS (
  SELECT position FROM outbox
  WHERE published_at IS NOT NULL AND created_at < now() - make_interval(days => $1)
  ORDER BY position LIMIT ${sweepChunk} FOR UPDATE SKIP LOCKED
)
DELETE FROM outbox o USING doomed d WHERE o.position = d.position`;

/** pg settings of a connection that acts as the service's relay role (sees every tenant's outbox rows). */
export function relayConnectionConfig(url: string, service: string, applicationName: string): pg.ClientConfig {
  // Database role names use underscores where service names use hyphens (development-planning).
  const { relay } = rolesOf(service.replaceAll('-', '_'));
  return { connectionString: url, options: `-c role=${relay}`, application_name: applicationName };
}

export class OutboxRelay {
  private readonly pool: pg.Pool;
  private readonly js: JetStreamClient;
  private readonly log: Logger;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly retentionDays: number;
  private readonly sweepIntervalMs: number;
  private readonly publishTimeoutMs: number;
  private readonly maxBackoffMs: number;
  private listener: pg.Client | undefined;
  private loop: Promise<void> | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private dirty = false;
  private wakeUp: (() => void) | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.pool = new pg.Pool({
      ...relayConnectionConfig(options.url, options.service, `kinerja-${options.service}-relay`),
      max: 2,
    });
    // A broken idle connection must not crash the process; the next batch gets a fresh one.
    this.pool.on('error', (error) => this.log.warn({ err: error.message }, 'outbox relay: idle connection failed'));
    this.js = jetstream(options.connection);
    this.log = options.logger ?? createLogger(options.service);
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.retentionDays = options.retentionDays ?? 7;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 60 * 60_000;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 5_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    void this.listen();
    this.loop = this.run();
    this.scheduleSweep();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    clearTimeout(this.sweepTimer);
    await this.loop;
    this.loop = undefined;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    await this.pool.end();
  }

  /** Publishes and marks one batch of unpublished rows; returns how many. */
  async publishBatch(): Promise<number> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(selectBatchSql, [this.batchSize]);
      if (rows.length > 0) {
        // Issued together, acknowledged in order: one connection keeps the stream order of the batch.
        await Promise.all(rows.map((row) => this.publish(row)));
        await this.options.onPublished?.(rows.map((r) => r.id));
        await client.query('UPDATE outbox SET published_at = now() WHERE position = ANY($1::bigint[])', [
          rows.map((r) => r.position),
        ]);
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Deletes published rows created before the retention window; returns how many. */
  async sweep(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const result = await this.pool.query(sweepSql, [this.retentionDays]);
      deleted += result.rowCount ?? 0;
      if ((result.rowCount ?? 0) < sweepChunk) return deleted;
    }
  }

  /** Runs a batch soon (a NOTIFY arrived, or a caller knows rows were written). */
  wake(): void {
    this.dirty = true;
    this.wakeUp?.();
  }

  private async publish(row: OutboxRow): Promise<void> {
    const headers = eventHeadersOf(
      {
        id: row.id,
        tenantId: row.tenant_id,
        eventType: row.event_type,
        aggregateType: row.aggregate_type,
        aggregateId: row.aggregate_id,
        aggregateSeq: row.aggregate_seq,
        createdAt: row.created_at,
        stored: row.headers,
      },
      this.options.service,
    );
    await this.js.publish(row.subject, row.payload, {
      msgID: row.id,
      headers: toNatsHeaders(headers),
      timeout: this.publishTimeoutMs,
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const published = await this.publishBatch();
        if (failures > 0) this.log.info({ failures }, 'outbox relay: publishing again');
        failures = 0;
        if (published < this.batchSize) await this.pause(this.pollIntervalMs, true);
      } catch (error) {
        failures += 1;
        // Rows stay unpublished; nothing is lost, the next attempt publishes them with the same ids.
        if ((failures & (failures - 1)) === 0) {
          this.log.warn(
            { err: error instanceof Error ? error.message : String(error), failures },
            'outbox relay: publish failed, retrying',
          );
        }
        await this.pause(Math.min(this.maxBackoffMs, 100 * 2 ** Math.min(failures - 1, 16)), false);
      }
    }
  }

  private pause(ms: number, wakeable: boolean): Promise<void> {
    if (this.stopping) return Promise.resolve();
    if (wakeable && this.dirty) {
      this.dirty = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        if (wakeable) this.dirty = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = () => {
        if (wakeable || this.stopping) done();
      };
    });
  }

  private async listen(): Promise<void> {
    if (this.stopping) return;
    const client = new pg.Client(
      relayConnectionConfig(this.options.url, this.options.service, `kinerja-${this.options.service}-relay-listen`),
    );
    let retried = false;
    const retry = () => {
      if (retried || this.stopping) return;
      retried = true;
      if (this.listener === client) this.listener = undefined;
      setTimeout(() => void this.listen(), 1_000).unref();
    };
    client.on('notification', () => this.wake());
    client.on('error', (error) => {
      this.log.warn({ err: error.message }, 'outbox relay: listener failed, polling until it reconnects');
      retry();
    });
    client.on('end', retry);
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (this.stopping) {
        await client.end();
        return;
      }
      this.listener = client;
      // Rows committed while the listener was away.
      this.wake();
    } catch (error) {
      this.log.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'outbox relay: cannot listen, polling',
      );
      await client.end().catch(() => undefined);
      retry();
    }
  }

  private scheduleSweep(): void {
    this.sweepTimer = setTimeout(() => {
      void this.sweep()
        .then((deleted) => {
          if (deleted > 0)
            this.log.info({ deleted, retentionDays: this.retentionDays }, 'outbox relay: swept published rows');
        })
        .catch((error: unknown) =>
          this.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'outbox relay: sweep failed'),
        )
        .finally(() => {
          if (!this.stopping) this.scheduleSweep();
        });
    }, this.sweepIntervalMs);
    this.sweepTimer.unref();
  }
}
