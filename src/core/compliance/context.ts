/** Helpers of the compliance handlers: look-ups that refuse, the authority rule, local days. */
import type { CommandEnvelope, Outcome } from '../journal/types.js';
import { shanghaiClock } from '../market/index.js';
import type { Participant } from '../registry/index.js';
import { ComplianceRefusal } from './codes.js';
import { type ComplianceState, type Emitter, type Jurisdiction, type Period, periodKey } from './types.js';

export interface ComplianceCtx<P> {
  readonly state: ComplianceState;
  readonly command: CommandEnvelope;
  readonly payload: P;
  readonly actor: Participant;
}

export function rejectionOf(command: CommandEnvelope, code: string, message: string): Outcome {
  return { accepted: false, events: [{ type: `${command.type}.rejected`, payload: { actor: command.actor, at: command.at, code, message } }] };
}

export function jurisdictionOr(state: ComplianceState, id: string): Jurisdiction | ComplianceRefusal {
  return state.compliance.jurisdictions.get(id) ?? new ComplianceRefusal('unknown_jurisdiction', `jurisdiction ${id} is not configured (jurisdiction.configure)`);
}

export function periodOr(state: ComplianceState, jurisdiction: string, periodId: string): Period | ComplianceRefusal {
  return state.compliance.periods.get(periodKey(jurisdiction, periodId))
    ?? new ComplianceRefusal('unknown_period', `period ${periodId} of ${jurisdiction} is not open (period.open)`);
}

/** Allocation, closing and settlement belong to the jurisdiction's authority alone. */
export function authorityRefusal(j: Jurisdiction, actor: Participant): ComplianceRefusal | null {
  return actor.id === j.authority ? null : new ComplianceRefusal('not_authority', `market.md §5: only ${j.authority}, the authority of ${j.id}, does this; ${actor.id} is not`);
}

/** The emitter's entry in this jurisdiction's enterprise database. */
export function emitterOr(state: ComplianceState, j: Jurisdiction, participantId: string): Emitter | ComplianceRefusal {
  const emitter = state.compliance.emitters.get(participantId);
  if (emitter === undefined || emitter.jurisdiction !== j.id) {
    return new ComplianceRefusal('not_covered', `${participantId} is not in the enterprise database of ${j.id} (emitter.register)`);
  }
  return emitter;
}

/** The jurisdiction, the acting emitter's entry in it, and the period: what emitters' commands name. */
export function emitterPeriodOr(state: ComplianceState, jurisdiction: string, periodId: string, emitterId: string): { j: Jurisdiction; emitter: Emitter; period: Period } | ComplianceRefusal {
  const j = jurisdictionOr(state, jurisdiction);
  if (j instanceof ComplianceRefusal) return j;
  const emitter = emitterOr(state, j, emitterId);
  if (emitter instanceof ComplianceRefusal) return emitter;
  const period = periodOr(state, j.id, periodId);
  return period instanceof ComplianceRefusal ? period : { j, emitter, period };
}

/** The jurisdiction, when `actor` is its authority. */
export function authorityJurisdictionOr(state: ComplianceState, jurisdiction: string, actor: Participant): Jurisdiction | ComplianceRefusal {
  const j = jurisdictionOr(state, jurisdiction);
  if (j instanceof ComplianceRefusal) return j;
  return authorityRefusal(j, actor) ?? j;
}

/** The jurisdiction its authority acts in and an open (not closed) period of it. */
export function authorityPeriodOr(state: ComplianceState, jurisdiction: string, periodId: string, actor: Participant): { j: Jurisdiction; period: Period } | ComplianceRefusal {
  const j = authorityJurisdictionOr(state, jurisdiction, actor);
  if (j instanceof ComplianceRefusal) return j;
  const period = periodOr(state, j.id, periodId);
  if (period instanceof ComplianceRefusal) return period;
  return period.closed ? new ComplianceRefusal('period_closed', `market.md §10: period ${periodId} of ${j.id} is closed`) : { j, period };
}

/** The local (Asia/Shanghai) day of a command time. */
export function dayOf(at: string): string {
  return shanghaiClock(at).day;
}

/** The open period's deadline and closure, for surrenders. */
export function periodTimeRefusal(period: Period, at: string): ComplianceRefusal | null {
  if (period.closed) return new ComplianceRefusal('period_closed', `market.md §10: period ${period.periodId} of ${period.jurisdiction} is closed`);
  if (dayOf(at) > period.deadline) return new ComplianceRefusal('deadline_passed', `market.md §5: the surrender deadline of ${period.periodId} was ${period.deadline}`);
  return null;
}

/** Obligation = ceil(verified emissions), in whole tonnes, from integer kilograms. */
export function obligationT(verifiedKg: number): number {
  return Math.ceil(verifiedKg / 1000);
}

/** floor(share × verified emissions) with the share in basis points; exact for any kg in range. */
export function offsetCapT(verifiedKg: number, capBp: number): number {
  return Number((BigInt(verifiedKg) * BigInt(capBp)) / 10_000_000n);
}
