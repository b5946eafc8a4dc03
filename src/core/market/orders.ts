/**
 * Continuous trading commands (market.md §6.1, §10): `order.place`, `order.cancel`,
 * `order.amend`. Decide plans the taker read-only against the book; the events carry the
 * reservation, self-trade cancels, settled trades and the `order.done` of every order that
 * ends, and apply folds them (the remainder of a GTC or DAY limit order rests).
 */
import type { CommandEnvelope, EventDraft, Outcome } from '../journal/types.js';
import { ACCOUNTS, CASH_ASSET } from '../ledger/index.js';
import { freeCashFen, heldUnitsT, instrumentOr, ownerOf, positionLimitT, positionT, reservedUnitsT, tradingRefusal, trainingRefusalOf } from './accounts.js';
import { BUY, Plan, SELL, type Side } from './book.js';
import { type MarketCtx, MarketRefusal, marketEvent } from './context.js';
import { buyReservationFen, onTick } from './rules.js';
import type { MarketPayloadOf } from './schemas.js';
import { type FillSpec, reservedAccount, settleFills } from './settle.js';
import { type ExchangeState, type InstrumentState, type OpenOrder, type TimeInForce, orderId } from './types.js';

const PLAN = new Plan();

/** Terms of an order on the book: the first broken rule, or null (tick, lot, band, block threshold). */
export function orderTermsRefusal(inst: InstrumentState, kind: 'limit' | 'market', priceFen: number | undefined, quantityT: number, tif: TimeInForce): MarketRefusal | null {
  const c = inst.config;
  if (kind === 'market') {
    if (priceFen !== undefined) return new MarketRefusal('invalid_payload', '$.payload.priceFen: a market order has no price');
    if (tif !== 'IOC' && tif !== 'FOK') return new MarketRefusal('invalid_payload', `$.payload.tif: market orders are IOC or FOK only (market.md §10), found ${tif}`);
  } else {
    if (priceFen === undefined) return new MarketRefusal('invalid_payload', '$.payload.priceFen: a limit order needs a price');
    if (!onTick(priceFen, c.tickFen)) return new MarketRefusal('off_tick', `price ${priceFen} fen is not a multiple of the tick ${c.tickFen} fen`);
  }
  if (quantityT % c.lotT !== 0) return new MarketRefusal('off_lot', `quantity ${quantityT} t is not a multiple of the lot ${c.lotT} t`);
  if (priceFen !== undefined && (priceFen < inst.lowerFen || priceFen > inst.upperFen)) {
    return new MarketRefusal('outside_band', `market.md §10: price ${priceFen} fen is outside the band ${inst.lowerFen}..${inst.upperFen} fen`);
  }
  if (quantityT >= c.blockThresholdT) return new MarketRefusal('over_block_threshold', `market.md §6.1: ${quantityT} t is at or above the block threshold ${c.blockThresholdT} t; use a block agreement`);
  return null;
}

export interface Taker {
  readonly id: string;
  readonly key: string;
  readonly placedBy: string;
  readonly owner: string;
  readonly side: Side;
  readonly kind: 'limit' | 'market';
  readonly limitFen: number;
  readonly quantityT: number;
  readonly tif: TimeInForce;
  readonly reservedFen: number;
}

export function decidePlace(ctx: MarketCtx<MarketPayloadOf<'order.place'>>): Outcome | MarketRefusal {
  const { state, payload: p, command } = ctx;
  const owner = ownerOf(state, ctx.actor, p.onBehalfOf);
  if (owner instanceof MarketRefusal) return owner;
  const untrained = trainingRefusalOf(owner);
  if (untrained !== null) return untrained;
  const inst = instrumentOr(state, p.instrument);
  if (inst instanceof MarketRefusal) return inst;
  const taker = takerOf(state, inst, command, command.key, owner.id, p, 0, 0);
  if (taker instanceof MarketRefusal) return taker;
  return execute(state, inst, command, taker, []);
}

/**
 * Checks an order and builds its taker; `extraCashFen` and `extraUnitsT` count a reservation
 * released by the same command (an amend's old order).
 */
function takerOf(state: ExchangeState, inst: InstrumentState, command: CommandEnvelope, key: string, owner: string,
  p: { side: 'buy' | 'sell'; kind: 'limit' | 'market'; priceFen?: number | undefined; quantityT: number; tif: TimeInForce }, extraCashFen: number, extraUnitsT: number): Taker | MarketRefusal {
  const refused = tradingRefusal(inst) ?? orderTermsRefusal(inst, p.kind, p.priceFen, p.quantityT, p.tif);
  if (refused !== null) return refused;
  const side = p.side === 'buy' ? BUY : SELL;
  const limitFen = p.priceFen ?? (side === BUY ? inst.upperFen : inst.lowerFen);
  const instrument = inst.config.instrument;
  let reservedFen = 0;
  if (side === BUY) {
    const limit = positionLimitT(state, inst, owner);
    const position = limit === null ? 0 : positionT(state, inst, owner);
    if (limit !== null && position + p.quantityT > limit) return new MarketRefusal('position_limit', `market.md §10: ${owner} would hold up to ${position + p.quantityT} t of ${instrument}; its position limit is ${limit} t`);
    reservedFen = buyReservationFen(p.quantityT, limitFen, inst.config.buyerFeeBp);
    const free = freeCashFen(state, owner) + extraCashFen;
    if (free < reservedFen) return new MarketRefusal('insufficient_funds', `market.md §6: a buy reserves ${reservedFen} fen (quantity × limit + maximum fee); ${owner} has ${free} fen free`);
  } else {
    const free = heldUnitsT(state, owner, instrument) - reservedUnitsT(state, owner, instrument) + extraUnitsT;
    if (free < p.quantityT) return new MarketRefusal('insufficient_units', `market.md §6: no short selling; ${owner} has ${free} t of ${instrument} free, sells ${p.quantityT}`);
  }
  return { id: orderId(command.actor, key), key, placedBy: command.actor, owner, side, kind: p.kind, limitFen, quantityT: p.quantityT, tif: p.tif, reservedFen };
}

/** Matches a checked taker against the book and settles its fills; `before` events come first (an amend's cancel). */
export function execute(state: ExchangeState, inst: InstrumentState, command: CommandEnvelope, taker: Taker, before: EventDraft[]): Outcome | MarketRefusal {
  const c = inst.config;
  const accepted = marketEvent(command, 'order.accepted', {
    instrument: c.instrument, kind: taker.kind, limitFen: taker.limitFen, orderId: taker.id, orderKey: taker.key, owner: taker.owner,
    placedBy: taker.placedBy, quantityT: taker.quantityT, side: taker.side === BUY ? 'buy' : 'sell', tif: taker.tif,
    ...(taker.side === BUY
      ? { reservedFen: taker.reservedFen, postings: [{ amount: taker.reservedFen, asset: CASH_ASSET, code: 'reserve', credit: reservedAccount(taker.owner), debit: ACCOUNTS.cash(taker.owner) }] }
      : { reservedT: taker.quantityT }),
  });
  const events: EventDraft[] = [...before, accepted];
  const plan = inst.book.plan(taker.side, taker.limitFen, taker.quantityT, state.market.accountNumbers.get(taker.owner) ?? -1, PLAN);
  if (taker.tif === 'FOK' && plan.filledT < taker.quantityT) {
    // All or nothing: no fill and no self-trade cancel; the reservation goes back at once.
    events.push(doneEvent(command, taker.id, taker.key, taker.owner, 'killed', taker.reservedFen, taker.side === SELL ? taker.quantityT : 0));
    return { accepted: true, events };
  }
  const fills: FillSpec[] = [];
  const makerDone: (OpenOrder | null)[] = [];
  const selfTrades: OpenOrder[][] = [];
  let takerReservedFen = taker.reservedFen;
  let takerLeftT = taker.quantityT;
  let s = 0;
  for (let i = 0; i < plan.count; i++) {
    const stp: OpenOrder[] = [];
    while (s < plan.selfCount && plan.selfTradeAt[s] === i) stp.push(inst.book.meta[plan.selfTrades[s++]!]!);
    selfTrades.push(stp);
    const maker = inst.book.meta[plan.makers[i]!]!;
    const quantityT = plan.quantities[i]!;
    const priceFen = plan.prices[i]!;
    takerLeftT -= quantityT;
    const buy = taker.side === BUY ? null : maker;
    const buyerLeftT = buy === null ? takerLeftT : maker.remainingT - quantityT;
    const buyerReservedFen = buy === null ? takerReservedFen : maker.reservedFen;
    const buyerLimitFen = buy === null ? taker.limitFen : maker.limitFen;
    const releasedFen = buyerReservedFen - priceFen * quantityT - Math.floor((priceFen * quantityT * c.buyerFeeBp) / 10_000) - buyReservationFen(buyerLeftT, buyerLimitFen, c.buyerFeeBp);
    if (buy === null) takerReservedFen = buyReservationFen(buyerLeftT, buyerLimitFen, c.buyerFeeBp);
    const takerBuys = taker.side === BUY;
    fills.push({
      venue: 'continuous', buyer: takerBuys ? taker.owner : maker.owner, seller: takerBuys ? maker.owner : taker.owner,
      buyOrderId: takerBuys ? taker.id : maker.id, sellOrderId: takerBuys ? maker.id : taker.id,
      buyOrderKey: takerBuys ? taker.key : maker.key, sellOrderKey: takerBuys ? maker.key : taker.key,
      priceFen, quantityT, releasedFen, sellerReserved: takerBuys, aggressor: takerBuys ? 'buy' : 'sell',
    });
    makerDone.push(maker.remainingT === quantityT ? maker : null);
  }
  const trailing: OpenOrder[] = [];
  while (s < plan.selfCount) trailing.push(inst.book.meta[plan.selfTrades[s++]!]!);
  const trades = settleFills(state, inst, fills);
  if (trades instanceof MarketRefusal) return trades;
  for (let i = 0; i < trades.length; i++) {
    for (const o of selfTrades[i]!) events.push(selfTradeDone(command, o));
    events.push(marketEvent(command, 'trade', trades[i]!));
    const done = makerDone[i];
    if (done != null) events.push(doneEvent(command, done.id, done.key, done.owner, 'filled', 0, 0));
  }
  for (const o of trailing) events.push(selfTradeDone(command, o));
  const rests = taker.kind === 'limit' && (taker.tif === 'GTC' || taker.tif === 'DAY');
  if (takerLeftT === 0) events.push(doneEvent(command, taker.id, taker.key, taker.owner, 'filled', takerReservedFen, 0));
  else if (!rests) events.push(doneEvent(command, taker.id, taker.key, taker.owner, 'cancelled', takerReservedFen, taker.side === SELL ? takerLeftT : 0));
  return { accepted: true, events };
}

function selfTradeDone(command: CommandEnvelope, o: OpenOrder): EventDraft {
  return doneEvent(command, o.id, o.key, o.owner, 'self_trade', o.reservedFen, o.side === SELL ? o.remainingT : 0);
}

/** `order.done`: the order leaves the book; what it still reserved is released. */
export function doneEvent(command: CommandEnvelope, id: string, key: string, owner: string, reason: string, releasedFen: number, releasedT: number): EventDraft {
  const body: Record<string, unknown> = { orderId: id, orderKey: key, owner, reason };
  if (releasedFen > 0) {
    body['releasedFen'] = releasedFen;
    body['postings'] = [{ amount: releasedFen, asset: CASH_ASSET, code: 'release', credit: ACCOUNTS.cash(owner), debit: reservedAccount(owner) }];
  }
  if (releasedT > 0) body['releasedT'] = releasedT;
  return marketEvent(command, 'order.done', body);
}

function openOrderOr(state: ExchangeState, actorId: string, orderKey: string, placedBy: string | undefined): OpenOrder | MarketRefusal {
  const order = state.market.orders.get(orderId(placedBy ?? actorId, orderKey));
  if (order === undefined || order.handle < 0) return new MarketRefusal('unknown_order', `no open order ${orderKey} placed by ${placedBy ?? actorId}`);
  if (order.placedBy !== actorId && order.owner !== actorId) return new MarketRefusal('wrong_role', `market.md §10: only the owner or the intermediary that placed ${orderKey} may change it`);
  return order;
}

export function decideCancel(ctx: MarketCtx<MarketPayloadOf<'order.cancel'>>): Outcome | MarketRefusal {
  const order = openOrderOr(ctx.state, ctx.actor.id, ctx.payload.orderKey, ctx.payload.placedBy);
  if (order instanceof MarketRefusal) return order;
  return { accepted: true, events: [doneEvent(ctx.command, order.id, order.key, order.owner, 'cancelled', order.reservedFen, order.side === SELL ? order.remainingT : 0)] };
}

/** Reducing the quantity keeps time priority; any other change is cancel + new (market.md §10). */
export function decideAmend(ctx: MarketCtx<MarketPayloadOf<'order.amend'>>): Outcome | MarketRefusal {
  const { state, payload: p, command } = ctx;
  const order = openOrderOr(state, ctx.actor.id, p.orderKey, p.placedBy);
  if (order instanceof MarketRefusal) return order;
  const inst = state.market.instruments.get(order.instrument)!;
  const quantityT = p.quantityT ?? order.remainingT;
  const priceFen = p.priceFen ?? order.limitFen;
  if (quantityT === order.remainingT && priceFen === order.limitFen) return new MarketRefusal('amend_no_change', `order ${order.key} already has ${quantityT} t at ${priceFen} fen`);
  const closed = tradingRefusal(inst);
  if (closed !== null) return closed;
  if (priceFen === order.limitFen && quantityT < order.remainingT) {
    if (quantityT % inst.config.lotT !== 0) return new MarketRefusal('off_lot', `quantity ${quantityT} t is not a multiple of the lot ${inst.config.lotT} t`);
    const keptFen = order.side === BUY ? buyReservationFen(quantityT, order.limitFen, inst.config.buyerFeeBp) : 0;
    const releasedFen = order.reservedFen - keptFen;
    const body: Record<string, unknown> = { orderId: order.id, orderKey: order.key, owner: order.owner, quantityT, reducedT: order.remainingT - quantityT };
    if (releasedFen > 0) {
      body['releasedFen'] = releasedFen;
      body['postings'] = [{ amount: releasedFen, asset: CASH_ASSET, code: 'release', credit: ACCOUNTS.cash(order.owner), debit: reservedAccount(order.owner) }];
    }
    return { accepted: true, events: [marketEvent(command, 'order.amended', body)] };
  }
  const cancel = doneEvent(command, order.id, order.key, order.owner, 'amended', order.reservedFen, order.side === SELL ? order.remainingT : 0);
  const terms = { side: order.side === BUY ? 'buy' as const : 'sell' as const, kind: 'limit' as const, priceFen, quantityT, tif: order.tif };
  const taker = takerOf(state, inst, command, command.key, order.owner, terms, order.reservedFen, order.side === SELL ? order.remainingT : 0);
  if (taker instanceof MarketRefusal) return taker;
  // The old order rests on the taker's own side, so the walk never meets it.
  return execute(state, inst, command, taker, [cancel]);
}
