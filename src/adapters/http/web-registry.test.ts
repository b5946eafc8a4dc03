/**
 * The registry in a real browser on the demo database: the public view without a login
 * (projects with their lifecycle, retirements, a printable certificate, the check of a serial),
 * a long list of retirements read a page at a time, a farmer's login and statement (and a failed
 * read of the projects shown), a cooperative seeing a member's statement, the language switch, and
 * an aggregated project's whole life through the dashboard: submitted by the cooperative, validated,
 * its contract published and signed, registered, a period reported, certified and issued, the
 * member's tonnes on its statement. Screenshots go to test-output/.
 */
import assert from 'node:assert/strict';
import type { Route } from 'playwright-core';
import { OUTPUT, browserSuite } from './test-support/browser.js';

const suite = browserSuite({ locale: 'en-GB' });

suite.test('public registry without a login: the project and its lifecycle, retirements, a serial check', async ({ page, url, shot }) => {
  await page.goto(`${url}#/registry`);
  await page.locator('table.projects tbody tr').first().waitFor();
  assert.match(await page.locator('table.projects tbody').innerText(), /XG01\s+Xingguo hillside afforestation[\s\S]*registered/);
  assert.match(await page.locator('section.lifecycle ol.steps').innerText(), /submitted[\s\S]*validated[\s\S]*registered/);
  assert.match(await page.locator('section.lifecycle').innerText(), /NTL-360732-XG01-2023-1-/);
  assert.ok((await page.locator('table.retirements tbody tr').count()) >= 1);
  await page.fill('input[name=serial]', 'NTL-360732-XG01-2023-311-320');
  await page.click('.serial-search button[type=submit]');
  await page.locator('.serial-search table').waitFor();
  assert.match(await page.locator('.serial-search table').innerText(), /311–320\s+retired/);
  assert.match(await page.locator('.serial-search').innerText(), /Log in to see the full history/);
  assert.equal(await page.locator('header .account .user').count(), 0, 'nobody is logged in');
  await shot('registry-public-en');
});

suite.test('a retirement certificate: checked, printable', async ({ page, shot }) => {
  await page.click('table.retirements tbody tr a');
  await page.locator('.certificate-sheet').waitFor();
  assert.match(await page.locator('.certificate-sheet').innerText(), /Retirement certificate[\s\S]*Nanchang steel[\s\S]*Checked: every serial/);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header.top').isVisible(), false);
  await shot('certificate-print-en');
  await page.pdf({ path: `${OUTPUT}/certificate.pdf`, format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
});

suite.test('a long list of retirements: the latest first, and "Load more" appends the next page', async ({ page, url }) => {
  // The demo has a few retirements; the test answers the list itself: a first page with a
  // next_cursor, then the last page. Projects are few, so they have no button.
  const certificate = (n: number) => ({ certificateId: `NTL-RC-${n}`, holder: 'emitter', beneficiary: `Buyer ${n}`, purpose: 'voluntary', quantityT: n, serials: [], at: '2025-04-01T09:00:00+08:00' });
  const asked: URLSearchParams[] = [];
  try {
    await page.route((u) => u.pathname === '/api/v1/registry/retirements', async (route) => {
      const query = new URL(route.request().url()).searchParams;
      asked.push(query);
      await route.fulfill({ json: query.get('cursor') === null
        ? { items: [certificate(704), certificate(703)], next_cursor: 'after-703' }
        : { items: [certificate(702), certificate(701)], next_cursor: null } });
    });
    // Away and back, so the registry page opens afresh and reads the list again.
    await page.goto(`${url}#/market`);
    await page.locator('.page.market').waitFor();
    await page.goto(`${url}#/registry`);
    const rows = page.locator('table.retirements tbody tr');
    await rows.first().waitFor();
    assert.deepEqual(await page.locator('table.retirements tbody tr td:first-child').allInnerTexts(), ['NTL-RC-704', 'NTL-RC-703']);
    assert.equal(asked[0]?.get('order'), 'newest', 'the latest first');
    assert.equal(await page.locator('button.more.projects').count(), 0, 'every project on the first page');
    await page.click('button.more.retirements');
    await rows.nth(3).waitFor();
    assert.deepEqual(await page.locator('table.retirements tbody tr td:first-child').allInnerTexts(), ['NTL-RC-704', 'NTL-RC-703', 'NTL-RC-702', 'NTL-RC-701']);
    assert.deepEqual([asked[1]?.get('cursor'), asked[1]?.get('order')], ['after-703', 'newest'], 'the next page, the same way round');
    assert.equal(await page.locator('button.more.retirements').count(), 0, 'no button on the last page');
  } finally {
    await page.unrouteAll({ behavior: 'wait' });
  }
});

suite.test('a farmer logs in and sees the statement: attributed tonnes, sales, deductions, paid, outstanding', async ({ page, url, shot, logIn }) => {
  await logIn('farmer1');
  await page.goto(`${url}#/statement`);
  await page.locator('table.statement-table').waitFor();
  const text = await page.locator('table.statement-table').innerText();
  assert.match(text, /Statement: Li Wei · Xingguo hillside afforestation \(XG01\)/);
  assert.match(text, /Paid \(yuan\)\s+10,000\.00/);
  assert.match(text, /Outstanding \(yuan\)\s+[\d,]+\.\d\d/);
  // Line by line, newest first: the demo's last sale, its payment, and last of all the credits attributed at issuance.
  const lines = page.locator('table.statement-lines tbody tr');
  await lines.first().waitFor();
  assert.match(await lines.first().innerText(), /^2025-03-03 11:05\s+sale/);
  assert.match(await page.locator('table.statement-lines tbody tr.payment').innerText(), /payment\s+RCB 6222-0001 2025-03-20\s+10,000\.00$/);
  assert.match(await lines.last().innerText(), /credits issued\s+M2021-2023\s+625/);
  assert.ok((await page.locator('table.statement-lines tbody tr.sale').count()) >= 1, 'a sale on the exchange');
  assert.match(await page.locator('table.statement-lines tbody tr.sale').first().innerText(), /sale\s+SINK\/forest\/360732\/2023 · trade \d+/);
  assert.equal(await page.locator('table.statement-members').count(), 0, 'a member does not see the other members');
  await shot('statement-farmer1-en');
  // Another member's statement is refused, with the code.
  await page.fill('input[name=member]', 'farmer2');
  await page.press('input[name=member]', 'Enter');
  await page.locator('input[name=member]').blur();
  await page.locator('.problems').waitFor();
  assert.match(await page.locator('.problems').innerText(), /forbidden/);
  assert.equal(await page.locator('table.statement-lines').count(), 0, 'no lines of the statement refused, nor of the one before');
});

suite.test('the statement page shows a failed read of the projects, rather than an empty select', async ({ page, url }) => {
  try {
    await page.route((u) => u.pathname === '/api/v1/registry/projects', (route) => route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'refused by the test' } } }));
    // Away and back, so the statement page opens afresh and reads the projects again.
    await page.goto(`${url}#/market`);
    await page.locator('.page.market').waitFor();
    await page.goto(`${url}#/statement`);
    await page.locator('.problems').waitFor();
    assert.match(await page.locator('.problems').innerText(), /HTTP 503[\s\S]*unavailable[\s\S]*refused by the test/);
    assert.equal(await page.locator('select[name=project] option').count(), 0);
  } finally {
    await page.unrouteAll({ behavior: 'wait' });
  }
});

suite.test('the serial history for a logged-in participant, and the switch to Chinese', async ({ page, url, shot }) => {
  await page.goto(`${url}#/registry`);
  await page.fill('input[name=serial]', 'NTL-360732-XG01-2023-311-320');
  await page.click('.serial-search button[type=submit]');
  await page.locator('.serial-search table.history').waitFor();
  assert.match(await page.locator('table.history').innerText(), /credits\.issued[\s\S]*credits\.transferred[\s\S]*credits\.retired/);
  await page.click('button.lang');
  await page.waitForFunction(`document.documentElement.lang === 'zh-CN'`);
  assert.equal(await page.locator('nav a.active').innerText(), '登记簿');
  assert.match(await page.locator('table.projects caption').innerText(), /项目/);
  assert.match(await page.locator('table.projects tbody').innerText(), /已登记/);
  await shot('registry-farmer1-zh');
  await page.goto(`${url}#/statement`);
  await page.locator('table.statement-table').waitFor();
  assert.match(await page.locator('table.statement-table').innerText(), /已付（元）\s+10,000\.00/);
  await page.locator('table.statement-lines tbody tr').first().waitFor();
  assert.match(await page.locator('table.statement-lines caption').innerText(), /逐笔明细/);
  assert.match(await page.locator('table.statement-lines tbody tr.payment').innerText(), /付款\s+RCB 6222-0001 2025-03-20\s+10,000\.00$/);
  await shot('statement-farmer1-zh');
});

suite.test('the cooperative sees a member\u2019s statement; logging out returns to the public view', async ({ page, url, shot, logIn, logOut }) => {
  await logOut();
  await logIn('coop');
  await page.goto(`${url}#/statement`);
  // The cooperative is no member of its contract: the page opens on the contract's first member, and offers the others.
  await page.waitForFunction(`/Li Wei|李/.test(document.querySelector('table.statement-table caption')?.textContent ?? '')`);
  assert.equal(await page.locator('input[name=member]').inputValue(), 'farmer1');
  assert.deepEqual(await page.locator('#statement-members option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value)), ['farmer1', 'farmer2', 'farmer3']);
  // Every member at a glance, the one shown marked; a name picks its statement.
  const members = page.locator('table.statement-members tbody tr');
  await members.nth(2).waitFor();
  assert.deepEqual(await members.evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { member: string } }).dataset.member)), ['farmer1', 'farmer2', 'farmer3']);
  assert.equal(await page.locator('table.statement-members tr.chosen').getAttribute('data-member'), 'farmer1');
  assert.match(await page.locator('table.statement-members tr[data-member=farmer1]').innerText(), /Li Wei\s+farmer1\s+1\s+625\s+16,219\.75\s+10,000\.00\s+6,219\.75/);
  await page.click('table.statement-members tr[data-member=farmer3] button.link');
  await page.waitForFunction(`document.querySelector('table.statement-members tr.chosen')?.getAttribute('data-member') === 'farmer3'`);
  assert.equal(await page.locator('input[name=member]').inputValue(), 'farmer3');
  await page.fill('input[name=member]', 'farmer2');
  await page.locator('input[name=member]').blur();
  await page.waitForFunction(`/Wang Fang|王/.test(document.querySelector('table.statement-table caption')?.textContent ?? '')`);
  await shot('statement-coop-farmer2-zh');
  await page.evaluate(`localStorage.setItem('neutral.lang', 'en')`);
});

suite.test('the cooperative submits a project through the form: a bad parcels line named, then the project listed as submitted with its document\u2019s hash', async ({ page, url, shot }) => {
  // Logged in as the cooperative (the test before), the page in English again.
  await page.goto(`${url}#/registry`);
  await page.reload();
  await page.locator('table.projects caption', { hasText: 'Projects' }).waitFor();
  await page.click('details.submit-project summary', { timeout: 5000 });
  assert.match(await page.locator('details.submit-project summary').innerText(), /Submit a sink project/);
  const form = page.locator('form.project-form');
  await form.locator('input[name=projectId]').fill('XG02');
  await form.locator('input[name=name]').fill('Xingguo ridge afforestation');
  await form.locator('select[name=type]').selectOption('forest');
  await form.locator('input[name=regionCode]').fill('360732');
  await form.locator('input[name=methodology]').fill('CCER-14-001-V01 afforestation');
  await form.locator('input[name=start]').fill('2024-01-01');
  await form.locator('input[name=end]').fill('2043-12-31');
  await form.locator('input[name=aggregated]').check();
  await form.locator('input[name=declared]').check();
  await form.locator('input[name=documents]').setInputFiles('examples/score/panel.csv');
  // A number that is not one: refused here, naming the line and the column, nothing sent.
  await form.locator('textarea[name=parcels]').fill('parcelId,areaHm2,landClass,memberId\nXG02-P1,ten,forest,farmer1\n');
  await form.locator('button[type=submit]').click();
  assert.match(await page.locator('.submit-project .problems').innerText(), /parcels line 2: areaHm2[\s\S]*not a number: ten/);
  await form.locator('textarea[name=parcels]').fill('parcelId,areaHm2,landClass,memberId\nXG02-P1,8.5,forest,farmer1\nXG02-P2,4,forest,farmer2\n');
  await form.locator('button[type=submit]').click();
  await page.locator('.submit-project p.submitted', { hasText: 'XG02' }).waitFor();
  // Listed, selected, submitted by the cooperative with the document's name; the registry holds its SHA-256 as computed in the browser.
  await page.locator('table.projects tbody tr.selected', { hasText: 'XG02' }).waitFor();
  assert.match(await page.locator('table.projects tbody tr.selected').innerText(), /XG02\s+Xingguo ridge afforestation\s+forest\s+360732\s+submitted\s+12\.5/);
  assert.match(await page.locator('section.lifecycle ol.steps').innerText(), /submitted · coop · [\d-]+ [\d:]+ · panel\.csv/);
  const project = (await (await page.request.get(`${url}api/v1/registry/projects/XG02`)).json()) as { steps: { documents: { name: string; sha256: string }[] }[] };
  const { createHash } = await import('node:crypto');
  const { readFileSync } = await import('node:fs');
  assert.deepEqual(project.steps[0]!.documents, [{ name: 'panel.csv', sha256: createHash('sha256').update(readFileSync('examples/score/panel.csv')).digest('hex') }]);
  await shot('registry-submitted-en');
  // The same id again: the registry's refusal, with its code.
  await form.locator('button[type=submit]').click();
  await page.locator('.submit-project .problems').waitFor();
  assert.match(await page.locator('.submit-project .problems').innerText(), /project_exists/);
  // A project of the cooperative's own land, not aggregated: parcels without members.
  await form.locator('input[name=projectId]').fill('XG03');
  await form.locator('input[name=name]').fill('Xingguo cooperative woodlot');
  await form.locator('input[name=aggregated]').uncheck();
  await form.locator('textarea[name=parcels]').fill('parcelId,areaHm2,landClass\nXG03-P1,6,forest\n');
  await form.locator('button[type=submit]').click();
  await page.locator('table.projects tbody tr.selected', { hasText: 'XG03' }).waitFor();
  assert.equal(await page.locator('.submit-project .problems').count(), 0);
});

suite.test('the verifier validates the submitted projects; the administrator registers one, and the aggregated one waits for its members\u2019 signatures, as it says', async ({ page, url, logIn, logOut, shot }) => {
  const open = async (projectId = 'XG02') => {
    await page.goto(`${url}#/registry`);
    await page.click(`table.projects tbody tr a:text("${projectId}")`);
    await page.locator('section.lifecycle h2', { hasText: projectId }).waitFor();
  };
  // The cooperative, which submitted it, has no step to take.
  await open();
  assert.equal(await page.locator('.next-step').count(), 0);
  await logOut();
  await logIn('verifier');
  await open();
  // A rejection needs a reason: the registry's refusal, shown; then the validation, with its report.
  await page.click('.next-step button.reject');
  await page.locator('.next-step .problems').waitFor();
  assert.match(await page.locator('.next-step .problems').innerText(), /reason/);
  await page.locator('.next-step input[name=step-documents]').setInputFiles('examples/score/panel.params.json');
  await page.click('.next-step button.accept');
  await page.locator('table.projects tbody tr.selected', { hasText: 'validated' }).waitFor();
  assert.match(await page.locator('section.lifecycle ol.steps').innerText(), /validated · verifier · [\d-]+ [\d:]+ · panel\.params\.json/);
  assert.equal(await page.locator('.next-step').count(), 0, 'the verifier has no step left');
  await open('XG03');
  await page.click('.next-step button.accept');
  await page.locator('table.projects tbody tr.selected', { hasText: 'validated' }).waitFor();
  await logOut();
  await logIn('admin');
  await open('XG03');
  await page.click('.next-step button.register');
  await page.locator('table.projects tbody tr.selected', { hasText: 'registered' }).waitFor();
  assert.match(await page.locator('section.lifecycle ol.steps').innerText(), /submitted · coop[\s\S]*validated · verifier[\s\S]*registered · admin/);
  assert.equal(await page.locator('.next-step').count(), 0, 'nothing left to do');
  await open();
  // An aggregated project counts no parcel until its members sign the benefit-sharing contract: the registry says so.
  await page.click('.next-step button.register');
  await page.locator('.next-step .problems').waitFor();
  assert.match(await page.locator('.next-step .problems').innerText(), /The request was refused \(HTTP 422\)[\s\S]*command_rejected[\s\S]*no_counted_parcels/);
  assert.match(await page.locator('table.projects tbody tr.selected').innerText(), /validated/);
  await shot('registry-register-refused-en');
});

suite.test('the cooperative publishes its contract, a member signs it on the statement page, and the administrator registers the project', async ({ page, url, logIn, logOut, shot }) => {
  const open = async (projectId: string) => {
    await page.goto(`${url}#/registry`);
    await page.click(`table.projects tbody tr a:text("${projectId}")`);
    await page.locator('section.lifecycle h2', { hasText: projectId }).waitFor();
  };
  await logOut();
  await logIn('coop');
  await open('XG02');
  await page.click('details.publish-contract summary');
  assert.match(await page.locator('details.publish-contract summary').innerText(), /version 1$/);
  const form = page.locator('form.contract-form');
  // Fixed shares need a share per member: named before anything is sent.
  await form.locator('select[name=formula]').selectOption('fixed');
  await form.locator('textarea[name=members]').fill('farmer1\nfarmer2,1');
  await form.locator('button[type=submit]').click();
  assert.match(await page.locator('details.publish-contract .problems').innerText(), /members line 1: fixedShare/);
  await form.locator('select[name=formula]').selectOption('tonnes');
  await form.locator('textarea[name=members]').fill('farmer1\nfarmer2');
  await form.locator('textarea[name=deductions]').fill('cooperative fee,1000,coop');
  await form.locator('input[name=schedule]').fill('within 30 days of each sale');
  await form.locator('button[type=submit]').click();
  // Published: the next version offered is 2.
  await page.locator('details.publish-contract summary', { hasText: 'version 2' }).waitFor();
  await logOut();
  await logIn('farmer1');
  await page.goto(`${url}#/statement`);
  await page.selectOption('select[name=project]', 'XG02');
  const box = page.locator('section.sign-contract');
  await box.waitFor();
  assert.match(await box.innerText(), /version 1[\s\S]*tonnes[\s\S]*cooperative fee 10 % → coop[\s\S]*within 30 days of each sale/);
  await shot('contract-to-sign-en');
  await box.locator('button.sign').click();
  await page.locator('.statement p.note', { hasText: 'Contract version signed: 1' }).waitFor();
  assert.equal(await page.locator('section.sign-contract').count(), 0, 'signed once, nothing left to sign');
  await logOut();
  await logIn('admin');
  await open('XG02');
  await page.click('.next-step button.register');
  await page.locator('table.projects tbody tr.selected', { hasText: 'registered' }).waitFor();
  assert.equal(await page.locator('.next-step .problems').count(), 0);
  await shot('registry-xg02-registered-en');
});

suite.test('the registered project\u2019s monitoring: the cooperative reports a period, the verifier certifies less, the administrator issues, the member sees its tonnes', async ({ page, url, logIn, logOut, shot }) => {
  const open = async () => {
    await page.goto(`${url}#/registry`);
    await page.click('table.projects tbody tr a:text("XG02")');
    await page.locator('section.lifecycle h2', { hasText: 'XG02' }).waitFor();
  };
  const row = page.locator('section.lifecycle tr[data-period=M2024]');
  await logOut();
  await logIn('coop');
  await open();
  await page.click('details.report-monitoring summary');
  const form = page.locator('form.monitoring-form');
  await form.locator('input[name=periodId]').fill('M2024');
  await form.locator('input[name=from]').fill('2024-01-01');
  await form.locator('input[name=to]').fill('2024-12-31');
  // Tonnes are read exactly, three decimals at most: anything else is named before it is sent.
  await form.locator('input[name=removals]').fill('120.5005');
  await form.locator('button[type=submit]').click();
  assert.match(await page.locator('details.report-monitoring .problems').innerText(), /removals[\s\S]*at most three decimals/);
  await form.locator('input[name=removals]').fill('120.5');
  await form.locator('button[type=submit]').click();
  await row.waitFor();
  assert.match(await row.innerText(), /M2024\s+2024-01-01\s+2024-12-31\s+submitted\s+120\.500\s+0\.000/);
  await logOut();
  await logIn('verifier');
  await open();
  // More than reported is refused by the registry; less is certified.
  await row.locator('input[name=verified]').fill('200');
  await row.locator('button.accept').click();
  await row.locator('.problems').waitFor();
  assert.match(await row.locator('.problems').innerText(), /exceeds_reported/);
  await row.locator('input[name=verified]').fill('118.25');
  await row.locator('button.accept').click();
  await page.locator('section.lifecycle tr[data-period=M2024]', { hasText: 'verified' }).waitFor();
  assert.match(await row.innerText(), /verified\s+120\.500\s+118\.250/);
  await logOut();
  await logIn('admin');
  await open();
  await row.locator('button.issue').click();
  await page.locator('section.lifecycle tr[data-period=M2024]', { hasText: 'issued' }).waitFor();
  assert.match(await page.locator('section.lifecycle table', { hasText: 'Vintage' }).innerText(), /M2024\s+2024\s+[\d,]+\s+[\d,]+\s+NTL-360732-XG02-2024-1-/);
  await shot('registry-xg02-issued-en');
  // The member signed, so its parcel counts: its share of the issuance is on its statement, line by line.
  await logOut();
  await logIn('farmer1');
  await page.goto(`${url}#/statement`);
  await page.selectOption('select[name=project]', 'XG02');
  await page.locator('table.statement-lines tbody tr.issued', { hasText: 'M2024' }).waitFor();
  assert.doesNotMatch(await page.locator('table.statement-table').innerText(), /Tonnes attributed\s+0 t/);
});

suite.test('the members\u2019 table and the lines that cannot be read say why, rather than leaving nothing', async ({ page, url, logIn, logOut }) => {
  await logOut();
  await logIn('coop');
  const refuse = (message: string) => (route: Route) => route.fulfill({ status: 503, json: { error: { code: 'unavailable', message } } });
  try {
    await page.route((u) => u.pathname === '/api/v1/registry/projects/XG01/statements', refuse('members refused by the test'));
    await page.route((u) => u.pathname === '/api/v1/registry/projects/XG01/members/farmer1/statement/lines', refuse('lines refused by the test'));
    await page.goto(`${url}#/statement`);
    await page.locator('table.statement-table').waitFor();
    await page.locator('.statement .problems', { hasText: 'members refused by the test' }).waitFor();
    await page.locator('.statement .problems', { hasText: 'lines refused by the test' }).waitFor();
    assert.equal(await page.locator('table.statement-members').count(), 0);
    assert.equal(await page.locator('table.statement-lines').count(), 0);
  } finally {
    await page.unrouteAll({ behavior: 'wait' });
  }
});
