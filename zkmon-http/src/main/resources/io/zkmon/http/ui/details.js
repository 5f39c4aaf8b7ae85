// One path in full, at #/path/<encoded path>: state and message, whether an alert is firing, silenced or waiting out
// its grace period, the spec in words, the children with the last that came and went, a chart of the child count,
// the recent state changes and deliveries. A link to paste into a ticket.

import { getJson, historyUrl, pathUrl } from './api.js';
import { $, button, countdown, el, fmtTime, plural, stateClass, STATE_WORDS } from './fmt.js';
import { childChart } from './chart.js';
import { mutationsAllowed, openSilenceDialog, toast } from './silences.js';

const CHILDREN_SHOWN = 200;

export async function loadDetails(path) {
  const [p, h] = await Promise.all([getJson(pathUrl(path)), getJson(historyUrl(path))]);
  return () => renderDetails(p, h);
}

export function renderMissing(path, error) {
  const box = $('details');
  const back = el('a', 'back', '← All paths');
  back.href = '#/';
  const h = el('h2', 'details-path', path);
  h.tabIndex = -1;
  box.replaceChildren(back, h, el('p', 'notice notice-error', error.status === 404
    ? 'This path is not watched (any more): ' + error.message
    : 'Cannot show this path: ' + error.message));
}

function renderDetails(p, h) {
  const box = $('details');
  const focused = document.activeElement && box.contains(document.activeElement) ? document.activeElement.id : null;
  const back = el('a', 'back', '← All paths');
  back.href = '#/';

  const head = el('div', 'details-head ' + stateClass(p.state));
  const title = el('h2', 'details-path', p.path);
  title.id = 'details-title';
  title.tabIndex = -1;
  const badge = el('span', 'badge', p.state);
  badge.title = STATE_WORDS[p.state];
  const actions = el('div', 'details-actions');
  if (mutationsAllowed()) {
    const silence = button('Silence this path…', 'btn', () => openSilenceDialog(p.path));
    silence.id = 'details-silence';
    actions.append(silence);
  }
  const copy = button('Copy link', 'btn', () => copyLink());
  copy.id = 'copy-link';
  actions.append(copy);
  head.append(badge, title, actions);

  const msg = el('p', 'details-message', p.message);
  msg.id = 'details-message';
  const since = el('p', 'small muted', STATE_WORDS[p.state] + ' since ' + fmtTime(p.since) + ' · last change ' + fmtTime(p.updated));

  const grid = el('div', 'details-grid');
  grid.append(alertCard(p), specCard(p.spec), chartCard(p, h), childrenCard(p, h), deliveriesCard(p), transitionsCard(h));
  box.replaceChildren(back, head, msg, since, grid);
  if (focused && $(focused)) $(focused).focus();
}

function card(title, id) {
  const c = el('section', 'card');
  if (id) c.id = id;
  c.append(el('h3', null, title));
  return c;
}

// ---- the alert: firing, silenced, waiting out the grace period, or nothing to send ----

function alertCard(p) {
  const c = card('Alert', 'alert-card');
  const status = el('p', 'alert-status');
  status.id = 'alert-status';
  const a = p.alert;
  const silence = p.silences.length ? p.silences.reduce((x, y) => (Date.parse(y.until) > Date.parse(x.until) ? y : x)) : null;
  if (silence) {
    status.className += ' alert-silenced';
    status.dataset.alert = 'silenced';
    status.append('Silenced until ' + fmtTime(silence.until) + ' (', countdown(silence.until), ') by ' + silence.author
      + ': ' + silence.comment + '. ');
    if (a && a.notified) status.append('An alert had gone out at ' + fmtTime(a.notified_at) + '. ');
    status.append(p.state === 'Error' ? 'Notifications that fall due meanwhile are sent when it ends, if still out of spec.'
      : 'Nothing is held back.');
    c.append(status, el('p', 'small muted', 'Matched by the silence of ' + silence.pattern + '.'));
  } else if (a && a.notified) {
    status.className += ' alert-firing';
    status.dataset.alert = 'firing';
    status.textContent = 'Firing: the alert went out at ' + fmtTime(a.notified_at) + ' to ' + alerters(p.spec) + '.';
    c.append(status);
  } else if (a && a.grace_ends_at && p.state === 'Error') {
    status.className += ' alert-pending';
    status.dataset.alert = 'pending';
    status.append('Waiting out its grace period (' + p.spec.cancel_timeout + '): the alert goes out at '
      + fmtTime(a.grace_ends_at) + ' (', countdown(a.grace_ends_at, 'in ', ''), ') unless it recovers.');
    c.append(status);
  } else if (p.state === 'Error' && p.spec.alerters.length === 0) {
    status.dataset.alert = 'none';
    status.textContent = 'Out of spec, but no alerter is configured for this path: it is only shown.';
    c.append(status);
  } else if (p.state === 'Error') {
    status.dataset.alert = 'none';
    status.textContent = 'Out of spec; this agent has no alert activity for it (another agent may be the one that sends).';
    c.append(status);
  } else if (p.state === 'Unknown') {
    status.dataset.alert = 'none';
    status.textContent = 'Unknown: nothing is known of this path right now, so nothing is sent for it.';
    c.append(status);
  } else {
    status.dataset.alert = 'none';
    status.textContent = 'In spec: nothing to send.';
    c.append(status);
  }
  return c;
}

function alerters(spec) {
  return spec.alerters.length ? spec.alerters.join(', ') : 'no alerter';
}

// ---- the spec in words ----

export function ruleText(r) {
  switch (r.type) {
    case 'children': {
      let t = r.max === null || r.max === undefined
        ? 'at least ' + plural(r.min, 'child', 'children')
        : r.min === r.max ? 'exactly ' + plural(r.min, 'child', 'children')
          : 'between ' + r.min + ' and ' + r.max + ' children';
      if (r.where) t += ' whose JSON data has ' + matcherText(r.where);
      return t;
    }
    case 'exists': return r.exists ? 'the node must exist' : 'the node must not exist';
    case 'data_regex': return 'its data must match /' + r.pattern + '/';
    case 'data_json': return 'its JSON data must have ' + matcherText(r.json);
    case 'data_max_age': return 'it must have been modified within ' + r.max_age;
    default: return r.type;
  }
}

function matcherText(m) {
  return Object.entries(m).map(([k, v]) => k + ' = ' + JSON.stringify(v)).join(', ');
}

function specCard(spec) {
  const c = card('Spec', 'spec-card');
  const rules = el('ul', 'rules');
  if (spec.rules.length === 0) rules.append(el('li', null, 'the node must exist (no other rule)'));
  for (const r of spec.rules) rules.append(el('li', null, ruleText(r)));
  const dl = el('dl', 'facts');
  const fact = (k, v) => { dl.append(el('dt', null, k)); const dd = el('dd'); dd.append(v); dl.append(dd); };
  fact('Grace period', spec.cancel_timeout === '0s' ? 'none: alerts at once' : spec.cancel_timeout + ' out of spec before alerting');
  fact('Repeat', spec.repeat_interval ? 'every ' + spec.repeat_interval + ' while out of spec' : 'no repeat');
  fact('Alerters', spec.alerters.length ? spec.alerters.join(', ') : 'none (shown only, never alerted)');
  fact('Severity', spec.severity);
  const labels = el('span', 'labels');
  for (const [k, v] of Object.entries(spec.labels || {})) {
    const chip = el('a', 'label-chip', k + '=' + v);
    chip.href = '#/?label=' + encodeURIComponent(k + '=' + v);
    chip.title = 'Every path with this label';
    labels.append(chip);
  }
  fact('Labels', labels.childNodes.length ? labels : 'none');
  c.append(rules, dl);
  const ann = Object.entries(spec.annotations || {});
  if (ann.length) {
    const adl = el('dl', 'facts annotations');
    for (const [k, v] of ann) {
      adl.append(el('dt', null, k));
      const dd = el('dd');
      if (/^https?:\/\//i.test(v)) {
        const a = el('a', null, v);
        a.href = v;
        a.rel = 'noopener noreferrer';
        a.target = '_blank';
        dd.append(a);
      } else {
        dd.textContent = v;
      }
      adl.append(dd);
    }
    c.append(el('h4', null, 'Annotations'), adl);
  }
  return c;
}

// ---- children ----

function childrenCard(p, h) {
  const c = card('Children (' + p.child_count + ')', 'children-card');
  const changes = el('dl', 'facts');
  changeFact(changes, 'Last added', h.last_added, 'last-added');
  changeFact(changes, 'Last removed', h.last_removed, 'last-removed');
  c.append(changes);
  if (!p.exists) {
    c.append(el('p', 'muted', 'The node does not exist.'));
  } else if (p.children.length === 0) {
    c.append(el('p', 'muted', 'No children.'));
  } else {
    const ul = el('ul', 'children');
    ul.id = 'children-list';
    for (const name of p.children.slice(0, CHILDREN_SHOWN)) ul.append(el('li', null, name));
    c.append(ul);
    if (p.children.length > CHILDREN_SHOWN) {
      c.append(el('p', 'small muted', 'The first ' + CHILDREN_SHOWN + ' of ' + p.children.length + ' are shown.'));
    }
  }
  return c;
}

function changeFact(dl, title, change, id) {
  dl.append(el('dt', null, title));
  const dd = el('dd');
  dd.id = id;
  if (!change) {
    dd.textContent = 'none since this agent’s HTTP server started';
    dd.className = 'muted';
  } else {
    const more = change.count > change.names.length ? ' and ' + (change.count - change.names.length) + ' more' : '';
    dd.append(el('span', 'names', change.names.join(', ') + more), el('span', 'small muted', ' at ' + fmtTime(change.at)));
  }
  dl.append(dd);
}

// ---- the chart ----

function chartCard(p, h) {
  const c = card('Child count', 'chart-card');
  const rule = p.spec.rules.find((r) => r.type === 'children');
  // drawn at the width it will have, so that its text keeps the page's size on a phone and on a wide screen
  const width = Math.max(280, Math.min(1600, $('details').clientWidth - 60));
  const chart = childChart(h, rule ? { min: rule.min, max: rule.max } : null, width);
  c.append(el('p', 'small', chart.getAttribute('aria-label') + '.'), chart,
    el('p', 'small muted', 'Kept in this agent’s memory for up to ' + Math.round(h.child_counts.window_minutes / 60)
      + ' hours since its HTTP server started; a band shows the lowest and highest count within a minute.'));
  return c;
}

// ---- history ----

function transitionsCard(h) {
  const c = card('Recent state changes', 'transitions-card');
  if (!h.transitions.length) {
    c.append(el('p', 'muted', 'No state change since this agent’s HTTP server started.'));
    return c;
  }
  const table = el('table', 'transitions');
  const head = el('tr');
  for (const t of ['When', 'Change', 'Message', 'Children']) head.append(el('th', null, t));
  table.append(el('thead'));
  table.tHead.append(head);
  const body = el('tbody');
  for (const t of [...h.transitions].reverse()) {
    const tr = el('tr', 'transition');
    const change = el('td', 'change');
    change.append(el('span', 'tag ' + stateClass(t.from), t.from), ' → ', el('span', 'tag ' + stateClass(t.to), t.to));
    tr.append(el('td', 'when nowrap', fmtTime(t.at)), change, el('td', 'msg', t.message), el('td', 'num', plural(t.child_count, 'child', 'children')));
    body.append(tr);
  }
  table.append(body);
  const wrap = el('div', 'table-wrap');
  wrap.append(table);
  c.append(wrap);
  return c;
}

function deliveriesCard(p) {
  const c = card('Deliveries', 'deliveries-card');
  const list = p.alert ? p.alert.deliveries : [];
  if (!list.length) {
    c.append(el('p', 'muted', 'No notification was sent for this path recently.'));
    return c;
  }
  const ul = el('ul', 'plain');
  for (const d of list) {
    const li = el('li');
    li.append(el('strong', null, d.alerter), ' ' + d.kind + ': ' + d.outcome + ' after ' + plural(d.attempts, 'attempt', 'attempts')
      + ' at ' + fmtTime(d.at));
    if (d.detail) li.append(el('div', 'small muted', d.detail));
    ul.append(li);
  }
  c.append(ul);
  return c;
}

async function copyLink() {
  try {
    await navigator.clipboard.writeText(location.href);
    toast('Link copied.');
  } catch (e) {
    toast('Copy the address from the address bar: ' + location.href);
  }
}
