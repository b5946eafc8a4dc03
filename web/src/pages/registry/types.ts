/** The registry's answers as the dashboard reads them (src/adapters/http/routes/registry-schemas.ts). */
export interface Step { step: string; actor: string; at: string; documents: { name: string; sha256: string }[] }
export interface Issuance { periodId: string; vintage: number; issuedT: number; bufferT: number; serials: string[]; at: string }
export interface Project {
  projectId: string; name: string; type: string; subtype: string | null; regionCode: string; status: string; methodology: string;
  creditingPeriod: { start: string; end: string }; proponents: { participantId: string; shareBp: number }[]; aggregator: string | null; contractVersion: number | null;
  parcels: number; areaM2: number; issuedT: number; carryKg: number; uncoveredReversalT: number;
  estimate: { isEstimate: boolean; totalKgCO2e?: number } | null;
  periods: { periodId: string; from: string; to: string; vintage: number; status: string; reportedKgCO2e: number; verifiedKgCO2e: number }[];
  issuances: Issuance[]; steps: Step[];
}
export interface Certificate { certificateId: string; holder: string; beneficiary: string; purpose: string; quantityT: number; serials: string[]; at: string }
export interface Part { start: number; end: number; status: string; holder: string | null; certificateId: string | null }
export interface HistoryEntry { seq: number; type: string; at: string; actor: string; start: number; end: number; from: string; to: string; details: Record<string, unknown> }
export interface Page<T> { items: T[]; next_cursor: string | null }
export interface Statement {
  projectId: string; memberId: string; memberName: string | null; projectName: string; attributedT: number; salesFen: number; deductionsFen: number;
  payableFen: number; paidFen: number; outstandingFen: number; signedVersion: number | null;
  /** The contract in force: its members are whom a proponent reads statements of; a member signs its version. */
  contract: { version: number; formula: string; deductions: { name: string; shareBp: number; recipient: string }[]; members: { memberId: string }[]; schedule: string } | null;
}

/** GET /registry/projects/{id}/statements: one member's figures, for the proponent. */
export interface MemberStatementRow {
  memberId: string; memberName: string | null; signedVersion: number | null;
  attributedT: number; salesFen: number; deductionsFen: number; payableFen: number; paidFen: number; outstandingFen: number;
}

/** One line of a statement (docs/http.md): what one event added to each figure. */
export interface StatementLine {
  seq: number; at: string; kind: 'issued' | 'sale' | 'distribution' | 'bust' | 'payment'; reference: string; tradeSeq?: number;
  attributedT: number; salesFen: number; deductionsFen: number; payableFen: number; paidFen: number;
}

/** Fen as yuan with two decimals, grouped. */
export function yuan(fen: number, lang: 'en' | 'zh'): string {
  return (fen / 100).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export const shortTime = (at: string): string => at.replace('T', ' ').slice(0, 16);
