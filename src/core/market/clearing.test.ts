import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUY, SELL } from './book.js';
import { clearCall, clearOneWay } from './clearing.js';
import type { AuctionOrder } from './types.js';

let seq = 0;
const o = (key: string, side: 0 | 1, priceFen: number, quantityT: number): AuctionOrder => ({ id: key, key, owner: key, side, priceFen, quantityT, tif: 'DAY', seq: ++seq, reservedFen: 0, remainingT: quantityT });

test('call auction: the volume-maximising price, fills greedy in priority order (hand-computed)', () => {
  const orders = [o('B1', BUY, 5100, 30), o('B2', BUY, 5000, 20), o('B3', BUY, 4900, 10), o('S1', SELL, 4900, 20), o('S2', SELL, 5000, 20), o('S3', SELL, 5100, 30)];
  // 4900: D 60, S 20 → 20; 5000: D 50, S 40 → 40; 5100: D 30, S 70 → 30.
  const r = clearCall(orders, 4500, 5500, 5000)!;
  assert.equal(r.priceFen, 5000);
  assert.equal(r.volumeT, 40);
  assert.equal(r.imbalanceT, 10);
  assert.deepEqual(r.fills.map((f) => [f.buy.key, f.sell.key, f.quantityT]), [['B1', 'S1', 20], ['B1', 'S2', 10], ['B2', 'S2', 10]]);
});

test('call auction ties: least imbalance, then nearest the reference, then the lower price', () => {
  // Equal volume 10 at 4900 (imbalance 5) and 5000 (imbalance 0): 5000.
  assert.equal(clearCall([o('b', BUY, 5000, 10), o('b2', BUY, 4900, 5), o('s', SELL, 4900, 10)], 4500, 5500, 4900)!.priceFen, 5000);
  // Equal volume and imbalance at 4900 and 5000: nearest the reference.
  const pair = [o('b', BUY, 5000, 10), o('s', SELL, 4900, 10)];
  assert.equal(clearCall(pair, 4500, 5500, 4990)!.priceFen, 5000);
  assert.equal(clearCall(pair, 4500, 5500, 4910)!.priceFen, 4900);
  // Equidistant from the reference: the lower price.
  assert.equal(clearCall(pair, 4500, 5500, 4950)!.priceFen, 4900);
  // Candidates are limit prices inside the band only.
  assert.equal(clearCall(pair, 4950, 5500, 4950)!.priceFen, 5000);
  assert.equal(clearCall([o('b', BUY, 4800, 10), o('s', SELL, 4900, 10)], 4500, 5500, 5000), null);
});

test('one-way bidding: void below the reserve, uniform lowest accepted price, margin pro rata ties by bid time', () => {
  const bids = [o('b1', BUY, 4500, 40), o('b2', BUY, 4300, 50), o('b3', BUY, 4300, 30), o('b4', BUY, 3900, 100)];
  // 40 at 4500; 60 left over 80 at 4300: 37.5 and 22.5 → 37 + 22, the spare tonne to the earlier bid b2.
  const r = clearOneWay(bids, 100, 4000, 50, 1);
  assert.equal(r.priceFen, 4300);
  assert.equal(r.soldT, 100);
  assert.equal(r.validT, 120);
  assert.deepEqual(bids.map((b) => r.allocations.get(b) ?? 0), [40, 38, 22, 0]);
  // Lots of 10: 6 lots over 5 : 3 → 3.75, 2.25 → 3 + 2, the spare lot to b2.
  assert.deepEqual(bids.map((b) => clearOneWay(bids, 100, 4000, 0, 10).allocations.get(b) ?? 0), [40, 40, 20, 0]);
  // Under-subscribed: everything valid is sold at the lowest valid bid.
  const under = clearOneWay(bids, 500, 4000, 0, 1);
  assert.equal(under.priceFen, 4300);
  assert.equal(under.soldT, 120);
  // Valid bids below the minimum total: cancelled.
  const cancelled = clearOneWay(bids, 100, 4000, 200, 1);
  assert.equal(cancelled.priceFen, null);
  assert.equal(cancelled.allocations.size, 0);
});
