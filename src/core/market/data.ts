/**
 * Market data as pure functions over the event log (market.md §6): the trade tape, OHLC
 * candles per minute, hour and day (Asia/Shanghai), session closes, depth, exports and
 * imports per city, and the indicators S21–S25 of seed 004 table 1 per city (the region
 * code's first four digits + "00").
 */
import type { EventRecord } from '../journal/types.js';
import { BUY, SELL } from './book.js';
import { vwapOnTick } from './rules.js';
import { MarketViews } from './views.js';
import type { ExchangeState } from './types.js';

export interface TapeEntry {
  readonly seq: number;
  readonly at: string;
  readonly instrument: string;
  readonly venue: string;
  readonly priceFen: number;
  readonly quantityT: number;
  readonly buyer: string;
  readonly seller: string;
  readonly buyerRegion: string;
  readonly sellerRegion: string;
}

/** Trades in log order; busted trades (`trade.busted`) are left out, so candles and S21–S25 never count them. */
export function tradeTape(records: Iterable<EventRecord>): TapeEntry[] {
  return [...MarketViews.of(records).tape()];
}

export type CandleInterval = 'minute' | 'hour' | 'day';

export interface Candle {
  /** Start of the interval, local time (Asia/Shanghai), e.g. `2025-03-03T10:05`. */
  readonly start: string;
  readonly openFen: number;
  readonly highFen: number;
  readonly lowFen: number;
  readonly closeFen: number;
  readonly volumeT: number;
  readonly notionalFen: number;
}

const PREFIX: Record<CandleInterval, number> = { minute: 16, hour: 13, day: 10 };

/** Candles of one instrument's trades in tape order. */
export function candles(tape: readonly TapeEntry[], instrument: string, interval: CandleInterval): Candle[] {
  const out: Candle[] = [];
  for (const t of tape) {
    if (t.instrument !== instrument) continue;
    const start = new Date(Date.parse(t.at) + 8 * 3_600_000).toISOString().slice(0, PREFIX[interval]);
    const last = out.at(-1);
    if (last !== undefined && last.start === start) {
      out[out.length - 1] = {
        start, openFen: last.openFen, highFen: Math.max(last.highFen, t.priceFen), lowFen: Math.min(last.lowFen, t.priceFen), closeFen: t.priceFen,
        volumeT: last.volumeT + t.quantityT, notionalFen: last.notionalFen + t.priceFen * t.quantityT,
      };
    } else {
      out.push({ start, openFen: t.priceFen, highFen: t.priceFen, lowFen: t.priceFen, closeFen: t.priceFen, volumeT: t.quantityT, notionalFen: t.priceFen * t.quantityT });
    }
  }
  return out;
}

/** Session closes as the engine set them (VWAP of continuous trades, else auction, else previous). */
export function sessionCloses(records: Iterable<EventRecord>): { instrument: string; session: number; closeFen: number; closeSource: string }[] {
  const out: { instrument: string; session: number; closeFen: number; closeSource: string }[] = [];
  for (const r of records) {
    if (r.type !== 'session.closed') continue;
    const p = r.payload as Record<string, unknown>;
    out.push({ instrument: p['instrument'] as string, session: p['session'] as number, closeFen: p['closeFen'] as number, closeSource: p['closeSource'] as string });
  }
  return out;
}

export interface DepthLevel {
  readonly priceFen: number;
  readonly quantityT: number;
  readonly orders: number;
}

/** Resting quantity per price level, best first; null for an unknown instrument. */
export function depth(state: ExchangeState, instrument: string, levels = 5): { bids: DepthLevel[]; asks: DepthLevel[] } | null {
  const inst = state.market.instruments.get(instrument);
  if (inst === undefined) return null;
  return { bids: inst.book.depth(BUY, levels), asks: inst.book.depth(SELL, levels) };
}

/** City of a region: the first four digits of the division code + "00". */
export function cityOf(regionCode: string): string {
  return `${regionCode.slice(0, 4)}00`;
}

export interface CityFlows {
  readonly city: string;
  /** S21: VWAP of trades with buyer and seller in the city, fen/t (null without trades). */
  readonly localPriceFen: number | null;
  /** S22: VWAP of the city's sales to other cities. */
  readonly exportPriceFen: number | null;
  /** S23: VWAP of the city's purchases from other cities. */
  readonly importPriceFen: number | null;
  /** S24: tonnes bought inside the city from sellers of the city. */
  readonly localDemandT: number;
  /** S25: tonnes sold by the city to buyers of other cities. */
  readonly exportDemandT: number;
  readonly exportsT: number;
  readonly exportsFen: number;
  readonly importsT: number;
  readonly importsFen: number;
}

/** Indicators S21–S25 and exports and imports per city, cities in code order; prices half-up to the fen. */
export function cityIndicators(tape: readonly TapeEntry[]): CityFlows[] {
  const acc = new Map<string, { localT: number; localFen: number; exportsT: number; exportsFen: number; importsT: number; importsFen: number }>();
  const get = (city: string) => {
    let a = acc.get(city);
    if (a === undefined) acc.set(city, (a = { localT: 0, localFen: 0, exportsT: 0, exportsFen: 0, importsT: 0, importsFen: 0 }));
    return a;
  };
  for (const t of tape) {
    const buyerCity = cityOf(t.buyerRegion);
    const sellerCity = cityOf(t.sellerRegion);
    const notional = t.priceFen * t.quantityT;
    if (buyerCity === sellerCity) {
      const a = get(buyerCity);
      a.localT += t.quantityT;
      a.localFen += notional;
    } else {
      const s = get(sellerCity);
      s.exportsT += t.quantityT;
      s.exportsFen += notional;
      const b = get(buyerCity);
      b.importsT += t.quantityT;
      b.importsFen += notional;
    }
  }
  const price = (fen: number, t: number) => (t === 0 ? null : vwapOnTick(fen, t, 1));
  return [...acc.keys()].sort().map((city) => {
    const a = acc.get(city)!;
    return {
      city, localPriceFen: price(a.localFen, a.localT), exportPriceFen: price(a.exportsFen, a.exportsT), importPriceFen: price(a.importsFen, a.importsT),
      localDemandT: a.localT, exportDemandT: a.exportsT, exportsT: a.exportsT, exportsFen: a.exportsFen, importsT: a.importsT, importsFen: a.importsFen,
    };
  });
}
