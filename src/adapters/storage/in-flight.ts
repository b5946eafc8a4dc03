/**
 * What the group-commit store keeps of the commands in flight, from `submit` to their answer:
 * each call's single promise, each command's place in it, and the outcome of a command whose
 * events the driver is still sealing.
 */
import type { Acknowledgement, KeepRequest, SubmitOptions } from '../../core/journal/store.js';
import type { SealedReply } from './driver.js';
import type { CommandEnvelope, EventDraft, EventRecord } from '../../core/journal/types.js';
import { isCompleteBody } from './rows.js';
import { HASH_LENGTH } from './sha256.js';

/** One `submit` call: a single promise for all its commands, however the batches split them. */
export class Submission {
  readonly #acks: Acknowledgement[];
  #left: number;
  #settled = false;

  constructor(
    count: number,
    readonly options: SubmitOptions | undefined,
    private readonly done: (acks: readonly Acknowledgement[]) => void,
    private readonly fail: (cause: unknown) => void,
  ) {
    this.#acks = new Array<Acknowledgement>(count);
    this.#left = count;
  }

  resolve(index: number, ack: Acknowledgement): void {
    this.#acks[index] = ack;
    if (--this.#left === 0 && !this.#settled) {
      this.#settled = true;
      this.done(this.#acks);
    }
  }

  reject(cause: unknown): void {
    if (this.#settled) return;
    this.#settled = true;
    this.fail(cause);
  }
}

export class Pending {
  constructor(
    readonly command: CommandEnvelope,
    readonly submission: Submission,
    readonly index: number,
  ) {}

  resolve(ack: Acknowledgement): void {
    this.submission.resolve(this.index, ack);
  }

  reject(cause: unknown): void {
    this.submission.reject(cause);
  }
}

/**
 * A command decided in a batch that the driver seals: acknowledged once its events' hashes come
 * back. It keeps the machine's events, not their canonical text: what lives until COMMIT is
 * copied by every young-generation collection meanwhile.
 */
export class Unsealed {
  constructor(
    readonly kind: 'new' | 'key_reused',
    readonly command: CommandEnvelope,
    readonly accepted: boolean,
    readonly firstSeq: number,
    readonly events: readonly EventDraft[],
    /** The response kept with it, if any, and when its body shows the events, its place among the driver's completed bodies. */
    readonly kept?: KeepRequest,
    readonly bodyIndex = -1,
  ) {}

  /** The acknowledgement, from `reply` (see JournalDriver.appendUnsealed), whose first hash is the one before event `replySeq`. */
  acknowledgement(reply: SealedReply, replySeq: number): Acknowledgement {
    const hashes = reply.hashes;
    const records: EventRecord[] = [];
    for (let i = 0; i < this.events.length; i++) {
      const { type, payload } = this.events[i]!;
      const seq = this.firstSeq + i;
      const at = (seq - replySeq) * HASH_LENGTH;
      records.push({ seq, key: this.command.key, type, payload, prevHash: hashes.slice(at, at + HASH_LENGTH), hash: hashes.slice(at + HASH_LENGTH, at + 2 * HASH_LENGTH) });
    }
    const kept = this.kept;
    if (kept === undefined) return { kind: this.kind, command: this.command, accepted: this.accepted, events: records };
    const body = this.bodyIndex >= 0 ? reply.bodies[this.bodyIndex] : kept.body;
    if (body === undefined || !isCompleteBody(body)) throw new Error(`the driver answered no body for the response of ${this.command.actor}/${this.command.key}`);
    const response = { principal: kept.principal, key: kept.key, fingerprint: kept.fingerprint, status: kept.status, contentType: kept.contentType, body, createdAt: kept.createdAt };
    return { kind: this.kind, command: this.command, accepted: this.accepted, events: records, response };
  }
}
