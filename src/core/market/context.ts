/** Small helpers of the exchange's handlers: refusals, events with canonical key order. */
import type { CommandEnvelope, EventDraft, Outcome } from '../journal/types.js';
import type { Participant } from '../registry/index.js';
import type { ExchangeRejectionCode } from './codes.js';
import type { ExchangeState } from './types.js';

export class MarketRefusal {
  constructor(readonly code: ExchangeRejectionCode, readonly message: string) {}
}

export interface MarketCtx<P> {
  readonly state: ExchangeState;
  readonly command: CommandEnvelope;
  readonly payload: P;
  readonly actor: Participant;
}

export function rejectionOf(command: CommandEnvelope, code: string, message: string): Outcome {
  return { accepted: false, events: [{ type: `${command.type}.rejected`, payload: { actor: command.actor, at: command.at, code, message } }] };
}

/**
 * An event stamped with actor and time, keys sorted so it prints on the canonical fast path.
 * Built in one pass (the keys sorted, then one object filled) rather than a spread copy sorted
 * into a second: a third of the cost, and every event of every command goes through here.
 */
export function marketEvent(command: CommandEnvelope, type: string, body: Record<string, unknown>): EventDraft {
  const keys = Object.keys(body);
  keys.push('actor', 'at');
  keys.sort();
  const payload: Record<string, unknown> = {};
  for (const key of keys) {
    const value = key === 'actor' ? command.actor : key === 'at' ? command.at : body[key];
    if (value !== undefined) payload[key] = value;
  }
  return { type, payload };
}

export function sortKeys<T extends Record<string, unknown>>(object: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) if (object[key] !== undefined) out[key] = object[key];
  return out as T;
}
