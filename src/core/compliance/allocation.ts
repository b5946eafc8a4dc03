/**
 * Allocation of allowances (market.md §5, seed 002): free, by list or by benchmark × output,
 * with a reserve kept by the authority (which it may sell through one-way bidding). A
 * shortfall penalised at an earlier close is deducted from the emitter's next allocation.
 * Allowances are issued as serial blocks of the jurisdiction's allowance record.
 */
import type { Outcome } from '../journal/types.js';
import { ACCOUNTS } from '../ledger/index.js';
import { type BlockEntry, accepted, eventOf, formatSerial, postingsOf } from '../registry/index.js';
import { ComplianceRefusal } from './codes.js';
import { type ComplianceCtx, authorityPeriodOr, emitterOr } from './context.js';
import type { CompliancePayloadOf } from './schemas.js';
import { type ComplianceState, periodKey } from './types.js';

interface Grant {
  readonly participantId: string;
  readonly grossT: number;
  readonly deductedT: number;
  readonly quantityT: number;
}

export function decideAllocation(ctx: ComplianceCtx<CompliancePayloadOf<'allocation.grant'>>): Outcome | ComplianceRefusal {
  const { state, payload: p, actor } = ctx;
  const found = authorityPeriodOr(state, p.jurisdiction, p.periodId, actor);
  if (found instanceof ComplianceRefusal) return found;
  const { j } = found;
  if (j.regime !== 'cap-and-trade') return new ComplianceRefusal('wrong_regime', `market.md §5: ${j.id} runs the neutrality regime, which has no allowances`);
  if (state.compliance.allocations.has(periodKey(j.id, p.periodId))) return new ComplianceRefusal('allocation_exists', `allowances for ${p.periodId} of ${j.id} were allocated already`);
  const grants: Grant[] = [];
  const seen = new Set<string>();
  for (const [i, g] of p.grants.entries()) {
    if (seen.has(g.participantId)) return new ComplianceRefusal('invalid_payload', `$.payload.grants[${i}].participantId: ${g.participantId} appears twice`);
    seen.add(g.participantId);
    const emitter = emitterOr(state, j, g.participantId);
    if (emitter instanceof ComplianceRefusal) return emitter;
    if (emitter.classification === 'key') {
      return new ComplianceRefusal('key_emitter', `seed 002: ${g.participantId} emits ${emitter.annualEmissionsT} t a year (≥ ${j.keyEmitterThresholdT} t): a key emitter of the national market takes no provincial allowances`);
    }
    const grossT = grossOf(p.method, g, i);
    if (grossT instanceof ComplianceRefusal) return grossT;
    const deductedT = Math.min(emitter.pendingDeductionT, grossT);
    grants.push({ participantId: g.participantId, grossT, deductedT, quantityT: grossT - deductedT });
  }
  const projectId = j.allowanceProjectId!;
  const regionCode = state.projects.get(projectId)!.regionCode;
  let next = state.blocks.nextSerial.get(projectId) ?? 1;
  const blocks: BlockEntry[] = [];
  const issue = (holder: string, quantityT: number): string | null => {
    if (quantityT === 0) return null;
    const start = next;
    next += quantityT;
    const serial = formatSerial(state.options.registryCode, regionCode, projectId, p.vintage, start, next - 1);
    blocks.push({ end: next - 1, from: ACCOUNTS.issuance, projectId, serial, start, to: ACCOUNTS.units(holder), vintage: p.vintage });
    return serial;
  };
  const rows = grants.map((g) => ({ ...g, serial: issue(g.participantId, g.quantityT) }));
  const reserveSerial = issue(j.authority, p.reserveT);
  const moves = blocks.map((b) => ({ from: b.from, to: b.to, asset: `UNIT/${b.projectId}/${b.vintage}`, amount: b.end - b.start + 1 }));
  return accepted(eventOf(ctx.command, 'allocation.granted', {
    jurisdiction: j.id, periodId: p.periodId, vintage: p.vintage, method: p.method, instrument: `CEA/${j.id}/${p.vintage}`,
    grants: rows, reserveT: p.reserveT, reserveSerial, issuedT: next - (state.blocks.nextSerial.get(projectId) ?? 1),
    blocks, postings: postingsOf(moves, 'allocation'),
  }));
}

/** List: the stated tonnes; benchmark: floor(benchmark kg per unit × output ÷ 1000). */
function grossOf(method: 'list' | 'benchmark', g: CompliancePayloadOf<'allocation.grant'>['grants'][number], i: number): number | ComplianceRefusal {
  if (method === 'list') {
    if (g.quantityT === undefined || g.benchmarkKgCO2ePerUnit !== undefined || g.output !== undefined) {
      return new ComplianceRefusal('invalid_payload', `$.payload.grants[${i}]: a list allocation gives quantityT only`);
    }
    return g.quantityT;
  }
  if (g.quantityT !== undefined || g.benchmarkKgCO2ePerUnit === undefined || g.output === undefined) {
    return new ComplianceRefusal('invalid_payload', `$.payload.grants[${i}]: a benchmark allocation gives benchmarkKgCO2ePerUnit and output`);
  }
  const t = Math.floor((g.benchmarkKgCO2ePerUnit * g.output) / 1000);
  return Number.isSafeInteger(t) && t <= 1_000_000_000 ? t : new ComplianceRefusal('amount_out_of_range', `$.payload.grants[${i}]: benchmark × output is beyond 10^9 t`);
}

export function applyAllocation(state: ComplianceState, e: Record<string, unknown>): void {
  const j = state.compliance.jurisdictions.get(e['jurisdiction'] as string)!;
  state.projects.get(j.allowanceProjectId!)!.issuedT += e['issuedT'] as number;
  const byEmitter = new Map<string, { grantedT: number; deductedT: number }>();
  for (const g of e['grants'] as Grant[]) {
    byEmitter.set(g.participantId, { grantedT: g.quantityT, deductedT: g.deductedT });
    state.compliance.emitters.get(g.participantId)!.pendingDeductionT -= g.deductedT;
  }
  state.compliance.allocations.set(periodKey(j.id, e['periodId'] as string), byEmitter);
}
