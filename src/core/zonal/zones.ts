/** Zones in pixel space → prepared zones (oriented rings, coverage events), and the summary. */
import { LAND_CLASSES, type LandClass } from '../accounting/index.js';
import { type Result, ok, err } from '../result.js';
import type { ZoneClassSums } from './accumulate.js';
import { zoneEvents } from './events.js';
import { openRing, orientPolygon, polygonCells } from './rings.js';
import type { OverlapTally } from './segments.js';
import type { ColumnEnvelope, CoverageMethod, GridSize, PreparedZone, PreparedZones, Ring, ZoneInput } from './types.js';

export type ZoneProblem = { readonly code: 'region_outside_raster'; readonly zone: number };

function bbox(rings: readonly Ring[]): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i += 2) {
      x0 = Math.min(x0, ring[i]!);
      x1 = Math.max(x1, ring[i]!);
      y0 = Math.min(y0, ring[i + 1]!);
      y1 = Math.max(y1, ring[i + 1]!);
    }
  }
  return [x0, y0, x1, y1];
}

/**
 * Widens the column envelope by one zone's rings: per column, the rows of the topmost and
 * bottommost boundary point. A polygon covers a column only between those, so this is the
 * extent of coverage per column at the cost of one walk along the edges.
 */
function widenEnvelope(envelope: ColumnEnvelope, rings: readonly Ring[], grid: GridSize): void {
  const touch = (col: number, yA: number, yB: number): void => {
    const top = Math.max(0, Math.floor(Math.min(yA, yB)));
    const bottom = Math.min(grid.height - 1, Math.ceil(Math.max(yA, yB)) - 1);
    if (top < envelope.top[col]!) envelope.top[col] = top;
    if (bottom > envelope.bottom[col]!) envelope.bottom[col] = bottom;
  };
  for (const ring of rings) {
    const n = ring.length >> 1;
    for (let i = 0; i < n; i++) {
      const j = i + 1 === n ? 0 : i + 1;
      const x0 = ring[2 * i]!;
      const y0 = ring[2 * i + 1]!;
      const x1 = ring[2 * j]!;
      const y1 = ring[2 * j + 1]!;
      const xLo = Math.min(x0, x1);
      const xHi = Math.max(x0, x1);
      const first = Math.max(0, Math.floor(xLo));
      const last = Math.min(grid.width - 1, Math.floor(xHi));
      const slope = xHi > xLo ? (y1 - y0) / (x1 - x0) : 0;
      for (let c = first; c <= last; c++) {
        const xa = Math.max(xLo, c);
        const xb = Math.min(xHi, c + 1);
        if (xHi > xLo) touch(c, y0 + (xa - x0) * slope, y0 + (xb - x0) * slope);
        else touch(c, y0, y1);
      }
    }
  }
}

/**
 * Orients every polygon (shell +1, holes −1) and computes its coverage events, and the
 * column envelope of all zones together (for telling gaps from the outside).
 * @returns the prepared zones, or the first zone whose geometry misses the raster entirely.
 */
export function prepareZones(inputs: readonly ZoneInput[], grid: GridSize, method: CoverageMethod): Result<PreparedZones, ZoneProblem> {
  const zones: PreparedZone[] = [];
  const envelope: ColumnEnvelope = { top: new Int32Array(grid.width).fill(grid.height), bottom: new Int32Array(grid.width).fill(-1) };
  for (const [index, input] of inputs.entries()) {
    const polygons = input.parts.map((part) => orientPolygon({ shell: openRing(part.shell), holes: part.holes.map(openRing) }));
    const rings = polygons.flatMap((p) => [p.shell, ...p.holes]);
    const [x0, y0, x1, y1] = bbox(polygons.map((p) => p.shell));
    if (!(x1 > 0 && x0 < grid.width && y1 > 0 && y0 < grid.height)) return err({ code: 'region_outside_raster', zone: index });
    zones.push({
      index, code: input.code, name: input.name,
      events: zoneEvents(rings, grid, method),
      colMin: Math.max(0, Math.floor(x0)),
      colMax: Math.min(grid.width, Math.ceil(x1)),
      polygonCells: polygons.reduce((sum, p) => sum + polygonCells(p), 0),
    });
    widenEnvelope(envelope, rings, grid);
  }
  return ok({ zones, envelope });
}

export interface ZoneSummary {
  readonly code: string;
  readonly name: string;
  /** hm² per land class after overlap scaling. */
  readonly classHm2: Readonly<Record<LandClass, number>>;
  /** All area the zone covers inside the raster: classes, nodata and unmapped codes. */
  readonly coveredHm2: number;
  readonly nodataHm2: number;
  readonly unmappedHm2: ReadonlyArray<{ readonly code: number; readonly hm2: number }>;
  /** Area taken from this zone where it overlapped others. */
  readonly overlapHm2: number;
  /** Share of the zone's polygon area (planar, raster CRS) that lies outside the raster. */
  readonly outsideShare: number;
  /** That share as an area, at the zone's mean cell area (approximate). */
  readonly outsideHm2: number;
}

export interface CoverageSummary {
  readonly zones: readonly ZoneSummary[];
  readonly coveredHm2: number;
  readonly nodataHm2: number;
  readonly unmappedHm2: ReadonlyArray<{ readonly code: number; readonly hm2: number }>;
  readonly overlapHm2: number;
  readonly gapHm2: number;
  readonly outsideHm2: number;
}

const HM2_PER_M2 = 1e-4;

/** Turns per-zone sums and the overlap tally into hectares and a coverage report. */
export function summarize(zones: readonly PreparedZone[], sums: readonly ZoneClassSums[], tally: OverlapTally): CoverageSummary {
  const unmappedTotal = new Map<number, number>();
  const summaries = zones.map((zone, i): ZoneSummary => {
    const s = sums[i]!;
    const classHm2 = Object.fromEntries(LAND_CLASSES.map((c, k) => [c, s.classM2[k]! * HM2_PER_M2])) as Record<LandClass, number>;
    let unmappedM2 = 0;
    const unmappedHm2 = [...s.unmappedM2].sort((a, b) => a[0] - b[0]).map(([code, m2]) => {
      unmappedM2 += m2;
      unmappedTotal.set(code, (unmappedTotal.get(code) ?? 0) + m2);
      return { code, hm2: m2 * HM2_PER_M2 };
    });
    const coveredM2 = s.classM2.reduce((a, b) => a + b, 0) + s.nodataM2 + unmappedM2;
    const cells = tally.zoneCells[i]!;
    const outsideShare = zone.polygonCells > 0 ? Math.min(1, Math.max(0, 1 - cells / zone.polygonCells)) : 0;
    const meanCellM2 = cells > 0 ? (coveredM2 + tally.zoneOverlapM2[i]!) / cells : 0;
    return {
      code: zone.code, name: zone.name, classHm2,
      coveredHm2: coveredM2 * HM2_PER_M2,
      nodataHm2: s.nodataM2 * HM2_PER_M2,
      unmappedHm2,
      overlapHm2: tally.zoneOverlapM2[i]! * HM2_PER_M2,
      outsideShare,
      outsideHm2: outsideShare * zone.polygonCells * meanCellM2 * HM2_PER_M2,
    };
  });
  const sum = (f: (z: ZoneSummary) => number): number => summaries.reduce((a, z) => a + f(z), 0);
  return {
    zones: summaries,
    coveredHm2: sum((z) => z.coveredHm2),
    nodataHm2: sum((z) => z.nodataHm2),
    unmappedHm2: [...unmappedTotal].sort((a, b) => a[0] - b[0]).map(([code, m2]) => ({ code, hm2: m2 * HM2_PER_M2 })),
    overlapHm2: tally.overlapM2 * HM2_PER_M2,
    gapHm2: tally.gapM2 * HM2_PER_M2,
    outsideHm2: sum((z) => z.outsideHm2),
  };
}
