// The calling side of messaging, for the gateway: the RPC client, the upload store and write coalescing, without
// what the rest of `@kinerja/platform/messaging` loads (the database and TypeORM through the outbox relay, Nest's
// microservices, JetStream consumers): the gateway's memory stays small (tools/bench/gateway-rpc).
export { coalesceWrites } from '../messaging/nats-writes.js';
export {
  createRpcClient,
  decodeRpcReply,
  RPC_CLIENT_OPTIONS,
  RpcCallError,
  RpcClient,
  type RpcClientOptions,
  type RpcReply,
  type RpcSendOptions,
} from '../messaging/rpc-client.js';
export { isUploadOf, openUploads, UPLOAD_BUCKET, UPLOAD_TTL_MS, uploadName } from '../messaging/uploads.js';
