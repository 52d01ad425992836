// A stand-in for `dateline serve`: serves the UI assets and canned JSON in
// the shapes of the real API, with a tiny search over a few articles. For
// developing the UI and the tests without the Rust server:
//
//   node e2e/mock-server.mjs [PORT]      (default 8099; PORT=0 picks one)
//   BASE_URL=http://127.0.0.1:8099 node --test e2e/tests/*.test.mjs
//
// With `--api http://127.0.0.1:8080` it forwards /api/ to a real `dateline
// serve` and only serves the assets from disk: edit the UI without
// rebuilding the binary that embeds them.
//
// When imported, `startMock(port)` returns {server, url}.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const assetsDir = path.join(here, '..', 'crates', 'dateline-server', 'assets');

const XSS = {
  img: '<img src=x onerror="window.__xss=1">',
  script: '<script>window.__xss=1</script>',
  svg: '"><svg onload=window.__xss=1>',
  js: 'javascript:window.__xss=1',
};

const body = (...paragraphs) => paragraphs.map((text) => ({ kind: 'paragraph', text }));

const ARTICLES = [
  {
    id: 1,
    title: 'Russians in Raqqa two years after US helped take city from ISIS',
    description: 'US policy in Syria was once about defeating ISIS and stabilizing the area.',
    site_name: 'The Jerusalem Post',
    url: 'https://www.jpost.com/Middle-East/Russians-in-Raqqa-two-years-after-US-helped-take-city-from-ISIS-610463',
    language: 'en',
    authors: ['Seth J. Frantzman'],
    published: '2019-12-09T17:34:00',
    modified: null,
    tags: ['Syria', 'ISIS', 'Raqqa'],
    categories: ['Middle East'],
    images: [{ url: 'https://images.jpost.com/image/upload/raqqa.jpg', caption: 'A fighter of Syrian Democratic Forces stands amidst the ruins of buildings near the Clock Square in Raqqa, Syria October 18, 2017.', credit: 'REUTERS/ERIK DE CASTRO' }],
    body: [
      ...body('Russian forces entered Raqqa according to a Russian TV channel and other reports. The Russian forces on trucks gave out humanitarian aid, according to video at RT.',
        'US policy in Syria was once about defeating ISIS and stabilizing the area. But unlike Russia or Iran, the US never saw a long-term commitment.',
        'Seth J. Frantzman saw more than 200 people 🙂 queue in Tel Abyad, where the Syrian Democratic Forces and Médecins Sans Frontières run clinics.'),
      { kind: 'heading', text: 'What comes next' },
      { kind: 'quote', text: 'We are here to help the people of Raqqa.' },
      { kind: 'list_item', text: 'Humanitarian aid' },
      { kind: 'list_item', text: 'Reconstruction' },
      { kind: 'preformatted', text: 'raqqa  2017-10-17  liberated' },
    ],
    provenance: [{ input: 'examples/pages/jpost-raqqa-2019-12-09.txt', locator: '0', url: null, fetched: null }],
  },
  {
    id: 2,
    title: 'Asian markets mixed as investors watch US-China trade talks',
    description: 'Stocks in Asia were mixed on Monday.',
    site_name: 'CNN',
    url: 'https://edition.cnn.com/2019/11/18/investing/asian-markets/index.html',
    language: 'en',
    authors: ['Laura He'],
    published: '2019-11-18T03:12:00Z',
    modified: '2019-11-18T05:00:00Z',
    tags: ['markets'],
    categories: [],
    images: [],
    body: body('Asian markets were mixed on Monday as investors watched trade talks between the US and China.', 'Hong Kong stocks rose after a week of protests.'),
    provenance: [{ input: 'examples/pages/cnn-asian-markets-2019-11-18.html.gz', locator: null, url: null, fetched: null }],
  },
  {
    id: 3,
    title: 'Google Stadia launches to mixed reviews',
    description: 'The cloud gaming service arrives.',
    site_name: 'WSJ',
    url: 'https://www.wsj.com/articles/google-stadia-11574172000',
    language: 'en',
    authors: ['Sarah E. Needleman'],
    published: '2019-11-19T14:00:00',
    modified: null,
    tags: [],
    categories: ['Tech'],
    images: [],
    body: body('Google launched Stadia, its cloud gaming service, on Tuesday.', 'Reviews were mixed and the markets shrugged.'),
    provenance: [{ input: 'examples/pages/wsj-google-stadia-2019-11-19.html.gz', locator: null, url: null, fetched: null }],
  },
  {
    id: 4,
    title: 'Germany’s Weizsäcker stabbed to death in Berlin',
    description: 'Son of former German president killed.',
    site_name: 'The Jerusalem Post',
    url: 'https://www.jpost.com/International/weizsacker-610000',
    language: 'en',
    authors: [],
    published: '2019-11-20T10:00:00',
    modified: null,
    tags: [],
    categories: [],
    images: [],
    body: body('Fritz von Weizsäcker 🕯️ was stabbed to death during a lecture in Berlin.'),
    provenance: [{ input: 'examples/pages/jpost-weizsacker-2019-11-20.html.gz', locator: null, url: null, fetched: null }],
  },
  {
    id: 5,
    title: `Hostile headline ${XSS.img} ${XSS.script}`,
    description: `Standfirst ${XSS.svg} zanzibarcanary`,
    site_name: `Evil ${XSS.script}`,
    url: XSS.js,
    language: 'en',
    authors: [`Mallory ${XSS.img}`],
    published: '2020-03-02T08:00:00',
    modified: null,
    tags: [`tag ${XSS.svg}`],
    categories: [],
    images: [{ url: XSS.js, caption: `Caption ${XSS.img}`, credit: `Credit ${XSS.script}` }],
    body: body(`First paragraph zanzibarcanary ${XSS.img} and more text.`, `Second paragraph ${XSS.script}`, `Third ${XSS.svg} ${XSS.js}`),
    provenance: [{ input: 'e2e/fixtures/xss.html', locator: null, url: XSS.js, fetched: null }],
    cluster: [5, 6],
  },
  {
    id: 6,
    title: `Hostile headline copy ${XSS.img}`,
    description: null,
    site_name: `Evil ${XSS.script}`,
    url: 'https://evil.example/copy',
    language: 'en',
    authors: [],
    published: '2020-03-02T09:00:00',
    modified: null,
    tags: [],
    categories: [],
    images: [],
    body: body(`First paragraph zanzibarcanary ${XSS.img} and more text.`),
    provenance: [{ input: 'e2e/fixtures/xss-copy.html', locator: null, url: null, fetched: null }],
    cluster: [5, 6],
  },
];

for (const a of ARTICLES) a.text = a.body.map((b) => b.text).join('\n\n');

// Enrichment, as `dateline ingest` stores it: places, people and
// organisations, and quantities found in `text`, with offsets in Unicode code
// points (the emoji before "Tel Abyad" and "Berlin" take two UTF-16 units
// each, so UTF-16 offsets would be off). Article 3 has none, like an article
// stored without enrichment.

const PLACES = {
  raqqa: { geonames_id: 172955, name: 'Ar Raqqah', country_code: 'SY', feature_class: 'P', kind: 'city', lat: 35.95, lon: 39.01 },
  telAbyad: { geonames_id: 163270, name: 'Tall Abyad', country_code: 'SY', feature_class: 'P', kind: 'city', lat: 36.7, lon: 38.95 },
  syria: { geonames_id: 163843, name: 'Syria', country_code: 'SY', feature_class: 'A', kind: 'country', lat: 35, lon: 38 },
  russia: { geonames_id: 2017370, name: 'Russia', country_code: 'RU', feature_class: 'A', kind: 'country', lat: 60, lon: 100 },
  iran: { geonames_id: 130758, name: 'Iran', country_code: 'IR', feature_class: 'A', kind: 'country', lat: 32, lon: 53 },
  us: { geonames_id: 6252001, name: 'United States', country_code: 'US', feature_class: 'A', kind: 'country', lat: 39.83, lon: -98.58 },
  china: { geonames_id: 1814991, name: 'China', country_code: 'CN', feature_class: 'A', kind: 'country', lat: 35, lon: 105 },
  hongKong: { geonames_id: 1819729, name: 'Hong Kong', country_code: 'HK', feature_class: 'P', kind: 'city', lat: 22.28, lon: 114.17 },
  berlin: { geonames_id: 2950159, name: 'Berlin', country_code: 'DE', feature_class: 'P', kind: 'capital', lat: 52.52, lon: 13.41 },
  hostile: { geonames_id: 4000000666, name: `Evil place ${XSS.img}`, country_code: XSS.svg, feature_class: 'L', kind: XSS.script, lat: -6.16, lon: 39.19 },
};

// [surface, what it is]; every whole-word occurrence of the surface is annotated.
const ENRICHMENT = {
  1: [
    ['Raqqa', { place: PLACES.raqqa }],
    ['Russia', { place: PLACES.russia }],
    ['Syria', { place: PLACES.syria }],
    ['Iran', { place: PLACES.iran }],
    ['US', { place: PLACES.us }],
    ['Tel Abyad', { place: PLACES.telAbyad }],
    ['Seth J. Frantzman', { entity: { name: 'Seth J. Frantzman', kind: 'person' } }],
    ['ISIS', { entity: { name: 'Islamic State', kind: 'organization' } }],
    ['Syrian Democratic Forces', { entity: { name: 'Syrian Democratic Forces', kind: 'organization' } }],
    ['Médecins Sans Frontières', { entity: { name: 'Médecins Sans Frontières', kind: 'organization' } }],
    ['more than 200 people', { quantity: { value: 200, unit: 'people', qualifier: 'more than', category: 'people' } }],
  ],
  2: [
    ['US', { place: PLACES.us }],
    ['China', { place: PLACES.china }],
    ['Hong Kong', { place: PLACES.hongKong }],
  ],
  4: [
    ['Fritz von Weizsäcker', { entity: { name: 'Fritz von Weizsäcker', kind: 'person' } }],
    ['Berlin', { place: PLACES.berlin }],
  ],
  5: [
    ['zanzibarcanary', { place: PLACES.hostile }],
    ['First', { entity: { name: `Mallory "the" ${XSS.img}`, kind: 'person' } }],
    ['Second paragraph', { entity: { name: `Org ${XSS.svg}`, kind: 'organization' } }],
    ['Third', { quantity: { value: 3, unit: XSS.img, qualifier: XSS.script, category: XSS.svg } }],
  ],
};

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Code point [start, end) of every whole-word occurrence of `surface` in `text`. */
function occurrences(text, surface) {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(surface)}(?![\\p{L}\\p{N}])`, 'gu');
  return [...text.matchAll(re)].map((m) => {
    const start = Array.from(text.slice(0, m.index)).length;
    return [start, start + Array.from(surface).length];
  });
}

function enrich(a, annotations) {
  a.places = [];
  a.entities = [];
  a.quantities = [];
  for (const [surface, what] of annotations) {
    for (const [start, end] of occurrences(a.text, surface)) {
      if (what.place) a.places.push({ ...what.place, surface, start, end, mention: 'name', confidence: 0.9 });
      if (what.entity) a.entities.push({ ...what.entity, surface, start, end });
      if (what.quantity) a.quantities.push({ text: surface, ...what.quantity, start, end });
    }
  }
  for (const list of [a.places, a.entities, a.quantities]) list.sort((x, y) => x.start - y.start);
  const mentions = new Map();
  for (const p of a.places) mentions.set(p.geonames_id, { place: p, mentions: (mentions.get(p.geonames_id)?.mentions || 0) + 1 });
  const top = Math.max(1, ...[...mentions.values()].map((m) => m.mentions));
  a.focus = [...mentions.values()].sort((x, y) => y.mentions - x.mentions).map(({ place, mentions: n }) => ({
    name: place.name, geonames_id: place.geonames_id, country_code: place.country_code, kind: place.kind,
    lat: place.lat, lon: place.lon, mentions: n, score: n / top,
  }));
}

for (const a of ARTICLES) if (ENRICHMENT[a.id]) enrich(a, ENRICHMENT[a.id]);

const lower = (s) => (s || '').toLowerCase();
const hostOf = (u) => {
  try {
    const url = new URL(u);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
};
const words = (s) => lower(s).match(/[\p{L}\p{N}]+/gu) || [];

function parseQuery(q) {
  const terms = [];
  const re = /(-?)(?:(site|author|tag|title|lang|place|country|person|org):)?(?:"([^"]*)"?|(\S+))/gi;
  let m;
  while ((m = re.exec(q))) {
    const text = m[3] ?? m[4] ?? '';
    if (text === 'OR') continue;
    terms.push({ neg: m[1] === '-', field: m[2] ? m[2].toLowerCase() : null, text: lower(text) });
  }
  return terms;
}

function fieldText(a, field) {
  switch (field) {
    case 'site': return `${hostOf(a.url) || ''} ${a.site_name || ''}`;
    case 'author': return a.authors.join(' ');
    case 'tag': return a.tags.join(' ');
    case 'title': return a.title;
    case 'lang': return a.language;
    case 'place': return (a.places || []).flatMap((p) => [p.name, p.surface]).join(' | ');
    case 'person': return entityNames(a, 'person').join(' | ');
    case 'org': return entityNames(a, 'organization').join(' | ');
    default: return [a.title, a.description, a.text, a.authors.join(' '), a.tags.join(' ')].join(' ');
  }
}

function entityNames(a, kind) {
  return (a.entities || []).filter((e) => e.kind === kind).map((e) => e.name);
}

function matches(a, term) {
  if (term.field === 'place' && /^\d+$/.test(term.text)) return (a.places || []).some((p) => String(p.geonames_id) === term.text);
  if (term.field === 'country') return (a.places || []).some((p) => lower(p.country_code) === term.text);
  const hay = fieldText(a, term.field);
  if (term.field === 'site') return lower(hay).includes(term.text);
  const want = words(term.text);
  if (want.length === 0) return true;
  return lower(words(hay).join(' ')).includes(want.join(' '));
}

function dayNumber(s) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(s);
  return m ? Date.UTC(+m[1], (+m[2] || 1) - 1, +m[3] || 1) / 86400000 : NaN;
}

function bound(s, end) {
  if (!s) return null;
  if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s)) throw new Error(`"${s}" is not a date (use 2019, 2019-12 or 2019-12-09)`);
  if (!end) return dayNumber(s);
  const parts = s.split('-').map(Number);
  if (parts.length === 1) return Date.UTC(parts[0] + 1, 0, 1) / 86400000 - 1;
  if (parts.length === 2) return Date.UTC(parts[0], parts[1], 1) / 86400000 - 1;
  return dayNumber(s);
}

function bucketKey(day, interval) {
  const d = new Date(day * 86400000);
  const iso = d.toISOString().slice(0, 10);
  if (interval === 'day') return iso;
  if (interval === 'week') return new Date((day - ((d.getUTCDay() + 6) % 7)) * 86400000).toISOString().slice(0, 10);
  if (interval === 'month') return iso.slice(0, 7);
  return iso.slice(0, 4);
}

function select(params) {
  const q = params.get('q') || '';
  const terms = parseQuery(q);
  const from = bound(params.get('from'), false);
  const to = bound(params.get('to'), true);
  const lang = params.get('lang');
  // One representative per cluster, like the real index.
  return ARTICLES.filter((a) => !(a.cluster && a.cluster[0] !== a.id)).filter((a) => {
    for (const t of terms) if (matches(a, t) === t.neg) return false;
    const day = a.published ? dayNumber(a.published) : NaN;
    if (from !== null && !(day >= from)) return false;
    if (to !== null && !(day <= to)) return false;
    if (lang && lower(a.language).slice(0, 2) !== lower(lang).slice(0, 2)) return false;
    return true;
  }).map((a) => ({ a, terms }));
}

function snippetOf(a, terms) {
  const text = Array.from(a.text.replace(/\s+/g, ' '));
  const want = terms.filter((t) => !t.neg && (!t.field || t.field === 'title')).flatMap((t) => words(t.text));
  const snippet = text.slice(0, 200).join('');
  const chars = Array.from(snippet);
  const highlights = [];
  const re = /[\p{L}\p{N}]+/gu;
  let m;
  const str = snippet;
  while ((m = re.exec(str))) {
    if (want.includes(lower(m[0]))) {
      const start = Array.from(str.slice(0, m.index)).length;
      highlights.push([start, start + Array.from(m[0]).length]);
    }
  }
  return { snippet: chars.join(''), highlights };
}

function facetCounts(values) {
  const counts = new Map();
  for (const v of values) if (v) counts.set(v, (counts.get(v) || 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count }))
    .sort((x, y) => y.count - x.count || (x.value < y.value ? -1 : 1)).slice(0, 20);
}

const unique = (values) => [...new Set(values)];

/** The places named in `articles`, with how many of them name each, most first. */
function placeCounts(articles) {
  const counts = new Map();
  for (const a of articles) {
    for (const p of unique((a.places || []).map((x) => x.geonames_id))) {
      const place = a.places.find((x) => x.geonames_id === p);
      const { geonames_id, name, country_code, kind, lat, lon } = place;
      counts.set(p, { geonames_id, name, country_code, kind, lat, lon, count: (counts.get(p)?.count || 0) + 1 });
    }
  }
  return [...counts.values()].sort((x, y) => y.count - x.count || x.geonames_id - y.geonames_id).slice(0, 200);
}

function histogram(list, interval) {
  const counts = new Map();
  for (const { a } of list) {
    if (!a.published) continue;
    const key = bucketKey(dayNumber(a.published), interval);
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  return { interval, buckets: [...counts].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([key, count]) => ({ key, count })) };
}

function clusterOf(a) {
  return a.cluster || [a.id];
}

function search(params) {
  const started = process.hrtime.bigint();
  const list = select(params);
  const q = params.get('q') || '';
  const limit = Math.min(Number(params.get('limit')) || 10, 1000);
  const offset = Number(params.get('offset')) || 0;
  list.sort((x, y) => lower(y.a.published).localeCompare(lower(x.a.published)));
  const hits = list.slice(offset, offset + limit).map(({ a, terms }) => ({
    id: a.id, title: a.title, url: a.url, site_name: a.site_name, published: a.published,
    language: a.language, authors: a.authors, ...snippetOf(a, terms), score: 1.5, cluster_size: clusterOf(a).length,
  }));
  const out = { query: q, total: list.length, offset, limit, took_ms: 0, hits };
  if (params.get('facets') === 'true') {
    out.facets = {
      sites: facetCounts(list.map(({ a }) => hostOf(a.url))),
      languages: facetCounts(list.map(({ a }) => a.language)),
      months: histogram(list, 'month').buckets.map((b) => ({ value: b.key, count: b.count })),
      authors: facetCounts(list.flatMap(({ a }) => a.authors)),
      tags: facetCounts(list.flatMap(({ a }) => a.tags)),
      countries: facetCounts(list.flatMap(({ a }) => unique((a.places || []).map((p) => p.country_code)))),
      people: facetCounts(list.flatMap(({ a }) => unique(entityNames(a, 'person')))),
      organizations: facetCounts(list.flatMap(({ a }) => unique(entityNames(a, 'organization')))),
    };
    out.places = placeCounts(list.map(({ a }) => a));
  }
  const interval = params.get('histogram');
  if (interval) out.histogram = histogram(list, interval);
  out.took_ms = Number(process.hrtime.bigint() - started) / 1e6;
  return out;
}

function article(id) {
  const a = ARTICLES.find((x) => x.id === id);
  if (!a) return null;
  const { cluster, ...rest } = a;
  const members = clusterOf(a);
  return {
    ...rest,
    cluster_id: members[0],
    cluster_size: members.length,
    duplicates: members.length > 1 ? members.map((m) => {
      const d = ARTICLES.find((x) => x.id === m);
      return { id: d.id, title: d.title, site_name: d.site_name, urls: [d.url], representative: d.id === members[0] };
    }) : [],
  };
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

function send(res, status, type, data) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(data);
}

function json(res, status, value) {
  send(res, status, 'application/json', JSON.stringify(value));
}

let apiUpstream = null;

function proxy(req, res) {
  const target = new URL(req.url, apiUpstream);
  const upstream = http.request(target, { method: req.method, headers: { accept: 'application/json' } }, (answer) => {
    res.writeHead(answer.statusCode, { 'Content-Type': answer.headers['content-type'] || 'application/json', 'Cache-Control': 'no-store' });
    answer.pipe(res);
  });
  upstream.on('error', (err) => json(res, 502, { error: `upstream: ${err.message}` }));
  upstream.end();
}

function handle(req, res) {
  const url = new URL(req.url, 'http://localhost');
  const p = url.pathname;
  if (apiUpstream && (p.startsWith('/api/') || p === '/openapi.json')) return proxy(req, res);
  try {
    if (p === '/' || /^\/(article|place)\/\d+$/.test(p)) {
      return send(res, 200, TYPES['.html'], fs.readFileSync(path.join(assetsDir, 'index.html')));
    }
    const asset = /^\/assets\/([\w.-]+)$/.exec(p);
    if (asset) {
      const file = path.join(assetsDir, asset[1]);
      if (!fs.existsSync(file)) return json(res, 404, { error: `no asset ${asset[1]}` });
      return send(res, 200, TYPES[path.extname(file)] || 'application/octet-stream', fs.readFileSync(file));
    }
    if (p === '/api/search') return json(res, 200, search(url.searchParams));
    if (p === '/api/histogram') {
      const list = select(url.searchParams);
      return json(res, 200, histogram(list, url.searchParams.get('interval') || 'month'));
    }
    const art = /^\/api\/articles\/(\d+)$/.exec(p);
    if (art) {
      const a = article(Number(art[1]));
      return a ? json(res, 200, a) : json(res, 404, { error: `no article ${art[1]}` });
    }
    const place = /^\/api\/places\/([^/]+)$/.exec(p);
    if (place) {
      if (!/^\d{1,10}$/.test(place[1])) return json(res, 400, { error: `"${place[1]}" is not a GeoNames id` });
      const found = placeCounts(select(new URLSearchParams({ q: `place:${place[1]}` })).map(({ a }) => a))
        .find((x) => String(x.geonames_id) === place[1]);
      if (!found) return json(res, 404, { error: `no article names place ${place[1]}` });
      const { count, ...rest } = found;
      return json(res, 200, { ...rest, articles: count });
    }
    if (p === '/api/stats') {
      return json(res, 200, { articles: ARTICLES.length, clusters: ARTICLES.length - 1, duplicates: 1, distinct_texts: 5, by_site: [], by_month: [], by_language: [], indexed: ARTICLES.length });
    }
    return json(res, 404, { error: `no route ${p}` });
  } catch (err) {
    return json(res, 400, { error: err.message });
  }
}

export function startMock(port = 0) {
  return new Promise((resolve) => {
    const server = http.createServer(handle);
    server.listen(port, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--api');
  if (at >= 0) {
    apiUpstream = args[at + 1];
    args.splice(at, 2);
  }
  const port = args[0] !== undefined ? Number(args[0]) : 8099;
  startMock(port).then(({ url }) => console.log(`mock Dateline server at ${url}`));
}
