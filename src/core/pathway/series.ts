/** Year-keyed point series (removals, energy mix, land-use areas) turned into one value per year. */

export interface Point {
  readonly year: number;
  readonly value: number;
}

/** Parses `{ "2030": 1, … }` into points sorted by year; keys are checked by the adapter. */
export function pointsOf(record: Readonly<Record<string, number>>): Point[] {
  return Object.entries(record)
    .map(([year, value]) => ({ year: Number(year), value }))
    .sort((a, b) => a.year - b.year);
}

export type Outside = 'zero-before-hold-after' | 'hold' | 'null';

/** Linear interpolation between points; outside them as `outside` says. */
export function interpolate(points: readonly Point[], year: number, outside: Outside): number | null {
  const first = points[0];
  const last = points.at(-1);
  if (first === undefined || last === undefined) return outside === 'null' ? null : 0;
  if (year < first.year) return outside === 'null' ? null : outside === 'hold' ? first.value : 0;
  if (year > last.year) return outside === 'null' ? null : last.value;
  for (let i = 1; i < points.length; i++) {
    const right = points[i] as Point;
    if (year <= right.year) {
      const left = points[i - 1] as Point;
      return left.value + ((right.value - left.value) * (year - left.year)) / (right.year - left.year);
    }
  }
  return first.value; // a single point equal to year
}
