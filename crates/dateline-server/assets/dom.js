// DOM helpers of the Dateline web UI: the only way its modules build
// nodes.
//
// Security rule: everything that comes from the API is untrusted text. It
// only ever reaches the page through textContent, text nodes (Node.append
// of a string) or attributes set by `el`/`svgEl`, whose `href`/`src` values
// pass `safeHref`/`httpUrl`. Nothing uses innerHTML, outerHTML,
// insertAdjacentHTML or document.write.

const SVG_NS = 'http://www.w3.org/2000/svg';

export const $ = (id) => document.getElementById(id);

/** An absolute http(s) URL as a normalized string, or null. */
export function httpUrl(value) {
  if (typeof value !== 'string' || value.trim() === '') return null;
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href;
}

/** A link target we allow: an http(s) URL or a same-site path ("/..." but not "//..."). */
export function safeHref(value) {
  if (typeof value !== 'string') return null;
  if (/^\/(?![/\\])/.test(value) && !/[\u0000-\u001f]/.test(value)) return value;
  return httpUrl(value);
}

/** Sets attributes; href and src only when safe, event handlers never as attributes. */
function setAttrs(node, attrs) {
  if (!attrs) return;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.setAttribute('class', value);
    else if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (/^on/i.test(key)) continue;
    else if (key === 'href' || key === 'src') {
      const safe = key === 'href' ? safeHref(value) : httpUrl(value);
      if (safe) node.setAttribute(key, safe);
    } else node.setAttribute(key, value === true ? '' : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Creates an HTML element; string children become text nodes. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  return append(node, children);
}

/** Creates an SVG element. */
export function svgEl(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  return append(node, children);
}

