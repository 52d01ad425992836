// Dateline web UI: a small single-page reader for `dateline serve`. This is
// its entry module (index.html loads it as `<script type="module">`): it
// wires the events, hands the views to the router and shows the first page.
//
// Plain ES2020 modules, no framework, no build step, no external resource;
// every module is embedded in the binary (src/assets.rs) and imported by the
// same relative name (`./x.js`), so none is ever loaded twice. Nodes are
// built only with the helpers of dom.js, whose header states the security
// rule: API data is untrusted text and never parsed as markup.
//
// Modules, each importing only those above it:
//   dom.js         building nodes safely (the security rule)
//   map.js         the world map of places
//   text.js        snippets, plurals, query terms, place/language/country names
//   dates.js       date formats and the timeline's buckets
//   api.js         the API client
//   state.js       shared state, search state <-> address and API parameters
//   routing.js     address -> view, history, alerts
//   results.js     hit lists, pager, j / k selection
//   facets.js      facet groups
//   timeline.js    the timeline chart
//   highlights.js  reader highlights
//   reader.js      the reader view
//   place.js       the place page
//   search.js      the search view
//   events.js      search form, keyboard, clicks on in-app links

import { $ } from './dom.js';
import { app, searchUrl } from './state.js';
import { navigate, route, setViews } from './routing.js';
import { showSearch } from './search.js';
import { showArticle } from './reader.js';
import { showPlace } from './place.js';
import { watchChartWidth } from './timeline.js';
import { onClick, onKeydown, onSubmit } from './events.js';

function init() {
  setViews({ showSearch, showArticle, showPlace });
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
