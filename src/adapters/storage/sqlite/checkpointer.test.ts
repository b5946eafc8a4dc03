/** The checkpointer thread copies the WAL into the database file while the writer goes on, and stops with the store. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { openStore } from '../open.js';
import { command, transferMachine } from '../test-support/transfer-machine.js';

test('the database file takes the journal while the writer writes; the WAL is gone after close', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'neutral-checkpointer-'));
  const file = join(dir, 'journal.db');
  try {
    const store = await openStore({ dialect: 'sqlite', file }, transferMachine);
    const before = statSync(file).size;
    await store.submit([command('operator', 'open-A', 'account.open', { account: 'A' }), command('operator', 'open-B', 'account.open', { account: 'B' }), command('operator', 'dep', 'cash.deposit', { account: 'A', amountFen: 1e12 })]);
    // About 3 MB of journal, far below the writer's own automatic checkpoint (64 MiB of WAL).
    for (let batch = 0; batch < 10; batch++) {
      await store.submit(Array.from({ length: 1000 }, (_, i) => command('A', `t-${batch}-${i}`, 'cash.transfer', { from: 'A', to: 'B', amountFen: 1 + i })));
    }
    let grown = false;
    for (let wait = 0; wait < 100 && !grown; wait++) {
      grown = statSync(file).size > before + 1_000_000;
      if (!grown) await sleep(50);
    }
    assert.ok(grown, `the database file grew from ${before} to ${statSync(file).size} bytes: the checkpointer copied the WAL into it`);
    await store.close();
    assert.equal(existsSync(`${file}-wal`), false, 'the last connection closed checkpoints and removes the WAL');
    const db = new Database(file, { readonly: true });
    try {
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM commands').get() as { n: number }).n, 10_003);
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
