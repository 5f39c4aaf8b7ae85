// The child count over the last hours as inline SVG: a step line of the count at the end of each minute, a band from
// the lowest to the highest count within each minute (a dip shorter than a minute still shows), and the spec's bounds.
// SVG attributes only (no inline styles: the page's Content-Security-Policy forbids them).

const NS = 'http://www.w3.org/2000/svg';
const H = 180, PAD_L = 36, PAD_R = 10, PAD_T = 12, PAD_B = 24;
const MINUTE = 60000;

function svg(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function spanText(ms) {
  const m = Math.round(ms / MINUTE);
  if (m < 90) return m + ' minute' + (m === 1 ? '' : 's');
  const h = Math.round(m / 6) / 10;
  return h + ' hours';
}

function hhmm(ms) {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

// history: the /history document; bounds: {min, max} of the spec's children rule (max may be null), or null;
// width: the width it is drawn at, in CSS pixels.
export function childChart(history, bounds, width) {
  const W = width || 640;
  const c = history.child_counts;
  const end = Date.parse(history.now);
  const start = Math.min(Date.parse(c.from), end - MINUTE);
  const points = c.points.map((p) => ({ t: Date.parse(p.at), min: p.min, max: p.max, last: p.last }));
  let top = Math.max(c.before, history.child_count, 1);
  for (const p of points) top = Math.max(top, p.max);
  if (bounds) top = Math.max(top, bounds.min, bounds.max ?? 0);
  top = Math.ceil(top * 1.15) || 1;

  const x = (t) => PAD_L + (W - PAD_L - PAD_R) * (Math.min(Math.max(t, start), end) - start) / (end - start);
  const y = (v) => PAD_T + (H - PAD_T - PAD_B) * (1 - v / top);

  const lowest = Math.min(c.before, ...points.map((p) => p.min));
  const highest = Math.max(c.before, ...points.map((p) => p.max));
  const span = spanText(end - start);
  const summary = points.length === 0
    ? 'Child count over the last ' + span + ': ' + history.child_count + ' throughout'
    : 'Child count over the last ' + span + ': between ' + lowest + ' and ' + highest + ', now ' + history.child_count
      + ' (' + points.length + ' minute' + (points.length === 1 ? '' : 's') + ' with changes)';

  const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'chart', role: 'img', 'aria-label': summary });
  root.appendChild(svg('title', {}, summary));

  // grid: 0, the top, and a line per hour
  root.appendChild(svg('line', { x1: PAD_L, x2: W - PAD_R, y1: y(0), y2: y(0), class: 'axis' }));
  root.appendChild(svg('text', { x: PAD_L - 6, y: y(0) + 4, class: 'tick-label', 'text-anchor': 'end' }, '0'));
  root.appendChild(svg('text', { x: PAD_L - 6, y: y(top) + 8, class: 'tick-label', 'text-anchor': 'end' }, String(top)));
  // a grid line every 1, 5, 10, 30, 60 or 120 minutes: as many as fit, at most 6 (3 on a phone)
  const most = W < 480 ? 3 : 6;
  const step = [1, 5, 10, 30, 60, 120].map((m) => m * MINUTE).find((st) => (end - start) / st <= most) || 120 * MINUTE;
  const firstTick = Math.ceil(start / step) * step;
  for (let t = firstTick; t < end - step / 6; t += step) {
    root.appendChild(svg('line', { x1: x(t), x2: x(t), y1: PAD_T, y2: y(0), class: 'grid' }));
    // a time label too close to "now" would run into it: the line stays, the label goes
    if (W - PAD_R - x(t) >= 56) {
      root.appendChild(svg('text', { x: x(t), y: H - 6, class: 'tick-label', 'text-anchor': 'middle' }, hhmm(t)));
    }
  }
  root.appendChild(svg('text', { x: W - PAD_R, y: H - 6, class: 'tick-label', 'text-anchor': 'end' }, 'now'));

  if (bounds) {
    root.appendChild(svg('line', { x1: PAD_L, x2: W - PAD_R, y1: y(bounds.min), y2: y(bounds.min), class: 'bound' }));
    root.appendChild(svg('text', { x: W - PAD_R - 2, y: y(bounds.min) - 4, class: 'bound-label', 'text-anchor': 'end' },
      'min ' + bounds.min));
    if (bounds.max !== null && bounds.max !== undefined) {
      root.appendChild(svg('line', { x1: PAD_L, x2: W - PAD_R, y1: y(bounds.max), y2: y(bounds.max), class: 'bound' }));
      root.appendChild(svg('text', { x: W - PAD_R - 2, y: y(bounds.max) - 4, class: 'bound-label', 'text-anchor': 'end' },
        'max ' + bounds.max));
    }
  }

  // the band of each minute with changes
  for (const p of points) {
    if (p.max === p.min) continue;
    const band = svg('rect', { x: x(p.t), y: y(p.max), width: Math.max(2, x(p.t + MINUTE) - x(p.t)),
      height: Math.max(1, y(p.min) - y(p.max)), class: 'band' });
    band.appendChild(svg('title', {}, hhmm(p.t) + ': between ' + p.min + ' and ' + p.max + ', then ' + p.last));
    root.appendChild(band);
  }

  // the step line: the count carried from the start, changing at each minute with changes
  let d = 'M' + x(start).toFixed(1) + ' ' + y(c.before).toFixed(1);
  let value = c.before;
  for (const p of points) {
    const px = x(p.t).toFixed(1);
    d += ' H' + px + ' V' + y(p.last).toFixed(1);
    value = p.last;
  }
  d += ' H' + x(end).toFixed(1);
  if (value !== history.child_count) d += ' V' + y(history.child_count).toFixed(1);
  root.appendChild(svg('path', { d, class: 'line' }));
  return root;
}
