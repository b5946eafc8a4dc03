/**
 * Accounts on SQLite: a connection of its own on the main thread beside the journal's writer
 * thread (WAL lets both work; account writes are few and short), and migrations of its own.
 */
import Database from 'better-sqlite3';
import { type Migration, type MigrationReport, pendingMigrations } from '../storage/migration.js';
import { StorageError } from '../storage/rows.js';
import type { AccountsStore, AuditEntry, StoredResponse, TokenInfo, User } from './port.js';

export const SQLITE_ACCOUNT_MIGRATIONS: readonly Migration[] = [{
  version: 1,
  name: 'accounts: users, roles, tokens, sessions, audit log, idempotent responses',
  sql: `
CREATE TABLE users (username TEXT PRIMARY KEY, password_hash TEXT NOT NULL, participant_id TEXT, created_at TEXT NOT NULL) STRICT;
CREATE TABLE user_roles (username TEXT NOT NULL REFERENCES users (username), role TEXT NOT NULL, PRIMARY KEY (username, role)) STRICT, WITHOUT ROWID;
CREATE TABLE api_tokens (id TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users (username), name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL) STRICT;
CREATE TABLE sessions (session_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users (username), csrf_hash TEXT NOT NULL, expires_at TEXT NOT NULL) STRICT;
CREATE TABLE audit_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, username TEXT, ip TEXT NOT NULL, method TEXT NOT NULL, route TEXT NOT NULL, code TEXT NOT NULL, reason TEXT NOT NULL) STRICT;
CREATE TABLE idempotent_responses (principal TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL, status INTEGER NOT NULL, content_type TEXT NOT NULL, body BLOB NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (principal, key)) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
}];

function migrate(db: Database.Database): MigrationReport {
  db.exec('CREATE TABLE IF NOT EXISTS accounts_schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
  return db.transaction((): MigrationReport => {
    const current = (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM accounts_schema_migrations').get() as { v: number }).v;
    const pending = pendingMigrations(SQLITE_ACCOUNT_MIGRATIONS, current);
    if ('tooNew' in pending) throw new StorageError('schema_too_new', `the accounts schema is at version ${pending.tooNew}; this program knows up to ${pending.latest}: upgrade the program`);
    for (const m of pending) {
      db.exec(m.sql);
      db.prepare('INSERT INTO accounts_schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }
    return { applied: pending, version: pending.at(-1)?.version ?? current };
  }).immediate();
}

type UserRow = { username: string; participant_id: string | null; roles: string | null };
const USER_SELECT = `SELECT u.username, u.participant_id, (SELECT group_concat(role, ' ') FROM (SELECT role FROM user_roles r WHERE r.username = u.username ORDER BY role)) AS roles FROM users u`;
const userOf = (row: UserRow): User => ({ username: row.username, participantId: row.participant_id, roles: row.roles === null ? [] : row.roles.split(' ') });

export class SqliteAccounts implements AccountsStore {
  readonly report: MigrationReport;
  readonly #db: Database.Database;
  /** Statements prepared once: preparing one costs more than running it (tens of µs per request otherwise). */
  readonly #statements = new Map<string, Database.Statement>();

  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) this.#statements.set(sql, (statement = this.#db.prepare(sql)));
    return statement;
  }

  constructor(file: string) {
    const db = new Database(file);
    try {
      if (file !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      this.report = migrate(db);
    } catch (cause) {
      db.close();
      throw cause;
    }
    this.#db = db;
  }

  async createUser(user: User, passwordHash: string, at: string): Promise<boolean> {
    return this.#db.transaction(() => {
      const added = this.#prepare('INSERT OR IGNORE INTO users (username, password_hash, participant_id, created_at) VALUES (?, ?, ?, ?)').run(user.username, passwordHash, user.participantId, at);
      if (added.changes === 0) return false;
      const role = this.#prepare('INSERT OR IGNORE INTO user_roles (username, role) VALUES (?, ?)');
      for (const r of user.roles) role.run(user.username, r);
      return true;
    }).immediate();
  }

  async user(username: string): Promise<User | undefined> {
    const row = this.#prepare(`${USER_SELECT} WHERE u.username = ?`).get(username) as UserRow | undefined;
    return row === undefined ? undefined : userOf(row);
  }

  async passwordHash(username: string): Promise<string | undefined> {
    return (this.#prepare('SELECT password_hash AS h FROM users WHERE username = ?').get(username) as { h: string } | undefined)?.h;
  }

  async setPassword(username: string, passwordHash: string): Promise<boolean> {
    return this.#prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(passwordHash, username).changes > 0;
  }

  async users(after: string | undefined, limit: number): Promise<readonly User[]> {
    return (this.#prepare(`${USER_SELECT} WHERE u.username > ? ORDER BY u.username LIMIT ?`).all(after ?? '', limit) as UserRow[]).map(userOf);
  }

  async userCount(): Promise<number> {
    return (this.#prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  async createToken(username: string, token: TokenInfo, tokenHash: string): Promise<void> {
    this.#prepare('INSERT INTO api_tokens (id, username, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(token.id, username, token.name, tokenHash, token.createdAt);
  }

  async userByToken(tokenHash: string): Promise<User | undefined> {
    const row = this.#prepare(`${USER_SELECT} JOIN api_tokens t ON t.username = u.username WHERE t.token_hash = ?`).get(tokenHash) as UserRow | undefined;
    return row === undefined ? undefined : userOf(row);
  }

  async tokens(username: string): Promise<readonly TokenInfo[]> {
    return this.#prepare('SELECT id, name, created_at AS createdAt FROM api_tokens WHERE username = ? ORDER BY id').all(username) as TokenInfo[];
  }

  async deleteToken(username: string, id: string): Promise<boolean> {
    return this.#prepare('DELETE FROM api_tokens WHERE username = ? AND id = ?').run(username, id).changes > 0;
  }

  async createSession(sessionHash: string, username: string, csrfHash: string, expiresAt: string): Promise<void> {
    this.#prepare('INSERT INTO sessions (session_hash, username, csrf_hash, expires_at) VALUES (?, ?, ?, ?)').run(sessionHash, username, csrfHash, expiresAt);
  }

  async session(sessionHash: string, now: string): Promise<{ user: User; csrfHash: string } | undefined> {
    const row = this.#prepare('SELECT username, csrf_hash AS csrfHash FROM sessions WHERE session_hash = ? AND expires_at > ?').get(sessionHash, now) as { username: string; csrfHash: string } | undefined;
    if (row === undefined) return undefined;
    const user = await this.user(row.username);
    return user === undefined ? undefined : { user, csrfHash: row.csrfHash };
  }

  async deleteSession(sessionHash: string): Promise<void> {
    this.#prepare('DELETE FROM sessions WHERE session_hash = ?').run(sessionHash);
  }

  async audit(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    this.#prepare('INSERT INTO audit_log (at, username, ip, method, route, code, reason) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(entry.at, entry.username, entry.ip, entry.method, entry.route, entry.code, entry.reason);
  }

  async auditLog(afterId: number, limit: number): Promise<readonly AuditEntry[]> {
    return this.#prepare('SELECT id, at, username, ip, method, route, code, reason FROM audit_log WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as AuditEntry[];
  }

  async findResponse(principal: string, key: string, fingerprint: string): Promise<StoredResponse | 'conflict' | undefined> {
    const row = this.#prepare('SELECT fingerprint, status, content_type AS contentType, body FROM idempotent_responses WHERE principal = ? AND key = ?').get(principal, key) as
      { fingerprint: string; status: number; contentType: string; body: Buffer } | undefined;
    if (row === undefined) return undefined;
    if (row.fingerprint !== fingerprint) return 'conflict';
    return { status: row.status, contentType: row.contentType, body: new Uint8Array(row.body) };
  }

  async saveResponse(principal: string, key: string, fingerprint: string, response: StoredResponse, at: string): Promise<void> {
    this.#prepare('INSERT OR IGNORE INTO idempotent_responses (principal, key, fingerprint, status, content_type, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(principal, key, fingerprint, response.status, response.contentType, Buffer.from(response.body), at);
  }

  async responseCount(): Promise<number> {
    return (this.#prepare('SELECT COUNT(*) AS n FROM idempotent_responses').get() as { n: number }).n;
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
