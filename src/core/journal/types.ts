/**
 * The command journal and event log of the registry and market (contracts.md §7,
 * market.md §9–10): the shapes every engine and every store share.
 */

/** One line of a command journal: a request to change state. */
export interface CommandEnvelope {
  /** Idempotency key, unique per actor. */
  readonly key: string;
  /** Participant id of who asks. */
  readonly actor: string;
  readonly type: string;
  /** ISO-8601 time, Asia/Shanghai. */
  readonly at: string;
  readonly payload: unknown;
}

/** One double-entry posting: `amount` of `asset` moves from `debit` to `credit`. */
export interface Posting {
  /** Account debited (loses). */
  readonly debit: string;
  /** Account credited (gains). */
  readonly credit: string;
  /** `CNY` (fen) or a unit ledger such as a serial block's instrument. */
  readonly asset: string;
  /** Positive integer: fen for CNY, whole tCO2e for units. */
  readonly amount: number;
  /** Why: issue, transfer, retire, cancel, reserve, release, fee, … */
  readonly code: string;
}

/** An event before it is chained. Postings ride inside the event that caused them. */
export interface EventDraft {
  readonly type: string;
  readonly payload: Readonly<Record<string, unknown>> & { readonly postings?: readonly Posting[] };
}

/** A chained event as written to the event log (one JSON object per line). */
export interface EventRecord {
  readonly seq: number;
  readonly key: string;
  readonly type: string;
  readonly payload: EventDraft['payload'];
  readonly prevHash: string;
  readonly hash: string;
}

/** The outcome of one command: the events it produced (one `<type>.rejected` on refusal). */
export interface Outcome {
  readonly accepted: boolean;
  readonly events: readonly EventDraft[];
}

/**
 * A deterministic state machine over commands, free of I/O. `decide` never mutates `state`;
 * `apply` folds an accepted outcome's events into the state and returns it (it may update in
 * place: whoever calls it owns the state). Stores persist outcomes; they never interpret them.
 */
export interface Machine<State> {
  initial(): State;
  decide(state: State, command: CommandEnvelope): Outcome;
  /** `firstSeq`: the seq of the outcome's first event (a machine may name what it keeps by it, e.g. a trade to bust). */
  apply(state: State, command: CommandEnvelope, outcome: Outcome, firstSeq: number): State;
  /**
   * Snapshots (optional): a JSON image of the state, and the state back from it. A state
   * restored from `snapshot(s)` must decide and apply every later command exactly as `s`.
   */
  snapshot?(state: State): unknown;
  restore?(image: unknown): State;
}

/** Hex SHA-256 of a UTF-8 string, injected so that the core imports no crypto module. */
export type Hasher = (text: string) => string;

export const GENESIS_HASH = '0'.repeat(64);
