/**
 * Payload schemas of the exchange's commands (contracts.md §7, market.md §10). A payload
 * that fails its schema is refused with `invalid_payload`, naming the field.
 */
import { z } from 'zod';
import { TIMES_IN_FORCE } from './types.js';

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . - (at most 64), starting with a letter or digit');
/** `SINK/<type>/<origin region>/<vintage>` or `CEA/<jurisdiction>/<vintage>` (market.md §6). */
export const Instrument = z.string().regex(/^(SINK\/[a-z][a-z-]{0,39}\/\d{6}\/\d{4}|CEA\/[A-Za-z0-9-]{1,32}\/\d{4})$/, 'SINK/<type>/<region>/<vintage> or CEA/<jurisdiction>/<vintage>');
const Key = z.string().min(1).max(200);
/** Prices and quantities stay far inside 2^53 after multiplication (fen × t × bp). */
const PriceFen = z.int().positive().max(1_000_000_000);
const QuantityT = z.int().positive().max(1_000_000_000);
const Bp = z.int().min(0).max(10_000);
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const Side = z.enum(['buy', 'sell']);

export const MARKET_SCHEMAS = {
  'instrument.list': z.strictObject({
    instrument: Instrument,
    referencePriceFen: PriceFen,
    tickFen: PriceFen.default(1),
    lotT: QuantityT.default(1),
    bandBp: z.int().min(1).max(9_999).default(1_000),
    blockBandBp: z.int().min(1).max(9_999).default(3_000),
    blockThresholdT: QuantityT.default(100_000),
    buyerFeeBp: Bp.default(0),
    sellerFeeBp: Bp.default(0),
    positionLimitT: QuantityT.optional(),
    calendar: z.array(z.strictObject({ days: z.array(z.int().min(1).max(7)).min(1), open: Hhmm, close: Hhmm })).min(1).optional(),
  }),
  'instrument.halt': z.strictObject({ instrument: Instrument, halted: z.boolean().default(true), reason: z.string().min(1).max(500).optional() }),
  'session.open': z.strictObject({ instrument: Instrument }),
  'session.close': z.strictObject({ instrument: Instrument }),
  'mandate.record': z.strictObject({ intermediary: Id, revoke: z.boolean().default(false), reference: z.string().min(1).max(500).optional() }),
  'position.limit': z.strictObject({ participantId: Id, instrument: Instrument, maxT: z.int().min(0).max(1_000_000_000) }),
  'order.place': z.strictObject({
    instrument: Instrument,
    side: Side,
    kind: z.enum(['limit', 'market']),
    priceFen: PriceFen.optional(),
    quantityT: QuantityT,
    tif: z.enum(TIMES_IN_FORCE),
    onBehalfOf: Id.optional(),
  }),
  'order.cancel': z.strictObject({ orderKey: Key, placedBy: Id.optional() }),
  'order.amend': z.strictObject({ orderKey: Key, placedBy: Id.optional(), quantityT: QuantityT.optional(), priceFen: PriceFen.optional() }),
  'block.propose': z.strictObject({ blockId: Id, instrument: Instrument, side: Side, counterparty: Id, priceFen: PriceFen, quantityT: QuantityT }),
  'block.confirm': z.strictObject({ blockId: Id }),
  'auction.open': z.strictObject({
    auctionId: Id,
    instrument: Instrument,
    kind: z.enum(['call', 'one-way']),
    quantityT: QuantityT.optional(),
    reservePriceFen: PriceFen.optional(),
    minimumTotalT: z.int().min(0).max(1_000_000_000).optional(),
  }),
  'auction.bid': z.strictObject({
    auctionId: Id,
    side: Side.default('buy'),
    priceFen: PriceFen,
    quantityT: QuantityT,
    tif: z.enum(['GTC', 'DAY']).default('DAY'),
    onBehalfOf: Id.optional(),
  }),
  'auction.close': z.strictObject({ auctionId: Id }),
  'trade.bust': z.strictObject({ tradeSeq: z.int().positive().max(Number.MAX_SAFE_INTEGER), reason: z.string().min(1).max(500) }),
} as const;

export type MarketCommandType = keyof typeof MARKET_SCHEMAS;
export type MarketPayloadOf<T extends MarketCommandType> = z.output<(typeof MARKET_SCHEMAS)[T]>;
export const MARKET_COMMAND_TYPES = Object.keys(MARKET_SCHEMAS) as MarketCommandType[];

/**
 * Payloads that came out of their command's schema through `parseMarketPayload` (the HTTP
 * command route parses a body with it): the machine takes them as they are instead of parsing
 * them a second time (a few µs per order). Sound because these schemas have no transforms, so
 * parsing an output again gives it back; nothing mutates a command's payload.
 */
const PARSED = new WeakMap<object, MarketCommandType>();

export function parseMarketPayload(type: MarketCommandType, value: unknown): z.ZodSafeParseResult<unknown> {
  const parsed = (MARKET_SCHEMAS[type] as z.ZodType).safeParse(value);
  if (parsed.success) PARSED.set(parsed.data as object, type);
  return parsed;
}

/** The payload checked against `type`'s schema: as it is when `parseMarketPayload` made it, parsed otherwise. */
export function checkedMarketPayload(type: MarketCommandType, payload: unknown): z.ZodSafeParseResult<unknown> {
  if (typeof payload === 'object' && payload !== null && PARSED.get(payload) === type) return { success: true, data: payload };
  return (MARKET_SCHEMAS[type] as z.ZodType).safeParse(payload);
}
