/** Response schemas of the market reads (the OpenAPI document shows them; tests parse with them). */
import { z } from 'zod';

export const instrumentSchema = z.object({
  instrument: z.string(), referencePriceFen: z.number(), tickFen: z.number(), lotT: z.number(), bandBp: z.number(), blockBandBp: z.number(),
  blockThresholdT: z.number(), buyerFeeBp: z.number(), sellerFeeBp: z.number(), positionLimitT: z.number().nullable(),
  calendar: z.array(z.object({ days: z.array(z.number()), open: z.string(), close: z.string() })), operator: z.string(),
  halted: z.boolean(), open: z.boolean(), session: z.number(),
  referenceFen: z.number(), lowerFen: z.number(), upperFen: z.number(), closeFen: z.number().describe('previous close (the next session\u2019s reference)'),
});

const level = z.object({ priceFen: z.number(), quantityT: z.number(), orders: z.number() });
export const depthSchema = z.object({ instrument: z.string(), bids: z.array(level), asks: z.array(level) });

export const tapeEntrySchema = z.object({
  seq: z.number(), at: z.string(), instrument: z.string(), venue: z.string(), priceFen: z.number(), quantityT: z.number(),
  buyerRegion: z.string(), sellerRegion: z.string(),
});

export const candleSchema = z.object({
  start: z.string().describe('local time (Asia/Shanghai), e.g. 2025-03-03T10:05'), openFen: z.number(), highFen: z.number(), lowFen: z.number(),
  closeFen: z.number(), volumeT: z.number(), notionalFen: z.number(),
});

export const cityFlowsSchema = z.object({
  city: z.string(),
  localPriceFen: z.number().nullable().describe('S21'), exportPriceFen: z.number().nullable().describe('S22'), importPriceFen: z.number().nullable().describe('S23'),
  localDemandT: z.number().describe('S24'), exportDemandT: z.number().describe('S25'),
  exportsT: z.number(), exportsFen: z.number(), importsT: z.number(), importsFen: z.number(),
});
