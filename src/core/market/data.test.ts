import { test } from 'node:test';
import assert from 'node:assert/strict';
import { candles, cityIndicators, cityOf, depth, sessionCloses, tradeTape, type TapeEntry } from './data.js';
import { MARKET_EXAMPLES } from './test-support/examples.js';
import { FOREST } from './test-support/journal.js';
import { run } from './test-support/run.js';

const t = (at: string, priceFen: number, quantityT: number, buyerRegion: string, sellerRegion: string): TapeEntry =>
  ({ seq: 0, at, instrument: FOREST, venue: 'continuous', priceFen, quantityT, buyer: 'b', seller: 's', buyerRegion, sellerRegion });

test('candles per minute, hour and day in Asia/Shanghai time', () => {
  const tape = [t('2025-03-03T10:00:05+08:00', 5000, 10, '360100', '360732'), t('2025-03-03T10:00:50+08:00', 5020, 5, '360100', '360732'), t('2025-03-03T02:01:00Z', 4990, 5, '360100', '360732')];
  assert.deepEqual(candles(tape, FOREST, 'minute'), [
    { start: '2025-03-03T10:00', openFen: 5000, highFen: 5020, lowFen: 5000, closeFen: 5020, volumeT: 15, notionalFen: 75_100 },
    { start: '2025-03-03T10:01', openFen: 4990, highFen: 4990, lowFen: 4990, closeFen: 4990, volumeT: 5, notionalFen: 24_950 },
  ]);
  assert.equal(candles(tape, FOREST, 'hour').length, 1);
  assert.deepEqual(candles(tape, FOREST, 'day').map((c) => [c.start, c.volumeT, c.lowFen, c.highFen]), [['2025-03-03', 20, 4990, 5020]]);
});

test('S21–S25 and exports/imports per city (first four digits + "00")', () => {
  assert.equal(cityOf('360732'), '360700');
  const tape = [
    t('2025-03-03T10:00:00+08:00', 5000, 10, '360702', '360732'), // local to 360700
    t('2025-03-03T10:00:01+08:00', 5001, 20, '360702', '360721'), // local
    t('2025-03-03T10:00:02+08:00', 5100, 30, '360102', '360732'), // 360700 exports to 360100
  ];
  const [nanchang, ganzhou] = cityIndicators(tape);
  // S21 = (50,000 + 100,020) / 30 = 5,000.67 → 5,001 (half-up to the fen).
  assert.deepEqual(ganzhou, { city: '360700', localPriceFen: 5001, exportPriceFen: 5100, importPriceFen: null, localDemandT: 30, exportDemandT: 30, exportsT: 30, exportsFen: 153_000, importsT: 0, importsFen: 0 });
  assert.deepEqual(nanchang, { city: '360100', localPriceFen: null, exportPriceFen: null, importPriceFen: 5100, localDemandT: 0, exportDemandT: 0, exportsT: 0, exportsFen: 0, importsT: 30, importsFen: 153_000 });
});

test('market data over the continuous example: tape, closes, depth', () => {
  const { records, engine } = run(MARKET_EXAMPLES['market-continuous-cooperative']!());
  const tape = tradeTape(records);
  assert.ok(tape.length >= 4);
  assert.ok(tape.every((x) => x.sellerRegion === '360700'));
  const closes = sessionCloses(records);
  assert.equal(closes.length, 1);
  const continuous = tape.filter((x) => x.venue === 'continuous');
  const notional = continuous.reduce((s, x) => s + x.priceFen * x.quantityT, 0);
  const volume = continuous.reduce((s, x) => s + x.quantityT, 0);
  assert.equal(closes[0]!.closeFen, Math.floor((2 * notional + volume) / (2 * volume)));
  assert.deepEqual(depth(engine.state, FOREST)!.bids, []);
  assert.equal(depth(engine.state, 'SINK/forest/360732/2019'), null);
});
