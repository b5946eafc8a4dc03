/**
 * Snapshots with the real machine (registry, exchange and compliance) on SQLite: a store that
 * wrote snapshots while the examples ran reopens from the latest one plus the tail to exactly
 * the state of a full replay, and a full replay of the same database verifies every event.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createComplianceMachine } from '../../core/compliance/index.js';
import { COMPLIANCE_EXAMPLES } from '../../core/compliance/test-support/examples.js';
import { JournalEngine, canonicalJson } from '../../core/journal/index.js';
import { stateImage } from '../../core/market/index.js';
import { MARKET_EXAMPLES } from '../../core/market/test-support/examples.js';
import { sha256Hex } from './group-commit.js';
import { openStore } from './open.js';

const examples = { ...MARKET_EXAMPLES, ...COMPLIANCE_EXAMPLES };

test('every example: snapshot + tail on SQLite = the full replay (state), and the full replay of the database verifies', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'neutral-snapshot-'));
  try {
    for (const [name, build] of Object.entries(examples)) {
      const commands = build();
      const machine = createComplianceMachine();
      const memory = new JournalEngine(machine, sha256Hex);
      for (const c of commands) memory.submit(c);
      const expected = canonicalJson(stateImage(memory.state));
      const target = { dialect: 'sqlite' as const, file: join(dir, `${name}.db`) };
      let store = await openStore(target, machine, { sqliteThread: 'main', snapshotEvery: 25, maxBatch: 1 });
      // The last commands go on after the last snapshot: the tail is replayed.
      for (const c of commands) await store.submit([c]);
      await store.close();
      store = await openStore(target, machine, { sqliteThread: 'main' });
      const recovery = store.recovery!;
      assert.ok(recovery.snapshot !== null && recovery.snapshot.eventSeq >= 25, `${name}: opened from a snapshot (${JSON.stringify(recovery)})`);
      assert.ok(recovery.replayedCommands < commands.length / 2, `${name}: only the tail was decided again`);
      assert.equal(canonicalJson(store.read(stateImage)), expected, `${name}: the same state as the full replay`);
      assert.deepEqual(await store.head(), { seq: memory.lastSeq, hash: memory.headHash });
      await store.close();
      store = await openStore(target, machine, { sqliteThread: 'main', fromSnapshot: false });
      assert.equal(store.recovery!.replayedCommands, commands.length);
      assert.equal(canonicalJson(store.read(stateImage)), expected);
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
