// State of the Dateline web UI: the `app` object shared by its views, and the
// search state read from and written to page addresses and API parameters.

export const PAGE_SIZE = 20;
export const INTERVALS = ['day', 'week', 'month', 'year'];

export function readSearchState(search) {
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
export function searchUrl(state) {
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
export function filterParams(state) {
  const p = new URLSearchParams();
  p.set('q', state.q);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.lang) p.set('lang', state.lang);
  return p;
}

export const app = {
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
