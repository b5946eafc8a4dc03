/**
 * Refusal codes of the compliance regimes (every `<type>.rejected` event carries one), beside
 * the registry's and the exchange's. Checks run in this precedence: payload, actor and role,
 * referenced records (jurisdiction, period, emitter, report, obligation), time (deadline,
 * due date, closed period), then quantities, limits and cash.
 */
import type { ExchangeRejectionCode } from '../market/index.js';

export const COMPLIANCE_REJECTION_CODES = [
  'unknown_jurisdiction',
  'jurisdiction_exists',
  'wrong_regime',
  'outside_jurisdiction',
  'not_authority',
  'period_closed',
  'deadline_passed',
  'before_deadline',
  'not_covered',
  'emitter_exists',
  'key_emitter',
  'report_exists',
  'no_report',
  'report_not_verified',
  'already_verified',
  'allocation_exists',
  'exceeds_obligation',
  'offset_cap_exceeded',
  'offset_ineligible',
  'allowance_ineligible',
  'unknown_obligation',
  'obligation_exists',
  'obligation_closed',
  'overdraft_limit',
  'city_limit',
  'not_due',
  'unknown_penalty',
  'exceeds_due',
  'result_not_balanced',
  'region_not_registered',
  'already_cleared',
  'bad_certificate',
] as const;

export type ComplianceRejectionCode = (typeof COMPLIANCE_REJECTION_CODES)[number];
export type AnyRejectionCode = ComplianceRejectionCode | ExchangeRejectionCode;

/** A compliance refusal: one `<type>.rejected` event, no postings. */
export class ComplianceRefusal {
  constructor(readonly code: AnyRejectionCode, readonly message: string) {}
}
