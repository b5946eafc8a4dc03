import { test } from 'node:test';
import assert from 'node:assert/strict';
import { syntheticTable } from '../../../bench/accounting.js';
import { runAccounting } from '../../core/accounting/index.js';
import { resolveParams } from '../tables/params.js';
import { parseRegionCsv } from '../tables/region-csv.js';
import { accountingDocument, accountingJson } from './document.js';

function run(text: string) {
  const parsed = parseRegionCsv('t.csv', text);
  assert.ok(parsed.ok);
  const { params } = resolveParams({});
  const result = runAccounting({ rows: parsed.value.columns, params, priceModeExplicit: false });
  assert.ok(result.ok);
  return { result: result.value, inputs: { files: ['t.csv'], conversions: parsed.value.conversions, ignoredColumns: [{ file: 't.csv', column: 'note' }] } };
}

test('accountingJson writes JSON.stringify of the document byte for byte, compact and indented, across slices', () => {
  // 2,500 region-years: more than one slice of region objects.
  for (const text of [syntheticTable(100, 25), syntheticTable(3, 2), 'region_code,region_name,year,population\n360000,Jiangxi,2020,45188635\n']) {
    const first = run(text);
    const second = run(text);
    for (const indent of [0, 2] as const) {
      // A fresh run for the slices, so that no cached objects are reused.
      const streamed = accountingJson(first.result, first.inputs, 'zh', indent);
      assert.equal(streamed, JSON.stringify(accountingDocument(second.result, second.inputs, 'zh'), null, indent));
    }
  }
});
