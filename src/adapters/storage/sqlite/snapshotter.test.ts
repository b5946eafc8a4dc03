/** Snapshots taken by the snapshotter thread: the main thread never builds the image, and a store reopens from them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '../open.js';
import { command, stateBalances, transferMachine } from '../test-support/transfer-machine.js';

const MACHINE = { url: new URL(`../test-support/transfer-machine${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href, factory: 'createTransferMachine' };

test('with a snapshotter, snapshots are taken on its thread from the committed journal, and a store reopens from the latest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'neutral-snapshotter-'));
  const target = { dialect: 'sqlite', file: join(dir, 'journal.db') } as const;
  try {
    let imagesHere = 0;
    const counted = { ...transferMachine, snapshot: (state: Parameters<NonNullable<typeof transferMachine.snapshot>>[0]) => { imagesHere++; return transferMachine.snapshot!(state); } };
    let store = await openStore(target, counted, { machineModule: MACHINE, snapshotEvery: 10, snapshotQuietMs: 10 });
    const imagesAtOpen = imagesHere;
    await store.submit([command('A', 'open-A', 'account.open', { account: 'A' }), command('A', 'open-B', 'account.open', { account: 'B' }), command('A', 'dep', 'cash.deposit', { account: 'A', amountFen: 10_000 })]);
    for (let i = 0; i < 12; i++) await store.submit([command('A', `t${i}`, 'cash.transfer', { from: 'A', to: 'B', amountFen: 10 + i })]);
    // Quiet: the due snapshot is taken (on the snapshotter's thread), then more commands, then close takes the last.
    for (let waited = 0; waited < 100 && (await latestEventSeq(target.file)) === 0; waited++) await sleep(50);
    const first = await latestEventSeq(target.file);
    assert.ok(first >= 10 && first <= 15, `a snapshot once the log was 10 events long, taken while the store was quiet (found one at ${first})`);
    for (let i = 12; i < 24; i++) await store.submit([command('A', `t${i}`, 'cash.transfer', { from: 'A', to: 'B', amountFen: 10 + i })]);
    const balances = store.read(stateBalances);
    await store.close();
    assert.equal(imagesHere, imagesAtOpen, 'the main thread built no snapshot image');
    store = await openStore(target, transferMachine, { sqliteThread: 'main' });
    const last = await latestEventSeq(target.file);
    assert.ok(last >= first + 10, 'another snapshot, ten events later (by close, or when quiet)');
    assert.deepEqual(store.recovery?.snapshot, { commandSeq: last, eventSeq: last }, 'reopened from the latest snapshot');
    assert.equal(store.recovery?.snapshotProblem, null);
    assert.deepEqual(store.read(stateBalances), balances);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

async function latestEventSeq(file: string): Promise<number> {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT MAX(event_seq) AS seq FROM snapshots').get() as { seq: number | null }).seq ?? 0;
  } finally {
    db.close();
  }
}
