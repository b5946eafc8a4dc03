/**
 * The exchange as a `Machine` composed with the registry's: one journal drives both. Registry
 * commands go to `decideRegistry`; trading commands are decided here against the same state
 * (the registry's balances, blocks and `reservedUnits`). Apply folds every event's postings
 * and blocks through `applyRegistryEvent`, then the exchange's own bookkeeping.
 */
import type { Json } from '../journal/image.js';
import type { CommandEnvelope, EventDraft, Machine, Outcome } from '../journal/types.js';
import { type RegistryOptions, applyRegistryEvent, decideRegistry, describeIssue, initialRegistryState } from '../registry/index.js';
import { adjustReservedUnits } from './accounts.js';
import { applyAmended, applyListed, applyMandate, applyOrderAccepted, applyOrderDone, applySessionClosed, applySessionOpened, applyTrade, auctionOrderOf, restTakers } from './apply.js';
import { decideAuctionClose, decideAuctionOpen, decideBid } from './auctions.js';
import { decideConfirm, decidePropose } from './blocks.js';
import { applyBusted, decideBust } from './bust.js';
import { type MarketCtx, MarketRefusal, rejectionOf } from './context.js';
import { decideAmend, decideCancel, decidePlace } from './orders.js';
import { MARKET_SCHEMAS, type MarketCommandType, checkedMarketPayload } from './schemas.js';
import { decideHalt, decideList, decideMandate, decidePositionLimit, decideSessionClose, decideSessionOpen } from './sessions.js';
import { stateFromImage, stateImage } from './snapshot.js';
import { withSuspensionCancels } from './suspension.js';
import type { Auction, BlockProposal, ExchangeState, MarketState } from './types.js';

type Deciders = { readonly [T in MarketCommandType]: (ctx: MarketCtx<never>) => Outcome | MarketRefusal };

const DECIDERS: Deciders = {
  'instrument.list': decideList,
  'instrument.halt': decideHalt,
  'session.open': decideSessionOpen,
  'session.close': decideSessionClose,
  'mandate.record': decideMandate,
  'position.limit': decidePositionLimit,
  'order.place': decidePlace,
  'order.cancel': decideCancel,
  'order.amend': decideAmend,
  'block.propose': decidePropose,
  'block.confirm': decideConfirm,
  'auction.open': decideAuctionOpen,
  'auction.bid': decideBid,
  'auction.close': decideAuctionClose,
  'trade.bust': decideBust,
};

type E = Record<string, unknown>;
const APPLIERS: Readonly<Record<string, (state: ExchangeState, e: E, seq: number) => void>> = {
  'instrument.listed': applyListed,
  'instrument.halted': (s, e) => (s.market.instruments.get(e['instrument'] as string)!.halted = true),
  'instrument.resumed': (s, e) => (s.market.instruments.get(e['instrument'] as string)!.halted = false),
  'position.limited': (s, e) => s.market.positionLimits.set(`${e['participantId'] as string}|${e['instrument'] as string}`, e['maxT'] as number),
  'mandate.recorded': (s, e) => applyMandate(s, e, false),
  'mandate.revoked': (s, e) => applyMandate(s, e, true),
  'session.opened': applySessionOpened,
  'session.closed': (s, e) => {
    applySessionClosed(s, e);
    // Busts end with the session (bust.ts).
    for (const [seq, t] of s.market.trades) if (t['instrument'] === e['instrument']) s.market.trades.delete(seq);
  },
  'order.accepted': applyOrderAccepted,
  'order.done': applyOrderDone,
  'order.amended': applyAmended,
  trade: (s, e, seq) => {
    applyTrade(s, e);
    s.market.trades.set(seq, e);
  },
  'trade.busted': applyBusted,
  'block.proposed': applyBlockProposed,
  'block.confirmed': (s, e) => (s.market.blocks.get(e['blockId'] as string)!.status = 'confirmed'),
  'auction.opened': applyAuctionOpened,
  'auction.bid_accepted': applyBid,
  'auction.closed': applyAuctionClosed,
  'auction.cancelled': applyAuctionClosed,
};

export function initialMarketState(): MarketState {
  return {
    instruments: new Map(), orders: new Map(), accountNumbers: new Map(), mandates: new Map(), positionLimits: new Map(),
    blocks: new Map(), auctions: new Map(), openCall: new Map(), carried: new Map(), auctionSeq: 0, trades: new Map(),
  };
}

export function initialExchangeState(options: Partial<RegistryOptions> = {}): ExchangeState {
  return Object.assign(initialRegistryState(options), { market: initialMarketState() });
}

export function isMarketCommand(type: string): type is MarketCommandType {
  return Object.hasOwn(MARKET_SCHEMAS, type);
}

/** Decides one command of either machine; never mutates `state`. */
export function decideExchange(state: ExchangeState, command: CommandEnvelope): Outcome {
  if (!isMarketCommand(command.type)) {
    const outcome = decideRegistry(state, command);
    return command.type === 'project.suspend' ? withSuspensionCancels(state, command, outcome) : outcome;
  }
  const parsed = checkedMarketPayload(command.type, command.payload);
  if (!parsed.success) return rejectionOf(command, 'invalid_payload', describeIssue(parsed.error));
  const actor = state.participants.get(command.actor);
  if (actor === undefined) return rejectionOf(command, 'unknown_participant', `actor ${command.actor} is not a registered participant (market.md §2)`);
  const decide = DECIDERS[command.type] as (ctx: MarketCtx<unknown>) => Outcome | MarketRefusal;
  const result = decide({ state, command, payload: parsed.data, actor });
  return result instanceof MarketRefusal ? rejectionOf(command, result.code, result.message) : result;
}

/** Folds one accepted event; `seq` is its place in the event log. */
export function applyExchangeEvent(state: ExchangeState, event: EventDraft, seq: number): void {
  applyRegistryEvent(state, event);
  APPLIERS[event.type]?.(state, event.payload as E, seq);
}

/** The registry and the exchange as one machine. */
export function createExchangeMachine(options: Partial<RegistryOptions> = {}): Machine<ExchangeState> {
  return {
    initial: () => initialExchangeState(options),
    decide: decideExchange,
    apply(state, _command, outcome, firstSeq) {
      if (!outcome.accepted) return state;
      for (let i = 0; i < outcome.events.length; i++) applyExchangeEvent(state, outcome.events[i]!, firstSeq + i);
      restTakers(state, outcome.events as { type: string; payload: E }[]);
      return state;
    },
    snapshot: (state) => stateImage(state),
    restore: (image) => stateFromImage<ExchangeState>(image as Json),
  };
}

function applyBlockProposed(state: ExchangeState, e: E): void {
  const block: BlockProposal = {
    blockId: e['blockId'] as string, key: e['orderKey'] as string, instrument: e['instrument'] as string, buyer: e['buyer'] as string,
    seller: e['seller'] as string, proposer: e['proposer'] as string, priceFen: e['priceFen'] as number, quantityT: e['quantityT'] as number,
    reservedFen: (e['reservedFen'] as number | undefined) ?? 0, status: 'proposed',
  };
  state.market.blocks.set(block.blockId, block);
  if (e['reservedT'] !== undefined) adjustReservedUnits(state, block.seller, block.instrument, block.quantityT);
}

function applyAuctionOpened(state: ExchangeState, e: E): void {
  const kind = e['kind'] as Auction['kind'];
  const instrument = e['instrument'] as string;
  const auction: Auction = {
    auctionId: e['auctionId'] as string, kind, instrument, openedBy: e['actor'] as string, openKey: e['openKey'] as string,
    seller: (e['seller'] as string | undefined) ?? null, quantityT: (e['quantityT'] as number | undefined) ?? 0,
    reservePriceFen: (e['reservePriceFen'] as number | undefined) ?? 0, minimumTotalT: (e['minimumTotalT'] as number | undefined) ?? 0,
    status: 'open', orders: kind === 'call' ? [...(state.market.carried.get(instrument) ?? [])] : [],
  };
  state.market.auctions.set(auction.auctionId, auction);
  if (kind === 'call') {
    state.market.openCall.set(instrument, auction.auctionId);
    state.market.carried.delete(instrument);
  } else adjustReservedUnits(state, auction.seller!, instrument, auction.quantityT);
}

function applyBid(state: ExchangeState, e: E): void {
  const auction = state.market.auctions.get(e['auctionId'] as string)!;
  state.market.auctionSeq += 1;
  const order = auctionOrderOf(e, state.market.auctionSeq);
  auction.orders.push(order);
  if (order.side === 1) adjustReservedUnits(state, order.owner, auction.instrument, order.quantityT);
}

function applyAuctionClosed(state: ExchangeState, e: E): void {
  const auction = state.market.auctions.get(e['auctionId'] as string)!;
  auction.status = e['priceFen'] === null && auction.kind === 'one-way' ? 'cancelled' : 'closed';
  if (auction.kind === 'one-way') {
    const releasedT = e['sellerReleasedT'] as number;
    if (releasedT > 0) adjustReservedUnits(state, auction.seller!, auction.instrument, -releasedT);
    return;
  }
  state.market.openCall.delete(auction.instrument);
  if ((e['volumeT'] as number) > 0) state.market.instruments.get(auction.instrument)!.sessionAuctionFen = e['priceFen'] as number;
  for (const x of e['expired'] as E[]) {
    const releasedT = x['releasedT'] as number;
    if (releasedT > 0) adjustReservedUnits(state, x['owner'] as string, auction.instrument, -releasedT);
  }
  const byId = new Map(auction.orders.map((o) => [o.id, o]));
  const carried = (e['carried'] as E[]).map((x) => {
    const o = byId.get(x['orderId'] as string)!;
    o.remainingT = x['remainingT'] as number;
    o.reservedFen = x['reservedFen'] as number;
    return o;
  });
  if (carried.length > 0) state.market.carried.set(auction.instrument, carried);
}
