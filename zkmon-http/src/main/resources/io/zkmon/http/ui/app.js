// zkmon dashboard: routes (#/ and #/path/<encoded path>), the header, and what to fetch when the server says that
// something changed. No libraries, no build step, no request to anywhere but this agent.

import { API, getJson } from './api.js';
import { $, el, fmtTime, syncClock, tickCountdowns } from './fmt.js';
import { startLive } from './live.js';
import { filtersHash, initOverview, loadOverview, readFilters, syncFilterInputs } from './overview.js';
import { loadDetails, renderMissing } from './details.js';
import { initSilences, setMutationsEnabled } from './silences.js';

const view = {
  route: 'overview',
  path: null,
  fp: null,              // what the event feed said last: {generation, silences, cluster, self_alerts}
  running: false,
  queued: null,          // parts asked for while a refresh ran
  rendered: false,
};

let live = null;

// ---- routes ----

function parseHash() {
  const h = location.hash;
  if (h.startsWith('#/path/')) {
    let path;
    try { path = decodeURIComponent(h.slice('#/path/'.length)); } catch (e) { path = h.slice('#/path/'.length); }
    return { route: 'path', path };
  }
  const q = h.startsWith('#/?') ? h.slice(3) : h.startsWith('#/') ? '' : h.slice(1);   // also the old #q=web&ok=open
  return { route: 'overview', params: new URLSearchParams(q) };
}

function onRoute() {
  const r = parseHash();
  const changedRoute = r.route !== view.route || (r.path || null) !== view.path;
  view.route = r.route;
  view.path = r.path || null;
  $('overview').hidden = r.route !== 'overview';
  $('details').hidden = r.route !== 'path';
  if (r.route === 'overview') {
    readFilters(r.params);
    syncFilterInputs();
    document.title = titleBase;
  } else {
    $('details').replaceChildren(el('p', 'muted', 'Loading ' + r.path + '…'));
    document.title = r.path + ' · zkmon';
  }
  refresh(ALL, changedRoute);
}

function filtersChanged() {
  const hash = filtersHash();
  if (location.hash !== hash) history.replaceState(null, '', hash === '#/' ? location.pathname + location.search : hash);
  refresh({ lists: true });
}

// ---- fetching what is shown ----

const ALL = { lists: true, agents: true, silences: true, labels: true };

function partsFor(fp) {
  if (!fp || !view.fp) return ALL;
  const what = {};
  if (fp.generation !== view.fp.generation) { what.lists = true; what.labels = true; }
  if (fp.silences !== view.fp.silences) { what.silences = true; what.lists = true; }
  if (fp.cluster !== view.fp.cluster) what.agents = true;
  return what;
}

async function refresh(what, focus) {
  if (view.running) {
    view.queued = Object.assign(view.queued || {}, what);
    return;
  }
  view.running = true;
  const route = view.route;
  const path = view.path;
  try {
    const summary = await getJson(API + 'summary');
    let render;
    try {
      render = route === 'overview' ? await loadOverview(summary, what) : await loadDetails(path);
    } catch (e) {
      if (route !== 'path' || e.status !== 404) throw e;
      render = () => renderMissing(path, e);
    }
    if (route === view.route && path === view.path) {   // the person did not go elsewhere meanwhile
      renderHeader(summary);
      render();
      firstRender();
      if (focus) focusView();
    } else {
      view.queued = Object.assign(view.queued || {}, ALL);
    }
  } catch (e) {
    live.failed(e.message);
  } finally {
    view.running = false;
    if (view.queued) {
      const next = view.queued;
      view.queued = null;
      refresh(next);
    }
  }
}

function firstRender() {
  if (view.rendered) return;
  view.rendered = true;
  performance.mark('zkmon:first-render');
  document.body.dataset.rendered = 'true';
}

// After a change of view, keyboard and screen reader users start at its top (the page does not scroll for it).
function focusView() {
  const target = view.route === 'path' ? $('details-title') : $('view');
  if (target) target.focus({ preventScroll: true });
}

// ---- the header ----

let titleBase = 'zkmon';

function renderHeader(s) {
  syncClock(s.now);
  setMutationsEnabled(s.mutations);
  $('cluster').textContent = s.cluster + ' · ' + s.agent + ' · v' + s.version;
  titleBase = (s.paths.Error > 0 ? '(' + s.paths.Error + ') ' : '') + 'zkmon · ' + s.cluster;
  if (view.route === 'overview') document.title = titleBase;

  const zk = $('zk');
  if (!s.zookeeper.connected) {
    zk.className = 'pill pill-error';
    zk.textContent = 'ZooKeeper: disconnected since ' + fmtTime(s.zookeeper.since);
  } else if (!s.zookeeper.primed) {
    zk.className = 'pill pill-unknown';
    zk.textContent = 'ZooKeeper: connected, reading paths…';
  } else {
    zk.className = 'pill pill-ok';
    zk.textContent = 'ZooKeeper: connected' + (s.zookeeper.server ? ' (' + s.zookeeper.server.version + ')' : '');
  }
  const al = $('alerting');
  if (s.legacy_sender) {
    al.className = 'pill pill-unknown';
    al.textContent = 'Alerting: zk_monitor agent ' + s.legacy_sender;
  } else {
    al.className = 'pill ' + (s.dispatcher.alerting ? 'pill-ok' : s.leader ? 'pill-idle' : 'pill-error');
    al.textContent = s.dispatcher.alerting
      ? 'Alerting: this agent' + (s.dispatcher.alerters.length ? ' → ' + s.dispatcher.alerters.join(', ') : '')
      : 'Alerting: ' + (s.leader ? 'by ' + s.leader : 'no agent sends');
  }
  const selfBanner = $('self-alerts');
  const firing = s.self_alerts;
  selfBanner.hidden = firing.length === 0;
  selfBanner.replaceChildren(...firing.map((a) => {
    const d = el('div', 'self-alert-line');
    d.append(el('strong', null, a.alert + (a.firing ? '' : ' (pending)') + ': '), a.message + ' (since ' + fmtTime(a.since) + ')');
    return d;
  }));
  const legacy = $('legacy');
  legacy.hidden = !s.legacy_sender;
  legacy.textContent = s.legacy_sender
    ? 'Alerting held by a zk_monitor agent (' + s.legacy_sender + '): zkmon agents watch and show, the old daemon sends.'
    : '';
}

function onLiveStatus(status, info) {
  const pill = $('live');
  const banner = $('banner');
  document.body.classList.toggle('stale', status === 'lost');
  if (status === 'live') {
    pill.className = 'pill pill-ok';
    pill.textContent = '● live';
    pill.title = 'Updates arrive as they happen (server-sent events)';
  } else if (status === 'polling') {
    pill.className = 'pill pill-idle';
    pill.textContent = 'polling';
    pill.title = 'Live updates are unavailable; the page asks every 5 seconds';
  } else if (status === 'lost') {
    pill.className = 'pill pill-error';
    pill.textContent = 'offline';
    pill.title = 'The agent does not answer';
  } else {
    pill.className = 'pill pill-unknown';
    pill.textContent = 'connecting…';
  }
  if (status === 'lost') {
    banner.hidden = false;
    banner.textContent = 'Lost contact with the zkmon agent at ' + fmtTime(info.lostSince || Date.now())
      + (info.detail ? ' (' + info.detail + ')' : '') + '. Retrying; what you see may be out of date.';
  } else {
    banner.hidden = true;
    banner.textContent = '';
  }
}

// ---- start ----

function init() {
  initOverview(filtersChanged);
  initSilences(() => refresh({ lists: true, silences: true }));
  document.addEventListener('keydown', (e) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (e.key === '/' && !typing && view.route === 'overview') { e.preventDefault(); $('filter').focus(); }
    if (e.key === 'Escape' && !typing && view.route === 'path' && !document.querySelector('dialog[open]')) location.hash = '#/';
  });
  window.addEventListener('hashchange', onRoute);
  setInterval(tickCountdowns, 1000);
  live = startLive((fp) => {
    const what = partsFor(fp);
    if (fp) view.fp = fp;
    refresh(what);
  }, onLiveStatus);
  onRoute();
}

init();
