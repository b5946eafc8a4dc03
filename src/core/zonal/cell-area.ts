/**
 * True (ellipsoidal) cell areas, accounting spec §6: per row from the authalic formula on
 * geographic rasters; the cell size on equal-area projections; otherwise the ellipsoidal area
 * of the quadrilateral through the cell's inverse-projected corners.
 */
import type { GeoTransform } from './rings.js';
import type { CellAreas } from './types.js';

export interface Ellipsoid {
  /** Semi-major axis, m. */
  readonly a: number;
  /** Inverse flattening; 0 or Infinity for a sphere. */
  readonly inverseFlattening: number;
}

export const WGS84: Ellipsoid = { a: 6378137, inverseFlattening: 298.257223563 };

const DEG = Math.PI / 180;

/**
 * Area in m² between the equator and latitude `latRad` per radian of longitude:
 * b²·[sinφ / (2(1 − e²sin²φ)) + ln((1 + e·sinφ)/(1 − e·sinφ)) / (4e)].
 * @example authalicZoneM2(WGS84, Math.PI / 2) * 4 * Math.PI // ≈ 5.10066e14, the ellipsoid's area
 */
export function authalicZoneM2(ellipsoid: Ellipsoid, latRad: number): number {
  const f = Number.isFinite(ellipsoid.inverseFlattening) && ellipsoid.inverseFlattening > 0 ? 1 / ellipsoid.inverseFlattening : 0;
  const a = ellipsoid.a;
  const s = Math.sin(Math.max(-Math.PI / 2, Math.min(Math.PI / 2, latRad)));
  if (f === 0) return a * a * s;
  const e2 = f * (2 - f);
  const e = Math.sqrt(e2);
  const b2 = a * a * (1 - e2);
  return b2 * (s / (2 * (1 - e2 * s * s)) + Math.log((1 + e * s) / (1 - e * s)) / (4 * e));
}

/** Cell areas of a geographic raster (degrees): constant along each row. */
export function geographicCellAreas(ellipsoid: Ellipsoid, transform: GeoTransform, width: number): CellAreas {
  const dLonRad = Math.abs(transform.cellWidth) * DEG;
  const rowAreaM2 = (row: number): number => {
    const lat0 = (transform.originY + row * transform.cellHeight) * DEG;
    const lat1 = (transform.originY + (row + 1) * transform.cellHeight) * DEG;
    return dLonRad * Math.abs(authalicZoneM2(ellipsoid, lat1) - authalicZoneM2(ellipsoid, lat0));
  };
  return {
    rowConstant: true,
    rowAreaM2,
    fillRowM2(row, c0, c1, out) {
      out.fill(rowAreaM2(row), 0, Math.min(c1, width) - c0);
    },
  };
}

/** Cell areas of an equal-area projection: the cell size times the unit's metres squared. */
export function equalAreaCellAreas(transform: GeoTransform, metresPerUnit: number): CellAreas {
  const areaM2 = Math.abs(transform.cellWidth * transform.cellHeight) * metresPerUnit * metresPerUnit;
  return {
    rowConstant: true,
    rowAreaM2: () => areaM2,
    fillRowM2(_row, c0, c1, out) {
      out.fill(areaM2, 0, c1 - c0);
    },
  };
}

/** Inverse projection: raster CRS x, y → longitude, latitude in degrees (null if undefined). */
export type InverseProjection = (x: number, y: number) => readonly [number, number] | null;

/**
 * Area of the cell through its four inverse-projected corners: the shoelace formula in the
 * ellipsoid's cylindrical equal-area coordinates (λ, A(φ)), where area is planar area.
 */
export function cornerCellAreaM2(ellipsoid: Ellipsoid, transform: GeoTransform, inverse: InverseProjection, row: number, col: number): number {
  const corners: [number, number][] = [[col, row], [col + 1, row], [col + 1, row + 1], [col, row + 1]];
  const points: [number, number][] = [];
  for (const [c, r] of corners) {
    const lonLat = inverse(transform.originX + c * transform.cellWidth, transform.originY + r * transform.cellHeight);
    if (lonLat === null) return Number.NaN;
    points.push([lonLat[0] * DEG, authalicZoneM2(ellipsoid, lonLat[1] * DEG)]);
  }
  let twice = 0;
  for (let i = 0; i < 4; i++) {
    const [x0, y0] = points[i]!;
    const [x1, y1] = points[(i + 1) % 4]!;
    // Longitudes relative to the first corner, so cells across ±180° stay small.
    const ref = points[0]![0];
    twice += (wrap(x0 - ref) * y1) - (wrap(x1 - ref) * y0);
  }
  return Math.abs(twice) / 2;
}

function wrap(dLon: number): number {
  if (dLon > Math.PI) return dLon - 2 * Math.PI;
  if (dLon < -Math.PI) return dLon + 2 * Math.PI;
  return dLon;
}

/**
 * Per-cell areas of a projection that is not equal-area. Exact (four inverse projections per
 * cell) when the raster has at most `exactCellLimit` cells; beyond that exact on a lattice
 * every `step` cells and bilinear between, because areas vary smoothly and millions of
 * inverse projections would dominate the run (relative error ≈ (step·cell)² / (4R²), below
 * 1e-8 for 30 m cells and step 16).
 */
export function projectedCellAreas(ellipsoid: Ellipsoid, transform: GeoTransform, inverse: InverseProjection, width: number, height: number, exactCellLimit = 1 << 18, step = 16): CellAreas {
  const exact = (row: number, col: number): number => cornerCellAreaM2(ellipsoid, transform, inverse, row, col);
  if (width * height <= exactCellLimit) {
    return {
      rowConstant: false,
      rowAreaM2: (row) => exact(row, 0),
      fillRowM2(row, c0, c1, out) {
        for (let c = c0; c < c1; c++) out[c - c0] = exact(row, c);
      },
    };
  }
  const latticeCols: number[] = [];
  for (let c = 0; c < width - 1; c += step) latticeCols.push(c);
  latticeCols.push(width - 1);
  const cache = new Map<number, Float64Array>();
  const latticeRow = (row: number): Float64Array => {
    let values = cache.get(row);
    if (values === undefined) {
      values = Float64Array.from(latticeCols, (c) => exact(row, c));
      if (cache.size > 64) cache.delete(cache.keys().next().value!);
      cache.set(row, values);
    }
    return values;
  };
  const fillRowM2 = (row: number, c0: number, c1: number, out: Float64Array): void => {
    const r0 = Math.min(Math.floor(row / step) * step, height - 1);
    const r1 = Math.min(r0 + step, height - 1);
    const top = latticeRow(r0);
    const bottom = latticeRow(r1);
    const tRow = r1 === r0 ? 0 : (row - r0) / (r1 - r0);
    for (let c = c0; c < c1; c++) {
      const i = Math.min(Math.floor(c / step), latticeCols.length - 2);
      const cA = latticeCols[i]!;
      const cB = latticeCols[i + 1]!;
      const tCol = cB === cA ? 0 : (c - cA) / (cB - cA);
      const a = top[i]! + (top[i + 1]! - top[i]!) * tCol;
      const b = bottom[i]! + (bottom[i + 1]! - bottom[i]!) * tCol;
      out[c - c0] = a + (b - a) * tRow;
    }
  };
  return {
    rowConstant: false,
    rowAreaM2: (row) => {
      const one = new Float64Array(1);
      fillRowM2(row, 0, 1, one);
      return one[0]!;
    },
    fillRowM2,
  };
}
