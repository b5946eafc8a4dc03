/**
 * Payload schemas of the compliance commands (contracts.md §7, market.md §5, §8, §10). A
 * payload that fails its schema is refused with `invalid_payload`, naming the field.
 */
import { z } from 'zod';
import { FOOTPRINT_SCOPES, REGIMES } from './types.js';

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . - (at most 64), starting with a letter or digit');
/** Jurisdiction ids name allowance records and instruments (`CEA/<jurisdiction>/<vintage>`). */
const JurisdictionId = z.string().regex(/^[A-Za-z0-9]{1,28}$/, 'letters and digits only (at most 28)');
const RegionCode = z.string().regex(/^\d{6}$/, 'a 6-digit division code');
const Day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date YYYY-MM-DD');
const Text = z.string().min(1).max(500);
const Year = z.int().min(1900).max(9999);
const Tonnes = z.int().min(0).max(1_000_000_000);
const PositiveTonnes = z.int().positive().max(1_000_000_000);
const PriceFen = z.int().positive().max(1_000_000_000);
const Hash = z.string().regex(/^[0-9a-f]{64}$/, '64 hex digits (SHA-256 of the source result)');
const Documents = z.array(z.strictObject({ name: Text, sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 hex digits') })).default([]);
/** A float that is finite and not negative (activity data and emission factors). */
const Measure = z.number().min(0).max(1e15);

const CreditSelection = z.strictObject({
  quantityT: PositiveTonnes,
  projectId: z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'letters and digits only (at most 32)').optional(),
  vintage: Year.optional(),
});

export const COMPLIANCE_SCHEMAS = {
  'jurisdiction.configure': z.strictObject({
    jurisdiction: JurisdictionId,
    name: Text,
    regime: z.enum(REGIMES),
    authority: Id,
    regions: z.array(RegionCode).min(1),
    keyEmitterThresholdT: Tonnes.default(26_000),
    penaltyMultiple: z.int().min(1).max(100).default(5),
    referencePriceFen: PriceFen,
    overdraft: z.strictObject({ perEmitterLimitT: Tonnes, collateralFenPerT: z.int().min(0).max(1_000_000_000) }).optional(),
  }),
  'period.open': z.strictObject({
    jurisdiction: JurisdictionId,
    periodId: Id,
    year: Year,
    deadline: Day,
    offsets: z.strictObject({
      capBp: z.int().min(0).max(10_000).default(500),
      types: z.array(z.string().min(1).max(40)).default([]),
      vintageFrom: Year.optional(),
      vintageTo: Year.optional(),
      origins: z.array(RegionCode).default([]),
    }).default({ capBp: 500, types: [], origins: [] }),
  }),
  'emitter.register': z.strictObject({ jurisdiction: JurisdictionId, participantId: Id, sector: Text, annualEmissionsT: Tonnes }),
  'emissions.report': z.strictObject({
    jurisdiction: JurisdictionId,
    periodId: Id,
    lines: z.array(z.strictObject({
      scope: z.enum(FOOTPRINT_SCOPES),
      source: Text,
      activity: Measure,
      activityUnit: z.string().min(1).max(40),
      factorKgCO2ePerUnit: Measure,
      factorSource: Text,
    })).min(1).max(1000),
    documents: Documents,
  }),
  'emissions.verify': z.strictObject({
    jurisdiction: JurisdictionId,
    periodId: Id,
    emitter: Id,
    decision: z.enum(['accept', 'reject']),
    verifiedKgCO2e: z.int().min(0).max(1e15).optional(),
    reason: Text.optional(),
    documents: Documents,
  }),
  'allocation.grant': z.strictObject({
    jurisdiction: JurisdictionId,
    periodId: Id,
    vintage: Year,
    method: z.enum(['list', 'benchmark']),
    grants: z.array(z.strictObject({
      participantId: Id,
      quantityT: Tonnes.optional(),
      benchmarkKgCO2ePerUnit: Measure.optional(),
      output: Measure.optional(),
    })).min(1),
    reserveT: Tonnes.default(0),
  }),
  'compliance.surrender': z.strictObject({
    jurisdiction: JurisdictionId,
    periodId: Id,
    allowancesT: Tonnes.default(0),
    credits: CreditSelection.optional(),
    obligationId: Id.optional(),
  }),
  'compliance.close': z.strictObject({ jurisdiction: JurisdictionId, periodId: Id }),
  'obligation.open': z.strictObject({
    obligationId: Id,
    jurisdiction: JurisdictionId,
    periodId: Id,
    quantityT: PositiveTonnes,
    dueDate: Day,
    cityLimit: z.strictObject({ regionCode: RegionCode, limitT: Tonnes, sourceHash: Hash }),
  }),
  'obligation.settle': z.strictObject({ obligationId: Id, rollOverDueDate: Day }),
  'penalty.pay': z.strictObject({ penaltyId: Id, amountFen: z.int().positive().max(Number.MAX_SAFE_INTEGER) }),
  'compensation.settle': z.strictObject({
    year: Year,
    resultHash: Hash,
    balanced: z.boolean(),
    regions: z.array(z.strictObject({
      regionCode: RegionCode,
      role: z.enum(['pay', 'receive', 'balance']),
      amount10kYuan: z.number().min(-1e9).max(1e9),
    })).min(1),
    creditRoutes: z.array(z.strictObject({ regionCode: RegionCode, certificateIds: z.array(z.string().min(1).max(100)).min(1) })).default([]),
  }),
} as const;

export type ComplianceCommandType = keyof typeof COMPLIANCE_SCHEMAS;
export type CompliancePayloadOf<T extends ComplianceCommandType> = z.output<(typeof COMPLIANCE_SCHEMAS)[T]>;
export const COMPLIANCE_COMMAND_TYPES = Object.keys(COMPLIANCE_SCHEMAS) as ComplianceCommandType[];
