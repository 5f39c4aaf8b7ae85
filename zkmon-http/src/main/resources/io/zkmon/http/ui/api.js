// The JSON API, and the API token for changes. Relative URLs, so the page also works behind a path-prefixing proxy.

export const API = '../api/v1/';

const TOKEN_KEY = 'zkmon.apiToken';

export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function errorOf(r) {
  let msg = 'HTTP ' + r.status;
  try { msg = (await r.json()).message || msg; } catch (e) { /* not JSON: keep the status */ }
  return new HttpError(r.status, msg);
}

export async function getJson(url) {
  let r;
  try {
    r = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new HttpError(0, 'the agent does not answer');
  }
  if (!r.ok) throw await errorOf(r);
  return r.json();
}

export function pathUrl(path) {
  return API + 'paths/' + encodeURIComponent(path);
}

export function historyUrl(path) {
  return pathUrl(path) + '/history'; // the path as one encoded segment: never mistaken for a znode named "history"
}

// The token lives in sessionStorage only: gone when the tab closes, never in localStorage or a cookie.
export const token = {
  get() { try { return sessionStorage.getItem(TOKEN_KEY); } catch (e) { return null; } },
  set(v) { try { sessionStorage.setItem(TOKEN_KEY, v); } catch (e) { /* storage disabled: asked again next time */ } },
  clear() { try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* nothing kept */ } },
};

// A change (POST, DELETE) with the token; throws HttpError (401: wrong token, 403: changes disabled, 400: bad input).
export async function mutate(method, url, body, tokenValue) {
  const headers = { Accept: 'application/json', Authorization: 'Bearer ' + tokenValue };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let r;
  try {
    r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch (e) {
    throw new HttpError(0, 'the agent does not answer; nothing was changed');
  }
  if (!r.ok) throw await errorOf(r);
  return r.status === 204 ? null : r.json();
}
