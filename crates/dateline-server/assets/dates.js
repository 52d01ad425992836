// Dates of the Dateline web UI: the written dates of the API formatted
// without time zone shifting, and the timeline's buckets (day, week, month,
// year) as keys, day numbers and labels.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];
const DAY_MS = 86400000;

/** "2019-12-09..." -> {y, m, d} (the written date, no time zone shifting). */
function dateParts(text) {
  const m = typeof text === 'string' && /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(text);
  if (!m) return null;
  return { y: Number(m[1]), m: m[2] ? Number(m[2]) : null, d: m[3] ? Number(m[3]) : null };
}

export function formatDate(text, long = false) {
  const p = dateParts(text);
  if (!p) return typeof text === 'string' ? text : '';
  const months = long ? MONTHS_LONG : MONTHS;
  if (p.m === null || p.m < 1 || p.m > 12) return String(p.y);
  if (p.d === null) return `${months[p.m - 1]} ${p.y}`;
  return `${p.d} ${months[p.m - 1]} ${p.y}`;
}

export function formatDateTime(text) {
  const date = formatDate(text, true);
  const m = typeof text === 'string' && /T(\d{2}):(\d{2})/.exec(text);
  if (!m || (m[1] === '00' && m[2] === '00' && !/[+-]\d{2}:?\d{2}$|Z$/.test(text))) return date;
  return `${date}, ${m[1]}:${m[2]}`;
}

/** Day number (days since 1970-01-01) of "YYYY[-MM[-DD]]", first day of the period. */
export function dayNumber(key) {
  const p = dateParts(key);
  if (!p) return NaN;
  return Date.UTC(p.y, (p.m || 1) - 1, p.d || 1) / DAY_MS;
}

function dayKey(n) {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The first day after the bucket that starts at `key`. */
export function bucketEnd(key, interval) {
  const p = dateParts(key);
  if (!p) return NaN;
  switch (interval) {
    case 'day': return dayNumber(key) + 1;
    case 'week': return dayNumber(key) + 7;
    case 'month': return Date.UTC(p.y, p.m, 1) / DAY_MS;
    default: return Date.UTC(p.y + 1, 0, 1) / DAY_MS;
  }
}

/** The key of the bucket after `key`. */
export function nextKey(key, interval) {
  const p = dateParts(key);
  switch (interval) {
    case 'day': return dayKey(dayNumber(key) + 1);
    case 'week': return dayKey(dayNumber(key) + 7);
    case 'month': return p.m === 12 ? `${p.y + 1}-01` : `${p.y}-${String(p.m + 1).padStart(2, '0')}`;
    default: return String(p.y + 1);
  }
}

/** from/to filter values that select exactly one bucket. */
export function bucketRange(key, interval) {
  if (interval === 'week') return { from: key, to: dayKey(dayNumber(key) + 6) };
  return { from: key, to: key };
}

export function bucketLabel(key, interval) {
  if (interval === 'week') return `Week of ${formatDate(key)}`;
  if (interval === 'year') return key;
  return formatDate(key, interval === 'month');
}

/** Day buckets merged into weeks starting on Monday. */
export function weeksFromDays(buckets) {
  const weeks = new Map();
  for (const b of buckets) {
    const day = dayNumber(b.key);
    if (!Number.isFinite(day)) continue;
    const monday = day - ((new Date(day * DAY_MS).getUTCDay() + 6) % 7);
    const key = dayKey(monday);
    weeks.set(key, (weeks.get(key) || 0) + b.count);
  }
  return [...weeks].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([key, count]) => ({ key, count }));
}
