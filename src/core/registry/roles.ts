/** Who may do what (market.md §2, §10 registry roles): one row per participant kind. */
import type { Capability, ParticipantKind } from './types.js';

const HOLDER: readonly Capability[] = ['hold'];
const PROPONENT: readonly Capability[] = ['hold', 'propose'];

export const CAPABILITIES: Readonly<Record<ParticipantKind, readonly Capability[]>> = {
  farmer: ['hold', 'propose', 'member'],
  cooperative: ['hold', 'propose', 'aggregate'],
  'rural-collective': ['hold', 'propose', 'aggregate'],
  'rural-enterprise': PROPONENT,
  'forest-owner': ['hold', 'propose', 'member'],
  charity: PROPONENT,
  'silviculture-enterprise': PROPONENT,
  'emitter-enterprise': PROPONENT,
  'green-fund': PROPONENT,
  'civil-organisation': HOLDER,
  individual: ['hold', 'member'],
  intermediary: HOLDER,
  bank: ['hold', 'pledgee'],
  'city-government': PROPONENT,
  'provincial-government': PROPONENT,
  verifier: ['verify'],
  'market-operator': ['operate'],
  'registry-administrator': ['administer', 'operate'],
};

/** Registry staff: they read every participant's records (statements, holdings), where a participant reads its own. */
export const REGISTRY_STAFF: readonly ParticipantKind[] = ['registry-administrator', 'market-operator'];

export function can(kind: ParticipantKind, capability: Capability): boolean {
  return CAPABILITIES[kind].includes(capability);
}

/** The rule each capability stands for, quoted in refusals. */
export const CAPABILITY_RULE: Readonly<Record<Capability, string>> = {
  hold: 'market.md §2: only participants with holding accounts hold, move or retire units',
  propose: 'market.md §3: only landholders, enterprises, funds and governments propose sink projects',
  aggregate: 'market.md §3: only a cooperative or rural collective aggregates its members\u2019 parcels',
  member: 'market.md §3: members of an aggregated project are farmers, forest owners or individuals',
  verify: 'market.md §10: only a verifier validates projects and verifies monitoring reports',
  administer: 'market.md §10: only the registry administrator does this',
  operate: 'market.md §2: only the market operator or registry administrator records this',
  pledgee: 'market.md §4: units are pledged to a bank',
};
