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

import { splitCjk } from './cjk.js';
import type { RankingDoc } from './feed-store.js';
import { rootOf } from './topic-tree.js';

const PROFILE_TERMS = 400;
/** Terms of a candidate used to find its nearest items: its strongest (rarest) ones. */
const NEAREST_TERMS = 24;
const NEAREST_ITEMS = 3;
const MATCHED_WORDS = 5;

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
  one two three first second often well many much may might can cannot need needs without e g i e`.split(
    /\s+/u,
  ),
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
}

/** Singular of a plural English word, lightly: "models" → "model", "caches" → "cache", "policies" → "policy". */
function singular(word: string): string {
  if (word.length <= 3 || !word.endsWith('s') || /(?:ss|us|is)$/u.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  return word.slice(0, -1);
}

/** Words (lower case, singular, no stop words), CJK runs as overlapping character pairs, and adjacent word pairs. */
export function termsOf(text: string): string[] {
  const out: string[] = [];
  let previous: string | null = null;
  for (const segment of splitCjk(text.toLowerCase())) {
    if (segment.cjk) {
      const chars = [...segment.text];
      for (let i = 0; i + 1 < chars.length; i++) out.push(`${chars[i]}${chars[i + 1]}`);
      if (chars.length === 1) out.push(segment.text);
      previous = null;
      continue;
    }
    for (const match of segment.text.matchAll(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu)) {
      const word = singular(match[0].replace(/'s$/u, ''));
      if (word.length < 2 || STOP_WORDS.has(word) || /^\d+$/u.test(word)) {
        previous = null;
        continue;
      }
      out.push(word);
      if (previous !== null) out.push(`${previous} ${word}`);
      previous = word;
    }
  }
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

type Vector = Map<number, number>;

class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly words: string[] = [];
  readonly df: number[] = [];

  /** Term counts of a text, title counted twice; counts document frequency. */
  count(title: string, rest: string): Map<number, number> {
    const tf = new Map<number, number>();
    for (const term of termsOf(title)) this.add(tf, term, 2);
    for (const term of termsOf(rest)) this.add(tf, term, 1);
    for (const id of tf.keys()) this.df[id] = (this.df[id] ?? 0) + 1;
    return tf;
  }

  private add(tf: Map<number, number>, term: string, n: number): void {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(term, id);
      this.words.push(term);
      this.df.push(0);
    }
    tf.set(id, (tf.get(id) ?? 0) + n);
  }
}

function tfidf(tf: Map<number, number>, idf: Float64Array): Vector {
  const v: Vector = new Map();
  let norm = 0;
  for (const [id, n] of tf) {
    const w = (1 + Math.log(n)) * (idf[id] ?? 0);
    v.set(id, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [id, w] of v) v.set(id, w / norm);
  return v;
}

/** Weighted sum of vectors, cut to its `keep` strongest terms, normalised. */
function profile(parts: Array<{ v: Vector; w: number }>, keep: number): Vector {
  const sum: Vector = new Map();
  for (const { v, w } of parts) for (const [id, x] of v) sum.set(id, (sum.get(id) ?? 0) + w * x);
  const top = [...sum].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, keep);
  const norm = Math.sqrt(top.reduce((s, [, x]) => s + x * x, 0));
  return new Map(norm > 0 ? top.map(([id, x]) => [id, x / norm]) : []);
}

function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [id, x] of small) s += x * (large.get(id) ?? 0);
  return s;
}

export function rankInbox(input: InboxRankInput): InboxRanking[] {
  const vocab = new Vocabulary();
  const libraryTf = input.library.map((d) => vocab.count(d.title, d.text));
  const candidateTf = input.candidates.map((c) => vocab.count(c.title, c.summary));
  const n = libraryTf.length + candidateTf.length;
  const idf = new Float64Array(vocab.words.length);
  for (let id = 0; id < idf.length; id++) idf[id] = Math.log((n + 1) / ((vocab.df[id] ?? 0) + 1)) + 1;
  // Dismissed entries are not counted in df: they are read against the same idf.
  const dismissedTf = input.dismissed.map((text) => countOnly(vocab, text));

  const libraryVectors = libraryTf.map((tf) => tfidf(tf, idf));
  const byTopic = new Map<string, Array<{ v: Vector; w: number }>>();
  input.library.forEach((doc, i) => {
    const v = libraryVectors[i] as Vector;
    for (const topic of doc.topics) {
      let parts = byTopic.get(topic);
      if (!parts) byTopic.set(topic, (parts = []));
      parts.push({ v, w: weightOf(doc) });
    }
  });
  const topics = [...byTopic.keys()].sort();
  const topicProfiles = topics.map((t) => profile(byTopic.get(t) ?? [], PROFILE_TERMS));
  const topicPostings = postings(topicProfiles);
  const priority = topics.map((t) => 1 + 0.2 / Math.sqrt(input.rootRanks.get(rootOf(t)) ?? 1_000_000));
  const itemPostings = postings(libraryVectors);
  const dismissed = profile(
    dismissedTf.map((tf) => ({ v: tfidf(tf, idf), w: 1 })),
    PROFILE_TERMS,
  );

  return input.candidates.map((c, ci) => {
    const v = tfidf(candidateTf[ci] as Map<number, number>, idf);
    const topicScores = accumulate(v, topicPostings, topics.length, v.size);
    let best = -1;
    let bestScore = 0;
    topicScores.forEach((s, ti) => {
      const adjusted = s * (priority[ti] ?? 1);
      if (adjusted > bestScore) {
        bestScore = adjusted;
        best = ti;
      }
    });
    const itemScores = accumulate(v, itemPostings, libraryVectors.length, NEAREST_TERMS);
    const nearest = topIndexes(itemScores, NEAREST_ITEMS);
    const itemSim = nearest.length
      ? nearest.reduce((s, i) => s + (itemScores[i] ?? 0), 0) / NEAREST_ITEMS
      : 0;
    const against = dismissed.size > 0 ? dot(v, dismissed) : 0;
    const raw = 0.6 * bestScore + 0.4 * itemSim - 0.3 * against;
    const bestProfile = best >= 0 ? topicProfiles[best] : undefined;
    return {
      key: c.key,
      score: Math.round(Math.max(0, Math.min(1, raw)) * 1000) / 10,
      bestTopic: best >= 0 ? (topics[best] ?? null) : null,
      similar: nearest.map((i) => input.library[i]?.id ?? 0),
      words: bestProfile ? matchedWords(v, bestProfile, vocab.words) : [],
    };
  });
}

function countOnly(vocab: Vocabulary, text: string): Map<number, number> {
  const tf = new Map<number, number>();
  for (const term of termsOf(text)) {
    const id = vocab.ids.get(term);
    if (id !== undefined) tf.set(id, (tf.get(id) ?? 0) + 1);
  }
  return tf;
}

/** term id → [(vector index, weight)] */
function postings(vectors: readonly Vector[]): Map<number, Array<[number, number]>> {
  const out = new Map<number, Array<[number, number]>>();
  vectors.forEach((v, i) => {
    for (const [id, w] of v) {
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push([i, w]);
    }
  });
  return out;
}

/** Dot products of `v` with every indexed vector, over `v`'s `maxTerms` strongest terms. */
function accumulate(
  v: Vector,
  index: Map<number, Array<[number, number]>>,
  size: number,
  maxTerms: number,
): Float64Array {
  const scores = new Float64Array(size);
  const terms = v.size <= maxTerms ? [...v] : [...v].sort((a, b) => b[1] - a[1]).slice(0, maxTerms);
  for (const [id, x] of terms) {
    for (const [i, w] of index.get(id) ?? []) scores[i] = (scores[i] ?? 0) + x * w;
  }
  return scores;
}

function topIndexes(scores: Float64Array, k: number): number[] {
  const top: number[] = [];
  scores.forEach((s, i) => {
    if (s <= 0) return;
    top.push(i);
    top.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
    if (top.length > k) top.pop();
  });
  return top;
}

/** The candidate's terms that weigh most in the topic's profile: pairs ("kv cache") before the words they hold. */
function matchedWords(v: Vector, topicProfile: Vector, words: readonly string[]): string[] {
  const matched = [...v]
    .map(([id, x]) => ({ word: words[id] ?? '', c: x * (topicProfile.get(id) ?? 0) }))
    .filter((m) => m.c > 0)
    .sort((a, b) => b.c - a.c || a.word.localeCompare(b.word));
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
