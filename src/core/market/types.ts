/** State and vocabulary of the exchange (market.md §6, §10), kept beside the registry's state. */
import type { RegistryState } from '../registry/index.js';
import type { Book, Side } from './book.js';
import type { SessionWindow } from './rules.js';

export const TIMES_IN_FORCE = ['GTC', 'DAY', 'IOC', 'FOK'] as const;
export type TimeInForce = (typeof TIMES_IN_FORCE)[number];

export interface InstrumentConfig {
  readonly instrument: string;
  readonly referencePriceFen: number;
  readonly tickFen: number;
  readonly lotT: number;
  /** Continuous band, bp of the reference (default 1,000 = ±10 %). */
  readonly bandBp: number;
  /** Block agreements' band, bp (default 3,000 = ±30 %). */
  readonly blockBandBp: number;
  /** Orders at or above this quantity are refused on the book (default 100,000 t). */
  readonly blockThresholdT: number;
  /** Fee of each paying side, bp of the notional. */
  readonly buyerFeeBp: number;
  readonly sellerFeeBp: number;
  /** Position limit per participant, t (null: none); `position.limit` overrides per participant. */
  readonly positionLimitT: number | null;
  readonly calendar: readonly SessionWindow[];
  /** The operator that listed it: fees go to its cash account. */
  readonly operator: string;
}

/** What the machine keeps of an open order; the book keeps price, remaining and queue place. */
export interface OpenOrder {
  readonly id: string;
  /** The command key that placed it (orders are named by their key and who placed them). */
  readonly key: string;
  readonly placedBy: string;
  /** The account owner: the client when placed on behalf of one. */
  readonly owner: string;
  readonly instrument: string;
  readonly side: Side;
  readonly limitFen: number;
  readonly tif: TimeInForce;
  /** Cash still reserved (buys), fen. */
  reservedFen: number;
  /** Book handle. */
  handle: number;
  /** Quantity left, t (mirrors the book). */
  remainingT: number;
}

export interface InstrumentState {
  readonly config: InstrumentConfig;
  readonly book: Book<OpenOrder>;
  halted: boolean;
  open: boolean;
  session: number;
  referenceFen: number;
  lowerFen: number;
  upperFen: number;
  /** Previous close (the reference of the next session). */
  closeFen: number;
  /** This session's continuous trades: Σ price × quantity and Σ quantity. */
  sessionNotionalFen: number;
  sessionQuantityT: number;
  /** Clearing price of this session's last call auction, if any. */
  sessionAuctionFen: number | null;
}

export interface BlockProposal {
  readonly blockId: string;
  readonly key: string;
  readonly instrument: string;
  readonly buyer: string;
  readonly seller: string;
  readonly proposer: string;
  readonly priceFen: number;
  readonly quantityT: number;
  readonly reservedFen: number;
  status: 'proposed' | 'confirmed' | 'cancelled';
}

export interface AuctionOrder {
  readonly id: string;
  readonly key: string;
  readonly owner: string;
  readonly side: Side;
  readonly priceFen: number;
  readonly quantityT: number;
  readonly tif: TimeInForce;
  /** Sequence of arrival (time priority; one-way ties by bid time). */
  readonly seq: number;
  reservedFen: number;
  remainingT: number;
}

export interface Auction {
  readonly auctionId: string;
  readonly kind: 'call' | 'one-way';
  readonly instrument: string;
  readonly openedBy: string;
  readonly openKey: string;
  /** One-way: the seller, the offered quantity, reserve and minimum total bid quantity. */
  readonly seller: string | null;
  readonly quantityT: number;
  readonly reservePriceFen: number;
  readonly minimumTotalT: number;
  status: 'open' | 'closed' | 'cancelled';
  readonly orders: AuctionOrder[];
}

export interface MarketState {
  readonly instruments: Map<string, InstrumentState>;
  /** Open continuous orders by id (`<placedBy>/<key>`). */
  readonly orders: Map<string, OpenOrder>;
  /** Participant → small integer, for self-trade prevention on the book. */
  readonly accountNumbers: Map<string, number>;
  /** Client → intermediaries allowed to place orders for it. */
  readonly mandates: Map<string, Set<string>>;
  /** `<participant>|<instrument>` → position limit, t. */
  readonly positionLimits: Map<string, number>;
  readonly blocks: Map<string, BlockProposal>;
  readonly auctions: Map<string, Auction>;
  /** Call auctions collecting orders, per instrument (at most one). */
  readonly openCall: Map<string, string>;
  /** Unfilled GTC orders of a closed call, carried to the next call of the instrument. */
  readonly carried: Map<string, AuctionOrder[]>;
  auctionSeq: number;
  /** Trades that can still be busted (their session is open): event seq → the `trade` payload. */
  readonly trades: Map<number, Readonly<Record<string, unknown>>>;
}

/** The registry's state with the exchange beside it: one journal drives both. */
export type ExchangeState = RegistryState & { readonly market: MarketState };

export function orderId(placedBy: string, key: string): string {
  return `${placedBy}/${key}`;
}
