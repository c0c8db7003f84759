export { adminQuery, createTestDatabase, testPostgresUrl, type TestDatabase } from './postgres.js';
export * from './nats.js';
export * from './tokens.js';
export * from './platform-process.js';
export * from './synthetic.js';
