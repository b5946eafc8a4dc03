/** `neutral serve`: the HTTP API under /api/v1 and the dashboard at `/` (contracts.md §1, §8). */
import { type RunningServer, startServer } from '../../http/server.js';
import type { Problem } from '../../problems.js';
import { type CliIo, reportProblems } from '../io.js';
import type { CommandRegistrar } from '../main.js';

interface ServeOptions {
  db?: string;
  port: string;
  host: string;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

export const registerServe: CommandRegistrar = (program, io, finish) => {
  program
    .command('serve')
    .description('serve the HTTP API (/api/v1, OpenAPI at /api/v1/openapi.json) and the dashboard at /')
    .option('--db <url>', 'sqlite:FILE or postgres://… (checked; opened once the registry and market are served)', 'sqlite:./neutral.db')
    .option('--port <n>', 'port (0 picks a free one)', String(DEFAULT_PORT))
    .option('--host <host>', 'address to listen on', DEFAULT_HOST)
    .action(async (options: ServeOptions) => finish(await serve(options, io)));
};

/** Resolves when the process is asked to stop (Ctrl-C or SIGTERM). */
function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export function checkServeOptions(options: ServeOptions): Problem[] {
  const problems: Problem[] = [];
  if (!/^\d{1,5}$/.test(options.port) || Number(options.port) > 65535) problems.push({ code: 'bad_flag', message: `--port expects a port number 0–65535, found "${options.port}"` });
  if (options.db !== undefined && !/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(options.db)) problems.push({ code: 'bad_flag', message: `--db expects sqlite:FILE or postgres://…, found "${options.db}"` });
  if (options.host.trim() === '') problems.push({ code: 'bad_flag', message: '--host expects an address such as 127.0.0.1' });
  return problems;
}

/** Starts the server, prints its URL, and runs until `stop` resolves. */
export async function serve(options: ServeOptions, io: CliIo, stop: Promise<void> = stopSignal(), started?: (server: RunningServer) => void): Promise<number> {
  const problems = checkServeOptions(options);
  if (problems.length > 0) return reportProblems(io, problems);
  let server: RunningServer;
  try {
    server = await startServer({ host: options.host, port: Number(options.port) });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      return reportProblems(io, [{ code: 'bad_flag', message: `cannot listen on ${options.host}:${options.port} (${code}): give another --port or --host` }]);
    }
    throw cause;
  }
  io.stdout(`Neutral: API and dashboard at ${server.url} (OpenAPI: ${server.url}api/v1/openapi.json). Ctrl-C stops.\n`);
  started?.(server);
  await stop;
  await server.close();
  return 0;
}
