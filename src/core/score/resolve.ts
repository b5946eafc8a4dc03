/**
 * Checks the params against the data (every indicator named in the params exists; every
 * indicator has a polarity and one group) and normalises the columns.
 */
import { type Result, ok, err } from '../result.js';
import { INDICATORS, defaultGroup } from './indicators.js';
import { normaliseColumn } from './normalise.js';
import type { Normalisation, Polarity, ScoreData, ScoreParams, ScoreProblem } from './types.js';

export interface Resolved {
  readonly indicators: readonly string[];
  readonly polarity: readonly Polarity[];
  readonly normalisation: readonly Normalisation[];
  /** Group → indicator codes, in group order. */
  readonly groups: ReadonlyMap<string, readonly string[]>;
  /** Group → indicator column indices. */
  readonly groupColumns: ReadonlyMap<string, readonly number[]>;
  readonly groupOf: readonly string[];
}

const problem = (code: ScoreProblem['code'], path: ScoreProblem['path'], message: string) => err<ScoreProblem>({ code, path, message });

export function resolve(data: ScoreData, params: ScoreParams): Result<Resolved, ScoreProblem> {
  const known = new Set(data.indicators);
  const named: [string, readonly string[]][] = [
    ['polarity', Object.keys(params.polarity ?? {})],
    ['normalisation', Object.keys(params.normalisation ?? {})],
    ['weights', Object.keys(params.weights ?? {})],
  ];
  for (const [field, codes] of named) {
    const stray = codes.find((code) => !known.has(code));
    if (stray !== undefined) return problem('unknown_indicator', [field, stray], `${stray} is not a column of the data (indicators: ${data.indicators.join(', ')})`);
  }
  for (const [i, code] of (params.perCapita ?? []).entries()) {
    if (!known.has(code)) return problem('unknown_indicator', ['perCapita', i], `${code} is not a column of the data`);
  }
  const polarity: Polarity[] = [];
  for (const code of data.indicators) {
    const p = params.polarity?.[code] ?? INDICATORS[code]?.polarity;
    if (p === undefined) return problem('missing_param', ['polarity', code], `${code} is not an indicator of seed 004: give its polarity ("+" or "-")`);
    polarity.push(p);
  }
  const groups = new Map<string, string[]>();
  if (params.groups !== undefined) {
    const seen = new Set<string>();
    for (const [group, members] of Object.entries(params.groups)) {
      if (group === 'S') return problem('bad_param_value', ['groups', group], '"S" is the total score: name the group otherwise');
      for (const [i, code] of members.entries()) {
        if (!known.has(code)) return problem('unknown_indicator', ['groups', group, i], `${code} is not a column of the data`);
        if (seen.has(code)) return problem('bad_param_value', ['groups', group, i], `${code} is in more than one group`);
        seen.add(code);
      }
      if (members.length > 0) groups.set(group, [...members]);
    }
    const missing = data.indicators.find((code) => !seen.has(code));
    if (missing !== undefined) return problem('missing_indicator', ['groups'], `${missing} is in no group`);
  } else {
    for (const code of [...data.indicators].sort()) {
      const group = defaultGroup(code);
      groups.set(group, [...(groups.get(group) ?? []), code]);
    }
  }
  const column = new Map(data.indicators.map((code, j) => [code, j]));
  const groupColumns = new Map([...groups].map(([g, codes]) => [g, codes.map((code) => column.get(code) as number)]));
  const groupOf = data.indicators.map((code) => [...groups].find(([, codes]) => codes.includes(code))?.[0] as string);
  const normalisation = data.indicators.map((code) => params.normalisation?.[code] ?? 'min-max');
  return ok({ indicators: data.indicators, polarity, normalisation, groups, groupColumns, groupOf });
}

export interface Normalised {
  readonly z: Float64Array[];
  readonly constant: boolean[];
}

export function normaliseAll(values: readonly (readonly number[])[], r: Resolved): Result<Normalised, ScoreProblem> {
  const z: Float64Array[] = [];
  const constant: boolean[] = [];
  for (const [j, code] of r.indicators.entries()) {
    const column = normaliseColumn(values.map((row) => row[j] as number), r.polarity[j] as Polarity, r.normalisation[j] as Normalisation);
    if (!column.ok) return problem('bad_param_value', ['normalisation', code], `${code}: ${column.error}`);
    z.push(column.value.z);
    constant.push(column.value.constant);
  }
  return ok({ z, constant });
}
