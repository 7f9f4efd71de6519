// The HTTP API and the web app as one function from Request to Response: tests call
// `app.fetch()` in-process, `lectio serve` (server.ts) only binds it to a port.

import { LectioError } from '../core/errors.js';
import { errorBody, HttpError } from './http-errors.js';
import { openApiDocument } from './openapi.js';
import { type GuardOptions, guardRequest, TOKEN_COOKIE } from './request-guard.js';
import type { ApiDeps, Route } from './route.js';
import { ROUTES } from './routes.js';
import type { StaticFile } from './static-files.js';

export interface AppOptions extends GuardOptions {
  files: ReadonlyMap<string, StaticFile>;
  routes?: readonly Route[];
}

export interface App {
  fetch(request: Request): Promise<Response>;
}

/** Nothing the page shows can run: scripts and styles come from this server only, no inline code. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: {
      ...COMMON_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    },
  });
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

function compile(route: Route): CompiledRoute {
  const names: string[] = [];
  const source = route.path
    .split('/')
    .map((part) => {
      if (!part.startsWith(':')) return part.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
      names.push(part.slice(1));
      return '([^/]+)';
    })
    .join('/');
  return { route, pattern: new RegExp(`^${source}$`, 'u'), names };
}

/** zod's issues as one line: "field: problem; other: problem". */
function describeIssues(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
  where: string,
): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : where}: ${i.message}`)
    .join('; ');
}

export function createApp(deps: ApiDeps, options: AppOptions): App {
  const routes = (options.routes ?? ROUTES).map(compile);
  const openapi = JSON.stringify(openApiDocument(options.routes ?? ROUTES));

  async function api(request: Request, url: URL): Promise<Response> {
    if (url.pathname === '/api/openapi.json' && request.method === 'GET') {
      return new Response(openapi, {
        headers: { ...COMMON_HEADERS, 'content-type': 'application/json; charset=utf-8' },
      });
    }
    let allowed = false;
    for (const { route, pattern, names } of routes) {
      const m = pattern.exec(url.pathname);
      if (!m) continue;
      allowed = true;
      if (route.method !== request.method) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(m[i + 1] ?? '');
        } catch {
          throw new LectioError('bad_input', `${name}: malformed percent-encoding`);
        }
      });
      let query: unknown = undefined;
      if (route.query) {
        const parsed = route.query.safeParse(Object.fromEntries(url.searchParams));
        if (!parsed.success) throw new LectioError('bad_input', describeIssues(parsed.error.issues, 'query'));
        query = parsed.data;
      }
      let body: unknown = undefined;
      if (route.body) {
        const text = await request.text();
        let raw: unknown;
        try {
          raw = JSON.parse(text);
        } catch {
          throw new LectioError('bad_input', 'body: not valid JSON');
        }
        const parsed = route.body.safeParse(raw);
        if (!parsed.success) throw new LectioError('bad_input', describeIssues(parsed.error.issues, 'body'));
        body = parsed.data;
      }
      const result = route.handle(deps, { params, query, body });
      return json(route.status ?? 200, result ?? null);
    }
    if (allowed)
      throw new HttpError('method_not_allowed', `${request.method} ${url.pathname}: method not allowed`);
    throw new HttpError('not_found', `no API route ${url.pathname}`);
  }

  function page(request: Request, url: URL): Response {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      throw new HttpError('method_not_allowed', `${request.method} ${url.pathname}: method not allowed`);
    const token = url.searchParams.get('token');
    if (url.pathname === '/' && token !== null) {
      // Opened once with its token: keep it in a cookie scripts cannot read, and drop it from the address.
      return new Response(null, {
        status: 303,
        headers: {
          ...COMMON_HEADERS,
          location: '/',
          'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`,
        },
      });
    }
    const file = options.files.get(url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) {
      if (url.pathname === '/' || url.pathname === '/index.html')
        throw new HttpError('not_found', 'the web app is not built; run "npm run build"');
      throw new HttpError('not_found', `no file ${url.pathname.slice(0, 200)}`);
    }
    const gzip = /\bgzip\b/u.test(request.headers.get('accept-encoding') ?? '');
    const headers: Record<string, string> = {
      ...COMMON_HEADERS,
      'content-type': file.type,
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
    };
    if (file.type.startsWith('text/html')) headers['content-security-policy'] = CSP;
    if (gzip) headers['content-encoding'] = 'gzip';
    return new Response(request.method === 'HEAD' ? null : gzip ? file.gzip : file.body, { headers });
  }

  return {
    async fetch(request: Request): Promise<Response> {
      try {
        const url = new URL(request.url);
        guardRequest(request, options, url.pathname === '/' ? url.searchParams.get('token') : null);
        if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return await api(request, url);
        return page(request, url);
      } catch (error) {
        const { status, body } = errorBody(error);
        return json(status, body);
      }
    },
  };
}
