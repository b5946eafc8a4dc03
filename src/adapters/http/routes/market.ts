/**
 * Market reads (docs/market.md §6), each a thin wrapper over the core's market-data functions:
 * instruments, depth, the trade tape (cursor paging by seq), candles per minute, hour and day,
 * and indicators S21–S25 per city. Public, like an exchange's quotes: the tape shows the cities
 * of both sides (what S21–S25 are computed from) but not who traded.
 */
import { z } from 'zod';
import { type ExchangeState, type TapeEntry, candles, cityIndicators, depth, seqOrderKey } from '../../../core/market/index.js';
import { Instrument } from '../../../core/market/schemas.js';
import { type Result, err, ok } from '../../../core/result.js';
import type { ApiProblem } from '../errors.js';
import { pageOfLists, pageOrderSchema, pageQuerySchema, pageSchema } from '../paging.js';
import type { Role } from '../roles.js';
import { type AnyRoute, type Reply, defineRoute } from '../route.js';
import { NO_DATABASE, type Services } from '../services.js';
import { journalTail } from '../journal-tail.js';
import { candleSchema, cityFlowsSchema, depthSchema, instrumentSchema, tapeEntrySchema } from './market-schemas.js';

type Json = Result<Reply, ApiProblem[]>;
const json = (body: unknown): Json => ok({ kind: 'json', body });
const publicRoles: readonly Role[] = ['public'];
const NO_EXCHANGE: ApiProblem = { code: 'db_unavailable', message: 'this server\u2019s journal does not run the exchange' };

function withExchange<T>(services: Services, view: (state: ExchangeState) => T): Result<T, ApiProblem[]> {
  const journal = services.journal;
  if (journal === null) return err([NO_DATABASE]);
  const exchange = journal.exchange;
  if (exchange === undefined) return err([NO_EXCHANGE]);
  return ok(journal.store.read((state) => view(exchange(state))));
}

/** The tape of the whole journal (of one instrument, or all), from the market's views the journal tail keeps (journal-tail.ts). Not to be changed. */
async function tape(services: Services, instrument?: string): Promise<Result<readonly TapeEntry[], ApiProblem[]>> {
  const journal = services.journal;
  if (journal === null) return err([NO_DATABASE]);
  return ok((await journalTail(journal.store).market()).tape(instrument));
}

const unknownInstrument = (instrument: string): Json => err([{ code: 'not_found', field: 'instrument', message: `instrument ${instrument} is not listed` }]);
const instrumentQuery = z.strictObject({ instrument: Instrument });
const publicTape = ({ buyer: _b, seller: _s, ...rest }: TapeEntry) => rest;

export const marketRoutes: readonly AnyRoute[] = [
  defineRoute({
    method: 'GET', path: '/market/instruments', operationId: 'listInstruments', tags: ['market', 'public'], roles: publicRoles,
    summary: 'Listed instruments: terms, session state, reference, band and last close',
    response: { contentType: 'application/json', schema: z.object({ items: z.array(instrumentSchema) }) },
    handler: async (_input, { services }) => {
      const view = withExchange(services, (s) => [...s.market.instruments.values()].map((i) => ({
        ...i.config, calendar: [...i.config.calendar], halted: i.halted, open: i.open, session: i.session,
        referenceFen: i.referenceFen, lowerFen: i.lowerFen, upperFen: i.upperFen, closeFen: i.closeFen,
      })).sort((a, b) => (a.instrument < b.instrument ? -1 : 1)));
      return view.ok ? json({ items: view.value }) : view;
    },
  }),
  defineRoute({
    method: 'GET', path: '/market/depth', operationId: 'getDepth', tags: ['market', 'public'], roles: publicRoles,
    summary: 'Resting quantity per price level of one instrument\u2019s book, best first',
    query: z.strictObject({ instrument: Instrument, levels: z.coerce.number().int().min(1).max(50).default(5) }),
    response: { contentType: 'application/json', schema: depthSchema },
    handler: async ({ query }, { services }) => {
      const view = withExchange(services, (s) => depth(s, query.instrument, query.levels));
      if (!view.ok) return view;
      return view.value === null ? unknownInstrument(query.instrument) : json({ instrument: query.instrument, ...view.value });
    },
  }),
  defineRoute({
    method: 'GET', path: '/market/tape', operationId: 'listTrades', tags: ['market', 'public'], roles: publicRoles,
    summary: 'Trades in journal order or newest first (all instruments, or one), paged by cursor; without the parties',
    query: pageQuerySchema.extend({ instrument: Instrument.optional(), order: pageOrderSchema }),
    response: { contentType: 'application/json', schema: pageSchema(tapeEntrySchema) },
    handler: async ({ query }, { services }) => {
      const trades = await tape(services, query.instrument);
      if (!trades.ok) return trades;
      const page = pageOfLists([trades.value], seqOrderKey, () => true, query);
      return page.ok ? json({ items: page.value.items.map(publicTape), next_cursor: page.value.next_cursor }) : err([page.error]);
    },
  }),
  defineRoute({
    method: 'GET', path: '/market/candles', operationId: 'listCandles', tags: ['market', 'public'], roles: publicRoles,
    summary: 'OHLC candles of one instrument per minute, hour or day (Asia/Shanghai)',
    query: instrumentQuery.extend({ interval: z.enum(['minute', 'hour', 'day']).default('day') }),
    response: { contentType: 'application/json', schema: z.object({ instrument: z.string(), interval: z.string(), items: z.array(candleSchema) }) },
    handler: async ({ query }, { services }) => {
      const trades = await tape(services, query.instrument);
      if (!trades.ok) return trades;
      return json({ instrument: query.instrument, interval: query.interval, items: candles(trades.value, query.instrument, query.interval) });
    },
  }),
  defineRoute({
    method: 'GET', path: '/market/cities', operationId: 'listCityIndicators', tags: ['market', 'public'], roles: publicRoles,
    summary: 'Indicators S21\u2013S25 and exports and imports per city (region code\u2019s first four digits + "00")',
    response: { contentType: 'application/json', schema: z.object({ items: z.array(cityFlowsSchema) }) },
    handler: async (_input, { services }) => {
      const all = await tape(services);
      return all.ok ? json({ items: cityIndicators(all.value) }) : all;
    },
  }),
];
