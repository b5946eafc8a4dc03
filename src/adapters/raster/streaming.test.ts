import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGeoTiff } from './test-support/write-geotiff.js';

/** Stated bound: peak RSS of the whole process (Node, tsx, worker threads) for a 1 GiB raster. */
const PEAK_RSS_BOUND_MIB = 256;
const WIDTH = 32768;
const HEIGHT = 16384;
const TILE = 512;

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'zonal-stream-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('streaming', () => {
  it(`a 16-bit raster that decodes to 1 GiB runs in under ${PEAK_RSS_BOUND_MIB} MiB`, (t) => {
    // Every tile shares one compressed block: the file is small, the decoded raster is not.
    const tile = Uint16Array.from({ length: TILE * TILE }, (_, i) => [11, 21, 31, 41, 51, 61, 0, 99][(Math.floor(i / TILE) >> 6) % 8]!);
    const raster = join(dir, 'big.tif');
    writeFileSync(raster, writeGeoTiff({
      width: WIDTH, height: HEIGHT, tile: TILE, bits: 16, compression: 'deflate', epsg: 4326, geographic: true,
      originX: 114, originY: 29, cellSize: 0.0001, nodata: 0, tileData: () => tile,
    }));
    const decodedMiB = (WIDTH * HEIGHT * 2) / 2 ** 20;
    assert.ok(statSync(raster).size < 2 ** 20, 'the file itself is small');
    const regions = join(dir, 'big.geojson');
    const box = (x0: number, y0: number, x1: number, y1: number): number[][][] => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
    writeFileSync(regions, JSON.stringify({ type: 'FeatureCollection', features: [
      { type: 'Feature', properties: { region_code: '360101', region_name: 'west' }, geometry: { type: 'Polygon', coordinates: box(113.9, 29.1, 115.6384, 27.3) } },
      { type: 'Feature', properties: { region_code: '360102', region_name: 'east' }, geometry: { type: 'Polygon', coordinates: box(115.6384, 29.1, 117.5, 27.3) } },
    ] }));
    const child = fileURLToPath(new URL('./test-support/stream-child.ts', import.meta.url));
    const out = execFileSync(process.execPath, ['--import', 'tsx', child, raster, regions], { encoding: 'utf8', maxBuffer: 1 << 24 });
    const result = JSON.parse(out.trim().split('\n').pop()!) as { maxRssMiB: number; seconds: number; zones: { coveredHm2: number; nodataHm2: number }[] };
    t.diagnostic(`peak RSS ${result.maxRssMiB.toFixed(0)} MiB, ${result.seconds.toFixed(1)} s for ${WIDTH * HEIGHT} cells`);
    assert.ok(result.maxRssMiB < PEAK_RSS_BOUND_MIB, `peak RSS ${result.maxRssMiB.toFixed(0)} MiB for ${decodedMiB} MiB of samples`);
    assert.ok(decodedMiB / PEAK_RSS_BOUND_MIB >= 4, 'the raster is far larger than the bound');
    // The two halves split the raster exactly at a cell line; one class in eight is nodata.
    const [west, east] = result.zones as [{ coveredHm2: number; nodataHm2: number }, { coveredHm2: number; nodataHm2: number }];
    assert.ok(Math.abs(west.coveredHm2 - east.coveredHm2) / west.coveredHm2 < 1e-9, `${west.coveredHm2} vs ${east.coveredHm2}`);
    assert.ok(Math.abs(west.nodataHm2 / west.coveredHm2 - 1 / 8) < 1e-3, String(west.nodataHm2 / west.coveredHm2));
  });
});
