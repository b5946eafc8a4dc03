/**
 * Opening a store: every journaled command is decided again by the machine and each event it
 * produces must equal the stored row, field by field (seq, type, canonical payload, prevHash,
 * hash). So one pass checks the chain, proves the journal replays to the same events, and
 * rebuilds the state and the idempotency index.
 */
import { JournalEngine } from '../../core/journal/index.js';
import type { Hasher, Machine } from '../../core/journal/types.js';
import type { JournalDriver } from './driver.js';
import { StorageError, commandOf, eventRowOf, readJournal } from './rows.js';

export interface Recovered<State> {
  readonly engine: JournalEngine<State>;
  /** Seq of the last journaled command. */
  readonly commandSeq: number;
}

export async function recover<State>(driver: JournalDriver, machine: Machine<State>, hasher: Hasher): Promise<Recovered<State>> {
  const engine = new JournalEngine(machine, hasher);
  let commandSeq = 0;
  for await (const { row, events } of readJournal(driver)) {
    const submission = engine.submit(commandOf(row));
    const where = `command seq ${row.seq} (${row.actor}/${row.key})`;
    if (submission.kind === 'duplicate') throw new StorageError('journal_corrupt', `${where} repeats an earlier key and payload, yet was journaled`);
    if ((submission.kind === 'new') !== row.firstUse) throw new StorageError('journal_corrupt', `${where}: first use of its key is ${row.firstUse}, replay says ${submission.kind}`);
    const accepted = submission.kind === 'new' && submission.accepted;
    if (accepted !== row.accepted) throw new StorageError('journal_corrupt', `${where}: stored accepted=${row.accepted}, replay gives ${accepted}`);
    if (submission.events.length !== events.length) throw new StorageError('journal_corrupt', `${where}: ${events.length} events stored, replay gives ${submission.events.length}`);
    for (let i = 0; i < events.length; i++) {
      const stored = events[i]!;
      const replayed = eventRowOf(submission.events[i]!, row.actor);
      for (const field of ['seq', 'actor', 'key', 'type', 'payload', 'prevHash', 'hash'] as const) {
        if (stored[field] !== replayed[field]) {
          throw new StorageError('journal_corrupt', `event seq ${stored.seq}: stored ${field} differs from the replayed one (the entry was changed, or the machine is not deterministic)`);
        }
      }
    }
    commandSeq = row.seq;
  }
  const head = await driver.head();
  if (head.seq !== engine.lastSeq || head.hash !== engine.headHash) {
    throw new StorageError('journal_corrupt', `events table ends at seq ${head.seq}, the journal's commands at seq ${engine.lastSeq}: an event belongs to no command`);
  }
  return { engine, commandSeq };
}
