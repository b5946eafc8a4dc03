/** Zoning (accounting spec §4): an ordered rule table, first match wins. */
import { type Result, ok, err } from '../result.js';
import { type Expression, type ExpressionProblem, type ZoningEnv, ZONING_VARIABLES, evaluateCondition, parseExpression } from './expression.js';
import type { Budgets } from './budget.js';
import type { RegionColumns } from './region-columns.js';
import { type RegionResultColumns, orNull } from './region-results.js';
import type { ZoneId, ZoningRule } from './types.js';
import type { WarningSink } from './warnings.js';

export interface CompiledRule {
  readonly zone: ZoneId;
  readonly condition: Expression;
}

export type ZoningProblem =
  | (ExpressionProblem & { readonly rule: number })
  | { readonly code: 'zoning_no_final_true'; readonly rule: number; readonly message: string };

/** Parses every rule; the last must be `true` so that every region gets a zone. */
export function compileZoning(rules: readonly ZoningRule[]): Result<CompiledRule[], ZoningProblem> {
  const compiled: CompiledRule[] = [];
  for (const [index, rule] of rules.entries()) {
    const parsed = parseExpression(rule.when);
    if (!parsed.ok) return err({ ...parsed.error, rule: index });
    compiled.push({ zone: rule.zone, condition: parsed.value });
  }
  const last = rules.at(-1);
  if (last === undefined || last.when.trim() !== 'true') {
    return err({ code: 'zoning_no_final_true', rule: Math.max(0, rules.length - 1), message: 'the last zoning rule must be "true"' });
  }
  return ok(compiled);
}

/**
 * Assigns the zones of one year's results, positions [at, at + ranks.length) of `out`;
 * `ranks[k]` is the emission rank of result at + k (NaN: none).
 */
export function assignZones(
  table: RegionColumns,
  b: Budgets,
  out: RegionResultColumns,
  at: number,
  ranks: Float64Array,
  rules: readonly CompiledRule[],
  warnings: WarningSink,
): void {
  const n = ranks.length;
  const used = ZONING_VARIABLES.filter((name) => rules.some((rule) => new RegExp(`\\b${name}\\b`).test(rule.condition.source)));
  // One environment, refilled per region: the rules run synchronously and keep no reference.
  const env: Record<keyof ZoningEnv, number | null> = { ecc: null, esc: null, budget_t: null, emissions_t: null, emissions_share: null, intensity: null, rank_emissions: null, n };
  for (let k = 0; k < n; k++) {
    const p = at + k;
    const i = out.row[p] as number;
    const ecc = out.ecc[p] as number;
    const esc = out.esc[p] as number;
    if (ecc !== ecc || esc !== esc) {
      warnings.add({ code: 'zone_missing_ratio', region_code: table.regionCode[i] as string, year: table.year[i] as number, detail: {} });
      continue;
    }
    env.ecc = ecc;
    env.esc = esc;
    env.budget_t = orNull(b.budgetT[i] as number);
    env.emissions_t = orNull(b.emissionsT[i] as number);
    env.emissions_share = orNull(out.emissionsShare[p] as number);
    env.intensity = orNull(b.intensity[i] as number);
    env.rank_emissions = orNull(ranks[k] as number);
    let zone: ZoneId | null = null;
    for (const rule of rules) {
      if (evaluateCondition(rule.condition, env)) {
        zone = rule.zone;
        break;
      }
    }
    if (used.some((name) => env[name] === null)) {
      const missing = used.filter((name) => env[name] === null);
      warnings.add({ code: 'zone_missing_variable', region_code: table.regionCode[i] as string, year: table.year[i] as number, detail: { variables: missing.join(', ') } });
    }
    out.zone[p] = zone;
  }
}
