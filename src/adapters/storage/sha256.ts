/** The journal's hasher (contracts.md §7), for the main thread and the SQLite writer thread alike. */
import { hash } from 'node:crypto';
import type { Hasher } from '../../core/journal/types.js';

/** One-shot `crypto.hash` (Node ≥ 20.12): half the cost of createHash().update().digest(). */
export const sha256Hex: Hasher = (text) => hash('sha256', text, 'hex');

/** Hex digits of one hash: the length by which joined hashes are cut apart. */
export const HASH_LENGTH = 64;
