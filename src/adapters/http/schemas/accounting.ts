/**
 * Accounting run requests (contracts.md §2–3 as a request) and the result document
 * (contracts.md §4) as zod schemas: the same schemas validate and document the API.
 */
import { z } from 'zod';
import {
  K_DENOMINATORS, PEARL_T_MODES, PRESET_NAMES, PRICE_MODES, PRICE_PER, REVISED_BASE_MODES, REVISION_MODES,
  THRESHOLD_ECC_MODES, THRESHOLD_MODES, ZONE_IDS,
} from '../../../core/accounting/index.js';
import { paramsFileSchema } from '../../tables/params.js';
import { tableUploadSchema } from './tables.js';

export const languageSchema = z.enum(['en', 'zh']).default('en').describe('language of warning messages');
const year = z.number().int().min(1900).max(2200);

export const accountingRunSchema = z.strictObject({
  tables: z.array(tableUploadSchema).min(1).max(20).describe('region tables (contracts.md §2), merged on (region_code, year)'),
  fuels: tableUploadSchema.optional().describe('fuel table: region_code, year, fuel, quantity, unit'),
  params: paramsFileSchema.optional().describe('parameter file (contracts.md §3), every field optional over the preset'),
  preset: z.enum(PRESET_NAMES).optional().describe('wins over params.preset'),
  year: year.optional().describe('compensation year (default: the last year of the table)'),
  lang: languageSchema,
});

export const accountingFormSchema = z.strictObject({
  data: z.array(z.file()).min(1).max(20).describe('region tables (CSV, XLSX or JSON files); repeat the part to merge several'),
  fuels: z.file().optional(),
  params: z.union([z.string(), z.file()]).optional().describe('parameter file (JSON), as a file or as text'),
  preset: z.enum(PRESET_NAMES).optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  lang: languageSchema,
});

const num = z.number().nullable();
const budgetFields = {
  emissions_energy_t: num, emissions_respiration_t: num, emissions_land_t: num, emissions_t: num, absorption_t: num, budget_t: num,
};

const regionResultSchema = z.object({
  region_code: z.string(), region_name: z.string(), year: z.number().int(), ...budgetFields,
  ecc: num, esc: num, zone: z.enum(ZONE_IDS).nullable(),
  intensity_t_per_10k_yuan: num, emissions_per_capita_t: num, emissions_share: num, absorption_share: num, gdp_share: num,
  emissions_growth_rate: num,
});

const totalsSchema = z.object({
  year: z.number().int(), regions: z.number().int(), gdp_yuan: num, population: num, ...budgetFields,
  province_row: z.object({ region_code: z.string(), ...budgetFields, difference_t: num }).optional(),
});

const compensationSchema = z.object({
  year: z.number().int(),
  alpha_yuan_per_t: num, d_t: num, payers_total_10k_yuan: num, receivers_total_10k_yuan: num,
  regions: z.array(z.object({
    region_code: z.string(), base_t: num, threshold_t: num, revised_emissions_t: num, revised_base_t: num, gamma: num,
    role: z.enum(['pay', 'receive', 'balance']).nullable(), amount_10k_yuan: num, amount_million_yuan: num,
  })),
});

/** The effective parameters: every field of the params file, filled. */
const effectiveParamsSchema = z.object({
  preset: z.enum(PRESET_NAMES),
  coefficients: z.object({
    energyPerTce: z.number(), energyBasis: z.enum(['as-printed', 'tCO2e', 'tC']), respirationPerPerson: z.number(), respiration: z.boolean(),
    land: z.record(z.string(), z.number()), gridTCO2PerMWh: num,
  }),
  constPriceBaseYear: num,
  zoning: z.array(z.object({ zone: z.enum(ZONE_IDS), when: z.string() })),
  zoneNames: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })),
  compensation: z.object({
    threshold: z.enum(THRESHOLD_MODES), thresholdEcc: z.enum(THRESHOLD_ECC_MODES), revision: z.enum(REVISION_MODES),
    revisedBase: z.enum(REVISED_BASE_MODES), kDenominator: z.enum(K_DENOMINATORS), balanced: z.boolean(),
    price: z.object({
      mode: z.enum(PRICE_MODES), domesticMinYuan: num, domesticMaxYuan: num, internationalMinUsd: num, internationalMaxUsd: num,
      usdCny: num, per: z.enum(PRICE_PER),
    }),
    gdpPerCapitaProvinceYuan: num, gdpPerCapitaNationYuan: num,
    pearl: z.object({ t: z.enum(PEARL_T_MODES), engel: num, a: z.number(), b: z.number() }),
  }),
});

export const warningSchema = z.object({ code: z.string(), message: z.string(), region_code: z.string().optional(), year: z.number().int().optional() });

export const accountingDocumentSchema = z.object({
  preset: z.enum(PRESET_NAMES),
  basis: z.enum(['tCO2e', 'tC', 'as-printed']),
  params: effectiveParamsSchema,
  inputs: z.object({
    files: z.array(z.string()),
    conversions: z.array(z.object({ column: z.string(), from: z.string(), to: z.string(), factor: z.number() })),
    ignored_columns: z.array(z.object({ file: z.string(), column: z.string() })).optional(),
  }),
  regionSet: z.array(z.string()),
  warnings: z.array(warningSchema),
  regions: z.array(regionResultSchema),
  totals: z.array(totalsSchema),
  compensation: compensationSchema,
  coefficients: z.array(z.object({
    name: z.string(), value: num, unit: z.string(), basis: z.string(), citation: z.string(), status: z.string(),
  })),
}).describe('contracts.md §4: the output of neutral account --format json');
