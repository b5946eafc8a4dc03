/**
 * Snapshots taken by following the committed journal, as the snapshotter thread does: the first
 * take recovers the state as a store opening would (the latest snapshot, then the commands after
 * it decided again and checked against their stored events); later takes keep that state and
 * decide only the commands journaled since. Starting over at each take read every command of the
 * journal again, to refill the idempotency index: work that grew with the journal.
 */
import type { Hasher, Machine } from '../../core/journal/types.js';
import type { JournalDriver, SnapshotRow } from './driver.js';
import { type Recovered, recover, replayAfter, shapeHashOf, snapshotImage } from './recover.js';

export class SnapshotFollower<State> {
  readonly #shapeHash: string;
  /** The state as of the last take: null before the first, and after a failure (the next take starts over). */
  #followed: { readonly engine: Recovered<State>['engine']; commandSeq: number; snapshotSeq: number } | null = null;

  constructor(
    private readonly driver: JournalDriver,
    private readonly machine: Machine<State>,
    private readonly hasher: Hasher,
  ) {
    this.#shapeHash = shapeHashOf(machine, hasher);
  }

  /**
   * A snapshot of the journal as the driver reads it now (the caller holds one read transaction
   * around the call); null when the latest snapshot, stored or answered, is already there.
   */
  async take(): Promise<SnapshotRow | null> {
    try {
      let followed = this.#followed;
      if (followed === null) {
        const { engine, commandSeq, recovery } = await recover(this.driver, this.machine, this.hasher, { fromSnapshot: true });
        followed = this.#followed = { engine, commandSeq, snapshotSeq: recovery.snapshot?.commandSeq ?? 0 };
      } else {
        followed.commandSeq = (await replayAfter(this.driver, followed.engine, followed.commandSeq)).commandSeq;
      }
      const { engine, commandSeq } = followed;
      if (commandSeq === 0 || commandSeq === followed.snapshotSeq) return null;
      followed.snapshotSeq = commandSeq;
      return { ...snapshotImage(this.machine, engine, commandSeq, this.hasher, this.#shapeHash), headHash: engine.headHash };
    } catch (cause) {
      this.#followed = null;
      throw cause;
    }
  }
}
