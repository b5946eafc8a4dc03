/**
 * `npm run bench -- matching [--orders N] [--machine N]`: one pre-generated stream (fixed seed)
 * of limit orders around a moving mid, cancels and market orders, each passing our pre-trade
 * checks (pre-funded distinct accounts, so no self-trade; the mid bounded inside the band),
 * through our engine (the exchange's `Book` with the pre-trade checks, reservations, trade
 * events and their cash and unit effects on integer accounts, not durable settlement) and
 * through `nodejs-order-book` in the same run. Throughput is best of two runs per engine;
 * p50/p99 latency from a separate pass that reads the clock for every 16th order. The fill
 * lists are compared by a hash of (maker, taker, price, quantity) in order.
 * `--machine N` also runs the first N orders through the whole journal machine (zod, decide,
 * apply, canonical JSON, SHA-256 chain, registry settlement) for scale; `--durable N` runs them
 * through that machine and the SQLite journal store with group commit (`--clients C` concurrent
 * submitters, default 256), acknowledged after COMMIT: end-to-end durable throughput.
 * Last line: `matching: ours <n> orders/s, nodejs-order-book <m> orders/s, ratio <n/m>`.
 */
import { hash } from 'node:crypto';
import { loadavg } from 'node:os';
import { OrderBook, Side } from 'nodejs-order-book';
import { JournalEngine } from '../src/core/journal/index.js';
import { BUY, Book, Plan, SELL, bandOf, buyReservationFen, createExchangeMachine, feeFen, onTick } from '../src/core/market/index.js';
import { FOREST, MarketJournal, tradingSetup } from '../src/core/market/test-support/journal.js';
import { type DurableOrder, runDurable } from './support/market-durable.js';

const REFERENCE_FEN = 5_000;
const TICK_FEN = 1;
const LOT_T = 1;
const BLOCK_T = 100_000;
const FEE_BP = 10;
const KIND_LIMIT = 0;
const KIND_MARKET = 1;
const KIND_CANCEL = 2;

/** The stream as columns: kind, side, price, quantity, and for cancels the target order. */
interface Stream {
  readonly n: number;
  readonly kind: Uint8Array;
  readonly side: Uint8Array;
  readonly priceFen: Int32Array;
  readonly quantityT: Int32Array;
  readonly target: Int32Array;
  readonly ids: string[];
}

function generate(n: number, seed: number): Stream {
  let s = seed >>> 0;
  const next = () => {
    // xorshift32: deterministic on every machine.
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4_294_967_296;
  };
  const kind = new Uint8Array(n);
  const side = new Uint8Array(n);
  const priceFen = new Int32Array(n);
  const quantityT = new Int32Array(n);
  const target = new Int32Array(n).fill(-1);
  const ids: string[] = new Array<string>(n);
  let mid = REFERENCE_FEN;
  for (let i = 0; i < n; i++) {
    ids[i] = String(i);
    // The mid walks one tick at a time, bounded well inside the ±10 % band.
    const step = next();
    if (step < 0.05) mid = Math.max(4_700, mid - TICK_FEN);
    else if (step > 0.95) mid = Math.min(5_300, mid + TICK_FEN);
    const r = next();
    side[i] = next() < 0.5 ? BUY : SELL;
    if (r < 0.8) {
      kind[i] = KIND_LIMIT;
      // Buys below and sells above the mid, with some crossing it.
      const offset = Math.floor(next() * 21) - 8;
      priceFen[i] = side[i] === BUY ? mid - offset : mid + offset;
      quantityT[i] = 1 + Math.floor(next() * 100);
    } else if (r < 0.9) {
      kind[i] = KIND_MARKET;
      quantityT[i] = 1 + Math.floor(next() * 50);
    } else {
      kind[i] = KIND_CANCEL;
      // Mostly recent orders are cancelled, as on a real book.
      target[i] = Math.max(0, i - 1 - Math.floor(next() * 2_000));
    }
  }
  return { n, kind, side, priceFen, quantityT, target, ids };
}

/** FNV-1a over 32-bit words: order-sensitive, cheap. */
function mix(h: number, word: number): number {
  h ^= word & 0xffff;
  h = Math.imul(h, 16_777_619);
  h ^= word >>> 16;
  return Math.imul(h, 16_777_619);
}

interface TradeEvent {
  readonly maker: number;
  readonly taker: number;
  readonly priceFen: number;
  readonly quantityT: number;
  readonly buyerFeeFen: number;
  readonly sellerFeeFen: number;
}

interface RunResult {
  readonly seconds: number;
  readonly fills: number;
  readonly hash: number;
  readonly refused: number;
}

/** Our engine: pre-trade checks and reservations on integer accounts, the book, trade events. */
function runOurs(stream: Stream, sample: Float64Array | null): RunResult {
  const { lowerFen, upperFen } = bandOf(REFERENCE_FEN, 1_000, TICK_FEN);
  const book = new Book<number>(lowerFen, upperFen, TICK_FEN, 1 << 16);
  const plan = new Plan();
  const n = stream.n;
  // Pre-funded accounts, one per order (distinct, so no self-trade).
  const cashFen = new Float64Array(n).fill(1e12);
  const reservedFen = new Float64Array(n);
  const unitsT = new Float64Array(n).fill(1e6);
  const reservedT = new Float64Array(n);
  const handleOf = new Int32Array(n).fill(-1);
  const limitOf = new Int32Array(n);
  const events: TradeEvent[] = [];
  let fills = 0;
  let h = 0x811c9dc5;
  let refused = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const t = sample !== null && (i & 15) === 0 ? performance.now() : 0;
    const kind = stream.kind[i]!;
    if (kind === KIND_CANCEL) {
      const target = stream.target[i]!;
      const handle = handleOf[target]!;
      if (handle >= 0) {
        if (stream.side[target] === BUY) {
          cashFen[target]! += reservedFen[target]!;
          reservedFen[target] = 0;
        } else reservedT[target]! -= book.remaining[handle]!;
        book.remove(handle);
        handleOf[target] = -1;
      }
    } else {
      const side = stream.side[i]! as 0 | 1;
      const quantityT = stream.quantityT[i]!;
      const limitFen = kind === KIND_MARKET ? (side === BUY ? upperFen : lowerFen) : stream.priceFen[i]!;
      // Pre-trade checks (market.md §10): tick, lot, band, block threshold, cash or units.
      if (!onTick(limitFen, TICK_FEN) || quantityT % LOT_T !== 0 || limitFen < lowerFen || limitFen > upperFen || quantityT >= BLOCK_T) {
        refused++;
        continue;
      }
      if (side === BUY) {
        const need = buyReservationFen(quantityT, limitFen, FEE_BP);
        if (cashFen[i]! < need) {
          refused++;
          continue;
        }
        cashFen[i]! -= need;
        reservedFen[i] = need;
      } else {
        if (unitsT[i]! - reservedT[i]! < quantityT) {
          refused++;
          continue;
        }
        reservedT[i]! += quantityT;
      }
      limitOf[i] = limitFen;
      book.plan(side, limitFen, quantityT, i, plan);
      let left = quantityT;
      for (let k = 0; k < plan.count; k++) {
        const mh = plan.makers[k]!;
        const maker = book.meta[mh]!;
        const q = plan.quantities[k]!;
        const p = plan.prices[k]!;
        const notional = p * q;
        const event: TradeEvent = { maker, taker: i, priceFen: p, quantityT: q, buyerFeeFen: feeFen(notional, FEE_BP), sellerFeeFen: feeFen(notional, FEE_BP) };
        events.push(event);
        const buyer = side === BUY ? i : maker;
        const seller = side === BUY ? maker : i;
        const buyerLeft = side === BUY ? left - q : book.remaining[mh]! - q;
        // Settlement on integer accounts: the buyer pays from its reservation, the surplus is released.
        const keep = buyReservationFen(buyerLeft, limitOf[buyer]!, FEE_BP);
        cashFen[buyer]! += reservedFen[buyer]! - notional - event.buyerFeeFen - keep;
        reservedFen[buyer] = keep;
        cashFen[seller]! += notional - event.sellerFeeFen;
        unitsT[seller]! -= q;
        reservedT[seller]! -= q;
        unitsT[buyer]! += q;
        if (book.remaining[mh] === q) handleOf[maker] = -1;
        book.reduce(mh, q);
        left -= q;
        h = mix(mix(mix(mix(h, maker), i), p), q);
        fills++;
      }
      if (left > 0) {
        if (kind === KIND_LIMIT) handleOf[i] = book.add(i, side, limitFen, left, i);
        else if (side === BUY) {
          cashFen[i]! += reservedFen[i]!;
          reservedFen[i] = 0;
        } else reservedT[i]! -= left;
      }
      if (events.length > 65_536) events.length = 0;
    }
    if (t !== 0) sample![i >> 4] = performance.now() - t;
  }
  return { seconds: (performance.now() - t0) / 1000, fills, hash: h >>> 0, refused };
}

/** The peer: nodejs-order-book, its fill list rebuilt from `done` and `partial`. */
function runPeer(stream: Stream, sample: Float64Array | null): RunResult {
  const ob = new OrderBook();
  let fills = 0;
  let h = 0x811c9dc5;
  const t0 = performance.now();
  for (let i = 0; i < stream.n; i++) {
    const t = sample !== null && (i & 15) === 0 ? performance.now() : 0;
    const kind = stream.kind[i]!;
    if (kind === KIND_CANCEL) ob.cancel(stream.ids[stream.target[i]!]!);
    else {
      const side = stream.side[i] === BUY ? Side.BUY : Side.SELL;
      const r = kind === KIND_LIMIT
        ? ob.limit({ side, id: stream.ids[i]!, size: stream.quantityT[i]!, price: stream.priceFen[i]! })
        : ob.market({ side, size: stream.quantityT[i]! });
      const taker = stream.ids[i]!;
      for (const d of r.done as { id: string; price: number; size: number }[]) {
        if (d.id === taker) continue;
        h = mix(mix(mix(mix(h, Number(d.id)), i), d.price), d.size);
        fills++;
      }
      if (r.partial !== null && r.partial.id !== taker && r.partialQuantityProcessed > 0) {
        h = mix(mix(mix(mix(h, Number(r.partial.id)), i), r.partial.price), r.partialQuantityProcessed);
        fills++;
      }
    }
    if (t !== 0) sample![i >> 4] = performance.now() - t;
  }
  return { seconds: (performance.now() - t0) / 1000, fills, hash: h >>> 0, refused: 0 };
}

function percentiles(sample: Float64Array): { p50Us: number; p99Us: number } {
  const sorted = Float64Array.from(sample).sort();
  return { p50Us: sorted[Math.floor(sorted.length * 0.5)]! * 1000, p99Us: sorted[Math.floor(sorted.length * 0.99)]! * 1000 };
}

/** The first `count` orders through the whole journal machine (for scale; not part of the ratio). */
function runMachine(stream: Stream, count: number): number {
  const j = new MarketJournal('2026-11-23');
  tradingSetup(j, { buyerFeeBp: FEE_BP, sellerFeeBp: FEE_BP });
  const engine = new JournalEngine(createExchangeMachine(), (text) => hash('sha256', text, 'hex'));
  for (const c of j.commands) engine.submit(c);
  // Two trained, funded traders take turns (the registry's units are the cooperative's 1,240 t).
  engine.submit({ key: 'fund-more', actor: 'operator', type: 'cash.deposit', at: '2026-11-23T10:30:00+08:00', payload: { participantId: 'fund', amountFen: 1e13, reference: 'bench' } });
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const buy = stream.side[i] === BUY;
    const actor = buy ? 'fund' : 'coop';
    const payload = stream.kind[i] === KIND_LIMIT
      ? { instrument: FOREST, side: buy ? 'buy' : 'sell', kind: 'limit', priceFen: stream.priceFen[i], quantityT: Math.min(stream.quantityT[i]!, 5), tif: 'GTC' }
      : { instrument: FOREST, side: buy ? 'buy' : 'sell', kind: 'market', quantityT: Math.min(stream.quantityT[i]!, 5), tif: 'IOC' };
    engine.submit({ key: `m${i}`, actor, type: 'order.place', at: '2026-11-23T10:30:00+08:00', payload });
  }
  return count / ((performance.now() - t0) / 1000);
}

/** The first `count` orders: buys by the fund, sells by the cooperative, at most 5 t; a cancel names its target (which may be gone). */
function durableOrders(stream: Stream, count: number): DurableOrder[] {
  return Array.from({ length: Math.min(count, stream.n) }, (_, i) => ({
    buy: stream.side[i] === BUY, kind: stream.kind[i] === KIND_LIMIT ? 'limit' : stream.kind[i] === KIND_MARKET ? 'market' : 'cancel',
    target: stream.target[i]!, priceFen: stream.priceFen[i]!, quantityT: Math.min(stream.quantityT[i]!, 5),
  }));
}

export async function main(args: string[]): Promise<void> {
  let orders = 1_000_000;
  let machine = 0;
  let durable = 0;
  let clients = 256;
  for (let i = 0; i < args.length; i += 2) {
    if (args[i] === '--orders') orders = Number(args[i + 1]);
    else if (args[i] === '--machine') machine = Number(args[i + 1]);
    else if (args[i] === '--durable') durable = Number(args[i + 1]);
    else if (args[i] === '--clients') clients = Number(args[i + 1]);
    else throw new Error(`usage: npm run bench -- matching [--orders N] [--machine N] [--durable N [--clients C]]; found ${args[i]}`);
  }
  const stream = generate(orders, 20_261_123);
  const counts = [0, 0, 0];
  for (let i = 0; i < orders; i++) counts[stream.kind[i]!]! += 1;
  console.log(`stream: ${orders} orders (${counts[0]} limit, ${counts[1]} market, ${counts[2]} cancels), seed 20261123; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const ours = [runOurs(stream, null), runOurs(stream, null)];
  const peer = [runPeer(stream, null), runPeer(stream, null)];
  const best = (runs: RunResult[]) => runs.reduce((a, b) => (a.seconds <= b.seconds ? a : b));
  const o = best(ours);
  const p = best(peer);
  const ourSample = new Float64Array(Math.ceil(orders / 16));
  const peerSample = new Float64Array(Math.ceil(orders / 16));
  runOurs(stream, ourSample);
  runPeer(stream, peerSample);
  const ol = percentiles(ourSample);
  const pl = percentiles(peerSample);
  const ourRate = Math.round(orders / o.seconds);
  const peerRate = Math.round(orders / p.seconds);
  console.log(`ours:              ${o.seconds.toFixed(3)} s, ${ourRate} orders/s, p50 ${ol.p50Us.toFixed(2)} µs, p99 ${ol.p99Us.toFixed(2)} µs, ${o.fills} fills, hash ${o.hash.toString(16)}, refused ${o.refused}`);
  console.log(`nodejs-order-book: ${p.seconds.toFixed(3)} s, ${peerRate} orders/s, p50 ${pl.p50Us.toFixed(2)} µs, p99 ${pl.p99Us.toFixed(2)} µs, ${p.fills} fills, hash ${p.hash.toString(16)}`);
  const same = o.fills === p.fills && o.hash === p.hash;
  console.log(same ? `fills: identical (${o.fills} fills, hash ${o.hash.toString(16)})` : `fills: DIFFER (ours ${o.fills}/${o.hash.toString(16)}, peer ${p.fills}/${p.hash.toString(16)})`);
  if (machine > 0) console.log(`journal machine (zod, decide, apply, canonical JSON, SHA-256, registry settlement), first ${machine} orders: ${Math.round(runMachine(stream, machine))} orders/s`);
  if (durable > 0) {
    const d = await runDurable(durableOrders(stream, durable), clients, FEE_BP);
    console.log(`durable (machine + SQLite journal, group commit, ${clients} clients), first ${d.orders} orders: ${Math.round(d.perSecond)} orders/s, ack p50 ${d.p50Ms.toFixed(1)} ms, p99 ${d.p99Ms.toFixed(1)} ms, cpu ${d.cpuUsPerOrder.toFixed(0)} µs/order; ${d.accepted} accepted (refused: ${JSON.stringify(d.refusals)}), ${d.trades} trades, ${d.events} events; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  }
  console.log(`goals: ratio ≥ 10 ${ourRate / peerRate >= 10 ? 'met' : 'NOT met'}; ≥ 2,000,000 orders/s ${ourRate >= 2_000_000 ? 'met' : 'NOT met'}`);
  console.log(`matching: ours ${ourRate} orders/s, nodejs-order-book ${peerRate} orders/s, ratio ${(ourRate / peerRate).toFixed(2)}`);
  if (!same) process.exitCode = 1;
}
