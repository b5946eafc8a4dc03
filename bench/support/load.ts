/**
 * The HTTP load generator of `bench/http.ts`: wrk (Debian's package, written in C) when it is
 * installed, else autocannon. Both share this machine's two cores with the server, and wrk
 * spends a fraction of autocannon's CPU per request, so the server keeps more of the machine.
 */
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';

export interface LoadResult {
  readonly tool: 'wrk' | 'autocannon';
  readonly total: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers outside 2xx/3xx, and socket errors or timeouts. */
  readonly non2xx: number;
  readonly errors: number;
}

export interface Load {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A POST whose body and Idempotency-Key change per request: a buy of 1 t at `4600 + n % 400` fen. */
  readonly order?: { readonly instrument: string; readonly keyPrefix: string };
}

const WRK = '/usr/bin/wrk';

export function loadTool(): 'wrk' | 'autocannon' {
  return process.env['BENCH_LOADGEN'] === 'autocannon' || !existsSync(WRK) ? 'autocannon' : 'wrk';
}

export function runLoad(load: Load, scratchDir: string): Promise<LoadResult> {
  return loadTool() === 'wrk' ? runWrk(load, scratchDir) : runAutocannon(load);
}

function orderBody(instrument: string, n: number): string {
  return JSON.stringify({ instrument, side: 'buy', kind: 'limit', priceFen: 4600 + (n % 400), quantityT: 1, tif: 'GTC' });
}

async function runAutocannon(load: Load): Promise<LoadResult> {
  let next = 0;
  const order = load.order;
  const options: autocannon.Options = {
    url: load.url, connections: load.connections, duration: load.seconds, headers: { ...load.headers },
    ...(order === undefined ? {} : {
      method: 'POST',
      requests: [{ setupRequest: (request) => {
        next++;
        return { ...request, headers: { ...request.headers, 'idempotency-key': `${order.keyPrefix}-${next}` }, body: orderBody(order.instrument, next) };
      } }],
    }),
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => autocannon(options, (error, r) => (error ? reject(error) : resolve(r))));
  return { tool: 'autocannon', total: result.requests.total, perSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors + result.timeouts };
}

/** A Lua script for wrk: every request its own key (thread number and counter) and price. */
function wrkScript(load: Load): string {
  const headers = Object.entries(load.headers ?? {}).map(([k, v]) => `  [${JSON.stringify(k)}] = ${JSON.stringify(v)},`).join('\n');
  const order = load.order;
  if (order === undefined) return `wrk.headers = {\n${headers}\n}\n`;
  return `
local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
local counter = 0
local headers = {
${headers}
}
request = function()
  counter = counter + 1
  headers["Idempotency-Key"] = ${JSON.stringify(order.keyPrefix)} .. "-" .. tid .. "-" .. counter
  local body = '{"instrument":' .. ${JSON.stringify(JSON.stringify(order.instrument))} .. ',"side":"buy","kind":"limit","priceFen":' .. (4600 + counter % 400) .. ',"quantityT":1,"tif":"GTC"}'
  return wrk.format("POST", nil, headers, body)
end
`;
}

async function runWrk(load: Load, scratchDir: string): Promise<LoadResult> {
  const script = join(scratchDir, `load-${Date.now()}.lua`);
  writeFileSync(script, wrkScript(load));
  const output = await new Promise<string>((resolve, reject) => {
    execFile(WRK, ['-t1', `-c${load.connections}`, `-d${load.seconds}s`, '--latency', '-s', script, load.url], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => (error ? reject(new Error(`wrk failed: ${stderr || error.message}`)) : resolve(stdout)));
  });
  return parseWrk(output);
}

/** wrk prints durations as 812.00us, 4.09ms or 1.20s. */
function ms(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (m === null) throw new Error(`wrk: cannot read the duration ${text}`);
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2] as 'us' | 'ms' | 's' | 'm'];
  return Number(m[1]) * scale;
}

export function parseWrk(output: string): LoadResult {
  const need = (re: RegExp, what: string): string => {
    const m = re.exec(output);
    if (m?.[1] === undefined) throw new Error(`wrk output has no ${what}:\n${output}`);
    return m[1];
  };
  const total = Number(need(/(\d+) requests in/, 'request count'));
  const errorsMatch = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const errors = errorsMatch === null ? 0 : errorsMatch.slice(1).reduce((s, n) => s + Number(n), 0);
  return {
    tool: 'wrk', total,
    perSecond: Number(need(/Requests\/sec:\s+([\d.]+)/, 'Requests/sec')),
    p50Ms: ms(need(/\s50%\s+([\d.]+\w+)/, '50% latency')),
    p99Ms: ms(need(/\s99%\s+([\d.]+\w+)/, '99% latency')),
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0),
    errors,
  };
}
