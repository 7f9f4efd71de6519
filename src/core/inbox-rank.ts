// Ranking the inbox: how much each new paper is like what the user keeps, in the spirit of
// arxiv-sanity (one tf-idf profile per tag, scored against every new paper).
//
// Every document (library item, dismissed entry, candidate) becomes a tf-idf vector over its
// words and adjacent word pairs ("kv cache"), title words counted twice, tf sublinear
// (1 + ln tf), idf = ln((N + 1) / (df + 1)) + 1 over library and candidates together, L2
// normalised. Each topic gets a profile: the weighted sum of its items' vectors, where what
// the user read, rated or starred counts more (weightOf), normalised and cut to its
// PROFILE_TERMS strongest terms. A candidate's score (0-100) is
//
//   100 × (0.6 × best topic similarity × priority + 0.4 × mean similarity of its 3 nearest items
//          − 0.3 × similarity to the dismissed entries)
//
// where priority = 1 + 0.2 / √(rank of the topic's root in the user's order): the user's first
// topics win a tie. Dismissed entries form one profile that counts against. Each result says
// its best topic, its nearest items and the words that matched.
//
// Cost: one pass over the library, then per candidate one walk of the topic profiles' postings
// of its terms and of the item postings of its NEAREST_TERMS rarest terms (a term's postings
// are short when it is rare): 2,000 candidates against 10,000 items in well under a second
// (BENCHMARKS.md, inbox).

import { hasCjk, splitCjk } from './cjk.js';
import type { RankingDoc, RankMemory, TermCounts } from './feed-store.js';
import { isDateTopic, rootOf } from './topic-tree.js';

const PROFILE_TERMS = 400;
/** Terms of a candidate used to find its nearest items: its strongest (rarest) ones. */
const NEAREST_TERMS = 24;
const NEAREST_ITEMS = 3;
/** Terms of a candidate scored against the topic profiles: its strongest ones. */
const TOPIC_TERMS = 64;
/** Terms of a library item indexed for finding nearest items. */
const ITEM_TERMS = 32;
const MATCHED_WORDS = 5;
/** Kept terms no item uses that make a ranking forget them all (see memoryOf). */
const FORGET_AFTER = 20_000;

const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being
  below between both but by can could did do does doing down during each few for from further had has
  have having he her here hers him his how i if in into is it its itself just me more most my no nor
  not now of off on once only or other our ours out over own same she should so some such than that the
  their theirs them then there these they this those through to too under until up very was we were what
  when where which while who whom why will with would you your yours via vs per et al using use used uses
  based towards toward new novel paper propose proposed proposes approach approaches method methods show
  shows shown result results work study studies present presents presented introduce introduces
  demonstrate demonstrates achieve achieves achieved however thus therefore existing across within without
  one two three first second often well many much may might can cannot need needs without e g i e
  model data learning efficient efficiency performance better improve improved improves task tasks
  problem problems framework technique techniques significantly state art recent large scale`.split(/\s+/u),
);

export interface InboxCandidate {
  /** The inbox entry's key. */
  key: string;
  title: string;
  summary: string;
}

export interface InboxRanking {
  key: string;
  score: number;
  bestTopic: string | null;
  /** Ids of the library items most like it, best first. */
  similar: number[];
  words: string[];
}

export interface InboxRankInput {
  library: readonly RankingDoc[];
  /** Title and summary of every dismissed entry. */
  dismissed: readonly string[];
  candidates: readonly InboxCandidate[];
  /** Rank (1 = first) of each top-level topic in the user's order. */
  rootRanks: ReadonlyMap<string, number>;
  /** Terms by id as earlier rankings numbered them ('' for an id not kept): the ids of the library's `counted`. */
  keptTerms?: readonly string[];
  /** Called with what this ranking read, for the next one (when there is something new to keep). */
  remember?: (memory: RankMemory) => void;
}

/** Singular of a plural English word, lightly: "models" → "model", "caches" → "cache", "policies" → "policy". */
function singular(word: string): string {
  if (word.length <= 3 || !word.endsWith('s') || /(?:ss|us|is)$/u.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  return word.slice(0, -1);
}

/** A token as a term: lower case, singular, without a possessive; null for stop words and bare numbers. */
function termOfToken(token: string): string | null {
  const word = singular(token.toLowerCase().replace(/'s$/u, ''));
  return word.length < 2 || STOP_WORDS.has(word) || /^\d+$/u.test(word) ? null : word;
}

const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) =>
  WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0,
);
/**
 * Whether each character past ASCII is a letter or digit (1) or not (2), 0 until first met.
 * A memo of a fixed fact of Unicode, shared by every ranking.
 */
const BMP_WORD = new Uint8Array(0x10000);
const ASTRAL_WORD = new Map<number, boolean>();

/** The length of the letter or digit at `i` in UTF-16 code units: 0 when there is none there, 2 for a surrogate pair. */
function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c < 128 ? (ASCII_WORD[c] ?? 0) : wordCharBeyondAscii(text, i, c);
}

/** wordCharAt past ASCII (and past the end of the text, where `c` is NaN). */
function wordCharBeyondAscii(text: string, i: number, c: number): number {
  if (i >= text.length) return 0;
  if (c >= 0xd800 && c <= 0xdbff) {
    const point = text.codePointAt(i) ?? c;
    if (point > 0xffff) {
      let word = ASTRAL_WORD.get(point);
      if (word === undefined) ASTRAL_WORD.set(point, (word = WORD_CHAR.test(String.fromCodePoint(point))));
      return word ? 2 : 0;
    }
  }
  let word = BMP_WORD[c] ?? 0;
  if (word === 0) BMP_WORD[c] = word = WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  return word === 1 ? 1 : 0;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * Calls `token(start, end, hash)` for every token of `text`: letters and digits, joined by
 * single hyphens or apostrophes (`[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*`), with the FNV-1a hash
 * of its char codes. One loop over char codes, cutting out no string: the same regular
 * expression, with a string and a match array per token, was most of the ranking's time.
 */
function forEachToken(text: string, token: (start: number, end: number, hash: number) => void): void {
  const length = text.length;
  let i = 0;
  while (i < length) {
    let w = wordCharAt(text, i);
    if (w === 0) {
      i++;
      continue;
    }
    const start = i;
    let hash = FNV_OFFSET;
    for (;;) {
      // `w` code units go into the token: a letter or digit, or a joiner and the one after it.
      for (const stop = i + w; i < stop; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
      w = wordCharAt(text, i);
      if (w > 0) continue;
      const c = text.charCodeAt(i);
      if ((c === 45 /* - */ || c === 39) /* ' */ && (w = wordCharAt(text, i + 1)) > 0) w++;
      else break;
    }
    token(start, i, hash);
  }
}

/** The distinct tokens read, found by their characters where they stand in the text (open addressing on forEachToken's hash). */
class TokenTable {
  readonly tokens: string[] = [];
  /** (hash, token index + 1) by slot, in pairs; index 0 is an empty slot. */
  private slots = new Int32Array(2 * 4096);

  /** The index of the token text[start, end), added when new (indexes count up from 0). */
  indexOf(text: string, start: number, end: number, hash: number): number {
    const mask = (this.slots.length >> 1) - 1;
    let slot = hash & mask;
    for (let t = this.slots[2 * slot + 1] ?? 0; t !== 0; t = this.slots[2 * slot + 1] ?? 0) {
      if (this.slots[2 * slot] === hash && sameChars(this.tokens[t - 1] ?? '', text, start, end))
        return t - 1;
      slot = (slot + 1) & mask;
    }
    const index = this.tokens.length;
    this.tokens.push(text.slice(start, end));
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = index + 1;
    // At most a quarter full, so that probes stay short.
    if (this.tokens.length * 4 > this.slots.length / 2) this.grow();
    return index;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    const mask = (this.slots.length >> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      const hash = old[s] ?? 0;
      if (old[s + 1] === 0) continue;
      let slot = hash & mask;
      while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      this.slots[2 * slot] = hash;
      this.slots[2 * slot + 1] = old[s + 1] ?? 0;
    }
  }
}

/** Whether `token` is text[start, end). */
function sameChars(token: string, text: string, start: number, end: number): boolean {
  if (token.length !== end - start) return false;
  for (let i = 0; i < token.length; i++) if (token.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/**
 * Word pairs' term ids by their two words' ids, open addressing. (A Map keyed by
 * first × 2^k + second would box every key past 2^31: a number allocated per title word.)
 */
class PairTable {
  /** (first, second, pair id + 1) by slot, in threes; 0 in the third is an empty slot. */
  private slots = new Int32Array(3 * 4096);
  private size = 0;

  /** The pair's term id, or -1. */
  get(first: number, second: number): number {
    const slot = this.slotOf(first, second);
    return (this.slots[slot + 2] ?? 0) - 1;
  }

  set(first: number, second: number, id: number): void {
    const slot = this.slotOf(first, second);
    this.slots[slot] = first;
    this.slots[slot + 1] = second;
    this.slots[slot + 2] = id + 1;
    // At most a quarter full, so that probes stay short.
    if (++this.size * 4 > this.slots.length / 3) this.grow();
  }

  /** Where the pair is, or the empty slot where it would go. */
  private slotOf(first: number, second: number): number {
    const mask = this.slots.length / 3 - 1;
    let h = Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b);
    h ^= h >>> 15;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const slot = 3 * i;
      if (this.slots[slot + 2] === 0 || (this.slots[slot] === first && this.slots[slot + 1] === second))
        return slot;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    for (let s = 0; s < old.length; s += 3) {
      if (old[s + 2] === 0) continue;
      const slot = this.slotOf(old[s] ?? 0, old[s + 1] ?? 0);
      this.slots.set(old.subarray(s, s + 3), slot);
    }
  }
}

/**
 * Words (lower case, singular, no stop words), CJK runs as overlapping character pairs, and,
 * with `pairs`, adjacent word pairs ("kv cache"): the terms the ranking reads in a text.
 */
export function termsOf(text: string, pairs = true): string[] {
  const vocab = new Vocabulary();
  const out: string[] = [];
  vocab.read(text.toLowerCase(), pairs, false, (id) => out.push(vocab.words[id] ?? ''));
  return out;
}

/** How much an item speaks for its topics: what was read, starred or rated high counts more. */
export function weightOf(doc: Pick<RankingDoc, 'status' | 'importance' | 'rating'>): number {
  let w = { read: 2, reading: 1.5, 'to-read': 1, skipped: 0.3, inbox: 0 }[doc.status];
  if ((doc.importance ?? 0) >= 4) w += 1;
  if (doc.rating !== null && doc.rating >= 4) w += 1;
  if (doc.rating !== null && doc.rating <= 2) w -= 0.5;
  return Math.max(w, 0.1);
}

/** A sparse vector: term ids and their weights, in step. */
interface Vector {
  ids: Int32Array;
  ws: Float64Array;
}

const EMPTY: Vector = { ids: new Int32Array(0), ws: new Float64Array(0) };

/** A token's term not looked up yet. */
const UNSEEN = -3;
/** A term a `known` read leaves out: the vocabulary does not have it. */
const UNKNOWN = -2;
/** A token that is no term (a stop word, a number, one letter). */
const NOT_A_TERM = -1;

class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly words: string[];
  readonly df: number[];
  private readonly tokens = new TokenTable();
  /** Term id of each token of `tokens` (or NOT_A_TERM, UNSEEN), by token index. */
  private readonly tokenTerms: number[] = [];
  private readonly pairIds = new PairTable();
  /** Counts of the text being read, by term id, and the ids it touched. */
  private readonly counts: number[];
  private readonly touched: number[] = [];
  private readonly countTwice = (id: number): void => this.bump(id, 2);
  private readonly countOnce = (id: number): void => this.bump(id, 1);

  /** `kept`: terms numbered by an earlier ranking, by id ('' for a hole), to keep their ids. */
  constructor(kept: readonly string[] = []) {
    this.words = [...kept];
    this.df = new Array<number>(kept.length).fill(0);
    this.counts = new Array<number>(kept.length).fill(0);
    kept.forEach((term, id) => {
      if (term !== '') this.ids.set(term, id);
    });
  }

  /**
   * Term counts of a text, title counted twice; counts document frequency unless `known`
   * (then unknown terms are left out). Word pairs come from titles only: an abstract's pairs
   * are mostly one-offs that would swell the vocabulary tenfold and say little.
   */
  count(title: string, rest: string, known = false): Vector {
    this.read(title.toLowerCase(), true, known, this.countTwice);
    this.read(rest.toLowerCase(), false, known, this.countOnce);
    const n = this.touched.length;
    const ids = new Int32Array(n);
    const ws = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const id = this.touched[j] ?? 0;
      ids[j] = id;
      ws[j] = this.counts[id] ?? 0;
      this.counts[id] = 0;
      if (!known) this.df[id] = (this.df[id] ?? 0) + 1;
    }
    this.touched.length = 0;
    return { ids, ws };
  }

  /** Whether `counted` names terms this vocabulary holds (else its item is read again). */
  holds(counted: TermCounts): boolean {
    if (counted.ids.length !== counted.counts.length) return false;
    for (const id of counted.ids) if (!this.words[id]) return false;
    return true;
  }

  /** The vector an earlier `count` gave, from its ids and counts, counting document frequency. */
  recount(counted: TermCounts): Vector {
    const ws = new Float64Array(counted.ids.length);
    for (let j = 0; j < ws.length; j++) {
      const id = counted.ids[j] ?? 0;
      this.df[id] = (this.df[id] ?? 0) + 1;
      ws[j] = counted.counts[j] ?? 0;
    }
    return { ids: counted.ids, ws };
  }

  /**
   * Calls `emit` with the id of every term of lower-case `text`, in order (see termsOf), a word
   * pair after its second word; with `known`, terms the vocabulary lacks are left out, not added.
   */
  read(text: string, pairs: boolean, known: boolean, emit: (id: number) => void): void {
    const segments = hasCjk(text) ? splitCjk(text) : [{ text, cjk: false }];
    let previous = NOT_A_TERM;
    for (const { text: part, cjk } of segments) {
      if (cjk) {
        const chars = [...part];
        for (let i = 0; i + 1 < chars.length; i++) this.emitTerm(`${chars[i]}${chars[i + 1]}`, known, emit);
        if (chars.length === 1) this.emitTerm(part, known, emit);
        previous = NOT_A_TERM;
        continue;
      }
      forEachToken(part, (start, end, hash) => {
        const id = this.wordId(part, start, end, hash, known);
        if (id >= 0) emit(id);
        if (pairs && id >= 0 && previous >= 0) {
          const pair = this.pairId(previous, id, known);
          if (pair >= 0) emit(pair);
        }
        // An unknown word (a `known` read) makes no pair either: a pair is known only with its words.
        previous = id;
      });
    }
  }

  /** The term id of the token text[start, end): NOT_A_TERM, UNKNOWN or an id. */
  private wordId(text: string, start: number, end: number, hash: number, known: boolean): number {
    const token = this.tokens.indexOf(text, start, end, hash);
    if (token === this.tokenTerms.length) this.tokenTerms.push(UNSEEN);
    let id = this.tokenTerms[token] ?? UNSEEN;
    if (id === UNSEEN) {
      const term = termOfToken(this.tokens.tokens[token] ?? '');
      id = term === null ? NOT_A_TERM : this.idOf(term, known);
      // An unknown term of a `known` read is not remembered: a later read may know it.
      if (id !== UNKNOWN) this.tokenTerms[token] = id;
    }
    return id;
  }

  /** The id of the word pair "first second" (UNKNOWN when new and `known`). */
  private pairId(first: number, second: number, known: boolean): number {
    let id = this.pairIds.get(first, second);
    if (id === -1) {
      id = this.idOf(`${this.words[first]} ${this.words[second]}`, known);
      if (id !== UNKNOWN) this.pairIds.set(first, second, id);
    }
    return id;
  }

  private emitTerm(term: string, known: boolean, emit: (id: number) => void): void {
    const id = this.idOf(term, known);
    if (id >= 0) emit(id);
  }

  /**
   * The id of a term, added when new; UNKNOWN when `known` and no document read so far holds
   * it (a kept term of an earlier ranking may be in none).
   */
  private idOf(term: string, known: boolean): number {
    let id = this.ids.get(term);
    if (id !== undefined && known && !this.df[id]) return UNKNOWN;
    if (id === undefined) {
      if (known) return UNKNOWN;
      id = this.words.length;
      this.ids.set(term, id);
      this.words.push(term);
      this.df.push(0);
      this.counts.push(0);
    }
    return id;
  }

  private bump(id: number, n: number): void {
    if (!this.counts[id]) this.touched.push(id);
    this.counts[id] = (this.counts[id] ?? 0) + n;
  }
}

/** Counts → sublinear tf × idf, L2-normalised, in place. */
function tfidf(v: Vector, idf: Float64Array): Vector {
  let norm = 0;
  for (let j = 0; j < v.ids.length; j++) {
    const w = (1 + Math.log(v.ws[j] ?? 1)) * (idf[v.ids[j] ?? 0] ?? 0);
    v.ws[j] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let j = 0; j < v.ws.length; j++) v.ws[j] = (v.ws[j] ?? 0) / norm;
  return v;
}

/** The `k` heaviest terms of a vector (ties at the cut kept, so the result is deterministic). */
function strongest(v: Vector, k: number): Vector {
  const n = v.ids.length;
  if (n <= k) return v;
  const cut = kthLargest(v.ws, k);
  let kept = 0;
  for (let j = 0; j < n; j++) if ((v.ws[j] ?? 0) >= cut) kept++;
  const ids = new Int32Array(kept);
  const ws = new Float64Array(kept);
  for (let j = 0, at = 0; j < n; j++) {
    const w = v.ws[j] ?? 0;
    if (w >= cut) {
      ids[at] = v.ids[j] ?? 0;
      ws[at++] = w;
    }
  }
  return { ids, ws };
}

/** The `k`-th largest of `values` (0 < k ≤ length), as sorting would find it, in linear time (quickselect on a copy). */
function kthLargest(values: Float64Array, k: number): number {
  const a = Float64Array.from(values);
  let lo = 0;
  let hi = a.length - 1;
  const at = k - 1;
  while (lo < hi) {
    // Hoare partition, largest first: a[lo..j] ≥ pivot ≥ a[i..hi], and what lies between equals it.
    const pivot = a[(lo + hi) >> 1] ?? 0;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] ?? 0) > pivot) i++;
      while ((a[j] ?? 0) < pivot) j--;
      if (i <= j) {
        const x = a[i] ?? 0;
        a[i++] = a[j] ?? 0;
        a[j--] = x;
      }
    }
    if (at <= j) hi = j;
    else if (at >= i) lo = i;
    else break;
  }
  return a[at] ?? 0;
}

/** Weighted sum of vectors (`dense` is scratch of the vocabulary's size, left zeroed), cut to its `keep` strongest terms, normalised. */
function profile(parts: ReadonlyArray<{ v: Vector; w: number }>, keep: number, dense: Float64Array): Vector {
  const touched: number[] = [];
  for (const { v, w } of parts) {
    for (let j = 0; j < v.ids.length; j++) {
      const id = v.ids[j] ?? 0;
      if (dense[id] === 0) touched.push(id);
      dense[id] = (dense[id] ?? 0) + w * (v.ws[j] ?? 0);
    }
  }
  const sum: Vector = { ids: new Int32Array(touched.length), ws: new Float64Array(touched.length) };
  touched.forEach((id, j) => {
    sum.ids[j] = id;
    sum.ws[j] = dense[id] ?? 0;
    dense[id] = 0;
  });
  const top = strongest(sum, keep);
  let norm = 0;
  for (const w of top.ws) norm += w * w;
  norm = Math.sqrt(norm);
  return norm > 0 ? { ids: top.ids, ws: top.ws.map((w) => w / norm) } : EMPTY;
}

/** Postings of vectors, compressed: for term t, vectors idx[off[t]..off[t+1]) with weights ws. */
interface Postings {
  off: Int32Array;
  idx: Int32Array;
  ws: Float64Array;
}

function postings(vectors: readonly Vector[], terms: number): Postings {
  const off = new Int32Array(terms + 1);
  for (const v of vectors) for (const id of v.ids) off[id + 1] = (off[id + 1] ?? 0) + 1;
  for (let t = 0; t < terms; t++) off[t + 1] = (off[t + 1] ?? 0) + (off[t] ?? 0);
  const fill = off.slice(0, terms);
  const idx = new Int32Array(off[terms] ?? 0);
  const ws = new Float64Array(idx.length);
  vectors.forEach((v, i) => {
    for (let j = 0; j < v.ids.length; j++) {
      const t = v.ids[j] ?? 0;
      const at = fill[t] ?? 0;
      fill[t] = at + 1;
      idx[at] = i;
      ws[at] = v.ws[j] ?? 0;
    }
  });
  return { off, idx, ws };
}

/**
 * Dot products of `v`'s `maxTerms` strongest terms with every indexed vector, added into
 * `scores` (all zero on entry); returns the indexes it touched, for the caller to read and
 * zero again (cheaper than clearing 10,000 scores per candidate).
 */
function accumulate(v: Vector, index: Postings, maxTerms: number, scores: Float64Array): number[] {
  const touched: number[] = [];
  const s = strongest(v, maxTerms);
  for (let j = 0; j < s.ids.length; j++) {
    const id = s.ids[j] ?? 0;
    const x = s.ws[j] ?? 0;
    for (let p = index.off[id] ?? 0, end = index.off[id + 1] ?? 0; p < end; p++) {
      const i = index.idx[p] ?? 0;
      if (scores[i] === 0) touched.push(i);
      scores[i] = (scores[i] ?? 0) + x * (index.ws[p] ?? 0);
    }
  }
  return touched;
}

export function rankInbox(input: InboxRankInput): InboxRanking[] {
  // What an earlier ranking read in an item is taken back as it was: the same terms in the
  // same order give the same document frequencies and sums as reading the item again.
  const vocab = new Vocabulary(input.keptTerms);
  const kept = vocab.words.length;
  const read: RankMemory['items'] = [];
  const libraryVectors = input.library.map((d) => {
    if (d.counted && vocab.holds(d.counted)) return vocab.recount(d.counted);
    const v = vocab.count(d.title, d.text);
    read.push({ itemId: d.id, counted: { ids: v.ids, counts: Int32Array.from(v.ws) } });
    return v;
  });
  input.remember?.(memoryOf(vocab, kept, read));
  const candidateVectors = input.candidates.map((c) => vocab.count(c.title, c.summary));
  const n = libraryVectors.length + candidateVectors.length;
  const terms = vocab.words.length;
  const idf = new Float64Array(terms);
  for (let id = 0; id < terms; id++) idf[id] = Math.log((n + 1) / ((vocab.df[id] ?? 0) + 1)) + 1;
  // Dismissed entries are not counted in df: they are read against the same idf.
  const dismissedVectors = input.dismissed.map((text) => tfidf(vocab.count('', text, true), idf));
  for (const v of libraryVectors) tfidf(v, idf);
  for (const v of candidateVectors) tfidf(v, idf);

  const byTopic = new Map<string, Array<{ v: Vector; w: number }>>();
  input.library.forEach((doc, i) => {
    const v = libraryVectors[i] as Vector;
    for (const topic of doc.topics) {
      // A week's or year's heading is no subject: "Top ML Papers of the Week (Jan 16-22)" won
      // as the topic suggested for a paper on knowledge editing. Its items still count as nearest.
      if (isDateTopic(topic)) continue;
      let parts = byTopic.get(topic);
      if (!parts) byTopic.set(topic, (parts = []));
      parts.push({ v, w: weightOf(doc) });
    }
  });
  const dense = new Float64Array(terms);
  const topics = [...byTopic.keys()].sort();
  const topicProfiles = topics.map((t) => profile(byTopic.get(t) ?? [], PROFILE_TERMS, dense));
  const topicPostings = postings(topicProfiles, terms);
  const priority = topics.map((t) => 1 + 0.2 / Math.sqrt(input.rootRanks.get(rootOf(t)) ?? 1_000_000));
  // Nearest items are found on each item's strongest terms: the postings stay short.
  const itemPostings = postings(
    libraryVectors.map((v) => strongest(v, ITEM_TERMS)),
    terms,
  );
  const dismissed = profile(
    dismissedVectors.map((v) => ({ v, w: 1 })),
    PROFILE_TERMS,
    dense,
  );
  for (let j = 0; j < dismissed.ids.length; j++) dense[dismissed.ids[j] ?? 0] = dismissed.ws[j] ?? 0;
  const topicScores = new Float64Array(topics.length);
  const scratch = new Float64Array(terms);
  const itemScores = new Float64Array(libraryVectors.length);

  return input.candidates.map((c, ci) => {
    const v = candidateVectors[ci] as Vector;
    let best = -1;
    let bestScore = 0;
    for (const ti of accumulate(v, topicPostings, TOPIC_TERMS, topicScores).sort((a, b) => a - b)) {
      const adjusted = (topicScores[ti] ?? 0) * (priority[ti] ?? 1);
      topicScores[ti] = 0;
      if (adjusted > bestScore) {
        bestScore = adjusted;
        best = ti;
      }
    }
    const touched = accumulate(v, itemPostings, NEAREST_TERMS, itemScores);
    const nearest = topIndexes(itemScores, touched, NEAREST_ITEMS);
    const itemSim = nearest.reduce((s, i) => s + (itemScores[i] ?? 0), 0) / NEAREST_ITEMS;
    for (const i of touched) itemScores[i] = 0;
    let against = 0;
    for (let j = 0; j < v.ids.length; j++) against += (v.ws[j] ?? 0) * (dense[v.ids[j] ?? 0] ?? 0);
    const raw = 0.6 * bestScore + 0.4 * itemSim - 0.3 * against;
    const bestProfile = best >= 0 ? topicProfiles[best] : undefined;
    return {
      key: c.key,
      score: Math.round(Math.max(0, Math.min(1, raw)) * 1000) / 10,
      bestTopic: best >= 0 ? (topics[best] ?? null) : null,
      similar: nearest.map((i) => input.library[i]?.id ?? 0),
      words: bestProfile ? matchedWords(v, bestProfile, vocab.words, scratch) : [],
    };
  });
}

/**
 * What to keep after reading the library: the terms its newly read items numbered (from
 * `kept` on) and their counts; or, when most kept terms are no item's any more (items
 * changed or went), nothing at all, so that the next ranking numbers afresh.
 */
function memoryOf(vocab: Vocabulary, kept: number, read: RankMemory['items']): RankMemory {
  let unused = 0;
  for (let id = 0; id < kept; id++) if (!vocab.df[id]) unused++;
  if (unused > Math.max(FORGET_AFTER, kept - unused)) return { forget: true, terms: [], items: [] };
  const terms: RankMemory['terms'] = [];
  for (let id = kept; id < vocab.words.length; id++) terms.push({ id, term: vocab.words[id] ?? '' });
  return { forget: false, terms, items: read };
}

/** The `k` best of `scores` among `touched`, best first, ties by the lower index. */
function topIndexes(scores: Float64Array, touched: readonly number[], k: number): number[] {
  const top: number[] = [];
  for (const i of touched) {
    const s = scores[i] ?? 0;
    const last = top[top.length - 1];
    if (
      s <= 0 ||
      (top.length === k &&
        last !== undefined &&
        (s < (scores[last] ?? 0) || (s === scores[last] && i > last)))
    )
      continue;
    let at = top.length;
    while (at > 0) {
      const prev = top[at - 1] as number;
      const ps = scores[prev] ?? 0;
      if (ps > s || (ps === s && prev < i)) break;
      at--;
    }
    top.splice(at, 0, i);
    if (top.length > k) top.pop();
  }
  return top;
}

/**
 * The candidate's terms that weigh most in the topic's profile: pairs ("kv cache") before the
 * words they hold. `dense` is scratch of the vocabulary's size, left zeroed.
 */
function matchedWords(
  v: Vector,
  topicProfile: Vector,
  words: readonly string[],
  dense: Float64Array,
): string[] {
  for (let j = 0; j < topicProfile.ids.length; j++) dense[topicProfile.ids[j] ?? 0] = topicProfile.ws[j] ?? 0;
  const matched: Array<{ word: string; c: number }> = [];
  for (let j = 0; j < v.ids.length; j++) {
    const id = v.ids[j] ?? 0;
    const c = (v.ws[j] ?? 0) * (dense[id] ?? 0);
    if (c > 0) matched.push({ word: words[id] ?? '', c });
  }
  for (const id of topicProfile.ids) dense[id] = 0;
  matched.sort((a, b) => b.c - a.c || a.word.localeCompare(b.word));
  const chosen: typeof matched = [];
  for (const pairs of [true, false]) {
    for (const m of matched) {
      if (chosen.length === MATCHED_WORDS) break;
      if (m.word.includes(' ') !== pairs) continue;
      if (chosen.some((w) => w.word.split(' ').includes(m.word))) continue;
      chosen.push(m);
    }
  }
  return chosen.sort((a, b) => b.c - a.c || a.word.localeCompare(b.word)).map((m) => m.word);
}
