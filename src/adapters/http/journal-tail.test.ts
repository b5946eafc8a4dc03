import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventRecord } from '../../core/journal/types.js';
import { JournalTail, journalTail } from './journal-tail.js';

const record = (seq: number, type: string): EventRecord => ({ seq, key: `k${seq}`, type, payload: {}, prevHash: '', hash: '' });

/** An event log that grows, and counts the events it was asked for. */
function log() {
  const events: EventRecord[] = [];
  let read = 0;
  return {
    events,
    get read() { return read; },
    async eventsAfter(afterSeq: number, limit: number) {
      const page = events.filter((e) => e.seq > afterSeq).slice(0, limit);
      read += page.length;
      return page;
    },
  };
}

test('the tail keeps the market events in order and reads each event of the log once', async () => {
  const store = log();
  const tail = new JournalTail(store);
  store.events.push(record(1, 'participant.registered'), record(2, 'order.accepted'), record(3, 'trade'));
  assert.deepEqual((await tail.marketEvents()).map((e) => e.seq), [2, 3]);
  store.events.push(record(4, 'cash.deposited'), record(5, 'order.done'), record(6, 'trade.busted'), record(7, 'order.amended'));
  assert.deepEqual((await tail.marketEvents()).map((e) => e.seq), [2, 3, 5, 6, 7]);
  assert.deepEqual((await tail.marketEvents()).map((e) => e.seq), [2, 3, 5, 6, 7], 'nothing new: nothing more');
  assert.equal(store.read, 7, 'every event read once, however many requests');
});

test('a request sees every event committed before it, even while another catch-up is under way', async () => {
  const store = log();
  const tail = new JournalTail(store);
  store.events.push(record(1, 'trade'));
  const first = tail.marketEvents();
  store.events.push(record(2, 'trade'));
  const second = tail.marketEvents();
  assert.deepEqual((await second).map((e) => e.seq), [1, 2]);
  assert.ok((await first).length >= 1);
});

test('events that move serial blocks are kept for serial histories, whatever their type', async () => {
  const store = log();
  const tail = new JournalTail(store);
  const moving = (seq: number, type: string): EventRecord => ({ ...record(seq, type), payload: { blocks: [] } });
  store.events.push(moving(1, 'credits.issued'), record(2, 'cash.deposited'), moving(3, 'trade'), moving(4, 'credits.retired'));
  assert.deepEqual((await tail.blockEvents()).map((e) => e.seq), [1, 3, 4]);
  assert.deepEqual((await tail.marketEvents()).map((e) => e.seq), [3]);
});

test('a long log is read in pages; a caller changing its copy does not change the tail', async () => {
  const store = log();
  for (let seq = 1; seq <= 25_000; seq++) store.events.push(record(seq, seq % 2 === 0 ? 'trade' : 'order.accepted'));
  const tail = journalTail(store);
  assert.equal(journalTail(store), tail, 'one tail per store');
  const events = await tail.marketEvents();
  assert.equal(events.length, 25_000);
  (events as EventRecord[]).length = 0;
  assert.equal((await tail.marketEvents()).length, 25_000);
});
