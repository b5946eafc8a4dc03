/**
 * Benefit-sharing contracts (market.md §7): versions published by the aggregator (or a PPP
 * proponent) and signed by each member; proceeds run through the waterfall; members'
 * payables are the cooperative's liabilities until `benefit.pay` settles them.
 */
import type { Outcome, Posting } from '../journal/types.js';
import { ACCOUNTS, CASH_ASSET } from '../ledger/accounts.js';
import { type Result, err, ok } from '../result.js';
import { type Ctx, Refusal, accepted, eventOf, isProponent, projectOr } from './context.js';
import { countedParcels, exAnteEstimate } from './estimate.js';
import { statementOf } from './issuance.js';
import type { ContractTerms, Project, RegistryState } from './types.js';
import { type Waterfall, memberWeights, runWaterfall } from './waterfall.js';

export function decideContractSign(ctx: Ctx<'contract.sign'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const project = projectOr(state, p.projectId);
  if (project instanceof Refusal) return project;
  if (p.terms !== undefined) {
    if (!isProponent(project, actor.id)) return new Refusal('wrong_role', `market.md §7: only the proponent of ${project.id} publishes its benefit-sharing contract`);
    if (p.version !== project.contracts.length + 1) return new Refusal('contract_version', `market.md §7: the next contract version of ${project.id} is ${project.contracts.length + 1}, found ${p.version}`);
    const parcelMembers = new Set(project.parcels.map((x) => x.memberId));
    const seen = new Set<string>();
    for (const m of p.terms.members) {
      if (seen.has(m.memberId)) return new Refusal('invalid_payload', `member ${m.memberId} is listed twice`);
      seen.add(m.memberId);
      if (!state.participants.has(m.memberId)) return new Refusal('unknown_participant', `member ${m.memberId} is not a registered participant`);
      if (project.aggregator !== null && !parcelMembers.has(m.memberId)) return new Refusal('not_member', `market.md §3: ${m.memberId} has no parcel in aggregated project ${project.id}`);
      if (p.terms.formula === 'fixed' && m.fixedShare === undefined) return new Refusal('invalid_payload', `member ${m.memberId}: the fixed formula needs fixedShare`);
    }
    for (const d of p.terms.deductions) if (!state.participants.has(d.recipient)) return new Refusal('unknown_participant', `deduction recipient ${d.recipient} is not a registered participant`);
    const terms: ContractTerms = { version: p.version, ...p.terms, members: [...p.terms.members].sort((a, b) => (a.memberId < b.memberId ? -1 : 1)) };
    return accepted(eventOf(ctx.command, 'contract.published', { projectId: project.id, version: p.version, terms, documents: p.documents }));
  }
  const inForce = project.contracts.at(-1);
  if (inForce === undefined) return new Refusal('no_contract', `market.md §7: project ${project.id} has no benefit-sharing contract to sign`);
  if (p.version !== inForce.version) return new Refusal('contract_version', `market.md §7: version ${inForce.version} of the contract is in force; found ${p.version}`);
  if (!inForce.members.some((m) => m.memberId === actor.id)) return new Refusal('not_member', `market.md §7: ${actor.id} is not a member under contract version ${inForce.version} of ${project.id}`);
  if (project.signatures.get(actor.id) === inForce.version) return new Refusal('already_signed', `${actor.id} already signed version ${inForce.version}`);
  const after = { ...project, signatures: new Map(project.signatures).set(actor.id, inForce.version) };
  const counted = countedParcels(after);
  return accepted(eventOf(ctx.command, 'contract.signed', {
    projectId: project.id, version: inForce.version, memberId: actor.id, documents: p.documents,
    countedParcels: counted.filter((x) => x.memberId === actor.id).map((x) => x.parcelId),
    estimate: exAnteEstimate(counted, project.creditingPeriod),
  }));
}

export function applyContract(state: RegistryState, e: Record<string, unknown>, published: boolean): void {
  const project = state.projects.get(e['projectId'] as string)!;
  if (published) project.contracts.push(e['terms'] as ContractTerms);
  else project.signatures.set(e['memberId'] as string, e['version'] as number);
}

/**
 * The waterfall of a sale by the proponent of an aggregated or PPP project, with its
 * postings from the seller's cash: deductions to their recipients, members' amounts to
 * payable accounts. The exchange calls this at settlement and `applyWaterfall` on apply.
 */
export function bookWaterfall(state: RegistryState, projectId: string, sellerId: string, netProceedsFen: number): Result<{ waterfall: Waterfall; postings: Posting[] }, Refusal> {
  const project = state.projects.get(projectId);
  const contract = project?.contracts.at(-1);
  if (project === undefined || contract === undefined) return err(new Refusal('no_contract', `market.md §7: project ${projectId} has no benefit-sharing contract in force`));
  const waterfall = runWaterfall(netProceedsFen, contract, memberWeights(project, contract));
  if (!waterfall.ok) return err(new Refusal(waterfall.error.code, waterfall.error.message));
  const from = ACCOUNTS.cash(sellerId);
  const postings: Posting[] = [];
  for (const d of waterfall.value.deductions) {
    if (d.amountFen > 0 && d.recipient !== sellerId) postings.push({ amount: d.amountFen, asset: CASH_ASSET, code: 'deduction', credit: ACCOUNTS.cash(d.recipient), debit: from });
  }
  for (const m of waterfall.value.members) {
    if (m.amountFen > 0) postings.push({ amount: m.amountFen, asset: CASH_ASSET, code: 'payable', credit: ACCOUNTS.payable(sellerId, m.memberId), debit: from });
  }
  return ok({ waterfall: waterfall.value, postings });
}

/** Folds a booked waterfall into the members' statements. */
export function applyWaterfall(state: RegistryState, projectId: string, waterfall: Waterfall): void {
  for (const m of waterfall.members) {
    const s = statementOf(state, projectId, m.memberId);
    s.salesFen += m.grossFen;
    s.deductionsFen += m.deductionsFen;
    s.payableFen += m.amountFen;
  }
}

function proponentOr(project: Project, actorId: string): Refusal | null {
  return isProponent(project, actorId) ? null : new Refusal('wrong_role', `market.md §7: only the proponent of ${project.id} distributes its proceeds and pays its members`);
}

/** Proceeds of a sale made off the exchange, run through the waterfall. */
export function decideDistribute(ctx: Ctx<'benefit.distribute'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const project = projectOr(state, p.projectId);
  if (project instanceof Refusal) return project;
  const refused = proponentOr(project, actor.id);
  if (refused !== null) return refused;
  const available = state.balances.balance(ACCOUNTS.cash(actor.id), CASH_ASSET);
  if (available < p.proceedsFen) return new Refusal('insufficient_funds', `${actor.id} has ${available} fen; the proceeds to distribute (${p.proceedsFen}) must be in its cash account`);
  const booked = bookWaterfall(state, project.id, actor.id, p.proceedsFen);
  if (!booked.ok) return booked.error;
  return accepted(eventOf(ctx.command, 'benefit.distributed', { projectId: project.id, reference: p.reference, waterfall: booked.value.waterfall, postings: booked.value.postings }));
}

export function decidePay(ctx: Ctx<'benefit.pay'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const project = projectOr(state, p.projectId);
  if (project instanceof Refusal) return project;
  const refused = proponentOr(project, actor.id);
  if (refused !== null) return refused;
  const account = ACCOUNTS.payable(actor.id, p.memberId);
  const s = state.statements.get(project.id)?.get(p.memberId);
  const payable = s === undefined ? 0 : s.payableFen - s.paidFen;
  if (payable < p.amountFen) return new Refusal('exceeds_payable', `market.md §10: ${p.memberId} is owed ${payable} fen under ${project.id}; cannot pay ${p.amountFen}`);
  return accepted(eventOf(ctx.command, 'benefit.paid', {
    projectId: project.id, memberId: p.memberId, amountFen: p.amountFen, bankReference: p.bankReference,
    postings: [{ amount: p.amountFen, asset: CASH_ASSET, code: 'benefit', credit: ACCOUNTS.external, debit: account }],
  }));
}

export function applyPaid(state: RegistryState, e: Record<string, unknown>): void {
  statementOf(state, e['projectId'] as string, e['memberId'] as string).paidFen += e['amountFen'] as number;
}
