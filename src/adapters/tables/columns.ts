/**
 * Region-table headers (contracts.md §2): canonical English names, yearbook units and
 * Chinese yearbook headers, each mapped once to a quantity and a factor to canonical units.
 */
import { LAND_CLASSES, type LandClass } from '../../core/accounting/index.js';

export type Quantity =
  | 'region_code'
  | 'region_name'
  | 'year'
  | 'population'
  | 'gdp_yuan'
  | 'gdp_const_10k_yuan'
  | 'energy_tce'
  | `${LandClass}_hm2`;

export const QUANTITY_COLUMNS: readonly Quantity[] = [
  'region_code', 'region_name', 'year', 'population', 'gdp_yuan', 'gdp_const_10k_yuan', 'energy_tce',
  ...LAND_CLASSES.map((c) => `${c}_hm2` as const),
];

export interface ColumnMeaning {
  readonly quantity: Quantity;
  /** Multiply the cell by this to get the canonical unit. */
  readonly factor: number;
  /** The unit as written in the header, for the conversions report. */
  readonly unit: string;
}

export type HeaderReading =
  | { readonly kind: 'column'; readonly meaning: ColumnMeaning }
  | { readonly kind: 'needs_unit'; readonly quantity: string }
  | { readonly kind: 'unknown_unit'; readonly unit: string }
  | { readonly kind: 'ignored' };

const ENGLISH: Record<string, ColumnMeaning> = {
  region_code: { quantity: 'region_code', factor: 1, unit: '' },
  region_name: { quantity: 'region_name', factor: 1, unit: '' },
  year: { quantity: 'year', factor: 1, unit: '' },
  population: { quantity: 'population', factor: 1, unit: 'persons' },
  population_10k: { quantity: 'population', factor: 1e4, unit: '10^4 persons' },
  gdp_yuan: { quantity: 'gdp_yuan', factor: 1, unit: 'yuan' },
  gdp_10k_yuan: { quantity: 'gdp_yuan', factor: 1e4, unit: '10^4 yuan' },
  gdp_100m_yuan: { quantity: 'gdp_yuan', factor: 1e8, unit: '10^8 yuan' },
  gdp_const_10k_yuan: { quantity: 'gdp_const_10k_yuan', factor: 1, unit: '10^4 yuan' },
  energy_tce: { quantity: 'energy_tce', factor: 1, unit: 'tce' },
  energy_10k_tce: { quantity: 'energy_tce', factor: 1e4, unit: '10^4 tce' },
};
for (const landClass of LAND_CLASSES) {
  ENGLISH[`${landClass}_hm2`] = { quantity: `${landClass}_hm2`, factor: 1, unit: 'hm2' };
  ENGLISH[`${landClass}_km2`] = { quantity: `${landClass}_hm2`, factor: 100, unit: 'km2' };
}

const CHINESE_PLAIN: Record<string, Quantity> = { 地区代码: 'region_code', 地区: 'region_name', 年份: 'year' };

/** Chinese headers that need a unit in brackets, with the units each accepts. */
const CHINESE_WITH_UNIT: Record<string, { quantity: Quantity; units: Record<string, number> }> = {
  常住人口: { quantity: 'population', units: { 万人: 1e4, 人: 1 } },
  地区生产总值: { quantity: 'gdp_yuan', units: { 亿元: 1e8, 万元: 1e4, 元: 1 } },
  能源消费总量: { quantity: 'energy_tce', units: { 万吨标准煤: 1e4, 吨标准煤: 1 } },
};
const LAND_ZH: Record<string, LandClass> = { 耕地: 'cultivated', 林地: 'forest', 草地: 'grassland', 水域: 'water', 未利用地: 'unused', 建设用地: 'construction' };
for (const [zh, landClass] of Object.entries(LAND_ZH)) {
  CHINESE_WITH_UNIT[zh] = { quantity: `${landClass}_hm2`, units: { 公顷: 1, 平方千米: 100 } };
}

const BRACKETED = /^(.*?)\s*[(（]\s*(.+?)\s*[)）]\s*$/;

export function readHeader(rawHeader: string): HeaderReading {
  const header = rawHeader.trim().replace(/^\uFEFF/, '');
  const english = ENGLISH[header];
  if (english !== undefined) return { kind: 'column', meaning: english };
  const plain = CHINESE_PLAIN[header];
  if (plain !== undefined) return { kind: 'column', meaning: { quantity: plain, factor: 1, unit: '' } };
  const bracketed = BRACKETED.exec(header);
  const name = bracketed?.[1] ?? header;
  const chinese = CHINESE_WITH_UNIT[name];
  if (chinese === undefined) return { kind: 'ignored' };
  if (bracketed === null) return { kind: 'needs_unit', quantity: chinese.quantity };
  const unit = bracketed[2] ?? '';
  const factor = chinese.units[unit];
  if (factor === undefined) return { kind: 'unknown_unit', unit };
  return { kind: 'column', meaning: { quantity: chinese.quantity, factor, unit } };
}

export function unitsAccepted(rawHeader: string): string[] {
  const name = BRACKETED.exec(rawHeader.trim())?.[1] ?? rawHeader.trim();
  return Object.keys(CHINESE_WITH_UNIT[name]?.units ?? {});
}
