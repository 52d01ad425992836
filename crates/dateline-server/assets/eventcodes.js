// Coded events in the Dateline web UI (who did what to whom, in PLOVER
// categories and CAMEO codes): their labels, the reader's "Events in this
// story" list, and the search view's timeline of events by category.

import { $, el, svgEl } from './dom.js';
import { addTerm, fieldTerm, plural } from './text.js';
import { dayNumber, formatDate, nextKey } from './dates.js';
import { api } from './api.js';
import { filterParams, searchUrl } from './state.js';

/** "ASSAULT" -> "Assault"; a CAMEO code stands for a category PLOVER leaves out. */
export function categoryLabel(category) {
  const c = typeof category === 'string' ? category.trim() : '';
  return c ? c[0].toUpperCase() + c.slice(1).toLowerCase() : 'Other';
}

function actorName(actor) {
  if (!actor || typeof actor !== 'object') return null;
  const name = typeof actor.name === 'string' && actor.name.trim() ? actor.name : null;
  const code = typeof actor.code === 'string' ? actor.code : '';
  return name ? (code ? `${name} (${code})` : name) : code || null;
}

/** "Assault (190): Turkey (TUR) → Syrian Democratic Forces (SYRREB)". */
export function eventTitle(e) {
  const what = `${categoryLabel(e.plover || '')}${typeof e.cameo === 'string' && e.cameo ? ` (${e.cameo})` : ''}`;
  const who = actorName(e.source) || 'someone';
  const whom = actorName(e.target);
  const mode = typeof e.mode === 'string' && e.mode && e.mode !== 'asserted' ? ` [${e.mode}]` : '';
  return `${what}: ${who}${whom ? ` → ${whom}` : ''}${mode}`;
}

/** The events a stored article carries (well-formed ones only). */
export function eventsOf(a) {
  return (Array.isArray(a.events) ? a.events : []).filter((e) => e && typeof e === 'object'
    && e.sentence && Number.isInteger(e.sentence.start) && Number.isInteger(e.sentence.end));
}

/** "Events in this story": each event's coding and its sentence, quoted from the text. */
export function eventsSection(a) {
  const events = eventsOf(a);
  if (events.length === 0) return null;
  const chars = typeof a.text === 'string' ? Array.from(a.text) : [];
  return el('section', { class: 'events-section', 'aria-labelledby': 'events-heading' },
    el('h2', { class: 'section-heading', id: 'events-heading' }, 'Events in this story'),
    el('ol', { class: 'event-list' }, events.map((e) => {
      const sentence = chars.slice(e.sentence.start, e.sentence.end).join('').trim();
      const category = typeof e.plover === 'string' ? e.plover : '';
      return el('li', { class: 'event-item', 'data-cameo': String(e.cameo ?? '') },
        el('a', {
          class: 'event-category', 'data-nav': true,
          href: searchUrl({ q: fieldTerm('event', category || e.cameo || 'any'), page: 1 }),
        }, categoryLabel(category || e.cameo)),
        ' ', el('span', { class: 'event-coding' }, eventTitle(e)),
        sentence ? el('blockquote', { class: 'event-sentence', dir: 'auto' }, sentence) : null);
    })));
}

/** Rows of small bar charts, one per category, over the same time slots. */
export async function renderEventTimeline(state, data, signal) {
  const section = $('event-timeline');
  const facets = data.facets && Array.isArray(data.facets.events) ? data.facets.events : [];
  if ((Number(data.total) || 0) === 0 || facets.length === 0) {
    section.hidden = true;
    return;
  }
  const interval = state.interval === 'auto' ? 'month' : state.interval;
  const params = filterParams(state);
  params.set('interval', interval);
  params.set('limit', '1');
  const answer = await api(`/api/events?${params}`, signal);
  const lines = (Array.isArray(answer.timeline) ? answer.timeline : [])
    .filter((t) => t && typeof t.category === 'string' && Array.isArray(t.buckets) && t.buckets.length);
  if (lines.length === 0) {
    section.hidden = true;
    return;
  }
  const keys = lines.flatMap((t) => t.buckets.map((b) => b.key)).filter((k) => typeof k === 'string' && Number.isFinite(dayNumber(k))).sort();
  const slots = [];
  for (let key = keys[0], i = 0; key && i < 400; i++) {
    slots.push(key);
    if (key >= keys[keys.length - 1]) break;
    key = nextKey(key, interval);
  }
  const rows = lines.map((t) => {
    const counts = new Map(t.buckets.map((b) => [b.key, Number(b.count) || 0]));
    const max = Math.max(1, ...counts.values());
    const total = [...counts.values()].reduce((s, n) => s + n, 0);
    const width = Math.max(slots.length, 1);
    const svg = svgEl('svg', { class: 'event-spark', viewBox: `0 0 ${width} 10`, preserveAspectRatio: 'none', role: 'img',
      'aria-label': `${categoryLabel(t.category)}: ${plural(total, 'story', 'stories')}` });
    slots.forEach((key, i) => {
      const n = counts.get(key) || 0;
      if (n === 0) return;
      const h = Math.max(1, (10 * n) / max);
      svg.append(svgEl('rect', { x: i + 0.1, y: 10 - h, width: 0.8, height: h, class: 'event-bar' },
        svgEl('title', null, `${formatDate(key)}: ${plural(n, 'story', 'stories')}`)));
    });
    const term = fieldTerm('event', t.category);
    return el('li', { class: 'event-line', 'data-category': t.category },
      el('a', { class: 'event-line-label', 'data-nav': true, href: searchUrl({ ...state, q: addTerm(state.q, term), page: 1 }) },
        categoryLabel(t.category)),
      svg,
      el('span', { class: 'event-line-count' }, total.toLocaleString('en')));
  });
  $('event-lines').replaceChildren(...rows);
  $('event-span').textContent = slots.length ? `${formatDate(slots[0])} – ${formatDate(slots[slots.length - 1])}` : '';
  section.hidden = false;
}
