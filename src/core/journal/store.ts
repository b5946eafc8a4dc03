/**
 * The storage port of the command journal (market.md §9–10, contracts.md §7): what the
 * registry and market need from a durable store, whatever the database. Types only.
 *
 * A store owns one `Machine` and its state. It journals every well-formed command with the
 * chained events of its outcome and the postings inside them, all in one transaction, and
 * answers a submitter only after that transaction has committed. It never interprets events.
 */
import type { CommandEnvelope, EventRecord } from './types.js';

/** The last chained event, where the next one links; `{ seq: 0, hash: GENESIS_HASH }` when empty. */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** One journaled command with the chained events its outcome produced. */
export interface JournalEntry {
  readonly command: CommandEnvelope;
  readonly accepted: boolean;
  readonly events: readonly EventRecord[];
}

/**
 * A command's answer, given after the transaction that holds it committed. `new`: its outcome
 * was journaled now. `duplicate`: (actor, key) was journaled before with the same canonical
 * payload, and this is that first outcome; nothing was written. `key_reused`: the key was used
 * with another payload; one `<type>.rejected` event (`idempotency_key_reused`) was journaled,
 * with no effect (with `reusedKeys: 'refuse'`: no event, nothing written).
 */
export interface Acknowledgement extends JournalEntry {
  readonly kind: 'new' | 'duplicate' | 'key_reused';
  /** The response stored with the command (`SubmitOptions.keep`), its body complete: the bytes to send. */
  readonly response?: KeptResponse;
}

/**
 * A command decided and about to be written: what `SubmitOptions.keep` sees. Its events have
 * their seqs but not yet their hashes, which whoever seals the batch computes later (the
 * SQLite writer thread, off the main thread).
 */
export interface DecidedCommand {
  readonly kind: 'new' | 'key_reused';
  readonly command: CommandEnvelope;
  readonly accepted: boolean;
  readonly events: ReadonlyArray<Pick<EventRecord, 'seq' | 'type' | 'payload'>>;
}

/**
 * A body that shows the command's chained events: `before`, then the JSON array of its events
 * (`outcomeEventJson` each, in seq order), then `after`. The store completes it once the
 * events are hashed, so that the bytes stored and the bytes answered are the same.
 */
export interface EventsBody {
  readonly before: string;
  readonly after: string;
}

/** Net holding of one account in one asset: credits − debits over all postings. */
export interface Balance {
  readonly account: string;
  readonly asset: string;
  readonly amount: number;
}

/** How a store rebuilt its state when it opened (or after a failed write). */
export interface StoreRecovery {
  /** The snapshot the state started from (command and event seq), or null: the whole journal was replayed. */
  readonly snapshot: { readonly commandSeq: number; readonly eventSeq: number } | null;
  /** Why the latest snapshot was not used, if there was one. */
  readonly snapshotProblem: string | null;
  /** Commands decided again. */
  readonly replayedCommands: number;
}

/**
 * The stored answer of an idempotent request (the HTTP API's `idempotent_responses` row of
 * (principal, key)), written in the same transaction as its command: both are durable, or neither.
 */
export interface KeptResponse {
  readonly principal: string;
  readonly key: string;
  /** What makes a retry "the same request" (the HTTP layer's hash of method, path and body). */
  readonly fingerprint: string;
  readonly status: number;
  readonly contentType: string;
  /** The bytes, or a text stored as its UTF-8 bytes (cheaper to hand to a writer thread than a byte array). */
  readonly body: Uint8Array | string;
  readonly createdAt: string;
}

/** A response to keep, as `keep` gives it: its body complete, or to be completed with the events. */
export interface KeepRequest extends Omit<KeptResponse, 'body'> {
  readonly body: KeptResponse['body'] | EventsBody;
}

export interface SubmitOptions {
  /**
   * `journal` (default, market.md §10): a key reused with another payload is journaled as one
   * `<type>.rejected` event. `refuse`: it is answered `key_reused` with no events and nothing
   * is written (the HTTP API refuses it at the door), decided against the in-memory index.
   */
  readonly reusedKeys?: 'journal' | 'refuse';
  /**
   * Called while the batch is prepared, for each command whose rows are written now (not a
   * duplicate or a refused reuse): a response to store in the same transaction, given back
   * completed as the acknowledgement's `response`. Only for a store whose database holds the
   * accounts' tables.
   */
  readonly keep?: (decided: DecidedCommand, index: number) => KeepRequest | undefined;
}

export interface CommandStore<State> {
  /** How the state was last rebuilt from the database (stores with snapshots say which one they used). */
  readonly recovery?: StoreRecovery;
  /**
   * Journals the commands in order and resolves, one acknowledgement per command, once every
   * one of them is committed. Commands from concurrent callers share transactions (group commit).
   * Rejects only on a storage failure, and then nothing of the failed transaction is acknowledged.
   */
  submit(commands: readonly CommandEnvelope[], options?: SubmitOptions): Promise<readonly Acknowledgement[]>;
  /** The journaled command with this idempotency key, with its first outcome. */
  find(actor: string, key: string): Promise<JournalEntry | undefined>;
  /** The committed chain head. */
  head(): Promise<ChainHead>;
  /** The whole journal in order, as committed: replaying it gives the store's state. */
  load(): AsyncIterable<JournalEntry>;
  /**
   * Committed events with seq > `afterSeq`, in seq order, at most `limit` (none when `limit` < 1):
   * one page of the event log, so auditors and replicas read from where they stopped without
   * loading the journal from the start.
   */
  eventsAfter(afterSeq: number, limit: number): Promise<readonly EventRecord[]>;
  /** Balances summed from the postings table (never from a cache), sorted by account, asset. */
  balances(): Promise<readonly Balance[]>;
  /**
   * Reads the machine's state. It includes commands whose transaction is still committing;
   * a caller that must see only durable facts waits for its own `submit` first.
   */
  read<T>(view: (state: State) => T): T;
  close(): Promise<void>;
}
