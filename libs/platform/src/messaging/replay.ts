import pg from 'pg';
import { OUTBOX_CHANNEL } from '../database/index.js';
import { relayConnectionConfig } from './outbox-relay.js';

// The operator's replay (ARCHITECTURE.md "Reliability of messaging"): JetStream may lose acknowledged events
// (Jepsen, NATS 2.12.1: writes acknowledged before fsync), so PostgreSQL is the durable record. Marking the
// published rows of a time range unpublished makes the running relay publish them again with the same
// Nats-Msg-Id; every consumer's inbox drops what it already applied, so a replay is harmless.

export type ReplayOptions = {
  /** The app login's URL of the service's database (the replay acts as the relay role). */
  url: string;
  service: string;
  /** Rows created at or after this instant… */
  from: Date;
  /** …and before this one. */
  to: Date;
};

export async function replayOutbox(options: ReplayOptions): Promise<number> {
  if (!(options.from < options.to)) throw new Error('replay needs from < to');
  const client = new pg.Client(
    relayConnectionConfig(options.url, options.service, `kinerja-${options.service}-replay`),
  );
  await client.connect();
  try {
    const result = await client.query(
      `UPDATE outbox SET published_at = NULL
       WHERE published_at IS NOT NULL AND created_at >= $1 AND created_at < $2`,
      [options.from, options.to],
    );
    await client.query(`SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
}
