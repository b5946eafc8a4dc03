/**
 * The published statistics the demo data are built from (data/demo/inputs/*.csv), parsed into
 * typed records. Every number in those files is copied from shared/references/data.md or from
 * seed 001; nothing here computes.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CsvRecord, field, numberField, parseRecords } from './csv.js';

export const INPUT_FILES = {
  census: 'census-population.csv',
  gdp: 'gdp-first-published.csv',
  ceadsCity: 'ceads-city-co2.csv',
  ceadsProvince: 'ceads-province-co2.csv',
  area: 'polygon-area.csv',
  provinceLand: 'province-land.csv',
  seed: 'seed001-figures.csv',
} as const;
export type InputName = keyof typeof INPUT_FILES;
export type InputTexts = Readonly<Record<InputName, string>>;

export interface CensusValue { readonly code: string; readonly name: string; readonly nameEn: string; readonly year: number; readonly persons: number; readonly source: string; readonly verified: boolean }
export interface GdpValue { readonly code: string; readonly year: number; readonly gdp100mYuan: number; readonly source: string; readonly verified: boolean }
export interface CeadsValue { readonly code: string; readonly year: number; readonly co2Mt: number; readonly source: string }
export interface ProvinceCo2 { readonly code: string; readonly name: string; readonly nameEn: string; readonly year: number; readonly co2T: number; readonly source: string }
export interface AreaValue { readonly code: string; readonly km2: number; readonly kind: string; readonly source: string }
export interface ProvinceLandValue { readonly code: string; readonly landClass: string; readonly hm2: number; readonly source: string }
export interface SeedFigure { readonly figure: string; readonly subject: string; readonly code: string; readonly year: string; readonly value: number; readonly unit: string; readonly used: string; readonly source: string }

export interface DemoInputs {
  readonly census: readonly CensusValue[];
  readonly gdp: readonly GdpValue[];
  readonly ceadsCity: readonly CeadsValue[];
  readonly ceadsProvince: readonly ProvinceCo2[];
  readonly area: readonly AreaValue[];
  readonly provinceLand: readonly ProvinceLandValue[];
  readonly seed: readonly SeedFigure[];
}

function records(texts: InputTexts, name: InputName): { rows: CsvRecord[]; file: string } {
  return { rows: parseRecords(texts[name]), file: INPUT_FILES[name] };
}

/** Parses the input files' texts (pure). */
export function parseInputs(texts: InputTexts): DemoInputs {
  const census = records(texts, 'census');
  const gdp = records(texts, 'gdp');
  const city = records(texts, 'ceadsCity');
  const province = records(texts, 'ceadsProvince');
  const area = records(texts, 'area');
  const land = records(texts, 'provinceLand');
  const seed = records(texts, 'seed');
  const s = (r: CsvRecord, c: string, f: string): string => field(r, c, f);
  const n = (r: CsvRecord, c: string, f: string): number => numberField(r, c, f);
  return {
    census: census.rows.map((r) => ({ code: s(r, 'region_code', census.file), name: s(r, 'region_name', census.file), nameEn: s(r, 'region_name_en', census.file), year: n(r, 'year', census.file), persons: n(r, 'value', census.file), source: s(r, 'source', census.file), verified: s(r, 'verified', census.file) === 'true' })),
    gdp: gdp.rows.map((r) => ({ code: s(r, 'region_code', gdp.file), year: n(r, 'year', gdp.file), gdp100mYuan: n(r, 'value', gdp.file), source: s(r, 'source', gdp.file), verified: s(r, 'verified', gdp.file) === 'true' })),
    ceadsCity: city.rows.map((r) => ({ code: s(r, 'region_code', city.file), year: n(r, 'year', city.file), co2Mt: n(r, 'value', city.file), source: s(r, 'source', city.file) })),
    ceadsProvince: province.rows.map((r) => ({ code: s(r, 'region_code', province.file), name: s(r, 'region_name', province.file), nameEn: s(r, 'region_name_en', province.file), year: n(r, 'year', province.file), co2T: n(r, 'value', province.file), source: s(r, 'source', province.file) })),
    area: area.rows.map((r) => ({ code: s(r, 'region_code', area.file), km2: n(r, 'value', area.file), kind: s(r, 'kind', area.file), source: s(r, 'source', area.file) })),
    provinceLand: land.rows.map((r) => ({ code: s(r, 'region_code', land.file), landClass: s(r, 'class', land.file), hm2: n(r, 'value', land.file), source: s(r, 'source', land.file) })),
    seed: seed.rows.map((r) => ({ figure: s(r, 'figure', seed.file), subject: s(r, 'subject', seed.file), code: s(r, 'region_code', seed.file), year: s(r, 'year', seed.file), value: n(r, 'value', seed.file), unit: s(r, 'unit', seed.file), used: s(r, 'used', seed.file), source: s(r, 'source', seed.file) })),
  };
}

/** Reads and parses every input file under `dir`. */
export async function loadInputs(dir: string): Promise<DemoInputs> {
  const names = Object.keys(INPUT_FILES) as InputName[];
  const texts = await Promise.all(names.map((name) => readFile(join(dir, INPUT_FILES[name]), 'utf8')));
  return parseInputs(Object.fromEntries(names.map((name, i) => [name, texts[i] ?? ''])) as Record<InputName, string>);
}

/** One seed-001 figure by (figure, subject, year); throws when the inputs lack it. */
export function seedValue(inputs: DemoInputs, figure: string, subject: string, year = ''): number {
  const found = inputs.seed.find((f) => f.figure === figure && f.subject === subject && f.year === year);
  if (found === undefined) throw new Error(`seed001-figures.csv: no ${figure} for ${subject} ${year}`);
  return found.value;
}
