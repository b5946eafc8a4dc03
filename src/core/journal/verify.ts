/**
 * Checks an event log (JSONL) against the chain rules: well-formed lines, seq 1, 2, 3, …,
 * each prevHash the hash before it (64 zeros first) and each hash recomputed. Stops at the
 * first bad line: a changed, missing or reordered entry breaks the chain there.
 */
import { type Result, err, ok } from '../result.js';
import { expectedHash } from './chain.js';
import { type EventRecord, GENESIS_HASH, type Hasher } from './types.js';

export const CHAIN_PROBLEM_CODES = ['malformed_event', 'seq_out_of_order', 'prev_hash_mismatch', 'hash_mismatch'] as const;
export type ChainProblemCode = (typeof CHAIN_PROBLEM_CODES)[number];

export interface LineProblem<Code extends string = string> {
  /** 1-based line of the file. */
  readonly line: number;
  readonly code: Code;
  readonly message: string;
}

export interface NumberedRecord {
  readonly line: number;
  readonly record: EventRecord;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** Parses and checks every line; blank lines are allowed only at the end of the file. */
export function verifyChain(text: string, hasher: Hasher): Result<NumberedRecord[], LineProblem<ChainProblemCode>> {
  const lines = text.split('\n');
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const out: NumberedRecord[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const parsed = parseRecord(lines[i]!);
    if (typeof parsed === 'string') return err({ line, code: 'malformed_event', message: parsed });
    if (parsed.seq !== out.length + 1) return err({ line, code: 'seq_out_of_order', message: `expected seq ${out.length + 1}, found ${parsed.seq}: an entry is missing or out of order` });
    if (parsed.prevHash !== prevHash) return err({ line, code: 'prev_hash_mismatch', message: `prevHash ${parsed.prevHash} is not the hash of the event before (${prevHash})` });
    const expected = expectedHash(parsed, hasher);
    if (parsed.hash !== expected) return err({ line, code: 'hash_mismatch', message: `stored hash ${parsed.hash} differs from the recomputed ${expected}: the entry was changed` });
    prevHash = parsed.hash;
    out.push({ line, record: parsed });
  }
  return ok(out);
}

function parseRecord(text: string): EventRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return `not JSON: ${(cause as Error).message}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'an event is a JSON object';
  const v = value as Record<string, unknown>;
  const extra = Object.keys(v).filter((k) => !['seq', 'key', 'type', 'payload', 'prevHash', 'hash'].includes(k));
  if (extra.length > 0) return `unknown field ${extra[0]}`;
  if (!Number.isSafeInteger(v['seq'])) return 'seq must be an integer';
  if (typeof v['key'] !== 'string') return 'key must be a string';
  if (typeof v['type'] !== 'string' || v['type'] === '') return 'type must be a non-empty string';
  if (typeof v['payload'] !== 'object' || v['payload'] === null || Array.isArray(v['payload'])) return 'payload must be an object';
  if (typeof v['prevHash'] !== 'string' || !HEX64.test(v['prevHash'])) return 'prevHash must be 64 hex digits';
  if (typeof v['hash'] !== 'string' || !HEX64.test(v['hash'])) return 'hash must be 64 hex digits';
  return v as unknown as EventRecord;
}
