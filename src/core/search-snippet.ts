// Snippets: which field of a hit shows why it matched, the piece of it to show, and where the
// words of the query are in it. Done here rather than by the index so that every store (and
// CJK text, which the SQLite index keeps as character pairs) marks hits the same way.

import { hasCjk, splitCjk } from './cjk.js';
import type { SearchField, Snippet, SnippetPart } from './search-index.js';
import type { SearchTerm } from './search-query.js';

/**
 * The marker pair around hits in a snippet's text (`lectio search --json`, and the terminal
 * when it is not one). Documented in README.md; a text that contains « or » itself keeps them.
 */
export const MARK_OPEN = '«';
export const MARK_CLOSE = '»';

/** Characters of snippet text, about two lines of a terminal. */
export const SNIPPET_WIDTH = 160;

interface Matcher {
  id: number;
  /** A folded word; matched against the words of the text. */
  word?: string;
  prefix: boolean;
  /** A run of CJK characters; matched as a substring. */
  cjk?: string;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Case and accents do not matter, as in the index (unicode61, remove_diacritics 2). */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function matchersOf(terms: readonly SearchTerm[]): Matcher[] {
  const out: Matcher[] = [];
  for (const term of terms) {
    const pieces: Matcher[] = [];
    for (const segment of splitCjk(term.text)) {
      if (segment.cjk) pieces.push({ id: 0, cjk: segment.text, prefix: false });
      else
        for (const m of segment.text.matchAll(WORD))
          pieces.push({ id: 0, word: foldWord(m[0]), prefix: false });
    }
    const last = pieces[pieces.length - 1];
    if (last?.word !== undefined && term.prefix !== 'none') last.prefix = true;
    for (const piece of pieces) out.push({ ...piece, id: out.length });
  }
  return out;
}

interface Hit {
  start: number;
  end: number;
  matcher: number;
}

interface Marks {
  hits: Hit[];
  /** The hits merged where they touch, in order. */
  ranges: Array<[number, number]>;
  matched: Set<number>;
}

const ASCII = /^[\x00-\x7f]*$/u;
const ASCII_WORD_CHAR = /[a-z0-9]/u;

const NO_MARKS: Marks = { hits: [], ranges: [], matched: new Set() };

/** ASCII needs no accent folding, and most text is ASCII: skip normalize() for it. */
function fold(word: string): string {
  const lower = word.toLowerCase();
  return ASCII.test(lower) ? lower : foldWord(lower);
}

/**
 * Hits in ASCII text (most abstracts and titles) by searching for each word of the query,
 * which is much faster than walking every word of a long abstract; word boundaries as in
 * the index, where a word is a run of letters and digits.
 */
function asciiHits(text: string, matchers: readonly Matcher[]): Hit[] {
  const lower = text.toLowerCase();
  const isWordChar = (at: number): boolean =>
    at >= 0 && at < lower.length && ASCII_WORD_CHAR.test(lower[at] ?? '');
  const hits: Hit[] = [];
  for (const matcher of matchers) {
    const word = matcher.word;
    if (!word || !ASCII.test(word)) continue;
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
      if (isWordChar(at - 1)) continue;
      let end = at + word.length;
      if (matcher.prefix) while (isWordChar(end)) end++;
      else if (isWordChar(end)) continue;
      hits.push({ start: at, end, matcher: matcher.id });
    }
  }
  return hits;
}

function findMarks(text: string, matchers: readonly Matcher[]): Marks {
  // Most fields of most hits hold no word of the query: say so without walking their words.
  const folded = fold(text);
  if (!matchers.some((m) => (m.word !== undefined ? folded.includes(m.word) : text.includes(m.cjk ?? '')))) {
    return NO_MARKS;
  }
  const hits: Hit[] = ASCII.test(text) ? asciiHits(text, matchers) : wordHits(text, matchers);
  hits.sort((a, b) => a.start - b.start || a.end - b.end);
  const ranges: Array<[number, number]> = [];
  for (const hit of hits) {
    const last = ranges[ranges.length - 1];
    if (last && hit.start <= last[1]) last[1] = Math.max(last[1], hit.end);
    else ranges.push([hit.start, hit.end]);
  }
  return { hits, ranges, matched: new Set(hits.map((h) => h.matcher)) };
}

/** Hits in any text: every word, split where CJK meets other letters, folded as the index folds it. */
function wordHits(text: string, matchers: readonly Matcher[]): Hit[] {
  const hits: Hit[] = [];
  for (const m of text.matchAll(WORD)) {
    let offset = m.index;
    const segments = hasCjk(m[0]) ? splitCjk(m[0]) : [{ text: m[0], cjk: false }];
    for (const segment of segments) {
      const start = offset;
      offset += segment.text.length;
      if (!segment.cjk) {
        const folded = fold(segment.text);
        for (const matcher of matchers) {
          if (matcher.word === undefined) continue;
          if (matcher.prefix ? folded.startsWith(matcher.word) : folded === matcher.word) {
            hits.push({ start, end: offset, matcher: matcher.id });
          }
        }
        continue;
      }
      for (const matcher of matchers) {
        if (matcher.cjk === undefined) continue;
        for (
          let at = segment.text.indexOf(matcher.cjk);
          at >= 0;
          at = segment.text.indexOf(matcher.cjk, at + 1)
        ) {
          hits.push({ start: start + at, end: start + at + matcher.cjk.length, matcher: matcher.id });
        }
      }
    }
  }
  return hits;
}

function toParts(text: string, ranges: ReadonlyArray<readonly [number, number]>): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push({ text: text.slice(at, start), hit: false });
    parts.push({ text: text.slice(start, end), hit: true });
    at = end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return parts;
}

/** The whole text, with the words of the query marked (a title in a result line). */
export function markText(text: string, terms: readonly SearchTerm[]): SnippetPart[] {
  return toParts(text, findMarks(text, matchersOf(terms)).ranges);
}

export function renderParts(parts: readonly SnippetPart[], open: string, close: string): string {
  return parts.map((p) => (p.hit ? `${open}${p.text}${close}` : p.text)).join('');
}

/**
 * The field that shows best why an item matched: the one holding the most words of the
 * query, the first in `fields` order on a tie (callers list the title first). Long fields are
 * cut to a window around the densest hits, at word boundaries, with "…" where cut. Null
 * when no field holds a word of the query.
 */
export function buildSnippet(
  fields: ReadonlyArray<{ field: SearchField; text: string | null }>,
  terms: readonly SearchTerm[],
  width = SNIPPET_WIDTH,
): Snippet | null {
  const matchers = matchersOf(terms);
  let best: { field: SearchField; text: string; marks: Marks } | null = null;
  for (const { field, text } of fields) {
    if (!text) continue;
    const flat = text.replace(/\s+/gu, ' ').trim();
    const marks = findMarks(flat, matchers);
    if (marks.matched.size > (best?.marks.matched.size ?? 0)) best = { field, text: flat, marks };
  }
  if (!best) return null;
  const { text, marks } = best;
  if (text.length <= width) return { field: best.field, parts: toParts(text, marks.ranges) };
  const [start, end] = windowOf(text, marks, width);
  const ranges = marks.ranges
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]) => [s - start, e - start] as [number, number]);
  const parts = toParts(text.slice(start, end), ranges);
  if (start > 0) parts.unshift({ text: '…', hit: false });
  if (end < text.length) parts.push({ text: '…', hit: false });
  return { field: best.field, parts: mergeText(parts) };
}

/** Where to cut: the window of `width` characters that holds the most words of the query. */
function windowOf(text: string, marks: Marks, width: number): [number, number] {
  const lead = Math.floor(width / 5);
  let bestStart = 0;
  let bestCount = -1;
  for (const { start: hitStart } of marks.hits) {
    const start = Math.max(0, hitStart - lead);
    const count = new Set(
      marks.hits.filter((h) => h.start >= start && h.end <= start + width).map((h) => h.matcher),
    ).size;
    if (count > bestCount) {
      bestCount = count;
      bestStart = start;
    }
  }
  let start = bestStart;
  let end = Math.min(text.length, start + width);
  if (end === text.length) start = Math.max(0, end - width);
  // Cut between words when a space is near; CJK text has none and is cut anywhere.
  if (start > 0) {
    const space = text.indexOf(' ', start);
    const firstHit = marks.ranges.find(([s]) => s >= start)?.[0] ?? end;
    if (space >= 0 && space - start < 16 && space < firstHit) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    const lastHit = [...marks.ranges].reverse().find(([, e]) => e <= end)?.[1] ?? start;
    if (space > start && end - space < 16 && space >= lastHit) end = space;
  }
  // Never split a character outside the basic plane.
  if (/[\uDC00-\uDFFF]/u.test(text[start] ?? '')) start++;
  if (/[\uD800-\uDBFF]/u.test(text[end - 1] ?? '')) end--;
  return [start, end];
}

function mergeText(parts: SnippetPart[]): SnippetPart[] {
  const out: SnippetPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (last && !last.hit && !part.hit) last.text += part.text;
    else if (part.text !== '') out.push({ ...part });
  }
  return out;
}
