/**
 * A trader's own orders and trades over the event log (market.md §6, §10): what a participant
 * owns or placed, and what its clients own while they give it a mandate (an intermediary sees
 * its clients' orders and trades, a client sees those placed for it). Pure functions of the
 * events, like the tape; the counterparty is not named (the book is anonymous), only its region.
 * A busted trade stays in the trader's list, marked; an order's fills count what matched.
 */
import type { EventRecord } from '../journal/types.js';
import type { ExchangeState } from './types.js';
import { MarketViews, mergedFrom } from './views.js';

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

/** The key that puts journal records in journal order (a trader's orders, the tape): the seq, as text that sorts like the number. */
export const seqOrderKey = (item: { readonly seq: number }): string => String(item.seq).padStart(15, '0');
/** The key that orders a trader's trade rows: both sides of one trade can be the trader's (two clients). */
export const ownTradeKey = (trade: OwnTrade): string => `${seqOrderKey(trade)}:${trade.side}`;

/** The continuous-book orders (`order.place`, and an amend's replacement) the trader owns or placed, in journal order. */
export function ownOrders(records: Iterable<EventRecord>, trader: Trader): OwnOrder[] {
  return [...mergedFrom(MarketViews.of(records).orderLists(trader), seqOrderKey, null)];
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
  return [...mergedFrom(MarketViews.of(records).tradeLists(trader), ownTradeKey, null)];
}
