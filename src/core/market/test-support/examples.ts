/**
 * The example journals of examples/market/ (market-*.jsonl), built here so that keys, times
 * and payloads stay consistent; `REGEN=1` rewrites the files for review.
 */
import type { CommandEnvelope } from '../../journal/types.js';
import { DOC, FOREST, MarketJournal, tradingSetup } from './journal.js';
import { run } from './run.js';

const limit = (side: 'buy' | 'sell', priceFen: number, quantityT: number, tif = 'GTC') => ({ instrument: FOREST, side, kind: 'limit', priceFen, quantityT, tif });

/** Continuous trading: the cooperative sells its members' credits; fees, waterfall, payout, close. */
function continuous(): CommandEnvelope[] {
  const j = new MarketJournal();
  tradingSetup(j);
  j.add('coop', 'order.place', limit('sell', 5_050, 200), 'coop-ask-1');
  j.add('coop', 'order.place', limit('sell', 5_100, 300, 'DAY'), 'coop-ask-2');
  j.add('emitter', 'order.place', limit('buy', 4_950, 100), 'emitter-bid-1');
  j.add('fund', 'mandate.record', { intermediary: 'broker', reference: 'brokerage mandate 2025-07' });
  j.add('broker', 'order.place', { ...limit('buy', 5_100, 250, 'IOC'), onBehalfOf: 'fund' }, 'broker-fund-1');
  j.add('emitter', 'order.amend', { orderKey: 'emitter-bid-1', quantityT: 60 });
  j.add('charity', 'order.place', { instrument: FOREST, side: 'buy', kind: 'market', quantityT: 100, tif: 'FOK' }, 'charity-fok');
  j.add('charity', 'order.place', { instrument: FOREST, side: 'buy', kind: 'market', quantityT: 10, tif: 'FOK' }, 'charity-fok-2');
  j.add('coop', 'order.place', limit('sell', 4_950, 40, 'IOC'), 'coop-hit-bid');
  // Refused: off the band, then the same key with another payload.
  j.add('emitter', 'order.place', limit('buy', 5_600, 10), 'emitter-bid-2');
  j.add('emitter', 'order.place', limit('buy', 5_000, 10), 'emitter-bid-2');
  j.add('operator', 'session.close', { instrument: FOREST });
  j.add('coop', 'benefit.pay', { projectId: 'XG01', memberId: 'farmer1', amountFen: 500_000, bankReference: 'RCB 6222-0001 2025-03-05' });
  j.setDay('2025-03-04');
  j.add('operator', 'session.open', { instrument: FOREST });
  j.add('emitter', 'order.cancel', { orderKey: 'emitter-bid-1' });
  return j.commands;
}

/** A periodic call auction on a thin market: collection, uniform price, GTC carried to the next call. */
function callAuction(): CommandEnvelope[] {
  const j = new MarketJournal();
  tradingSetup(j);
  j.add('coop', 'cash.deposit', { amountFen: 10_000, reference: 'coop-cash' });
  j.add('operator', 'auction.open', { auctionId: 'CALL-1', instrument: FOREST, kind: 'call' });
  j.add('emitter', 'auction.bid', { auctionId: 'CALL-1', side: 'buy', priceFen: 5_100, quantityT: 30 });
  j.add('fund', 'auction.bid', { auctionId: 'CALL-1', side: 'buy', priceFen: 5_000, quantityT: 20, tif: 'GTC' });
  j.add('charity', 'auction.bid', { auctionId: 'CALL-1', side: 'buy', priceFen: 4_900, quantityT: 10, tif: 'GTC' });
  j.add('coop', 'auction.bid', { auctionId: 'CALL-1', side: 'sell', priceFen: 4_900, quantityT: 20 });
  j.add('coop', 'auction.bid', { auctionId: 'CALL-1', side: 'sell', priceFen: 5_000, quantityT: 20, tif: 'GTC' });
  j.add('coop', 'auction.bid', { auctionId: 'CALL-1', side: 'sell', priceFen: 5_100, quantityT: 30 });
  // Refused: the cooperative on both sides of one call.
  j.add('coop', 'auction.bid', { auctionId: 'CALL-1', side: 'buy', priceFen: 5_000, quantityT: 1 });
  j.add('operator', 'auction.close', { auctionId: 'CALL-1' });
  j.add('operator', 'auction.open', { auctionId: 'CALL-2', instrument: FOREST, kind: 'call' });
  j.add('coop', 'auction.bid', { auctionId: 'CALL-2', side: 'sell', priceFen: 4_900, quantityT: 10 });
  j.add('operator', 'auction.close', { auctionId: 'CALL-2' });
  j.add('operator', 'session.close', { instrument: FOREST });
  return j.commands;
}

/** One-way bidding: the cooperative offers 100 t with a reserve; sealed bids; the margin split pro rata. */
function oneWay(): CommandEnvelope[] {
  const j = new MarketJournal();
  tradingSetup(j);
  j.add('coop', 'auction.open', { auctionId: 'OWB-1', instrument: FOREST, kind: 'one-way', quantityT: 100, reservePriceFen: 4_600, minimumTotalT: 50 });
  j.add('emitter', 'auction.bid', { auctionId: 'OWB-1', priceFen: 5_000, quantityT: 40 });
  j.add('fund', 'auction.bid', { auctionId: 'OWB-1', priceFen: 4_800, quantityT: 50 });
  j.add('charity', 'auction.bid', { auctionId: 'OWB-1', priceFen: 4_800, quantityT: 30 });
  j.add('charity', 'auction.bid', { auctionId: 'OWB-1', priceFen: 4_500, quantityT: 20 });
  // Refused: the seller cannot bid in its own sale.
  j.add('coop', 'auction.bid', { auctionId: 'OWB-1', priceFen: 5_000, quantityT: 10 });
  j.add('coop', 'auction.close', { auctionId: 'OWB-1' });
  // A second sale whose bids fall below the minimum total: cancelled, everything released.
  j.add('coop', 'auction.open', { auctionId: 'OWB-2', instrument: FOREST, kind: 'one-way', quantityT: 100, reservePriceFen: 4_600, minimumTotalT: 80 });
  j.add('emitter', 'auction.bid', { auctionId: 'OWB-2', priceFen: 4_700, quantityT: 30 });
  j.add('operator', 'auction.close', { auctionId: 'OWB-2' });
  return j.commands;
}

/** A block agreement inside ±30 %: proposed by the buyer, confirmed by the cooperative. */
function blockTrade(): CommandEnvelope[] {
  const j = new MarketJournal();
  tradingSetup(j);
  // Refused on the book: at or above the block threshold.
  j.add('fund', 'order.place', limit('buy', 5_000, 1_000));
  // Refused: outside ±30 % (floor(5,000 × 1.3) = 6,500).
  j.add('fund', 'block.propose', { blockId: 'BLK-1', instrument: FOREST, side: 'buy', counterparty: 'coop', priceFen: 6_600, quantityT: 1_000 });
  j.add('fund', 'block.propose', { blockId: 'BLK-1', instrument: FOREST, side: 'buy', counterparty: 'coop', priceFen: 6_200, quantityT: 1_000 });
  // Refused: only the counterparty confirms.
  j.add('emitter', 'block.confirm', { blockId: 'BLK-1' });
  j.add('coop', 'block.confirm', { blockId: 'BLK-1' });
  j.add('coop', 'block.confirm', { blockId: 'BLK-1' }, 'confirm-again');
  j.add('operator', 'session.close', { instrument: FOREST });
  return j.commands;
}

/**
 * A trade busted by the operator (a price keyed wrongly: reversing entries, units and money
 * back), then the project suspended by the registry: its resting sell orders are cancelled.
 */
function bustAndSuspension(): CommandEnvelope[] {
  const j = new MarketJournal();
  tradingSetup(j);
  j.add('emitter', 'order.place', limit('buy', 5_400, 100), 'emitter-bid-mistyped');
  j.add('coop', 'order.place', limit('sell', 5_000, 100), 'coop-ask-1');
  // The bust names the trade by its event's seq, known once the journal so far is replayed.
  const trade = run(j.commands).records.find((r) => r.type === 'trade');
  if (trade === undefined) throw new Error('the example should have traded');
  j.add('operator', 'trade.bust', { tradeSeq: trade.seq, reason: 'clearly erroneous price: the bid was keyed 5,400 for 4,500' });
  // Refused: a trade is busted once.
  j.add('operator', 'trade.bust', { tradeSeq: trade.seq, reason: 'again' }, 'bust-again');
  j.add('coop', 'order.place', limit('sell', 5_200, 300), 'coop-ask-2');
  j.add('emitter', 'order.place', limit('buy', 4_900, 50), 'emitter-bid-2');
  j.add('admin', 'project.suspend', { projectId: 'XG01', reason: 'double counting under investigation', documents: [DOC('suspension-notice.pdf')] });
  // Refused: the suspended project's units cannot be offered.
  j.add('coop', 'order.place', limit('sell', 5_100, 10), 'coop-ask-3');
  j.add('operator', 'session.close', { instrument: FOREST });
  return j.commands;
}

export const MARKET_EXAMPLES: Readonly<Record<string, () => CommandEnvelope[]>> = {
  'market-continuous-cooperative': continuous,
  'market-call-auction': callAuction,
  'market-one-way-bidding': oneWay,
  'market-block-trade': blockTrade,
  'market-bust-and-suspension': bustAndSuspension,
};
