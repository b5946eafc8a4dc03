/**
 * Test support only: runs zonal in a fresh process and prints its peak resident memory, so
 * the streaming test measures this run alone. Usage: stream-child.ts RASTER REGIONS
 */
import { CLASS_PRESETS } from '../../../core/zonal/index.js';
import { runZonal } from '../zonal-run.js';

const [raster, regions] = process.argv.slice(2) as [string, string];
const started = performance.now();
const run = await runZonal({
  raster, regions, idField: 'region_code', nameField: 'region_name', regionsCrs: { kind: 'wgs84' },
  mapping: CLASS_PRESETS.cnlucc, method: 'exact',
});
if (!run.ok) throw new Error(`${run.error.code}: ${run.error.message}`);
process.stdout.write(JSON.stringify({
  maxRssMiB: process.resourceUsage().maxRSS / 1024,
  seconds: (performance.now() - started) / 1000,
  zones: run.value.summary.zones,
}) + '\n');
