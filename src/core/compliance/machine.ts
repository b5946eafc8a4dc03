/**
 * The compliance regimes as a `Machine` wrapping the exchange's (which wraps the
 * registry's): one journal drives all three. Compliance commands are decided here; every
 * other command goes to the exchange, after one guard of seed 002: a key emitter of the
 * national market may not trade a provincial allowance instrument. Apply lets the exchange
 * fold every event (postings and blocks included), then keeps the compliance book.
 */
import type { CommandEnvelope, Machine, Outcome } from '../journal/types.js';
import type { Json } from '../journal/image.js';
import { createExchangeMachine, decideExchange, initialExchangeState, stateFromImage, stateImage } from '../market/index.js';
import { type RegistryOptions, describeIssue } from '../registry/index.js';
import { applyAllocation, decideAllocation } from './allocation.js';
import { applyClearing, decideClearing, recordTradeForClearing, reverseTradeForClearing } from './clearing.js';
import { applyClosed, applyPenaltyPaid, decideClose, decidePenaltyPay } from './close.js';
import { ComplianceRefusal } from './codes.js';
import { type ComplianceCtx, rejectionOf } from './context.js';
import { applyReported, applyVerified, decideReport, decideVerify } from './emissions.js';
import { applyConfigured, applyEmitterRegistered, applyPeriodOpened, decideConfigure, decideEmitterRegister, decidePeriodOpen } from './jurisdictions.js';
import { applyObligationOpened, applyObligationSettled, decideObligationOpen, decideObligationSettle } from './overdraft.js';
import { recordTradeMonth } from './prices.js';
import { COMPLIANCE_SCHEMAS, type ComplianceCommandType } from './schemas.js';
import { applySurrendered, decideSurrender } from './surrender.js';
import type { ComplianceBook, ComplianceState } from './types.js';

type Deciders = { readonly [T in ComplianceCommandType]: (ctx: ComplianceCtx<never>) => Outcome | ComplianceRefusal };

const DECIDERS: Deciders = {
  'jurisdiction.configure': decideConfigure,
  'period.open': decidePeriodOpen,
  'emitter.register': decideEmitterRegister,
  'emissions.report': decideReport,
  'emissions.verify': decideVerify,
  'allocation.grant': decideAllocation,
  'compliance.surrender': decideSurrender,
  'compliance.close': decideClose,
  'penalty.pay': decidePenaltyPay,
  'obligation.open': decideObligationOpen,
  'obligation.settle': decideObligationSettle,
  'compensation.settle': decideClearing,
};

type E = Record<string, unknown>;
const APPLIERS: Readonly<Record<string, (state: ComplianceState, e: E) => void>> = {
  'jurisdiction.configured': applyConfigured,
  'period.opened': applyPeriodOpened,
  'emitter.registered': applyEmitterRegistered,
  'emissions.reported': applyReported,
  'emissions.verified': (s, e) => applyVerified(s, e, false),
  'emissions.verification_failed': (s, e) => applyVerified(s, e, true),
  'allocation.granted': applyAllocation,
  'compliance.surrendered': applySurrendered,
  'compliance.closed': applyClosed,
  'penalty.paid': applyPenaltyPaid,
  'obligation.opened': applyObligationOpened,
  'obligation.settled': applyObligationSettled,
  'compensation.settled': applyClearing,
  trade: (s, e) => {
    recordTradeMonth(s, e['instrument'] as string, e['at'] as string, e['priceFen'] as number, e['quantityT'] as number);
    recordTradeForClearing(s, e);
  },
};

/** A busted trade leaves the monthly prices, the buyer's cost basis and the cities' flows. */
function reverseTrade(state: ComplianceState, e: E): void {
  recordTradeMonth(state, e['instrument'] as string, e['at'] as string, e['priceFen'] as number, -(e['quantityT'] as number));
  reverseTradeForClearing(state, e);
}

export function initialComplianceBook(): ComplianceBook {
  return {
    jurisdictions: new Map(), periods: new Map(), emitters: new Map(), reports: new Map(), coverage: new Map(), obligations: new Map(),
    penalties: new Map(), monthly: new Map(), acquisitions: new Map(), clearedCertificates: new Set(), cityFlows: new Map(), clearings: new Map(),
    allocations: new Map(),
  };
}

export function initialComplianceState(options: Partial<RegistryOptions> = {}): ComplianceState {
  return Object.assign(initialExchangeState(options), { compliance: initialComplianceBook() });
}

export function isComplianceCommand(type: string): type is ComplianceCommandType {
  return Object.hasOwn(COMPLIANCE_SCHEMAS, type);
}

/** Decides one command of any of the three machines; never mutates `state`. */
export function decideCompliance(state: ComplianceState, command: CommandEnvelope): Outcome {
  if (!isComplianceCommand(command.type)) {
    const guarded = keyEmitterGuard(state, command);
    return guarded === null ? decideExchange(state, command) : rejectionOf(command, guarded.code, guarded.message);
  }
  const parsed = COMPLIANCE_SCHEMAS[command.type].safeParse(command.payload);
  if (!parsed.success) return rejectionOf(command, 'invalid_payload', describeIssue(parsed.error));
  const actor = state.participants.get(command.actor);
  if (actor === undefined) return rejectionOf(command, 'unknown_participant', `actor ${command.actor} is not a registered participant (market.md §2)`);
  const decide = DECIDERS[command.type] as (ctx: ComplianceCtx<unknown>) => Outcome | ComplianceRefusal;
  const result = decide({ state, command, payload: parsed.data, actor });
  return result instanceof ComplianceRefusal ? rejectionOf(command, result.code, result.message) : result;
}

/** Seed 002: key emitters belong to the national market and are refused in a provincial allowance market. */
function keyEmitterGuard(state: ComplianceState, command: CommandEnvelope): ComplianceRefusal | null {
  const p = command.payload as E | null;
  if (p === null || typeof p !== 'object') return null;
  let instrument: unknown;
  const parties = [typeof p['onBehalfOf'] === 'string' ? p['onBehalfOf'] : command.actor];
  if (command.type === 'order.place') instrument = p['instrument'];
  else if (command.type === 'block.propose') {
    instrument = p['instrument'];
    if (typeof p['counterparty'] === 'string') parties.push(p['counterparty']);
  } else if (command.type === 'auction.bid' && typeof p['auctionId'] === 'string') instrument = state.market.auctions.get(p['auctionId'])?.instrument;
  if (typeof instrument !== 'string' || !instrument.startsWith('CEA/')) return null;
  const jurisdiction = instrument.split('/')[1]!;
  for (const id of parties) {
    const emitter = state.compliance.emitters.get(id as string);
    if (emitter !== undefined && emitter.jurisdiction === jurisdiction && emitter.classification === 'key') {
      return new ComplianceRefusal('key_emitter', `seed 002: ${id as string} is a key emitter of the national market and may not trade ${instrument}`);
    }
  }
  return null;
}

/** Registry, exchange and compliance regimes as one machine. */
export function createComplianceMachine(options: Partial<RegistryOptions> = {}): Machine<ComplianceState> {
  const exchange = createExchangeMachine(options);
  return {
    initial: () => initialComplianceState(options),
    decide: decideCompliance,
    apply(state, command, outcome, firstSeq) {
      // A bust's original trade leaves the exchange's state when applied: read it first (only
      // `trade.bust` busts, so every other command, orders included, skips this).
      const busted = outcome.accepted && command.type === 'trade.bust'
        ? outcome.events.filter((e) => e.type === 'trade.busted').map((e) => state.market.trades.get((e.payload as E)['tradeSeq'] as number))
        : null;
      exchange.apply(state, command, outcome, firstSeq);
      if (!outcome.accepted) return state;
      for (const event of outcome.events) APPLIERS[event.type]?.(state, event.payload as E);
      if (busted !== null) for (const trade of busted) if (trade !== undefined) reverseTrade(state, trade);
      return state;
    },
    snapshot: (state) => stateImage(state),
    restore: (image) => stateFromImage<ComplianceState>(image as Json),
  };
}
