/**
 * Balances derived from postings: a cache that `post` keeps current and that can always be
 * rebuilt from the postings alone (style practice 5). Credit gains, debit loses.
 */
import type { Posting } from '../journal/types.js';
import { CASH_ASSET } from './accounts.js';

export class Balances {
  /** Cash (fen) by account: most postings are cash, and one map is one look-up, not two. */
  readonly #cash = new Map<string, number>();
  /** Every other asset (units), by account then asset. */
  readonly #byAccount = new Map<string, Map<string, number>>();

  post(postings: readonly Posting[]): void {
    for (const p of postings) {
      this.#add(p.debit, p.asset, -p.amount);
      this.#add(p.credit, p.asset, p.amount);
    }
  }

  balance(account: string, asset: string): number {
    return (asset === CASH_ASSET ? this.#cash.get(account) : this.#byAccount.get(account)?.get(asset)) ?? 0;
  }

  /** Every (account, asset, balance) with a non-zero balance: cash first, each part in insertion order. */
  *entries(): Generator<{ account: string; asset: string; balance: number }> {
    for (const [account, asset, balance] of this.all()) if (balance !== 0) yield { account, asset, balance };
  }

  /** Every (account, asset, balance), zeros included, in the order of `entries` (for snapshots). */
  *all(): Generator<[string, string, number]> {
    for (const [account, balance] of this.#cash) yield [account, CASH_ASSET, balance];
    for (const [account, assets] of this.#byAccount) for (const [asset, balance] of assets) yield [account, asset, balance];
  }

  /** Balances as `all()` listed them. */
  static fromAll(list: Iterable<readonly [string, string, number]>): Balances {
    const out = new Balances();
    for (const [account, asset, balance] of list) out.#add(account, asset, balance);
    return out;
  }

  /** The account's balances by asset. */
  assetsOf(account: string): ReadonlyMap<string, number> {
    const cash = this.#cash.get(account);
    const others = this.#byAccount.get(account);
    if (cash === undefined) return others ?? new Map();
    return new Map([[CASH_ASSET, cash], ...(others ?? [])]);
  }

  #add(account: string, asset: string, delta: number): void {
    if (asset === CASH_ASSET) {
      this.#cash.set(account, checked((this.#cash.get(account) ?? 0) + delta, account, asset));
      return;
    }
    const assets = this.#assets(account);
    assets.set(asset, checked((assets.get(asset) ?? 0) + delta, account, asset));
  }

  #assets(account: string): Map<string, number> {
    let assets = this.#byAccount.get(account);
    if (assets === undefined) this.#byAccount.set(account, (assets = new Map()));
    return assets;
  }
}

function checked(balance: number, account: string, asset: string): number {
  if (!Number.isSafeInteger(balance)) throw new Error(`balance of ${account} in ${asset} left the safe integer range`);
  return balance;
}
