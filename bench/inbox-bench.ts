// The inbox ranking (issue 4): 2,000 new feed entries scored against a 10,000-item library
// with abstracts, in-process, as `lectio feed fetch` does after landing them (rerankInbox:
// read the library, build the profiles, score, write the scores back). The first ranking
// reads every item's text and keeps what it read; the later ones read it back (migration 9).

import { performance } from 'node:perf_hooks';
import { landEntries, rerankInbox, type IncomingEntry } from '../src/core/inbox.js';
import type { StoredFeed } from '../src/core/feed-store.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { prng } from './generate-list.js';
import { median } from './measure.js';
import { buildReaderLibrary } from './reader-bench.js';
import { abstractWriter, titleWordsOf, vocabulary } from './search-bench.js';

export interface InboxBenchResult {
  items: number;
  entries: number;
  runs: number;
  /** Landing the entries (dedupe against the library, one item each), once. */
  landMs: number;
  /** rerankInbox, median of the runs after the first (what it read in the library kept). */
  rankMs: number;
  /** The first rerankInbox: every library item read, and what it read kept. */
  firstRankMs: number;
}

export function benchInbox(
  tmp: string,
  items: number,
  entries: number,
  runs: number,
  log: (m: string) => void,
): InboxBenchResult {
  log(`inbox: building a ${items}-item library with abstracts`);
  const file = buildReaderLibrary(tmp, items);
  const db = openDatabase(file);
  const titleWords = titleWordsOf(db);
  const vocab = vocabulary(titleWords);
  const write = abstractWriter(vocab, 7);
  const setAbstract = db.prepare('UPDATE items SET abstract = ? WHERE id = ?');
  const ids = db.prepare('SELECT id FROM items ORDER BY id').pluck().all() as number[];
  db.transaction(() => ids.forEach((id) => setAbstract.run(write(), id))).immediate();
  const store = new SqliteLibraryStore(db);
  try {
    const rand = prng(11);
    const pick = (): string => titleWords[Math.floor(rand() * Math.min(titleWords.length, 400))] ?? 'x';
    const incoming: IncomingEntry[] = [];
    for (let i = 0; i < entries; i++) {
      const words: string[] = [];
      for (let n = 5 + Math.floor(rand() * 6); n > 0; n--) words.push(pick());
      const title = words.join(' ');
      const arxivId = `26${String(10 + Math.floor(i / 10000)).slice(-2)}.${String(i % 100000).padStart(5, '0')}`;
      incoming.push({
        id: `arxiv:${arxivId}`,
        title: `${title[0]?.toUpperCase()}${title.slice(1)}`,
        link: `https://arxiv.org/abs/${arxivId}`,
        authors: ['A. Author', 'B. Author'],
        summary: write(),
        published: '2026-11-23T00:00:00Z',
        categories: ['cs.LG'],
        arxivId,
      });
    }
    const at = '2026-11-23T00:00:00.000Z';
    const feedId = store.transaction(() =>
      store
        .feedStore()
        .addFeed(
          { spec: 'arxiv:cs.LG', url: 'https://rss.arxiv.org/rss/cs.LG', include: [], exclude: [] },
          at,
        ),
    );
    const feed = store.feedStore().feedBySpec('arxiv:cs.LG') as StoredFeed;
    log(`inbox: landing ${entries} entries (feed #${feedId})`);
    let start = performance.now();
    const landed = store.transaction(() => landEntries(store, feed, incoming, at));
    const landMs = performance.now() - start;
    if (landed.added !== entries) throw new Error(`inbox bench: ${landed.added} of ${entries} landed`);
    log(`inbox: ranking them ${runs} times`);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      start = performance.now();
      const n = store.transaction(() => rerankInbox(store));
      times.push(performance.now() - start);
      if (n !== entries) throw new Error(`inbox bench: ranked ${n} of ${entries}`);
    }
    return { items, entries, runs, landMs, rankMs: median(times.slice(1)), firstRankMs: times[0] ?? 0 };
  } finally {
    store.close();
  }
}
