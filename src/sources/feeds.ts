// Subscriptions: arXiv category feeds (rss.arxiv.org), Hugging Face daily papers and any
// RSS 2.0, RSS 1.0 or Atom feed, read into one entry shape for the inbox. Entries are
// untrusted: every text is plain (HTML stripped, entities decoded, controls removed) and
// every link is http(s).

import type { IncomingEntry } from '../core/feed-store.js';
import { canonicalIdsOfUrl, parseArxivId } from '../core/canonical-id.js';
import { LectioError } from '../core/errors.js';
import { ARXIV_NS, ATOM_NS } from './arxiv-api.js';
import { HttpFetcher, type HttpFetcherOptions, hostOf, oneLine } from './http-fetch.js';
import { toIsoDate } from './iso-date.js';
import { cleanText, clip, htmlToText, textOfMaybeHtml } from './plain-text.js';
import {
  childrenNamed,
  childText,
  decodeBody,
  firstChild,
  parseXml,
  textOf,
  type XmlElement,
  XmlSyntaxError,
} from './xml-tree.js';

export const ANNOUNCE_TYPES = ['new', 'cross', 'replace', 'replace-cross'] as const;
/** rss.arxiv.org's `<arxiv:announce_type>`, best first: the order `ANNOUNCE_TYPES` lists. */
export type AnnounceType = (typeof ANNOUNCE_TYPES)[number];

/** One entry; the summary is at most MAX_SUMMARY_CHARS. */
export interface FeedEntry extends IncomingEntry {
  announceType: AnnounceType | null;
}

export interface Feed {
  spec: string;
  url: string;
  title: string | null;
  entries: FeedEntry[];
  /** What was dropped on the way (entries without title or link, duplicates merged). */
  warnings: string[];
}

export interface FeedBaseUrls {
  /** Category names are appended: `https://rss.arxiv.org/rss/` + `cs.LG`. */
  arxivRss?: string;
  hfDailyPapers?: string;
}

export const DEFAULT_FEED_BASE_URLS: Required<FeedBaseUrls> = {
  arxivRss: 'https://rss.arxiv.org/rss/',
  hfDailyPapers: 'https://huggingface.co/api/daily_papers',
};

const MAX_SUMMARY_CHARS = 10_000;
const MAX_TITLE_CHARS = 1_000;

const DC_NS = 'http://purl.org/dc/elements/1.1/';
const CONTENT_NS = 'http://purl.org/rss/1.0/modules/content/';
// RSS 2.0 elements have no namespace, RSS 1.0's have one. Matching on the local name alone
// would read an item's <atom:link rel="self"> or <itunes:category> as its link or category.
const RSS = ['', 'http://purl.org/rss/1.0/'] as const;
// Atom without its namespace declaration is broken but common enough to read.
const ATOM = [ATOM_NS, ''] as const;

// ---------------------------------------------------------------------------------------
// Specs

type FeedKind = 'arxiv' | 'hf' | 'rss';

// `cs`, `cs.LG`, `q-bio.NC`, `astro-ph`, `astro-ph.CO`; several joined by `+` (rss.md).
const ARXIV_CATEGORY = /^[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]{2,3})?$/;
const HF_DAILY = /^daily(?::(\d{4}-\d{2}-\d{2}))?$/;

interface ResolvedSpec {
  kind: FeedKind;
  url: string;
}

function resolveSpec(spec: string, baseUrls: FeedBaseUrls = {}): ResolvedSpec {
  const s = spec.trim();
  const bases = { ...DEFAULT_FEED_BASE_URLS, ...baseUrls };
  const colon = s.indexOf(':');
  const scheme = colon === -1 ? '' : s.slice(0, colon).toLowerCase();
  const rest = s.slice(colon + 1).trim();
  switch (scheme) {
    case 'arxiv': {
      const cats = rest.split('+');
      if (rest === '' || !cats.every((c) => ARXIV_CATEGORY.test(c))) {
        throw badSpec(spec, 'expected arXiv categories such as arxiv:cs.LG or arxiv:cs.LG+stat.ML');
      }
      return { kind: 'arxiv', url: `${bases.arxivRss}${cats.join('+')}` };
    }
    case 'hf': {
      const m = HF_DAILY.exec(rest);
      if (m === null) throw badSpec(spec, 'expected hf:daily or hf:daily:YYYY-MM-DD');
      const date = m[1];
      if (date !== undefined && toIsoDate(date) === null) throw badSpec(spec, `${date} is not a date`);
      return {
        kind: 'hf',
        url: date === undefined ? bases.hfDailyPapers : `${bases.hfDailyPapers}?date=${date}`,
      };
    }
    case 'rss':
    case 'atom':
      return { kind: 'rss', url: httpUrl(spec, rest) };
    case 'http':
    case 'https':
      return { kind: 'rss', url: httpUrl(spec, s) };
    default:
      throw badSpec(spec, 'use arxiv:CATEGORY, hf:daily, rss:URL or atom:URL');
  }
}

function httpUrl(spec: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badSpec(spec, 'not a URL');
  }
  // A feed URL is fetched, and its entries' links shown: file:, data: or javascript: have
  // no place in either.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badSpec(spec, `only http and https feeds are read, not ${url.protocol.slice(0, -1)}`);
  }
  return url.toString();
}

function badSpec(spec: string, problem: string): LectioError {
  return new LectioError('bad_input', `feed ${JSON.stringify(spec)}: ${problem}`);
}

/**
 * The URL a feed spec reads: `arxiv:cs.LG` → `https://rss.arxiv.org/rss/cs.LG`,
 * `hf:daily` → the Hugging Face daily papers API (`hf:daily:2024-10-25` for one day),
 * `rss:URL` (or `atom:URL`, or a bare http(s) URL) → URL.
 */
export function feedUrl(spec: string, baseUrls?: FeedBaseUrls): string {
  return resolveSpec(spec, baseUrls).url;
}

// ---------------------------------------------------------------------------------------
// Fetching

export interface FetchFeedOptions extends Pick<
  HttpFetcherOptions,
  'fetch' | 'sleep' | 'now' | 'timeoutMs' | 'maxRetries' | 'retryBaseMs' | 'maxRetryAfterMs'
> {
  baseUrls?: FeedBaseUrls;
  /** A fetcher shared across calls, so that polling many feeds keeps one request spacing. */
  http?: HttpFetcher;
  userAgent?: string;
}

const XML_ACCEPT =
  'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

export async function fetchFeed(spec: string, options: FetchFeedOptions = {}): Promise<Feed> {
  const { kind, url } = resolveSpec(spec, options.baseUrls);
  const http =
    options.http ??
    new HttpFetcher({
      fetch: options.fetch,
      sleep: options.sleep,
      now: options.now,
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      retryBaseMs: options.retryBaseMs,
      maxRetryAfterMs: options.maxRetryAfterMs,
      userAgent: options.userAgent,
      serviceName: `feed ${spec}`,
    });
  const res = await http.get(url, kind === 'hf' ? 'application/json' : XML_ACCEPT);
  if (res.status < 200 || res.status >= 300) {
    throw new LectioError(
      'network',
      `feed ${spec}: ${hostOf(url)} answered HTTP ${res.status} ${res.statusText}`.trim(),
      { url, status: res.status },
    );
  }
  const text = decodeBody(res.bytes, res.headers.get('content-type'));
  try {
    const parsed = kind === 'hf' ? parseHfDailyPapers(text) : parseFeedXml(text, res.url || url);
    return { spec, url, ...parsed };
  } catch (err) {
    if (!(err instanceof LectioError)) throw err;
    // A web page where a feed should be is the user's URL for rss:, but arXiv's or Hugging
    // Face's trouble for the others.
    const code = kind === 'rss' ? err.code : 'network';
    throw new LectioError(code, `feed ${spec}: ${err.message}`, { url });
  }
}

// ---------------------------------------------------------------------------------------
// RSS and Atom

export interface ParsedFeed {
  title: string | null;
  entries: FeedEntry[];
  warnings: string[];
}

/**
 * Reads RSS 2.0 (and 0.9x), RSS 1.0 (RDF) or Atom. `baseUrl` resolves relative links.
 * Throws LectioError('bad_input') for a document that is not a feed and
 * LectioError('network') for one that is not well-formed (cut short, mangled).
 */
export function parseFeedXml(text: string, baseUrl?: string): ParsedFeed {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    if (err.rootName === 'html') throw notAFeed('a web page');
    throw new LectioError('network', `broken feed: ${err.message}`);
  }
  const raw: RawEntry[] = [];
  let title: string | null;
  if (root.local === 'rss' || root.local === 'RDF') {
    const channel = firstChild(root, 'channel', RSS);
    title = channel === null ? null : nonEmpty(textOfMaybeHtml(childText(channel, 'title', RSS) ?? ''));
    // RSS 2.0 puts items in the channel, RSS 1.0 beside it.
    const items = [
      ...(channel === null ? [] : childrenNamed(channel, 'item', RSS)),
      ...childrenNamed(root, 'item', RSS),
    ];
    for (const item of items) raw.push(rssItem(item, baseUrl));
  } else if (root.local === 'feed') {
    const t = firstChild(root, 'title', ATOM);
    title = t === null ? null : nonEmpty(atomText(t));
    for (const entry of childrenNamed(root, 'entry', ATOM)) raw.push(atomEntry(entry, baseUrl));
  } else {
    throw notAFeed(root.local === 'html' ? 'a web page' : `<${root.name}>`);
  }
  return { title, ...finishEntries(raw) };
}

function notAFeed(what: string): LectioError {
  return new LectioError('bad_input', `${what}, not an RSS or Atom feed`);
}

/** An entry as read, before ids are settled and duplicates merged. */
type RawEntry = Omit<FeedEntry, 'id'> & { guid: string | null };

// rss.arxiv.org descriptions: "arXiv:2609.26811v1 Announce Type: new \nAbstract: ...".
const ARXIV_DESCRIPTION = /^\s*arXiv:(\S+)\s+Announce Type:\s*(\S+)\s*(?:Abstract:\s*)?/;
const OAI_ARXIV_GUID = /^oai:arXiv\.org:(.+)$/i;

function rssItem(item: XmlElement, baseUrl: string | undefined): RawEntry {
  const guid = nonEmpty(cleanText(childText(item, 'guid', RSS) ?? ''));
  const guidElement = firstChild(item, 'guid', RSS);
  let link = safeLink(childText(item, 'link', RSS), baseUrl);
  if (link === null && guidElement?.attrs.isPermaLink !== 'false') link = safeLink(guid, baseUrl);
  const description = childText(item, 'description', RSS) ?? childText(item, 'encoded', CONTENT_NS) ?? '';
  const arxiv = arxivAnnouncement(item, description, guid);

  const authors = childrenNamed(item, 'creator', DC_NS).map((c) => cleanText(textOf(c)));
  // rss.arxiv.org lists all authors in one dc:creator, "separated by comma"
  // (rss_specifications.md); elsewhere one dc:creator is one name, commas included.
  const splitAuthors =
    arxiv.isAnnouncement && authors.length === 1 ? (authors[0] ?? '').split(/\s*,\s*/) : authors;
  for (const a of childrenNamed(item, 'author', RSS)) splitAuthors.push(rssAuthorName(textOf(a)));

  return {
    guid,
    title: textOfMaybeHtml(childText(item, 'title', RSS) ?? ''),
    link,
    authors: splitAuthors.filter((a) => a !== ''),
    summary: textOfMaybeHtml(arxiv.abstract),
    published: toIsoDate(childText(item, 'pubDate', RSS) ?? childText(item, 'date', DC_NS)),
    categories: childrenNamed(item, 'category', RSS).map((c) => cleanText(textOf(c))),
    arxivId: arxiv.id ?? arxivIdOfLink(link),
    announceType: arxiv.announceType,
  };
}

/** `jane@example.com (Jane Doe)` → `Jane Doe`; RSS 2.0 wants an e-mail address there. */
function rssAuthorName(text: string): string {
  const t = cleanText(text);
  return /^\S+@\S+\s+\((.+)\)$/.exec(t)?.[1] ?? t;
}

function atomEntry(entry: XmlElement, baseUrl: string | undefined): RawEntry {
  const id = nonEmpty(cleanText(childText(entry, 'id', ATOM) ?? ''));
  let link: string | null = null;
  for (const l of childrenNamed(entry, 'link', ATOM)) {
    const rel = l.attrs.rel ?? 'alternate';
    if (rel !== 'alternate') continue;
    const href = safeLink(l.attrs.href ?? null, baseUrl);
    if (href !== null && (link === null || (l.attrs.type ?? 'text/html') === 'text/html')) link = href;
  }
  const summaryElement = firstChild(entry, 'summary', ATOM) ?? firstChild(entry, 'content', ATOM);
  const summaryText = summaryElement === null ? '' : atomText(summaryElement);
  const arxiv = arxivAnnouncement(entry, summaryElement === null ? '' : textOf(summaryElement), id);

  const authors = childrenNamed(entry, 'author', ATOM).map((a) =>
    cleanText(childText(a, 'name', ATOM) ?? ''),
  );
  const creators = childrenNamed(entry, 'creator', DC_NS).map((c) => cleanText(textOf(c)));
  if (arxiv.isAnnouncement && creators.length === 1) authors.push(...(creators[0] ?? '').split(/\s*,\s*/));
  else authors.push(...creators);

  const titleElement = firstChild(entry, 'title', ATOM);
  const categories: string[] = [];
  for (const c of childrenNamed(entry, 'category', ATOM)) {
    const term = cleanText(c.attrs.term ?? c.attrs.label ?? '');
    if (term !== '') categories.push(term);
  }
  return {
    guid: id,
    title: titleElement === null ? '' : atomText(titleElement),
    link,
    authors: authors.filter((a) => a !== ''),
    summary: arxiv.isAnnouncement ? textOfMaybeHtml(arxiv.abstract) : summaryText,
    published: toIsoDate(childText(entry, 'published', ATOM) ?? childText(entry, 'updated', ATOM)),
    categories,
    arxivId: arxiv.id ?? arxivIdOfLink(link),
    announceType: arxiv.announceType,
  };
}

/** Atom text constructs say what they hold (RFC 4287, 3.1): text, escaped html, or xhtml. */
function atomText(el: XmlElement): string {
  const type = (el.attrs.type ?? 'text').toLowerCase();
  if (type === 'html' || type === 'text/html') return htmlToText(textOf(el));
  return cleanText(textOf(el));
}

interface ArxivAnnouncement {
  isAnnouncement: boolean;
  id: string | null;
  announceType: AnnounceType | null;
  /** The description without its "arXiv:... Announce Type: ... Abstract:" head. */
  abstract: string;
}

/**
 * What rss.arxiv.org says about an item: its `<arxiv:announce_type>`, and the id and type
 * repeated at the head of the description (which is not part of the abstract).
 */
function arxivAnnouncement(el: XmlElement, description: string, guid: string | null): ArxivAnnouncement {
  const head = ARXIV_DESCRIPTION.exec(description);
  const typeText = cleanText(childText(el, 'announce_type', ARXIV_NS) ?? head?.[2] ?? '');
  const announceType = (ANNOUNCE_TYPES as readonly string[]).includes(typeText)
    ? (typeText as AnnounceType)
    : null;
  const oai = (guid === null ? null : OAI_ARXIV_GUID.exec(guid)?.[1]) ?? null;
  const idText = oai ?? head?.[1] ?? null;
  return {
    isAnnouncement: announceType !== null || head !== null || oai !== null,
    id: idText === null ? null : parseArxivId(idText),
    announceType,
    abstract: head === null ? description : description.slice(head[0].length),
  };
}

function arxivIdOfLink(link: string | null): string | null {
  if (link === null) return null;
  return canonicalIdsOfUrl(link).find((id) => id.scheme === 'arxiv')?.value ?? null;
}

function safeLink(text: string | null, baseUrl: string | undefined): string | null {
  const t = text?.trim() ?? '';
  if (t === '') return null;
  let url: URL;
  try {
    url = baseUrl === undefined ? new URL(t) : new URL(t, baseUrl);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
}

function nonEmpty(text: string): string | null {
  return text === '' ? null : text;
}

// ---------------------------------------------------------------------------------------
// Ids and duplicates

function announceRank(type: AnnounceType | null): number {
  return type === null ? ANNOUNCE_TYPES.length : ANNOUNCE_TYPES.indexOf(type);
}

/**
 * Settles each entry's id and merges entries that share one. A combined arXiv feed
 * (`cs.LG+stat.ML`) can list a paper once per category, as new in one and cross-listed
 * in another: that is one paper, so one entry, with the categories of both and the best
 * announce type (new > cross > replace > replace-cross).
 */
function finishEntries(raw: RawEntry[]): { entries: FeedEntry[]; warnings: string[] } {
  const byId = new Map<string, FeedEntry>();
  let untitled = 0;
  let merged = 0;
  for (const r of raw) {
    const title = clip(r.title, MAX_TITLE_CHARS);
    if (title === '' && r.link === null) {
      untitled++;
      continue;
    }
    const id = r.arxivId !== null ? `arxiv:${r.arxivId}` : (r.guid ?? r.link ?? `title:${title}`);
    const entry: FeedEntry = {
      id,
      title,
      link: r.link,
      authors: [...new Set(r.authors)],
      summary: clip(r.summary, MAX_SUMMARY_CHARS),
      published: r.published,
      categories: [...new Set(r.categories.filter((c) => c !== ''))],
      arxivId: r.arxivId,
      announceType: r.announceType,
    };
    const seen = byId.get(id);
    if (seen === undefined) {
      byId.set(id, entry);
      continue;
    }
    merged++;
    if (announceRank(entry.announceType) < announceRank(seen.announceType))
      seen.announceType = entry.announceType;
    for (const c of entry.categories) if (!seen.categories.includes(c)) seen.categories.push(c);
    if (seen.summary === '') seen.summary = entry.summary;
    if (seen.authors.length === 0) seen.authors = entry.authors;
    if (seen.link === null) seen.link = entry.link;
  }
  const warnings: string[] = [];
  if (untitled > 0) warnings.push(`skipped ${untitled} entries with neither title nor link`);
  if (merged > 0) warnings.push(`merged ${merged} duplicate entries`);
  return { entries: [...byId.values()], warnings };
}

// ---------------------------------------------------------------------------------------
// Hugging Face daily papers

/**
 * Reads the JSON of huggingface.co/api/daily_papers: an array of
 * `{ paper: { id, title, summary, authors: [{ name, hidden }], publishedAt }, title, publishedAt }`,
 * where `paper.id` is the arXiv id and the outer `title` is the paper's title without
 * arXiv's hard wraps. Entries that do not have that shape are skipped, not fatal.
 */
export function parseHfDailyPapers(text: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new LectioError(
      'network',
      `broken JSON from Hugging Face: ${oneLine(String((err as Error).message))}`,
    );
  }
  if (!Array.isArray(data)) throw new LectioError('network', 'Hugging Face sent no list of papers');
  const raw: RawEntry[] = [];
  let unreadable = 0;
  for (const item of data) {
    const paper = field(item, 'paper');
    const id = stringField(paper, 'id');
    if (id === null) {
      unreadable++;
      continue;
    }
    const arxivId = parseArxivId(id);
    const authors: string[] = [];
    const list = field(paper, 'authors');
    if (Array.isArray(list)) {
      for (const a of list) {
        // Hidden authors are not shown on the paper's page either.
        if (field(a, 'hidden') === true) continue;
        const name = stringField(a, 'name');
        if (name !== null) authors.push(cleanText(name));
      }
    }
    raw.push({
      guid: arxivId === null ? `hf:${id}` : null,
      title: cleanText(stringField(item, 'title') ?? stringField(paper, 'title') ?? ''),
      link: `https://huggingface.co/papers/${id.split('/').map(encodeURIComponent).join('/')}`,
      authors,
      summary: cleanText(stringField(paper, 'summary') ?? ''),
      published: toIsoDate(stringField(item, 'publishedAt') ?? stringField(paper, 'publishedAt')),
      categories: [],
      arxivId,
      announceType: null,
    });
  }
  const { entries, warnings } = finishEntries(raw);
  if (unreadable > 0) warnings.unshift(`skipped ${unreadable} entries without a paper id`);
  return { title: 'Hugging Face daily papers', entries, warnings };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function stringField(value: unknown, key: string): string | null {
  const v = field(value, key);
  return typeof v === 'string' ? v : null;
}
