/** `neutral market indicators`: S21–S25 per city from a journal, in the shape `neutral score --market` reads. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli } from '../test-support/run.js';

test('indicators: exports and imports per city, prices in yuan, a year filter, and a bad year refused', async () => {
  const all = await cli('market', 'indicators', '--journal', 'examples/market/market-continuous-cooperative.jsonl');
  assert.equal(all.code, 0, all.stderr);
  const lines = all.stdout.trim().split('\n');
  assert.equal(lines[0], 'region_code,year,local_price_yuan_per_t,export_price_yuan_per_t,import_price_yuan_per_t,local_demand_t,export_demand_t');
  // The cooperative (Ganzhou, 360700) sells 400 t to Nanchang (360100) and Jiujiang (360400): all of it is exported.
  assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), ['360100', '360400', '360700']);
  const ganzhou = lines.find((l) => l.startsWith('360700'))!.split(',');
  assert.deepEqual([ganzhou[3], ganzhou[5], ganzhou[6]], ['50.60', '0', '400']);
  const none = await cli('market', 'indicators', '--journal', 'examples/market/market-continuous-cooperative.jsonl', '--year', '2024');
  assert.equal(none.stdout.trim().split('\n').length, 1);
  const bad = await cli('market', 'indicators', '--journal', 'examples/market/market-continuous-cooperative.jsonl', '--year', 'soon');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /bad_flag: --year soon/);
});
