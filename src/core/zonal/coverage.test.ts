import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CLASS_PRESETS, bandSegments, equalAreaCellAreas, newTally, prepareZones, userMapping, zonalInMemory,
  type CellAreas, type CoverageMethod, type GridSize, type ZoneInput,
} from './index.js';

const UNIT_AREAS: CellAreas = equalAreaCellAreas({ originX: 0, originY: 0, cellWidth: 1, cellHeight: 1 }, 1);
const ring = (...xy: number[]): Float64Array => Float64Array.from(xy);
const box = (x0: number, y0: number, x1: number, y1: number): Float64Array => ring(x0, y0, x1, y0, x1, y1, x0, y1);
const zone = (code: string, shell: Float64Array, holes: Float64Array[] = []): ZoneInput => ({ code, name: code, parts: [{ shell, holes }] });

/** Dense per-zone coverage (cells) from the streamed segments. */
function coverage(zones: ZoneInput[], grid: GridSize, method: CoverageMethod, bandRows = 3): Float64Array[] {
  const prepared = prepareZones(zones, grid, method);
  assert.ok(prepared.ok);
  const out = zones.map(() => new Float64Array(grid.width * grid.height));
  const tally = newTally(zones.length);
  for (let r0 = 0; r0 < grid.height; r0 += bandRows) {
    const band = bandSegments(prepared.value, grid.width, r0, Math.min(grid.height, r0 + bandRows), UNIT_AREAS, tally);
    for (let s = 0; s < band.count; s++) {
      for (let c = band.c0[s]!; c < band.c1[s]!; c++) out[band.zone[s]!]![band.row[s]! * grid.width + c]! += band.w[s]!;
    }
  }
  return out;
}

/** Independent oracle: Sutherland–Hodgman clip of a polygon to the cell, then the shoelace. */
function clippedArea(poly: number[][], x0: number, y0: number, x1: number, y1: number): number {
  let pts = poly;
  const clip = (inside: (p: number[]) => boolean, cut: (a: number[], b: number[]) => number[]): void => {
    const out: number[][] = [];
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i]!;
      const b = pts[(i + 1) % pts.length]!;
      if (inside(b)) {
        if (!inside(a)) out.push(cut(a, b));
        out.push(b);
      } else if (inside(a)) out.push(cut(a, b));
    }
    pts = out;
  };
  const atX = (x: number) => (a: number[], b: number[]) => [x, a[1]! + ((x - a[0]!) * (b[1]! - a[1]!)) / (b[0]! - a[0]!)];
  const atY = (y: number) => (a: number[], b: number[]) => [a[0]! + ((y - a[1]!) * (b[0]! - a[0]!)) / (b[1]! - a[1]!), y];
  clip((p) => p[0]! >= x0, atX(x0));
  clip((p) => p[0]! <= x1, atX(x1));
  clip((p) => p[1]! >= y0, atY(y0));
  clip((p) => p[1]! <= y1, atY(y1));
  let twice = 0;
  for (let i = 0; i < pts.length; i++) {
    const a = pts[i]!;
    const b = pts[(i + 1) % pts.length]!;
    twice += a[0]! * b[1]! - b[0]! * a[1]!;
  }
  return Math.abs(twice) / 2;
}

const checkerboard = (grid: GridSize): Uint8Array => Uint8Array.from({ length: grid.width * grid.height }, (_, i) => ((i % grid.width) + Math.floor(i / grid.width)) % 2 === 0 ? 1 : 2);

describe('exact coverage: known answers', () => {
  it('a square on cell lines over a checkerboard counts whole cells', () => {
    const grid = { width: 8, height: 8 };
    const run = zonalInMemory({ grid, data: checkerboard(grid), kind: 'uint8', zones: [zone('360100', box(2, 2, 6, 6))], method: 'exact', areas: UNIT_AREAS, mapping: CLASS_PRESETS.clcd, rasterNodata: null, bandRows: 3 });
    assert.ok(run.ok);
    const z = run.value.zones[0]!;
    assert.equal(z.classHm2.cultivated, 8e-4);
    assert.equal(z.classHm2.forest, 8e-4);
    assert.equal(z.coveredHm2, 16e-4);
  });

  it('a square offset by half a cell splits edge cells in halves and corners in quarters', () => {
    const grid = { width: 8, height: 8 };
    const [cov] = coverage([zone('a', box(1.5, 1.5, 5.5, 5.5))], grid, 'exact');
    assert.equal(cov![1 * 8 + 1], 0.25);
    assert.equal(cov![1 * 8 + 3], 0.5);
    assert.equal(cov![3 * 8 + 3], 1);
    assert.equal(cov![5 * 8 + 5], 0.25);
    assert.equal(cov!.reduce((a, b) => a + b, 0), 16);
    // On the checkerboard the halves alternate, so both classes get exactly 8 cells.
    const run = zonalInMemory({ grid, data: checkerboard(grid), kind: 'uint8', zones: [zone('a', box(1.5, 1.5, 5.5, 5.5))], method: 'exact', areas: UNIT_AREAS, mapping: CLASS_PRESETS.clcd, rasterNodata: null });
    assert.ok(run.ok);
    assert.ok(Math.abs(run.value.zones[0]!.classHm2.cultivated - 8e-4) < 1e-18);
  });

  it('a diagonal cuts cells in halves; a triangle has the fractions of its area', () => {
    const [cov] = coverage([zone('t', ring(0, 0, 4, 0, 0, 4))], { width: 4, height: 4 }, 'exact');
    assert.equal(cov![0], 1);
    assert.equal(cov![3], 0.5); // cell (0,3) is cut by x + y = 4 through its corners
    assert.equal(cov![1 * 4 + 2], 0.5);
    assert.equal(cov![3 * 4 + 3], 0);
    assert.equal(cov!.reduce((a, b) => a + b, 0), 8);
  });

  it('a hole is subtracted whatever the winding of either ring', () => {
    for (const shell of [box(0, 0, 6, 6), ring(0, 0, 0, 6, 6, 6, 6, 0)]) {
      for (const hole of [box(2, 2.5, 4, 3.5), ring(2, 2.5, 2, 3.5, 4, 3.5, 4, 2.5)]) {
        const [cov] = coverage([zone('h', shell, [hole])], { width: 6, height: 6 }, 'exact');
        assert.equal(cov![2 * 6 + 2], 0.5);
        assert.equal(cov![3 * 6 + 3], 0.5);
        assert.equal(cov![0], 1);
        assert.equal(cov!.reduce((a, b) => a + b, 0), 34);
      }
    }
  });

  it('two neighbours sharing an irregular edge cover every cell once, with no overlap or gap', () => {
    const grid = { width: 10, height: 10 };
    const edge = [10, 0, 6.3, 2.2, 3.7, 4.9, 5.1, 7.3, 0.2, 10];
    const left = ring(0, 0, ...edge, 0, 10);
    const right = ring(...edge, 10, 10);
    const [a, b] = coverage([zone('a', left), zone('b', right)], grid, 'exact');
    for (let i = 0; i < 100; i++) assert.ok(Math.abs(a![i]! + b![i]! - 1) < 1e-12, `cell ${i}`);
    const run = zonalInMemory({ grid, data: new Uint8Array(100).fill(1), kind: 'uint8', zones: [zone('a', left), zone('b', right)], method: 'exact', areas: UNIT_AREAS, mapping: CLASS_PRESETS.clcd, rasterNodata: null, bandRows: 4 });
    assert.ok(run.ok);
    assert.ok(Math.abs(run.value.coveredHm2 - 100e-4) < 1e-15);
    assert.equal(run.value.overlapHm2, 0);
    assert.equal(run.value.gapHm2, 0);
  });

  it('overlapping regions are scaled to 1 per cell and the overlap is reported', () => {
    const grid = { width: 6, height: 4 };
    const zones = [zone('a', box(0, 0, 4, 4)), zone('b', box(2.5, 0, 6, 4))];
    const run = zonalInMemory({ grid, data: new Uint8Array(24).fill(1), kind: 'uint8', zones, method: 'exact', areas: UNIT_AREAS, mapping: CLASS_PRESETS.clcd, rasterNodata: null });
    assert.ok(run.ok);
    assert.ok(Math.abs(run.value.coveredHm2 - 24e-4) < 1e-15, 'total = raster area, not 25 cells');
    assert.ok(Math.abs(run.value.overlapHm2 - 6e-4) < 1e-15, 'overlap 1.5 × 4 cells');
    assert.ok(Math.abs(run.value.zones[0]!.overlapHm2 + run.value.zones[1]!.overlapHm2 - 6e-4) < 1e-15);
  });

  it('a sliver between two neighbours is reported as a gap, never reassigned; an outer notch is not', () => {
    const grid = { width: 6, height: 6 };
    const zones = [zone('top', box(0, 0, 6, 1)), zone('a', box(0, 1, 2.9, 5)), zone('b', box(3.2, 1, 6, 5)), zone('bottom', box(0, 5, 6, 6))];
    const run = zonalInMemory({ grid, data: new Uint8Array(36).fill(1), kind: 'uint8', zones, method: 'exact', areas: UNIT_AREAS, mapping: CLASS_PRESETS.clcd, rasterNodata: null });
    assert.ok(run.ok);
    assert.ok(Math.abs(run.value.gapHm2 - 0.3 * 4e-4) < 1e-15, String(run.value.gapHm2));
    assert.ok(Math.abs(run.value.coveredHm2 - (36 - 1.2) * 1e-4) < 1e-15);
    // Without the bottom region the sliver opens to the outside: a notch, not a gap.
    const open = zonalInMemory({ grid, data: new Uint8Array(36).fill(1), kind: 'uint8', zones: zones.slice(0, 3), method: 'exact', areas: UNIT_AREAS, mapping: CLASS_PRESETS.clcd, rasterNodata: null });
    assert.ok(open.ok);
    assert.ok(open.value.gapHm2 < 0.3 * 4e-4, String(open.value.gapHm2));
  });

  it('a hole no region fills is a gap', () => {
    const grid = { width: 6, height: 6 };
    const run = zonalInMemory({ grid, data: new Uint8Array(36).fill(1), kind: 'uint8', zones: [zone('h', box(0, 0, 6, 6), [box(2, 2, 4, 3.5)])], method: 'exact', areas: UNIT_AREAS, mapping: CLASS_PRESETS.clcd, rasterNodata: null });
    assert.ok(run.ok);
    assert.ok(Math.abs(run.value.gapHm2 - 3e-4) < 1e-15);
  });

  it('multipolygon parts add up and are capped at 1 per cell', () => {
    const parts = [{ shell: box(0, 0, 3, 2), holes: [] }, { shell: box(1.5, 0, 4, 2), holes: [] }];
    const [cov] = coverage([{ code: 'm', name: 'm', parts }], { width: 4, height: 2 }, 'exact');
    assert.deepEqual([...cov!.subarray(0, 4)], [1, 1, 1, 1]);
  });

  it('cells on the raster edge count only the part inside; the rest is reported outside', () => {
    const grid = { width: 4, height: 4 };
    const run = zonalInMemory({ grid, data: new Uint8Array(16).fill(1), kind: 'uint8', zones: [zone('e', box(-2, -1, 2.5, 2))], method: 'exact', areas: UNIT_AREAS, mapping: CLASS_PRESETS.clcd, rasterNodata: null });
    assert.ok(run.ok);
    const z = run.value.zones[0]!;
    assert.ok(Math.abs(z.coveredHm2 - 5e-4) < 1e-15);
    assert.ok(Math.abs(z.outsideShare - (13.5 - 5) / 13.5) < 1e-12);
  });

  it('a region that misses the raster is an error naming it', () => {
    const prepared = prepareZones([zone('in', box(0, 0, 1, 1)), zone('out', box(5, 5, 6, 6))], { width: 4, height: 4 }, 'exact');
    assert.deepEqual(prepared, { ok: false, error: { code: 'region_outside_raster', zone: 1 } });
  });

  it('nodata and unmapped codes are excluded from classes and reported', () => {
    const grid = { width: 2, height: 2 };
    const run = zonalInMemory({ grid, data: Uint8Array.from([0, 1, 42, 255]), kind: 'uint8', zones: [zone('n', box(0, 0, 2, 2))], method: 'exact', areas: UNIT_AREAS, mapping: CLASS_PRESETS.clcd, rasterNodata: 255 });
    assert.ok(run.ok);
    const z = run.value.zones[0]!;
    assert.equal(z.nodataHm2, 2e-4);
    assert.deepEqual(z.unmappedHm2, [{ code: 42, hm2: 1e-4 }]);
    assert.equal(z.classHm2.cultivated, 1e-4);
  });

  it('16-bit rasters go through the lookup table, with signed codes', () => {
    const grid = { width: 2, height: 2 };
    const mapping = userMapping('test', new Map([[1000, 'forest'], [-5, 'water']] as const));
    const data = Uint16Array.from([1000, 65536 - 5, 7, 1000]);
    const run = zonalInMemory({ grid, data, kind: 'int16', zones: [zone('s', box(0, 0, 2, 2))], method: 'exact', areas: UNIT_AREAS, mapping, rasterNodata: null });
    assert.ok(run.ok);
    const z = run.value.zones[0]!;
    assert.equal(z.classHm2.forest, 2e-4);
    assert.equal(z.classHm2.water, 1e-4);
    assert.deepEqual(z.unmappedHm2, [{ code: 7, hm2: 1e-4 }]);
  });
});

describe('centre method', () => {
  it('counts cells whose centre is inside; a centre on a shared edge goes to exactly one side', () => {
    const grid = { width: 6, height: 3 };
    const [a, b] = coverage([zone('a', box(0, 0, 2.5, 3)), zone('b', box(2.5, 0, 6, 3))], grid, 'center');
    for (let i = 0; i < 18; i++) assert.equal(a![i]! + b![i]!, 1);
    assert.equal(a![2], 0, 'centre 2.5 lies on the edge: half-open, it belongs to the right-hand region');
    assert.equal(b![2], 1);
    const [c] = coverage([zone('c', box(0.4, 0.4, 2.6, 2.6))], { width: 6, height: 3 }, 'center');
    assert.equal(c!.reduce((x, y) => x + y, 0), 9);
  });
});

describe('exact coverage equals clipping the polygon to every cell (property)', () => {
  it('random star-shaped polygons, partly off the raster, 1e-9 per cell', () => {
    const star = fc.record({
      cx: fc.double({ min: -1, max: 9, noNaN: true }),
      cy: fc.double({ min: -1, max: 7, noNaN: true }),
      radii: fc.array(fc.double({ min: 0.2, max: 5, noNaN: true }), { minLength: 3, maxLength: 12 }),
      turn: fc.double({ min: 0, max: 6.28, noNaN: true }),
      reverse: fc.boolean(),
    });
    fc.assert(fc.property(star, ({ cx, cy, radii, turn, reverse }) => {
      const pts = radii.map((r, i) => {
        const angle = turn + (2 * Math.PI * i) / radii.length;
        return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
      });
      if (reverse) pts.reverse();
      const grid = { width: 8, height: 6 };
      if (pts.every(([x, y]) => x! <= 0 || x! >= 8 || y! <= 0 || y! >= 6) && !pts.some(([x]) => x! > 0 && x! < 8)) return;
      const prepared = prepareZones([zone('p', Float64Array.from(pts.flat()))], grid, 'exact');
      if (!prepared.ok) return;
      const [cov] = coverage([zone('p', Float64Array.from(pts.flat()))], grid, 'exact', 2);
      for (let r = 0; r < 6; r++) {
        for (let c = 0; c < 8; c++) {
          const expected = clippedArea(pts, c, r, c + 1, r + 1);
          assert.ok(Math.abs(cov![r * 8 + c]! - expected) < 1e-9, `cell ${r},${c}: ${cov![r * 8 + c]} vs ${expected}`);
        }
      }
    }), { numRuns: 300 });
  });
});
