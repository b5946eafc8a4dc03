/**
 * An app with a database for the API tests: the journal on SQLite (`:memory:` unless a target
 * is given), the accounts beside it, a cheap scrypt cost, and an API token per role (one user
 * each, acting for a participant of that kind where the role is a kind).
 */
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { CommandStore } from '../../../core/journal/store.js';
import type { CommandEnvelope } from '../../../core/journal/types.js';
import { type ComplianceState, createComplianceMachine } from '../../../core/compliance/index.js';
import { PARTICIPANT_KINDS } from '../../../core/registry/types.js';
import type { AccountsStore } from '../../accounts/port.js';
import { newSecret, sha256 } from '../../accounts/secrets.js';
import { SqliteAccounts } from '../../accounts/sqlite.js';
import { openAccounts } from '../../accounts/index.js';
import type { DbTarget } from '../../storage/db-url.js';
import { openStore } from '../../storage/open.js';
import { type Api, createApi } from '../app.js';
import { LoginLimiter } from '../rate-limit.js';
import { USER_ROLES, isParticipantKind } from '../roles.js';

export const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };

export interface TestContext {
  readonly app: Hono;
  /** The app with the routes the Node server's fast path takes (server.ts `listen`). */
  readonly api: Api;
  readonly store: CommandStore<ComplianceState>;
  readonly accounts: AccountsStore;
  /** An API token of a user holding only `role` (participant `p-<role>` for kinds). */
  readonly tokens: ReadonlyMap<string, string>;
  /** Creates a user with a token. */
  user(username: string, roles: string[], participantId: string | null): Promise<string>;
  close(): Promise<void>;
}

export function exampleCommands(name = 'registry-cooperative-forest'): CommandEnvelope[] {
  return readFileSync(`examples/market/${name}.jsonl`, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as CommandEnvelope);
}

export async function testContext(options: { target?: DbTarget; seed?: CommandEnvelope[]; limiter?: LoginLimiter } = {}): Promise<TestContext> {
  const target: DbTarget = options.target ?? { dialect: 'sqlite', file: ':memory:' };
  const store = await openStore(target, createComplianceMachine(), { sqliteThread: 'main' });
  // Two `:memory:` connections are two databases; otherwise the journal and the accounts share one, and commands keep their responses in their own transaction.
  const separate = target.dialect === 'sqlite' && target.file === ':memory:';
  const accounts = separate ? new SqliteAccounts(':memory:') : await openAccounts(target);
  if (options.seed !== undefined) {
    // The seed's administrator also registers p-<kind> for every kind, so role users act for real participants.
    const kinds = PARTICIPANT_KINDS.map((kind, i): CommandEnvelope => ({
      key: `test-p-${kind}`, actor: 'admin', type: 'participant.register', at: `2025-03-03T07:${String(i).padStart(2, '0')}:00+08:00`,
      payload: { id: `p-${kind}`, kind, name: `Test ${kind}`, regionCode: '360700' },
    }));
    await store.submit([...options.seed, ...kinds]);
  }
  const api = createApi({
    webRoot: null, log: () => {}, journal: { store, registry: (s: ComplianceState) => s, exchange: (s: ComplianceState) => s, compliance: (s: ComplianceState) => s, keepsResponses: !separate }, accounts, scrypt: CHEAP_SCRYPT,
    ...(options.limiter !== undefined ? { limiter: options.limiter } : {}),
  });
  const user = async (username: string, roles: string[], participantId: string | null): Promise<string> => {
    await accounts.createUser({ username, participantId, roles }, 'no-password', new Date().toISOString());
    const token = newSecret('ntl_');
    await accounts.createToken(username, { id: `t-${username}`, name: 'test', createdAt: new Date().toISOString() }, sha256(token));
    return token;
  };
  const tokens = new Map<string, string>();
  for (const role of USER_ROLES) tokens.set(role, await user(`only-${role}`, [role], isParticipantKind(role) ? `p-${role}` : null));
  return { app: api.app, api, store, accounts, tokens, user, close: async () => { await store.close(); await accounts.close(); } };
}

export function bearer(token: string | undefined): Record<string, string> {
  return token === undefined ? {} : { Authorization: `Bearer ${token}` };
}
