import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { CommandEnvelope } from '../journal/types.js';
import { createExchangeMachine, isMarketCommand } from './machine.js';
import { MARKET_SCHEMAS, checkedMarketPayload, parseMarketPayload } from './schemas.js';

const commands = (name: string): CommandEnvelope[] => readFileSync(`examples/market/${name}.jsonl`, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as CommandEnvelope);

test('a payload parseMarketPayload made is taken as it is; anything else is parsed (and refused when it does not fit)', () => {
  const body = { instrument: 'SINK/forest/360732/2023', side: 'buy', kind: 'limit', priceFen: 1200, quantityT: 1, tif: 'GTC' };
  const parsed = parseMarketPayload('order.place', body);
  assert.ok(parsed.success);
  const checked = checkedMarketPayload('order.place', parsed.data);
  assert.ok(checked.success);
  assert.equal(checked.data, parsed.data, 'the same object, not parsed again');
  const plain = checkedMarketPayload('order.place', body);
  assert.ok(plain.success);
  assert.notEqual(plain.data, body, 'an unmarked payload is parsed');
  assert.equal(checkedMarketPayload('order.cancel', parsed.data).success, false, 'marked for its own type only');
  assert.equal(checkedMarketPayload('order.place', { ...body, quantityT: -1 }).success, false);
  assert.equal(parseMarketPayload('order.place', { ...body, bogus: 1 }).success, false);
});

test('every market schema gives its output back unchanged (no transforms), so a payload parsed once decides as one parsed twice', () => {
  let seen = 0;
  for (const name of ['market-continuous-cooperative', 'market-block-trade', 'market-call-auction', 'market-one-way-bidding']) {
    const examples = commands(name);
    const once = createExchangeMachine();
    const twice = createExchangeMachine();
    let s1 = once.initial();
    let s2 = twice.initial();
    let seq = 1;
    let accepted = 0;
    for (const command of examples) {
      if (!isMarketCommand(command.type)) continue;
      const first = MARKET_SCHEMAS[command.type].safeParse(command.payload);
      if (!first.success) continue;
      const again = MARKET_SCHEMAS[command.type].safeParse(first.data);
      assert.ok(again.success);
      assert.deepEqual(again.data, first.data);
      assert.deepEqual(Object.keys(again.data as object), Object.keys(first.data as object));
      seen++;
    }
    // Whole machines: marked payloads give the same outcomes as plain ones.
    for (const command of examples) {
      const marked = isMarketCommand(command.type) ? parseMarketPayload(command.type, command.payload) : undefined;
      const a = once.decide(s1, command);
      const b = twice.decide(s2, { ...command, payload: marked?.success === true ? marked.data : command.payload });
      assert.deepEqual(b, a, `${command.type} ${command.key}`);
      s1 = once.apply(s1, command, a, seq);
      s2 = twice.apply(s2, command, b, seq);
      seq += a.events.length;
      if (a.accepted && isMarketCommand(command.type)) accepted++;
    }
    assert.ok(accepted > 3, `${name}: market commands accepted: ${accepted}`);
  }
  assert.ok(seen > 10, `market commands checked: ${seen}`);
});
