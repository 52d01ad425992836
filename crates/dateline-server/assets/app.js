// Dateline web UI: a small single-page reader for `dateline serve`.
//
// Plain ES2020 modules, no framework, no build step, no external resource.
// Nodes are built only with the helpers of dom.js, whose header states the
// security rule: API data is untrusted text and never parsed as markup.

import { $, el, httpUrl, svgEl } from './dom.js';
import { drawWorldMap } from './map.js';

const PAGE_SIZE = 20;
const INTERVALS = ['day', 'week', 'month', 'year'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];
const DAY_MS = 86400000;

// ---------------------------------------------------------------- text helpers

/** Snippet text with [start, end) code point ranges wrapped in <mark>. */
function highlighted(text, ranges) {
  const chars = Array.from(typeof text === 'string' ? text : '');
  const frag = document.createDocumentFragment();
  const spans = (Array.isArray(ranges) ? ranges : [])
    .filter((r) => Array.isArray(r) && Number.isInteger(r[0]) && Number.isInteger(r[1]))
    .map(([s, e]) => [Math.max(0, s), Math.min(chars.length, e)])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let pos = 0;
  for (const [s, e] of spans) {
    if (e <= pos) continue;
    const start = Math.max(s, pos);
    if (start > pos) frag.append(chars.slice(pos, start).join(''));
    frag.append(el('mark', null, chars.slice(start, e).join('')));
    pos = e;
  }
  if (pos < chars.length) frag.append(chars.slice(pos).join(''));
  return frag;
}

function hostOf(url) {
  const safe = httpUrl(url);
  if (!safe) return null;
  return new URL(safe).hostname.replace(/^www\./, '');
}

function plural(n, one, many) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------- dates

/** "2019-12-09..." -> {y, m, d} (the written date, no time zone shifting). */
function dateParts(text) {
  const m = typeof text === 'string' && /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(text);
  if (!m) return null;
  return { y: Number(m[1]), m: m[2] ? Number(m[2]) : null, d: m[3] ? Number(m[3]) : null };
}

function formatDate(text, long = false) {
  const p = dateParts(text);
  if (!p) return typeof text === 'string' ? text : '';
  const months = long ? MONTHS_LONG : MONTHS;
  if (p.m === null || p.m < 1 || p.m > 12) return String(p.y);
  if (p.d === null) return `${months[p.m - 1]} ${p.y}`;
  return `${p.d} ${months[p.m - 1]} ${p.y}`;
}

function formatDateTime(text) {
  const date = formatDate(text, true);
  const m = typeof text === 'string' && /T(\d{2}):(\d{2})/.exec(text);
  if (!m || (m[1] === '00' && m[2] === '00' && !/[+-]\d{2}:?\d{2}$|Z$/.test(text))) return date;
  return `${date}, ${m[1]}:${m[2]}`;
}

/** Day number (days since 1970-01-01) of "YYYY[-MM[-DD]]", first day of the period. */
function dayNumber(key) {
  const p = dateParts(key);
  if (!p) return NaN;
  return Date.UTC(p.y, (p.m || 1) - 1, p.d || 1) / DAY_MS;
}

function dayKey(n) {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The first day after the bucket that starts at `key`. */
function bucketEnd(key, interval) {
  const p = dateParts(key);
  if (!p) return NaN;
  switch (interval) {
    case 'day': return dayNumber(key) + 1;
    case 'week': return dayNumber(key) + 7;
    case 'month': return Date.UTC(p.y, p.m, 1) / DAY_MS;
    default: return Date.UTC(p.y + 1, 0, 1) / DAY_MS;
  }
}

/** The key of the bucket after `key`. */
function nextKey(key, interval) {
  const p = dateParts(key);
  switch (interval) {
    case 'day': return dayKey(dayNumber(key) + 1);
    case 'week': return dayKey(dayNumber(key) + 7);
    case 'month': return p.m === 12 ? `${p.y + 1}-01` : `${p.y}-${String(p.m + 1).padStart(2, '0')}`;
    default: return String(p.y + 1);
  }
}

/** from/to filter values that select exactly one bucket. */
function bucketRange(key, interval) {
  if (interval === 'week') return { from: key, to: dayKey(dayNumber(key) + 6) };
  return { from: key, to: key };
}

function bucketLabel(key, interval) {
  if (interval === 'week') return `Week of ${formatDate(key)}`;
  if (interval === 'year') return key;
  return formatDate(key, interval === 'month');
}

/** Day buckets merged into weeks starting on Monday. */
function weeksFromDays(buckets) {
  const weeks = new Map();
  for (const b of buckets) {
    const day = dayNumber(b.key);
    if (!Number.isFinite(day)) continue;
    const monday = day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7);
    const key = dayKey(monday);
    weeks.set(key, (weeks.get(key) || 0) + b.count);
  }
  return [...weeks].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([key, count]) => ({ key, count }));
}

// ---------------------------------------------------------------- state and API

class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

async function api(path, signal) {
  let res;
  try {
    res = await fetch(path, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError('Could not reach the Dateline server.', 0);
  }
  let body = null;
  try {
    body = await res.json();
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
  }
  if (!res.ok) {
    const message = body && typeof body.error === 'string' ? body.error : `The server answered ${res.status}.`;
    throw new ApiError(message, res.status);
  }
  if (!body || typeof body !== 'object') throw new ApiError('The server sent an unreadable answer.', res.status);
  return body;
}

function readSearchState(search) {
  const p = new URLSearchParams(search);
  const interval = p.get('interval');
  return {
    q: p.get('q') || '',
    from: p.get('from') || '',
    to: p.get('to') || '',
    lang: p.get('lang') || '',
    page: Math.max(1, Math.min(501, parseInt(p.get('page'), 10) || 1)),
    interval: INTERVALS.includes(interval) ? interval : 'auto',
  };
}

/** The page URL of a search state. */
function searchUrl(state) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.lang) p.set('lang', state.lang);
  if (state.page > 1) p.set('page', String(state.page));
  if (state.interval && state.interval !== 'auto') p.set('interval', state.interval);
  const s = p.toString();
  return s ? `/?${s}` : '/';
}

/** The query and filters as API parameters. */
function filterParams(state) {
  const p = new URLSearchParams();
  p.set('q', state.q);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.lang) p.set('lang', state.lang);
  return p;
}

const app = {
  view: null,
  controller: null,
  search: null, // {state, data, url}
  selected: -1,
  lastSearchUrl: '/',
  lastListUrl: '/', // the search or place page the reader goes back to
  timeline: null, // {hist, state, box, width}: the chart shown
  hiddenMarks: new Set(), // kinds of reader highlights turned off
  cache: new Map(),
};

// ---------------------------------------------------------------- routing

function navigate(url, state = {}) {
  history.pushState({ app: true, ...state }, '', url);
  route(false);
}

function route(fromHistory) {
  if (app.controller) app.controller.abort();
  app.controller = new AbortController();
  const signal = app.controller.signal;
  hideAlert();
  const article = /^\/article\/(\d{1,15})\/?$/.exec(location.pathname);
  const place = /^\/place\/(\d{1,10})\/?$/.exec(location.pathname);
  let task;
  if (article) task = showArticle(article[1], signal);
  else if (place) task = showPlace(place[1], readSearchState(location.search).page, signal);
  else task = showSearch(readSearchState(location.search), fromHistory, signal);
  task.catch((err) => {
    if (err && err.name === 'AbortError') return;
    document.body.removeAttribute('aria-busy');
    showAlert(err instanceof ApiError ? err.message : `Something went wrong: ${err && err.message}`);
    if (!(err instanceof ApiError)) console.error(err);
  });
}

function setView(name) {
  app.view = name;
  $('search-view').hidden = name !== 'search';
  $('reader-view').hidden = name !== 'reader';
  $('place-view').hidden = name !== 'place';
  if (name !== 'search' && name !== 'place') app.timeline = null;
  document.body.dataset.view = name;
}

function showAlert(message) {
  const box = $('alert');
  box.textContent = message;
  box.hidden = false;
}

function hideAlert() {
  const box = $('alert');
  box.hidden = true;
  box.textContent = '';
}

/**
 * Back to the page this one was opened from (history.back() keeps its scroll
 * and selection), or to `fallback` when it was opened directly or from
 * elsewhere. `fromSearch` marks the history entries opened from a list.
 */
function goBack(fallback) {
  if (history.state && history.state.fromSearch) history.back();
  else navigate(fallback);
}

// ---------------------------------------------------------------- search view

async function showSearch(state, fromHistory, signal) {
  setView('search');
  const url = searchUrl(state);
  app.lastSearchUrl = url;
  app.lastListUrl = url;
  const input = $('q');
  if (document.activeElement !== input || fromHistory) input.value = state.q;
  document.title = state.q ? `${state.q} · Dateline` : 'Dateline';
  for (const radio of document.querySelectorAll('input[name="interval"]')) radio.checked = radio.value === state.interval;

  let data = fromHistory ? app.cache.get(url) : null;
  if (!data) {
    document.body.setAttribute('aria-busy', 'true');
    $('summary').textContent = 'Searching…';
    const params = filterParams(state);
    params.set('limit', String(PAGE_SIZE));
    params.set('offset', String((state.page - 1) * PAGE_SIZE));
    params.set('facets', 'true');
    params.set('histogram', state.interval === 'auto' ? 'month' : state.interval);
    data = await api(`/api/search?${params}`, signal);
    app.cache.set(url, data);
    if (app.cache.size > 30) app.cache.delete(app.cache.keys().next().value);
  }
  document.body.removeAttribute('aria-busy');
  app.search = { state, data, url };
  renderSummary(state, data);
  renderFilters(state, data);
  const pageUrl = (page) => searchUrl({ ...state, page });
  renderResults($('results'), data, state.page, pageUrl);
  renderPager($('pager'), data, state.page, pageUrl, !state.q);
  renderFacets(state, data);

  const restore = history.state && Number.isInteger(history.state.selected) ? history.state.selected : -1;
  app.selected = -1;
  if (fromHistory && restore >= 0) selectResult(restore, true);
  if (fromHistory && history.state && Number.isFinite(history.state.scrollY)) window.scrollTo(0, history.state.scrollY);
  else if (!fromHistory) window.scrollTo(0, 0);

  await Promise.all([renderTimeline(state, data, signal), renderMap(state, data, signal)]);
}

function renderSummary(state, data) {
  const box = $('summary');
  box.replaceChildren();
  const total = Number(data.total) || 0;
  const hits = Array.isArray(data.hits) ? data.hits : [];
  const took = typeof data.took_ms === 'number' ? ` in ${data.took_ms < 10 ? data.took_ms.toFixed(1) : Math.round(data.took_ms)} ms` : '';
  const totalEl = el('strong', { class: 'total', 'data-total': total }, plural(total, 'story', 'stories'));
  if (total === 0) {
    box.append(
      state.q ? `No stories match “${state.q}”` : 'No stories',
      state.from || state.to || state.lang ? ' with these filters.' : '.',
    );
    box.dataset.total = '0';
    return;
  }
  box.dataset.total = String(total);
  if (state.q) box.append(totalEl, ` for “${state.q}”`);
  else box.append('Latest: ', totalEl, ' in the archive');
  box.append(el('span', { class: 'took' }, took));
  const first = (state.page - 1) * PAGE_SIZE + 1;
  if (hits.length > 0 && total > hits.length) {
    box.append(el('span', { class: 'range' }, ` · showing ${first}–${first + hits.length - 1}`));
  }
  if (hits.length === 0) box.append(el('span', { class: 'range' }, ' · none on this page'));
}

/** Chips for the date and language filters, and for places in the query (with a link to each place's page). */
function renderFilters(state, data) {
  const list = $('active-filters');
  list.replaceChildren();
  const chip = (label, without, what) => el('li', { class: 'chip' },
    el('span', null, label),
    el('a', { href: searchUrl({ ...state, ...without, page: 1 }), 'data-nav': true, class: 'chip-remove', 'aria-label': `Remove ${what} filter`, title: `Remove ${what} filter` }, '×'));
  const places = new Map(placeFacet(data).map((f) => [f.value, f.place]));
  for (const term of queryTerms(state.q)) {
    const id = /^place:(\d{1,10})$/.exec(term);
    if (!id) continue;
    const place = places.get(id[1]);
    const name = place ? placeLabel(place) : `Place ${id[1]}`;
    const label = ['Place: ', el('a', { href: `/place/${id[1]}`, 'data-nav': true, class: 'chip-place', title: `About ${name}` }, name)];
    list.append(chip(label, { q: removeTerm(state.q, term) }, 'place'));
  }
  if (state.from || state.to) {
    let label;
    if (state.from && state.from === state.to) label = `Date: ${formatDate(state.from, true)}`;
    else if (state.from && state.to) label = `Date: ${formatDate(state.from)} – ${formatDate(state.to)}`;
    else if (state.from) label = `From ${formatDate(state.from)}`;
    else label = `Until ${formatDate(state.to)}`;
    list.append(chip(label, { from: '', to: '' }, 'date'));
  }
  if (state.lang) list.append(chip(`Language: ${languageName(state.lang)}`, { lang: '' }, 'language'));
  list.hidden = list.childElementCount === 0;
}

/** One page of hits into the list `list`; `pageUrl(n)` is the address of page n. */
function renderResults(list, data, page, pageUrl) {
  list.replaceChildren();
  const hits = Array.isArray(data.hits) ? data.hits : [];
  list.setAttribute('start', String((page - 1) * PAGE_SIZE + 1));
  hits.forEach((hit, index) => {
    const id = String(hit.id);
    const valid = /^\d+$/.test(id);
    const title = hit.title || '(untitled)';
    const site = hit.site_name || hostOf(hit.url);
    const copies = Number(hit.cluster_size) || 1;
    const meta = el('p', { class: 'result-meta' },
      site ? el('span', { class: 'site', dir: 'auto' }, site) : null,
      hit.published ? el('time', { datetime: hit.published }, formatDate(hit.published)) : null,
      copies > 1 ? el('span', { class: 'copies', title: 'Other versions of this story were found' }, `${copies} copies`) : null,
      hit.language ? el('span', { class: 'lang' }, hit.language) : null);
    const item = el('li', { class: 'result', 'data-index': index, 'data-id': id },
      el('h3', { class: 'result-title', dir: 'auto' },
        el('a', { href: valid ? `/article/${id}` : null, 'data-nav': true, 'data-result': index }, title)),
      meta,
      hit.snippet ? el('p', { class: 'snippet', dir: 'auto' }, highlighted(hit.snippet, hit.highlights)) : null);
    list.append(item);
  });
  if (hits.length === 0) {
    const total = Number(data.total) || 0;
    list.append(el('li', { class: 'empty message', role: 'status' },
      total > 0 ? 'No results on this page. ' : 'Nothing found. Try fewer words, or remove a filter.',
      total > 0 ? el('a', { href: pageUrl(1), 'data-nav': true }, 'Go to the first page') : null));
  }
}

/** Previous and next links into `nav`; `byDate` words them newer and older. */
function renderPager(nav, data, current, pageUrl, byDate) {
  nav.replaceChildren();
  const total = Number(data.total) || 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (total <= PAGE_SIZE && current === 1) {
    nav.hidden = true;
    return;
  }
  nav.hidden = false;
  const link = (page, label, rel) => (page >= 1 && page <= pages && page !== current
    ? el('a', { href: pageUrl(page), 'data-nav': true, rel, class: `pager-${rel}` }, label)
    : el('span', { class: `pager-${rel} disabled`, 'aria-disabled': 'true' }, label));
  nav.append(link(current - 1, byDate ? '← Newer' : '← Previous', 'prev'),
    el('span', { class: 'pager-status', 'aria-current': 'page' }, `Page ${current} of ${pages}`),
    link(current + 1, byDate ? 'Older →' : 'Next →', 'next'));
}

/** "Ar Raqqah (SY): 12 articles", the tooltip of a place on a map. */
function placeTitle(place) {
  const name = typeof place.name === 'string' && place.name ? place.name : 'Unnamed place';
  const where = typeof place.country_code === 'string' && place.country_code ? `${name} (${place.country_code})` : name;
  const count = Number(place.count);
  return Number.isFinite(count) ? `${where}: ${plural(count, 'article', 'articles')}` : where;
}

/** The map of the places in the answer; a click narrows the search to a place, a second widens it again. */
async function renderMap(state, data, signal) {
  const panel = $('map-panel');
  const places = Array.isArray(data.places) ? data.places : [];
  panel.hidden = places.length === 0;
  if (panel.hidden) return;
  const terms = queryTerms(state.q);
  const term = (p) => fieldTerm('place', p.geonames_id);
  const drawn = await drawWorldMap($('map'), {
    places,
    signal,
    label: `Map of ${plural(places.length, 'place', 'places')} named in these stories`,
    titleOf: placeTitle,
    isActive: (p) => placeId(p) !== null && terms.includes(term(p)),
    hrefOf: (p) => {
      if (placeId(p) === null) return null;
      const q = terms.includes(term(p)) ? removeTerm(state.q, term(p)) : addTerm(state.q, term(p));
      return searchUrl({ ...state, q, page: 1 });
    },
  });
  if (!drawn && !signal.aborted) panel.hidden = true;
}

/**
 * The terms of a query: words, and runs that hold a quoted phrase
 * (`person:"Seth J. Frantzman"`, `-"exact words"`) kept whole, so a facet
 * can find, add and remove its own term.
 */
function queryTerms(q) {
  return q.match(/(?:[^\s"]+|"[^"]*(?:"|$))+/g) || [];
}

function addTerm(q, term) {
  const terms = queryTerms(q);
  return terms.includes(term) ? terms.join(' ') : [...terms, term].join(' ');
}

function removeTerm(q, term) {
  return queryTerms(q).filter((t) => t !== term).join(' ');
}

/** `field:value`, quoted when the value has spaces; its own quotes are dropped (they would end the phrase). */
function fieldTerm(field, value) {
  const v = String(value).replace(/"/g, '').replace(/\s+/g, ' ').trim();
  return /\s/.test(v) ? `${field}:"${v}"` : `${field}:${v}`;
}

/** The GeoNames id of a place in the API's answers, or null. */
function placeId(place) {
  return place && Number.isInteger(place.geonames_id) && place.geonames_id >= 0 ? place.geonames_id : null;
}

/** "Ar Raqqah, SY" (no country for continents and regions). */
function placeLabel(place) {
  const name = typeof place.name === 'string' && place.name ? place.name : 'Unnamed place';
  return typeof place.country_code === 'string' && place.country_code ? `${name}, ${place.country_code}` : name;
}

let languageNames = null;
function languageName(code) {
  try {
    languageNames = languageNames || new Intl.DisplayNames(['en'], { type: 'language' });
    const name = languageNames.of(code);
    if (name && name !== code) return `${name} (${code})`;
  } catch {
    // not a language code
  }
  return code;
}

let regionNames = null;
/** "Syria" for "SY"; the code itself when it is not one. */
function countryName(code) {
  try {
    regionNames = regionNames || new Intl.DisplayNames(['en'], { type: 'region' });
    const name = regionNames.of(code);
    if (name && name !== code) return name;
  } catch {
    // not a region code
  }
  return code;
}

/** A facet group that adds `field:value` to the query; `values` replace those of `facets[key]`. */
function termGroup(state, key, title, field, { label = (v) => v, limit = 8, values = null } = {}) {
  const term = (v) => fieldTerm(field, v);
  const terms = queryTerms(state.q);
  return {
    key, title, label, limit, values,
    active: (v) => terms.includes(term(v)),
    apply: (v, on) => ({ q: on ? removeTerm(state.q, term(v)) : addTerm(state.q, term(v)) }),
  };
}

/** The search answer's places as facet values: the id is the value, the name the label. */
function placeFacet(data) {
  const places = Array.isArray(data.places) ? data.places : [];
  return places.filter((p) => placeId(p) !== null).map((p) => ({ value: String(p.geonames_id), count: p.count, place: p }));
}

function renderFacets(state, data) {
  const aside = $('facets');
  aside.replaceChildren();
  const facets = data.facets && typeof data.facets === 'object' ? data.facets : {};
  const places = placeFacet(data);
  const placeNames = new Map(places.map((f) => [f.value, placeLabel(f.place)]));
  const groups = [
    termGroup(state, 'sites', 'Sites', 'site', { limit: 20 }),
    {
      key: 'languages', title: 'Languages', label: languageName,
      active: (v) => state.lang === v,
      apply: (v, on) => ({ lang: on ? '' : v }),
    },
    {
      key: 'months', title: 'Months', label: (v) => formatDate(v), limit: 12, newestFirst: true,
      active: (v) => state.from === v && state.to === v,
      apply: (v, on) => (on ? { from: '', to: '' } : { from: v, to: v }),
    },
    termGroup(state, 'places', 'Places', 'place', { label: (v) => placeNames.get(v) || v, values: places }),
    termGroup(state, 'countries', 'Countries', 'country', { label: countryName }),
    termGroup(state, 'people', 'People', 'person'),
    termGroup(state, 'organizations', 'Organisations', 'org'),
    termGroup(state, 'authors', 'Authors', 'author'),
    termGroup(state, 'tags', 'Tags', 'tag'),
  ];
  for (const group of groups) {
    const given = group.values || facets[group.key];
    let values = Array.isArray(given) ? given.filter((f) => f && typeof f.value === 'string' && f.value !== '') : [];
    if (values.length === 0) continue;
    if (group.newestFirst) values = [...values].reverse();
    const headingId = `facet-${group.key}`;
    const list = el('ul', { class: 'facet-list', 'aria-labelledby': headingId });
    values.forEach((f, i) => {
      const on = group.active(f.value);
      const next = { ...state, ...group.apply(f.value, on), page: 1 };
      const item = el('li', { class: i >= (group.limit || 20) ? 'facet-extra' : null, hidden: i >= (group.limit || 20) },
        el('a', {
          href: searchUrl(next),
          'data-nav': true,
          class: on ? 'facet-link active' : 'facet-link',
          'aria-current': on ? 'true' : null,
          'data-facet': group.key,
          'data-value': f.value,
          title: on ? 'Remove this filter' : 'Narrow to this',
        },
        el('span', { class: 'facet-value', dir: 'auto' }, group.label(f.value)),
        el('span', { class: 'facet-count' }, Number(f.count).toLocaleString('en'))));
      list.append(item);
    });
    const section = el('section', { class: 'facet', 'data-facet': group.key },
      el('h2', { class: 'section-heading', id: headingId }, group.title), list);
    if (group.limit && values.length > group.limit) {
      const button = el('button', { type: 'button', class: 'link-button', 'aria-expanded': 'false' }, `Show all ${values.length}`);
      button.addEventListener('click', () => {
        const open = button.getAttribute('aria-expanded') !== 'true';
        for (const li of list.querySelectorAll('.facet-extra')) li.hidden = !open;
        button.setAttribute('aria-expanded', String(open));
        button.textContent = open ? 'Show fewer' : `Show all ${values.length}`;
      });
      section.append(button);
    }
    aside.append(section);
  }
  aside.hidden = aside.childElementCount === 0;
}

// ---------------------------------------------------------------- timeline

async function renderTimeline(state, data, signal) {
  const section = $('timeline');
  const hist = await chooseTimeline(state, data, signal);
  if (!hist) {
    section.hidden = true;
    app.timeline = null;
    return;
  }
  section.hidden = false;
  const autoLabel = document.querySelector('input[name="interval"][value="auto"]').parentElement;
  autoLabel.lastChild.textContent = state.interval === 'auto' ? ` Auto (${hist.interval})` : ' Auto';
  showChart($('chart'), hist, state);
}

/**
 * The histogram to chart for a search answer ({interval, buckets}), or null
 * when there is nothing to chart. With the interval on auto, the search asked
 * for months; the bar width is then chosen from the span of the dates.
 */
async function chooseTimeline(state, data, signal) {
  if (data.chosenTimeline) return data.chosenTimeline;
  let hist = data.histogram && Array.isArray(data.histogram.buckets) ? data.histogram : null;
  let interval = hist && INTERVALS.includes(hist.interval) ? hist.interval : (state.interval === 'auto' ? 'month' : state.interval);
  if (!hist || hist.buckets.length === 0 || (Number(data.total) || 0) === 0) return null;
  if (state.interval === 'auto') {
    const b = hist.buckets;
    const first = dayNumber(b[0].key);
    const last = dayNumber(b[b.length - 1].key);
    const widest = bucketEnd(b[b.length - 1].key, interval) - first;
    const narrowest = b.length === 1 ? 0 : last - bucketEnd(b[0].key, interval);
    if (narrowest <= 731 && widest > 0) {
      const days = await api(`/api/histogram?${filterParams(state)}&interval=day`, signal);
      const buckets = Array.isArray(days.buckets) ? days.buckets : [];
      if (buckets.length > 0) {
        const span = dayNumber(buckets[buckets.length - 1].key) - dayNumber(buckets[0].key);
        if (span <= 90) {
          hist = { interval: 'day', buckets };
          interval = 'day';
        } else if (span <= 730) {
          hist = { interval: 'week', buckets: weeksFromDays(buckets) };
          interval = 'week';
        }
      }
    }
  }
  // Kept with the cached answer: back and forward redraw without asking again.
  Object.defineProperty(data, 'chosenTimeline', { value: { interval, buckets: hist.buckets }, configurable: true });
  return data.chosenTimeline;
}

/** Draws `hist` into `box` and keeps it redrawn when the box's width changes. */
function showChart(box, hist, state) {
  app.timeline = { hist, state, box, width: box.clientWidth };
  drawChart(app.timeline);
}

/** Slots from the first to the last bucket, empty ones included (when not too many). */
function slotsOf(buckets, interval) {
  const real = buckets.filter((b) => b && typeof b.key === 'string' && Number.isFinite(dayNumber(b.key)));
  if (real.length === 0) return [];
  const byKey = new Map(real.map((b) => [b.key, Number(b.count) || 0]));
  const slots = [];
  let key = real[0].key;
  const lastKey = real[real.length - 1].key;
  for (let i = 0; i < 2000; i++) {
    slots.push({ key, count: byKey.get(key) || 0, real: byKey.has(key) });
    if (key >= lastKey) break;
    key = nextKey(key, interval);
  }
  if (slots.length >= 2000 || slots.filter((s) => s.real).length !== real.length) {
    return real.map((b) => ({ key: b.key, count: Number(b.count) || 0, real: true }));
  }
  return slots;
}

function drawChart({ hist, state, box }) {
  box.replaceChildren();
  const interval = hist.interval;
  const slots = slotsOf(hist.buckets, interval);
  const width = Math.max(260, Math.round(box.clientWidth || 640));
  const height = 132;
  const pad = { left: 34, right: 8, top: 10, bottom: 24 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...slots.map((s) => s.count));
  const step = plotW / Math.max(1, slots.length);
  const barW = Math.max(1, Math.min(48, step * (step > 4 ? 0.78 : 1)));
  const total = slots.reduce((n, s) => n + s.count, 0);
  const first = slots[0];
  const last = slots[slots.length - 1];
  const description = `${plural(total, 'story', 'stories')} by ${interval}, from ${bucketLabel(first.key, interval)} to ${bucketLabel(last.key, interval)}; the busiest ${interval} has ${max}.`;

  const svg = svgEl('svg', {
    class: 'chart-svg', viewBox: `0 0 ${width} ${height}`, width, height,
    role: 'group', 'aria-label': `Timeline: ${description}`, 'data-interval': interval,
  }, svgEl('desc', null, description));

  // Axes and scale.
  const baseY = pad.top + plotH;
  svg.append(
    svgEl('line', { class: 'axis', x1: pad.left, y1: baseY + 0.5, x2: width - pad.right, y2: baseY + 0.5 }),
    svgEl('line', { class: 'grid', x1: pad.left, y1: pad.top + 0.5, x2: width - pad.right, y2: pad.top + 0.5 }),
    svgEl('text', { class: 'tick', x: pad.left - 6, y: pad.top + 4, 'text-anchor': 'end', 'aria-hidden': 'true' }, String(max)),
    svgEl('text', { class: 'tick', x: pad.left - 6, y: baseY + 4, 'text-anchor': 'end', 'aria-hidden': 'true' }, '0'),
  );
  const tickLabels = slots.length === 1 ? [0] : [0, slots.length - 1];
  if (slots.length > 6 && plotW > 420) tickLabels.splice(1, 0, Math.floor((slots.length - 1) / 2));
  for (const i of tickLabels) {
    const x = pad.left + step * i + step / 2;
    const anchor = slots.length === 1 ? 'middle' : i === 0 ? 'start' : i === slots.length - 1 ? 'end' : 'middle';
    svg.append(svgEl('text', {
      class: 'tick', x: anchor === 'start' ? pad.left : anchor === 'end' ? width - pad.right : x,
      y: height - 6, 'text-anchor': anchor, 'aria-hidden': 'true',
    }, interval === 'week' ? formatDate(slots[i].key) : bucketLabel(slots[i].key, interval)));
  }

  const bars = svgEl('g', { class: 'bars', role: 'list', 'aria-label': `Stories per ${interval}` });
  let tabbable = null;
  slots.forEach((slot, i) => {
    if (!slot.real) return;
    const range = bucketRange(slot.key, interval);
    const active = state.from === range.from && state.to === range.to;
    const h = slot.count === 0 ? 0 : Math.max(2, Math.round((slot.count / max) * plotH));
    const x = pad.left + step * i + (step - barW) / 2;
    const label = `${bucketLabel(slot.key, interval)}: ${plural(slot.count, 'story', 'stories')}`;
    const bar = svgEl('g', {
      class: active ? 'bar active' : 'bar', role: 'listitem', tabindex: '-1',
      'aria-label': `${label}. Select to show only these.`, 'data-key': slot.key, 'data-count': slot.count,
    },
    svgEl('title', null, label),
    svgEl('rect', { class: 'bar-hit', x: pad.left + step * i, y: pad.top, width: Math.max(step, 1), height: plotH }),
    svgEl('rect', { class: 'bar-fill', x: x.toFixed(2), y: baseY - h, width: barW.toFixed(2), height: h, rx: barW > 6 ? 2 : 0 }));
    const go = () => navigate(searchUrl({ ...state, ...range, page: 1 }));
    bar.addEventListener('click', go);
    bar.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        go();
      } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'Home' || e.key === 'End') {
        e.preventDefault();
        const all = [...bars.querySelectorAll('.bar')];
        const at = all.indexOf(bar);
        let to = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : all.length - 1;
        to = Math.max(0, Math.min(all.length - 1, to));
        all[at].setAttribute('tabindex', '-1');
        all[to].setAttribute('tabindex', '0');
        all[to].focus();
      }
    });
    if (active || !tabbable) tabbable = bar;
    bars.append(bar);
  });
  if (tabbable) tabbable.setAttribute('tabindex', '0');
  svg.append(bars);
  box.append(svg);
}

/** Redraws the chart shown when its box changes width (window, phone rotation, scrollbar). */
function watchChartWidth() {
  let timer = 0;
  const redraw = () => {
    const timeline = app.timeline;
    const w = timeline ? timeline.box.clientWidth : 0;
    if (w && w !== timeline.width) {
      timeline.width = w;
      drawChart(timeline);
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(redraw, 80);
  };
  if ('ResizeObserver' in window) new ResizeObserver(later).observe($('main'));
  else window.addEventListener('resize', later);
}

// ---------------------------------------------------------------- result selection (j / k)

function resultLinks() {
  return [...document.querySelectorAll('#results a[data-result]')];
}

function selectResult(index, quiet = false) {
  const links = resultLinks();
  if (links.length === 0) return;
  const i = Math.max(0, Math.min(links.length - 1, index));
  for (const li of document.querySelectorAll('#results .result.selected')) li.classList.remove('selected');
  const link = links[i];
  link.closest('.result').classList.add('selected');
  app.selected = i;
  link.focus({ preventScroll: quiet });
  if (!quiet) link.closest('.result').scrollIntoView({ block: 'nearest' });
}

function rememberSearchPosition() {
  if (app.view !== 'search') return;
  const state = { ...(history.state || {}), app: true, selected: app.selected, scrollY: window.scrollY };
  history.replaceState(state, '', location.href);
}

// ---------------------------------------------------------------- reader view

async function showArticle(id, signal) {
  setView('reader');
  const reader = $('reader-view');
  reader.replaceChildren(backLink(), el('p', { class: 'message', role: 'status' }, 'Loading the article…'));
  document.body.setAttribute('aria-busy', 'true');
  let article;
  try {
    article = await api(`/api/articles/${id}`, signal);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      document.body.removeAttribute('aria-busy');
      document.title = 'Not found · Dateline';
      reader.replaceChildren(backLink(), el('h1', { class: 'reader-title', tabindex: '-1' }, 'No such article'),
        el('p', { class: 'message', role: 'alert' }, err.message));
      return;
    }
    throw err;
  }
  document.body.removeAttribute('aria-busy');
  renderArticle(article);
  window.scrollTo(0, 0);
  const h1 = reader.querySelector('h1');
  if (h1) h1.focus({ preventScroll: true });
}

/** The link back to the page this one was opened from (see `goBack`); `label` names the navigation landmark. */
function backLink(fallback = app.lastListUrl, label = 'Article', text = '← Back to results') {
  const a = el('a', { href: fallback, class: 'back-link' }, text);
  a.addEventListener('click', (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    goBack(fallback);
  });
  return el('nav', { class: 'reader-nav', 'aria-label': label }, a);
}

function joinNames(names) {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function strings(value) {
  return Array.isArray(value) ? value.filter((v) => typeof v === 'string' && v.trim() !== '') : [];
}

function renderBody(blocks, text, marks) {
  const body = el('div', { class: 'article-body' });
  let list = null;
  const items = Array.isArray(blocks) && blocks.length > 0
    ? blocks
    : (typeof text === 'string' ? text.split(/\n\s*\n/).map((t) => ({ kind: 'paragraph', text: t })) : []);
  const offsets = marks.length ? blockOffsets(items, text) : [];
  items.forEach((block, i) => {
    if (!block || typeof block.text !== 'string' || block.text.trim() === '') return;
    const t = Number.isInteger(offsets[i]) ? marked(block.text, offsets[i], marks) : block.text;
    if (block.kind === 'list_item') {
      if (!list) {
        list = el('ul');
        body.append(list);
      }
      list.append(el('li', { dir: 'auto' }, t));
      return;
    }
    list = null;
    switch (block.kind) {
      case 'heading': body.append(el('h2', { dir: 'auto' }, t)); break;
      case 'quote': body.append(el('blockquote', { dir: 'auto' }, el('p', null, t))); break;
      case 'preformatted': body.append(el('pre', null, t)); break;
      default: body.append(el('p', { dir: 'auto' }, t));
    }
  });
  return body;
}

function renderFigure(image) {
  if (!image || typeof image !== 'object') return null;
  const src = httpUrl(image.url);
  const caption = typeof image.caption === 'string' && image.caption.trim() ? image.caption : null;
  const credit = typeof image.credit === 'string' && image.credit.trim() ? image.credit : null;
  const figure = el('figure', { class: 'article-figure' });
  if (src) {
    const img = el('img', { alt: caption || '', loading: 'lazy', decoding: 'async', referrerpolicy: 'no-referrer' });
    img.addEventListener('error', () => {
      img.hidden = true;
      figure.classList.add('image-missing');
    });
    img.setAttribute('src', src);
    figure.append(img);
  } else {
    figure.classList.add('image-missing');
  }
  const parts = [];
  if (caption) parts.push(el('span', { class: 'caption', dir: 'auto' }, caption));
  if (credit) parts.push(el('span', { class: 'credit', dir: 'auto' }, `Credit: ${credit}`));
  if (src) parts.push(el('a', { class: 'image-link', href: src, rel: 'noopener noreferrer nofollow' }, 'Image'));
  else if (typeof image.url === 'string' && image.url) parts.push(el('span', { class: 'image-url' }, `Image: ${image.url}`));
  if (parts.length === 0) return null;
  figure.append(el('figcaption', null, ...parts.map((p, i) => (i === 0 ? p : [' ', p]))));
  return figure;
}

function renderArticle(a) {
  const reader = $('reader-view');
  reader.replaceChildren();
  if (typeof a.language === 'string' && /^[A-Za-z]{2,3}(-[A-Za-z0-9]+)*$/.test(a.language)) reader.setAttribute('lang', a.language);
  else reader.removeAttribute('lang');
  reader.dataset.id = String(a.id);
  const title = typeof a.title === 'string' && a.title.trim() ? a.title : '(untitled)';
  document.title = `${title} · Dateline`;
  const original = httpUrl(a.url);
  const site = a.site_name || hostOf(a.url);
  const authors = strings(a.authors);

  const header = el('header', { class: 'article-header' },
    site || original ? el('p', { class: 'kicker' },
      site ? el('span', { class: 'site', dir: 'auto' }, site) : null) : null,
    el('h1', { class: 'reader-title', tabindex: '-1', dir: 'auto' }, title),
    typeof a.description === 'string' && a.description.trim()
      ? el('p', { class: 'standfirst', dir: 'auto' }, a.description) : null,
    el('p', { class: 'byline' },
      authors.length ? el('span', { class: 'authors' }, 'By ', el('span', { dir: 'auto' }, joinNames(authors))) : null,
      a.published ? el('time', { class: 'published', datetime: a.published }, formatDateTime(a.published)) : null,
      a.modified && a.modified !== a.published
        ? el('span', { class: 'modified' }, 'Updated ', el('time', { datetime: a.modified }, formatDateTime(a.modified))) : null));
  const links = el('p', { class: 'original' });
  if (original) {
    links.append(el('a', { class: 'original-link', href: original, rel: 'noopener noreferrer nofollow' },
      `Read the original at ${hostOf(original)}`));
  } else if (typeof a.url === 'string' && a.url) {
    links.append(el('span', { class: 'original-unsafe' }, 'Original address (not a web link): ', el('code', null, a.url)));
  }
  if (links.childNodes.length) header.append(links);
  reader.append(backLink(), header);

  const figures = (Array.isArray(a.images) ? a.images : []).map(renderFigure).filter(Boolean);
  if (figures.length) reader.append(figures[0]);
  const marks = marksOf(a);
  if (marks.length) reader.append(marksLegend(marks, reader));
  reader.append(renderBody(a.body, a.text, marks));
  if (figures.length > 1) {
    reader.append(el('section', { class: 'more-images', 'aria-label': 'More images' }, figures.slice(1)));
  }

  const footer = el('footer', { class: 'article-footer' });
  const tags = strings(a.tags);
  if (tags.length) {
    footer.append(el('section', { class: 'tags-section', 'aria-labelledby': 'tags-heading' },
      el('h2', { class: 'section-heading', id: 'tags-heading' }, 'Tags'),
      el('ul', { class: 'tags' }, tags.map((t) => el('li', null,
        el('a', { href: searchUrl({ q: fieldTerm('tag', t), page: 1 }), 'data-nav': true, dir: 'auto' }, t))))));
  }
  const focus = focusSection(a.focus);
  if (focus) footer.append(focus);
  const categories = strings(a.categories);
  if (categories.length) {
    footer.append(el('section', { class: 'categories-section', 'aria-labelledby': 'categories-heading' },
      el('h2', { class: 'section-heading', id: 'categories-heading' }, 'Sections'),
      el('ul', { class: 'tags categories' }, categories.map((t) => el('li', { dir: 'auto' }, t)))));
  }

  const duplicates = (Array.isArray(a.duplicates) ? a.duplicates : []).filter((d) => d && String(d.id) !== String(a.id));
  const dupList = el('ul', { class: 'duplicates-list' });
  for (const d of duplicates) {
    const id = String(d.id);
    const urls = strings(d.urls).map(httpUrl).filter(Boolean);
    dupList.append(el('li', { 'data-id': id },
      el('a', { href: /^\d+$/.test(id) ? `/article/${id}` : null, 'data-nav': true, dir: 'auto' }, d.title || '(untitled)'),
      d.site_name ? el('span', { class: 'site', dir: 'auto' }, ` · ${d.site_name}`) : null,
      d.representative ? el('span', { class: 'badge' }, 'representative') : null,
      urls.length ? el('ul', { class: 'dup-urls' }, urls.map((u) => el('li', null,
        el('a', { href: u, rel: 'noopener noreferrer nofollow', class: 'external' }, u)))) : null));
  }
  const provenance = Array.isArray(a.provenance) ? a.provenance.filter((p) => p && typeof p === 'object') : [];
  const copies = provenance.length > 1
    ? el('p', { class: 'muted identical' }, `This exact text was found ${provenance.length} times; the sources are listed under Provenance.`)
    : null;
  footer.append(el('section', { class: 'duplicates', 'aria-labelledby': 'dup-heading' },
    el('h2', { class: 'section-heading', id: 'dup-heading' }, 'Other versions of this story'),
    duplicates.length ? dupList : el('p', { class: 'muted' }, 'No other versions found.'),
    copies));

  if (provenance.length) {
    footer.append(el('section', { class: 'provenance', 'aria-labelledby': 'prov-heading' },
      el('h2', { class: 'section-heading', id: 'prov-heading' }, 'Provenance'),
      el('ul', { class: 'provenance-list' }, provenance.map((p) => el('li', null,
        el('code', { class: 'input' }, String(p.input ?? '')),
        p.locator !== null && p.locator !== undefined && p.locator !== '' ? el('code', { class: 'locator' }, ` @ ${p.locator}`) : null,
        p.url ? el('span', { class: 'prov-url' }, ' · ', httpUrl(p.url)
          ? el('a', { href: httpUrl(p.url), rel: 'noopener noreferrer nofollow' }, p.url)
          : el('code', null, String(p.url))) : null,
        p.fetched ? el('span', { class: 'fetched' }, ' · fetched ', el('time', { datetime: String(p.fetched) }, formatDateTime(String(p.fetched)))) : null)))));
  }
  reader.append(footer);
}

// ---------------------------------------------------------------- reader highlights

// The article's places, people, organisations and quantities are [start,
// end) offsets in Unicode code points of its `text`: the body blocks' texts
// joined by blank lines. Each block is found in `text` to turn them into
// offsets within the block; a block that cannot be found is shown plain.

const MARK_KINDS = [
  ['place', 'Places'],
  ['person', 'People'],
  ['organisation', 'Organisations'],
  ['quantity', 'Quantities'],
];

/** "Casualties: more than 200 people". */
function quantityTitle(q) {
  const category = typeof q.category === 'string' && q.category ? q.category : 'quantity';
  const amount = Number.isFinite(q.value)
    ? [q.qualifier, q.value.toLocaleString('en'), q.unit].filter((s) => typeof s === 'string' && s).join(' ')
    : String(q.text ?? '');
  return `${category[0].toUpperCase()}${category.slice(1)}: ${amount}`;
}

/** One mark per annotation with a sane span: kind, tooltip and link. */
function markOf(kind, item) {
  if (kind === 'place') {
    return { kind, title: placeLabel(item), href: placeId(item) === null ? null : `/place/${item.geonames_id}` };
  }
  if (kind === 'quantity') return { kind, title: quantityTitle(item), href: null };
  const entity = item.kind === 'person' ? 'person' : item.kind === 'organization' ? 'organisation' : null;
  const name = typeof item.name === 'string' && item.name.trim() ? item.name : null;
  if (!entity || !name) return null;
  return {
    kind: entity,
    title: `${entity === 'person' ? 'Person' : 'Organisation'}: ${name}`,
    href: searchUrl({ q: fieldTerm(entity === 'person' ? 'person' : 'org', name), page: 1 }),
  };
}

/** The article's marks in text order; where two overlap, the one starting first (or the longer) wins. */
function marksOf(a) {
  const marks = [];
  for (const [kind, list] of [['place', a.places], ['entity', a.entities], ['quantity', a.quantities]]) {
    for (const item of Array.isArray(list) ? list : []) {
      if (!item || !Number.isInteger(item.start) || !Number.isInteger(item.end) || item.start < 0 || item.start >= item.end) continue;
      const mark = markOf(kind, item);
      if (mark) marks.push({ ...mark, start: item.start, end: item.end });
    }
  }
  marks.sort((x, y) => x.start - y.start || y.end - x.end);
  const kept = [];
  let end = 0;
  for (const m of marks) {
    if (m.start < end) continue;
    kept.push(m);
    end = m.end;
  }
  return kept;
}

/** The code point offset of each block's text in `text`, searched in order; null where it is not found. */
function blockOffsets(blocks, text) {
  const offsets = [];
  if (typeof text !== 'string') return offsets;
  let at = 0; // UTF-16 index where the search goes on
  let points = 0; // code points before `at`
  for (const block of blocks) {
    const t = block && typeof block.text === 'string' ? block.text : '';
    const found = t ? text.indexOf(t, at) : -1;
    if (found < 0) {
      offsets.push(null);
      continue;
    }
    points += Array.from(text.slice(at, found)).length;
    offsets.push(points);
    points += Array.from(t).length;
    at = found + t.length;
  }
  return offsets;
}

/** A block's text with the marks that lie inside it (it starts at code point `offset` of the text). */
function marked(text, offset, marks) {
  const chars = Array.from(text);
  const end = offset + chars.length;
  const frag = document.createDocumentFragment();
  let pos = 0;
  for (const m of marks) {
    if (m.start < offset || m.end > end) continue;
    const s = m.start - offset;
    if (s > pos) frag.append(chars.slice(pos, s).join(''));
    frag.append(el(m.href ? 'a' : 'span', {
      class: `mark mark-${m.kind}`, href: m.href, 'data-nav': !!m.href, title: m.title,
    }, chars.slice(s, m.end - offset).join('')));
    pos = m.end - offset;
  }
  if (pos < chars.length) frag.append(chars.slice(pos).join(''));
  return frag;
}

/** Buttons that show or hide each kind of mark (remembered across articles). */
function marksLegend(marks, reader) {
  const legend = el('div', { class: 'marks-legend', role: 'group', 'aria-label': 'Highlights' });
  for (const [kind, label] of MARK_KINDS) {
    const count = marks.filter((m) => m.kind === kind).length;
    if (count === 0) continue;
    const shown = () => !app.hiddenMarks.has(kind);
    const button = el('button', {
      type: 'button', class: `legend-button legend-${kind}`, 'data-kind': kind, 'aria-pressed': String(shown()),
      title: `Show or hide the highlighted ${label.toLowerCase()}`,
    }, el('span', { class: `mark mark-${kind}` }, label), ` ${count}`);
    button.addEventListener('click', () => {
      if (shown()) app.hiddenMarks.add(kind);
      else app.hiddenMarks.delete(kind);
      button.setAttribute('aria-pressed', String(shown()));
      reader.classList.toggle(`hide-${kind}`, !shown());
    });
    reader.classList.toggle(`hide-${kind}`, !shown());
    legend.append(button);
  }
  return legend;
}

/** "Places in this story": the places the text is about, most first, each linking to its page. */
function focusSection(focus) {
  const places = (Array.isArray(focus) ? focus : []).filter((f) => f && placeId(f) !== null);
  if (places.length === 0) return null;
  return el('section', { class: 'focus-section', 'aria-labelledby': 'focus-heading' },
    el('h2', { class: 'section-heading', id: 'focus-heading' }, 'Places in this story'),
    el('ul', { class: 'tags focus-places' }, places.map((f) => el('li', null,
      el('a', {
        href: `/place/${f.geonames_id}`, 'data-nav': true, dir: 'auto',
        title: Number.isInteger(f.mentions) ? plural(f.mentions, 'mention', 'mentions') : null,
      }, placeLabel(f))))));
}

// ---------------------------------------------------------------- place page

const PLACE_KINDS = {
  city: 'City', capital: 'Capital', admin1: 'Region', admin2: 'County', region: 'Region', country: 'Country', continent: 'Continent', area: 'Area',
};

/** "35.95° N, 39.01° E". */
function formatCoordinates(lat, lon) {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  return `${Math.abs(lat).toFixed(2)}° ${lat < 0 ? 'S' : 'N'}, ${Math.abs(lon).toFixed(2)}° ${lon < 0 ? 'W' : 'E'}`;
}

/** `/place/{id}`: the place, a map of it, the timeline and the list of its articles. */
async function showPlace(id, page, signal) {
  setView('place');
  const view = $('place-view');
  const placeUrl = (n) => (n > 1 ? `/place/${id}?page=${n}` : `/place/${id}`);
  app.lastListUrl = placeUrl(page);
  view.replaceChildren(backLink(app.lastSearchUrl, 'Place', '← Back'), el('p', { class: 'message', role: 'status' }, 'Loading the place…'));
  document.body.setAttribute('aria-busy', 'true');
  const state = { q: fieldTerm('place', id), from: '', to: '', lang: '', page, interval: 'auto' };
  const params = filterParams(state);
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String((page - 1) * PAGE_SIZE));
  params.set('histogram', 'month');
  let place;
  let data;
  try {
    [place, data] = await Promise.all([api(`/api/places/${id}`, signal), api(`/api/search?${params}`, signal)]);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    document.body.removeAttribute('aria-busy');
    document.title = 'Not found · Dateline';
    view.replaceChildren(backLink(app.lastSearchUrl, 'Place', '← Back'), el('h1', { class: 'place-title', tabindex: '-1' }, 'No such place'),
      el('p', { class: 'message', role: 'alert' }, err.message));
    return;
  }
  document.body.removeAttribute('aria-busy');
  renderPlace(view, place, state, data, placeUrl);
  window.scrollTo(0, 0);
  view.querySelector('h1').focus({ preventScroll: true });
  await Promise.all([placeTimeline(state, data, signal), placeMap(place, signal)]);
}

function renderPlace(view, place, state, data, pageUrl) {
  const name = typeof place.name === 'string' && place.name ? place.name : 'Unnamed place';
  document.title = `${name} · Dateline`;
  const cc = typeof place.country_code === 'string' ? place.country_code : '';
  const kind = PLACE_KINDS[place.kind] || (typeof place.kind === 'string' ? place.kind : '');
  const count = Number(place.articles);
  const where = formatCoordinates(place.lat, place.lon);
  const header = el('header', { class: 'place-header' },
    el('p', { class: 'kicker' }, [kind, cc && `${countryName(cc)} (${cc})`].filter(Boolean).join(' · ')),
    el('h1', { class: 'place-title', tabindex: '-1', dir: 'auto' }, name),
    el('p', { class: 'place-meta' },
      Number.isFinite(count) ? el('span', { class: 'place-count' }, plural(count, 'article', 'articles')) : null,
      where ? el('span', { class: 'coordinates' }, where) : null,
      el('a', { href: searchUrl({ q: state.q, page: 1 }), 'data-nav': true, class: 'place-search' }, 'Search these articles')));
  const hitsList = el('ol', { class: 'results place-results' });
  const pager = el('nav', { class: 'pager', 'aria-label': 'Pages' });
  renderResults(hitsList, data, state.page, pageUrl);
  renderPager(pager, data, state.page, pageUrl, false);
  view.replaceChildren(backLink(app.lastSearchUrl, 'Place', '← Back'), header,
    el('div', { class: 'map place-map' }),
    el('section', { class: 'timeline place-timeline', 'aria-labelledby': 'place-timeline-heading', hidden: true },
      el('h2', { id: 'place-timeline-heading', class: 'section-heading' }, 'Timeline'),
      el('div', { class: 'chart' })),
    el('section', { class: 'place-articles', 'aria-labelledby': 'place-articles-heading' },
      el('h2', { id: 'place-articles-heading', class: 'section-heading' }, 'Articles'),
      hitsList, pager));
}

async function placeTimeline(state, data, signal) {
  const hist = await chooseTimeline(state, data, signal);
  const section = $('place-view').querySelector('.place-timeline');
  if (!hist || signal.aborted) return;
  section.hidden = false;
  showChart(section.querySelector('.chart'), hist, state);
}

async function placeMap(place, signal) {
  const box = $('place-view').querySelector('.place-map');
  const zoom = { country: 3, continent: 1.5 }[place.kind] || 6;
  const drawn = await drawWorldMap(box, {
    places: [place],
    signal,
    label: `Map of ${typeof place.name === 'string' ? place.name : 'the place'}`,
    titleOf: (p) => placeLabel(p),
    focus: { lat: place.lat, lon: place.lon, zoom },
    maxHeight: 260,
  });
  if (!drawn) box.hidden = true;
}

// ---------------------------------------------------------------- events

function onSubmit(e) {
  e.preventDefault();
  const q = $('q').value.trim();
  const base = app.search ? app.search.state : readSearchState('');
  navigate(searchUrl({ ...base, q, page: 1 }));
}

function isTyping(target) {
  return target instanceof Element && !!target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])');
}

function onKeydown(e) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
  const target = e.target;
  if (isTyping(target)) {
    if (target === $('q')) {
      if (e.key === 'Escape') target.blur();
      else if (e.key === 'ArrowDown' && app.view === 'search' && resultLinks().length) {
        e.preventDefault();
        selectResult(0);
      }
    }
    return;
  }
  if (e.key === '/') {
    e.preventDefault();
    const input = $('q');
    input.focus();
    input.select();
    return;
  }
  if (app.view === 'search') {
    if (e.key === 'j' || e.key === 'k') {
      e.preventDefault();
      const current = app.selected >= 0 ? app.selected : (e.key === 'j' ? -1 : 0);
      selectResult(current + (e.key === 'j' ? 1 : -1));
    } else if (e.key === 'Enter' && app.selected >= 0 && !(target instanceof Element && target.closest('a, button, [role="button"], .bar'))) {
      const link = resultLinks()[app.selected];
      if (link) {
        e.preventDefault();
        link.click();
      }
    }
  } else if (e.key === 'Escape' || e.key === 'Backspace') {
    e.preventDefault();
    goBack(app.view === 'reader' ? app.lastListUrl : app.lastSearchUrl);
  }
}

function onClick(e) {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const link = e.target instanceof Element ? e.target.closest('a[data-nav]') : null;
  if (!link || !link.getAttribute('href')) return;
  // getAttribute: an SVG link's `href` property is not a string.
  const url = new URL(link.getAttribute('href'), location.href);
  if (url.origin !== location.origin) return;
  e.preventDefault();
  const fromResult = link.closest('#results, #search-view');
  if (fromResult && app.view === 'search') {
    if (link.dataset.result !== undefined) app.selected = Number(link.dataset.result);
    rememberSearchPosition();
  }
  // Pages opened from a list go back to it with history.back(), which keeps its scroll and selection.
  const opensArticle = /^\/article\//.test(url.pathname);
  const opensPlace = /^\/place\//.test(url.pathname);
  const fromList = (app.view === 'search' && (opensArticle || opensPlace)) || (app.view === 'place' && opensArticle)
    || (app.view === 'reader' && opensPlace);
  navigate(url.pathname + url.search, fromList ? { fromSearch: true } : {});
}

function init() {
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  $('search-form').addEventListener('submit', onSubmit);
  document.addEventListener('keydown', onKeydown);
  document.addEventListener('click', onClick);
  $('results').addEventListener('focusin', (e) => {
    const link = e.target instanceof Element ? e.target.closest('a[data-result]') : null;
    if (!link) return;
    for (const li of document.querySelectorAll('#results .result.selected')) li.classList.remove('selected');
    link.closest('.result').classList.add('selected');
    app.selected = Number(link.dataset.result);
  });
  for (const radio of document.querySelectorAll('input[name="interval"]')) {
    radio.addEventListener('change', () => {
      if (!radio.checked || !app.search) return;
      navigate(searchUrl({ ...app.search.state, interval: radio.value }));
    });
  }
  window.addEventListener('popstate', () => route(true));
  watchChartWidth();
  route(true);
}

init();
