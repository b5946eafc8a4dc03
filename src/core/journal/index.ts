/**
 * The journal: command envelopes, canonical JSON (RFC 8785), the hash chain, the command
 * driver with idempotency, and the chain verifier (contracts.md §7, market.md §9–10).
 *
 * @example
 * const engine = new JournalEngine(createRegistryMachine(), sha256Hex);
 * const submission = engine.submit(command); // 'new' | 'duplicate' | 'key_reused'
 */
export * from './types.js';
export { canonicalJson } from './canonical.js';
export { type ImageCodec, type Json, fromImage, toImage } from './image.js';
export { ChainedEvent, SequencedEvent, canonicalEventText, chainEvent, chainHash, completeEventsBody, eventLine, expectedHash, outcomeEventJson, sequenceEvent } from './chain.js';
export { type IdempotencyEntry, type IdempotencyIndex, MemoryIdempotencyIndex } from './idempotency.js';
export { type EngineStart, IDEMPOTENCY_KEY_REUSED, JournalEngine, replay, type Submission } from './engine.js';
export { CHAIN_PROBLEM_CODES, type ChainProblemCode, type LineProblem, type NumberedRecord, verifyChain } from './verify.js';
