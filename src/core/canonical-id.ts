// Canonical identifiers: the keys by which lectio decides that two links name the same work.
// Pure functions, no I/O. canonicalIdsOfUrl runs once per link of a 100k-item import, so
// every pattern is compiled once here and strings that are not http(s) URLs never reach
// the URL parser (nor its exceptions).

export type IdScheme = 'arxiv' | 'doi' | 'github' | 'youtube' | 'url';

export interface CanonicalId {
  scheme: IdScheme;
  value: string;
}

/** An identifier that names one work, unlike a page's `url` id. */
export interface StrongId extends CanonicalId {
  scheme: Exclude<IdScheme, 'url'>;
}

export function idKey(id: CanonicalId): string {
  return `${id.scheme}:${id.value}`;
}

// ---------------------------------------------------------------------------------------
// arXiv

// Archives of the pre-2007 scheme (`hep-th/9901001`). A closed list, so that free text such
// as "and/or 1234567" is never read as an arXiv id.
const OLD_ARCHIVES = new Set([
  'acc-phys',
  'adap-org',
  'alg-geom',
  'ao-sci',
  'astro-ph',
  'atom-ph',
  'bayes-an',
  'chao-dyn',
  'chem-ph',
  'cmp-lg',
  'comp-gas',
  'cond-mat',
  'cs',
  'dg-ga',
  'funct-an',
  'gr-qc',
  'hep-ex',
  'hep-lat',
  'hep-ph',
  'hep-th',
  'math',
  'math-ph',
  'mtrl-th',
  'nlin',
  'nucl-ex',
  'nucl-th',
  'patt-sol',
  'physics',
  'plasm-ph',
  'q-alg',
  'q-bio',
  'q-fin',
  'quant-ph',
  'solv-int',
  'stat',
  'supr-con',
]);

// Group 1: new-style `YYMM.NNNN(N)`; groups 2-3: old-style `archive(.SC)/YYMMNNN`.
// A version suffix and a `.pdf` extension may follow; whatever comes after a `/` is a
// sub-page (`arxiv.org/html/2401.12522v2/#S3`), not part of the id.
const ARXIV_ID_AT_START =
  /^(?:(\d{4}\.\d{4,5})|([a-z]+(?:-[a-z]+)?)(?:\.[a-z]{2})?\/(\d{7}))(?:v\d+)?(?:\.pdf)?(?:\/.*)?$/i;
// The same shapes inside free text ("arXiv:2401.04088v2 [cs.LG]"). The look-arounds keep
// us from reading a piece of a longer number or of a DOI suffix as an id.
const ARXIV_ID_IN_TEXT =
  /(?<![\w./-])(?:arxiv:\s*)?(?:(\d{4}\.\d{4,5})|([a-z]+(?:-[a-z]+)?)(?:\.[a-z]{2})?\/(\d{7}))(?:v\d+)?(?![\w/-]|\.\d)/gi;
const ARXIV_URL_IN_TEXT =
  /(?:https?:\/\/)?(?:[\w-]+\.)*(?:arxiv\.org|ar5iv\.org|alphaxiv\.org|huggingface\.co\/papers|papers\.cool\/arxiv)\/[^\s<>"'()[\]]+/i;
const ARXIV_DOI_PREFIX = '10.48550/arxiv.';

/**
 * Checks a new-style id against arXiv's numbering: 4-digit sequence numbers from 0704
 * (April 2007) to 1412, 5-digit ones from 1501. Month 13 or `2401.0408` are typos or
 * something else (a version number, a page range), never a paper.
 */
function validNewArxivId(id: string): boolean {
  const month = Number(id.slice(2, 4));
  if (month < 1 || month > 12) return false;
  const yymm = Number(id.slice(0, 4));
  const digits = id.length - 5;
  return digits === 4 ? yymm >= 704 && yymm <= 1412 : yymm >= 1501;
}

/** Old-style ids ran from August 1991 (9108) to March 2007 (0703). */
function validOldArxivId(archive: string, number: string): boolean {
  if (!OLD_ARCHIVES.has(archive)) return false;
  const yy = Number(number.slice(0, 2));
  const mm = Number(number.slice(2, 4));
  if (mm < 1 || mm > 12) return false;
  if (yy >= 91) return yy > 91 || mm >= 8;
  return yy < 7 || (yy === 7 && mm <= 3);
}

/**
 * The canonical id from regex groups. Old-style ids drop the subject class and fold case:
 * `math.GT/0309136` and `math/0309136` are one paper (arXiv itself redirects the former),
 * and `hep-th/9901001v2` is the same paper as `hep-th/9901001`.
 */
function arxivIdOfGroups(
  modern: string | undefined,
  archive: string | undefined,
  number: string | undefined,
): string | null {
  if (modern !== undefined) return validNewArxivId(modern) ? modern : null;
  if (archive === undefined || number === undefined) return null;
  const lower = archive.toLowerCase();
  return validOldArxivId(lower, number) ? `${lower}/${number}` : null;
}

function arxivIdAtStart(text: string): string | null {
  const m = ARXIV_ID_AT_START.exec(text);
  return m ? arxivIdOfGroups(m[1], m[2], m[3]) : null;
}

// Paths on arxiv.org and its mirrors and readers (ar5iv, alphaXiv) that end in a paper id.
// `overview` is alphaXiv's; the rest are arXiv's own views of one paper.
const ARXIV_VIEW_PATH = /^\/(?:abs|pdf|html|format|ps|src|e-print|overview)\/(.+)$/;
// Seed 004 lists the TPU paper as `arxiv.org/ftp/arxiv/papers/1704/1704.04760.pdf`; the
// pre-2007 ftp tree is `/ftp/cs/papers/0112/0112017.pdf`, with the archive as a folder.
const ARXIV_FTP_PATH = /^\/ftp\/([a-z-]+)\/papers\/\d{4}\/(.+)$/;
const AFTER_FIRST_SEGMENT = /^\/[^/]+\/(.+)$/;

function isArxivHost(host: string): boolean {
  // `*.arxiv.org` covers export., browse. (DefTruth's awesome-llm-inference links
  // browse.arxiv.org/pdf/2306.00978.pdf) and ar5iv.labs.arxiv.org.
  return (
    host === 'arxiv.org' ||
    host.endsWith('.arxiv.org') ||
    host === 'ar5iv.org' ||
    host === 'alphaxiv.org' ||
    host === 'xxx.lanl.gov'
  );
}

function arxivIdOfUrl(host: string, path: string, url: URL): string | null {
  if (isArxivHost(host)) {
    const view = ARXIV_VIEW_PATH.exec(path);
    if (view?.[1] !== undefined) return arxivIdAtStart(view[1]);
    const ftp = ARXIV_FTP_PATH.exec(path);
    if (ftp?.[1] !== undefined && ftp[2] !== undefined) {
      return arxivIdAtStart(ftp[1] === 'arxiv' ? ftp[2] : `${ftp[1]}/${ftp[2]}`);
    }
    return null;
  }
  switch (host) {
    // Hugging Face paper pages are keyed by the arXiv id: seed 004 links EAGLE as
    // huggingface.co/papers/2401.15077, the same paper as arxiv.org/abs/2401.15077.
    case 'huggingface.co':
    case 'hf.co':
      return path.startsWith('/papers/') ? arxivIdAtStart(path.slice('/papers/'.length)) : null;
    case 'papers.cool':
    case 'semanticscholar.org':
    case 'scirate.com':
      if (!path.startsWith('/arxiv/')) return null;
      return arxivIdAtStart(path.slice('/arxiv/'.length));
    case 'arxiv-sanity.com':
    case 'arxiv-sanity-lite.com': {
      const pid = url.searchParams.get('pid');
      if (pid !== null) return arxivIdAtStart(pid);
      const rest = AFTER_FIRST_SEGMENT.exec(path)?.[1];
      return arxivIdAtStart(rest !== undefined && path.startsWith('/abs/') ? rest : path.slice(1));
    }
    default:
      return null;
  }
}

/**
 * An arXiv id found in `text`: a bare id (`2401.04088`, `2401.04088v2`, `arXiv:2401.04088`,
 * `cs/0112017`, `math.GT/0309136`), any URL canonicalIdsOfUrl reads an id from, or an arXiv
 * DOI. Returns the canonical form: no version, old-style archives lower-cased and without
 * subject class.
 */
export function parseArxivId(text: string): string | null {
  const urlMatch = ARXIV_URL_IN_TEXT.exec(text);
  if (urlMatch !== null) {
    const raw = urlMatch[0];
    const id = arxivIdOfParsed(parseHttpUrl(HTTP_PREFIX.test(raw) ? raw : `https://${raw}`));
    if (id !== null) return id;
  }
  const doi = parseDoi(text);
  if (doi?.startsWith(ARXIV_DOI_PREFIX)) return arxivIdAtStart(doi.slice(ARXIV_DOI_PREFIX.length));
  ARXIV_ID_IN_TEXT.lastIndex = 0;
  for (let m = ARXIV_ID_IN_TEXT.exec(text); m !== null; m = ARXIV_ID_IN_TEXT.exec(text)) {
    const id = arxivIdOfGroups(m[1], m[2], m[3]);
    if (id !== null) return id;
  }
  return null;
}

function arxivIdOfParsed(parsed: ParsedUrl | null): string | null {
  return parsed === null ? null : arxivIdOfUrl(parsed.host, parsed.url.pathname, parsed.url);
}

// ---------------------------------------------------------------------------------------
// DOI

// Registrant codes have at least four digits, which is what rejects CiteSeerX's
// `?doi=10.1.1.21.2707` (papers-we-love): an internal id that only looks like a DOI.
const DOI_IN_TEXT = /10\.\d{4,9}\/[^\s"<>]+/i;
const DOI_EXACT = /^10\.\d{4,9}\/\S+$/;
// Publisher pages put the DOI after `/doi/`, sometimes with a view in between:
// dl.acm.org/doi/{abs,pdf,full}/10.1145/..., onlinelibrary.wiley.com/doi/epdf/...,
// science.org/doi/10.1126/..., techrxiv.org/doi/full/10.36227/...
const DOI_AFTER_DOI_SEGMENT =
  /\/doi\/(?:(?:abs|full|pdf|epdf|pdfdirect|fullhtml|book|reader|suppl|figure|ref)\/)*(10\.\d{4,9}\/.+)$/i;
const SPRINGER_PATH = /^\/(?:article|chapter|content\/pdf|book|referenceworkentry)\/(10\.\d{4,9}\/.+)$/;
// nature.com/articles/s41586-024-08252-9 (dair-ai) is DOI 10.1038/s41586-024-08252-9:
// Nature's article id is its DOI suffix by construction.
const NATURE_PATH = /^\/articles\/([a-z0-9.-]+?)(?:\.pdf)?$/i;
// Views that publishers append after the DOI (wiley `.../abstract`, frontiers `.../full`).
const DOI_VIEW_SUFFIX =
  /\/(?:full|abstract|pdf|epdf|meta|summary|references|figures|html|fulltext|download)$/i;
const PDF_SUFFIX = /\.pdf$/i;
const TRAILING_PUNCTUATION = /[.,;:'"]+$/;

/**
 * Tidies a DOI cut out of text or a URL. DOIs are case-insensitive (the DOI Handbook, 2.4),
 * so the canonical form is lower-case; percent-escapes are decoded because `%2F` and `/`
 * name the same DOI. Only what can never end a DOI is cut: sentence punctuation, an
 * unbalanced closing bracket, and (for publisher URLs, `fromPage`) a view suffix or `.pdf`.
 */
function cleanDoi(raw: string, fromPage: boolean): string | null {
  let doi = raw;
  if (doi.includes('%')) {
    try {
      doi = decodeURIComponent(doi);
    } catch {
      return null;
    }
  }
  doi = doi.replace(TRAILING_PUNCTUATION, '');
  for (const [open, close] of [
    ['(', ')'],
    ['[', ']'],
  ] as const) {
    while (doi.endsWith(close) && count(doi, close) > count(doi, open)) doi = doi.slice(0, -1);
  }
  if (fromPage) {
    let prev = '';
    while (prev !== doi) {
      prev = doi;
      doi = doi.replace(DOI_VIEW_SUFFIX, '').replace(PDF_SUFFIX, '');
    }
  }
  doi = doi.replace(TRAILING_PUNCTUATION, '').toLowerCase();
  return DOI_EXACT.test(doi) ? doi : null;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

function doiOfUrl(host: string, path: string, url: URL): string | null {
  if (host === 'doi.org' || host === 'dx.doi.org') return cleanDoi(path.slice(1), false);
  if (host === 'link.springer.com') {
    const m = SPRINGER_PATH.exec(path);
    return m?.[1] === undefined ? null : cleanDoi(m[1], true);
  }
  if (host === 'nature.com') {
    const m = NATURE_PATH.exec(path);
    return m?.[1] === undefined ? null : cleanDoi(`10.1038/${m[1]}`, false);
  }
  // ieeexplore.ieee.org/document/9773213 carries no DOI: only an online lookup could
  // give one, so it stays a url id.
  const m = DOI_AFTER_DOI_SEGMENT.exec(path);
  if (m?.[1] !== undefined) return cleanDoi(m[1], true);
  // journals.plos.org/plosone/article?id=10.1371/journal.pone.0000000, and any page that
  // passes the DOI as `?doi=` (validated, so CiteSeerX's look-alikes fall out).
  if (url.search.length > 0) {
    const q =
      url.searchParams.get('doi') ?? (host === 'journals.plos.org' ? url.searchParams.get('id') : null);
    if (q !== null) return cleanDoi(q, false);
  }
  return null;
}

/** A DOI in `text`: `10.1145/3360307`, `doi:10.1145/...`, `https://doi.org/...`, publisher URLs. */
export function parseDoi(text: string): string | null {
  if (HTTP_PREFIX.test(text)) {
    const parsed = parseHttpUrl(text);
    if (parsed !== null) {
      const doi = doiOfUrl(parsed.host, parsed.url.pathname, parsed.url);
      if (doi !== null) return doi;
    }
  }
  const m = DOI_IN_TEXT.exec(text);
  return m === null ? null : cleanDoi(m[0], false);
}

// ---------------------------------------------------------------------------------------
// GitHub and YouTube

// First path segments of github.com that are GitHub's own pages, not an owner:
// `github.com/user-attachments/assets/...` (DefTruth's README images) is no repository.
const GITHUB_RESERVED = new Set([
  'about',
  'apps',
  'collections',
  'codespaces',
  'customer-stories',
  'enterprise',
  'events',
  'explore',
  'features',
  'issues',
  'join',
  'login',
  'marketplace',
  'new',
  'notifications',
  'orgs',
  'organizations',
  'pricing',
  'pulls',
  'search',
  'security',
  'settings',
  'site',
  'sponsors',
  'topics',
  'trending',
  'user-attachments',
]);
const GITHUB_REPO_PATH = /^\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)(?:\/|$)/;
const DOT_GIT = /\.git$/i;

/**
 * `owner/repo`, lower-cased: GitHub resolves names case-insensitively, so
 * `github.com/Dao-AILab/flash-attention` and `.../dao-ailab/Flash-Attention.git` are one
 * repository. Deeper paths (tree, blob, wiki, releases) still name that repository; the url
 * id keeps them apart where that matters (microsoft/unilm/tree/master/YOCO vs .../bitnet).
 * `github.com/owner` alone is a profile and `gist.github.com` a snippet: url ids only.
 */
function githubRepoOfUrl(host: string, path: string): string | null {
  if (host !== 'github.com' && host !== 'raw.githubusercontent.com') return null;
  const m = GITHUB_REPO_PATH.exec(path);
  if (m?.[1] === undefined || m[2] === undefined) return null;
  const owner = m[1].toLowerCase();
  if (GITHUB_RESERVED.has(owner)) return null;
  const repo = m[2].replace(DOT_GIT, '').toLowerCase();
  if (repo === '' || repo === '.' || repo === '..') return null;
  return `${owner}/${repo}`;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const YOUTUBE_PATH_ID = /^\/(?:embed|shorts|live|v)\/([A-Za-z0-9_-]{11})(?:\/|$)/;

function youtubeIdOfUrl(host: string, path: string, url: URL): string | null {
  if (host === 'youtu.be') {
    const id = path.slice(1);
    return YOUTUBE_ID.test(id) ? id : null;
  }
  if (
    host !== 'youtube.com' &&
    host !== 'm.youtube.com' &&
    host !== 'music.youtube.com' &&
    host !== 'youtube-nocookie.com'
  ) {
    return null;
  }
  if (path === '/watch') {
    const v = url.searchParams.get('v');
    return v !== null && YOUTUBE_ID.test(v) ? v : null;
  }
  return YOUTUBE_PATH_ID.exec(path)?.[1] ?? null;
}

// ---------------------------------------------------------------------------------------
// URL normalisation

const HTTP_PREFIX = /^https?:\/\//i;
// Sentence punctuation glued to a bare URL in prose: seed 000 has
// "https://arxiv.org/pdf/2004.09602.pdf, show some interesting data".
const TRAILING_URL_PUNCTUATION = /[.,;:!?'"]+$/;
// Query parameters that only say how the reader arrived. Dropping anything else could
// merge different pages (openreview.net/forum?id=... is all query).
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'yclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'hss_channel',
]);
// dair-ai's list links tweets as both twitter.com/... and x.com/..., with `?s=20&t=...`
// share tokens that differ per copy of the same tweet.
const TWITTER_HOSTS = new Set(['twitter.com', 'mobile.twitter.com', 'x.com', 'mobile.x.com']);
const TWITTER_SHARE_PARAMS = new Set(['s', 't']);
const PERCENT_ESCAPE = /%[0-9a-f]{2}/gi;
const UNRESERVED = /[A-Za-z0-9\-._~]/;
const TRAILING_SLASHES = /\/+$/;
const GOOGLE_HOST = /^google\.[a-z]{2,3}(?:\.[a-z]{2})?$/;
const WAYBACK_PATH = /^\/web\/\d+[a-z_]*\/(.+)$/;

interface ParsedUrl {
  url: URL;
  /** Lower-case, without `www.` or a trailing dot; `twitter.com` folded into `x.com`. */
  host: string;
}

function trimUrl(raw: string): string {
  let s = raw.trim().replace(TRAILING_URL_PUNCTUATION, '');
  // A `)` closing the prose around the URL, not one inside it (Wikipedia's `Foo_(bar)`).
  while (s.endsWith(')') && count(s, ')') > count(s, '(')) {
    s = s.slice(0, -1).replace(TRAILING_URL_PUNCTUATION, '');
  }
  return s;
}

// The last URL parsed, and what it gave. A link is parsed twice in a row, by isBadgeOrAnchor
// and then by canonicalIdsOfUrl (link roles on import, the markdown export): the second is
// free. Sharing the result is safe because nothing here changes a parsed URL.
let lastRaw: string | undefined;
let lastParsed: ParsedUrl | null = null;

function parseHttpUrl(raw: string): ParsedUrl | null {
  if (raw !== lastRaw) {
    lastParsed = parseHttpUrlAt(raw, 0);
    lastRaw = raw;
  }
  return lastParsed;
}

function parseHttpUrlAt(raw: string, depth: number): ParsedUrl | null {
  const text = trimUrl(raw);
  if (!HTTP_PREFIX.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  let host = url.hostname.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.startsWith('www.')) host = host.slice(4);
  if (TWITTER_HOSTS.has(host)) host = 'x.com';
  if (depth === 0) {
    const inner = unwrapRedirect(host, url);
    if (inner !== null) return parseHttpUrlAt(inner, 1) ?? { url, host };
  }
  return { url, host };
}

/**
 * The page behind a redirect or an archive copy: htqin's awesome-model-quantization links
 * AAAI papers through `google.com/url?...&url=https%3A%2F%2Fwww.aaai.org...pdf`, and
 * chenhongyu2048's list an ACM pdf through `web.archive.org/web/20220722092230id_/https://
 * dl.acm.org/doi/pdf/...`. Both are the inner document, so they get its identity.
 */
function unwrapRedirect(host: string, url: URL): string | null {
  if (GOOGLE_HOST.test(host) && url.pathname === '/url') {
    return url.searchParams.get('url') ?? url.searchParams.get('q');
  }
  if (host === 'web.archive.org') {
    const inner = WAYBACK_PATH.exec(url.pathname + url.search)?.[1];
    if (inner === undefined) return null;
    return HTTP_PREFIX.test(inner) ? inner : `http://${inner}`;
  }
  return null;
}

function normalizePercentEscapes(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(PERCENT_ESCAPE, (hex) => {
    const ch = String.fromCharCode(Number.parseInt(hex.slice(1), 16));
    return UNRESERVED.test(ch) ? ch : hex.toUpperCase();
  });
}

function normalizedValue({ url, host }: ParsedUrl): string {
  const port = url.port === '' ? '' : `:${url.port}`;
  const path = normalizePercentEscapes(url.pathname).replace(TRAILING_SLASHES, '');
  let query = '';
  if (url.search.length > 1) {
    const twitter = host === 'x.com';
    const kept: string[] = [];
    for (const pair of url.search.slice(1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      const key = (eq === -1 ? pair : pair.slice(0, eq)).toLowerCase();
      if (key.startsWith('utm_') || TRACKING_PARAMS.has(key)) continue;
      if (twitter && TWITTER_SHARE_PARAMS.has(key)) continue;
      kept.push(normalizePercentEscapes(pair));
    }
    if (kept.length > 0) query = `?${kept.sort().join('&')}`;
  }
  return `${host}${port}${path}${query}`;
}

/**
 * The comparable form of an http(s) URL: no scheme (http and https copies of a page are one
 * page), lower-case host without `www.` or a default port, no fragment (`#page=89`,
 * `#kv-cache` point inside the same document), no tracking parameters, the remaining query
 * sorted, no trailing slash. The path keeps its case: servers may treat `/Foo` and `/foo`
 * as different pages. Returns null for anything that is not an absolute http(s) URL, such
 * as seed 002's relative `./papers/LLM/FlashAttention.md`.
 */
export function normalizeUrl(url: string): string | null {
  const parsed = parseHttpUrl(url);
  return parsed === null ? null : normalizedValue(parsed);
}

/**
 * Every identifier a URL carries, strongest first, its normalised `url` id always last.
 * Relative paths and non-http(s) strings carry none. An arXiv DOI (`10.48550/arXiv.X`) is
 * reported as the arXiv id only: the paper's journal DOI, when it has one, is a different
 * DOI, and two `doi` ids on one item would look like a contradiction when merging.
 */
export function canonicalIdsOfUrl(url: string): CanonicalId[] {
  const plain = plainArxivId(url);
  if (plain !== null) {
    // The path of such a URL is already normal (no escapes, query or trailing slash).
    const byUrl = url.slice(url.indexOf('arxiv.org/'));
    return [
      { scheme: 'arxiv', value: plain },
      { scheme: 'url', value: byUrl },
    ];
  }
  const parsed = parseHttpUrl(url);
  if (parsed === null) return [];
  const strong = strongIdOfParsed(parsed);
  const byUrl: CanonicalId = { scheme: 'url', value: normalizedValue(parsed) };
  return strong === null ? [byUrl] : [strong, byUrl];
}

/**
 * Every URL that strongIdOfParsed can read an id from names one of these in its text: a host
 * it knows (arxivIdOfUrl, doiOfUrl, githubRepoOfUrl, youtubeIdOfUrl), or "doi" in a path or
 * query. The others skip `new URL`, most of the cost of `ids` in `lectio list --json`.
 * canonical-id.test.ts holds the two equal on every URL of the seeds and the real lists.
 */
const MAY_CARRY_STRONG_ID =
  /arxiv|ar5iv|alphaxiv|lanl\.gov|huggingface\.co|hf\.co|papers\.cool|semanticscholar|scirate|doi|springer|nature\.com|plos\.org|github|youtu/i;

/**
 * The commonest identity link by far, `https://arxiv.org/abs/2401.15077` (or /pdf/, with a
 * version, with `.pdf`), read without `new URL`: the ids strongIdOfParsed and
 * normalizedValue read from it (canonical-id.test.ts holds them equal). Anything else takes
 * the whole way.
 */
const PLAIN_ARXIV_URL = /^https?:\/\/(?:www\.)?arxiv\.org\/(?:abs|pdf)\/(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?$/;

/** The arXiv id of a `PLAIN_ARXIV_URL`, or null for any other URL. */
function plainArxivId(url: string): string | null {
  const id = PLAIN_ARXIV_URL.exec(url)?.[1];
  return id !== undefined && validNewArxivId(id) ? id : null;
}

/**
 * The strong identifier (arxiv, doi, github or youtube) a URL carries, if any: the first of
 * canonicalIdsOfUrl without the cost of its normalised `url` id (`lectio list --json`
 * computes `ids` for every item).
 */
export function strongIdOfUrl(url: string): StrongId | null {
  const plain = plainArxivId(url);
  if (plain !== null) return { scheme: 'arxiv', value: plain };
  if (!MAY_CARRY_STRONG_ID.test(url)) return null;
  const parsed = parseHttpUrl(url);
  return parsed === null ? null : strongIdOfParsed(parsed);
}

function strongIdOfParsed(parsed: ParsedUrl): StrongId | null {
  const { host } = parsed;
  const path = parsed.url.pathname;
  const arxiv = arxivIdOfUrl(host, path, parsed.url);
  if (arxiv !== null) return { scheme: 'arxiv', value: arxiv };
  const doi = doiOfUrl(host, path, parsed.url);
  if (doi !== null) {
    const arxivFromDoi = doi.startsWith(ARXIV_DOI_PREFIX)
      ? arxivIdAtStart(doi.slice(ARXIV_DOI_PREFIX.length))
      : null;
    return arxivFromDoi !== null ? { scheme: 'arxiv', value: arxivFromDoi } : { scheme: 'doi', value: doi };
  }
  const repo = githubRepoOfUrl(host, path);
  if (repo !== null) return { scheme: 'github', value: repo };
  const video = youtubeIdOfUrl(host, path, parsed.url);
  return video !== null ? { scheme: 'youtube', value: video } : null;
}

// ---------------------------------------------------------------------------------------
// Decorations

// Hosts that serve only badges and counters: a README's `[![stars](img.shields.io/...)]`
// says nothing about the item it sits next to.
const BADGE_HOSTS = new Set([
  'shields.io',
  'img.shields.io',
  'badge.fury.io',
  'badgen.net',
  'awesome.re',
  'api.star-history.com',
  'star-history.com',
  'visitor-badge.laobi.icu',
  'hits.seeyoufarm.com',
  'komarev.com',
  'api.netlify.com',
  'app.codacy.com',
  'coveralls.io',
  'codecov.io',
  'travis-ci.org',
  'travis-ci.com',
]);
// `.../colab-badge.svg`, `.../workflows/ci.yml/badge.svg`, readthedocs `.../badge/`.
const BADGE_PATH = /\/[^/]*badge[^/]*\.svg$|\/badge\/?$/i;

/**
 * True for links that decorate a list rather than point at a work: badge images (shields.io,
 * awesome.re/badge.svg, GitHub Actions `.../workflows/ci.yml/badge.svg`) and in-page anchors
 * (`#paperlist`, DefTruth's `./#Trending-LLM-VLM-Topics`). An importer may drop these.
 */
export function isBadgeOrAnchor(url: string): boolean {
  const s = url.trim();
  if (s.startsWith('#') || s.startsWith('./#') || s.startsWith('/#')) return true;
  // arxiv.org is no badge host and /abs/2401.15077 no badge path: the commonest link needs no `new URL`.
  if (PLAIN_ARXIV_URL.test(s)) return false;
  const parsed = parseHttpUrl(s);
  if (parsed === null) return false;
  if (BADGE_HOSTS.has(parsed.host) || parsed.host.endsWith('.shields.io')) return true;
  return BADGE_PATH.test(parsed.url.pathname);
}
