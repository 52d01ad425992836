// Events of the Dateline web UI: the search form, the keyboard shortcuts
// (`/`, `j` / `k`, Enter, Escape, Backspace) and clicks on in-app links.

import { $ } from './dom.js';
import { app, readSearchState, searchUrl } from './state.js';
import { goBack, navigate } from './routing.js';
import { rememberSearchPosition, resultLinks, selectResult } from './results.js';

export function onSubmit(e) {
  e.preventDefault();
  const q = $('q').value.trim();
  const base = app.search ? app.search.state : readSearchState('');
  navigate(searchUrl({ ...base, q, page: 1 }));
}

function isTyping(target) {
  return target instanceof Element && !!target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])');
}

export function onKeydown(e) {
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

export function onClick(e) {
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
