/**
 * `npm run test:unit`: the tests beside the code, without Neo4j, Chromium or Python. They need
 * no database, so they run in parallel and skip the migrating global setup of jest.config.js.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  roots: ['<rootDir>/src'],
  globalSetup: undefined,
  maxWorkers: '100%',
};
