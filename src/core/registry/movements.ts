/**
 * Unit movements by holders (market.md §4): transfer, retirement with a certificate, and
 * pledges to a bank (pledge, release, seize). Pledged units sit in a pledge account of their
 * holder, so no movement ever picks them.
 */
import type { Outcome } from '../journal/types.js';
import { ACCOUNTS } from '../ledger/accounts.js';
import { type Ctx, Refusal, accepted, eventOf, postingsOf, requireCapability, trainingRefusal } from './context.js';
import { holderRefusal } from './participants.js';
import { type Selected, pickByQuantity, pickBySerials, pledgedCount, unitMoves } from './selection.js';
import type { Certificate, Pledge, RegistryState, RetirementPurpose } from './types.js';

interface SelectionPayload {
  readonly quantityT?: number | undefined;
  readonly projectId?: string | undefined;
  readonly vintage?: number | undefined;
  readonly serials?: string[] | undefined;
  /** The exchange settling a fill: only this instrument, and the units its orders reserved. */
  readonly instrument?: string | undefined;
  readonly releasedT?: number | undefined;
}

/** Resolves a command's selection from the owner's free units to `to`. */
export function select(state: RegistryState, ownerId: string, to: string, s: SelectionPayload): Selected | Refusal {
  const from = ACCOUNTS.units(ownerId);
  if ((s.quantityT === undefined) === (s.serials === undefined)) return new Refusal('invalid_payload', '$.payload: give either quantityT or serials');
  if (s.serials !== undefined) {
    if (s.projectId !== undefined || s.vintage !== undefined) return new Refusal('invalid_payload', '$.payload: projectId and vintage filter a quantity, not serials');
    return pickBySerials(state, from, to, s.serials, ownerId);
  }
  const filter = { projectId: s.projectId, vintage: s.vintage, instrument: s.instrument, releasedT: s.releasedT };
  const picked = pickByQuantity(state, from, to, s.quantityT!, filter);
  if (picked.quantityT < s.quantityT!) {
    const pledged = pledgedCount(state, ownerId, filter);
    if (picked.quantityT + pledged >= s.quantityT!) {
      return new Refusal('units_pledged', `market.md §4: ${ownerId} has ${picked.quantityT} t free; ${pledged} t more are pledged and cannot move or be retired until released`);
    }
    const frozen = pickByQuantity(state, from, from, s.quantityT!, { ...filter, includeSuspended: true }).quantityT;
    if (frozen >= s.quantityT!) return new Refusal('project_suspended', `market.md §10: ${ownerId} has ${picked.quantityT} t free; the rest belong to a suspended project and are frozen`);
    return new Refusal('insufficient_units', `${ownerId} holds ${picked.quantityT} t free (suspended, pledged and reserved units excluded), asked ${s.quantityT}`);
  }
  return picked;
}

export function decideTransfer(ctx: Ctx<'credits.transfer'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const refused = requireCapability(actor, 'hold') ?? holderRefusal(state, p.to, 'recipient');
  if (refused !== null) return refused;
  if (p.to === actor.id) return new Refusal('same_account', 'a transfer needs two different holders');
  const untrained = trainingRefusal(actor, 'sender') ?? trainingRefusal(state.participants.get(p.to)!, 'recipient');
  if (untrained !== null) return untrained;
  const picked = select(state, actor.id, ACCOUNTS.units(p.to), p);
  if (picked instanceof Refusal) return picked;
  const body: Record<string, unknown> = { blocks: picked.entries, from: actor.id, postings: postingsOf(unitMoves(picked.entries), 'transfer'), quantityT: picked.quantityT };
  if (p.reference !== undefined) body['reference'] = p.reference;
  body['to'] = p.to;
  return accepted(eventOf(ctx.command, 'credits.transferred', body));
}

export function decideRetire(ctx: Ctx<'credits.retire'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const refused = requireCapability(actor, 'hold');
  if (refused !== null) return refused;
  const picked = select(state, actor.id, ACCOUNTS.retired(p.purpose), p);
  if (picked instanceof Refusal) return picked;
  const body: Record<string, unknown> = {
    certificateId: `${state.options.registryCode}-RC-${state.certificateCount + 1}`,
    holder: actor.id, beneficiary: p.beneficiary, purpose: p.purpose, quantityT: picked.quantityT,
    serials: picked.entries.map((e) => e.serial), blocks: picked.entries, postings: postingsOf(unitMoves(picked.entries), 'retire'),
  };
  if (p.note !== undefined) body['note'] = p.note;
  return accepted(eventOf(ctx.command, 'credits.retired', body));
}

export function applyRetired(state: RegistryState, e: Record<string, unknown>): void {
  const certificate: Certificate = {
    certificateId: e['certificateId'] as string, holder: e['holder'] as string, beneficiary: e['beneficiary'] as string,
    purpose: e['purpose'] as RetirementPurpose, quantityT: e['quantityT'] as number, serials: e['serials'] as string[], at: e['at'] as string,
  };
  state.certificates.set(certificate.certificateId, certificate);
  state.certificateCount += 1;
}

export function decidePledge(ctx: Ctx<'credits.pledge'>): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const refused = requireCapability(actor, 'hold');
  if (refused !== null) return refused;
  const bank = state.participants.get(p.bank);
  if (bank === undefined) return new Refusal('unknown_participant', `bank ${p.bank} is not a registered participant (market.md §2)`);
  const notBank = requireCapability(bank, 'pledgee');
  if (notBank !== null) return notBank;
  if (bank.id === actor.id) return new Refusal('same_account', 'a holder cannot pledge units to itself');
  if (state.pledges.has(p.pledgeId)) return new Refusal('pledge_exists', `pledge ${p.pledgeId} already exists`);
  const picked = select(state, actor.id, ACCOUNTS.pledged(actor.id, p.pledgeId), p);
  if (picked instanceof Refusal) return picked;
  return accepted(eventOf(ctx.command, 'credits.pledged', {
    pledgeId: p.pledgeId, holder: actor.id, bank: bank.id, quantityT: picked.quantityT, loanReference: p.loanReference,
    blocks: picked.entries, postings: postingsOf(unitMoves(picked.entries), 'pledge'),
  }));
}

export function applyPledged(state: RegistryState, e: Record<string, unknown>): void {
  const pledge: Pledge = {
    pledgeId: e['pledgeId'] as string, holder: e['holder'] as string, bank: e['bank'] as string,
    quantityT: e['quantityT'] as number, loanReference: e['loanReference'] as string, status: 'active',
  };
  state.pledges.set(pledge.pledgeId, pledge);
}

/** `credits.release` (back to the holder's free units) and `credits.seize` (to the bank's). */
export function decidePledgeEnd(ctx: Ctx<'credits.release'> | Ctx<'credits.seize'>, seize: boolean): Outcome | Refusal {
  const { state, payload: p, actor } = ctx;
  const pledge = state.pledges.get(p.pledgeId);
  if (pledge === undefined) return new Refusal('unknown_pledge', `pledge ${p.pledgeId} does not exist`);
  if (pledge.bank !== actor.id) return new Refusal('wrong_role', `market.md §4: only the pledgee bank ${pledge.bank} releases or takes over pledge ${pledge.pledgeId}`);
  if (pledge.status !== 'active') return new Refusal('pledge_closed', `pledge ${pledge.pledgeId} was already ${pledge.status}`);
  const from = ACCOUNTS.pledged(pledge.holder, pledge.pledgeId);
  const to = ACCOUNTS.units(seize ? pledge.bank : pledge.holder);
  const picked = pickByQuantity(state, from, to, pledge.quantityT, { includeSuspended: !seize });
  if (picked.quantityT < pledge.quantityT) return new Refusal('project_suspended', `market.md §10: some pledged units of ${pledge.pledgeId} belong to a suspended project and are frozen`);
  const body: Record<string, unknown> = {
    pledgeId: pledge.pledgeId, holder: pledge.holder, bank: pledge.bank, quantityT: picked.quantityT,
    blocks: picked.entries, postings: postingsOf(unitMoves(picked.entries), seize ? 'seize' : 'release'),
  };
  if (seize) body['reason'] = (p as { reason: string }).reason;
  return accepted(eventOf(ctx.command, seize ? 'credits.seized' : 'credits.released', body));
}

export function applyPledgeEnd(state: RegistryState, e: Record<string, unknown>, seize: boolean): void {
  state.pledges.get(e['pledgeId'] as string)!.status = seize ? 'seized' : 'released';
}
