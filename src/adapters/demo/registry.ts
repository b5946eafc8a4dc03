/**
 * The demo registry of `neutral demo`: examples/market/registry-cooperative-forest.jsonl (a
 * cooperative's aggregated forest project of three farmers, validated, verified and issued,
 * transfers, a benefit payout and a retirement), then a market that has traded
 * (demoMarketCommands), a neutrality market's open period (demoComplianceCommands), and a login
 * for each of its participants.
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
  { username: 'province', participantId: 'province', roles: ['provincial-government'] },
  { username: 'nanchang', participantId: 'nanchang', roles: ['city-government'] },
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

/**
 * Compliance in the demo (docs/compliance.md): Nanchang runs a sink-backed neutrality market for
 * 2024; the emitter's 400 t footprint is verified and it has surrendered 150 t of the credits it
 * holds, so the period report shows it short of 250 t with the deadline ahead.
 */
export function demoComplianceCommands(): CommandEnvelope[] {
  const command = (key: string, actor: string, type: string, hhmm: string, payload: Record<string, unknown>): CommandEnvelope => ({
    key, actor, type, at: `${MARKET_DAY}T${hhmm}:00+08:00`, payload,
  });
  return [
    command('demo-province', 'admin', 'participant.register', '11:10', { id: 'province', kind: 'provincial-government', name: 'Jiangxi provincial government', regionCode: '360000' }),
    command('demo-nanchang', 'admin', 'participant.register', '11:11', { id: 'nanchang', kind: 'city-government', name: 'Nanchang municipal government', regionCode: '360100' }),
    command('demo-jurisdiction', 'admin', 'jurisdiction.configure', '11:12', {
      jurisdiction: 'NC', name: 'Nanchang carbon-neutral city market', regime: 'neutrality', authority: 'nanchang', regions: ['360100'],
      referencePriceFen: 5000, overdraft: { perEmitterLimitT: 500, collateralFenPerT: 3000 },
    }),
    command('demo-period', 'nanchang', 'period.open', '11:13', { jurisdiction: 'NC', periodId: 'N2024', year: 2024, deadline: '2025-06-30' }),
    command('demo-enterprise', 'nanchang', 'emitter.register', '11:14', { jurisdiction: 'NC', participantId: 'emitter', sector: 'iron and steel', annualEmissionsT: 400 }),
    command('demo-report', 'emitter', 'emissions.report', '11:15', {
      jurisdiction: 'NC', periodId: 'N2024',
      lines: [
        { scope: 'direct', source: 'natural gas', activity: 150_000, activityUnit: 'm3', factorKgCO2ePerUnit: 2.162, factorSource: 'GB/T 32151 default 21.62 t/10^4 m3' },
        { scope: 'electricity', source: 'grid electricity', activity: 130, activityUnit: 'MWh', factorKgCO2ePerUnit: 581, factorSource: 'MEE 2022 national grid factor' },
      ],
    }),
    command('demo-verify', 'verifier', 'emissions.verify', '11:16', { jurisdiction: 'NC', periodId: 'N2024', emitter: 'emitter', decision: 'accept' }),
    command('demo-surrender', 'emitter', 'compliance.surrender', '11:17', { jurisdiction: 'NC', periodId: 'N2024', credits: { quantityT: 150 } }),
  ];
}

/** Loads the demo into an empty database; a database with a journal or users is left as it is. Returns whether it loaded. */
export async function loadDemo(store: CommandStore<unknown>, accounts: AccountsStore, password = DEMO_PASSWORD): Promise<boolean> {
  const empty = (await store.head()).seq === 0 && (await accounts.userCount()) === 0;
  if (!empty) return false;
  const acks = await store.submit([...demoRegistryCommands(), ...demoMarketCommands(), ...demoComplianceCommands()]);
  if (acks.length === 0) throw new Error('the demo journal is empty');
  const hash = await hashPassword(password);
  const at = new Date().toISOString();
  for (const user of DEMO_USERS) await accounts.createUser(user, hash, at);
  return true;
}
