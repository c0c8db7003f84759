export { adminQuery, createTestDatabase, testPostgresUrl, type TestDatabase } from './postgres.js';
