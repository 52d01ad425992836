// Facets of the Dateline web UI: the groups beside the results (sites,
// languages, months, places, countries, people, organisations, events,
// authors, tags), each value a link that adds or removes its filter.

import { $, el } from './dom.js';
import { addTerm, countryName, fieldTerm, languageName, placeId, placeLabel, queryTerms, removeTerm } from './text.js';
import { formatDate } from './dates.js';
import { searchUrl } from './state.js';
import { categoryLabel } from './eventcodes.js';

/** A facet group that adds `field:value` to the query; `values` replace those of `facets[key]`. */
function termGroup(state, key, title, field, { label = (v) => v, limit = 8, values = null } = {}) {
  const term = (v) => fieldTerm(field, v);
  const terms = queryTerms(state.q);
  return {
    key, title, label, limit, values,
    active: (v) => terms.includes(term(v)),
    apply: (v, on) => ({ q: on ? removeTerm(state.q, term(v)) : addTerm(state.q, term(v)) }),
  };
}

/** The search answer's places as facet values: the id is the value, the name the label. */
export function placeFacet(data) {
  const places = Array.isArray(data.places) ? data.places : [];
  return places.filter((p) => placeId(p) !== null).map((p) => ({ value: String(p.geonames_id), count: p.count, place: p }));
}

export function renderFacets(state, data) {
  const aside = $('facets');
  aside.replaceChildren();
  const facets = data.facets && typeof data.facets === 'object' ? data.facets : {};
  const places = placeFacet(data);
  const placeNames = new Map(places.map((f) => [f.value, placeLabel(f.place)]));
  const groups = [
    termGroup(state, 'sites', 'Sites', 'site', { limit: 20 }),
    {
      key: 'languages', title: 'Languages', label: languageName,
      active: (v) => state.lang === v,
      apply: (v, on) => ({ lang: on ? '' : v }),
    },
    {
      key: 'months', title: 'Months', label: (v) => formatDate(v), limit: 12, newestFirst: true,
      active: (v) => state.from === v && state.to === v,
      apply: (v, on) => (on ? { from: '', to: '' } : { from: v, to: v }),
    },
    termGroup(state, 'places', 'Places', 'place', { label: (v) => placeNames.get(v) || v, values: places }),
    termGroup(state, 'countries', 'Countries', 'country', { label: countryName }),
    termGroup(state, 'people', 'People', 'person'),
    termGroup(state, 'organizations', 'Organisations', 'org'),
    termGroup(state, 'events', 'Events', 'event', { label: categoryLabel }),
    termGroup(state, 'authors', 'Authors', 'author'),
    termGroup(state, 'tags', 'Tags', 'tag'),
  ];
  for (const group of groups) {
    const given = group.values || facets[group.key];
    let values = Array.isArray(given) ? given.filter((f) => f && typeof f.value === 'string' && f.value !== '') : [];
    if (values.length === 0) continue;
    if (group.newestFirst) values = [...values].reverse();
    const headingId = `facet-${group.key}`;
    const list = el('ul', { class: 'facet-list', 'aria-labelledby': headingId });
    values.forEach((f, i) => {
      const on = group.active(f.value);
      const next = { ...state, ...group.apply(f.value, on), page: 1 };
      const item = el('li', { class: i >= (group.limit || 20) ? 'facet-extra' : null, hidden: i >= (group.limit || 20) },
        el('a', {
          href: searchUrl(next),
          'data-nav': true,
          class: on ? 'facet-link active' : 'facet-link',
          'aria-current': on ? 'true' : null,
          'data-facet': group.key,
          'data-value': f.value,
          title: on ? 'Remove this filter' : 'Narrow to this',
        },
        el('span', { class: 'facet-value', dir: 'auto' }, group.label(f.value)),
        el('span', { class: 'facet-count' }, Number(f.count).toLocaleString('en'))));
      list.append(item);
    });
    const section = el('section', { class: 'facet', 'data-facet': group.key },
      el('h2', { class: 'section-heading', id: headingId }, group.title), list);
    if (group.limit && values.length > group.limit) {
      const button = el('button', { type: 'button', class: 'link-button', 'aria-expanded': 'false' }, `Show all ${values.length}`);
      button.addEventListener('click', () => {
        const open = button.getAttribute('aria-expanded') !== 'true';
        for (const li of list.querySelectorAll('.facet-extra')) li.hidden = !open;
        button.setAttribute('aria-expanded', String(open));
        button.textContent = open ? 'Show fewer' : `Show all ${values.length}`;
      });
      section.append(button);
    }
    aside.append(section);
  }
  aside.hidden = aside.childElementCount === 0;
}
