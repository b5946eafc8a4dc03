/**
 * A small machine for testing and benchmarking stores without the registry: cash accounts,
 * deposits from outside (`world`) and transfers between accounts, validated, with refusals as
 * `<type>.rejected`. Money in integer fen.
 */
import type { Balance } from '../../../core/journal/store.js';
import type { CommandEnvelope, EventDraft, Machine, Outcome, Posting } from '../../../core/journal/types.js';

export const WORLD = 'world';
export const CNY = 'CNY';

export interface TransferState {
  /** Fen per opened account; `world` goes negative by what was deposited. */
  readonly balances: Map<string, number>;
}

type Payload = Record<string, unknown>;

function reject(command: CommandEnvelope, code: string, message: string): Outcome {
  return { accepted: false, events: [{ type: `${command.type}.rejected`, payload: { code, message } }] };
}

function accept(type: string, payload: Payload, postings: readonly Posting[] = []): Outcome {
  const event: EventDraft = { type, payload: postings.length > 0 ? { ...payload, postings } : payload };
  return { accepted: true, events: [event] };
}

const isAmount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;

function exists(state: TransferState, account: unknown): account is string {
  return typeof account === 'string' && state.balances.has(account);
}

function decide(state: TransferState, command: CommandEnvelope): Outcome {
  const p = (typeof command.payload === 'object' && command.payload !== null ? command.payload : {}) as Payload;
  switch (command.type) {
    case 'account.open': {
      const account = p['account'];
      if (typeof account !== 'string' || account === '' || account === WORLD) return reject(command, 'bad_account', 'account must be a non-empty id other than world');
      if (state.balances.has(account)) return reject(command, 'account_exists', `account ${account} is open already`);
      return accept('account.opened', { account });
    }
    case 'cash.deposit': {
      const { account, amountFen } = p;
      if (!exists(state, account)) return reject(command, 'unknown_account', `no account ${String(account)}`);
      if (!isAmount(amountFen)) return reject(command, 'bad_amount', 'amountFen must be a positive integer');
      return accept('cash.deposited', { account, amountFen }, [{ debit: WORLD, credit: account, asset: CNY, amount: amountFen, code: 'deposit' }]);
    }
    case 'cash.transfer': {
      const { from, to, amountFen } = p;
      if (!exists(state, from)) return reject(command, 'unknown_account', `no account ${String(from)}`);
      if (!exists(state, to)) return reject(command, 'unknown_account', `no account ${String(to)}`);
      if (from === to) return reject(command, 'same_account', 'a transfer needs two accounts');
      if (!isAmount(amountFen)) return reject(command, 'bad_amount', 'amountFen must be a positive integer');
      const available = state.balances.get(from) ?? 0;
      if (available < amountFen) return reject(command, 'insufficient_funds', `${from} holds ${available} fen, ${amountFen} asked`);
      return accept('cash.transferred', { from, to, amountFen }, [{ debit: from, credit: to, asset: CNY, amount: amountFen, code: 'transfer' }]);
    }
    default:
      return reject(command, 'unknown_command', `unknown command type ${command.type}`);
  }
}

function apply(state: TransferState, _command: CommandEnvelope, outcome: Outcome): TransferState {
  for (const event of outcome.events) {
    if (event.type === 'account.opened') state.balances.set(event.payload['account'] as string, 0);
    for (const p of event.payload.postings ?? []) {
      state.balances.set(p.debit, (state.balances.get(p.debit) ?? 0) - p.amount);
      state.balances.set(p.credit, (state.balances.get(p.credit) ?? 0) + p.amount);
    }
  }
  return state;
}

export const transferMachine: Machine<TransferState> = {
  initial: () => ({ balances: new Map() }),
  decide,
  apply,
  snapshot: (state) => ({ balances: [...state.balances] }),
  restore: (image) => ({ balances: new Map((image as { balances: [string, number][] }).balances) }),
};

/** The state's non-zero balances in the port's order, to compare with a store's `balances()`. */
export function stateBalances(state: TransferState): Balance[] {
  return [...state.balances].filter(([, amount]) => amount !== 0).map(([account, amount]) => ({ account, asset: CNY, amount })).sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
}

let clock = 0;
/** A command with a fixed-format time (the store never reads it). */
export function command(actor: string, key: string, type: string, payload: Payload): CommandEnvelope {
  const at = `2026-11-23T12:00:${String(clock++ % 60).padStart(2, '0')}+08:00`;
  return { key, actor, type, at, payload };
}

/** The machine by a factory, for a thread that loads it by module and name (the snapshotter). */
export function createTransferMachine(): Machine<TransferState> {
  return transferMachine;
}
