/**
 * Refusal codes of the exchange (every `<type>.rejected` event carries one), beside the
 * registry's. Checks run in this precedence: payload, actor, mandate and training, instrument
 * (known, halted, session open), price and quantity (tick, lot, band, block threshold),
 * position limit, then cash or units; the first failing check decides the code.
 */
import type { RejectionCode } from '../registry/index.js';

export const MARKET_REJECTION_CODES = [
  'unknown_instrument',
  'instrument_exists',
  'instrument_halted',
  'market_closed',
  'session_open',
  'outside_calendar',
  'off_tick',
  'off_lot',
  'outside_band',
  'over_block_threshold',
  'position_limit',
  'no_mandate',
  'unknown_order',
  'unknown_block',
  'block_closed',
  'unknown_auction',
  'auction_exists',
  'auction_closed',
  'call_in_progress',
  'self_trade',
  'amend_no_change',
  'unknown_trade',
] as const;

export type MarketRejectionCode = (typeof MARKET_REJECTION_CODES)[number];
export type ExchangeRejectionCode = MarketRejectionCode | RejectionCode;
