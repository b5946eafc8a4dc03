import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { cli, files, tempDir } from '../test-support/run.js';

const GOLDEN = 'src/core/accounting/fixtures/golden-3x2.csv';
const GOLDEN_PARAMS = 'src/core/accounting/fixtures/golden-3x2.params.json';
const HEADER = 'region_code,region_name,year,population,gdp_100m_yuan,energy_tce,forest_hm2';

test('json output has the fields of contracts.md §4 and echoes the effective parameters', async () => {
  const { code, stdout } = await cli('account', '--data', GOLDEN, '--params', GOLDEN_PARAMS, '--format', 'json');
  assert.equal(code, 0);
  const doc = JSON.parse(stdout);
  assert.deepEqual(Object.keys(doc).slice(0, 9), ['preset', 'basis', 'params', 'inputs', 'regionSet', 'warnings', 'regions', 'totals', 'compensation']);
  assert.deepEqual(doc.regionSet, ['360100', '360200', '360300']);
  assert.deepEqual(Object.keys(doc.regions[0]), [
    'region_code', 'region_name', 'year', 'emissions_energy_t', 'emissions_respiration_t', 'emissions_land_t', 'emissions_t',
    'absorption_t', 'budget_t', 'ecc', 'esc', 'zone', 'intensity_t_per_10k_yuan', 'emissions_per_capita_t', 'emissions_share',
    'absorption_share', 'gdp_share', 'emissions_growth_rate',
  ]);
  assert.deepEqual(Object.keys(doc.compensation), ['year', 'alpha_yuan_per_t', 'd_t', 'payers_total_10k_yuan', 'receivers_total_10k_yuan', 'regions']);
  assert.equal(doc.params.compensation.revision, 'product');
  assert.equal(doc.params.compensation.price.domesticMinYuan, 20);
  assert.deepEqual(doc.inputs.conversions, [{ column: 'gdp_100m_yuan', from: '10^8 yuan', to: 'yuan', factor: 1e8 }]);
  assert.ok(doc.totals[0].province_row.difference_t !== undefined);
});

test('Chinese yearbook headers and units are converted once on reading', async () => {
  const chinese = files({
    'zh.csv': '地区代码,地区,年份,常住人口（万人）,地区生产总值(亿元),能源消费总量(万吨标准煤),林地(平方千米)\n360100,南昌市,2020,625.5,5745.51,1000,20\n360200,景德镇市,2020,161.9,957.14,300,400\n',
    'en.csv': `${HEADER}\n360100,南昌市,2020,6255000,5745.51,10000000,2000\n360200,景德镇市,2020,1619000,957.14,3000000,40000\n`,
  });
  const zh = JSON.parse((await cli('account', '--data', chinese['zh.csv']!, '--format', 'json')).stdout);
  const en = JSON.parse((await cli('account', '--data', chinese['en.csv']!, '--format', 'json')).stdout);
  assert.deepEqual(zh.regions, en.regions);
  assert.equal(zh.inputs.conversions.length, 4);
});

test('several --data files merge on (region_code, year)', async () => {
  const parts = files({
    'stats.csv': 'region_code,region_name,year,population,gdp_100m_yuan,energy_tce\n360100,A,2020,100,1,1000\n360200,B,2020,100,1,1000\n',
    'land.csv': 'region_code,region_name,year,forest_hm2\n360100,A,2020,10\n360200,B,2020,20\n',
  });
  const doc = JSON.parse((await cli('account', '--data', parts['stats.csv']!, '--data', parts['land.csv']!, '--format', 'json')).stdout);
  assert.equal(doc.regions[1].absorption_t, 20 * 5.77);
});

test('csv prints the chosen table; xlsx writes one sheet per table with units in headers', async () => {
  const csv = await cli('account', '--data', GOLDEN, '--format', 'csv', '--table', 'compensation');
  assert.equal(csv.code, 0);
  assert.match(csv.stdout.split('\n')[0]!, /^year,region_code,base_t,threshold_t/);
  const out = join(tempDir(), 'report.xlsx');
  assert.equal((await cli('account', '--data', GOLDEN, '--format', 'xlsx', '--out', out)).code, 0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  assert.deepEqual(workbook.worksheets.map((s) => s.name), ['regions', 'totals', 'compensation', 'params', 'coefficients', 'warnings']);
  assert.equal(workbook.getWorksheet('regions')!.getRow(1).getCell(7).value, 'emissions_t [t as-printed]');
  assert.equal(workbook.getWorksheet('regions')!.rowCount, 7);
});

test('xlsx without --out and an unknown flag are bad input (exit 2)', async () => {
  assert.equal((await cli('account', '--data', GOLDEN, '--format', 'xlsx')).code, 2);
  assert.equal((await cli('account', '--data', GOLDEN, '--colour')).code, 2);
  assert.equal((await cli('account', '--data', GOLDEN, '--format', 'pdf')).code, 2);
  assert.equal((await cli('account', '--data', GOLDEN, '--year', '2015')).code, 2);
});

/** Each bad input of accounting spec §7: exit 2, one line naming the place, nothing written. */
const BAD_INPUTS: { name: string; files: Record<string, string>; args?: string[]; expect: RegExp }[] = [
  { name: 'malformed region code', files: { 'd.csv': `${HEADER}\n36010,A,2020,1,1,1,1\n` }, expect: /d\.csv:2:region_code: malformed_region_code: expected a 6-digit division code, found "36010"/ },
  { name: 'more than one province', files: { 'd.csv': `${HEADER}\n360100,A,2020,1,1,1,1\n410100,B,2020,1,1,1,1\n` }, expect: /d\.csv:3:region_code: multiple_provinces/ },
  { name: 'duplicate region-year', files: { 'd.csv': `${HEADER}\n360100,A,2020,1,1,1,1\n360100,A,2020,1,1,1,1\n` }, expect: /d\.csv:3:region_code: duplicate_region_year: .*row 2/ },
  { name: 'negative quantity', files: { 'd.csv': `${HEADER}\n360100,A,2020,1,1,-5,1\n` }, expect: /d\.csv:2:energy_tce: negative_quantity/ },
  { name: 'non-numeric quantity', files: { 'd.csv': `${HEADER}\n360100,A,2020,1,1,lots,1\n` }, expect: /d\.csv:2:energy_tce: not_a_number: expected a number in tce, found "lots"/ },
  { name: 'missing required column', files: { 'd.csv': 'region_code,year,population\n360100,2020,1\n' }, expect: /d\.csv:1:region_name: missing_column/ },
  { name: 'a quantity given twice', files: { 'd.csv': 'region_code,region_name,year,gdp_yuan,gdp_10k_yuan\n360100,A,2020,1,1\n' }, expect: /d\.csv:1:gdp_10k_yuan: duplicate_quantity/ },
  { name: 'a header without a unit', files: { 'd.csv': '地区代码,地区,年份,常住人口\n360100,A,2020,1\n' }, expect: /d\.csv:1:常住人口: header_without_unit/ },
  { name: 'unknown parameter field', files: { 'd.csv': `${HEADER}\n360100,A,2020,1,1,1,1\n`, 'p.json': '{"compensation":{"price":{"usdCnY":7}}}' }, args: ['--params', 'p.json'], expect: /p\.json:\$\.compensation\.price\.usdCnY: unknown_param_field/ },
  { name: 'unknown parameter value', files: { 'd.csv': `${HEADER}\n360100,A,2020,1,1,1,1\n`, 'p.json': '{"compensation":{"revision":"median"}}' }, args: ['--params', 'p.json'], expect: /p\.json:\$\.compensation\.revision: bad_param_value: expected one of "product"/ },
  { name: 'zoning table without a final true rule', files: { 'd.csv': `${HEADER}\n360100,A,2020,1,1,1,1\n`, 'p.json': '{"zoning":[{"zone":"carbon-sink-functional","when":"esc >= 1"}]}' }, args: ['--params', 'p.json'], expect: /p\.json:\$\.zoning\[0\]\.when: zoning_no_final_true/ },
  { name: 'electricity without a grid factor', files: { 'd.csv': `${HEADER}\n360100,A,2020,1,1,,1\n`, 'f.csv': 'region_code,year,fuel,quantity,unit\n360100,2020,electricity,100,MWh\n' }, args: ['--fuels', 'f.csv'], expect: /f\.csv:2:fuel: missing_grid_factor/ },
  { name: 'an unknown fuel', files: { 'd.csv': `${HEADER}\n360100,A,2020,1,1,,1\n`, 'f.csv': 'region_code,year,fuel,quantity,unit\n360100,2020,peat,100,t\n' }, args: ['--fuels', 'f.csv'], expect: /f\.csv:2:fuel: unknown_fuel/ },
  { name: 'a JSON row with a bad value', files: { 'd.json': '[{"region_code":"360100","region_name":"A","year":2020,"population":"many"}]' }, expect: /d\.json:\$\[0\]\.population: not_a_number/ },
];

for (const bad of BAD_INPUTS) {
  test(`bad input: ${bad.name} → exit 2, file:row:column, nothing written`, async () => {
    const paths = files(bad.files);
    const data = paths['d.csv'] ?? paths['d.json']!;
    const out = join(tempDir(), 'out.json');
    const args = (bad.args ?? []).map((a) => paths[a] ?? a);
    const { code, stderr, stdout } = await cli('account', '--data', data, ...args, '--format', 'json', '--out', out);
    assert.equal(code, 2, stderr);
    assert.match(stderr, bad.expect);
    assert.equal(stdout, '');
    assert.equal(existsSync(out), false);
  });
}

test('an XLSX region table (first sheet) reads like its CSV', async () => {
  const path = join(tempDir(), 'table.xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('统计');
  sheet.addRow(['地区代码', '地区', '年份', '常住人口(人)', '地区生产总值(亿元)', '能源消费总量(吨标准煤)', '林地(公顷)']);
  sheet.addRow([360100, '南昌市', 2020, 6255000, 5745.51, 10000000, 2000]);
  sheet.addRow(['360200', '景德镇市', 2020, 1619000, 957.14, 3000000, 40000]);
  await workbook.xlsx.writeFile(path);
  const fromCsv = files({ 'en.csv': `${HEADER}\n360100,南昌市,2020,6255000,5745.51,10000000,2000\n360200,景德镇市,2020,1619000,957.14,3000000,40000\n` });
  const xlsx = JSON.parse((await cli('account', '--data', path, '--format', 'json')).stdout);
  const csv = JSON.parse((await cli('account', '--data', fromCsv['en.csv']!, '--format', 'json')).stdout);
  assert.deepEqual(xlsx.regions, csv.regions);
});

test('the installed bin exits 2 on an unknown flag and 0 on --help', async () => {
  const { spawnSync } = await import('node:child_process');
  const env = { ...process.env, NEUTRAL_FROM_SOURCE: '1' };
  const bad = spawnSync(process.execPath, ['bin/neutral.js', 'account', '--nope'], { encoding: 'utf8', env });
  assert.equal(bad.status, 2, bad.stderr);
  assert.match(bad.stderr, /unknown option '--nope'/);
  const help = spawnSync(process.execPath, ['bin/neutral.js', 'account', '--help'], { encoding: 'utf8', env });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--data <file>/);
  // `npx neutral` runs the link npm makes in node_modules/.bin (the package depends on itself).
  const linked = spawnSync(process.execPath, ['node_modules/.bin/neutral', '--help'], { encoding: 'utf8', env });
  assert.equal(linked.status, 0, linked.stderr);
  assert.match(linked.stdout, /Usage: neutral/);
});
