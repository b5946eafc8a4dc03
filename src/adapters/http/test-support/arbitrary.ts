/**
 * fast-check arbitraries generated from a route's schema (through its JSON Schema, the one the
 * OpenAPI document shows), plus nearby wrong values, so fuzzing reaches past validation.
 */
import fc from 'fast-check';
import { z } from 'zod';

type Json = Record<string, unknown>;

const MAX_ITEMS = 3;
const MAX_TEXT = 40;

function numberArb(schema: Json, integer: boolean): fc.Arbitrary<number> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : -1e6;
  const max = typeof schema.maximum === 'number' ? schema.maximum : 1e6;
  // Small values near the lower bound keep the work a request causes short.
  const near = Math.min(max, min + 20);
  if (integer) return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(near) }), fc.integer({ min: Math.ceil(min), max: Math.floor(max) }));
  return fc.oneof(fc.double({ min, max: near, noNaN: true }), fc.double({ min, max, noNaN: true }), fc.constantFrom(0, 1, -1, 0.5).filter((v) => v >= min && v <= max));
}

function stringArb(schema: Json): fc.Arbitrary<string> {
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= ((schema.maxLength as number) ?? Infinity));
  const minLength = (schema.minLength as number | undefined) ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min((schema.maxLength as number | undefined) ?? MAX_TEXT, MAX_TEXT)) });
}

/** A value the JSON Schema admits (refinements aside: those are the API's to reject). */
export function fromJsonSchema(schema: Json, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.constant(null);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const alternatives = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
  if (alternatives !== undefined) return fc.oneof(...alternatives.map((s) => fromJsonSchema(s, depth + 1)));
  if (Array.isArray(schema.type)) return fc.oneof(...(schema.type as string[]).map((type) => fromJsonSchema({ ...schema, type }, depth + 1)));
  switch (schema.type) {
    case 'null': return fc.constant(null);
    case 'boolean': return fc.boolean();
    case 'integer': return numberArb(schema, true);
    case 'number': return numberArb(schema, false);
    case 'string': return schema.format === 'binary' ? fc.constant('file') : stringArb(schema);
    case 'array': {
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const maxLength = Math.max(minLength, Math.min((schema.maxItems as number | undefined) ?? MAX_ITEMS, MAX_ITEMS));
      return fc.array(fromJsonSchema((schema.items as Json | undefined) ?? {}, depth + 1), { minLength, maxLength });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      const required = new Set((schema.required ?? []) as string[]);
      if (Object.keys(properties).length === 0 && typeof schema.additionalProperties === 'object') {
        const key = schema.propertyNames ? fromJsonSchema(schema.propertyNames as Json, depth + 1) as fc.Arbitrary<string> : fc.string({ maxLength: 8 });
        return fc.dictionary(key, fromJsonSchema(schema.additionalProperties as Json, depth + 1), { maxKeys: MAX_ITEMS });
      }
      const record = Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, fromJsonSchema(s, depth + 1)]));
      const requiredKeys = Object.keys(properties).filter((name) => required.has(name));
      return fc.record(record, { requiredKeys });
    }
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Valid by the schema's shape, then sometimes bent: a field dropped, retyped or added. */
export function bodyArbitrary(schema: z.ZodType): fc.Arbitrary<unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  const valid = fromJsonSchema(json);
  const bent = fc.tuple(valid, fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })).map(([value, key, junk]) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return junk;
    const keys = Object.keys(value);
    const target = keys[key.length % Math.max(keys.length, 1)];
    return target === undefined ? { ...value, [key]: junk } : { ...value, [target]: junk };
  });
  return fc.oneof({ arbitrary: valid, weight: 3 }, { arbitrary: bent, weight: 2 }, { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 });
}

/** Region tables that parse, with odd values: the accounting core sees them, not just the validator. */
export const regionCsvArbitrary: fc.Arbitrary<string> = fc.tuple(
  fc.subarray(['population', 'gdp_10k_yuan', 'energy_tce', 'forest_hm2', 'cultivated_hm2', 'construction_hm2', 'gdp_const_10k_yuan'], { minLength: 0 }),
  fc.array(fc.tuple(fc.constantFrom('360100', '360200', '360300', '360000', '410100', '36010x'), fc.constantFrom('2010', '2015', '2020', '20x0', '')), { minLength: 0, maxLength: 6 }),
  fc.array(fc.oneof(fc.constantFrom('', '0', '-1', '1e300', 'abc', '1,000'), fc.double({ min: 0, max: 1e9, noNaN: true }).map(String)), { minLength: 60, maxLength: 60 }),
).map(([columns, rows, values]) => {
  let v = 0;
  const next = (): string => values[v++ % values.length] as string;
  return [['region_code', 'region_name', 'year', ...columns].join(','), ...rows.map(([code, year]) => [code, 'R', year, ...columns.map(next)].join(','))].join('\n');
});
