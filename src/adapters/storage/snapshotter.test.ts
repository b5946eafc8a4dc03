/** Snapshots taken by the snapshotter thread, on SQLite and PostgreSQL: the main thread never builds the image, and a store reopens from them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { DbTarget } from './db-url.js';
import { openStore } from './open.js';
import { throwawayDatabase } from './test-support/postgres.js';
import { command, stateBalances, transferMachine } from './test-support/transfer-machine.js';

const MACHINE = { url: new URL(`./test-support/transfer-machine${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href, factory: 'createTransferMachine' };

async function snapshotsTakenByTheThread(target: DbTarget, latestEventSeq: () => Promise<number>): Promise<void> {
  let imagesHere = 0;
  const counted = { ...transferMachine, snapshot: (state: Parameters<NonNullable<typeof transferMachine.snapshot>>[0]) => { imagesHere++; return transferMachine.snapshot!(state); } };
  let store = await openStore(target, counted, { machineModule: MACHINE, snapshotEvery: 10, snapshotQuietMs: 10 });
  const imagesAtOpen = imagesHere;
  await store.submit([command('A', 'open-A', 'account.open', { account: 'A' }), command('A', 'open-B', 'account.open', { account: 'B' }), command('A', 'dep', 'cash.deposit', { account: 'A', amountFen: 10_000 })]);
  for (let i = 0; i < 12; i++) await store.submit([command('A', `t${i}`, 'cash.transfer', { from: 'A', to: 'B', amountFen: 10 + i })]);
  // Quiet: the due snapshot is taken (on the snapshotter's thread), then more commands, then another when quiet again, and close takes the last.
  for (let waited = 0; waited < 100 && (await latestEventSeq()) === 0; waited++) await sleep(50);
  const first = await latestEventSeq();
  assert.ok(first >= 10 && first <= 15, `a snapshot once the log was 10 events long, taken while the store was quiet (found one at ${first})`);
  for (let i = 12; i < 24; i++) await store.submit([command('A', `t${i}`, 'cash.transfer', { from: 'A', to: 'B', amountFen: 10 + i })]);
  for (let waited = 0; waited < 100 && (await latestEventSeq()) === first; waited++) await sleep(50);
  const second = await latestEventSeq();
  assert.ok(second >= first + 10, `a second snapshot, from the state the thread followed (found one at ${second})`);
  for (let i = 24; i < 30; i++) await store.submit([command('A', `t${i}`, 'cash.transfer', { from: 'A', to: 'B', amountFen: 10 + i })]);
  const balances = store.read(stateBalances);
  await store.close();
  assert.equal(imagesHere, imagesAtOpen, 'the main thread built no snapshot image');
  store = await openStore(target, transferMachine, target.dialect === 'sqlite' ? { sqliteThread: 'main' } : {});
  try {
    const last = await latestEventSeq();
    assert.ok(last >= second, 'the latest snapshot is still there (close takes one only ten events on)');
    assert.deepEqual(store.recovery?.snapshot, { commandSeq: last, eventSeq: last }, 'reopened from the latest snapshot');
    assert.equal(store.recovery?.snapshotProblem, null, 'the snapshots the thread took are the ones a recovery takes');
    assert.deepEqual(store.read(stateBalances), balances);
  } finally {
    await store.close();
  }
}

test('SQLite: with a snapshotter, snapshots are taken on its thread from the committed journal, and a store reopens from the latest', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'neutral-snapshotter-'));
  const file = join(dir, 'journal.db');
  try {
    await snapshotsTakenByTheThread({ dialect: 'sqlite', file }, async () => {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare('SELECT MAX(event_seq) AS seq FROM snapshots').get() as { seq: number | null }).seq ?? 0;
      } finally {
        db.close();
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('PostgreSQL: the same, the thread reading in one REPEATABLE READ transaction on its own connection', async () => {
  const database = await throwawayDatabase();
  try {
    await snapshotsTakenByTheThread({ dialect: 'postgres', url: database.url }, async () => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        return Number((await client.query<{ seq: string | null }>('SELECT MAX(event_seq) AS seq FROM snapshots')).rows[0]?.seq ?? 0);
      } finally {
        await client.end();
      }
    });
  } finally {
    await database.drop();
  }
});

test('PostgreSQL: a snapshotter whose connection the server closed connects again at its next snapshot', async () => {
  const database = await throwawayDatabase();
  const sql = async <T extends pg.QueryResultRow>(text: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  };
  const latest = async (): Promise<number> => Number((await sql<{ seq: string | null }>('SELECT MAX(event_seq) AS seq FROM snapshots'))[0]?.seq ?? 0);
  const store = await openStore({ dialect: 'postgres', url: database.url }, transferMachine, { machineModule: MACHINE, snapshotEvery: 10, snapshotQuietMs: 10 });
  try {
    await store.submit([command('A', 'open-A', 'account.open', { account: 'A' }), command('A', 'open-B', 'account.open', { account: 'B' }), command('A', 'dep', 'cash.deposit', { account: 'A', amountFen: 10_000 })]);
    for (let i = 0; i < 12; i++) await store.submit([command('A', `t${i}`, 'cash.transfer', { from: 'A', to: 'B', amountFen: 10 + i })]);
    for (let waited = 0; waited < 100 && (await latest()) === 0; waited++) await sleep(50);
    const first = await latest();
    assert.ok(first > 0, 'a first snapshot');
    // As a server restart or an administrator would: end the snapshotter's connection (and only it).
    const ended = await sql<{ ended: boolean }>(`SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'neutral-snapshotter'`);
    assert.deepEqual(ended.map((r) => r.ended), [true], 'the snapshotter had its own connection, named');
    for (let waited = 0; waited < 100 && (await sql(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'neutral-snapshotter'`)).length > 0; waited++) await sleep(20);
    for (let i = 12; i < 24; i++) await store.submit([command('A', `t${i}`, 'cash.transfer', { from: 'A', to: 'B', amountFen: 10 + i })]);
    for (let waited = 0; waited < 100 && (await latest()) === first; waited++) await sleep(50);
    assert.ok((await latest()) >= first + 10, 'the next snapshot was taken on a new connection');
  } finally {
    await store.close();
    await database.drop();
  }
});
