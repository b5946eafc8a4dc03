/** Running journals through the compliance machine in tests: events and a digest of what a refusal must leave alone. */
import { JournalEngine } from '../../journal/index.js';
import type { CommandEnvelope } from '../../journal/types.js';
import { sha256 } from '../../market/test-support/journal.js';
import { type Submitted, submitAll } from '../../market/test-support/run.js';
import { createComplianceMachine } from '../machine.js';
import type { ComplianceState } from '../types.js';

export function complianceEngine(): JournalEngine<ComplianceState> {
  return new JournalEngine(createComplianceMachine(), sha256);
}

export function run(commands: readonly CommandEnvelope[], engine = complianceEngine()): Submitted<ComplianceState> {
  return submitAll(engine, commands);
}

/** Balances, blocks and the whole compliance book as text. */
export function digest(state: ComplianceState): string {
  const c = state.compliance;
  const maps = Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v instanceof Map ? [...v].map(([a, b]) => [a, b instanceof Map ? [...b] : b]) : v instanceof Set ? [...v] : v]));
  const blocks = [...state.blocks.byProject.values()].flatMap((m) => [...m.values()].map((b) => `${b.projectId}:${b.start}-${b.end}@${b.account}`));
  return JSON.stringify({ balances: [...state.balances.entries()], blocks, maps });
}
