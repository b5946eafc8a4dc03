import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventRecord } from '../../core/journal/types.js';
import { JournalTail, journalTail } from './journal-tail.js';

const record = (seq: number, type: string): EventRecord => ({ seq, key: `k${seq}`, type, payload: {}, prevHash: '', hash: '' });
const trade = (seq: number): EventRecord => ({
  ...record(seq, 'trade'),
  payload: {
    at: '2025-03-03T10:00:00+08:00', instrument: 'SINK/forest/360732/2023', venue: 'continuous', priceFen: 5000, quantityT: 1, notionalFen: 5000,
    buyer: 'emitter', seller: 'coop', buyerRegion: '360100', sellerRegion: '360732', buyOrderId: `emitter/b${seq}`, sellOrderId: `coop/s${seq}`, buyerFeeFen: 5, sellerFeeFen: 5,
  },
});
const bust = (seq: number, tradeSeq: number): EventRecord => ({ ...record(seq, 'trade.busted'), payload: { tradeSeq } });
const tapeSeqs = async (tail: JournalTail): Promise<number[]> => (await tail.market()).tape().map((t) => t.seq);

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

test('the tail folds the market events into its views in order and reads each event of the log once', async () => {
  const store = log();
  const tail = new JournalTail(store);
  store.events.push(record(1, 'participant.registered'), trade(2), trade(3));
  assert.deepEqual(await tapeSeqs(tail), [2, 3]);
  store.events.push(record(4, 'cash.deposited'), trade(5), bust(6, 2), record(7, 'order.amended'));
  assert.deepEqual(await tapeSeqs(tail), [3, 5], 'the busted trade left the tape');
  assert.deepEqual(await tapeSeqs(tail), [3, 5], 'nothing new: nothing more');
  assert.equal(store.read, 7, 'every event read once, however many requests');
  const rows = (await tail.market()).tradeLists({ id: 'emitter', clients: new Set() });
  assert.deepEqual(rows.flat().map((t) => [t.seq, t.bustedSeq]), [[2, 6], [3, null], [5, null]], 'the buyer still sees the busted trade, marked');
});

test('a request sees every event committed before it, even while another catch-up is under way', async () => {
  const store = log();
  const tail = new JournalTail(store);
  store.events.push(trade(1));
  const first = tail.market();
  store.events.push(trade(2));
  const second = tail.market();
  assert.deepEqual((await second).tape().map((t) => t.seq), [1, 2]);
  assert.ok((await first).tape().length >= 1);
});

test('events that move serial blocks are kept for serial histories by project, whatever their type', async () => {
  const store = log();
  const tail = new JournalTail(store);
  const moving = (event: EventRecord, ...projects: string[]): EventRecord => ({ ...event, payload: { ...event.payload, blocks: projects.map((projectId) => ({ projectId })) } });
  store.events.push(moving(record(1, 'credits.issued'), 'XG01'), record(2, 'cash.deposited'), moving(trade(3), 'XG01', 'XG02', 'XG01'), moving(record(4, 'credits.retired'), 'XG02'));
  assert.deepEqual((await tail.blockEvents('XG01')).map((e) => e.seq), [1, 3], 'an event once per project, however many of its blocks');
  assert.deepEqual((await tail.blockEvents('XG02')).map((e) => e.seq), [3, 4]);
  assert.deepEqual(await tail.blockEvents('XG03'), []);
  assert.deepEqual(await tapeSeqs(tail), [3]);
});

test('a long log is read in pages, into one tail per store', async () => {
  const store = log();
  for (let seq = 1; seq <= 25_000; seq++) store.events.push(seq % 2 === 0 ? trade(seq) : record(seq, 'cash.deposited'));
  const tail = journalTail(store);
  assert.equal(journalTail(store), tail, 'one tail per store');
  assert.equal((await tail.market()).tape().length, 12_500);
  assert.equal(store.read, 25_000);
});
