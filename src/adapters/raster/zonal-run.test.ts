import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromFile } from 'geotiff';
import { CLASS_PRESETS, type ClassMapping, type CoverageMethod } from '../../core/zonal/index.js';
import { LAND_CLASSES } from '../../core/accounting/index.js';
import { readRasterHeader } from './tiff-header.js';
import { BlockReader, bandChunks, stripsPerChunk } from './block-reader.js';
import { type RegionsCrs } from './geojson.js';
import { runZonal, type ZonalOutcome } from './zonal-run.js';
import { writeGeoTiff } from './test-support/write-geotiff.js';

const SAMPLES = new URL('../../../data/zonal/', import.meta.url).pathname;
const sample = (name: string): string => join(SAMPLES, name);
let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'zonal-test-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function zonal(raster: string, regions = sample('regions.geojson'), options: { crs?: RegionsCrs; method?: CoverageMethod; mapping?: ClassMapping } = {}) {
  return runZonal({
    raster, regions, idField: 'region_code', nameField: 'region_name', regionsCrs: options.crs ?? { kind: 'wgs84' },
    mapping: options.mapping ?? CLASS_PRESETS.clcd, method: options.method ?? 'exact', workers: 1,
  });
}

function classTotals(outcome: ZonalOutcome): number[] {
  return outcome.summary.zones.flatMap((z) => LAND_CLASSES.map((c) => z.classHm2[c]));
}

function assertClose(actual: number[], expected: number[], relative: number, label: string): void {
  actual.forEach((a, i) => {
    const e = expected[i]!;
    assert.ok(Math.abs(a - e) <= relative * Math.max(Math.abs(e), 1), `${label}[${i}]: ${a} vs ${e}`);
  });
}

describe('GeoTIFF decoding agrees with geotiff.js on every sample layout', () => {
  for (const name of ['clcd-4326-tiled-lzw.tif', 'clcd-4326-striped-deflate.tif', 'clcd-albers-tiled-deflate.tif', 'clcd-32650-striped-none.tif', 'cnlucc-4527-int16-lzw.tif']) {
    it(name, async () => {
      const header = await readRasterHeader(sample(name));
      assert.ok(header.ok);
      const h = header.value;
      const tiff = await fromFile(sample(name));
      const expected = (await (await tiff.getImage()).readRasters({ interleave: true })) as unknown as ArrayLike<number>;
      await tiff.close();
      const reader = new BlockReader(h, 1);
      const perChunk = stripsPerChunk(h, 4096);
      const bands = h.tiled ? h.blocksDown : Math.ceil(h.blocksDown / perChunk);
      try {
        for (let band = 0; band < bands; band++) {
          for (const chunk of bandChunks(h, band, perChunk)) {
            const data = await reader.read(chunk);
            for (let r = 0; r < chunk.rows; r++) {
              for (let c = 0; c < chunk.cols; c++) {
                const ours = data[r * h.blockWidth + c]!;
                const theirs = expected[(chunk.rowFrom + r) * h.width + chunk.colFrom + c]!;
                if (ours !== (theirs & (h.format.bytesPerSample === 1 ? 0xff : 0xffff))) assert.fail(`cell ${chunk.rowFrom + r},${chunk.colFrom + c}: ${ours} vs ${theirs}`);
              }
            }
          }
        }
      } finally {
        await reader.close();
      }
    });
  }
});

describe('zonal on the samples', () => {
  it('tiled LZW and striped Deflate give the same areas', async () => {
    const a = await zonal(sample('clcd-4326-tiled-lzw.tif'));
    const b = await zonal(sample('clcd-4326-striped-deflate.tif'));
    assert.ok(a.ok && b.ok);
    assertClose(classTotals(a.value), classTotals(b.value), 1e-12, 'striped');
    assert.deepEqual(a.value.summary.unmappedHm2.map((u) => u.code), [42]);
    assert.equal(a.value.summary.overlapHm2, 0);
    assert.ok(a.value.summary.gapHm2 > 500, 'the lake of 360103 is a hole no region fills');
  });

  it('GCJ-02 and EPSG:3857 boundaries land where the WGS 84 ones do', async () => {
    const wgs = await zonal(sample('clcd-4326-tiled-lzw.tif'));
    const gcj = await zonal(sample('clcd-4326-tiled-lzw.tif'), sample('regions-gcj02.geojson'), { crs: { kind: 'gcj02' } });
    const web = await zonal(sample('clcd-4326-tiled-lzw.tif'), sample('regions-3857.geojson'), { crs: { kind: 'epsg', code: 3857 } });
    assert.ok(wgs.ok && gcj.ok && web.ok);
    // gcoord inverts GCJ-02 to within about a metre; 3857 edges are straight in metres, not degrees.
    assertClose(classTotals(gcj.value), classTotals(wgs.value), 2e-3, 'gcj02');
    assertClose(classTotals(web.value), classTotals(wgs.value), 2e-3, 'epsg:3857');
  });

  it('the same map in Albers, UTM and CGCS2000 Gauss–Krüger gives the same region areas', async () => {
    const base = await zonal(sample('clcd-4326-tiled-lzw.tif'));
    assert.ok(base.ok);
    const total = (o: ZonalOutcome, z: number): number => o.summary.zones[z]!.coveredHm2;
    for (const [name, mapping] of [['clcd-albers-tiled-deflate.tif', CLASS_PRESETS.clcd], ['clcd-32650-striped-none.tif', CLASS_PRESETS.clcd], ['cnlucc-4527-int16-lzw.tif', CLASS_PRESETS.cnlucc]] as const) {
      const other = await zonal(sample(name), sample('regions.geojson'), { mapping });
      assert.ok(other.ok, name);
      // Region areas are geometry, not the resampled classes: they agree closely.
      for (let z = 0; z < 4; z++) assert.ok(Math.abs(total(other.value, z) - total(base.value, z)) / total(base.value, z) < 1e-5, `${name} zone ${z}`);
    }
  });

  it('centre and exact methods agree on totals within the boundary cells', async () => {
    const exact = await zonal(sample('clcd-4326-tiled-lzw.tif'));
    const center = await zonal(sample('clcd-4326-tiled-lzw.tif'), sample('regions.geojson'), { method: 'center' });
    assert.ok(exact.ok && center.ok);
    assert.ok(Math.abs(exact.value.summary.coveredHm2 - center.value.summary.coveredHm2) / exact.value.summary.coveredHm2 < 2e-3);
  });
});

describe('cell areas on a high-latitude geographic raster', () => {
  /** ∫ M(φ)·N(φ)·cos φ dφ by Simpson's rule: an independent route to the band area per radian. */
  function bandAreaM2(lat0: number, lat1: number): number {
    const a = 6378137;
    const f = 1 / 298.257223563;
    const e2 = f * (2 - f);
    const g = (phi: number): number => {
      const w = 1 - e2 * Math.sin(phi) ** 2;
      return ((a * (1 - e2)) / w ** 1.5) * (a / Math.sqrt(w)) * Math.cos(phi);
    };
    const n = 200;
    const h = ((lat1 - lat0) * Math.PI) / 180 / n;
    let sum = g((lat0 * Math.PI) / 180) + g((lat1 * Math.PI) / 180);
    for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * g((lat0 * Math.PI) / 180 + i * h);
    return (sum * h) / 3;
  }

  it('a region of whole cells at 69–70° N has the ellipsoidal area to 1e-9', async () => {
    const step = 0.01;
    const tif = join(dir, 'arctic.tif');
    const classes = Uint8Array.from({ length: 128 * 128 }, (_, i) => 1 + (((i % 128) + Math.floor(i / 128)) % 2));
    writeFileSync(tif, writeGeoTiff({
      width: 100, height: 100, tile: 128, bits: 8, compression: 'deflate', epsg: 4326, geographic: true,
      originX: 20, originY: 70, cellSize: step, tileData: () => classes,
    }));
    const regions = join(dir, 'arctic.geojson');
    const ring = [[20.1, 69.9], [20.6, 69.9], [20.6, 69.4], [20.1, 69.4], [20.1, 69.9]];
    writeFileSync(regions, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { region_code: '150100', region_name: 'arctic' }, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
    const run = await zonal(tif, regions);
    assert.ok(run.ok);
    const expectedM2 = bandAreaM2(69.4, 69.9) * ((0.5 * Math.PI) / 180);
    const z = run.value.summary.zones[0]!;
    assert.ok(Math.abs(z.coveredHm2 * 1e4 - expectedM2) / expectedM2 < 1e-9, `${z.coveredHm2 * 1e4} vs ${expectedM2}`);
    // The same 2,500 cells at the equator (about 123.6 hm2 each) would be 2.9× larger.
    assert.ok(z.coveredHm2 / (2500 * 123.6) < 0.36, String(z.coveredHm2));
    assert.ok(Math.abs(z.classHm2.cultivated - z.classHm2.forest) / z.coveredHm2 < 1e-3, 'checkerboard halves');
  });
});

describe('bad inputs are clear errors naming the file and the feature', () => {
  const expectProblem = async (run: ReturnType<typeof zonal>, code: string, ...mentions: string[]): Promise<void> => {
    const result = await run;
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.code, code, result.error.message);
    for (const m of mentions) assert.ok(`${result.error.file} ${result.error.path ?? ''} ${result.error.message}`.includes(m), `"${m}" in ${JSON.stringify(result.error)}`);
  };

  it('a raster without CRS', () => expectProblem(zonal(sample('bad-no-crs.tif')), 'raster_no_crs', 'bad-no-crs.tif'));
  it('a rotated raster', () => expectProblem(zonal(sample('bad-rotated.tif')), 'raster_rotated', 'bad-rotated.tif', 'gdalwarp'));
  it('a datum with no known shift to WGS 84', () => expectProblem(zonal(sample('bad-xian80.tif')), 'unknown_datum', 'bad-xian80.tif', 'EPSG:4610'));
  it('a missing raster', () => expectProblem(zonal(join(dir, 'nope.tif')), 'missing_file', 'nope.tif'));
  it('a file that is not a TIFF', async () => {
    writeFileSync(join(dir, 'text.tif'), 'hello');
    await expectProblem(zonal(join(dir, 'text.tif')), 'bad_format', 'text.tif');
  });

  const regionsWith = (name: string, geometry: unknown, properties: Record<string, unknown> = { region_code: '360199', region_name: '测试区' }): string => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { region_code: '360198', region_name: 'ok' }, geometry: { type: 'Polygon', coordinates: [[[115.9, 28.8], [116, 28.8], [116, 28.7], [115.9, 28.8]]] } }, { type: 'Feature', properties, geometry }] }));
    return file;
  };

  it('coordinates out of range (lat, lon swapped)', () =>
    expectProblem(zonal(sample('clcd-4326-tiled-lzw.tif'), regionsWith('swapped.geojson', { type: 'Polygon', coordinates: [[[28.6, 115.9], [28.7, 115.9], [28.7, 116], [28.6, 115.9]]] })), 'coordinates_out_of_range', 'swapped.geojson', '$.features[1].geometry.coordinates[0][0]', '360199', '测试区'));

  it('a region that misses the raster entirely', () =>
    expectProblem(zonal(sample('clcd-4326-tiled-lzw.tif'), regionsWith('far.geojson', { type: 'Polygon', coordinates: [[[100, 20], [101, 20], [101, 21], [100, 20]]] })), 'region_outside_raster', 'far.geojson', '$.features[1]', '360199', 'clcd-4326-tiled-lzw.tif'));

  it('a geometry that is not a polygon', () =>
    expectProblem(zonal(sample('clcd-4326-tiled-lzw.tif'), regionsWith('point.geojson', { type: 'Point', coordinates: [116, 28.7] })), 'bad_geometry', 'point.geojson', '$.features[1].geometry.type', '360199'));

  it('a feature without a 6-digit code', () =>
    expectProblem(zonal(sample('clcd-4326-tiled-lzw.tif'), regionsWith('code.geojson', { type: 'Polygon', coordinates: [] }, { region_code: '3601', region_name: 'x' })), 'malformed_region_code', 'code.geojson', '$.features[1].properties.region_code'));

  it('features of two provinces', () =>
    expectProblem(zonal(sample('clcd-4326-tiled-lzw.tif'), regionsWith('two.geojson', { type: 'Polygon', coordinates: [] }, { region_code: '410100', region_name: '郑州市' })), 'multiple_provinces', 'two.geojson', '410100'));

  it('an unknown EPSG code for the regions', () =>
    expectProblem(zonal(sample('clcd-4326-tiled-lzw.tif'), sample('regions.geojson'), { crs: { kind: 'epsg', code: 999999 } }), 'unknown_crs', 'EPSG:999999'));
});
