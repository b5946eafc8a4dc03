/**
 * Debian's Chromium driven by playwright-core, for the dashboard tests: a fresh profile per run,
 * no background networking (the machine's network is closed), and the built dashboard served
 * in process on a free loopback port, on a fresh SQLite database holding the demo (logins
 * admin, planner, coop, farmer1, … with the password `neutral-demo`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { loadDemo } from '../../demo/registry.js';
import { openBackend } from '../backend.js';
import { type RunningServer, startServer } from '../server.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OUTPUT = 'test-output';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

function newest(dir: string): number {
  return readdirSync(dir).reduce((latest, name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    return Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }, 0);
}

/** Builds dist/web when it is missing or older than web/ (CI builds it in `npm ci`). */
export function ensureDashboardBuilt(): void {
  const index = 'dist/web/index.html';
  if (existsSync(index) && statSync(index).mtimeMs >= newest('web')) return;
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
}

export interface Session {
  readonly server: RunningServer;
  readonly context: BrowserContext;
  close(): Promise<void>;
}

export async function openSession(locale: string): Promise<Session> {
  ensureDashboardBuilt();
  mkdirSync(OUTPUT, { recursive: true });
  const backend = await openBackend({ dialect: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'neutral-web-')), 'demo.db') });
  await loadDemo(backend.journal.store, backend.accounts);
  const server = await startServer({ host: '127.0.0.1', port: 0, log: () => {}, journal: backend.journal, accounts: backend.accounts });
  const profile = mkdtempSync(join(tmpdir(), 'neutral-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, locale, viewport: { width: 1280, height: 900 }, timeout: 30_000,
  });
  return { server, context, close: async () => { await context.close(); await server.close(); await backend.close(); } };
}

/** Logs in through the dashboard's form and waits for the header to show the user. */
export async function logIn(page: Page, url: string, username: string, password = 'neutral-demo'): Promise<void> {
  await page.goto(`${url}#/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('form button[type=submit]');
  await page.locator('header .account .user', { hasText: username }).waitFor();
}

/** Logs out through the header's button when someone is logged in. */
export async function logOut(page: Page): Promise<void> {
  if ((await page.locator('header .account .user').count()) === 0) return;
  await page.click('header .account button');
  await page.locator('header a.account').waitFor();
}

/** What a browser test gets: the suite's one page on the demo server, and helpers bound to it. */
export interface BrowserTestContext {
  readonly page: Page;
  /** The server's URL, ending in `/` (pages are `${url}#/market`). */
  readonly url: string;
  readonly session: Session;
  /** Saves a full-page screenshot as test-output/NAME.png. */
  shot(name: string): Promise<void>;
  logIn(username: string, password?: string): Promise<void>;
  logOut(): Promise<void>;
}

export interface BrowserSuite {
  /** Why the suite's tests skip (no Chromium), or false. */
  readonly skip: string | false;
  /** The running context; only inside a test (or a helper a test calls). */
  readonly context: BrowserTestContext;
  /** A test that skips without Chromium and gets the suite's page and helpers. */
  test(name: string, body: (t: BrowserTestContext) => Promise<void>): void;
}

/**
 * A browser test file's set-up in one call: registers `before` (the demo server, Chromium with a
 * fresh profile in `locale`, one page with a 15 s default timeout) and `after` (all closed). Tests
 * run in order on the same page, so a file tells one story (log in, act, switch language).
 */
export function browserSuite(options: { locale?: string; timeoutMs?: number } = {}): BrowserSuite {
  const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  let running: BrowserTestContext | undefined;
  before(async () => {
    if (skip) return;
    const session = await openSession(options.locale ?? 'en-GB');
    const page = await session.context.newPage();
    page.setDefaultTimeout(options.timeoutMs ?? 15_000);
    const url = session.server.url;
    running = {
      page, url, session,
      shot: async (name) => void (await page.screenshot({ path: `${OUTPUT}/${name}.png`, fullPage: true })),
      logIn: (username, password) => logIn(page, url, username, password),
      logOut: () => logOut(page),
    };
  });
  after(async () => running?.session.close());
  const suite: BrowserSuite = {
    skip,
    get context(): BrowserTestContext {
      if (running === undefined) throw new Error('the browser suite is not running: use its context inside a test');
      return running;
    },
    test: (name, body) => void test(name, { skip }, () => body(suite.context)),
  };
  return suite;
}
