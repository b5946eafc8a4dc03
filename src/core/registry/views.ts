/**
 * Read models (market.md §4, §7, §10): the history of a serial from the event log, the
 * public registry view (no login), certificate and serial checks, and a member's statement.
 */
import type { EventRecord } from '../journal/types.js';
import { ACCOUNTS, ownerOf } from '../ledger/accounts.js';
import { countedParcels, exAnteEstimate } from './estimate.js';
import { parseSerial } from './serials.js';
import type { Certificate, RegistryState } from './types.js';

export interface SerialHistoryEntry {
  readonly seq: number;
  readonly type: string;
  readonly at: string;
  readonly actor: string;
  /** The part of the queried range this event moved. */
  readonly start: number;
  readonly end: number;
  readonly from: string;
  readonly to: string;
  /** Certificate, pledge, reason and the like, copied from the event. */
  readonly details: Readonly<Record<string, unknown>>;
}

const DETAIL_FIELDS = ['certificateId', 'beneficiary', 'purpose', 'pledgeId', 'bank', 'loanReference', 'reason', 'periodId', 'reference'];

/** Every event that moved any unit of the serial range, in log order. */
export function serialHistory(records: Iterable<EventRecord>, serial: string): SerialHistoryEntry[] | null {
  const range = parseSerial(serial);
  if (range === null) return null;
  const out: SerialHistoryEntry[] = [];
  for (const record of records) {
    const blocks = record.payload['blocks'] as { projectId: string; start: number; end: number; from: string; to: string }[] | undefined;
    if (blocks === undefined) continue;
    for (const b of blocks) {
      if (b.projectId !== range.projectId || b.end < range.start || range.end < b.start) continue;
      const details: Record<string, unknown> = {};
      for (const f of DETAIL_FIELDS) if (record.payload[f] !== undefined) details[f] = record.payload[f];
      out.push({
        seq: record.seq, type: record.type, at: record.payload['at'] as string, actor: record.payload['actor'] as string,
        start: Math.max(b.start, range.start), end: Math.min(b.end, range.end), from: b.from, to: b.to, details,
      });
    }
  }
  return out;
}

export type UnitStatus = 'held' | 'buffer' | 'pledged' | 'retired' | 'cancelled';

export interface SerialCheck {
  readonly start: number;
  readonly end: number;
  readonly status: UnitStatus;
  readonly holder: string | null;
  readonly certificateId: string | null;
}

/** Where each part of a serial range is now (public certificate check by serial). */
export function checkSerial(state: RegistryState, serial: string): SerialCheck[] | null {
  const range = parseSerial(serial);
  if (range === null || !state.projects.has(range.projectId)) return null;
  const out: SerialCheck[] = [];
  for (let s = range.start; s <= range.end; ) {
    const block = state.blocks.find(range.projectId, s);
    if (block === null) return null;
    const end = Math.min(range.end, block.end);
    const a = block.account;
    const status: UnitStatus = a === ACCOUNTS.buffer ? 'buffer' : a === ACCOUNTS.cancelled ? 'cancelled' : a.startsWith('R:') ? 'retired' : a.includes(':pledged:') ? 'pledged' : 'held';
    const certificate = status === 'retired' ? certificateOf(state, range.projectId, s) : null;
    out.push({ start: s, end, status, holder: ownerOf(a), certificateId: certificate?.certificateId ?? null });
    s = end + 1;
  }
  return out;
}

function certificateOf(state: RegistryState, projectId: string, serial: number): Certificate | null {
  for (const c of state.certificates.values()) {
    for (const text of c.serials) {
      const r = parseSerial(text);
      if (r !== null && r.projectId === projectId && r.start <= serial && serial <= r.end) return c;
    }
  }
  return null;
}

/** The public registry view: projects with their issuances, and every retirement. */
export function publicRegistryView(state: RegistryState) {
  const projects = [...state.projects.values()].map((p) => ({
    projectId: p.id, name: p.name, type: p.type, subtype: p.subtype, regionCode: p.regionCode, status: p.status,
    methodology: p.methodology, creditingPeriod: p.creditingPeriod, proponents: p.proponents, aggregator: p.aggregator,
    // The version of the benefit-sharing contract in force, not its terms (they name the members).
    contractVersion: p.contracts.at(-1)?.version ?? null,
    parcels: p.parcels.length, areaM2: p.parcels.reduce((sum, x) => sum + x.areaM2, 0),
    estimate: exAnteEstimate(countedParcels(p), p.creditingPeriod),
    issuedT: p.issuedT, carryKg: p.carryKg, uncoveredReversalT: p.uncoveredReversalT,
    periods: [...p.periods.values()].map((x) => ({ periodId: x.periodId, from: x.from, to: x.to, vintage: x.vintage, status: x.status, reportedKgCO2e: x.reportedKg, verifiedKgCO2e: x.verifiedKg })),
    issuances: p.issuances,
    steps: p.steps,
  }));
  return { registryCode: state.options.registryCode, projects, retirements: [...state.certificates.values()] };
}

export function certificateById(state: RegistryState, certificateId: string): Certificate | null {
  return state.certificates.get(certificateId) ?? null;
}

export interface MemberStatementView {
  readonly projectId: string;
  readonly memberId: string;
  readonly attributedT: number;
  readonly salesFen: number;
  readonly deductionsFen: number;
  readonly payableFen: number;
  readonly paidFen: number;
  readonly outstandingFen: number;
}

/** A member's statement (market.md §7): tonnes attributed, sales, deductions, paid, outstanding. */
export function memberStatement(state: RegistryState, projectId: string, memberId: string): MemberStatementView {
  const s = state.statements.get(projectId)?.get(memberId) ?? { attributedT: 0, salesFen: 0, deductionsFen: 0, payableFen: 0, paidFen: 0 };
  return { projectId, memberId, ...s, outstandingFen: s.payableFen - s.paidFen };
}

/**
 * Every member's statement in a project, by member id: the members of the contract in force and
 * anyone a statement names (a member of an earlier version), for the proponent paying them.
 */
export function projectStatements(state: RegistryState, projectId: string): MemberStatementView[] {
  const project = state.projects.get(projectId);
  const ids = new Set<string>(project?.contracts.at(-1)?.members.map((m) => m.memberId) ?? []);
  for (const memberId of state.statements.get(projectId)?.keys() ?? []) ids.add(memberId);
  return [...ids].sort().map((memberId) => memberStatement(state, projectId, memberId));
}
