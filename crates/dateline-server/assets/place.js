// The place page of the Dateline web UI (`/place/{id}`): the place, a map of
// it, the timeline and the list of its articles.

import { $, el } from './dom.js';
import { drawWorldMap } from './map.js';
import { countryName, fieldTerm, placeLabel, plural } from './text.js';
import { api, ApiError } from './api.js';
import { app, filterParams, PAGE_SIZE, searchUrl } from './state.js';
import { setView } from './routing.js';
import { renderPager, renderResults } from './results.js';
import { chooseTimeline, showChart } from './timeline.js';
import { backLink } from './reader.js';

const PLACE_KINDS = {
  city: 'City', capital: 'Capital', admin1: 'Region', admin2: 'County', region: 'Region', country: 'Country', continent: 'Continent', area: 'Area',
};

/** "35.95° N, 39.01° E". */
function formatCoordinates(lat, lon) {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  return `${Math.abs(lat).toFixed(2)}° ${lat < 0 ? 'S' : 'N'}, ${Math.abs(lon).toFixed(2)}° ${lon < 0 ? 'W' : 'E'}`;
}

/** `/place/{id}`: the place, a map of it, the timeline and the list of its articles. */
export async function showPlace(id, page, signal) {
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
