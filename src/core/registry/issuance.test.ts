import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issuanceFigures } from './issuance.js';
import { EXAMPLES } from './test-support/examples.js';
import { engineFor } from './test-support/run.js';

test('hand-checked: fraction carried, buffer ceil, PPP split by largest remainder keyed by proponent id', () => {
  // 2,101,999 kg + 0 carried → 2,101 t, 999 kg carried; buffer ceil(20 % × 2,101 = 420.2) = 421;
  // 1,680 t split 60:40 → 1,008 and 672 exactly.
  const shares = [{ participantId: 'city', shareBp: 6000 }, { participantId: 'silva', shareBp: 4000 }];
  assert.deepEqual(issuanceFigures(2_101_999, 0, 2000, shares), { issuedT: 2101, carryKgAfter: 999, bufferT: 421, proponentT: [1008, 672] });
  // Next period 700,500 kg + 999 carried = 701,499 → 701 t, 499 kg carried; buffer ceil(140.2) = 141;
  // 560 t by 1/3 : 1/3 : 1/3 (3,334 / 3,333 / 3,333 bp) → 186.70, 186.65, 186.65: floors 186 each, the
  // two tonnes left go to the largest remainders (a), then the tie between b and c to the smaller id (b).
  const thirds = [{ participantId: 'a', shareBp: 3334 }, { participantId: 'b', shareBp: 3333 }, { participantId: 'c', shareBp: 3333 }];
  assert.deepEqual(issuanceFigures(700_500, 999, 2000, thirds), { issuedT: 701, carryKgAfter: 499, bufferT: 141, proponentT: [187, 187, 186] });
  // Below one tonne nothing is issued and everything is carried; 10 % buffer of 1 t is 1 t (ceil).
  assert.deepEqual(issuanceFigures(999, 0, 1000, [{ participantId: 'x', shareBp: 10000 }]), { issuedT: 0, carryKgAfter: 999, bufferT: 0, proponentT: [0] });
  assert.deepEqual(issuanceFigures(1, 999, 1000, [{ participantId: 'x', shareBp: 10000 }]), { issuedT: 1, carryKgAfter: 0, bufferT: 1, proponentT: [0] });
});

test('the PPP example: serials 1–421 to the buffer, then city 422–1,429, then silva 1,430–2,101', () => {
  const { events } = engineFor(EXAMPLES['registry-pledge']!());
  const issued = events.find((e) => e.record.type === 'credits.issued')!.record.payload;
  assert.deepEqual((issued['blocks'] as { serial: string; to: string }[]).map((b) => [b.serial, b.to]), [
    ['NTL-360702-GZ01-2024-1-421', 'R:buffer'],
    ['NTL-360702-GZ01-2024-422-1429', 'P:city:units'],
    ['NTL-360702-GZ01-2024-1430-2101', 'P:silva:units'],
  ]);
  assert.equal(issued['carryKgAfter'], 999);
});

test('the forest-fire example: carry across periods, then the buffer first, then the proponent; buyers untouched', () => {
  const { engine, events } = engineFor(EXAMPLES['registry-forest-fire-reversal']!());
  const issuances = events.filter((e) => e.record.type === 'credits.issued').map((e) => e.record.payload);
  // 500,700 kg → 500 t (700 carried); 510,400 + 700 = 511,100 → 511 t (100 carried).
  assert.deepEqual(issuances.map((p) => [p['issuedT'], p['bufferT'], p['carryKgAfter']]), [[500, 100, 700], [511, 103, 100]]);
  const reversal = events.find((e) => e.record.type === 'credits.reversed')!.record.payload;
  assert.deepEqual([reversal['fromBufferT'], reversal['fromProponentsT'], reversal['uncoveredT']], [203, 147, 0]);
  assert.equal(engine.state.balances.balance('R:retired:compliance', 'UNIT/XG02/2021') + engine.state.balances.balance('R:retired:compliance', 'UNIT/XG02/2022'), 600);
});
