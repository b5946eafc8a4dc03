/**
 * The demo registry of `neutral demo`: examples/market/registry-cooperative-forest.jsonl (a
 * cooperative's aggregated forest project of three farmers, validated, verified and issued,
 * transfers, a benefit payout and a retirement), then a market that has traded
 * (demoMarketCommands), and a login for each of its participants.
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

const INSTRUMENT = 'SINK/forest/360732/2023';
const MARKET_DAY = '2025-03-03';

/**
 * A living demo market after the registry's commands: the operator lists the project's 2023
 * credits (fees 10 bp a side) and opens a session; the cooperative offers at two prices; the
 * emitter rests a bid, then buys across the offers, so the cooperative's proceeds run through
 * the benefit waterfall (the farmers' payables are booked in the trade). The session stays
 * open, with a bid and an offer on the book.
 */
export function demoMarketCommands(): CommandEnvelope[] {
  const command = (key: string, actor: string, type: string, hhmm: string, payload: Record<string, unknown>): CommandEnvelope => ({
    key, actor, type, at: `${MARKET_DAY}T${hhmm}:00+08:00`, payload,
  });
  const order = (side: 'buy' | 'sell', priceFen: number, quantityT: number) => ({ instrument: INSTRUMENT, side, kind: 'limit', priceFen, quantityT, tif: 'GTC' });
  return [
    command('demo-list', 'operator', 'instrument.list', '09:35', { instrument: INSTRUMENT, referencePriceFen: 5000, buyerFeeBp: 10, sellerFeeBp: 10 }),
    command('demo-open', 'operator', 'session.open', '09:36', { instrument: INSTRUMENT }),
    command('demo-ask-1', 'coop', 'order.place', '09:40', order('sell', 5050, 200)),
    command('demo-ask-2', 'coop', 'order.place', '09:41', order('sell', 5100, 300)),
    command('demo-bid-1', 'emitter', 'order.place', '09:45', order('buy', 4950, 100)),
    command('demo-bid-2', 'emitter', 'order.place', '10:02', order('buy', 5050, 120)),
    command('demo-bid-3', 'emitter', 'order.place', '10:17', order('buy', 5100, 100)),
    command('demo-bid-4', 'emitter', 'order.place', '11:05', order('buy', 5100, 30)),
  ];
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
