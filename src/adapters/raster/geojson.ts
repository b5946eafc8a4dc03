/**
 * Region boundaries from GeoJSON: Polygon and MultiPolygon features keyed by a property,
 * in WGS 84, GCJ-02 or an EPSG CRS, reprojected by proj4 into the raster's CRS and then
 * into pixel space. Every problem names the file, the JSON path and the feature.
 */
import { readFile } from 'node:fs/promises';
import gcoordModule from 'gcoord';
import proj4 from 'proj4';
import { type GeoTransform, type ZoneInput, ringToPixels } from '../../core/zonal/index.js';
import { type Result, ok, err } from '../../core/result.js';
import type { Problem } from '../problems.js';
import { crsFromEpsg, type RasterCrs } from './crs.js';

// gcoord is CommonJS: at run time the default import is its module.exports object itself.
const gcoord = gcoordModule as unknown as typeof gcoordModule.default;

export type RegionsCrs = { readonly kind: 'wgs84' } | { readonly kind: 'gcj02' } | { readonly kind: 'epsg'; readonly code: number };

/** `wgs84`, `gcj02` or `EPSG:N`, case-insensitive. */
export function parseRegionsCrs(text: string): RegionsCrs | null {
  const lower = text.trim().toLowerCase();
  if (lower === 'wgs84' || lower === 'epsg:4326') return { kind: 'wgs84' };
  if (lower === 'gcj02' || lower === 'gcj-02') return { kind: 'gcj02' };
  const match = /^epsg:(\d+)$/.exec(lower);
  return match === null ? null : { kind: 'epsg', code: Number(match[1]) };
}

export interface RegionFeature {
  readonly code: string;
  readonly name: string;
  /** Index in `features`, for messages. */
  readonly featureIndex: number;
  /** Polygons in the file's coordinates: rings of interleaved x, y. */
  readonly parts: { shell: Float64Array; holes: Float64Array[]; path: string }[];
}

export interface RegionsRead {
  readonly regions: RegionFeature[];
  readonly warnings: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function ringFrom(raw: unknown, path: string, file: string, who: string): Result<Float64Array, Problem> {
  if (!Array.isArray(raw) || raw.length < 3) return err({ code: 'bad_geometry', file, path, message: `${who}: a ring needs at least 3 positions, found ${Array.isArray(raw) ? raw.length : typeof raw}` });
  const out = new Float64Array(raw.length * 2);
  for (const [i, position] of raw.entries()) {
    if (!Array.isArray(position) || position.length < 2 || typeof position[0] !== 'number' || typeof position[1] !== 'number' || !Number.isFinite(position[0]) || !Number.isFinite(position[1])) {
      return err({ code: 'bad_geometry', file, path: `${path}[${i}]`, message: `${who}: expected a position [x, y] of two numbers, found ${JSON.stringify(position)}` });
    }
    out[2 * i] = position[0];
    out[2 * i + 1] = position[1];
  }
  return ok(out);
}

function polygonsOf(geometry: unknown, path: string, file: string, who: string): Result<RegionFeature['parts'], Problem> {
  if (!isObject(geometry)) return err({ code: 'bad_geometry', file, path, message: `${who}: no geometry` });
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : null;
  if (polygons === null) return err({ code: 'bad_geometry', file, path: `${path}.type`, message: `${who}: expected Polygon or MultiPolygon, found ${String(geometry.type)}` });
  if (!Array.isArray(polygons)) return err({ code: 'bad_geometry', file, path: `${path}.coordinates`, message: `${who}: coordinates are not an array` });
  const parts: RegionFeature['parts'] = [];
  for (const [p, rings] of polygons.entries()) {
    const polygonPath = geometry.type === 'Polygon' ? `${path}.coordinates` : `${path}.coordinates[${p}]`;
    if (!Array.isArray(rings) || rings.length === 0) return err({ code: 'bad_geometry', file, path: polygonPath, message: `${who}: a polygon needs a shell ring` });
    const read = rings.map((ring, r) => ringFrom(ring, `${polygonPath}[${r}]`, file, who));
    const bad = read.find((r) => !r.ok);
    if (bad !== undefined && !bad.ok) return bad;
    const ok_ = read.map((r) => (r.ok ? r.value : new Float64Array()));
    parts.push({ shell: ok_[0]!, holes: ok_.slice(1), path: polygonPath });
  }
  return ok(parts);
}

/** Reads the features; codes must be 6-digit division codes of one province. */
export async function readRegions(file: string, idField: string, nameField: string): Promise<Result<RegionsRead, Problem>> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    return err({ code: missing ? 'missing_file' : 'bad_format', file, message: missing ? 'no such file' : `not JSON: ${(cause as Error).message}` });
  }
  const features = isObject(doc) && doc.type === 'FeatureCollection' ? doc.features : isObject(doc) && doc.type === 'Feature' ? [doc] : null;
  if (!Array.isArray(features)) return err({ code: 'bad_format', file, path: '$', message: 'expected a GeoJSON FeatureCollection' });
  const byCode = new Map<string, RegionFeature>();
  const warnings: string[] = [];
  let province: string | null = null;
  for (const [i, feature] of features.entries()) {
    const at = isObject(doc) && doc.type === 'Feature' ? '$' : `$.features[${i}]`;
    const properties = isObject(feature) && isObject(feature.properties) ? feature.properties : {};
    const rawCode = properties[idField] ?? (idField === 'id' && isObject(feature) ? feature.id : undefined);
    const code = typeof rawCode === 'number' ? String(rawCode) : typeof rawCode === 'string' ? rawCode.trim() : '';
    if (!/^\d{6}$/.test(code)) {
      return err({ code: rawCode === undefined ? 'missing_value' : 'malformed_region_code', file, path: `${at}.properties.${idField}`, message: `feature ${i}: expected a 6-digit division code in "${idField}", found ${JSON.stringify(rawCode ?? null)}` });
    }
    const rawName = properties[nameField];
    if (typeof rawName !== 'string' || rawName.trim() === '') {
      return err({ code: 'missing_value', file, path: `${at}.properties.${nameField}`, message: `feature ${code}: expected a region name in "${nameField}", found ${JSON.stringify(rawName ?? null)}` });
    }
    const who = `feature ${code} (${rawName.trim()})`;
    if (code.endsWith('0000')) {
      warnings.push(`${file}:${at}: ${who} is a province outline: skipped (the accounting sums the regions)`);
      continue;
    }
    if (province !== null && code.slice(0, 2) !== province) {
      return err({ code: 'multiple_provinces', file, path: `${at}.properties.${idField}`, message: `${who}: province ${code.slice(0, 2)} differs from ${province} of the features before it; one province per table` });
    }
    province = code.slice(0, 2);
    const parts = polygonsOf(isObject(feature) ? feature.geometry : undefined, `${at}.geometry`, file, who);
    if (!parts.ok) return parts;
    const existing = byCode.get(code);
    if (existing !== undefined) existing.parts.push(...parts.value);
    else byCode.set(code, { code, name: rawName.trim(), featureIndex: i, parts: parts.value });
  }
  if (byCode.size === 0) return err({ code: 'no_regions', file, path: '$.features', message: 'no region features (Polygon or MultiPolygon with a 6-digit code)' });
  return ok({ regions: [...byCode.values()], warnings });
}

/** Projects regions into the raster's pixel space; coordinates out of range name the feature. */
export function regionsToPixels(file: string, regions: readonly RegionFeature[], from: RegionsCrs, raster: RasterCrs, transform: GeoTransform): Result<ZoneInput[], Problem> {
  let sourceDef = '+proj=longlat +datum=WGS84 +no_defs';
  let sourceGeographic = true;
  if (from.kind === 'epsg') {
    const crs = crsFromEpsg(from.code);
    if (!crs.ok) return err({ code: crs.error.code === 'raster_no_crs' ? 'unknown_crs' : crs.error.code, file, message: `--regions-crs: ${crs.error.message}` });
    sourceDef = crs.value.proj4;
    sourceGeographic = crs.value.geographic;
  }
  const same = sourceDef === raster.proj4 && from.kind !== 'gcj02';
  const converter = same ? null : proj4(sourceDef, raster.proj4);
  const zones: ZoneInput[] = [];
  for (const region of regions) {
    const who = `feature ${region.code} (${region.name})`;
    const parts: { shell: Float64Array; holes: Float64Array[] }[] = [];
    for (const part of region.parts) {
      const rings = [part.shell, ...part.holes];
      const projected: Float64Array[] = [];
      for (const [r, ring] of rings.entries()) {
        const world = new Float64Array(ring.length);
        for (let i = 0; i < ring.length; i += 2) {
          let x = ring[i]!;
          let y = ring[i + 1]!;
          if (sourceGeographic && (Math.abs(x) > 180 || Math.abs(y) > 90)) {
            return err({ code: 'coordinates_out_of_range', file, path: `${part.path}[${r}][${i / 2}]`, message: `${who}: [${x}, ${y}] is not a longitude, latitude (|lon| ≤ 180, |lat| ≤ 90); is the file in another CRS (--regions-crs) or in lat, lon order?` });
          }
          if (from.kind === 'gcj02') [x, y] = gcoord.transform([x, y], gcoord.GCJ02, gcoord.WGS84) as [number, number];
          if (converter !== null) {
            const out = converter.forward([x, y]);
            x = out[0]!;
            y = out[1]!;
          }
          if (!Number.isFinite(x) || !Number.isFinite(y)) {
            return err({ code: 'coordinates_out_of_range', file, path: `${part.path}[${r}][${i / 2}]`, message: `${who}: [${ring[i]}, ${ring[i + 1]}] cannot be projected into the raster's CRS (${raster.label})` });
          }
          world[i] = x;
          world[i + 1] = y;
        }
        projected.push(ringToPixels(world, transform));
      }
      parts.push({ shell: projected[0]!, holes: projected.slice(1) });
    }
    zones.push({ code: region.code, name: region.name, parts });
  }
  return ok(zones);
}
