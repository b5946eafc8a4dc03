/**
 * Jurisdictions, their compliance periods and the enterprise database (market.md §5).
 * A cap-and-trade jurisdiction gets a registry record (type `allowance`, subtype = the
 * jurisdiction) whose serial blocks are its allowances, so allowances move, trade, reserve
 * and surrender through the same block book as sink credits.
 */
import type { Outcome } from '../journal/types.js';
import { ALLOWANCE_TYPE, type Project, accepted, eventOf, isRealDay } from '../registry/index.js';
import { ComplianceRefusal } from './codes.js';
import { type ComplianceCtx, authorityJurisdictionOr } from './context.js';
import type { CompliancePayloadOf } from './schemas.js';
import { type ComplianceState, type Jurisdiction, type Period, type Regime, periodKey, regionCovers } from './types.js';

const GOVERNMENTS = new Set(['provincial-government', 'city-government']);

export function allowanceProjectId(jurisdiction: string): string {
  return `CEA${jurisdiction}`;
}

export function decideConfigure(ctx: ComplianceCtx<CompliancePayloadOf<'jurisdiction.configure'>>): Outcome | ComplianceRefusal {
  const { state, payload: p, actor } = ctx;
  const authority = state.participants.get(p.authority);
  if (authority === undefined) return new ComplianceRefusal('unknown_participant', `authority ${p.authority} is not a registered participant (market.md §2)`);
  if (!GOVERNMENTS.has(authority.kind)) return new ComplianceRefusal('wrong_role', `market.md §5: the authority of a jurisdiction is a provincial or city government; ${authority.id} is a ${authority.kind}`);
  if (actor.kind !== 'registry-administrator' && actor.id !== authority.id) {
    return new ComplianceRefusal('wrong_role', 'market.md §5: the registry administrator or the authority itself configures a jurisdiction');
  }
  if (state.compliance.jurisdictions.has(p.jurisdiction)) return new ComplianceRefusal('jurisdiction_exists', `jurisdiction ${p.jurisdiction} is configured already`);
  const capAndTrade = p.regime === 'cap-and-trade';
  if (capAndTrade && p.overdraft !== undefined) return new ComplianceRefusal('wrong_regime', 'market.md §5: the carbon-credit overdraft belongs to the neutrality regime, not to cap-and-trade');
  const projectId = capAndTrade ? allowanceProjectId(p.jurisdiction) : null;
  if (projectId !== null && state.projects.has(projectId)) return new ComplianceRefusal('project_exists', `registry record ${projectId} exists already: choose another jurisdiction id`);
  const body: Record<string, unknown> = {
    jurisdiction: p.jurisdiction, name: p.name, regime: p.regime, authority: p.authority, regions: p.regions,
    keyEmitterThresholdT: p.keyEmitterThresholdT, penaltyMultiple: p.penaltyMultiple, referencePriceFen: p.referencePriceFen,
    overdraft: p.overdraft ?? null, allowanceProjectId: projectId,
  };
  return accepted(eventOf(ctx.command, 'jurisdiction.configured', body));
}

export function applyConfigured(state: ComplianceState, e: Record<string, unknown>): void {
  const j: Jurisdiction = {
    id: e['jurisdiction'] as string, name: e['name'] as string, regime: e['regime'] as Regime, authority: e['authority'] as string,
    regions: e['regions'] as string[], keyEmitterThresholdT: e['keyEmitterThresholdT'] as number, penaltyMultiple: e['penaltyMultiple'] as number,
    referencePriceFen: e['referencePriceFen'] as number, overdraft: e['overdraft'] as Jurisdiction['overdraft'],
    allowanceProjectId: e['allowanceProjectId'] as string | null,
  };
  state.compliance.jurisdictions.set(j.id, j);
  if (j.allowanceProjectId !== null) state.projects.set(j.allowanceProjectId, allowanceRecord(j, e['at'] as string));
}

function allowanceRecord(j: Jurisdiction, at: string): Project {
  return {
    id: j.allowanceProjectId!, name: `Allowances of ${j.name}`, type: ALLOWANCE_TYPE, subtype: j.id, regionCode: j.regions[0]!,
    methodology: 'market.md §5 cap-and-trade allocation', creditingPeriod: { start: at.slice(0, 10), end: '9999-12-31' },
    proponents: [{ participantId: j.authority, shareBp: 10_000 }], aggregator: null, parcels: [], financiers: [], status: 'registered',
    statusBeforeSuspension: null, steps: [{ step: 'configured', actor: j.authority, at, documents: [] }], periods: new Map(), carryKg: 0,
    issuedT: 0, uncoveredReversalT: 0, contracts: [], signatures: new Map(), issuances: [], attributedT: new Map(),
  };
}

export function decidePeriodOpen(ctx: ComplianceCtx<CompliancePayloadOf<'period.open'>>): Outcome | ComplianceRefusal {
  const { state, payload: p, actor } = ctx;
  const j = authorityJurisdictionOr(state, p.jurisdiction, actor);
  if (j instanceof ComplianceRefusal) return j;
  if (state.compliance.periods.has(periodKey(j.id, p.periodId))) return new ComplianceRefusal('period_exists', `period ${p.periodId} of ${j.id} is open already`);
  if (!isRealDay(p.deadline)) return new ComplianceRefusal('invalid_payload', `$.payload.deadline: ${p.deadline} is not a calendar day`);
  const o = p.offsets;
  if (o.vintageFrom !== undefined && o.vintageTo !== undefined && o.vintageFrom > o.vintageTo) {
    return new ComplianceRefusal('invalid_payload', `$.payload.offsets.vintageTo: ${o.vintageTo} is before vintageFrom ${o.vintageFrom}`);
  }
  const offsets = { capBp: o.capBp, types: o.types, vintageFrom: o.vintageFrom ?? null, vintageTo: o.vintageTo ?? null, origins: o.origins };
  return accepted(eventOf(ctx.command, 'period.opened', { jurisdiction: j.id, periodId: p.periodId, year: p.year, deadline: p.deadline, offsets }));
}

export function applyPeriodOpened(state: ComplianceState, e: Record<string, unknown>): void {
  const period: Period = {
    jurisdiction: e['jurisdiction'] as string, periodId: e['periodId'] as string, year: e['year'] as number, deadline: e['deadline'] as string,
    offsets: e['offsets'] as Period['offsets'], closed: false, penaltyPriceFen: null, penaltyPriceSource: null,
  };
  state.compliance.periods.set(periodKey(period.jurisdiction, period.periodId), period);
}

/** Seed 002: at or above the threshold an emitter belongs to the national market. */
export function classify(j: Jurisdiction, annualEmissionsT: number): 'key' | 'non-key' {
  return annualEmissionsT >= j.keyEmitterThresholdT ? 'key' : 'non-key';
}

export function decideEmitterRegister(ctx: ComplianceCtx<CompliancePayloadOf<'emitter.register'>>): Outcome | ComplianceRefusal {
  const { state, payload: p, actor } = ctx;
  const j = authorityJurisdictionOr(state, p.jurisdiction, actor);
  if (j instanceof ComplianceRefusal) return j;
  const participant = state.participants.get(p.participantId);
  if (participant === undefined) return new ComplianceRefusal('unknown_participant', `${p.participantId} is not a registered participant (market.md §2)`);
  if (participant.kind !== 'emitter-enterprise') return new ComplianceRefusal('wrong_role', `market.md §5: the enterprise database lists emitter enterprises; ${participant.id} is a ${participant.kind}`);
  if (!j.regions.some((r) => regionCovers(r, participant.regionCode))) {
    return new ComplianceRefusal('outside_jurisdiction', `${participant.id} (region ${participant.regionCode}) is outside ${j.id} (${j.regions.join(', ')})`);
  }
  const existing = state.compliance.emitters.get(participant.id);
  if (existing !== undefined) return new ComplianceRefusal('emitter_exists', `${participant.id} is in the enterprise database of ${existing.jurisdiction} already`);
  return accepted(eventOf(ctx.command, 'emitter.registered', {
    jurisdiction: j.id, participantId: participant.id, sector: p.sector, annualEmissionsT: p.annualEmissionsT, classification: classify(j, p.annualEmissionsT),
  }));
}

export function applyEmitterRegistered(state: ComplianceState, e: Record<string, unknown>): void {
  state.compliance.emitters.set(e['participantId'] as string, {
    participantId: e['participantId'] as string, jurisdiction: e['jurisdiction'] as string, sector: e['sector'] as string,
    classification: e['classification'] as 'key' | 'non-key', annualEmissionsT: e['annualEmissionsT'] as number, pendingDeductionT: 0,
  });
}
