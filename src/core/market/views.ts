/**
 * The market's read views folded event by event, as the journal grows (market.md §6): the
 * public tape, and every participant's own orders and trades indexed by who owns or placed
 * them. A server keeps one and adds each new event once; a request then reads only the lists
 * of the trader asking, each already in journal order, instead of folding the whole log again
 * (at 30,000 orders of one trader that fold and its sort took 0.1–0.3 s of the main thread per
 * request). `tradeTape`, `ownOrders` and `ownTrades` are these views over a whole log.
 */
import type { EventRecord } from '../journal/types.js';
import type { TapeEntry } from './data.js';
import type { OrderStatus, OwnOrder, OwnTrade, Trader } from './own.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type P = Record<string, unknown>;

/** Order ids are `<placedBy>/<key>` and participant ids have no `/`: who placed an order ('' for none). */
function placerOf(orderId: string): string {
  const slash = orderId.indexOf('/');
  return slash < 0 ? '' : orderId.slice(0, slash);
}

function push<T>(index: Map<string, T[]>, party: string, item: T): void {
  const list = index.get(party);
  if (list === undefined) index.set(party, [item]);
  else list.push(item);
}

export class MarketViews {
  /** Trades in journal order, busted ones taken out; and the same by instrument. */
  readonly #tape: TapeEntry[] = [];
  readonly #tapeByInstrument = new Map<string, TapeEntry[]>();
  readonly #orders = new Map<string, Mutable<OwnOrder>>();
  /** Orders by owner, and by who placed them where that is someone else (an intermediary). */
  readonly #ordersByOwner = new Map<string, Mutable<OwnOrder>[]>();
  readonly #ordersByPlacer = new Map<string, Mutable<OwnOrder>[]>();
  /** Trade rows (one per side) likewise; and by trade seq, for a bust to mark them. */
  readonly #tradesByOwner = new Map<string, Mutable<OwnTrade>[]>();
  readonly #tradesByPlacer = new Map<string, Mutable<OwnTrade>[]>();
  readonly #tradeRows = new Map<number, Mutable<OwnTrade>[]>();

  /** The views of a whole log (what `tradeTape`, `ownOrders` and `ownTrades` read). */
  static of(records: Iterable<EventRecord>): MarketViews {
    const views = new MarketViews();
    for (const record of records) views.add(record);
    return views;
  }

  /** Folds one event of the log; events come in journal order, each once. */
  add(r: EventRecord): void {
    const p = r.payload as P;
    switch (r.type) {
      case 'order.accepted': return this.#accepted(r.seq, p);
      case 'trade': return this.#trade(r.seq, p);
      case 'trade.busted': return this.#busted(r.seq, p['tradeSeq'] as number);
      case 'order.amended': {
        const order = this.#orders.get(p['orderId'] as string);
        if (order !== undefined) order.remainingT = p['quantityT'] as number;
        return;
      }
      case 'order.done': {
        const order = this.#orders.get(p['orderId'] as string);
        if (order === undefined) return;
        order.status = p['reason'] as OrderStatus;
        order.remainingT = 0;
        order.doneSeq = r.seq;
        return;
      }
    }
  }

  /** The tape: trades in journal order without the busted ones, of one instrument or all. The caller must not change it. */
  tape(instrument?: string): readonly TapeEntry[] {
    return instrument === undefined ? this.#tape : this.#tapeByInstrument.get(instrument) ?? [];
  }

  /** The trader's continuous-book orders, as lists each in journal order (one order may be in two). */
  orderLists(trader: Trader): readonly (readonly OwnOrder[])[] {
    return this.#lists(trader, this.#ordersByOwner, this.#ordersByPlacer);
  }

  /** The trader's trade rows, as lists each in (seq, side) order (one row may be in two). */
  tradeLists(trader: Trader): readonly (readonly OwnTrade[])[] {
    return this.#lists(trader, this.#tradesByOwner, this.#tradesByPlacer);
  }

  #lists<T>(trader: Trader, byOwner: Map<string, T[]>, byPlacer: Map<string, T[]>): T[][] {
    const lists: T[][] = [];
    for (const party of [trader.id, ...trader.clients]) {
      const owned = byOwner.get(party);
      if (owned !== undefined) lists.push(owned);
    }
    const placed = byPlacer.get(trader.id);
    if (placed !== undefined) lists.push(placed);
    return lists;
  }

  #accepted(seq: number, p: P): void {
    const owner = p['owner'] as string;
    const placedBy = p['placedBy'] as string;
    const quantityT = p['quantityT'] as number;
    const order: Mutable<OwnOrder> = {
      seq, at: p['at'] as string, orderId: p['orderId'] as string, orderKey: p['orderKey'] as string, placedBy, owner,
      instrument: p['instrument'] as string, side: p['side'] as 'buy' | 'sell', kind: p['kind'] as 'limit' | 'market', limitFen: p['limitFen'] as number,
      tif: p['tif'] as string, quantityT, filledT: 0, filledNotionalFen: 0, remainingT: quantityT, status: 'open', doneSeq: null,
    };
    this.#orders.set(order.orderId, order);
    push(this.#ordersByOwner, owner, order);
    if (placedBy !== owner) push(this.#ordersByPlacer, placedBy, order);
  }

  #trade(seq: number, p: P): void {
    const quantityT = p['quantityT'] as number;
    const priceFen = p['priceFen'] as number;
    const buyOrderId = p['buyOrderId'] as string;
    const sellOrderId = p['sellOrderId'] as string;
    for (const id of [buyOrderId, sellOrderId]) {
      const order = this.#orders.get(id);
      if (order === undefined) continue;
      order.filledT += quantityT;
      order.filledNotionalFen += priceFen * quantityT;
      order.remainingT -= quantityT;
    }
    const at = p['at'] as string;
    const instrument = p['instrument'] as string;
    const venue = p['venue'] as string;
    const buyer = p['buyer'] as string;
    const seller = p['seller'] as string;
    const entry: TapeEntry = { seq, at, instrument, venue, priceFen, quantityT, buyer, seller, buyerRegion: p['buyerRegion'] as string, sellerRegion: p['sellerRegion'] as string };
    this.#tape.push(entry);
    push(this.#tapeByInstrument, instrument, entry);
    const common = { seq, at, instrument, venue, priceFen, quantityT, notionalFen: p['notionalFen'] as number, bustedSeq: null };
    const rows: Mutable<OwnTrade>[] = [
      { ...common, side: 'buy', owner: buyer, orderId: buyOrderId, feeFen: p['buyerFeeFen'] as number, counterpartyRegion: p['sellerRegion'] as string },
      { ...common, side: 'sell', owner: seller, orderId: sellOrderId, feeFen: p['sellerFeeFen'] as number, counterpartyRegion: p['buyerRegion'] as string },
    ];
    this.#tradeRows.set(seq, rows);
    for (const row of rows) {
      push(this.#tradesByOwner, row.owner, row);
      const placer = placerOf(row.orderId);
      if (placer !== row.owner) push(this.#tradesByPlacer, placer, row);
    }
  }

  #busted(seq: number, tradeSeq: number): void {
    // A bust reverses the trade's postings: off the tape (candles and S21–S25 never count it); the traders still see it, marked.
    const at = this.#tape.findLastIndex((t) => t.seq === tradeSeq);
    if (at >= 0) {
      const list = this.#tapeByInstrument.get(this.#tape[at]!.instrument)!;
      list.splice(list.lastIndexOf(this.#tape[at]!), 1);
      this.#tape.splice(at, 1);
    }
    for (const row of this.#tradeRows.get(tradeSeq) ?? []) row.bustedSeq = seq;
  }
}

/**
 * Merges lists sorted by `keyOf` (unique per item; an item in two lists is the same object),
 * yielding each item once in key order, or newest (greatest key) first, from just past
 * `cursorKey` in that order (from the start when null).
 */
export function* mergedFrom<T>(lists: readonly (readonly T[])[], keyOf: (item: T) => string, cursorKey: string | null, newestFirst = false): Generator<T> {
  const step = newestFirst ? -1 : 1;
  const at = lists.map((list) => {
    if (cursorKey === null) return newestFirst ? list.length - 1 : 0;
    const after = firstAfter(list, keyOf, cursorKey);
    // Newest first, the cursor's own item (if any) is at after - 1: start below it.
    return newestFirst ? (after > 0 && keyOf(list[after - 1]!) === cursorKey ? after - 2 : after - 1) : after;
  });
  if (lists.length === 1) {
    // One list (a trader without clients, nothing placed for others; the tape): nothing to merge.
    const list = lists[0]!;
    for (let i = at[0]!; i >= 0 && i < list.length; i += step) yield list[i]!;
    return;
  }
  let last: T | undefined;
  for (;;) {
    let best = -1;
    let bestKey = '';
    for (let i = 0; i < lists.length; i++) {
      const item = lists[i]![at[i]!];
      if (item === undefined) continue;
      const key = keyOf(item);
      if (best < 0 || (newestFirst ? key > bestKey : key < bestKey)) {
        best = i;
        bestKey = key;
      }
    }
    if (best < 0) return;
    const item = lists[best]![at[best]!]!;
    at[best]! += step;
    if (item !== last) yield item;
    last = item;
  }
}

/** Index of the first item whose key is after `afterKey`, by bisection. */
function firstAfter<T>(list: readonly T[], keyOf: (item: T) => string, afterKey: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(list[mid]!) <= afterKey) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
