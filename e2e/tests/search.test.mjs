// Search page: query box, results with highlighted snippets, facets,
// timeline chart, pagination state in the URL, empty and error messages.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, newPage, apiGet, search, waitForResults, totalShown, screenshot,
} from './helpers.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = await newPage(browser);
});

after(async () => {
  await browser?.close();
});

describe('search page', () => {
  it('shows the newest stories for an empty query, with the search box focused', async () => {
    await page.goto(`${BASE_URL}/`);
    await waitForResults(page);
    const api = await apiGet('/api/search?q=&limit=20');
    assert.ok(api.total > 0, 'the archive is not empty');
    assert.equal(await totalShown(page), api.total);
    assert.equal(await page.locator('#results .result').count(), api.hits.length);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'q', 'search box has focus');
    const dates = await page.locator('#results .result time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
    const sorted = [...dates].sort().reverse();
    assert.deepEqual(dates, sorted, 'newest first');
  });

  it('finds stories by a typed query and highlights the matched words', async () => {
    await page.goto(`${BASE_URL}/`);
    await waitForResults(page);
    await search(page, 'raqqa');
    const api = await apiGet('/api/search?q=raqqa&limit=20');
    assert.ok(api.total >= 1, 'the fixtures contain a story about Raqqa');
    assert.equal(await totalShown(page), api.total);
    assert.match(await page.locator('#summary').innerText(), new RegExp(`${api.total} stor(y|ies)`));
    assert.match(await page.locator('#summary').innerText(), /ms/, 'time taken shown');
    assert.equal(await page.locator('#results .result').count(), api.hits.length);
    const marks = await page.locator('#results .snippet mark').allInnerTexts();
    assert.ok(marks.length > 0, 'snippets have <mark>ed words');
    for (const m of marks) assert.equal(m.toLowerCase(), 'raqqa');
    // The first result's marks are exactly the API's highlight ranges.
    const first = api.hits[0];
    const expected = first.highlights.map(([s, e]) => Array.from(first.snippet).slice(s, e).join(''));
    const shown = await page.locator('#results .result').first().locator('.snippet mark').allInnerTexts();
    assert.deepEqual(shown, expected);
    const snippetText = await page.locator('#results .result').first().locator('.snippet').textContent();
    assert.equal(snippetText, first.snippet, 'snippet text intact');
    const href = await page.locator('#results .result-title a').first().getAttribute('href');
    assert.equal(href, `/article/${first.id}`);
    await screenshot(page, 'search');
  });

  it('"/" focuses the search box', async () => {
    await page.locator('#results .result-title a').first().focus();
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'q');
  });

  it('renders site, language and month facets, and a click narrows the results', async () => {
    await page.goto(`${BASE_URL}/`);
    await waitForResults(page);
    const all = await totalShown(page);
    for (const group of ['sites', 'languages', 'months']) {
      assert.ok(await page.locator(`.facet[data-facet="${group}"] .facet-link`).count() > 0, `${group} facet shown`);
    }
    // Site: adds site:HOST to the query.
    const site = page.locator('.facet[data-facet="sites"] .facet-link').first();
    const host = await site.getAttribute('data-value');
    const count = Number(await site.locator('.facet-count').innerText());
    await site.click();
    await page.waitForFunction((h) => new URLSearchParams(location.search).get('q') === `site:${h}`, host);
    await waitForResults(page);
    assert.equal(await totalShown(page), count);
    assert.ok(count <= all);
    assert.equal(await page.inputValue('#q'), `site:${host}`);
    assert.equal(await page.locator('.facet[data-facet="sites"] .facet-link.active').count(), 1);

    // Month: sets from/to to that month.
    await page.goto(`${BASE_URL}/`);
    await waitForResults(page);
    const month = page.locator('.facet[data-facet="months"] .facet-link').first();
    const value = await month.getAttribute('data-value');
    const monthCount = Number(await month.locator('.facet-count').innerText());
    await month.click();
    await page.waitForFunction((v) => new URLSearchParams(location.search).get('from') === v, value);
    await waitForResults(page);
    assert.equal(new URL(page.url()).searchParams.get('to'), value);
    assert.equal(await totalShown(page), monthCount);
    const dates = await page.locator('#results .result time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
    for (const d of dates) assert.ok(d.startsWith(value), `${d} in ${value}`);
    assert.ok(await page.locator('#active-filters .chip').count() >= 1, 'the date filter is shown');
    // Removing the filter chip restores everything.
    await page.locator('#active-filters .chip-remove').first().click();
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('from'));
    await waitForResults(page);
    assert.equal(await totalShown(page), all);

    // Language: sets lang=.
    const lang = page.locator('.facet[data-facet="languages"] .facet-link').first();
    const code = await lang.getAttribute('data-value');
    const langCount = Number(await lang.locator('.facet-count').innerText());
    await lang.click();
    await page.waitForFunction((c) => new URLSearchParams(location.search).get('lang') === c, code);
    await waitForResults(page);
    assert.equal(await totalShown(page), langCount);
  });

  it('draws a timeline with one labelled bar per bucket; a bar click narrows the dates', async () => {
    await page.goto(`${BASE_URL}/`);
    await waitForResults(page);
    await page.waitForSelector('#chart svg .bar');
    const svg = page.locator('#chart svg');
    const interval = await svg.getAttribute('data-interval');
    assert.ok(['day', 'week', 'month', 'year'].includes(interval));
    assert.ok((await svg.getAttribute('aria-label')).startsWith('Timeline'));
    const hist = await apiGet(`/api/histogram?q=&interval=${interval === 'week' ? 'day' : interval}`);
    const bars = page.locator('#chart svg .bar');
    const keys = await bars.evaluateAll((bs) => bs.map((b) => b.getAttribute('data-key')));
    const counts = await bars.evaluateAll((bs) => bs.map((b) => Number(b.getAttribute('data-count'))));
    if (interval !== 'week') {
      assert.deepEqual(keys, hist.buckets.map((b) => b.key));
      assert.deepEqual(counts, hist.buckets.map((b) => b.count));
    }
    assert.equal(counts.reduce((a, b) => a + b, 0), hist.buckets.reduce((a, b) => a + b.count, 0));
    const titles = await page.locator('#chart svg .bar > title').allTextContents();
    assert.equal(titles.length, keys.length, 'every bar has a <title> tooltip');
    for (const t of titles) assert.match(t, /: \d+ stor(y|ies)$/);
    for (const label of await bars.evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')))) {
      assert.ok(label && label.length > 5, 'bars have accessible labels');
    }

    // Choose months explicitly: one bar per month of the months facet.
    await page.locator('input[name="interval"][value="month"]').check();
    await page.waitForFunction(() => document.querySelector('#chart svg')?.getAttribute('data-interval') === 'month');
    const months = await apiGet('/api/search?q=&facets=true&limit=1');
    const monthKeys = await page.locator('#chart svg .bar').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-key')));
    assert.deepEqual(monthKeys, months.facets.months.map((m) => m.value));
    assert.equal(new URL(page.url()).searchParams.get('interval'), 'month');

    // Click the last bar: from/to become that month.
    const last = page.locator('#chart svg .bar').last();
    const key = await last.getAttribute('data-key');
    const n = Number(await last.getAttribute('data-count'));
    await last.click();
    await page.waitForFunction((k) => new URLSearchParams(location.search).get('from') === k, key);
    await waitForResults(page);
    assert.equal(new URL(page.url()).searchParams.get('to'), key);
    assert.equal(await totalShown(page), n);
  });

  it('timeline for a query: bars match the API histogram', async () => {
    await page.goto(`${BASE_URL}/?q=raqqa&interval=day`);
    await waitForResults(page);
    await page.waitForSelector('#chart svg .bar');
    const hist = await apiGet('/api/histogram?q=raqqa&interval=day');
    assert.equal(await page.locator('#chart svg .bar').count(), hist.buckets.length);
  });

  it('keeps state in the URL: back and forward restore searches', async () => {
    await page.goto(`${BASE_URL}/`);
    await waitForResults(page);
    await search(page, 'raqqa');
    const raqqa = await totalShown(page);
    await search(page, 'zzzznotawordzzzz');
    assert.equal(await totalShown(page), 0);
    await page.goBack();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'raqqa');
    await waitForResults(page);
    assert.equal(await totalShown(page), raqqa);
    assert.equal(await page.inputValue('#q'), 'raqqa');
    await page.goForward();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'zzzznotawordzzzz');
    await waitForResults(page);
    assert.equal(await totalShown(page), 0);
  });

  it('says so when nothing matches (role=status)', async () => {
    await page.goto(`${BASE_URL}/?q=zzzznotawordzzzz`);
    await waitForResults(page);
    const status = page.locator('#summary[role="status"]');
    assert.match(await status.innerText(), /No stories match/);
    assert.equal(await page.locator('#chart svg').count(), 0);
  });

  it('shows server errors as alerts (role=alert)', async () => {
    await page.goto(`${BASE_URL}/?q=raqqa&from=not-a-date`);
    await page.waitForSelector('#alert:not([hidden])');
    const text = await page.locator('#alert[role="alert"]').innerText();
    assert.ok(text.length > 0, 'an error message is shown');
  });

  it('pages through results with prev/next links', async () => {
    // Page size is 20; the fixtures are fewer, so ask for page 2 directly.
    await page.goto(`${BASE_URL}/?page=2`);
    await waitForResults(page);
    const total = await totalShown(page);
    assert.ok(total > 0);
    assert.equal(await page.locator('#results .result').count(), Math.max(0, total - 20));
    const prev = page.locator('#pager a.pager-prev');
    assert.equal(await prev.count(), 1, 'a link back to page 1');
    await prev.click();
    await page.waitForFunction(() => !new URLSearchParams(location.search).has('page'));
    await waitForResults(page);
    assert.equal(await page.locator('#results .result').count(), Math.min(20, total));
  });

  it('logs no script errors', () => {
    assert.deepEqual(page.log.pageErrors, []);
    assert.deepEqual(page.log.dialogs, []);
  });
});
