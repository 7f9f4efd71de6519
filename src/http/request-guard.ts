// Who may talk to the server. By default it listens on 127.0.0.1 only; what is left to
// guard against is another web page open in the same browser:
//
// - DNS rebinding: a page of evil.example whose name is re-pointed at 127.0.0.1 is same-origin
//   with itself, so the Host header is the only tell. Without a token, only the loopback names
//   the server was bound with are accepted.
// - Cross-site writes: a form or fetch from another origin. Writes must carry an Origin equal
//   to the Host they are sent to (a browser always sends one on POST/PUT/DELETE), or, from a
//   non-browser client, none at all together with no Sec-Fetch-Site; and a JSON content type,
//   which no form can send and no cross-origin fetch can send without a preflight we never answer.
// - Beyond loopback (--host), every request needs the token: `Authorization: Bearer TOKEN`,
//   or the cookie the app sets when opened once as /?token=TOKEN.

import { timingSafeEqual } from 'node:crypto';
import { HttpError } from './http-errors.js';

export interface GuardOptions {
  /** Host header values accepted without a token ("127.0.0.1:4173", "localhost:4173"). */
  allowedHosts: readonly string[];
  /** Required on every request when set. */
  token?: string;
}

export const TOKEN_COOKIE = 'lectio_token';

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieValue(header: string | null, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return null;
}

export function tokenOf(request: Request): string | null {
  const auth = request.headers.get('authorization');
  const bearer = auth && /^Bearer\s+(\S+)$/iu.exec(auth);
  if (bearer?.[1]) return bearer[1];
  return cookieValue(request.headers.get('cookie'), TOKEN_COOKIE);
}

const WRITES = new Set(['POST', 'PUT', 'DELETE', 'PATCH']);

/** Throws HttpError when the request must be refused; `url` is the request's parsed URL. */
export function guardRequest(request: Request, options: GuardOptions, tokenInQuery: string | null): void {
  const host = request.headers.get('host') ?? '';
  if (options.token !== undefined) {
    const given = tokenOf(request) ?? tokenInQuery;
    if (given === null || !sameToken(given, options.token)) {
      throw new HttpError(
        'unauthorized',
        'this lectio needs its token: Authorization: Bearer TOKEN, or open /?token=TOKEN',
      );
    }
  } else if (!options.allowedHosts.includes(host.toLowerCase())) {
    throw new HttpError('forbidden', `unexpected Host "${host.slice(0, 100)}"`);
  }
  if (!WRITES.has(request.method)) return;
  const origin = request.headers.get('origin');
  if (origin !== null) {
    let originHost = '';
    try {
      originHost = new URL(origin).host;
    } catch {
      // "null" (a sandboxed frame, a file: page) and garbage fall through to the refusal.
    }
    if (originHost.toLowerCase() !== host.toLowerCase()) {
      throw new HttpError('forbidden', `writes from another origin (${origin.slice(0, 100)}) are refused`);
    }
  } else {
    const site = request.headers.get('sec-fetch-site');
    if (site !== null && site !== 'same-origin' && site !== 'none') {
      throw new HttpError('forbidden', 'writes from another site are refused');
    }
  }
  const type = request.headers.get('content-type') ?? '';
  if (request.method !== 'DELETE' && !/^application\/json\s*(;|$)/iu.test(type)) {
    throw new HttpError('bad_input', 'writes take a JSON body (Content-Type: application/json)');
  }
}
