/**
 * Aggregation (planning.md §2): weighted sum per level, S_g = Σ_{j∈g} w_j z_j / Σ_{j∈g} w_j and
 * S = Σ_j w_j z_j; TOPSIS on the same z with weights applied before distances, ideal and
 * anti-ideal per column = max and min of the weighted z (pooled over all region-years).
 */

/** Group scores and S per row; a group with zero total weight scores null. */
export function weightedSums(z: readonly Float64Array[], weights: readonly number[], groups: ReadonlyMap<string, readonly number[]>): Record<string, number | null>[] {
  const rows = z[0]?.length ?? 0;
  const out: Record<string, number | null>[] = [];
  for (let i = 0; i < rows; i++) {
    const scores: Record<string, number | null> = {};
    let total = 0;
    for (const [group, members] of groups) {
      let sum = 0;
      let weight = 0;
      for (const j of members) {
        sum += (weights[j] as number) * ((z[j] as Float64Array)[i] as number);
        weight += weights[j] as number;
      }
      scores[group] = weight > 0 ? sum / weight : null;
      total += sum;
    }
    scores.S = total;
    out.push(scores);
  }
  return out;
}

/** Closeness C_i = D⁻ / (D⁺ + D⁻) ∈ [0, 1]. */
export function topsisCloseness(z: readonly Float64Array[], weights: readonly number[]): number[] {
  const rows = z[0]?.length ?? 0;
  const ideal = z.map((column, j) => column.reduce((m, v) => Math.max(m, (weights[j] as number) * v), -Infinity));
  const anti = z.map((column, j) => column.reduce((m, v) => Math.min(m, (weights[j] as number) * v), Infinity));
  const closeness: number[] = [];
  for (let i = 0; i < rows; i++) {
    let plus = 0;
    let minus = 0;
    for (const [j, column] of z.entries()) {
      const v = (weights[j] as number) * (column[i] as number);
      plus += (v - (ideal[j] as number)) ** 2;
      minus += (v - (anti[j] as number)) ** 2;
    }
    const dPlus = Math.sqrt(plus);
    const dMinus = Math.sqrt(minus);
    if (dPlus + dMinus === 0) throw new Error('TOPSIS: ideal equals anti-ideal; the all-constant check should have refused this');
    closeness.push(dMinus / (dPlus + dMinus));
  }
  return closeness;
}

/**
 * Ranks within each year (1 = best, higher value first); ties share the lower rank
 * (competition ranking: 1, 2, 2, 4).
 */
export function ranksByYear(values: readonly number[], years: readonly (number | null)[]): number[] {
  const ranks = values.map(() => 0);
  const byYear = new Map<number | null, number[]>();
  years.forEach((year, i) => {
    const list = byYear.get(year) ?? [];
    list.push(i);
    byYear.set(year, list);
  });
  for (const members of byYear.values()) {
    for (const i of members) {
      let better = 0;
      for (const j of members) if ((values[j] as number) > (values[i] as number)) better++;
      ranks[i] = better + 1;
    }
  }
  return ranks;
}
