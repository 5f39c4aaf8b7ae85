// Silences: the active ones with what each matches and when it ends, creating one from a path row or for a glob,
// expiring one. Changes need the API token: asked for once, kept in sessionStorage, asked again when refused.

import { API, HttpError, mutate, token } from './api.js';
import { $, button, countdown, el, fmtTime } from './fmt.js';

const AUTHOR_KEY = 'zkmon.author';   // not a secret: remembered across tabs to save typing

let afterChange = () => {};
let mutationsEnabled = true;
let pendingToken = null;              // the resolve function of an open token prompt

export function initSilences(onChanged) {
  afterChange = onChanged;
  $('new-silence').addEventListener('click', () => openSilenceDialog(''));
  $('silence-cancel').addEventListener('click', () => $('silence-dialog').close());
  $('silence-form').addEventListener('submit', (e) => { e.preventDefault(); submitSilence(); });
  $('silence-custom').addEventListener('focus', () => {
    document.querySelector('input[name="duration"][value="custom"]').checked = true;
  });
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const v = $('token-input').value.trim();
    if (!v) { showError('token-error', 'Enter the token, or cancel.'); return; }
    answerToken(v);
  });
  $('token-cancel').addEventListener('click', () => answerToken(null));
  $('token-dialog').addEventListener('cancel', () => answerToken(null));   // Esc
  $('forget-token').addEventListener('click', () => { token.clear(); renderTokenNote(); toast('API token forgotten.'); });
  renderTokenNote();
}

export function setMutationsEnabled(enabled) {
  mutationsEnabled = enabled;
  $('new-silence').disabled = !enabled;
  $('new-silence').title = enabled ? '' : 'Changing silences is disabled on this agent: it has no API token configured';
}

export function mutationsAllowed() {
  return mutationsEnabled;
}

function renderTokenNote() {
  $('token-note').hidden = !token.get();
}

// ---- the list ----

export function renderSilences(list, nowMs) {
  const ul = $('silences');
  const frag = document.createDocumentFragment();
  if (list === null) {
    frag.appendChild(el('li', 'muted', 'Silences are not available on this agent.'));
    $('new-silence').hidden = true;
  } else {
    $('new-silence').hidden = false;
    const active = list.silences.filter((s) => s.active && Date.parse(s.until) > nowMs);
    for (const s of active) frag.appendChild(silenceItem(s));
    if (!active.length) frag.appendChild(el('li', 'muted', 'No active silence.'));
  }
  ul.replaceChildren(frag);
}

function silenceItem(s) {
  const li = el('li', 'silence');
  li.dataset.silenceId = s.id;
  li.dataset.pattern = s.pattern;
  const head = el('div', 'silence-head');
  head.append(el('span', 'pattern', s.pattern));
  if (mutationsEnabled) {
    head.append(button('Expire', 'btn btn-small expire', () => expire(s), 'Expire the silence of ' + s.pattern));
  }
  const when = el('div', 'small');
  when.append('until ' + fmtTime(s.until) + ' (', countdown(s.until), ')');
  li.append(head, when, el('div', 'small muted', s.author + ': ' + s.comment));
  return li;
}

// ---- creating ----

export function openSilenceDialog(pattern) {
  if (!mutationsEnabled) {
    toast('Changing silences is disabled on this agent: it has no API token configured.', true);
    return;
  }
  $('silence-form').reset();
  $('silence-path').value = pattern;
  try { $('silence-author').value = localStorage.getItem(AUTHOR_KEY) || ''; } catch (e) { /* storage disabled */ }
  hideError('silence-error');
  $('silence-dialog').showModal();
  (pattern ? $('silence-comment') : $('silence-path')).focus();
}

async function submitSilence() {
  const path = $('silence-path').value.trim();
  const comment = $('silence-comment').value.trim();
  const author = $('silence-author').value.trim();
  const choice = document.querySelector('input[name="duration"]:checked');
  const duration = choice && choice.value === 'custom' ? $('silence-custom').value.trim() : (choice ? choice.value : '');
  const missing = [];
  if (!path) missing.push('a path or glob');
  if (!duration) missing.push('a duration');
  if (!comment) missing.push('a comment');
  if (!author) missing.push('an author');
  if (missing.length) { showError('silence-error', 'Give ' + missing.join(', ') + '.'); return; }
  try { localStorage.setItem(AUTHOR_KEY, author); } catch (e) { /* storage disabled */ }
  $('silence-submit').disabled = true;
  try {
    const created = await withToken((t) => mutate('POST', API + 'silences', { path, duration, comment, author }, t));
    if (created === undefined) return;        // the token prompt was cancelled: the dialog stays open
    $('silence-dialog').close();
    toast('Silenced ' + created.pattern + ' until ' + fmtTime(created.until) + '.');
    afterChange();
  } catch (e) {
    showError('silence-error', explain(e));
  } finally {
    $('silence-submit').disabled = false;
  }
}

// ---- expiring ----

async function expire(s) {
  try {
    const done = await withToken((t) => mutate('DELETE', API + 'silences/' + encodeURIComponent(s.id), undefined, t));
    if (done === undefined) return;
    toast('Silence of ' + s.pattern + ' expired.');
    afterChange();
  } catch (e) {
    toast('Could not expire the silence of ' + s.pattern + ': ' + explain(e), true);
    if (e.status === 404) afterChange();       // already gone (another agent or person): show the list as it is
  }
}

// ---- the token ----

// Runs a change with the token, asking for it when there is none or when it was refused (401). Resolves to
// undefined when the person cancels the prompt.
async function withToken(action) {
  let message = null;
  for (;;) {
    let t = token.get();
    if (!t) {
      t = await askToken(message);
      if (t === null) return undefined;
    }
    try {
      const result = await action(t);
      token.set(t);
      renderTokenNote();
      return result;
    } catch (e) {
      if (e instanceof HttpError && e.status === 401) {
        token.clear();
        renderTokenNote();
        message = 'The agent did not accept this token (' + e.message + '). Check it and enter it again.';
        continue;
      }
      throw e;
    }
  }
}

function askToken(message) {
  return new Promise((resolve) => {
    pendingToken = resolve;
    $('token-form').reset();
    if (message) showError('token-error', message); else hideError('token-error');
    $('token-dialog').showModal();
    $('token-input').focus();
  });
}

function answerToken(value) {
  const resolve = pendingToken;
  pendingToken = null;
  if ($('token-dialog').open) $('token-dialog').close();
  if (resolve) resolve(value);
}

function explain(e) {
  if (e.status === 403) return 'Changing silences is disabled on this agent: ' + e.message;
  if (e.status === 400) return 'The agent refused the silence: ' + e.message;
  if (e.status === 0) return e.message;
  return e.message + ' (HTTP ' + e.status + ')';
}

// ---- messages ----

function showError(id, text) {
  const p = $(id);
  p.textContent = text;
  p.hidden = false;
}

function hideError(id) {
  $(id).hidden = true;
  $(id).textContent = '';
}

let toastTimer = null;
export function toast(text, isError) {
  const t = $('toast');
  t.textContent = text;
  t.className = 'toast' + (isError ? ' toast-error' : '');
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, isError ? 10000 : 5000);
}
