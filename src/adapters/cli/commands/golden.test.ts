/**
 * The 3 regions × 2 years example of docs/worked-example.md, whose expected values were
 * computed independently of this engine (docs/worked-example/compute.py).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../test-support/run.js';

const DATA = 'src/core/accounting/fixtures/golden-3x2.csv';
const PARAMS = 'src/core/accounting/fixtures/golden-3x2.params.json';
const expected = JSON.parse(readFileSync('src/core/accounting/fixtures/golden-3x2.expected.json', 'utf8'));

function assertClose(actual: unknown, wanted: unknown, where: string): void {
  if (typeof wanted === 'number' && typeof actual === 'number') {
    assert.ok(Math.abs(actual - wanted) <= 1e-9 * Math.max(1, Math.abs(wanted)), `${where}: ${actual} ≠ ${wanted}`);
  } else assert.deepEqual(actual, wanted, where);
}

async function account(params: object): Promise<Record<string, any>> {
  const path = join(tempDir(), 'params.json');
  writeFileSync(path, JSON.stringify(params));
  const { code, stdout, stderr } = await cli('account', '--data', DATA, '--params', path, '--format', 'json');
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout);
}

const baseParams = JSON.parse(readFileSync(PARAMS, 'utf8'));

test('every intermediate value of the worked example', async () => {
  const doc = await account(baseParams);
  for (const want of expected.regions) {
    const got = doc.regions.find((r: any) => r.region_code === want.region_code && r.year === want.year);
    for (const [field, value] of Object.entries(want)) assertClose(got[field], value, `${want.region_code} ${want.year} ${field}`);
  }
  for (const want of expected.totals) {
    const got = doc.totals.find((t: any) => t.year === want.year);
    for (const field of ['emissions_t', 'absorption_t', 'budget_t']) assertClose(got[field], want[field], `totals ${want.year} ${field}`);
    assertClose(got.province_row.emissions_t, want.province_emissions_t, `province ${want.year}`);
  }
  const { regions: wantRegions, ...wantSummary } = expected.compensation;
  for (const [field, value] of Object.entries(wantSummary)) assertClose(doc.compensation[field], value, `compensation ${field}`);
  for (const want of wantRegions) {
    const got = doc.compensation.regions.find((r: any) => r.region_code === want.region_code);
    for (const [field, value] of Object.entries(want)) assertClose(got[field], value, `compensation ${want.region_code} ${field}`);
  }
});

test('every compensation variant of the worked example', async () => {
  for (const [variant, amounts] of Object.entries(expected.variants as Record<string, Record<string, number>>)) {
    const [path, rawValue] = variant.split('=') as [string, string];
    const params = structuredClone(baseParams);
    const keys = path.split('.');
    let target = params;
    for (const key of keys.slice(0, -1)) target = target[key] ??= {};
    target[keys.at(-1)!] = rawValue === 'true' ? true : rawValue;
    const doc = await account(params);
    for (const [code, amount] of Object.entries(amounts)) {
      assertClose(doc.compensation.regions.find((r: any) => r.region_code === code).amount_10k_yuan, amount, `${variant} ${code}`);
    }
  }
});
