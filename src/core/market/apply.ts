/** Folding the exchange's events into its state (the registry folds postings and blocks first). */
import { applyWaterfall, type Waterfall } from '../registry/index.js';
import { adjustReservedUnits } from './accounts.js';
import { BUY, Book, SELL } from './book.js';
import type { AuctionOrder, ExchangeState, InstrumentConfig, InstrumentState, OpenOrder, TimeInForce } from './types.js';

type E = Record<string, unknown>;

export function applyListed(state: ExchangeState, e: E): void {
  const config: InstrumentConfig = {
    instrument: e['instrument'] as string, referencePriceFen: e['referencePriceFen'] as number, tickFen: e['tickFen'] as number,
    lotT: e['lotT'] as number, bandBp: e['bandBp'] as number, blockBandBp: e['blockBandBp'] as number, blockThresholdT: e['blockThresholdT'] as number,
    buyerFeeBp: e['buyerFeeBp'] as number, sellerFeeBp: e['sellerFeeBp'] as number, positionLimitT: e['positionLimitT'] as number | null,
    calendar: e['calendar'] as InstrumentConfig['calendar'], operator: e['operator'] as string,
  };
  const lowerFen = e['lowerFen'] as number;
  const upperFen = e['upperFen'] as number;
  state.market.instruments.set(config.instrument, {
    config, book: new Book<OpenOrder>(lowerFen, upperFen, config.tickFen, 64), halted: false, open: false, session: 0,
    referenceFen: config.referencePriceFen, lowerFen, upperFen, closeFen: config.referencePriceFen,
    sessionNotionalFen: 0, sessionQuantityT: 0, sessionAuctionFen: null,
  });
}

export function applyOrderAccepted(state: ExchangeState, e: E): void {
  const owner = e['owner'] as string;
  const side = e['side'] === 'buy' ? BUY : SELL;
  const order: OpenOrder = {
    id: e['orderId'] as string, key: e['orderKey'] as string, placedBy: e['placedBy'] as string, owner, instrument: e['instrument'] as string,
    side, limitFen: e['limitFen'] as number, tif: e['tif'] as TimeInForce, reservedFen: (e['reservedFen'] as number | undefined) ?? 0,
    handle: -1, remainingT: e['quantityT'] as number,
  };
  state.market.orders.set(order.id, order);
  if (!state.market.accountNumbers.has(owner)) state.market.accountNumbers.set(owner, state.market.accountNumbers.size);
  if (side === SELL) adjustReservedUnits(state, owner, order.instrument, order.remainingT);
}

export function applyTrade(state: ExchangeState, e: E): void {
  const quantityT = e['quantityT'] as number;
  const instrument = e['instrument'] as string;
  const inst = state.market.instruments.get(instrument)!;
  const paidFen = (e['notionalFen'] as number) + (e['buyerFeeFen'] as number) + (e['releasedFen'] as number);
  const buy = state.market.orders.get(e['buyOrderId'] as string);
  if (buy !== undefined) {
    buy.remainingT -= quantityT;
    buy.reservedFen -= paidFen;
    if (buy.handle >= 0) inst.book.reduce(buy.handle, quantityT);
    // The book frees a handle at zero; order.done must not remove it again.
    if (buy.remainingT === 0) buy.handle = -1;
  }
  const sell = state.market.orders.get(e['sellOrderId'] as string);
  if (sell !== undefined) {
    sell.remainingT -= quantityT;
    if (sell.handle >= 0) inst.book.reduce(sell.handle, quantityT);
    if (sell.remainingT === 0) sell.handle = -1;
  }
  const unreserveT = (e['unreserveT'] as number | undefined) ?? quantityT;
  adjustReservedUnits(state, e['seller'] as string, instrument, -unreserveT);
  if (e['venue'] === 'continuous') {
    inst.sessionNotionalFen += e['notionalFen'] as number;
    inst.sessionQuantityT += quantityT;
  }
  const waterfalls = e['waterfalls'] as { projectId: string; waterfall: Waterfall }[] | undefined;
  for (const w of waterfalls ?? []) applyWaterfall(state, w.projectId, w.waterfall);
}

export function applyOrderDone(state: ExchangeState, e: E): void {
  const order = state.market.orders.get(e['orderId'] as string);
  if (order === undefined) return;
  state.market.orders.delete(order.id);
  if (order.handle >= 0) state.market.instruments.get(order.instrument)!.book.remove(order.handle);
  const releasedT = (e['releasedT'] as number | undefined) ?? 0;
  if (releasedT > 0) adjustReservedUnits(state, order.owner, order.instrument, -releasedT);
}

export function applyAmended(state: ExchangeState, e: E): void {
  const order = state.market.orders.get(e['orderId'] as string)!;
  const reducedT = e['reducedT'] as number;
  state.market.instruments.get(order.instrument)!.book.reduce(order.handle, reducedT);
  order.remainingT -= reducedT;
  order.reservedFen -= (e['releasedFen'] as number | undefined) ?? 0;
  if (order.side === SELL) adjustReservedUnits(state, order.owner, order.instrument, -reducedT);
}

/** After a command's events: an accepted limit order with quantity left rests on the book. */
export function restTakers(state: ExchangeState, events: readonly { type: string; payload: E }[]): void {
  for (const event of events) {
    if (event.type !== 'order.accepted') continue;
    const order = state.market.orders.get(event.payload['orderId'] as string);
    if (order === undefined || order.handle >= 0 || order.remainingT === 0) continue;
    const inst = state.market.instruments.get(order.instrument)!;
    order.handle = inst.book.add(order, order.side, order.limitFen, order.remainingT, state.market.accountNumbers.get(order.owner)!);
  }
}

export function applySessionOpened(state: ExchangeState, e: E): void {
  const inst = state.market.instruments.get(e['instrument'] as string)!;
  inst.open = true;
  inst.session = e['session'] as number;
  inst.referenceFen = e['referenceFen'] as number;
  inst.lowerFen = e['lowerFen'] as number;
  inst.upperFen = e['upperFen'] as number;
  inst.sessionNotionalFen = 0;
  inst.sessionQuantityT = 0;
  inst.sessionAuctionFen = null;
  inst.book.rebase(inst.lowerFen, inst.upperFen);
}

export function applySessionClosed(state: ExchangeState, e: E): void {
  const inst: InstrumentState = state.market.instruments.get(e['instrument'] as string)!;
  inst.open = false;
  inst.closeFen = e['closeFen'] as number;
}

export function applyMandate(state: ExchangeState, e: E, revoke: boolean): void {
  const client = e['client'] as string;
  let set = state.market.mandates.get(client);
  if (set === undefined) state.market.mandates.set(client, (set = new Set()));
  if (revoke) set.delete(e['intermediary'] as string);
  else set.add(e['intermediary'] as string);
}

export function auctionOrderOf(e: E, seq: number): AuctionOrder {
  return {
    id: e['orderId'] as string, remainingT: e['quantityT'] as number, key: e['orderKey'] as string, owner: e['owner'] as string, side: e['side'] === 'buy' ? BUY : SELL, priceFen: e['priceFen'] as number,
    quantityT: e['quantityT'] as number, tif: e['tif'] as TimeInForce, seq, reservedFen: (e['reservedFen'] as number | undefined) ?? 0,
  };
}
