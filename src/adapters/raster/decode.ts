/** One compressed TIFF block → samples: decompression, byte order, horizontal predictor. */
import { inflateSync } from 'node:zlib';
import { lzwDecode } from './lzw.js';

export const COMPRESSION = { none: 1, lzw: 5, deflate: 8, deflateOld: 32946 } as const;

export interface BlockFormat {
  readonly compression: number;
  /** 1 none, 2 horizontal differencing. */
  readonly predictor: number;
  readonly bytesPerSample: 1 | 2;
  readonly littleEndian: boolean;
  /** Cells per row of the block as stored (the tile width, or the raster width for strips). */
  readonly blockWidth: number;
}

/** Decodes one block of `rows` rows into a fresh unsigned sample array. */
export function decodeBlock(compressed: Uint8Array, format: BlockFormat, rows: number): Uint8Array | Uint16Array {
  const cells = format.blockWidth * rows;
  const size = cells * format.bytesPerSample;
  let bytes: Uint8Array;
  if (format.compression === COMPRESSION.deflate || format.compression === COMPRESSION.deflateOld) {
    // Native zlib: faster than any JS inflate. Its result is used in place when it is exactly
    // one block in its own buffer, to keep garbage (and so peak memory) down.
    const inflated = inflateSync(compressed);
    if (inflated.byteOffset === 0 && inflated.buffer.byteLength === size) bytes = new Uint8Array(inflated.buffer, 0, size);
    else {
      bytes = new Uint8Array(size);
      bytes.set(inflated.subarray(0, Math.min(inflated.length, size)));
    }
  } else {
    bytes = new Uint8Array(size);
    if (format.compression === COMPRESSION.lzw) lzwDecode(compressed, bytes);
    else if (format.compression === COMPRESSION.none) bytes.set(compressed.subarray(0, Math.min(compressed.length, bytes.length)));
    else throw new Error(`compression ${format.compression} reached the decoder`);
  }
  if (format.bytesPerSample === 1) {
    if (format.predictor === 2) undoPredictor8(bytes, format.blockWidth, rows);
    return bytes;
  }
  const samples = new Uint16Array(bytes.buffer, 0, cells);
  const nativeLittle = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  if (format.littleEndian !== nativeLittle) {
    for (let i = 0; i < cells; i++) {
      const v = samples[i]!;
      samples[i] = ((v & 0xff) << 8) | (v >>> 8);
    }
  }
  if (format.predictor === 2) undoPredictor16(samples, format.blockWidth, rows);
  return samples;
}

function undoPredictor8(data: Uint8Array, width: number, rows: number): void {
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    for (let i = base + 1; i < base + width; i++) data[i] = (data[i]! + data[i - 1]!) & 0xff;
  }
}

function undoPredictor16(data: Uint16Array, width: number, rows: number): void {
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    for (let i = base + 1; i < base + width; i++) data[i] = (data[i]! + data[i - 1]!) & 0xffff;
  }
}
