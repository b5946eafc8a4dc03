/**
 * Ledger invariants of an event log, checked from the events alone (market.md §4, §9):
 * postings well-formed; no effect in a refusal; no balance below zero but the outside
 * world's and the issuance source's; serial blocks consistent with the unit postings, no
 * unit in two blocks, retired and cancelled units never moving; per project and in total
 * issued − retired − cancelled = held; cash in − cash out = balances.
 */
import type { Posting } from '../journal/types.js';
import type { LineProblem, NumberedRecord } from '../journal/verify.js';
import { type Result, err, ok } from '../result.js';
import { ACCOUNTS, CASH_ASSET, isTerminalAccount, mayBeNegative, parseUnitAsset, unitAsset } from './accounts.js';
import { Balances } from './balances.js';
import { BlockBook, type RangeMove } from './blocks.js';

export const LEDGER_PROBLEM_CODES = ['bad_posting', 'rejected_with_effect', 'negative_balance', 'bad_block', 'blocks_postings_mismatch', 'units_unbalanced', 'cash_unbalanced'] as const;
export type LedgerProblemCode = (typeof LEDGER_PROBLEM_CODES)[number];

export interface ProjectUnits {
  readonly projectId: string;
  readonly issuedT: number;
  readonly retiredT: number;
  readonly cancelledT: number;
  readonly heldT: number;
}

export interface LedgerSummary {
  readonly events: number;
  readonly postings: number;
  readonly projects: readonly ProjectUnits[];
  /** Deposits in minus withdrawals and payouts out, fen: equals the money held on the platform. */
  readonly cashInFen: number;
  readonly cashHeldFen: number;
}

/** Replays postings and blocks of a checked chain; the first broken rule names its line. */
export function checkLedger(records: readonly NumberedRecord[]): Result<LedgerSummary, LineProblem<LedgerProblemCode>> {
  const balances = new Balances();
  const book = new BlockBook();
  let postingCount = 0;
  for (const { line, record } of records) {
    const payload = record.payload as Record<string, unknown>;
    const postings = payload['postings'];
    const blocks = payload['blocks'];
    if (record.type.endsWith('.rejected')) {
      if ((Array.isArray(postings) && postings.length > 0) || (Array.isArray(blocks) && blocks.length > 0)) {
        return err({ line, code: 'rejected_with_effect', message: `${record.type} carries postings or blocks: a refusal has no effect` });
      }
      continue;
    }
    const parsedPostings = parsePostings(postings);
    if (typeof parsedPostings === 'string') return err({ line, code: 'bad_posting', message: parsedPostings });
    const moves = parseMoves(blocks);
    if (typeof moves === 'string') return err({ line, code: 'bad_block', message: moves });
    const mismatch = compareMovesWithPostings(moves, parsedPostings);
    if (mismatch !== null) return err({ line, code: 'blocks_postings_mismatch', message: mismatch });
    for (const m of moves) {
      const problem = m.from === ACCOUNTS.issuance ? book.issue(m.to, m.projectId, m.vintage, m.start, m.end) : book.move(m);
      if (problem !== null) return err({ line, code: 'bad_block', message: problem });
    }
    balances.post(parsedPostings);
    postingCount += parsedPostings.length;
    for (const p of parsedPostings) {
      const left = balances.balance(p.debit, p.asset);
      if (left < 0 && !mayBeNegative(p.debit)) {
        return err({ line, code: 'negative_balance', message: `${p.debit} holds ${left} ${p.asset} after the posting: no overdraft of cash or units` });
      }
    }
  }
  return summarise(balances, book, records.length, postingCount, records.at(-1)?.line ?? 0);
}

function summarise(balances: Balances, book: BlockBook, events: number, postings: number, lastLine: number): Result<LedgerSummary, LineProblem<LedgerProblemCode>> {
  const projects = new Map<string, { issuedT: number; retiredT: number; cancelledT: number; heldT: number }>();
  const blockTotals = new Map<string, number>();
  for (const blocks of book.byProject.values()) {
    for (const b of blocks.values()) {
      const key = `${b.account}|${unitAsset(b.projectId, b.vintage)}`;
      blockTotals.set(key, (blockTotals.get(key) ?? 0) + b.end - b.start + 1);
    }
  }
  let cashHeldFen = 0;
  let cashInFen = 0;
  for (const { account, asset, balance } of balances.entries()) {
    if (asset === CASH_ASSET) {
      if (account.startsWith('X:')) cashInFen -= balance;
      else cashHeldFen += balance;
      continue;
    }
    const unit = parseUnitAsset(asset);
    if (unit === null) continue;
    const row = projects.get(unit.projectId) ?? { issuedT: 0, retiredT: 0, cancelledT: 0, heldT: 0 };
    projects.set(unit.projectId, row);
    if (account === ACCOUNTS.issuance) row.issuedT -= balance;
    else if (account === ACCOUNTS.cancelled) row.cancelledT += balance;
    else if (isTerminalAccount(account)) row.retiredT += balance;
    else row.heldT += balance;
    if (account !== ACCOUNTS.issuance && (blockTotals.get(`${account}|${asset}`) ?? 0) !== balance) {
      return err({ line: lastLine, code: 'blocks_postings_mismatch', message: `${account} holds ${balance} of ${asset} by postings but ${blockTotals.get(`${account}|${asset}`) ?? 0} by serial blocks` });
    }
  }
  for (const [key, total] of blockTotals) {
    const [account, asset] = key.split('|') as [string, string];
    if (balances.balance(account, asset) !== total) {
      return err({ line: lastLine, code: 'blocks_postings_mismatch', message: `${account} holds ${total} of ${asset} by serial blocks but ${balances.balance(account, asset)} by postings` });
    }
  }
  const rows: ProjectUnits[] = [...projects].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([projectId, r]) => ({ projectId, ...r }));
  for (const r of rows) {
    if (r.issuedT - r.retiredT - r.cancelledT !== r.heldT) {
      return err({ line: lastLine, code: 'units_unbalanced', message: `project ${r.projectId}: issued ${r.issuedT} − retired ${r.retiredT} − cancelled ${r.cancelledT} ≠ held ${r.heldT}` });
    }
    const serials = (book.nextSerial.get(r.projectId) ?? 1) - 1;
    if (serials !== r.issuedT) return err({ line: lastLine, code: 'units_unbalanced', message: `project ${r.projectId}: ${serials} serials issued but ${r.issuedT} units posted` });
  }
  if (cashInFen !== cashHeldFen) return err({ line: lastLine, code: 'cash_unbalanced', message: `cash in ${cashInFen} fen ≠ cash held ${cashHeldFen} fen` });
  return ok({ events, postings, projects: rows, cashInFen, cashHeldFen });
}

function parsePostings(value: unknown): Posting[] | string {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return 'postings must be an array';
  for (const [i, p] of value.entries()) {
    if (typeof p !== 'object' || p === null) return `posting ${i} is not an object`;
    const q = p as Record<string, unknown>;
    for (const field of ['debit', 'credit', 'asset', 'code']) {
      if (typeof q[field] !== 'string' || q[field] === '') return `posting ${i}: ${field} must be a non-empty string`;
    }
    if (!Number.isSafeInteger(q['amount']) || (q['amount'] as number) <= 0) return `posting ${i}: amount must be a positive integer, found ${String(q['amount'])}`;
    if (q['debit'] === q['credit']) return `posting ${i}: debit and credit are the same account`;
    const asset = q['asset'] as string;
    if (asset !== CASH_ASSET && parseUnitAsset(asset) === null) return `posting ${i}: unknown asset ${asset}`;
    if (asset !== CASH_ASSET && (q['credit'] === ACCOUNTS.issuance || (q['debit'] as string).startsWith('X:') || (q['credit'] as string).startsWith('X:'))) {
      return `posting ${i}: units come only from ${ACCOUNTS.issuance} and never reach the outside world`;
    }
  }
  return value as Posting[];
}

function parseMoves(value: unknown): RangeMove[] | string {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return 'blocks must be an array';
  for (const [i, b] of value.entries()) {
    if (typeof b !== 'object' || b === null) return `block ${i} is not an object`;
    const q = b as Record<string, unknown>;
    for (const field of ['projectId', 'from', 'to']) if (typeof q[field] !== 'string') return `block ${i}: ${field} must be a string`;
    for (const field of ['vintage', 'start', 'end']) if (!Number.isSafeInteger(q[field]) || (q[field] as number) < 1) return `block ${i}: ${field} must be a positive integer`;
  }
  return value as RangeMove[];
}

/** The unit postings of an event must be exactly its block moves, summed per (from, to, asset). */
function compareMovesWithPostings(moves: readonly RangeMove[], postings: readonly Posting[]): string | null {
  const totals = new Map<string, number>();
  for (const m of moves) {
    const key = `${m.from}|${m.to}|${unitAsset(m.projectId, m.vintage)}`;
    totals.set(key, (totals.get(key) ?? 0) + m.end - m.start + 1);
  }
  for (const p of postings) {
    if (p.asset === CASH_ASSET) continue;
    const key = `${p.debit}|${p.credit}|${p.asset}`;
    const left = (totals.get(key) ?? 0) - p.amount;
    if (left < 0) return `posting ${p.debit} → ${p.credit} of ${p.amount} ${p.asset} is not covered by its serial blocks`;
    totals.set(key, left);
  }
  for (const [key, left] of totals) if (left !== 0) return `serial blocks ${key.replaceAll('|', ' → ')} move ${left} units that no posting records`;
  return null;
}
