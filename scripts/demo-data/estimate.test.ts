import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseRegionCsv } from '../../src/adapters/tables/region-csv.js';
import { mergeRegionTables } from '../../src/adapters/tables/region-merge.js';
import {
  type DemoInputs, INPUT_DIR, LAND_CLASSES, REPO_ROOT, absorptionT, buildOutputs, energyShares, loadInputs, seedLambda, seedValue,
} from './estimate.js';

type Row = Record<string, string>;
const rowsOf = (text: string): Row[] => parse(text, { columns: true }) as Row[];
const num = (row: Row | undefined, column: string): number => {
  const text = row?.[column];
  assert.ok(text !== undefined && text !== '', `expected a value in ${column}`);
  return Number(text);
};
const roundMt = (t: number): number => Math.round(t / 1e4) / 100;

let inputs: DemoInputs;
let outputs: Map<string, string>;
const out = (path: string): string => {
  const text = outputs.get(path);
  assert.ok(text !== undefined, `no output ${path}`);
  return text;
};

before(async () => {
  inputs = await loadInputs(INPUT_DIR);
  outputs = buildOutputs(inputs);
});

describe('demo data (accounting.md §9)', () => {
  it('reproduces the committed files byte for byte', async () => {
    for (const [path, text] of outputs) assert.equal(await readFile(join(REPO_ROOT, path), 'utf8'), text, path);
  });

  it('is deterministic', () => {
    assert.deepEqual(buildOutputs(inputs), outputs);
  });

  it('has the 11 Jiangxi cities × 3 years and the 18 Henan units plus one province row per year', () => {
    const jx = rowsOf(out('data/demo/jiangxi.csv'));
    const ha = rowsOf(out('data/demo/henan.csv'));
    assert.equal(jx.length, 36);
    assert.deepEqual([...new Set(jx.map((r) => r.year))], ['2010', '2015', '2020']);
    assert.equal(jx.filter((r) => r.region_code === '360000').length, 3);
    assert.equal(ha.length, 19);
    assert.ok(ha.some((r) => r.region_code === '419001' && r.region_name === '济源市' && r.gdp_100m_yuan === ''));
    assert.equal(ha.find((r) => r.region_code === '410000')?.gdp_100m_yuan, '');
  });

  it('splits province energy over the cities: the city energies sum to it (within 0.1 tce)', () => {
    for (const file of ['data/demo/jiangxi.csv', 'data/demo/henan.csv']) {
      const rows = rowsOf(out(file));
      for (const year of new Set(rows.map((r) => r.year))) {
        const inYear = rows.filter((r) => r.year === year);
        const province = inYear.find((r) => r.region_code?.endsWith('0000'));
        const sum = inYear.filter((r) => r !== province && r.energy_tce !== '').reduce((s, r) => s + Number(r.energy_tce), 0);
        assert.ok(Math.abs(sum - num(province, 'energy_tce')) <= 0.1, `${file} ${year}: ${sum} vs ${province?.energy_tce}`);
      }
    }
  });

  it('leaves Luohe energy empty and marks it not_found', () => {
    const luohe = rowsOf(out('data/demo/henan.csv')).find((r) => r.region_code === '411100');
    assert.equal(luohe?.energy_tce, '');
    const entry = rowsOf(out('data/demo/henan.sources.csv')).find((r) => r.column === 'energy_tce' && r.region_code === '411100');
    assert.equal(entry?.status, 'not_found');
  });

  it("keeps seed 001's stated energy shares (Ganzhou 4.1 % 2010 and 11.1 % 2020, Yingtan 2.78 % 2020)", () => {
    const rows = rowsOf(out('data/demo/jiangxi.csv'));
    const share = (code: string, year: string): number =>
      num(rows.find((r) => r.region_code === code && r.year === year), 'energy_tce') / num(rows.find((r) => r.region_code === '360000' && r.year === year), 'energy_tce');
    assert.ok(Math.abs(share('360700', '2020') - 0.111) < 1e-9);
    assert.ok(Math.abs(share('360700', '2010') - 0.041) < 1e-9);
    assert.ok(Math.abs(share('360600', '2020') - 0.0278) < 1e-9);
    // the seed's "2.73 million tons" for Yingtan 2020 follows
    assert.equal(Math.round(share('360600', '2020') * num(rows.find((r) => r.region_code === '360000' && r.year === '2020'), 'energy_tce') / 1e4) / 100, 2.73);
  });

  it('renormalises CEADs shares over the cities that have a value, nearest year at or before the target', () => {
    const shares = energyShares(['a', 'b', 'c'], [
      { code: 'a', year: 2010, co2Mt: 1, source: '' }, { code: 'a', year: 2019, co2Mt: 3, source: '' },
      { code: 'b', year: 2015, co2Mt: 1, source: '' }, { code: 'a', year: 2021, co2Mt: 100, source: '' },
    ], 2020, new Map([['c', 0.2]]));
    assert.deepEqual(shares.map((s) => [s.code, s.share === null ? null : Math.round(s.share * 1e12) / 1e12, s.ceads?.year ?? null]), [['a', 0.6, 2019], ['b', 0.2, 2015], ['c', 0.2, null]]);
  });

  it('interpolates 2015 population geometrically between the censuses', () => {
    const rows = rowsOf(out('data/demo/jiangxi.csv'));
    for (const r of rows.filter((x) => x.year === '2015' && x.region_code !== '360000')) {
      const p10 = num(rows.find((x) => x.region_code === r.region_code && x.year === '2010'), 'population');
      const p20 = num(rows.find((x) => x.region_code === r.region_code && x.year === '2020'), 'population');
      const p15 = num(r, 'population');
      assert.ok(p15 >= Math.min(p10, p20) && p15 <= Math.max(p10, p20), r.region_code);
      assert.ok(Math.abs(p15 - Math.sqrt(p10 * p20)) <= 0.5, r.region_code);
    }
  });

  it("gives Ganzhou, Ji'an and Nanchang seed 001's 2020 absorption shares (28.08, 15.49, 1.27 %) with seed λ", () => {
    const lambda = seedLambda(inputs);
    const rows = rowsOf(out('data/demo/jiangxi.csv')).filter((r) => r.year === '2020' && r.region_code !== '360000');
    const absorption = (r: Row): number => absorptionT(Object.fromEntries(LAND_CLASSES.map((c) => [c, r[`${c}_hm2`] === '' ? null : Number(r[`${c}_hm2`])])) as Record<(typeof LAND_CLASSES)[number], number | null>, lambda);
    const total = rows.reduce((s, r) => s + absorption(r), 0);
    for (const [code, pct] of [['360700', 28.08], ['360800', 15.49], ['360100', 1.27]] as const) {
      const r = rows.find((x) => x.region_code === code);
      assert.ok(r !== undefined);
      assert.ok(Math.abs((100 * absorption(r)) / total - pct) < 0.005, `${code}: ${(100 * absorption(r)) / total}`);
    }
  });

  it("gives the province rows seed 001's absorption (60.56 Mt 2010, 59.69 Mt 2020) and land shares", () => {
    const lambda = seedLambda(inputs);
    const rows = rowsOf(out('data/demo/jiangxi.csv')).filter((r) => r.region_code === '360000');
    const areas = (r: Row | undefined): Record<(typeof LAND_CLASSES)[number], number> =>
      Object.fromEntries(LAND_CLASSES.map((c) => [c, num(r, `${c}_hm2`)])) as Record<(typeof LAND_CLASSES)[number], number>;
    const y2010 = areas(rows.find((r) => r.year === '2010'));
    const y2020 = areas(rows.find((r) => r.year === '2020'));
    assert.equal(roundMt(absorptionT(y2010, lambda)), 60.56);
    assert.equal(roundMt(absorptionT(y2020, lambda)), 59.69);
    assert.equal(Math.round(y2020.grassland * lambda.grassland / 1e4) / 100, 0.02);
    const area = Object.values(y2020).reduce((a, b) => a + b, 0);
    assert.equal(Math.round((10000 * y2020.forest) / area) / 100, 61.34);
    assert.equal(Math.round((10000 * y2020.cultivated) / area) / 100, 26.47);
    assert.equal(y2010.construction, 341652.5);
    assert.equal(y2020.construction, 542287);
  });

  it('describes every cell exactly once in the sources files, estimates as estimate', () => {
    for (const name of ['jiangxi', 'henan']) {
      const table = rowsOf(out(`data/demo/${name}.csv`));
      const sources = rowsOf(out(`data/demo/${name}.sources.csv`));
      assert.deepEqual(Object.keys(sources[0] ?? {}), ['column', 'region_code', 'year', 'status', 'source']);
      for (const s of sources) assert.ok(['statistic', 'estimate', 'computed', 'not_found'].includes(s.status ?? ''), JSON.stringify(s));
      for (const column of Object.keys(table[0] ?? {}).filter((c) => c !== 'year')) {
        for (const r of table) {
          const hits = sources.filter((s) => s.column === column && (s.region_code === '' || s.region_code === r.region_code) && (s.year === '' || s.year === r.year));
          assert.equal(hits.length, 1, `${name} ${column} ${r.region_code} ${r.year}`);
          const status = hits[0]?.status;
          assert.equal(status === 'not_found', r[column] === '', `${name} ${column} ${r.region_code} ${r.year}: ${status}`);
          if (column === 'energy_tce' || column.endsWith('_hm2') || (column === 'population' && r.year === '2015')) assert.ok(status === 'estimate' || status === 'not_found');
        }
      }
    }
  });

  it('parses with the region-table reader, ignoring the reference columns', () => {
    for (const path of ['data/demo/jiangxi.csv', 'data/demo/henan.csv', 'data/fixtures/seed001-replication.csv']) {
      const parsed = parseRegionCsv(path, out(path));
      assert.ok(parsed.ok, JSON.stringify(parsed.ok ? '' : parsed.error));
      assert.ok(mergeRegionTables([parsed.value]).ok);
      if (!path.includes('fixtures')) assert.deepEqual(parsed.value.ignoredColumns, ['region_name_en', 'ref_ceads_co2_mt']);
    }
  });
});

describe('seed-001 fixtures', () => {
  it('replication rows reproduce the printed totals with σ = 1.87, θ = 0.079', () => {
    const rows = rowsOf(out('data/fixtures/seed001-replication.csv'));
    assert.deepEqual(rows.map((r) => [r.region_code, r.year]), [['360000', '2010'], ['360000', '2020']]);
    const sigma = seedValue(inputs, 'sigma', 'energy');
    const theta = seedValue(inputs, 'theta', 'respiration');
    assert.deepEqual([sigma, theta], [1.87, 0.079]);
    const figures = (r: Row | undefined): [number, number, number] => {
      const energyT = num(r, 'energy_tce') * sigma;
      const respirationT = num(r, 'population') * theta;
      return [roundMt(energyT), roundMt(respirationT), roundMt(energyT + respirationT)];
    };
    assert.deepEqual(figures(rows[1]), [183.42, 3.57, 186.99]);
    assert.equal(figures(rows[0])[2], 120.97);
  });

  it('replication rows are the demo province rows', () => {
    const demo = rowsOf(out('data/demo/jiangxi.csv')).filter((r) => r.region_code === '360000' && r.year !== '2015');
    const rows = rowsOf(out('data/fixtures/seed001-replication.csv'));
    assert.deepEqual(rows.map((r) => [r.population, r.energy_tce]), demo.map((r) => [r.population, r.energy_tce]));
  });

  it('zoning fixture lists the 11 cities with the printed zones, groups and amounts', () => {
    const rows = rowsOf(out('data/fixtures/seed001-zoning-2020.csv'));
    assert.equal(rows.length, 11);
    const count = (key: 'zone' | 'compensation_group', value: string): number => rows.filter((r) => r[key] === value).length;
    assert.deepEqual([count('zone', 'carbon-sink-functional'), count('zone', 'low-carbon-optimisation'), count('zone', 'total-carbon-control'), count('zone', 'carbon-intensity-control')], [3, 2, 1, 5]);
    assert.deepEqual([count('compensation_group', 'high'), count('compensation_group', 'low'), count('compensation_group', 'receive')], [4, 3, 4]);
    assert.deepEqual(rows.filter((r) => r.printed_million_yuan !== '').map((r) => [r.region_name, r.printed_million_yuan]), [['九江市', '114.31'], ['宜春市', '54.59']]);
  });

  it('SOURCES.md states the province energies the script writes', async () => {
    const md = await readFile(join(REPO_ROOT, 'data/demo/SOURCES.md'), 'utf8');
    for (const r of rowsOf(out('data/demo/jiangxi.csv')).concat(rowsOf(out('data/demo/henan.csv'))).filter((x) => x.region_code?.endsWith('0000'))) {
      assert.ok(md.includes(r.energy_tce ?? '?'), `SOURCES.md lacks ${r.region_code} ${r.year} energy ${r.energy_tce}`);
    }
  });
});
