/**
 * `npm run bench -- http`: wrk (or autocannon where wrk is not installed; see support/load.ts) on loopback against `neutral demo` (the API on SQLite,
 * the demo registry and market loaded). Two loads: durable order placement (POST
 * /api/v1/commands/order.place, a fresh Idempotency-Key per request, acknowledged after the
 * journal's COMMIT) and a read (GET /api/v1/market/depth). Goal: ≥ 8,000 order placements/s
 * with p99 < 50 ms. Last line: `http: orders <n>/s p99 <ms> ms, goal 8000/s, ratio <n/8000>`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { processCpuUs, threadSplit, threadsCpuUs } from './support/cpu.js';
import { runLoad } from './support/load.js';

const INSTRUMENT = 'SINK/forest/360732/2023';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
/** Extra Node options for the server, e.g. BENCH_SERVER_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile it. */
const SERVER_ARGS = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);

/** Per order: the server's main thread and its two busiest other threads (the SQLite writer, the checkpointer or a GC helper), in µs. */
function threadsLine(pid: number | undefined, before: ReadonlyMap<string, number>, count: number): string {
  if (pid === undefined) return '';
  const split = threadSplit(pid, before, count, 2);
  return Number.isNaN(split.main) ? '' : ` (main thread ${split.main.toFixed(0)}, others ${split.others.map((us) => us.toFixed(0)).join(' ')})`;
}

/** The server's CPU so far (all its threads), in ms; NaN off Linux. */
const cpuMs = (pid: number | undefined): number => (pid === undefined ? NaN : processCpuUs(pid) / 1000);

async function startDemo(dbFile: string): Promise<{ url: string; pid: number | undefined; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--max-semi-space-size=64', ...SERVER_ARGS, 'bin/neutral.js', 'demo', '--db', `sqlite:${dbFile}`, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NEUTRAL_FROM_SOURCE: '1' } });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /open (http:\/\/[^\s]+?)\/? /.exec(seen);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`neutral demo exited with ${code}: ${seen}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { url, pid: child.pid, stop: async () => { child.kill('SIGTERM'); await exited; } };
}

async function json(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, init);
  const body = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

/** Logs in as a demo user and returns an API token (no CSRF needed with a bearer token). */
async function tokenFor(base: string, username: string): Promise<string> {
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'neutral-demo' }) });
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const created = await json(`${base}/api/v1/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies, 'x-csrf-token': csrfToken, 'idempotency-key': `bench-token-${username}` }, body: JSON.stringify({ name: 'bench' }) });
  return created['token'] as string;
}

export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'neutral-bench-http-'));
  const demo = await startDemo(join(dir, 'neutral.db'));
  try {
    const base = demo.url;
    const token = await tokenFor(base, 'emitter');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // Enough cash for every resting buy: each reserves 1 t × price + the fee.
    await json(`${base}/api/v1/commands/cash.deposit`, { method: 'POST', headers: { ...auth, 'idempotency-key': 'bench-deposit' }, body: JSON.stringify({ amountFen: 1e13, reference: 'bench' }) });
    // Warm-up, not measured: the server's code is compiled and optimised by the JIT under load, as in
    // a server that has been running (the ledger bench warms up the same way).
    await runLoad({ url: `${base}/api/v1/commands/order.place`, connections: CONNECTIONS, seconds: WARMUP_SECONDS, headers: auth, order: { instrument: INSTRUMENT, keyPrefix: 'bench-warmup' } }, dir);
    const cpuBefore = cpuMs(demo.pid);
    const threadsBefore = demo.pid === undefined ? new Map<string, number>() : threadsCpuUs(demo.pid);
    // Buys of 1 t at prices inside the band, below the best offer: they rest, so every request
    // is a journaled, reserved, acknowledged order without exhausting the seller's units.
    const orders = await runLoad({ url: `${base}/api/v1/commands/order.place`, connections: CONNECTIONS, seconds: SECONDS, headers: auth, order: { instrument: INSTRUMENT, keyPrefix: 'bench-order' } }, dir);
    const cpuOrders = cpuMs(demo.pid) - cpuBefore;
    const orderThreads = threadsLine(demo.pid, threadsBefore, orders.total);
    const reads = await runLoad({ url: `${base}/api/v1/market/depth?instrument=${encodeURIComponent(INSTRUMENT)}&levels=5`, connections: CONNECTIONS, seconds: Math.max(3, SECONDS / 2) }, dir);
    const cpuReads = cpuMs(demo.pid) - cpuBefore - cpuOrders;
    console.log(`load average ${loadavg()[0]!.toFixed(2)}; ${orders.tool}, ${CONNECTIONS} connections, ${SECONDS} s`);
    console.log(`orders: ${orders.total} sent, ${orders.non2xx} non-2xx, ${orders.errors} errors, ${orders.perSecond.toFixed(0)}/s, p50 ${orders.p50Ms.toFixed(1)} ms, p99 ${orders.p99Ms.toFixed(1)} ms, server CPU ${((cpuOrders * 1000) / orders.total).toFixed(0)} µs per order${orderThreads}`);
    console.log(`depth reads: ${reads.perSecond.toFixed(0)}/s, p50 ${reads.p50Ms.toFixed(1)} ms, p99 ${reads.p99Ms.toFixed(1)} ms, ${reads.non2xx} non-2xx, server CPU ${((cpuReads * 1000) / reads.total).toFixed(0)} µs per read`);
    const ordersPerSecond = orders.perSecond;
    console.log(`http: orders ${ordersPerSecond.toFixed(0)}/s p99 ${orders.p99Ms.toFixed(0)} ms, goal 8000/s, ratio ${(ordersPerSecond / 8000).toFixed(2)}`);
  } finally {
    await demo.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
