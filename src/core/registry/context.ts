/** Small helpers shared by the command handlers: outcomes, events, look-ups. */
import { sortedKeys } from '../journal/canonical.js';
import type { CommandEnvelope, EventDraft, Outcome, Posting } from '../journal/types.js';
import type { RangeMove } from '../ledger/blocks.js';
import type { RejectionCode } from './codes.js';
import { CAPABILITY_RULE, can } from './roles.js';
import type { CommandType, PayloadOf } from './schemas.js';
import type { Capability, Participant, Project, RegistryState } from './types.js';

export interface Ctx<T extends CommandType> {
  readonly state: RegistryState;
  readonly command: CommandEnvelope;
  readonly payload: PayloadOf<T>;
  readonly actor: Participant;
}

/** A refusal: one `<type>.rejected` event, no postings. */
export class Refusal {
  constructor(readonly code: RejectionCode, readonly message: string) {}
}

export function rejection(command: CommandEnvelope, code: RejectionCode, message: string): Outcome {
  return { accepted: false, events: [{ type: `${command.type}.rejected`, payload: { actor: command.actor, at: command.at, code, message } }] };
}

export function accepted(...events: EventDraft[]): Outcome {
  return { accepted: true, events };
}

/** An event of the command, stamped with who and when; keys in canonical order. */
export function eventOf(command: CommandEnvelope, type: string, body: Record<string, unknown>): EventDraft {
  // Bodies written with sorted keys cost one object here: actor and at go in at their own
  // places (each separately: a key such as amountFen sorts between them), and the stamp wins
  // over a body key of the same name.
  const payload: Record<string, unknown> = {};
  let actorDone = false;
  let atDone = false;
  for (const key in body) {
    if (key === 'actor' || key === 'at') continue;
    if (!actorDone && key > 'actor') {
      payload['actor'] = command.actor;
      actorDone = true;
    }
    if (!atDone && key > 'at') {
      payload['at'] = command.at;
      atDone = true;
    }
    payload[key] = body[key];
  }
  if (!actorDone) payload['actor'] = command.actor;
  if (!atDone) payload['at'] = command.at;
  return { type, payload: sortedKeys(payload) };
}

/** A block move as events carry it, with its serial for people to read. */
export interface BlockEntry extends RangeMove {
  readonly serial: string;
}

export function requireCapability(actor: Participant, capability: Capability): Refusal | null {
  return can(actor.kind, capability) ? null : new Refusal('wrong_role', `${CAPABILITY_RULE[capability]}; ${actor.id} is a ${actor.kind}`);
}

export function participantOr(state: RegistryState, id: string, what: string): Participant | Refusal {
  return state.participants.get(id) ?? new Refusal('unknown_participant', `${what} ${id} is not a registered participant (market.md §2)`);
}

export function projectOr(state: RegistryState, id: string): Project | Refusal {
  return state.projects.get(id) ?? new Refusal('unknown_project', `project ${id} is not in the registry`);
}

export function isProponent(project: Project, participantId: string): boolean {
  return project.proponents.some((p) => p.participantId === participantId);
}

/** Postings summed per (debit, credit, asset), in order of first appearance. */
export function postingsOf(moves: readonly { from: string; to: string; asset: string; amount: number }[], code: string): Posting[] {
  const out: Posting[] = [];
  for (const m of moves) {
    const same = out.findIndex((p) => p.debit === m.from && p.credit === m.to && p.asset === m.asset);
    // Keys in canonical order, so the event prints on the fast path (journal/canonical.ts).
    if (same >= 0) out[same] = { amount: out[same]!.amount + m.amount, asset: m.asset, code, credit: m.to, debit: m.from };
    else out.push({ amount: m.amount, asset: m.asset, code, credit: m.to, debit: m.from });
  }
  return out;
}

export function trainingRefusal(p: Participant, role: string): Refusal | null {
  return p.training === null ? new Refusal('training_required', `market.md §2 (seed 000): ${role} ${p.id} may trade only after its low-carbon training is recorded`) : null;
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** Calendar-valid YYYY-MM-DD (the schema checks the form only). */
export function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}
