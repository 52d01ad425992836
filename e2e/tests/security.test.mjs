// Untrusted article data: a hostile page (e2e/fixtures/xss.html) whose
// title, description, author, caption, tag, body and URL carry HTML and
// javascript: payloads must show as literal text and run nothing.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, XSS_WORD, launch, newPage, apiGet, search, waitForResults, waitForArticle, screenshot, totalShown, mockServer,
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

const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
const PAYLOAD = /<img|<script|<svg|javascript:/i;

/** Nothing ran, no markup was injected, links are http(s) or same-site only. */
async function assertInert(p = page) {
  assert.equal(await p.evaluate(() => typeof window.__xss), 'undefined', 'no payload ran');
  assert.deepEqual(p.log.dialogs, [], 'no dialog');
  assert.deepEqual(p.log.pageErrors, [], 'no page errors');
  const report = await p.evaluate(() => {
    const origin = location.origin;
    const badLinks = [...document.querySelectorAll('[href]')]
      .map((n) => n.getAttribute('href'))
      .filter((h) => {
        const url = new URL(h, location.href);
        return !(url.protocol === 'http:' || url.protocol === 'https:') || (url.origin === origin && !h.startsWith('/') && !h.startsWith('#'));
      });
    const handlers = [...document.querySelectorAll('*')].flatMap((n) => [...n.attributes]
      .filter((a) => /^on/i.test(a.name)).map((a) => `${n.tagName}[${a.name}]`));
    const scripts = [...document.querySelectorAll('script')].map((s) => s.getAttribute('src'));
    const images = [...document.querySelectorAll('img')].map((i) => i.getAttribute('src'))
      .filter((s) => !/^https?:\/\//i.test(s || ''));
    // The timelines (stories, and stories per event category) and the maps
    // are the UI's own SVGs; any other would be injected.
    const own = '.chart > svg.chart-svg, .map-frame > svg.map-svg, #event-timeline svg.event-spark';
    const svgs = [...document.querySelectorAll('svg')].filter((s) => !s.matches(own)).length;
    return { badLinks, handlers, scripts, images, svgs };
  });
  assert.deepEqual(report.badLinks, [], 'only http(s) or same-site hrefs');
  assert.deepEqual(report.handlers, [], 'no inline event handler attributes');
  assert.deepEqual(report.scripts, ['/assets/app.js'], 'no injected scripts');
  assert.deepEqual(report.images, [], 'no images with non-http(s) sources');
  assert.equal(report.svgs, 0, 'no injected <svg>');
}

describe('hostile article data', () => {
  let hit;

  it('the hostile page was ingested with its payloads as text', async () => {
    const res = await apiGet(`/api/search?q=${XSS_WORD}&limit=5`);
    assert.ok(res.total >= 1, `the fixture (word "${XSS_WORD}") is in the store`);
    hit = res.hits[0];
    const a = await apiGet(`/api/articles/${hit.id}`);
    assert.match(a.title ?? '', PAYLOAD, 'payload in the title');
    assert.match(a.text ?? '', PAYLOAD, 'payload in the body');
  });

  it('search results show payloads as literal text', async () => {
    await page.goto(`${BASE_URL}/`);
    await waitForResults(page);
    await search(page, XSS_WORD);
    await page.waitForSelector('#chart svg .bar').catch(() => {});
    const title = await page.locator('#results .result-title a').first().innerText();
    assert.equal(norm(title), norm(hit.title), 'title as text');
    assert.match(title, PAYLOAD);
    const marks = await page.locator('#results .snippet mark').allInnerTexts();
    assert.ok(marks.some((m) => m.toLowerCase() === XSS_WORD));
    await assertInert();
  });

  it('the reader shows every payload as literal text and links nothing unsafe', async () => {
    await page.locator('#results .result-title a').first().click();
    await waitForArticle(page);
    const a = await apiGet(`/api/articles/${hit.id}`);
    const text = norm(await page.locator('#reader-view').innerText());
    const strings = [a.title, a.description, ...a.authors, ...a.tags,
      ...a.images.flatMap((i) => [i.caption, i.credit]), ...a.body.map((b) => b.text)]
      .filter((s) => typeof s === 'string' && PAYLOAD.test(s));
    assert.ok(strings.length >= 4, `several fields carry payloads (${strings.length})`);
    for (const s of strings) assert.ok(text.includes(norm(s)), `shown literally: ${s}`);
    // The page's own URL is javascript: -> no link to the original.
    if (a.url && !/^https?:/i.test(a.url)) {
      assert.equal(await page.locator('a.original-link').count(), 0);
    }
    assert.equal(await page.locator('#reader-view a[href^="javascript" i]').count(), 0);
    await page.waitForTimeout(300); // give a delayed payload (image error handlers) time to fire
    await assertInert();
    await screenshot(page, 'reader-hostile');
  });

  it('duplicates of the hostile page are listed safely and open safely', async () => {
    const a = await apiGet(`/api/articles/${hit.id}`);
    const others = a.duplicates.filter((d) => d.id !== a.id);
    for (const d of others) {
      const link = page.locator(`section.duplicates a[href="/article/${d.id}"]`);
      assert.equal(norm(await link.innerText()), norm(d.title || '(untitled)'));
      await link.click();
      await waitForArticle(page);
      assert.equal(new URL(page.url()).pathname, `/article/${d.id}`);
      await assertInert();
      await page.goBack();
      await waitForArticle(page);
    }
  });
});

// The extractor drops javascript: page URLs, so the real store never serves
// one as an article's `url`; the mock server does (and in provenance), so
// the UI's own guard is tested too.
describe('javascript: URLs from the API (mock server)', () => {
  const m = mockServer(() => browser);

  it('are shown as text, never as links', async () => {
    const res = await fetch(`${m.url}/api/search?q=${XSS_WORD}`).then((r) => r.json());
    const id = res.hits[0].id;
    const a = await fetch(`${m.url}/api/articles/${id}`).then((r) => r.json());
    assert.match(a.url, /^javascript:/);
    await m.page.goto(`${m.url}/article/${id}`);
    await m.page.waitForSelector('#reader-view .article-header h1');
    assert.equal(await m.page.locator('a.original-link').count(), 0);
    assert.match(await m.page.locator('.original-unsafe').innerText(), /javascript:window\.__xss=1/);
    const hrefs = await m.page.locator('[href]').evaluateAll((ns) => ns.map((n) => n.getAttribute('href')));
    for (const h of hrefs) assert.ok(/^(#|\/(?!\/)|https?:\/\/)/i.test(h), `safe href ${h}`);
    assert.equal(await m.page.evaluate(() => typeof window.__xss), 'undefined');
    assert.deepEqual(m.page.log.dialogs, []);
    assert.deepEqual(m.page.log.pageErrors, []);
  });
});

// Places, people, organisations and quantities with payloads in their names
// (mock server: the fixtures name no such places), on the map, in the
// facets, in the reader's highlights and on the place page.
describe('hostile enrichment from the API (mock server)', () => {
  const m = mockServer(() => browser);

  const get = (p) => fetch(m.url + p).then((r) => r.json());

  it('the map and the facets show hostile names as text', async () => {
    const res = await get(`/api/search?q=${XSS_WORD}&facets=true`);
    const evil = res.places.find((p) => PAYLOAD.test(p.name));
    assert.ok(evil, 'the mock names a hostile place');
    await m.page.goto(`${m.url}/?q=${XSS_WORD}`);
    await m.page.waitForSelector('#map .map-place');
    const title = await m.page.locator(`#map .map-place[data-id="${evil.geonames_id}"] title`).textContent();
    assert.equal(title, `${evil.name} (${evil.country_code}): 1 article`);
    for (const group of ['places', 'countries', 'people', 'organizations']) {
      const values = await m.page.locator(`.facet[data-facet="${group}"] .facet-value`).allInnerTexts();
      assert.ok(values.some((v) => PAYLOAD.test(v)), `${group}: a payload shown as text`);
    }
    await assertInert(m.page);
  });

  it('a hostile person facet makes a query that still parses, and runs nothing', async () => {
    const person = m.page.locator('.facet[data-facet="people"] .facet-link').first();
    const name = await person.getAttribute('data-value');
    assert.match(name, /"/, 'the name holds quotes');
    await person.click();
    await m.page.waitForFunction(() => /person:/.test(new URLSearchParams(location.search).get('q')));
    await waitForResults(m.page);
    const q = new URL(m.page.url()).searchParams.get('q');
    assert.equal(q, `${XSS_WORD} person:"${name.replace(/"/g, '')}"`, 'quotes inside the value are dropped, the value quoted');
    assert.equal(await totalShown(m.page), 1);
    await assertInert(m.page);
  });

  it('reader highlights carry hostile names only as text', async () => {
    const hit = (await get(`/api/search?q=${XSS_WORD}`)).hits[0];
    const a = await get(`/api/articles/${hit.id}`);
    await m.page.goto(`${m.url}/article/${hit.id}`);
    await waitForArticle(m.page);
    const titles = await m.page.locator('.article-body .mark').evaluateAll((ms) => ms.map((m) => m.getAttribute('title')));
    assert.ok(titles.length >= 3, 'marks shown');
    assert.ok(titles.some((t) => t.includes(a.places[0].name)), 'the place name as a tooltip');
    assert.ok(titles.some((t) => PAYLOAD.test(t) && t.startsWith('Person: ')));
    await m.page.waitForTimeout(200);
    await assertInert(m.page);
  });

  it('the place page of a hostile place shows its name as text', async () => {
    const res = await get(`/api/search?q=${XSS_WORD}&facets=true`);
    const evil = res.places.find((p) => PAYLOAD.test(p.name));
    await m.page.goto(`${m.url}/place/${evil.geonames_id}`);
    await m.page.waitForSelector('#place-view h1');
    assert.equal(await m.page.locator('#place-view h1').innerText(), evil.name);
    await m.page.waitForSelector('#place-view .map-place');
    await assertInert(m.page);
    await screenshot(m.page, 'place-hostile');
  });
});
