// Search at the scale of a life's reading (issue 4): 1,000 mixed queries in-process on a
// 100k-item library with abstracts, and `lectio search` with process start; plus what keeping
// the index costs writers (the triggers of migration 3, and the bulk path).
//
//   node dist/bench/search-bench.js [--quick] [--library FILE] [--dump FILE]
//
// prints JSON; run.ts calls benchSearch(). --library keeps the library it builds in FILE and
// reuses it on later runs (building one takes about a minute at 100k items; the import rows
// are then left out), so that two builds of the code can be timed against the same library
// in the same minute. --dump writes every query with its hits (id, score, snippet) as JSON
// lines: a change that must not alter results is checked by comparing two dumps byte for byte.
//
// Goals (issue 4): p99 < 10 ms in-process, `lectio search` < 150 ms. The library comes
// from bench/generate-list.ts; abstracts (~1,000 characters) are generated here from a
// Zipf-distributed vocabulary with a seeded PRNG, so that every run measures the same text.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import { importLists } from '../src/core/import-lists.js';
import { parseSearchQuery } from '../src/core/search-query.js';
import { readListFile } from '../src/formats/read-list-file.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { SqliteSearchIndex } from '../src/store/sqlite/sqlite-search.js';
import { generateList, prng } from './generate-list.js';
import { median, timeChild } from './measure.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'lectio.js');
const QUERIES = 1_000;
const LIMIT = 20;
/** Abstracts set one UPDATE at a time, as arXiv enrichment will: the triggers' per-row cost. */
const ENRICHED_ONE_BY_ONE = 2_000;

export interface QueryClassFigures {
  queries: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** CPU time (process.cpuUsage), which other work on a shared machine disturbs less. */
  cpuP50Ms: number;
  cpuP99Ms: number;
}

export interface SearchBenchResult {
  items: number;
  runs: number;
  queries: number;
  /** In-process: parse + search + snippets, limit 20, on the 100k library with abstracts. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The same in CPU time, and how many queries took 10 ms or more of it. */
  cpuP50Ms: number;
  cpuP99Ms: number;
  cpuOver10Ms: number;
  byClass: Record<string, QueryClassFigures>;
  /** The slowest queries of the timed run in CPU time, slowest first: where the p99 comes from. */
  slowest: Array<{ text: string; kind: string; ms: number; cpuMs: number }>;
  /** `lectio search` wall time, process start included, median of `runs`. */
  cliMs: number;
  cliJsonMs: number;
  bareNodeMs: number;
  /**
   * The whole import of the generated list, as `lectio import` does it: a large import
   * pauses the index's triggers and rebuilds it once at the end (import-lists.ts).
   */
  importMs: number;
  /** Rebuilding the index of the library with its abstracts. */
  rebuildMs: number;
  /** Setting one abstract by UPDATE, the triggers re-indexing the item, per item. */
  abstractUpdateUs: number;
  /** Library file sizes, before and after the abstracts (which the index does not copy). */
  libraryMb: number;
  libraryWithAbstractsMb: number;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

const FUNCTION_WORDS = (
  'the of and a to in we is for that on with this our by as are from be an which can at it not these ' +
  'both more than each such into its their while only also'
).split(' ');

const ACADEMIC_WORDS = (
  'results propose method show performance approach paper based using existing novel task tasks achieve ' +
  'state art significantly improve improves demonstrate experiments models methods problem work prior ' +
  'however further across different various key challenge challenges setting settings previous recent ' +
  'outperforms baseline baselines propose introduce present analysis design able without significant ' +
  'performance accuracy quality cost costs widely several code available general strong effective'
).split(' ');

/**
 * The abstracts' vocabulary, most frequent first: function words, academic prose, the words of
 * the library's own titles (papers talk about what their titles say), then 8,000 made-up
 * technical terms for the long tail.
 */
export function vocabulary(titleWords: readonly string[]): string[] {
  const rand = prng(7);
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vi', 'zo', 'pe', 'shu', 'gra', 'tor', 'lin', 'mar'];
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (word: string): void => {
    if (!seen.has(word)) {
      seen.add(word);
      out.push(word);
    }
  };
  for (const w of [...FUNCTION_WORDS, ...ACADEMIC_WORDS, ...titleWords]) add(w);
  while (out.length < 8_000 + titleWords.length) {
    let word = '';
    for (let n = 2 + Math.floor(rand() * 3); n > 0; n--)
      word += syllables[Math.floor(rand() * syllables.length)];
    add(word);
  }
  return out;
}

/** ~1,000 characters of sentences drawn from a Zipf (s = 1) distribution over `vocab`. */
export function abstractWriter(vocab: readonly string[], seed: number): () => string {
  const rand = prng(seed);
  const cdf: number[] = [];
  let total = 0;
  for (let i = 0; i < vocab.length; i++) {
    total += 1 / (i + 1);
    cdf.push(total);
  }
  const pick = (): string => {
    const x = rand() * total;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo] ?? '';
  };
  return () => {
    const target = 900 + Math.floor(rand() * 200);
    let text = '';
    while (text.length < target) {
      const words: string[] = [];
      for (let n = 8 + Math.floor(rand() * 14); n > 0; n--) words.push(pick());
      const sentence = words.join(' ');
      text += `${sentence[0]?.toUpperCase()}${sentence.slice(1)}. `;
    }
    return text.trim();
  };
}

export function titleWordsOf(db: Database.Database): string[] {
  const counts = new Map<string, number>();
  const titles = db.prepare('SELECT title FROM items ORDER BY id LIMIT 5000').pluck().all() as string[];
  for (const title of titles) {
    for (const w of title.toLowerCase().match(/[a-z]{3,}/gu) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
}

export interface BenchQuery {
  text: string;
  kind: string;
}

/**
 * 1,000 queries in the shares people search with: words of titles (whole, half typed, two or
 * three, a phrase), model names, words only abstracts hold, filters with words and alone,
 * typos, and 2% of words so common in abstracts (results, propose) that a third of the items
 * hold them and no title does: the costliest query there is, ranking 10-40k rows.
 */
export function queryMix(
  db: Database.Database,
  vocab: readonly string[],
  titleWordCount: number,
): BenchQuery[] {
  const rand = prng(99);
  const int = (n: number): number => Math.floor(rand() * n);
  const titles = db.prepare('SELECT title FROM items ORDER BY id').pluck().all() as string[];
  const titleWord = (): string => {
    const words = (titles[int(titles.length)] ?? '').toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? ['model'];
    return words[int(words.length)] ?? 'model';
  };
  const titleStart = FUNCTION_WORDS.length + ACADEMIC_WORDS.length;
  // Made-up terms of the long tail, from ranks where a word is in 0.5-5% of abstracts.
  const rareWord = (): string => vocab[titleStart + titleWordCount + 100 + int(1_500)] ?? 'zzz';
  const commonWord = (): string => ACADEMIC_WORDS[int(ACADEMIC_WORDS.length)] ?? 'results';
  const topics = db
    .prepare("SELECT path FROM topics WHERE path LIKE 'Topic %' LIMIT 50")
    .pluck()
    .all() as string[];
  const filter = (): string =>
    [
      'status:to-read',
      'status:read',
      'year:>=2023',
      'year:2020..2022',
      'has:code',
      'stars:>=4',
      'kind:paper',
      `topic:"${topics[int(topics.length)] ?? 'Topic 1'}"`,
    ][int(8)] ?? 'has:code';
  const out: BenchQuery[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const r = int(100);
    const q = (text: string, kind: string): void => {
      out.push({ text, kind });
    };
    if (r < 22) q(titleWord(), 'title word');
    else if (r < 32) {
      const w = titleWord();
      q(w.slice(0, Math.max(2, Math.min(w.length, 2 + int(5)))), 'typing a prefix');
    } else if (r < 47) q(`${titleWord()} ${titleWord()}`, 'two title words');
    else if (r < 52) q(`${titleWord()} ${titleWord()} ${titleWord()}`, 'three title words');
    else if (r < 57) q(`"${titleWord()} ${titleWord()}"`, 'phrase');
    else if (r < 62) {
      const name = [
        'flashattn',
        'specformer',
        'quantserve',
        'megakv',
        'turboinfer',
        'deeplm',
        'liteopt',
        'orcanet',
      ][int(8)];
      q(name?.slice(0, 4 + int(6)) ?? 'flash', 'model name');
    } else if (r < 72) q(rareWord(), 'abstract word');
    else if (r < 77) q(`${titleWord()} ${rareWord()}`, 'title + abstract word');
    else if (r < 87) q(`${titleWord()} ${filter()}`, 'word + filter');
    else if (r < 94) q(`${filter()} ${filter()}`, 'filters only');
    else if (r < 97) q(`${titleWord()}qx`, 'typo');
    else if (r < 98) q(`${commonWord()} ${titleWord()}`, 'common word + title word');
    else q(commonWord(), 'common abstract word');
  }
  return out;
}

function mb(file: string): number {
  const size = (f: string): number => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  return Math.round(((size(file) + size(`${file}-wal`)) / 1e6) * 10) / 10;
}

/** What building the library measured (all 0 for a library built by an earlier run). */
type BuildFigures = Pick<
  SearchBenchResult,
  'importMs' | 'rebuildMs' | 'abstractUpdateUs' | 'libraryMb' | 'libraryWithAbstractsMb'
>;

/**
 * The generated list imported into `file` as `lectio import` does it, then abstracts: the
 * first ENRICHED_ONE_BY_ONE one UPDATE at a time (the triggers' cost), the rest with the
 * triggers paused and one rebuild.
 */
function buildLibrary(tmp: string, file: string, items: number, log: (m: string) => void): BuildFigures {
  const list = path.join(tmp, `search-${items}.md`);
  fs.writeFileSync(list, generateList(items));
  const input = readListFile(list);
  const now = { now: () => new Date('2026-01-01T00:00:00Z') };

  log(`search: importing ${items} items`);
  let start = performance.now();
  const store = new SqliteLibraryStore(openDatabase(file));
  importLists(store, [input], now);
  const importMs = performance.now() - start;
  store.close();
  const libraryMb = mb(file);

  const db = openDatabase(file);
  const index = new SqliteSearchIndex(db);
  const write = abstractWriter(vocabulary(titleWordsOf(db)), 42);
  const ids = db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
  const setAbstract = db.prepare('UPDATE items SET abstract = ? WHERE id = ?');
  log(`search: ${ENRICHED_ONE_BY_ONE} abstracts one by one, then the rest with the triggers paused`);
  const first = ids.slice(0, Math.min(ENRICHED_ONE_BY_ONE, ids.length));
  const abstracts = ids.map(() => write());
  start = performance.now();
  db.transaction(() => first.forEach((id, i) => setAbstract.run(abstracts[i], id))).immediate();
  const abstractUpdateUs = ((performance.now() - start) / Math.max(1, first.length)) * 1000;
  db.transaction(() => {
    index.pauseIndexing();
    for (let i = first.length; i < ids.length; i++) setAbstract.run(abstracts[i], ids[i]);
  }).immediate();
  start = performance.now();
  db.transaction(() => index.rebuild()).immediate();
  const rebuildMs = performance.now() - start;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return {
    importMs: Math.round(importMs),
    rebuildMs: Math.round(rebuildMs),
    abstractUpdateUs: Math.round(abstractUpdateUs),
    libraryMb,
    libraryWithAbstractsMb: mb(file),
  };
}

export interface SearchBenchOptions {
  /** Keep the library in this file, and reuse it when it is already there. */
  library?: string;
  /** Write every query and its hits here, one JSON line each. */
  dump?: string;
}

export function benchSearch(
  tmp: string,
  items: number,
  runs: number,
  log: (m: string) => void,
  options: SearchBenchOptions = {},
): SearchBenchResult {
  const file = options.library ?? path.join(tmp, `search-${items}.sqlite`);
  const built: BuildFigures = fs.existsSync(file)
    ? { importMs: 0, rebuildMs: 0, abstractUpdateUs: 0, libraryMb: 0, libraryWithAbstractsMb: mb(file) }
    : buildLibrary(tmp, file, items, log);

  log(`search: ${QUERIES} mixed queries in-process`);
  const db = openDatabase(file);
  // A kept library is only reused at the size it was built for (its list is search-N.md).
  const listPath = db.prepare('SELECT path FROM lists ORDER BY id LIMIT 1').pluck().get() as
    string | undefined;
  if (path.basename(listPath ?? '') !== `search-${items}.md`) {
    db.close();
    throw new Error(`${file} holds no search library of ${items} items (its list: ${listPath ?? 'none'})`);
  }
  const index = new SqliteSearchIndex(db);
  const titleWords = titleWordsOf(db);
  const queries = queryMix(db, vocabulary(titleWords), titleWords.length);
  for (const q of queries.slice(0, 100)) index.search(parseSearchQuery(q.text), LIMIT);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const byKind = new Map<string, Array<{ ms: number; cpuMs: number }>>();
  const dump: string[] = [];
  for (const q of queries) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const hits = index.search(parseSearchQuery(q.text), LIMIT);
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    times.push(ms);
    cpuTimes.push(cpuMs);
    const series = byKind.get(q.kind) ?? [];
    series.push({ ms, cpuMs });
    byKind.set(q.kind, series);
    if (options.dump) dump.push(JSON.stringify({ query: q.text, hits }));
  }
  db.close();
  if (options.dump) fs.writeFileSync(options.dump, `${dump.join('\n')}\n`);
  const byClass: Record<string, QueryClassFigures> = {};
  for (const [kind, series] of [...byKind.entries()].sort((a, b) => b[1].length - a[1].length)) {
    const ms = series.map((s) => s.ms);
    const cpuMs = series.map((s) => s.cpuMs);
    byClass[kind] = {
      queries: ms.length,
      p50Ms: round(percentile(ms, 0.5)),
      p99Ms: round(percentile(ms, 0.99)),
      maxMs: round(Math.max(...ms)),
      cpuP50Ms: round(percentile(cpuMs, 0.5)),
      cpuP99Ms: round(percentile(cpuMs, 0.99)),
    };
  }

  log(`search: lectio search, process start included, ${runs} runs`);
  const cli = [BIN, '--db', file, 'search', 'efficient attention'];
  timeChild(cli);
  const bare: number[] = [];
  const human: number[] = [];
  const json: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(timeChild(['-e', '0']));
    human.push(timeChild(cli));
    json.push(timeChild([...cli, 'year:>=2023', '--json']));
  }
  const result: SearchBenchResult = {
    items,
    runs,
    queries: QUERIES,
    p50Ms: round(percentile(times, 0.5)),
    p99Ms: round(percentile(times, 0.99)),
    maxMs: round(Math.max(...times)),
    cpuP50Ms: round(percentile(cpuTimes, 0.5)),
    cpuP99Ms: round(percentile(cpuTimes, 0.99)),
    cpuOver10Ms: cpuTimes.filter((ms) => ms >= 10).length,
    byClass,
    slowest: queries
      .map((q, i) => ({
        text: q.text,
        kind: q.kind,
        ms: round(times[i] ?? 0),
        cpuMs: round(cpuTimes[i] ?? 0),
      }))
      .sort((a, b) => b.cpuMs - a.cpuMs)
      .slice(0, 2 * Math.ceil(QUERIES / 100)),
    cliMs: Math.round(median(human)),
    cliJsonMs: Math.round(median(json)),
    bareNodeMs: Math.round(median(bare)),
    ...built,
  };
  log(
    `search: p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms in-process (CPU: ${result.cpuP50Ms}, ${result.cpuP99Ms} ms, ${result.cpuOver10Ms} queries of 10 ms or more); lectio search ${result.cliMs} ms (bare node ${result.bareNodeMs} ms)`,
  );
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  const flag = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? path.resolve(process.argv[i + 1] ?? '') : undefined;
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-search-bench-'));
  try {
    const result = benchSearch(
      tmp,
      quick ? 20_000 : 100_000,
      quick ? 3 : 9,
      (m) => process.stderr.write(`bench: ${m}\n`),
      { library: flag('--library'), dump: flag('--dump') },
    );
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
