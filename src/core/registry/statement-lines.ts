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

type Payload = Record<string, unknown>;
type ProjectWaterfall = { readonly projectId: string; readonly waterfall: Waterfall };

const ZERO = { attributedT: 0, salesFen: 0, deductionsFen: 0, payableFen: 0, paidFen: 0 } as const;

/** The lines of every member of every project, kept as events are added in journal order. */
export class StatementLines {
  readonly #lines = new Map<string, StatementLine[]>();

  /** Folds one event (any event: those that touch no statement are passed over). */
  add(record: EventRecord): void {
    const p = record.payload;
    switch (record.type) {
      case 'credits.issued':
        for (const a of (p['attribution'] as readonly { memberId: string; quantityT: number }[] | undefined) ?? []) {
          this.#push(p['projectId'] as string, a.memberId, { ...ZERO, seq: record.seq, at: p['at'] as string, kind: 'issued', reference: p['periodId'] as string, attributedT: a.quantityT });
        }
        return;
      case 'trade':
      case 'trade.busted': {
        const bust = record.type === 'trade.busted';
        const tradeSeq = bust ? (p['tradeSeq'] as number) : record.seq;
        for (const w of (p['waterfalls'] as readonly ProjectWaterfall[] | undefined) ?? []) {
          this.#waterfall(record, w.projectId, w.waterfall, bust ? 'bust' : 'sale', p['instrument'] as string, tradeSeq, bust ? -1 : 1);
        }
        return;
      }
      case 'benefit.distributed':
        this.#waterfall(record, p['projectId'] as string, p['waterfall'] as Waterfall, 'distribution', p['reference'] as string, undefined, 1);
        return;
      case 'benefit.paid':
        this.#push(p['projectId'] as string, p['memberId'] as string, { ...ZERO, seq: record.seq, at: p['at'] as string, kind: 'payment', reference: p['bankReference'] as string, paidFen: p['amountFen'] as number });
        return;
      default:
        return;
    }
  }

  /** The member's lines in the project, in journal order. Not to be changed. */
  of(projectId: string, memberId: string): readonly StatementLine[] {
    return this.#lines.get(keyOf(projectId, memberId)) ?? [];
  }

  #waterfall(record: EventRecord, projectId: string, waterfall: Waterfall, kind: StatementLineKind, reference: string, tradeSeq: number | undefined, sign: 1 | -1): void {
    for (const m of waterfall.members) {
      this.#push(projectId, m.memberId, {
        seq: record.seq, at: record.payload['at'] as string, kind, reference, ...(tradeSeq === undefined ? {} : { tradeSeq }),
        attributedT: 0, salesFen: signed(sign, m.grossFen), deductionsFen: signed(sign, m.deductionsFen), payableFen: signed(sign, m.amountFen), paidFen: 0,
      });
    }
  }

  #push(projectId: string, memberId: string, line: StatementLine): void {
    const key = keyOf(projectId, memberId);
    const list = this.#lines.get(key);
    if (list === undefined) this.#lines.set(key, [line]);
    else list.push(line);
  }
}

/** The amount with the sign, never -0 (which would not compare equal to a 0 in tests, and reads oddly). */
const signed = (sign: 1 | -1, amount: number): number => (sign === 1 || amount === 0 ? amount : -amount);

const keyOf = (projectId: string, memberId: string): string => `${projectId}\n${memberId}`;
