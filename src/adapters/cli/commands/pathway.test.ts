import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cli, files } from '../test-support/run.js';

const HENAN = 'examples/pathway/henan-neutrality.json';
const SMALL = 'examples/pathway/small.json';
const REFERENCE = 'examples/pathway/small-reference.json';

const scenario = (patch: Record<string, unknown>): string => JSON.stringify({ ...JSON.parse(readFileSync(REFERENCE, 'utf8')), ...patch });

test('seed 003 example: peak 2028 at 591 Mt, 514 Mt in 2035, 39 Mt in 2060, both sink assumptions', async () => {
  const { code, stdout, stderr } = await cli('pathway', '--scenario', HENAN, '--format', 'json');
  assert.equal(code, 0, stderr);
  const doc = JSON.parse(stdout);
  assert.deepEqual(Object.keys(doc.years[0]), ['year', 'gdp', 'intensity', 'emissions_t', 'sinks_t', 'removals_t', 'balance_ratio', 'non_fossil_share']);
  assert.deepEqual(Object.keys(doc.summary).slice(0, 8), ['peak_year', 'peak_emissions_t', 'plateau', 'plateau_years', 'peak_at_boundary', 'neutral_year', 'stays_neutral', 'targets']);
  assert.equal(doc.summary.peak_year, 2028);
  for (const row of doc.summary.comparison.rows) assert.ok(Math.abs(row.difference_t) < 0.1e6, `within 0.1 Mt in ${row.year}`);
  assert.deepEqual(doc.summary.sink_assumptions.map((a: { name: string; neutral_year: number }) => [a.name, a.neutral_year]), [['seed-2024-277.58Mt', 2045], ['seed-2020-47.05Mt', 2059]]);
  const targets = Object.fromEntries(doc.summary.targets.map((t: { name: string; met: boolean }) => [t.name, t.met]));
  assert.deepEqual(targets, { peakBy: true, neutralBy: true, intensity: false, vsPeak: true, nonFossilShare: false });
  assert.ok(doc.monteCarlo.p_peak_by_target > 0.9);
  assert.equal(doc.monteCarlo.bands.length, 37);
});

test('side by side, table and csv formats', async () => {
  const json = await cli('pathway', '--scenario', SMALL, '--scenario', REFERENCE, '--format', 'json');
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(JSON.parse(json.stdout).scenarios.map((s: { name: string }) => s.name), ['small-policy', 'small-reference']);
  const table = await cli('pathway', '--scenario', SMALL, '--scenario', REFERENCE);
  assert.equal(table.code, 0);
  assert.match(table.stdout, /Scenarios side by side/);
  assert.match(table.stdout, /neutral year\s+2055\s+—/);
  const csv = await cli('pathway', '--scenario', REFERENCE, '--format', 'csv');
  assert.equal(csv.stdout.split('\n')[0], 'scenario,year,gdp,intensity,emissions_t,sinks_t,removals_t,balance_ratio,non_fossil_share');
  assert.equal(csv.stdout.trim().split('\n').length, 42);
});

test('--solve reports the shift and the changed rates', async () => {
  const { code, stdout, stderr } = await cli('pathway', '--scenario', REFERENCE, '--solve', '2026', '--format', 'json');
  assert.equal(code, 0, stderr);
  const { solve } = JSON.parse(stdout);
  assert.equal(solve.from_year, 2026);
  assert.ok(solve.shift > 0);
  assert.equal(solve.rates[0].solved_intensity_reduction, 0.04);
  assert.ok(solve.rates[1].solved_intensity_reduction > 0.04);
  assert.ok(solve.summary.targets.every((t: { met: boolean }) => t.met));
  const bad = await cli('pathway', '--scenario', REFERENCE, '--solve', 'soon');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /bad_flag/);
});

test('bad input names the file and the JSON path; unknown flags are bad input', async () => {
  const f = files({
    'overlap.json': scenario({ periods: [{ from: 2021, to: 2030, gdpGrowth: 0.05, intensityReduction: 0.04 }, { from: 2030, to: 2060, gdpGrowth: 0.03, intensityReduction: 0.08 }] }),
    'gap.json': scenario({ periods: [{ from: 2021, to: 2030, gdpGrowth: 0.05, intensityReduction: 0.04 }, { from: 2032, to: 2060, gdpGrowth: 0.03, intensityReduction: 0.08 }] }),
    'rate.json': scenario({ periods: [{ from: 2021, to: 2060, gdpGrowth: -1, intensityReduction: 0.04 }] }),
    'typo.json': scenario({ targets: { peakby: 2030 } }),
    'broken.json': '{ "baseYear": ',
  });
  const expectations: [string, RegExp][] = [
    ['overlap.json', /overlap\.json:\$\.periods\[1\]\.from: period_overlap: /],
    ['gap.json', /gap\.json:\$\.periods\[1\]\.from: period_gap: no period covers 2031–2031/],
    ['rate.json', /rate\.json:\$\.periods\[0\]\.gdpGrowth: rate_out_of_range: gdpGrowth must be > -1, found -1/],
    ['typo.json', /typo\.json:\$\.targets\.peakby: unknown_param_field: /],
    ['broken.json', /broken\.json:\$: bad_format: not valid JSON/],
  ];
  for (const [name, pattern] of expectations) {
    const { code, stderr } = await cli('pathway', '--scenario', f[name] as string);
    assert.equal(code, 2, name);
    assert.match(stderr, pattern);
  }
  const missing = await cli('pathway', '--scenario', 'no/such/file.json');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /missing_file/);
  assert.equal((await cli('pathway', '--scenario', REFERENCE, '--frobnicate')).code, 2);
  const none = await cli('pathway');
  assert.equal(none.code, 2);
  assert.match(none.stderr, /--scenario/);
  assert.equal((await cli('pathway', '--scenario', REFERENCE, '--format', 'xml')).code, 2);
});
