/**
 * A batch's rows as COPY text (tab-separated, one line per row): PostgreSQL loads COPY data
 * with about half the server CPU of `json_to_recordset` (no JSON to take apart, no field names
 * per row), and the server's CPU is what the two cores share with the main thread.
 */
import type { CommandRow, EventRow, PostingRow } from '../driver.js';
import { wellFormed } from '../rows.js';

/** COPY's text format escapes backslash, tab, newline and carriage return (NULL is `\N`; no column here is null). */
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function field(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : text;
}

/**
 * True when every text of the rows can travel as UTF-8 unchanged. The store refuses envelopes
 * with a lone surrogate (it would become U+FFFD on the way and the stored text would differ
 * from the one the hash covers); this checks the rest, and a batch that fails goes the JSON
 * way, where PostgreSQL refuses it rather than store it changed.
 */
export function copyable(rows: { commands: readonly CommandRow[]; events: readonly EventRow[]; postings: readonly PostingRow[] }): boolean {
  for (const c of rows.commands) if (!wellFormed(c.actor) || !wellFormed(c.key) || !wellFormed(c.type) || !wellFormed(c.at) || !wellFormed(c.payload)) return false;
  // An event's actor and key are its command's; its payload is canonical JSON, which escapes lone surrogates.
  for (const e of rows.events) if (!wellFormed(e.type)) return false;
  for (const p of rows.postings) if (!wellFormed(p.debit) || !wellFormed(p.credit) || !wellFormed(p.asset) || !wellFormed(p.code)) return false;
  return true;
}

export const COPY_COMMANDS = 'COPY commands (seq, actor, key, type, at, payload, accepted, first_use, first_event, event_count) FROM STDIN';
export const COPY_EVENTS = 'COPY events (seq, actor, key, type, payload, prev_hash, hash) FROM STDIN';
export const COPY_POSTINGS = 'COPY postings (event, n, debit, credit, asset, amount, code) FROM STDIN';

export function commandLines(commands: readonly CommandRow[]): string {
  let out = '';
  for (const c of commands) {
    out += `${c.seq}\t${field(c.actor)}\t${field(c.key)}\t${field(c.type)}\t${field(c.at)}\t${field(c.payload)}\t${c.accepted ? 't' : 'f'}\t${c.firstUse ? 't' : 'f'}\t${c.firstEvent}\t${c.eventCount}\n`;
  }
  return out;
}

export function eventLines(events: readonly EventRow[]): string {
  let out = '';
  for (const e of events) out += `${e.seq}\t${field(e.actor)}\t${field(e.key)}\t${field(e.type)}\t${field(e.payload)}\t${field(e.prevHash)}\t${field(e.hash)}\n`;
  return out;
}

export function postingLines(postings: readonly PostingRow[]): string {
  let out = '';
  for (const p of postings) out += `${p.event}\t${p.n}\t${field(p.debit)}\t${field(p.credit)}\t${field(p.asset)}\t${p.amount}\t${field(p.code)}\n`;
  return out;
}
