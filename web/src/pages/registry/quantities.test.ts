/** Tonnes to kilograms, exactly, from the text. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kgOfTonnes } from './quantities.js';

test('tonnes with up to three decimals become whole kilograms; anything else is refused', () => {
  assert.equal(kgOfTonnes('1587'), 1_587_000);
  assert.equal(kgOfTonnes(' 1550.7 '), 1_550_700);
  assert.equal(kgOfTonnes('0.001'), 1);
  assert.equal(kgOfTonnes('0.3'), 300);
  for (const bad of ['', '1.2345', '-1', '1e3', '1,5', '.5', 'ten']) assert.equal(kgOfTonnes(bad), null, bad);
});
