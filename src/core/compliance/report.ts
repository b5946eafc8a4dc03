/**
 * Reports of a jurisdiction's period and of a year's clearing (market.md §5, §8): each
 * emitter's status, offsets used and overdraft outstanding, penalties, per-city flows of
 * sink credits, and the clearing statement. Plain rows, for tables, CSV and XLSX.
 */
import { cityOf } from '../market/index.js';
import { obligationT, offsetCapT } from './context.js';
import { type ComplianceState, type Coverage, periodKey, reportKey } from './types.js';

export interface EmitterRow {
  readonly participantId: string;
  readonly name: string;
  readonly city: string;
  readonly sector: string;
  readonly classification: string;
  readonly reportStatus: string;
  readonly reportedKgCO2e: number;
  readonly verifiedKgCO2e: number;
  readonly obligationT: number;
  readonly allocatedT: number;
  readonly deductedT: number;
  readonly allowancesT: number;
  readonly offsetsT: number;
  readonly offsetCapT: number;
  readonly overdraftT: number;
  readonly overdraftOutstandingT: number;
  readonly shortfallT: number;
  readonly penaltyFen: number;
  readonly penaltyPaidFen: number;
  /** covered, short (open period), penalised, unreported or excluded. */
  readonly status: string;
}

export interface PeriodReport {
  readonly jurisdiction: string;
  readonly regime: string;
  readonly periodId: string;
  readonly year: number;
  readonly deadline: string;
  readonly closed: boolean;
  readonly penaltyPriceFen: number | null;
  readonly penaltyPriceSource: string | null;
  readonly emitters: readonly EmitterRow[];
  readonly obligations: readonly { obligationId: string; emitter: string; quantityT: number; deliveredT: number; dueDate: string; collateralFen: number; releasedFen: number; status: string; rolledFrom: string | null }[];
  /** Verified emissions per city (feeds the accounting's and the score's city totals). */
  readonly cities: readonly { city: string; verifiedKgCO2e: number; emitters: number }[];
}

/** One period of one jurisdiction, as a picker lists it. */
export interface PeriodSummary {
  readonly jurisdiction: string;
  readonly name: string;
  readonly regime: string;
  readonly periodId: string;
  readonly year: number;
  readonly deadline: string;
  readonly closed: boolean;
}

/** Every jurisdiction's periods, by jurisdiction id, then newest year first (ties by period id). */
export function periodList(state: ComplianceState): PeriodSummary[] {
  const rows: PeriodSummary[] = [];
  for (const p of state.compliance.periods.values()) {
    const j = state.compliance.jurisdictions.get(p.jurisdiction);
    if (j === undefined) continue;
    rows.push({ jurisdiction: j.id, name: j.name, regime: j.regime, periodId: p.periodId, year: p.year, deadline: p.deadline, closed: p.closed });
  }
  return rows.sort((a, b) => (a.jurisdiction !== b.jurisdiction ? (a.jurisdiction < b.jurisdiction ? -1 : 1) : b.year - a.year || (a.periodId < b.periodId ? -1 : a.periodId > b.periodId ? 1 : 0)));
}

/** The report of one period, or null when the period does not exist. */
export function periodReport(state: ComplianceState, jurisdiction: string, periodId: string): PeriodReport | null {
  const j = state.compliance.jurisdictions.get(jurisdiction);
  const period = state.compliance.periods.get(periodKey(jurisdiction, periodId));
  if (j === undefined || period === undefined) return null;
  const allocations = state.compliance.allocations.get(periodKey(jurisdiction, periodId));
  const emitters = [...state.compliance.emitters.values()].filter((e) => e.jurisdiction === jurisdiction).sort((a, b) => (a.participantId < b.participantId ? -1 : 1));
  const cities = new Map<string, { verifiedKgCO2e: number; emitters: number }>();
  const rows = emitters.map((e): EmitterRow => {
    const participant = state.participants.get(e.participantId)!;
    const key = reportKey(jurisdiction, periodId, e.participantId);
    const report = state.compliance.reports.get(key);
    const c: Coverage | undefined = state.compliance.coverage.get(key);
    const verifiedKg = report?.status === 'verified' ? report.verifiedKgCO2e : 0;
    const owedT = report?.status === 'verified' ? obligationT(verifiedKg) : 0;
    const penalties = [...state.compliance.penalties.values()].filter((p) => p.emitter === e.participantId && p.jurisdiction === jurisdiction && p.periodId === periodId);
    const obligations = [...state.compliance.obligations.values()].filter((o) => o.emitter === e.participantId && o.jurisdiction === jurisdiction && o.periodId === periodId && o.status === 'open');
    const covered = (c?.allowancesT ?? 0) + (c?.creditsT ?? 0) + (c?.overdraftT ?? 0);
    const city = cityOf(participant.regionCode);
    if (report?.status === 'verified') {
      const sum = cities.get(city) ?? { verifiedKgCO2e: 0, emitters: 0 };
      cities.set(city, { verifiedKgCO2e: sum.verifiedKgCO2e + verifiedKg, emitters: sum.emitters + 1 });
    }
    const classification = c?.classification ?? e.classification;
    const openStatus = j.regime === 'cap-and-trade' && classification === 'key' ? 'excluded' : report?.status !== 'verified' ? 'unreported' : covered >= owedT ? 'covered' : 'short';
    return {
      participantId: e.participantId, name: participant.name, city, sector: e.sector, classification,
      reportStatus: report?.status ?? 'missing', reportedKgCO2e: report?.reportedKgCO2e ?? 0, verifiedKgCO2e: verifiedKg, obligationT: owedT,
      allocatedT: allocations?.get(e.participantId)?.grantedT ?? 0, deductedT: allocations?.get(e.participantId)?.deductedT ?? 0,
      allowancesT: c?.allowancesT ?? 0, offsetsT: c?.creditsT ?? 0,
      offsetCapT: j.regime === 'cap-and-trade' ? offsetCapT(verifiedKg, period.offsets.capBp) : owedT,
      overdraftT: c?.overdraftT ?? 0, overdraftOutstandingT: obligations.reduce((s, o) => s + o.quantityT - o.deliveredT, 0),
      shortfallT: period.closed ? (c?.shortfallT ?? 0) : Math.max(0, owedT - covered),
      penaltyFen: penalties.reduce((s, p) => s + p.amountFen, 0), penaltyPaidFen: penalties.reduce((s, p) => s + p.paidFen, 0),
      status: period.closed && c !== undefined && c.status !== 'open' ? c.status : openStatus,
    };
  });
  const obligations = [...state.compliance.obligations.values()].filter((o) => o.jurisdiction === jurisdiction && o.periodId === periodId).map((o) => ({
    obligationId: o.obligationId, emitter: o.emitter, quantityT: o.quantityT, deliveredT: o.deliveredT, dueDate: o.dueDate, collateralFen: o.collateralFen,
    releasedFen: o.releasedFen, status: o.status, rolledFrom: o.rolledFrom,
  }));
  return {
    jurisdiction, regime: j.regime, periodId, year: period.year, deadline: period.deadline, closed: period.closed,
    penaltyPriceFen: period.penaltyPriceFen, penaltyPriceSource: period.penaltyPriceSource, emitters: rows, obligations,
    cities: [...cities].sort(([a], [b]) => (a < b ? -1 : 1)).map(([city, v]) => ({ city, ...v })),
  };
}

/** Sink credits sold out of and bought into each city by trades between cities. */
export function cityFlowReport(state: ComplianceState): { city: string; exportsT: number; exportsFen: number; importsT: number; importsFen: number }[] {
  return [...state.compliance.cityFlows].sort(([a], [b]) => (a < b ? -1 : 1)).map(([city, f]) => ({ city, ...f }));
}

/** The clearing statement of a year, or null when none was settled. */
export function clearingReport(state: ComplianceState, year: number): { year: number; resultHash: string; poolInFen: number; poolOutFen: number; lines: { regionCode: string; participantId: string; role: string; amountFen: number; creditRouteFen: number; cashFen: number; certificates: string }[] } | null {
  const c = state.compliance.clearings.get(year);
  if (c === undefined) return null;
  return { year: c.year, resultHash: c.resultHash, poolInFen: c.poolInFen, poolOutFen: c.poolOutFen, lines: c.lines.map((l) => ({ ...l, certificates: l.certificates.join(' ') })) };
}

/** One period of an emitter's jurisdiction, with the emitter's row of its report and its own overdraft obligations. */
export interface EmitterPosition extends PeriodSummary {
  readonly penaltyPriceFen: number | null;
  readonly position: EmitterRow;
  readonly obligations: PeriodReport['obligations'];
}

/**
 * An emitter's own compliance, period by period (newest year first): what the period report
 * shows of it, and nothing of other emitters. Empty for a participant in no enterprise database.
 */
export function emitterPositions(state: ComplianceState, participantId: string): EmitterPosition[] {
  const emitter = state.compliance.emitters.get(participantId);
  if (emitter === undefined) return [];
  const out: EmitterPosition[] = [];
  for (const summary of periodList(state)) {
    if (summary.jurisdiction !== emitter.jurisdiction) continue;
    const report = periodReport(state, summary.jurisdiction, summary.periodId)!;
    const position = report.emitters.find((row) => row.participantId === participantId)!;
    out.push({ ...summary, penaltyPriceFen: report.penaltyPriceFen, position, obligations: report.obligations.filter((o) => o.emitter === participantId) });
  }
  return out;
}
