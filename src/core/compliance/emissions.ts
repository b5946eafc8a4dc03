/**
 * Emissions reports as footprints (seed 004, market.md §5): direct emissions, purchased
 * production inputs, purchased services and electricity, each line with its activity, factor
 * and the factor's source; a verifier accepts (possibly at another figure) or rejects.
 * Each line's emissions are round(activity × factor) in integer kg CO2e, so every
 * implementation gets the same total from the same payload.
 */
import type { Outcome } from '../journal/types.js';
import { accepted, eventOf } from '../registry/index.js';
import { ComplianceRefusal } from './codes.js';
import { type ComplianceCtx, emitterPeriodOr, jurisdictionOr, obligationT } from './context.js';
import { classify } from './jurisdictions.js';
import type { CompliancePayloadOf } from './schemas.js';
import { type Classification, type ComplianceState, type Coverage, type EmissionsReport, type FootprintLine, reportKey } from './types.js';

export function decideReport(ctx: ComplianceCtx<CompliancePayloadOf<'emissions.report'>>): Outcome | ComplianceRefusal {
  const { state, payload: p, actor } = ctx;
  const found = emitterPeriodOr(state, p.jurisdiction, p.periodId, actor.id);
  if (found instanceof ComplianceRefusal) return found;
  const { j, period } = found;
  if (period.closed) return new ComplianceRefusal('period_closed', `market.md §10: period ${period.periodId} of ${j.id} is closed`);
  const existing = state.compliance.reports.get(reportKey(j.id, p.periodId, actor.id));
  if (existing !== undefined && existing.status !== 'rejected') {
    return new ComplianceRefusal('report_exists', `${actor.id} has a ${existing.status} report for ${p.periodId}; only a rejected report is replaced`);
  }
  const lines: FootprintLine[] = [];
  let totalKg = 0;
  for (const [i, l] of p.lines.entries()) {
    const emissionsKgCO2e = Math.round(l.activity * l.factorKgCO2ePerUnit);
    if (!Number.isSafeInteger(emissionsKgCO2e)) return new ComplianceRefusal('amount_out_of_range', `$.payload.lines[${i}]: activity × factor is beyond 2^53 kg`);
    totalKg += emissionsKgCO2e;
    lines.push({ ...l, emissionsKgCO2e });
  }
  if (!Number.isSafeInteger(totalKg)) return new ComplianceRefusal('amount_out_of_range', '$.payload.lines: the total is beyond 2^53 kg');
  return accepted(eventOf(ctx.command, 'emissions.reported', {
    jurisdiction: j.id, periodId: p.periodId, emitter: actor.id, lines, reportedKgCO2e: totalKg, documents: p.documents,
  }));
}

export function applyReported(state: ComplianceState, e: Record<string, unknown>): void {
  const report: EmissionsReport = {
    emitter: e['emitter'] as string, jurisdiction: e['jurisdiction'] as string, periodId: e['periodId'] as string,
    lines: e['lines'] as FootprintLine[], reportedKgCO2e: e['reportedKgCO2e'] as number, status: 'submitted', verifiedKgCO2e: 0, verifier: null,
  };
  state.compliance.reports.set(reportKey(report.jurisdiction, report.periodId, report.emitter), report);
}

export function decideVerify(ctx: ComplianceCtx<CompliancePayloadOf<'emissions.verify'>>): Outcome | ComplianceRefusal {
  const { state, payload: p, actor } = ctx;
  if (actor.kind !== 'verifier') return new ComplianceRefusal('wrong_role', `market.md §10: only a verifier verifies emissions reports; ${actor.id} is a ${actor.kind}`);
  const j = jurisdictionOr(state, p.jurisdiction);
  if (j instanceof ComplianceRefusal) return j;
  const emitter = state.participants.get(p.emitter);
  if (emitter !== undefined && (actor.affiliations.includes(emitter.id) || emitter.affiliations.includes(actor.id))) {
    return new ComplianceRefusal('conflict_of_interest', `market.md §10: verifier ${actor.id} is affiliated with ${emitter.id}`);
  }
  const report = state.compliance.reports.get(reportKey(j.id, p.periodId, p.emitter));
  if (report === undefined) return new ComplianceRefusal('no_report', `${p.emitter} has no emissions report for ${p.periodId} of ${j.id}`);
  if (report.status !== 'submitted') return new ComplianceRefusal('already_verified', `the report of ${p.emitter} for ${p.periodId} is ${report.status} already`);
  if (p.decision === 'reject') {
    if (p.reason === undefined) return new ComplianceRefusal('invalid_payload', '$.payload.reason: a rejection states its reason');
    return accepted(eventOf(ctx.command, 'emissions.verification_failed', { jurisdiction: j.id, periodId: p.periodId, emitter: p.emitter, reason: p.reason, documents: p.documents }));
  }
  const verifiedKgCO2e = p.verifiedKgCO2e ?? report.reportedKgCO2e;
  const body: Record<string, unknown> = { jurisdiction: j.id, periodId: p.periodId, emitter: p.emitter, reportedKgCO2e: report.reportedKgCO2e, verifiedKgCO2e, obligationT: obligationT(verifiedKgCO2e), documents: p.documents };
  if (p.reason !== undefined) body['reason'] = p.reason;
  return accepted(eventOf(ctx.command, 'emissions.verified', body));
}

export function applyVerified(state: ComplianceState, e: Record<string, unknown>, failed: boolean): void {
  const key = reportKey(e['jurisdiction'] as string, e['periodId'] as string, e['emitter'] as string);
  const report = state.compliance.reports.get(key)!;
  report.verifier = e['actor'] as string;
  if (failed) {
    report.status = 'rejected';
    return;
  }
  report.status = 'verified';
  report.verifiedKgCO2e = e['verifiedKgCO2e'] as number;
  const emitter = state.compliance.emitters.get(report.emitter)!;
  coverageOf(state, key, emitter.classification);
  // A verified year above the threshold moves the emitter to the national market from the next period on.
  emitter.annualEmissionsT = e['obligationT'] as number;
  emitter.classification = classify(state.compliance.jurisdictions.get(report.jurisdiction)!, emitter.annualEmissionsT);
}

export function coverageOf(state: ComplianceState, key: string, classification: Classification): Coverage {
  let c = state.compliance.coverage.get(key);
  if (c === undefined) state.compliance.coverage.set(key, (c = { classification, allowancesT: 0, creditsT: 0, overdraftT: 0, shortfallT: 0, status: 'open' }));
  return c;
}
