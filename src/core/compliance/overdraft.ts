/**
 * The carbon-credit overdraft of the neutrality regime (seed 004, market.md §5, §10): an
 * emitter covers part of its verified emissions now with an obligation to deliver that many
 * verified sink tonnes by a due date, within a per-emitter limit and its city's limit (the
 * city's projected sink growth, computed elsewhere and carried in the payload with its source
 * hash), backed by cash collateral. `obligation.settle` at the due date closes it: delivered
 * in full, or the rest of the collateral is forfeited to the authority, a penalty is charged
 * and the undelivered tonnes roll into a new obligation. An obligation is a liability kept in
 * the compliance book, never a holding.
 */
import type { Outcome, Posting } from '../journal/types.js';
import { ACCOUNTS, CASH_ASSET } from '../ledger/index.js';
import { cityOf } from '../market/index.js';
import { accepted, eventOf, isRealDay } from '../registry/index.js';
import { ComplianceRefusal } from './codes.js';
import { type ComplianceCtx, authorityRefusal, dayOf, emitterPeriodOr, obligationT, periodTimeRefusal } from './context.js';
import { penaltyFen, penaltyPrice } from './prices.js';
import type { CompliancePayloadOf } from './schemas.js';
import { type ComplianceState, type Obligation, reportKey } from './types.js';

/** Cash held as collateral for one obligation: the emitter's, but not free. */
export function collateralAccount(emitter: string, obligationId: string): string {
  return `P:${emitter}:collateral:${obligationId}`;
}

/** Undelivered tonnes of open obligations, by a predicate. */
function outstandingT(state: ComplianceState, where: (o: Obligation) => boolean): number {
  let sum = 0;
  for (const o of state.compliance.obligations.values()) if (o.status === 'open' && where(o)) sum += o.quantityT - o.deliveredT;
  return sum;
}

export function decideObligationOpen(ctx: ComplianceCtx<CompliancePayloadOf<'obligation.open'>>): Outcome | ComplianceRefusal {
  const { state, payload: p, actor } = ctx;
  const found = emitterPeriodOr(state, p.jurisdiction, p.periodId, actor.id);
  if (found instanceof ComplianceRefusal) return found;
  const { j, period } = found;
  if (j.regime !== 'neutrality' || j.overdraft === null) return new ComplianceRefusal('wrong_regime', `market.md §5: ${j.id} offers no carbon-credit overdraft (neutrality regime with overdraft terms only)`);
  const late = periodTimeRefusal(period, ctx.command.at);
  if (late !== null) return late;
  if (state.compliance.obligations.has(p.obligationId)) return new ComplianceRefusal('obligation_exists', `obligation ${p.obligationId} exists already`);
  if (!isRealDay(p.dueDate) || p.dueDate <= dayOf(ctx.command.at)) return new ComplianceRefusal('invalid_payload', `$.payload.dueDate: ${p.dueDate} must be a calendar day after today`);
  const report = state.compliance.reports.get(reportKey(j.id, period.periodId, actor.id));
  if (report === undefined || report.status !== 'verified') {
    return new ComplianceRefusal('report_not_verified', `market.md §5: an overdraft covers verified emissions; the report of ${actor.id} for ${period.periodId} is ${report?.status ?? 'missing'}`);
  }
  const c = state.compliance.coverage.get(reportKey(j.id, period.periodId, actor.id))!;
  const owedT = obligationT(report.verifiedKgCO2e) - c.allowancesT - c.creditsT - c.overdraftT;
  if (p.quantityT > owedT) return new ComplianceRefusal('exceeds_obligation', `${actor.id} owes ${Math.max(0, owedT)} t more for ${period.periodId}; ${p.quantityT} t asked`);
  const city = cityOf(actor.regionCode);
  if (p.cityLimit.regionCode !== city) return new ComplianceRefusal('invalid_payload', `$.payload.cityLimit.regionCode: ${actor.id} is in city ${city}, not ${p.cityLimit.regionCode}`);
  const emitterOpenT = outstandingT(state, (o) => o.emitter === actor.id);
  if (emitterOpenT + p.quantityT > j.overdraft.perEmitterLimitT) {
    return new ComplianceRefusal('overdraft_limit', `market.md §5: ${actor.id} may owe at most ${j.overdraft.perEmitterLimitT} t; ${emitterOpenT} t are open, ${p.quantityT} t asked`);
  }
  const cityOpenT = outstandingT(state, (o) => o.city === city);
  if (cityOpenT + p.quantityT > p.cityLimit.limitT) {
    return new ComplianceRefusal('city_limit', `market.md §5: city ${city} may owe at most ${p.cityLimit.limitT} t (projected sink growth, source ${p.cityLimit.sourceHash.slice(0, 12)}…); ${cityOpenT} t are open, ${p.quantityT} t asked`);
  }
  const collateralFen = p.quantityT * j.overdraft.collateralFenPerT;
  const freeFen = state.balances.balance(ACCOUNTS.cash(actor.id), CASH_ASSET);
  if (collateralFen > freeFen) return new ComplianceRefusal('insufficient_funds', `the collateral is ${collateralFen} fen; ${actor.id} has ${freeFen} fen free`);
  const postings: Posting[] = collateralFen > 0 ? [{ amount: collateralFen, asset: CASH_ASSET, code: 'collateral', credit: collateralAccount(actor.id, p.obligationId), debit: ACCOUNTS.cash(actor.id) }] : [];
  return accepted(eventOf(ctx.command, 'obligation.opened', {
    obligationId: p.obligationId, jurisdiction: j.id, periodId: period.periodId, emitter: actor.id, quantityT: p.quantityT, dueDate: p.dueDate,
    city, cityLimitT: p.cityLimit.limitT, limitSourceHash: p.cityLimit.sourceHash, collateralFen, rolledFrom: null, postings,
  }));
}

export function applyObligationOpened(state: ComplianceState, e: Record<string, unknown>): void {
  const o = obligationOf(e);
  state.compliance.obligations.set(o.obligationId, o);
  if (o.rolledFrom === null) state.compliance.coverage.get(reportKey(o.jurisdiction, o.periodId, o.emitter))!.overdraftT += o.quantityT;
}

function obligationOf(e: Record<string, unknown>): Obligation {
  return {
    obligationId: e['obligationId'] as string, emitter: e['emitter'] as string, jurisdiction: e['jurisdiction'] as string, periodId: e['periodId'] as string,
    quantityT: e['quantityT'] as number, dueDate: e['dueDate'] as string, collateralFen: e['collateralFen'] as number, city: e['city'] as string,
    limitSourceHash: e['limitSourceHash'] as string, deliveredT: 0, releasedFen: 0, status: 'open', rolledFrom: e['rolledFrom'] as string | null,
  };
}

/** `<root>-R<n>`: the n-th roll-over of the original obligation. */
function rolledId(state: ComplianceState, o: Obligation): string {
  const root = o.obligationId.replace(/-R\d+$/, '');
  let n = 1;
  while (state.compliance.obligations.has(`${root}-R${n}`)) n += 1;
  return `${root}-R${n}`;
}

export function decideObligationSettle(ctx: ComplianceCtx<CompliancePayloadOf<'obligation.settle'>>): Outcome | ComplianceRefusal {
  const { state, payload: p, actor } = ctx;
  const o = state.compliance.obligations.get(p.obligationId);
  if (o === undefined) return new ComplianceRefusal('unknown_obligation', `obligation ${p.obligationId} does not exist`);
  const j = state.compliance.jurisdictions.get(o.jurisdiction)!;
  const notAuthority = authorityRefusal(j, actor);
  if (notAuthority !== null) return notAuthority;
  if (o.status !== 'open') return new ComplianceRefusal('obligation_closed', `obligation ${o.obligationId} was settled already (${o.status})`);
  const today = dayOf(ctx.command.at);
  if (today < o.dueDate) return new ComplianceRefusal('not_due', `market.md §10: obligation ${o.obligationId} is due on ${o.dueDate}`);
  const undeliveredT = o.quantityT - o.deliveredT;
  const heldFen = o.collateralFen - o.releasedFen;
  const postings: Posting[] = [];
  const body: Record<string, unknown> = { obligationId: o.obligationId, emitter: o.emitter, jurisdiction: j.id, undeliveredT };
  if (undeliveredT === 0) {
    if (heldFen > 0) postings.push({ amount: heldFen, asset: CASH_ASSET, code: 'collateral', credit: ACCOUNTS.cash(o.emitter), debit: collateralAccount(o.emitter, o.obligationId) });
    return accepted(eventOf(ctx.command, 'obligation.settled', { ...body, outcome: 'met', releasedFen: heldFen, forfeitedFen: 0, postings }));
  }
  if (!isRealDay(p.rollOverDueDate) || p.rollOverDueDate <= today) return new ComplianceRefusal('invalid_payload', `$.payload.rollOverDueDate: ${p.rollOverDueDate} must be a calendar day after today`);
  if (heldFen > 0) postings.push({ amount: heldFen, asset: CASH_ASSET, code: 'forfeit', credit: ACCOUNTS.cash(j.authority), debit: collateralAccount(o.emitter, o.obligationId) });
  const price = penaltyPrice(state, j, o.dueDate, null);
  const fen = penaltyFen(j.penaltyMultiple, price.priceFen, undeliveredT);
  if (fen === null) return new ComplianceRefusal('amount_out_of_range', `the penalty on ${o.obligationId} is beyond 2^53 fen`);
  const penaltyId = `PEN-${state.compliance.penalties.size + 1}`;
  const rolledTo = rolledId(state, o);
  const settled = eventOf(ctx.command, 'obligation.settled', {
    ...body, outcome: 'defaulted', releasedFen: 0, forfeitedFen: heldFen, penaltyId, penaltyFen: fen, penaltyPriceFen: price.priceFen,
    penaltyPriceSource: price.source, rolledTo, postings,
  });
  // The roll-over carries no new collateral: the forfeited collateral and the penalty answer for the default.
  const rolled = eventOf(ctx.command, 'obligation.opened', {
    obligationId: rolledTo, jurisdiction: j.id, periodId: o.periodId, emitter: o.emitter, quantityT: undeliveredT, dueDate: p.rollOverDueDate,
    city: o.city, cityLimitT: null, limitSourceHash: o.limitSourceHash, collateralFen: 0, rolledFrom: o.obligationId, postings: [],
  });
  return accepted(settled, rolled);
}

export function applyObligationSettled(state: ComplianceState, e: Record<string, unknown>): void {
  const o = state.compliance.obligations.get(e['obligationId'] as string)!;
  o.status = e['outcome'] === 'met' ? 'met' : 'defaulted';
  o.releasedFen += e['releasedFen'] as number;
  const penaltyId = e['penaltyId'] as string | undefined;
  if (penaltyId !== undefined) {
    state.compliance.penalties.set(penaltyId, {
      penaltyId, emitter: o.emitter, jurisdiction: o.jurisdiction, periodId: o.periodId, reason: `${e['undeliveredT'] as number} t of ${o.obligationId} undelivered on ${o.dueDate}`,
      amountFen: e['penaltyFen'] as number, paidFen: 0,
    });
  }
}
