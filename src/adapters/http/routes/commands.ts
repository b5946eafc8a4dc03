/**
 * The generic command route: `POST /commands/{type}`, one route per command type so that each
 * declares its payload schema and roles (the route table drives the role check, the OpenAPI
 * document and the generated tests). The actor is the caller's participant; the
 * Idempotency-Key is the command's key (a fresh UUID without one). The exchange's commands
 * (docs/market.md §2) are in COMMAND_SPECS beside the registry's.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Acknowledgement, DecidedCommand, EventsBody, KeepRequest } from '../../../core/journal/store.js';
import { type Result, err, ok } from '../../../core/result.js';
import { COMPLIANCE_SCHEMAS, type ComplianceCommandType } from '../../../core/compliance/index.js';
import { MARKET_SCHEMAS, type MarketCommandType, parseMarketPayload } from '../../../core/market/schemas.js';
import { CAPABILITIES } from '../../../core/registry/roles.js';
import { type CommandType, SCHEMAS } from '../../../core/registry/schemas.js';
import { type Capability, PARTICIPANT_KINDS } from '../../../core/registry/types.js';
import { type ApiProblem, errorBody } from '../errors.js';
import { IDEMPOTENCY_HEADER } from '../idempotency.js';
import type { Role } from '../roles.js';
import { type AnyRoute, type Reply, defineRoute, jsonBody } from '../route.js';
import { NO_DATABASE, type RouteServices, shanghaiTime } from '../services.js';

export interface CommandSpec {
  readonly type: string;
  readonly schema: z.ZodType;
  readonly roles: readonly Role[];
  readonly summary: string;
  /** How the route parses a body with `schema`, when not `schema.safeParse`. */
  readonly parse?: (value: unknown) => z.ZodSafeParseResult<unknown>;
}

/** Participant kinds holding any of the capabilities (registry/roles.ts is the one table). */
const kindsWith = (...capabilities: Capability[]): Role[] => PARTICIPANT_KINDS.filter((k) => capabilities.some((c) => CAPABILITIES[k].includes(c)));

const REGISTRY_ROLES: Readonly<Record<CommandType, readonly [readonly Role[], string]>> = {
  'participant.register': [kindsWith('administer'), 'Registers a participant (market.md §2)'],
  'training.record': [kindsWith('operate'), 'Records a participant\u2019s low-carbon training'],
  'cash.deposit': [kindsWith('hold', 'operate'), 'Deposits money (own account, or for a participant by the operator)'],
  'cash.withdraw': [kindsWith('hold'), 'Withdraws money (no overdraft)'],
  'cash.transfer': [kindsWith('hold'), 'Pays another participant outside a trade'],
  'project.submit': [kindsWith('propose'), 'Submits a sink project (market.md §3)'],
  'project.validate': [kindsWith('verify'), 'Validates or rejects a project (verifier)'],
  'project.register': [kindsWith('administer'), 'Registers a validated project'],
  'project.suspend': [kindsWith('administer'), 'Suspends a project or lifts a suspension'],
  'monitoring.submit': [kindsWith('propose'), 'Submits a monitoring report'],
  'monitoring.verify': [kindsWith('verify'), 'Verifies a monitoring report (certifies at most what was reported)'],
  'credits.issue': [kindsWith('administer'), 'Issues credits for a verified period (market.md §4)'],
  'credits.transfer': [kindsWith('hold'), 'Transfers credits by quantity or serials'],
  'credits.retire': [kindsWith('hold'), 'Retires credits for a beneficiary and purpose (certificate)'],
  'credits.reverse': [kindsWith('administer'), 'Reverses lost tonnes (buffer first)'],
  'credits.pledge': [kindsWith('hold'), 'Pledges credits to a bank'],
  'credits.release': [kindsWith('pledgee'), 'Releases a pledge (the bank)'],
  'credits.seize': [kindsWith('pledgee'), 'Seizes pledged credits on default (the bank)'],
  'contract.sign': [kindsWith('propose', 'member'), 'Publishes benefit-sharing terms (proponent) or signs them (member)'],
  'benefit.distribute': [kindsWith('propose'), 'Runs off-exchange proceeds through the waterfall'],
  'benefit.pay': [kindsWith('propose'), 'Pays a member what is outstanding'],
  'registry.correct': [kindsWith('administer'), 'Corrects by a reversing movement, with a reason'],
};

export const REGISTRY_COMMAND_SPECS: readonly CommandSpec[] = (Object.keys(REGISTRY_ROLES) as CommandType[]).map((type) => ({
  type, schema: SCHEMAS[type], roles: REGISTRY_ROLES[type][0], summary: REGISTRY_ROLES[type][1],
}));

/** Participant kinds that may trade: those holding accounts (market.md §2; operators, verifiers and administrators hold none). */
const TRADERS = kindsWith('hold');
const OPERATOR: readonly Role[] = ['market-operator'];

const MARKET_ROLES: Readonly<Record<MarketCommandType, readonly [readonly Role[], string]>> = {
  'instrument.list': [OPERATOR, 'Lists an instrument with its reference price, tick, lot, band and fees (docs/market.md §1)'],
  'instrument.halt': [OPERATOR, 'Halts an instrument or resumes it'],
  'session.open': [OPERATOR, 'Opens an instrument\u2019s session (inside its calendar), moving the band'],
  'session.close': [OPERATOR, 'Closes the session: DAY orders expire, the close is computed'],
  'position.limit': [OPERATOR, 'Sets a participant\u2019s position limit on an instrument'],
  'mandate.record': [TRADERS, 'Records or revokes a mandate for an intermediary (the client)'],
  'order.place': [TRADERS, 'Places a limit or market order on the book (own, or for a client)'],
  'order.cancel': [TRADERS, 'Cancels a resting order (owner or placer)'],
  'order.amend': [TRADERS, 'Reduces an order (keeps priority) or re-prices it'],
  'block.propose': [TRADERS, 'Proposes a block agreement to a counterparty'],
  'block.confirm': [TRADERS, 'Confirms a block agreement (the counterparty); settles it'],
  'auction.open': [[...OPERATOR, ...TRADERS], 'Opens a call auction (operator) or a one-way sale (the seller)'],
  'auction.bid': [TRADERS, 'Bids in a call auction or a one-way sale'],
  'auction.close': [[...OPERATOR, ...TRADERS], 'Closes an auction (operator, or a one-way sale\u2019s seller)'],
  'trade.bust': [OPERATOR, 'Busts a trade of the open session (by its event seq): reversing entries, never a deletion'],
};

export const MARKET_COMMAND_SPECS: readonly CommandSpec[] = (Object.keys(MARKET_ROLES) as MarketCommandType[]).map((type) => ({
  type, schema: MARKET_SCHEMAS[type], roles: MARKET_ROLES[type][0], summary: MARKET_ROLES[type][1],
  // The exchange takes a payload parsed here as it is, rather than parsing it a second time.
  parse: (value: unknown) => parseMarketPayload(type, value),
}));

const GOVERNMENTS: readonly Role[] = ['provincial-government', 'city-government'];
const EMITTERS: readonly Role[] = ['emitter-enterprise'];

const COMPLIANCE_ROLES: Readonly<Record<ComplianceCommandType, readonly [readonly Role[], string]>> = {
  'jurisdiction.configure': [['registry-administrator', ...GOVERNMENTS], 'Configures a jurisdiction: regime, regions, authority, thresholds, penalty, overdraft (docs/compliance.md)'],
  'period.open': [GOVERNMENTS, 'Opens a compliance period with its deadline and offset rules (the authority)'],
  'emitter.register': [GOVERNMENTS, 'Lists an emitter in the enterprise database, classified by the key-emitter threshold'],
  'emissions.report': [EMITTERS, 'Reports a period’s footprint: direct, inputs, services, electricity, each with its factor and source'],
  'emissions.verify': [['verifier'], 'Verifies an emissions report (accept, possibly at another figure, or reject)'],
  'allocation.grant': [GOVERNMENTS, 'Allocates allowances by list or benchmark, with a reserve; deducts earlier shortfalls'],
  'compliance.surrender': [EMITTERS, 'Surrenders allowances and eligible sink credits, or delivers an overdraft obligation'],
  'compliance.close': [GOVERNMENTS, 'Closes a period after its deadline: covered, penalised, unreported, excluded'],
  'penalty.pay': [EMITTERS, 'Pays a penalty (or part of it) to the authority'],
  'obligation.open': [EMITTERS, 'Opens a carbon-credit overdraft obligation against cash collateral (neutrality regime)'],
  'obligation.settle': [GOVERNMENTS, 'Settles an obligation at its due date: met, or forfeiture, penalty and roll-over'],
  'compensation.settle': [['provincial-government'], 'Clears a balanced compensation result: payers into the pool, the pool to receivers'],
};

export const COMPLIANCE_COMMAND_SPECS: readonly CommandSpec[] = (Object.keys(COMPLIANCE_ROLES) as ComplianceCommandType[]).map((type) => ({
  type, schema: COMPLIANCE_SCHEMAS[type], roles: COMPLIANCE_ROLES[type][0], summary: COMPLIANCE_ROLES[type][1],
}));

const eventSchema = z.object({ seq: z.number(), type: z.string(), payload: z.record(z.string(), z.unknown()), hash: z.string() });
export const outcomeSchema = z.object({
  accepted: z.boolean(), actor: z.string(), key: z.string(), type: z.string(), at: z.string().describe('when it was first journaled'),
  events: z.array(eventSchema),
});

function outcome(ack: Acknowledgement): z.infer<typeof outcomeSchema> {
  const { command } = ack;
  return {
    accepted: ack.accepted, actor: command.actor, key: command.key, type: command.type, at: command.at,
    events: ack.events.map((e) => ({ seq: e.seq, type: e.type, payload: e.payload, hash: e.hash })),
  };
}

const reused = (key: string, actor: string): ApiProblem => ({ code: 'idempotency_key_reused', field: IDEMPOTENCY_HEADER, message: `market.md §10: key "${key}" of ${actor} was used with another command; nothing was done` });

/** The HTTP answer to a journaled outcome: 201 with the outcome, or `command_rejected` with the registry's reason. */
function answerOf(ack: Acknowledgement): Result<Reply, ApiProblem[]> {
  if (!ack.accepted) return err(rejection(ack.events[0]?.payload));
  return ok({ kind: 'json', status: 201, body: outcome(ack) });
}

/** `command_rejected` with the registry's reason, from the payload of the outcome's `<type>.rejected` event. */
function rejection(payload: Readonly<Record<string, unknown>> | undefined): ApiProblem[] {
  const reason = String(payload?.['code'] ?? 'rejected');
  return [{ code: 'command_rejected', reason, message: `${reason}: ${String(payload?.['message'] ?? '')}` }];
}

/**
 * The kept answer to a command decided now, before its events are hashed: a refusal's text
 * whole (it shows no hash), an outcome's as the text around its events, which the store
 * completes once they are hashed (`outcomeEventJson` each: the fields of `outcomeSchema`,
 * each payload as the canonical text its hash covers). Stored and sent as UTF-8.
 */
function keptAnswer(decided: DecidedCommand): { status: number; body: string | EventsBody } {
  if (!decided.accepted) {
    const { status, body } = errorBody(rejection(decided.events[0]?.payload));
    return { status, body: JSON.stringify(body) };
  }
  const { command } = decided;
  const before = `{"accepted":true,"actor":${JSON.stringify(command.actor)},"key":${JSON.stringify(command.key)},"type":${JSON.stringify(command.type)},"at":${JSON.stringify(command.at)},"events":`;
  return { status: 201, body: { before, after: '}' } };
}

async function submit(spec: CommandSpec, payload: unknown, context: RouteServices): Promise<Result<Reply, ApiProblem[]>> {
  const { services, caller, idempotencyKey, keepResponse } = context;
  const journal = services.journal;
  if (journal === null) return err([NO_DATABASE]);
  const actor = caller?.user.participantId ?? null;
  if (actor === null) return err([{ code: 'forbidden', message: `user ${caller?.user.username ?? '?'} acts for no participant, so it cannot send commands` }]);
  const key = idempotencyKey ?? randomUUID();
  // The journal would record a reused key as a rejection; over HTTP nothing is written on a
  // refusal: the store refuses it against its in-memory index, in the same step as deciding.
  const keep = keepResponse === undefined ? undefined : (decided: DecidedCommand): KeepRequest => {
    const { status, body } = keptAnswer(decided);
    return { principal: keepResponse.principal, key, fingerprint: keepResponse.fingerprint, createdAt: keepResponse.at, status, contentType: 'application/json', body };
  };
  const command = { key, actor, type: spec.type, at: shanghaiTime(services.now()), payload };
  const [ack] = await journal.store.submit([command], keep === undefined ? { reusedKeys: 'refuse' } : { reusedKeys: 'refuse', keep });
  if (ack === undefined || ack.kind === 'key_reused') return err([reused(key, actor)]);
  // Kept: the response is durable with the command; a duplicate (journaled another way) is answered, and stored by the app.
  const response = ack.response;
  if (response !== undefined && ack.kind === 'new' && typeof response.body === 'string') return ok({ kind: 'kept', status: response.status, contentType: response.contentType, body: response.body });
  return answerOf(ack);
}

export function commandRoutes(specs: readonly CommandSpec[]): AnyRoute[] {
  return specs.map((spec) => defineRoute({
    method: 'POST', path: `/commands/${spec.type}`, operationId: `command_${spec.type.replace(/\W/g, '_')}`, tags: ['commands'],
    roles: spec.roles, idempotency: 'stored', journalKnowsKeys: true, summary: spec.summary,
    body: spec.parse === undefined ? jsonBody(spec.schema) : { json: { ...jsonBody(spec.schema).json!, parse: spec.parse } },
    response: { contentType: 'application/json', schema: outcomeSchema },
    handler: ({ body }, context) => submit(spec, body, context),
  }));
}

export const COMMAND_SPECS: readonly CommandSpec[] = [...REGISTRY_COMMAND_SPECS, ...MARKET_COMMAND_SPECS, ...COMPLIANCE_COMMAND_SPECS];
export const registryCommandRoutes: readonly AnyRoute[] = commandRoutes(COMMAND_SPECS);
