/**
 * Events → weighted column intervals per row, for all zones of a band of rows. Where the
 * fractions of one cell over all zones exceed 1 they are scaled to 1 and the excess is tallied
 * as overlap. Uncovered area is a gap when coverage lies on both sides of it along its row
 * and along its column (cells on the outer boundary excluded), so notches in the outer
 * boundary are not gaps but slivers and holes between regions are (accounting spec §6).
 * Nothing is reassigned.
 */
import type { BandSegments, CellAreas, ColumnEnvelope, PreparedZone, PreparedZones } from './types.js';

/** Coverage below this (in cells) is float noise from edges that cancel. */
const NOISE = 1e-12;
/** Tolerance for "exceeds 1" and "leaves a gap", in cells. */
export const OVERLAP_EPSILON = 1e-9;

export interface OverlapTally {
  overlapM2: number;
  gapM2: number;
  /** Area removed from each zone by scaling overlapping cells. */
  readonly zoneOverlapM2: Float64Array;
  /** Coverage of each zone inside the raster in cells, before scaling. */
  readonly zoneCells: Float64Array;
}

export function newTally(zoneCount: number): OverlapTally {
  return { overlapM2: 0, gapM2: 0, zoneOverlapM2: new Float64Array(zoneCount), zoneCells: new Float64Array(zoneCount) };
}

/**
 * Growable segment columns. Pass one to `bandSegments` to reuse it band after band: the
 * returned BandSegments are then views into it, valid until the next call.
 */
export class SegmentBuffer {
  row = new Int32Array(256);
  c0 = new Int32Array(256);
  c1 = new Int32Array(256);
  w = new Float64Array(256);
  zone = new Int32Array(256);
  count = 0;

  push(row: number, c0: number, c1: number, w: number, zone: number): void {
    if (this.count === this.row.length) this.grow();
    const n = this.count;
    if (n > 0 && this.zone[n - 1] === zone && this.row[n - 1] === row && this.c1[n - 1] === c0 && this.w[n - 1] === w) {
      this.c1[n - 1] = c1;
      return;
    }
    this.row[n] = row;
    this.c0[n] = c0;
    this.c1[n] = c1;
    this.w[n] = w;
    this.zone[n] = zone;
    this.count++;
  }

  truncate(count: number): void {
    this.count = count;
  }

  private grow(): void {
    const size = this.row.length * 2;
    const grow32 = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.row = grow32(this.row);
    this.c0 = grow32(this.c0);
    this.c1 = grow32(this.c1);
    this.zone = grow32(this.zone);
    const w = new Float64Array(size);
    w.set(this.w);
    this.w = w;
  }
}

/** Emits the intervals of one zone in one row from its events (prefix sums, capped to [0, 1]). */
function zoneRow(zone: PreparedZone, row: number, width: number, out: SegmentBuffer): void {
  const ev = zone.events;
  const from = ev.rowStart[row - ev.rowMin]!;
  const to = ev.rowStart[row - ev.rowMin + 1]!;
  let prefix = 0;
  for (let i = from; i < to; i++) {
    const col = ev.cols[i]!;
    prefix += ev.deltas[i]!;
    const next = i + 1 < to ? ev.cols[i + 1]! : width;
    // The value holds from this event to the next one: runs are fractional where a
    // horizontal edge passes through the row; whole numbers are snapped to stay exact.
    const whole = Math.round(prefix);
    const value = Math.abs(prefix - whole) <= NOISE ? whole : prefix;
    const w = Math.min(1, Math.max(0, value));
    if (w > NOISE) out.push(row, col, next, w, zone.index);
  }
}

/** Sum of cell areas of row `row` over columns [c0, c1). */
function spanAreaM2(areas: CellAreas, row: number, c0: number, c1: number): number {
  if (areas.rowConstant) return (c1 - c0) * areas.rowAreaM2(row);
  const cells = new Float64Array(c1 - c0);
  areas.fillRowM2(row, c0, c1, cells);
  let sum = 0;
  for (const areaM2 of cells) sum += areaM2;
  return sum;
}

interface Scaling {
  readonly c0: number;
  readonly c1: number;
  readonly factor: number;
}

let sweepKeys = new Float64Array(1024);
let active = new Int32Array(64);
const KEY = 2 ** 21;

/**
 * Sweeps the intervals of one row (segments [first, end) of `buf`): tallies overlaps and gaps,
 * and returns, per segment, the sub-intervals to scale down (null when nothing overlaps).
 * Keys pack position·2²¹ + 2·segment + (1 for a start), so one numeric sort orders them.
 */
function sweepRow(buf: SegmentBuffer, first: number, end: number, row: number, areas: CellAreas, envelope: ColumnEnvelope, tally: OverlapTally): Map<number, Scaling[]> | null {
  const n = end - first;
  if (sweepKeys.length < 2 * n) sweepKeys = new Float64Array(4 * n);
  const keys = sweepKeys.subarray(0, 2 * n);
  let left = Infinity;
  let right = -Infinity;
  for (let s = 0; s < n; s++) {
    const c0 = buf.c0[first + s]!;
    const c1 = buf.c1[first + s]!;
    keys[2 * s] = c0 * KEY + s * 2 + 1;
    keys[2 * s + 1] = c1 * KEY + s * 2;
    if (c0 < left) left = c0;
    if (c1 > right) right = c1;
  }
  keys.sort();
  let activeCount = 0;
  let scalings: Map<number, Scaling[]> | null = null;
  let k = 0;
  const keyCount = 2 * n;
  while (k < keyCount) {
    const at = Math.floor(keys[k]! / KEY);
    while (k < keyCount && keys[k]! < (at + 1) * KEY) {
      const low = keys[k]! - at * KEY;
      const s = low >> 1;
      if ((low & 1) === 1) {
        if (activeCount === active.length) {
          const grown = new Int32Array(2 * active.length);
          grown.set(active);
          active = grown;
        }
        active[activeCount++] = s;
      } else {
        for (let a = 0; a < activeCount; a++) {
          if (active[a] === s) {
            active[a] = active[--activeCount]!;
            break;
          }
        }
      }
      k++;
    }
    if (k === keyCount) break;
    const next = Math.floor(keys[k]! / KEY);
    let total = 0;
    for (let a = 0; a < activeCount; a++) total += buf.w[first + active[a]!]!;
    if (total > 1 + OVERLAP_EPSILON) {
      const areaM2 = spanAreaM2(areas, row, at, next);
      tally.overlapM2 += (total - 1) * areaM2;
      scalings ??= new Map();
      for (let a = 0; a < activeCount; a++) {
        const s = active[a]!;
        const w = buf.w[first + s]!;
        tally.zoneOverlapM2[buf.zone[first + s]!]! += (w - w / total) * areaM2;
        const list = scalings.get(s) ?? [];
        list.push({ c0: at, c1: next, factor: 1 / total });
        scalings.set(s, list);
      }
    } else if (total < 1 - OVERLAP_EPSILON) {
      const to = Math.min(next, right - 1);
      for (let c = Math.max(at, left + 1); c < to; c++) {
        if (envelope.top[c]! < row && row < envelope.bottom[c]!) tally.gapM2 += (1 - total) * spanAreaM2(areas, row, c, c + 1);
      }
    }
  }
  return scalings;
}

/** Rewrites the row's segments with overlapping parts scaled (rare: real overlaps only). */
function applyScalings(buf: SegmentBuffer, first: number, end: number, scalings: Map<number, Scaling[]>): void {
  const saved = Array.from({ length: end - first }, (_, s) => ({
    row: buf.row[first + s]!, c0: buf.c0[first + s]!, c1: buf.c1[first + s]!, w: buf.w[first + s]!, zone: buf.zone[first + s]!,
  }));
  buf.truncate(first);
  saved.forEach((seg, s) => {
    const cuts = (scalings.get(s) ?? []).sort((a, b) => a.c0 - b.c0);
    let at = seg.c0;
    for (const cut of cuts) {
      if (cut.c0 > at) buf.push(seg.row, at, cut.c0, seg.w, seg.zone);
      buf.push(seg.row, cut.c0, cut.c1, seg.w * cut.factor, seg.zone);
      at = cut.c1;
    }
    if (at < seg.c1) buf.push(seg.row, at, seg.c1, seg.w, seg.zone);
  });
}

/**
 * Segments of rows [rowFrom, rowTo) for every zone, overlap-resolved, in row order.
 */
export function bandSegments(prepared: PreparedZones, width: number, rowFrom: number, rowTo: number, areas: CellAreas, tally: OverlapTally, reuse?: SegmentBuffer): BandSegments {
  const activeZones = prepared.zones.filter((z) => z.events.rowMin < rowTo && z.events.rowMax > rowFrom);
  const buf = reuse ?? new SegmentBuffer();
  buf.truncate(0);
  const rowFirst = new Int32Array(rowTo - rowFrom + 1);
  for (let row = rowFrom; row < rowTo; row++) {
    const first = buf.count;
    rowFirst[row - rowFrom] = first;
    for (const zone of activeZones) {
      if (row < zone.events.rowMin || row >= zone.events.rowMax) continue;
      const before = buf.count;
      zoneRow(zone, row, width, buf);
      if (buf.count === before) continue;
      let cells = 0;
      for (let s = before; s < buf.count; s++) cells += (buf.c1[s]! - buf.c0[s]!) * buf.w[s]!;
      tally.zoneCells[zone.index]! += cells;
    }
    if (buf.count === first) continue;
    const scalings = sweepRow(buf, first, buf.count, row, areas, prepared.envelope, tally);
    if (scalings !== null) applyScalings(buf, first, buf.count, scalings);
  }
  rowFirst[rowTo - rowFrom] = buf.count;
  const n = buf.count;
  return {
    rowFrom, rowTo, count: n, rowFirst,
    row: buf.row.subarray(0, n), c0: buf.c0.subarray(0, n), c1: buf.c1.subarray(0, n), w: buf.w.subarray(0, n), zone: buf.zone.subarray(0, n),
  };
}
