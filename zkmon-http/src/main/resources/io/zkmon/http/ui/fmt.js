// Small helpers shared by the views: elements, numbers, times, links.
// Every text from the server goes through textContent, never innerHTML: paths and messages come from ZooKeeper.

export const $ = (id) => document.getElementById(id);

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

export function button(text, cls, onClick, label) {
  const b = el('button', cls, text);
  b.type = 'button';
  if (label) b.setAttribute('aria-label', label);
  if (onClick) b.addEventListener('click', onClick);
  return b;
}

export function fmtCount(n) {
  return Number(n).toLocaleString('en-US');
}

export function fmtTime(iso) {
  const d = new Date(typeof iso === 'number' ? iso : Date.parse(iso));
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function fmtClock(ms) {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function fmtAge(ms) {
  let s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return s + 's';
  let m = Math.floor(s / 60); s %= 60;
  if (m < 60) return m + 'm ' + s + 's';
  let h = Math.floor(m / 60); m %= 60;
  if (h < 48) return h + 'h ' + m + 'm';
  return Math.floor(h / 24) + 'd ' + (h % 24) + 'h';
}

export function plural(n, one, many) {
  return fmtCount(n) + ' ' + (n === 1 ? one : many);
}

// The server's clock minus ours, so that "time left" agrees with the server's "now".
let skew = 0;
export function syncClock(serverNowIso) {
  const t = Date.parse(serverNowIso);
  if (!Number.isNaN(t)) skew = t - Date.now();
}
export function now() {
  return Date.now() + skew;
}

// A countdown kept current once a second by tickCountdowns(): "(1h 2m left)".
export function countdown(untilIso, prefix, suffix) {
  const s = el('span', 'countdown');
  s.dataset.until = String(Date.parse(untilIso));
  s.dataset.prefix = prefix || '';
  s.dataset.suffix = suffix === undefined ? ' left' : suffix;
  renderCountdown(s);
  return s;
}

function renderCountdown(s) {
  const left = Number(s.dataset.until) - now();
  s.textContent = left > 0 ? s.dataset.prefix + fmtAge(left) + s.dataset.suffix : s.dataset.prefix + 'now';
}

export function tickCountdowns() {
  for (const s of document.querySelectorAll('.countdown')) renderCountdown(s);
}

export function pathHref(path) {
  return '#/path/' + encodeURIComponent(path);
}

export function stateClass(state) {
  return 'st-' + String(state).toLowerCase();
}

export const STATE_WORDS = { OK: 'in spec', Error: 'out of spec', Unknown: 'unknown' };
