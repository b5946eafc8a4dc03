/** State and vocabulary of the registry (market.md §2–4, §7, §10). */
import type { LandClass } from '../accounting/index.js';
import type { Balances } from '../ledger/balances.js';
import type { BlockBook } from '../ledger/blocks.js';

export const PARTICIPANT_KINDS = [
  'farmer', 'cooperative', 'rural-collective', 'rural-enterprise', 'forest-owner', 'charity', 'silviculture-enterprise',
  'emitter-enterprise', 'green-fund', 'civil-organisation', 'individual', 'intermediary', 'bank', 'city-government',
  'provincial-government', 'verifier', 'market-operator', 'registry-administrator',
] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

/** What a kind may do; the role table in docs/registry.md is this table. */
export type Capability = 'hold' | 'propose' | 'aggregate' | 'member' | 'verify' | 'administer' | 'operate' | 'pledgee';

export const RETIREMENT_PURPOSES = ['voluntary', 'compliance', 'cross-city'] as const;
export type RetirementPurpose = (typeof RETIREMENT_PURPOSES)[number];

export const SHARE_FORMULAS = ['tonnes', 'area', 'per-capita', 'fixed'] as const;
export type ShareFormula = (typeof SHARE_FORMULAS)[number];

export interface Document {
  readonly name: string;
  /** Hex SHA-256 of the document. */
  readonly sha256: string;
}

export interface Training {
  readonly certificateId: string;
  readonly trainedOn: string;
  readonly recordedBy: string;
}

export interface Participant {
  readonly id: string;
  readonly kind: ParticipantKind;
  readonly name: string;
  readonly regionCode: string;
  /** Participants it is part of or controlled by: the conflict-of-interest rule looks through them. */
  readonly affiliations: readonly string[];
  training: Training | null;
}

export interface Parcel {
  readonly parcelId: string;
  readonly memberId: string | null;
  readonly areaM2: number;
  readonly landClass: LandClass;
}

export interface Proponent {
  readonly participantId: string;
  /** Ownership share in basis points; the shares of a project sum to 10,000. */
  readonly shareBp: number;
}

export type ProjectStatus = 'submitted' | 'validated' | 'registered' | 'not-validated' | 'suspended';

export interface Step {
  readonly step: string;
  readonly actor: string;
  readonly at: string;
  readonly documents: readonly Document[];
}

export type PeriodStatus = 'submitted' | 'verified' | 'not-verified' | 'issued';

export interface MonitoringPeriod {
  readonly periodId: string;
  readonly from: string;
  readonly to: string;
  readonly vintage: number;
  readonly reportedKg: number;
  /** Reported removals per parcel, kg CO2e, when the report breaks them down. */
  readonly parcelKg: ReadonlyMap<string, number> | null;
  status: PeriodStatus;
  verifiedKg: number;
}

export interface Deduction {
  readonly name: string;
  readonly shareBp: number;
  /** Participant whose cash account receives the deduction. */
  readonly recipient: string;
}

export interface ContractMember {
  readonly memberId: string;
  /** Weight under the `fixed` formula. */
  readonly fixedShare?: number | undefined;
  /** Persons counted under `per-capita` (default 1). */
  readonly persons?: number | undefined;
}

export interface ContractTerms {
  readonly version: number;
  readonly formula: ShareFormula;
  /** Applied in order, each a share of what the ones before it left. */
  readonly deductions: readonly Deduction[];
  readonly members: readonly ContractMember[];
  readonly schedule: string;
}

export interface Project {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly subtype: string | null;
  readonly regionCode: string;
  readonly methodology: string;
  readonly creditingPeriod: { readonly start: string; readonly end: string };
  readonly proponents: readonly Proponent[];
  /** The cooperative or collective aggregating its members' parcels, or null. */
  readonly aggregator: string | null;
  readonly parcels: readonly Parcel[];
  readonly financiers: readonly string[];
  status: ProjectStatus;
  /** Status to return to when a suspension is lifted. */
  statusBeforeSuspension: ProjectStatus | null;
  readonly steps: Step[];
  readonly periods: Map<string, MonitoringPeriod>;
  /** Verified kg CO2e not yet issued (below one tonne). */
  carryKg: number;
  issuedT: number;
  /** Reversed tonnes neither the buffer nor the proponents' holdings could cover. */
  uncoveredReversalT: number;
  readonly contracts: ContractTerms[];
  /** Latest contract version each member signed. */
  readonly signatures: Map<string, number>;
  readonly issuances: Issuance[];
  /** Tonnes attributed to each member by issuance. */
  readonly attributedT: Map<string, number>;
}

export interface Issuance {
  readonly periodId: string;
  readonly vintage: number;
  readonly issuedT: number;
  readonly bufferT: number;
  readonly serials: readonly string[];
  readonly at: string;
}

export interface Pledge {
  readonly pledgeId: string;
  readonly holder: string;
  readonly bank: string;
  readonly quantityT: number;
  readonly loanReference: string;
  status: 'active' | 'released' | 'seized';
}

export interface Certificate {
  readonly certificateId: string;
  readonly holder: string;
  readonly beneficiary: string;
  readonly purpose: RetirementPurpose;
  readonly quantityT: number;
  readonly serials: readonly string[];
  readonly at: string;
}

export interface MemberStatement {
  attributedT: number;
  salesFen: number;
  deductionsFen: number;
  payableFen: number;
  paidFen: number;
}

export interface RegistryOptions {
  /** First part of every serial; letters and digits only. */
  readonly registryCode: string;
  /** Buffer share per project type in basis points; the keys are the project types. */
  readonly bufferShareBp: Readonly<Record<string, number>>;
}

export const DEFAULT_OPTIONS: RegistryOptions = {
  registryCode: 'NTL',
  bufferShareBp: { forest: 2000, 'farmland-soil': 1000, wetland: 1000, grassland: 1000, orchard: 1000 },
};

export interface RegistryState {
  readonly options: RegistryOptions;
  readonly participants: Map<string, Participant>;
  readonly projects: Map<string, Project>;
  /** Parcel id → the active project it belongs to (one active project per parcel). */
  readonly activeParcels: Map<string, string>;
  readonly balances: Balances;
  readonly blocks: BlockBook;
  readonly pledges: Map<string, Pledge>;
  readonly certificates: Map<string, Certificate>;
  /**
   * Units reserved by sell orders, per account and instrument (kept by the exchange): a
   * reservation is a quantity, so movements leave that many units of the instrument unpicked.
   */
  readonly reservedUnits: Map<string, Map<string, number>>;
  /** Project id → member id → statement. */
  readonly statements: Map<string, Map<string, MemberStatement>>;
  certificateCount: number;
}
