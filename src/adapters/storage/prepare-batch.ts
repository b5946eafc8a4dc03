/**
 * A batch of submitted commands turned into what the group-commit store writes and what it
 * answers: rows for the driver (garbage once handed over) and, apart, the outcomes that wait
 * for COMMIT.
 */
import { type ChainedEvent, type JournalEngine, completeEventsBody, outcomeEventJson } from '../../core/journal/index.js';
import type { Acknowledgement, KeepRequest, KeptResponse } from '../../core/journal/store.js';
import type { BatchRows, CommandRow, EventRow, PostingRow, UnsealedBatchRows, UnsealedEventRow, UnsealedResponse } from './driver.js';
import { type Pending, Unsealed } from './in-flight.js';
import { eventRowOf, isCompleteBody, postingRowsOf } from './rows.js';

/** What a batch's callers are answered from once it commits. */
export interface Outcomes {
  /** Sealed here (acknowledgements ready), or left to the driver (`appendUnsealed`), which answers the hashes and the bodies that show them. */
  readonly sealed: boolean;
  /** Per command: its acknowledgement, its outcome awaiting hashes, or undefined for a duplicate (read back once durable). */
  readonly acks: ReadonlyArray<Acknowledgement | Unsealed | undefined>;
  /** The seq of the batch's first event, and of the last event of the log after it. */
  readonly firstSeq: number;
  readonly lastSeq: number;
  /** How many kept bodies the driver completes (an unsealed batch's `EventsBody` responses). */
  readonly bodies: number;
}

export interface Prepared {
  /** The rows, handed to the driver and then garbage: nothing that waits for COMMIT may hold them. */
  readonly rows: BatchRows | UnsealedBatchRows;
  readonly outcomes: Outcomes;
  /** The seq of the batch's last command. */
  readonly commandSeq: number;
}

/**
 * Decides a batch, and chains it when `seal`; the engine's state moves ahead of the database
 * until the write commits. Commands are numbered after `commandSeq`; the last number is returned.
 */
export function prepareBatch<State>(engine: JournalEngine<State>, batch: readonly Pending[], seal: boolean, commandSeq: number): Prepared {
  const commands: CommandRow[] = [];
  const events: Array<EventRow | UnsealedEventRow> = [];
  const postings: PostingRow[] = [];
  const responses: Array<KeptResponse | UnsealedResponse> = [];
  let bodies = 0;
  const acks: Array<Acknowledgement | Unsealed | undefined> = [];
  const firstSeq = engine.lastSeq + 1;
  for (const pending of batch) {
    const { command } = pending;
    const options = pending.submission.options;
    const submission = engine.sequence(command, options?.reusedKeys);
    if (submission.kind === 'duplicate') {
      acks.push(undefined);
      continue;
    }
    if (submission.events.length === 0 && submission.kind === 'key_reused') {
      // Refused at the door: nothing is journaled.
      acks.push({ kind: 'key_reused', command, accepted: false, events: [] });
      continue;
    }
    const eventCount = submission.events.length;
    const firstEvent = engine.lastSeq - eventCount + 1;
    const accepted = submission.kind === 'new' && submission.accepted;
    commands.push({
      seq: ++commandSeq, actor: command.actor, key: command.key, type: command.type, at: command.at,
      payload: submission.commandPayloadJson, accepted, firstUse: submission.kind === 'new', firstEvent, eventCount,
    });
    for (const event of submission.events) postingRowsOf(event.seq, event.payload, postings);
    const kept = options?.keep?.({ kind: submission.kind, command, accepted, events: submission.events }, pending.index);
    if (!seal) {
      for (const event of submission.events) events.push({ seq: event.seq, actor: command.actor, key: event.key, type: event.type, payload: event.payloadJson });
      // A body that shows the events is completed by the driver, beside their hashes.
      const bodyIndex = kept !== undefined && !isCompleteBody(kept.body) ? bodies++ : -1;
      if (kept !== undefined) responses.push({ kept, firstEvent, eventCount });
      acks.push(new Unsealed(submission.kind, command, accepted, firstEvent, submission.events.map((e) => e.draft), kept, bodyIndex));
      continue;
    }
    const records = [];
    const chained = engine.seal(submission.events);
    for (const event of chained) {
      events.push(eventRowOf(event, command.actor));
      records.push(event.record);
    }
    const response = kept === undefined ? undefined : completed(kept, chained);
    if (response !== undefined) responses.push(response);
    acks.push(response === undefined ? { kind: submission.kind, command, accepted, events: records } : { kind: submission.kind, command, accepted, events: records, response });
  }
  const rows = seal ? { commands, events: events as EventRow[], postings, responses: responses as KeptResponse[] } : { commands, events, postings, responses: responses as UnsealedResponse[] };
  return { rows, outcomes: { sealed: seal, acks, firstSeq, lastSeq: engine.lastSeq, bodies }, commandSeq };
}

/** The response with its body complete, from the command's chained events (the same text the driver of an unsealed batch builds). */
function completed(kept: KeepRequest, chained: readonly ChainedEvent[]): KeptResponse {
  const body = kept.body;
  if (isCompleteBody(body)) return kept as KeptResponse;
  const texts = chained.map((e) => outcomeEventJson(e.record.seq, e.record.type, e.payloadJson, e.record.hash));
  return { ...kept, body: completeEventsBody(body, texts) };
}
