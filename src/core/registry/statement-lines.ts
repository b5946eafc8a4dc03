/**
 * A member's statement line by line (market.md §7): each event that moved a figure of the
 * statement — credits issued and attributed, a sale on the exchange, proceeds distributed off
 * it, a trade busted, a payment — as one line with what it added. The lines of a member add up
 * to its statement (`memberStatement`), figure by figure: a farmer can see where every fen
 * came from and when each was paid. Folded from the journal's events, as the statement is.
 */
import type { EventRecord } from '../journal/types.js';
import type { Waterfall } from './waterfall.js';

export type StatementLineKind = 'issued' | 'sale' | 'distribution' | 'bust' | 'payment';

export interface StatementLine {
  /** The event's seq: lines are in journal order. */
  readonly seq: number;
  readonly at: string;
  readonly kind: StatementLineKind;
  /**
   * What the line is about: the monitoring period (issued), the instrument (sale, bust), the
   * proponent's reference of an off-exchange sale (distribution), the bank's reference (payment).
   */
  readonly reference: string;
  /** The trade's seq, for a sale and a bust (the trade it undoes). */
  readonly tradeSeq?: number;
  /** What the line added to each figure of the statement; a bust's are negative. */
  readonly attributedT: number;
  readonly salesFen: number;
  readonly deductionsFen: number;
  readonly payableFen: number;
  readonly paidFen: number;
}

type ProjectWaterfall = { readonly projectId: string; readonly waterfall: Waterfall };

const ZERO = { attributedT: 0, salesFen: 0, deductionsFen: 0, payableFen: 0, paidFen: 0 } as const;

/**
 * The events that moved statements, by project, kept as events are added in journal order. A
 * member's lines are read from its project's events when asked for, not kept one object per
 * member and event: a sale of an aggregated project names every member, and a cooperative of
 * hundreds that sells daily would otherwise hold hundreds of thousands of lines.
 */
export class StatementLines {
  readonly #byProject = new Map<string, EventRecord[]>();

  /** Folds one event (any event: those that touch no statement are passed over). */
  add(record: EventRecord): void {
    for (const projectId of projectsOf(record)) {
      const list = this.#byProject.get(projectId);
      if (list === undefined) this.#byProject.set(projectId, [record]);
      else list.push(record);
    }
  }

  /** The project's events that moved statements, in journal order. Not to be changed. */
  records(projectId: string): readonly EventRecord[] {
    return this.#byProject.get(projectId) ?? [];
  }

  /** The member's lines in the project, in journal order. */
  of(projectId: string, memberId: string): StatementLine[] {
    return [...linesOf(this.records(projectId), projectId, memberId)];
  }
}

/** The member's lines in these events of the project (a page of them, from a cursor, or all). */
export function* linesOf(records: Iterable<EventRecord>, projectId: string, memberId: string): Generator<StatementLine> {
  for (const record of records) {
    const line = lineOf(record, projectId, memberId);
    if (line !== null) yield line;
  }
}

/** What one event added to the member's statement in the project; null when it named the member not. */
export function lineOf(record: EventRecord, projectId: string, memberId: string): StatementLine | null {
  const p = record.payload;
  const at = p['at'] as string;
  switch (record.type) {
    case 'credits.issued': {
      if (p['projectId'] !== projectId) return null;
      const a = ((p['attribution'] as readonly { memberId: string; quantityT: number }[] | undefined) ?? []).find((x) => x.memberId === memberId);
      return a === undefined ? null : { ...ZERO, seq: record.seq, at, kind: 'issued', reference: p['periodId'] as string, attributedT: a.quantityT };
    }
    case 'trade':
    case 'trade.busted': {
      const bust = record.type === 'trade.busted';
      const w = ((p['waterfalls'] as readonly ProjectWaterfall[] | undefined) ?? []).find((x) => x.projectId === projectId);
      const m = w?.waterfall.members.find((x) => x.memberId === memberId);
      if (m === undefined) return null;
      const sign = bust ? -1 : 1;
      return {
        seq: record.seq, at, kind: bust ? 'bust' : 'sale', reference: p['instrument'] as string, tradeSeq: bust ? (p['tradeSeq'] as number) : record.seq,
        attributedT: 0, salesFen: signed(sign, m.grossFen), deductionsFen: signed(sign, m.deductionsFen), payableFen: signed(sign, m.amountFen), paidFen: 0,
      };
    }
    case 'benefit.distributed': {
      if (p['projectId'] !== projectId) return null;
      const m = (p['waterfall'] as Waterfall).members.find((x) => x.memberId === memberId);
      if (m === undefined) return null;
      return { ...ZERO, seq: record.seq, at, kind: 'distribution', reference: p['reference'] as string, salesFen: m.grossFen, deductionsFen: m.deductionsFen, payableFen: m.amountFen };
    }
    case 'benefit.paid':
      if (p['projectId'] !== projectId || p['memberId'] !== memberId) return null;
      return { ...ZERO, seq: record.seq, at, kind: 'payment', reference: p['bankReference'] as string, paidFen: p['amountFen'] as number };
    default:
      return null;
  }
}

/** The projects whose statements an event moves. */
function projectsOf(record: EventRecord): readonly string[] {
  const p = record.payload;
  switch (record.type) {
    case 'credits.issued':
      return ((p['attribution'] as readonly unknown[] | undefined) ?? []).length > 0 ? [p['projectId'] as string] : [];
    case 'trade':
    case 'trade.busted':
      return [...new Set(((p['waterfalls'] as readonly ProjectWaterfall[] | undefined) ?? []).map((w) => w.projectId))];
    case 'benefit.distributed':
    case 'benefit.paid':
      return [p['projectId'] as string];
    default:
      return [];
  }
}

/** The amount with the sign, never -0 (which would not compare equal to a 0 in tests, and reads oddly). */
const signed = (sign: 1 | -1, amount: number): number => (sign === 1 || amount === 0 ? amount : -amount);
