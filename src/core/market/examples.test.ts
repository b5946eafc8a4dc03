/**
 * The market examples replay twice to byte-identical events, verify (chain and ledger), and
 * match the files in examples/market/ (`REGEN=1` rewrites them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkExampleFile } from './test-support/example-files.js';
import { MARKET_EXAMPLES } from './test-support/examples.js';
import { run } from './test-support/run.js';

for (const [name, build] of Object.entries(MARKET_EXAMPLES)) {
  test(`example ${name}: deterministic replay, verified chain and ledger, file up to date`, () => {
    const records = checkExampleFile(name, build, (commands) => run(commands));
    assert.ok(records.some((r) => r.type === 'trade'), 'the example trades');
  });
}
