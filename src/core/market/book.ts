/**
 * One instrument's continuous order book (market.md §6.1, §10): a price ladder of integer
 * prices (one level per tick inside the band) with orders in intrusive FIFO queues, kept in
 * typed arrays so that the hot path allocates nothing. Price-time priority; a taker trades at
 * the resting order's price. `plan` is read-only (the machine's `decide`); `reduce`, `remove`
 * and `add` fold the decided events (`apply`).
 */

export const BUY = 0;
export const SELL = 1;
export type Side = typeof BUY | typeof SELL;

const NONE = -1;

/** Fills planned for one taker, in execution order; reused between calls (no allocation). */
export class Plan {
  makers: number[] = [];
  quantities: number[] = [];
  prices: number[] = [];
  /** Resting orders of the taker's own account met on the way: cancelled (cancel-oldest). */
  selfTrades: number[] = [];
  /** Position in the walk of each self-trade cancel: it happens before fill number `selfTradeAt[i]`. */
  selfTradeAt: number[] = [];
  filledT = 0;
  count = 0;
  selfCount = 0;

  reset(): void {
    this.filledT = 0;
    this.count = 0;
    this.selfCount = 0;
  }
}

export interface BookImage<J> {
  readonly lowerFen: number;
  readonly upperFen: number;
  readonly tickFen: number;
  readonly price: number[];
  readonly remaining: number[];
  readonly account: number[];
  readonly side: number[];
  readonly next: number[];
  readonly prev: number[];
  readonly meta: J[];
  readonly freeHead: number;
  readonly size: number;
  readonly head: number[][];
  readonly tail: number[][];
  readonly levelT: number[][];
  readonly bestBid: number;
  readonly bestAsk: number;
}

export class Book<M> {
  lowerFen: number;
  upperFen: number;
  readonly tickFen: number;
  #levels: number;
  // Order pool: struct of arrays indexed by handle; free handles chained through `next`.
  #cap = 0;
  price = new Float64Array(0);
  remaining = new Float64Array(0);
  account = new Int32Array(0);
  side = new Uint8Array(0);
  #next = new Int32Array(0);
  #prev = new Int32Array(0);
  meta: (M | undefined)[] = [];
  #freeHead = NONE;
  #used = 0;
  size = 0;
  // Ladder per side: head and tail handle and resting quantity of each level.
  #head: [Int32Array, Int32Array] = [new Int32Array(0), new Int32Array(0)];
  #tail: [Int32Array, Int32Array] = [new Int32Array(0), new Int32Array(0)];
  #levelT: [Float64Array, Float64Array] = [new Float64Array(0), new Float64Array(0)];
  /** Best bid level (highest non-empty), NONE when empty. */
  #bestBid = NONE;
  /** Best ask level (lowest non-empty), NONE when empty. */
  #bestAsk = NONE;

  constructor(lowerFen: number, upperFen: number, tickFen: number, capacity = 1024) {
    this.lowerFen = lowerFen;
    this.upperFen = upperFen;
    this.tickFen = tickFen;
    this.#levels = 0;
    this.#grow(capacity);
    this.#ladder(lowerFen, upperFen);
  }

  get bestBidFen(): number | null {
    return this.#bestBid === NONE ? null : this.lowerFen + this.#bestBid * this.tickFen;
  }

  get bestAskFen(): number | null {
    return this.#bestAsk === NONE ? null : this.lowerFen + this.#bestAsk * this.tickFen;
  }

  /** Appends a resting order at the tail of its level; the price must lie on the ladder. */
  add(meta: M, side: Side, priceFen: number, quantityT: number, account: number): number {
    const level = (priceFen - this.lowerFen) / this.tickFen;
    if (!(level >= 0 && level < this.#levels && Number.isInteger(level))) throw new Error(`book: price ${priceFen} is not on the ladder ${this.lowerFen}..${this.upperFen}/${this.tickFen}`);
    let h = this.#freeHead;
    if (h === NONE) {
      if (this.#used === this.#cap) this.#grow(this.#cap * 2);
      h = this.#used++;
    } else {
      this.#freeHead = this.#next[h]!;
    }
    this.price[h] = priceFen;
    this.remaining[h] = quantityT;
    this.account[h] = account;
    this.side[h] = side;
    this.meta[h] = meta;
    const tail = this.#tail[side];
    const last = tail[level]!;
    this.#prev[h] = last;
    this.#next[h] = NONE;
    if (last === NONE) this.#head[side][level] = h;
    else this.#next[last] = h;
    tail[level] = h;
    this.#levelT[side][level]! += quantityT;
    if (side === BUY) {
      if (this.#bestBid === NONE || level > this.#bestBid) this.#bestBid = level;
    } else if (this.#bestAsk === NONE || level < this.#bestAsk) this.#bestAsk = level;
    this.size += 1;
    return h;
  }

  /** Takes `quantityT` from a resting order (a fill or a reduction); removes it at zero. */
  reduce(h: number, quantityT: number): void {
    const left = this.remaining[h]! - quantityT;
    if (left < 0) throw new Error(`book: order ${h} has ${this.remaining[h]} t, cannot take ${quantityT}`);
    if (left === 0) {
      this.remove(h);
      return;
    }
    this.remaining[h] = left;
    this.#levelT[this.side[h] as Side][(this.price[h]! - this.lowerFen) / this.tickFen]! -= quantityT;
  }

  remove(h: number): void {
    const side = this.side[h] as Side;
    const level = (this.price[h]! - this.lowerFen) / this.tickFen;
    const prev = this.#prev[h]!;
    const next = this.#next[h]!;
    if (prev === NONE) this.#head[side][level] = next;
    else this.#next[prev] = next;
    if (next === NONE) this.#tail[side][level] = prev;
    else this.#prev[next] = prev;
    this.#levelT[side][level]! -= this.remaining[h]!;
    this.remaining[h] = 0;
    this.meta[h] = undefined;
    this.#next[h] = this.#freeHead;
    this.#freeHead = h;
    this.size -= 1;
    if (this.#head[side][level] === NONE) {
      if (side === BUY && level === this.#bestBid) this.#bestBid = this.#scan(BUY, level - 1);
      else if (side === SELL && level === this.#bestAsk) this.#bestAsk = this.#scan(SELL, level + 1);
    }
  }

  /**
   * Plans a taker against the opposite side, read-only: levels from the best while they
   * cross `limitFen`, orders in time order, each fill at the resting price; resting orders of
   * `account` are listed as self-trades (to be cancelled) and skipped.
   */
  plan(side: Side, limitFen: number, quantityT: number, account: number, out: Plan): Plan {
    out.reset();
    const other: Side = side === BUY ? SELL : BUY;
    const head = this.#head[other];
    const next = this.#next;
    let left = quantityT;
    let level = side === BUY ? this.#bestAsk : this.#bestBid;
    if (level === NONE) return out;
    const limitLevel = Math.floor((limitFen - this.lowerFen) / this.tickFen);
    const step = side === BUY ? 1 : -1;
    while (left > 0 && level >= 0 && level < this.#levels && (side === BUY ? level <= limitLevel : level >= limitLevel)) {
      for (let h = head[level]!; h !== NONE && left > 0; h = next[h]!) {
        if (this.account[h] === account) {
          out.selfTrades[out.selfCount] = h;
          out.selfTradeAt[out.selfCount++] = out.count;
          continue;
        }
        const take = Math.min(left, this.remaining[h]!);
        out.makers[out.count] = h;
        out.quantities[out.count] = take;
        out.prices[out.count++] = this.price[h]!;
        left -= take;
      }
      level += step;
    }
    out.filledT = quantityT - left;
    return out;
  }

  /** Resting quantity per level from the best, at most `levels` levels. */
  depth(side: Side, levels: number): { priceFen: number; quantityT: number; orders: number }[] {
    const out: { priceFen: number; quantityT: number; orders: number }[] = [];
    const step = side === BUY ? -1 : 1;
    for (let level = side === BUY ? this.#bestBid : this.#bestAsk; level !== NONE && level >= 0 && level < this.#levels && out.length < levels; level += step) {
      if (this.#head[side][level] === NONE) continue;
      let orders = 0;
      for (let h = this.#head[side][level]!; h !== NONE; h = this.#next[h]!) orders += 1;
      out.push({ priceFen: this.lowerFen + level * this.tickFen, quantityT: this.#levelT[side][level]!, orders });
    }
    return out;
  }

  /** Every resting handle, by side, best level first, time order within a level. */
  *handles(side: Side): Generator<number> {
    const step = side === BUY ? -1 : 1;
    for (let level = side === BUY ? this.#levels - 1 : 0; level >= 0 && level < this.#levels; level += step) {
      for (let h = this.#head[side][level]!; h !== NONE; h = this.#next[h]!) yield h;
    }
  }

  /**
   * Moves the ladder to a new band; every resting order must lie inside it (the caller
   * cancels the others first). Time priority within a level is kept.
   */
  rebase(lowerFen: number, upperFen: number): void {
    const resting: number[][] = [[...this.handles(BUY)], [...this.handles(SELL)]];
    this.lowerFen = lowerFen;
    this.upperFen = upperFen;
    this.#ladder(lowerFen, upperFen);
    for (const side of [BUY, SELL] as const) {
      for (const h of resting[side]!) {
        const level = (this.price[h]! - lowerFen) / this.tickFen;
        if (!(level >= 0 && level < this.#levels)) throw new Error(`book: order at ${this.price[h]} lies outside the new band`);
        const last = this.#tail[side][level]!;
        this.#prev[h] = last;
        this.#next[h] = NONE;
        if (last === NONE) this.#head[side][level] = h;
        else this.#next[last] = h;
        this.#tail[side][level] = h;
        this.#levelT[side][level]! += this.remaining[h]!;
        if (side === BUY) this.#bestBid = Math.max(this.#bestBid, level);
        else this.#bestAsk = this.#bestAsk === NONE ? level : Math.min(this.#bestAsk, level);
      }
    }
  }

  /** Everything the book holds, handles included, as plain arrays (for snapshots); `meta` through `encode`. */
  toImage<J>(encode: (meta: M | undefined) => J): BookImage<J> {
    const used = this.#used;
    const cut = <T extends Float64Array | Int32Array | Uint8Array>(a: T) => Array.from(a.subarray(0, used));
    return {
      lowerFen: this.lowerFen, upperFen: this.upperFen, tickFen: this.tickFen, price: cut(this.price), remaining: cut(this.remaining),
      account: cut(this.account), side: cut(this.side), next: cut(this.#next), prev: cut(this.#prev), meta: this.meta.slice(0, used).map(encode),
      freeHead: this.#freeHead, size: this.size, head: [Array.from(this.#head[0]), Array.from(this.#head[1])], tail: [Array.from(this.#tail[0]), Array.from(this.#tail[1])],
      levelT: [Array.from(this.#levelT[0]), Array.from(this.#levelT[1])], bestBid: this.#bestBid, bestAsk: this.#bestAsk,
    };
  }

  static fromImage<M, J>(image: BookImage<J>, decode: (meta: J) => M | undefined): Book<M> {
    const book = new Book<M>(image.lowerFen, image.upperFen, image.tickFen, Math.max(64, image.price.length));
    const used = image.price.length;
    book.price.set(image.price);
    book.remaining.set(image.remaining);
    book.account.set(image.account);
    book.side.set(image.side);
    book.#next.set(image.next);
    book.#prev.set(image.prev);
    book.meta = image.meta.map(decode);
    book.#used = used;
    book.#freeHead = image.freeHead;
    book.size = image.size;
    for (const s of [BUY, SELL] as const) {
      book.#head[s].set(image.head[s]!);
      book.#tail[s].set(image.tail[s]!);
      book.#levelT[s].set(image.levelT[s]!);
    }
    book.#bestBid = image.bestBid;
    book.#bestAsk = image.bestAsk;
    return book;
  }

  #scan(side: Side, from: number): number {
    const head = this.#head[side];
    if (side === BUY) {
      for (let level = from; level >= 0; level--) if (head[level] !== NONE) return level;
    } else {
      for (let level = from; level < this.#levels; level++) if (head[level] !== NONE) return level;
    }
    return NONE;
  }

  #ladder(lowerFen: number, upperFen: number): void {
    const levels = Math.floor((upperFen - lowerFen) / this.tickFen) + 1;
    this.#levels = levels;
    for (const side of [BUY, SELL] as const) {
      this.#head[side] = new Int32Array(levels).fill(NONE);
      this.#tail[side] = new Int32Array(levels).fill(NONE);
      this.#levelT[side] = new Float64Array(levels);
    }
    this.#bestBid = NONE;
    this.#bestAsk = NONE;
  }

  #grow(capacity: number): void {
    const copy = <T extends Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T): T => {
      const fresh = make(capacity);
      fresh.set(old);
      return fresh;
    };
    this.price = copy(this.price, (n) => new Float64Array(n));
    this.remaining = copy(this.remaining, (n) => new Float64Array(n));
    this.account = copy(this.account, (n) => new Int32Array(n));
    this.side = copy(this.side, (n) => new Uint8Array(n));
    this.#next = copy(this.#next, (n) => new Int32Array(n));
    this.#prev = copy(this.#prev, (n) => new Int32Array(n));
    this.#cap = capacity;
  }
}
