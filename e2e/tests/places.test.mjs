// Places, people and organisations: the map of a search's places, the
// place, country, person and organisation facets, the place page, and the
// reader's highlights (checked against the API's code point offsets).

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL, launch, newPage, apiGet, waitForResults, waitForArticle, totalShown, screenshot, mockServer,
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

/** The query term the UI makes for a facet value (quotes dropped, spaces quoted). */
function term(field, value) {
  const v = String(value).replace(/"/g, '').replace(/\s+/g, ' ').trim();
  return /\s/.test(v) ? `${field}:"${v}"` : `${field}:${v}`;
}

function mapTitle(p) {
  const where = p.country_code ? `${p.name} (${p.country_code})` : p.name;
  return `${where}: ${p.count} article${p.count === 1 ? '' : 's'}`;
}

const viewBox = () => page.locator('#map svg.map-svg').getAttribute('viewBox').then((v) => v.split(' ').map(Number));

/** The marks the reader should show for an article: in text order, the first (or longer) of overlapping ones. */
function expectedMarks(a) {
  const chars = Array.from(a.text || '');
  const kindOf = (e) => (e.kind === 'person' ? 'person' : 'organisation');
  const all = [
    ...(a.places || []).map((p) => ({ ...p, kind: 'place' })),
    ...(a.entities || []).map((e) => ({ ...e, kind: kindOf(e) })),
    ...(a.quantities || []).map((q) => ({ ...q, kind: 'quantity' })),
    // Events are marked on their verbs.
    ...(a.events || []).filter((e) => e.verb).map((e) => ({ start: e.verb.start, end: e.verb.end, kind: 'event' })),
  ].sort((x, y) => x.start - y.start || y.end - x.end);
  const kept = [];
  let end = 0;
  for (const m of all) {
    if (m.start < end) continue;
    kept.push({ kind: m.kind, text: chars.slice(m.start, m.end).join('') });
    end = m.end;
  }
  return kept;
}

async function shownMarks(p) {
  return p.locator('#reader-view .article-body .mark').evaluateAll((ms) => ms.map((m) => ({
    kind: [...m.classList].find((c) => c.startsWith('mark-')).slice(5), text: m.textContent,
  })));
}

describe('map of the places in the results', () => {
  let answer;

  it('draws one circle per place, titled with its name, country and count', async () => {
    answer = await apiGet('/api/search?q=&facets=true&limit=20');
    assert.ok(Array.isArray(answer.places) && answer.places.length > 0, 'the archive names places');
    await page.goto(`${BASE_URL}/`);
    await waitForResults(page);
    await page.waitForSelector('#map .map-place');
    assert.equal(await page.locator('#map-panel').isVisible(), true);
    const circles = await page.locator('#map .map-place').evaluateAll((ns) => ns.map((n) => ({
      id: Number(n.dataset.id), title: n.querySelector('title').textContent, r: Number(n.querySelector('circle').getAttribute('r')),
    })));
    assert.equal(circles.length, answer.places.length);
    for (const p of answer.places) {
      const c = circles.find((x) => x.id === p.geonames_id);
      assert.ok(c, `a circle for ${p.name}`);
      assert.equal(c.title, mapTitle(p));
    }
    const biggest = circles.find((c) => c.id === answer.places[0].geonames_id);
    assert.equal(Math.max(...circles.map((c) => c.r)), biggest.r, 'the place named most has the largest circle');
    await screenshot(page, 'map');
  });

  it('zooms with the buttons and the wheel, and pans by dragging', async () => {
    const [, , w0] = await viewBox();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const [, , w1] = await viewBox();
    assert.ok(Math.abs(w1 - w0 / 2) < 1, `zoomed in twice (${w0} -> ${w1})`);
    const box = await page.locator('#map svg.map-svg').boundingBox();
    await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
    await page.mouse.wheel(0, -200);
    await page.waitForFunction((w) => Number(document.querySelector('#map svg').getAttribute('viewBox').split(' ')[2]) < w, w1);
    const [x2] = await viewBox();
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 3 + 60, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    const [x3] = await viewBox();
    assert.ok(x3 < x2, `dragging right shows what is west (${x2} -> ${x3})`);
    assert.equal(new URL(page.url()).search, '', 'a drag is not a click');
    await page.getByRole('button', { name: 'Show the whole map' }).click();
    assert.equal((await viewBox())[2], w0);
  });

  it('a click on a circle narrows the search to the place, and the chip leads to its page', async () => {
    const place = answer.places[answer.places.length - 1];
    const circle = page.locator(`#map a.map-place[data-id="${place.geonames_id}"]`);
    // dispatchEvent: circles may overlap; the click must reach this one.
    await circle.dispatchEvent('click');
    await page.waitForFunction((q) => new URLSearchParams(location.search).get('q') === q, `place:${place.geonames_id}`);
    await waitForResults(page);
    assert.equal(await totalShown(page), place.count);
    await page.waitForSelector(`#map a.map-place.active[data-id="${place.geonames_id}"]`);
    const chip = page.locator('#active-filters .chip-place');
    assert.equal(await chip.innerText(), place.country_code ? `${place.name}, ${place.country_code}` : place.name);
    await chip.click();
    await page.waitForSelector('#place-view h1:not(:empty)');
    assert.equal(new URL(page.url()).pathname, `/place/${place.geonames_id}`);
    await page.locator('#place-view .back-link').click();
    await waitForResults(page);
    assert.equal(new URL(page.url()).searchParams.get('q'), `place:${place.geonames_id}`, 'back to the narrowed search');
  });

  it('is hidden when the results name no places', async () => {
    await page.goto(`${BASE_URL}/?q=zzzznotawordzzzz`);
    await waitForResults(page);
    assert.equal(await page.locator('#map-panel').isHidden(), true);
  });
});

describe('place, country, person and organisation facets', () => {
  const groups = [['places', 'place'], ['countries', 'country'], ['people', 'person'], ['organizations', 'org']];

  for (const [group, field] of groups) {
    it(`${group}: a click adds ${field}: to the query, a second removes it`, async () => {
      const answer = await apiGet('/api/search?q=&facets=true&limit=1');
      const values = group === 'places'
        ? answer.places.map((p) => ({ value: String(p.geonames_id), count: p.count }))
        : answer.facets[group];
      assert.ok(values && values.length > 0, `the archive has ${group}`);
      // Prefer a value with a space (it must be quoted) among those shown
      // before "more"; hostile values have their own test.
      const plain = values.slice(0, 8).filter((f) => !/[<>"]/.test(f.value));
      const want = plain.find((f) => /\s/.test(f.value)) || plain[0];
      await page.goto(`${BASE_URL}/`);
      await waitForResults(page);
      const link = page.locator(`.facet[data-facet="${group}"] .facet-link[data-value="${want.value.replace(/"/g, '\\"')}"]`);
      await link.click();
      const q = term(field, want.value);
      await page.waitForFunction((v) => new URLSearchParams(location.search).get('q') === v, q);
      await waitForResults(page);
      assert.equal(await page.inputValue('#q'), q);
      assert.equal(await totalShown(page), want.count);
      const active = page.locator(`.facet[data-facet="${group}"] .facet-link.active`);
      assert.equal(await active.count(), 1);
      await active.click();
      await page.waitForFunction(() => !new URLSearchParams(location.search).get('q'));
      await waitForResults(page);
    });
  }
});

describe('place page', () => {
  it('shows the place, a map of it, its timeline and its articles', async () => {
    const { places } = await apiGet('/api/search?q=&facets=true&limit=1');
    const top = places[0];
    const place = await apiGet(`/api/places/${top.geonames_id}`);
    const hits = await apiGet(`/api/search?q=place:${top.geonames_id}&limit=20`);
    await page.goto(`${BASE_URL}/place/${top.geonames_id}`);
    await page.waitForSelector('#place-view .place-results .result');
    assert.equal(await page.locator('#place-view h1').innerText(), place.name);
    assert.match(await page.title(), new RegExp(place.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(await page.locator('#place-view .place-count').innerText(), new RegExp(`^${place.articles} article`));
    const ids = await page.locator('#place-view .result').evaluateAll((ls) => ls.map((l) => Number(l.dataset.id)));
    assert.deepEqual(ids, hits.hits.map((h) => h.id), 'the articles naming it, in the API order');
    await page.waitForSelector('#place-view .chart svg .bar');
    const counted = await page.locator('#place-view .chart .bar').evaluateAll((bs) => bs.reduce((n, b) => n + Number(b.dataset.count), 0));
    assert.equal(counted, hits.total, 'the timeline counts every article');
    await page.waitForSelector('#place-view .map-place');
    assert.equal(await page.locator('#place-view .map-place').count(), 1, 'one point on its map');
    const search = page.locator('#place-view a.place-search');
    assert.equal(await search.getAttribute('href'), `/?q=place%3A${top.geonames_id}`);
    await screenshot(page, 'place');
  });

  it('opens from a place highlighted in the reader', async () => {
    const all = await apiGet('/api/search?q=&limit=100');
    let article = null;
    for (const hit of all.hits) {
      const a = await apiGet(`/api/articles/${hit.id}`);
      if ((a.places || []).length) {
        article = a;
        break;
      }
    }
    assert.ok(article, 'an article names a place');
    await page.goto(`${BASE_URL}/article/${article.id}`);
    await waitForArticle(page);
    const mark = page.locator('#reader-view .article-body a.mark-place').first();
    const href = await mark.getAttribute('href');
    assert.match(href, /^\/place\/\d+$/);
    await mark.click();
    await page.waitForSelector('#place-view h1:not(:empty)');
    assert.equal(new URL(page.url()).pathname, href);
    await page.keyboard.press('Escape');
    await waitForArticle(page);
    assert.equal(new URL(page.url()).pathname, `/article/${article.id}`, 'Escape goes back to the article');
  });

  it('an unknown place shows a not-found message', async () => {
    await page.goto(`${BASE_URL}/place/1`);
    await page.waitForSelector('#place-view [role="alert"]');
    assert.match(await page.locator('#place-view h1').innerText(), /No such place/);
  });
});

describe('reader highlights', () => {
  it('mark every place, person, organisation and quantity at its code point offsets', async () => {
    const all = await apiGet('/api/search?q=&limit=100');
    let marked = 0;
    for (const hit of all.hits) {
      const a = await apiGet(`/api/articles/${hit.id}`);
      await page.goto(`${BASE_URL}/article/${hit.id}`);
      await waitForArticle(page);
      const want = expectedMarks(a);
      assert.deepEqual(await shownMarks(page), want, `article ${hit.id}`);
      assert.equal(await page.locator('#reader-view .marks-legend').count(), want.length ? 1 : 0, 'a legend when there are marks');
      marked += want.length;
    }
    assert.ok(marked > 0, 'some article is enriched');
  });

  it('the legend hides and shows a kind of highlight', async () => {
    const button = page.locator('.marks-legend .legend-button').first();
    const kind = await button.getAttribute('data-kind');
    const background = () => page.locator(`.article-body .mark-${kind}`).first().evaluate((m) => getComputedStyle(m).backgroundColor);
    const on = await background();
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'false');
    assert.equal(await background(), 'rgba(0, 0, 0, 0)');
    await button.click();
    assert.equal(await button.getAttribute('aria-pressed'), 'true');
    assert.equal(await background(), on);
  });

  it('logs no script errors', () => {
    assert.deepEqual(page.log.pageErrors, []);
    assert.deepEqual(page.log.dialogs, []);
  });
});

// Offsets count code points, not UTF-16 units: the mock's texts put an
// emoji (two units, one or two code points) before highlighted words.
describe('highlights after astral characters (mock server)', () => {
  const m = mockServer(() => browser);

  it('land on the right words', async () => {
    const { hits } = await fetch(`${m.url}/api/search?q=berlin`).then((r) => r.json());
    const a = await fetch(`${m.url}/api/articles/${hits[0].id}`).then((r) => r.json());
    const berlin = a.places.find((p) => p.surface === 'Berlin');
    assert.ok(a.text.length > Array.from(a.text).length, 'the text holds astral characters');
    assert.ok(/\p{Extended_Pictographic}/u.test(Array.from(a.text).slice(0, berlin.start).join('')), 'an emoji before Berlin');
    await m.page.goto(`${m.url}/article/${a.id}`);
    await waitForArticle(m.page);
    assert.deepEqual(await shownMarks(m.page), expectedMarks(a));
    assert.equal(await m.page.locator('.article-body .mark-place').innerText(), 'Berlin');
    assert.equal(await m.page.locator('.article-body .mark-place').getAttribute('title'), 'Berlin, DE');
    assert.equal(await m.page.locator('.article-body .mark-person').innerText(), 'Fritz von Weizsäcker');
    assert.deepEqual(m.page.log.pageErrors, []);
  });
});
