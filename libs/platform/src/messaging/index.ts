export {
  DEAD_LETTER_ATTEMPTS,
  deadLetteredCounter,
  EventConsumer,
  startEventConsumer,
  type ConsumedEvent,
  type EventConsumerOptions,
  type EventHandler,
} from './consumer.js';
export {
  defaultDeliveryPolicy,
  onFailure,
  retryDelayMs,
  type DeliveryPolicy,
  type FailureAction,
} from './delivery-policy.js';
export {
  deadLetterHeaders,
  decodeEventMeta,
  eventHeader,
  eventHeadersOf,
  fromNatsHeaders,
  toNatsHeaders,
  type EventMeta,
  type OutboxRowHeaders,
} from './event-headers.js';
export {
  ConsumeEvent,
  JETSTREAM_TRANSPORT,
  JetStreamContext,
  JetStreamServer,
  type ConsumeEventOptions,
  type JetStreamServerOptions,
} from './jetstream.server.js';
export { OutboxRelay, outboxEnv, relayConnectionConfig, type OutboxRelayOptions } from './outbox-relay.js';
export { replayOutbox, type ReplayOptions } from './replay.js';
export {
  createRpcClient,
  decodeRpcReply,
  RPC_CLIENT_OPTIONS,
  RpcCallError,
  RpcClient,
  type RpcClientOptions,
  type RpcReply,
  type RpcSendOptions,
} from './rpc-client.js';
export { RpcErrorFilter } from './rpc-error.filter.js';
export { coalesceWrites } from './nats-writes.js';
export {
  NatsRpcServer,
  rpcHeadersOf,
  RpcHeaders,
  rpcServerOptions,
  RpcTracingInterceptor,
  type RpcServerOptions,
} from './rpc-server.js';
export {
  DEFAULT_DLQ_PREFIX,
  DEFAULT_DLQ_STREAM,
  deadLetterSubject,
  DUPLICATE_WINDOW_MS,
  ensureConsumer,
  ensureEventStreams,
  ensureStream,
  EVENT_MAX_AGE_DAYS,
  eventStreamName,
  eventSubjects,
  serviceOfSubject,
  type DurableConsumerSpec,
  type EventStreamOptions,
  type EventStreams,
} from './streams.js';
export { isUploadOf, openUploads, UPLOAD_BUCKET, UPLOAD_TTL_MS, uploadName } from './uploads.js';
