// The overview: counts, filters (text, state, label), the paths grouped by state and paged, cluster health, silences.
// It never asks for every path: each group fetches one page, and the in-spec group is folded while it is large.

import { API, getJson } from './api.js';
import { $, button, el, fmtAge, fmtCount, fmtTime, pathHref, plural, stateClass } from './fmt.js';
import { mutationsAllowed, openSilenceDialog, renderSilences } from './silences.js';

const PAGE_SIZE = { Error: 100, Unknown: 100, OK: 100 };
const AUTO_OPEN_OK = 200;            // list in-spec paths without a click only when there are this few
const STATES = ['Error', 'Unknown', 'OK'];
const SECTION = { Error: 'sec-error', Unknown: 'sec-unknown', OK: 'sec-ok' };

export const filters = {
  text: '',
  states: new Set(STATES),
  label: '',
  okOpen: null,                      // null: decided by the number of paths; then the person's choice
  page: { Error: 0, Unknown: 0, OK: 0 },
};

let labelsLoadedAt = -Infinity;

// ---- the filters in the address: #/?q=web&state=error,unknown&label=team%3Dpay&ok=open ----

export function readFilters(params) {
  filters.text = (params.get('q') || '').trim();
  const st = params.get('state');
  filters.states = new Set(st ? st.split(',').map(toState).filter(Boolean) : STATES);
  if (filters.states.size === 0) filters.states = new Set(STATES);
  filters.label = params.get('label') || '';
  const ok = params.get('ok');
  filters.okOpen = ok === 'open' ? true : ok === 'closed' ? false : null;
}

function toState(s) {
  const v = s.trim().toLowerCase();
  return v === 'ok' ? 'OK' : v === 'error' ? 'Error' : v === 'unknown' ? 'Unknown' : null;
}

export function filtersHash() {
  const params = new URLSearchParams();
  if (filters.text) params.set('q', filters.text);
  if (filters.states.size !== STATES.length) params.set('state', [...filters.states].map((s) => s.toLowerCase()).join(','));
  if (filters.label) params.set('label', filters.label);
  if (filters.okOpen !== null) params.set('ok', filters.okOpen ? 'open' : 'closed');
  const q = params.toString();
  return '#/' + (q ? '?' + q : '');
}

function listUrl(state, limit, offset) {
  let url = API + 'paths?state=' + state.toLowerCase() + '&limit=' + limit + '&offset=' + offset;
  if (filters.text) url += '&q=' + encodeURIComponent(filters.text);
  if (filters.label) url += '&label=' + encodeURIComponent(filters.label);
  return url;
}

function okOpen(summary) {
  return filters.okOpen !== null ? filters.okOpen : summary.paths.OK <= AUTO_OPEN_OK;
}

// ---- fetching ----

// what: which parts to fetch ({lists, agents, silences, labels}); returns a function that renders them.
export async function loadOverview(summary, what) {
  const open = okOpen(summary);
  const jobs = {};
  if (what.lists) {
    for (const s of STATES) {
      if (!filters.states.has(s)) continue;
      const shown = s !== 'OK' || open;
      jobs[s] = getJson(listUrl(s, shown ? PAGE_SIZE[s] : 0, shown ? filters.page[s] * PAGE_SIZE[s] : 0));
    }
  }
  if (what.agents) jobs.agents = getJson(API + 'agents');
  if (what.silences) jobs.silences = getJson(API + 'silences').catch((e) => (e.status === 501 ? null : Promise.reject(e)));
  if (what.labels && Date.now() - labelsLoadedAt > 30000) jobs.labels = getJson(API + 'labels');
  const keys = Object.keys(jobs);
  const values = await Promise.all(keys.map((k) => jobs[k]));
  const got = {};
  keys.forEach((k, i) => { got[k] = values[i]; });
  return () => renderOverview(summary, got, open);
}

// ---- rendering ----

function renderOverview(summary, got, open) {
  const now = Date.parse(summary.now);
  $('n-error').textContent = fmtCount(summary.paths.Error);
  $('n-unknown').textContent = fmtCount(summary.paths.Unknown);
  $('n-ok').textContent = fmtCount(summary.paths.OK);
  $('n-total').textContent = fmtCount(summary.paths.total);
  for (const tile of document.querySelectorAll('[data-state-tile]')) {
    tile.setAttribute('aria-pressed', String(filters.states.has(toState(tile.dataset.stateTile))));
  }
  for (const chip of document.querySelectorAll('[data-state-filter]')) {
    chip.setAttribute('aria-pressed', String(filters.states.has(toState(chip.dataset.stateFilter))));
  }
  let anyList = null;
  for (const s of STATES) {
    const sec = $(SECTION[s]);
    sec.hidden = !filters.states.has(s);
    if (got[s]) {
      renderGroup(sec, s, got[s], now, s !== 'OK' || open);
      anyList = got[s];
    }
  }
  if (anyList) {
    const c = anyList.counts;
    const matching = STATES.filter((s) => filters.states.has(s)).reduce((n, s) => n + c[s], 0);
    $('filter-note').textContent = filters.text || filters.label || filters.states.size !== STATES.length
      ? fmtCount(matching) + ' of ' + fmtCount(summary.paths.total) + ' paths match'
      : '';
  }
  if (got.agents) renderHealth(summary, got.agents, now);
  else renderSender(summary, null);
  if (got.silences !== undefined) renderSilences(got.silences, now);
  if (got.labels) renderLabels(got.labels);
}

function renderGroup(sec, state, list, now, open) {
  const size = PAGE_SIZE[state];
  sec.querySelector('.count').textContent = '(' + fmtCount(list.matched) + ')';
  const toggle = sec.querySelector('.toggle');
  if (toggle) toggle.setAttribute('aria-expanded', String(open));
  const frag = document.createDocumentFragment();
  if (open) for (const p of list.paths) frag.appendChild(row(p, now));
  sec.querySelector('.rows').replaceChildren(frag);
  sec.querySelector('.empty').hidden = list.matched !== 0;
  const collapsed = sec.querySelector('.collapsed');
  if (collapsed) collapsed.hidden = open || list.matched === 0;
  renderPager(sec.querySelector('.pager'), state, list.matched, size, open);
}

function renderPager(nav, state, matched, size, open) {
  const pages = Math.ceil(matched / size);
  if (!open || pages <= 1) {
    nav.hidden = true;
    nav.replaceChildren();
    if (filters.page[state] > 0 && pages <= 1) filters.page[state] = 0;
    return;
  }
  if (filters.page[state] >= pages) filters.page[state] = pages - 1;
  const page = filters.page[state];
  const go = (p) => () => { filters.page[state] = p; refreshLists(); };
  const prev = button('‹ Previous', 'btn', go(page - 1));
  prev.disabled = page === 0;
  const next = button('Next ›', 'btn', go(page + 1));
  next.disabled = page >= pages - 1;
  const from = page * size + 1;
  const to = Math.min(matched, (page + 1) * size);
  nav.replaceChildren(prev, el('span', 'muted', fmtCount(from) + '–' + fmtCount(to) + ' of ' + fmtCount(matched)), next);
  nav.hidden = false;
}

function row(p, now) {
  const li = el('li', 'row ' + stateClass(p.state) + (p.silenced_until ? ' silenced-row' : ''));
  li.setAttribute('data-path', p.path);
  li.setAttribute('data-state', p.state);
  const what = el('div', 'what');
  const link = el('a', 'path', p.path);
  link.href = pathHref(p.path);
  what.append(link, el('span', 'msg', p.message));
  if (p.silenced_until) {
    what.append(el('span', 'silenced', 'silenced until ' + fmtTime(p.silenced_until)));
  } else if (p.notified) {
    what.append(el('span', 'firing', 'alert sent'));
  }
  const actions = el('span', 'actions');
  if (mutationsAllowed()) {
    actions.append(button('Silence', 'btn btn-small silence-path', () => openSilenceDialog(p.path), 'Silence ' + p.path));
  }
  li.append(
    el('span', 'badge', p.state),
    what,
    el('span', 'kids', plural(p.child_count, 'child', 'children')),
    el('span', 'age', 'for ' + fmtAge(now - Date.parse(p.since))),
    strip(p.transitions),
    actions,
  );
  return li;
}

function strip(transitions) {
  const s = el('span', 'strip');
  s.setAttribute('aria-hidden', 'true');
  for (const t of transitions) {
    const tick = el('i', 'tick ' + stateClass(t.to));
    tick.title = fmtTime(t.at) + ': ' + t.from + ' → ' + t.to + ' (' + t.message + ')';
    s.appendChild(tick);
  }
  return s;
}

// ---- cluster health ----

export function renderSender(summary, agentsDoc) {
  const p = $('sender');
  p.replaceChildren();
  if (summary.legacy_sender) {
    p.className = 'sender sender-legacy';
    p.textContent = 'Alerting held by a zk_monitor agent (' + summary.legacy_sender + '): no zkmon agent sends while it holds the lock.';
  } else if (summary.leader) {
    p.className = 'sender sender-ok';
    p.textContent = 'Alerts are sent by ' + summary.leader + (summary.leader === summary.agent ? ' (this agent).' : '.');
  } else {
    p.className = 'sender sender-none';
    p.textContent = 'No agent sends alerts right now.';
  }
  const zk = $('zk-detail');
  const z = summary.zookeeper;
  const server = z.server ? 'ZooKeeper ' + z.server.version + ', ' + z.server.mode + ' watches' : 'ZooKeeper';
  zk.textContent = z.connected
    ? 'Connected to ' + server + (z.primed ? '' : '; still reading the paths') + ' since ' + fmtTime(z.since) + '.'
    : 'Not connected to ZooKeeper since ' + fmtTime(z.since) + ': every path is Unknown.';
  zk.className = 'small ' + (z.connected ? '' : 'text-error');
  const list = $('self-alert-list');
  list.replaceChildren(...summary.self_alerts.map((a) => {
    const li = el('li', 'self-alert ' + (a.firing ? 'firing' : 'pending'));
    li.append(el('strong', null, a.alert + (a.firing ? ' (firing)' : ' (pending)')), el('div', 'small', a.message),
      el('div', 'small muted', 'since ' + fmtTime(a.since)));
    return li;
  }));
  list.hidden = summary.self_alerts.length === 0;
  if (agentsDoc) renderAgents(agentsDoc, Date.parse(summary.now));
}

function renderHealth(summary, agentsDoc) {
  renderSender(summary, agentsDoc);
}

function renderAgents(a, now) {
  const frag = document.createDocumentFragment();
  for (const agent of a.agents) {
    const li = el('li');
    li.setAttribute('data-agent', agent.name);
    li.append(el('span', 'agent-name', agent.name));
    if (agent.leader) li.append(el('span', 'tag leader', 'sends'));
    if (agent.self) li.append(el('span', 'tag', 'this agent'));
    li.append(el('div', 'small muted', agent.host + ' · v' + agent.version + ' · up ' + fmtAge(now - Date.parse(agent.started_at))));
    frag.appendChild(li);
  }
  if (!a.agents.length) frag.appendChild(el('li', 'muted', 'No agent is registered.'));
  $('agents').replaceChildren(frag);
}

function renderLabels(doc) {
  labelsLoadedAt = Date.now();
  const select = $('label-filter');
  const options = [el('option', null, 'any label')];
  options[0].value = '';
  for (const [key, values] of Object.entries(doc.labels)) {
    for (const v of values) {
      const o = el('option', null, key + '=' + v);
      o.value = key + '=' + v;
      options.push(o);
    }
  }
  if (filters.label && !options.some((o) => o.value === filters.label)) {
    const o = el('option', null, filters.label);
    o.value = filters.label;
    options.push(o);
  }
  select.replaceChildren(...options);
  select.value = filters.label;
  $('label-filter-box').hidden = options.length === 1;
}

// ---- interaction ----

let refreshLists = () => {};

export function initOverview(onFiltersChanged) {
  refreshLists = onFiltersChanged;
  const input = $('filter');
  let debounce = null;
  const typed = () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      if (input.value.trim() === filters.text) return;
      filters.text = input.value.trim();
      resetPages();
      onFiltersChanged(true);
    }, 250);
  };
  for (const ev of ['input', 'change', 'search']) input.addEventListener(ev, typed);
  $('filters').addEventListener('submit', (e) => e.preventDefault());
  for (const chip of document.querySelectorAll('[data-state-filter]')) {
    chip.addEventListener('click', () => toggleState(toState(chip.dataset.stateFilter), onFiltersChanged));
  }
  for (const tile of document.querySelectorAll('[data-state-tile]')) {
    // a tile shows that state alone; clicking it again shows every state
    tile.addEventListener('click', () => {
      const s = toState(tile.dataset.stateTile);
      const alone = filters.states.size === 1 && filters.states.has(s);
      filters.states = alone ? new Set(STATES) : new Set([s]);
      if (s === 'OK' && !alone) filters.okOpen = true;
      resetPages();
      onFiltersChanged(true);
    });
  }
  $('label-filter').addEventListener('change', (e) => { filters.label = e.target.value; resetPages(); onFiltersChanged(true); });
  $('sec-ok').querySelector('.toggle').addEventListener('click', (e) => {
    filters.okOpen = e.currentTarget.getAttribute('aria-expanded') !== 'true';
    onFiltersChanged(true);
  });
}

function toggleState(s, onFiltersChanged) {
  if (filters.states.has(s)) {
    if (filters.states.size === 1) return;   // at least one state stays shown
    filters.states.delete(s);
  } else {
    filters.states.add(s);
  }
  resetPages();
  onFiltersChanged(true);
}

function resetPages() {
  filters.page = { Error: 0, Unknown: 0, OK: 0 };
}

export function syncFilterInputs() {
  if ($('filter').value.trim() !== filters.text) $('filter').value = filters.text;
  $('label-filter').value = filters.label;
}
