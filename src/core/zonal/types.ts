/** Shared shapes of the zonal core. Geometry here is in pixel space: x = column, y = row. */

/** A ring as interleaved x, y pairs; closing vertex optional. */
export type Ring = Float64Array;

/** One polygon: the first ring is the shell whatever its winding, the rest are holes. */
export interface PolygonRings {
  readonly shell: Ring;
  readonly holes: readonly Ring[];
}

/** A region: its parts add up and are capped at 1 per cell (accounting spec §6). */
export interface ZoneInput {
  readonly code: string;
  readonly name: string;
  readonly parts: readonly PolygonRings[];
}

export type CoverageMethod = 'center' | 'exact';

/** Raster size in cells. Cell (row r, col c) is the unit square [c, c+1] × [r, r+1]. */
export interface GridSize {
  readonly width: number;
  readonly height: number;
}

/**
 * Coverage events of one zone in CSR form: for row r, events i in
 * [rowStart[r - rowMin], rowStart[r - rowMin + 1]) with columns ascending. The coverage of
 * cell c is the sum of deltas of events at columns ≤ c (a prefix sum along the row).
 */
export interface ZoneEvents {
  readonly rowMin: number;
  /** Exclusive. rowMax === rowMin means the zone touches no row of the raster. */
  readonly rowMax: number;
  readonly rowStart: Int32Array;
  readonly cols: Int32Array;
  readonly deltas: Float64Array;
}

/** A zone prepared for streaming: events plus its bounds in cells. */
export interface PreparedZone {
  readonly index: number;
  readonly code: string;
  readonly name: string;
  readonly events: ZoneEvents;
  /** Column bounds of the zone's coverage inside the raster [colMin, colMax). */
  readonly colMin: number;
  readonly colMax: number;
  /** Planar area of the polygons in cells (whole geometry, also outside the raster). */
  readonly polygonCells: number;
}

/** Per column, the first and last row any zone touches (−1 / height when none). */
export interface ColumnEnvelope {
  readonly top: Int32Array;
  readonly bottom: Int32Array;
}

export interface PreparedZones {
  readonly zones: readonly PreparedZone[];
  readonly envelope: ColumnEnvelope;
}

/**
 * Weighted column intervals of one band of rows, all zones together, in row order.
 * Segment s covers cells [c0[s], c1[s]) of row `row[s]` with weight w[s] for zone zone[s].
 */
export interface BandSegments {
  readonly rowFrom: number;
  readonly rowTo: number;
  readonly count: number;
  readonly row: Int32Array;
  readonly c0: Int32Array;
  readonly c1: Int32Array;
  readonly w: Float64Array;
  readonly zone: Int32Array;
  /** First segment of each row: rowFirst[r - rowFrom] .. rowFirst[r - rowFrom + 1]. */
  readonly rowFirst: Int32Array;
}

/** Cell areas on the ellipsoid, in m². */
export interface CellAreas {
  /** True when every cell of a row has the same area (geographic and equal-area rasters). */
  readonly rowConstant: boolean;
  /** Area of any cell of row r when rowConstant; otherwise of cell (r, 0). */
  rowAreaM2(row: number): number;
  /** Fills out[c - c0] with the area of cell (row, c) for c in [c0, c1). */
  fillRowM2(row: number, c0: number, c1: number, out: Float64Array): void;
}
