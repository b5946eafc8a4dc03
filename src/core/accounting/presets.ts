/**
 * The two parameter presets of accounting spec §3, each value with unit, basis and citation.
 * `jiangxi-2024` reproduces seed 001 as printed; `consistent` works in t CO2e throughout.
 */
import type {
  CoefficientRecord,
  EffectiveParams,
  PresetName,
  ResultBasis,
  ZoneId,
  ZoneName,
  ZoningRule,
} from './types.js';

const SEED_001 = 'Seed 001 (Jiangxi 2010–2020 carbon budget and compensation, Frontiers in Environmental Science 2024, doi:10.3389/fenvs.2024.1404760)';

export const DEFAULT_ZONING: readonly ZoningRule[] = [
  { zone: 'carbon-sink-functional', when: 'esc >= 1' },
  { zone: 'total-carbon-control', when: 'ecc >= 1 and rank_emissions <= ceil(n / 4)' },
  { zone: 'low-carbon-optimisation', when: 'ecc >= 1' },
  { zone: 'carbon-intensity-control', when: 'true' },
];

export const DEFAULT_ZONE_NAMES: Readonly<Record<ZoneId, ZoneName>> = {
  'carbon-sink-functional': { zh: '碳汇功能区', en: 'Carbon-sink functional zone' },
  'low-carbon-optimisation': { zh: '低碳优化区', en: 'Low-carbon optimisation zone' },
  'total-carbon-control': { zh: '碳总量控制区', en: 'Total-carbon control zone' },
  'carbon-intensity-control': { zh: '碳强度控制区', en: 'Carbon-intensity control zone' },
};

/** λ of seed 001 (Yeh and Liao 2017 via Li et al. 2019), t C per hm2 per year; negative = sink. */
const SEED_001_LAND = { cultivated: -0.13, forest: -5.77, grassland: -0.022, water: -0.253, unused: -0.005 } as const;

const JIANGXI_2024: EffectiveParams = {
  preset: 'jiangxi-2024',
  coefficients: {
    energyPerTce: 1.87,
    energyBasis: 'as-printed',
    respirationPerPerson: 0.079,
    respiration: true,
    land: SEED_001_LAND,
    gridTCO2PerMWh: null,
  },
  constPriceBaseYear: null,
  zoning: DEFAULT_ZONING,
  zoneNames: DEFAULT_ZONE_NAMES,
  compensation: {
    threshold: 'all-rows',
    thresholdEcc: 'year',
    revision: 'product',
    revisedBase: 'with-absorption',
    kDenominator: 'province',
    balanced: false,
    price: {
      mode: 'mean-domestic-international',
      domesticMinYuan: null,
      domesticMaxYuan: null,
      internationalMinUsd: 10,
      internationalMaxUsd: 15,
      usdCny: 6.8974,
      per: 'tCO2',
    },
    gdpPerCapitaProvinceYuan: 57065,
    gdpPerCapitaNationYuan: 72447,
    pearl: { t: 'engel-fraction', engel: 0.295, a: 1, b: 1 },
  },
};

const CONSISTENT: EffectiveParams = {
  preset: 'consistent',
  coefficients: {
    energyPerTce: 0.67,
    energyBasis: 'tC',
    respirationPerPerson: 0.079,
    respiration: false,
    land: SEED_001_LAND,
    gridTCO2PerMWh: null,
  },
  constPriceBaseYear: null,
  zoning: DEFAULT_ZONING,
  zoneNames: DEFAULT_ZONE_NAMES,
  compensation: {
    ...JIANGXI_2024.compensation,
    gdpPerCapitaProvinceYuan: null,
    pearl: { t: 'engel-fraction', engel: 0.302, a: 1, b: 1 },
  },
};

const PRESETS: Record<PresetName, EffectiveParams> = {
  'jiangxi-2024': JIANGXI_2024,
  consistent: CONSISTENT,
};

/** Basis of every `_t` field in a result computed with the preset. */
export const PRESET_BASIS: Record<PresetName, ResultBasis> = {
  'jiangxi-2024': 'as-printed',
  consistent: 'tCO2e',
};

export function presetParams(name: PresetName): EffectiveParams {
  return PRESETS[name];
}

/** Where each preset default comes from; the docs list the same records. */
export function presetRecords(name: PresetName): readonly CoefficientRecord[] {
  const shared: CoefficientRecord[] = [
    { name: 'land.cultivated', value: -0.13, unit: 't C/(hm2·a)', basis: 'tC', citation: `${SEED_001} §2.1.2, after Yeh and Liao (2017)`, status: 'verified' },
    { name: 'land.forest', value: -5.77, unit: 't C/(hm2·a)', basis: 'tC', citation: `${SEED_001} §2.1.2, after Yeh and Liao (2017)`, status: 'verified' },
    { name: 'land.grassland', value: -0.022, unit: 't C/(hm2·a)', basis: 'tC', citation: `${SEED_001} §2.1.2, after Yeh and Liao (2017)`, status: 'verified' },
    { name: 'land.water', value: -0.253, unit: 't C/(hm2·a)', basis: 'tC', citation: `${SEED_001} §2.1.2, after Yeh and Liao (2017)`, status: 'verified' },
    { name: 'land.unused', value: -0.005, unit: 't C/(hm2·a)', basis: 'tC', citation: `${SEED_001} §2.1.2, after Yeh and Liao (2017)`, status: 'verified' },
    { name: 'land.construction', value: null, unit: 't/(hm2·a)', basis: 'none', citation: `${SEED_001} §2.1: construction land's emissions are the energy emissions`, status: 'verified' },
    { name: 'respirationPerPerson', value: 0.079, unit: 't C/(person·a)', basis: 'tC', citation: `${SEED_001} formula 2, after Zhang et al. (2014); not checked against a primary source`, status: 'unverified' },
    { name: 'compensation.price.internationalMinUsd', value: 10, unit: 'USD/t', basis: 'none', citation: `${SEED_001} formula 13`, status: 'verified' },
    { name: 'compensation.price.internationalMaxUsd', value: 15, unit: 'USD/t', basis: 'none', citation: `${SEED_001} formula 13`, status: 'verified' },
    { name: 'compensation.price.usdCny', value: 6.8974, unit: 'CNY/USD', basis: 'none', citation: '2020 average rate commonly quoted from the NBS 2020 communique; not verified (a secondary table gives 6.8976)', status: 'unverified' },
    { name: 'compensation.gdpPerCapitaNationYuan', value: 72447, unit: 'yuan/person', basis: 'none', citation: 'NBS 2020 statistical communique (2021-02-28), preliminary', status: 'verified' },
  ];
  if (name === 'jiangxi-2024') {
    return [
      { name: 'energyPerTce', value: 1.87, unit: 't/tce', basis: 'as-printed', citation: `${SEED_001} formula 1, after Li et al. (2019); printed "1.87 t/C/t", which can only be t CO2 per tce`, status: 'verified' },
      ...shared,
      { name: 'compensation.gdpPerCapitaProvinceYuan', value: 57065, unit: 'yuan/person', basis: 'none', citation: 'Jiangxi 2020 on revised GDP 25,781.95 亿元 (zh.wikipedia 江西省地区生产总值, secondary)', status: 'unverified' },
      { name: 'compensation.pearl.engel', value: 0.295, unit: 'fraction', basis: 'none', citation: 'Jiangxi Engel coefficient 2019 (江西省统计局 via jxntv); 2020 not found', status: 'nearest-year' },
    ];
  }
  return [
    { name: 'energyPerTce', value: 0.67, unit: 't C/tce', basis: 'tC', citation: 'Composite carbon factor of a coal-dominated mix, common in Chinese studies (≈ 2.457 t CO2/tce); replace with a fuel table when you have one', status: 'assumption' },
    ...shared,
    { name: 'compensation.gdpPerCapitaProvinceYuan', value: null, unit: 'yuan/person', basis: 'none', citation: 'computed from the province row (GDP ÷ population) in the compensation year, else from the region set', status: 'computed' },
    { name: 'compensation.pearl.engel', value: 0.302, unit: 'fraction', basis: 'none', citation: 'China 2020 national Engel coefficient 30.2 % (NBS 2020 communique via press report)', status: 'verified' },
  ];
}
