/**
 * The sink-credit registry as a pure state machine (market.md §2–4, §7, §10; contracts.md §7).
 *
 * @example
 * const engine = new JournalEngine(createRegistryMachine(), sha256Hex);
 * engine.submit({ key: 'k1', actor: 'admin', type: 'participant.register', at: '2025-01-02T09:00:00+08:00',
 *   payload: { id: 'admin', kind: 'registry-administrator', name: 'Registry', regionCode: '360000' } });
 */
export { REJECTION_CODES, type RejectionCode } from './codes.js';
export { Refusal, accepted, eventOf, isRealDay, postingsOf, type BlockEntry } from './context.js';
export { bookWaterfall, applyWaterfall } from './contracts.js';
export { countedParcels, exAnteEstimate, type ExAnteEstimate } from './estimate.js';
export { issuanceFigures, type IssuanceFigures } from './issuance.js';
export { applyRegistryEvent, createRegistryMachine, decideRegistry, initialRegistryState } from './machine.js';
export { select } from './movements.js';
export { entryOf, pickByQuantity, pickBySerials, unitMoves, type Selected, type UnitFilter } from './selection.js';
export { CAPABILITIES, REGISTRY_STAFF, can } from './roles.js';
export { REGISTRY_COMMAND_TYPES, SCHEMAS, describeIssue, type CommandType, type PayloadOf } from './schemas.js';
export { ALLOWANCE_TYPE, formatSerial, instrumentOf, instrumentOfProject, parseSerial, type SerialRange } from './serials.js';
export * from './types.js';
export { memberWeights, runWaterfall, type Waterfall, type WaterfallDeduction, type WaterfallMember, type WaterfallProblem } from './waterfall.js';
export { StatementLines, lineOf, linesOf, type StatementLine, type StatementLineKind } from './statement-lines.js';
export { certificateById, checkSerial, memberStatement, projectStatements, publicRegistryView, serialHistory, type MemberStatementView, type SerialCheck, type SerialHistoryEntry } from './views.js';
