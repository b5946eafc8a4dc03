/** Zoning (accounting spec §4): an ordered rule table, first match wins. */
import { type Result, ok, err } from '../result.js';
import { type Expression, type ExpressionProblem, type ZoningEnv, ZONING_VARIABLES, evaluateCondition, parseExpression } from './expression.js';
import type { RegionResult } from './results.js';
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

/** Assigns zones to the regions of one year in place; `ranks[n]` is region n's emission rank (NaN: none). */
export function assignZones(
  regions: RegionResult[],
  ranks: Float64Array,
  rules: readonly CompiledRule[],
  warnings: WarningSink,
): void {
  const n = regions.length;
  const used = ZONING_VARIABLES.filter((name) => rules.some((rule) => new RegExp(`\\b${name}\\b`).test(rule.condition.source)));
  // One environment, refilled per region: the rules run synchronously and keep no reference.
  const env: Record<keyof ZoningEnv, number | null> = { ecc: null, esc: null, budget_t: null, emissions_t: null, emissions_share: null, intensity: null, rank_emissions: null, n };
  for (let index = 0; index < n; index++) {
    const region = regions[index] as RegionResult;
    if (region.ecc === null || region.esc === null) {
      region.zone = null;
      warnings.add({ code: 'zone_missing_ratio', region_code: region.region_code, year: region.year, detail: {} });
      continue;
    }
    const rank = ranks[index] as number;
    env.ecc = region.ecc;
    env.esc = region.esc;
    env.budget_t = region.budget_t;
    env.emissions_t = region.emissions_t;
    env.emissions_share = region.emissions_share;
    env.intensity = region.intensity_t_per_10k_yuan;
    env.rank_emissions = rank === rank ? rank : null;
    let zone: ZoneId | null = null;
    for (const rule of rules) {
      if (evaluateCondition(rule.condition, env)) {
        zone = rule.zone;
        break;
      }
    }
    if (used.some((name) => env[name] === null)) {
      const missing = used.filter((name) => env[name] === null);
      warnings.add({ code: 'zone_missing_variable', region_code: region.region_code, year: region.year, detail: { variables: missing.join(', ') } });
    }
    region.zone = zone;
  }
}
