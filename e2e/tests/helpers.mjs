// Shared setup for the browser tests: one headless Debian Chromium per test
// file, driven by playwright-core (no downloaded browser).
//
// BASE_URL   the server under test (default http://127.0.0.1:8080)
// CHROMIUM   the browser binary (default /usr/bin/chromium)

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { startMock } from '../mock-server.mjs';

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '');
export const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts');

export const XSS_WORD = 'zanzibarcanary';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-default-browser-check',
  '--metrics-recording-only',
  '--mute-audio',
];

/** Launches the browser (headless, fresh temporary profile). */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    timeout: 60_000,
  });
}

/**
 * A new page that records console errors, page errors and dialogs; the
 * page only reaches the server under test (anything else is aborted, so an
 * offline machine fails fast instead of waiting on DNS).
 */
export async function newPage(browser, viewport = { width: 1280, height: 900 }, baseUrl = BASE_URL) {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  const base = new URL(baseUrl);
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === base.host) return route.continue();
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const log = { dialogs: [], pageErrors: [], consoleErrors: [] };
  page.on('dialog', (dialog) => {
    log.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (err) => log.pageErrors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(msg.text());
  });
  page.log = log;
  return page;
}

/** JSON from the server under test (for comparing what the UI shows). */
export async function apiGet(pathAndQuery) {
  const res = await fetch(BASE_URL + pathAndQuery);
  const body = await res.json();
  if (!res.ok) throw new Error(`${pathAndQuery}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** Waits until the search view shows the answer to the current URL. */
export async function waitForResults(page) {
  await page.waitForFunction(() => {
    const view = document.getElementById('search-view');
    const summary = document.getElementById('summary');
    return view && !view.hidden && !document.body.hasAttribute('aria-busy') && summary && summary.dataset.total !== undefined
      && summary.textContent !== 'Searching…';
  });
}

/** Waits until the reader view shows an article. */
export async function waitForArticle(page) {
  await page.waitForFunction(() => {
    const view = document.getElementById('reader-view');
    return view && !view.hidden && !document.body.hasAttribute('aria-busy') && view.querySelector('.article-header h1');
  });
}

/** Types a query into the search box and presses Enter. */
export async function search(page, query) {
  const box = page.locator('#q');
  await box.fill(query);
  await box.press('Enter');
  await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === (q || null), query);
  await waitForResults(page);
}

export function totalShown(page) {
  return page.locator('#summary').evaluate((n) => Number(n.dataset.total));
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** No horizontal scrolling at the current viewport. */
export function scrollWidths(page) {
  return page.evaluate(() => ({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth }));
}

/**
 * A mock server of its own and a page on it for the enclosing `describe`
 * block (for API answers the real store never gives): `{url, page}` once
 * its `before` has run; both are closed by its `after`.
 */
export function mockServer(getBrowser) {
  const handle = { url: null, page: null, server: null };
  before(async () => {
    const mock = await startMock(0);
    handle.server = mock.server;
    handle.url = mock.url;
    handle.page = await newPage(getBrowser(), undefined, mock.url);
  });
  after(async () => {
    await handle.page?.context().close();
    if (handle.server) await new Promise((resolve) => handle.server.close(resolve));
  });
  return handle;
}
