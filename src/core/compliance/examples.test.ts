/**
 * The compliance examples replay twice to byte-identical events, verify (chain and ledger),
 * and match the files in examples/market/ (`REGEN=1` rewrites them).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { verifyChain } from '../journal/index.js';
import { checkLedger } from '../ledger/index.js';
import { sha256 } from '../market/test-support/journal.js';
import { journalText } from '../registry/test-support/examples.js';
import { COMPLIANCE_EXAMPLES } from './test-support/examples.js';
import { run } from './test-support/run.js';

const dir = new URL('../../../examples/market/', import.meta.url);

for (const [name, build] of Object.entries(COMPLIANCE_EXAMPLES)) {
  test(`example ${name}: deterministic replay, verified chain and ledger, file up to date`, () => {
    const commands = build();
    const first = run(commands).lines.join('\n');
    assert.equal(first, run(build()).lines.join('\n'));
    const chain = verifyChain(first + '\n', sha256);
    assert.ok(chain.ok, JSON.stringify(!chain.ok && chain.error));
    const ledger = checkLedger(chain.value);
    assert.ok(ledger.ok, JSON.stringify(!ledger.ok && ledger.error));
    const file = new URL(`${name}.jsonl`, dir);
    const text = journalText(commands);
    if (process.env['REGEN'] === '1') writeFileSync(file, text);
    assert.equal(readFileSync(file, 'utf8'), text, `${name}.jsonl is stale: run with REGEN=1`);
  });
}
