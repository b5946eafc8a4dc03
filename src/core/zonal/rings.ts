/** Ring orientation and affine transforms between world and pixel coordinates. */
import type { PolygonRings, Ring } from './types.js';

/**
 * Coverage integral of a ring in our convention: an edge going down (+y) adds its height to
 * every cell to its right, so ∫ winding dA = −Σ (x0 + x1)(y1 − y0) / 2. Positive for a shell
 * drawn the way we need; the sign flips with the ring's direction.
 */
export function ringCoverageSign(ring: Ring): number {
  const n = ring.length >> 1;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const j = i + 1 === n ? 0 : i + 1;
    const x0 = ring[2 * i]!;
    const y0 = ring[2 * i + 1]!;
    const x1 = ring[2 * j]!;
    const y1 = ring[2 * j + 1]!;
    sum -= (x0 + x1) * (y1 - y0);
  }
  return sum / 2;
}

function reversed(ring: Ring): Ring {
  const n = ring.length >> 1;
  const out = new Float64Array(ring.length);
  for (let i = 0; i < n; i++) {
    out[2 * i] = ring[2 * (n - 1 - i)]!;
    out[2 * i + 1] = ring[2 * (n - 1 - i) + 1]!;
  }
  return out;
}

/** The shell counts +1 and holes −1, whatever winding the file used (accounting spec §6). */
export function orientPolygon(polygon: PolygonRings): PolygonRings {
  const shell = ringCoverageSign(polygon.shell) < 0 ? reversed(polygon.shell) : polygon.shell;
  const holes = polygon.holes.map((hole) => (ringCoverageSign(hole) > 0 ? reversed(hole) : hole));
  return { shell, holes };
}

/** Planar area of an oriented polygon in pixel units (shell minus holes). */
export function polygonCells(polygon: PolygonRings): number {
  let area = Math.abs(ringCoverageSign(polygon.shell));
  for (const hole of polygon.holes) area -= Math.abs(ringCoverageSign(hole));
  return area;
}

/**
 * North-up affine geotransform without rotation: X = originX + col · cellWidth,
 * Y = originY + row · cellHeight (cellHeight usually negative). Units of the raster's CRS.
 */
export interface GeoTransform {
  readonly originX: number;
  readonly originY: number;
  readonly cellWidth: number;
  readonly cellHeight: number;
}

/** World coordinates (raster CRS) → pixel coordinates, in place on a copy. */
export function ringToPixels(world: Ring, transform: GeoTransform): Ring {
  const out = new Float64Array(world.length);
  for (let i = 0; i < world.length; i += 2) {
    out[i] = (world[i]! - transform.originX) / transform.cellWidth;
    out[i + 1] = (world[i + 1]! - transform.originY) / transform.cellHeight;
  }
  return out;
}

/** Drops a closing vertex equal to the first one, so each edge appears once. */
export function openRing(ring: Ring): Ring {
  const n = ring.length >> 1;
  if (n >= 2 && ring[0] === ring[2 * n - 2] && ring[1] === ring[2 * n - 1]) return ring.subarray(0, 2 * n - 2);
  return ring;
}
