/**
 * The check every example journal of examples/market/ passes: it replays twice to
 * byte-identical events, its chain and ledger verify, and the file equals what the test
 * support builds (`REGEN=1` rewrites it for review).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { verifyChain } from '../../journal/index.js';
import type { CommandEnvelope, EventRecord } from '../../journal/types.js';
import { checkLedger } from '../../ledger/index.js';
import { journalText } from '../../registry/test-support/examples.js';
import { sha256 } from './journal.js';

const dir = new URL('../../../../examples/market/', import.meta.url);

/** Asserts the example's replay, chain, ledger and file; returns its event records. */
export function checkExampleFile(name: string, build: () => CommandEnvelope[], replay: (commands: readonly CommandEnvelope[]) => { lines: string[]; records: EventRecord[] }): EventRecord[] {
  const commands = build();
  const first = replay(commands);
  assert.equal(first.lines.join('\n'), replay(build()).lines.join('\n'));
  const chain = verifyChain(first.lines.join('\n') + '\n', sha256);
  assert.ok(chain.ok, JSON.stringify(!chain.ok && chain.error));
  const ledger = checkLedger(chain.value);
  assert.ok(ledger.ok, JSON.stringify(!ledger.ok && ledger.error));
  const file = new URL(`${name}.jsonl`, dir);
  const text = journalText(commands);
  if (process.env['REGEN'] === '1') writeFileSync(file, text);
  assert.equal(readFileSync(file, 'utf8'), text, `${name}.jsonl is stale: run with REGEN=1`);
  return first.records;
}
