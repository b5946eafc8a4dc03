/**
 * `compliance.surrender` (market.md §5, §10): the only command that counts toward an
 * obligation. Allowances of the jurisdiction (banked vintages allowed, later ones never) and
 * eligible sink credits (offsets, at most the cap share, under cap-and-trade; the cover itself
 * under neutrality) move to the period's surrender account, which is terminal: surrendered
 * units are retired and never move again. With `obligationId` the credits deliver an
 * overdraft obligation instead, releasing its collateral pro rata.
 */
import type { Outcome, Posting } from '../journal/types.js';
import { ACCOUNTS, CASH_ASSET } from '../ledger/index.js';
import { ALLOWANCE_TYPE, type BlockEntry, type Project, accepted, eventOf, pickByQuantity, postingsOf, unitMoves } from '../registry/index.js';
import { ComplianceRefusal } from './codes.js';
import { type ComplianceCtx, emitterPeriodOr, obligationT, offsetCapT, periodOr, periodTimeRefusal } from './context.js';
import { collateralAccount } from './overdraft.js';
import type { CompliancePayloadOf } from './schemas.js';
import { type ComplianceState, type Jurisdiction, type Obligation, type Period, regionCovers, reportKey } from './types.js';
import { coverageOf } from './emissions.js';

type Payload = CompliancePayloadOf<'compliance.surrender'>;

/** Sink credits a period accepts: its types, vintages and origins. */
export function creditEligible(period: Period): (project: Project, vintage: number) => boolean {
  const o = period.offsets;
  return (project, vintage) =>
    project.type !== ALLOWANCE_TYPE &&
    (o.types.length === 0 || o.types.includes(project.type)) &&
    (o.vintageFrom === null || vintage >= o.vintageFrom) &&
    (o.vintageTo === null || vintage <= o.vintageTo) &&
    (o.origins.length === 0 || o.origins.some((r) => regionCovers(r, project.regionCode)));
}

/** Allowances of this jurisdiction of the period's year or earlier (banking, never borrowing). */
function allowanceEligible(j: Jurisdiction, period: Period): (project: Project, vintage: number) => boolean {
  return (project, vintage) => project.type === ALLOWANCE_TYPE && project.subtype === j.id && vintage <= period.year;
}

export function decideSurrender(ctx: ComplianceCtx<Payload>): Outcome | ComplianceRefusal {
  const { state, payload: p, actor } = ctx;
  const found = emitterPeriodOr(state, p.jurisdiction, p.periodId, actor.id);
  if (found instanceof ComplianceRefusal) return found;
  const { j, period } = found;
  if (p.allowancesT === 0 && p.credits === undefined) return new ComplianceRefusal('invalid_payload', '$.payload: surrender allowancesT, credits or both');
  if (p.allowancesT > 0 && j.regime !== 'cap-and-trade') return new ComplianceRefusal('wrong_regime', `market.md §5: ${j.id} runs the neutrality regime: emitters surrender sink credits, not allowances`);
  if (p.obligationId !== undefined) return deliver(ctx, j, period, p.obligationId);
  const late = periodTimeRefusal(period, ctx.command.at);
  if (late !== null) return late;
  const report = state.compliance.reports.get(reportKey(j.id, period.periodId, actor.id));
  if (report === undefined || report.status !== 'verified') {
    return new ComplianceRefusal('report_not_verified', `market.md §5: ${actor.id} surrenders against verified emissions; its report for ${period.periodId} is ${report?.status ?? 'missing'}`);
  }
  const coverage = state.compliance.coverage.get(reportKey(j.id, period.periodId, actor.id))!;
  if (j.regime === 'cap-and-trade' && coverage.classification === 'key') {
    return new ComplianceRefusal('key_emitter', `seed 002: ${actor.id} is a key emitter of the national market, outside ${j.id}'s allowance market`);
  }
  const creditsT = p.credits?.quantityT ?? 0;
  const outstandingT = obligationT(report.verifiedKgCO2e) - coverage.allowancesT - coverage.creditsT - coverage.overdraftT;
  if (p.allowancesT + creditsT > outstandingT) {
    return new ComplianceRefusal('exceeds_obligation', `${actor.id} owes ${Math.max(0, outstandingT)} t more for ${period.periodId}; ${p.allowancesT + creditsT} t offered`);
  }
  if (j.regime === 'cap-and-trade' && creditsT > 0) {
    const capT = offsetCapT(report.verifiedKgCO2e, period.offsets.capBp);
    if (coverage.creditsT + creditsT > capT) {
      return new ComplianceRefusal('offset_cap_exceeded', `market.md §5: offsets may cover at most ${period.offsets.capBp / 100} % of verified emissions, ${capT} t; ${coverage.creditsT} t used, ${creditsT} t offered`);
    }
  }
  const to = ACCOUNTS.surrender(j.id, period.periodId);
  const entries: BlockEntry[] = [];
  if (p.allowancesT > 0) {
    const picked = pick(state, actor.id, to, p.allowancesT, allowanceEligible(j, period), (pr) => pr.type === ALLOWANCE_TYPE && pr.subtype === j.id, 'allowance_ineligible',
      `market.md §10: allowances may be banked, never borrowed: only ${j.id} allowances of vintage ${period.year} or earlier count`);
    if (picked instanceof ComplianceRefusal) return picked;
    entries.push(...picked);
  }
  if (p.credits !== undefined) {
    const picked = pickCredits(state, actor.id, to, period, p.credits);
    if (picked instanceof ComplianceRefusal) return picked;
    entries.push(...picked);
  }
  return accepted(eventOf(ctx.command, 'compliance.surrendered', {
    jurisdiction: j.id, periodId: period.periodId, emitter: actor.id, allowancesT: p.allowancesT, creditsT,
    serials: entries.map((e) => e.serial), blocks: entries, postings: postingsOf(unitMoves(entries), 'surrender'),
  }));
}

/** Credits delivered against an overdraft obligation, with the collateral they free. */
function deliver(ctx: ComplianceCtx<Payload>, j: Jurisdiction, period: Period, obligationId: string): Outcome | ComplianceRefusal {
  const { state, payload: p, actor } = ctx;
  const o = state.compliance.obligations.get(obligationId);
  if (o === undefined || o.emitter !== actor.id || o.jurisdiction !== j.id || o.periodId !== period.periodId) {
    return new ComplianceRefusal('unknown_obligation', `${actor.id} has no obligation ${obligationId} in ${period.periodId} of ${j.id}`);
  }
  if (o.status !== 'open') return new ComplianceRefusal('obligation_closed', `obligation ${obligationId} was settled already (${o.status})`);
  if (p.allowancesT > 0 || p.credits === undefined) return new ComplianceRefusal('invalid_payload', '$.payload.credits: an obligation is delivered in verified sink credits only');
  const leftT = o.quantityT - o.deliveredT;
  if (p.credits.quantityT > leftT) return new ComplianceRefusal('exceeds_obligation', `obligation ${obligationId} has ${leftT} t left to deliver; ${p.credits.quantityT} t offered`);
  const picked = pickCredits(state, actor.id, ACCOUNTS.surrender(j.id, period.periodId), period, p.credits);
  if (picked instanceof ComplianceRefusal) return picked;
  const postings: Posting[] = postingsOf(unitMoves(picked), 'deliver');
  const releasedFen = collateralRelease(o, p.credits.quantityT);
  if (releasedFen > 0) postings.push({ amount: releasedFen, asset: CASH_ASSET, code: 'collateral', credit: ACCOUNTS.cash(actor.id), debit: collateralAccount(actor.id, o.obligationId) });
  return accepted(eventOf(ctx.command, 'compliance.surrendered', {
    jurisdiction: j.id, periodId: period.periodId, emitter: actor.id, allowancesT: 0, creditsT: p.credits.quantityT, obligationId,
    releasedFen, serials: picked.map((e) => e.serial), blocks: picked, postings,
  }));
}

/** Partial delivery releases collateral pro rata: floor(collateral × delivered ÷ quantity), cumulative. */
export function collateralRelease(o: Obligation, deliveringT: number): number {
  const target = Number((BigInt(o.collateralFen) * BigInt(o.deliveredT + deliveringT)) / BigInt(o.quantityT));
  return target - o.releasedFen;
}

function pickCredits(state: ComplianceState, owner: string, to: string, period: Period, c: NonNullable<Payload['credits']>): BlockEntry[] | ComplianceRefusal {
  const eligible = creditEligible(period);
  const filtered = (project: Project, vintage: number) =>
    eligible(project, vintage) && (c.projectId === undefined || project.id === c.projectId) && (c.vintage === undefined || vintage === c.vintage);
  const rule = `market.md §5: ${period.periodId} accepts sink credits of ${describeRules(period)}`;
  return pick(state, owner, to, c.quantityT, filtered, (pr) => pr.type !== ALLOWANCE_TYPE, 'offset_ineligible', rule);
}

/** Picks eligible units; when they fall short but the holder has enough of the wider kind, the rule refuses. */
function pick(
  state: ComplianceState, owner: string, to: string, quantityT: number, eligible: (p: Project, v: number) => boolean,
  kind: (p: Project) => boolean, code: 'offset_ineligible' | 'allowance_ineligible', rule: string,
): BlockEntry[] | ComplianceRefusal {
  const from = ACCOUNTS.units(owner);
  const picked = pickByQuantity(state, from, to, quantityT, { eligible });
  if (picked.quantityT === quantityT) return picked.entries;
  const wider = pickByQuantity(state, from, to, quantityT, { eligible: (p) => kind(p) }).quantityT;
  if (wider >= quantityT) return new ComplianceRefusal(code, `${rule}; ${owner} holds ${picked.quantityT} t of those`);
  return new ComplianceRefusal('insufficient_units', `${owner} holds ${picked.quantityT} t free of what it offered (suspended, pledged and reserved units excluded), asked ${quantityT}`);
}

function describeRules(period: Period): string {
  const o = period.offsets;
  const parts = [o.types.length === 0 ? 'any type' : `types ${o.types.join(', ')}`];
  if (o.vintageFrom !== null || o.vintageTo !== null) parts.push(`vintages ${o.vintageFrom ?? '…'}–${o.vintageTo ?? '…'}`);
  if (o.origins.length > 0) parts.push(`origins ${o.origins.join(', ')}`);
  return parts.join(', ');
}

export function applySurrendered(state: ComplianceState, e: Record<string, unknown>): void {
  const obligationId = e['obligationId'] as string | undefined;
  if (obligationId !== undefined) {
    const o = state.compliance.obligations.get(obligationId)!;
    o.deliveredT += e['creditsT'] as number;
    o.releasedFen += e['releasedFen'] as number;
    return;
  }
  const key = reportKey(e['jurisdiction'] as string, e['periodId'] as string, e['emitter'] as string);
  const c = coverageOf(state, key, state.compliance.emitters.get(e['emitter'] as string)!.classification);
  c.allowancesT += e['allowancesT'] as number;
  c.creditsT += e['creditsT'] as number;
}
