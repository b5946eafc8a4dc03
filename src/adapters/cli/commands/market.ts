/**
 * `neutral market replay` and `neutral market verify` (contracts.md §1, §7): a command
 * journal applied to an empty in-memory registry, and the hash chain and ledger invariants
 * of an event log. A bad line stops with exit 2 naming FILE:LINE, and nothing is written.
 */
import { hash } from 'node:crypto';
import type { Command } from 'commander';
import { type CommandEnvelope, type EventRecord, type Hasher, JournalEngine, verifyChain } from '../../../core/journal/index.js';
import { checkLedger } from '../../../core/ledger/index.js';
import { COMPLIANCE_COMMAND_TYPES, type ComplianceState, createComplianceMachine } from '../../../core/compliance/index.js';
import { MARKET_COMMAND_TYPES } from '../../../core/market/index.js';
import { REGISTRY_COMMAND_TYPES } from '../../../core/registry/index.js';
import { type Result, err, ok } from '../../../core/result.js';
import { readText } from '../../files.js';
import { wellFormed } from '../../storage/rows.js';
import type { Problem } from '../../problems.js';
import { type CliIo, emit, reportProblems } from '../io.js';
import type { CommandRegistrar } from '../main.js';
import { marketIndicators } from './market-indicators.js';

/** One-shot crypto.hash (Node ≥ 20.12): about twice as fast as createHash for short texts. */
export const sha256Hex: Hasher = (text) => hash('sha256', text, 'hex');

const KNOWN_TYPES = new Set<string>([...REGISTRY_COMMAND_TYPES, ...MARKET_COMMAND_TYPES, ...COMPLIANCE_COMMAND_TYPES]);
const ENVELOPE_FIELDS = new Set(['key', 'actor', 'type', 'at', 'payload']);
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const registerMarket: CommandRegistrar = (program, io, finish) => {
  const market: Command = program.command('market').description('sink-credit registry and market: replay a command journal, verify an event log');
  market
    .command('replay')
    .description('apply a command journal (JSONL) to an empty in-memory registry and write the chained events')
    .requiredOption('--journal <file>', 'command journal, one command per line (contracts.md §7)')
    .option('--out <file>', 'write the events here instead of stdout')
    .action(async (options: { journal: string; out?: string }) => finish(await replayJournal(options, io)));
  market
    .command('verify')
    .description('check the hash chain and the ledger invariants of an event log (JSONL)')
    .requiredOption('--events <file>', 'event log, one event per line')
    .action(async (options: { events: string }) => finish(await verifyEvents(options, io)));
  market
    .command('indicators')
    .description('S21–S25 per city from a command journal, as the table `neutral score --market` reads (CSV)')
    .requiredOption('--journal <file>', 'command journal, one command per line (contracts.md §7)')
    .option('--year <year>', 'only the trades of this year')
    .option('--out <file>', 'write here instead of stdout')
    .action(async (options: { journal: string; year?: string; out?: string }) => finish(await marketIndicators(options, io)));
  // main.ts overrides exits of top-level commands only; these are one level down.
  for (const sub of market.commands) sub.exitOverride().configureOutput({ writeOut: (t) => io.stdout(t), writeErr: (t) => io.stderr(t) });
};

export async function replayJournal(options: { journal: string; out?: string }, io: CliIo): Promise<number> {
  const replayed = await replayFile(options.journal);
  if (!replayed.ok) return reportProblems(io, [replayed.error]);
  const { engine, commands, lines, refused, duplicates } = replayed.value;
  await emit(io, options.out, lines.length === 0 ? '' : lines.join('\n') + '\n');
  io.stderr(`replayed ${commands} commands: ${commands - refused - duplicates} accepted, ${refused} refused, ${duplicates} repeated; ${lines.length} events, head ${engine.headHash}\n`);
  return 0;
}

export interface Replayed {
  readonly engine: JournalEngine<ComplianceState>;
  readonly commands: number;
  readonly records: EventRecord[];
  readonly lines: string[];
  readonly refused: number;
  readonly duplicates: number;
}

/**
 * Reads a command journal, checks every line before applying any, and applies them to an
 * empty in-memory state. The registry, the exchange and the compliance regimes share one
 * journal: each machine passes the others' commands down.
 */
export async function replayFile(file: string): Promise<Result<Replayed, Problem>> {
  const text = await readText(file);
  if (!text.ok) return text;
  const commands = parseJournal(text.value, file);
  if (!commands.ok) return commands;
  const engine = new JournalEngine(createComplianceMachine(), sha256Hex);
  const records: EventRecord[] = [];
  const lines: string[] = [];
  let refused = 0;
  let duplicates = 0;
  for (const command of commands.value) {
    const submission = engine.submit(command);
    if (submission.kind === 'duplicate') {
      duplicates += 1;
      continue;
    }
    if (submission.kind === 'key_reused' || !submission.accepted) refused += 1;
    for (const event of submission.events) {
      records.push(event.record);
      lines.push(event.line);
    }
  }
  return ok({ engine, commands: commands.value.length, records, lines, refused, duplicates });
}

/** Every line is checked before any is applied: a malformed line means nothing is written. */
export function parseJournal(text: string, file: string): Result<CommandEnvelope[], Problem> {
  const out: CommandEnvelope[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (cause) {
      return err({ code: 'malformed_command', file, line, message: `not JSON: ${(cause as Error).message}` });
    }
    const problem = envelopeProblem(value);
    if (problem !== null) return err({ code: problem.code, file, line, message: problem.message });
    out.push(value as CommandEnvelope);
  }
  return ok(out);
}

function envelopeProblem(value: unknown): Pick<Problem, 'code' | 'message'> | null {
  const malformed = (message: string) => ({ code: 'malformed_command' as const, message });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return malformed('a command is a JSON object {key, actor, type, at, payload}');
  const v = value as Record<string, unknown>;
  const extra = Object.keys(v).find((k) => !ENVELOPE_FIELDS.has(k));
  if (extra !== undefined) return malformed(`unknown field "${extra}"; a command has key, actor, type, at, payload`);
  for (const field of ['key', 'actor', 'type', 'at'] as const) {
    if (typeof v[field] !== 'string' || v[field] === '') return malformed(`"${field}" must be a non-empty string`);
    if (!wellFormed(v[field] as string)) return malformed(`"${field}" holds a lone surrogate (\\ud800–\\udfff without its pair): not well-formed Unicode, it cannot be stored unchanged`);
  }
  if (!ISO_TIME.test(v['at'] as string) || Number.isNaN(Date.parse(v['at'] as string))) return malformed(`"at" must be an ISO-8601 time with offset, such as 2025-03-01T09:30:00+08:00; found "${v['at'] as string}"`);
  if (typeof v['payload'] !== 'object' || v['payload'] === null || Array.isArray(v['payload'])) return malformed('"payload" must be a JSON object');
  if (!KNOWN_TYPES.has(v['type'] as string)) return { code: 'unknown_command_type', message: `"${v['type'] as string}" is not a command type of the registry or the market (contracts.md §7)` };
  return null;
}

export async function verifyEvents(options: { events: string }, io: CliIo): Promise<number> {
  const text = await readText(options.events);
  if (!text.ok) return reportProblems(io, [text.error]);
  const chain = verifyChain(text.value, sha256Hex);
  if (!chain.ok) return reportProblems(io, [{ code: 'chain_broken', file: options.events, line: chain.error.line, message: `${chain.error.code}: ${chain.error.message}` }]);
  const ledger = checkLedger(chain.value);
  if (!ledger.ok) return reportProblems(io, [{ code: 'ledger_invariant_broken', file: options.events, line: ledger.error.line, message: `${ledger.error.code}: ${ledger.error.message}` }]);
  const s = ledger.value;
  const head = chain.value.at(-1)?.record.hash ?? '0'.repeat(64);
  const out = [`ok: ${s.events} events, ${s.postings} postings, head ${head}`, `cash: in ${s.cashInFen} fen = held ${s.cashHeldFen} fen`];
  for (const p of s.projects) out.push(`units ${p.projectId}: issued ${p.issuedT} − retired ${p.retiredT} − cancelled ${p.cancelledT} = held ${p.heldT}`);
  io.stdout(out.join('\n') + '\n');
  return 0;
}
