/**
 * Test support only: a minimal tiled GeoTIFF writer (little-endian, Deflate or none,
 * EPSG code in GeoKeys). Tiles are produced by a callback; equal tiles may share bytes, so a
 * file of a few kilobytes can stand for a raster of gigabytes.
 */
import { deflateSync } from 'node:zlib';

export interface SyntheticRaster {
  readonly width: number;
  readonly height: number;
  readonly tile: number;
  readonly bits: 8 | 16;
  readonly compression: 'none' | 'deflate';
  /** Geographic (2) or projected (1) model with this EPSG code. */
  readonly epsg: number;
  readonly geographic: boolean;
  /** Corner of cell (0, 0) and cell size in CRS units (rows go down). */
  readonly originX: number;
  readonly originY: number;
  readonly cellSize: number;
  readonly nodata?: number;
  /** Samples of tile (tx, ty), row-major tile × tile; return the same array to share bytes. */
  tileData(tx: number, ty: number): Uint8Array | Uint16Array;
}

type Entry = [tag: number, type: number, values: number[] | string];
const SHORT = 3;
const LONG = 4;
const DOUBLE = 12;
const ASCII = 2;

export function writeGeoTiff(spec: SyntheticRaster): Uint8Array {
  const across = Math.ceil(spec.width / spec.tile);
  const down = Math.ceil(spec.height / spec.tile);
  const encoded = new Map<Uint8Array | Uint16Array, Uint8Array>();
  const tiles: Uint8Array[] = [];
  for (let ty = 0; ty < down; ty++) {
    for (let tx = 0; tx < across; tx++) {
      const data = spec.tileData(tx, ty);
      let bytes = encoded.get(data);
      if (bytes === undefined) {
        const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        bytes = spec.compression === 'deflate' ? new Uint8Array(deflateSync(raw)) : raw;
        encoded.set(data, bytes);
      }
      tiles.push(bytes);
    }
  }
  const unique = [...new Set(tiles)];
  const geoKeys = [1, 1, 0, 3, 1024, 0, 1, spec.geographic ? 2 : 1, 1025, 0, 1, 1, spec.geographic ? 2048 : 3072, 0, 1, spec.epsg];
  const entries: Entry[] = [
    [256, LONG, [spec.width]], [257, LONG, [spec.height]], [258, SHORT, [spec.bits]],
    [259, SHORT, [spec.compression === 'deflate' ? 8 : 1]], [262, SHORT, [1]], [277, SHORT, [1]], [284, SHORT, [1]],
    [322, LONG, [spec.tile]], [323, LONG, [spec.tile]], [324, LONG, tiles.map(() => 0)], [325, LONG, tiles.map((t) => t.length)],
    [339, SHORT, [1]], [33550, DOUBLE, [spec.cellSize, spec.cellSize, 0]], [33922, DOUBLE, [0, 0, 0, spec.originX, spec.originY, 0]],
    [34735, SHORT, geoKeys],
    ...(spec.nodata !== undefined ? [[42113, ASCII, `${spec.nodata}\0`] as Entry] : []),
  ];
  const size = (e: Entry): number => (typeof e[2] === 'string' ? e[2].length : e[2].length * (e[1] === SHORT ? 2 : e[1] === LONG ? 4 : 8));
  const ifdBytes = 2 + entries.length * 12 + 4;
  let cursor = 8 + ifdBytes;
  const valueAt = new Map<number, number>();
  for (const e of entries) {
    if (size(e) > 4) {
      valueAt.set(e[0], cursor);
      cursor += size(e) + (size(e) % 2);
    }
  }
  const dataAt = new Map<Uint8Array, number>();
  for (const t of unique) {
    dataAt.set(t, cursor);
    cursor += t.length;
  }
  (entries.find((e) => e[0] === 324)![2] as number[]).splice(0, tiles.length, ...tiles.map((t) => dataAt.get(t)!));
  const out = new Uint8Array(cursor);
  const view = new DataView(out.buffer);
  out.set([0x49, 0x49]);
  view.setUint16(2, 42, true);
  view.setUint32(4, 8, true);
  view.setUint16(8, entries.length, true);
  const put = (at: number, e: Entry): void => {
    if (typeof e[2] === 'string') for (let i = 0; i < e[2].length; i++) out[at + i] = e[2].charCodeAt(i);
    else e[2].forEach((v, i) => (e[1] === SHORT ? view.setUint16(at + 2 * i, v, true) : e[1] === LONG ? view.setUint32(at + 4 * i, v, true) : view.setFloat64(at + 8 * i, v, true)));
  };
  entries.forEach((e, i) => {
    const at = 10 + i * 12;
    view.setUint16(at, e[0], true);
    view.setUint16(at + 2, e[1], true);
    view.setUint32(at + 4, typeof e[2] === 'string' ? e[2].length : e[2].length, true);
    if (size(e) > 4) view.setUint32(at + 8, valueAt.get(e[0])!, true);
    else put(at + 8, e);
  });
  for (const e of entries) if (valueAt.has(e[0])) put(valueAt.get(e[0])!, e);
  for (const t of unique) out.set(t, dataAt.get(t)!);
  return out;
}
