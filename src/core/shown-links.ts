// An item's links as the reader sees them (show, list --json, the web app, every export):
// one line per page. Stored, each source keeps the links it wrote; shown, a page that two
// lists link differently appears once. Seed 000 links daBNN as https://arxiv.org/abs/1908.05858
// and htqin's list as http://arxiv.org/abs/1908.05858: `show` listed the paper twice.

import { normalizeUrl } from './canonical-id.js';
import type { Link } from './item.js';

// The common link: http(s), maybe `www.`, a host without a port, a path, a trailing slash,
// a fragment; no query. Only such links (isPlain) skip normalizeUrl.
const PLAIN_URL = /^https?:\/\/(?:www\.)?([^/?#:]+)([^?#]*?)\/*(#.*)?$/i;
const TRACKING = /[?&]utm_/i;
const NON_ASCII = /[^\x00-\x7f]/;
const TWITTER = /^https?:\/\/(?:(?:www\.|mobile\.)?twitter\.com|mobile\.x\.com)\//i;

/** Whether normalizeUrl may change more than the plain form: a query (redirects, tracking), escapes, non-ASCII text, twitter.com (it is x.com). */
function notPlain(url: string): boolean {
  return url.includes('?') || url.includes('%') || NON_ASCII.test(url) || TWITTER.test(url);
}

/**
 * What two copies of one link have in common: normalizeUrl's form (no scheme, `www.`,
 * trailing slash or tracking parameters, the host in lower case) plus the fragment, which
 * may point at a page of the document (`paper.pdf#page=89`) and so is kept apart. arXiv
 * versions (`2401.10774v1`) stay apart too: a list may mean that version. Not a URL: itself.
 */
export function pageKey(url: string): string {
  // Most links need no `new URL` (notPlain says which do).
  const plain = notPlain(url) ? null : PLAIN_URL.exec(url);
  if (plain !== null) return `${(plain[1] as string).toLowerCase()}${plain[2]}${plain[3] ?? ''}`;
  const normal = normalizeUrl(url);
  if (normal === null) return url;
  const hash = url.indexOf('#');
  return hash === -1 ? normal : `${normal}${url.slice(hash)}`;
}

/**
 * An item's links with each page once, in their order: the first copy keeps its place, role
 * and label, takes a later copy's URL when that is cleaner (https for http, no tracking tags),
 * and its label when it had none.
 */
export function distinctPages(links: readonly Link[]): Link[] {
  if (links.length < 2) return [...links];
  const shown: Link[] = [];
  // Beside `shown`: whether each is plain (notPlain, asked once a link), and where it ends.
  const plain: boolean[] = [];
  const ends: number[] = [];
  for (const link of links) {
    // Exact repeats (one URL in several lists) are the common case.
    if (shown.some((l) => l.url === link.url)) continue;
    const isPlain = !notPlain(link.url);
    const end = endOf(link.url);
    // Plain copies of a page end alike, so most links need no key at all (pageKey on every
    // link was 4% of `list --json` at 10k items); a redirect, an escape or twitter.com may not.
    let at = -1;
    const maybe = shown.some(
      (l, i) => !isPlain || !plain[i] || sameEnd(l.url, ends[i] as number, link.url, end),
    );
    if (maybe) {
      const key = pageKey(link.url);
      at = shown.findIndex((l) => pageKey(l.url) === key);
    }
    if (at === -1) {
      shown.push(link);
      plain.push(isPlain);
      ends.push(end);
      continue;
    }
    const kept = shown[at] as Link;
    const url = cleaner(link.url, kept.url) ? link.url : kept.url;
    const label = kept.label ?? link.label;
    shown[at] = label === undefined ? { url, role: kept.role } : { url, role: kept.role, label };
    plain[at] = !notPlain(url);
    ends[at] = endOf(url);
  }
  return shown;
}

/** Where a URL's host and path end: before its query, fragment and trailing slashes. */
function endOf(url: string): number {
  let end = url.length;
  const query = url.indexOf('?');
  if (query !== -1) end = query;
  const hash = url.indexOf('#');
  if (hash !== -1 && hash < end) end = hash;
  while (end > 0 && url.charCodeAt(end - 1) === 47) end--;
  return end;
}

/**
 * Whether two URLs' last few characters before their ends (endOf) agree, up to case: copies
 * of one page do, since their hosts and paths agree up to the host's case. No string is made.
 */
function sameEnd(a: string, aEnd: number, b: string, bEnd: number): boolean {
  for (let i = 1; i <= 4; i++) {
    if (aEnd - i < 0 || bEnd - i < 0) return aEnd - i < 0 && bEnd - i < 0;
    if ((a.charCodeAt(aEnd - i) | 32) !== (b.charCodeAt(bEnd - i) | 32)) return false;
  }
  return true;
}

/** True when `url` is the better copy to show of `kept`'s page. */
function cleaner(url: string, kept: string): boolean {
  if (kept.startsWith('http:') && url.startsWith('https:')) return true;
  return TRACKING.test(kept) && !TRACKING.test(url) && url.startsWith('https:') === kept.startsWith('https:');
}
