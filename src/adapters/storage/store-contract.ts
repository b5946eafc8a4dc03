/**
 * One contract for every CommandStore adapter (style.md §2): the same tests run on SQLite and
 * on PostgreSQL, against the test transfer machine. Each test gets a fresh, empty database.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IDEMPOTENCY_KEY_REUSED, canonicalJson, eventLine, outcomeEventJson, verifyChain } from '../../core/journal/index.js';
import type { Acknowledgement, Balance, CommandStore, DecidedCommand, JournalEntry, KeepRequest } from '../../core/journal/store.js';
import { openAccounts } from '../accounts/index.js';
import type { DbTarget } from './db-url.js';
import type { GroupCommitOptions } from './group-commit.js';
import { sha256Hex } from './group-commit.js';
import { StorageError } from './rows.js';
import { type TransferState, command, stateBalances, transferMachine } from './test-support/transfer-machine.js';

/** A fresh database that can be opened again and again, and written to behind the store's back. */
export interface ContractDatabase {
  /** Where it is, for the accounts' tables beside the journal's. */
  readonly target: DbTarget;
  open(options?: GroupCommitOptions): Promise<CommandStore<TransferState>>;
  /** Runs raw SQL on the database (the store closed). */
  exec(sql: string): Promise<void>;
  /** Overwrites an event's payload past the append-only triggers, as an attacker with the file would. */
  forceEventPayload(seq: number, payload: string): Promise<void>;
  cleanup(): Promise<void>;
}

export interface ContractTarget {
  readonly name: string;
  fresh(): Promise<ContractDatabase>;
}

/** The journal read back: every entry, and the event lines as an event log. */
async function journal(store: CommandStore<TransferState>): Promise<JournalEntry[]> {
  const out: JournalEntry[] = [];
  for await (const entry of store.load()) out.push(entry);
  return out;
}

/** Balances summed from the events' own postings, independent of the postings table. */
function postingBalances(entries: readonly JournalEntry[]): Balance[] {
  const sums = new Map<string, number>();
  for (const entry of entries) {
    for (const event of entry.events) {
      for (const p of event.payload.postings ?? []) {
        sums.set(p.debit, (sums.get(p.debit) ?? 0) - p.amount);
        sums.set(p.credit, (sums.get(p.credit) ?? 0) + p.amount);
      }
    }
  }
  return [...sums].filter(([, amount]) => amount !== 0).map(([account, amount]) => ({ account, asset: 'CNY', amount })).sort((a, b) => (a.account < b.account ? -1 : 1));
}

const nonZero = (balances: readonly Balance[]): Balance[] => balances.filter((b) => b.amount !== 0);

/** Every invariant a reopened store must satisfy; returns the journal for further checks. */
export async function assertConsistent(store: CommandStore<TransferState>): Promise<JournalEntry[]> {
  const entries = await journal(store);
  const lines = entries.flatMap((e) => e.events.map(eventLine)).join('\n');
  const chain = verifyChain(lines, sha256Hex);
  assert.ok(chain.ok, chain.ok ? '' : `chain: ${chain.error.code} at ${chain.error.line}: ${chain.error.message}`);
  const head = await store.head();
  assert.equal(head.seq, chain.value.length, 'head is the last event of the last command');
  const fromTable = nonZero(await store.balances());
  assert.deepEqual(fromTable, postingBalances(entries), 'postings table = postings inside the events');
  assert.deepEqual(fromTable, store.read(stateBalances), 'postings table = the machine state');
  assert.equal(fromTable.reduce((sum, b) => sum + b.amount, 0), 0, 'double entry: CNY sums to zero');
  for (const b of fromTable) if (b.account !== 'world') assert.ok(b.amount >= 0, `${b.account} never negative`);
  return entries;
}

const open = (account: string): ReturnType<typeof command> => command('operator', `open-${account}`, 'account.open', { account });
const deposit = (account: string, amountFen: number, key = `deposit-${account}`) => command('operator', key, 'cash.deposit', { account, amountFen });
const transfer = (actor: string, key: string, from: string, to: string, amountFen: number) => command(actor, key, 'cash.transfer', { from, to, amountFen });

export function storeContract(target: ContractTarget): void {
  const withDatabase = (name: string, body: (db: ContractDatabase) => Promise<void>): void => {
    test(`${target.name}: ${name}`, async () => {
      const db = await target.fresh();
      try {
        await body(db);
      } finally {
        await db.cleanup();
      }
    });
  };

  withDatabase('appends, acknowledges after commit, and reloads to the same state and events', async (db) => {
    let store = await db.open();
    const acks = await store.submit([open('A'), open('B'), deposit('A', 1000), transfer('A', 't1', 'A', 'B', 300)]);
    assert.deepEqual(acks.map((a) => [a.kind, a.accepted, a.events.map((e) => `${e.seq}:${e.type}`)]), [
      ['new', true, ['1:account.opened']], ['new', true, ['2:account.opened']], ['new', true, ['3:cash.deposited']], ['new', true, ['4:cash.transferred']],
    ]);
    const before = store.read(stateBalances);
    await store.close();
    store = await db.open();
    assert.deepEqual(store.read(stateBalances), before);
    const entries = await assertConsistent(store);
    assert.deepEqual(entries.map((e) => e.events), acks.map((a) => a.events), 'stored events are the acknowledged ones, byte for byte');
    assert.deepEqual(entries.map((e) => e.command), acks.map((a) => a.command));
    await store.close();
  });

  withDatabase('texts with tabs, newlines, backslashes, quotes, Chinese and emoji are stored and read back exactly', async (db) => {
    let store = await db.open();
    const odd = ['a\tb', 'line\nbreak\r\n', 'back\\slash \\N', '"quoted"', '碳汇林-江西', '😀 tonnes'];
    const oddTransfers = (round: number) => odd.map((text, i) => command(text, `${text}-${round}-${i}`, 'cash.transfer', { from: 'A', to: 'B', amountFen: 1 + i, note: text }));
    // A small batch and a large one: a store may write them differently (PostgreSQL: one JSON statement, or COPY).
    const small = [open('A'), open('B'), deposit('A', 10_000), ...oddTransfers(0)];
    const large = Array.from({ length: 8 }, (_, round) => oddTransfers(round + 1)).flat();
    const acks = [...await store.submit(small), ...await store.submit(large)];
    assert.equal(acks.length, small.length + large.length);
    // A lone surrogate cannot be stored as UTF-8 unchanged (it would become U+FFFD and break the
    // chain on reopening): adapters refuse such envelopes, and the store refuses them again.
    await assert.rejects(store.submit([command('lone \ud800', 'k', 'cash.transfer', { from: 'A', to: 'B', amountFen: 1 })]), /well-formed/);
    await assert.rejects(store.submit([command('A', 'key \udc00', 'cash.transfer', { from: 'A', to: 'B', amountFen: 1 })]), /well-formed/);
    await store.close();
    store = await db.open();
    const entries = await journal(store);
    assert.deepEqual(entries.map((e) => e.command), acks.map((a) => a.command), 'every command text comes back as it was sent');
    assert.deepEqual(entries.map((e) => e.events), acks.map((a) => a.events), 'every event, and so every hash, comes back');
    for (const [i, text] of odd.entries()) for (const round of [0, 8]) assert.equal((await store.find(text, `${text}-${round}-${i}`))?.command.actor, text);
    await store.close();
  });

  withDatabase('reads committed events by range: a page after a seq, also after a reopen', async (db) => {
    let store = await db.open();
    assert.deepEqual(await store.eventsAfter(0, 10), [], 'an empty journal has no events');
    await store.submit([open('A'), open('B'), deposit('A', 1000), transfer('A', 't1', 'A', 'B', 300), transfer('B', 't2', 'B', 'A', 5000)]);
    const all = (await journal(store)).flatMap((e) => e.events);
    assert.equal(all.length, 5, 'the refused transfer has its rejection event');
    assert.deepEqual(await store.eventsAfter(0, 100), all);
    assert.deepEqual((await store.eventsAfter(1, 2)).map((e) => e.seq), [2, 3]);
    assert.deepEqual(await store.eventsAfter(4, 100), [all[4]]);
    assert.deepEqual(await store.eventsAfter(5, 100), [], 'nothing after the head');
    assert.deepEqual(await store.eventsAfter(0, 0), [], 'a limit below 1 reads nothing');
    await store.close();
    store = await db.open();
    const paged: unknown[] = [];
    for (let after = 0; ; ) {
      const page = await store.eventsAfter(after, 2);
      if (page.length === 0) break;
      paged.push(...page);
      after = page.at(-1)!.seq;
    }
    assert.deepEqual(paged, all, 'pages of 2 give the whole log, byte for byte');
    await store.close();
  });

  /** 24 commands one per transaction, with a snapshot every 4 events; returns the state's balances. */
  const withSnapshots = async (db: ContractDatabase): Promise<Balance[]> => {
    const store = await db.open({ snapshotEvery: 4, maxBatch: 1 });
    await store.submit([open('A'), open('B'), deposit('A', 10_000)]);
    for (let i = 0; i < 21; i++) await store.submit([transfer(i % 2 === 0 ? 'A' : 'B', `s${i}`, i % 2 === 0 ? 'A' : 'B', i % 2 === 0 ? 'B' : 'A', 100 + i)]);
    const balances = store.read(stateBalances);
    await store.close();
    return balances;
  };

  withDatabase('snapshots: reopening replays only the commands after the latest one, to the state a full replay gives', async (db) => {
    const before = await withSnapshots(db);
    let store = await db.open();
    assert.deepEqual(store.recovery?.snapshot, { commandSeq: 24, eventSeq: 24 }, 'the latest snapshot, after the last command');
    assert.equal(store.recovery?.replayedCommands, 0);
    assert.deepEqual(store.read(stateBalances), before);
    // The idempotency index came back from the commands table: old keys still answer.
    const [again] = await store.submit([transfer('A', 's0', 'A', 'B', 100)]);
    assert.equal(again?.kind, 'duplicate');
    const [reused] = await store.submit([transfer('A', 's0', 'A', 'B', 1)]);
    assert.equal(reused?.kind, 'key_reused');
    await store.submit([transfer('A', 'after', 'A', 'B', 7)]);
    const after = store.read(stateBalances);
    await store.close();
    // Decided from the restored state, checked by a full replay (which compares every event).
    store = await db.open({ fromSnapshot: false });
    assert.deepEqual(store.recovery, { snapshot: null, snapshotProblem: null, replayedCommands: 26 });
    assert.deepEqual(store.read(stateBalances), after);
    await assertConsistent(store);
    await store.close();
    store = await db.open();
    assert.deepEqual(store.recovery?.snapshot, { commandSeq: 24, eventSeq: 24 }, 'the rejection and the transfer were below snapshotEvery: no new snapshot');
    assert.equal(store.recovery?.replayedCommands, 2, 'only the tail is decided again');
    assert.deepEqual(store.read(stateBalances), after);
    await store.close();
  });

  withDatabase('a snapshot that does not match its hash or the chain is not used: the whole journal is replayed, and the store says why', async (db) => {
    const before = await withSnapshots(db);
    await db.exec(`UPDATE snapshots SET state = replace(state, '"A"', '"Z"')`);
    let store = await db.open();
    assert.equal(store.recovery?.snapshot, null);
    assert.match(store.recovery?.snapshotProblem ?? '', /does not match its hash/);
    assert.deepEqual(store.read(stateBalances), before);
    await store.close();
    await db.exec(`DELETE FROM snapshots`);
    store = await db.open();
    assert.deepEqual(store.recovery, { snapshot: null, snapshotProblem: null, replayedCommands: 24 });
    await store.close();
  });

  withDatabase('a retried key returns the first outcome and has no second effect, also after a reopen', async (db) => {
    let store = await db.open();
    await store.submit([open('A'), open('B'), deposit('A', 1000)]);
    const [first] = await store.submit([transfer('A', 'pay-1', 'A', 'B', 100)]);
    const head = await store.head();
    const [again] = await store.submit([transfer('A', 'pay-1', 'A', 'B', 100)]);
    assert.equal(again?.kind, 'duplicate');
    assert.deepEqual(again?.events, first?.events);
    assert.deepEqual(await store.head(), head, 'nothing was written');
    await store.close();
    store = await db.open();
    const [later, inBatch1, inBatch2] = await store.submit([transfer('A', 'pay-1', 'A', 'B', 100), transfer('A', 'pay-2', 'A', 'B', 5), transfer('A', 'pay-2', 'A', 'B', 5)]);
    assert.equal(later?.kind, 'duplicate');
    assert.deepEqual(later?.events, first?.events);
    assert.deepEqual([inBatch1?.kind, inBatch2?.kind], ['new', 'duplicate'], 'the same key twice in one batch');
    assert.deepEqual(inBatch2?.events, inBatch1?.events);
    assert.deepEqual(nonZero(await store.balances()).find((b) => b.account === 'B'), { account: 'B', asset: 'CNY', amount: 105 });
    assert.deepEqual((await store.find('A', 'pay-1'))?.events, first?.events);
    assert.equal(await store.find('B', 'pay-1'), undefined, 'keys are per actor');
    await assertConsistent(store);
    await store.close();
  });

  withDatabase('a key reused with another payload is refused and journaled, with no effect', async (db) => {
    let store = await db.open();
    await store.submit([open('A'), open('B'), deposit('A', 1000)]);
    const [first] = await store.submit([transfer('A', 'pay-1', 'A', 'B', 100)]);
    const balances = await store.balances();
    const [reused] = await store.submit([transfer('A', 'pay-1', 'A', 'B', 999)]);
    assert.equal(reused?.kind, 'key_reused');
    assert.equal(reused?.accepted, false);
    assert.equal(reused?.events.length, 1);
    assert.equal(reused?.events[0]?.payload['code'], IDEMPOTENCY_KEY_REUSED);
    assert.equal(reused?.events[0]?.payload.postings, undefined);
    assert.deepEqual(await store.balances(), balances);
    assert.deepEqual((await store.find('A', 'pay-1'))?.events, first?.events, 'the key keeps its first outcome');
    await store.close();
    store = await db.open();
    const [retried] = await store.submit([transfer('A', 'pay-1', 'A', 'B', 100)]);
    assert.equal(retried?.kind, 'duplicate');
    await assertConsistent(store);
    await store.close();
  });

  withDatabase('reusedKeys refuse: a key reused with another payload is answered key_reused with nothing journaled', async (db) => {
    const store = await db.open();
    await store.submit([open('A'), open('B'), deposit('A', 1000)]);
    const [first] = await store.submit([transfer('A', 'pay-1', 'A', 'B', 100)]);
    const head = await store.head();
    const acks = await store.submit([transfer('A', 'pay-1', 'A', 'B', 999), transfer('A', 'pay-1', 'A', 'B', 100), transfer('A', 'pay-2', 'A', 'B', 1)], { reusedKeys: 'refuse' });
    assert.deepEqual(acks.map((a) => [a.kind, a.accepted, a.events.length]), [['key_reused', false, 0], ['duplicate', true, 1], ['new', true, 1]]);
    assert.deepEqual(acks[1]?.events, first?.events);
    assert.equal((await store.head()).seq, head.seq + 1, 'only pay-2 was journaled');
    const [alone] = await store.submit([transfer('A', 'pay-2', 'A', 'B', 2)], { reusedKeys: 'refuse' });
    assert.equal(alone?.kind, 'key_reused', 'a batch of refusals alone writes nothing and is still answered');
    assert.equal((await store.head()).seq, head.seq + 1);
    await assertConsistent(store);
    await store.close();
  });

  withDatabase('keep: each new command\u2019s response is written in its own transaction; a failed transaction writes neither', async (db) => {
    const keepAs = (principal: string) => ({
      keep: (decided: DecidedCommand): KeepRequest => ({ principal, key: decided.command.key, fingerprint: 'f', status: decided.accepted ? 201 : 422, contentType: 'text/plain', body: new TextEncoder().encode(`${decided.events[0]?.seq}`), createdAt: decided.command.at }),
    });
    // Without the accounts' tables the transaction fails: no command, no response, nobody acknowledged.
    let store = await db.open();
    await store.submit([open('A'), open('B'), deposit('A', 1000)]);
    const head = await store.head();
    await assert.rejects(store.submit([transfer('A', 'k1', 'A', 'B', 10)], keepAs('ann')));
    assert.deepEqual(await store.head(), head);
    assert.equal((await store.submit([transfer('A', 'k0', 'A', 'B', 1)]))[0]?.kind, 'new', 'the store goes on after the failed batch');
    await store.close();
    const accounts = await openAccounts(db.target);
    try {
      store = await db.open();
      const acks = await store.submit([transfer('A', 'k1', 'A', 'B', 10), transfer('A', 'k2', 'A', 'B', 5000), transfer('A', 'k0', 'A', 'B', 1)], keepAs('ann'));
      assert.deepEqual(acks.map((a) => a.kind), ['new', 'new', 'duplicate']);
      const k1 = await accounts.findResponse('ann', 'k1', 'f');
      const k2 = await accounts.findResponse('ann', 'k2', 'f');
      assert.ok(k1 !== undefined && k1 !== 'conflict' && k2 !== undefined && k2 !== 'conflict');
      assert.deepEqual([k1.status, new TextDecoder().decode(k1.body)], [201, String(acks[0]?.events[0]?.seq)]);
      assert.deepEqual(acks.map((a) => a.response?.status), [201, 422, undefined], 'the acknowledgement carries the response kept with it');
      assert.deepEqual(acks[0]?.response?.body, k1.body);
      assert.equal(k2.status, 422, 'a journaled refusal keeps its response too');
      assert.equal(await accounts.findResponse('ann', 'k0', 'f'), undefined, 'a duplicate writes nothing');
      assert.equal(await accounts.findResponse('ann', 'k1', 'other'), 'conflict');
      assert.equal(await accounts.responseCount(), 2);
      await assertConsistent(store);
      await store.close();
    } finally {
      await accounts.close();
    }
  });

  withDatabase('batches that keep answers and batches that do not, in flight together, chain as one journal; a kept body that shows its events gets their hashes', async (db) => {
    const keep = { keep: (decided: DecidedCommand): KeepRequest => ({ principal: 'ann', key: decided.command.key, fingerprint: 'f', status: 201, contentType: 'text/plain', body: { before: `${decided.command.key}:`, after: ';' }, createdAt: decided.command.at }) };
    const accounts = await openAccounts(db.target);
    try {
      const store = await db.open({ maxBatch: 4 });
      await store.submit([open('A'), open('B'), deposit('A', 100_000)]);
      const acks = await Promise.all(Array.from({ length: 60 }, (_, i) => store.submit([transfer('A', `m${i}`, 'A', 'B', 1 + i)], i % 7 === 3 ? keep : undefined)));
      const entries = await assertConsistent(store);
      assert.deepEqual(entries.slice(3).map((e) => e.events), acks.map(([ack]) => ack?.events), 'every acknowledgement carries the stored events and hashes');
      for (let i = 3; i < 60; i += 7) {
        const kept = await accounts.findResponse('ann', `m${i}`, 'f');
        assert.ok(kept !== undefined && kept !== 'conflict');
        const ack = acks[i]?.[0];
        const shown = ack?.events.map((e) => outcomeEventJson(e.seq, e.type, canonicalJson(e.payload), e.hash)).join(',');
        assert.equal(new TextDecoder().decode(kept.body), `m${i}:[${shown}];`, 'a kept answer shows its events with their hashes');
        assert.equal(ack?.response?.body, new TextDecoder().decode(kept.body), 'the answer given is the one stored');
      }
      await store.close();
    } finally {
      await accounts.close();
    }
  });

  withDatabase('a refused command writes its rejection and no postings; state is unchanged', async (db) => {
    const store = await db.open();
    await store.submit([open('A'), open('B'), deposit('A', 100)]);
    const balances = await store.balances();
    const state = store.read(stateBalances);
    const acks = await store.submit([transfer('A', 'big', 'A', 'B', 101), transfer('A', 'ghost', 'A', 'Z', 1), transfer('A', 'self', 'A', 'A', 1), command('A', 'odd', 'cash.teleport', {})]);
    assert.deepEqual(acks.map((a) => [a.accepted, a.events[0]?.type, a.events[0]?.payload['code']]), [
      [false, 'cash.transfer.rejected', 'insufficient_funds'], [false, 'cash.transfer.rejected', 'unknown_account'],
      [false, 'cash.transfer.rejected', 'same_account'], [false, 'cash.teleport.rejected', 'unknown_command'],
    ]);
    for (const ack of acks) assert.equal(ack.events[0]?.payload.postings, undefined);
    assert.deepEqual(await store.balances(), balances);
    assert.deepEqual(store.read(stateBalances), state);
    const [retry] = await store.submit([transfer('A', 'big', 'A', 'B', 101)]);
    assert.equal(retry?.kind, 'duplicate', 'a refusal uses up its key');
    await assertConsistent(store);
    await store.close();
  });

  withDatabase('concurrent submitters: every command acknowledged once, journal contiguous, balances conserved', async (db) => {
    const accounts = Array.from({ length: 20 }, (_, i) => `acc${i}`);
    let store = await db.open({ maxBatch: 64 });
    await store.submit(accounts.flatMap((a) => [open(a), deposit(a, 10_000)]));
    const seen = new Set<number>();
    await Promise.all(accounts.map(async (actor, i) => {
      for (let n = 0; n < 40; n++) {
        const to = accounts[(i + n + 1) % accounts.length]!;
        const key = `${actor}-${String(n).padStart(4, '0')}`;
        const [ack] = await store.submit([transfer(actor, key, actor, to, 1 + ((i * 7 + n) % 900))]);
        assert.equal(ack?.kind, 'new');
        for (const e of ack?.events ?? []) {
          assert.ok(!seen.has(e.seq), `seq ${e.seq} handed out twice`);
          seen.add(e.seq);
        }
        if (n % 10 === 0) assert.equal((await store.submit([transfer(actor, key, actor, to, 1 + ((i * 7 + n) % 900))]))[0]?.kind, 'duplicate');
      }
    }));
    assert.equal(seen.size, 800);
    const state = store.read(stateBalances);
    await store.close();
    store = await db.open();
    assert.deepEqual(store.read(stateBalances), state);
    const entries = await assertConsistent(store);
    assert.equal(entries.length, 40 + 800);
    await store.close();
  });

  withDatabase('one transaction per command (maxBatch 1) gives the same journal as group commit', async (db) => {
    const plain = await db.open({ maxBatch: 1, pipeline: 1 });
    const commands = [open('A'), open('B'), deposit('A', 50), transfer('A', 'x1', 'A', 'B', 20), transfer('A', 'x2', 'A', 'B', 40), transfer('A', 'x1', 'A', 'B', 20)];
    const acks = await plain.submit(commands);
    assert.deepEqual(acks.map((a) => a.kind), ['new', 'new', 'new', 'new', 'new', 'duplicate']);
    const hash = (await plain.head()).hash;
    await plain.close();
    const other = await target.fresh();
    try {
      const grouped = await other.open();
      await grouped.submit(commands);
      assert.equal((await grouped.head()).hash, hash, 'the same commands chain to the same head');
      await grouped.close();
    } finally {
      await other.cleanup();
    }
  });

  withDatabase('the tables are append-only, and a changed event stops the store from opening', async (db) => {
    const store = await db.open();
    await store.submit([open('A'), deposit('A', 70)]);
    await store.close();
    await assert.rejects(db.exec("UPDATE events SET type = 'x' WHERE seq = 2"), /append-only/);
    await assert.rejects(db.exec('DELETE FROM postings'), /append-only/);
    await db.forceEventPayload(2, '{"account":"A","amountFen":7000,"postings":[{"amount":7000,"asset":"CNY","code":"deposit","credit":"A","debit":"world"}]}');
    await assert.rejects(db.open(), (cause: unknown) => cause instanceof StorageError && cause.code === 'journal_corrupt' && /event seq 2/.test(cause.message));
  });
}
