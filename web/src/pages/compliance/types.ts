/** The compliance reads as the dashboard uses them (src/adapters/http/routes/compliance.ts). */

/** Roles that may read period reports: the route's READERS (compliance.test.ts checks they agree). */
export const COMPLIANCE_READERS = ['admin', 'planner', 'registry-administrator', 'provincial-government', 'city-government', 'verifier', 'market-operator'] as const;

/** Roles that read their own positions (GET /compliance/my/positions): the emitters of the enterprise databases. */
export const COMPLIANCE_EMITTERS = ['emitter-enterprise'] as const;

export interface PeriodSummary { jurisdiction: string; name: string; regime: string; periodId: string; year: number; deadline: string; closed: boolean }

export interface EmitterRow {
  participantId: string; name: string; city: string; sector: string; classification: string; reportStatus: string;
  reportedKgCO2e: number; verifiedKgCO2e: number; obligationT: number; allocatedT: number; deductedT: number; allowancesT: number;
  offsetsT: number; offsetCapT: number; overdraftT: number; overdraftOutstandingT: number; shortfallT: number; penaltyFen: number;
  penaltyPaidFen: number; status: 'covered' | 'short' | 'penalised' | 'unreported' | 'excluded';
}

export interface ObligationRow {
  obligationId: string; emitter: string; quantityT: number; deliveredT: number; dueDate: string; collateralFen: number; releasedFen: number;
  status: 'open' | 'met' | 'defaulted'; rolledFrom: string | null;
}

export interface PeriodReport {
  jurisdiction: string; regime: string; periodId: string; year: number; deadline: string; closed: boolean;
  penaltyPriceFen: number | null; penaltyPriceSource: string | null; emitters: EmitterRow[]; obligations: ObligationRow[];
  cities: { city: string; verifiedKgCO2e: number; emitters: number }[];
}

/** One period of the caller's jurisdiction: its row of the report and its own obligations. */
export interface Position extends PeriodSummary { penaltyPriceFen: number | null; position: EmitterRow; obligations: ObligationRow[] }

export interface CityFlow { city: string; exportsT: number; exportsFen: number; importsT: number; importsFen: number }

export interface Clearing {
  year: number; resultHash: string; poolInFen: number; poolOutFen: number;
  lines: { regionCode: string; participantId: string; role: string; amountFen: number; creditRouteFen: number; cashFen: number; certificates: string }[];
}

/** What an emitter has put against its obligation: allowances, credits and overdraft, t. */
export const coveredT = (row: EmitterRow): number => row.allowancesT + row.offsetsT + row.overdraftT;

export const isEmitter = (roles: readonly string[] | undefined): boolean => (roles ?? []).some((r) => (COMPLIANCE_EMITTERS as readonly string[]).includes(r));

export const canRead = (roles: readonly string[] | undefined): boolean => (roles ?? []).some((r) => (COMPLIANCE_READERS as readonly string[]).includes(r));
