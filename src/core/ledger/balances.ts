/**
 * Balances derived from postings: a cache that `post` keeps current and that can always be
 * rebuilt from the postings alone (style practice 5). Credit gains, debit loses.
 */
import type { Posting } from '../journal/types.js';

export class Balances {
  readonly #byAccount = new Map<string, Map<string, number>>();

  post(postings: readonly Posting[]): void {
    for (const p of postings) {
      this.#add(p.debit, p.asset, -p.amount);
      this.#add(p.credit, p.asset, p.amount);
    }
  }

  balance(account: string, asset: string): number {
    return this.#byAccount.get(account)?.get(asset) ?? 0;
  }

  /** Every (account, asset, balance) with a non-zero balance, in insertion order. */
  *entries(): Generator<{ account: string; asset: string; balance: number }> {
    for (const [account, assets] of this.#byAccount) {
      for (const [asset, balance] of assets) if (balance !== 0) yield { account, asset, balance };
    }
  }

  /** Every (account, asset, balance), zeros included, in insertion order (for snapshots). */
  *all(): Generator<[string, string, number]> {
    for (const [account, assets] of this.#byAccount) for (const [asset, balance] of assets) yield [account, asset, balance];
  }

  /** Balances as `all()` listed them. */
  static fromAll(list: Iterable<readonly [string, string, number]>): Balances {
    const out = new Balances();
    for (const [account, asset, balance] of list) out.#add(account, asset, balance);
    return out;
  }

  assetsOf(account: string): ReadonlyMap<string, number> {
    return this.#byAccount.get(account) ?? new Map();
  }

  #add(account: string, asset: string, delta: number): void {
    let assets = this.#byAccount.get(account);
    if (assets === undefined) this.#byAccount.set(account, (assets = new Map()));
    const next = (assets.get(asset) ?? 0) + delta;
    if (!Number.isSafeInteger(next)) throw new Error(`balance of ${account} in ${asset} left the safe integer range`);
    assets.set(asset, next);
  }
}
