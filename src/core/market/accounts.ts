/** What a participant may commit: free cash, free units of an instrument, its position. */
import { ACCOUNTS, CASH_ASSET } from '../ledger/index.js';
import { instrumentOfProject, type Participant } from '../registry/index.js';
import { MarketRefusal } from './context.js';
import type { ExchangeState, InstrumentState } from './types.js';

export function freeCashFen(state: ExchangeState, owner: string): number {
  return state.balances.balance(ACCOUNTS.cash(owner), CASH_ASSET);
}

/** Units of the instrument held free (not suspended, not pledged) by `owner`, t. */
export function heldUnitsT(state: ExchangeState, owner: string, instrument: string): number {
  let held = 0;
  for (const b of state.blocks.listOf(ACCOUNTS.units(owner))) {
    const project = state.projects.get(b.projectId)!;
    if (project.status === 'suspended') continue;
    if (instrumentOfProject(project, b.vintage) === instrument) held += b.end - b.start + 1;
  }
  return held;
}

export function reservedUnitsT(state: ExchangeState, owner: string, instrument: string): number {
  return state.reservedUnits.get(ACCOUNTS.units(owner))?.get(instrument) ?? 0;
}

/** Adds `deltaT` to the owner's units reserved for sale of `instrument` (entries at zero are dropped). */
export function adjustReservedUnits(state: ExchangeState, owner: string, instrument: string, deltaT: number): void {
  if (deltaT === 0) return;
  const account = ACCOUNTS.units(owner);
  let byInstrument = state.reservedUnits.get(account);
  if (byInstrument === undefined) state.reservedUnits.set(account, (byInstrument = new Map()));
  const next = (byInstrument.get(instrument) ?? 0) + deltaT;
  if (next < 0) throw new Error(`reserved units of ${owner} in ${instrument} would be ${next}`);
  if (next === 0) byInstrument.delete(instrument);
  else byInstrument.set(instrument, next);
  if (byInstrument.size === 0) state.reservedUnits.delete(account);
}

/** The participant whose accounts an order uses: the actor, or its client under a recorded mandate. */
export function ownerOf(state: ExchangeState, actor: Participant, onBehalfOf: string | undefined): Participant | MarketRefusal {
  if (onBehalfOf === undefined || onBehalfOf === actor.id) return actor;
  const client = state.participants.get(onBehalfOf);
  if (client === undefined) return new MarketRefusal('unknown_participant', `client ${onBehalfOf} is not a registered participant (market.md §2)`);
  if (state.market.mandates.get(client.id)?.has(actor.id) !== true) {
    return new MarketRefusal('no_mandate', `market.md §10: ${actor.id} holds no recorded mandate of ${client.id} (mandate.record)`);
  }
  return client;
}

export function trainingRefusalOf(p: Participant): MarketRefusal | null {
  if (p.kind === 'verifier' || p.kind === 'market-operator' || p.kind === 'registry-administrator') {
    return new MarketRefusal('wrong_role', `market.md §2: a ${p.kind} holds no trading accounts`);
  }
  return p.training === null ? new MarketRefusal('training_required', `market.md §2 (seed 000): ${p.id} may trade only after its low-carbon training is recorded`) : null;
}

export function instrumentOr(state: ExchangeState, instrument: string): InstrumentState | MarketRefusal {
  return state.market.instruments.get(instrument) ?? new MarketRefusal('unknown_instrument', `${instrument} is not listed (instrument.list)`);
}

/** Halted or closed instruments take no orders (market.md §10). */
export function tradingRefusal(inst: InstrumentState): MarketRefusal | null {
  if (inst.halted) return new MarketRefusal('instrument_halted', `market.md §10: trading in ${inst.config.instrument} is halted by the operator`);
  if (!inst.open) return new MarketRefusal('market_closed', `market.md §10: the session of ${inst.config.instrument} is closed`);
  return null;
}

/** Position limit of a participant in an instrument, t, or null. */
export function positionLimitT(state: ExchangeState, inst: InstrumentState, owner: string): number | null {
  return state.market.positionLimits.get(`${owner}|${inst.config.instrument}`) ?? inst.config.positionLimitT;
}

/** Held units plus open buy quantity (continuous book and auctions), t. */
export function positionT(state: ExchangeState, inst: InstrumentState, owner: string): number {
  let position = heldUnitsT(state, owner, inst.config.instrument);
  for (const o of state.market.orders.values()) if (o.owner === owner && o.instrument === inst.config.instrument && o.side === 0) position += o.remainingT;
  for (const a of state.market.auctions.values()) {
    if (a.status !== 'open' || a.instrument !== inst.config.instrument) continue;
    for (const o of a.orders) if (o.owner === owner && o.side === 0) position += o.remainingT;
  }
  return position;
}
