/** Accounts on PostgreSQL: a small pool of its own, migrations of its own (under an advisory lock). */
import pg from 'pg';
import { type Migration, type MigrationReport, pendingMigrations } from '../storage/migration.js';
import { StorageError } from '../storage/rows.js';
import type { AccountsStore, AuditEntry, StoredResponse, TokenInfo, User } from './port.js';

export const POSTGRES_ACCOUNT_MIGRATIONS: readonly Migration[] = [{
  version: 1,
  name: 'accounts: users, roles, tokens, sessions, audit log, idempotent responses',
  sql: `
CREATE TABLE users (username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, participant_id TEXT, created_at TEXT NOT NULL);
CREATE TABLE user_roles (username TEXT NOT NULL REFERENCES users (username), role TEXT NOT NULL, PRIMARY KEY (username, role));
CREATE TABLE api_tokens (id TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users (username), name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE sessions (session_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users (username), csrf_hash TEXT NOT NULL, expires_at TEXT NOT NULL);
CREATE TABLE audit_log (id BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, username TEXT, ip TEXT NOT NULL, method TEXT NOT NULL, route TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL);
CREATE TABLE idempotent_responses (principal TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER NOT NULL, content_type TEXT NOT NULL, body BYTEA NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (principal, key));
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
`,
}];

const USER_SELECT = `SELECT u.username, u.participant_id, (SELECT string_agg(role, ' ' ORDER BY role) FROM user_roles r WHERE r.username = u.username) AS roles FROM users u`;
type UserRow = { username: string; participant_id: string | null; roles: string | null };
const userOf = (row: UserRow): User => ({ username: row.username, participantId: row.participant_id, roles: row.roles === null ? [] : row.roles.split(' ') });

export class PostgresAccounts implements AccountsStore {
  private constructor(private readonly pool: pg.Pool, readonly report: MigrationReport) {}

  static async open(url: string): Promise<PostgresAccounts> {
    const pool = new pg.Pool({ connectionString: url, max: 4, application_name: 'neutral-accounts' });
    pool.on('error', () => undefined);
    try {
      return new PostgresAccounts(pool, await migrate(pool));
    } catch (cause) {
      await pool.end().catch(() => undefined);
      if (cause instanceof StorageError) throw cause;
      throw new StorageError('db_unavailable', `accounts: ${(cause as Error).message}`);
    }
  }

  async #rows<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    return (await this.pool.query<R>(sql, values)).rows;
  }

  async createUser(user: User, passwordHash: string, at: string): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const added = await client.query('INSERT INTO users (username, password_hash, participant_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [user.username, passwordHash, user.participantId, at]);
      if (added.rowCount === 0) {
        await client.query('ROLLBACK');
        return false;
      }
      for (const role of user.roles) await client.query('INSERT INTO user_roles (username, role) VALUES ($1, $2) ON CONFLICT DO NOTHING', [user.username, role]);
      await client.query('COMMIT');
      return true;
    } catch (cause) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw cause;
    } finally {
      client.release();
    }
  }

  async user(username: string): Promise<User | undefined> {
    const [row] = await this.#rows<UserRow>(`${USER_SELECT} WHERE u.username = $1`, [username]);
    return row === undefined ? undefined : userOf(row);
  }

  async passwordHash(username: string): Promise<string | undefined> {
    return (await this.#rows<{ h: string }>('SELECT password_hash AS h FROM users WHERE username = $1', [username]))[0]?.h;
  }

  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    return ((await this.pool.query('UPDATE users SET password_hash = $1 WHERE username = $2', [passwordHash, username])).rowCount ?? 0) > 0;
  }

  async users(after: string | undefined, limit: number): Promise<readonly User[]> {
    return (await this.#rows<UserRow>(`${USER_SELECT} WHERE u.username > $1 ORDER BY u.username COLLATE "C" LIMIT $2`, [after ?? '', limit])).map(userOf);
  }

  async userCount(): Promise<number> {
    return Number((await this.#rows<{ n: string }>('SELECT COUNT(*) AS n FROM users'))[0]?.n ?? 0);
  }

  async createToken(username: string, token: TokenInfo, tokenHash: string): Promise<void> {
    await this.pool.query('INSERT INTO api_tokens (id, username, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)', [token.id, username, token.name, tokenHash, token.createdAt]);
  }

  async userByToken(tokenHash: string): Promise<User | undefined> {
    const [row] = await this.#rows<UserRow>(`${USER_SELECT} JOIN api_tokens t ON t.username = u.username WHERE t.token_hash = $1`, [tokenHash]);
    return row === undefined ? undefined : userOf(row);
  }

  async tokens(username: string): Promise<readonly TokenInfo[]> {
    return this.#rows<TokenInfo>('SELECT id, name, created_at AS "createdAt" FROM api_tokens WHERE username = $1 ORDER BY id', [username]);
  }

  async deleteToken(username: string, id: string): Promise<boolean> {
    return ((await this.pool.query('DELETE FROM api_tokens WHERE username = $1 AND id = $2', [username, id])).rowCount ?? 0) > 0;
  }

  async createSession(sessionHash: string, username: string, csrfHash: string, expiresAt: string): Promise<void> {
    await this.pool.query('INSERT INTO sessions (session_hash, username, csrf_hash, expires_at) VALUES ($1, $2, $3, $4)', [sessionHash, username, csrfHash, expiresAt]);
  }

  async session(sessionHash: string, now: string): Promise<{ user: User; csrfHash: string } | undefined> {
    const [row] = await this.#rows<{ username: string; csrfHash: string }>('SELECT username, csrf_hash AS "csrfHash" FROM sessions WHERE session_hash = $1 AND expires_at > $2', [sessionHash, now]);
    if (row === undefined) return undefined;
    const user = await this.user(row.username);
    return user === undefined ? undefined : { user, csrfHash: row.csrfHash };
  }

  async deleteSession(sessionHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE session_hash = $1', [sessionHash]);
  }

  async audit(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    await this.pool.query('INSERT INTO audit_log (at, username, ip, method, route, code, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [entry.at, entry.username, entry.ip, entry.method, entry.route, entry.code, entry.reason]);
  }

  async auditLog(afterId: number, limit: number): Promise<readonly AuditEntry[]> {
    const rows = await this.#rows<AuditEntry & { id: string }>('SELECT id, at, username, ip, method, route, code, reason FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2', [afterId, limit]);
    return rows.map((r) => ({ ...r, id: Number(r.id) }));
  }

  async findResponse(principal: string, key: string, fingerprint: string): Promise<StoredResponse | 'conflict' | undefined> {
    const [row] = await this.#rows<{ fingerprint: string; status: number; contentType: string; body: Buffer }>(
      'SELECT fingerprint, status, content_type AS "contentType", body FROM idempotent_responses WHERE principal = $1 AND key = $2', [principal, key]);
    if (row === undefined) return undefined;
    if (row.fingerprint !== fingerprint) return 'conflict';
    return { status: row.status, contentType: row.contentType, body: new Uint8Array(row.body) };
  }

  async saveResponse(principal: string, key: string, fingerprint: string, response: StoredResponse, at: string): Promise<void> {
    await this.pool.query('INSERT INTO idempotent_responses (principal, key, fingerprint, status, content_type, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING',
      [principal, key, fingerprint, response.status, response.contentType, Buffer.from(response.body), at]);
  }

  async responseCount(): Promise<number> {
    return Number((await this.#rows<{ n: string }>('SELECT COUNT(*) AS n FROM idempotent_responses'))[0]?.n ?? 0);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

async function migrate(pool: pg.Pool): Promise<MigrationReport> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('neutral accounts_schema_migrations'))");
    await client.query('CREATE TABLE IF NOT EXISTS accounts_schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const current = (await client.query<{ v: number }>('SELECT COALESCE(MAX(version), 0) AS v FROM accounts_schema_migrations')).rows[0]?.v ?? 0;
    const pending = pendingMigrations(POSTGRES_ACCOUNT_MIGRATIONS, current);
    if ('tooNew' in pending) throw new StorageError('schema_too_new', `the accounts schema is at version ${pending.tooNew}; this program knows up to ${pending.latest}: upgrade the program`);
    for (const m of pending) {
      await client.query(m.sql);
      await client.query('INSERT INTO accounts_schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await client.query('COMMIT');
    return { applied: pending, version: pending.at(-1)?.version ?? current };
  } catch (cause) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw cause;
  } finally {
    client.release();
  }
}
