/**
 * A trader's own market records (docs/market.md §6, §10): `GET /market/my/orders` and
 * `/market/my/trades`, the logged-in participant's and, for an intermediary, those of the
 * clients whose mandate names it. They read the market's views the journal tail keeps
 * (journal-tail.ts): only the caller's lists, from the cursor on, as far as the page goes.
 */
import { z } from 'zod';
import { type MarketViews, type Trader, ownTradeKey, seqOrderKey, traderOf } from '../../../core/market/index.js';
import { Instrument } from '../../../core/market/schemas.js';
import { type Result, err, ok } from '../../../core/result.js';
import { CAPABILITIES } from '../../../core/registry/roles.js';
import { PARTICIPANT_KINDS } from '../../../core/registry/types.js';
import type { ApiProblem } from '../errors.js';
import { type PageQuery, pageOfLists, pageOrderSchema, pageQuerySchema, pageSchema } from '../paging.js';
import type { Role } from '../roles.js';
import { type AnyRoute, type Reply, defineRoute } from '../route.js';
import { type Caller, NO_DATABASE, type Services } from '../services.js';
import { journalTail } from '../journal-tail.js';

/** Kinds that trade: those holding accounts (the roles of `order.place`, routes/commands.ts). */
export const TRADER_ROLES: readonly Role[] = PARTICIPANT_KINDS.filter((k) => CAPABILITIES[k].includes('hold'));

export const ownOrderSchema = z.object({
  seq: z.number().describe('seq of its order.accepted event'), at: z.string(), orderId: z.string().describe('<placedBy>/<orderKey>'), orderKey: z.string(),
  placedBy: z.string(), owner: z.string().describe('the account owner: a client when an intermediary placed it'), instrument: z.string(),
  side: z.enum(['buy', 'sell']), kind: z.enum(['limit', 'market']), limitFen: z.number(), tif: z.string(),
  quantityT: z.number().describe('as placed'), filledT: z.number(), filledNotionalFen: z.number(), remainingT: z.number().describe('still on the book; 0 once done'),
  status: z.enum(['open', 'filled', 'cancelled', 'killed', 'expired', 'self_trade', 'amended', 'outside_band']), doneSeq: z.number().nullable(),
});

export const ownTradeSchema = z.object({
  seq: z.number(), at: z.string(), instrument: z.string(), venue: z.string(), side: z.enum(['buy', 'sell']).describe('the side of owner'),
  owner: z.string(), orderId: z.string(), priceFen: z.number(), quantityT: z.number(), notionalFen: z.number(), feeFen: z.number().describe('this side\u2019s fee'),
  counterpartyRegion: z.string().describe('the other side\u2019s region (the book is anonymous: never its name)'),
  bustedSeq: z.number().nullable().describe('seq of the trade.busted event that reversed it, or null'),
});

type Json = Result<Reply, ApiProblem[]>;

/** The caller as a trader, and the market's views (journal-tail.ts). */
async function traderAndViews(services: Services, caller: Caller | null): Promise<Result<{ trader: Trader; views: MarketViews }, ApiProblem[]>> {
  const journal = services.journal;
  if (journal === null) return err([NO_DATABASE]);
  if (journal.exchange === undefined) return err([{ code: 'db_unavailable', message: 'this server\u2019s journal does not run the exchange' }]);
  const participantId = caller?.user.participantId ?? null;
  if (participantId === null) return err([{ code: 'forbidden', message: 'your user acts for no participant, so it has no orders or trades' }]);
  const exchange = journal.exchange;
  const views = await journalTail(journal.store).market();
  const trader = journal.store.read((state) => traderOf(exchange(state), participantId));
  return ok({ trader, views });
}

/** A page of the rows the lists hold (each in key order), those `accept` takes; copied, as the views go on changing. */
function page<T extends object>(lists: readonly (readonly T[])[], keyOf: (item: T) => string, accept: (item: T) => boolean, query: PageQuery & { order: 'oldest' | 'newest' }): Json {
  const page = pageOfLists(lists, keyOf, accept, query);
  if (!page.ok) return err([page.error]);
  return ok({ kind: 'json', body: { items: page.value.items.map((item) => ({ ...item })), next_cursor: page.value.next_cursor } });
}

export const ownMarketRoutes: readonly AnyRoute[] = [
  defineRoute({
    method: 'GET', path: '/market/my/orders', operationId: 'listMyOrders', tags: ['market'], roles: TRADER_ROLES,
    summary: 'The caller\u2019s own book orders (and its mandated clients\u2019): fills, what is left, status; in journal order or newest first, paged',
    query: pageQuerySchema.extend({
      instrument: Instrument.optional(),
      order: pageOrderSchema,
      status: z.enum(['open', 'done']).optional().describe('open: still on the book; done: filled, cancelled, expired, …'),
    }),
    response: { contentType: 'application/json', schema: pageSchema(ownOrderSchema) },
    handler: async ({ query }, { services, caller }) => {
      const data = await traderAndViews(services, caller);
      if (!data.ok) return data;
      return page(data.value.views.orderLists(data.value.trader), seqOrderKey, (o) =>
        (query.instrument === undefined || o.instrument === query.instrument) && (query.status === undefined || (o.status === 'open') === (query.status === 'open')), query);
    },
  }),
  defineRoute({
    method: 'GET', path: '/market/my/trades', operationId: 'listMyTrades', tags: ['market'], roles: TRADER_ROLES,
    summary: 'The caller\u2019s own trades (and its mandated clients\u2019), every venue: side, price, quantity, fee; in journal order or newest first, paged',
    query: pageQuerySchema.extend({ instrument: Instrument.optional(), order: pageOrderSchema }),
    response: { contentType: 'application/json', schema: pageSchema(ownTradeSchema) },
    handler: async ({ query }, { services, caller }) => {
      const data = await traderAndViews(services, caller);
      if (!data.ok) return data;
      return page(data.value.views.tradeLists(data.value.trader), ownTradeKey, (t) => query.instrument === undefined || t.instrument === query.instrument, query);
    },
  }),
];
