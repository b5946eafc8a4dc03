/** Runs journals through the registry machine for tests. */
import { type ChainedEvent, JournalEngine } from '../../journal/index.js';
import type { CommandEnvelope } from '../../journal/types.js';
import { createRegistryMachine } from '../machine.js';
import type { RegistryState } from '../types.js';
import { sha256 } from './journal.js';

export function engineFor(commands: readonly CommandEnvelope[]): { engine: JournalEngine<RegistryState>; events: ChainedEvent[] } {
  const engine = new JournalEngine(createRegistryMachine(), sha256);
  const events: ChainedEvent[] = [];
  for (const command of commands) {
    const s = engine.submit(command);
    if (s.kind !== 'duplicate') events.push(...s.events);
  }
  return { engine, events };
}

/** A text fingerprint of everything a command could change. */
export function stateDigest(state: RegistryState): string {
  const parts: string[] = [];
  for (const e of state.balances.entries()) parts.push(`${e.account}|${e.asset}|${e.balance}`);
  for (const blocks of state.blocks.byProject.values()) for (const b of blocks.values()) parts.push(`${b.projectId}:${b.start}-${b.end}@${b.account}`);
  for (const p of state.participants.values()) parts.push(JSON.stringify(p));
  for (const p of state.projects.values()) parts.push(JSON.stringify({ ...p, periods: [...p.periods.values()], signatures: [...p.signatures], attributedT: [...p.attributedT] }));
  for (const p of state.pledges.values()) parts.push(JSON.stringify(p));
  parts.push(`certificates ${state.certificateCount} parcels ${[...state.activeParcels].join(',')}`);
  return parts.sort().join('\n');
}
