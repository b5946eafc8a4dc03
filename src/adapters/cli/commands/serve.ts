/** `neutral serve`: the HTTP API under /api/v1 and the dashboard at `/` (contracts.md §1, §8), on a database. */
import { type Backend, ensureFirstAdmin, openBackend } from '../../http/backend.js';
import { type RunningServer, startServer } from '../../http/server.js';
import type { Problem } from '../../problems.js';
import { DEFAULT_DB, type DbTarget, StorageError, describeDb, parseDb } from '../../storage/index.js';
import { type CliIo, reportProblems } from '../io.js';
import type { CommandRegistrar } from '../main.js';
import type { Command } from 'commander';

export interface ServeOptions {
  db?: string;
  port: string;
  host: string;
}

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';

export const registerServe: CommandRegistrar = (program, io, finish) => {
  serverOptions(program.command('serve'), '(migrations run on start)')
    .description('serve the HTTP API (/api/v1, OpenAPI at /api/v1/openapi.json) and the dashboard at /; NEUTRAL_ADMIN_PASSWORD creates the first admin')
    .action(async (options: ServeOptions) => finish(await serve(options, io)));
};

/** The flags every command that starts the server shares: --db, --port, --host. */
export function serverOptions(command: Command, dbNote: string): Command {
  return command
    .option('--db <url>', `sqlite:FILE or postgres://… ${dbNote}`, DEFAULT_DB)
    .option('--port <n>', 'port (0 picks a free one)', String(DEFAULT_PORT))
    .option('--host <host>', 'address to listen on', DEFAULT_HOST);
}

/** Resolves when the process is asked to stop (Ctrl-C or SIGTERM). */
export function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export function checkServeOptions(options: ServeOptions): Problem[] {
  const problems: Problem[] = [];
  if (!/^\d{1,5}$/.test(options.port) || Number(options.port) > 65535) problems.push({ code: 'bad_flag', message: `--port expects a port number 0–65535, found "${options.port}"` });
  if (options.db !== undefined && !parseDb(options.db).ok) problems.push({ code: 'bad_flag', message: `--db expects sqlite:FILE or postgres://…, found "${options.db}"` });
  if (options.host.trim() === '') problems.push({ code: 'bad_flag', message: '--host expects an address such as 127.0.0.1' });
  return problems;
}

/** Opens the database (migrating it), or says why not as a problem. */
export async function openDatabase(target: DbTarget, io: CliIo): Promise<Backend | number> {
  try {
    return await openBackend(target);
  } catch (cause) {
    const where = describeDb(target);
    if (cause instanceof StorageError) return reportProblems(io, [{ code: cause.code, message: `${where}: ${cause.message}` }]);
    if (/SQLITE_CANTOPEN|unable to open|directory does not exist|SQLITE_NOTADB|not a database/i.test(`${(cause as { code?: string }).code ?? ''} ${(cause as Error).message}`)) {
      return reportProblems(io, [{ code: 'db_unavailable', message: `${where}: ${(cause as Error).message}` }]);
    }
    throw cause;
  }
}

/** Listens with the backend, or reports a port that cannot be had. */
export async function listen(options: ServeOptions, backend: Backend | null, io: CliIo): Promise<RunningServer | number> {
  try {
    return await startServer({ host: options.host, port: Number(options.port), ...(backend !== null ? { journal: backend.journal, accounts: backend.accounts } : {}) });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
      return reportProblems(io, [{ code: 'bad_flag', message: `cannot listen on ${options.host}:${options.port} (${code}): give another --port or --host` }]);
    }
    throw cause;
  }
}

/** Starts the server on the database, prints its URL, and runs until `stop` resolves. */
export async function serve(options: ServeOptions, io: CliIo, stop: Promise<void> = stopSignal(), started?: (server: RunningServer) => void, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const problems = checkServeOptions(options);
  if (problems.length > 0) return reportProblems(io, problems);
  const target = parseDb(options.db ?? DEFAULT_DB);
  if (!target.ok) return reportProblems(io, [{ code: 'bad_flag', message: target.error }]);
  const backend = await openDatabase(target.value, io);
  if (typeof backend === 'number') return backend;
  try {
    const note = await ensureFirstAdmin(backend.accounts, env, new Date());
    if (note !== null) io.stdout(`${note}\n`);
    const server = await listen(options, backend, io);
    if (typeof server === 'number') return server;
    io.stdout(`Neutral: API and dashboard at ${server.url} on ${describeDb(target.value)} (OpenAPI: ${server.url}api/v1/openapi.json). Ctrl-C stops.\n`);
    started?.(server);
    await stop;
    await server.close();
    return 0;
  } finally {
    await backend.close();
  }
}
