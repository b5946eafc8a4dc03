/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core): the demo map on
 * first visit, an upload of data/demo/jiangxi.csv with its map and tables, the language switch,
 * the lazy pages, a failed score or pathway run shown without the previous run's result, and the
 * printable report. Screenshots go to test-output/.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Route } from 'playwright-core';
import { bundleSize } from '../../../scripts/web/bundle-size.js';
import { OUTPUT, browserSuite, ensureDashboardBuilt } from './test-support/browser.js';

const suite = browserSuite({ locale: 'en-GB' });

const mapPaths = (scope = 'figure.map') => suite.context.page.locator(`${scope} svg path`).count();

suite.test('first visit: the Jiangxi demo on the map, labelled schematic', async ({ page, url, shot }) => {
  await page.goto(url);
  await page.locator('figure.map svg').first().waitFor();
  await page.waitForFunction(`document.querySelectorAll('figure.map svg path').length >= 11`);
  assert.match(await page.locator('figure.map figcaption').innerText(), /Schematic, not an approved map/);
  assert.match(await page.locator('p.current').innerText(), /jiangxi/);
  await page.selectOption('select[name=metric]', 'zone');
  await page.waitForFunction(`document.querySelector('figure.map')?.getAttribute('data-metric') === 'zone'`);
  await shot('map-demo-zone-en');
});

suite.test('a refused upload without a login names unauthenticated; a planner logs in', async ({ page, url, shot, logIn }) => {
  await page.goto(`${url}#/run`);
  await page.setInputFiles('input[name=data]', 'data/demo/jiangxi.csv');
  await page.click('button[type=submit]');
  await page.locator('.problems').waitFor();
  assert.match(await page.locator('.problems').innerText(), /unauthenticated/);
  await logIn('planner');
  await shot('login-planner-en');
});

suite.test('upload data/demo/jiangxi.csv with parameters: progress, then the map and the tables', async ({ page, url, shot }) => {
  await page.goto(`${url}#/run`);
  await page.setInputFiles('input[name=data]', 'data/demo/jiangxi.csv');
  await page.selectOption('select[name=threshold]', 'per-region');
  await page.selectOption('select[name=priceMode]', 'international');
  await page.fill('input[name=year]', '2015');
  // Hold the request a moment so the progress of a run in flight can be seen.
  await page.route('**/api/v1/accounting/runs', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    await route.continue();
  });
  await page.click('button[type=submit]');
  await page.locator('.progress[role=status]').waitFor();
  assert.match(await page.locator('.progress').innerText(), /(Uploading|Computing)/);
  await shot('run-progress-en');
  await page.waitForURL(/#\/results$/);
  await page.unroute('**/api/v1/accounting/runs');
  await page.locator('table[data-table=compensation] tbody tr').nth(10).waitFor();
  assert.equal(await page.locator('table[data-table=compensation] tbody tr').count(), 11);
  assert.match(await page.locator('table[data-table=compensation] caption').innerText(), /2015/);
  assert.equal(await page.locator('table[data-table=regions] tbody tr').count(), 33);
  await page.waitForFunction(`document.querySelectorAll('figure.map svg path').length >= 22`);
  assert.ok((await mapPaths()) >= 22, 'two maps of 11 cities');
  assert.match(await page.locator('table[data-table=params]').innerText(), /compensation\.threshold\s+per-region/);
  assert.match(await page.locator('.warnings h3').innerText(), /Warnings \(\d+\)/);
  assert.match(await page.locator('p.current').innerText(), /jiangxi\.csv/);
  await shot('results-upload-en');
});

suite.test('switch to Chinese: labels, tables and warnings in Chinese', async ({ page, url, shot }) => {
  await page.click('button.lang');
  await page.waitForFunction(`document.documentElement.lang === 'zh-CN'`);
  assert.equal(await page.locator('nav a.active').innerText(), '结果');
  await page.waitForFunction(`/横向碳补偿/.test(document.querySelector('table[data-table=compensation] caption')?.textContent ?? '')`);
  await page.waitForFunction(`/[\u4e00-\u9fff]/.test(document.querySelector('.warnings li')?.textContent ?? '')`);
  assert.match(await page.locator('table[data-table=compensation] thead').innerText(), /金额（万元）/);
  assert.equal(await page.locator('button.lang').innerText(), 'English');
  await shot('results-upload-zh');
  await page.goto(`${url}#/map`);
  await page.waitForFunction(`document.querySelectorAll('figure.map svg path').length >= 11`);
  assert.match(await page.locator('figure.map figcaption').innerText(), /示意图，非审定地图/);
  await page.waitForFunction(`/南昌市/.test(document.querySelector('figure.map svg')?.textContent ?? '')`);
  await shot('map-upload-zh');
});

suite.test('the language defaults to the browser\'s: Chinese for a zh-CN browser', async ({ page, url, session }) => {
  const fresh = await session.context.newPage();
  await fresh.addInitScript(`localStorage.clear(); Object.defineProperty(navigator, 'language', { get: () => 'zh-CN' });`);
  await fresh.goto(url);
  await fresh.waitForFunction(`document.documentElement.lang === 'zh-CN'`);
  assert.equal(await fresh.locator('nav a.active').innerText(), '地图');
  await fresh.close();
  await page.evaluate(`localStorage.setItem('neutral.lang', 'zh')`);
});

suite.test('a hash changed while the app starts (before it listens for changes) is still followed', async ({ url, session }) => {
  const fresh = await session.context.newPage();
  // As soon as the first render puts the header in the page, follow a link: its hashchange comes
  // before the app's effects (run after paint) listen for it.
  await fresh.addInitScript(`new MutationObserver((_, observer) => {
    if (document.querySelector('header nav') === null) return;
    observer.disconnect();
    location.hash = '#/pathway';
  }).observe(document, { childList: true, subtree: true });`);
  await fresh.goto(`${url}#/map`);
  await fresh.locator('nav a.active[href="#/pathway"]').waitFor();
  await fresh.locator('.page textarea').first().waitFor();
  await fresh.close();
});

suite.test('lazy pages: series, flows, pathway and score render their charts', async ({ page, url, shot }) => {
  await page.goto(`${url}#/series`);
  await page.waitForFunction(`document.querySelectorAll('.chart svg path').length > 11`);
  await shot('series-zh');
  await page.goto(`${url}#/flows`);
  await page.waitForFunction(`document.querySelectorAll('.chart svg path').length > 5`);
  await shot('flows-zh');
  await page.click('button.lang');
  await page.goto(`${url}#/pathway`);
  await page.click('text=Run the pathway');
  await page.locator('dl.facts').waitFor();
  assert.match(await page.locator('dl.facts').innerText(), /Peak year\s+\d{4}/);
  await shot('pathway-en');
  await page.goto(`${url}#/score`);
  await page.setInputFiles('input[name=score-data]', 'examples/score/panel.csv');
  await page.fill('textarea[name=score-params]', (await import('node:fs')).readFileSync('examples/score/panel.params.json', 'utf8'));
  await page.click('text=Run the score');
  await page.locator('table.data tbody tr').first().waitFor();
  await shot('score-en');
});

suite.test('score: "Load the example" runs the panel example without a table of one\u2019s own', async ({ page, url, shot }) => {
  await page.goto(`${url}#/score`);
  await page.click('text=Load the example');
  assert.match(await page.locator('.score p.chosen').innerText(), /panel\.csv/);
  // A file of one's own takes the example's place and name…
  await page.setInputFiles('input[name=score-data]', 'examples/score/single-year.csv');
  assert.equal(await page.locator('.score p.chosen').count(), 0);
  // …and the example, the file's: the input no longer names a file the run would not use.
  await page.click('text=Load the example');
  assert.equal(await page.locator('input[name=score-data]').evaluate((input) => (input as unknown as { files: { length: number } | null }).files?.length ?? 0), 0);
  assert.match(await page.locator('.score p.chosen').innerText(), /panel\.csv/);
  assert.deepEqual(JSON.parse(await page.locator('textarea[name=score-params]').inputValue()), JSON.parse((await import('node:fs')).readFileSync('examples/score/panel.params.json', 'utf8')));
  await page.click('text=Run the score');
  const ranks = page.locator('.score table.data').first();
  await ranks.locator('tbody tr').first().waitFor();
  // The panel: six cities over six years, and the policy of 2021 assessed.
  assert.equal(await ranks.locator('tbody tr').count(), 36);
  assert.match(await page.locator('.score table.data', { hasText: 'difference in differences' }).innerText(), /S11/);
  await shot('score-example-en');
});

suite.test('score: the table follows the method the shown result was run with, not the select changed since', async ({ page }) => {
  const ranks = page.locator('.score table.data').first();
  const method = page.locator('.score label', { hasText: 'Ranking' }).locator('select');
  await method.selectOption('topsis');
  await page.click('text=Run the score');
  await ranks.locator('thead th', { hasText: 'Closeness' }).waitFor();
  const shown = await ranks.innerText();
  // Chosen, not run: the topsis result stays on screen, closeness and all.
  await method.selectOption('sum');
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
  assert.equal(await ranks.locator('thead th', { hasText: 'Closeness' }).count(), 1, 'the closeness column of the topsis result');
  assert.equal(await ranks.innerText(), shown);
});

suite.test('score and pathway: a run that fails shows progress, then its problems, and not the previous run\u2019s result', async ({ page, url }) => {
  // The run is held, then refused by the test with a 422, after a run that succeeded (the one above, then a pathway run).
  const refuse = (held: Promise<void>) => async (route: Route) => {
    await held;
    await route.fulfill({ status: 422, json: { error: { code: 'bad_format', field: '$.params', message: 'refused by the test' } } });
  };
  for (const [path, button, result] of [['score', 'Run the score', '.score table.data'], ['pathway', 'Run the pathway', 'dl.facts']] as const) {
    if (path === 'pathway') {
      await page.goto(`${url}#/pathway`);
      await page.click(`text=${button}`);
    }
    await page.locator(result).first().waitFor();
    let release = () => {};
    const held = new Promise<void>((resolve) => { release = resolve; });
    try {
      await page.route(`**/api/v1/${path}/runs`, refuse(held));
      await page.click(`text=${button}`);
      await page.locator('.progress[role=status]').waitFor();
      assert.equal(await page.locator(result).count(), 0, `no ${path} result while the new run is in flight`);
      release();
      await page.locator('.problems').waitFor();
      assert.match(await page.locator('.problems').innerText(), /HTTP 422[\s\S]*bad_format[\s\S]*refused by the test/);
      assert.equal(await page.locator(result).count(), 0, `no earlier ${path} result next to the problems`);
    } finally {
      release();
      await page.unrouteAll({ behavior: 'wait' });
    }
  }
});

suite.test('a refused upload shows the problem, its code and its field', async ({ page, url, shot }) => {
  await page.goto(`${url}#/run`);
  await page.setInputFiles('input[name=data]', { name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('region_code,region_name,year,population\n360100,Nanchang,2020,many\n') });
  await page.click('button[type=submit]');
  await page.locator('.problems').waitFor();
  assert.match(await page.locator('.problems').innerText(), /not_a_number[\s\S]*broken\.csv:2:population/);
  await shot('run-refused-en');
});

suite.test('the printable report: maps, tables, parameters, warnings; saved as PDF', async ({ page, url, shot }) => {
  await page.goto(`${url}#/run`);
  await page.click('text=Demo: Henan');
  await page.waitForURL(/#\/results$/);
  await page.goto(`${url}#/report`);
  await page.waitForFunction(`document.querySelectorAll('.report figure.map svg path').length >= 4 * 18`);
  for (const table of ['compensation', 'totals', 'regions', 'params']) assert.ok(await page.locator(`.report table[data-table=${table}]`).count());
  assert.ok(await page.locator('.report .warnings li').count() > 0);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.top').isVisible(), false, 'the page header is not printed');
  await shot('report-print-en');
  await page.pdf({ path: `${OUTPUT}/report.pdf`, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
});

test('first-load JS of the built dashboard is at most 400 KB gzip', () => {
  ensureDashboardBuilt();
  const size = bundleSize('dist/web');
  assert.ok(size.firstLoadJsGzip <= 400 * 1024, `first-load JS ${(size.firstLoadJsGzip / 1024).toFixed(1)} KB gzip`);
});
