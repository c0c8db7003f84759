export { adminQuery, createTestDatabase, testPostgresUrl, type TestDatabase } from './postgres.js';
export * from './nats.js';
export * from './tokens.js';
export * from './platform-process.js';
export * from './identity-events.js';
export * from './synthetic.js';
export * from './platform-client.js';
export { DEV_ADMIN_CLIENT_SECRET } from './dev-identity.js';
export * from './synthetic-load.js';
