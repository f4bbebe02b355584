/**
 * The server's defences, in one place. A local workbench is reachable by every web page the user opens, so:
 * - a random session token (printed once, in the URL) is required on every API call (header or `?token=`), compared
 *   in constant time;
 * - the Host header must name the address we bound (a DNS-rebinding page reaches 127.0.0.1 under its own name);
 * - an Origin header, when a browser sends one, must be this server's own origin (no cross-site reads or writes);
 * - every path a request names is resolved inside the served directory, symlinks included (`confine`).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

export const TOKEN_HEADER = 'x-nograd-token';

export function newSessionToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenMatches(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The Host header values this server answers to: the bound address and, on loopback, `localhost`. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set([host.includes(':') ? `[${host}]` : host]);
  if (host === '127.0.0.1' || host === '::1' || host === 'localhost') {
    for (const n of ['127.0.0.1', 'localhost', '[::1]']) names.add(n);
  }
  return new Set([...names].map((n) => `${n}:${port}`.toLowerCase()));
}

export type RequestVerdict = { ok: true } | { ok: false; status: 400 | 401 | 403; reason: string };

/** The checks every request passes (token only for the API and the event stream). */
export function checkRequest(
  req: { host: string | undefined; origin: string | undefined; token: string | undefined },
  expect: { hosts: Set<string>; token: string; needsToken: boolean },
): RequestVerdict {
  const host = (req.host ?? '').toLowerCase();
  if (!expect.hosts.has(host)) return { ok: false, status: 403, reason: `host '${host}' is not this server` };
  if (req.origin !== undefined && req.origin !== 'null') {
    let originHost: string;
    try {
      const u = new URL(req.origin);
      originHost = u.protocol === 'http:' ? u.host.toLowerCase() : '';
    } catch {
      originHost = '';
    }
    if (!expect.hosts.has(originHost)) return { ok: false, status: 403, reason: 'cross-origin request refused' };
  } else if (req.origin === 'null') {
    return { ok: false, status: 403, reason: 'cross-origin request refused' };
  }
  if (expect.needsToken && !tokenMatches(expect.token, req.token)) {
    return { ok: false, status: 401, reason: 'missing or wrong session token (use the URL nograd serve printed)' };
  }
  return { ok: true };
}

export class OutsideRootError extends Error {
  constructor(readonly requested: string) {
    super(`'${requested}' is outside the served directory`);
    this.name = 'OutsideRootError';
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * An absolute path for `requested` (relative to `root`), guaranteed inside `root` after resolving `..` and every
 * symlink of the longest existing prefix. `root` must already be a realpath. Files that do not exist yet (a new
 * triage side file) are checked through their nearest existing parent.
 */
export function confine(root: string, requested: string): string {
  if (requested.includes('\0')) throw new OutsideRootError(requested);
  const abs = resolve(root, requested);
  if (!inside(root, abs)) throw new OutsideRootError(requested);
  let probe = abs;
  while (!existsSync(probe)) {
    const up = dirname(probe);
    if (up === probe) break;
    probe = up;
  }
  const real = realpathSync(probe);
  if (!inside(root, real)) throw new OutsideRootError(requested);
  return resolve(real, relative(probe, abs));
}
