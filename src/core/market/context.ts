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

/** An event stamped with actor and time, keys sorted so it prints on the canonical fast path. */
export function marketEvent(command: CommandEnvelope, type: string, body: Record<string, unknown>): EventDraft {
  return { type, payload: sortKeys({ ...body, actor: command.actor, at: command.at }) };
}

export function sortKeys<T extends Record<string, unknown>>(object: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object).sort()) if (object[key] !== undefined) out[key] = object[key];
  return out as T;
}
