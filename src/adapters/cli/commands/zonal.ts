/** `neutral zonal`: class areas per region from a land-cover GeoTIFF (accounting spec §6). */
import { Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { LAND_CLASSES } from '../../../core/accounting/index.js';
import { CLASS_PRESETS, type CoverageMethod, type CoverageSummary } from '../../../core/zonal/index.js';
import { loadClassMapping } from '../../raster/class-file.js';
import { parseRegionsCrs } from '../../raster/geojson.js';
import { type ZonalOutcome, runZonal } from '../../raster/zonal-run.js';
import { type CliIo, emit, reportProblems } from '../io.js';
import type { CommandRegistrar } from '../main.js';

const METHODS = ['center', 'exact'] as const;
const FORMATS = ['csv', 'json'] as const;

interface ZonalFlags {
  raster: string;
  regions: string;
  year: string;
  idField: string;
  nameField: string;
  regionsCrs: string;
  classes: string;
  method: CoverageMethod;
  format: (typeof FORMATS)[number];
  out?: string;
}

export const registerZonal: CommandRegistrar = (program, io, finish) => {
  program
    .command('zonal')
    .description('land area by class per region from a land-cover GeoTIFF and region boundaries (GeoJSON)')
    .requiredOption('--raster <file>', 'class raster: GeoTIFF, one band of 8- or 16-bit integer codes')
    .requiredOption('--regions <file>', 'region boundaries: GeoJSON FeatureCollection of Polygon/MultiPolygon features')
    .requiredOption('--year <year>', 'year written to every row')
    .option('--id-field <name>', 'feature property holding the 6-digit region code', 'region_code')
    .option('--name-field <name>', 'feature property holding the region name', 'region_name')
    .option('--regions-crs <crs>', 'CRS of the boundaries: wgs84, gcj02 or EPSG:N', 'wgs84')
    .option('--classes <preset|file>', `class mapping: ${Object.keys(CLASS_PRESETS).join(', ')} or a JSON file`, 'clcd')
    .addOption(new Option('--method <method>', 'cell centre in polygon, or exact coverage fractions').choices(METHODS).default('exact'))
    .addOption(new Option('--format <format>', 'csv: a region table for `neutral account --data`; json: table and coverage report').choices(FORMATS).default('csv'))
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (flags: ZonalFlags) => finish(await zonal(flags, io)));
};

const hm2 = (value: number): string => value.toFixed(4);

function csvTable(summary: CoverageSummary, year: number): string {
  const header = ['region_code', 'region_name', 'year', ...LAND_CLASSES.map((c) => `${c}_hm2`)];
  const rows = summary.zones.map((z) => [z.code, z.name, String(year), ...LAND_CLASSES.map((c) => hm2(z.classHm2[c]))]);
  return stringify([header, ...rows]);
}

function coverageLines(outcome: ZonalOutcome, flags: ZonalFlags): string[] {
  const s = outcome.summary;
  const unmapped = s.unmappedHm2.length === 0 ? 'none' : s.unmappedHm2.map((u) => `${u.code}: ${hm2(u.hm2)} hm2`).join(', ');
  const lines = [
    `zonal: ${outcome.raster.width} × ${outcome.raster.height} cells, ${outcome.raster.crs}, cell areas by ${outcome.raster.cellAreas}; method ${flags.method}; classes ${flags.classes}`,
    `zonal: covered ${hm2(s.coveredHm2)} hm2; nodata ${hm2(s.nodataHm2)} hm2; unmapped codes ${unmapped}`,
    `zonal: overlaps scaled away ${hm2(s.overlapHm2)} hm2; gaps between regions ${hm2(s.gapHm2)} hm2; outside the raster ≈ ${hm2(s.outsideHm2)} hm2`,
  ];
  for (const z of s.zones) {
    if (z.outsideShare > 1e-6) lines.push(`zonal: ${z.code} (${z.name}): ${(z.outsideShare * 100).toFixed(2)} % of its area lies outside the raster`);
    if (z.overlapHm2 > 0) lines.push(`zonal: ${z.code} (${z.name}): ${hm2(z.overlapHm2)} hm2 removed where it overlaps other regions`);
  }
  return lines;
}

/** Prints progress on stderr for runs longer than two seconds, at most once a second. */
function progressPrinter(io: CliIo): { onProgress(done: number, total: number): void; end(): void } {
  const started = Date.now();
  let last = started;
  let printed = false;
  return {
    onProgress(done, total) {
      const now = Date.now();
      if (now - started < 2000 || now - last < 1000) return;
      last = now;
      printed = true;
      io.stderr(`zonal: ${((100 * done) / Math.max(1, total)).toFixed(0)} % of ${total.toLocaleString('en')} cells (${((now - started) / 1000).toFixed(1)} s)\n`);
    },
    end() {
      if (printed) io.stderr(`zonal: 100 % (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    },
  };
}

export async function zonal(flags: ZonalFlags, io: CliIo): Promise<number> {
  if (!/^\d{4}$/.test(flags.year)) return reportProblems(io, [{ code: 'bad_flag', message: `--year expects a year such as 2020, found "${flags.year}"` }]);
  const regionsCrs = parseRegionsCrs(flags.regionsCrs);
  if (regionsCrs === null) return reportProblems(io, [{ code: 'bad_flag', message: `--regions-crs expects wgs84, gcj02 or EPSG:N, found "${flags.regionsCrs}"` }]);
  const mapping = await loadClassMapping(flags.classes);
  if (!mapping.ok) return reportProblems(io, [mapping.error]);
  const progress = progressPrinter(io);
  const run = await runZonal({
    raster: flags.raster, regions: flags.regions, idField: flags.idField, nameField: flags.nameField,
    regionsCrs, mapping: mapping.value, method: flags.method, onProgress: progress.onProgress,
  });
  if (!run.ok) return reportProblems(io, [run.error]);
  progress.end();
  const year = Number(flags.year);
  for (const warning of run.value.warnings) io.stderr(`${warning}\n`);
  if (flags.format === 'csv') await emit(io, flags.out, csvTable(run.value.summary, year));
  else {
    const rows = run.value.summary.zones.map((z) => ({
      region_code: z.code, region_name: z.name, year, ...Object.fromEntries(LAND_CLASSES.map((c) => [`${c}_hm2`, z.classHm2[c]])),
    }));
    const document = { year, method: flags.method, classes: mapping.value.name, raster: run.value.raster, rows, coverage: run.value.summary, warnings: run.value.warnings };
    await emit(io, flags.out, JSON.stringify(document, null, 2) + '\n');
  }
  for (const line of coverageLines(run.value, flags)) io.stderr(`${line}\n`);
  return 0;
}
