/**
 * Settlement of fills, delivery versus payment inside the `trade` event (market.md §6, §10):
 * units move as real serial blocks (the seller's oldest first, the buyer taking the head),
 * the buyer pays notional + fee from its reservation and the surplus is released, the seller
 * receives notional − fee, fees go to the operator, and when the seller is an aggregated or
 * PPP project's proponent the waterfall books each member's payable in the same event.
 */
import type { Posting } from '../journal/types.js';
import { ACCOUNTS, CASH_ASSET, splitLargestRemainder, unitAsset } from '../ledger/index.js';
import { Refusal, bookWaterfall, formatSerial, select, type Waterfall } from '../registry/index.js';
import { MarketRefusal, sortKeys } from './context.js';
import { feeFen } from './rules.js';
import type { ExchangeState, InstrumentState } from './types.js';

/** Cash reserved by buy orders, bids and block proposals (the pending leg of a trade). */
export function reservedAccount(participantId: string): string {
  return `P:${participantId}:reserved`;
}

export type TradeVenue = 'continuous' | 'call-auction' | 'one-way' | 'block';

/** One decided fill, before settlement. */
export interface FillSpec {
  readonly venue: TradeVenue;
  readonly buyer: string;
  readonly seller: string;
  readonly buyOrderId: string;
  readonly sellOrderId: string;
  readonly buyOrderKey: string;
  readonly sellOrderKey: string;
  readonly priceFen: number;
  readonly quantityT: number;
  /** Cash released from the buyer's reservation beyond what it pays (the surplus), fen. */
  readonly releasedFen: number;
  /** True when the sold units were reserved in state already (a resting or earlier order). */
  readonly sellerReserved: boolean;
  /** Units released from the seller's reservation on apply (default: the quantity). */
  readonly unreserveT?: number;
  /** Which side was the taker (continuous trading), for the tape. */
  readonly aggressor?: 'buy' | 'sell';
}

interface Piece {
  readonly projectId: string;
  readonly vintage: number;
  start: number;
  readonly end: number;
}

/**
 * The `trade` event bodies of `fills`, in order, or the refusal of the first seller whose
 * units cannot be picked. Read-only: picks for several fills of one seller continue where the
 * previous fill stopped, as if each were applied before the next.
 */
export function settleFills(state: ExchangeState, inst: InstrumentState, fills: readonly FillSpec[]): Record<string, unknown>[] | MarketRefusal {
  const pieces = new Map<string, Piece[]>();
  const totals = new Map<string, { quantityT: number; releasedT: number }>();
  for (const f of fills) {
    const t = totals.get(f.seller) ?? { quantityT: 0, releasedT: 0 };
    t.quantityT += f.quantityT;
    if (f.sellerReserved) t.releasedT += f.quantityT;
    totals.set(f.seller, t);
  }
  for (const [seller, t] of totals) {
    const picked = select(state, seller, ACCOUNTS.units(seller), { quantityT: t.quantityT, instrument: inst.config.instrument, releasedT: t.releasedT });
    if (picked instanceof Refusal) return new MarketRefusal(picked.code, picked.message);
    pieces.set(seller, picked.entries.map((e) => ({ projectId: e.projectId, vintage: e.vintage, start: e.start, end: e.end })));
  }
  const out: Record<string, unknown>[] = [];
  for (const f of fills) {
    const body = settleOne(state, inst, f, carve(pieces.get(f.seller)!, f.quantityT));
    if (body instanceof MarketRefusal) return body;
    out.push(body);
  }
  return out;
}

/** Takes `quantityT` units from the head of `pieces` (mutating the local list). */
function carve(pieces: Piece[], quantityT: number): Piece[] {
  const out: Piece[] = [];
  let left = quantityT;
  while (left > 0) {
    const p = pieces[0]!;
    const take = Math.min(left, p.end - p.start + 1);
    out.push({ projectId: p.projectId, vintage: p.vintage, start: p.start, end: p.start + take - 1 });
    if (take === p.end - p.start + 1) pieces.shift();
    else p.start += take;
    left -= take;
  }
  return out;
}

function settleOne(state: ExchangeState, inst: InstrumentState, f: FillSpec, pieces: readonly Piece[]): Record<string, unknown> | MarketRefusal {
  const c = inst.config;
  const notionalFen = f.priceFen * f.quantityT;
  const buyerFeeFen = feeFen(notionalFen, c.buyerFeeBp);
  const sellerFeeFen = feeFen(notionalFen, c.sellerFeeBp);
  const from = ACCOUNTS.units(f.seller);
  const to = ACCOUNTS.units(f.buyer);
  const blocks = pieces.map((p) => ({
    end: p.end, from, projectId: p.projectId,
    serial: formatSerial(state.options.registryCode, state.projects.get(p.projectId)!.regionCode, p.projectId, p.vintage, p.start, p.end),
    start: p.start, to, vintage: p.vintage,
  }));
  const postings: Posting[] = [];
  const unitByAsset = new Map<string, number>();
  for (const p of pieces) unitByAsset.set(unitAsset(p.projectId, p.vintage), (unitByAsset.get(unitAsset(p.projectId, p.vintage)) ?? 0) + p.end - p.start + 1);
  for (const [asset, amount] of unitByAsset) postings.push({ amount, asset, code: 'trade', credit: to, debit: from });
  const buyerReserved = reservedAccount(f.buyer);
  const sellerCash = ACCOUNTS.cash(f.seller);
  const operatorCash = ACCOUNTS.cash(c.operator);
  const cash = (amount: number, code: string, debit: string, credit: string) => {
    if (amount > 0) postings.push({ amount, asset: CASH_ASSET, code, credit, debit });
  };
  cash(notionalFen, 'trade', buyerReserved, sellerCash);
  cash(buyerFeeFen, 'fee', buyerReserved, operatorCash);
  cash(sellerFeeFen, 'fee', sellerCash, operatorCash);
  cash(f.releasedFen, 'release', buyerReserved, ACCOUNTS.cash(f.buyer));
  const waterfalls = waterfallsOf(state, f.seller, pieces, notionalFen - sellerFeeFen);
  if (waterfalls instanceof MarketRefusal) return waterfalls;
  for (const w of waterfalls) postings.push(...w.postings);
  const buyer = state.participants.get(f.buyer)!;
  const seller = state.participants.get(f.seller)!;
  const body: Record<string, unknown> = {
    blocks, buyOrderId: f.buyOrderId, buyOrderKey: f.buyOrderKey, buyer: f.buyer, buyerFeeFen, buyerRegion: buyer.regionCode,
    instrument: c.instrument, notionalFen, postings, priceFen: f.priceFen, quantityT: f.quantityT, releasedFen: f.releasedFen,
    sellOrderId: f.sellOrderId, sellOrderKey: f.sellOrderKey, seller: f.seller, sellerFeeFen, sellerRegion: seller.regionCode,
    session: inst.session, venue: f.venue,
  };
  if (f.aggressor !== undefined) body['aggressor'] = f.aggressor;
  if (f.unreserveT !== undefined) body['unreserveT'] = f.unreserveT;
  if (waterfalls.length > 0) body['waterfalls'] = waterfalls.map((w) => sortKeys({ projectId: w.projectId, waterfall: w.waterfall }));
  return body;
}

/**
 * Waterfalls of the seller's net proceeds: split over the fill's projects by units (largest
 * remainder by project id), each run under its contract in force when the seller is the
 * proponent of an aggregated or PPP project with a contract.
 */
function waterfallsOf(state: ExchangeState, sellerId: string, pieces: readonly Piece[], netFen: number): { projectId: string; waterfall: Waterfall; postings: Posting[] }[] | MarketRefusal {
  const units = new Map<string, number>();
  for (const p of pieces) units.set(p.projectId, (units.get(p.projectId) ?? 0) + p.end - p.start + 1);
  const ids = [...units.keys()].sort();
  const shared = ids.filter((id) => {
    const project = state.projects.get(id)!;
    const pooled = project.aggregator !== null || project.proponents.length > 1;
    return pooled && project.proponents.some((x) => x.participantId === sellerId) && project.contracts.length > 0;
  });
  if (shared.length === 0) return [];
  const parts = splitLargestRemainder(netFen, ids.map((id) => units.get(id)!), ids);
  if (!parts.ok) throw new Error(`settle: ${parts.error.message}`);
  const out: { projectId: string; waterfall: Waterfall; postings: Posting[] }[] = [];
  for (const projectId of shared) {
    const booked = bookWaterfall(state, projectId, sellerId, parts.value[ids.indexOf(projectId)]!);
    if (!booked.ok) return new MarketRefusal(booked.error.code, booked.error.message);
    out.push({ projectId, waterfall: booked.value.waterfall, postings: booked.value.postings });
  }
  return out;
}
