/**
 * The integer rules of trading (market.md §6, §10): band on the tick, fees in basis points
 * floored to the fen, reservations, close price half-up to the tick, the session calendar.
 * Every function takes and returns safe integers (fen, t, bp).
 */

/** Band around a reference price: upper = floor(ref × (1 + b)), lower = ceil(ref × (1 − b)), both on the tick. */
export function bandOf(referenceFen: number, bandBp: number, tickFen: number): { lowerFen: number; upperFen: number } {
  // Integer arithmetic: ref × (10,000 ± b) / 10,000, then to the tick (floor up, ceil down).
  const upperRaw = Math.floor((referenceFen * (10_000 + bandBp)) / 10_000);
  const lowerRaw = Math.ceil((referenceFen * (10_000 - bandBp)) / 10_000);
  const upperFen = Math.floor(upperRaw / tickFen) * tickFen;
  const lowerFen = Math.max(tickFen, Math.ceil(lowerRaw / tickFen) * tickFen);
  return { lowerFen, upperFen };
}

/** Fee of one side of a fill: basis points of the notional, floored to the fen. */
export function feeFen(notionalFen: number, feeBp: number): number {
  return Math.floor((notionalFen * feeBp) / 10_000);
}

/** Cash a buy reserves for `quantityT` at `limitFen`: notional plus the maximum fee on it. */
export function buyReservationFen(quantityT: number, limitFen: number, feeBp: number): number {
  const notional = quantityT * limitFen;
  return notional + feeFen(notional, feeBp);
}

/** VWAP rounded half-up to the tick: (Σ p·q) / (Σ q) in fen, exact in integers. */
export function vwapOnTick(notionalFen: number, quantityT: number, tickFen: number): number {
  // round(n / (q·tick)) · tick with halves up: floor((2n + q·tick) / (2·q·tick)).
  const unit = quantityT * tickFen;
  return Math.floor((2 * notionalFen + unit) / (2 * unit)) * tickFen;
}

export function onTick(priceFen: number, tickFen: number): boolean {
  return priceFen % tickFen === 0;
}

/** A trading window of the calendar: weekdays 1 (Monday) … 7, local times "HH:MM" Asia/Shanghai. */
export interface SessionWindow {
  readonly days: readonly number[];
  readonly open: string;
  readonly close: string;
}

/** Default calendar (SEEE practice): Monday–Friday 09:30–11:30 and 13:00–15:00. */
export const DEFAULT_CALENDAR: readonly SessionWindow[] = [
  { days: [1, 2, 3, 4, 5], open: '09:30', close: '11:30' },
  { days: [1, 2, 3, 4, 5], open: '13:00', close: '15:00' },
];

/** Weekday (1 = Monday) and "HH:MM" of an ISO time, in Asia/Shanghai (UTC+8, no DST). */
export function shanghaiClock(at: string): { weekday: number; hhmm: string; day: string } {
  const local = new Date(Date.parse(at) + 8 * 3_600_000);
  const iso = local.toISOString();
  const weekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  return { weekday, hhmm: iso.slice(11, 16), day: iso.slice(0, 10) };
}

/** True when `at` falls inside a window of the calendar (open inclusive, close exclusive). */
export function inCalendar(calendar: readonly SessionWindow[], at: string): boolean {
  const { weekday, hhmm } = shanghaiClock(at);
  return calendar.some((w) => w.days.includes(weekday) && hhmm >= w.open && hhmm < w.close);
}
