// How the page learns about changes: the server's event stream (/api/v1/events) says when something changed, and the
// page then fetches only what it shows. When the stream is unavailable the page polls; when neither answers it says
// so. States: 'connecting', 'live' (stream), 'polling' (stream unavailable, polls answer), 'lost' (nothing answers).

import { API, getJson } from './api.js';

const POLL_MS = 5000;          // fallback poll while the stream is down
const SILENT_MS = 25000;       // the server pings every 10 s: this long without a word means the stream is dead
const REOPEN_MS = 30000;       // a stream refused for good (too many) is tried again this often

export function startLive(onChange, onStatus) {
  let es = null;
  let status = 'connecting';
  let lastWord = Date.now();
  let pollTimer = null;
  let lostSince = null;

  function setStatus(s, detail) {
    if (s === 'lost' && status !== 'lost') lostSince = Date.now();
    if (s !== 'lost') lostSince = null;
    const changed = s !== status;
    status = s;
    onStatus(s, { detail, lostSince });
    if (changed && s === 'live') stopPolling();
  }

  function open() {
    if (typeof EventSource === 'undefined') { startPolling(); return; }
    es = new EventSource(API + 'events');
    es.addEventListener('change', (e) => {
      lastWord = Date.now();
      const wasLive = status === 'live';
      setStatus('live');
      let fp = null;
      try { fp = JSON.parse(e.data); } catch (err) { fp = null; }
      onChange(wasLive ? fp : null);   // after a gap, fetch everything again
    });
    es.addEventListener('ping', () => {
      lastWord = Date.now();
      if (status !== 'live') { setStatus('live'); onChange(null); }
    });
    es.onerror = () => {
      if (es && es.readyState === EventSource.CLOSED) {   // refused (e.g. 503): poll, and try a stream again later
        es = null;
        setTimeout(() => { if (!es) open(); }, REOPEN_MS);
      }
      startPolling();
    };
  }

  function startPolling() {
    if (pollTimer !== null) return;
    const poll = async () => {
      try {
        await getJson(API + 'summary');
        if (status !== 'live') { setStatus('polling'); onChange(null); }
      } catch (e) {
        setStatus('lost', e.message);
      }
      if (pollTimer !== null) pollTimer = setTimeout(poll, POLL_MS);
    };
    pollTimer = setTimeout(poll, 0);
  }

  function stopPolling() {
    if (pollTimer !== null) clearTimeout(pollTimer);
    pollTimer = null;
  }

  // A stream that went quiet without an error (a proxy holding it, a frozen server) is reopened.
  setInterval(() => {
    if (status === 'live' && Date.now() - lastWord > SILENT_MS) {
      if (es) es.close();
      es = null;
      setStatus('lost', 'no word from the agent for ' + Math.round(SILENT_MS / 1000) + ' s');
      startPolling();
      open();
    }
  }, 5000);

  open();
  return {
    // a fetch of the views failed: the same signal as a failed poll
    failed(message) { if (status !== 'lost') setStatus('lost', message); startPolling(); },
    status() { return status; },
  };
}
