import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { eventLine, expectedHash } from './chain.js';
import { IDEMPOTENCY_KEY_REUSED, JournalEngine, replay } from './engine.js';
import { GENESIS_HASH, type CommandEnvelope, type Hasher, type Machine } from './types.js';
import { verifyChain } from './verify.js';

const sha256: Hasher = (text) => createHash('sha256').update(text).digest('hex');

/** A counter: `add` adds, a negative amount is refused. */
const counter: Machine<{ total: number }> = {
  initial: () => ({ total: 0 }),
  decide: (_state, c) => {
    const amount = (c.payload as { amount: number }).amount;
    return amount < 0
      ? { accepted: false, events: [{ type: `${c.type}.rejected`, payload: { code: 'negative', message: 'no' } }] }
      : { accepted: true, events: [{ type: 'added', payload: { amount } }] };
  },
  apply: (state, _c, outcome) => {
    for (const e of outcome.events) state.total += e.payload['amount'] as number;
    return state;
  },
};

const cmd = (key: string, amount: number, actor = 'a'): CommandEnvelope => ({ key, actor, type: 'add', at: '2025-01-01T00:00:00+08:00', payload: { amount } });

test('the chain: seq from 1, first prevHash 64 zeros, hash over prevHash + newline + canonical event', () => {
  const events = [...replay(counter, [cmd('k1', 5), cmd('k2', 7)], sha256)];
  assert.equal(events[0]!.record.seq, 1);
  assert.equal(events[0]!.record.prevHash, GENESIS_HASH);
  const canonical = '{"key":"k1","payload":{"amount":5},"prevHash":"' + GENESIS_HASH + '","seq":1,"type":"added"}';
  assert.equal(events[0]!.record.hash, sha256(GENESIS_HASH + '\n' + canonical));
  assert.equal(events[1]!.record.prevHash, events[0]!.record.hash);
  assert.equal(expectedHash(events[1]!.record, sha256), events[1]!.record.hash);
  assert.equal(eventLine(events[1]!.record), events[1]!.line);
});

test('same key and payload: the first outcome, no second effect; another payload: one rejection', () => {
  const engine = new JournalEngine(counter, sha256);
  const first = engine.submit(cmd('k1', 5));
  assert.equal(first.kind, 'new');
  const again = engine.submit({ ...cmd('k1', 5), at: '2025-01-02T00:00:00+08:00' });
  assert.equal(again.kind, 'duplicate');
  assert.equal(engine.state.total, 5);
  assert.equal(engine.lastSeq, 1);
  const reused = engine.submit(cmd('k1', 6));
  assert.equal(reused.kind, 'key_reused');
  if (reused.kind !== 'key_reused') return;
  assert.equal(reused.events[0]!.record.type, 'add.rejected');
  assert.equal(reused.events[0]!.record.payload['code'], IDEMPOTENCY_KEY_REUSED);
  assert.equal(engine.state.total, 5);
  // Keys are per actor: another actor may use k1.
  assert.equal(engine.submit(cmd('k1', 1, 'b')).kind, 'new');
  // A refusal uses up its key too.
  assert.equal(engine.submit(cmd('k9', -1)).kind, 'new');
  assert.equal(engine.submit(cmd('k9', 3)).kind, 'key_reused');
  assert.equal(engine.state.total, 6);
});

test('restore rebuilds state and the idempotency index from stored events', () => {
  const engine = new JournalEngine(counter, sha256);
  const stored = [cmd('k1', 5), cmd('k2', -1), cmd('k3', 2)].map((c) => ({ c, s: engine.submit(c) }));
  const copy = new JournalEngine(counter, sha256);
  for (const { c, s } of stored) if (s.kind !== 'duplicate') copy.restore(c, s.events.map((e) => e.record));
  assert.equal(copy.state.total, 7);
  assert.equal(copy.headHash, engine.headHash);
  assert.equal(copy.submit(cmd('k2', -1)).kind, 'duplicate');
});

test('the verifier names the first changed, missing or reordered line', () => {
  const lines = [...replay(counter, [cmd('k1', 5), cmd('k2', 7), cmd('k3', 9)], sha256)].map((e) => e.line);
  const good = verifyChain(lines.join('\n') + '\n', sha256);
  assert.ok(good.ok);
  const changed = verifyChain([lines[0], lines[1]!.replace('"amount":7', '"amount":8'), lines[2]].join('\n'), sha256);
  assert.deepEqual(!changed.ok && [changed.error.line, changed.error.code], [2, 'hash_mismatch']);
  const missing = verifyChain([lines[0], lines[2]].join('\n'), sha256);
  assert.deepEqual(!missing.ok && [missing.error.line, missing.error.code], [2, 'seq_out_of_order']);
  const garbage = verifyChain([lines[0], '{"seq":2'].join('\n'), sha256);
  assert.deepEqual(!garbage.ok && [garbage.error.line, garbage.error.code], [2, 'malformed_event']);
});
