/**
 * Block agreements (market.md §6.2): two named parties agree quantity and price, within
 * ±30 % of the reference (on the tick); the proposer's side is reserved at `block.propose`,
 * the counterparty's at `block.confirm`, which settles the trade in the same command.
 */
import type { Outcome } from '../journal/types.js';
import { ACCOUNTS, CASH_ASSET } from '../ledger/index.js';
import { freeCashFen, heldUnitsT, instrumentOr, reservedUnitsT, tradingRefusal, trainingRefusalOf } from './accounts.js';
import { type MarketCtx, MarketRefusal, marketEvent } from './context.js';
import { bandOf, buyReservationFen, onTick } from './rules.js';
import type { MarketPayloadOf } from './schemas.js';
import { reservedAccount, settleFills } from './settle.js';
import type { ExchangeState, InstrumentState } from './types.js';

function sideRefusal(state: ExchangeState, inst: InstrumentState, who: string, buys: boolean, priceFen: number, quantityT: number): MarketRefusal | null {
  if (buys) {
    const need = buyReservationFen(quantityT, priceFen, inst.config.buyerFeeBp);
    const free = freeCashFen(state, who);
    return free < need ? new MarketRefusal('insufficient_funds', `market.md §6: the block reserves ${need} fen; ${who} has ${free} fen free`) : null;
  }
  const free = heldUnitsT(state, who, inst.config.instrument) - reservedUnitsT(state, who, inst.config.instrument);
  return free < quantityT ? new MarketRefusal('insufficient_units', `market.md §6: ${who} has ${free} t of ${inst.config.instrument} free, the block needs ${quantityT}`) : null;
}

export function decidePropose(ctx: MarketCtx<MarketPayloadOf<'block.propose'>>): Outcome | MarketRefusal {
  const { state, payload: p, actor, command } = ctx;
  const untrained = trainingRefusalOf(actor);
  if (untrained !== null) return untrained;
  const counterparty = state.participants.get(p.counterparty);
  if (counterparty === undefined) return new MarketRefusal('unknown_participant', `counterparty ${p.counterparty} is not a registered participant`);
  if (counterparty.id === actor.id) return new MarketRefusal('same_account', 'a block agreement needs two parties');
  const inst = instrumentOr(state, p.instrument);
  if (inst instanceof MarketRefusal) return inst;
  if (state.market.blocks.has(p.blockId)) return new MarketRefusal('invalid_payload', `$.payload.blockId: block ${p.blockId} exists`);
  const refused = tradingRefusal(inst);
  if (refused !== null) return refused;
  const c = inst.config;
  if (!onTick(p.priceFen, c.tickFen)) return new MarketRefusal('off_tick', `price ${p.priceFen} fen is not a multiple of the tick ${c.tickFen} fen`);
  if (p.quantityT % c.lotT !== 0) return new MarketRefusal('off_lot', `quantity ${p.quantityT} t is not a multiple of the lot ${c.lotT} t`);
  const band = bandOf(inst.referenceFen, c.blockBandBp, c.tickFen);
  if (p.priceFen < band.lowerFen || p.priceFen > band.upperFen) return new MarketRefusal('outside_band', `market.md §6.2: price ${p.priceFen} fen is outside the block band ${band.lowerFen}..${band.upperFen} fen`);
  const buys = p.side === 'buy';
  const short = sideRefusal(state, inst, actor.id, buys, p.priceFen, p.quantityT);
  if (short !== null) return short;
  const body: Record<string, unknown> = { ...p, buyer: buys ? actor.id : p.counterparty, seller: buys ? p.counterparty : actor.id, proposer: actor.id, orderKey: command.key };
  if (buys) {
    const reservedFen = buyReservationFen(p.quantityT, p.priceFen, c.buyerFeeBp);
    body['reservedFen'] = reservedFen;
    body['postings'] = [{ amount: reservedFen, asset: CASH_ASSET, code: 'reserve', credit: reservedAccount(actor.id), debit: ACCOUNTS.cash(actor.id) }];
  } else body['reservedT'] = p.quantityT;
  return { accepted: true, events: [marketEvent(command, 'block.proposed', body)] };
}

export function decideConfirm(ctx: MarketCtx<MarketPayloadOf<'block.confirm'>>): Outcome | MarketRefusal {
  const { state, actor, command } = ctx;
  const block = state.market.blocks.get(ctx.payload.blockId);
  if (block === undefined) return new MarketRefusal('unknown_block', `no block agreement ${ctx.payload.blockId}`);
  const counterparty = block.proposer === block.buyer ? block.seller : block.buyer;
  if (actor.id !== counterparty) return new MarketRefusal('wrong_role', `market.md §6.2: only ${counterparty} confirms block ${block.blockId}`);
  if (block.status !== 'proposed') return new MarketRefusal('block_closed', `block ${block.blockId} is ${block.status}`);
  const untrained = trainingRefusalOf(actor);
  if (untrained !== null) return untrained;
  const inst = state.market.instruments.get(block.instrument)!;
  const refused = tradingRefusal(inst);
  if (refused !== null) return refused;
  const confirmerBuys = actor.id === block.buyer;
  const short = sideRefusal(state, inst, actor.id, confirmerBuys, block.priceFen, block.quantityT);
  if (short !== null) return short;
  const reservedFen = buyReservationFen(block.quantityT, block.priceFen, inst.config.buyerFeeBp);
  const confirmBody: Record<string, unknown> = { blockId: block.blockId, buyer: block.buyer, seller: block.seller };
  if (confirmerBuys) confirmBody['postings'] = [{ amount: reservedFen, asset: CASH_ASSET, code: 'reserve', credit: reservedAccount(actor.id), debit: ACCOUNTS.cash(actor.id) }];
  const trades = settleFills(state, inst, [{
    venue: 'block', buyer: block.buyer, seller: block.seller, buyOrderId: `block/${block.blockId}`, sellOrderId: `block/${block.blockId}`,
    buyOrderKey: confirmerBuys ? command.key : block.key, sellOrderKey: confirmerBuys ? block.key : command.key,
    priceFen: block.priceFen, quantityT: block.quantityT, releasedFen: 0, sellerReserved: confirmerBuys, unreserveT: confirmerBuys ? block.quantityT : 0,
  }]);
  if (trades instanceof MarketRefusal) return trades;
  return { accepted: true, events: [marketEvent(command, 'block.confirmed', confirmBody), marketEvent(command, 'trade', trades[0]!)] };
}
