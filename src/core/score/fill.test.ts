import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountingIndicators, fillFrom, marketIndicators } from './index.js';

const row = (code: string, year: number, emissions: number, absorption: number, growth: number | null) => ({
  region_code: code, year, emissions_t: emissions, absorption_t: absorption, budget_t: emissions - absorption, intensity_t_per_10k_yuan: emissions / 100, emissions_growth_rate: growth,
});

test('S11–S16 from accounting rows: sink, emissions, intensity, accumulated net emissions, offset, growth', () => {
  const source = accountingIndicators([row('360100', 2015, 120, 20, 0.2), row('360100', 2010, 100, 10, null), row('360200', 2015, 50, 60, 0)]);
  assert.deepEqual(source.get('360100|2015'), { S11: 20, S12: 120, S13: 1.2, S14: 90 + 100, S15: 20 / 120, S16: 0.2 });
  assert.deepEqual(source.get('360200|2015'), { S11: 60, S12: 50, S13: 0.5, S14: -10, S15: 1.2, S16: 0 });
  const rows = [{ regionCode: '360100', year: 2015 }, { regionCode: '360200', year: 2015 }];
  const filled = fillFrom(source, 'accounting results', ['S11', 'S14', 'S16'], rows);
  assert.deepEqual(filled.filled.get('S14'), [190, -10]);
  assert.deepEqual(filled.warnings, []);
  // 2010 has no growth rate (first row): S16 is left out with a warning, S11 still filled.
  const early = fillFrom(source, 'accounting results', ['S11', 'S16'], [{ regionCode: '360100', year: 2010 }]);
  assert.deepEqual([...early.filled.keys()], ['S11']);
  assert.deepEqual(early.warnings.map((w) => [w.code, w.indicator, w.region_code, w.year]), [['indicator_not_filled', 'S16', '360100', 2010]]);
});

test('market rows without a year hold for every year of the region', () => {
  const source = marketIndicators([{ regionCode: '360100', year: null, values: { S21: 50 } }, { regionCode: '360100', year: 2020, values: { S21: 60 } }]);
  const filled = fillFrom(source, 'market data', ['S21', 'S25'], [{ regionCode: '360100', year: 2020 }, { regionCode: '360100', year: 2019 }]);
  assert.deepEqual(filled.filled.get('S21'), [60, 50]);
  assert.equal(filled.filled.has('S25'), false);
  assert.deepEqual(filled.warnings, [], 'an indicator the source never has is not a warning');
});
