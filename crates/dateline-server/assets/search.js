// The search view of the Dateline web UI: runs the search of the address and
// shows its summary, filter chips, results, pager, facets, timeline, events
// by category and map.

import { $, el } from './dom.js';
import { drawWorldMap } from './map.js';
import { addTerm, fieldTerm, languageName, placeId, placeLabel, plural, queryTerms, removeTerm } from './text.js';
import { formatDate } from './dates.js';
import { api } from './api.js';
import { app, filterParams, PAGE_SIZE, searchUrl } from './state.js';
import { setView } from './routing.js';
import { renderPager, renderResults, selectResult } from './results.js';
import { placeFacet, renderFacets } from './facets.js';
import { renderTimeline } from './timeline.js';
import { renderEventTimeline } from './eventcodes.js';

export async function showSearch(state, fromHistory, signal) {
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

  await Promise.all([
    renderTimeline(state, data, signal),
    renderEventTimeline(state, data, signal),
    renderMap(state, data, signal),
  ]);
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
