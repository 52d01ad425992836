// Reader highlights of the Dateline web UI: the article's places, people,
// organisations, quantities and events (on their verbs) marked in its body, the legend that shows or
// hides each kind, and the "Places in this story" list.

import { el } from './dom.js';
import { fieldTerm, placeId, placeLabel, plural } from './text.js';
import { app, searchUrl } from './state.js';
import { eventsOf, eventTitle } from './eventcodes.js';

// The article's places, people, organisations and quantities are [start,
// end) offsets in Unicode code points of its `text`: the body blocks' texts
// joined by blank lines. Each block is found in `text` to turn them into
// offsets within the block; a block that cannot be found is shown plain.

const MARK_KINDS = [
  ['place', 'Places'],
  ['person', 'People'],
  ['organisation', 'Organisations'],
  ['quantity', 'Quantities'],
  ['event', 'Events'],
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
  if (kind === 'event') return { kind, title: eventTitle(item), href: null };
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
export function marksOf(a) {
  const marks = [];
  // An event is marked on its verb: its sentence holds the other marks.
  const verbs = eventsOf(a).map((e) => ({ ...e, start: e.verb?.start, end: e.verb?.end }));
  for (const [kind, list] of [['place', a.places], ['entity', a.entities], ['quantity', a.quantities], ['event', verbs]]) {
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
export function blockOffsets(blocks, text) {
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
export function marked(text, offset, marks) {
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
export function marksLegend(marks, reader) {
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
export function focusSection(focus) {
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
