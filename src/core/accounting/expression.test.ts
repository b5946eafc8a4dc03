import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCondition, parseExpression, type ZoningEnv } from './expression.js';

const env: ZoningEnv = { ecc: 1.2, esc: 0.5, budget_t: 100, emissions_t: 200, emissions_share: 0.3, intensity: 0.8, rank_emissions: 2, n: 11 };

function holds(source: string, over: Partial<ZoningEnv> = {}): boolean {
  const parsed = parseExpression(source);
  assert.ok(parsed.ok, `should parse: ${source}`);
  return evaluateCondition(parsed.value, { ...env, ...over });
}

test('comparisons, and/or/not, parentheses and ceil follow the usual precedence', () => {
  assert.equal(holds('ecc >= 1'), true);
  assert.equal(holds('esc >= 1'), false);
  assert.equal(holds('ecc >= 1 and rank_emissions <= ceil(n / 4)'), true); // ceil(11/4) = 3
  assert.equal(holds('ecc >= 1 and rank_emissions <= ceil(n / 4)', { rank_emissions: 4 }), false);
  assert.equal(holds('esc >= 1 or ecc > 1.1 and budget_t == 100'), true); // and binds tighter
  assert.equal(holds('(esc >= 1 or ecc > 1.1) and budget_t != 100'), false);
  assert.equal(holds('not esc >= 1'), true);
  assert.equal(holds('true'), true);
  assert.equal(holds('false or emissions_t - 2 * budget_t == 0'), true);
  assert.equal(holds('-ecc < 0'), true);
});

test('a comparison with a missing value never matches', () => {
  assert.equal(holds('intensity > 0', { intensity: null }), false);
  assert.equal(holds('intensity <= 0', { intensity: null }), false);
  assert.equal(holds('not intensity > 0', { intensity: null }), true);
});

test('malformed expressions are refused with the position and what was expected', () => {
  for (const [source, fragment] of [
    ['ecc >=', 'expected a number'],
    ['ecc >= 1 and', 'expected a number'],
    ['gdp > 1', 'expected a number or one of ecc'],
    ['(ecc > 1', 'expected )'],
    ['ecc > 1 1', 'expected end of expression'],
    ['ecc # 1', "unexpected character '#'"],
    ['ceil n', 'expected ( after ceil'],
  ] as const) {
    const parsed = parseExpression(source);
    assert.equal(parsed.ok, false, source);
    if (!parsed.ok) assert.match(parsed.error.message, new RegExp(fragment.replace(/[()]/g, '\\$&')), source);
  }
});
