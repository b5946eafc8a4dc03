/**
 * The market page in a real browser on the demo database: the demo's trades on the tape, the
 * book and the candlestick chart without a login; the cooperative offers and the emitter buys
 * through the order form, and the trade appears on the tape and in both traders' own orders and
 * trades; a late answer for an instrument no longer chosen is dropped, and neither a failed read
 * of the one chosen nor its answers still to come leave the previous one's book, trades, candles
 * or own records on screen; a failed read of the instruments is shown; the page in Chinese.
 * Screenshots go to test-output/.
 */
import assert from 'node:assert/strict';
import type { Page, Route } from 'playwright-core';
import { browserSuite } from './test-support/browser.js';

const suite = browserSuite({ locale: 'en-GB' });
const tapeRows = () => suite.context.page.locator('table.tape tbody tr');
/** A market read (`depth`, `tape`, `my/orders`, …) of one instrument, to route. */
const read = (name: string, instrument: string) => (u: URL) => u.pathname === `/api/v1/market/${name}` && u.searchParams.get('instrument') === instrument;
/** The demo lists one instrument; this adds a second, OTHER, whose reads the test answers itself. */
const addOther = (page: Page) => page.route((u) => u.pathname === '/api/v1/market/instruments', async (route) => {
  const response = await route.fetch();
  const body = (await response.json()) as { items: { instrument: string }[] };
  await route.fulfill({ response, json: { items: [...body.items, { ...body.items[0], instrument: 'OTHER' }] } });
});
/** OTHER's book, as the tests answer it: one bid at 42.00. */
const OTHER_BOOK = { instrument: 'OTHER', bids: [{ priceFen: 4200, quantityT: 7, orders: 1 }], asks: [] };
/** A promise the test resolves when it chooses: answers held back until then. */
const gate = (): { held: Promise<void>; release: () => void } => {
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  return { held, release };
};
/** A route answering `json` only once `held` resolves. */
const heldUntil = (held: Promise<void>, json: unknown) => async (route: Route) => { await held; await route.fulfill({ json }); };
const pause = (page: Page) => page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
/** To another page and its table, so that the market page opens afresh (and reads everything again) when the test goes back. */
const away = async (page: Page, url: string) => {
  await page.goto(`${url}#/registry`);
  await page.locator('table.projects').waitFor();
};

suite.test('the market without a login: the demo trades, the book, candles; order entry asks for a login', async ({ page, url, shot }) => {
  await page.goto(`${url}#/market`);
  await tapeRows().first().waitFor();
  assert.equal(await tapeRows().count(), 4);
  assert.match(await page.locator('table.tape').innerText(), /51\.00\s+30\s+continuous/);
  assert.match(await page.locator('table.depth').innerText(), /Sell\s+51\.00\s+250\s+1[\s\S]*Buy\s+49\.50\s+100\s+1/);
  await page.locator('.market .chart svg path').first().waitFor({ state: 'attached' });
  assert.match(await page.locator('.market .chart').innerHTML(), /2025-03-03 10:02/, 'one candle per minute with trades');
  assert.match(await page.locator('.market').innerText(), /Log in as a trader to place orders/);
  assert.equal(await page.locator('table.my-orders').count(), 0, 'no own orders without a login');
  await shot('market-public-en');
});

suite.test('a failed read of the instruments, or one with no answer, is shown, not an empty page', async ({ page, url }) => {
  try {
    const problemsWhenInstruments = async (answer: (route: Route) => Promise<void>): Promise<string> => {
      await page.unrouteAll({ behavior: 'wait' });
      await page.route((u) => u.pathname === '/api/v1/market/instruments', answer);
      await away(page, url);
      await page.goto(`${url}#/market`);
      await page.locator('.market .problems').waitFor();
      return page.locator('.market .problems').innerText();
    };
    assert.match(await problemsWhenInstruments((route) => route.fulfill({ status: 503, json: { error: { code: 'db_unavailable', message: 'the journal is not open' } } })), /the journal is not open/);
    // No answer at all (the server down): a problem too, not a silent page.
    assert.match(await problemsWhenInstruments((route) => route.abort('connectionrefused')), /network[\s\S]*the server did not answer/);
    assert.doesNotMatch(await page.locator('.market .problems h3').innerText(), /HTTP/);
  } finally {
    await page.unrouteAll({ behavior: 'wait' });
  }
});

suite.test('switching instrument: a late answer for the instrument left does not overwrite the book shown', async ({ page, url }) => {
  // The demo lists one instrument; the test adds a second, OTHER, whose reads it answers itself
  // at once, and holds the demo instrument's book until OTHER's is on screen.
  const { held, release } = gate();
  try {
    await addOther(page);
    await page.route(read('depth', 'OTHER'), (route) => route.fulfill({ json: OTHER_BOOK }));
    await page.route(read('tape', 'OTHER'), (route) => route.fulfill({ json: { items: [] } }));
    await page.route(read('candles', 'OTHER'), (route) => route.fulfill({ json: { items: [] } }));
    await page.route(read('depth', 'SINK/forest/360732/2023'), async (route) => { await held; await route.continue(); });
    // Away and back, so the market page opens afresh and asks for the instruments again.
    await away(page, url);
    const late = page.waitForEvent('requestfinished', (r) => read('depth', 'SINK/forest/360732/2023')(new URL(r.url())));
    await page.goto(`${url}#/market`);
    await page.locator('select[name=instrument] option[value=OTHER]').waitFor({ state: 'attached' });
    await page.selectOption('select[name=instrument]', 'OTHER');
    await page.locator('table.depth tbody tr.bid', { hasText: '42.00' }).waitFor();
    release();
    await late;
    // The late answer has reached the page; give it a moment to be (wrongly) drawn.
    await pause(page);
    assert.match(await page.locator('table.depth tbody').innerText(), /^Buy\s+42\.00\s+7\s+1$/, 'the book of OTHER, not of the demo instrument');
  } finally {
    release();
    await page.unrouteAll({ behavior: 'wait' });
  }
});

suite.test('switching instrument: when the new one\u2019s reads fail, the trades and candles of the one left are gone', async ({ page, url }) => {
  // As above, a second instrument OTHER; its book, tape and candles answer 503.
  const unavailable = { status: 503, json: { problems: [{ code: 'unavailable', message: 'test' }] } };
  try {
    await addOther(page);
    for (const name of ['depth', 'tape', 'candles']) await page.route(read(name, 'OTHER'), (route) => route.fulfill(unavailable));
    await away(page, url);
    await page.goto(`${url}#/market`);
    await tapeRows().nth(3).waitFor();
    // The demo instrument's candles first (they come apart from the tape).
    await page.waitForFunction(`/2025-03-03 10:02/.test(document.querySelector('.market .chart')?.innerHTML ?? '')`);
    const failed = ['depth', 'tape', 'candles'].map((name) => page.waitForResponse((r) => read(name, 'OTHER')(new URL(r.url()))));
    await page.selectOption('select[name=instrument]', 'OTHER');
    await Promise.all(failed);
    // The failures have reached the page; give it a moment to be drawn.
    await pause(page);
    assert.equal(await tapeRows().count(), 0, 'no trades of the demo instrument under OTHER');
    assert.equal(await page.locator('table.depth tbody tr').count(), 0);
    assert.doesNotMatch(await page.locator('.market .chart').innerHTML(), /2025-03-03 10:02/, 'no candles of the demo instrument under OTHER');
  } finally {
    await page.unrouteAll({ behavior: 'wait' });
  }
});

suite.test('switching instrument: the book, tape and candles of the one left are gone before the new one\u2019s answers come', async ({ page, url }) => {
  // OTHER's reads are held until the page has been looked at.
  const { held, release } = gate();
  try {
    await addOther(page);
    await page.route(read('depth', 'OTHER'), heldUntil(held, OTHER_BOOK));
    for (const name of ['tape', 'candles']) await page.route(read(name, 'OTHER'), heldUntil(held, { items: [] }));
    await away(page, url);
    await page.goto(`${url}#/market`);
    await tapeRows().nth(3).waitFor();
    await page.locator('table.depth tbody tr').first().waitFor();
    await page.waitForFunction(`/2025-03-03 10:02/.test(document.querySelector('.market .chart')?.innerHTML ?? '')`);
    const asked = ['depth', 'tape', 'candles'].map((name) => page.waitForRequest((r) => read(name, 'OTHER')(new URL(r.url()))));
    await page.selectOption('select[name=instrument]', 'OTHER');
    await Promise.all(asked);
    await pause(page);
    assert.equal(await page.locator('table.depth tbody tr').count(), 0, 'no book of the demo instrument under OTHER');
    assert.equal(await tapeRows().count(), 0, 'no trades of the demo instrument under OTHER');
    assert.doesNotMatch(await page.locator('.market .chart').innerHTML(), /2025-03-03 10:02/, 'no candles of the demo instrument under OTHER');
    release();
    await page.locator('table.depth tbody tr.bid', { hasText: '42.00' }).waitFor();
  } finally {
    release();
    await page.unrouteAll({ behavior: 'wait' });
  }
});

suite.test('switching interval: the candles of the interval left are gone before the new one\u2019s come', async ({ page, url }) => {
  const { held, release } = gate();
  const hourly = (u: URL) => read('candles', 'SINK/forest/360732/2023')(u) && u.searchParams.get('interval') === 'hour';
  try {
    await page.route(hourly, async (route) => { await held; await route.continue(); });
    await away(page, url);
    await page.goto(`${url}#/market`);
    await page.waitForFunction(`/2025-03-03 10:02/.test(document.querySelector('.market .chart')?.innerHTML ?? '')`);
    const asked = page.waitForRequest((r) => hourly(new URL(r.url())));
    await page.selectOption('select[name=interval]', 'hour');
    await asked;
    await pause(page);
    assert.doesNotMatch(await page.locator('.market .chart').innerHTML(), /2025-03-03 10:02/, 'no minute candles under "hour"');
    assert.equal(await tapeRows().count(), 4, 'the same instrument\u2019s trades stay');
    release();
    // An hour's candle is labelled by its hour alone.
    await page.waitForFunction(`/>2025-03-03 11</.test(document.querySelector('.market .chart')?.innerHTML ?? '')`);
  } finally {
    release();
    await page.unrouteAll({ behavior: 'wait' });
  }
});

async function order(username: string, side: 'buy' | 'sell', price: string, quantity: string): Promise<void> {
  const { page, url, logIn, logOut } = suite.context;
  await logOut();
  await logIn(username);
  await page.goto(`${url}#/market`);
  await page.locator('form.order-entry').waitFor();
  await page.selectOption('form.order-entry select[name=side]', side);
  await page.fill('form.order-entry input[name=price]', price);
  await page.fill('form.order-entry input[name=quantity]', quantity);
  await page.click('form.order-entry button[type=submit]');
}

suite.test('the cooperative offers, the emitter buys: the trade is on the tape', async ({ page, shot }) => {
  await order('coop', 'sell', '50.20', '5');
  await page.locator('table.depth tbody tr.ask', { hasText: '50.20' }).waitFor();
  // The cooperative's own records: the new offer open on top, the demo's part-filled offer, its four sales.
  await page.locator('table.my-orders tbody tr.open', { hasText: '50.20' }).waitFor();
  assert.match(await page.locator('table.my-orders tbody tr').first().innerText(), /Sell\s+50\.20\s+5\s+0\s+5\s+open/);
  assert.match(await page.locator('table.my-orders').innerText(), /Sell\s+51\.00\s+300\s+50\s+250\s+open/);
  assert.equal(await page.locator('table.my-trades tbody tr').count(), 4);
  assert.ok((await page.locator('table.my-trades tbody').innerText()).split('\n').every((row) => /Sell/.test(row)), 'only the cooperative\u2019s side');
  await shot('market-own-coop-en');
  await order('emitter', 'buy', '50.20', '5');
  await page.locator('table.tape tbody tr').nth(4).waitFor();
  assert.equal(await tapeRows().count(), 5);
  assert.match(await tapeRows().first().innerText(), /50\.20\s+5\s+continuous/);
  assert.equal(await page.locator('table.depth tbody tr.ask', { hasText: '50.20' }).count(), 0, 'the offer is gone from the book');
  // The emitter's own records: the buy filled, the trade on top of its trades, with its fee and the seller's region.
  await page.locator('table.my-trades tbody tr', { hasText: '50.20' }).waitFor();
  assert.match(await page.locator('table.my-orders tbody tr').first().innerText(), /Buy\s+50\.20\s+5\s+5\s+0\s+filled/);
  assert.match(await page.locator('table.my-trades tbody tr').first().innerText(), /Buy\s+50\.20\s+5\s+0\.25\s+360700/);
  await shot('market-traded-en');
});

suite.test('switching instrument: the trader\u2019s orders and trades on the one left are gone before the new one\u2019s come', async ({ page, url }) => {
  // The emitter, logged in, has orders and trades on the demo instrument; OTHER's own records are held.
  const { held, release } = gate();
  try {
    await addOther(page);
    await page.route(read('depth', 'OTHER'), (route) => route.fulfill({ json: { instrument: 'OTHER', bids: [], asks: [] } }));
    for (const name of ['tape', 'candles']) await page.route(read(name, 'OTHER'), (route) => route.fulfill({ json: { items: [] } }));
    for (const name of ['my/orders', 'my/trades']) await page.route(read(name, 'OTHER'), heldUntil(held, { items: [] }));
    await away(page, url);
    await page.goto(`${url}#/market`);
    await page.locator('table.my-trades tbody tr', { hasText: '50.20' }).waitFor();
    const asked = ['my/orders', 'my/trades'].map((name) => page.waitForRequest((r) => read(name, 'OTHER')(new URL(r.url()))));
    await page.selectOption('select[name=instrument]', 'OTHER');
    await Promise.all(asked);
    await pause(page);
    assert.equal(await page.locator('table.my-orders').count(), 0, 'no orders on the demo instrument under OTHER');
    assert.equal(await page.locator('table.my-trades').count(), 0, 'no trades on the demo instrument under OTHER');
    release();
    await page.locator('table.my-orders tbody tr', { hasText: 'No orders yet.' }).waitFor();
  } finally {
    release();
    await page.unrouteAll({ behavior: 'wait' });
    // Back to the demo instrument for the next test.
    await away(page, url);
    await page.goto(`${url}#/market`);
    await page.locator('table.my-trades tbody tr', { hasText: '50.20' }).waitFor();
  }
});

suite.test('the market page in Chinese', async ({ page, shot }) => {
  await page.click('header button.lang');
  await page.locator('table.tape caption', { hasText: '成交记录' }).waitFor();
  assert.match(await page.locator('.market').innerText(), /买卖盘[\s\S]*价格（元\/吨）/);
  assert.match(await page.locator('table.my-orders caption').innerText(), /我的委托/);
  assert.match(await page.locator('table.my-orders tbody tr').first().innerText(), /买入[\s\S]*全部成交/);
  assert.match(await page.locator('table.my-trades thead').innerText(), /手续费（元）[\s\S]*对手方地区/);
  await shot('market-zh');
});

suite.test('the emitter cancels its open bid from its own orders: the bid leaves the book, the row says cancelled', async ({ page, shot }) => {
  await page.click('header button.lang');
  await page.locator('table.tape caption', { hasText: 'Trades' }).waitFor();
  const open = page.locator('table.my-orders tbody tr.open', { hasText: '49.50' });
  await open.waitFor();
  await page.locator('table.depth tbody tr.bid', { hasText: '49.50' }).waitFor();
  // Only open orders have the button.
  assert.equal(await page.locator('table.my-orders tbody tr.filled button.cancel').count(), 0);
  await open.locator('button.cancel').click();
  await page.locator('table.my-orders tbody tr.cancelled', { hasText: '49.50' }).waitFor();
  assert.match(await page.locator('table.my-orders tbody tr.cancelled').innerText(), /Buy\s+49\.50\s+100\s+0\s+0\s+cancelled/);
  await page.waitForFunction(`!/49\\.50/.test(document.querySelector('table.depth tbody')?.textContent ?? '')`);
  assert.equal(await page.locator('table.my-orders tbody tr.cancelled button.cancel').count(), 0, 'no button on a done order');
  assert.equal(await page.locator('.market .problems').count(), 0);
  await shot('market-cancelled-en');
});
