/**
 * The market page in a real browser on the demo database: the demo's trades on the tape, the
 * book and the candlestick chart without a login; the cooperative offers and the emitter buys
 * through the order form, and the trade appears on the tape; the page in Chinese.
 * Screenshots go to test-output/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { CHROMIUM, OUTPUT, type Session, logIn, openSession } from './test-support/browser.js';

const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
let session: Session;
let page: Page;

before(async () => {
  if (skip) return;
  session = await openSession('en-GB');
  page = await session.context.newPage();
  page.setDefaultTimeout(15_000);
});
after(async () => session?.close());

const tapeRows = () => page.locator('table.tape tbody tr');

test('the market without a login: the demo trades, the book, candles; order entry asks for a login', { skip }, async () => {
  await page.goto(`${session.server.url}#/market`);
  await tapeRows().first().waitFor();
  assert.equal(await tapeRows().count(), 4);
  assert.match(await page.locator('table.tape').innerText(), /51\.00\s+30\s+continuous/);
  assert.match(await page.locator('table.depth').innerText(), /51\.00\s+250\s+1[\s\S]*49\.50\s+100\s+1/);
  await page.locator('.market .chart svg path').first().waitFor({ state: 'attached' });
  assert.match(await page.locator('.market .chart').innerHTML(), /2025-03-03 10:02/, 'one candle per minute with trades');
  assert.match(await page.locator('.market').innerText(), /Log in as a trader to place orders/);
  await page.screenshot({ path: `${OUTPUT}/market-public-en.png`, fullPage: true });
});

async function order(username: string, side: 'buy' | 'sell', price: string, quantity: string): Promise<void> {
  if (await page.locator('header .account .user').count() > 0) {
    await page.click('header .account button');
    await page.locator('header a.account').waitFor();
  }
  await logIn(page, session.server.url, username);
  await page.goto(`${session.server.url}#/market`);
  await page.locator('form.order-entry').waitFor();
  await page.selectOption('form.order-entry select[name=side]', side);
  await page.fill('form.order-entry input[name=price]', price);
  await page.fill('form.order-entry input[name=quantity]', quantity);
  await page.click('form.order-entry button[type=submit]');
}

test('the cooperative offers, the emitter buys: the trade is on the tape', { skip }, async () => {
  await order('coop', 'sell', '50.20', '5');
  await page.locator('table.depth tbody tr.ask', { hasText: '50.20' }).waitFor();
  await order('emitter', 'buy', '50.20', '5');
  await page.locator('table.tape tbody tr').nth(4).waitFor();
  assert.equal(await tapeRows().count(), 5);
  assert.match(await tapeRows().first().innerText(), /50\.20\s+5\s+continuous/);
  assert.equal(await page.locator('table.depth tbody tr.ask', { hasText: '50.20' }).count(), 0, 'the offer is gone from the book');
  await page.screenshot({ path: `${OUTPUT}/market-traded-en.png`, fullPage: true });
});

test('the market page in Chinese', { skip }, async () => {
  await page.click('header button.lang');
  await page.locator('table.tape caption', { hasText: '成交记录' }).waitFor();
  assert.match(await page.locator('.market').innerText(), /买卖盘[\s\S]*价格（元\/吨）/);
  await page.screenshot({ path: `${OUTPUT}/market-zh.png`, fullPage: true });
});
