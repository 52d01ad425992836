// Reader view: opening an article by mouse and keyboard, what it shows
// (checked against /api/articles/{id}), and going back to the results.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, newPage, apiGet, search, waitForResults, waitForArticle, screenshot,
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

/** Checks the reader view against the API's article. */
async function checkReader(id) {
  const a = await apiGet(`/api/articles/${id}`);
  const reader = page.locator('#reader-view');
  assert.equal(norm(await reader.locator('h1').innerText()), norm(a.title || '(untitled)'), 'title');
  if (a.description) assert.equal(norm(await reader.locator('.standfirst').innerText()), norm(a.description), 'standfirst');
  const byline = norm(await reader.locator('.byline').innerText());
  for (const author of a.authors) assert.ok(byline.includes(norm(author)), `author ${author} in "${byline}"`);
  if (a.published) {
    assert.equal(await reader.locator('.byline time.published').getAttribute('datetime'), a.published, 'date');
  }
  if (a.site_name) assert.ok(norm(await reader.locator('.kicker').innerText()).toLowerCase().includes(norm(a.site_name).toLowerCase()), 'site');
  const captions = norm(await reader.locator('figure figcaption').allInnerTexts().then((t) => t.join(' ')));
  for (const image of a.images) {
    if (image.caption) assert.ok(captions.includes(norm(image.caption)), `caption ${image.caption}`);
    if (image.credit) assert.ok(captions.includes(norm(image.credit)), `credit ${image.credit}`);
  }
  const blocks = a.body.filter((b) => b.text.trim());
  const shown = await reader.locator('.article-body').evaluate((body) => [...body.querySelectorAll('p, h2, li, pre')]
    .filter((n) => !(n.tagName === 'P' && n.parentElement.tagName === 'BLOCKQUOTE'))
    .map((n) => n.textContent));
  const quotes = await reader.locator('.article-body blockquote').count();
  assert.equal(shown.length + quotes, blocks.length, 'one element per body block');
  const kinds = { paragraph: 'p', heading: 'h2', quote: 'blockquote', list_item: 'li', preformatted: 'pre' };
  for (const [kind, tag] of Object.entries(kinds)) {
    const want = blocks.filter((b) => b.kind === kind).length;
    if (want) assert.equal(await reader.locator(`.article-body ${tag}${tag === 'p' ? ':not(blockquote p)' : ''}`).count(), want, `${kind} blocks as <${tag}>`);
  }
  if (blocks[0]) assert.equal(norm(await reader.locator('.article-body > *').first().innerText()), norm(blocks[0].text), 'first block');
  const tags = await reader.locator('.tags-section .tags a').allInnerTexts();
  assert.deepEqual(tags.map(norm), a.tags.filter((t) => t.trim()).map(norm), 'tags');
  const original = reader.locator('a.original-link');
  if (a.url && /^https?:\/\//i.test(a.url)) {
    assert.equal(await original.getAttribute('href'), new URL(a.url).href, 'link to the original');
    assert.deepEqual((await original.getAttribute('rel')).split(' ').sort(), ['nofollow', 'noopener', 'noreferrer']);
  } else {
    assert.equal(await original.count(), 0, 'no link for a non-http URL');
  }
  assert.equal(await reader.locator('section.duplicates h2').count(), 1, 'duplicates section');
  const others = a.duplicates.filter((d) => d.id !== a.id);
  assert.equal(await reader.locator('section.duplicates .duplicates-list > li').count(), others.length, 'duplicates listed');
  for (const d of others) {
    assert.equal(await reader.locator(`section.duplicates a[href="/article/${d.id}"]`).count(), 1, `link to duplicate ${d.id}`);
  }
  if (a.provenance.length) assert.ok(await reader.locator('.provenance li').count() >= 1, 'provenance');
  return a;
}

describe('reader view', () => {
  it('opens an article from the results by click, shows it, and goes back', async () => {
    await page.goto(`${BASE_URL}/`);
    await waitForResults(page);
    await search(page, 'raqqa');
    const link = page.locator('#results .result-title a').first();
    const href = await link.getAttribute('href');
    const id = href.split('/').pop();
    await link.click();
    await waitForArticle(page);
    assert.equal(new URL(page.url()).pathname, `/article/${id}`);
    const a = await checkReader(id);
    assert.match(await page.title(), /Dateline/);
    assert.ok(a.title);
    await screenshot(page, 'reader');

    await page.goBack();
    await waitForResults(page);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'raqqa');
    assert.ok(await page.locator('#results .result').count() >= 1);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), href, 'focus returns to the opened result');
  });

  it('opens every article of the archive and checks it against the API', async () => {
    const all = await apiGet('/api/search?q=&limit=100');
    for (const hit of all.hits) {
      await page.goto(`${BASE_URL}/article/${hit.id}`);
      await waitForArticle(page);
      await checkReader(hit.id);
    }
  });

  it('reaches results with Tab, moves with j/k, opens with Enter, Escape goes back', async () => {
    await page.goto(`${BASE_URL}/`);
    await waitForResults(page);
    const links = await page.locator('#results .result-title a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 2, 'at least two results');

    // Tab from the search box reaches the first result.
    await page.locator('#q').focus();
    let reached = null;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => (document.activeElement?.closest('#results') ? document.activeElement.getAttribute('href') : null));
    }
    assert.equal(reached, links[0], 'Tab reaches the first result');

    // j / k move the selection.
    await page.keyboard.press('j');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), links[1]);
    assert.equal(await page.locator('#results .result.selected').count(), 1);
    await page.keyboard.press('k');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), links[0]);
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await waitForArticle(page);
    assert.equal(new URL(page.url()).pathname, links[1]);

    await page.keyboard.press('Escape');
    await waitForResults(page);
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), links[1], 'selection kept');

    // Escape in the search box leaves it, then j selects the first result.
    await page.locator('#q').focus();
    await page.keyboard.press('Escape');
    await page.keyboard.press('j');
    const selected = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    assert.ok(links.includes(selected));
    await page.keyboard.press('Enter');
    await waitForArticle(page);
    await page.keyboard.press('Backspace');
    await waitForResults(page);
    assert.equal(new URL(page.url()).pathname, '/');
  });

  it('a direct link to an article works, and its back link leads to the search page', async () => {
    const all = await apiGet('/api/search?q=&limit=1');
    await page.goto(`${BASE_URL}/article/${all.hits[0].id}`);
    await waitForArticle(page);
    await page.locator('.back-link').click();
    await waitForResults(page);
    assert.equal(new URL(page.url()).pathname, '/');
  });

  it('an unknown article shows a not-found message', async () => {
    await page.goto(`${BASE_URL}/article/987654321`);
    await page.waitForSelector('#reader-view [role="alert"]');
    assert.match(await page.locator('#reader-view h1').innerText(), /No such article/);
  });

  it('logs no script errors', () => {
    assert.deepEqual(page.log.pageErrors, []);
    assert.deepEqual(page.log.dialogs, []);
  });
});
