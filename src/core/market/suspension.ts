/**
 * market.md §10: "Suspension freezes the project's units and cancels their open orders".
 * Sell orders reserve a quantity of an instrument, not serials, so an order is "on" the
 * project's units only when its owner can no longer cover its reservations without them.
 * Rule (deterministic): per holder of the project's units and per instrument, in the order
 * (holder, instrument), when the units reserved for sale exceed the units left unfrozen, the
 * holder's resting sell orders on that instrument are cancelled newest first (whole orders,
 * latest acceptance first, so older orders keep their priority) until the rest is covered.
 * Reservations of auctions and block proposals are not touched: they settle or are refused
 * (`project_suspended`) when they close.
 */
import type { CommandEnvelope, EventDraft, Outcome } from '../journal/types.js';
import { ACCOUNTS, ownerOf } from '../ledger/index.js';
import { instrumentOf } from '../registry/index.js';
import { heldUnitsT, reservedUnitsT } from './accounts.js';
import { SELL } from './book.js';
import { doneEvent } from './orders.js';
import type { ExchangeState } from './types.js';

/** The registry's outcome of `project.suspend`, with `order.done` (`project_suspended`) for the orders it uncovers. */
export function withSuspensionCancels(state: ExchangeState, command: CommandEnvelope, outcome: Outcome): Outcome {
  const suspended = outcome.events[0];
  if (!outcome.accepted || suspended?.type !== 'project.suspended') return outcome;
  const project = state.projects.get(suspended.payload['projectId'] as string)!;
  // Units of the project each holder can no longer use, per instrument.
  const frozen = new Map<string, Map<string, number>>();
  for (const block of state.blocks.byProject.get(project.id)?.values() ?? []) {
    const owner = ownerOf(block.account);
    if (owner === null || block.account !== ACCOUNTS.units(owner)) continue;
    const instrument = instrumentOf(project.type, project.regionCode, block.vintage);
    let byInstrument = frozen.get(owner);
    if (byInstrument === undefined) frozen.set(owner, (byInstrument = new Map()));
    byInstrument.set(instrument, (byInstrument.get(instrument) ?? 0) + block.end - block.start + 1);
  }
  const newestFirst = [...state.market.orders.values()].reverse();
  const cancels: EventDraft[] = [];
  for (const owner of [...frozen.keys()].sort()) {
    const byInstrument = frozen.get(owner)!;
    for (const instrument of [...byInstrument.keys()].sort()) {
      // heldUnitsT still counts the project's units: the suspension is not applied yet.
      let shortT = reservedUnitsT(state, owner, instrument) - (heldUnitsT(state, owner, instrument) - byInstrument.get(instrument)!);
      for (const o of newestFirst) {
        if (shortT <= 0) break;
        if (o.owner !== owner || o.instrument !== instrument || o.side !== SELL || o.handle < 0) continue;
        cancels.push(doneEvent(command, o.id, o.key, o.owner, 'project_suspended', 0, o.remainingT));
        shortT -= o.remainingT;
      }
    }
  }
  return cancels.length === 0 ? outcome : { accepted: true, events: [...outcome.events, ...cancels] };
}
