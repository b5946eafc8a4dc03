/**
 * A trader's own orders and trades over the event log (market.md §6, §10): what a participant
 * owns or placed, and what its clients own while they give it a mandate (an intermediary sees
 * its clients' orders and trades, a client sees those placed for it). Pure functions of the
 * events, like the tape; the counterparty is not named (the book is anonymous), only its region.
 * A busted trade stays in the trader's list, marked; an order's fills count what matched.
 */
import type { EventRecord } from '../journal/types.js';
import type { ExchangeState } from './types.js';

/** A participant and the clients whose orders and trades it may see. */
export interface Trader {
  readonly id: string;
  readonly clients: ReadonlySet<string>;
}

/** `participantId` with the clients that have a mandate naming it as intermediary now. */
export function traderOf(state: ExchangeState, participantId: string): Trader {
  const clients = new Set<string>();
  for (const [client, intermediaries] of state.market.mandates) if (intermediaries.has(participantId)) clients.add(client);
  return { id: participantId, clients };
}

const owns = (trader: Trader, owner: string): boolean => owner === trader.id || trader.clients.has(owner);
/** Order ids are `<placedBy>/<key>`: an order this trader placed, for whomever. */
const placed = (trader: Trader, orderId: string): boolean => orderId.startsWith(`${trader.id}/`);

/** Why an order left the book (`order.done` reasons), or `open` while it rests. */
export type OrderStatus = 'open' | 'filled' | 'cancelled' | 'killed' | 'expired' | 'self_trade' | 'amended' | 'outside_band';

export interface OwnOrder {
  /** Seq of its `order.accepted` event: the order's place in the journal. */
  readonly seq: number;
  readonly at: string;
  readonly orderId: string;
  readonly orderKey: string;
  readonly placedBy: string;
  readonly owner: string;
  readonly instrument: string;
  readonly side: 'buy' | 'sell';
  readonly kind: 'limit' | 'market';
  readonly limitFen: number;
  readonly tif: string;
  /** As placed. */
  readonly quantityT: number;
  readonly filledT: number;
  /** Σ price × quantity of its fills, fen. */
  readonly filledNotionalFen: number;
  /** Still on the book (0 once done). */
  readonly remainingT: number;
  readonly status: OrderStatus;
  /** Seq of the event that took it off the book, or null while open. */
  readonly doneSeq: number | null;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type P = Record<string, unknown>;

/** The continuous-book orders (`order.place`, and an amend's replacement) the trader owns or placed, in journal order. */
export function ownOrders(records: Iterable<EventRecord>, trader: Trader): OwnOrder[] {
  const orders = new Map<string, Mutable<OwnOrder>>();
  for (const r of records) {
    const p = r.payload as P;
    if (r.type === 'order.accepted') {
      const owner = p['owner'] as string;
      const placedBy = p['placedBy'] as string;
      if (!owns(trader, owner) && placedBy !== trader.id) continue;
      const quantityT = p['quantityT'] as number;
      orders.set(p['orderId'] as string, {
        seq: r.seq, at: p['at'] as string, orderId: p['orderId'] as string, orderKey: p['orderKey'] as string, placedBy, owner,
        instrument: p['instrument'] as string, side: p['side'] as 'buy' | 'sell', kind: p['kind'] as 'limit' | 'market', limitFen: p['limitFen'] as number,
        tif: p['tif'] as string, quantityT, filledT: 0, filledNotionalFen: 0, remainingT: quantityT, status: 'open', doneSeq: null,
      });
    } else if (r.type === 'trade') {
      for (const id of [p['buyOrderId'], p['sellOrderId']]) {
        const order = orders.get(id as string);
        if (order === undefined) continue;
        const quantityT = p['quantityT'] as number;
        order.filledT += quantityT;
        order.filledNotionalFen += (p['priceFen'] as number) * quantityT;
        order.remainingT -= quantityT;
      }
    } else if (r.type === 'order.amended') {
      const order = orders.get(p['orderId'] as string);
      if (order !== undefined) order.remainingT = p['quantityT'] as number;
    } else if (r.type === 'order.done') {
      const order = orders.get(p['orderId'] as string);
      if (order === undefined) continue;
      order.status = p['reason'] as OrderStatus;
      order.remainingT = 0;
      order.doneSeq = r.seq;
    }
  }
  return [...orders.values()];
}

export interface OwnTrade {
  readonly seq: number;
  readonly at: string;
  readonly instrument: string;
  readonly venue: string;
  /** The side of this row's owner; a trade between two of the trader's accounts gives two rows. */
  readonly side: 'buy' | 'sell';
  readonly owner: string;
  readonly orderId: string;
  readonly priceFen: number;
  readonly quantityT: number;
  readonly notionalFen: number;
  /** This side's fee, fen. */
  readonly feeFen: number;
  readonly counterpartyRegion: string;
  /** Seq of the `trade.busted` event that reversed it (the operator's bust), or null. */
  readonly bustedSeq: number | null;
}

/** Every trade (any venue) on a side the trader owns or whose order it placed, in journal order; busted ones marked. */
export function ownTrades(records: Iterable<EventRecord>, trader: Trader): OwnTrade[] {
  const out: Mutable<OwnTrade>[] = [];
  for (const r of records) {
    if (r.type === 'trade.busted') {
      // A bust reverses the trade's postings; the trader still sees the trade, marked.
      const tradeSeq = (r.payload as P)['tradeSeq'];
      for (const row of out) if (row.seq === tradeSeq) row.bustedSeq = r.seq;
      continue;
    }
    if (r.type !== 'trade') continue;
    const p = r.payload as P;
    const common = {
      seq: r.seq, at: p['at'] as string, instrument: p['instrument'] as string, venue: p['venue'] as string,
      priceFen: p['priceFen'] as number, quantityT: p['quantityT'] as number, notionalFen: p['notionalFen'] as number, bustedSeq: null,
    };
    const buyer = p['buyer'] as string;
    const seller = p['seller'] as string;
    const buyOrderId = p['buyOrderId'] as string;
    const sellOrderId = p['sellOrderId'] as string;
    if (owns(trader, buyer) || placed(trader, buyOrderId)) {
      out.push({ ...common, side: 'buy', owner: buyer, orderId: buyOrderId, feeFen: p['buyerFeeFen'] as number, counterpartyRegion: p['sellerRegion'] as string });
    }
    if (owns(trader, seller) || placed(trader, sellOrderId)) {
      out.push({ ...common, side: 'sell', owner: seller, orderId: sellOrderId, feeFen: p['sellerFeeFen'] as number, counterpartyRegion: p['buyerRegion'] as string });
    }
  }
  return out;
}
