/**
 * The Monte Carlo generator of contracts.md §5: xoshiro128** seeded through splitmix32.
 * Integer arithmetic only (Math.imul, >>>), so a seed gives the same stream on every machine.
 */

const TWO_POW_32 = 4294967296;

/**
 * splitmix32 (state += 0x9E3779B9, then the 16/15/15 xor-shift-multiply finaliser with
 * 0x21F0AAAD and 0x735A2D97); returns the next 32-bit output and advances `state[0]`.
 */
function splitmix32(state: Uint32Array): number {
  state[0] = ((state[0] as number) + 0x9e3779b9) >>> 0;
  let z = state[0] as number;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** xoshiro128** (Blackman and Vigna); state words are the first four splitmix32 outputs of `seed`. */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** @param seed an integer in [0, 2^32) */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed >= TWO_POW_32) throw new Error(`seed must be an integer in [0, 2^32), got ${seed}`);
    const sm = new Uint32Array([seed]);
    this.s0 = splitmix32(sm);
    this.s1 = splitmix32(sm);
    this.s2 = splitmix32(sm);
    this.s3 = splitmix32(sm);
  }

  /** The next 32-bit output as an unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const product = Math.imul(s1, 5);
    const result = Math.imul((product << 7) | (product >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Uniform in [0, 1): the 32-bit output divided by 2^32. */
  nextUniform(): number {
    return this.nextUint32() / TWO_POW_32;
  }
}

/**
 * A standard normal by Box–Muller: two uniforms u1, u2 (in that order), z = √(−2 ln(1 − u1)) ·
 * cos(2π u2). The sine twin is discarded so every normal consumes exactly two uniforms.
 */
export function standardNormal(rng: Xoshiro128): number {
  const u1 = rng.nextUniform();
  const u2 = rng.nextUniform();
  return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
}

/** A triangular draw by the inverse CDF of one uniform. */
export function triangular(rng: Xoshiro128, min: number, mode: number, max: number): number {
  const u = rng.nextUniform();
  const width = max - min;
  if (width === 0) return min;
  const split = (mode - min) / width;
  return u < split ? min + Math.sqrt(u * width * (mode - min)) : max - Math.sqrt((1 - u) * width * (max - mode));
}
