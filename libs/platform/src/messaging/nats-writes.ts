import type { NatsConnection } from '@nats-io/transport-node';

// nats.js writes what was published to the socket in a microtask, i.e. once per callback: under load every
// request and every reply costs a write system call of its own, and on loopback the receiver's TCP work is charged
// to that call too. Deferring the write to the end of the event-loop turn (setImmediate) sends everything published
// by the callbacks of one turn in one write: the same bytes in the same order, a fraction of a turn later.
// A full buffer (the client's pending limit) is still written at once.

type Protocol = {
  flushPending(): void;
  outbound: { size(): number };
  pendingLimit: number;
};

const coalesced = new WeakSet<object>();

/** Makes `connection` write once per event-loop turn; returns it. Unknown client internals leave it as it is. */
export function coalesceWrites<T extends NatsConnection>(connection: T): T {
  const protocol = (connection as unknown as { protocol?: Partial<Protocol> }).protocol;
  if (
    !protocol ||
    coalesced.has(protocol) ||
    typeof protocol.flushPending !== 'function' ||
    typeof protocol.outbound?.size !== 'function' ||
    typeof protocol.pendingLimit !== 'number'
  )
    return connection;
  coalesced.add(protocol);
  const full = protocol as Protocol;
  const writeNow = full.flushPending.bind(full);
  let scheduled: NodeJS.Immediate | undefined;
  full.flushPending = () => {
    if (full.outbound.size() >= full.pendingLimit) {
      if (scheduled) clearImmediate(scheduled);
      scheduled = undefined;
      writeNow();
      return;
    }
    scheduled ??= setImmediate(() => {
      scheduled = undefined;
      writeNow();
    });
  };
  return connection;
}
