/**
 * What the contract suite cannot provoke through a real database: a transaction that fails.
 * Nobody in the failed batch is acknowledged, the state is rebuilt from what is durable, and
 * the store goes on. Also `--db` parsing and `neutral db migrate`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { cli } from '../cli/test-support/run.js';
import { parseDb } from './db-url.js';
import type { BatchRows, JournalDriver, UnsealedBatchRows } from './driver.js';
import { openGroupCommitStore, sha256Hex } from './group-commit.js';
import { SqliteDriver, openSqlite } from './sqlite/driver.js';
import { assertConsistent } from './store-contract.js';
import { command, stateBalances, transferMachine } from './test-support/transfer-machine.js';

/** Runs the body with a fresh directory, removed afterwards. */
async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'neutral-gc-'));
  try {
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The real driver's reads, with the test's own writes (and `appendUnsealed` only when the test gives one). */
function wrap(real: SqliteDriver, writes: Pick<JournalDriver, 'append' | 'appendUnsealed'>): JournalDriver {
  const reads = Object.fromEntries((['commandsAfter', 'command', 'events', 'head', 'balances', 'saveSnapshot', 'latestSnapshot', 'close'] as const).map((m) => [m, real[m].bind(real)]));
  return { ...(reads as unknown as Omit<JournalDriver, 'append'>), ...writes };
}

const SEALING = [['the store seals the chain', false], ['the driver seals the chain', true]] as const;

for (const [sealing, driverSeals] of SEALING) test(`a failed transaction acknowledges no one in it; the state is rebuilt and the store goes on (${sealing})`, () => inTempDir(async (dir) => {
  const real = new SqliteDriver(openSqlite(join(dir, 'j.db')).db);
  let failNext = false;
  const failing = <R>(write: () => Promise<R>): Promise<R> => {
    if (!failNext) return write();
    failNext = false;
    return Promise.reject(new Error('disk full'));
  };
  const driver = wrap(real, {
    append: (rows) => failing(() => real.append(rows)),
    ...(driverSeals ? { appendUnsealed: (rows: UnsealedBatchRows) => failing(() => real.appendUnsealed(rows)) } : {}),
  });
  const store = await openGroupCommitStore(driver, transferMachine);
  await store.submit([command('op', 'o1', 'account.open', { account: 'A' }), command('op', 'o2', 'account.open', { account: 'B' }), command('op', 'd1', 'cash.deposit', { account: 'A', amountFen: 100 })]);
  const before = store.read(stateBalances);
  failNext = true;
  await assert.rejects(store.submit([command('A', 't1', 'cash.transfer', { from: 'A', to: 'B', amountFen: 60 })]), /disk full/);
  assert.deepEqual(store.read(stateBalances), before, 'the state no longer shows the failed transfer');
  const [retry] = await store.submit([command('A', 't1', 'cash.transfer', { from: 'A', to: 'B', amountFen: 60 })]);
  assert.equal(retry?.kind, 'new', 'the key was not used up by the failed transaction');
  assert.equal(retry?.events[0]?.seq, 4);
  await assertConsistent(store);
  await store.close();
}));

test('a driver that writes in order gets the next batch before the COMMIT of a batch that then fails, and refuses it: both are answered with failures, nothing of either is stored', () => inTempDir(async (dir) => {
  const real = new SqliteDriver(openSqlite(join(dir, 'j.db')).db);
  let failNext = false;
  let release: (() => void) | undefined;
  const handedOver: number[] = [];
  const driver: JournalDriver = {
    ...wrap(real, { append: (rows) => real.append(rows) }),
    writesInOrder: true,
    append: (rows) => {
      handedOver.push(rows.commands[0]!.seq);
      if (!failNext) return real.append(rows);
      failNext = false;
      // The failing batch's COMMIT is held until the next batch has been handed over.
      return new Promise<void>((_, reject) => void (release = () => reject(new Error('disk full'))));
    },
  };
  const store = await openGroupCommitStore(driver, transferMachine, { maxBatch: 1 });
  await store.submit([command('op', 'o1', 'account.open', { account: 'A' }), command('op', 'o2', 'account.open', { account: 'B' }), command('op', 'd1', 'cash.deposit', { account: 'A', amountFen: 100 })]);
  const head = await store.head();
  failNext = true;
  const first = store.submit([command('A', 't1', 'cash.transfer', { from: 'A', to: 'B', amountFen: 10 })]);
  const second = store.submit([command('A', 't2', 'cash.transfer', { from: 'A', to: 'B', amountFen: 20 })]);
  while (handedOver.length < 5) await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(handedOver.slice(3), [4, 5], 'the second batch was handed over while the first was still open');
  release!();
  await assert.rejects(first, /disk full/);
  await assert.rejects(second, /chains onto hash .*, but the journal's head \(seq 3\)/);
  assert.deepEqual(await store.head(), head, 'nothing of either batch was stored');
  const retried = await store.submit([command('A', 't1', 'cash.transfer', { from: 'A', to: 'B', amountFen: 10 }), command('A', 't2', 'cash.transfer', { from: 'A', to: 'B', amountFen: 20 })]);
  assert.deepEqual(retried.map((a) => [a.kind, a.accepted]), [['new', true], ['new', true]]);
  await assertConsistent(store);
  await store.close();
}));

test('with a driver that writes in order, eight batches are in flight by default before the next waits for a COMMIT (two left the main thread idle under HTTP load)', () => inTempDir(async (dir) => {
  const real = new SqliteDriver(openSqlite(join(dir, 'j.db')).db);
  const held: Array<() => void> = [];
  let holding = false;
  const driver: JournalDriver = {
    ...wrap(real, { append: (rows) => real.append(rows) }),
    writesInOrder: true,
    append: (rows) => (holding ? new Promise<void>((resolve) => held.push(() => resolve(real.append(rows)))) : real.append(rows)),
  };
  const store = await openGroupCommitStore(driver, transferMachine, { maxBatch: 1 });
  await store.submit([command('op', 'o1', 'account.open', { account: 'A' }), command('op', 'o2', 'account.open', { account: 'B' }), command('op', 'd1', 'cash.deposit', { account: 'A', amountFen: 100 })]);
  holding = true;
  const answers = Array.from({ length: 10 }, (_, i) => store.submit([command('A', `t${i}`, 'cash.transfer', { from: 'A', to: 'B', amountFen: 1 })]));
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(held.length, 8, 'eight batches handed over, the ninth waits');
  held.shift()!();
  while (held.length < 8) await new Promise((resolve) => setImmediate(resolve));
  holding = false;
  while (held.length > 0) held.shift()!();
  assert.deepEqual((await Promise.all(answers)).map(([a]) => a?.events[0]?.seq), [4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  await assertConsistent(store);
  await store.close();
}));

test('a due snapshot waits until the store has been quiet (or closes, or is ten intervals behind): no batch waits for one', () => inTempDir(async (dir) => {
  const saved: number[] = [];
  const recording = (): JournalDriver => {
    const real = new SqliteDriver(openSqlite(join(dir, 'j.db')).db);
    return { ...wrap(real, { append: (rows) => real.append(rows) }), saveSnapshot: (row) => (saved.push(row.eventSeq), real.saveSnapshot(row)) };
  };
  const accounts = ['A', 'B'].map((a, i) => command('op', `o${i}`, 'account.open', { account: a }));
  const transfers = (from: number, n: number) => Array.from({ length: n }, (_, i) => command('A', `t${from + i}`, 'cash.transfer', { from: 'A', to: 'B', amountFen: 1 }));
  let store = await openGroupCommitStore(recording(), transferMachine, { snapshotEvery: 3, snapshotQuietMs: 200, maxBatch: 1 });
  await store.submit([...accounts, command('op', 'd', 'cash.deposit', { account: 'A', amountFen: 1000 })]);
  for (const t of transfers(0, 9)) await store.submit([t]);
  assert.deepEqual(saved, [], 'due since event 3, but the store was never quiet for 200 ms');
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.deepEqual(saved, [12], 'taken once quiet, at the last event');
  for (const t of transfers(9, 4)) await store.submit([t]);
  await store.close();
  assert.deepEqual(saved, [12, 16], 'and at close, when due');
  store = await openGroupCommitStore(recording(), transferMachine, { snapshotEvery: 1, snapshotQuietMs: 60_000, maxBatch: 1 });
  assert.deepEqual(store.recovery?.snapshot, { commandSeq: 16, eventSeq: 16 });
  for (const t of transfers(13, 12)) await store.submit([t]);
  assert.deepEqual(saved, [12, 16, 26], 'ten intervals behind: taken between two batches');
  await assertConsistent(store);
  await store.close();
}));

for (const writesInOrder of [false, true]) test(`a snapshot taken between two batches gets its head hash while later batches, sealed here, are in flight (${writesInOrder ? 'a driver that writes in order' : 'a driver that waits for the COMMIT before'})`, () => inTempDir(async (dir) => {
  const saved: number[] = [];
  const recording = (): JournalDriver => {
    const real = new SqliteDriver(openSqlite(join(dir, 'j.db')).db);
    // Each COMMIT a millisecond later, as on a writer thread: the next batch is prepared meanwhile.
    const later = (rows: BatchRows): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1)).then(() => real.append(rows));
    return { ...wrap(real, { append: later }), writesInOrder, saveSnapshot: (row) => (saved.push(row.eventSeq), real.saveSnapshot(row)) };
  };
  // Another hasher than the writer thread's: every batch is sealed here, when it is prepared.
  const hasher = (text: string): string => sha256Hex(text);
  let store = await openGroupCommitStore(recording(), transferMachine, { snapshotEvery: 1, snapshotQuietMs: 60_000, maxBatch: 1, hasher });
  await store.submit([command('op', 'o1', 'account.open', { account: 'A' }), command('op', 'o2', 'account.open', { account: 'B' }), command('op', 'd', 'cash.deposit', { account: 'A', amountFen: 1000 })]);
  await Promise.all(Array.from({ length: 30 }, (_, i) => store.submit([command('A', `t${i}`, 'cash.transfer', { from: 'A', to: 'B', amountFen: 1 })])));
  assert.equal((store as { snapshotFailure?: unknown }).snapshotFailure, undefined);
  assert.deepEqual(saved, [10, 20, 30], 'ten intervals behind, three times');
  await store.close();
  store = await openGroupCommitStore(recording(), transferMachine, { snapshotEvery: 0, hasher });
  assert.deepEqual(store.recovery?.snapshot, { commandSeq: 33, eventSeq: 33 }, 'the last snapshot (at close) opens, its head hash that of its event');
  await assertConsistent(store);
  await store.close();
}));

/** A full collection, for a test that checks what is still reachable. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

for (const [sealing, driverSeals] of SEALING) test(`a batch's rows are garbage once the driver has them, though its COMMIT is still pending (${sealing})`, () => inTempDir(async (dir) => {
  const real = new SqliteDriver(openSqlite(join(dir, 'j.db')).db);
  let handed: WeakRef<object> | undefined;
  let commit: (() => void) | undefined;
  // As the SQLite writer thread's driver does: the rows are serialised at once, the COMMIT comes later.
  const later = <R>(rows: BatchRows | UnsealedBatchRows, written: Promise<R>): Promise<R> => {
    // The arrays, not the object around them: a wrapper made for the call proves nothing.
    handed = new WeakRef(rows.events);
    return new Promise<R>((resolve) => void (commit = () => void written.then(resolve)));
  };
  const driver = wrap(real, {
    append: (rows) => later(rows, real.append(rows)),
    ...(driverSeals ? { appendUnsealed: (rows: UnsealedBatchRows) => later(rows, real.appendUnsealed(rows)) } : {}),
  });
  const store = await openGroupCommitStore(driver, transferMachine);
  const acked = store.submit([command('op', 'o1', 'account.open', { account: 'A' })]);
  while (commit === undefined) await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  // Memory-only, but it is what made scavenges copy every in-flight batch twice (about 40 % of
  // the ledger bench's main thread at 4,096 submitters).
  assert.equal(handed?.deref(), undefined, 'nothing keeps the rows of a batch that is being committed');
  commit();
  const [ack] = await acked;
  assert.equal(ack?.accepted, true);
  await store.close();
}));

test('--db is sqlite:FILE or postgres://…', () => {
  assert.deepEqual(parseDb('sqlite:./neutral.db'), { ok: true, value: { dialect: 'sqlite', file: './neutral.db' } });
  assert.deepEqual(parseDb('postgres://u:p@db.example:5432/neutral'), { ok: true, value: { dialect: 'postgres', url: 'postgres://u:p@db.example:5432/neutral' } });
  assert.equal(parseDb('postgresql://localhost/x').ok, true);
  for (const bad of ['', 'sqlite:', 'neutral.db', 'mysql://x', 'sqlite://x.db']) assert.equal(parseDb(bad).ok, false, bad);
  const secret = parseDb('redis://u:hunter2@x');
  assert.ok(!secret.ok && !secret.error.includes('hunter2'), 'a password is never echoed');
});

test('neutral db migrate: applies once, then reports the current version; bad --db exits 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'neutral-migrate-'));
  try {
    const db = `sqlite:${join(dir, 'n.db')}`;
    const first = await cli('db', 'migrate', '--db', db);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /applied 1 \(journal: commands, chained events, postings\), 2 \(snapshots of the machine state \(recovery replays only the tail\)\); schema version 2/);
    const again = await cli('db', 'migrate', '--db', db);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /schema is current at version 2/);
    const bad = await cli('db', 'migrate', '--db', 'mysql://x');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /bad_flag/);
    const missing = await cli('db', 'migrate', '--db', `sqlite:${join(dir, 'no', 'such', 'dir.db')}`);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /db_unavailable/);
    assert.equal((await cli('db', 'migrate', '--bogus')).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
