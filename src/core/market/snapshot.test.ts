/**
 * Snapshots: the image of the state round-trips, and a state restored from a snapshot taken
 * anywhere in a journal goes on to the same events and the same state as the full replay.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JournalEngine, canonicalJson } from '../journal/index.js';
import { toImage } from '../journal/image.js';
import { createExchangeMachine } from './machine.js';
import { stateImage } from './snapshot.js';
import { MARKET_EXAMPLES } from './test-support/examples.js';
import { sha256 } from './test-support/journal.js';
import { run } from './test-support/run.js';

const machine = createExchangeMachine();

for (const [name, build] of Object.entries(MARKET_EXAMPLES)) {
  test(`${name}: snapshot at every 7th command + the rest of the journal = the full replay (events and state)`, () => {
    const commands = build();
    const full = run(commands);
    const fullImage = canonicalJson(stateImage(full.engine.state));
    for (let cut = 1; cut < commands.length; cut += 7) {
      const head = run(commands.slice(0, cut));
      const image = machine.snapshot!(head.engine.state);
      // Through text, as a store keeps it.
      const restored = machine.restore!(JSON.parse(canonicalJson(image)));
      assert.equal(canonicalJson(stateImage(restored)), canonicalJson(image), `${name} cut ${cut}: the image round-trips`);
      const engine = new JournalEngine(machine, sha256, { state: restored, lastSeq: head.engine.lastSeq, headHash: head.engine.headHash, index: head.engine.index });
      const tail = run(commands.slice(cut), engine);
      assert.equal([...head.lines, ...tail.lines].join('\n'), full.lines.join('\n'), `${name} cut ${cut}: same events`);
      assert.equal(canonicalJson(stateImage(tail.engine.state)), fullImage, `${name} cut ${cut}: same state`);
    }
  });
}

test('the image keeps shared objects shared, Maps and Sets in order, and refuses what it cannot store', () => {
  const shared = { n: 1 };
  const image = toImage({ a: shared, b: [shared], m: new Map([[2, 'x'], [1, 'y']]), s: new Set(['q', 'p']), u: undefined });
  assert.equal(canonicalJson(image), '{"a":{"$def":0,"v":{"n":1}},"b":[{"$ref":0}],"m":{"$map":[[2,"x"],[1,"y"]]},"s":{"$set":["q","p"]}}');
  const state = machine.restore!(machine.snapshot!(run(MARKET_EXAMPLES['market-continuous-cooperative']!()).engine.state));
  for (const order of state.market.orders.values()) assert.equal(state.market.instruments.get(order.instrument)!.book.meta[order.handle], order);
  assert.throws(() => toImage({ d: new Date(0) }), /no codec for an instance of Date/);
  assert.throws(() => toImage({ f: Number.NaN }), /cannot be stored/);
  assert.throws(() => toImage({ $x: 1 }), /marker/);
});
