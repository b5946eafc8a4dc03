/**
 * Compliance regimes and city-to-city settlement (market.md §5, §8, §10): jurisdictions and
 * periods by configuration, the enterprise database with footprint reports, cap-and-trade
 * with offsets, the sink-backed neutrality regime with its carbon-credit overdraft, penalties,
 * and the province's compensation clearing house. Pure: no I/O. Wraps the exchange machine
 * (which wraps the registry's), so one journal drives all three.
 *
 * @example
 * const engine = new JournalEngine(createComplianceMachine(), sha256Hex);
 * engine.submit({ key: 's1', actor: 'steel', type: 'compliance.surrender', at: '2026-06-20T10:00:00+08:00',
 *   payload: { jurisdiction: 'JX', periodId: '2025', allowancesT: 950, credits: { quantityT: 50 } } });
 */
export { COMPLIANCE_REJECTION_CODES, type ComplianceRejectionCode } from './codes.js';
export { createComplianceMachine, decideCompliance, initialComplianceState, isComplianceCommand } from './machine.js';
export { monthBefore, penaltyPrice, type PenaltyPrice } from './prices.js';
export { cityFlowReport, clearingReport, emitterPositions, periodList, periodReport, type EmitterPosition, type EmitterRow, type PeriodReport, type PeriodSummary } from './report.js';
export { COMPLIANCE_COMMAND_TYPES, COMPLIANCE_SCHEMAS, type ComplianceCommandType, type CompliancePayloadOf } from './schemas.js';
export { tenThousandYuanToFen } from './clearing.js';
export * from './types.js';
