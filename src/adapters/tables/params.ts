/**
 * The parameter file (contracts.md §3), validated with zod: every field optional over the
 * preset, unknown fields and values are errors naming their JSON path.
 */
import { z } from 'zod';
import {
  K_DENOMINATORS, LAND_CLASSES, PEARL_T_MODES, PRESET_NAMES, PRICE_MODES, PRICE_PER, REVISED_BASE_MODES,
  REVISION_MODES, THRESHOLD_ECC_MODES, THRESHOLD_MODES, ZONE_IDS,
  type EffectiveParams, type LandClass, type PresetName, presetParams,
} from '../../core/accounting/index.js';
import { type Result, ok, err } from '../../core/result.js';
import { parseJsonText, readText } from '../files.js';
import type { Problem } from '../problems.js';

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const positive = finite.refine((v) => v > 0, 'expected a number > 0');
const nullablePositive = positive.nullable();

const landSchema = z.strictObject(Object.fromEntries(LAND_CLASSES.map((c) => [c, finite.nullable()])) as Record<LandClass, z.ZodNullable<typeof finite>>).partial();

export const paramsFileSchema = z.strictObject({
  preset: z.enum(PRESET_NAMES),
  coefficients: z.strictObject({
    energyPerTce: positive,
    energyBasis: z.enum(['as-printed', 'tCO2e', 'tC']),
    respirationPerPerson: finite.refine((v) => v >= 0, 'expected a number ≥ 0'),
    respiration: z.boolean(),
    land: landSchema,
    gridTCO2PerMWh: nullablePositive,
  }).partial(),
  constPriceBaseYear: z.number().int().min(1900).max(2200).nullable(),
  zoning: z.array(z.strictObject({ zone: z.enum(ZONE_IDS), when: z.string().min(1) })).min(1),
  zoneNames: z.partialRecord(z.enum(ZONE_IDS), z.strictObject({ zh: z.string().min(1), en: z.string().min(1) })),
  compensation: z.strictObject({
    threshold: z.enum(THRESHOLD_MODES),
    thresholdEcc: z.enum(THRESHOLD_ECC_MODES),
    revision: z.enum(REVISION_MODES),
    revisedBase: z.enum(REVISED_BASE_MODES),
    kDenominator: z.enum(K_DENOMINATORS),
    balanced: z.boolean(),
    price: z.strictObject({
      mode: z.enum(PRICE_MODES),
      domesticMinYuan: nullablePositive,
      domesticMaxYuan: nullablePositive,
      internationalMinUsd: nullablePositive,
      internationalMaxUsd: nullablePositive,
      usdCny: nullablePositive,
      per: z.enum(PRICE_PER),
    }).partial(),
    gdpPerCapitaProvinceYuan: nullablePositive,
    gdpPerCapitaNationYuan: nullablePositive,
    pearl: z.strictObject({
      t: z.enum(PEARL_T_MODES),
      engel: positive.refine((v) => v < 1, 'expected a fraction such as 0.295').nullable(),
      a: finite,
      b: finite,
    }).partial(),
  }).partial(),
}).partial();

export type ParamsFile = z.infer<typeof paramsFileSchema>;

export function jsonPath(path: readonly PropertyKey[]): string {
  return '$' + path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
}

/** Turns zod issues into problems naming the JSON path, unknown keys one by one. */
export function zodProblems(file: string, error: z.ZodError): Problem[] {
  return error.issues.flatMap((issue): Problem[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ code: 'unknown_param_field', file, path: jsonPath([...issue.path, key]), message: `unknown field "${key}"` }));
    }
    const received = issue.code === 'invalid_value' ? `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` : issue.message;
    return [{ code: 'bad_param_value', file, path: jsonPath(issue.path), message: received }];
  });
}

export interface ResolvedParams {
  readonly params: EffectiveParams;
  readonly priceModeExplicit: boolean;
}

/** Fills every field the file leaves out from the preset; `presetFlag` wins over the file. */
export function resolveParams(file: ParamsFile, presetFlag?: PresetName): ResolvedParams {
  const preset = presetParams(presetFlag ?? file.preset ?? 'jiangxi-2024');
  const c = file.coefficients ?? {};
  const land: Partial<Record<LandClass, number>> = { ...preset.coefficients.land };
  for (const [landClass, lambda] of Object.entries(c.land ?? {}) as [LandClass, number | null][]) {
    if (lambda === null) delete land[landClass];
    else land[landClass] = lambda;
  }
  const comp = file.compensation ?? {};
  const params: EffectiveParams = {
    preset: preset.preset,
    coefficients: {
      energyPerTce: c.energyPerTce ?? preset.coefficients.energyPerTce,
      energyBasis: c.energyBasis ?? (c.energyPerTce !== undefined && preset.preset === 'consistent' ? 'tCO2e' : preset.coefficients.energyBasis),
      respirationPerPerson: c.respirationPerPerson ?? preset.coefficients.respirationPerPerson,
      respiration: c.respiration ?? preset.coefficients.respiration,
      land,
      gridTCO2PerMWh: c.gridTCO2PerMWh === undefined ? preset.coefficients.gridTCO2PerMWh : c.gridTCO2PerMWh,
    },
    constPriceBaseYear: file.constPriceBaseYear === undefined ? preset.constPriceBaseYear : file.constPriceBaseYear,
    zoning: file.zoning ?? preset.zoning,
    zoneNames: { ...preset.zoneNames, ...file.zoneNames },
    compensation: {
      ...preset.compensation,
      ...withoutUndefined({ ...comp, price: undefined, pearl: undefined }),
      price: { ...preset.compensation.price, ...withoutUndefined(comp.price ?? {}) },
      pearl: { ...preset.compensation.pearl, ...withoutUndefined(comp.pearl ?? {}) },
    },
  };
  return { params, priceModeExplicit: comp.price?.mode !== undefined };
}

function withoutUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

export function parseParamsText(file: string, text: string): Result<ParamsFile, Problem[]> {
  const data = parseJsonText(file, text);
  if (!data.ok) return err([data.error]);
  const parsed = paramsFileSchema.safeParse(data.value);
  return parsed.success ? ok(parsed.data) : err(zodProblems(file, parsed.error));
}

export async function readParamsFile(file: string): Promise<Result<ParamsFile, Problem[]>> {
  const text = await readText(file);
  return text.ok ? parseParamsText(file, text.value) : err([text.error]);
}
