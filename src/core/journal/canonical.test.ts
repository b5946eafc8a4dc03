import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalJson } from './canonical.js';

test('keys sorted by UTF-16 code units, no whitespace, nested', () => {
  assert.equal(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: 2 }], A: 0 }), '{"A":0,"a":[true,null,{"c":2,"d":"x"}],"b":1}');
  // RFC 8785 §3.2.3: "\u20ac" (€) sorts before "\ud83d\ude00" (😀) by code units, not by code points.
  assert.equal(canonicalJson({ '😀': 1, '€': 2, '\r': 3 }), '{"\\r":3,"€":2,"😀":1}');
});

test('numbers print as ECMAScript does; undefined members are left out', () => {
  assert.equal(canonicalJson([1e21, 1e-7, -0, 0.1, 333333333.33333329, 9007199254740991]), '[1e+21,1e-7,0,0.1,333333333.3333333,9007199254740991]');
  assert.equal(canonicalJson({ a: undefined, b: 1 }), '{"b":1}');
  assert.throws(() => canonicalJson(Number.NaN));
});

test('canonical text parses back to the same value and is stable under key order', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const text = canonicalJson(value);
      assert.equal(canonicalJson(JSON.parse(text)), text);
    }),
    { numRuns: 300 },
  );
});

test('keys that are array indices or __proto__ keep their canonical place', () => {
  assert.equal(canonicalJson(JSON.parse('{"b":1,"10":2,"9":3,"a":4}')), '{"10":2,"9":3,"a":4,"b":1}');
  assert.equal(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1},"a":2}')), '{"__proto__":{"x":1},"a":2,"b":1}');
  // A reference printer: keys sorted by code units, printed one by one.
  const reference = (value: unknown): string => {
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${reference((value as Record<string, unknown>)[k])}`).join(',')}}`;
  };
  fc.assert(
    fc.property(fc.dictionary(fc.oneof(fc.string(), fc.nat().map(String), fc.constant('__proto__')), fc.oneof(fc.integer(), fc.string(), fc.boolean())), (object) => {
      assert.equal(canonicalJson(object), reference(object));
    }),
    { numRuns: 300 },
  );
});
