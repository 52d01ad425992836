// Coded events (who did what to whom): the events facet, the timeline of
// events by category, and the reader's event marks and list, each checked
// against the API's answers for the ingested example pages.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_URL, launch, newPage, apiGet, waitForResults, waitForArticle, screenshot } from './helpers.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = await newPage(browser);
});

after(async () => {
  await browser?.close();
});

const label = (c) => c[0].toUpperCase() + c.slice(1).toLowerCase();

describe('events', () => {
  it('lists the categories as a facet and narrows the search to one', async () => {
    const all = await apiGet('/api/search?facets=true');
    const categories = all.facets.events;
    assert.ok(categories.length > 0, 'the example pages report events');
    await page.goto(`${BASE_URL}/`);
    await waitForResults(page);
    const shown = await page.locator('section[data-facet="events"] .facet-link').evaluateAll((links) =>
      links.map((a) => ({ value: a.dataset.value, count: a.querySelector('.facet-count').textContent })));
    assert.deepEqual(shown.slice(0, categories.length), categories.map((c) => ({ value: c.value, count: String(c.count) })));
    await page.locator(`section[data-facet="events"] .facet-link[data-value="${categories[0].value}"]`).click();
    await waitForResults(page);
    const q = new URL(page.url()).searchParams.get('q');
    assert.equal(q, `event:${categories[0].value}`);
    const narrowed = await apiGet(`/api/search?q=${encodeURIComponent(q)}`);
    assert.equal(narrowed.total, categories[0].count);
    await screenshot(page, 'events-facet');
  });

  it('draws one timeline row per category with the API counts', async () => {
    await page.goto(`${BASE_URL}/?interval=month`);
    await waitForResults(page);
    const answer = await apiGet('/api/events?interval=month&limit=1');
    assert.ok(answer.timeline.length > 0);
    await page.locator('#event-timeline:not([hidden])').waitFor();
    const rows = await page.locator('#event-lines .event-line').evaluateAll((lis) =>
      lis.map((li) => ({ category: li.dataset.category, total: li.querySelector('.event-line-count').textContent, bars: li.querySelectorAll('rect').length })));
    assert.deepEqual(rows.map((r) => r.category), answer.timeline.map((t) => t.category));
    rows.forEach((row, i) => {
      const buckets = answer.timeline[i].buckets;
      assert.equal(row.total, String(buckets.reduce((s, b) => s + b.count, 0)));
      assert.equal(row.bars, buckets.length);
    });
    await page.locator('#event-lines .event-line-label').first().click();
    await waitForResults(page);
    assert.match(new URL(page.url()).searchParams.get('q'), new RegExp(`^event:${answer.timeline[0].category}$`));
  });

  it('marks each event on its verb in the reader and lists it with its sentence', async () => {
    const answer = await apiGet('/api/events?limit=50');
    assert.ok(answer.events.length > 0);
    const id = answer.events[0].article.id;
    const a = await apiGet(`/api/articles/${id}`);
    await page.goto(`${BASE_URL}/article/${id}`);
    await waitForArticle(page);
    const chars = Array.from(a.text);
    const items = await page.locator('#reader-view .event-item').evaluateAll((lis) =>
      lis.map((li) => ({ category: li.querySelector('.event-category').textContent, sentence: li.querySelector('.event-sentence')?.textContent ?? '' })));
    assert.deepEqual(items, a.events.map((e) => ({
      category: label(e.plover || e.cameo),
      sentence: chars.slice(e.sentence.start, e.sentence.end).join('').trim(),
    })));
    const verbs = await page.locator('#reader-view .article-body .mark-event').allTextContents();
    for (const v of verbs) assert.ok(a.events.some((e) => chars.slice(e.verb.start, e.verb.end).join('') === v), v);
    assert.ok(verbs.length > 0, 'at least one event verb is marked');
    await screenshot(page, 'events-reader');
  });
});
