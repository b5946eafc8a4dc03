/** The snapshotter's follower: later takes decide only the commands journaled since, and give the snapshot a fresh recovery gives. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CommandEnvelope } from '../../core/journal/types.js';
import { openStore } from './open.js';
import { sha256Hex } from './sha256.js';
import { SnapshotFollower } from './snapshot-follower.js';
import { SqliteDriver } from './sqlite/driver.js';
import { command, transferMachine } from './test-support/transfer-machine.js';

test('a follower decides only the commands journaled since its last take, and its snapshot is the one a fresh recovery takes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'neutral-follower-'));
  const file = join(dir, 'journal.db');
  const store = await openStore({ dialect: 'sqlite', file }, transferMachine, { sqliteThread: 'main' });
  const db = new Database(file);
  try {
    let decided = 0;
    let failing = false;
    const counting = {
      ...transferMachine,
      decide: (state: Parameters<typeof transferMachine.decide>[0], c: CommandEnvelope) => {
        if (failing) throw new Error('the machine failed');
        decided++;
        return transferMachine.decide(state, c);
      },
    };
    const driver = new SqliteDriver(db);
    const follower = new SnapshotFollower(driver, counting, sha256Hex);
    const take = async (which = follower) => {
      db.exec('BEGIN');
      try {
        return await which.take();
      } finally {
        db.exec('COMMIT');
      }
    };
    assert.equal(await take(), null, 'nothing to snapshot in an empty journal');
    await store.submit([command('A', 'open-A', 'account.open', { account: 'A' }), command('A', 'open-B', 'account.open', { account: 'B' }), command('A', 'dep', 'cash.deposit', { account: 'A', amountFen: 10_000 })]);
    for (let i = 0; i < 5; i++) await store.submit([command('A', `t${i}`, 'cash.transfer', { from: 'A', to: 'B', amountFen: 10 + i })]);

    const first = await take();
    assert.equal(first?.commandSeq, 8);
    assert.equal(decided, 8, 'the first take decides the whole journal');
    assert.equal(await take(), null, 'nothing new: no snapshot, nothing decided');
    assert.equal(decided, 8);

    for (let i = 5; i < 9; i++) await store.submit([command('A', `t${i}`, 'cash.transfer', { from: 'A', to: 'B', amountFen: 10 + i })]);
    await store.submit([command('A', 't0', 'cash.transfer', { from: 'A', to: 'B', amountFen: 999 })]); // a reused key, journaled as such
    const second = await take();
    assert.equal(second?.commandSeq, 13);
    assert.equal(decided, 8 + 4, 'the second take decides only the four new commands (the reused key is judged by the index)');
    const fresh = await take(new SnapshotFollower(driver, transferMachine, sha256Hex));
    assert.deepEqual(second, fresh, 'the same snapshot as a recovery from the start');

    // A failed take forgets what it followed: the next one starts over and still agrees.
    await store.submit([command('A', 't9', 'cash.transfer', { from: 'A', to: 'B', amountFen: 19 })]);
    failing = true;
    await assert.rejects(take(), /the machine failed/);
    failing = false;
    decided = 0;
    const third = await take();
    assert.equal(decided, 14 - 1, 'started over: every first use decided again');
    assert.equal(third?.commandSeq, 14);
    assert.equal(third?.stateHash, sha256Hex(third!.state));
  } finally {
    db.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
