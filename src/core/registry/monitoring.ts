/** Monitoring periods (market.md §3, §10): report, then verification (≤ reported, no conflict). */
import type { Outcome } from '../journal/types.js';
import { type Ctx, Refusal, accepted, eventOf, isProponent, isRealDay, projectOr, requireCapability, yearOf } from './context.js';
import { countedParcels } from './estimate.js';
import { conflictRefusal, recordStep, statusRefusal } from './projects.js';
import type { MonitoringPeriod, RegistryState } from './types.js';

export function decideMonitoringSubmit(ctx: Ctx<'monitoring.submit'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const project = projectOr(state, p.projectId);
  if (project instanceof Refusal) return project;
  if (!isProponent(project, actor.id)) return new Refusal('wrong_role', `market.md §3: only a proponent of ${project.id} reports its monitoring`);
  if (project.status !== 'registered') return statusRefusal(project, 'registered', 'monitored');
  if (!isRealDay(p.from) || !isRealDay(p.to) || p.to < p.from) return new Refusal('invalid_payload', '$.payload.to: real dates with from ≤ to');
  if (project.periods.has(p.periodId)) return new Refusal('period_exists', `monitoring period ${p.periodId} of ${project.id} was already reported`);
  if (p.from < project.creditingPeriod.start || p.to > project.creditingPeriod.end) {
    return new Refusal('outside_crediting_period', `market.md §3: ${p.from}..${p.to} lies outside the crediting period ${project.creditingPeriod.start}..${project.creditingPeriod.end}`);
  }
  for (const other of project.periods.values()) {
    if (other.status !== 'not-verified' && other.from <= p.to && p.from <= other.to) {
      return new Refusal('period_overlap', `market.md §10: monitoring periods never overlap; ${p.from}..${p.to} overlaps ${other.periodId} (${other.from}..${other.to})`);
    }
  }
  if (p.parcels !== undefined) {
    const counted = new Set(countedParcels(project).map((q) => q.parcelId));
    let total = 0;
    const seen = new Set<string>();
    for (const q of p.parcels) {
      if (!counted.has(q.parcelId) || seen.has(q.parcelId)) return new Refusal('bad_breakdown', `market.md §3: parcel ${q.parcelId} is not a counted parcel of ${project.id} (or is listed twice)`);
      seen.add(q.parcelId);
      total += q.removalsKgCO2e;
    }
    if (total !== p.removalsKgCO2e) return new Refusal('bad_breakdown', `the parcels' removals sum to ${total} kg, the report says ${p.removalsKgCO2e}`);
  }
  const body: Record<string, unknown> = { projectId: project.id, periodId: p.periodId, from: p.from, to: p.to, vintage: yearOf(p.to), removalsKgCO2e: p.removalsKgCO2e, documents: p.documents };
  if (p.parcels !== undefined) body['parcels'] = p.parcels;
  return accepted(eventOf(ctx.command, 'monitoring.submitted', body));
}

export function applyMonitoringSubmitted(state: RegistryState, e: Record<string, unknown>): void {
  const project = recordStep(state, e, `monitoring ${e['periodId'] as string} submitted`);
  const parcels = e['parcels'] as { parcelId: string; removalsKgCO2e: number }[] | undefined;
  const period: MonitoringPeriod = {
    periodId: e['periodId'] as string, from: e['from'] as string, to: e['to'] as string, vintage: e['vintage'] as number,
    reportedKg: e['removalsKgCO2e'] as number,
    parcelKg: parcels === undefined ? null : new Map(parcels.map((q) => [q.parcelId, q.removalsKgCO2e])),
    status: 'submitted', verifiedKg: 0,
  };
  project.periods.set(period.periodId, period);
}

export function decideMonitoringVerify(ctx: Ctx<'monitoring.verify'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const refused = requireCapability(actor, 'verify');
  if (refused !== null) return refused;
  const project = projectOr(state, p.projectId);
  if (project instanceof Refusal) return project;
  const period = project.periods.get(p.periodId);
  if (period === undefined) return new Refusal('unknown_period', `monitoring period ${p.periodId} of ${project.id} was never reported`);
  if (project.status !== 'registered') return statusRefusal(project, 'registered', 'verified');
  if (period.status !== 'submitted') return new Refusal('wrong_status', `monitoring period ${p.periodId} is ${period.status}; only a submitted report is verified`);
  const conflict = conflictRefusal(state, project, actor.id);
  if (conflict !== null) return conflict;
  if (p.decision === 'reject') {
    if (p.reason === undefined) return new Refusal('invalid_payload', '$.payload.reason: a verifier rejects with a reason (market.md §10)');
    return accepted(eventOf(ctx.command, 'monitoring.verification_failed', { projectId: project.id, periodId: period.periodId, reason: p.reason, documents: p.documents }));
  }
  const verifiedKg = p.verifiedKgCO2e ?? period.reportedKg;
  if (verifiedKg > period.reportedKg) {
    return new Refusal('exceeds_reported', `market.md §10: a verifier certifies less than reported, never more; reported ${period.reportedKg} kg, certified ${verifiedKg}`);
  }
  const body: Record<string, unknown> = { projectId: project.id, periodId: period.periodId, reportedKgCO2e: period.reportedKg, verifiedKgCO2e: verifiedKg, documents: p.documents };
  if (p.reason !== undefined) body['reason'] = p.reason;
  return accepted(eventOf(ctx.command, 'monitoring.verified', body));
}

export function applyMonitoringVerified(state: RegistryState, e: Record<string, unknown>, failed: boolean): void {
  const project = recordStep(state, e, `monitoring ${e['periodId'] as string} ${failed ? 'not verified' : 'verified'}`);
  const period = project.periods.get(e['periodId'] as string)!;
  period.status = failed ? 'not-verified' : 'verified';
  period.verifiedKg = failed ? 0 : (e['verifiedKgCO2e'] as number);
}
