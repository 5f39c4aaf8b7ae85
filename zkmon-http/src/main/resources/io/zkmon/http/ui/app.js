// zkmon dashboard: polls the JSON API and renders paths grouped by state. No libraries, no external requests.
// Every text from the server goes through textContent, never innerHTML: paths and messages come from ZooKeeper.
'use strict';

(function () {
  const POLL_MS = 3000;
  const API = '../api/v1/';            // relative, so the page also works behind a path-prefixing proxy
  const PAGE_SIZE = { Error: 200, Unknown: 200, OK: 100 };
  const AUTO_OPEN_OK = 200;            // list in-spec paths without a click only when there are this few

  const view = {
    filter: '',
    page: { Error: 0, Unknown: 0, OK: 0 },
    okOpen: null,                      // null: decided by the number of paths; then the user's choice
    timer: null,
    seq: 0,
  };

  const $ = (id) => document.getElementById(id);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  async function getJson(url) {
    const r = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!r.ok) {
      let msg = 'HTTP ' + r.status;
      try { msg = (await r.json()).message || msg; } catch (e) { /* not JSON */ }
      const err = new Error(msg);
      err.status = r.status;
      throw err;
    }
    return r.json();
  }

  function pathsUrl(state, limit, offset) {
    let url = API + 'paths?state=' + state.toLowerCase() + '&limit=' + limit + '&offset=' + offset;
    if (view.filter) url += '&q=' + encodeURIComponent(view.filter);
    return url;
  }

  function okOpen(summary) {
    return view.okOpen !== null ? view.okOpen : summary.paths.OK <= AUTO_OPEN_OK;
  }

  async function refresh() {
    clearTimeout(view.timer);
    const seq = ++view.seq;
    try {
      const summary = await getJson(API + 'summary');
      const open = okOpen(summary);
      const [errors, unknown, ok, agents, silences] = await Promise.all([
        getJson(pathsUrl('Error', PAGE_SIZE.Error, view.page.Error * PAGE_SIZE.Error)),
        getJson(pathsUrl('Unknown', PAGE_SIZE.Unknown, view.page.Unknown * PAGE_SIZE.Unknown)),
        getJson(pathsUrl('OK', open ? PAGE_SIZE.OK : 0, open ? view.page.OK * PAGE_SIZE.OK : 0)),
        getJson(API + 'agents'),
        getJson(API + 'silences').catch((e) => (e.status === 501 ? null : Promise.reject(e))),
      ]);
      if (seq !== view.seq) return;    // a newer refresh (e.g. the filter changed) is under way
      render(summary, { Error: errors, Unknown: unknown, OK: ok }, open, agents, silences);
      banner(null);
    } catch (e) {
      if (seq !== view.seq) return;
      banner('Cannot reach the zkmon agent (' + e.message + '). Showing what was known at ' + $('updated').dataset.at + '.');
    } finally {
      if (seq === view.seq) view.timer = setTimeout(refresh, POLL_MS);
    }
  }

  function banner(text) {
    const b = $('banner');
    b.hidden = !text;
    b.textContent = text || '';
  }

  // ---- rendering ----

  function render(summary, lists, open, agents, silences) {
    const now = Date.parse(summary.now);
    $('cluster').textContent = summary.cluster + ' · ' + summary.agent + ' · v' + summary.version;
    renderConnection(summary);
    $('n-error').textContent = fmtCount(summary.paths.Error);
    $('n-unknown').textContent = fmtCount(summary.paths.Unknown);
    $('n-ok').textContent = fmtCount(summary.paths.OK);
    $('n-total').textContent = fmtCount(summary.paths.total);
    document.title = (summary.paths.Error > 0 ? '(' + summary.paths.Error + ') ' : '') + 'zkmon · ' + summary.cluster;
    const counts = lists.OK.counts;
    $('filter-note').textContent = view.filter
      ? fmtCount(counts.OK + counts.Error + counts.Unknown) + ' of ' + fmtCount(summary.paths.total) + ' paths match'
      : '';
    renderGroup('sec-error', 'Error', lists.Error, now, true);
    renderGroup('sec-unknown', 'Unknown', lists.Unknown, now, true);
    renderGroup('sec-ok', 'OK', lists.OK, now, open);
    renderAgents(agents);
    renderSilences(silences, now);
    const at = new Date(now).toLocaleTimeString();
    $('updated').dataset.at = at;
    $('updated').textContent = 'updated ' + at;
  }

  function renderConnection(s) {
    const zk = $('zk');
    zk.dataset.connected = String(s.zookeeper.connected);
    if (!s.zookeeper.connected) {
      zk.className = 'pill pill-error';
      zk.textContent = 'ZooKeeper: disconnected since ' + new Date(Date.parse(s.zookeeper.since)).toLocaleTimeString();
    } else if (!s.zookeeper.primed) {
      zk.className = 'pill pill-unknown';
      zk.textContent = 'ZooKeeper: connected, reading paths…';
    } else {
      zk.className = 'pill pill-ok';
      zk.textContent = 'ZooKeeper: connected';
    }
    const al = $('alerting');
    al.className = 'pill ' + (s.dispatcher.alerting ? 'pill-ok' : 'pill-idle');
    al.textContent = s.dispatcher.alerting
      ? 'Alerting: this agent' + (s.dispatcher.alerters.length ? ' → ' + s.dispatcher.alerters.join(', ') : '')
      : 'Alerting: ' + (s.leader ? 'by ' + s.leader : 'no leader');
  }

  function renderGroup(id, state, list, now, open) {
    const sec = $(id);
    const size = PAGE_SIZE[state];
    const matched = list.matched;
    sec.querySelector('.count').textContent = '(' + fmtCount(matched) + ')';
    const toggle = sec.querySelector('.toggle');
    if (toggle) toggle.setAttribute('aria-expanded', String(open));
    const rows = sec.querySelector('.rows');
    const frag = document.createDocumentFragment();
    if (open) {
      for (const p of list.paths) frag.appendChild(row(p, now));
    }
    rows.replaceChildren(frag);
    sec.querySelector('.empty').hidden = matched !== 0;
    const collapsed = sec.querySelector('.collapsed');
    if (collapsed) collapsed.hidden = open || matched === 0;
    renderPager(sec.querySelector('.pager'), state, matched, size, open);
  }

  function renderPager(nav, state, matched, size, open) {
    const pages = Math.ceil(matched / size);
    if (!open || pages <= 1) {
      nav.hidden = true;
      nav.replaceChildren();
      if (view.page[state] > 0 && pages <= 1) view.page[state] = 0;
      return;
    }
    if (view.page[state] >= pages) view.page[state] = pages - 1;
    const page = view.page[state];
    const prev = el('button', null, '‹ Previous');
    prev.type = 'button';
    prev.disabled = page === 0;
    prev.addEventListener('click', () => { view.page[state] = page - 1; refresh(); });
    const next = el('button', null, 'Next ›');
    next.type = 'button';
    next.disabled = page >= pages - 1;
    next.addEventListener('click', () => { view.page[state] = page + 1; refresh(); });
    const from = page * size + 1;
    const to = Math.min(matched, (page + 1) * size);
    nav.replaceChildren(prev, el('span', 'muted', fmtCount(from) + '–' + fmtCount(to) + ' of ' + fmtCount(matched)), next);
    nav.hidden = false;
  }

  function row(p, now) {
    const state = p.state;
    const li = el('li', 'row st-' + state.toLowerCase());
    li.setAttribute('data-path', p.path);
    li.setAttribute('data-state', state);
    const what = el('div', 'what');
    what.append(el('span', 'path', p.path), el('span', 'msg', p.message));
    if (p.silenced_until) what.append(el('span', 'silenced', 'silenced until ' + fmtTime(p.silenced_until)));
    li.append(
      el('span', 'badge', state),
      what,
      el('span', 'kids', fmtCount(p.child_count) + (p.child_count === 1 ? ' child' : ' children')),
      el('span', 'age', 'for ' + fmtAge(now - Date.parse(p.since))),
      strip(p.transitions),
    );
    li.title = p.path + ': ' + p.message;
    return li;
  }

  function strip(transitions) {
    const s = el('span', 'strip');
    for (const t of transitions) {
      const tick = el('i', 'tick st-' + t.to.toLowerCase());
      tick.title = fmtTime(t.at) + ': ' + t.from + ' → ' + t.to + ' (' + t.message + ')';
      s.appendChild(tick);
    }
    return s;
  }

  function renderAgents(a) {
    const ul = $('agents');
    const frag = document.createDocumentFragment();
    for (const agent of a.agents) {
      const li = el('li');
      li.setAttribute('data-agent', agent.name);
      li.append(el('span', 'agent-name', agent.name));
      if (agent.leader) li.append(el('span', 'tag leader', 'leader'));
      if (agent.self) li.append(el('span', 'tag', 'this agent'));
      li.append(el('div', 'small muted', agent.host + ' · v' + agent.version + ' · up since ' + fmtTime(agent.started_at)));
      frag.appendChild(li);
    }
    if (!a.agents.length) frag.appendChild(el('li', 'muted', 'No agent is registered.'));
    ul.replaceChildren(frag);
  }

  function renderSilences(list, now) {
    const ul = $('silences');
    const frag = document.createDocumentFragment();
    if (list === null) {
      frag.appendChild(el('li', 'muted', 'Silences are not available on this agent.'));
    } else {
      const active = list.silences.filter((s) => s.active);
      for (const s of active) {
        const li = el('li');
        li.append(el('span', 'agent-name', s.pattern),
          el('div', 'small', 'until ' + fmtTime(s.until) + ' (' + fmtAge(Date.parse(s.until) - now) + ' left)'),
          el('div', 'small muted', s.author + ': ' + s.comment));
        frag.appendChild(li);
      }
      if (!active.length) frag.appendChild(el('li', 'muted', 'No active silence.'));
    }
    ul.replaceChildren(frag);
  }

  // ---- formatting ----

  function fmtCount(n) {
    return Number(n).toLocaleString('en-US');
  }

  function fmtTime(iso) {
    const d = new Date(Date.parse(iso));
    return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  function fmtAge(ms) {
    let s = Math.max(0, Math.floor(ms / 1000));
    if (s < 60) return s + 's';
    let m = Math.floor(s / 60); s %= 60;
    if (m < 60) return m + 'm ' + s + 's';
    let h = Math.floor(m / 60); m %= 60;
    if (h < 48) return h + 'h ' + m + 'm';
    return Math.floor(h / 24) + 'd ' + (h % 24) + 'h';
  }

  // ---- interaction ----

  // The filter and the in-spec section's state live in the URL's fragment (#q=web&ok=open), so a view can be shared.
  function readHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    view.filter = (params.get('q') || '').trim();
    const ok = params.get('ok');
    view.okOpen = ok === 'open' ? true : ok === 'closed' ? false : null;
  }

  function writeHash() {
    const params = new URLSearchParams();
    if (view.filter) params.set('q', view.filter);
    if (view.okOpen !== null) params.set('ok', view.okOpen ? 'open' : 'closed');
    const hash = params.toString();
    history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search);
  }

  function init() {
    let debounce = null;
    const filter = $('filter');
    readHash();
    filter.value = view.filter;
    filter.addEventListener('input', () => {
      clearTimeout(debounce);
      debounce = setTimeout(() => {
        view.filter = filter.value.trim();
        view.page = { Error: 0, Unknown: 0, OK: 0 };
        writeHash();
        refresh();
      }, 250);
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === '/' && document.activeElement !== filter) { e.preventDefault(); filter.focus(); }
    });
    $('sec-ok').querySelector('.toggle').addEventListener('click', (e) => {
      view.okOpen = e.currentTarget.getAttribute('aria-expanded') !== 'true';
      writeHash();
      refresh();
    });
    for (const tile of document.querySelectorAll('[data-jump]')) {
      tile.addEventListener('click', () => {
        if (tile.dataset.jump === 'sec-ok' && view.okOpen !== true) { view.okOpen = true; writeHash(); refresh(); }
        $(tile.dataset.jump).scrollIntoView({ behavior: 'smooth' });
      });
    }
    $('updated').dataset.at = 'start';
    refresh();
  }

  document.addEventListener('DOMContentLoaded', init);
})();
