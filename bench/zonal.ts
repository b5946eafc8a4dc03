/**
 * `npm run bench -- zonal`: class areas of 100 regions on a 10,000 × 10,000 LZW GeoTIFF,
 * ours with exact coverage against Python rasterio's rasterize + bincount (cell centre), in
 * the same run. Inputs are generated under bench/out/ by bench/zonal_data.py if absent.
 * Options: --runs N (best of N, default 3).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CLASS_PRESETS } from '../src/core/zonal/index.js';
import { runZonal } from '../src/adapters/raster/zonal-run.js';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

async function ours(raster: string, regions: string): Promise<{ seconds: number; coveredHm2: number }> {
  const started = performance.now();
  const run = await runZonal({
    raster, regions, idField: 'region_code', nameField: 'region_name', regionsCrs: { kind: 'wgs84' },
    mapping: CLASS_PRESETS.clcd, method: 'exact',
  });
  if (!run.ok) throw new Error(`zonal failed: ${run.error.code}: ${run.error.message}`);
  return { seconds: (performance.now() - started) / 1000, coveredHm2: run.value.summary.coveredHm2 };
}

function rasterio(raster: string, regions: string): { seconds: number; cells: number } {
  const out = execFileSync(PYTHON, [here('./zonal_rasterio.py'), raster, regions], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as { seconds: number; cells: number };
}

export async function main(args: string[]): Promise<void> {
  const runsAt = args.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
  mkdirSync(here('./out/'), { recursive: true });
  const raster = here('./out/zonal-classes.tif');
  const regions = here('./out/zonal-regions.geojson');
  if (!existsSync(raster) || !existsSync(regions)) {
    console.log('zonal: generating bench/out/zonal-classes.tif and zonal-regions.geojson (GDAL, about 10 s)');
    execFileSync(PYTHON, [here('./zonal_data.py'), raster, regions], { stdio: 'inherit' });
  }
  const cells = 10_000 * 10_000;
  let best = Infinity;
  let bestPeer = Infinity;
  for (let i = 0; i < runs; i++) {
    const a = await ours(raster, regions);
    const b = rasterio(raster, regions);
    console.log(`zonal: run ${i + 1}: ours ${a.seconds.toFixed(2)} s exact (covered ${a.coveredHm2.toFixed(0)} hm2), rasterio ${b.seconds.toFixed(2)} s centre`);
    best = Math.min(best, a.seconds);
    bestPeer = Math.min(bestPeer, b.seconds);
  }
  const oursRate = cells / best / 1e6;
  const peerRate = cells / bestPeer / 1e6;
  console.log(`zonal: ours ${oursRate.toFixed(1)} Mcells/s exact, rasterio ${peerRate.toFixed(1)} Mcells/s centre, ratio ${(oursRate / peerRate).toFixed(2)}`);
}
