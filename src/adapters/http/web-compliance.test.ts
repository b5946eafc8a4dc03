/**
 * The compliance page in a real browser on the demo database: without a login (or for a role
 * that cannot read reports) no link and a note, but the public city flows; Nanchang's city
 * government opens it from the header and sees the NC N2024 period with the demo emitter short
 * of 250 t, the cover chart and the empty obligations table; then the page in Chinese, a
 * logout that takes the report off the page, and the demo emitter reading its own position.
 * Screenshots go to test-output/.
 */
import assert from 'node:assert/strict';
import { browserSuite } from './test-support/browser.js';

const suite = browserSuite({ locale: 'en-GB' });
const emitterRow = () => suite.context.page.locator('table.compliance-emitters tbody tr[data-emitter=emitter]');

suite.test('without a login: no link, a note, and the public city flows', async ({ page, url }) => {
  await page.goto(`${url}#/compliance`);
  await page.locator('table.city-flows tbody tr').first().waitFor();
  assert.equal(await page.locator('header nav a[href="#/compliance"]').count(), 0, 'no link for visitors');
  assert.match(await page.locator('.compliance').innerText(), /Compliance reports are for governments/);
  assert.equal(await page.locator('table.compliance-emitters').count(), 0);
  assert.match(await page.locator('table.city-flows thead').innerText(), /Exports \(t\)\s+Exports \(yuan\)\s+Imports \(t\)\s+Imports \(yuan\)/);
});

suite.test('a role that reads no reports sees no link', async ({ page, logIn }) => {
  await logIn('coop');
  await page.locator('header nav a[href="#/market"]').waitFor();
  assert.equal(await page.locator('header nav a[href="#/compliance"]').count(), 0);
});

suite.test('Nanchang\u2019s city government: the period, the emitter short of 250 t, the chart', async ({ page, logIn, logOut, shot }) => {
  await logOut();
  await logIn('nanchang');
  await page.click('header nav a[href="#/compliance"]');
  await emitterRow().waitFor();
  assert.match(await page.locator('select[name=period] option:checked').innerText(), /NC · Nanchang carbon-neutral city market · N2024 \(2024\)/);
  assert.match(await page.locator('dl.period-facts').innerText(), /sink-backed neutrality[\s\S]*2025-06-30[\s\S]*open/);
  assert.match(await page.locator('table.compliance-emitters thead').innerText(), /Verified \(kg CO2e\)\s+Obligation \(t\)[\s\S]*Shortfall \(t\)\s+Penalty \(yuan\)/);
  // 150,000 m3 × 2.162 + 130 MWh × 581 = 399,830 kg → 400 t; 150 t of credits surrendered.
  const row = await emitterRow().innerText();
  assert.match(row, /iron and steel\s+non-key\s+verified\s+399,830\s+400\s+0\s+150\s+400\s+0\s+0\s+250\s+0\.00\s+0\.00\s+short/);
  assert.equal(await emitterRow().locator('.badge.short').count(), 1);
  assert.match(await page.locator('table.compliance-obligations').innerText(), /No overdraft obligation in this period/);
  assert.match(await page.locator('table.compliance-cities tbody').innerText(), /360100\s+399\.830\s+1/);
  assert.match(await page.locator('.compliance').innerText(), /Compensation clearing 2024: No clearing settled/);
  await page.locator('.compliance .chart svg path').first().waitFor({ state: 'attached' });
  assert.match(await page.locator('.compliance .chart').innerHTML(), /Obligation \(t\)[\s\S]*Covered \(t\)/, 'both series in the legend');
  await shot('compliance-en');
});

suite.test('the compliance page in Chinese', async ({ page, shot }) => {
  await page.click('header button.lang');
  await page.locator('table.compliance-emitters caption', { hasText: '控排企业' }).waitFor();
  assert.match(await page.locator('header nav a[href="#/compliance"]').innerText(), /履约/);
  assert.match(await page.locator('table.compliance-emitters thead').innerText(), /核查排放（千克CO2e）[\s\S]*缺口（吨）\s+罚款（元）/);
  assert.match(await emitterRow().innerText(), /非重点\s+已核查\s+399,830\s+400[\s\S]*250\s+0\.00\s+0\.00\s+缺口/);
  assert.match(await page.locator('dl.period-facts').innerText(), /碳汇中和[\s\S]*进行中/);
  assert.match(await page.locator('table.city-flows caption').innerText(), /城市间碳汇交易/);
  await shot('compliance-zh');
});

suite.test('logging out on the page: the report, its chart and the clearing are gone; the public flows stay', async ({ page, logOut }) => {
  await emitterRow().waitFor();
  await logOut();
  // The logout has been drawn in the header; give the page a moment to follow it.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
  for (const gone of ['table.compliance-emitters', 'dl.period-facts', '.compliance .chart', '.compliance .clearing', 'select[name=period]']) {
    assert.equal(await page.locator(gone).count(), 0, `${gone} after logout`);
  }
  await page.locator('.compliance p.note', { hasText: '履约报告仅供' }).waitFor();
  assert.ok((await page.locator('table.city-flows tbody tr').count()) > 0, 'the public city flows');
});

suite.test('the demo emitter opens the page from the header and sees its own position only: short of 250 t before the deadline', async ({ page, logIn, logOut, shot }) => {
  // Back to English by the header's switch (the test before left the page in Chinese); a reload here
  // would race the hash change of the login below against the app's start.
  await page.click('header button.lang');
  await page.locator('table.city-flows caption', { hasText: 'Sink credits traded between cities' }).waitFor();
  await logIn('emitter');
  await page.click('header nav a[href="#/compliance"]');
  const own = page.locator('.own-positions .own-period[data-period="NC/N2024"]');
  await own.locator('table.compliance-emitters tbody tr[data-emitter=emitter]').waitFor();
  assert.match(await page.locator('.own-positions h2').innerText(), /Your compliance, period by period/);
  assert.match(await own.locator('dl.period-facts').innerText(), /NC · Nanchang carbon-neutral city market · N2024 \(2024\)[\s\S]*2025-06-30[\s\S]*open/);
  assert.match(await own.locator('table.compliance-emitters caption').innerText(), /Your position/);
  assert.match(await own.locator('table.compliance-emitters tbody').innerText(), /verified\s+399,830\s+400\s+0\s+150\s+400\s+0\s+0\s+250\s+0\.00\s+0\.00\s+short/);
  // Its own row and nothing else: no period picker, no other emitter, no note that turns it away.
  assert.equal(await page.locator('table.compliance-emitters tbody tr').count(), 1);
  assert.equal(await page.locator('select[name=period]').count(), 0);
  assert.equal(await page.locator('.compliance p.note', { hasText: 'Compliance reports are for' }).count(), 0);
  await shot('compliance-own-emitter-en');
  await logOut();
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
  assert.equal(await page.locator('.own-positions').count(), 0, 'gone with the logout');
});
