// Text helpers of the Dateline web UI: highlighted snippets, host names and
// plurals, the terms of a query (`field:value`, quoted phrases), and the names
// shown for places, languages and countries.

import { el, httpUrl } from './dom.js';

/** Snippet text with [start, end) code point ranges wrapped in <mark>. */
export function highlighted(text, ranges) {
  const chars = Array.from(typeof text === 'string' ? text : '');
  const frag = document.createDocumentFragment();
  const spans = (Array.isArray(ranges) ? ranges : [])
    .filter((r) => Array.isArray(r) && Number.isInteger(r[0]) && Number.isInteger(r[1]))
    .map(([s, e]) => [Math.max(0, s), Math.min(chars.length, e)])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let pos = 0;
  for (const [s, e] of spans) {
    if (e <= pos) continue;
    const start = Math.max(s, pos);
    if (start > pos) frag.append(chars.slice(pos, start).join(''));
    frag.append(el('mark', null, chars.slice(start, e).join('')));
    pos = e;
  }
  if (pos < chars.length) frag.append(chars.slice(pos).join(''));
  return frag;
}

export function hostOf(url) {
  const safe = httpUrl(url);
  if (!safe) return null;
  return new URL(safe).hostname.replace(/^www\./, '');
}

export function plural(n, one, many) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------- query terms and names

/**
 * The terms of a query: words, and runs that hold a quoted phrase
 * (`person:"Seth J. Frantzman"`, `-"exact words"`) kept whole, so a facet
 * can find, add and remove its own term.
 */
export function queryTerms(q) {
  return q.match(/(?:[^\s"]+|"[^"]*(?:"|$))+/g) || [];
}

export function addTerm(q, term) {
  const terms = queryTerms(q);
  return terms.includes(term) ? terms.join(' ') : [...terms, term].join(' ');
}

export function removeTerm(q, term) {
  return queryTerms(q).filter((t) => t !== term).join(' ');
}

/** `field:value`, quoted when the value has spaces; its own quotes are dropped (they would end the phrase). */
export function fieldTerm(field, value) {
  const v = String(value).replace(/"/g, '').replace(/\s+/g, ' ').trim();
  return /\s/.test(v) ? `${field}:"${v}"` : `${field}:${v}`;
}

/** The GeoNames id of a place in the API's answers, or null. */
export function placeId(place) {
  return place && Number.isInteger(place.geonames_id) && place.geonames_id >= 0 ? place.geonames_id : null;
}

/** "Ar Raqqah, SY" (no country for continents and regions). */
export function placeLabel(place) {
  const name = typeof place.name === 'string' && place.name ? place.name : 'Unnamed place';
  return typeof place.country_code === 'string' && place.country_code ? `${name}, ${place.country_code}` : name;
}

let languageNames = null;
export function languageName(code) {
  try {
    languageNames = languageNames || new Intl.DisplayNames(['en'], { type: 'language' });
    const name = languageNames.of(code);
    if (name && name !== code) return `${name} (${code})`;
  } catch {
    // not a language code
  }
  return code;
}

let regionNames = null;
/** "Syria" for "SY"; the code itself when it is not one. */
export function countryName(code) {
  try {
    regionNames = regionNames || new Intl.DisplayNames(['en'], { type: 'region' });
    const name = regionNames.of(code);
    if (name && name !== code) return name;
  } catch {
    // not a region code
  }
  return code;
}
