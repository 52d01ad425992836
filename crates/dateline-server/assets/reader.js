// The reader view of the Dateline web UI (`/article/{id}`): the article's
// header, images, body with highlights, tags, places, other versions and
// provenance.

import { $, el, httpUrl } from './dom.js';
import { fieldTerm, hostOf } from './text.js';
import { formatDateTime } from './dates.js';
import { api, ApiError } from './api.js';
import { app, searchUrl } from './state.js';
import { goBack, setView } from './routing.js';
import { blockOffsets, focusSection, marked, marksLegend, marksOf } from './highlights.js';
import { eventsSection } from './eventcodes.js';

export async function showArticle(id, signal) {
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
export function backLink(fallback = app.lastListUrl, label = 'Article', text = '← Back to results') {
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
  const events = eventsSection(a);
  if (events) footer.append(events);
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
