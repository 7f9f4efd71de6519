// A real HTTP server on 127.0.0.1 that answers like arXiv, rss.arxiv.org and Hugging Face
// did, from the recordings in ../shared/testdata (read in place, never copied). Tests point
// the clients' base URLs at it; nothing reaches the internet.
//
// Routes:
//   /api/query          the arXiv API. A query that was recorded gets the recorded answer,
//                       status included (HTTP 400 for id_list=abc). Any other id_list gets a
//                       feed assembled from the recorded entries of those ids, as arXiv
//                       would: unknown ids are left out. Other searches get 404.
//   /rss/<categories>   rss.arxiv.org: the recorded cs.LG+cs.AI+cs.CL+stat.ML feed.
//   /api/daily_papers   Hugging Face daily papers of 2024-10-25.
//   anything `route()`d by a test.
// Faults queued with `fail()` apply to the next requests, whatever their route: an error
// status with Retry-After, a delay, a hang, a body cut short, a dropped connection, or any
// reply. Every request is recorded, stamped with the test's (fake) clock.

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export const TESTDATA_DIR = path.resolve(process.cwd(), '..', 'shared', 'testdata');
export const ARXIV_DIR = path.join(TESTDATA_DIR, 'arxiv');

export interface Reply {
  status?: number;
  contentType?: string;
  headers?: Record<string, string>;
  body: string | Uint8Array;
}

export type Fault =
  /** Answer with this status (and Retry-After), an HTML apology as body. */
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Answer normally, after `ms` milliseconds of real time. */
  | { kind: 'delay'; ms: number }
  /** Never answer. */
  | { kind: 'hang' }
  /** A complete HTTP response whose body is only the first `keepBytes` of the real one. */
  | { kind: 'truncate'; keepBytes?: number }
  /** Promise the full body, send part of it, then close the connection. */
  | { kind: 'drop'; keepBytes?: number }
  | { kind: 'reply'; reply: Reply };

export interface ReceivedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The injected clock when the request arrived. */
  at: number;
}

/** A recorded arXiv API answer: the bytes arXiv sent and the status it sent them with. */
export interface ArxivRecording {
  file: string;
  /** The query it answers: search_query, id_list, start, max_results. */
  params: URLSearchParams;
  status: number;
  body: Buffer;
}

const ATOM_CONTENT_TYPE = 'application/atom+xml';

/**
 * Every recorded arXiv API answer. The 2026 ones are read from the JSON recordings, whose
 * `body` is the response bytes decoded as Latin-1 (arxiv.py's conftest stores them so):
 * encoding it back gives the exact bytes. The `api_2026_arxivpy_xml/` copies are that
 * Latin-1 text saved as UTF-8, so their non-ASCII is double-encoded ("WÃ¼bben").
 */
export function loadArxivRecordings(): ArxivRecording[] {
  const out: ArxivRecording[] = [];
  const jsonDir = path.join(ARXIV_DIR, 'api_2026_arxivpy_json');
  for (const name of fs.readdirSync(jsonDir).sort()) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(jsonDir, name);
    const rec = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      url: string;
      status_code: number;
      body: string;
    };
    out.push({
      file,
      params: new URL(rec.url).searchParams,
      status: rec.status_code,
      body: Buffer.from(rec.body, 'latin1'),
    });
  }
  const xmlFiles = [
    ...fs
      .readdirSync(path.join(ARXIV_DIR, 'api_2016_arxivpy'))
      .sort()
      .map((n) => path.join(ARXIV_DIR, 'api_2016_arxivpy', n)),
    path.join(ARXIV_DIR, 'rss_2026_laya-reader', 'arxiv_3.xml'),
  ];
  for (const file of xmlFiles) {
    const body = fs.readFileSync(file);
    out.push({ file, params: selfLinkParams(body.toString('utf8')), status: 200, body });
  }
  return out;
}

/** The query an answer was for, from its feed link (2016 answers percent-encode all of it). */
function selfLinkParams(xml: string): URLSearchParams {
  const href = /<link href="([^"]*\/api\/query\?[^"]*)"/.exec(xml)?.[1];
  if (href === undefined) throw new Error('recording without a query link');
  let query = href.slice(href.indexOf('?') + 1).replaceAll('&amp;', '&');
  if (!query.includes('=')) query = decodeURIComponent(query);
  // Decoded spaces must survive URLSearchParams, which reads `+` as a space but keeps ' '.
  return new URLSearchParams(query);
}

function queryKey(params: URLSearchParams): string {
  return JSON.stringify([
    params.get('search_query') ?? '',
    params.get('id_list') ?? '',
    params.get('start') ?? '0',
    params.get('max_results') ?? '10',
  ]);
}

const ENTRY = /<entry>[\s\S]*?<\/entry>/g;
const ENTRY_ID = /<id>https?:\/\/arxiv\.org\/abs\/([^<]+?)(?:v\d+)?<\/id>/;

/** Recorded entries by versionless id, for assembling answers to any id_list. */
function entryIndex(recordings: ArxivRecording[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const rec of recordings) {
    if (rec.status !== 200) continue;
    for (const entry of rec.body.toString('utf8').match(ENTRY) ?? []) {
      const id = ENTRY_ID.exec(entry)?.[1];
      if (id !== undefined && !index.has(id)) index.set(id, entry);
    }
  }
  return index;
}

export function assembledFeed(entries: string[], query: string): string {
  const esc = query.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  return (
    `<?xml version='1.0' encoding='UTF-8'?>\n` +
    `<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">\n` +
    `  <id>https://arxiv.org/api/replayed</id>\n` +
    `  <title>arXiv Query: ${esc}</title>\n` +
    `  <updated>2026-04-12T22:09:26Z</updated>\n` +
    `  <opensearch:itemsPerPage>${entries.length}</opensearch:itemsPerPage>\n` +
    `  <opensearch:totalResults>${entries.length}</opensearch:totalResults>\n` +
    `  <opensearch:startIndex>0</opensearch:startIndex>\n` +
    entries.map((e) => `  ${e}\n`).join('') +
    `</feed>\n`
  );
}

export class ReplayServer {
  readonly requests: ReceivedRequest[] = [];
  private readonly faults: Fault[] = [];
  private readonly routes = new Map<string, Reply>();
  private readonly recordings = new Map<string, ArxivRecording>();
  private readonly entries: Map<string, string>;
  private url_ = '';

  private constructor(
    private readonly server: http.Server,
    private readonly clock: () => number,
  ) {
    const all = loadArxivRecordings();
    for (const rec of all) this.recordings.set(queryKey(rec.params), rec);
    this.entries = entryIndex(all);
  }

  static async start(options: { clock?: () => number } = {}): Promise<ReplayServer> {
    const server = http.createServer();
    const replay = new ReplayServer(server, options.clock ?? Date.now);
    server.on('request', (req, res) => replay.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    replay.url_ = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return replay;
  }

  /** `http://127.0.0.1:PORT`, no trailing slash. */
  get url(): string {
    return this.url_;
  }

  /** Ids with a recorded entry, for building id lists of any length. */
  get knownIds(): string[] {
    return [...this.entries.keys()];
  }

  fail(fault: Fault, times = 1): void {
    for (let i = 0; i < times; i++) this.faults.push(fault);
  }

  route(pathname: string, reply: Reply): void {
    this.routes.set(pathname, reply);
  }

  /** Requests whose path is `pathname`. */
  requestsTo(pathname: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.path === pathname);
  }

  reset(): void {
    this.requests.length = 0;
    this.faults.length = 0;
    this.routes.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url_);
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      url: url.toString(),
      headers: req.headers,
      at: this.clock(),
    });
    const fault = this.faults.shift();
    switch (fault?.kind) {
      case undefined:
        return send(res, this.answer(url));
      case 'status': {
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
        return send(res, {
          status: fault.status,
          contentType: 'text/html',
          headers,
          body: `<html><body><h1>${fault.status}</h1><p>Try again later.</p></body></html>`,
        });
      }
      case 'delay': {
        const timer = setTimeout(() => send(res, this.answer(url)), fault.ms);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'hang':
        return;
      case 'truncate': {
        const reply = this.answer(url);
        const body = bytesOf(reply.body);
        return send(res, {
          ...reply,
          body: body.subarray(0, fault.keepBytes ?? Math.floor(body.length / 2)),
        });
      }
      case 'drop': {
        const reply = this.answer(url);
        const body = bytesOf(reply.body);
        res.writeHead(reply.status ?? 200, {
          'content-type': reply.contentType ?? 'text/plain',
          'content-length': String(body.length),
        });
        res.write(body.subarray(0, fault.keepBytes ?? Math.floor(body.length / 2)), () => res.destroy());
        return;
      }
      case 'reply':
        return send(res, fault.reply);
    }
  }

  private answer(url: URL): Reply {
    const routed = this.routes.get(url.pathname);
    if (routed !== undefined) return routed;
    if (url.pathname === '/api/query') return this.arxivApi(url.searchParams);
    if (url.pathname.startsWith('/rss/')) {
      const categories = decodeURIComponent(url.pathname.slice('/rss/'.length));
      if (categories === 'cs.LG+cs.AI+cs.CL+stat.ML') {
        return {
          contentType: 'application/rss+xml; charset=utf-8',
          body: fs.readFileSync(path.join(ARXIV_DIR, 'rss_2026_laya-reader', 'arxiv_rss.xml')),
        };
      }
    }
    if (url.pathname === '/api/daily_papers') {
      const date = url.searchParams.get('date');
      if (date === null || date === '2024-10-25') {
        return {
          contentType: 'application/json; charset=utf-8',
          body: fs.readFileSync(
            path.join(TESTDATA_DIR, 'misc', 'hf_daily_papers', 'daily_papers_2024-10-25_first4.json'),
          ),
        };
      }
    }
    return notFound(url);
  }

  private arxivApi(params: URLSearchParams): Reply {
    const recorded = this.recordings.get(queryKey(params));
    if (recorded !== undefined) {
      return { status: recorded.status, contentType: ATOM_CONTENT_TYPE, body: recorded.body };
    }
    const idList = params.get('id_list') ?? '';
    if ((params.get('search_query') ?? '') !== '' || idList === '') return notFound(params);
    const entries: string[] = [];
    for (const id of idList.split(',')) {
      const entry = this.entries.get(id.replace(/v\d+$/, ''));
      if (entry !== undefined) entries.push(entry);
    }
    return { contentType: ATOM_CONTENT_TYPE, body: assembledFeed(entries, `id_list=${idList}`) };
  }
}

function notFound(what: unknown): Reply {
  return { status: 404, contentType: 'text/plain', body: `no recording for ${String(what)}` };
}

function bytesOf(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

function send(res: http.ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const body = bytesOf(reply.body);
  res.writeHead(reply.status ?? 200, {
    'content-type': reply.contentType ?? 'text/plain',
    'content-length': String(body.length),
    ...reply.headers,
  });
  res.end(body);
}
