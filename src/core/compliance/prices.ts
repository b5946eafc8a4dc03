/**
 * The penalty price (market.md §10): the VWAP of the instrument's trades in the calendar
 * month before the deadline's month; if none, of the latest earlier month with trades; else
 * the reference price. Cap-and-trade takes the period's allowance instrument; the neutrality
 * regime takes every sink-credit instrument together ("the sink credits' price").
 */
import { shanghaiClock } from '../market/index.js';
import type { ComplianceState, Jurisdiction } from './types.js';

export interface PenaltyPrice {
  readonly priceFen: number;
  /** `vwap YYYY-MM`, `reference <instrument>` or `reference <jurisdiction>`. */
  readonly source: string;
}

/** `YYYY-MM` of the month before the one `day` (YYYY-MM-DD) falls in. */
export function monthBefore(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

/** Records a trade in its instrument's month (Asia/Shanghai); a negative quantity takes a busted one out. */
export function recordTradeMonth(state: ComplianceState, instrument: string, at: string, priceFen: number, quantityT: number): void {
  const month = shanghaiClock(at).day.slice(0, 7);
  let byMonth = state.compliance.monthly.get(instrument);
  if (byMonth === undefined) state.compliance.monthly.set(instrument, (byMonth = new Map()));
  const m = byMonth.get(month) ?? { notionalFen: 0, volumeT: 0 };
  byMonth.set(month, { notionalFen: m.notionalFen + priceFen * quantityT, volumeT: m.volumeT + quantityT });
}

/**
 * The penalty price for a deadline (or a due date) of jurisdiction `j`; `allowanceInstrument`
 * is the period's `CEA/<jurisdiction>/<year>` under cap-and-trade, null under neutrality.
 */
export function penaltyPrice(state: ComplianceState, j: Jurisdiction, day: string, allowanceInstrument: string | null): PenaltyPrice {
  const target = monthBefore(day);
  const months = new Map<string, { notionalFen: bigint; volumeT: bigint }>();
  for (const [instrument, byMonth] of state.compliance.monthly) {
    const counts = allowanceInstrument === null ? instrument.startsWith('SINK/') : instrument === allowanceInstrument;
    if (!counts) continue;
    for (const [month, m] of byMonth) {
      if (month > target) continue;
      const sum = months.get(month) ?? { notionalFen: 0n, volumeT: 0n };
      months.set(month, { notionalFen: sum.notionalFen + BigInt(m.notionalFen), volumeT: sum.volumeT + BigInt(m.volumeT) });
    }
  }
  const latest = [...months.keys()].filter((m) => months.get(m)!.volumeT > 0n).sort().at(-1);
  if (latest !== undefined) {
    const m = months.get(latest)!;
    // Half-up to the fen: floor((2n + v) / 2v).
    return { priceFen: Number((2n * m.notionalFen + m.volumeT) / (2n * m.volumeT)), source: `vwap ${latest}` };
  }
  const listed = allowanceInstrument === null ? undefined : state.market.instruments.get(allowanceInstrument);
  if (listed !== undefined) return { priceFen: listed.config.referencePriceFen, source: `reference ${allowanceInstrument}` };
  return { priceFen: j.referencePriceFen, source: `reference ${j.id}` };
}

/** multiple × price × tonnes, exact; null when it leaves the safe integer range. */
export function penaltyFen(multiple: number, priceFen: number, tonnes: number): number | null {
  const fen = BigInt(multiple) * BigInt(priceFen) * BigInt(tonnes);
  return fen <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(fen) : null;
}
