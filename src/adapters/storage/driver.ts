/**
 * What the group-commit store asks of one SQL dialect: write a batch of rows in one
 * transaction, read them back in order. Rows are serialised; a driver never decides or
 * interprets anything. It hashes only when it offers `appendUnsealed` (the SQLite writer
 * thread does): then the store leaves the hash chain to it, off the main thread.
 */
import type { Balance, ChainHead, KeepRequest, KeptResponse } from '../../core/journal/store.js';

/** One journaled command (journal order = `seq`, from 1). */
export interface CommandRow {
  readonly seq: number;
  readonly actor: string;
  readonly key: string;
  readonly type: string;
  readonly at: string;
  /** Canonical JSON of the command's payload. */
  readonly payload: string;
  readonly accepted: boolean;
  /** False for a key reused with another payload: its rejection is journaled, the key keeps its first outcome. */
  readonly firstUse: boolean;
  /** Seq of the outcome's first event (the next seq when it has none) and how many events it has. */
  readonly firstEvent: number;
  readonly eventCount: number;
}

export interface EventRow {
  readonly seq: number;
  readonly actor: string;
  readonly key: string;
  readonly type: string;
  /** Canonical JSON, the text the hash covers. */
  readonly payload: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** One posting of an event, numbered from 0 in the order of the event's `postings`. */
export interface PostingRow {
  readonly event: number;
  readonly n: number;
  readonly debit: string;
  readonly credit: string;
  readonly asset: string;
  readonly amount: number;
  readonly code: string;
}

/** An event row before the chain is sealed: the driver of `appendUnsealed` adds `prevHash` and `hash`. */
export type UnsealedEventRow = Omit<EventRow, 'prevHash' | 'hash'>;

/** One transaction's rows: its events sealed (`EventRow`) or not yet (`UnsealedEventRow`), and the responses kept with them. */
interface Rows<Event, Response> {
  readonly commands: readonly CommandRow[];
  readonly events: readonly Event[];
  readonly postings: readonly PostingRow[];
  /** Stored answers of idempotent requests (the accounts' `idempotent_responses`; a first save of (principal, key) wins). */
  readonly responses?: readonly Response[];
}

export type BatchRows = Rows<EventRow, KeptResponse>;

/**
 * A response to store with an unsealed batch: a body that shows its command's events
 * (`EventsBody`, events `firstEvent`…`firstEvent + eventCount - 1`) is completed by the driver
 * once it has hashed them.
 */
export interface UnsealedResponse {
  readonly kept: KeepRequest;
  readonly firstEvent: number;
  readonly eventCount: number;
}

/** A batch whose events are not hashed yet. */
export type UnsealedBatchRows = Rows<UnsealedEventRow, UnsealedResponse>;

/** What `appendUnsealed` answers once it committed. */
export interface SealedReply {
  /** The head's hash before the batch, then each event's hash (64 hex digits each). */
  readonly hashes: string;
  /** The completed bodies of the responses whose body was an `EventsBody`, in their order. */
  readonly bodies: readonly string[];
}

/** A snapshot of the machine's state after command `commandSeq` (recovery replays only what follows). */
export interface SnapshotRow {
  readonly commandSeq: number;
  /** The last event it includes, and that event's hash (the snapshot belongs to this chain). */
  readonly eventSeq: number;
  readonly headHash: string;
  /** Canonical JSON of the machine's image of its state, and its SHA-256. */
  readonly state: string;
  readonly stateHash: string;
  /** SHA-256 of the image of the machine's initial state: a snapshot taken by a program with another state layout is not used. */
  readonly shapeHash: string;
}

/**
 * Takes the machine's snapshots away from the store's thread (the SQLite snapshotter thread):
 * from the journal as committed, as a store opening would recover the state.
 */
export interface Snapshotter {
  /** The snapshot of the journal as committed when it starts reading; null when the latest snapshot is already that one. */
  take(): Promise<SnapshotRow | null>;
  stop(): Promise<void>;
}

export interface JournalDriver {
  /**
   * True when the driver writes batches one transaction after the other in the order it is
   * given them, and refuses a batch that does not continue the stored head (SQLite): the store
   * then hands a batch over as soon as it is decided, not after the COMMIT of the one before,
   * and a batch given after one that failed fails by itself.
   */
  readonly writesInOrder?: boolean;
  /** Writes every row in one transaction; resolves only after COMMIT returned (durably). */
  append(rows: BatchRows): Promise<void>;
  /**
   * Offered by a driver that seals the hash chain itself, off the caller's thread: it chains the
   * events onto the stored head (SHA-256, contracts.md §7) inside the transaction, completes the
   * bodies of the responses that show them, and resolves after COMMIT to the hashes and those
   * bodies. The events must continue the stored journal (seq after its head).
   */
  appendUnsealed?(rows: UnsealedBatchRows): Promise<SealedReply>;
  /** Commands with seq > `afterSeq`, in order, at most `limit`. */
  commandsAfter(afterSeq: number, limit: number): Promise<readonly CommandRow[]>;
  /** The first use of (actor, key), if any. */
  command(actor: string, key: string): Promise<CommandRow | undefined>;
  /** Events with `from <= seq <= to`, in order. */
  events(from: number, to: number): Promise<readonly EventRow[]>;
  /** The event with the highest seq, or seq 0 with the genesis hash. */
  head(): Promise<ChainHead>;
  /** Sums of postings per (account, asset), any order. */
  balances(): Promise<readonly Balance[]>;
  /** Stores a snapshot (older ones but the previous are dropped), in one transaction. */
  saveSnapshot(row: SnapshotRow): Promise<void>;
  /** The snapshot with the highest command seq, if any. */
  latestSnapshot(): Promise<SnapshotRow | undefined>;
  close(): Promise<void>;
}
