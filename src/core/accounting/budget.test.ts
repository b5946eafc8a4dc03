import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CO2_PER_C, presetParams, runAccounting, type EffectiveParams } from './index.js';
import { row } from './test-support/rows.js';

const close = (actual: number | null, expected: number, tolerance = 1e-9): void => {
  assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${actual} ≠ ${expected}`);
};

test('jiangxi-2024 sums σ·E, θ·P and λ·L as printed (eq. 1–5)', () => {
  const run = runAccounting({
    rows: [row({ code: '360100', year: 2020, population: 1000, gdpYuan: 1e8, energyTce: 100, land: { forest: 10, cultivated: 20, water: 2, construction: 50 } })],
    params: presetParams('jiangxi-2024'),
    priceModeExplicit: false,
  });
  assert.ok(run.ok);
  const r = run.value.regions[0]!;
  close(r.emissions_energy_t, 187); // 100 × 1.87
  close(r.emissions_respiration_t, 79); // 1000 × 0.079
  close(r.emissions_land_t, 0);
  close(r.emissions_t, 266);
  close(r.absorption_t, 10 * 5.77 + 20 * 0.13 + 2 * 0.253); // 60.806
  close(r.budget_t, 266 - 60.806);
  assert.equal(run.value.basis, 'as-printed');
  assert.ok(run.value.warnings.some((w) => w.code === 'basis_as_printed'));
});

test('consistent converts t C coefficients by 44/12 once and leaves respiration off', () => {
  const run = runAccounting({
    rows: [row({ code: '360100', year: 2020, population: 1000, gdpYuan: 1e8, energyTce: 100, land: { forest: 10 } })],
    params: presetParams('consistent'),
    priceModeExplicit: false,
  });
  assert.ok(run.ok);
  const r = run.value.regions[0]!;
  close(r.emissions_energy_t, 100 * 0.67 * CO2_PER_C); // 245.67 t CO2
  close(r.emissions_respiration_t, 0);
  close(r.absorption_t, 10 * 5.77 * CO2_PER_C);
  assert.equal(run.value.basis, 'tCO2e');
});

test('a land class with a positive coefficient is a source, counted in emissions', () => {
  const base = presetParams('jiangxi-2024');
  const params: EffectiveParams = { ...base, coefficients: { ...base.coefficients, land: { ...base.coefficients.land, construction: 2 } } };
  const run = runAccounting({ rows: [row({ code: '360100', year: 2020, population: 0, gdpYuan: 1, energyTce: 0, land: { construction: 10, forest: 1 } })], params, priceModeExplicit: false });
  assert.ok(run.ok);
  close(run.value.regions[0]!.emissions_land_t, 20);
  close(run.value.regions[0]!.emissions_t, 20);
  close(run.value.regions[0]!.absorption_t, 5.77);
});

test('a fuel table replaces total tce: GB/T 2589 to tce × σ as printed, NCV × IPCC factor on t CO2e', () => {
  const fuels = [{ fuel: 'raw_coal', quantity: 1000, unit: 't' as const }, { fuel: '天然气', quantity: 10, unit: '10k_m3' as const }];
  const printed = runAccounting({ rows: [{ ...row({ code: '360100', year: 2020, population: 0, gdpYuan: 1 }), fuels }], params: presetParams('jiangxi-2024'), priceModeExplicit: false });
  assert.ok(printed.ok);
  close(printed.value.regions[0]!.emissions_energy_t, (1000 * 0.7143 + 10 * 12.143) * 1.87);
  const co2 = runAccounting({ rows: [{ ...row({ code: '360100', year: 2020, population: 0, gdpYuan: 1 }), fuels }], params: presetParams('consistent'), priceModeExplicit: false });
  assert.ok(co2.ok);
  close(co2.value.regions[0]!.emissions_energy_t, 1000 * 0.20908 * 94.6 + 10 * 0.38931 * 56.1);
});

test('ECC, ESC, shares, per-capita, intensity and growth over the set (eq. 6–7)', () => {
  const rows = [
    row({ code: '360100', year: 2010, population: 100, gdpYuan: 3e8, energyTce: 100 / 1.87, land: { forest: 0 } }),
    row({ code: '360200', year: 2010, population: 100, gdpYuan: 1e8, energyTce: 300 / 1.87, land: { forest: 100 / 5.77 } }),
    row({ code: '360100', year: 2020, population: 100, gdpYuan: 3e8, energyTce: 400 / 1.87, land: { forest: 0 } }),
    row({ code: '360200', year: 2020, population: 100, gdpYuan: 1e8, energyTce: 300 / 1.87, land: { forest: 100 / 5.77 } }),
  ];
  const base = presetParams('jiangxi-2024');
  const params: EffectiveParams = { ...base, coefficients: { ...base.coefficients, respiration: false } };
  const run = runAccounting({ rows, params, priceModeExplicit: false });
  assert.ok(run.ok);
  const [a10, b10, a20] = run.value.regions;
  // 2010: emissions 100 and 300 (shares 0.25, 0.75), GDP 3:1 (0.75, 0.25), absorption 0 and 100.
  close(a10!.emissions_share, 0.25);
  close(a10!.ecc, 0.75 / 0.25);
  close(b10!.ecc, 0.25 / 0.75);
  close(a10!.esc, 0);
  close(b10!.esc, 1 / 0.75);
  close(a10!.emissions_per_capita_t, 1);
  close(a10!.intensity_t_per_10k_yuan, 100 / 3e4);
  assert.equal(a10!.emissions_growth_rate, null);
  close(a20!.emissions_growth_rate, 4 ** (1 / 10) - 1); // 100 → 400 over ten years
  assert.equal(run.value.totals.length, 2);
  close(run.value.totals[1]!.emissions_t, 700);
});

test('a region with no emissions gets no ratios and a warning, never a division by zero', () => {
  const run = runAccounting({
    rows: [row({ code: '360100', year: 2020, population: 10, gdpYuan: 1, energyTce: 10, land: { forest: 1 } }), row({ code: '360200', year: 2020, population: 10, gdpYuan: 1, energyTce: null, land: { forest: 1 } })],
    params: presetParams('jiangxi-2024'),
    priceModeExplicit: false,
  });
  assert.ok(run.ok);
  const missing = run.value.regions[1]!;
  assert.equal(missing.emissions_t, null);
  assert.equal(missing.ecc, null);
  assert.equal(missing.zone, null);
  for (const code of ['missing_energy', 'no_emissions', 'zone_missing_ratio', 'set_total_incomplete']) {
    assert.ok(run.value.warnings.some((w) => w.code === code), code);
  }
});
