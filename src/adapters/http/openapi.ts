/**
 * The OpenAPI 3.1 document, generated from the route table: the zod schemas that validate a
 * request are the ones the document shows (zod v4's toJSONSchema, JSON Schema 2020-12, which
 * OpenAPI 3.1 uses as is).
 */
import { z } from 'zod';
import { PROBLEM_TABLE } from '../problems.js';
import { errorSchema } from './errors.js';
import { IDEMPOTENCY_HEADER } from './idempotency.js';
import { type AnyRoute, MUTATING_METHODS } from './route.js';

export const API_PREFIX = '/api/v1';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return rest;
}

/** Path and query parameters from an object schema's properties. */
function parameters(schema: z.ZodType | undefined, place: 'path' | 'query'): Record<string, unknown>[] {
  if (schema === undefined) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name, in: place, required: place === 'path' || (object.required ?? []).includes(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
    schema: property,
  }));
}

const ERROR_STATUSES = [...new Set(Object.values(PROBLEM_TABLE).map((p) => p.http))].sort();

function operation(route: AnyRoute): Record<string, unknown> {
  const mutating = MUTATING_METHODS.has(route.method);
  const params = [
    ...parameters(route.params, 'path'),
    ...parameters(route.query, 'query'),
    ...(mutating ? [{
      name: IDEMPOTENCY_HEADER, in: 'header', required: false,
      description: 'retry key (1–255 printable ASCII characters); echoed in the response',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    }] : []),
  ];
  const content: Record<string, unknown> = {};
  if (route.body?.json !== undefined) content['application/json'] = { schema: jsonSchema(route.body.json.schema, 'input') };
  if (route.body?.form !== undefined) content['multipart/form-data'] = { schema: jsonSchema(route.body.form.schema, 'input') };
  const ok = 'schema' in route.response
    ? { [route.response.contentType]: { schema: jsonSchema(route.response.schema, 'output') } }
    : { [route.response.contentType]: { schema: { type: 'string', contentEncoding: 'binary' } } };
  const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
  return {
    operationId: route.operationId,
    summary: route.summary,
    tags: route.tags,
    'x-roles': route.roles,
    ...(route.roles.includes('public') ? {} : { security: [{ token: [] }, { session: [] }] }),
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.body !== undefined ? { requestBody: { required: true, content } } : {}),
    responses: {
      200: { description: 'success', content: ok },
      ...Object.fromEntries(ERROR_STATUSES.map((status) => [String(status), { description: 'error: code from the problem table', content: errorContent }])),
    },
  };
}

export function openApiDocument(routes: readonly AnyRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = (paths[API_PREFIX + route.path] ??= {});
    path[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Neutral API',
      version,
      description: 'Carbon budgets, compensation, pathways and scores for a province and its cities. Errors are { error: { code, message, field? } }; '
        + 'mutating requests take an Idempotency-Key header; list endpoints page with ?cursor=&limit=. x-roles lists the roles a route admits: public needs no login; others take Authorization: Bearer <API token> or the session cookie of POST /api/v1/auth/login (with X-CSRF-Token on mutating requests).',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(errorSchema, 'output') },
      securitySchemes: {
        token: { type: 'http', scheme: 'bearer', description: 'an API token from POST /api/v1/auth/tokens' },
        session: { type: 'apiKey', in: 'cookie', name: 'neutral_session', description: 'from POST /api/v1/auth/login; mutating requests also send X-CSRF-Token' },
      },
    },
  };
}
