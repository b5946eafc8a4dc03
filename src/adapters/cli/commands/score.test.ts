import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { cli, files, tempDir } from '../test-support/run.js';

const ORACLE = 'region_code,region_name,S11,S13,S15\n990100,A,40,1.2,10\n990200,B,25,0.8,30\n990300,C,60,2.0,10\n990400,D,10,1.0,20\n';
const round = (values: number[]) => values.map((v) => Number(v.toFixed(4)));

test('json output has the fields of contracts.md §6 and the §3.6 oracle weights', async () => {
  const f = files({ 'oracle.csv': ORACLE });
  const { code, stdout, stderr } = await cli('score', '--data', f['oracle.csv'] as string, '--format', 'json', '--method', 'topsis');
  assert.equal(code, 0, stderr);
  const doc = JSON.parse(stdout);
  assert.deepEqual(Object.keys(doc).slice(0, 3), ['weights', 'regions', 'warnings']);
  assert.deepEqual(round(Object.values(doc.weights)), [0.2722, 0.2085, 0.5193]);
  assert.deepEqual(Object.keys(doc.regions[0]), ['region_code', 'region_name', 'scores', 'closeness', 'rank']);
  assert.deepEqual(Object.keys(doc.regions[0].scores), ['S1', 'S']);
  assert.deepEqual(doc.regions.map((r: { region_code: string }) => r.region_code), ['990200', '990400', '990300', '990100']);
  const csv = await cli('score', '--data', f['oracle.csv'] as string, '--format', 'csv');
  assert.equal(csv.stdout.split('\n')[0], 'region_code,region_name,S1,S,rank');
});

test('shipped examples: single year with market data and AHP, panel with combined weights and policy', async () => {
  const single = await cli('score', '--data', 'examples/score/single-year.csv', '--params', 'examples/score/single-year.params.json', '--market', 'examples/score/market.csv', '--weights', 'ahp', '--format', 'json');
  assert.equal(single.code, 0, single.stderr);
  const s = JSON.parse(single.stdout);
  assert.equal(s.sources.S21, 'examples/score/market.csv');
  assert.equal(s.consistency.length, 4);
  assert.ok(s.consistency.every((c: { cr: number }) => c.cr <= 0.1));
  assert.ok(Math.abs(Object.values(s.weights as Record<string, number>).reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.ok(s.views.per_capita.regions.length === 6 && s.views.per_gdp.regions.length === 6);
  const panel = await cli('score', '--data', 'examples/score/panel.csv', '--params', 'examples/score/panel.params.json', '--weights', 'combined', '--format', 'json');
  assert.equal(panel.code, 0, panel.stderr);
  const p = JSON.parse(panel.stdout);
  assert.equal(p.regions.length, 36);
  assert.deepEqual(p.regions.filter((r: { year: number }) => r.year === 2018).map((r: { rank: number }) => r.rank), [1, 2, 3, 4, 5, 6]);
  const s26 = p.policy.find((row: { indicator: string }) => row.indicator === 'S26');
  assert.deepEqual([s26.did, s26.counts], [2, { treated_before: 6, treated_after: 6, control_before: 12, control_after: 12 }]);
  const table = await cli('score', '--data', 'examples/score/panel.csv', '--params', 'examples/score/panel.params.json');
  assert.equal(table.code, 0);
  assert.match(table.stdout, /Policy assessment/);
  assert.match(table.stdout, /Method comparison/);
});

test('S11–S16 filled from accounting results (neutral account --format json)', async () => {
  const out = join(tempDir(), 'jiangxi.json');
  const account = await cli('account', '--data', 'data/demo/jiangxi.csv', '--format', 'json', '--out', out);
  assert.equal(account.code, 0, account.stderr);
  const { code, stdout, stderr } = await cli('score', '--data', 'examples/score/jiangxi-cities.csv', '--accounting', out, '--format', 'json');
  assert.equal(code, 0, stderr);
  const doc = JSON.parse(stdout);
  assert.deepEqual(Object.keys(doc.weights), ['S11', 'S12', 'S13', 'S14', 'S15']);
  assert.deepEqual(doc.warnings.map((w: { code: string; indicator: string }) => [w.code, w.indicator]), [['indicator_not_filled', 'S16']]);
  const both = files({ 'both.csv': 'region_code,region_name,year,S12\n360100,南昌市,2010,1\n' });
  const duplicate = await cli('score', '--data', both['both.csv'] as string, '--accounting', out);
  assert.equal(duplicate.code, 2);
  assert.match(duplicate.stderr, /both\.csv:1:S12: duplicate_indicator: /);
});

test('bad input: a missing cell, a non-reciprocal AHP matrix, a missing indicator, bad flags', async () => {
  const f = files({
    'gap.csv': 'region_code,region_name,S11,S12\n990100,A,1,2\n990200,B,,3\n',
    'oracle.csv': ORACLE,
    'ahp.json': JSON.stringify({ pairwise: { S1: { items: ['S11', 'S13', 'S15'], matrix: [[1, 3, 5], [3, 1, 2], [0.2, 0.5, 1]] } } }),
    'fixed.json': JSON.stringify({ weights: { S11: 0.5, S13: 0.5 } }),
    'typo.json': JSON.stringify({ polarty: { S11: '+' } }),
  });
  const expectations: [string[], RegExp][] = [
    [['--data', f['gap.csv'] as string], /gap\.csv:3:S11: missing_value: /],
    [['--data', f['oracle.csv'] as string, '--params', f['ahp.json'] as string, '--weights', 'ahp'], /ahp\.json:\$\.pairwise\.S1\.matrix\[1\]\[0\]: ahp_not_reciprocal: /],
    [['--data', f['oracle.csv'] as string, '--params', f['fixed.json'] as string, '--weights', 'fixed'], /fixed\.json:\$\.weights: missing_indicator: no fixed weight for indicator S15/],
    [['--data', f['oracle.csv'] as string, '--params', f['typo.json'] as string], /typo\.json:\$\.polarty: unknown_param_field: /],
    [['--data', f['oracle.csv'] as string, '--weights', 'ahp'], /missing_param: --weights ahp needs "pairwise"/],
  ];
  for (const [args, pattern] of expectations) {
    const { code, stderr } = await cli('score', ...args);
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, pattern);
  }
  assert.equal((await cli('score', '--data', f['oracle.csv'] as string, '--weights', 'magic')).code, 2);
  assert.equal((await cli('score', '--data', f['oracle.csv'] as string, '--bogus')).code, 2);
  assert.equal((await cli('score')).code, 2);
});
