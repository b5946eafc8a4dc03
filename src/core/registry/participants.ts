/** Participants, training and cash (market.md §2): `participant.register`, `training.record`, `cash.*`. */
import type { Outcome } from '../journal/types.js';
import { ACCOUNTS, CASH_ASSET } from '../ledger/accounts.js';
import { type Ctx, Refusal, accepted, eventOf, participantOr, requireCapability } from './context.js';
import { can } from './roles.js';
import type { Participant, ParticipantKind, RegistryState, Training } from './types.js';

export function decideRegister(ctx: Ctx<'participant.register'>): Outcome | Refusal {
  const { state, payload: p } = ctx;
  const refused = requireCapability(ctx.actor, 'administer');
  if (refused !== null) return refused;
  if (state.participants.has(p.id)) return new Refusal('participant_exists', `participant ${p.id} is already registered`);
  for (const a of p.affiliations) if (!state.participants.has(a)) return new Refusal('unknown_participant', `affiliation ${a} is not a registered participant`);
  return accepted(registeredEvent(ctx));
}

/** The first command of an empty registry registers its administrator, by itself. */
export function decideBootstrap(ctx: Omit<Ctx<'participant.register'>, 'actor'>): Outcome | Refusal {
  const { payload: p, command } = ctx;
  if (p.kind !== 'registry-administrator' || p.id !== command.actor) {
    return new Refusal('unknown_participant', `the registry is empty: its first command registers the registry administrator, by itself (actor ${command.actor} must equal id ${p.id})`);
  }
  return accepted(registeredEvent(ctx));
}

function registeredEvent(ctx: Omit<Ctx<'participant.register'>, 'actor'>) {
  const p = ctx.payload;
  return eventOf(ctx.command, 'participant.registered', {
    participantId: p.id, kind: p.kind, name: p.name, regionCode: p.regionCode, affiliations: p.affiliations,
    accounts: { cash: ACCOUNTS.cash(p.id), units: ACCOUNTS.units(p.id) },
  });
}

export function applyRegistered(state: RegistryState, e: Record<string, unknown>): void {
  const participant: Participant = {
    id: e['participantId'] as string,
    kind: e['kind'] as ParticipantKind,
    name: e['name'] as string,
    regionCode: e['regionCode'] as string,
    affiliations: e['affiliations'] as string[],
    training: null,
  };
  state.participants.set(participant.id, participant);
}

export function decideTraining(ctx: Ctx<'training.record'>): Outcome | Refusal {
  const refused = requireCapability(ctx.actor, 'operate');
  if (refused !== null) return refused;
  const trainee = participantOr(ctx.state, ctx.payload.participantId, 'trainee');
  if (trainee instanceof Refusal) return trainee;
  return accepted(eventOf(ctx.command, 'training.recorded', { ...ctx.payload }));
}

export function applyTraining(state: RegistryState, e: Record<string, unknown>): void {
  const training: Training = { certificateId: e['certificateId'] as string, trainedOn: e['trainedOn'] as string, recordedBy: e['actor'] as string };
  state.participants.get(e['participantId'] as string)!.training = training;
}

export function decideDeposit(ctx: Ctx<'cash.deposit'>): Outcome | Refusal {
  const { payload: p, actor } = ctx;
  const ownerId = p.participantId ?? actor.id;
  if (ownerId !== actor.id) {
    const refused = requireCapability(actor, 'operate');
    if (refused !== null) return refused;
    const owner = participantOr(ctx.state, ownerId, 'account owner');
    if (owner instanceof Refusal) return owner;
  }
  // All cash enters through deposits: bounding the external account bounds every balance, so
  // no balance can leave the safe-integer range however many deposits come.
  const deposited = -ctx.state.balances.balance(ACCOUNTS.external, CASH_ASSET);
  if (deposited + p.amountFen > Number.MAX_SAFE_INTEGER) {
    return new Refusal('amount_out_of_range', `market.md §1: money is integer fen within 2^53; deposits would total ${deposited} + ${p.amountFen} fen`);
  }
  return accepted(eventOf(ctx.command, 'cash.deposited', {
    participantId: ownerId, amountFen: p.amountFen, reference: p.reference,
    postings: [{ amount: p.amountFen, asset: CASH_ASSET, code: 'deposit', credit: ACCOUNTS.cash(ownerId), debit: ACCOUNTS.external }],
  }));
}

export function decideWithdraw(ctx: Ctx<'cash.withdraw'>): Outcome | Refusal {
  const { payload: p, actor, state } = ctx;
  const account = ACCOUNTS.cash(actor.id);
  const available = state.balances.balance(account, CASH_ASSET);
  if (available < p.amountFen) return new Refusal('insufficient_funds', `market.md §6: no overdraft of cash; ${actor.id} has ${available} fen free, asked ${p.amountFen}`);
  return accepted(eventOf(ctx.command, 'cash.withdrawn', {
    participantId: actor.id, amountFen: p.amountFen, reference: p.reference,
    postings: [{ amount: p.amountFen, asset: CASH_ASSET, code: 'withdraw', credit: ACCOUNTS.external, debit: account }],
  }));
}

/** A payment between two participants' cash accounts (outside a trade). */
export function decideCashTransfer(ctx: Ctx<'cash.transfer'>): Outcome | Refusal {
  const { payload: p, actor, state } = ctx;
  const to = state.participants.get(p.to);
  if (to === undefined) return new Refusal('unknown_participant', `recipient ${p.to} is not a registered participant (market.md §2)`);
  if (to.id === actor.id) return new Refusal('same_account', 'a transfer needs two different accounts');
  const from = ACCOUNTS.cash(actor.id);
  const available = state.balances.balance(from, CASH_ASSET);
  if (available < p.amountFen) return new Refusal('insufficient_funds', `market.md §6: no overdraft of cash; ${actor.id} has ${available} fen free, asked ${p.amountFen}`);
  const body: Record<string, unknown> = {
    amountFen: p.amountFen, from: actor.id,
    postings: [{ amount: p.amountFen, asset: CASH_ASSET, code: 'transfer', credit: ACCOUNTS.cash(to.id), debit: from }],
  };
  if (p.reference !== undefined) body['reference'] = p.reference;
  body['to'] = to.id;
  return accepted(eventOf(ctx.command, 'cash.transferred', body));
}

export function holderRefusal(state: RegistryState, id: string, role: string): Refusal | null {
  const p = state.participants.get(id);
  if (p === undefined) return new Refusal('unknown_participant', `${role} ${id} is not a registered participant (market.md §2)`);
  return can(p.kind, 'hold') ? null : new Refusal('wrong_role', `market.md §2: ${role} ${id} is a ${p.kind}, which has no holding account`);
}
