/**
 * Reversals and corrections by the registry administrator (market.md §4, §10).
 * A reversal cancels lost tonnes from the pooled buffer first, then from the proponents'
 * own free units of the project (proponent-id order); buyers' holdings are never cancelled.
 * A correction is a new, reversing movement with a reason; nothing is ever deleted.
 */
import type { Outcome } from '../journal/types.js';
import { ACCOUNTS, CASH_ASSET } from '../ledger/accounts.js';
import { type BlockEntry, type Ctx, Refusal, accepted, eventOf, postingsOf, projectOr, requireCapability } from './context.js';
import { holderRefusal } from './participants.js';
import { recordStep } from './projects.js';
import { pickByQuantity, pickBySerials, unitMoves } from './selection.js';
import type { RegistryState } from './types.js';

export function decideReverse(ctx: Ctx<'credits.reverse'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const refused = requireCapability(actor, 'administer');
  if (refused !== null) return refused;
  const project = projectOr(state, p.projectId);
  if (project instanceof Refusal) return project;
  if (project.issuedT === 0) return new Refusal('wrong_status', `market.md §4: project ${project.id} has no issued credits to reverse`);
  const fromBuffer = pickByQuantity(state, ACCOUNTS.buffer, ACCOUNTS.cancelled, p.lostT, { includeSuspended: true });
  const entries: BlockEntry[] = [...fromBuffer.entries];
  let left = p.lostT - fromBuffer.quantityT;
  for (const x of project.proponents) {
    if (left === 0) break;
    const own = pickByQuantity(state, ACCOUNTS.units(x.participantId), ACCOUNTS.cancelled, left, { projectId: project.id, includeSuspended: true });
    entries.push(...own.entries);
    left -= own.quantityT;
  }
  return accepted(eventOf(ctx.command, 'credits.reversed', {
    projectId: project.id, lostT: p.lostT, reason: p.reason, documents: p.documents,
    fromBufferT: fromBuffer.quantityT, fromProponentsT: p.lostT - fromBuffer.quantityT - left, uncoveredT: left,
    blocks: entries, postings: postingsOf(unitMoves(entries), 'cancel'),
  }));
}

export function applyReversed(state: RegistryState, e: Record<string, unknown>): void {
  const project = recordStep(state, e, 'reversal');
  project.uncoveredReversalT += e['uncoveredT'] as number;
}

export function decideCorrect(ctx: Ctx<'registry.correct'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const refused = requireCapability(actor, 'administer');
  if (refused !== null) return refused;
  if ((p.cash === undefined) === (p.units === undefined)) return new Refusal('invalid_payload', '$.payload: a correction moves either cash or units');
  const body: Record<string, unknown> = { reason: p.reason };
  if (p.ref !== undefined) body['ref'] = p.ref;
  if (p.cash !== undefined) {
    const c = p.cash;
    const missing = [c.from, c.to].find((id) => !state.participants.has(id));
    if (missing !== undefined) return new Refusal('unknown_participant', `${missing} is not a registered participant`);
    if (c.from === c.to) return new Refusal('same_account', 'a correction needs two different accounts');
    const available = state.balances.balance(ACCOUNTS.cash(c.from), CASH_ASSET);
    if (available < c.amountFen) return new Refusal('insufficient_funds', `${c.from} has ${available} fen free; a correction never overdraws`);
    body['cash'] = c;
    body['postings'] = [{ amount: c.amountFen, asset: CASH_ASSET, code: 'correct', credit: ACCOUNTS.cash(c.to), debit: ACCOUNTS.cash(c.from) }];
  } else {
    const u = p.units!;
    const notHolder = holderRefusal(state, u.from, 'holder') ?? holderRefusal(state, u.to, 'recipient');
    if (notHolder !== null) return notHolder;
    if (u.from === u.to) return new Refusal('same_account', 'a correction needs two different holders');
    const picked = pickBySerials(state, ACCOUNTS.units(u.from), ACCOUNTS.units(u.to), u.serials, u.from);
    if (picked instanceof Refusal) return picked;
    Object.assign(body, { from: u.from, to: u.to, quantityT: picked.quantityT, blocks: picked.entries, postings: postingsOf(unitMoves(picked.entries), 'correct') });
  }
  return accepted(eventOf(ctx.command, 'registry.corrected', body));
}
