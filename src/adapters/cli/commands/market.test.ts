import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLES, journalText } from '../../../core/registry/test-support/examples.js';
import { cli, files, tempDir } from '../test-support/run.js';

const EXAMPLE_DIR = 'examples/market';
const examples = readdirSync(EXAMPLE_DIR).filter((f) => /^registry-.*\.jsonl$/.test(f)).sort();

test('the example journals are the ones the test support builds (REGEN=1 rewrites them)', () => {
  assert.deepEqual(examples, Object.keys(EXAMPLES).map((n) => `${n}.jsonl`).sort());
  for (const [name, build] of Object.entries(EXAMPLES)) {
    const path = join(EXAMPLE_DIR, `${name}.jsonl`);
    if (process.env['REGEN'] === '1') writeFileSync(path, journalText(build()));
    assert.equal(readFileSync(path, 'utf8'), journalText(build()), `${path} is stale: run with REGEN=1 and review`);
  }
});

for (const example of examples) {
  test(`${example}: replayed twice gives byte-identical events, and verify passes`, async () => {
    const dir = tempDir();
    const [a, b] = [join(dir, 'a.jsonl'), join(dir, 'b.jsonl')];
    const first = await cli('market', 'replay', '--journal', join(EXAMPLE_DIR, example), '--out', a);
    assert.equal(first.code, 0, first.stderr);
    assert.equal((await cli('market', 'replay', '--journal', join(EXAMPLE_DIR, example), '--out', b)).code, 0);
    assert.equal(readFileSync(a, 'utf8'), readFileSync(b, 'utf8'));
    const stdout = await cli('market', 'replay', '--journal', join(EXAMPLE_DIR, example));
    assert.equal(stdout.stdout, readFileSync(a, 'utf8'));
    const verified = await cli('market', 'verify', '--events', a);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /^ok: \d+ events/);
    assert.match(verified.stdout, /issued \d+ − retired \d+ − cancelled \d+ = held \d+/);
  });
}

test('a malformed journal line stops replay with exit 2 naming FILE:LINE, and nothing is written', async () => {
  const good = readFileSync(join(EXAMPLE_DIR, examples[0]!), 'utf8').split('\n');
  const cases: [string, RegExp][] = [
    ['{"key":"x","actor":"admin"', /:4: malformed_command: not JSON/],
    ['{"key":"x","actor":"admin","type":"credits.transfer","at":"yesterday","payload":{}}', /:4: malformed_command: "at" must be an ISO-8601 time/],
    ['{"key":"x","actor":"admin","type":"credits.mint","at":"2025-03-01T09:00:00+08:00","payload":{}}', /:4: unknown_command_type:/],
    ['{"key":"x","actor":"admin","type":"credits.transfer","at":"2025-03-01T09:00:00+08:00","payload":{},"extra":1}', /:4: malformed_command: unknown field "extra"/],
    ['{"key":"x\\ud800","actor":"admin","type":"credits.transfer","at":"2025-03-01T09:00:00+08:00","payload":{}}', /:4: malformed_command: "key" holds a lone surrogate/],
  ];
  for (const [bad, expected] of cases) {
    const journal = files({ 'j.jsonl': [...good.slice(0, 3), bad, ...good.slice(3)].join('\n') })['j.jsonl']!;
    const out = join(tempDir(), 'events.jsonl');
    const run = await cli('market', 'replay', '--journal', journal, '--out', out);
    assert.equal(run.code, 2);
    assert.match(run.stderr, expected);
    assert.ok(run.stderr.startsWith(journal), run.stderr);
    assert.equal(existsSync(out), false);
    assert.equal(run.stdout, '');
  }
});

test('verify names the first changed, missing or unbalanced line with exit 2', async () => {
  const dir = tempDir();
  const events = join(dir, 'events.jsonl');
  await cli('market', 'replay', '--journal', join(EXAMPLE_DIR, 'registry-cooperative-forest.jsonl'), '--out', events);
  const lines = readFileSync(events, 'utf8').trimEnd().split('\n');
  const at = lines.findIndex((l) => l.includes('"type":"credits.transferred"'));
  const changed = [...lines];
  changed[at] = changed[at]!.replace('"amount":500', '"amount":5000');
  writeFileSync(join(dir, 'changed.jsonl'), changed.join('\n'));
  const c = await cli('market', 'verify', '--events', join(dir, 'changed.jsonl'));
  assert.equal(c.code, 2);
  assert.match(c.stderr, new RegExp(`changed\\.jsonl:${at + 1}: chain_broken: hash_mismatch`));
  writeFileSync(join(dir, 'missing.jsonl'), lines.filter((_, i) => i !== 5).join('\n'));
  const m = await cli('market', 'verify', '--events', join(dir, 'missing.jsonl'));
  assert.match(m.stderr, /missing\.jsonl:6: chain_broken: seq_out_of_order/);
  assert.equal((await cli('market', 'verify', '--events', join(dir, 'nope.jsonl'))).code, 2);
});

test('verify checks the ledger behind a valid chain: units posted twice are caught', async () => {
  const { JournalEngine, chainEvent } = await import('../../../core/journal/index.js');
  const { createRegistryMachine } = await import('../../../core/registry/index.js');
  const { sha256Hex } = await import('./market.js');
  // A forged log: a correct chain whose transfer moves units the sender does not hold.
  const engine = new JournalEngine(createRegistryMachine(), sha256Hex);
  const forged = chainEvent({ type: 'credits.transferred', payload: { blocks: [{ projectId: 'P1', vintage: 2024, start: 1, end: 5, from: 'P:a:units', to: 'P:b:units' }], postings: [{ debit: 'P:a:units', credit: 'P:b:units', asset: 'UNIT/P1/2024', amount: 5, code: 'transfer' }] } }, 1, 'k', engine.headHash, sha256Hex);
  const path = files({ 'forged.jsonl': forged.line + '\n' })['forged.jsonl']!;
  const run = await cli('market', 'verify', '--events', path);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /forged\.jsonl:1: ledger_invariant_broken: bad_block: serial 1 of P1 is not in P:a:units/);
});
