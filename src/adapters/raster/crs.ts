/**
 * Coordinate reference systems: EPSG codes through epsg-index (offline), user-defined
 * projections built from GeoKeys, and the datum check of accounting spec §6. Everything is
 * turned into a proj4 definition string.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Result, ok, err } from '../../core/result.js';

export interface RasterCrs {
  readonly proj4: string;
  readonly geographic: boolean;
  readonly equalArea: boolean;
  /** Metres per linear unit of a projected CRS (1 for geographic). */
  readonly metresPerUnit: number;
  /** For messages: "EPSG:4326" or "user-defined Albers". */
  readonly label: string;
}

export type CrsProblem =
  | { readonly code: 'raster_no_crs'; readonly message: string }
  | { readonly code: 'unknown_crs'; readonly message: string }
  | { readonly code: 'unknown_datum'; readonly message: string };

interface EpsgEntry {
  readonly kind: string;
  readonly name: string;
  readonly proj4: string;
}

const require = createRequire(import.meta.url);
const epsgDir = join(dirname(require.resolve('epsg-index/package.json')), 's');
const USER_DEFINED = 32767;

/** An EPSG entry from the offline index, or null. */
export function epsgEntry(code: number): EpsgEntry | null {
  if (!Number.isInteger(code) || code <= 0) return null;
  try {
    return JSON.parse(readFileSync(join(epsgDir, `${code}.json`), 'utf8')) as EpsgEntry;
  } catch {
    return null;
  }
}

/** Datums with a known way to WGS 84: explicit, or an ellipsoid of a WGS 84-aligned frame. */
export function datumKnown(definition: string): boolean {
  if (/\+(datum|towgs84|nadgrids)=/.test(definition)) return true;
  if (/\+ellps=(WGS84|GRS80)\b/.test(definition)) return true;
  const a = /\+a=([\d.]+)/.exec(definition)?.[1];
  const rf = /\+rf=([\d.]+)/.exec(definition)?.[1];
  return a !== undefined && Number(a) === 6378137 && rf !== undefined && Math.abs(Number(rf) - 298.2572) < 1e-3;
}

const EQUAL_AREA = /\+proj=(aea|laea|cea|sinu|moll|eqearth)\b/;

function metresPerUnit(definition: string): number {
  const toMeter = /\+to_meter=([\d.eE+-]+)/.exec(definition)?.[1];
  if (toMeter !== undefined) return Number(toMeter);
  const units = /\+units=(\S+)/.exec(definition)?.[1];
  return units === 'ft' ? 0.3048 : units === 'us-ft' ? 1200 / 3937 : units === 'km' ? 1000 : 1;
}

function describe(definition: string, label: string): RasterCrs {
  const geographic = /\+proj=longlat\b/.test(definition);
  return { proj4: definition, geographic, equalArea: !geographic && EQUAL_AREA.test(definition), metresPerUnit: geographic ? 1 : metresPerUnit(definition), label };
}

/** proj4 definition of an EPSG code, with the datum check. */
export function crsFromEpsg(code: number): Result<RasterCrs, CrsProblem> {
  const entry = epsgEntry(code);
  if (entry === null) return err({ code: 'unknown_crs', message: `EPSG:${code} is not in the offline EPSG index` });
  if (!/^CRS-(GEOGCRS|PROJCRS|GEOG2DCRS)/.test(entry.kind) && !entry.proj4.includes('+proj=')) return err({ code: 'unknown_crs', message: `EPSG:${code} (${entry.name}) is not a geographic or projected CRS` });
  if (/\+proj=geocent\b/.test(entry.proj4)) return err({ code: 'unknown_crs', message: `EPSG:${code} (${entry.name}) is geocentric` });
  if (!datumKnown(entry.proj4)) return err({ code: 'unknown_datum', message: `EPSG:${code} (${entry.name}) has a datum with no known shift to WGS 84 (${entry.proj4})` });
  return ok(describe(entry.proj4, `EPSG:${code}`));
}

const KNOWN_DATUMS: Readonly<Record<number, string>> = {
  6326: '+datum=WGS84', 6269: '+ellps=GRS80 +towgs84=0,0,0', 6258: '+ellps=GRS80 +towgs84=0,0,0', 1043: '+ellps=GRS80 +towgs84=0,0,0',
};
const KNOWN_ELLIPSOIDS: Readonly<Record<number, string>> = { 7030: '+ellps=WGS84', 7019: '+ellps=GRS80', 7024: '+ellps=krass', 7022: '+ellps=intl' };

type Keys = Readonly<Record<string, unknown>>;
const num = (keys: Keys, name: string): number | undefined => (typeof keys[name] === 'number' ? (keys[name] as number) : undefined);

/** The datum and ellipsoid part of a definition from the geographic GeoKeys. */
function geographicPart(keys: Keys): Result<{ part: string; label: string }, CrsProblem> {
  const gcs = num(keys, 'GeographicTypeGeoKey');
  if (gcs !== undefined && gcs !== USER_DEFINED) {
    const entry = epsgEntry(gcs);
    if (entry === null) return err({ code: 'unknown_crs', message: `geographic CRS EPSG:${gcs} is not in the offline EPSG index` });
    const part = entry.proj4.replace(/\+proj=longlat|\+no_defs|\+type=crs/g, '').trim();
    if (!datumKnown(part)) return err({ code: 'unknown_datum', message: `EPSG:${gcs} (${entry.name}) has a datum with no known shift to WGS 84` });
    return ok({ part, label: `EPSG:${gcs}` });
  }
  const datum = num(keys, 'GeogGeodeticDatumGeoKey');
  if (datum !== undefined && KNOWN_DATUMS[datum] !== undefined) return ok({ part: KNOWN_DATUMS[datum]!, label: `datum ${datum}` });
  if (datum !== undefined && datum !== USER_DEFINED) {
    const viaGcs = epsgEntry(datum - 2000);
    if (viaGcs !== null && /towgs84|datum=/.test(viaGcs.proj4)) return ok({ part: viaGcs.proj4.replace(/\+proj=longlat|\+no_defs|\+type=crs/g, '').trim(), label: `datum ${datum}` });
  }
  const ellipsoidCode = num(keys, 'GeogEllipsoidGeoKey');
  const a = num(keys, 'GeogSemiMajorAxisGeoKey');
  const rf = num(keys, 'GeogInvFlatteningGeoKey');
  const b = num(keys, 'GeogSemiMinorAxisGeoKey');
  const ellipsoid = ellipsoidCode !== undefined && KNOWN_ELLIPSOIDS[ellipsoidCode] !== undefined ? KNOWN_ELLIPSOIDS[ellipsoidCode]!
    : a !== undefined && rf !== undefined ? `+a=${a} +rf=${rf}` : a !== undefined && b !== undefined ? `+a=${a} +b=${b}` : null;
  if (ellipsoid === null) return err({ code: 'raster_no_crs', message: 'the GeoKeys name no geographic CRS, datum or ellipsoid' });
  if (!datumKnown(ellipsoid)) {
    return err({ code: 'unknown_datum', message: `user-defined datum ${datum ?? '(none)'} on ellipsoid ${ellipsoid} has no known shift to WGS 84; reproject the raster to a CRS with a known datum (e.g. EPSG:4326)` });
  }
  return ok({ part: `${ellipsoid} +towgs84=0,0,0`, label: 'user-defined datum' });
}

/** proj4 parameters of a user-defined projection (GeoTIFF coordinate transformation codes). */
function projectionPart(keys: Keys): Result<{ part: string; name: string }, CrsProblem> {
  const method = num(keys, 'ProjCoordTransGeoKey');
  const pick = (...names: string[]): number => {
    for (const name of names) {
      const value = num(keys, `${name}GeoKey`);
      if (value !== undefined) return value;
    }
    return 0;
  };
  const lon0 = pick('ProjNatOriginLong', 'ProjFalseOriginLong', 'ProjCenterLong');
  const lat0 = pick('ProjNatOriginLat', 'ProjFalseOriginLat', 'ProjCenterLat');
  const x0 = pick('ProjFalseEasting', 'ProjFalseOriginEasting', 'ProjCenterEasting');
  const y0 = pick('ProjFalseNorthing', 'ProjFalseOriginNorthing', 'ProjCenterNorthing');
  const k = num(keys, 'ProjScaleAtNatOriginGeoKey') ?? num(keys, 'ProjScaleAtCenterGeoKey') ?? 1;
  const lat1 = pick('ProjStdParallel1');
  const lat2 = num(keys, 'ProjStdParallel2GeoKey') ?? lat1;
  const common = `+lon_0=${lon0} +x_0=${x0} +y_0=${y0}`;
  switch (method) {
    case 1: return ok({ part: `+proj=tmerc +lat_0=${lat0} +k=${k} ${common}`, name: 'transverse Mercator' });
    case 7: return ok({ part: num(keys, 'ProjStdParallel1GeoKey') !== undefined ? `+proj=merc +lat_ts=${lat1} ${common}` : `+proj=merc +k=${k} ${common}`, name: 'Mercator' });
    case 8: return ok({ part: `+proj=lcc +lat_1=${lat1} +lat_2=${lat2} +lat_0=${lat0} ${common}`, name: 'Lambert conformal conic' });
    case 9: return ok({ part: `+proj=lcc +lat_1=${lat0} +lat_0=${lat0} +k_0=${k} ${common}`, name: 'Lambert conformal conic (1SP)' });
    case 10: return ok({ part: `+proj=laea +lat_0=${lat0} ${common}`, name: 'Lambert azimuthal equal-area' });
    case 11: return ok({ part: `+proj=aea +lat_1=${lat1} +lat_2=${lat2} +lat_0=${lat0} ${common}`, name: 'Albers equal-area' });
    default: return err({ code: 'unknown_crs', message: `user-defined projection method ${method ?? '(none)'} is not supported; supported: transverse Mercator, Mercator, Lambert conformal conic, Albers, Lambert azimuthal equal-area` });
  }
}

const LINEAR_UNITS: Readonly<Record<number, string>> = { 9001: '+units=m', 9002: '+units=ft', 9003: '+units=us-ft', 9036: '+units=km' };

/** The raster's CRS from its GeoKeys. */
export function crsFromGeoKeys(keys: Keys): Result<RasterCrs, CrsProblem> {
  const model = num(keys, 'GTModelTypeGeoKey');
  const pcs = num(keys, 'ProjectedCSTypeGeoKey');
  const gcs = num(keys, 'GeographicTypeGeoKey');
  if (model === 3) return err({ code: 'unknown_crs', message: 'geocentric rasters are not supported' });
  const projected = model === 1 || (model === undefined && pcs !== undefined);
  if (projected) {
    if (pcs !== undefined && pcs !== USER_DEFINED) return crsFromEpsg(pcs);
    const projection = projectionPart(keys);
    if (!projection.ok) return projection;
    const geographic = geographicPart(keys);
    if (!geographic.ok) return geographic;
    const units = LINEAR_UNITS[num(keys, 'ProjLinearUnitsGeoKey') ?? 9001];
    if (units === undefined) return err({ code: 'unknown_crs', message: `linear unit ${num(keys, 'ProjLinearUnitsGeoKey')} is not supported` });
    return ok(describe(`${projection.value.part} ${geographic.value.part} ${units} +no_defs`, `user-defined ${projection.value.name}`));
  }
  if (model === 2 || gcs !== undefined || num(keys, 'GeogGeodeticDatumGeoKey') !== undefined) {
    if (gcs !== undefined && gcs !== USER_DEFINED) return crsFromEpsg(gcs);
    const geographic = geographicPart(keys);
    if (!geographic.ok) return geographic;
    return ok(describe(`+proj=longlat ${geographic.value.part} +no_defs`, `geographic, ${geographic.value.label}`));
  }
  return err({ code: 'raster_no_crs', message: 'the GeoKeys define no coordinate reference system (no model type, EPSG code or datum)' });
}
