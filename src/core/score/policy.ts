/**
 * Policy assessment by difference in differences (planning.md §2): per indicator the treated
 * and control means before (year < policy year) and after (year ≥ policy year),
 * did = (treated after − treated before) − (control after − control before), with the counts.
 */
import type { PolicyRow } from './types.js';

export interface PolicySeries {
  readonly name: string;
  readonly values: readonly (number | null)[];
}

export function differenceInDifferences(series: readonly PolicySeries[], years: readonly number[], treatedRows: readonly boolean[], policyYear: number): PolicyRow[] {
  return series.map(({ name, values }) => {
    const sums = { treated_before: 0, treated_after: 0, control_before: 0, control_after: 0 };
    const counts = { treated_before: 0, treated_after: 0, control_before: 0, control_after: 0 };
    values.forEach((value, i) => {
      if (value === null) return;
      const cell = `${treatedRows[i] ? 'treated' : 'control'}_${(years[i] as number) >= policyYear ? 'after' : 'before'}` as keyof typeof sums;
      sums[cell] += value;
      counts[cell] += 1;
    });
    const mean = (cell: keyof typeof sums): number | null => (counts[cell] > 0 ? sums[cell] / counts[cell] : null);
    const tb = mean('treated_before');
    const ta = mean('treated_after');
    const cb = mean('control_before');
    const ca = mean('control_after');
    return {
      indicator: name,
      treated_before: tb,
      treated_after: ta,
      control_before: cb,
      control_after: ca,
      did: tb === null || ta === null || cb === null || ca === null ? null : ta - tb - (ca - cb),
      counts,
    };
  });
}
