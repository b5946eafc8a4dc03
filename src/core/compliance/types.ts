/**
 * State and vocabulary of the compliance regimes (market.md §5, §8, §10): jurisdictions and
 * their periods, the enterprise database with its emissions reports, surrenders, the
 * carbon-credit overdraft, penalties and the compensation clearing house.
 *
 * Obligations and unpaid penalties are liabilities kept here, never ledger holdings: no
 * posting ever carries them, so they cannot be traded, transferred or retired.
 */
import type { ExchangeState } from '../market/index.js';

export const REGIMES = ['cap-and-trade', 'neutrality'] as const;
export type Regime = (typeof REGIMES)[number];

export const FOOTPRINT_SCOPES = ['direct', 'inputs', 'services', 'electricity'] as const;
export type FootprintScope = (typeof FOOTPRINT_SCOPES)[number];

export interface OverdraftTerms {
  readonly perEmitterLimitT: number;
  readonly collateralFenPerT: number;
}

export interface Jurisdiction {
  readonly id: string;
  readonly name: string;
  readonly regime: Regime;
  /** The government that allocates, closes periods and settles obligations. */
  readonly authority: string;
  /** Division codes covered: a province (`360000`), a city (`360100`) or a county. */
  readonly regions: readonly string[];
  readonly keyEmitterThresholdT: number;
  readonly penaltyMultiple: number;
  /** Penalty price when the market has no trade to take it from, fen per t. */
  readonly referencePriceFen: number;
  readonly overdraft: OverdraftTerms | null;
  /** Id of the registry record holding this jurisdiction's allowances (cap-and-trade). */
  readonly allowanceProjectId: string | null;
}

export interface OffsetRules {
  /** Offsets as a share of verified emissions, basis points (cap-and-trade; default 500). */
  readonly capBp: number;
  /** Eligible sink project types; empty = every type. */
  readonly types: readonly string[];
  readonly vintageFrom: number | null;
  readonly vintageTo: number | null;
  /** Eligible origins (division codes covering the project's region); empty = anywhere. */
  readonly origins: readonly string[];
}

export interface Period {
  readonly jurisdiction: string;
  readonly periodId: string;
  readonly year: number;
  /** Last day to surrender, YYYY-MM-DD (Asia/Shanghai). */
  readonly deadline: string;
  readonly offsets: OffsetRules;
  closed: boolean;
  /** Set by `compliance.close`. */
  penaltyPriceFen: number | null;
  penaltyPriceSource: string | null;
}

export type Classification = 'key' | 'non-key';

export interface Emitter {
  readonly participantId: string;
  readonly jurisdiction: string;
  readonly sector: string;
  classification: Classification;
  /** Latest annual emissions the classification rests on, t. */
  annualEmissionsT: number;
  /** Shortfall to deduct from the next allocation, t (cap-and-trade). */
  pendingDeductionT: number;
}

export interface FootprintLine {
  readonly scope: FootprintScope;
  readonly source: string;
  readonly activity: number;
  readonly activityUnit: string;
  readonly factorKgCO2ePerUnit: number;
  readonly factorSource: string;
  readonly emissionsKgCO2e: number;
}

export type ReportStatus = 'submitted' | 'verified' | 'rejected';

export interface EmissionsReport {
  readonly emitter: string;
  readonly jurisdiction: string;
  readonly periodId: string;
  readonly lines: readonly FootprintLine[];
  readonly reportedKgCO2e: number;
  status: ReportStatus;
  verifiedKgCO2e: number;
  verifier: string | null;
}

/** What one emitter did against one period. */
export interface Coverage {
  /** The emitter's classification for this period: the one in force when its report was verified. */
  classification: Classification;
  allowancesT: number;
  /** Sink credits surrendered: offsets under cap-and-trade, the cover itself under neutrality. */
  creditsT: number;
  /** Tonnes covered by carbon-credit overdraft obligations opened against the period. */
  overdraftT: number;
  shortfallT: number;
  status: 'open' | 'covered' | 'penalised' | 'unreported' | 'excluded';
}

export interface Obligation {
  readonly obligationId: string;
  readonly emitter: string;
  readonly jurisdiction: string;
  readonly periodId: string;
  readonly quantityT: number;
  readonly dueDate: string;
  readonly collateralFen: number;
  readonly city: string;
  readonly limitSourceHash: string;
  deliveredT: number;
  releasedFen: number;
  status: 'open' | 'met' | 'defaulted';
  /** The obligation it rolled over from, or null. */
  readonly rolledFrom: string | null;
}

export interface Penalty {
  readonly penaltyId: string;
  readonly emitter: string;
  readonly jurisdiction: string;
  readonly periodId: string;
  readonly reason: string;
  readonly amountFen: number;
  paidFen: number;
}

export interface Acquisition {
  readonly projectId: string;
  readonly vintage: number;
  readonly start: number;
  readonly end: number;
  readonly priceFen: number;
}

export interface ClearingLine {
  readonly regionCode: string;
  readonly participantId: string;
  readonly role: 'pay' | 'receive' | 'balance';
  readonly amountFen: number;
  /** Payers: part settled by retiring sink credits from receiving cities, valued at cost. */
  readonly creditRouteFen: number;
  readonly certificates: readonly string[];
  /** Payers: cash paid into the pool; receivers: cash paid out of it. */
  readonly cashFen: number;
}

export interface Clearing {
  readonly year: number;
  readonly resultHash: string;
  readonly poolInFen: number;
  readonly poolOutFen: number;
  readonly lines: readonly ClearingLine[];
}

export interface CityFlow {
  exportsT: number;
  exportsFen: number;
  importsT: number;
  importsFen: number;
}

export interface ComplianceBook {
  readonly jurisdictions: Map<string, Jurisdiction>;
  /** `<jurisdiction>|<periodId>` → period. */
  readonly periods: Map<string, Period>;
  /** Participant id → its entry in the enterprise database. */
  readonly emitters: Map<string, Emitter>;
  /** `<jurisdiction>|<periodId>|<emitter>` → report and coverage. */
  readonly reports: Map<string, EmissionsReport>;
  readonly coverage: Map<string, Coverage>;
  readonly obligations: Map<string, Obligation>;
  readonly penalties: Map<string, Penalty>;
  /** Instrument → `YYYY-MM` → traded notional and volume (the penalty price's source). */
  readonly monthly: Map<string, Map<string, { notionalFen: number; volumeT: number }>>;
  /** Buyer → the serial ranges it bought and at what price (the clearing's credit route). */
  readonly acquisitions: Map<string, Acquisition[]>;
  /** Certificates already counted in a clearing. */
  readonly clearedCertificates: Set<string>;
  /** City code → sink credits sold out of it and bought into it by trades. */
  readonly cityFlows: Map<string, CityFlow>;
  readonly clearings: Map<number, Clearing>;
  /** Emitters with an allocation granted for a period: `<jurisdiction>|<periodId>`. */
  readonly allocations: Map<string, Map<string, { grantedT: number; deductedT: number }>>;
}

export type ComplianceState = ExchangeState & { readonly compliance: ComplianceBook };

export function periodKey(jurisdiction: string, periodId: string): string {
  return `${jurisdiction}|${periodId}`;
}

export function reportKey(jurisdiction: string, periodId: string, emitter: string): string {
  return `${jurisdiction}|${periodId}|${emitter}`;
}

/** True when division code `covering` covers `code`: the same, its province or its city. */
export function regionCovers(covering: string, code: string): boolean {
  if (covering.endsWith('0000')) return code.startsWith(covering.slice(0, 2));
  if (covering.endsWith('00')) return code.startsWith(covering.slice(0, 4));
  return code === covering;
}
