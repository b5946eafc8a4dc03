/**
 * TIFF LZW (MSB-first codes of 9–12 bits, early change). Our own rather than geotiff.js's:
 * geotiff.js builds each string from a linked table and decodes about 8 Mcells/s here, which
 * alone would make us slower than rasterio's whole pipeline. Here every table entry points
 * into the output already written (an entry is the previous string plus one byte, and that
 * byte follows it in the output), so a code is one copy.
 */

const CLEAR = 256;
const END = 257;
const FIRST_FREE = 258;
const MAX_CODES = 4096;

export class LzwError extends Error {}

/**
 * Decodes `input` into `out` and returns the number of bytes written; stops at the end code,
 * at the end of input, or when `out` is full (a block's size is known in advance).
 */
export function lzwDecode(input: Uint8Array, out: Uint8Array): number {
  const start = new Int32Array(MAX_CODES);
  const length = new Int32Array(MAX_CODES);
  let width = 9;
  let next = FIRST_FREE;
  let prevStart = -1;
  let prevLength = 0;
  let bits = 0;
  let bitCount = 0;
  let ip = 0;
  let op = 0;
  const inLength = input.length;
  const outLength = out.length;
  while (op < outLength) {
    while (bitCount < width) {
      bits = ((bits << 8) | (ip < inLength ? input[ip]! : 0)) >>> 0;
      ip++;
      bitCount += 8;
    }
    if (ip > inLength + 2) break;
    bitCount -= width;
    const code = (bits >>> bitCount) & ((1 << width) - 1);
    bits &= (1 << bitCount) - 1;
    if (code === END) break;
    if (code === CLEAR) {
      width = 9;
      next = FIRST_FREE;
      prevStart = -1;
      continue;
    }
    let curStart = op;
    let curLength: number;
    if (prevStart < 0) {
      if (code >= CLEAR) throw new LzwError(`LZW code ${code} before any string`);
      out[op++] = code;
      prevStart = curStart;
      prevLength = 1;
      continue;
    }
    if (code < CLEAR) {
      out[op++] = code;
      curLength = 1;
    } else if (code < next) {
      curLength = length[code]!;
      copy(out, start[code]!, op, curLength);
      op += curLength;
    } else if (code === next) {
      // The string being defined: previous string plus its own first byte.
      curLength = prevLength + 1;
      copy(out, prevStart, op, prevLength);
      if (op + prevLength < outLength) out[op + prevLength] = out[prevStart]!;
      op += curLength;
    } else {
      throw new LzwError(`LZW code ${code} beyond the table (${next})`);
    }
    if (next < MAX_CODES) {
      start[next] = prevStart;
      length[next] = prevLength + 1;
      next++;
      if (next >= (1 << width) - 1 && width < 12) width++;
    }
    prevStart = curStart;
    prevLength = curLength;
  }
  return Math.min(op, outLength);
}

/** Copies within `out`, clipped at its end; short strings by hand, long ones natively. */
function copy(out: Uint8Array, from: number, to: number, count: number): void {
  const n = Math.min(count, out.length - to);
  if (n < 24) {
    for (let i = 0; i < n; i++) out[to + i] = out[from + i]!;
  } else out.copyWithin(to, from, from + n);
}
