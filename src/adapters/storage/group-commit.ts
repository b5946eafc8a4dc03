/**
 * The store every dialect shares: one writer that owns the machine's state, and group commit.
 * Submitted commands queue; each batch (up to `maxBatch`, whatever arrived while the previous
 * one committed) is decided, chained and written in one transaction, and its callers are
 * answered only after COMMIT. A failed transaction answers no one in it: the engine is rebuilt
 * from the database, so memory never runs ahead of what is durable.
 */
import type { JournalEngine } from '../../core/journal/index.js';
import type { Acknowledgement, Balance, ChainHead, CommandStore, JournalEntry, StoreRecovery, SubmitOptions } from '../../core/journal/store.js';
import type { CommandEnvelope, EventRecord, Hasher, Machine } from '../../core/journal/types.js';
import type { BatchRows, JournalDriver, SealedReply, SnapshotRow, Snapshotter, UnsealedBatchRows } from './driver.js';
import { type Recovered, recover, shapeHashOf, snapshotImage } from './recover.js';
import { entryOf, readJournal, recordOf, wellFormed } from './rows.js';
import { Pending, Submission, Unsealed } from './in-flight.js';
import { type Outcomes, prepareBatch } from './prepare-batch.js';
import { HASH_LENGTH, sha256Hex } from './sha256.js';

export { sha256Hex };

export interface GroupCommitOptions {
  /** Most commands per transaction (1 = one transaction per command, the plain way). */
  readonly maxBatch?: number;
  /** How long a batch waits for company after its first command, in ms; 0 = until the event loop turns. */
  readonly windowMs?: number;
  /**
   * Batches written or waiting to be written while the next one is prepared (1 = no overlap).
   * Default 8 for a driver that writes in order (the SQLite writer thread): under HTTP load a
   * batch is the orders of one turn of the event loop (16–28 on average), and its COMMIT comes back
   * 4–6 ms later, so with only 2 in flight the main thread sat idle with orders queued
   * (docs/benchmarks.md, sixth session). Default 2 for any other: its batches wait for the
   * COMMIT before them anyway, and fewer, larger ones cost fewer round trips.
   */
  readonly pipeline?: number;
  readonly hasher?: Hasher;
  /**
   * A snapshot of the state is due once the log is this many events past the last one (default
   * 100,000; 0 = never), when the machine can snapshot. Opening replays only the commands after
   * the latest snapshot. Taking one here stops the main thread (about 25 ms per MB of state
   * text; not with a `snapshotter`), so a due snapshot waits until the store has been quiet for
   * `snapshotQuietMs`, or until it closes; only a log ten intervals past the last snapshot takes
   * one between two batches.
   */
  readonly snapshotEvery?: number;
  /** How long nothing must be submitted before a due snapshot is taken (default 250 ms). */
  readonly snapshotQuietMs?: number;
  /** False: open by replaying the whole journal, whatever snapshots there are. */
  readonly fromSnapshot?: boolean;
  /**
   * Takes the snapshots on another thread (snapshotter.ts: SQLite or PostgreSQL), from the journal as
   * committed, so that the main thread never stops for one; the store stops it when it closes.
   */
  readonly snapshotter?: Snapshotter;
}

/** Recovers the state from the journal (see recover.ts), then accepts commands. */
export async function openGroupCommitStore<State>(driver: JournalDriver, machine: Machine<State>, options: GroupCommitOptions = {}): Promise<CommandStore<State>> {
  const hasher = options.hasher ?? sha256Hex;
  try {
    const recovered = await recover(driver, machine, hasher, { fromSnapshot: options.fromSnapshot ?? true });
    return new GroupCommitStore(driver, machine, hasher, recovered, options);
  } catch (cause) {
    await driver.close();
    throw cause;
  }
}

/** Why a driver's answer to an unsealed batch cannot be told to its callers (a driver's bug), or null. */
function replyProblem(reply: unknown, outcomes: Outcomes): string | null {
  const { hashes, bodies } = (reply ?? {}) as Partial<SealedReply>;
  const wanted = outcomes.lastSeq - outcomes.firstSeq + 2;
  if (typeof hashes !== 'string' || hashes.length !== HASH_LENGTH * wanted) return `the driver answered ${typeof hashes === 'string' ? hashes.length / HASH_LENGTH : 'no'} hashes for events ${outcomes.firstSeq}…${outcomes.lastSeq}`;
  if (!Array.isArray(bodies) || bodies.length !== outcomes.bodies) return `the driver answered ${Array.isArray(bodies) ? bodies.length : 'no'} response bodies, not ${outcomes.bodies}`;
  return null;
}

/** A log this many snapshot intervals past the last snapshot takes one between two batches, quiet or not. */
const FORCED_SNAPSHOT_INTERVALS = 10;

class GroupCommitStore<State> implements CommandStore<State> {
  readonly #queue: Pending[] = [];
  readonly #maxBatch: number;
  readonly #windowMs: number;
  readonly #maxInFlight: number;
  #scheduled = false;
  #inFlight = 0;
  /**
   * The last write, in order: a batch's rows continue the chain of the batch before, so it is
   * written only after that one committed (unless the driver writes in order and checks the head).
   */
  #tail: Promise<unknown> = Promise.resolve();
  /** A batch failed: the engine ran ahead of the database and is rebuilt once nothing is in flight. */
  #stale = false;
  #rebuilding = false;
  #closed = false;
  /** Set when the engine could not be rebuilt: nothing more is accepted. */
  #broken: unknown = undefined;
  #idle: Array<() => void> = [];
  /** Callers of failed batches, answered once the state is rebuilt (so that `read` never shows their effect after). */
  #failed: Array<() => void> = [];

  private engine: JournalEngine<State>;
  private commandSeq: number;
  recovery: StoreRecovery;
  readonly #snapshotEvery: number;
  readonly #shapeHash: string | null;
  readonly #fromSnapshot: boolean;
  /**
   * The driver hashes every batch, and completes the kept answers that show the hashes (the
   * SQLite writer thread, with the standard hasher); otherwise each batch is sealed here.
   */
  readonly #driverSeals: boolean;
  /** Event seq of the latest snapshot written or recovered from. */
  #snapshotSeq: number;
  readonly #snapshotQuietMs: number;
  /** Armed while the store is quiet and a snapshot is due. */
  #snapshotTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last snapshot written while quiet (close waits for it). */
  #snapshotting: Promise<void> = Promise.resolve();
  readonly #snapshotter: Snapshotter | undefined;
  /** The snapshotter is taking one. */
  #snapshotAside = false;
  /** The last snapshot write that failed (the journal is unaffected; the next snapshot tries again). */
  snapshotFailure: unknown = undefined;

  constructor(
    private readonly driver: JournalDriver,
    private readonly machine: Machine<State>,
    private readonly hasher: Hasher,
    recovered: Recovered<State>,
    options: GroupCommitOptions,
  ) {
    this.engine = recovered.engine;
    this.commandSeq = recovered.commandSeq;
    this.recovery = recovered.recovery;
    this.#snapshotSeq = recovered.recovery.snapshot?.eventSeq ?? 0;
    const canSnapshot = machine.snapshot !== undefined && machine.restore !== undefined;
    this.#snapshotEvery = canSnapshot ? options.snapshotEvery ?? 100_000 : 0;
    this.#shapeHash = this.#snapshotEvery > 0 ? shapeHashOf(machine, hasher) : null;
    this.#snapshotQuietMs = options.snapshotQuietMs ?? 250;
    this.#fromSnapshot = options.fromSnapshot ?? true;
    this.#snapshotter = options.snapshotter;
    this.#driverSeals = driver.appendUnsealed !== undefined && hasher === sha256Hex;
    this.#maxBatch = options.maxBatch ?? 2000;
    this.#windowMs = options.windowMs ?? 0;
    this.#maxInFlight = options.pipeline ?? (driver.writesInOrder === true ? 8 : 2);
  }

  submit(commands: readonly CommandEnvelope[], options?: SubmitOptions): Promise<readonly Acknowledgement[]> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    if (this.#broken !== undefined) return Promise.reject(this.#broken);
    if (commands.length === 0) return Promise.resolve([]);
    this.#disarmSnapshot();
    const illFormed = commands.find((c) => !(wellFormed(c.actor) && wellFormed(c.key) && wellFormed(c.type) && wellFormed(c.at)));
    if (illFormed !== undefined) return Promise.reject(new Error(`command ${JSON.stringify(illFormed.key)} of ${JSON.stringify(illFormed.actor)}: its envelope texts must be well-formed Unicode (a lone surrogate cannot be stored unchanged); adapters refuse such commands`));
    return new Promise((resolve, reject) => {
      const submission = new Submission(commands.length, options, resolve, reject);
      for (let i = 0; i < commands.length; i++) this.#queue.push(new Pending(commands[i]!, submission, i));
      this.#kick();
    });
  }

  async find(actor: string, key: string): Promise<JournalEntry | undefined> {
    const row = await this.driver.command(actor, key);
    if (row === undefined) return undefined;
    const events = row.eventCount === 0 ? [] : await this.driver.events(row.firstEvent, row.firstEvent + row.eventCount - 1);
    return entryOf({ row, events });
  }

  head(): Promise<ChainHead> {
    return this.driver.head();
  }

  async *load(): AsyncIterable<JournalEntry> {
    for await (const stored of readJournal(this.driver)) yield entryOf(stored);
  }

  async eventsAfter(afterSeq: number, limit: number): Promise<readonly EventRecord[]> {
    if (!(limit >= 1)) return [];
    // Event seqs are contiguous from 1, so a page is one range query on the primary key.
    const from = Math.max(0, Math.floor(afterSeq)) + 1;
    return (await this.driver.events(from, from + Math.floor(limit) - 1)).map(recordOf);
  }

  async balances(): Promise<readonly Balance[]> {
    const rows = [...(await this.driver.balances())];
    return rows.sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0));
  }

  read<T>(view: (state: State) => T): T {
    return view(this.engine.state);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (!this.#isIdle()) await new Promise<void>((resolve) => this.#idle.push(resolve));
    this.#disarmSnapshot();
    // Nothing is in flight: a due snapshot is taken now, so that the next start replays little.
    if (this.#stale === false && this.#broken === undefined && this.#snapshotWanted(1)) this.#snapshotNow();
    await this.#snapshotting;
    await this.#snapshotter?.stop();
    await this.driver.close();
  }

  #isIdle(): boolean {
    return this.#queue.length === 0 && this.#inFlight === 0 && !this.#scheduled && !this.#rebuilding;
  }

  #kick(): void {
    if (this.#scheduled || this.#stale || this.#queue.length === 0 || this.#inFlight >= this.#maxInFlight) {
      if (this.#isIdle()) {
        for (const resolve of this.#idle.splice(0)) resolve();
        this.#armSnapshot();
      }
      return;
    }
    this.#scheduled = true;
    // setImmediate, not a loop: callers answered by the last batch get to submit again first.
    if (this.#windowMs > 0) setTimeout(() => this.#run(), this.#windowMs);
    else setImmediate(() => this.#run());
  }

  #run(): void {
    this.#scheduled = false;
    if (this.#stale || this.#inFlight >= this.#maxInFlight) return;
    const size = Math.min(this.#queue.length, this.#maxBatch);
    if (size === 0) return this.#kick();
    const sealHere = !this.#driverSeals;
    const batch = this.#queue.splice(0, size);
    let outcomes: Outcomes;
    let write: Promise<unknown>;
    try {
      // The rows go straight from here to the driver; only the outcomes wait for COMMIT.
      const prepared = prepareBatch(this.engine, batch, sealHere, this.commandSeq);
      this.commandSeq = prepared.commandSeq;
      outcomes = prepared.outcomes;
      write = this.#write(prepared.rows, outcomes.sealed);
    } catch (cause) {
      this.#failed.push(() => batch.forEach((pending) => pending.reject(cause)));
      this.#markStale();
      return;
    }
    this.#inFlight++;
    // Far behind: a snapshot between two batches (here, stopping the main thread while the log
    // grows, unless a snapshotter takes it).
    let snapshot: Omit<SnapshotRow, 'headHash'> | null = null;
    if (this.#snapshotWanted(FORCED_SNAPSHOT_INTERVALS)) {
      if (this.#snapshotter === undefined) snapshot = this.#snapshotImage();
      else this.#snapshotElsewhere(this.#snapshotter);
    }
    write.then(
      (reply) => this.#acknowledge(batch, outcomes, reply),
      (cause: unknown) => { this.#failed.push(() => batch.forEach((pending) => pending.reject(cause))); this.#markStale(); },
    ).finally(() => {
      this.#inFlight--;
      if (this.#stale) this.#rebuildWhenQuiet();
      else this.#kick();
    });
    // The head's hash at the snapshot's event: a batch sealed here has it now (the batches after
    // it, sealed here too, move the head on before it commits); for a batch the driver seals, its
    // answer gives it to the acknowledgement, which runs before the snapshot's write below.
    const snapshotHead = snapshot !== null && outcomes.sealed ? this.engine.headHash : null;
    // Written after its batch commits (and is acknowledged), never after a failed one; its own
    // failure only costs time at the next start.
    this.#tail = snapshot === null ? write : write.then(() => this.driver.saveSnapshot({ ...snapshot, headHash: snapshotHead ?? this.#sealedHashAt(snapshot.eventSeq) }).catch((cause: unknown) => void (this.snapshotFailure = cause)));
    // A failed write fails the writes chained after it; the failure itself is answered above.
    this.#tail.catch(() => undefined);
    this.#kick();
  }

  /** The head's hash, once sealed through `seq`. */
  #sealedHashAt(seq: number): string {
    if (this.engine.sealedSeq !== seq) throw new Error(`snapshot at event ${seq}: the chain is sealed through ${this.engine.sealedSeq}`);
    return this.engine.headHash;
  }

  #acknowledge(batch: readonly Pending[], outcomes: Outcomes, reply: unknown): void {
    if (!outcomes.sealed && outcomes.lastSeq >= outcomes.firstSeq) {
      const problem = replyProblem(reply, outcomes);
      if (problem !== null) {
        // A driver's bug: what it committed cannot be told to the callers, so the store starts again from it.
        const cause = new Error(problem);
        this.#failed.push(() => batch.forEach((pending) => pending.reject(cause)));
        this.#markStale();
        return;
      }
      this.engine.sealedThrough(outcomes.lastSeq, (reply as SealedReply).hashes.slice(-HASH_LENGTH));
    }
    for (let i = 0; i < batch.length; i++) {
      const pending = batch[i]!;
      const ack = outcomes.acks[i];
      if (ack === undefined) this.#answerDuplicate(pending);
      else pending.resolve(ack instanceof Unsealed ? ack.acknowledgement(reply as SealedReply, outcomes.firstSeq) : ack);
    }
  }

  /**
   * The batch's write, after the one before; resolves to the driver's hashes for an unsealed
   * batch. Its own function so that the rows are garbage once handed to the driver: a closure
   * beside the acknowledgements would keep them until COMMIT, and every young-generation
   * collection meanwhile would copy them.
   */
  #write(rows: BatchRows | UnsealedBatchRows, sealed: boolean): Promise<unknown> {
    if (rows.commands.length === 0) return this.#tail;
    const append = (): Promise<unknown> => (sealed ? this.driver.append(rows as BatchRows) : this.driver.appendUnsealed!(rows as UnsealedBatchRows));
    // A driver that writes in order and checks the head gets the rows at once (they are then
    // garbage on this side); any other waits for the COMMIT before, lest it write after a failed batch.
    return this.driver.writesInOrder === true ? append() : this.#tail.then(append);
  }

  /** True when the log is at least `intervals` snapshot intervals past the last snapshot. */
  #snapshotWanted(intervals: number): boolean {
    return this.#snapshotEvery > 0 && this.engine.lastSeq - this.#snapshotSeq >= intervals * this.#snapshotEvery;
  }

  /** The state's snapshot as it is now (after the batch just prepared); its head hash is known once the chain is sealed that far. */
  #snapshotImage(): Omit<SnapshotRow, 'headHash'> {
    this.#snapshotSeq = this.engine.lastSeq;
    return snapshotImage(this.machine, this.engine, this.commandSeq, this.hasher, this.#shapeHash!);
  }

  /** With a snapshot due and the store idle: take it once nothing has been submitted for a while. */
  #armSnapshot(): void {
    if (this.#snapshotTimer !== undefined || this.#closed || !this.#snapshotWanted(1)) return;
    this.#snapshotTimer = setTimeout(() => {
      this.#snapshotTimer = undefined;
      if (this.#isIdle() && !this.#closed && !this.#stale && this.#broken === undefined) this.#snapshotNow();
    }, this.#snapshotQuietMs);
    this.#snapshotTimer.unref();
  }

  #disarmSnapshot(): void {
    if (this.#snapshotTimer === undefined) return;
    clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = undefined;
  }

  /**
   * Takes and writes a snapshot: by the snapshotter, or here, only when idle, so that the chain
   * is sealed through the last event. Its failure only costs time at the next start.
   */
  #snapshotNow(): void {
    if (this.#snapshotter !== undefined) return this.#snapshotElsewhere(this.#snapshotter);
    const image = this.#snapshotImage();
    const row: SnapshotRow = { ...image, headHash: this.#sealedHashAt(image.eventSeq) };
    const previous = this.#snapshotting;
    this.#snapshotting = previous.then(() => this.driver.saveSnapshot(row)).catch((cause: unknown) => void (this.snapshotFailure = cause));
  }

  /** Has the snapshotter take a snapshot of what is committed, and writes it; one at a time. */
  #snapshotElsewhere(snapshotter: Snapshotter): void {
    if (this.#snapshotAside) return;
    this.#snapshotAside = true;
    // Not due again until the log grows another interval past what is decided now.
    this.#snapshotSeq = this.engine.lastSeq;
    this.#snapshotting = this.#snapshotting
      .then(() => snapshotter.take())
      .then((row) => (row === null ? undefined : this.driver.saveSnapshot(row)))
      .catch((cause: unknown) => void (this.snapshotFailure = cause))
      .finally(() => void (this.#snapshotAside = false));
  }

  #answerDuplicate(pending: Pending): void {
    const { actor, key } = pending.command;
    this.find(actor, key).then(
      (entry) => (entry === undefined ? pending.reject(new Error(`duplicate ${actor}/${key} has no stored first outcome`)) : pending.resolve({ ...entry, kind: 'duplicate' })),
      (cause: unknown) => pending.reject(cause),
    );
  }

  #markStale(): void {
    this.#stale = true;
    this.#rebuildWhenQuiet();
  }

  /** After a failed batch: once no write is in flight, start again from what is durable. */
  #rebuildWhenQuiet(): void {
    if (this.#inFlight > 0 || this.#rebuilding) return;
    this.#rebuilding = true;
    recover(this.driver, this.machine, this.hasher, { fromSnapshot: this.#fromSnapshot }).then(
      (recovered) => {
        this.engine = recovered.engine;
        this.commandSeq = recovered.commandSeq;
        this.recovery = recovered.recovery;
        this.#snapshotSeq = recovered.engine.lastSeq;
        this.#tail = Promise.resolve();
        this.#stale = false;
      },
      (cause: unknown) => {
        this.#broken = cause;
        for (const pending of this.#queue.splice(0)) pending.reject(cause);
      },
    ).finally(() => {
      this.#rebuilding = false;
      for (const answer of this.#failed.splice(0)) answer();
      if (this.#broken === undefined) this.#kick();
      else for (const resolve of this.#idle.splice(0)) resolve();
    });
  }
}
