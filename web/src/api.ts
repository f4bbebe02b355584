/**
 * The one way the front end reaches data. Served: fetch from /api with the session token (taken from the URL once,
 * kept in sessionStorage, removed from the address bar). Exported (one HTML file): answers come from the snapshot
 * embedded in the page, keyed by the same request, and writes are disabled.
 */
type Snapshot = Record<string, unknown>;

function readSnapshot(): Snapshot | null {
  const el = document.getElementById('nograd-snapshot');
  if (!el?.textContent) return null;
  return JSON.parse(el.textContent) as Snapshot;
}

export const snapshot = readSnapshot();
export const readOnly = snapshot !== null;

function sessionToken(): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('nograd-token', fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem('nograd-token') ?? '';
}

const token = snapshot ? '' : sessionToken();

/** The key of a request: path plus sorted query (the snapshot uses the same keys). */
export function requestKey(path: string, params: Record<string, string | number> = {}): string {
  const q = Object.keys(params)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(params[k]))}`)
    .join('&');
  return q ? `${path}?${q}` : path;
}

export class ApiError extends Error {}

export async function get<T>(path: string, params: Record<string, string | number> = {}): Promise<T> {
  const key = requestKey(path, params);
  if (snapshot) {
    if (!(key in snapshot)) throw new ApiError('not part of this export');
    return snapshot[key] as T;
  }
  const r = await fetch(key, { headers: { 'x-nograd-token': token } });
  const body = (await r.json()) as T & { error?: string };
  if (!r.ok) throw new ApiError(body.error ?? `HTTP ${r.status}`);
  return body;
}

export async function post<T>(path: string, data: unknown): Promise<T> {
  if (snapshot) throw new ApiError('this is a read-only export');
  const r = await fetch(path, {
    method: 'POST',
    headers: { 'x-nograd-token': token, 'content-type': 'application/json' },
    body: JSON.stringify(data),
  });
  const body = (await r.json()) as T & { error?: string };
  if (!r.ok) throw new ApiError(body.error ?? `HTTP ${r.status}`);
  return body;
}

export function events(onEvent: (type: string, data: unknown) => void): () => void {
  if (snapshot) return () => {};
  const es = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  for (const type of ['hello', 'files', 'campaign'])
    es.addEventListener(type, (e) => onEvent(type, JSON.parse((e as MessageEvent<string>).data)));
  return () => es.close();
}
