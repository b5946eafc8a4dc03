/**
 * Account names of the double-entry ledger (one string per account, `:`-separated) and the
 * asset of each posting: `CNY` in fen, or `UNIT/<project>/<vintage>` in whole tCO2e.
 * Participant ids and project ids never contain `:` or `/` (the registry checks them).
 */

export const CASH_ASSET = 'CNY';

export const ACCOUNTS = {
  /** Money outside the platform: deposits come from it, withdrawals and payouts go to it. */
  external: 'X:bank',
  /** The source of every issued unit; its balance is minus the units issued. */
  issuance: 'R:issuance',
  buffer: 'R:buffer',
  cancelled: 'R:cancelled',
  retired: (purpose: string): string => `R:retired:${purpose}`,
  surrender: (jurisdiction: string, period: string): string => `R:surrender:${jurisdiction}:${period}`,
  cash: (participantId: string): string => `P:${participantId}:cash`,
  units: (participantId: string): string => `P:${participantId}:units`,
  pledged: (participantId: string, pledgeId: string): string => `P:${participantId}:pledged:${pledgeId}`,
  /** A member's payable under a benefit-sharing contract: the cooperative's liability. */
  payable: (participantId: string, memberId: string): string => `P:${participantId}:payable:${memberId}`,
} as const;

export function unitAsset(projectId: string, vintage: number): string {
  return `UNIT/${projectId}/${vintage}`;
}

/** `{projectId, vintage}` of a unit asset, or null for money and foreign assets. */
export function parseUnitAsset(asset: string): { projectId: string; vintage: number } | null {
  if (!asset.startsWith('UNIT/')) return null;
  const slash = asset.indexOf('/', 5);
  if (slash < 0) return null;
  const vintage = Number(asset.slice(slash + 1));
  return Number.isSafeInteger(vintage) ? { projectId: asset.slice(5, slash), vintage } : null;
}

/** Units in these accounts are out of circulation for good: they never move again. */
export function isTerminalAccount(account: string): boolean {
  return account === ACCOUNTS.cancelled || account.startsWith('R:retired:') || account.startsWith('R:surrender:');
}

/** Accounts whose balance may be negative: the outside world and the issuance source. */
export function mayBeNegative(account: string): boolean {
  return account.startsWith('X:') || account === ACCOUNTS.issuance;
}

/** The participant owning an account (`P:<id>:…`), or null for registry and external accounts. */
export function ownerOf(account: string): string | null {
  if (!account.startsWith('P:')) return null;
  const end = account.indexOf(':', 2);
  return end < 0 ? null : account.slice(2, end);
}
