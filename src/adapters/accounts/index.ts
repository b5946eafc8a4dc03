/**
 * Accounts of the HTTP API (users, roles, tokens, sessions, audit log, idempotent responses)
 * in the same database as the journal, in tables of their own.
 */
import type { DbTarget } from '../storage/db-url.js';
import type { AccountsStore } from './port.js';
import { PostgresAccounts } from './postgres.js';
import { SqliteAccounts } from './sqlite.js';
import { withTokenCache } from './token-cache.js';

export type { AccountsStore, AuditEntry, StoredResponse, TokenInfo, User } from './port.js';
export { DEFAULT_SCRYPT, type ScryptCost, hashPassword, newSecret, sameDigest, sha256, verifyPassword } from './secrets.js';

/** Opens and migrates the accounts tables of the `--db` target; token look-ups are cached briefly (token-cache.ts). */
export async function openAccounts(target: DbTarget): Promise<AccountsStore> {
  return withTokenCache(target.dialect === 'postgres' ? await PostgresAccounts.open(target.url) : new SqliteAccounts(target.file));
}
