/**
 * Which serials a movement takes (market.md §4, §10): by quantity, the holder's free blocks
 * in order (vintage, project id, serial start), the receiver getting the head of a split
 * block; or the serial ranges named in the command. Units of suspended projects, pledged
 * units (in pledge accounts) and the quantity reserved by sell orders are never picked.
 */
import { isTerminalAccount, unitAsset } from '../ledger/accounts.js';
import type { Block } from '../ledger/blocks.js';
import { type BlockEntry, Refusal } from './context.js';
import { formatSerial, instrumentOfProject, parseSerial } from './serials.js';
import type { Project, RegistryState } from './types.js';

export interface UnitFilter {
  readonly projectId?: string | undefined;
  readonly vintage?: number | undefined;
  /** Reversal cancels frozen units too. */
  readonly includeSuspended?: boolean;
  /** Only blocks of this trading instrument (`SINK/<type>/<region>/<vintage>`). */
  readonly instrument?: string | undefined;
  /** Units of `instrument` reserved by the orders now settling: they may be picked. */
  readonly releasedT?: number | undefined;
  /** Only units this accepts (compliance: eligible offsets, allowances of a jurisdiction). */
  readonly eligible?: ((project: Project, vintage: number) => boolean) | undefined;
}

export interface Selected {
  readonly entries: BlockEntry[];
  readonly quantityT: number;
}

/** Takes up to `quantityT` units from `from`'s free blocks in movement order. */
export function pickByQuantity(state: RegistryState, from: string, to: string, quantityT: number, filter: UnitFilter): Selected {
  const entries: BlockEntry[] = [];
  const spare = spareByInstrument(state, from);
  if (spare !== null && filter.instrument !== undefined && filter.releasedT !== undefined && spare.has(filter.instrument)) {
    spare.set(filter.instrument, spare.get(filter.instrument)! + filter.releasedT);
  }
  let left = quantityT;
  for (const block of state.blocks.listOf(from)) {
    if (left === 0) break;
    if (filter.projectId !== undefined && block.projectId !== filter.projectId) continue;
    if (filter.vintage !== undefined && block.vintage !== filter.vintage) continue;
    const project = state.projects.get(block.projectId)!;
    if (project.status === 'suspended' && filter.includeSuspended !== true) continue;
    if (filter.instrument !== undefined && instrumentOfProject(project, block.vintage) !== filter.instrument) continue;
    if (filter.eligible !== undefined && !filter.eligible(project, block.vintage)) continue;
    let take = Math.min(left, block.end - block.start + 1);
    if (spare !== null) {
      const instrument = instrumentOfProject(project, block.vintage);
      const room = spare.get(instrument);
      if (room !== undefined) {
        take = Math.min(take, room);
        spare.set(instrument, room - take);
        if (take === 0) continue;
      }
    }
    entries.push(entryOf(state, block, block.start, block.start + take - 1, from, to));
    left -= take;
  }
  return { entries, quantityT: quantityT - left };
}

/** Resolves named serial ranges, each wholly free in `from` (pieces follow block boundaries). */
export function pickBySerials(state: RegistryState, from: string, to: string, serials: readonly string[], ownerId: string): Selected | Refusal {
  const entries: BlockEntry[] = [];
  const seen: { projectId: string; start: number; end: number }[] = [];
  for (const text of serials) {
    const range = parseSerial(text);
    const project = range === null ? undefined : state.projects.get(range.projectId);
    if (range === null || project === undefined || range.registryCode !== state.options.registryCode || range.regionCode !== project.regionCode) {
      return new Refusal('serial_unknown', `${text} is not a serial range of this registry (<registry>-<region>-<project>-<vintage>-<start>-<end>, market.md §4)`);
    }
    if (seen.some((s) => s.projectId === range.projectId && s.start <= range.end && range.start <= s.end)) {
      return new Refusal('invalid_payload', `${text} overlaps another serial range of the command`);
    }
    seen.push(range);
    if (project.status === 'suspended') return new Refusal('project_suspended', `market.md §10: units of suspended project ${project.id} are frozen`);
    for (let serial = range.start; serial <= range.end; ) {
      const block = state.blocks.find(range.projectId, serial);
      if (block === null || block.vintage !== range.vintage) return new Refusal('serial_unknown', `serial ${serial} of ${range.projectId} vintage ${range.vintage} was never issued`);
      if (isTerminalAccount(block.account)) {
        return new Refusal('serial_retired', `market.md §4: serial ${serial} of ${range.projectId} is ${block.account.startsWith('R:retired:') ? 'retired' : 'cancelled'}; retired units never move`);
      }
      if (block.account.startsWith(`P:${ownerId}:pledged:`)) return new Refusal('units_pledged', `market.md §4: serial ${serial} of ${range.projectId} is pledged; pledged units cannot move or be retired until released`);
      if (block.account !== from) return new Refusal('serial_not_held', `serial ${serial} of ${range.projectId} is not held free by ${ownerId}`);
      const end = Math.min(range.end, block.end);
      entries.push(entryOf(state, block, serial, end, from, to));
      serial = end + 1;
    }
  }
  const reserved = reservationRefusal(state, from, entries);
  return reserved ?? { entries, quantityT: entries.reduce((sum, e) => sum + e.end - e.start + 1, 0) };
}

/** Units held in `ownerId`'s active pledges that match a filter (for a precise refusal). */
export function pledgedCount(state: RegistryState, ownerId: string, filter: UnitFilter): number {
  let count = 0;
  for (const pledge of state.pledges.values()) {
    if (pledge.holder !== ownerId || pledge.status !== 'active') continue;
    for (const b of state.blocks.listOf(`P:${ownerId}:pledged:${pledge.pledgeId}`)) {
      if ((filter.projectId === undefined || b.projectId === filter.projectId) && (filter.vintage === undefined || b.vintage === filter.vintage)) count += b.end - b.start + 1;
    }
  }
  return count;
}

export function entryOf(state: RegistryState, block: Block, start: number, end: number, from: string, to: string): BlockEntry {
  const regionCode = state.projects.get(block.projectId)!.regionCode;
  // Keys in canonical order, so the event prints on the fast path (journal/canonical.ts).
  return { end, from, projectId: block.projectId, serial: formatSerial(state.options.registryCode, regionCode, block.projectId, block.vintage, start, end), start, to, vintage: block.vintage };
}

/** Unit postings of block entries: one per (from, to, asset). */
export function unitMoves(entries: readonly BlockEntry[]): { from: string; to: string; asset: string; amount: number }[] {
  return entries.map((e) => ({ from: e.from, to: e.to, asset: unitAsset(e.projectId, e.vintage), amount: e.end - e.start + 1 }));
}

/** Free units per instrument minus reservations, for accounts with reservations; else null. */
function spareByInstrument(state: RegistryState, account: string): Map<string, number> | null {
  const reserved = state.reservedUnits.get(account);
  if (reserved === undefined || reserved.size === 0) return null;
  const spare = new Map<string, number>();
  for (const block of state.blocks.listOf(account)) {
    const project = state.projects.get(block.projectId)!;
    const instrument = instrumentOfProject(project, block.vintage);
    if (reserved.has(instrument)) spare.set(instrument, (spare.get(instrument) ?? 0) + block.end - block.start + 1);
  }
  for (const [instrument, quantityT] of reserved) spare.set(instrument, Math.max(0, (spare.get(instrument) ?? 0) - quantityT));
  return spare;
}

function reservationRefusal(state: RegistryState, account: string, entries: readonly BlockEntry[]): Refusal | null {
  const spare = spareByInstrument(state, account);
  if (spare === null) return null;
  const taken = new Map<string, number>();
  for (const e of entries) {
    const project = state.projects.get(e.projectId)!;
    const instrument = instrumentOfProject(project, e.vintage);
    taken.set(instrument, (taken.get(instrument) ?? 0) + e.end - e.start + 1);
  }
  for (const [instrument, quantityT] of taken) {
    const room = spare.get(instrument);
    if (room !== undefined && quantityT > room) return new Refusal('insufficient_units', `market.md §10: only ${room} t of ${instrument} are not reserved by sell orders`);
  }
  return null;
}
