/**
 * The operator's commands (market.md §6, §10): listing, halts, position limits, sessions;
 * and the client's `mandate.record` for intermediaries. At `session.open` the band moves to
 * the previous close and resting GTC orders outside it are cancelled; at `session.close` DAY
 * orders expire and the close is set (VWAP of the continuous trades half-up to the tick, else
 * the session's auction price, else the previous close).
 */
import type { EventDraft, Outcome } from '../journal/types.js';
import type { Participant } from '../registry/index.js';
import { instrumentOr } from './accounts.js';
import { SELL } from './book.js';
import { type MarketCtx, MarketRefusal, marketEvent } from './context.js';
import { doneEvent } from './orders.js';
import { DEFAULT_CALENDAR, bandOf, inCalendar, vwapOnTick } from './rules.js';
import type { MarketPayloadOf } from './schemas.js';

export function operatorRefusal(actor: Participant): MarketRefusal | null {
  return actor.kind === 'market-operator' ? null : new MarketRefusal('wrong_role', `market.md §10: only the market operator does this; ${actor.id} is a ${actor.kind}`);
}

export function decideList(ctx: MarketCtx<MarketPayloadOf<'instrument.list'>>): Outcome | MarketRefusal {
  const { state, payload: p, actor } = ctx;
  const refused = operatorRefusal(actor);
  if (refused !== null) return refused;
  if (state.market.instruments.has(p.instrument)) return new MarketRefusal('instrument_exists', `${p.instrument} is already listed`);
  if (p.referencePriceFen % p.tickFen !== 0) return new MarketRefusal('off_tick', `reference price ${p.referencePriceFen} fen is not on the tick ${p.tickFen} fen`);
  const band = bandOf(p.referencePriceFen, p.bandBp, p.tickFen);
  // The ladder holds one level per tick of the band: keep it to a size the book can hold.
  if ((band.upperFen - band.lowerFen) / p.tickFen > 2_000_000) return new MarketRefusal('invalid_payload', '$.payload.tickFen: the band spans more than 2,000,000 ticks');
  return {
    accepted: true,
    events: [marketEvent(ctx.command, 'instrument.listed', {
      ...p, calendar: p.calendar ?? DEFAULT_CALENDAR, positionLimitT: p.positionLimitT ?? null, operator: actor.id, lowerFen: band.lowerFen, upperFen: band.upperFen,
    })],
  };
}

export function decideHalt(ctx: MarketCtx<MarketPayloadOf<'instrument.halt'>>): Outcome | MarketRefusal {
  const refused = operatorRefusal(ctx.actor);
  if (refused !== null) return refused;
  const inst = instrumentOr(ctx.state, ctx.payload.instrument);
  if (inst instanceof MarketRefusal) return inst;
  return { accepted: true, events: [marketEvent(ctx.command, ctx.payload.halted ? 'instrument.halted' : 'instrument.resumed', { ...ctx.payload })] };
}

export function decidePositionLimit(ctx: MarketCtx<MarketPayloadOf<'position.limit'>>): Outcome | MarketRefusal {
  const refused = operatorRefusal(ctx.actor);
  if (refused !== null) return refused;
  const inst = instrumentOr(ctx.state, ctx.payload.instrument);
  if (inst instanceof MarketRefusal) return inst;
  if (!ctx.state.participants.has(ctx.payload.participantId)) return new MarketRefusal('unknown_participant', `${ctx.payload.participantId} is not a registered participant`);
  return { accepted: true, events: [marketEvent(ctx.command, 'position.limited', { ...ctx.payload })] };
}

export function decideMandate(ctx: MarketCtx<MarketPayloadOf<'mandate.record'>>): Outcome | MarketRefusal {
  const { state, payload: p, actor } = ctx;
  const intermediary = state.participants.get(p.intermediary);
  if (intermediary === undefined) return new MarketRefusal('unknown_participant', `intermediary ${p.intermediary} is not a registered participant`);
  if (intermediary.kind !== 'intermediary') return new MarketRefusal('wrong_role', `market.md §2: ${p.intermediary} is a ${intermediary.kind}, not an intermediary`);
  const has = state.market.mandates.get(actor.id)?.has(p.intermediary) === true;
  if (p.revoke && !has) return new MarketRefusal('no_mandate', `${actor.id} gave no mandate to ${p.intermediary}`);
  return { accepted: true, events: [marketEvent(ctx.command, p.revoke ? 'mandate.revoked' : 'mandate.recorded', { client: actor.id, ...p })] };
}

export function decideSessionOpen(ctx: MarketCtx<MarketPayloadOf<'session.open'>>): Outcome | MarketRefusal {
  const refused = operatorRefusal(ctx.actor);
  if (refused !== null) return refused;
  const inst = instrumentOr(ctx.state, ctx.payload.instrument);
  if (inst instanceof MarketRefusal) return inst;
  if (inst.open) return new MarketRefusal('session_open', `the session of ${inst.config.instrument} is already open`);
  if (!inCalendar(inst.config.calendar, ctx.command.at)) return new MarketRefusal('outside_calendar', `market.md §6: ${ctx.command.at} is outside the session calendar of ${inst.config.instrument}`);
  const band = bandOf(inst.closeFen, inst.config.bandBp, inst.config.tickFen);
  const events: EventDraft[] = [];
  for (const side of [0, SELL] as const) {
    for (const h of inst.book.handles(side)) {
      const o = inst.book.meta[h]!;
      if (o.limitFen < band.lowerFen || o.limitFen > band.upperFen) events.push(doneEvent(ctx.command, o.id, o.key, o.owner, 'outside_band', o.reservedFen, o.side === SELL ? o.remainingT : 0));
    }
  }
  events.push(marketEvent(ctx.command, 'session.opened', { instrument: inst.config.instrument, session: inst.session + 1, referenceFen: inst.closeFen, ...band }));
  return { accepted: true, events };
}

export function decideSessionClose(ctx: MarketCtx<MarketPayloadOf<'session.close'>>): Outcome | MarketRefusal {
  const refused = operatorRefusal(ctx.actor);
  if (refused !== null) return refused;
  const inst = instrumentOr(ctx.state, ctx.payload.instrument);
  if (inst instanceof MarketRefusal) return inst;
  if (!inst.open) return new MarketRefusal('market_closed', `the session of ${inst.config.instrument} is not open`);
  const events: EventDraft[] = [];
  for (const side of [0, SELL] as const) {
    for (const h of inst.book.handles(side)) {
      const o = inst.book.meta[h]!;
      if (o.tif === 'DAY') events.push(doneEvent(ctx.command, o.id, o.key, o.owner, 'expired', o.reservedFen, o.side === SELL ? o.remainingT : 0));
    }
  }
  let closeFen = inst.closeFen;
  let source = 'previous-close';
  if (inst.sessionQuantityT > 0) {
    closeFen = vwapOnTick(inst.sessionNotionalFen, inst.sessionQuantityT, inst.config.tickFen);
    source = 'vwap';
  } else if (inst.sessionAuctionFen !== null) {
    closeFen = inst.sessionAuctionFen;
    source = 'auction';
  }
  events.push(marketEvent(ctx.command, 'session.closed', {
    instrument: inst.config.instrument, session: inst.session, closeFen, closeSource: source,
    volumeT: inst.sessionQuantityT, notionalFen: inst.sessionNotionalFen,
  }));
  return { accepted: true, events };
}
