/**
 * The compliance examples replay twice to byte-identical events, verify (chain and ledger),
 * and match the files in examples/market/ (`REGEN=1` rewrites them).
 */
import { test } from 'node:test';
import { checkExampleFile } from '../market/test-support/example-files.js';
import { COMPLIANCE_EXAMPLES } from './test-support/examples.js';
import { run } from './test-support/run.js';

for (const [name, build] of Object.entries(COMPLIANCE_EXAMPLES)) {
  test(`example ${name}: deterministic replay, verified chain and ledger, file up to date`, () => {
    checkExampleFile(name, build, (commands) => run(commands));
  });
}
