/**
 * Auction clearing, pure (market.md §6.3, §6.4, §10). Call auction: the price among the limit
 * prices inside the band that maximises executed volume; ties: least imbalance, then nearest
 * the reference, then the lower price; fills pair buys and sells greedily in priority order.
 * One-way bidding: bids below the reserve are void; uniform price = lowest accepted bid;
 * the margin price level is split pro rata by largest remainder (in lots), ties by bid time.
 */
import { splitLargestRemainder } from '../ledger/index.js';
import { BUY, SELL } from './book.js';
import type { AuctionOrder } from './types.js';

export interface CallFill {
  readonly buy: AuctionOrder;
  readonly sell: AuctionOrder;
  readonly quantityT: number;
}

export interface CallResult {
  readonly priceFen: number;
  readonly volumeT: number;
  readonly imbalanceT: number;
  readonly fills: readonly CallFill[];
}

/** The clearing of a call, or null when nothing crosses. */
export function clearCall(orders: readonly AuctionOrder[], lowerFen: number, upperFen: number, referenceFen: number): CallResult | null {
  const candidates = [...new Set(orders.map((o) => o.priceFen))].filter((p) => p >= lowerFen && p <= upperFen).sort((a, b) => a - b);
  let best: { priceFen: number; volumeT: number; imbalanceT: number } | null = null;
  for (const p of candidates) {
    let demand = 0;
    let supply = 0;
    for (const o of orders) {
      if (o.side === BUY && o.priceFen >= p) demand += o.quantityT;
      if (o.side === SELL && o.priceFen <= p) supply += o.quantityT;
    }
    const volumeT = Math.min(demand, supply);
    const imbalanceT = Math.abs(demand - supply);
    if (volumeT === 0) continue;
    // Candidates ascend, so on a full tie the earlier (lower) price stays.
    if (best === null || volumeT > best.volumeT || (volumeT === best.volumeT && (imbalanceT < best.imbalanceT
      || (imbalanceT === best.imbalanceT && Math.abs(p - referenceFen) < Math.abs(best.priceFen - referenceFen))))) {
      best = { priceFen: p, volumeT, imbalanceT };
    }
  }
  if (best === null) return null;
  const price = best.priceFen;
  const buys = orders.filter((o) => o.side === BUY && o.priceFen >= price).sort((a, b) => b.priceFen - a.priceFen || a.seq - b.seq);
  const sells = orders.filter((o) => o.side === SELL && o.priceFen <= price).sort((a, b) => a.priceFen - b.priceFen || a.seq - b.seq);
  const fills: CallFill[] = [];
  let i = 0;
  let j = 0;
  let buyLeft = buys[0]?.quantityT ?? 0;
  let sellLeft = sells[0]?.quantityT ?? 0;
  let left = best.volumeT;
  while (left > 0) {
    const q = Math.min(buyLeft, sellLeft, left);
    fills.push({ buy: buys[i]!, sell: sells[j]!, quantityT: q });
    left -= q;
    buyLeft -= q;
    sellLeft -= q;
    if (buyLeft === 0 && ++i < buys.length) buyLeft = buys[i]!.quantityT;
    if (sellLeft === 0 && ++j < sells.length) sellLeft = sells[j]!.quantityT;
  }
  return { priceFen: price, volumeT: best.volumeT, imbalanceT: best.imbalanceT, fills };
}

export interface OneWayResult {
  /** Null when the auction is cancelled (valid bids below the minimum, or none). */
  readonly priceFen: number | null;
  readonly allocations: ReadonlyMap<AuctionOrder, number>;
  readonly soldT: number;
  readonly validT: number;
}

export function clearOneWay(bids: readonly AuctionOrder[], offeredT: number, reservePriceFen: number, minimumTotalT: number, lotT: number): OneWayResult {
  const valid = bids.filter((b) => b.priceFen >= reservePriceFen).sort((a, b) => b.priceFen - a.priceFen || a.seq - b.seq);
  const validT = valid.reduce((sum, b) => sum + b.quantityT, 0);
  const allocations = new Map<AuctionOrder, number>();
  if (validT === 0 || validT < minimumTotalT) return { priceFen: null, allocations, soldT: 0, validT };
  let left = offeredT;
  let priceFen = valid[0]!.priceFen;
  for (let i = 0; i < valid.length && left > 0; ) {
    const level = valid.filter((b) => b.priceFen === valid[i]!.priceFen);
    const levelT = level.reduce((sum, b) => sum + b.quantityT, 0);
    priceFen = valid[i]!.priceFen;
    if (levelT <= left) {
      for (const b of level) allocations.set(b, b.quantityT);
      left -= levelT;
    } else {
      // Margin: pro rata in lots, largest remainder, ties to the earlier bid.
      const lots = splitLargestRemainder(Math.floor(left / lotT), level.map((b) => b.quantityT / lotT), level.map((b) => String(b.seq).padStart(15, '0')));
      if (!lots.ok) throw new Error(`clearOneWay: ${lots.error.message}`);
      level.forEach((b, k) => allocations.set(b, lots.value[k]! * lotT));
      left -= lots.value.reduce((sum, n) => sum + n, 0) * lotT;
      break;
    }
    i += level.length;
  }
  return { priceFen, allocations, soldT: offeredT - left, validT };
}
