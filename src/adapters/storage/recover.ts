/**
 * Opening a store: every journaled command is decided again by the machine and each event it
 * produces must equal the stored row, field by field (seq, type, canonical payload, prevHash,
 * hash). So one pass checks the chain, proves the journal replays to the same events, and
 * rebuilds the state and the idempotency index.
 *
 * With a snapshot (issue 5 §5: "rebuilt from the journal plus snapshots when the journal
 * grows"), the state starts from the latest one and only the commands after it are decided
 * again; the commands before it only refill the idempotency index. A snapshot is used only
 * when its text matches its hash, its head matches the stored chain, and it was taken by a
 * machine with the same state layout (`shapeHash`); and if the tail does not replay from it,
 * recovery starts again from the first command. The journal is the truth; a snapshot only
 * saves time. `neutral market verify` and a store opened with `fromSnapshot: false` check the
 * whole journal.
 */
import { JournalEngine, canonicalJson } from '../../core/journal/index.js';
import type { StoreRecovery } from '../../core/journal/store.js';
import type { Hasher, Machine } from '../../core/journal/types.js';
import type { JournalDriver, SnapshotRow } from './driver.js';
import { StorageError, commandOf, eventRowOf, readJournal } from './rows.js';

export interface RecoverOptions {
  /** Start from the latest usable snapshot (default true). */
  readonly fromSnapshot?: boolean;
}

export interface Recovered<State> {
  readonly engine: JournalEngine<State>;
  /** Seq of the last journaled command. */
  readonly commandSeq: number;
  readonly recovery: StoreRecovery;
}

/** SHA-256 of the image of the machine's initial state: changes when the state's layout does. */
export function shapeHashOf<State>(machine: Machine<State>, hasher: Hasher): string {
  return hasher(canonicalJson(machine.snapshot!(machine.initial())));
}

/**
 * The snapshot of the engine's state after command `commandSeq`: the canonical text of the
 * machine's image, its hash and the layout's. Without the head hash, which its caller knows once
 * the chain is sealed through `eventSeq`.
 */
export function snapshotImage<State>(machine: Machine<State>, engine: JournalEngine<State>, commandSeq: number, hasher: Hasher, shapeHash: string): Omit<SnapshotRow, 'headHash'> {
  const state = canonicalJson(machine.snapshot!(engine.state));
  return { commandSeq, eventSeq: engine.lastSeq, state, stateHash: hasher(state), shapeHash };
}

export async function recover<State>(driver: JournalDriver, machine: Machine<State>, hasher: Hasher, options: RecoverOptions = {}): Promise<Recovered<State>> {
  let problem: string | null = null;
  if (options.fromSnapshot !== false && machine.snapshot !== undefined && machine.restore !== undefined) {
    const row = await driver.latestSnapshot();
    if (row !== undefined) {
      problem = await snapshotProblem(driver, machine, hasher, row);
      if (problem === null) {
        try {
          return await replayFrom(driver, machine, hasher, row);
        } catch (cause) {
          if (!(cause instanceof StorageError)) throw cause;
          problem = `the journal after it does not replay from it (${cause.message})`;
        }
      }
      problem = `snapshot after command ${row.commandSeq}: ${problem}`;
    }
  }
  const full = await replayFrom(driver, machine, hasher, null);
  return { ...full, recovery: { ...full.recovery, snapshotProblem: problem } };
}

async function snapshotProblem<State>(driver: JournalDriver, machine: Machine<State>, hasher: Hasher, row: SnapshotRow): Promise<string | null> {
  if (hasher(row.state) !== row.stateHash) return 'its text does not match its hash';
  if (row.shapeHash !== shapeHashOf(machine, hasher)) return 'it was taken by a program with another state layout';
  const [command] = await driver.commandsAfter(row.commandSeq - 1, 1);
  if (command === undefined || command.seq !== row.commandSeq || command.firstEvent + command.eventCount - 1 !== row.eventSeq) return `command ${row.commandSeq} does not end at event ${row.eventSeq}`;
  const [event] = await driver.events(row.eventSeq, row.eventSeq);
  if (event?.hash !== row.headHash) return `event ${row.eventSeq} does not have the snapshot's head hash`;
  return null;
}

async function replayFrom<State>(driver: JournalDriver, machine: Machine<State>, hasher: Hasher, snapshot: SnapshotRow | null): Promise<Recovered<State>> {
  let engine: JournalEngine<State>;
  let commandSeq = 0;
  if (snapshot === null) engine = new JournalEngine(machine, hasher);
  else {
    engine = new JournalEngine(machine, hasher, { state: machine.restore!(JSON.parse(snapshot.state)), lastSeq: snapshot.eventSeq, headHash: snapshot.headHash });
    while (commandSeq < snapshot.commandSeq) {
      const rows = await driver.commandsAfter(commandSeq, Math.min(5000, snapshot.commandSeq - commandSeq));
      for (const row of rows) {
        if (row.seq !== commandSeq + 1) throw new StorageError('journal_corrupt', `command seq ${commandSeq + 1} is missing (found ${row.seq})`);
        if (row.firstUse) engine.remember(row, row.payload, { accepted: row.accepted, firstSeq: row.firstEvent, eventCount: row.eventCount });
        commandSeq = row.seq;
      }
    }
  }
  const tail = await replayAfter(driver, engine, commandSeq);
  return {
    engine, commandSeq: tail.commandSeq,
    recovery: { snapshot: snapshot === null ? null : { commandSeq: snapshot.commandSeq, eventSeq: snapshot.eventSeq }, snapshotProblem: null, replayedCommands: tail.replayed },
  };
}

/**
 * Decides again the commands journaled after command `after`, checking each event against the
 * stored one, and checks that no event follows the last command's. Recovery's second half, and
 * how a follower of the journal (the snapshotter thread) catches up with what was committed
 * since it last looked, without starting over.
 */
export async function replayAfter<State>(driver: JournalDriver, engine: JournalEngine<State>, after: number): Promise<{ readonly commandSeq: number; readonly replayed: number }> {
  let commandSeq = after;
  let replayed = 0;
  for await (const { row, events } of readJournal(driver, 5000, after)) {
    const submission = engine.submit(commandOf(row));
    const where = `command seq ${row.seq} (${row.actor}/${row.key})`;
    if (submission.kind === 'duplicate') throw new StorageError('journal_corrupt', `${where} repeats an earlier key and payload, yet was journaled`);
    if ((submission.kind === 'new') !== row.firstUse) throw new StorageError('journal_corrupt', `${where}: first use of its key is ${row.firstUse}, replay says ${submission.kind}`);
    const accepted = submission.kind === 'new' && submission.accepted;
    if (accepted !== row.accepted) throw new StorageError('journal_corrupt', `${where}: stored accepted=${row.accepted}, replay gives ${accepted}`);
    if (submission.events.length !== events.length) throw new StorageError('journal_corrupt', `${where}: ${events.length} events stored, replay gives ${submission.events.length}`);
    for (let i = 0; i < events.length; i++) {
      const stored = events[i]!;
      const replayedRow = eventRowOf(submission.events[i]!, row.actor);
      for (const field of ['seq', 'actor', 'key', 'type', 'payload', 'prevHash', 'hash'] as const) {
        if (stored[field] !== replayedRow[field]) {
          throw new StorageError('journal_corrupt', `event seq ${stored.seq}: stored ${field} differs from the replayed one (the entry was changed, or the machine is not deterministic)`);
        }
      }
    }
    commandSeq = row.seq;
    replayed++;
  }
  const head = await driver.head();
  if (head.seq !== engine.lastSeq || head.hash !== engine.headHash) {
    throw new StorageError('journal_corrupt', `events table ends at seq ${head.seq}, the journal's commands at seq ${engine.lastSeq}: an event belongs to no command`);
  }
  return { commandSeq, replayed };
}
