/**
 * The province as clearing house of horizontal compensation (seed 001, market.md §8, §10).
 * `compensation.settle` carries a balanced compensation result of the accounting engine
 * (with its hash, so the journal stays self-contained). Amounts in 10^4 yuan become fen
 * (half-up). A payer may settle part by sink credits it bought and retired (purpose
 * `cross-city`) that originate in receiving cities, counted at what it paid for those serials
 * and capped at its amount; the rest it pays in cash into the pool, and the pool pays the
 * receivers in proportion to their amounts by largest remainder (ties by region code), so
 * it pays out exactly what it took in. All or nothing: any failing payer refuses the whole.
 */
import type { Outcome, Posting } from '../journal/types.js';
import { ACCOUNTS, CASH_ASSET, splitLargestRemainder } from '../ledger/index.js';
import { cityOf } from '../market/index.js';
import { accepted, eventOf, parseSerial, type Participant } from '../registry/index.js';
import { ComplianceRefusal } from './codes.js';
import type { ComplianceCtx } from './context.js';
import type { CompliancePayloadOf } from './schemas.js';
import type { Acquisition, ClearingLine, ComplianceState } from './types.js';

type Payload = CompliancePayloadOf<'compensation.settle'>;

export function poolAccount(year: number): string {
  return `R:compensation:${year}`;
}

/** 10^4 yuan → fen, half-up (1 × 10^4 yuan = 1,000,000 fen). */
export function tenThousandYuanToFen(amount: number): number {
  return Math.floor(Math.abs(amount) * 1_000_000 + 0.5);
}

export function decideClearing(ctx: ComplianceCtx<Payload>): Outcome | ComplianceRefusal {
  const { state, payload: p, actor } = ctx;
  if (actor.kind !== 'provincial-government') return new ComplianceRefusal('wrong_role', `market.md §8: the province clears compensation; ${actor.id} is a ${actor.kind}`);
  if (state.compliance.clearings.has(p.year)) return new ComplianceRefusal('already_cleared', `compensation for ${p.year} was cleared already`);
  const shape = shapeRefusal(p);
  if (shape !== null) return shape;
  const accounts = new Map<string, Participant>();
  for (const r of p.regions) {
    if (r.role === 'balance') continue;
    const found = [...state.participants.values()].filter((x) => x.kind === 'city-government' && x.regionCode === r.regionCode);
    if (found.length !== 1) {
      return new ComplianceRefusal('region_not_registered', `market.md §8: region ${r.regionCode} needs exactly one registered city government to ${r.role === 'pay' ? 'pay' : 'be paid'}; found ${found.length}`);
    }
    accounts.set(r.regionCode, found[0]!);
  }
  const receivers = p.regions.filter((r) => r.role === 'receive');
  const receiverCities = new Set(receivers.map((r) => cityOf(r.regionCode)));
  const lines: ClearingLine[] = [];
  const postings: Posting[] = [];
  const pool = poolAccount(p.year);
  let poolInFen = 0;
  const used = new Set<string>();
  for (const r of p.regions.filter((x) => x.role === 'pay')) {
    const payer = accounts.get(r.regionCode)!;
    const amountFen = tenThousandYuanToFen(r.amount10kYuan);
    const certificates = p.creditRoutes.filter((c) => c.regionCode === r.regionCode).flatMap((c) => c.certificateIds);
    let costFen = 0;
    for (const id of certificates) {
      const cost = certificateCost(state, id, payer.id, receiverCities, used);
      if (cost instanceof ComplianceRefusal) return cost;
      costFen += cost;
      used.add(id);
    }
    const creditRouteFen = Math.min(costFen, amountFen);
    const cashFen = amountFen - creditRouteFen;
    const freeFen = state.balances.balance(ACCOUNTS.cash(payer.id), CASH_ASSET);
    if (cashFen > freeFen) return new ComplianceRefusal('insufficient_funds', `market.md §10: ${payer.id} (region ${r.regionCode}) owes ${cashFen} fen in cash and has ${freeFen} fen free; nothing is settled`);
    if (cashFen > 0) postings.push({ amount: cashFen, asset: CASH_ASSET, code: 'compensation', credit: pool, debit: ACCOUNTS.cash(payer.id) });
    poolInFen += cashFen;
    lines.push({ regionCode: r.regionCode, participantId: payer.id, role: 'pay', amountFen, creditRouteFen, certificates, cashFen });
  }
  const weights = receivers.map((r) => tenThousandYuanToFen(r.amount10kYuan));
  const keys = receivers.map((r) => r.regionCode);
  const split = splitLargestRemainder(poolInFen, weights, keys);
  if (!split.ok) return new ComplianceRefusal('result_not_balanced', `market.md §8: the pool of ${poolInFen} fen has no receiver to go to (${split.error.message})`);
  for (const [i, r] of receivers.entries()) {
    const participant = accounts.get(r.regionCode)!;
    const cashFen = split.value[i]!;
    if (cashFen > 0) postings.push({ amount: cashFen, asset: CASH_ASSET, code: 'compensation', credit: ACCOUNTS.cash(participant.id), debit: pool });
    lines.push({ regionCode: r.regionCode, participantId: participant.id, role: 'receive', amountFen: weights[i]!, creditRouteFen: 0, certificates: [], cashFen });
  }
  return accepted(eventOf(ctx.command, 'compensation.settled', {
    year: p.year, resultHash: p.resultHash, poolInFen, poolOutFen: poolInFen, lines, postings,
  }));
}

/** Only a balanced result with a consistent sign pattern and no region twice is cleared. */
function shapeRefusal(p: Payload): ComplianceRefusal | null {
  if (!p.balanced) return new ComplianceRefusal('result_not_balanced', 'market.md §10: only a `balanced` compensation result (receivers scaled to what payers pay) is cleared');
  const seen = new Set<string>();
  let paysFen = 0;
  let receivesFen = 0;
  for (const [i, r] of p.regions.entries()) {
    if (seen.has(r.regionCode)) return new ComplianceRefusal('invalid_payload', `$.payload.regions[${i}].regionCode: ${r.regionCode} appears twice`);
    seen.add(r.regionCode);
    const sign = r.role === 'pay' ? r.amount10kYuan > 0 : r.role === 'receive' ? r.amount10kYuan < 0 : r.amount10kYuan === 0;
    if (!sign) return new ComplianceRefusal('invalid_payload', `$.payload.regions[${i}].amount10kYuan: role ${r.role} needs an amount ${r.role === 'pay' ? '> 0' : r.role === 'receive' ? '< 0' : 'of 0'}`);
    if (r.role === 'pay') paysFen += tenThousandYuanToFen(r.amount10kYuan);
    if (r.role === 'receive') receivesFen += tenThousandYuanToFen(r.amount10kYuan);
  }
  // Each amount rounds on its own, so a balanced result may differ by up to a fen a region.
  if (Math.abs(paysFen - receivesFen) > p.regions.length) {
    return new ComplianceRefusal('result_not_balanced', `market.md §8: payers pay ${paysFen} fen but receivers are owed ${receivesFen} fen`);
  }
  const payers = new Set(p.regions.filter((r) => r.role === 'pay').map((r) => r.regionCode));
  for (const [i, c] of p.creditRoutes.entries()) {
    if (!payers.has(c.regionCode)) return new ComplianceRefusal('invalid_payload', `$.payload.creditRoutes[${i}].regionCode: ${c.regionCode} is not a payer`);
  }
  return null;
}

/** What `payer` paid, in trades, for the serials of a cross-city retirement from receiving cities. */
function certificateCost(state: ComplianceState, id: string, payer: string, receiverCities: ReadonlySet<string>, used: ReadonlySet<string>): number | ComplianceRefusal {
  const c = state.certificates.get(id);
  const bad = (why: string) => new ComplianceRefusal('bad_certificate', `market.md §8: certificate ${id} ${why}`);
  if (c === undefined) return bad('does not exist');
  if (c.holder !== payer) return bad(`was retired by ${c.holder}, not by the payer ${payer}`);
  if (c.purpose !== 'cross-city') return bad(`was retired for ${c.purpose}, not cross-city`);
  if (used.has(id) || state.compliance.clearedCertificates.has(id)) return bad('counted in a clearing already');
  let costFen = 0;
  const bought = state.compliance.acquisitions.get(payer) ?? [];
  for (const serial of c.serials) {
    const range = parseSerial(serial)!;
    const project = state.projects.get(range.projectId)!;
    if (!receiverCities.has(cityOf(project.regionCode))) return bad(`holds units from ${project.regionCode}, which is not a receiving city`);
    costFen += overlapCost(bought, range.projectId, range.vintage, range.start, range.end);
  }
  return costFen;
}

function overlapCost(bought: readonly Acquisition[], projectId: string, vintage: number, start: number, end: number): number {
  let fen = 0;
  for (const a of bought) {
    if (a.projectId !== projectId || a.vintage !== vintage) continue;
    const lo = Math.max(start, a.start);
    const hi = Math.min(end, a.end);
    if (lo <= hi) fen += (hi - lo + 1) * a.priceFen;
  }
  return fen;
}

export function applyClearing(state: ComplianceState, e: Record<string, unknown>): void {
  const lines = e['lines'] as ClearingLine[];
  for (const l of lines) for (const id of l.certificates) state.compliance.clearedCertificates.add(id);
  state.compliance.clearings.set(e['year'] as number, {
    year: e['year'] as number, resultHash: e['resultHash'] as string, poolInFen: e['poolInFen'] as number, poolOutFen: e['poolOutFen'] as number, lines,
  });
}

/** A trade's blocks bought, at its price (the credit route's cost basis), and the cities' flows. */
export function recordTradeForClearing(state: ComplianceState, e: Record<string, unknown>): void {
  const buyer = e['buyer'] as string;
  const priceFen = e['priceFen'] as number;
  const blocks = e['blocks'] as { projectId: string; vintage: number; start: number; end: number }[];
  // The seller's cost basis leaves with the units, so serials bought back are never counted twice.
  const sold = state.compliance.acquisitions.get(e['seller'] as string);
  if (sold !== undefined) state.compliance.acquisitions.set(e['seller'] as string, sold.flatMap((a) => blocks.reduce<Acquisition[]>((left, b) => left.flatMap((x) => cut(x, b)), [a])));
  let list = state.compliance.acquisitions.get(buyer);
  if (list === undefined) state.compliance.acquisitions.set(buyer, (list = []));
  for (const b of blocks) list.push({ projectId: b.projectId, vintage: b.vintage, start: b.start, end: b.end, priceFen });
  addCityFlow(state, e, 1);
}

/** Undoes `recordTradeForClearing` for a busted trade; the seller's old cost basis is not restored (its units then count nothing). */
export function reverseTradeForClearing(state: ComplianceState, e: Record<string, unknown>): void {
  const blocks = e['blocks'] as { projectId: string; vintage: number; start: number; end: number }[];
  const buyer = e['buyer'] as string;
  const bought = state.compliance.acquisitions.get(buyer);
  if (bought !== undefined) state.compliance.acquisitions.set(buyer, bought.flatMap((a) => blocks.reduce<Acquisition[]>((left, b) => left.flatMap((x) => cut(x, b)), [a])));
  addCityFlow(state, e, -1);
}

function addCityFlow(state: ComplianceState, e: Record<string, unknown>, sign: 1 | -1): void {
  if (!(e['instrument'] as string).startsWith('SINK/')) return;
  const from = cityOf(e['sellerRegion'] as string);
  const to = cityOf(e['buyerRegion'] as string);
  if (from === to) return;
  const quantityT = sign * (e['quantityT'] as number);
  const notionalFen = sign * (e['notionalFen'] as number);
  const flow = (city: string) => {
    let f = state.compliance.cityFlows.get(city);
    if (f === undefined) state.compliance.cityFlows.set(city, (f = { exportsT: 0, exportsFen: 0, importsT: 0, importsFen: 0 }));
    return f;
  };
  const out = flow(from);
  out.exportsT += quantityT;
  out.exportsFen += notionalFen;
  const into = flow(to);
  into.importsT += quantityT;
  into.importsFen += notionalFen;
}

/** `a` without the serials of `b`: zero, one or two pieces. */
function cut(a: Acquisition, b: { projectId: string; vintage: number; start: number; end: number }): Acquisition[] {
  if (a.projectId !== b.projectId || a.vintage !== b.vintage || b.end < a.start || b.start > a.end) return [a];
  const out: Acquisition[] = [];
  if (a.start < b.start) out.push({ ...a, end: b.start - 1 });
  if (b.end < a.end) out.push({ ...a, start: b.end + 1 });
  return out;
}
