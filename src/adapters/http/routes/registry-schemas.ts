/** Response schemas of the registry reads (the OpenAPI document shows them; tests parse with them). */
import { z } from 'zod';
import { PARTICIPANT_KINDS } from '../../../core/registry/types.js';
import type { Role } from '../roles.js';

/** Logged-in reads: every participant kind; handlers narrow to the records the caller may see. */
export const READ_ROLES: readonly Role[] = [...PARTICIPANT_KINDS];

const step = z.object({ step: z.string(), actor: z.string(), at: z.string(), documents: z.array(z.object({ name: z.string(), sha256: z.string() })) });
const issuance = z.object({ periodId: z.string(), vintage: z.number(), issuedT: z.number(), bufferT: z.number(), serials: z.array(z.string()), at: z.string() });

export const projectSchema = z.looseObject({
  projectId: z.string(), name: z.string(), type: z.string(), regionCode: z.string(),
  status: z.enum(['submitted', 'validated', 'registered', 'not-validated', 'suspended']),
  methodology: z.string(), creditingPeriod: z.object({ start: z.string(), end: z.string() }),
  proponents: z.array(z.object({ participantId: z.string(), shareBp: z.number() })), aggregator: z.string().nullable(),
  contractVersion: z.number().nullable().describe('the version of the benefit-sharing contract in force (its terms are for the members), null before one is published'),
  parcels: z.number(), areaM2: z.number(), issuedT: z.number(), carryKg: z.number(), uncoveredReversalT: z.number(),
  estimate: z.unknown().describe('ex-ante estimate (isEstimate: true), never used for issuance'),
  periods: z.array(z.looseObject({ periodId: z.string(), from: z.string(), to: z.string(), vintage: z.number(), status: z.string() })),
  issuances: z.array(issuance), steps: z.array(step),
});

export const certificateSchema = z.object({
  certificateId: z.string(), holder: z.string(), beneficiary: z.string(), purpose: z.enum(['voluntary', 'compliance', 'cross-city']),
  quantityT: z.number(), serials: z.array(z.string()), at: z.string(),
});

export const checkSchema = z.object({
  start: z.number(), end: z.number(), status: z.enum(['held', 'buffer', 'pledged', 'retired', 'cancelled']),
  holder: z.string().nullable(), certificateId: z.string().nullable(),
});

export const historySchema = z.object({
  serial: z.string(), parts: z.array(checkSchema),
  history: z.array(z.object({ seq: z.number(), type: z.string(), at: z.string(), actor: z.string(), start: z.number(), end: z.number(), from: z.string(), to: z.string(), details: z.record(z.string(), z.unknown()) })),
});

export const statementSchema = z.object({
  projectId: z.string(), memberId: z.string(), memberName: z.string().nullable(), projectName: z.string(),
  attributedT: z.number(), salesFen: z.number(), deductionsFen: z.number(), payableFen: z.number(), paidFen: z.number(), outstandingFen: z.number(),
  contract: z.unknown().nullable().describe('the contract version in force'), signedVersion: z.number().nullable(),
});

export const memberStatementRowSchema = z.object({
  memberId: z.string(), memberName: z.string().nullable(), signedVersion: z.number().nullable(),
  attributedT: z.number(), salesFen: z.number(), deductionsFen: z.number(), payableFen: z.number(), paidFen: z.number(), outstandingFen: z.number(),
});

export const statementLineSchema = z.object({
  seq: z.number().describe('the event\u2019s seq: lines are in journal order'), at: z.string(),
  kind: z.enum(['issued', 'sale', 'distribution', 'bust', 'payment']),
  reference: z.string().describe('the monitoring period (issued), the instrument (sale, bust), the proponent\u2019s reference (distribution) or the bank\u2019s (payment)'),
  tradeSeq: z.number().optional().describe('the trade sold in (sale) or busted (bust)'),
  attributedT: z.number(), salesFen: z.number(), deductionsFen: z.number(), payableFen: z.number(), paidFen: z.number(),
}).describe('what one event added to each figure of the statement (a bust\u2019s are negative); a member\u2019s lines add up to its statement');

export const holdingsSchema = z.object({
  participantId: z.string(), cashFen: z.number(),
  units: z.array(z.looseObject({ quantityT: z.number() })),
  blocks: z.array(z.object({ projectId: z.string(), vintage: z.number(), start: z.number(), end: z.number() })),
  pledges: z.array(z.looseObject({ pledgeId: z.string() })),
  accounts: z.array(z.object({ account: z.string(), asset: z.string(), amount: z.number() })),
});

export const eventSchema = z.object({ seq: z.number(), key: z.string(), type: z.string(), payload: z.record(z.string(), z.unknown()), prevHash: z.string(), hash: z.string() });
