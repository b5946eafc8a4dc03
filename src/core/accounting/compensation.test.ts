/**
 * Each compensation alternative on one small case, worked by hand:
 * A: Cz 100 → 150, GDP 1e6 → 3e6 yuan (g 1 → 0.5 t/10^4 yuan); B: Cz 100 → 100, GDP 0.5e6 → 1e6 (g 2 → 1).
 * No province row, so the set stands in: g_P 200/150 = 4/3 → 250/400 = 0.625.
 * Temporal factors (0.5/1)/(0.625/(4/3)) = 16/15 for both; spatial 0.5/0.75 = 2/3 and 1/0.75 = 4/3.
 * ECC 2020: A (0.75/0.6) = 1.25, B (0.25/0.4) = 0.625. D over all rows = 112.5.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { presetParams, runAccounting, CO2_PER_C, type CompensationParams, type EffectiveParams } from './index.js';
import { row } from './test-support/rows.js';

const rows = [
  row({ code: '360100', year: 2010, gdpYuan: 1e6, energyTce: 100 / 1.87 }),
  row({ code: '360200', year: 2010, gdpYuan: 0.5e6, energyTce: 100 / 1.87 }),
  row({ code: '360100', year: 2020, gdpYuan: 3e6, energyTce: 150 / 1.87 }),
  row({ code: '360200', year: 2020, gdpYuan: 1e6, energyTce: 100 / 1.87 }),
];

function compensate(over: Partial<CompensationParams> = {}, preset: 'jiangxi-2024' | 'consistent' = 'jiangxi-2024') {
  const base = presetParams(preset);
  const params: EffectiveParams = {
    ...base,
    coefficients: { ...base.coefficients, respiration: false, land: {}, ...(preset === 'consistent' ? { energyPerTce: 1.87, energyBasis: 'tCO2e' as const } : {}) },
    compensation: {
      ...base.compensation,
      price: { mode: 'domestic', domesticMinYuan: 10, domesticMaxYuan: 10, internationalMinUsd: 10, internationalMaxUsd: 15, usdCny: 7, per: 'tCO2' },
      gdpPerCapitaProvinceYuan: 100,
      gdpPerCapitaNationYuan: 100,
      pearl: { t: 'engel-fraction', engel: 0.3, a: 0, b: 1 },
      ...over,
    },
  };
  const run = runAccounting({ rows, params, priceModeExplicit: true });
  assert.ok(run.ok);
  return run.value;
}

const near = (actual: number | null, expected: number): void => {
  assert.ok(actual !== null && Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);
};
const revised = (over: Partial<CompensationParams>) => compensate(over).compensation.regions.map((r) => r.revised_emissions_t);

test('defaults: product revision, all-rows D, ECC of year T, with absorption, α·γ·L′ in yuan', () => {
  const result = compensate();
  const [a, b] = result.compensation.regions;
  near(result.compensation.d_t, 112.5);
  near(a!.threshold_t, 140.625);
  near(b!.threshold_t, 70.3125);
  near(a!.revised_emissions_t, 320 / 3);
  near(b!.revised_emissions_t, 6400 / 45);
  near(a!.revised_base_t, 320 / 3 - 140.625);
  assert.equal(a!.role, 'receive');
  assert.equal(b!.role, 'pay');
  near(result.compensation.alpha_yuan_per_t, 10);
  near(a!.gamma, 0.75); // a = 0: γ = K
  near(a!.amount_10k_yuan, ((320 / 3 - 140.625) * 10 * 0.75) / 1e4);
  near(b!.amount_million_yuan, ((6400 / 45 - 70.3125) * 10 * 0.25) / 1e6);
  near(result.compensation.payers_total_10k_yuan, b!.amount_10k_yuan!);
  near(result.compensation.receivers_total_10k_yuan, -a!.amount_10k_yuan!);
  assert.ok(result.warnings.some((w) => w.code === 'no_province_row'));
});

test('revision alternatives: temporal, spatial, arithmetic-mean, geometric-mean, additive', () => {
  const [ta, tb] = revised({ revision: 'temporal' });
  near(ta!, 160);
  near(tb!, 1600 / 15);
  const [sa, sb] = revised({ revision: 'spatial' });
  near(sa!, 100);
  near(sb!, 400 / 3);
  const [ma, mb] = revised({ revision: 'arithmetic-mean' });
  near(ma!, 130);
  near(mb!, 120);
  const [ga, gb] = revised({ revision: 'geometric-mean' });
  near(ga!, 150 * Math.sqrt(32 / 45));
  near(gb!, 100 * Math.sqrt(64 / 45));
  const [da, db] = revised({ revision: 'additive' }); // declines: A 0.5, B 0.5, P 0.53125
  near(da!, 150 * 1.03125);
  near(db!, 100 * 1.03125);
});

test('threshold alternatives: D of year T, each region\'s own mean, mean ECC', () => {
  const year = compensate({ threshold: 'compensation-year' });
  near(year.compensation.d_t, 125);
  near(year.compensation.regions[0]!.threshold_t, 1.25 * 125);
  const own = compensate({ threshold: 'per-region' });
  assert.equal(own.compensation.d_t, null);
  near(own.compensation.regions[0]!.threshold_t, 1.25 * 125);
  near(own.compensation.regions[1]!.threshold_t, 0.625 * 100);
  const meanEcc = compensate({ thresholdEcc: 'mean' }); // 2010 ECC: A 4/3, B 2/3
  near(meanEcc.compensation.regions[0]!.threshold_t, ((4 / 3 + 1.25) / 2) * 112.5);
  near(meanEcc.compensation.regions[1]!.threshold_t, ((2 / 3 + 0.625) / 2) * 112.5);
});

test('gross revised base leaves absorption out; balanced scales receivers to what payers pay', () => {
  const base = presetParams('jiangxi-2024');
  const withForest = rows.map((r) => (r.regionCode === '360100' ? { ...r, landHm2: { ...r.landHm2, forest: 2 } } : r));
  const run = (revisedBase: 'with-absorption' | 'gross') => {
    const result = runAccounting({ rows: withForest, params: { ...base, coefficients: { ...base.coefficients, respiration: false }, compensation: { ...base.compensation, revisedBase } }, priceModeExplicit: false });
    assert.ok(result.ok && result.value.compensation.regions[0]!.revised_base_t !== null);
    assert.ok(result.ok);
    return result.value.compensation.regions[0]!;
  };
  const withAbsorption = run('with-absorption');
  const gross = run('gross');
  near(gross.revised_base_t! - withAbsorption.revised_base_t!, 2 * 5.77); // CA of A in 2020
  const balanced = compensate({ balanced: true });
  near(balanced.compensation.receivers_total_10k_yuan, balanced.compensation.payers_total_10k_yuan!);
  near(balanced.compensation.regions[0]!.amount_10k_yuan, -balanced.compensation.regions[1]!.amount_10k_yuan!);
});

test('price modes: mean of domestic and international, pooled, domestic, international; scaled by per-capita GDP', () => {
  const price = { domesticMinYuan: 20, domesticMaxYuan: 60, internationalMinUsd: 10, internationalMaxUsd: 15, usdCny: 7, per: 'tCO2' as const };
  const alpha = (mode: CompensationParams['price']['mode']) =>
    compensate({ price: { ...price, mode }, gdpPerCapitaProvinceYuan: 50, gdpPerCapitaNationYuan: 100 }).compensation.alpha_yuan_per_t;
  near(alpha('mean-domestic-international'), 0.5 * ((40 + 87.5) / 2));
  near(alpha('pooled'), 0.5 * ((20 + 105) / 2));
  near(alpha('domestic'), 0.5 * 40);
  near(alpha('international'), 0.5 * 87.5);
});

test('a price per t C is converted by 44/12 on a t CO2e basis', () => {
  const perTc = compensate({ price: { mode: 'domestic', domesticMinYuan: 110, domesticMaxYuan: 110, internationalMinUsd: null, internationalMaxUsd: null, usdCny: null, per: 'tC' } }, 'consistent');
  near(perTc.compensation.alpha_yuan_per_t, 110 / CO2_PER_C);
});

test('Pearl curve t: Engel fraction, percent, and 1/En − 3; K over the province or the set', () => {
  const gamma = (t: CompensationParams['pearl']['t']) => compensate({ pearl: { t, engel: 0.3, a: 1, b: 1 } }).compensation.regions[0]!.gamma;
  near(gamma('engel-fraction'), 0.75 / (1 + Math.exp(-0.3)));
  near(gamma('engel-percent'), 0.75 / (1 + Math.exp(-30)));
  near(gamma('inverse-minus-3'), 0.75 / (1 + Math.exp(-(1 / 0.3 - 3))));
  near(compensate({ kDenominator: 'sum-of-regions' }).compensation.regions[0]!.gamma, 0.75);
});

test('an explicit price mode without its inputs gives null amounts; a preset default falls back', () => {
  const missing = { mode: 'mean-domestic-international' as const, domesticMinYuan: null, domesticMaxYuan: null, internationalMinUsd: 10, internationalMaxUsd: 15, usdCny: 7, per: 'tCO2' as const };
  const explicit = compensate({ price: missing });
  assert.equal(explicit.compensation.alpha_yuan_per_t, null);
  assert.equal(explicit.compensation.regions[0]!.amount_10k_yuan, null);
  assert.equal(explicit.compensation.regions[0]!.role, 'receive');
  assert.ok(explicit.warnings.some((w) => w.code === 'price_inputs_missing'));
  const base = presetParams('jiangxi-2024');
  const fallback = runAccounting({ rows, params: { ...base, compensation: { ...base.compensation, price: missing } }, priceModeExplicit: false });
  assert.ok(fallback.ok);
  assert.equal(fallback.value.params.compensation.price.mode, 'international');
  assert.ok(fallback.value.warnings.some((w) => w.code === 'price_fallback_international'));
});
