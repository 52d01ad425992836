// Phone width (375 x 740): single column, no horizontal scrolling on the
// search page (with its map), the reader and the place page; screenshots
// for review.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, XSS_WORD, launch, newPage, apiGet, waitForResults, waitForArticle, screenshot, scrollWidths,
} from './helpers.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = await newPage(browser, { width: 375, height: 740 });
});

after(async () => {
  await browser?.close();
});

async function assertNoHorizontalScroll(what) {
  const { scrollWidth, innerWidth } = await scrollWidths(page);
  assert.ok(scrollWidth <= innerWidth, `${what}: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
}

describe('phone width', () => {
  it('search page fits 375px, facets below the results', async () => {
    for (const q of ['', 'raqqa', XSS_WORD]) {
      await page.goto(`${BASE_URL}/?q=${encodeURIComponent(q)}`);
      await waitForResults(page);
      await page.waitForSelector('#chart svg .bar');
      const { places } = await apiGet(`/api/search?q=${encodeURIComponent(q)}&facets=true&limit=1`);
      if (places && places.length) await page.waitForSelector('#map .map-place');
      await assertNoHorizontalScroll(`search "${q}"`);
    }
    await page.goto(`${BASE_URL}/`);
    await waitForResults(page);
    await page.waitForSelector('#chart svg .bar');
    const results = await page.locator('#results').boundingBox();
    const facets = await page.locator('#facets').boundingBox();
    assert.ok(facets.y >= results.y + results.height - 1, 'facets stack under the results');
    await screenshot(page, 'search-mobile');
  });

  it('every article fits 375px in the reader', async () => {
    const all = await apiGet('/api/search?q=&limit=100');
    for (const hit of all.hits) {
      await page.goto(`${BASE_URL}/article/${hit.id}`);
      await waitForArticle(page);
      await assertNoHorizontalScroll(`article ${hit.id}`);
    }
    const raqqa = await apiGet('/api/search?q=raqqa&limit=1');
    await page.goto(`${BASE_URL}/article/${raqqa.hits[0].id}`);
    await waitForArticle(page);
    await screenshot(page, 'reader-mobile');
  });

  it('the place page fits 375px', async () => {
    const { places } = await apiGet('/api/search?q=&facets=true&limit=1');
    assert.ok(places && places.length, 'the archive names places');
    await page.goto(`${BASE_URL}/place/${places[0].geonames_id}`);
    await page.waitForSelector('#place-view .map-place');
    await page.waitForSelector('#place-view .chart svg .bar');
    await assertNoHorizontalScroll('place page');
    await screenshot(page, 'place-mobile');
  });

  it('logs no script errors', () => {
    assert.deepEqual(page.log.pageErrors, []);
    assert.deepEqual(page.log.dialogs, []);
  });
});
