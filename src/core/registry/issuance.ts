/**
 * Issuance (market.md §4, §10): verified kg CO2e plus the carried fraction, floored to whole
 * tonnes; buffer = ceil(share × issued) taking the batch's first serials; the rest split
 * among PPP co-proponents by ownership share, largest remainder keyed by proponent id, in
 * proponent-id order. Members of an aggregated project are attributed tonnes the same way.
 */
import type { Outcome } from '../journal/types.js';
import { ACCOUNTS } from '../ledger/accounts.js';
import { ceilBp, splitLargestRemainder } from '../ledger/split.js';
import { type BlockEntry, type Ctx, Refusal, accepted, eventOf, postingsOf, projectOr, requireCapability } from './context.js';
import { countedParcels } from './estimate.js';
import { recordStep, statusRefusal } from './projects.js';
import { unitMoves } from './selection.js';
import { formatSerial } from './serials.js';
import type { MonitoringPeriod, Project, RegistryState } from './types.js';

export interface IssuanceFigures {
  readonly issuedT: number;
  readonly carryKgAfter: number;
  readonly bufferT: number;
  /** Per proponent, in proponent-id order. */
  readonly proponentT: readonly number[];
}

/** The arithmetic of one issuance, exact to the unit. */
export function issuanceFigures(verifiedKg: number, carryKg: number, bufferShareBp: number, shares: readonly { participantId: string; shareBp: number }[]): IssuanceFigures {
  const totalKg = verifiedKg + carryKg;
  const issuedT = Math.floor(totalKg / 1000);
  const bufferT = ceilBp(issuedT, bufferShareBp);
  const split = splitLargestRemainder(issuedT - bufferT, shares.map((s) => s.shareBp), shares.map((s) => s.participantId));
  if (!split.ok) throw new Error(`issuance split: ${split.error.message}`);
  return { issuedT, carryKgAfter: totalKg - issuedT * 1000, bufferT, proponentT: split.value };
}

export function decideIssue(ctx: Ctx<'credits.issue'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const refused = requireCapability(actor, 'administer');
  if (refused !== null) return refused;
  const project = projectOr(state, p.projectId);
  if (project instanceof Refusal) return project;
  const period = project.periods.get(p.periodId);
  if (period === undefined) return new Refusal('unknown_period', `monitoring period ${p.periodId} of ${project.id} was never reported`);
  if (project.status !== 'registered') return statusRefusal(project, 'registered', 'issued credits');
  if (period.status === 'issued') return new Refusal('already_issued', `market.md §4: period ${period.periodId} of ${project.id} was already issued`);
  if (period.status !== 'verified') return new Refusal('wrong_status', `market.md §4: credits are issued for a verified monitoring period; ${period.periodId} is ${period.status}`);
  const bufferShareBp = p.bufferShareBp ?? state.options.bufferShareBp[project.type] ?? 1000;
  const figures = issuanceFigures(period.verifiedKg, project.carryKg, bufferShareBp, project.proponents);
  const entries: BlockEntry[] = [];
  let next = state.blocks.nextSerial.get(project.id) ?? 1;
  const add = (to: string, quantityT: number): void => {
    if (quantityT === 0) return;
    const end = next + quantityT - 1;
    entries.push({ end, from: ACCOUNTS.issuance, projectId: project.id, serial: formatSerial(state.options.registryCode, project.regionCode, project.id, period.vintage, next, end), start: next, to, vintage: period.vintage });
    next = end + 1;
  };
  add(ACCOUNTS.buffer, figures.bufferT);
  project.proponents.forEach((x, i) => add(ACCOUNTS.units(x.participantId), figures.proponentT[i]!));
  return accepted(eventOf(ctx.command, 'credits.issued', {
    projectId: project.id, periodId: period.periodId, vintage: period.vintage, verifiedKgCO2e: period.verifiedKg,
    carryKgBefore: project.carryKg, carryKgAfter: figures.carryKgAfter, issuedT: figures.issuedT, bufferShareBp, bufferT: figures.bufferT,
    proponents: project.proponents.map((x, i) => ({ participantId: x.participantId, quantityT: figures.proponentT[i]! })),
    attribution: attribution(project, period, figures.issuedT - figures.bufferT),
    blocks: entries,
    postings: postingsOf(unitMoves(entries), 'issue'),
  }));
}

/**
 * Tonnes attributed to the members of an aggregated project: the non-buffer tonnes split by
 * each member's reported removals on counted parcels (by counted area when the report has
 * no breakdown); the aggregator's own parcels are attributed to the aggregator.
 */
function attribution(project: Project, period: MonitoringPeriod, netT: number): { memberId: string; quantityT: number }[] {
  if (project.aggregator === null) return [];
  const weights = new Map<string, number>();
  for (const parcel of countedParcels(project)) {
    const who = parcel.memberId ?? project.aggregator;
    const weight = period.parcelKg === null ? parcel.areaM2 : (period.parcelKg.get(parcel.parcelId) ?? 0);
    weights.set(who, (weights.get(who) ?? 0) + weight);
  }
  const ids = [...weights.keys()].sort();
  const split = splitLargestRemainder(netT, ids.map((id) => weights.get(id)!), ids);
  if (!split.ok) return [];
  return ids.map((memberId, i) => ({ memberId, quantityT: split.value[i]! })).filter((x) => x.quantityT > 0);
}

export function applyIssued(state: RegistryState, e: Record<string, unknown>): void {
  const project = recordStep(state, e, `credits issued for ${e['periodId'] as string}`);
  project.periods.get(e['periodId'] as string)!.status = 'issued';
  project.carryKg = e['carryKgAfter'] as number;
  project.issuedT += e['issuedT'] as number;
  project.issuances.push({
    periodId: e['periodId'] as string, vintage: e['vintage'] as number, issuedT: e['issuedT'] as number, bufferT: e['bufferT'] as number,
    serials: (e['blocks'] as { serial: string }[]).map((b) => b.serial), at: e['at'] as string,
  });
  for (const a of e['attribution'] as { memberId: string; quantityT: number }[]) {
    project.attributedT.set(a.memberId, (project.attributedT.get(a.memberId) ?? 0) + a.quantityT);
    statementOf(state, project.id, a.memberId).attributedT += a.quantityT;
  }
}

export function statementOf(state: RegistryState, projectId: string, memberId: string) {
  let byMember = state.statements.get(projectId);
  if (byMember === undefined) state.statements.set(projectId, (byMember = new Map()));
  let statement = byMember.get(memberId);
  if (statement === undefined) byMember.set(memberId, (statement = { attributedT: 0, salesFen: 0, deductionsFen: 0, payableFen: 0, paidFen: 0 }));
  return statement;
}
