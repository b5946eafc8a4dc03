/**
 * What `neutral serve` and `neutral demo` open before listening: the journal's store (the
 * compliance machine, which passes exchange and registry commands down; migrations run on open) and the accounts beside it, and the first admin.
 */
import { type ComplianceState, createComplianceMachine } from '../../core/compliance/index.js';
import { type AccountsStore, hashPassword, openAccounts } from '../accounts/index.js';
import type { DbTarget } from '../storage/db-url.js';
import { openStore } from '../storage/open.js';
import { journalTail } from './journal-tail.js';
import type { JournalService } from './services.js';

export interface Backend {
  readonly journal: JournalService<ComplianceState>;
  readonly accounts: AccountsStore;
  close(): Promise<void>;
}

/** The same machine, for the thread that takes snapshots (from the sources, the .ts beside this one). */
const COMPLIANCE_MACHINE = { url: new URL(`../../core/compliance/index${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href, factory: 'createComplianceMachine' };

export async function openBackend(target: DbTarget): Promise<Backend> {
  const store = await openStore(target, createComplianceMachine(), { machineModule: COMPLIANCE_MACHINE });
  let accounts: AccountsStore;
  try {
    accounts = await openAccounts(target);
  } catch (cause) {
    await store.close();
    throw cause;
  }
  // The market's views and the serial histories are folded from the whole journal once: begun now,
  // in pages, rather than by the first dashboard that asks (about 0.9 s at 70,000 orders). A
  // failure here is met again, and answered, by the first request that needs the tail.
  journalTail(store).market().catch(() => undefined);
  return {
    journal: { store, registry: (state: ComplianceState) => state, exchange: (state: ComplianceState) => state, compliance: (state: ComplianceState) => state, keepsResponses: !(target.dialect === 'sqlite' && target.file === ':memory:') },
    accounts,
    close: async () => {
      await store.close();
      await accounts.close();
    },
  };
}

/** The first admin's settings, from the environment of `neutral serve`. */
export interface AdminEnv {
  readonly NEUTRAL_ADMIN_PASSWORD?: string | undefined;
  readonly NEUTRAL_ADMIN_USER?: string | undefined;
  readonly NEUTRAL_ADMIN_PARTICIPANT?: string | undefined;
}

/**
 * With no user yet and NEUTRAL_ADMIN_PASSWORD set, creates the first admin: roles admin,
 * registry-administrator and planner, acting for participant NEUTRAL_ADMIN_PARTICIPANT (default
 * `admin`, whose own registration is the registry's first command). Returns what to print.
 */
export async function ensureFirstAdmin(accounts: AccountsStore, env: AdminEnv, at: Date): Promise<string | null> {
  if ((await accounts.userCount()) > 0) return null;
  const password = env.NEUTRAL_ADMIN_PASSWORD;
  if (password === undefined || password === '') return 'No users yet: restart with NEUTRAL_ADMIN_PASSWORD=… (at least 10 characters) to create the first admin.';
  if (password.length < 10) return 'NEUTRAL_ADMIN_PASSWORD needs at least 10 characters; no admin was created.';
  const username = env.NEUTRAL_ADMIN_USER ?? 'admin';
  const participantId = env.NEUTRAL_ADMIN_PARTICIPANT ?? 'admin';
  await accounts.createUser({ username, participantId, roles: ['admin', 'planner', 'registry-administrator'] }, await hashPassword(password), at.toISOString());
  return `Created the first admin "${username}" (roles admin, planner, registry-administrator; participant ${participantId}).`;
}
