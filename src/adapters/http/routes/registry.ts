/**
 * Registry reads. Public (no login, market.md §10): projects with their lifecycle and
 * issuances, retirements, a certificate, the check of a serial. Logged in: a serial's full
 * history, a member's statement and its lines, a participant's balances and holdings, the event log.
 */
import { z } from 'zod';
import { ACCOUNTS, CASH_ASSET, parseUnitAsset } from '../../../core/ledger/accounts.js';
import { type Result, err, ok } from '../../../core/result.js';
import { type MemberStatementView, certificateById, checkSerial, memberStatement, projectStatements, publicRegistryView, serialHistory } from '../../../core/registry/views.js';
import { mergedFrom, seqOrderKey } from '../../../core/market/index.js';
import { REGISTRY_STAFF, linesOf } from '../../../core/registry/index.js';
import { parseSerial } from '../../../core/registry/serials.js';
import type { Project, RegistryState } from '../../../core/registry/types.js';
import type { ApiProblem } from '../errors.js';
import { cursorAfter, decodeCursor, encodeCursor, pageFrom, pageOrderSchema, pageQuerySchema, pageSchema, paginate } from '../paging.js';
import type { Role } from '../roles.js';
import { type AnyRoute, type Reply, defineRoute } from '../route.js';
import { journalTail } from '../journal-tail.js';
import { type Caller, NO_DATABASE, type Services } from '../services.js';
import { READ_ROLES, projectSchema, certificateSchema, checkSchema, historySchema, statementSchema, statementLineSchema, memberStatementRowSchema, holdingsSchema, eventSchema } from './registry-schemas.js';

type Json = Result<Reply, ApiProblem[]>;
const json = (body: unknown): Json => ok({ kind: 'json', body });
const notFound = (field: string, what: string): Result<never, ApiProblem[]> => err([{ code: 'not_found', field, message: `${what} is not in this registry` }]);

function withState<T>(services: Services, view: (state: RegistryState) => T): Result<T, ApiProblem[]> {
  const journal = services.journal;
  if (journal === null) return err([NO_DATABASE]);
  return ok(journal.store.read((state) => view(journal.registry(state))));
}

/** Registry staff see everyone's records; a participant sees its own. */
const isStaff = (caller: Caller | null): boolean => caller !== null && caller.user.roles.some((r) => (REGISTRY_STAFF as readonly string[]).includes(r));
const forbidden = (message: string): Result<never, ApiProblem[]> => err([{ code: 'forbidden', message }]);

const ProjectId = z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'letters and digits only (at most 32)');
const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, _ . - (at most 64)');
const Seq = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const Serial = z.string().regex(/^[A-Za-z0-9]+-\d{6}-[A-Za-z0-9]+-\d{4}-\d+-\d+$/, 'a serial range <registry>-<region>-<project>-<vintage>-<start>-<end>');

const publicRoles: readonly Role[] = ['public'];

const statementParams = z.strictObject({ projectId: ProjectId, memberId: Id });

/** The project and the member's statement, for the member, the project's proponents and registry staff (market.md §7). */
function statementView(services: Services, caller: Caller | null, params: { projectId: string; memberId: string }): Result<{ project: Project; statement: MemberStatementView; memberName: string | null }, ApiProblem[]> {
  const view = withState(services, (s) => {
    const project = s.projects.get(params.projectId);
    if (project === undefined) return null;
    return { project, statement: memberStatement(s, params.projectId, params.memberId), memberName: s.participants.get(params.memberId)?.name ?? null };
  });
  if (!view.ok) return view;
  if (view.value === null) return notFound('projectId', `project ${params.projectId}`);
  const me = caller?.user.participantId ?? null;
  const proponent = view.value.project.proponents.some((p) => p.participantId === me);
  if (!isStaff(caller) && me !== params.memberId && !proponent) return forbidden(`market.md §7: a statement is for the member ${params.memberId}, the project's proponents and registry staff`);
  return ok(view.value);
}

/**
 * Retirements page in the order their certificates were issued, `<registry>-RC-<n>` by n (zero-padded,
 * then the id): by the bare id NTL-RC-10 would come between NTL-RC-1 and NTL-RC-2, and newest first
 * would not start at the latest.
 */
const retirementKey = (c: { certificateId: string }): string => `${(/\d+$/.exec(c.certificateId)?.[0] ?? '').padStart(16, '0')} ${c.certificateId}`;

export const registryRoutes: readonly AnyRoute[] = [
  defineRoute({
    method: 'GET', path: '/registry/projects', operationId: 'listProjects', tags: ['registry', 'public'], roles: publicRoles,
    summary: 'Projects with status, lifecycle steps, estimate, periods and issuances (public registry view)',
    query: pageQuerySchema, response: { contentType: 'application/json', schema: pageSchema(projectSchema) },
    handler: async ({ query }, { services }) => {
      const view = withState(services, (s) => publicRegistryView(s).projects);
      if (!view.ok) return view;
      const page = paginate(view.value, (p) => p.projectId, query);
      return page.ok ? json(page.value) : err([page.error]);
    },
  }),
  defineRoute({
    method: 'GET', path: '/registry/projects/{projectId}', operationId: 'getProject', tags: ['registry', 'public'], roles: publicRoles,
    summary: 'One project and its lifecycle (public registry view)',
    params: z.strictObject({ projectId: ProjectId }), response: { contentType: 'application/json', schema: projectSchema },
    handler: async ({ params }, { services }) => {
      const view = withState(services, (s) => publicRegistryView(s).projects.find((p) => p.projectId === params.projectId));
      if (!view.ok) return view;
      return view.value === undefined ? notFound('projectId', `project ${params.projectId}`) : json(view.value);
    },
  }),
  defineRoute({
    method: 'GET', path: '/registry/retirements', operationId: 'listRetirements', tags: ['registry', 'public'], roles: publicRoles,
    summary: 'Retirement certificates (public registry view), in the order they were issued or newest first, paged',
    query: pageQuerySchema.extend({ order: pageOrderSchema }), response: { contentType: 'application/json', schema: pageSchema(certificateSchema) },
    handler: async ({ query }, { services }) => {
      const view = withState(services, (s) => publicRegistryView(s).retirements);
      if (!view.ok) return view;
      const page = paginate(view.value, retirementKey, query, { newestFirst: query.order === 'newest' });
      return page.ok ? json(page.value) : err([page.error]);
    },
  }),
  defineRoute({
    method: 'GET', path: '/registry/certificates/{certificateId}', operationId: 'getCertificate', tags: ['registry', 'public'], roles: publicRoles,
    summary: 'A retirement certificate, with where its serials are now',
    params: z.strictObject({ certificateId: Id }),
    response: { contentType: 'application/json', schema: certificateSchema.extend({ checks: z.array(z.object({ serial: z.string(), parts: z.array(checkSchema) })) }) },
    handler: async ({ params }, { services }) => {
      const view = withState(services, (s) => {
        const c = certificateById(s, params.certificateId);
        return c === null ? null : { ...c, checks: c.serials.map((serial) => ({ serial, parts: checkSerial(s, serial) ?? [] })) };
      });
      if (!view.ok) return view;
      return view.value === null ? notFound('certificateId', `certificate ${params.certificateId}`) : json(view.value);
    },
  }),
  defineRoute({
    method: 'GET', path: '/registry/serials/{serial}', operationId: 'checkSerial', tags: ['registry', 'public'], roles: publicRoles,
    summary: 'Certificate check by serial: where each part of the range is now (held, buffer, pledged, retired with its certificate, cancelled)',
    params: z.strictObject({ serial: Serial }), response: { contentType: 'application/json', schema: z.object({ serial: z.string(), parts: z.array(checkSchema) }) },
    handler: async ({ params }, { services }) => {
      const view = withState(services, (s) => checkSerial(s, params.serial));
      if (!view.ok) return view;
      return view.value === null ? notFound('serial', `serial ${params.serial}`) : json({ serial: params.serial, parts: view.value });
    },
  }),
  defineRoute({
    method: 'GET', path: '/registry/serials/{serial}/history', operationId: 'serialHistory', tags: ['registry'], roles: READ_ROLES,
    summary: 'Every event that moved any unit of the range: issuance, transfers, pledges, retirement, reversal, corrections',
    params: z.strictObject({ serial: Serial }), response: { contentType: 'application/json', schema: historySchema },
    handler: async ({ params }, { services }) => {
      const parts = withState(services, (s) => checkSerial(s, params.serial));
      if (!parts.ok) return parts;
      const range = parseSerial(params.serial);
      if (parts.value === null || range === null) return notFound('serial', `serial ${params.serial}`);
      const records = await journalTail(services.journal!.store).blockEvents(range.projectId);
      return json({ serial: params.serial, parts: parts.value, history: serialHistory(records, params.serial) ?? [] });
    },
  }),
  defineRoute({
    method: 'GET', path: '/registry/projects/{projectId}/members/{memberId}/statement', operationId: 'memberStatement', tags: ['registry'], roles: READ_ROLES,
    summary: 'A member\u2019s statement (market.md §7): tonnes attributed, sales, deductions, payable, paid, outstanding; for the member, the project\u2019s proponents and registry staff',
    params: statementParams, response: { contentType: 'application/json', schema: statementSchema },
    handler: async ({ params }, { services, caller }) => {
      const view = statementView(services, caller, params);
      if (!view.ok) return view;
      const { project: p, statement, memberName } = view.value;
      return json({ ...statement, memberName, projectName: p.name, contract: p.contracts.at(-1) ?? null, signedVersion: p.signatures.get(params.memberId) ?? null });
    },
  }),
  defineRoute({
    method: 'GET', path: '/registry/projects/{projectId}/statements', operationId: 'projectStatements', tags: ['registry'], roles: READ_ROLES,
    summary: 'Every member\u2019s statement in a project, by member id, paged: what each was attributed, sold, owed and paid; for the project\u2019s proponents and registry staff',
    params: z.strictObject({ projectId: ProjectId }), query: pageQuerySchema,
    response: { contentType: 'application/json', schema: pageSchema(memberStatementRowSchema) },
    handler: async ({ params, query }, { services, caller }) => {
      const view = withState(services, (s) => {
        const project = s.projects.get(params.projectId);
        if (project === undefined) return null;
        const rows = projectStatements(s, project.id).map(({ projectId: _, ...row }) => ({ ...row, memberName: s.participants.get(row.memberId)?.name ?? null, signedVersion: project.signatures.get(row.memberId) ?? null }));
        return { project, rows };
      });
      if (!view.ok) return view;
      if (view.value === null) return notFound('projectId', `project ${params.projectId}`);
      const me = caller?.user.participantId ?? null;
      if (!isStaff(caller) && !view.value.project.proponents.some((p) => p.participantId === me)) return forbidden(`market.md §7: the members' statements of ${params.projectId} are for its proponents and registry staff; a member reads its own`);
      const page = paginate(view.value.rows, (row) => row.memberId, query);
      return page.ok ? json(page.value) : err([page.error]);
    },
  }),
  defineRoute({
    method: 'GET', path: '/registry/projects/{projectId}/members/{memberId}/statement/lines', operationId: 'memberStatementLines', tags: ['registry'], roles: READ_ROLES,
    summary: 'A member\u2019s statement line by line: each issuance, sale, off-exchange distribution, bust and payment with what it added; paged, in journal order or newest first; for the same readers as the statement',
    params: statementParams, query: pageQuerySchema.extend({ order: pageOrderSchema }),
    response: { contentType: 'application/json', schema: pageSchema(statementLineSchema) },
    handler: async ({ params, query }, { services, caller }) => {
      const view = statementView(services, caller, params);
      if (!view.ok) return view;
      const after = cursorAfter(query);
      if (!after.ok) return err([after.error]);
      // The project's events from the cursor, each read for the member's line, as far as the page goes.
      const records = await journalTail(services.journal!.store).statementEvents(params.projectId);
      const lines = linesOf(mergedFrom([records], seqOrderKey, after.value, query.order === 'newest'), params.projectId, params.memberId);
      return json(pageFrom(lines, seqOrderKey, () => true, query.limit));
    },
  }),
  defineRoute({
    method: 'GET', path: '/registry/participants/{participantId}/holdings', operationId: 'holdings', tags: ['registry'], roles: READ_ROLES,
    summary: 'A participant\u2019s cash, units per project and vintage, serial blocks, pledges and payables; for itself and registry staff',
    params: z.strictObject({ participantId: Id }), response: { contentType: 'application/json', schema: holdingsSchema },
    handler: async ({ params }, { services, caller }) => {
      if (!isStaff(caller) && caller?.user.participantId !== params.participantId) return forbidden(`holdings of ${params.participantId} are for that participant and registry staff`);
      const view = withState(services, (s) => (s.participants.has(params.participantId) ? holdingsOf(s, params.participantId) : null));
      if (!view.ok) return view;
      return view.value === null ? notFound('participantId', `participant ${params.participantId}`) : json(view.value);
    },
  }),
  defineRoute({
    method: 'GET', path: '/registry/events', operationId: 'listEvents', tags: ['registry'], roles: ['registry-administrator', 'market-operator', 'verifier'],
    summary: 'The hash-chained event log in seq order (contracts.md §7), a range (from, to) paged by cursor: for auditors and replicas',
    query: pageQuerySchema.extend({
      from: Seq.optional().describe('first seq to send (default 1)'),
      to: Seq.optional().describe('last seq to send (default: the head)'),
    }),
    response: { contentType: 'application/json', schema: pageSchema(eventSchema) },
    handler: async ({ query }, { services }) => {
      if (services.journal === null) return err([NO_DATABASE]);
      const after = query.cursor === undefined ? ok('0') : decodeCursor(query.cursor);
      if (!after.ok || !/^\d{1,15}$/.test(after.value)) return err([{ code: 'bad_cursor', field: 'cursor', message: 'not a cursor this API gave out: pass next_cursor unchanged' }]);
      if (query.from !== undefined && query.to !== undefined && query.to < query.from) return err([{ code: 'bad_param_value', field: 'to', message: `to (${query.to}) is before from (${query.from})` }]);
      // The cursor continues a range: the page starts after whichever of it and from is later.
      const start = Math.max(Number(after.value), (query.from ?? 1) - 1);
      const last = query.to ?? Number.MAX_SAFE_INTEGER;
      const wanted = Math.min(query.limit, last - start);
      // One more than the page tells whether another follows; a ranged read on the store, never the whole journal.
      const rows = wanted <= 0 ? [] : await services.journal.store.eventsAfter(start, wanted + 1);
      const items = rows.slice(0, wanted);
      const more = rows.length > wanted && items.at(-1)!.seq < last;
      return json({ items, next_cursor: more ? encodeCursor(String(items.at(-1)!.seq)) : null });
    },
  }),
];

function holdingsOf(s: RegistryState, id: string) {
  const prefix = `P:${id}:`;
  const accounts: { account: string; asset: string; amount: number }[] = [];
  for (const e of s.balances.entries()) if (e.account.startsWith(prefix)) accounts.push({ account: e.account, asset: e.asset, amount: e.balance });
  const units = accounts.filter((a) => a.account === ACCOUNTS.units(id)).map((a) => ({ ...parseUnitAsset(a.asset), quantityT: a.amount }));
  const blocks = s.blocks.listOf(ACCOUNTS.units(id)).map((b) => ({ projectId: b.projectId, vintage: b.vintage, start: b.start, end: b.end }));
  const pledges = [...s.pledges.values()].filter((p) => p.holder === id || p.bank === id);
  return { participantId: id, cashFen: s.balances.balance(ACCOUNTS.cash(id), CASH_ASSET), units, blocks, pledges, accounts };
}
