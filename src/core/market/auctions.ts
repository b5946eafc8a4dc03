/**
 * Call auctions and one-way bidding as commands (market.md §6.3, §6.4, §10):
 * `auction.open`, `auction.bid`, `auction.close`. Bids reserve cash (buys) or units (sells)
 * as orders do; a one-way seller's offered units are reserved at open. Unfilled GTC orders of
 * a call carry to the instrument's next call; DAY orders expire at its close.
 */
import type { EventDraft, Outcome, Posting } from '../journal/types.js';
import { ACCOUNTS, CASH_ASSET } from '../ledger/index.js';
import { freeCashFen, heldUnitsT, instrumentOr, ownerOf, positionLimitT, positionT, reservedUnitsT, tradingRefusal, trainingRefusalOf } from './accounts.js';
import { BUY, SELL } from './book.js';
import { clearCall, clearOneWay } from './clearing.js';
import { type MarketCtx, MarketRefusal, marketEvent } from './context.js';
import { buyReservationFen, onTick } from './rules.js';
import type { MarketPayloadOf } from './schemas.js';
import { operatorRefusal } from './sessions.js';
import { type FillSpec, reservedAccount, settleFills } from './settle.js';
import { type Auction, type AuctionOrder, type ExchangeState, type InstrumentState, orderId } from './types.js';

export function decideAuctionOpen(ctx: MarketCtx<MarketPayloadOf<'auction.open'>>): Outcome | MarketRefusal {
  const { state, payload: p, actor, command } = ctx;
  const inst = instrumentOr(state, p.instrument);
  if (inst instanceof MarketRefusal) return inst;
  if (state.market.auctions.has(p.auctionId)) return new MarketRefusal('auction_exists', `auction ${p.auctionId} exists`);
  const closed = tradingRefusal(inst);
  if (closed !== null) return closed;
  if (p.kind === 'call') {
    const refused = operatorRefusal(actor);
    if (refused !== null) return refused;
    if (state.market.openCall.has(p.instrument)) return new MarketRefusal('call_in_progress', `call ${state.market.openCall.get(p.instrument)} of ${p.instrument} is still collecting orders`);
    const carried = (state.market.carried.get(p.instrument) ?? []).map((o) => o.key);
    return { accepted: true, events: [marketEvent(command, 'auction.opened', { auctionId: p.auctionId, instrument: p.instrument, kind: 'call', carriedOrderKeys: carried, openKey: command.key })] };
  }
  // One-way: the seller offers a quantity with a reserve price and a minimum total bid quantity.
  const untrained = trainingRefusalOf(actor);
  if (untrained !== null) return untrained;
  if (p.quantityT === undefined || p.reservePriceFen === undefined) return new MarketRefusal('invalid_payload', '$.payload: one-way bidding needs quantityT and reservePriceFen');
  if (!onTick(p.reservePriceFen, inst.config.tickFen)) return new MarketRefusal('off_tick', `reserve ${p.reservePriceFen} fen is not on the tick ${inst.config.tickFen} fen`);
  if (p.quantityT % inst.config.lotT !== 0) return new MarketRefusal('off_lot', `quantity ${p.quantityT} t is not a multiple of the lot ${inst.config.lotT} t`);
  const free = heldUnitsT(state, actor.id, p.instrument) - reservedUnitsT(state, actor.id, p.instrument);
  if (free < p.quantityT) return new MarketRefusal('insufficient_units', `market.md §6: ${actor.id} has ${free} t of ${p.instrument} free, offers ${p.quantityT}`);
  return {
    accepted: true,
    events: [marketEvent(command, 'auction.opened', {
      auctionId: p.auctionId, instrument: p.instrument, kind: 'one-way', openKey: command.key, seller: actor.id, quantityT: p.quantityT,
      reservePriceFen: p.reservePriceFen, minimumTotalT: p.minimumTotalT ?? 0, reservedT: p.quantityT,
    })],
  };
}

function openAuctionOr(state: ExchangeState, auctionId: string): { auction: Auction; inst: InstrumentState } | MarketRefusal {
  const auction = state.market.auctions.get(auctionId);
  if (auction === undefined) return new MarketRefusal('unknown_auction', `no auction ${auctionId}`);
  if (auction.status !== 'open') return new MarketRefusal('auction_closed', `auction ${auctionId} is ${auction.status}`);
  return { auction, inst: state.market.instruments.get(auction.instrument)! };
}

export function decideBid(ctx: MarketCtx<MarketPayloadOf<'auction.bid'>>): Outcome | MarketRefusal {
  const { state, payload: p, command } = ctx;
  const owner = ownerOf(state, ctx.actor, p.onBehalfOf);
  if (owner instanceof MarketRefusal) return owner;
  const untrained = trainingRefusalOf(owner);
  if (untrained !== null) return untrained;
  const found = openAuctionOr(state, p.auctionId);
  if (found instanceof MarketRefusal) return found;
  const { auction, inst } = found;
  const c = inst.config;
  const closed = tradingRefusal(inst);
  if (closed !== null) return closed;
  const side = p.side === 'buy' ? BUY : SELL;
  if (auction.kind === 'one-way' && (side !== BUY || owner.id === auction.seller)) return new MarketRefusal('invalid_payload', '$.payload.side: one-way bidding takes buy bids from others than the seller');
  if (!onTick(p.priceFen, c.tickFen)) return new MarketRefusal('off_tick', `price ${p.priceFen} fen is not a multiple of the tick ${c.tickFen} fen`);
  if (p.quantityT % c.lotT !== 0) return new MarketRefusal('off_lot', `quantity ${p.quantityT} t is not a multiple of the lot ${c.lotT} t`);
  if (auction.kind === 'call') {
    if (p.priceFen < inst.lowerFen || p.priceFen > inst.upperFen) return new MarketRefusal('outside_band', `market.md §10: price ${p.priceFen} fen is outside the band ${inst.lowerFen}..${inst.upperFen} fen`);
    if (p.quantityT >= c.blockThresholdT) return new MarketRefusal('over_block_threshold', `market.md §6.1: ${p.quantityT} t is at or above the block threshold ${c.blockThresholdT} t`);
    if (auction.orders.some((o) => o.owner === owner.id && o.side !== side)) return new MarketRefusal('self_trade', `market.md §10: ${owner.id} already has an order on the other side of call ${auction.auctionId}`);
  }
  let reservedFen = 0;
  if (side === BUY) {
    const limit = positionLimitT(state, inst, owner.id);
    const position = limit === null ? 0 : positionT(state, inst, owner.id);
    if (limit !== null && position + p.quantityT > limit) return new MarketRefusal('position_limit', `market.md §10: ${owner.id} would hold up to ${position + p.quantityT} t; its limit is ${limit} t`);
    reservedFen = buyReservationFen(p.quantityT, p.priceFen, c.buyerFeeBp);
    const free = freeCashFen(state, owner.id);
    if (free < reservedFen) return new MarketRefusal('insufficient_funds', `market.md §10: the bid reserves ${reservedFen} fen; ${owner.id} has ${free} fen free`);
  } else {
    const free = heldUnitsT(state, owner.id, c.instrument) - reservedUnitsT(state, owner.id, c.instrument);
    if (free < p.quantityT) return new MarketRefusal('insufficient_units', `market.md §6: no short selling; ${owner.id} has ${free} t free, sells ${p.quantityT}`);
  }
  const body: Record<string, unknown> = {
    auctionId: auction.auctionId, instrument: c.instrument, orderId: orderId(command.actor, command.key), orderKey: command.key, owner: owner.id,
    placedBy: command.actor, priceFen: p.priceFen, quantityT: p.quantityT, side: p.side, tif: p.tif,
  };
  if (side === BUY) {
    body['reservedFen'] = reservedFen;
    body['postings'] = [{ amount: reservedFen, asset: CASH_ASSET, code: 'reserve', credit: reservedAccount(owner.id), debit: ACCOUNTS.cash(owner.id) }];
  } else body['reservedT'] = p.quantityT;
  return { accepted: true, events: [marketEvent(command, 'auction.bid_accepted', body)] };
}

export function decideAuctionClose(ctx: MarketCtx<MarketPayloadOf<'auction.close'>>): Outcome | MarketRefusal {
  const { state, command } = ctx;
  const found = openAuctionOr(state, ctx.payload.auctionId);
  if (found instanceof MarketRefusal) return found;
  const { auction, inst } = found;
  if (ctx.actor.kind !== 'market-operator' && ctx.actor.id !== auction.seller) return new MarketRefusal('wrong_role', 'market.md §6: the operator (or a one-way auction\'s seller) closes an auction');
  const closed = tradingRefusal(inst);
  if (closed !== null) return closed;
  return auction.kind === 'call' ? closeCall(state, inst, auction, command) : closeOneWay(state, inst, auction, command);
}

/** Cash a bid still reserves after a fill leaves `leftT`, and what the fill releases. */
function releaseOf(o: AuctionOrder, reservedFen: number, quantityT: number, priceFen: number, leftT: number, feeBp: number): { releasedFen: number; keptFen: number } {
  const keptFen = buyReservationFen(leftT, o.priceFen, feeBp);
  const paidFen = priceFen * quantityT + Math.floor((priceFen * quantityT * feeBp) / 10_000);
  return { releasedFen: reservedFen - paidFen - keptFen, keptFen };
}

function closeCall(state: ExchangeState, inst: InstrumentState, auction: Auction, command: MarketCtx<unknown>['command']): Outcome | MarketRefusal {
  const c = inst.config;
  const result = clearCall(auction.orders, inst.lowerFen, inst.upperFen, inst.referenceFen);
  const left = new Map(auction.orders.map((o) => [o, { leftT: o.remainingT, reservedFen: o.reservedFen }]));
  const fills: FillSpec[] = [];
  for (const f of result?.fills ?? []) {
    const b = left.get(f.buy)!;
    b.leftT -= f.quantityT;
    const { releasedFen, keptFen } = releaseOf(f.buy, b.reservedFen, f.quantityT, result!.priceFen, b.leftT, c.buyerFeeBp);
    b.reservedFen = keptFen;
    left.get(f.sell)!.leftT -= f.quantityT;
    fills.push({
      venue: 'call-auction', buyer: f.buy.owner, seller: f.sell.owner, buyOrderId: f.buy.id, sellOrderId: f.sell.id, buyOrderKey: f.buy.key,
      sellOrderKey: f.sell.key, priceFen: result!.priceFen, quantityT: f.quantityT, releasedFen, sellerReserved: true,
    });
  }
  const trades = settleFills(state, inst, fills);
  if (trades instanceof MarketRefusal) return trades;
  const events: EventDraft[] = trades.map((t) => marketEvent(command, 'trade', t));
  const carried: Record<string, unknown>[] = [];
  const expired: Record<string, unknown>[] = [];
  const postings: Posting[] = [];
  for (const o of auction.orders) {
    const l = left.get(o)!;
    if (l.leftT === 0) continue;
    if (o.tif === 'GTC') carried.push({ orderId: o.id, orderKey: o.key, remainingT: l.leftT, reservedFen: l.reservedFen });
    else {
      expired.push({ orderKey: o.key, owner: o.owner, releasedFen: l.reservedFen, releasedT: o.side === SELL ? l.leftT : 0 });
      if (l.reservedFen > 0) postings.push({ amount: l.reservedFen, asset: CASH_ASSET, code: 'release', credit: ACCOUNTS.cash(o.owner), debit: reservedAccount(o.owner) });
    }
  }
  events.push(marketEvent(command, 'auction.closed', {
    auctionId: auction.auctionId, instrument: c.instrument, kind: 'call', priceFen: result?.priceFen ?? null, volumeT: result?.volumeT ?? 0,
    imbalanceT: result?.imbalanceT ?? 0, carried, expired, postings,
  }));
  return { accepted: true, events };
}

function closeOneWay(state: ExchangeState, inst: InstrumentState, auction: Auction, command: MarketCtx<unknown>['command']): Outcome | MarketRefusal {
  const c = inst.config;
  const result = clearOneWay(auction.orders, auction.quantityT, auction.reservePriceFen, auction.minimumTotalT, c.lotT);
  const fills: FillSpec[] = [];
  const postings: Posting[] = [];
  const released: Record<string, unknown>[] = [];
  for (const o of auction.orders) {
    const q = result.allocations.get(o) ?? 0;
    if (q > 0 && result.priceFen !== null) {
      const { releasedFen } = releaseOf(o, o.reservedFen, q, result.priceFen, 0, c.buyerFeeBp);
      fills.push({
        venue: 'one-way', buyer: o.owner, seller: auction.seller!, buyOrderId: o.id, sellOrderId: `${auction.openedBy}/${auction.openKey}`,
        buyOrderKey: o.key, sellOrderKey: auction.openKey, priceFen: result.priceFen, quantityT: q, releasedFen, sellerReserved: true,
      });
    } else {
      released.push({ orderKey: o.key, owner: o.owner, releasedFen: o.reservedFen, reason: o.priceFen < auction.reservePriceFen ? 'below_reserve' : 'not_allocated' });
      postings.push({ amount: o.reservedFen, asset: CASH_ASSET, code: 'release', credit: ACCOUNTS.cash(o.owner), debit: reservedAccount(o.owner) });
    }
  }
  const trades = settleFills(state, inst, fills);
  if (trades instanceof MarketRefusal) return trades;
  const events: EventDraft[] = trades.map((t) => marketEvent(command, 'trade', t));
  const cancelled = result.priceFen === null;
  events.push(marketEvent(command, cancelled ? 'auction.cancelled' : 'auction.closed', {
    auctionId: auction.auctionId, instrument: c.instrument, kind: 'one-way', priceFen: result.priceFen, soldT: result.soldT, validBidT: result.validT,
    minimumTotalT: auction.minimumTotalT, seller: auction.seller, sellerReleasedT: auction.quantityT - result.soldT, released, postings,
  }));
  return { accepted: true, events };
}
