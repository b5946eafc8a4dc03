/**
 * `npm run bench -- ledger [--transfers N] [--plain N] [--clients N] [--machine registry|transfer] [--stores both|sqlite|postgres]`:
 * durable transfers between 10,000 accounts through the real store (validation by the
 * registry machine's `cash.transfer`, idempotency, one hash-chained event per command),
 * each acknowledged after its COMMIT: SQLite (WAL, synchronous=FULL, writer thread) and
 * PostgreSQL (synchronous_commit=on, a throwaway database; the cluster is started if down).
 * Each store runs group commit, then the plain way (one transaction per command) in the same
 * run. Figures: throughput and p50/p99 acknowledgement latency (submit → ack).
 * Last line: `ledger: sqlite <n>/s, postgres <m>/s, goal 50000/s, ratio <n/50000>`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandStore } from '../src/core/journal/store.js';
import type { CommandEnvelope, Machine } from '../src/core/journal/types.js';
import { createRegistryMachine } from '../src/core/registry/index.js';
import { type DbTarget, openStore } from '../src/adapters/storage/index.js';
import { throwawayDatabase } from '../src/adapters/storage/test-support/postgres.js';
import { transferMachine } from '../src/adapters/storage/test-support/transfer-machine.js';
import { threadSplit, threadsCpuUs } from './support/cpu.js';

const ACCOUNTS = 10_000;
const GOAL = 50_000;
const AT = '2026-11-23T09:30:00+08:00';

interface Options {
  transfers: number;
  plain: number;
  clients: number;
  machine: 'registry' | 'transfer';
  /** Which stores to run (both by default; the last line needs both). */
  stores: 'both' | 'sqlite' | 'postgres';
}

interface Figures {
  readonly commands: number;
  readonly rejected: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU of this process (all its threads) per command: a figure a busy machine disturbs less than wall time. */
  readonly cpuUsPerCommand: number;
  /** CPU of the main thread alone (Linux), where the engine, the batches and the submitters run: the figure the goal depends on. */
  readonly mainCpuUsPerCommand: number;
  /** CPU per command of the busiest other threads of this process (Linux): the SQLite writer, the checkpointer, V8's GC helpers. */
  readonly otherThreadsUsPerCommand: readonly number[];
}

function parseOptions(args: readonly string[]): Options {
  const options: Options = { transfers: 300_000, plain: 3_000, clients: 4_096, machine: 'registry', stores: 'both' };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1] ?? ''];
    if (flag === '--machine' && (value === 'registry' || value === 'transfer')) options.machine = value;
    else if (flag === '--stores' && (value === 'both' || value === 'sqlite' || value === 'postgres')) options.stores = value;
    else if (flag === '--transfers' || flag === '--plain' || flag === '--clients') options[flag.slice(2) as 'transfers' | 'plain' | 'clients'] = Number(value);
    else throw new Error(`usage: npm run bench -- ledger [--transfers N] [--plain N] [--clients N] [--machine registry|transfer] [--stores both|sqlite|postgres]; found ${flag}`);
  }
  return options;
}

/** The commands of one scenario, by machine: setup (accounts, funding) and the i-th transfer. */
interface Scenario<State> {
  readonly machine: Machine<State>;
  setup(): CommandEnvelope[];
  transfer(i: number, key: string): CommandEnvelope;
}

const id = (n: number): string => `p${String(n).padStart(5, '0')}`;
const envelope = (actor: string, key: string, type: string, payload: unknown): CommandEnvelope => ({ key, actor, type, at: AT, payload });

/** A fixed LCG: every run and every store gets the same pairs and amounts. */
function pairs(): (i: number) => { from: number; to: number; amountFen: number } {
  return (i) => {
    const x = Math.imul(i + 1, 2654435761) >>> 0;
    const from = x % ACCOUNTS;
    const to = (from + 1 + ((x >>> 14) % (ACCOUNTS - 1))) % ACCOUNTS;
    return { from, to, amountFen: 1 + (x % 10_000) };
  };
}

function registryScenario(): Scenario<unknown> {
  const pick = pairs();
  return {
    machine: createRegistryMachine() as Machine<unknown>,
    setup: () => [
      envelope('admin', 'setup-admin', 'participant.register', { id: 'admin', kind: 'registry-administrator', name: 'Bench registry', regionCode: '360000' }),
      ...Array.from({ length: ACCOUNTS }, (_, n) => envelope('admin', `setup-register-${id(n)}`, 'participant.register', { id: id(n), kind: 'farmer', name: `Farmer ${n}`, regionCode: '360700' })),
      ...Array.from({ length: ACCOUNTS }, (_, n) => envelope(id(n), `setup-deposit-${id(n)}`, 'cash.deposit', { amountFen: 100_000_000, reference: `bank-${n}` })),
    ],
    transfer: (i, key) => {
      const { from, to, amountFen } = pick(i);
      return envelope(id(from), key, 'cash.transfer', { to: id(to), amountFen });
    },
  };
}

function transferScenario(): Scenario<unknown> {
  const pick = pairs();
  return {
    machine: transferMachine as Machine<unknown>,
    setup: () => Array.from({ length: ACCOUNTS }, (_, n) => [
      envelope('operator', `setup-open-${id(n)}`, 'account.open', { account: id(n) }),
      envelope('operator', `setup-deposit-${id(n)}`, 'cash.deposit', { account: id(n), amountFen: 100_000_000 }),
    ]).flat(),
    transfer: (i, key) => {
      const { from, to, amountFen } = pick(i);
      return envelope(id(from), key, 'cash.transfer', { from: id(from), to: id(to), amountFen });
    },
  };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** `clients` submitters, each waiting for its acknowledgement before it sends the next command. */
async function drive(store: CommandStore<unknown>, scenario: Scenario<unknown>, first: number, count: number, clients: number): Promise<Figures> {
  const latencies = new Float64Array(count);
  let next = 0;
  let rejected = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();
  const threads = threadsCpuUs(process.pid);
  await Promise.all(Array.from({ length: Math.min(clients, count) }, async () => {
    while (next < count) {
      const i = next++;
      // Time-ordered keys, as UUIDv7 or ULID give: the idempotency index grows at its right edge.
      const command = scenario.transfer(first + i, `k${String(first + i).padStart(12, '0')}`);
      const sent = performance.now();
      const [ack] = await store.submit([command]);
      latencies[i] = performance.now() - sent;
      if (ack?.kind !== 'new') throw new Error(`transfer ${i} acknowledged as ${ack?.kind}`);
      if (!ack.accepted) rejected++;
    }
  }));
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const split = threadSplit(process.pid, threads, count, 3);
  latencies.sort();
  return { commands: count, rejected, seconds, perSecond: count / seconds, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), cpuUsPerCommand: (used.user + used.system) / count, mainCpuUsPerCommand: split.main, otherThreadsUsPerCommand: split.others };
}

function line(label: string, f: Figures): string {
  return `${label.padEnd(30)} ${String(f.commands).padStart(7)} cmds in ${f.seconds.toFixed(2).padStart(6)} s = ${Math.round(f.perSecond).toLocaleString('en').padStart(7)}/s, ack p50 ${f.p50Ms.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms, cpu ${f.cpuUsPerCommand.toFixed(0)} µs/cmd (main thread ${f.mainCpuUsPerCommand.toFixed(1)}, others ${f.otherThreadsUsPerCommand.map((us) => us.toFixed(1)).join(' ')})${f.rejected > 0 ? `, ${f.rejected} refused` : ''}`;
}

async function benchStore(name: string, target: DbTarget, scenario: Scenario<unknown>, options: Options): Promise<Figures> {
  const setupStart = performance.now();
  let store = await openStore(target, scenario.machine);
  const setup = scenario.setup();
  // Only the refusal is kept: the setup's acknowledgements would live through the run.
  const refused = (await store.submit(setup)).find((a) => !a.accepted);
  if (refused !== undefined) throw new Error(`${name}: setup refused: ${JSON.stringify(refused.events[0]?.payload)}`);
  console.log(`${name}: ${ACCOUNTS.toLocaleString('en')} accounts opened and funded (${setup.length} commands, ${((performance.now() - setupStart) / 1000).toFixed(1)} s)`);
  await drive(store, scenario, 0, Math.min(20_000, options.transfers), options.clients); // warm-up
  const grouped = await drive(store, scenario, 20_000, options.transfers, options.clients);
  console.log(line(`${name} group commit`, grouped));
  await store.close();
  if (options.plain === 0) return grouped;
  store = await openStore(target, scenario.machine, { maxBatch: 1, pipeline: 1 });
  const plain = await drive(store, scenario, 20_000 + options.transfers, options.plain, options.clients);
  console.log(line(`${name} plain (1 txn/command)`, plain));
  console.log(`${name}: group commit / plain = ${(grouped.perSecond / plain.perSecond).toFixed(1)}×`);
  await store.close();
  return grouped;
}

export async function main(args: string[]): Promise<void> {
  const options = parseOptions(args);
  const scenario = options.machine === 'registry' ? registryScenario() : transferScenario();
  const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
  console.log(`ledger: ${options.machine} machine, ${options.transfers.toLocaleString('en')} transfers with group commit and ${options.plain.toLocaleString('en')} the plain way per store, ${options.clients} concurrent submitters; load average ${load()}`);
  let sqlite: Figures | undefined;
  let postgres: Figures | undefined;
  if (options.stores !== 'postgres') {
    const dir = mkdtempSync(join(tmpdir(), 'neutral-bench-'));
    try {
      sqlite = await benchStore('sqlite', { dialect: 'sqlite', file: join(dir, 'ledger.db') }, scenario, options);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (options.stores !== 'sqlite') {
    const database = await throwawayDatabase();
    try {
      postgres = await benchStore('postgres', { dialect: 'postgres', url: database.url }, scenario, options);
    } finally {
      await database.drop();
    }
  }
  console.log(`load average at the end: ${load()}`);
  const rate = (f: Figures | undefined): string => (f === undefined ? 'not run' : `${Math.round(f.perSecond)}/s`);
  console.log(`ledger: sqlite ${rate(sqlite)}, postgres ${rate(postgres)}, goal ${GOAL}/s, ratio ${sqlite === undefined ? 'n/a' : (sqlite.perSecond / GOAL).toFixed(2)}`);
}
