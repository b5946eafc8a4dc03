/** Running journals through the exchange in tests: events, a state digest, the ledger check. */
import { JournalEngine } from '../../journal/index.js';
import type { CommandEnvelope, EventRecord } from '../../journal/types.js';
import { checkLedger } from '../../ledger/index.js';
import { BUY, SELL } from '../book.js';
import { createExchangeMachine } from '../machine.js';
import type { ExchangeState } from '../types.js';
import { sha256 } from './journal.js';

export function exchangeEngine(): JournalEngine<ExchangeState> {
  return new JournalEngine(createExchangeMachine(), sha256);
}

/** Submits every command; returns the engine and every event record. */
export function run(commands: readonly CommandEnvelope[], engine = exchangeEngine()): Submitted<ExchangeState> {
  return submitAll(engine, commands);
}

export interface Submitted<S> {
  readonly engine: JournalEngine<S>;
  readonly records: EventRecord[];
  readonly lines: string[];
}

/** Submits every command to any machine's engine (repeats answer nothing new); every event record and line. */
export function submitAll<S>(engine: JournalEngine<S>, commands: readonly CommandEnvelope[]): Submitted<S> {
  const records: EventRecord[] = [];
  const lines: string[] = [];
  for (const c of commands) {
    const s = engine.submit(c);
    if (s.kind === 'duplicate') continue;
    for (const e of s.events) {
      records.push(e.record);
      lines.push(e.line);
    }
  }
  return { engine, records, lines };
}

export function ledgerOk(records: readonly EventRecord[]): ReturnType<typeof checkLedger> {
  return checkLedger(records.map((record, i) => ({ line: i + 1, record })));
}

/** Everything a refusal must leave alone: balances, reservations, books, orders, auctions. */
export function digest(state: ExchangeState): string {
  const books = [...state.market.instruments.values()].map((i) => ({
    i: i.config.instrument, open: i.open, halted: i.halted, bids: i.book.depth(BUY, 1e9), asks: i.book.depth(SELL, 1e9), band: [i.lowerFen, i.upperFen],
  }));
  return JSON.stringify({
    balances: [...state.balances.entries()],
    reserved: [...state.reservedUnits].map(([a, m]) => [a, [...m]]),
    orders: [...state.market.orders.values()].map((o) => ({ ...o })),
    books,
    blocks: [...state.market.blocks.values()],
    auctions: [...state.market.auctions.values()],
    blocksHeld: [...state.blocks.listOf('P:coop:units')],
    statements: [...state.statements].map(([p, m]) => [p, [...m]]),
  });
}
