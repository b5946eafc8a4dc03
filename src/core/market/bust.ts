/**
 * `trade.bust` (market.md §10: "a trade bust by the operator posts reversing entries, never
 * deletes"). One `trade.busted` event reverses what the `trade` event posted: the same serial
 * blocks go back from the buyer to the seller, the buyer gets notional + its fee back in free
 * cash, the operator returns both fees, and each waterfall is unwound (deductions back from
 * their recipients, members' payables back to the seller). The buyer's released surplus stays
 * where it is: it was the buyer's own cash all along. Open orders are left as they are.
 *
 * Choice (the spec gives no window): a trade can be busted while its instrument's session is
 * still open, so a published close never changes; a busted continuous trade leaves the
 * session's VWAP. Refused when the units or the cash have moved on (the registry's codes).
 */
import type { Outcome, Posting } from '../journal/types.js';
import { ACCOUNTS, CASH_ASSET, mayBeNegative, unitAsset } from '../ledger/index.js';
import { Refusal, type Waterfall, pickBySerials } from '../registry/index.js';
import { type MarketCtx, MarketRefusal, marketEvent } from './context.js';
import type { MarketPayloadOf } from './schemas.js';
import { operatorRefusal } from './sessions.js';
import { reservedAccount } from './settle.js';
import type { ExchangeState } from './types.js';

type E = Record<string, unknown>;
type TradeWaterfall = { projectId: string; waterfall: Waterfall };

export function decideBust(ctx: MarketCtx<MarketPayloadOf<'trade.bust'>>): Outcome | MarketRefusal {
  const { state, payload: p, actor } = ctx;
  const refused = operatorRefusal(actor);
  if (refused !== null) return refused;
  const trade = state.market.trades.get(p.tradeSeq);
  if (trade === undefined) {
    return new MarketRefusal('unknown_trade', `event ${p.tradeSeq} is not a trade of an open session, or it was busted already (a trade can be busted until its session closes)`);
  }
  const buyer = trade['buyer'] as string;
  const seller = trade['seller'] as string;
  const blocks = trade['blocks'] as { serial: string }[];
  const picked = pickBySerials(state, ACCOUNTS.units(buyer), ACCOUNTS.units(seller), blocks.map((b) => b.serial), buyer);
  if (picked instanceof Refusal) return new MarketRefusal(picked.code, `market.md §10: the bust moves the traded serials back from ${buyer}: ${picked.message}`);
  const postings: Posting[] = [];
  const byAsset = new Map<string, number>();
  for (const e of picked.entries) byAsset.set(unitAsset(e.projectId, e.vintage), (byAsset.get(unitAsset(e.projectId, e.vintage)) ?? 0) + e.end - e.start + 1);
  for (const [asset, amount] of byAsset) postings.push({ amount, asset, code: 'bust', credit: ACCOUNTS.units(seller), debit: ACCOUNTS.units(buyer) });
  // Every cash leg reversed; what left the buyer's reservation comes back to its free cash.
  for (const x of trade['postings'] as Posting[]) {
    if (x.asset !== CASH_ASSET || x.code === 'release') continue;
    const credit = x.debit === reservedAccount(buyer) ? ACCOUNTS.cash(buyer) : x.debit;
    postings.push({ amount: x.amount, asset: CASH_ASSET, code: 'bust', credit, debit: x.credit });
  }
  const short = overdrawn(state, postings);
  if (short !== null) return short;
  const waterfalls = (trade['waterfalls'] as TradeWaterfall[] | undefined) ?? [];
  for (const w of waterfalls) {
    for (const m of w.waterfall.members) {
      const s = state.statements.get(w.projectId)?.get(m.memberId);
      if (s !== undefined && s.payableFen - m.amountFen < s.paidFen) {
        return new MarketRefusal('insufficient_funds', `market.md §7: ${m.memberId} was already paid from this sale of ${w.projectId}; its payable cannot be reversed`);
      }
    }
  }
  const body: E = {
    blocks: picked.entries, buyer, buyerFeeFen: trade['buyerFeeFen'], instrument: trade['instrument'], notionalFen: trade['notionalFen'], postings,
    priceFen: trade['priceFen'], quantityT: trade['quantityT'], reason: p.reason, seller, sellerFeeFen: trade['sellerFeeFen'],
    session: trade['session'], tradeSeq: p.tradeSeq, venue: trade['venue'],
  };
  if (waterfalls.length > 0) body['waterfalls'] = waterfalls;
  return { accepted: true, events: [marketEvent(ctx.command, 'trade.busted', body)] };
}

/** The first account the postings, netted, would take below zero, as a refusal. */
function overdrawn(state: ExchangeState, postings: readonly Posting[]): MarketRefusal | null {
  const delta = new Map<string, number>();
  const add = (account: string, asset: string, amount: number) => delta.set(`${account}\n${asset}`, (delta.get(`${account}\n${asset}`) ?? 0) + amount);
  for (const x of postings) {
    add(x.debit, x.asset, -x.amount);
    add(x.credit, x.asset, x.amount);
  }
  for (const [k, d] of delta) {
    const [account, asset] = k.split('\n') as [string, string];
    const balance = state.balances.balance(account, asset);
    if (!mayBeNegative(account) && balance + d < 0) {
      return new MarketRefusal('insufficient_funds', `market.md §10: the bust takes ${-d} ${asset} from ${account}, which holds ${balance}; the money has moved on`);
    }
  }
  return null;
}

/** Folds a bust: the trade is no longer bustable, a continuous one leaves the session's VWAP, statements unwound. */
export function applyBusted(state: ExchangeState, e: E): void {
  const seq = e['tradeSeq'] as number;
  state.market.trades.delete(seq);
  const inst = state.market.instruments.get(e['instrument'] as string)!;
  if (e['venue'] === 'continuous') {
    inst.sessionNotionalFen -= e['notionalFen'] as number;
    inst.sessionQuantityT -= e['quantityT'] as number;
  }
  for (const w of (e['waterfalls'] as TradeWaterfall[] | undefined) ?? []) {
    for (const m of w.waterfall.members) {
      const s = state.statements.get(w.projectId)?.get(m.memberId);
      if (s === undefined) throw new Error(`bust: no statement of ${m.memberId} in ${w.projectId}`);
      s.salesFen -= m.grossFen;
      s.deductionsFen -= m.deductionsFen;
      s.payableFen -= m.amountFen;
    }
  }
}
