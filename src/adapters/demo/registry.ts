/**
 * The demo registry of `neutral demo`: examples/market/registry-cooperative-forest.jsonl (a
 * cooperative's aggregated forest project of three farmers, validated, verified and issued,
 * transfers, a benefit payout and a retirement) and a login for each of its participants.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandStore } from '../../core/journal/store.js';
import type { CommandEnvelope } from '../../core/journal/types.js';
import { type AccountsStore, hashPassword } from '../accounts/index.js';

const examplePath = (name: string): string => fileURLToPath(new URL(`../../../examples/market/${name}.jsonl`, import.meta.url));

/** Every demo user has this password unless NEUTRAL_DEMO_PASSWORD says otherwise (printed by `neutral demo`). */
export const DEMO_PASSWORD = 'neutral-demo';

export const DEMO_USERS: readonly { username: string; participantId: string | null; roles: string[] }[] = [
  { username: 'admin', participantId: 'admin', roles: ['admin', 'planner', 'registry-administrator'] },
  { username: 'planner', participantId: null, roles: ['planner'] },
  { username: 'coop', participantId: 'coop', roles: ['cooperative'] },
  { username: 'farmer1', participantId: 'farmer1', roles: ['farmer'] },
  { username: 'farmer2', participantId: 'farmer2', roles: ['farmer'] },
  { username: 'farmer3', participantId: 'farmer3', roles: ['farmer'] },
  { username: 'verifier', participantId: 'verifier', roles: ['verifier'] },
  { username: 'emitter', participantId: 'emitter', roles: ['emitter-enterprise'] },
  { username: 'bank', participantId: 'bank', roles: ['bank'] },
  { username: 'operator', participantId: 'operator', roles: ['market-operator'] },
];

export function demoRegistryCommands(): CommandEnvelope[] {
  return readFileSync(examplePath('registry-cooperative-forest'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as CommandEnvelope);
}

/**
 * Hook for the exchange: commands of a living demo market (instruments listed, a session
 * opened, buy and sell orders that trade) to submit after the registry's. Empty until
 * src/core/market/ lands; then return them here and `loadDemo` journals them too.
 */
export function demoMarketCommands(): CommandEnvelope[] {
  return [];
}

/** Loads the demo into an empty database; a database with a journal or users is left as it is. Returns whether it loaded. */
export async function loadDemo(store: CommandStore<unknown>, accounts: AccountsStore, password = DEMO_PASSWORD): Promise<boolean> {
  const empty = (await store.head()).seq === 0 && (await accounts.userCount()) === 0;
  if (!empty) return false;
  const acks = await store.submit([...demoRegistryCommands(), ...demoMarketCommands()]);
  if (acks.length === 0) throw new Error('the demo journal is empty');
  const hash = await hashPassword(password);
  const at = new Date().toISOString();
  for (const user of DEMO_USERS) await accounts.createUser(user, hash, at);
  return true;
}
