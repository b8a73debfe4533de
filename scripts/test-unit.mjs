#!/usr/bin/env node
// `npm run test:unit`: the fast lane. Runs the tests beside the code (src/**/*.test.ts) and the
// layer check, with no Neo4j, Chromium or Python. Extra arguments go to jest.
import { spawnSync } from 'node:child_process';
import { ROOT, ensureDependencies } from './lib/bootstrap.mjs';
import { checkLayers } from './lib/layers.mjs';

const log = (m) => console.log(`[test:unit] ${m}`);

ensureDependencies(log);
checkLayers(log);
const result = spawnSync('npx', ['jest', '-c', 'jest.unit.config.js', ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit' });
process.exit(result.status ?? 1);
