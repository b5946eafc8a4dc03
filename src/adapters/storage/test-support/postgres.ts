/**
 * PostgreSQL for tests, so that CI never skips the PostgreSQL suites: starts the machine's
 * cluster when it is down (`pg_ctlcluster`), lets the current OS user in as a superuser role
 * (peer authentication over the Unix socket), and makes a throwaway database per run.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import pg from 'pg';

export const SOCKET_DIR = process.env['NEUTRAL_PG_SOCKET'] ?? '/var/run/postgresql';

/** A socket URL with the user spelled out: pg does not default it to the OS user when USER is unset. */
const urlOf = (database: string): string => `postgres://${encodeURIComponent(userInfo().username)}@${encodeURIComponent(SOCKET_DIR)}/${database}`;

async function canConnect(): Promise<Error | undefined> {
  const client = new pg.Client({ connectionString: urlOf('postgres') });
  try {
    await client.connect();
    await client.end();
    return undefined;
  } catch (cause) {
    return cause as Error;
  }
}

function run(command: string, args: readonly string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `pg_lsclusters` rows: version, name, port, status. */
function clusters(): Array<{ version: string; name: string; online: boolean }> {
  return run('pg_lsclusters', ['--no-header']).split('\n').filter((l) => l.trim() !== '').map((line) => {
    const [version = '', name = '', , status = ''] = line.trim().split(/\s+/);
    return { version, name, online: status.startsWith('online') };
  });
}

function attempt(step: () => unknown): void {
  try {
    step();
  } catch {
    // judged by the connection check that follows
  }
}

/** Waits up to 10 s for the server to accept connections (it may still be starting). */
async function answering(): Promise<Error | undefined> {
  let failure: Error | undefined;
  for (let i = 0; i < 100; i++) {
    failure = await canConnect();
    if (failure === undefined || /role .* does not exist/.test(failure.message)) return failure;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return failure;
}

let ready: Promise<void> | undefined;

/** Makes sure a server answers on the socket and the current user has a role; idempotent. */
export function ensurePostgres(): Promise<void> {
  ready ??= (async () => {
    if ((await canConnect()) === undefined) return;
    let list = clusters();
    if (list.length === 0) {
      run('pg_createcluster', ['15', 'main']);
      list = clusters();
    }
    // Another test process may be starting it too: a failed start is judged by what answers after.
    for (const cluster of list) if (!cluster.online) attempt(() => run('pg_ctlcluster', [cluster.version, cluster.name, 'start']));
    const user = userInfo().username;
    let failure = await answering();
    if (failure !== undefined && /role .* does not exist/.test(failure.message)) {
      attempt(() => run('runuser', ['-u', 'postgres', '--', 'createuser', '--superuser', user]));
      failure = await answering();
    }
    if (failure !== undefined) throw new Error(`PostgreSQL does not answer on ${SOCKET_DIR} as ${user}: ${failure.message}`);
  })();
  return ready;
}

export interface ThrowawayDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** A fresh, empty database; `drop()` removes it even when a connection was left open. */
export async function throwawayDatabase(): Promise<ThrowawayDatabase> {
  await ensurePostgres();
  const name = `neutral_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: urlOf('postgres') });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return { url: urlOf(name), name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
