// Routing of the Dateline web UI: the address picks the view (search, reader
// or place page), history entries move between them, and the alert box shows
// what went wrong. The views import this module, so it does not import them:
// app.js hands them over with `setViews` before the first `route`.

import { $ } from './dom.js';
import { ApiError } from './api.js';
import { app, readSearchState } from './state.js';

/** The functions that show each view: `showSearch`, `showArticle` and `showPlace`. */
const views = {};

export function setViews({ showSearch, showArticle, showPlace }) {
  Object.assign(views, { showSearch, showArticle, showPlace });
}

export function navigate(url, state = {}) {
  history.pushState({ app: true, ...state }, '', url);
  route(false);
}

export function route(fromHistory) {
  if (app.controller) app.controller.abort();
  app.controller = new AbortController();
  const signal = app.controller.signal;
  hideAlert();
  const article = /^\/article\/(\d{1,15})\/?$/.exec(location.pathname);
  const place = /^\/place\/(\d{1,10})\/?$/.exec(location.pathname);
  let task;
  if (article) task = views.showArticle(article[1], signal);
  else if (place) task = views.showPlace(place[1], readSearchState(location.search).page, signal);
  else task = views.showSearch(readSearchState(location.search), fromHistory, signal);
  task.catch((err) => {
    if (err && err.name === 'AbortError') return;
    document.body.removeAttribute('aria-busy');
    showAlert(err instanceof ApiError ? err.message : `Something went wrong: ${err && err.message}`);
    if (!(err instanceof ApiError)) console.error(err);
  });
}

export function setView(name) {
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
export function goBack(fallback) {
  if (history.state && history.state.fromSearch) history.back();
  else navigate(fallback);
}
