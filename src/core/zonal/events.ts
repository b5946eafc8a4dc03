/**
 * Coverage events per row, for both methods. An edge piece inside a row band adds its signed
 * height `dy` to every cell to its right; the cell it passes through gets the part of `dy`
 * weighted by how much of the cell lies right of the piece. Summed along the row (prefix sum)
 * this is the exact integral of the winding number over each cell, i.e. the planar area of
 * polygon ∩ cell in cell units. Work grows with the boundary, not with the cells inside.
 */
import type { CoverageMethod, GridSize, Ring, ZoneEvents } from './types.js';

/** Growable triple of (row, col, delta). */
class EventBuffer {
  rows = new Int32Array(1024);
  cols = new Int32Array(1024);
  deltas = new Float64Array(1024);
  length = 0;

  push(row: number, col: number, delta: number): void {
    if (this.length === this.rows.length) this.grow();
    this.rows[this.length] = row;
    this.cols[this.length] = col;
    this.deltas[this.length] = delta;
    this.length++;
  }

  private grow(): void {
    const size = this.rows.length * 2;
    const rows = new Int32Array(size);
    const cols = new Int32Array(size);
    const deltas = new Float64Array(size);
    rows.set(this.rows);
    cols.set(this.cols);
    deltas.set(this.deltas);
    this.rows = rows;
    this.cols = cols;
    this.deltas = deltas;
  }
}

/** A piece of edge inside row r contributes to the cell its midpoint is in (x clamped to the grid). */
function addCell(buf: EventBuffer, width: number, row: number, xMid: number, dy: number): void {
  if (dy === 0 || xMid >= width) return;
  if (xMid < 0) {
    buf.push(row, 0, dy);
    return;
  }
  const col = Math.floor(xMid);
  const inCell = dy * (col + 1 - xMid);
  buf.push(row, col, inCell);
  if (col + 1 < width) buf.push(row, col + 1, dy - inCell);
}

/** Splits the piece (xs, ys) → (xe, ye), inside one row band, at the column lines 0..width. */
function addPiece(buf: EventBuffer, width: number, row: number, xs: number, ys: number, xe: number, ye: number): void {
  const lo = Math.min(xs, xe);
  const hi = Math.max(xs, xe);
  const first = Math.max(Math.floor(lo) + 1, 0);
  const last = Math.min(Math.ceil(hi) - 1, width);
  if (first > last) {
    addCell(buf, width, row, (xs + xe) / 2, ye - ys);
    return;
  }
  const slope = (ye - ys) / (xe - xs);
  let xp = xs;
  let yp = ys;
  if (xe > xs) {
    for (let j = first; j <= last; j++) {
      const yq = ys + (j - xs) * slope;
      addCell(buf, width, row, (xp + j) / 2, yq - yp);
      xp = j;
      yp = yq;
    }
  } else {
    for (let j = last; j >= first; j--) {
      const yq = ys + (j - xs) * slope;
      addCell(buf, width, row, (xp + j) / 2, yq - yp);
      xp = j;
      yp = yq;
    }
  }
  addCell(buf, width, row, (xp + xe) / 2, ye - yp);
}

function exactEdge(buf: EventBuffer, grid: GridSize, x0: number, y0: number, x1: number, y1: number): void {
  if (y0 === y1) return;
  const yLo = Math.min(y0, y1);
  const yHi = Math.max(y0, y1);
  const rowFirst = Math.max(0, Math.floor(yLo));
  const rowEnd = Math.min(grid.height, Math.ceil(yHi));
  const dxdy = (x1 - x0) / (y1 - y0);
  const down = y1 > y0;
  for (let row = rowFirst; row < rowEnd; row++) {
    const ya = Math.max(yLo, row);
    const yb = Math.min(yHi, row + 1);
    if (yb <= ya) continue;
    const ys = down ? ya : yb;
    const ye = down ? yb : ya;
    // x at the band lines from the edge's own endpoints, so neighbouring rows agree exactly.
    const xs = ys === y0 ? x0 : ys === y1 ? x1 : x0 + (ys - y0) * dxdy;
    const xe = ye === y0 ? x0 : ye === y1 ? x1 : x0 + (ye - y0) * dxdy;
    addPiece(buf, grid.width, row, xs, ys, xe, ye);
  }
}

/** Centre rule: a crossing of the line y = r + ½, half-open in y; centres on or right of it count. */
function centerEdge(buf: EventBuffer, grid: GridSize, x0: number, y0: number, x1: number, y1: number): void {
  if (y0 === y1) return;
  const yLo = Math.min(y0, y1);
  const yHi = Math.max(y0, y1);
  const rowFirst = Math.max(0, Math.ceil(yLo - 0.5));
  const rowEnd = Math.min(grid.height, Math.ceil(yHi - 0.5));
  const dxdy = (x1 - x0) / (y1 - y0);
  const sign = y1 > y0 ? 1 : -1;
  for (let row = rowFirst; row < rowEnd; row++) {
    const x = x0 + (row + 0.5 - y0) * dxdy;
    const col = Math.max(0, Math.ceil(x - 0.5));
    if (col < grid.width) buf.push(row, col, sign);
  }
}

/** Adds every edge of an oriented ring. */
export function addRing(buf: EventBuffer, grid: GridSize, ring: Ring, method: CoverageMethod): void {
  const n = ring.length >> 1;
  const edge = method === 'exact' ? exactEdge : centerEdge;
  for (let i = 0; i < n; i++) {
    const j = i + 1 === n ? 0 : i + 1;
    edge(buf, grid, ring[2 * i]!, ring[2 * i + 1]!, ring[2 * j]!, ring[2 * j + 1]!);
  }
}

let sortKeys = new Float64Array(256);
let sortDeltas = new Float64Array(256);

/**
 * Sorts (col, delta) pairs of one row slice by column. Short slices by insertion; longer ones
 * (flat stretches of boundary, often in reverse order) as packed numeric keys col·2²¹ + i.
 */
function sortSlice(cols: Int32Array, deltas: Float64Array, from: number, to: number): void {
  const n = to - from;
  if (n > 12 && n < 1 << 21) {
    if (sortKeys.length < n) {
      sortKeys = new Float64Array(2 * n);
      sortDeltas = new Float64Array(2 * n);
    }
    const keys = sortKeys.subarray(0, n);
    for (let i = 0; i < n; i++) {
      keys[i] = cols[from + i]! * 2097152 + i;
      sortDeltas[i] = deltas[from + i]!;
    }
    keys.sort();
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      const col = Math.floor(key / 2097152);
      cols[from + i] = col;
      deltas[from + i] = sortDeltas[key - col * 2097152]!;
    }
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const col = cols[i]!;
    const delta = deltas[i]!;
    let j = i - 1;
    while (j >= from && cols[j]! > col) {
      cols[j + 1] = cols[j]!;
      deltas[j + 1] = deltas[j]!;
      j--;
    }
    cols[j + 1] = col;
    deltas[j + 1] = delta;
  }
}

/** Buckets events by row (counting sort), sorts each row by column and merges equal columns. */
function compact(buf: EventBuffer): ZoneEvents {
  if (buf.length === 0) return { rowMin: 0, rowMax: 0, rowStart: new Int32Array(1), cols: new Int32Array(0), deltas: new Float64Array(0) };
  let rowMin = Infinity;
  let rowMax = -Infinity;
  for (let i = 0; i < buf.length; i++) {
    const row = buf.rows[i]!;
    if (row < rowMin) rowMin = row;
    if (row > rowMax) rowMax = row;
  }
  const rowCount = rowMax - rowMin + 1;
  const start = new Int32Array(rowCount + 1);
  for (let i = 0; i < buf.length; i++) start[buf.rows[i]! - rowMin + 1]!++;
  for (let r = 0; r < rowCount; r++) start[r + 1]! += start[r]!;
  const fill = start.slice(0, rowCount);
  const cols = new Int32Array(buf.length);
  const deltas = new Float64Array(buf.length);
  for (let i = 0; i < buf.length; i++) {
    const at = fill[buf.rows[i]! - rowMin]!++;
    cols[at] = buf.cols[i]!;
    deltas[at] = buf.deltas[i]!;
  }
  // Sort and merge in place, row by row, writing rows back-to-back.
  const rowStart = new Int32Array(rowCount + 1);
  let out = 0;
  for (let r = 0; r < rowCount; r++) {
    const from = start[r]!;
    const to = start[r + 1]!;
    sortSlice(cols, deltas, from, to);
    rowStart[r] = out;
    for (let i = from; i < to; i++) {
      if (out > rowStart[r]! && cols[out - 1] === cols[i]) deltas[out - 1]! += deltas[i]!;
      else {
        cols[out] = cols[i]!;
        deltas[out] = deltas[i]!;
        out++;
      }
    }
  }
  rowStart[rowCount] = out;
  return { rowMin, rowMax: rowMax + 1, rowStart, cols: cols.slice(0, out), deltas: deltas.slice(0, out) };
}

/** Coverage events of oriented rings (all parts of one zone) on a grid. */
export function zoneEvents(rings: readonly Ring[], grid: GridSize, method: CoverageMethod): ZoneEvents {
  const buf = new EventBuffer();
  for (const ring of rings) addRing(buf, grid, ring, method);
  return compact(buf);
}
