// `lectio serve`'s only job: bind the app (app.ts) to a port with node:http.

import http from 'node:http';
import { LectioError } from '../core/errors.js';
import type { App } from './app.js';

/** Larger than any list a person drops on the page (base64 of a 48 MB list). */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/u.test(host);
}

/** The Host headers a browser sends to a loopback server on this port. */
export function loopbackHosts(host: string, port: number): string[] {
  const names = new Set([
    host.includes(':') && !host.startsWith('[') ? `[${host}]` : host,
    'localhost',
    '127.0.0.1',
    '[::1]',
  ]);
  return [...names].map((name) => `${name.toLowerCase()}:${port}`);
}

async function toRequest(req: http.IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      throw new LectioError('bad_input', `the request body is over ${MAX_BODY_BYTES / 2 ** 20} MB`);
    chunks.push(chunk);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  // The path alone: the Host header is checked by the guard, never used to build URLs.
  const url = new URL(req.url ?? '/', 'http://lectio.invalid');
  return new Request(`http://lectio.invalid${url.pathname}${url.search}`, {
    method,
    headers,
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
  });
}

async function send(res: http.ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  res.end(response.body ? Buffer.from(await response.arrayBuffer()) : undefined);
}

export function serveApp(app: App, host: string, port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    toRequest(req)
      .then((request) => app.fetch(request))
      .catch(
        (error: unknown) =>
          new Response(
            JSON.stringify({
              error: { code: 'too_large', message: error instanceof Error ? error.message : String(error) },
            }),
            { status: 413, headers: { 'content-type': 'application/json; charset=utf-8' } },
          ),
      )
      .then((response) => send(res, response))
      .catch(() => res.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(new LectioError('bad_input', `port ${port} on ${host} is in use; choose another with --port`));
      else
        reject(
          new LectioError('bad_input', `cannot listen on ${host}:${port} (${error.code ?? error.message})`),
        );
    });
    server.listen(port, host, () => resolve(server));
  });
}
