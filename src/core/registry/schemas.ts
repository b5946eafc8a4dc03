/**
 * Payload schemas of the registry commands (contracts.md §7). A payload that fails its
 * schema is refused with `invalid_payload`, naming the field; the envelope was well formed.
 */
import { z } from 'zod';
import { LAND_CLASSES } from '../accounting/index.js';
import { PARTICIPANT_KINDS, RETIREMENT_PURPOSES, SHARE_FORMULAS } from './types.js';

/** Participant, pledge and period ids: no `:` or `/`, which account names use. */
export const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . - (at most 64), starting with a letter or digit');
/** Project ids appear inside serials, so no separator at all. */
export const ProjectId = z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'letters and digits only (at most 32)');
const RegionCode = z.string().regex(/^\d{6}$/, 'a 6-digit division code');
const Day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date YYYY-MM-DD');
const Text = z.string().min(1).max(500);
const PositiveInt = z.int().positive();
const Bp = z.int().min(0).max(10000);
const Documents = z.array(z.strictObject({ name: Text, sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 hex digits') })).default([]);
const Selection = {
  quantityT: PositiveInt.optional(),
  projectId: ProjectId.optional(),
  vintage: z.int().min(1900).max(9999).optional(),
  serials: z.array(z.string()).min(1).optional(),
};

export const SCHEMAS = {
  'participant.register': z.strictObject({ id: Id, kind: z.enum(PARTICIPANT_KINDS), name: Text, regionCode: RegionCode, affiliations: z.array(Id).default([]) }),
  'training.record': z.strictObject({ participantId: Id, certificateId: Text, trainedOn: Day }),
  'cash.deposit': z.strictObject({ participantId: Id.optional(), amountFen: PositiveInt, reference: Text }),
  'cash.withdraw': z.strictObject({ amountFen: PositiveInt, reference: Text }),
  'cash.transfer': z.strictObject({ to: Id, amountFen: PositiveInt, reference: Text.optional() }),
  'project.submit': z.strictObject({
    projectId: ProjectId,
    name: Text,
    type: z.string().min(1).max(40),
    subtype: z.string().min(1).max(60).optional(),
    regionCode: RegionCode,
    methodology: Text,
    creditingPeriod: z.strictObject({ start: Day, end: Day }),
    proponents: z.array(z.strictObject({ participantId: Id, shareBp: PositiveInt })).min(1).optional(),
    aggregated: z.boolean().default(false),
    parcels: z.array(z.strictObject({
      parcelId: z.string().regex(/^[^\s:/|]{1,64}$/, 'at most 64 characters, no spaces, : / |'),
      areaHm2: z.number().positive().max(1e7),
      landClass: z.enum(LAND_CLASSES),
      memberId: Id.optional(),
      polygon: z.unknown().optional(),
    })).min(1),
    financiers: z.array(Id).default([]),
    notRegisteredElsewhere: z.boolean(),
    otherProgrammes: z.array(Text).default([]),
    documents: Documents,
  }),
  'project.validate': z.strictObject({ projectId: ProjectId, decision: z.enum(['accept', 'reject']), reason: Text.optional(), documents: Documents }),
  'project.register': z.strictObject({ projectId: ProjectId, documents: Documents }),
  'project.suspend': z.strictObject({ projectId: ProjectId, reason: Text, lift: z.boolean().default(false), documents: Documents }),
  'monitoring.submit': z.strictObject({
    projectId: ProjectId,
    periodId: Id,
    from: Day,
    to: Day,
    removalsKgCO2e: z.int().min(0),
    parcels: z.array(z.strictObject({ parcelId: z.string().min(1), removalsKgCO2e: z.int().min(0) })).optional(),
    documents: Documents,
  }),
  'monitoring.verify': z.strictObject({
    projectId: ProjectId,
    periodId: Id,
    decision: z.enum(['accept', 'reject']),
    verifiedKgCO2e: z.int().min(0).optional(),
    reason: Text.optional(),
    documents: Documents,
  }),
  'credits.issue': z.strictObject({ projectId: ProjectId, periodId: Id, bufferShareBp: Bp.optional() }),
  'credits.transfer': z.strictObject({ to: Id, ...Selection, reference: Text.optional() }),
  'credits.retire': z.strictObject({ ...Selection, beneficiary: Text, purpose: z.enum(RETIREMENT_PURPOSES), note: Text.optional() }),
  'credits.reverse': z.strictObject({ projectId: ProjectId, lostT: PositiveInt, reason: Text, documents: Documents }),
  'credits.pledge': z.strictObject({ pledgeId: Id, bank: Id, ...Selection, loanReference: Text }),
  'credits.release': z.strictObject({ pledgeId: Id }),
  'credits.seize': z.strictObject({ pledgeId: Id, reason: Text }),
  'contract.sign': z.strictObject({
    projectId: ProjectId,
    version: PositiveInt,
    terms: z.strictObject({
      formula: z.enum(SHARE_FORMULAS),
      deductions: z.array(z.strictObject({ name: Text, shareBp: Bp, recipient: Id })).default([]),
      members: z.array(z.strictObject({ memberId: Id, fixedShare: z.int().min(0).optional(), persons: PositiveInt.optional() })).min(1),
      schedule: Text,
    }).optional(),
    documents: Documents,
  }),
  'benefit.distribute': z.strictObject({ projectId: ProjectId, proceedsFen: PositiveInt, reference: Text }),
  'benefit.pay': z.strictObject({ projectId: ProjectId, memberId: Id, amountFen: PositiveInt, bankReference: Text }),
  'registry.correct': z.strictObject({
    reason: Text,
    ref: z.strictObject({ actor: Id, key: z.string().min(1) }).optional(),
    cash: z.strictObject({ from: Id, to: Id, amountFen: PositiveInt }).optional(),
    units: z.strictObject({ from: Id, to: Id, serials: z.array(z.string()).min(1) }).optional(),
  }),
} as const;

export type CommandType = keyof typeof SCHEMAS;
export type PayloadOf<T extends CommandType> = z.output<(typeof SCHEMAS)[T]>;

/** Every registry command type, for adapters that check a journal line's type. */
export const REGISTRY_COMMAND_TYPES: readonly CommandType[] = Object.keys(SCHEMAS) as CommandType[];

/** The first schema issue as `$.path: message`. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid payload';
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `$.payload${path}: ${issue.message}`;
}
