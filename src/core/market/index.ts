/**
 * The exchange (market.md §6, §10): instruments, one continuous order book per instrument,
 * block agreements, call auctions and one-way bidding, settled delivery versus payment
 * through the registry's ledger, with benefit sharing; and market data over the events.
 * Pure: no I/O. Composed with the registry so that one journal drives both.
 *
 * @example
 * const engine = new JournalEngine(createExchangeMachine(), sha256Hex);
 * engine.submit({ key: 'o1', actor: 'emitter', type: 'order.place', at: '2025-03-03T10:00:00+08:00',
 *   payload: { instrument: 'SINK/forest/360732/2023', side: 'buy', kind: 'limit', priceFen: 5000, quantityT: 10, tif: 'GTC' } });
 */
export { BUY, Book, Plan, SELL, type Side } from './book.js';
export { clearCall, clearOneWay, type CallFill, type CallResult, type OneWayResult } from './clearing.js';
export { MARKET_REJECTION_CODES, type ExchangeRejectionCode, type MarketRejectionCode } from './codes.js';
export { applyExchangeEvent, createExchangeMachine, decideExchange, initialExchangeState, initialMarketState, isMarketCommand } from './machine.js';
export { orderTermsRefusal } from './orders.js';
export { DEFAULT_CALENDAR, bandOf, buyReservationFen, feeFen, inCalendar, onTick, shanghaiClock, vwapOnTick, type SessionWindow } from './rules.js';
export { MARKET_COMMAND_TYPES, MARKET_SCHEMAS, type MarketCommandType, type MarketPayloadOf } from './schemas.js';
export { reservedAccount } from './settle.js';
export { STATE_CODECS, stateFromImage, stateImage } from './snapshot.js';
export * from './types.js';
export { ownOrders, ownTradeKey, ownTrades, seqOrderKey, traderOf, type OrderStatus, type OwnOrder, type OwnTrade, type Trader } from './own.js';
export { MarketViews, mergedFrom } from './views.js';
export { candles, cityIndicators, cityOf, depth, sessionCloses, tradeTape, type Candle, type CandleInterval, type CityFlows, type DepthLevel, type TapeEntry } from './data.js';
