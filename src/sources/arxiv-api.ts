// Client of the arXiv API (export.arxiv.org/api/query, spec/api_user-manual.md in the
// shared test data): metadata for lists of ids, in batches, and search. Answers are Atom
// 1.0, errors included.

import { parseArxivId } from '../core/canonical-id.js';
import { LectioError } from '../core/errors.js';
import type { PaperMetadata } from '../core/feed-store.js';
import type { Link } from '../core/item.js';
import { HttpFetcher, type HttpFetcherOptions, isGiveUp, oneLine } from './http-fetch.js';
import { toIsoDate } from './iso-date.js';
import { latexToText } from '../formats/bibtex/latex-text.js';
import { cleanText } from './plain-text.js';
import {
  childrenNamed,
  childText,
  decodeBody,
  firstChild,
  parseXml,
  type XmlElement,
  XmlSyntaxError,
} from './xml-tree.js';

export const ARXIV_API_URL = 'https://export.arxiv.org/api/query';
/** Most ids lectio puts in one request; arXiv's own examples and arxiv.py use 100. */
export const ARXIV_BATCH_SIZE = 100;
/** arXiv serves search results in slices of at most 2000, and no further than 30000. */
const MAX_SLICE = 2000;
const MAX_RESULTS_REACH = 30000;

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
export const ARXIV_NS = 'http://arxiv.org/schemas/atom';
const OPENSEARCH_NS = 'http://a9.com/-/spec/opensearch/1.1/';

/** A paper as the API describes it: the shape the core reads (src/core/feed-store.ts). */
export type ArxivPaper = PaperMetadata;

export interface ArxivFeed {
  /** Matches of the query in all; null when the answer did not say. */
  totalResults: number | null;
  startIndex: number | null;
  papers: ArxivPaper[];
}

export interface ArxivFetchResult {
  /** In the order of the ids asked for, one per paper. */
  papers: ArxivPaper[];
  /** Ids (as given) that arXiv answered for but does not know. */
  missing: string[];
  /** Ids (as given) that could not be looked up: malformed, rejected, or arXiv unreachable. */
  failed: string[];
  /** One line per cause of `failed`. */
  errors: string[];
}

export interface ArxivProgress {
  /** Ids looked up so far (found, missing or failed). */
  done: number;
  total: number;
}

export interface ArxivQuery {
  searchQuery?: string;
  idList?: string[];
  start?: number;
  maxResults?: number;
  sortBy?: 'relevance' | 'lastUpdatedDate' | 'submittedDate';
  sortOrder?: 'ascending' | 'descending';
}

/** minIntervalMs defaults to 3 s: arXiv asks for 3 s between calls (api_user-manual.md, 3.1.1.2). */
export interface ArxivClientOptions extends Pick<
  HttpFetcherOptions,
  | 'fetch'
  | 'sleep'
  | 'now'
  | 'minIntervalMs'
  | 'maxRetries'
  | 'timeoutMs'
  | 'retryBaseMs'
  | 'maxRetryAfterMs'
  | 'userAgent'
> {
  baseUrl?: string;
  /** Ids per request, at most ARXIV_BATCH_SIZE. */
  batchSize?: number;
}

interface WantedId {
  /** As the caller gave it. */
  input: string;
  canonical: string;
  /** What goes into id_list: the canonical id, with the version when one was asked for. */
  request: string;
}

export class ArxivClient {
  private readonly baseUrl: string;
  private readonly http: HttpFetcher;
  private readonly batchSize: number;

  constructor(options: ArxivClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? ARXIV_API_URL;
    this.batchSize = Math.max(1, Math.min(options.batchSize ?? ARXIV_BATCH_SIZE, ARXIV_BATCH_SIZE));
    this.http = new HttpFetcher({
      fetch: options.fetch,
      sleep: options.sleep,
      now: options.now,
      minIntervalMs: options.minIntervalMs ?? 3000,
      maxRetries: options.maxRetries,
      timeoutMs: options.timeoutMs,
      retryBaseMs: options.retryBaseMs,
      maxRetryAfterMs: options.maxRetryAfterMs,
      userAgent: options.userAgent,
      serviceName: 'arXiv',
    });
  }

  /**
   * Metadata for `ids` (bare ids, `arXiv:` ids, versioned ids, any URL parseArxivId
   * reads). Never rejects for a bad id or an unreachable arXiv: what could not be looked
   * up comes back in `failed`, with the reasons in `errors`.
   */
  async fetchByIds(ids: string[], onProgress?: (progress: ArxivProgress) => void): Promise<ArxivFetchResult> {
    const result: ArxivFetchResult = { papers: [], missing: [], failed: [], errors: [] };
    const wanted: WantedId[] = [];
    const malformed: string[] = [];
    const seen = new Set<string>();
    for (const input of ids) {
      const w = wantedId(input);
      if (w === null) {
        malformed.push(input);
      } else if (!seen.has(w.canonical)) {
        seen.add(w.canonical);
        wanted.push(w);
      }
    }
    if (malformed.length > 0) {
      // Checked here because arXiv refuses a whole request for one malformed id.
      result.failed.push(...malformed);
      result.errors.push(`not arXiv ids: ${malformed.map((s) => JSON.stringify(s)).join(', ')}`);
    }

    const found = new Map<string, ArxivPaper>();
    let unreachable = false;
    let skipped = 0;
    let done = 0;
    for (let i = 0; i < wanted.length; i += this.batchSize) {
      const batch = wanted.slice(i, i + this.batchSize);
      if (unreachable) {
        // Its retries are spent already: more batches would only wait out more back-offs.
        skipped += batch.length;
        result.failed.push(...batch.map((w) => w.input));
      } else {
        unreachable = await this.fetchBatch(batch, found, result);
      }
      done += batch.length;
      onProgress?.({ done, total: wanted.length });
    }
    if (skipped > 0) result.errors.push(`${countIds(skipped)} not looked up: arXiv was unreachable`);

    const failed = new Set(result.failed);
    for (const w of wanted) {
      const paper = found.get(w.canonical);
      if (paper !== undefined) result.papers.push(paper);
      else if (!failed.has(w.input)) result.missing.push(w.input);
    }
    return result;
  }

  /** Looks up one batch into `found`; true when arXiv could not be reached at all. */
  private async fetchBatch(
    batch: WantedId[],
    found: Map<string, ArxivPaper>,
    result: ArxivFetchResult,
  ): Promise<boolean> {
    let pending = batch;
    while (pending.length > 0) {
      try {
        const feed = await this.query({ idList: pending.map((w) => w.request), maxResults: pending.length });
        for (const paper of feed.papers) if (!found.has(paper.id)) found.set(paper.id, paper);
        return false;
      } catch (err) {
        if (!(err instanceof LectioError)) throw err;
        const badId = err.code === 'bad_input' ? badIdOf(err) : null;
        const rejected = badId === null ? [] : pending.filter((w) => sameId(w, badId));
        if (rejected.length > 0) {
          // arXiv names the id it could not read and refuses the rest with it: drop that
          // id and ask again for the others.
          result.failed.push(...rejected.map((w) => w.input));
          result.errors.push(err.message);
          pending = pending.filter((w) => !rejected.includes(w));
          continue;
        }
        result.failed.push(...pending.map((w) => w.input));
        result.errors.push(`${countIds(pending.length)} not looked up: ${err.message}`);
        // A broken answer may be one bad batch; retries spent on errors mean arXiv is out of reach.
        return isGiveUp(err);
      }
    }
    return false;
  }

  /** One page of a search (`au:del_maestro AND ti:checkerboard`, `cat:cs.CL`, `testing`). */
  async search(
    query: string,
    start = 0,
    max = 10,
    sort: Pick<ArxivQuery, 'sortBy' | 'sortOrder'> = {},
  ): Promise<ArxivFeed> {
    if (query.trim() === '') throw new LectioError('bad_input', 'arXiv search: the query is empty');
    if (!Number.isInteger(start) || start < 0) {
      throw new LectioError('bad_input', `arXiv search: start must be an integer >= 0, not ${start}`);
    }
    if (!Number.isInteger(max) || max < 1 || max > MAX_SLICE) {
      throw new LectioError(
        'bad_input',
        `arXiv search: max must be an integer from 1 to ${MAX_SLICE}, not ${max}`,
      );
    }
    if (start + max > MAX_RESULTS_REACH) {
      throw new LectioError(
        'bad_input',
        `arXiv search: arXiv serves no result past the ${MAX_RESULTS_REACH}th`,
      );
    }
    return this.query({ searchQuery: query, start, maxResults: max, ...sort });
  }

  /** One request to the API, as given: no id checks, no batching. */
  async query(q: ArxivQuery): Promise<ArxivFeed> {
    const url = new URL(this.baseUrl);
    if (q.searchQuery !== undefined) url.searchParams.set('search_query', q.searchQuery);
    if (q.idList !== undefined && q.idList.length > 0) url.searchParams.set('id_list', q.idList.join(','));
    url.searchParams.set('start', String(q.start ?? 0));
    url.searchParams.set('max_results', String(q.maxResults ?? 10));
    if (q.sortBy !== undefined) url.searchParams.set('sortBy', q.sortBy);
    if (q.sortOrder !== undefined) url.searchParams.set('sortOrder', q.sortOrder);

    const res = await this.http.get(url.toString(), 'application/atom+xml');
    const text = decodeBody(res.bytes, res.headers.get('content-type'));
    if (res.status >= 200 && res.status < 300) return parseArxivFeed(text);
    // Errors come as an Atom feed too (spec 3.4): HTTP 400 with an entry naming the problem.
    try {
      parseArxivFeed(text);
    } catch (err) {
      if (err instanceof LectioError && err.code === 'bad_input') throw err;
    }
    throw new LectioError('network', `arXiv answered HTTP ${res.status} ${res.statusText}`.trim(), {
      url: url.toString(),
      status: res.status,
    });
  }
}

// ---------------------------------------------------------------------------------------
// Ids

const VERSION_SUFFIX = /v(\d+)(?:\.pdf)?\/?$/i;

function wantedId(input: string): WantedId | null {
  const canonical = parseArxivId(input.trim());
  if (canonical === null) return null;
  const version = VERSION_SUFFIX.exec(input.trim())?.[1];
  return { input, canonical, request: version === undefined ? canonical : `${canonical}v${version}` };
}

function countIds(n: number): string {
  return n === 1 ? '1 id' : `${n} ids`;
}

function badIdOf(err: LectioError): string | null {
  const details = err.details as { badId?: unknown } | undefined;
  return typeof details?.badId === 'string' ? details.badId : null;
}

function sameId(w: WantedId, id: string): boolean {
  return w.request === id || w.input.trim() === id || w.canonical === (parseArxivId(id) ?? id);
}

// ---------------------------------------------------------------------------------------
// Parsing

const ERROR_ENTRY_ID = /\/api\/errors(?:#|$)/;
const BAD_ID_MESSAGE = /^incorrect id format for (.+)$/i;

/**
 * Reads an arXiv API answer. Throws LectioError('bad_input') for arXiv's error feed (a
 * single entry whose id is `.../api/errors#...`), naming the rejected id in the message
 * and in `details.badId`, and LectioError('network') for a body that is not an Atom feed.
 */
export function parseArxivFeed(text: string): ArxivFeed {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    if (err.rootName === 'html')
      throw new LectioError('network', 'arXiv answered with a web page, not an Atom feed');
    throw new LectioError('network', `arXiv sent a broken answer: ${err.message}`);
  }
  if (root.local !== 'feed') {
    throw new LectioError(
      'network',
      root.local === 'html'
        ? 'arXiv answered with a web page, not an Atom feed'
        : `arXiv sent <${root.name}>, not an Atom feed`,
    );
  }
  const entries = childrenNamed(root, 'entry', ATOM_NS);
  for (const entry of entries) {
    const id = cleanText(childText(entry, 'id', ATOM_NS) ?? '');
    if (!ERROR_ENTRY_ID.test(id)) continue;
    const summary = oneLine(childText(entry, 'summary', ATOM_NS) ?? '') || id;
    const badId = BAD_ID_MESSAGE.exec(summary)?.[1] ?? null;
    throw new LectioError(
      'bad_input',
      badId === null
        ? `arXiv rejected the query: ${summary}`
        : `arXiv rejected id ${JSON.stringify(badId)}: ${summary}`,
      { badId, arxivError: summary },
    );
  }
  const papers: ArxivPaper[] = [];
  for (const entry of entries) {
    const paper = paperOf(entry);
    if (paper !== null) papers.push(paper);
  }
  return {
    totalResults: intOrNull(childText(root, 'totalResults', OPENSEARCH_NS)),
    startIndex: intOrNull(childText(root, 'startIndex', OPENSEARCH_NS)),
    papers,
  };
}

const ABS_PATH_ID = /\/abs\/(.+?)(?:v\d+)?$/;

function paperOf(entry: XmlElement): ArxivPaper | null {
  const idUrl = cleanText(childText(entry, 'id', ATOM_NS) ?? '');
  // parseArxivId knows every id arXiv has issued; the fallback keeps an entry readable
  // if arXiv ever issues a shape it does not know yet.
  const id = parseArxivId(idUrl) ?? ABS_PATH_ID.exec(idUrl)?.[1] ?? null;
  if (id === null) return null;
  const version = /v(\d+)$/.exec(idUrl)?.[1];

  const categories: string[] = [];
  for (const c of childrenNamed(entry, 'category', ATOM_NS)) {
    const term = c.attrs.term?.trim();
    if (term && !categories.includes(term)) categories.push(term);
  }
  const primaryCategory =
    firstChild(entry, 'primary_category', ARXIV_NS)?.attrs.term?.trim() || categories[0] || null;

  const links: Link[] = [];
  let doiFromLink: string | null = null;
  for (const l of childrenNamed(entry, 'link', ATOM_NS)) {
    const href = l.attrs.href?.trim() ?? '';
    if (!/^https?:\/\//i.test(href)) continue;
    const title = l.attrs.title ?? '';
    if (title === 'pdf' || l.attrs.type === 'application/pdf') {
      links.push({ url: href, role: 'pdf', label: 'pdf' });
    } else if (title === 'doi') {
      links.push({ url: href, role: 'paper', label: 'doi' });
      doiFromLink = /doi\.org\/(.+)$/i.exec(href)?.[1] ?? null;
    } else if ((l.attrs.rel ?? 'alternate') === 'alternate') {
      links.push({ url: href, role: 'paper', label: 'abs' });
    }
  }

  const authors: string[] = [];
  for (const a of childrenNamed(entry, 'author', ATOM_NS)) {
    const name = cleanText(childText(a, 'name', ATOM_NS) ?? '');
    if (name !== '') authors.push(name);
  }

  return {
    id,
    version: version === undefined ? null : Number(version),
    title: mathAsText(cleanText(childText(entry, 'title', ATOM_NS) ?? '')),
    authors,
    abstract: cleanText(childText(entry, 'summary', ATOM_NS) ?? ''),
    published: toIsoDate(childText(entry, 'published', ATOM_NS)),
    updated: toIsoDate(childText(entry, 'updated', ATOM_NS)),
    categories,
    primaryCategory,
    doi: optionalText(entry, 'doi') ?? doiFromLink,
    journalRef: optionalText(entry, 'journal_ref'),
    comment: optionalText(entry, 'comment'),
    links,
  };
}

function optionalText(entry: XmlElement, local: string): string | null {
  const text = cleanText(childText(entry, local, ARXIV_NS) ?? '');
  return text === '' ? null : text;
}

function intOrNull(text: string | null): number | null {
  if (text === null) return null;
  const n = Number(text.trim());
  return Number.isInteger(n) ? n : null;
}

/**
 * A title's inline TeX as text: arXiv keeps what authors typed, "$ω$Test: WebView-Oriented
 * Testing for Android Applications" (2306.03845), "$\\alpha$-rays", and lists, show and
 * BibTeX printed the dollars. Only short $…$ runs with no space inside their dollars, as TeX
 * is typed: "a $5 prize and $10" is money.
 */
export function mathAsText(title: string): string {
  return title.includes('$')
    ? title.replace(/\$(?!\s)[^$]{1,80}(?<!\s)\$/gu, (math) => latexToText(math))
    : title;
}
