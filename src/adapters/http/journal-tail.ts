/**
 * What the tape, the candles, a trader's own orders and trades, a serial's history and a
 * member's statement lines are read from, kept in memory as the journal grows: the market's
 * views (core/market/views.ts), folded event by event, and by project the events that move serial
 * blocks and those that move members' statements (core/registry/statement-lines.ts). A request first catches
 * up with what was committed since the last one (range queries on the event log), never the
 * whole journal again.
 */
import type { CommandStore } from '../../core/journal/store.js';
import type { EventRecord } from '../../core/journal/types.js';
import { MarketViews } from '../../core/market/index.js';
import { StatementLines } from '../../core/registry/index.js';

/**
 * Events per read while catching up. Each page is read on the store's writer thread and parsed
 * and folded here: at 10,000 a page held up other requests and the writer's commits for about
 * 0.1 s; between smaller pages, they go on.
 */
const PAGE = 2_000;

export class JournalTail {
  #seq = 0;
  readonly #market = new MarketViews();
  /** Events that move serial blocks (`payload.blocks`), by the project of the blocks: a serial's history. */
  readonly #blocks = new Map<string, EventRecord[]>();
  /** The events that moved members' statements, by project (core/registry/statement-lines.ts). */
  readonly #statements = new StatementLines();
  /** Catch-ups run one after another, each started after its request arrived: a client sees what was acknowledged to it. */
  #last: Promise<void> = Promise.resolve();

  constructor(private readonly store: Pick<CommandStore<unknown>, 'eventsAfter'>) {}

  /**
   * The market's views as of at least everything committed before the call. Read them before
   * the next await: they go on changing as later requests catch up.
   */
  async market(): Promise<MarketViews> {
    await this.#caughtUp();
    return this.#market;
  }

  /** The events that move blocks of the project's serials, likewise, in journal order. Not to be changed. */
  async blockEvents(projectId: string): Promise<readonly EventRecord[]> {
    await this.#caughtUp();
    return this.#blocks.get(projectId) ?? [];
  }

  /** The events that moved the statements of a project's members, likewise, in journal order. Not to be changed. */
  async statementEvents(projectId: string): Promise<readonly EventRecord[]> {
    await this.#caughtUp();
    return this.#statements.records(projectId);
  }

  #caughtUp(): Promise<void> {
    const run = this.#last.then(() => this.#catchUp());
    this.#last = run.catch(() => undefined);
    return run;
  }

  #add(projectId: string, record: EventRecord): void {
    const list = this.#blocks.get(projectId);
    if (list === undefined) this.#blocks.set(projectId, [record]);
    else list.push(record);
  }

  async #catchUp(): Promise<void> {
    for (;;) {
      const page = await this.store.eventsAfter(this.#seq, PAGE);
      for (const record of page) {
        this.#market.add(record);
        this.#statements.add(record);
        const blocks = record.payload['blocks'] as readonly { projectId: string }[] | undefined;
        if (blocks !== undefined) for (const projectId of new Set(blocks.map((b) => b.projectId))) this.#add(projectId, record);
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
