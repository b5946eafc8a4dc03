/**
 * End-to-end durable throughput of the exchange (issue 5): orders through the whole machine
 * (zod, decide, registry settlement with the cooperative's waterfall, apply, canonical JSON,
 * SHA-256 chain) and the SQLite journal store with group commit (WAL, synchronous=FULL, writer
 * thread); an order counts when its acknowledgement arrives, after COMMIT. `clients`
 * submitters each wait for their acknowledgement before sending the next order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/adapters/storage/index.js';
import type { CommandEnvelope } from '../../src/core/journal/types.js';
import { createExchangeMachine } from '../../src/core/market/index.js';
import { cooperativeProject } from '../../src/core/registry/test-support/journal.js';
import { FOREST, MarketJournal, issuePeriod, tradingSetup } from '../../src/core/market/test-support/journal.js';

export interface DurableOrder {
  readonly buy: boolean;
  readonly kind: 'limit' | 'market' | 'cancel';
  /** A cancel's target: the index of an earlier order (cancelled by its owner; it may be gone). */
  readonly target: number;
  readonly priceFen: number;
  readonly quantityT: number;
}

export interface DurableFigures {
  readonly orders: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuUsPerOrder: number;
  readonly accepted: number;
  readonly trades: number;
  readonly events: number;
  /** Refusal codes and how often. */
  readonly refusals: Readonly<Record<string, number>>;
}

const AT = '2026-11-23T10:30:00+08:00';

/** The trading set-up, plus a second project of the cooperative (40,000 t more) so that sells rarely run short of units. */
function setup(feeBp: number): CommandEnvelope[] {
  const j = new MarketJournal('2026-11-23');
  tradingSetup(j, { buyerFeeBp: feeBp, sellerFeeBp: feeBp });
  cooperativeProject(j, 'XG02');
  issuePeriod(j, 'XG02', [25_000_000, 15_000_000, 10_000_000], { monitoring: 'monitoring-xg02.pdf', verification: 'verification-xg02.pdf' });
  j.add('fund', 'cash.deposit', { amountFen: 1e13, reference: 'bench' });
  return j.commands;
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export async function runDurable(orders: readonly DurableOrder[], clients: number, feeBp: number): Promise<DurableFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'neutral-bench-'));
  try {
    const store = await openStore({ dialect: 'sqlite', file: join(dir, 'market.db') }, createExchangeMachine());
    const acks = await store.submit(setup(feeBp));
    const refused = acks.find((a) => !a.accepted);
    if (refused !== undefined) throw new Error(`set-up refused: ${JSON.stringify(refused.events[0]?.payload)}`);
    const latencies = new Float64Array(orders.length);
    let next = 0;
    let accepted = 0;
    let trades = 0;
    let events = 0;
    const refusals: Record<string, number> = {};
    const start = performance.now();
    const cpu = process.cpuUsage();
    await Promise.all(Array.from({ length: Math.min(clients, orders.length) }, async () => {
      while (next < orders.length) {
        const i = next++;
        const o = orders[i]!;
        const side = o.buy ? 'buy' : 'sell';
        const key = (n: number) => `d${String(n).padStart(9, '0')}`;
        const command: CommandEnvelope = o.kind === 'cancel'
          ? { key: key(i), actor: orders[o.target]!.buy ? 'fund' : 'coop', type: 'order.cancel', at: AT, payload: { orderKey: key(o.target) } }
          : {
            key: key(i), actor: o.buy ? 'fund' : 'coop', type: 'order.place', at: AT,
            payload: o.kind === 'limit'
              ? { instrument: FOREST, side, kind: 'limit', priceFen: o.priceFen, quantityT: o.quantityT, tif: 'GTC' }
              : { instrument: FOREST, side, kind: 'market', quantityT: o.quantityT, tif: 'IOC' },
          };
        const sent = performance.now();
        const [ack] = await store.submit([command]);
        latencies[i] = performance.now() - sent;
        if (ack === undefined || ack.kind !== 'new') throw new Error(`order ${i} acknowledged as ${ack?.kind}`);
        if (ack.accepted) accepted++;
        else {
          const code = ack.events[0]?.payload['code'] as string;
          refusals[code] = (refusals[code] ?? 0) + 1;
        }
        events += ack.events.length;
        for (const e of ack.events) if (e.type === 'trade') trades++;
      }
    }));
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    await store.close();
    latencies.sort();
    return {
      orders: orders.length, seconds, perSecond: orders.length / seconds, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99),
      cpuUsPerOrder: (used.user + used.system) / orders.length, accepted, trades, events, refusals,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
