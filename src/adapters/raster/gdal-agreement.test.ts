import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAND_CLASSES } from '../../core/accounting/index.js';
import { CLASS_PRESETS, type CoverageMethod, type ZoneSummary } from '../../core/zonal/index.js';
import { runZonal } from './zonal-run.js';

/**
 * Agreement with GDAL/rasterio (Debian: gdal-bin python3-gdal python3-rasterio) on the same
 * inputs: per region and class, |ours − GDAL| ≤ 1e-9 × the region's area, for the centre rule
 * (rasterio rasterize) and exact coverage (OGR/GEOS intersection per boundary cell).
 */
const TOLERANCE = 1e-9;
const PYTHON = '/usr/bin/python3';
const root = fileURLToPath(new URL('../../../', import.meta.url));
const sample = (name: string): string => join(root, 'data/zonal', name);
const available = spawnSync(PYTHON, ['-c', 'import rasterio, osgeo.ogr'], { stdio: 'ignore' }).status === 0;
const skip = available ? false : `needs ${PYTHON} with rasterio and GDAL (apt-get install gdal-bin python3-gdal python3-rasterio)`;

interface Reference {
  zones: { code: string; m2: Record<string, number> }[];
}

describe('agreement with GDAL/rasterio on the samples', { skip }, () => {
  const cases: [string, CoverageMethod][] = [
    ['clcd-4326-tiled-lzw.tif', 'exact'], ['clcd-4326-tiled-lzw.tif', 'center'],
    ['clcd-albers-tiled-deflate.tif', 'center'], ['clcd-albers-tiled-deflate.tif', 'exact'],
  ];
  for (const [raster, method] of cases) {
    it(`${raster}, ${method}`, async () => {
      const out = execFileSync(PYTHON, [join(root, 'scripts/zonal/gdal_reference.py'), sample(raster), sample('regions.geojson'), method], { encoding: 'utf8', maxBuffer: 1 << 24 });
      const reference = JSON.parse(out) as Reference;
      const ours = await runZonal({
        raster: sample(raster), regions: sample('regions.geojson'), idField: 'region_code', nameField: 'region_name',
        regionsCrs: { kind: 'wgs84' }, mapping: CLASS_PRESETS.clcd, method, workers: 1,
      });
      assert.ok(ours.ok);
      for (const [i, theirs] of reference.zones.entries()) {
        const zone: ZoneSummary = ours.value.summary.zones[i]!;
        assert.equal(zone.code, theirs.code);
        const byClass = new Map<string, number>();
        for (const [code, m2] of Object.entries(theirs.m2)) {
          const target = CLASS_PRESETS.clcd.classOf(Number(code)) ?? `code ${code}`;
          byClass.set(target, (byClass.get(target) ?? 0) + m2);
        }
        const totalM2 = [...byClass.values()].reduce((a, b) => a + b, 0);
        const oursM2 = new Map<string, number>(LAND_CLASSES.map((c) => [c, zone.classHm2[c] * 1e4]));
        oursM2.set('nodata', zone.nodataHm2 * 1e4);
        for (const u of zone.unmappedHm2) oursM2.set(`code ${u.code}`, u.hm2 * 1e4);
        for (const key of new Set([...byClass.keys(), ...oursM2.keys()])) {
          const a = oursM2.get(key) ?? 0;
          const b = byClass.get(key) ?? 0;
          assert.ok(Math.abs(a - b) <= TOLERANCE * totalM2, `${zone.code} ${key}: ours ${a} m2, GDAL ${b} m2`);
        }
      }
    });
  }
});
