/**
 * The ledger: accounts, postings and derived balances; serial blocks; the largest-remainder
 * split; and the invariants an event log must keep (market.md §1, §4, §9).
 */
export { ACCOUNTS, CASH_ASSET, isTerminalAccount, mayBeNegative, ownerOf, parseUnitAsset, unitAsset } from './accounts.js';
export { Balances } from './balances.js';
export { type Block, BlockBook, blockOrder, type RangeMove } from './blocks.js';
export { checkLedger, LEDGER_PROBLEM_CODES, type LedgerProblemCode, type LedgerSummary, type ProjectUnits } from './invariants.js';
export { ceilBp, floorBp, splitLargestRemainder, type SplitProblem } from './split.js';
