/**
 * Serial blocks: contiguous ranges of one project's unit serials, each in one account.
 * Moving a range splits its block; no unit is ever in two blocks. Movable accounts keep
 * their blocks in movement order (vintage, project id, serial start) so a transfer reads
 * the head of one short list instead of scanning every block (market.md §4, §10).
 *
 * Errors are returned as text: the machine treats them as bugs, the verifier as findings.
 */
import { isTerminalAccount } from './accounts.js';

export interface Block {
  readonly projectId: string;
  readonly vintage: number;
  readonly start: number;
  end: number;
  account: string;
}

/** A range moving between accounts, as events carry it. */
export interface RangeMove {
  readonly projectId: string;
  readonly vintage: number;
  readonly start: number;
  readonly end: number;
  readonly from: string;
  readonly to: string;
}

export function blockOrder(a: { vintage: number; projectId: string; start: number }, b: { vintage: number; projectId: string; start: number }): number {
  if (a.vintage !== b.vintage) return a.vintage - b.vintage;
  if (a.projectId !== b.projectId) return a.projectId < b.projectId ? -1 : 1;
  return a.start - b.start;
}

export class BlockBook {
  /** Every block of a project by its first serial, retired and cancelled ones included. */
  readonly byProject = new Map<string, Map<number, Block>>();
  /** Next serial per project: issuance counts up from 1 without gaps. */
  readonly nextSerial = new Map<string, number>();
  readonly #lists = new Map<string, Block[]>();

  /** A book holding these blocks (for snapshots): the per-account lists are rebuilt. */
  static restore(byProject: ReadonlyMap<string, ReadonlyMap<number, Block>>, nextSerial: ReadonlyMap<string, number>): BlockBook {
    const book = new BlockBook();
    for (const [projectId, blocks] of byProject) {
      book.byProject.set(projectId, new Map(blocks));
      for (const block of blocks.values()) book.#insert(block);
    }
    for (const [projectId, next] of nextSerial) book.nextSerial.set(projectId, next);
    return book;
  }

  /** Blocks of a movable account in movement order (do not mutate). */
  listOf(account: string): readonly Block[] {
    return this.#lists.get(account) ?? [];
  }

  /** Creates the block of an issuance; serials must continue the project's count. */
  issue(account: string, projectId: string, vintage: number, start: number, end: number): string | null {
    const next = this.nextSerial.get(projectId) ?? 1;
    if (start !== next) return `serials of ${projectId} must continue at ${next}, found ${start}`;
    if (end < start) return `empty range ${start}-${end}`;
    let blocks = this.byProject.get(projectId);
    if (blocks === undefined) this.byProject.set(projectId, (blocks = new Map()));
    const block: Block = { projectId, vintage, start, end, account };
    blocks.set(start, block);
    this.nextSerial.set(projectId, end + 1);
    this.#insert(block);
    return null;
  }

  /** Moves serials [start, end] of a project from one account to another, splitting as needed. */
  move(m: RangeMove): string | null {
    if (m.end < m.start) return `empty range ${m.start}-${m.end}`;
    const block = this.#containing(m.from, m.projectId, m.start);
    if (block === null) return `serial ${m.start} of ${m.projectId} is not in ${m.from}`;
    if (block.account !== m.from) return `serial ${m.start} of ${m.projectId} is in ${block.account}, not ${m.from}`;
    if (isTerminalAccount(block.account)) return `serial ${m.start} of ${m.projectId} is in ${block.account}: retired and cancelled units never move`;
    if (m.end > block.end) return `range ${m.start}-${m.end} of ${m.projectId} runs past its block ${block.start}-${block.end}`;
    if (block.vintage !== m.vintage) return `block ${block.start}-${block.end} of ${m.projectId} is vintage ${block.vintage}, not ${m.vintage}`;
    const blocks = this.byProject.get(m.projectId)!;
    const list = this.#lists.get(m.from);
    const index = list === undefined ? -1 : indexOf(list, block);
    const originalEnd = block.end;
    let moving: Block;
    if (block.start === m.start) {
      moving = block;
      if (m.end < originalEnd) {
        const rest: Block = { projectId: m.projectId, vintage: m.vintage, start: m.end + 1, end: originalEnd, account: m.from };
        blocks.set(rest.start, rest);
        if (list !== undefined) list[index] = rest;
      } else if (list !== undefined) list.splice(index, 1);
      block.end = m.end;
      block.account = m.to;
    } else {
      block.end = m.start - 1;
      moving = { projectId: m.projectId, vintage: m.vintage, start: m.start, end: m.end, account: m.to };
      blocks.set(moving.start, moving);
      if (m.end < originalEnd) {
        const rest: Block = { projectId: m.projectId, vintage: m.vintage, start: m.end + 1, end: originalEnd, account: m.from };
        blocks.set(rest.start, rest);
        if (list !== undefined) list.splice(index + 1, 0, rest);
      }
    }
    this.#insert(moving);
    return null;
  }

  /** The block holding one serial, wherever it is (scans the project: for queries and refusals). */
  find(projectId: string, serial: number): Block | null {
    const blocks = this.byProject.get(projectId);
    if (blocks === undefined) return null;
    const exact = blocks.get(serial);
    if (exact !== undefined) return exact;
    for (const block of blocks.values()) if (block.start <= serial && serial <= block.end) return block;
    return null;
  }

  #containing(account: string, projectId: string, serial: number): Block | null {
    const exact = this.byProject.get(projectId)?.get(serial);
    if (exact !== undefined) return exact;
    // Mid-block moves (corrections, explicit ranges) look in the account's own list first.
    for (const block of this.#lists.get(account) ?? []) {
      if (block.projectId === projectId && block.start <= serial && serial <= block.end) return block;
    }
    return this.find(projectId, serial);
  }

  #insert(block: Block): void {
    if (isTerminalAccount(block.account)) return;
    let list = this.#lists.get(block.account);
    if (list === undefined) this.#lists.set(block.account, (list = []));
    const lo = lowerBound(list, block);
    if (lo === list.length) list.push(block);
    else list.splice(lo, 0, block);
  }
}

/** The first position whose block does not come before `block` in movement order. */
function lowerBound(list: readonly Block[], block: Block): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (blockOrder(list[mid]!, block) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function indexOf(list: readonly Block[], block: Block): number {
  const lo = lowerBound(list, block);
  if (list[lo] !== block) throw new Error(`block ${block.projectId} ${block.start} missing from the list of ${block.account}`);
  return lo;
}
