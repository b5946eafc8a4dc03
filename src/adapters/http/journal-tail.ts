/**
 * The events that the tape, the candles, a trader's own orders and trades and a serial's history
 * are built from, kept in memory as the journal grows: a request reads only what was committed
 * since the last one (one range query on the event log), not the whole journal again.
 */
import type { CommandStore } from '../../core/journal/store.js';
import type { EventRecord } from '../../core/journal/types.js';

/** Every event type `tradeTape`, `candles`, `ownOrders` and `ownTrades` look at. */
const MARKET_TYPES = new Set(['order.accepted', 'order.amended', 'order.done', 'trade', 'trade.busted']);
const PAGE = 10_000;

export class JournalTail {
  #seq = 0;
  readonly #market: EventRecord[] = [];
  /** Events that move serial blocks (`payload.blocks`): a serial's history. */
  readonly #blocks: EventRecord[] = [];
  /** Catch-ups run one after another, each started after its request arrived: a client sees what was acknowledged to it. */
  #last: Promise<void> = Promise.resolve();

  constructor(private readonly store: Pick<CommandStore<unknown>, 'eventsAfter'>) {}

  /** The market's events up to at least everything committed before the call, in journal order. */
  async marketEvents(): Promise<readonly EventRecord[]> {
    await this.#caughtUp();
    return this.#market.slice();
  }

  /** The events that move serial blocks, likewise. */
  async blockEvents(): Promise<readonly EventRecord[]> {
    await this.#caughtUp();
    return this.#blocks.slice();
  }

  #caughtUp(): Promise<void> {
    const run = this.#last.then(() => this.#catchUp());
    this.#last = run.catch(() => undefined);
    return run;
  }

  async #catchUp(): Promise<void> {
    for (;;) {
      const page = await this.store.eventsAfter(this.#seq, PAGE);
      for (const record of page) {
        if (MARKET_TYPES.has(record.type)) this.#market.push(record);
        if (record.payload['blocks'] !== undefined) this.#blocks.push(record);
      }
      if (page.length > 0) this.#seq = page[page.length - 1]!.seq;
      if (page.length < PAGE) return;
    }
  }
}

const tails = new WeakMap<object, JournalTail>();

/** The one tail of a store (a server has one store; tests open many). */
export function journalTail(store: Pick<CommandStore<unknown>, 'eventsAfter'>): JournalTail {
  let tail = tails.get(store);
  if (tail === undefined) tails.set(store, (tail = new JournalTail(store)));
  return tail;
}
