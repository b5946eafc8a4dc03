/**
 * Checks the rules between a scenario's fields and expands it into one rate per year: the
 * form every engine below (projection, solver, Monte Carlo, tornado) works on.
 */
import { type Result, ok, err } from '../result.js';
import { type Point, interpolate, pointsOf } from './series.js';
import {
  type Distribution, type HistoryPoint, type PeriodInput, type RateInput, type ScenarioInput, type ScenarioProblem,
  type Targets, type UncertainTerm, UNCERTAIN_TERMS,
} from './types.js';

/** Default plateau tolerance (planning.md §1: 1 %). */
export const DEFAULT_PLATEAU_TOLERANCE = 0.01;

/** One independent Monte Carlo draw: a term over the years of a period or shock group. */
export interface ShockSlot {
  readonly term: UncertainTerm;
  readonly dist: Distribution;
  /** Indices into the per-year rate arrays (0 ↔ baseYear + 1). */
  readonly indices: readonly number[];
  readonly periods: readonly number[];
  readonly label: string;
}

export interface CompiledPeriod {
  readonly from: number;
  readonly to: number;
  readonly input: PeriodInput;
}

export interface CompiledScenario {
  readonly input: ScenarioInput;
  readonly baseYear: number;
  readonly endYear: number;
  /** Years base..end (n + 1 of them). */
  readonly years: readonly number[];
  /** Per projected year (index 0 ↔ baseYear + 1): GDP growth, intensity reduction, sink growth. */
  readonly g: Float64Array;
  readonly r: Float64Array;
  readonly s: Float64Array;
  /** Base-year sinks (growth mode) or null when sinks come from land use. */
  readonly sinksBaseT: number | null;
  /** Sinks per year from land use (index 0 ↔ baseYear), or null in growth mode. */
  readonly landSinksT: Float64Array | null;
  readonly removalsT: Float64Array;
  readonly nonFossilShare: readonly (number | null)[] | null;
  readonly periods: readonly CompiledPeriod[];
  readonly slots: readonly ShockSlot[];
  readonly plateauTolerance: number;
  readonly targets: Targets;
  readonly history: ReadonlyMap<number, HistoryPoint>;
}

type Path = readonly (string | number)[];
const problem = (code: ScenarioProblem['code'], path: Path, message: string) => err<ScenarioProblem>({ code, path, message });

export function compileScenario(input: ScenarioInput): Result<CompiledScenario, ScenarioProblem> {
  const { baseYear, endYear } = input;
  if (endYear <= baseYear) return problem('unknown_year', ['endYear'], `endYear ${endYear} must come after baseYear ${baseYear}`);
  const n = endYear - baseYear;
  const years = Array.from({ length: n + 1 }, (_, k) => baseYear + k);
  const g = new Float64Array(n);
  const r = new Float64Array(n);
  const s = new Float64Array(n);
  const periods: CompiledPeriod[] = [];
  let expected = baseYear + 1;
  for (const [index, period] of input.periods.entries()) {
    const path = ['periods', index];
    if (period.to < period.from) return problem('bad_param_value', [...path, 'to'], `period ends (${period.to}) before it starts (${period.from})`);
    if (period.from < expected) {
      if (period.from <= baseYear) return problem('unknown_year', [...path, 'from'], `period starts in ${period.from}, but the first projected year is ${baseYear + 1}`);
      return problem('period_overlap', [...path, 'from'], `period ${period.from}–${period.to} overlaps the previous one, which ends in ${expected - 1}`);
    }
    if (period.from > expected) return problem('period_gap', [...path, 'from'], `no period covers ${expected}–${period.from - 1}; periods must cover every year from ${baseYear + 1} to ${endYear} once, in order`);
    if (period.to > endYear) return problem('unknown_year', [...path, 'to'], `period ends in ${period.to}, after endYear ${endYear}`);
    const filled = fillPeriod(period, path, period.from - baseYear - 1, { g, r, s }, input.sinkLandUse !== undefined);
    if (!filled.ok) return filled;
    periods.push({ from: period.from, to: period.to, input: period });
    expected = period.to + 1;
  }
  if (expected <= endYear) return problem('period_gap', ['periods'], `no period covers ${expected}–${endYear}; periods must cover every year from ${baseYear + 1} to ${endYear} once`);

  const sinks = compileSinks(input, years);
  if (!sinks.ok) return sinks;
  const extras = compileExtras(input, years);
  if (!extras.ok) return extras;
  const slots = shockSlots(input, periods, baseYear);
  if (!slots.ok) return slots;
  const plateauTolerance = input.plateauTolerance ?? DEFAULT_PLATEAU_TOLERANCE;
  return ok({
    input, baseYear, endYear, years, g, r, s, periods, plateauTolerance, targets: input.targets ?? {},
    sinksBaseT: sinks.value.baseT, landSinksT: sinks.value.land, slots: slots.value, ...extras.value,
  });
}

interface RateArrays { g: Float64Array; r: Float64Array; s: Float64Array }

function fillPeriod(period: PeriodInput, path: Path, offset: number, arrays: RateArrays, landUse: boolean): Result<true, ScenarioProblem> {
  const length = period.to - period.from + 1;
  if (period.intensityReduction !== undefined && period.intensityReductionCumulative !== undefined) {
    return problem('conflicting_fields', [...path, 'intensityReductionCumulative'], 'give intensityReduction or intensityReductionCumulative, not both');
  }
  if (landUse && period.sinkGrowth !== undefined) {
    return problem('conflicting_fields', [...path, 'sinkGrowth'], 'sinks come from sinkLandUse: a period cannot also give sinkGrowth');
  }
  let intensity: RateInput;
  if (period.intensityReduction !== undefined) intensity = period.intensityReduction;
  else if (period.intensityReductionCumulative !== undefined) {
    const cumulative = period.intensityReductionCumulative;
    if (!(cumulative < 1)) return problem('rate_out_of_range', [...path, 'intensityReductionCumulative'], `a cumulative reduction must be < 1, found ${cumulative}`);
    intensity = 1 - Math.pow(1 - cumulative, 1 / length);
  } else return problem('missing_field', [...path, 'intensityReduction'], 'each period needs intensityReduction (per year) or intensityReductionCumulative');
  const specs: [keyof RateArrays, string, RateInput, number, number][] = [
    ['g', 'gdpGrowth', period.gdpGrowth, -1, Infinity],
    ['r', 'intensityReduction', intensity, -1, 1],
    ['s', 'sinkGrowth', period.sinkGrowth ?? 0, -1, Infinity],
  ];
  for (const [key, field, rate, low, high] of specs) {
    const values = typeof rate === 'number' ? Array.from({ length }, () => rate) : rate;
    if (values.length !== length) return problem('bad_rate_count', [...path, field], `expected ${length} yearly rates for ${period.from}–${period.to}, found ${values.length}`);
    for (const [i, value] of values.entries()) {
      if (!(value > low && value < high)) {
        const where = typeof rate === 'number' ? [...path, field] : [...path, field, i];
        const range = high === Infinity ? `> ${low}` : `in (${low}, ${high})`;
        return problem('rate_out_of_range', field === 'intensityReduction' && period.intensityReductionCumulative !== undefined ? [...path, 'intensityReductionCumulative'] : where, `${field} must be ${range}, found ${value}`);
      }
      arrays[key][offset + i] = value;
    }
  }
  return ok(true);
}

function compileSinks(input: ScenarioInput, years: readonly number[]): Result<{ baseT: number | null; land: Float64Array | null }, ScenarioProblem> {
  const land = input.sinkLandUse;
  if (land === undefined) {
    if (input.sinksT === undefined) return problem('missing_field', ['sinksT'], 'give sinksT (base-year sinks) or sinkLandUse');
    return ok({ baseT: input.sinksT, land: null });
  }
  if (input.sinksT !== undefined) return problem('conflicting_fields', ['sinksT'], 'sinks come from sinkLandUse: leave sinksT out');
  const classes = Object.keys(land.coefficientsTPerHm2);
  const byClass = new Map<string, Point[]>(classes.map((c) => [c, []]));
  for (const [year, areas] of Object.entries(land.areasHm2)) {
    for (const c of classes) {
      const area = areas[c];
      if (area === undefined) return problem('missing_field', ['sinkLandUse', 'areasHm2', year, c], `no area for class "${c}" in ${year}`);
      byClass.get(c)?.push({ year: Number(year), value: area });
    }
    for (const c of Object.keys(areas)) {
      if (!classes.includes(c)) return problem('bad_param_value', ['sinkLandUse', 'areasHm2', year, c], `class "${c}" has no coefficient in sinkLandUse.coefficientsTPerHm2`);
    }
  }
  const series = new Float64Array(years.length);
  for (const [k, year] of years.entries()) {
    let net = 0;
    for (const c of classes) {
      const points = (byClass.get(c) as Point[]).sort((a, b) => a.year - b.year);
      net += (land.coefficientsTPerHm2[c] as number) * (interpolate(points, year, 'hold') as number);
    }
    series[k] = -net; // negative coefficients are sinks
  }
  return ok({ baseT: null, land: series });
}

function compileExtras(input: ScenarioInput, years: readonly number[]): Result<Pick<CompiledScenario, 'removalsT' | 'nonFossilShare' | 'history'>, ScenarioProblem> {
  const { baseYear, endYear } = input;
  const inRange = (year: number): boolean => year >= baseYear && year <= endYear;
  const removalPoints = pointsOf(input.removalsT ?? {});
  const removalsT = Float64Array.from(years, (year) => interpolate(removalPoints, year, 'zero-before-hold-after') as number);
  const mixPoints = input.energyMix === undefined ? null : pointsOf(input.energyMix.nonFossilShare);
  const nonFossilShare = mixPoints === null ? null : years.map((year) => interpolate(mixPoints, year, 'null'));
  const history = new Map<number, HistoryPoint>();
  for (const [index, point] of (input.history ?? []).entries()) {
    if (point.year >= baseYear) return problem('unknown_year', ['history', index, 'year'], `history years come before the base year ${baseYear}, found ${point.year}`);
    if (history.has(point.year)) return problem('bad_param_value', ['history', index, 'year'], `${point.year} appears twice in history`);
    history.set(point.year, point);
  }
  const t = input.targets ?? {};
  if (t.intensity !== undefined) {
    if (!inRange(t.intensity.year)) return problem('unknown_year', ['targets', 'intensity', 'year'], `${t.intensity.year} is outside the projection ${baseYear}–${endYear}`);
    if (!inRange(t.intensity.vsYear) && !history.has(t.intensity.vsYear)) {
      return problem('unknown_year', ['targets', 'intensity', 'vsYear'], `${t.intensity.vsYear} is neither in the projection ${baseYear}–${endYear} nor in history`);
    }
  }
  if (t.vsPeak !== undefined && !inRange(t.vsPeak.year)) return problem('unknown_year', ['targets', 'vsPeak', 'year'], `${t.vsPeak.year} is outside the projection ${baseYear}–${endYear}`);
  if (t.nonFossilShare !== undefined) {
    if (mixPoints === null) return problem('missing_field', ['energyMix'], 'a nonFossilShare target needs an energyMix');
    const share = inRange(t.nonFossilShare.year) ? interpolate(mixPoints, t.nonFossilShare.year, 'null') : null;
    if (share === null) return problem('unknown_year', ['targets', 'nonFossilShare', 'year'], `the energy mix gives no share for ${t.nonFossilShare.year}`);
  }
  for (const year of Object.keys(input.compare?.emissionsT ?? {})) {
    if (!inRange(Number(year))) return problem('unknown_year', ['compare', 'emissionsT', year], `${year} is outside the projection ${baseYear}–${endYear}`);
  }
  return ok({ removalsT, nonFossilShare, history });
}

/** Draw slots in the order of contracts.md §5: period order, then term order (g, r, sink growth). */
function shockSlots(input: ScenarioInput, periods: readonly CompiledPeriod[], baseYear: number): Result<ShockSlot[], ScenarioProblem> {
  const uncertainty = input.uncertainty ?? {};
  const terms = UNCERTAIN_TERMS.filter((term) => uncertainty[term] !== undefined);
  if ((input.monteCarlo?.draws ?? 0) > 0 && terms.length === 0) return problem('no_uncertainty', ['monteCarlo', 'draws'], 'Monte Carlo draws need at least one uncertainty term');
  if (input.sinkLandUse !== undefined && uncertainty.sinkGrowth !== undefined) {
    return problem('conflicting_fields', ['uncertainty', 'sinkGrowth'], 'sinks come from sinkLandUse: there is no sink growth to perturb');
  }
  for (const term of terms) {
    const d = uncertainty[term] as Distribution;
    if (d.dist === 'triangular' && !(d.min <= d.mode && d.mode <= d.max)) return problem('bad_param_value', ['uncertainty', term], `triangular needs min ≤ mode ≤ max, found ${d.min}, ${d.mode}, ${d.max}`);
    if (d.dist === 'normal' && !(d.sd >= 0)) return problem('bad_param_value', ['uncertainty', term, 'sd'], `sd must be ≥ 0, found ${d.sd}`);
  }
  const slots: ShockSlot[] = [];
  const byGroup = new Map<string, Map<UncertainTerm, { indices: number[]; periods: number[]; label: string }>>();
  for (const [p, period] of periods.entries()) {
    const indices = Array.from({ length: period.to - period.from + 1 }, (_, i) => period.from - baseYear - 1 + i);
    for (const term of terms) {
      const group = period.input.shockGroup;
      const shared = group === undefined ? undefined : byGroup.get(group)?.get(term);
      if (shared !== undefined) {
        shared.indices.push(...indices);
        shared.periods.push(p);
        continue;
      }
      const slot = { term, dist: uncertainty[term] as Distribution, indices: [...indices], periods: [p], label: group ?? `${period.from}–${period.to}` };
      if (group !== undefined) {
        if (!byGroup.has(group)) byGroup.set(group, new Map());
        byGroup.get(group)?.set(term, slot);
      }
      slots.push(slot);
    }
  }
  return ok(slots);
}
