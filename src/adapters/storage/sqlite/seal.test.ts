/** The writer thread's half of the hash chain: the same hashes as the engine's, and no batch that does not continue the head. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GENESIS_HASH, chainEvent, outcomeEventJson } from '../../../core/journal/index.js';
import type { CommandRow, EventRow, UnsealedEventRow } from '../driver.js';
import { sha256Hex } from '../sha256.js';
import { RESPONSE_FIELDS, flatten } from './insert.js';
import { completeBodies, sealEvents } from './seal.js';

const command = (seq: number, actor: string, key: string, firstEvent: number, eventCount: number): CommandRow => ({
  seq, actor, key, type: 'cash.transfer', at: '2026-11-23T09:30:00+08:00', payload: '{}', accepted: true, firstUse: true, firstEvent, eventCount,
});

/** Two commands after a head at seq 4: the first with two events, the second with one. */
function batch(): { commands: CommandRow[]; chained: EventRow[] } {
  const head = sha256Hex('an earlier event');
  const drafts = [['A', 'k1', 'x.done', { n: 1 }], ['A', 'k1', 'y.done', { n: '碳汇' }], ['B', 'k2', 'x.done', { n: 3 }]] as const;
  const chained: EventRow[] = [];
  let prev = head;
  drafts.forEach(([actor, key, type, payload], i) => {
    const event = chainEvent({ type, payload }, 5 + i, key, prev, sha256Hex);
    chained.push({ seq: 5 + i, actor, key, type, payload: event.payloadJson, prevHash: prev, hash: event.record.hash });
    prev = event.record.hash;
  });
  return { commands: [command(3, 'A', 'k1', 5, 2), command(4, 'B', 'k2', 7, 1)], chained };
}

const unsealed = (events: readonly EventRow[]): UnsealedEventRow[] => events.map(({ seq, actor, key, type, payload }) => ({ seq, actor, key, type, payload }));
const head = { seq: 4, hash: sha256Hex('an earlier event') };

test('an unsealed batch is hashed as the engine hashes it, each event with its command\'s actor and key', () => {
  const { commands, chained } = batch();
  const sealed = sealEvents(flatten({ commands, events: unsealed(chained), postings: [] }), head, sha256Hex);
  assert.deepEqual(sealed.rows, chained.flatMap((e) => [e.seq, e.actor, e.key, e.type, e.payload, e.prevHash, e.hash]));
  assert.equal(sealed.reply, head.hash + chained.map((e) => e.hash).join(''), 'the answer: the head before, then each hash');
});

test('a sealed batch keeps its hashes and is answered with none', () => {
  const { commands, chained } = batch();
  const sealed = sealEvents(flatten({ commands, events: chained, postings: [] }), head, sha256Hex);
  assert.deepEqual(sealed.rows, chained.flatMap((e) => [e.seq, e.actor, e.key, e.type, e.payload, e.prevHash, e.hash]));
  assert.equal(sealed.reply, null);
});

test('a batch that does not continue the stored head is refused, sealed or not', () => {
  const { commands, chained } = batch();
  assert.throws(() => sealEvents(flatten({ commands, events: chained, postings: [] }), { seq: 4, hash: GENESIS_HASH }, sha256Hex), /chains onto hash/);
  assert.throws(() => sealEvents(flatten({ commands, events: unsealed(chained), postings: [] }), { seq: 3, hash: head.hash }, sha256Hex), /does not follow the journal's head at seq 3/);
  assert.throws(() => sealEvents(flatten({ commands: commands.slice(0, 1), events: unsealed(chained), postings: [] }), head, sha256Hex), /event seq 7 belongs to no command/);
  const broken = chained.map((e, i) => (i === 1 ? { ...e, prevHash: GENESIS_HASH } : e));
  assert.throws(() => flatten({ commands, events: broken, postings: [] }), /event 6: its prevHash is not the hash of the event before it/);
});

test('a kept body that shows its command\'s events is completed with their hashes, in its row; a complete one is left alone', () => {
  const { commands, chained } = batch();
  const response = { principal: 'ann', fingerprint: 'f', status: 201, contentType: 'application/json', createdAt: '2026-11-23T09:30:00+08:00' };
  const flat = flatten({
    commands, events: unsealed(chained), postings: [],
    responses: [
      { kept: { ...response, key: 'k1', body: { before: '{"events":', after: '}' } }, firstEvent: 5, eventCount: 2 },
      { kept: { ...response, key: 'k0', body: 'refused' }, firstEvent: 7, eventCount: 0 },
      { kept: { ...response, key: 'k2', body: { before: '', after: '' } }, firstEvent: 7, eventCount: 1 },
    ],
  });
  const sealed = sealEvents(flat, head, sha256Hex);
  const shown = chained.map((e) => outcomeEventJson(e.seq, e.type, e.payload, e.hash));
  const bodies = completeBodies(flat, sealed.rows);
  assert.deepEqual(bodies, [`{"events":[${shown[0]},${shown[1]}]}`, `[${shown[2]}]`]);
  const body = RESPONSE_FIELDS.indexOf('body');
  const width = RESPONSE_FIELDS.length;
  assert.deepEqual([0, 1, 2].map((i) => flat.responses[i * width + body]), [bodies[0], 'refused', bodies[1]], 'the rows store the completed bodies');
  assert.deepEqual(JSON.parse(bodies[0]!), { events: chained.slice(0, 2).map((e) => ({ seq: e.seq, type: e.type, payload: JSON.parse(e.payload), hash: e.hash })) });
  const outside = flatten({ commands, events: unsealed(chained), postings: [], responses: [{ kept: { ...response, key: 'k9', body: { before: '', after: '' } }, firstEvent: 8, eventCount: 1 }] });
  assert.throws(() => completeBodies(outside, sealEvents(outside, head, sha256Hex).rows), /outside the batch's 5…7/);
});
