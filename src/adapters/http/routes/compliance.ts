/**
 * Compliance reads (docs/compliance.md): the jurisdictions' periods (for a picker), a period's report per jurisdiction (each emitter's
 * status, offsets, overdraft, penalties; per-city verified emissions), an emitter's own positions, a year's clearing
 * statement, and the cities' sink-credit exports and imports. Wrappers over the core's
 * report functions, read from the live state. Reports name emitters, so they are for the
 * authorities, the registry, verifiers and planners; an emitter reads its own positions; city
 * flows are public market data.
 */
import { z } from 'zod';
import { type ComplianceState, cityFlowReport, clearingReport, emitterPositions, periodList, periodReport } from '../../../core/compliance/index.js';
import { type Result, err, ok } from '../../../core/result.js';
import type { ApiProblem } from '../errors.js';
import type { Role } from '../roles.js';
import { type AnyRoute, type Reply, defineRoute } from '../route.js';
import { NO_DATABASE, type Services } from '../services.js';

type Json = Result<Reply, ApiProblem[]>;
const json = (body: unknown): Json => ok({ kind: 'json', body });
const READERS: readonly Role[] = ['admin', 'planner', 'registry-administrator', 'provincial-government', 'city-government', 'verifier', 'market-operator'];
const Code = z.string().regex(/^[A-Za-z0-9]{1,28}$/, 'letters and digits only');
const PeriodId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'a period id');

function withCompliance<T>(services: Services, view: (state: ComplianceState) => T): Result<T, ApiProblem[]> {
  const journal = services.journal;
  if (journal === null) return err([NO_DATABASE]);
  const compliance = journal.compliance;
  if (compliance === undefined) return err([{ code: 'db_unavailable', message: 'this server\u2019s journal does not run the compliance regimes' }]);
  return ok(journal.store.read((state) => view(compliance(state))));
}

const obligationSchema = z.object({ obligationId: z.string(), emitter: z.string(), quantityT: z.number(), deliveredT: z.number(), dueDate: z.string(), collateralFen: z.number(), releasedFen: z.number(), status: z.string(), rolledFrom: z.string().nullable() });

const emitterRowSchema = z.object({
  participantId: z.string(), name: z.string(), city: z.string(), sector: z.string(), classification: z.string(), reportStatus: z.string(),
  reportedKgCO2e: z.number(), verifiedKgCO2e: z.number(), obligationT: z.number(), allocatedT: z.number(), deductedT: z.number(), allowancesT: z.number(),
  offsetsT: z.number(), offsetCapT: z.number(), overdraftT: z.number(), overdraftOutstandingT: z.number(), shortfallT: z.number(), penaltyFen: z.number(),
  penaltyPaidFen: z.number(), status: z.string().describe('covered, short (open period), penalised, unreported or excluded'),
});

const periodReportSchema = z.object({
  jurisdiction: z.string(), regime: z.string(), periodId: z.string(), year: z.number(), deadline: z.string(), closed: z.boolean(),
  penaltyPriceFen: z.number().nullable(), penaltyPriceSource: z.string().nullable(), emitters: z.array(emitterRowSchema),
  obligations: z.array(obligationSchema),
  cities: z.array(z.object({ city: z.string(), verifiedKgCO2e: z.number(), emitters: z.number() })),
});

const clearingSchema = z.object({
  year: z.number(), resultHash: z.string(), poolInFen: z.number(), poolOutFen: z.number(),
  lines: z.array(z.object({ regionCode: z.string(), participantId: z.string(), role: z.string(), amountFen: z.number(), creditRouteFen: z.number(), cashFen: z.number(), certificates: z.string() })),
});

const periodSummarySchema = z.object({
  jurisdiction: z.string(), name: z.string(), regime: z.string().describe('cap-and-trade or neutrality'), periodId: z.string(), year: z.number(), deadline: z.string(), closed: z.boolean(),
});

const positionSchema = periodSummarySchema.extend({
  penaltyPriceFen: z.number().nullable(), position: emitterRowSchema.describe('the caller\u2019s row of the period report'), obligations: z.array(obligationSchema).describe('the caller\u2019s overdraft obligations of the period'),
});

const flowSchema = z.object({ city: z.string(), exportsT: z.number(), exportsFen: z.number(), importsT: z.number(), importsFen: z.number() });

export const complianceRoutes: readonly AnyRoute[] = [
  defineRoute({
    method: 'GET', path: '/compliance/periods', operationId: 'listCompliancePeriods', tags: ['compliance'], roles: READERS,
    summary: 'Every jurisdiction\u2019s periods (name, regime, year, deadline, closed), by jurisdiction, newest year first',
    response: { contentType: 'application/json', schema: z.object({ items: z.array(periodSummarySchema) }) },
    handler: async (_input, { services }) => {
      const view = withCompliance(services, (s) => periodList(s));
      return view.ok ? json({ items: view.value }) : view;
    },
  }),
  defineRoute({
    method: 'GET', path: '/compliance/periods/{jurisdiction}/{periodId}', operationId: 'getCompliancePeriod', tags: ['compliance'], roles: READERS,
    summary: 'A period\u2019s report: each emitter\u2019s status, surrenders, offsets, overdraft and penalties; verified emissions per city',
    params: z.strictObject({ jurisdiction: Code, periodId: PeriodId }), response: { contentType: 'application/json', schema: periodReportSchema },
    handler: async ({ params }, { services }) => {
      const view = withCompliance(services, (s) => periodReport(s, params.jurisdiction, params.periodId));
      if (!view.ok) return view;
      return view.value === null ? err([{ code: 'not_found', field: 'periodId', message: `period ${params.periodId} of ${params.jurisdiction} is not open` }]) : json(view.value);
    },
  }),
  defineRoute({
    method: 'GET', path: '/compliance/my/positions', operationId: 'myCompliancePositions', tags: ['compliance'], roles: ['emitter-enterprise'],
    summary: 'The calling emitter\u2019s own compliance, period by period (newest year first): its row of each period report and its overdraft obligations; nothing of other emitters',
    response: { contentType: 'application/json', schema: z.object({ items: z.array(positionSchema) }) },
    handler: async (_input, { services, caller }) => {
      const participantId = caller?.user.participantId ?? null;
      const view = withCompliance(services, (s) => (participantId === null ? [] : emitterPositions(s, participantId)));
      return view.ok ? json({ items: view.value }) : view;
    },
  }),
  defineRoute({
    method: 'GET', path: '/compliance/clearings/{year}', operationId: 'getClearing', tags: ['compliance'], roles: READERS,
    summary: 'The clearing statement of a year\u2019s horizontal compensation: both routes per payer, the pool, the receivers',
    params: z.strictObject({ year: z.coerce.number().int().min(1900).max(9999) }), response: { contentType: 'application/json', schema: clearingSchema },
    handler: async ({ params }, { services }) => {
      const view = withCompliance(services, (s) => clearingReport(s, params.year));
      if (!view.ok) return view;
      return view.value === null ? err([{ code: 'not_found', field: 'year', message: `no clearing for ${params.year}` }]) : json(view.value);
    },
  }),
  defineRoute({
    method: 'GET', path: '/compliance/city-flows', operationId: 'listCityFlows', tags: ['compliance', 'public'], roles: ['public'],
    summary: 'Sink credits sold out of (exports) and bought into (imports) each city by trades between cities',
    response: { contentType: 'application/json', schema: z.object({ items: z.array(flowSchema) }) },
    handler: async (_input, { services }) => {
      const view = withCompliance(services, (s) => cityFlowReport(s));
      return view.ok ? json({ items: view.value }) : view;
    },
  }),
];
