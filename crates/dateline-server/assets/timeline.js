// The timeline of the Dateline web UI: a bar chart of stories per day, week,
// month or year (chosen from the span of the dates on auto); a bar narrows the
// search to its dates. Redrawn when its box changes width.

import { $, svgEl } from './dom.js';
import { plural } from './text.js';
import { bucketEnd, bucketLabel, bucketRange, dayNumber, formatDate, nextKey, weeksFromDays } from './dates.js';
import { api } from './api.js';
import { app, filterParams, INTERVALS, searchUrl } from './state.js';
import { navigate } from './routing.js';

export async function renderTimeline(state, data, signal) {
  const section = $('timeline');
  const hist = await chooseTimeline(state, data, signal);
  if (!hist) {
    section.hidden = true;
    app.timeline = null;
    return;
  }
  section.hidden = false;
  const autoLabel = document.querySelector('input[name="interval"][value="auto"]').parentElement;
  autoLabel.lastChild.textContent = state.interval === 'auto' ? ` Auto (${hist.interval})` : ' Auto';
  showChart($('chart'), hist, state);
}

/**
 * The histogram to chart for a search answer ({interval, buckets}), or null
 * when there is nothing to chart. With the interval on auto, the search asked
 * for months; the bar width is then chosen from the span of the dates.
 */
export async function chooseTimeline(state, data, signal) {
  if (data.chosenTimeline) return data.chosenTimeline;
  let hist = data.histogram && Array.isArray(data.histogram.buckets) ? data.histogram : null;
  let interval = hist && INTERVALS.includes(hist.interval) ? hist.interval : (state.interval === 'auto' ? 'month' : state.interval);
  if (!hist || hist.buckets.length === 0 || (Number(data.total) || 0) === 0) return null;
  if (state.interval === 'auto') {
    const b = hist.buckets;
    const first = dayNumber(b[0].key);
    const last = dayNumber(b[b.length - 1].key);
    const widest = bucketEnd(b[b.length - 1].key, interval) - first;
    const narrowest = b.length === 1 ? 0 : last - bucketEnd(b[0].key, interval);
    if (narrowest <= 731 && widest > 0) {
      const days = await api(`/api/histogram?${filterParams(state)}&interval=day`, signal);
      const buckets = Array.isArray(days.buckets) ? days.buckets : [];
      if (buckets.length > 0) {
        const span = dayNumber(buckets[buckets.length - 1].key) - dayNumber(buckets[0].key);
        if (span <= 90) {
          hist = { interval: 'day', buckets };
          interval = 'day';
        } else if (span <= 730) {
          hist = { interval: 'week', buckets: weeksFromDays(buckets) };
          interval = 'week';
        }
      }
    }
  }
  // Kept with the cached answer: back and forward redraw without asking again.
  Object.defineProperty(data, 'chosenTimeline', { value: { interval, buckets: hist.buckets }, configurable: true });
  return data.chosenTimeline;
}

/** Draws `hist` into `box` and keeps it redrawn when the box's width changes. */
export function showChart(box, hist, state) {
  app.timeline = { hist, state, box, width: box.clientWidth };
  drawChart(app.timeline);
}

/** Slots from the first to the last bucket, empty ones included (when not too many). */
function slotsOf(buckets, interval) {
  const real = buckets.filter((b) => b && typeof b.key === 'string' && Number.isFinite(dayNumber(b.key)));
  if (real.length === 0) return [];
  const byKey = new Map(real.map((b) => [b.key, Number(b.count) || 0]));
  const slots = [];
  let key = real[0].key;
  const lastKey = real[real.length - 1].key;
  for (let i = 0; i < 2000; i++) {
    slots.push({ key, count: byKey.get(key) || 0, real: byKey.has(key) });
    if (key >= lastKey) break;
    key = nextKey(key, interval);
  }
  if (slots.length >= 2000 || slots.filter((s) => s.real).length !== real.length) {
    return real.map((b) => ({ key: b.key, count: Number(b.count) || 0, real: true }));
  }
  return slots;
}

function drawChart({ hist, state, box }) {
  box.replaceChildren();
  const interval = hist.interval;
  const slots = slotsOf(hist.buckets, interval);
  const width = Math.max(260, Math.round(box.clientWidth || 640));
  const height = 132;
  const pad = { left: 34, right: 8, top: 10, bottom: 24 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const max = Math.max(1, ...slots.map((s) => s.count));
  const step = plotW / Math.max(1, slots.length);
  const barW = Math.max(1, Math.min(48, step * (step > 4 ? 0.78 : 1)));
  const total = slots.reduce((n, s) => n + s.count, 0);
  const first = slots[0];
  const last = slots[slots.length - 1];
  const description = `${plural(total, 'story', 'stories')} by ${interval}, from ${bucketLabel(first.key, interval)} to ${bucketLabel(last.key, interval)}; the busiest ${interval} has ${max}.`;

  const svg = svgEl('svg', {
    class: 'chart-svg', viewBox: `0 0 ${width} ${height}`, width, height,
    role: 'group', 'aria-label': `Timeline: ${description}`, 'data-interval': interval,
  }, svgEl('desc', null, description));

  // Axes and scale.
  const baseY = pad.top + plotH;
  svg.append(
    svgEl('line', { class: 'axis', x1: pad.left, y1: baseY + 0.5, x2: width - pad.right, y2: baseY + 0.5 }),
    svgEl('line', { class: 'grid', x1: pad.left, y1: pad.top + 0.5, x2: width - pad.right, y2: pad.top + 0.5 }),
    svgEl('text', { class: 'tick', x: pad.left - 6, y: pad.top + 4, 'text-anchor': 'end', 'aria-hidden': 'true' }, String(max)),
    svgEl('text', { class: 'tick', x: pad.left - 6, y: baseY + 4, 'text-anchor': 'end', 'aria-hidden': 'true' }, '0'),
  );
  const tickLabels = slots.length === 1 ? [0] : [0, slots.length - 1];
  if (slots.length > 6 && plotW > 420) tickLabels.splice(1, 0, Math.floor((slots.length - 1) / 2));
  for (const i of tickLabels) {
    const x = pad.left + step * i + step / 2;
    const anchor = slots.length === 1 ? 'middle' : i === 0 ? 'start' : i === slots.length - 1 ? 'end' : 'middle';
    svg.append(svgEl('text', {
      class: 'tick', x: anchor === 'start' ? pad.left : anchor === 'end' ? width - pad.right : x,
      y: height - 6, 'text-anchor': anchor, 'aria-hidden': 'true',
    }, interval === 'week' ? formatDate(slots[i].key) : bucketLabel(slots[i].key, interval)));
  }

  const bars = svgEl('g', { class: 'bars', role: 'list', 'aria-label': `Stories per ${interval}` });
  let tabbable = null;
  slots.forEach((slot, i) => {
    if (!slot.real) return;
    const range = bucketRange(slot.key, interval);
    const active = state.from === range.from && state.to === range.to;
    const h = slot.count === 0 ? 0 : Math.max(2, Math.round((slot.count / max) * plotH));
    const x = pad.left + step * i + (step - barW) / 2;
    const label = `${bucketLabel(slot.key, interval)}: ${plural(slot.count, 'story', 'stories')}`;
    const bar = svgEl('g', {
      class: active ? 'bar active' : 'bar', role: 'listitem', tabindex: '-1',
      'aria-label': `${label}. Select to show only these.`, 'data-key': slot.key, 'data-count': slot.count,
    },
    svgEl('title', null, label),
    svgEl('rect', { class: 'bar-hit', x: pad.left + step * i, y: pad.top, width: Math.max(step, 1), height: plotH }),
    svgEl('rect', { class: 'bar-fill', x: x.toFixed(2), y: baseY - h, width: barW.toFixed(2), height: h, rx: barW > 6 ? 2 : 0 }));
    const go = () => navigate(searchUrl({ ...state, ...range, page: 1 }));
    bar.addEventListener('click', go);
    bar.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        go();
      } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft' || e.key === 'Home' || e.key === 'End') {
        e.preventDefault();
        const all = [...bars.querySelectorAll('.bar')];
        const at = all.indexOf(bar);
        let to = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : all.length - 1;
        to = Math.max(0, Math.min(all.length - 1, to));
        all[at].setAttribute('tabindex', '-1');
        all[to].setAttribute('tabindex', '0');
        all[to].focus();
      }
    });
    if (active || !tabbable) tabbable = bar;
    bars.append(bar);
  });
  if (tabbable) tabbable.setAttribute('tabindex', '0');
  svg.append(bars);
  box.append(svg);
}

/** Redraws the chart shown when its box changes width (window, phone rotation, scrollbar). */
export function watchChartWidth() {
  let timer = 0;
  const redraw = () => {
    const timeline = app.timeline;
    const w = timeline ? timeline.box.clientWidth : 0;
    if (w && w !== timeline.width) {
      timeline.width = w;
      drawChart(timeline);
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(redraw, 80);
  };
  if ('ResizeObserver' in window) new ResizeObserver(later).observe($('main'));
  else window.addEventListener('resize', later);
}
