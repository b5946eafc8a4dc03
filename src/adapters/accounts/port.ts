/**
 * The accounts port: users with roles, API tokens, sessions, the audit log of refusals and the
 * stored responses of idempotent requests. Its tables sit beside the journal's, with their own
 * migrations (`accounts_schema_migrations`); the journal's tables are never touched.
 */
export interface User {
  /** Login name; also the id (immutable). */
  readonly username: string;
  /** The registry participant this user acts as, or null (planners, account admins). */
  readonly participantId: string | null;
  readonly roles: readonly string[];
}

export interface TokenInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  /** Who: the user, or null when nobody was authenticated. */
  readonly username: string | null;
  readonly ip: string;
  readonly method: string;
  /** The route's path pattern (`/commands/credits.transfer`), never a query string or body. */
  readonly route: string;
  readonly code: string;
  readonly reason: string;
}

export interface StoredResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: Uint8Array;
}

export interface AccountsStore {
  /** False when the username is taken. */
  createUser(user: User, passwordHash: string, at: string): Promise<boolean>;
  user(username: string): Promise<User | undefined>;
  passwordHash(username: string): Promise<string | undefined>;
  setPassword(username: string, passwordHash: string): Promise<boolean>;
  /** Users ordered by username, after `after`. */
  users(after: string | undefined, limit: number): Promise<readonly User[]>;
  userCount(): Promise<number>;

  createToken(username: string, token: TokenInfo, tokenHash: string): Promise<void>;
  userByToken(tokenHash: string): Promise<User | undefined>;
  tokens(username: string): Promise<readonly TokenInfo[]>;
  deleteToken(username: string, id: string): Promise<boolean>;

  createSession(sessionHash: string, username: string, csrfHash: string, expiresAt: string): Promise<void>;
  /** The session's user and CSRF hash, when it exists and has not expired at `now`. */
  session(sessionHash: string, now: string): Promise<{ user: User; csrfHash: string } | undefined>;
  deleteSession(sessionHash: string): Promise<void>;

  audit(entry: Omit<AuditEntry, 'id'>): Promise<void>;
  /** Audit entries with id > `afterId`, oldest first. */
  auditLog(afterId: number, limit: number): Promise<readonly AuditEntry[]>;

  /** The stored response of (principal, key), or `conflict` when the key came with another request. */
  findResponse(principal: string, key: string, fingerprint: string): Promise<StoredResponse | 'conflict' | undefined>;
  /** Keeps the first response of (principal, key); a second save of the same key is ignored. */
  saveResponse(principal: string, key: string, fingerprint: string, response: StoredResponse, at: string): Promise<void>;
  /** Rows of the idempotency table (tests prove refusals write none). */
  responseCount(): Promise<number>;

  close(): Promise<void>;
}
