/**
 * Land use from maps (accounting spec §6): class areas per region from a class raster and
 * region polygons, by cell centre or exact coverage, on true ellipsoidal cell areas. Pure:
 * the adapters read GeoTIFF and GeoJSON, project to pixel space and stream tiles through
 * `bandSegments` and `ZoneSums.addTile`; `zonalInMemory` runs the same steps on one array.
 *
 * @example
 * const run = zonalInMemory({ grid: { width: 4, height: 4 }, data, kind: 'uint8', zones, method: 'exact',
 *   areas: equalAreaCellAreas(transform, 1), mapping: CLASS_PRESETS.clcd, rasterNodata: null });
 * if (run.ok) console.log(run.value.zones[0].classHm2.forest);
 */
import { type Result, ok } from '../result.js';
import { type SampleKind, type TileView, ZoneSums } from './accumulate.js';
import type { ClassMapping } from './classes.js';
import { bandSegments, newTally } from './segments.js';
import type { CellAreas, CoverageMethod, GridSize, ZoneInput } from './types.js';
import { type CoverageSummary, type ZoneProblem, prepareZones, summarize } from './zones.js';

export * from './types.js';
export { ZoneSums, codeOf, type SampleKind, type TileView, type ZoneClassSums } from './accumulate.js';
export { CLASS_PRESETS, NODATA_BIN, isClassPreset, isClassTarget, userMapping, type ClassMapping, type ClassPreset, type ClassTarget } from './classes.js';
export { WGS84, authalicZoneM2, cornerCellAreaM2, equalAreaCellAreas, geographicCellAreas, projectedCellAreas, type Ellipsoid, type InverseProjection } from './cell-area.js';
export { orientPolygon, polygonCells, ringCoverageSign, ringToPixels, type GeoTransform } from './rings.js';
export { OVERLAP_EPSILON, SegmentBuffer, bandSegments, newTally, type OverlapTally } from './segments.js';
export { prepareZones, summarize, type CoverageSummary, type ZoneProblem, type ZoneSummary } from './zones.js';
export { zoneEvents } from './events.js';

export interface InMemoryRun {
  readonly grid: GridSize;
  /** Row-major samples, unsigned view. */
  readonly data: Uint8Array | Uint16Array;
  readonly kind: SampleKind;
  /** Zones in pixel coordinates. */
  readonly zones: readonly ZoneInput[];
  readonly method: CoverageMethod;
  readonly areas: CellAreas;
  readonly mapping: ClassMapping;
  readonly rasterNodata: number | null;
  /** Rows per band; small values exercise the streaming path. */
  readonly bandRows?: number;
}

/** Runs the whole pipeline on a raster held in memory (tests, small rasters). */
export function zonalInMemory(run: InMemoryRun): Result<CoverageSummary, ZoneProblem> {
  const prepared = prepareZones(run.zones, run.grid, run.method);
  if (!prepared.ok) return prepared;
  const zones = prepared.value.zones;
  const tally = newTally(zones.length);
  const sums = new ZoneSums(zones.length, run.kind, run.mapping, run.rasterNodata);
  const bandRows = run.bandRows ?? 256;
  const scratch = new Float64Array(run.grid.width);
  for (let rowFrom = 0; rowFrom < run.grid.height; rowFrom += bandRows) {
    const rowTo = Math.min(run.grid.height, rowFrom + bandRows);
    const band = bandSegments(prepared.value, run.grid.width, rowFrom, rowTo, run.areas, tally);
    const tile: TileView = {
      rowFrom, colFrom: 0, rows: rowTo - rowFrom, cols: run.grid.width, stride: run.grid.width,
      data: run.data.subarray(rowFrom * run.grid.width, rowTo * run.grid.width),
    };
    sums.addTile(band, tile, run.areas, scratch);
  }
  return ok(summarize(zones, zones.map((z) => sums.result(z.index)), tally));
}
