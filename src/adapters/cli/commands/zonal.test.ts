import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, files, tempDir } from '../test-support/run.js';

const RASTER = 'data/zonal/clcd-4326-tiled-lzw.tif';
const REGIONS = 'data/zonal/regions.geojson';
const LAND = 'cultivated_hm2,forest_hm2,grassland_hm2,water_hm2,unused_hm2,construction_hm2';

test('the CSV is a region table that `account` merges beside the statistics: two commands from map to compensation', async () => {
  const dir = tempDir();
  const zonalCsv = join(dir, 'zonal.csv');
  const zonal = await cli('zonal', '--raster', RASTER, '--regions', REGIONS, '--year', '2020', '--out', zonalCsv);
  assert.equal(zonal.code, 0, zonal.stderr);
  const csv = readFileSync(zonalCsv, 'utf8');
  assert.equal(csv.split('\n')[0], `region_code,region_name,year,${LAND}`);
  assert.match(csv, /^360103,西湖区,2020,\d+\.\d{4},/m);
  assert.match(zonal.stderr, /zonal: covered \d+\.\d{4} hm2; nodata 0\.0000 hm2; unmapped codes 42: /);
  const stats = files({
    'stats.csv': 'region_code,region_name,year,population,gdp_100m_yuan,energy_tce\n'
      + '360102,东湖区,2020,470000,800,900000\n360103,西湖区,2020,520000,900,1000000\n'
      + '360104,青云谱区,2020,330000,500,700000\n360111,青山湖区,2020,600000,1000,1500000\n',
  });
  const account = await cli('account', '--data', stats['stats.csv']!, '--data', zonalCsv, '--format', 'json');
  assert.equal(account.code, 0, account.stderr);
  const doc = JSON.parse(account.stdout);
  assert.equal(doc.regions.length, 4);
  assert.ok(doc.regions.every((r: { absorption_t: number }) => r.absorption_t > 0), 'forest and grassland from the map reach the accounting');
  assert.equal(doc.compensation.regions.length, 4);
});

test('json carries the table and the coverage report; centre method and a mapping file are accepted', async () => {
  const { code, stdout } = await cli('zonal', '--raster', RASTER, '--regions', REGIONS, '--year', '2020', '--format', 'json', '--method', 'center', '--classes', 'data/zonal/classes-example.json');
  assert.equal(code, 0);
  const doc = JSON.parse(stdout);
  assert.equal(doc.method, 'center');
  assert.equal(doc.classes, 'clcd-with-42');
  assert.equal(doc.rows.length, 4);
  assert.deepEqual(doc.coverage.unmappedHm2, [], 'code 42 is mapped to unused by the file');
  assert.ok(doc.coverage.gapHm2 > 0);
});

test('GCJ-02 boundaries are accepted with --regions-crs gcj02', async () => {
  const { code, stdout } = await cli('zonal', '--raster', RASTER, '--regions', 'data/zonal/regions-gcj02.geojson', '--regions-crs', 'gcj02', '--year', '2020');
  assert.equal(code, 0);
  assert.equal(stdout.trim().split('\n').length, 5);
});

test('bad flags and bad inputs exit 2 with one line naming the file', async () => {
  const bad = [
    [['--year', '20x0'], /bad_flag: --year/],
    [['--year', '2020', '--regions-crs', 'bd09'], /bad_flag: --regions-crs/],
    [['--year', '2020', '--method', 'touch'], /--method/],
    [['--year', '2020', '--classes', 'nope.json'], /nope\.json: missing_file/],
    [['--year', '2020', '--raster', 'data/zonal/bad-rotated.tif'], /bad-rotated\.tif: raster_rotated/],
  ] as const;
  for (const [extra, message] of bad) {
    const argv = ['zonal', '--raster', RASTER, '--regions', REGIONS, ...extra];
    const { code, stderr } = await cli(...argv);
    assert.equal(code, 2, argv.join(' '));
    assert.match(stderr, message);
  }
  const mapping = files({ 'm.json': JSON.stringify({ classes: { forest: [1, '2-3'], wetland: [4] } }) });
  const { code, stderr } = await cli('zonal', '--raster', RASTER, '--regions', REGIONS, '--year', '2020', '--classes', mapping['m.json']!);
  assert.equal(code, 2);
  assert.match(stderr, /m\.json:\$\.classes\.wetland: bad_class_mapping: unknown class "wetland"/);
});
