// Result lists of the Dateline web UI (search and place page): one page of
// hits, the pager, and the selected hit that `j` / `k` move.

import { el } from './dom.js';
import { highlighted, hostOf } from './text.js';
import { formatDate } from './dates.js';
import { app, PAGE_SIZE } from './state.js';

/** One page of hits into the list `list`; `pageUrl(n)` is the address of page n. */
export function renderResults(list, data, page, pageUrl) {
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
export function renderPager(nav, data, current, pageUrl, byDate) {
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

// ---------------------------------------------------------------- result selection (j / k)

export function resultLinks() {
  return [...document.querySelectorAll('#results a[data-result]')];
}

export function selectResult(index, quiet = false) {
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

export function rememberSearchPosition() {
  if (app.view !== 'search') return;
  const state = { ...(history.state || {}), app: true, selected: app.selected, scrollY: window.scrollY };
  history.replaceState(state, '', location.href);
}
