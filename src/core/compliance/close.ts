/**
 * `compliance.close` (market.md §5, §10): the authority ends a period after its deadline (no
 * clock triggers it). Every emitter of the jurisdiction gets an outcome: covered, penalised
 * (shortfall × multiple × penalty price, a liability; under cap-and-trade the shortfall is
 * also deducted from the next allocation), unreported, or excluded (a key emitter under
 * cap-and-trade). `penalty.pay` settles penalties in cash to the authority.
 */
import type { Outcome } from '../journal/types.js';
import { ACCOUNTS, CASH_ASSET } from '../ledger/index.js';
import { accepted, eventOf } from '../registry/index.js';
import { ComplianceRefusal } from './codes.js';
import { type ComplianceCtx, authorityPeriodOr, dayOf, obligationT } from './context.js';
import { penaltyFen, penaltyPrice } from './prices.js';
import type { CompliancePayloadOf } from './schemas.js';
import { type ComplianceState, type Coverage, reportKey } from './types.js';

export interface CloseOutcome {
  readonly emitter: string;
  readonly status: Coverage['status'];
  readonly obligationT: number;
  readonly allowancesT: number;
  readonly creditsT: number;
  readonly overdraftT: number;
  readonly shortfallT: number;
  readonly penaltyId: string | null;
  readonly penaltyFen: number;
  readonly deductionT: number;
}

export function decideClose(ctx: ComplianceCtx<CompliancePayloadOf<'compliance.close'>>): Outcome | ComplianceRefusal {
  const { state, payload: p, actor } = ctx;
  const found = authorityPeriodOr(state, p.jurisdiction, p.periodId, actor);
  if (found instanceof ComplianceRefusal) return found;
  const { j, period } = found;
  if (dayOf(ctx.command.at) <= period.deadline) return new ComplianceRefusal('before_deadline', `market.md §10: ${period.periodId} closes after its deadline ${period.deadline}`);
  const capAndTrade = j.regime === 'cap-and-trade';
  const price = penaltyPrice(state, j, period.deadline, capAndTrade ? `CEA/${j.id}/${period.year}` : null);
  const emitters = [...state.compliance.emitters.values()].filter((e) => e.jurisdiction === j.id).map((e) => e.participantId).sort();
  const outcomes: CloseOutcome[] = [];
  let penaltyCount = state.compliance.penalties.size;
  for (const id of emitters) {
    const key = reportKey(j.id, period.periodId, id);
    const report = state.compliance.reports.get(key);
    const c = state.compliance.coverage.get(key);
    const base = { emitter: id, allowancesT: c?.allowancesT ?? 0, creditsT: c?.creditsT ?? 0, overdraftT: c?.overdraftT ?? 0, penaltyId: null, penaltyFen: 0, deductionT: 0 };
    const classification = c?.classification ?? state.compliance.emitters.get(id)!.classification;
    if (capAndTrade && classification === 'key') {
      outcomes.push({ ...base, status: 'excluded', obligationT: 0, shortfallT: 0 });
      continue;
    }
    if (report === undefined || report.status !== 'verified') {
      outcomes.push({ ...base, status: 'unreported', obligationT: 0, shortfallT: 0 });
      continue;
    }
    const owedT = obligationT(report.verifiedKgCO2e);
    const shortfallT = Math.max(0, owedT - base.allowancesT - base.creditsT - base.overdraftT);
    if (shortfallT === 0) {
      outcomes.push({ ...base, status: 'covered', obligationT: owedT, shortfallT });
      continue;
    }
    const fen = penaltyFen(j.penaltyMultiple, price.priceFen, shortfallT);
    if (fen === null) return new ComplianceRefusal('amount_out_of_range', `the penalty of ${id} is beyond 2^53 fen`);
    penaltyCount += 1;
    outcomes.push({ ...base, status: 'penalised', obligationT: owedT, shortfallT, penaltyId: `PEN-${penaltyCount}`, penaltyFen: fen, deductionT: capAndTrade ? shortfallT : 0 });
  }
  return accepted(eventOf(ctx.command, 'compliance.closed', {
    jurisdiction: j.id, periodId: period.periodId, penaltyMultiple: j.penaltyMultiple, penaltyPriceFen: price.priceFen, penaltyPriceSource: price.source, outcomes,
  }));
}

export function applyClosed(state: ComplianceState, e: Record<string, unknown>): void {
  const jurisdiction = e['jurisdiction'] as string;
  const periodId = e['periodId'] as string;
  const period = state.compliance.periods.get(`${jurisdiction}|${periodId}`)!;
  period.closed = true;
  period.penaltyPriceFen = e['penaltyPriceFen'] as number;
  period.penaltyPriceSource = e['penaltyPriceSource'] as string;
  for (const o of e['outcomes'] as CloseOutcome[]) {
    const key = reportKey(jurisdiction, periodId, o.emitter);
    const emitter = state.compliance.emitters.get(o.emitter)!;
    const c = state.compliance.coverage.get(key) ?? { classification: emitter.classification, allowancesT: 0, creditsT: 0, overdraftT: 0, shortfallT: 0, status: 'open' as const };
    c.shortfallT = o.shortfallT;
    c.status = o.status;
    state.compliance.coverage.set(key, c);
    emitter.pendingDeductionT += o.deductionT;
    if (o.penaltyId !== null) {
      state.compliance.penalties.set(o.penaltyId, { penaltyId: o.penaltyId, emitter: o.emitter, jurisdiction, periodId, reason: `shortfall of ${o.shortfallT} t in ${periodId}`, amountFen: o.penaltyFen, paidFen: 0 });
    }
  }
}

export function decidePenaltyPay(ctx: ComplianceCtx<CompliancePayloadOf<'penalty.pay'>>): Outcome | ComplianceRefusal {
  const { state, payload: p, actor } = ctx;
  const penalty = state.compliance.penalties.get(p.penaltyId);
  if (penalty === undefined || penalty.emitter !== actor.id) return new ComplianceRefusal('unknown_penalty', `${actor.id} owes no penalty ${p.penaltyId}`);
  const dueFen = penalty.amountFen - penalty.paidFen;
  if (p.amountFen > dueFen) return new ComplianceRefusal('exceeds_due', `penalty ${p.penaltyId} has ${dueFen} fen left to pay; ${p.amountFen} offered`);
  const freeFen = state.balances.balance(ACCOUNTS.cash(actor.id), CASH_ASSET);
  if (p.amountFen > freeFen) return new ComplianceRefusal('insufficient_funds', `${actor.id} has ${freeFen} fen free; the payment is ${p.amountFen}`);
  const authority = state.compliance.jurisdictions.get(penalty.jurisdiction)!.authority;
  return accepted(eventOf(ctx.command, 'penalty.paid', {
    penaltyId: p.penaltyId, emitter: actor.id, amountFen: p.amountFen, outstandingFen: dueFen - p.amountFen,
    postings: [{ amount: p.amountFen, asset: CASH_ASSET, code: 'penalty', credit: ACCOUNTS.cash(authority), debit: ACCOUNTS.cash(actor.id) }],
  }));
}

export function applyPenaltyPaid(state: ComplianceState, e: Record<string, unknown>): void {
  state.compliance.penalties.get(e['penaltyId'] as string)!.paidFen += e['amountFen'] as number;
}
