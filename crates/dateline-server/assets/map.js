// The world map of the web UI: an SVG of country outlines with one circle
// per place, zoomed with the wheel or buttons and panned by dragging.
//
// The basemap is /assets/world.json (built by data/build_basemap.py from
// Natural Earth via world-atlas): one path in an equirectangular projection,
// x = (lon + 180) * scale and y = (90 - lat) * scale, so placing a point
// needs no library. Nothing here leaves the site.

import { el, svgEl } from './dom.js';

const MAX_ZOOM = 32;
const ZOOM_STEP = 2;
const DRAG_THRESHOLD_PX = 4;
const MARKER_PX = 6;

let worldPromise = null;
let clipIds = 0;
/** Maps on the page, so that a map replaced or removed stops watching its box. */
const live = new Set();

/** The basemap, or null when it cannot be read (the map is then left out). */
function loadWorld() {
  if (!worldPromise) {
    worldPromise = fetch('/assets/world.json', { headers: { Accept: 'application/json' } })
      .then((res) => (res.ok ? res.json() : null))
      .then((world) => (validWorld(world) ? world : null))
      .catch(() => null)
      .then((world) => {
        if (!world) worldPromise = null; // ask again next time
        return world;
      });
  }
  return worldPromise;
}

function validWorld(world) {
  return !!world && Number.isFinite(world.scale) && world.scale > 0 && typeof world.land === 'string'
    && Array.isArray(world.viewBox) && world.viewBox.length === 4 && world.viewBox.every(Number.isFinite)
    && world.viewBox[2] > 0 && world.viewBox[3] > 0;
}

/** Places with usable coordinates, most articles first (drawn first, so small circles stay on top). */
function drawable(places) {
  return (Array.isArray(places) ? places : [])
    .filter((p) => p && Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180)
    .sort((a, b) => (Number(b.count) || 0) - (Number(a.count) || 0));
}

/**
 * Draws a map of `places` into `box`, replacing what it held. Options:
 * `hrefOf(place)` a link for each circle (or null), `isActive(place)`,
 * `titleOf(place)` each circle's tooltip, `label` the map's accessible name,
 * `focus` {lat, lon, zoom} to start zoomed in on a point, `maxHeight` in px,
 * `signal` to give up when the view changed while the basemap loaded.
 * Resolves to whether a map was drawn (not without places or a basemap).
 */
export async function drawWorldMap(box, options) {
  const places = drawable(options.places);
  if (places.length === 0) return false;
  const world = await loadWorld();
  if (!world || (options.signal && options.signal.aborted)) return false;
  for (const old of live) {
    if (old.box === box || !old.box.isConnected) {
      old.stop();
      live.delete(old);
    }
  }
  live.add(new WorldMap(box, world, places, options));
  return true;
}

class WorldMap {
  constructor(box, world, places, options) {
    this.box = box;
    this.world = world;
    this.options = options;
    const [x0, y0, w0, h0] = world.viewBox;
    this.bounds = { x0, y0, w0, h0 };
    this.zoom = 1;
    this.center = { x: x0 + w0 / 2, y: y0 + h0 / 2 };
    if (options.focus && Number.isFinite(options.focus.lat) && Number.isFinite(options.focus.lon)) {
      this.center = this.project(options.focus.lat, options.focus.lon);
      this.zoom = Math.min(MAX_ZOOM, Math.max(1, Number(options.focus.zoom) || 1));
    }
    this.build(places);
    this.layout();
    this.observe();
  }

  project(lat, lon) {
    return { x: (lon + 180) * this.world.scale, y: (90 - lat) * this.world.scale };
  }

  build(places) {
    const { x0, y0, w0, h0 } = this.bounds;
    const clipId = `map-clip-${++clipIds}`;
    const max = Math.max(1, ...places.map((p) => Number(p.count) || 0));
    this.circles = places.map((p) => this.marker(p, max));
    this.svg = svgEl('svg', { class: 'map-svg', role: 'group', 'aria-label': this.options.label || 'Map' },
      svgEl('defs', null, svgEl('clipPath', { id: clipId }, svgEl('rect', { x: x0, y: y0, width: w0, height: h0 }))),
      svgEl('g', { 'clip-path': `url(#${clipId})` },
        svgEl('rect', { class: 'map-ocean', x: x0, y: y0, width: w0, height: h0 }),
        svgEl('path', { class: 'map-land', d: this.world.land }),
        svgEl('g', { class: 'map-places' }, this.circles.map((c) => c.node))));
    const button = (text, label, action) => el('button', { type: 'button', class: 'map-button', 'aria-label': label, title: label, onclick: action }, text);
    const controls = el('div', { class: 'map-controls' },
      button('+', 'Zoom in', () => this.zoomAt(ZOOM_STEP)),
      button('−', 'Zoom out', () => this.zoomAt(1 / ZOOM_STEP)),
      button('⟲', 'Show the whole map', () => this.reset()));
    this.box.replaceChildren(el('div', { class: 'map-frame' }, this.svg, controls));
    this.listen();
  }

  /** One place's circle, its area proportional to its count of articles. */
  marker(place, max) {
    const { x, y } = this.project(place.lat, place.lon);
    const count = Number(place.count);
    const share = Number.isFinite(count) && count > 0 ? Math.sqrt(count / max) : null;
    const title = this.options.titleOf ? this.options.titleOf(place) : String(place.name ?? '');
    const href = this.options.hrefOf ? this.options.hrefOf(place) : null;
    const active = this.options.isActive ? this.options.isActive(place) : false;
    const circle = svgEl('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 1 });
    const attrs = {
      class: active ? 'map-place active' : 'map-place',
      'data-id': Number.isInteger(place.geonames_id) ? place.geonames_id : null,
      'data-count': Number.isFinite(count) ? count : null,
    };
    const node = href
      ? svgEl('a', { ...attrs, href, 'data-nav': true, 'aria-label': title }, svgEl('title', null, title), circle)
      : svgEl('g', { ...attrs, role: 'img', 'aria-label': title }, svgEl('title', null, title), circle);
    return { node, circle, share };
  }

  /** Sizes the SVG to its box and sets the view box from the centre and zoom. */
  layout() {
    const width = this.box.clientWidth;
    if (!width) return;
    const { x0, y0, w0, h0 } = this.bounds;
    const maxHeight = this.options.maxHeight || 320;
    const height = Math.round(Math.min(width * (h0 / w0), maxHeight));
    this.width = width;
    this.height = height;
    this.pxPerUnit = Math.min(width / w0, height / h0) * this.zoom;
    const w = width / this.pxPerUnit;
    const h = height / this.pxPerUnit;
    // Keep the world in view: a view narrower than the world stays inside it.
    const clamp = (c, lo, span, view) => (view >= span ? lo + span / 2 : Math.min(lo + span - view / 2, Math.max(lo + view / 2, c)));
    this.center = { x: clamp(this.center.x, x0, w0, w), y: clamp(this.center.y, y0, h0, h) };
    this.svg.setAttribute('width', String(width));
    this.svg.setAttribute('height', String(height));
    this.svg.setAttribute('viewBox', [this.center.x - w / 2, this.center.y - h / 2, w, h].map((n) => n.toFixed(2)).join(' '));
    this.svg.classList.toggle('zoomed', this.zoom > 1);
    // Circles keep their size on screen whatever the zoom.
    const largest = Math.max(7, Math.min(16, width / 45));
    for (const { circle, share } of this.circles) {
      const px = share === null ? MARKER_PX : Math.max(3, largest * share);
      circle.setAttribute('r', (px / this.pxPerUnit).toFixed(2));
    }
  }

  /** Zooms by `factor`, keeping the point under (px, py) (default the middle) in place. */
  zoomAt(factor, px = this.width / 2, py = this.height / 2) {
    const zoom = Math.min(MAX_ZOOM, Math.max(1, this.zoom * factor));
    if (zoom === this.zoom || !this.pxPerUnit) return false;
    const before = this.pxPerUnit;
    const after = (before / this.zoom) * zoom;
    const dx = px - this.width / 2;
    const dy = py - this.height / 2;
    this.center = {
      x: this.center.x + dx / before - dx / after,
      y: this.center.y + dy / before - dy / after,
    };
    this.zoom = zoom;
    this.layout();
    return true;
  }

  reset() {
    const { x0, y0, w0, h0 } = this.bounds;
    this.zoom = 1;
    this.center = { x: x0 + w0 / 2, y: y0 + h0 / 2 };
    this.layout();
  }

  listen() {
    const svg = this.svg;
    svg.addEventListener('wheel', (e) => {
      const rect = svg.getBoundingClientRect();
      // Only a wheel turn that zooms is taken from the page's scrolling.
      if (this.zoomAt(Math.exp(-e.deltaY * 0.002), e.clientX - rect.left, e.clientY - rect.top)) e.preventDefault();
    }, { passive: false });
    let drag = null;
    let dragged = false;
    svg.addEventListener('pointerdown', (e) => {
      dragged = false;
      if (e.button === 0) drag = { id: e.pointerId, x: e.clientX, y: e.clientY, center: this.center, moved: false };
    });
    svg.addEventListener('pointermove', (e) => {
      if (!drag || e.pointerId !== drag.id) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (!drag.moved) {
        if (Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
        drag.moved = true;
        svg.setPointerCapture(e.pointerId);
        svg.classList.add('dragging');
      }
      this.center = { x: drag.center.x - dx / this.pxPerUnit, y: drag.center.y - dy / this.pxPerUnit };
      this.layout();
    });
    const end = () => {
      if (drag && drag.moved) dragged = true;
      drag = null;
      svg.classList.remove('dragging');
    };
    svg.addEventListener('pointerup', end);
    svg.addEventListener('pointercancel', end);
    // A drag that ends on a circle is not a click on it.
    svg.addEventListener('click', (e) => {
      if (!dragged) return;
      dragged = false;
      e.preventDefault();
      e.stopPropagation();
    }, true);
  }

  /** Follows the box's width (phone rotation, window resizing). */
  observe() {
    if (!('ResizeObserver' in window)) return;
    this.observer = new ResizeObserver(() => {
      if (this.box.clientWidth && this.box.clientWidth !== this.width) this.layout();
    });
    this.observer.observe(this.box);
  }

  stop() {
    if (this.observer) this.observer.disconnect();
  }
}
