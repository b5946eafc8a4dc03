/**
 * `neutral zonal` end to end: header and CRS, regions into pixel space, then bands of rows
 * streamed chunk by chunk from the worker pool into the core's sums.
 */
import proj4 from 'proj4';
import {
  type CellAreas, type ClassMapping, type CoverageMethod, type CoverageSummary, type GeoTransform, type PreparedZones,
  SegmentBuffer, WGS84, ZoneSums, bandSegments, equalAreaCellAreas, geographicCellAreas, newTally, prepareZones, projectedCellAreas, summarize,
} from '../../core/zonal/index.js';
import { type Result, ok, err } from '../../core/result.js';
import type { Problem } from '../problems.js';
import { BlockReader, type Chunk, WorkerFailure, bandChunks, defaultWorkerCount, stripsPerChunk, tileView } from './block-reader.js';
import { type RasterCrs, crsFromGeoKeys } from './crs.js';
import { type RegionsCrs, readRegions, regionsToPixels } from './geojson.js';
import { type RasterHeader, readRasterHeader } from './tiff-header.js';

export interface ZonalOptions {
  readonly raster: string;
  readonly regions: string;
  readonly idField: string;
  readonly nameField: string;
  readonly regionsCrs: RegionsCrs;
  readonly mapping: ClassMapping;
  readonly method: CoverageMethod;
  readonly workers?: number;
  /** Decoded chunks requested or held ahead of the one being summed. */
  readonly window?: number;
  onProgress?(cellsDone: number, cellsTotal: number): void;
}

export interface ZonalOutcome {
  readonly summary: CoverageSummary;
  readonly warnings: readonly string[];
  readonly raster: { readonly width: number; readonly height: number; readonly crs: string; readonly cellAreas: string };
}

function cellAreasFor(header: RasterHeader, crs: RasterCrs): { areas: CellAreas; how: string } {
  if (crs.geographic) return { areas: geographicCellAreas(WGS84, header.transform, header.width), how: 'WGS 84 authalic formula per row' };
  if (crs.equalArea) return { areas: equalAreaCellAreas(header.transform, crs.metresPerUnit), how: 'cell size (equal-area projection)' };
  const toLonLat = proj4(crs.proj4, '+proj=longlat +datum=WGS84 +no_defs');
  const inverse = (x: number, y: number): readonly [number, number] | null => {
    const [lon, lat] = toLonLat.forward([x, y]);
    return Number.isFinite(lon) && Number.isFinite(lat) ? [lon!, lat!] : null;
  };
  return { areas: projectedCellAreas(WGS84, header.transform, inverse, header.width, header.height), how: 'inverse-projected cell corners on WGS 84' };
}

/** Chunks in streaming order, skipping bands and chunks no zone touches. */
function* neededChunks(header: RasterHeader, prepared: PreparedZones, perChunk: number): Generator<{ band: number; chunk: Chunk }> {
  const bands = header.tiled ? header.blocksDown : Math.ceil(header.blocksDown / perChunk);
  for (let band = 0; band < bands; band++) {
    const chunks = bandChunks(header, band, perChunk);
    const rowFrom = chunks[0]!.rowFrom;
    const rowTo = rowFrom + chunks[0]!.rows;
    const active = prepared.zones.filter((z) => z.events.rowMin < rowTo && z.events.rowMax > rowFrom);
    for (const chunk of chunks) {
      if (active.some((z) => z.colMin < chunk.colFrom + chunk.cols && z.colMax > chunk.colFrom)) yield { band, chunk };
    }
  }
}

function extent(t: GeoTransform, header: RasterHeader): string {
  const x1 = t.originX + header.width * t.cellWidth;
  const y1 = t.originY + header.height * t.cellHeight;
  return `x ${Math.min(t.originX, x1)} … ${Math.max(t.originX, x1)}, y ${Math.min(t.originY, y1)} … ${Math.max(t.originY, y1)}`;
}

/** Runs the whole computation; problems name the file and, for regions, the feature. */
export async function runZonal(options: ZonalOptions): Promise<Result<ZonalOutcome, Problem>> {
  const header = await readRasterHeader(options.raster);
  if (!header.ok) return header;
  const h = header.value;
  const crs = crsFromGeoKeys(h.geoKeys);
  if (!crs.ok) return err({ code: crs.error.code, file: options.raster, message: crs.error.message });
  // Workers start now, so their start-up overlaps reading and preparing the regions.
  const reader = new BlockReader(h, options.workers ?? defaultWorkerCount());
  try {
    return await streamZones(options, h, crs.value, reader);
  } finally {
    await reader.close();
  }
}

async function streamZones(options: ZonalOptions, h: RasterHeader, rasterCrs: RasterCrs, reader: BlockReader): Promise<Result<ZonalOutcome, Problem>> {
  const read = await readRegions(options.regions, options.idField, options.nameField);
  if (!read.ok) return read;
  const zonesInput = regionsToPixels(options.regions, read.value.regions, options.regionsCrs, rasterCrs, h.transform);
  if (!zonesInput.ok) return zonesInput;
  const prepared = prepareZones(zonesInput.value, { width: h.width, height: h.height }, options.method);
  if (!prepared.ok) {
    const region = read.value.regions[prepared.error.zone]!;
    return err({ code: 'region_outside_raster', file: options.regions, path: `$.features[${region.featureIndex}]`, message: `feature ${region.code} (${region.name}) lies entirely outside the raster ${options.raster} (${rasterCrs.label}: ${extent(h.transform, h)})` });
  }
  const { areas, how } = cellAreasFor(h, rasterCrs);
  const zones = prepared.value.zones;
  const tally = newTally(zones.length);
  const sums = new ZoneSums(zones.length, h.kind, options.mapping, h.nodata);
  const perChunk = stripsPerChunk(h);
  const window = Math.max(2, options.window ?? 4 * (options.workers ?? defaultWorkerCount()));
  const queue: { band: number; chunk: Chunk; data: Promise<Uint8Array | Uint16Array> }[] = [];
  // Every promise gets a handler at once, so a failure waits in the queue rather than escaping.
  const source = neededChunks(h, prepared.value, perChunk);
  const topUp = (): void => {
    while (queue.length < window) {
      const next = source.next();
      if (next.done === true) return;
      const data = reader.read(next.value.chunk);
      data.catch(() => undefined);
      queue.push({ ...next.value, data });
    }
  };
  let totalCells = 0;
  for (const { chunk } of neededChunks(h, prepared.value, perChunk)) totalCells += chunk.rows * chunk.cols;
  let cellsDone = 0;
  let bandNow = -1;
  let band: ReturnType<typeof bandSegments> | null = null;
  const scratch = new Float64Array(h.blockWidth);
  const segmentBuffer = new SegmentBuffer();
  topUp();
  while (queue.length > 0) {
    const item = queue.shift()!;
    if (item.band !== bandNow) {
      bandNow = item.band;
      band = bandSegments(prepared.value, h.width, item.chunk.rowFrom, item.chunk.rowFrom + item.chunk.rows, areas, tally, segmentBuffer);
    }
    let data: Uint8Array | Uint16Array;
    try {
      data = await item.data;
    } catch (cause) {
      if (cause instanceof WorkerFailure) throw cause;
      return err({ code: 'raster_corrupt', file: options.raster, message: `rows ${item.chunk.rowFrom}–${item.chunk.rowFrom + item.chunk.rows - 1}: ${(cause as Error).message}` });
    }
    topUp();
    sums.addTile(band!, tileView(item.chunk, h, data), areas, scratch);
    cellsDone += item.chunk.rows * item.chunk.cols;
    options.onProgress?.(cellsDone, totalCells);
  }
  const summary = summarize(zones, zones.map((z) => sums.result(z.index)), tally);
  const warnings = [...read.value.warnings];
  for (const zone of summary.zones) {
    if (zone.coveredHm2 === 0) warnings.push(`${options.regions}: feature ${zone.code} (${zone.name}) covers no cell${options.method === 'center' ? ' centre' : ''} of the raster`);
  }
  return ok({ summary, warnings, raster: { width: h.width, height: h.height, crs: rasterCrs.label, cellAreas: how } });
}
