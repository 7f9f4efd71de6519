// The inbox ranking keeps what it read in each library item (migration 8: item_rank_terms,
// rank_terms) and reads again only the items whose title or text changed: a rerank from
// memory must rank exactly as reading the whole library again does.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type Database from 'better-sqlite3';
import type { IncomingEntry, StoredFeed } from '../src/core/feed-store.js';
import { importLists } from '../src/core/import-lists.js';
import { landEntries, rerankInbox } from '../src/core/inbox.js';
import { readListFile } from '../src/formats/read-list-file.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { makeTempDir, removeDir, SEEDS } from './cli-helpers.js';

const AT = '2026-11-23T00:00:00.000Z';

const ENTRIES: Array<[string, string]> = [
  [
    'Speculative decoding for faster LLM serving',
    'A draft model proposes tokens that the target model verifies.',
  ],
  ['Quantizing the KV cache to 2 bits', 'Long-context inference with a compressed key-value cache.'],
  ['Sparse mixture-of-experts routing', 'Top-k gating and load balancing for expert-parallel training.'],
  ['Consensus in replicated state machines', 'Leader election and log replication, like Raft and Paxos.'],
  ['大模型推理的KV缓存压缩', '我们压缩 KV cache 以加速推理。'],
];

function incoming(): IncomingEntry[] {
  return ENTRIES.map(([title, summary], i) => ({
    id: `arxiv:2611.0000${i}`,
    title,
    link: `https://arxiv.org/abs/2611.0000${i}`,
    authors: ['A. Author'],
    summary,
    published: AT,
    categories: ['cs.LG'],
    arxivId: `2611.0000${i}`,
  }));
}

describe('the inbox ranking remembers what it read in the library', () => {
  let dir: string;
  let db: Database.Database;
  let store: SqliteLibraryStore;

  const rows = (sql: string): unknown[] => db.prepare(sql).all();
  const kept = (): number[] =>
    db.prepare('SELECT item_id FROM item_rank_terms ORDER BY item_id').pluck().all() as number[];
  /** The ranking as stored, entry by entry. */
  const ranked = (): unknown[] =>
    rows(
      "SELECT key, score, best_topic, similar, words FROM inbox_entries WHERE state = 'inbox' ORDER BY key",
    );
  const rerank = (): number => store.transaction(() => rerankInbox(store));
  /** The ranking with nothing remembered: every item read again. */
  const rankedAfresh = (): unknown[] => {
    db.exec('DELETE FROM item_rank_terms; DELETE FROM rank_terms');
    rerank();
    return ranked();
  };

  before(() => {
    dir = makeTempDir('lectio-rank-memory-');
    db = openDatabase(path.join(dir, 'library.sqlite'));
    store = new SqliteLibraryStore(db);
    importLists(
      store,
      SEEDS.map((f) => readListFile(f)),
      { now: () => new Date('2025-06-01T00:00:00Z') },
    );
    const feeds = store.feedStore();
    store.transaction(() =>
      feeds.addFeed(
        { spec: 'arxiv:cs.LG', url: 'https://rss.arxiv.org/rss/cs.LG', include: [], exclude: [] },
        AT,
      ),
    );
    const feed = feeds.feedBySpec('arxiv:cs.LG') as StoredFeed;
    const report = store.transaction(() => landEntries(store, feed, incoming(), AT));
    assert.equal(report.added, ENTRIES.length);
  });
  after(() => {
    store.close();
    removeDir(dir);
  });

  test('the first ranking keeps every library item it read; the next reads none and ranks the same', () => {
    assert.equal(rerank(), ENTRIES.length);
    const docs = store.feedStore().rankingDocs();
    assert.deepEqual(
      kept(),
      docs.map((d) => d.id),
    );
    assert.ok(docs.every((d) => d.counted && d.text === ''));
    const first = ranked();
    assert.ok((first as Array<{ score: number }>).some((r) => r.score > 0));
    rerank();
    assert.deepEqual(ranked(), first);
    assert.deepEqual(rankedAfresh(), first);
  });

  test('an item whose abstract, why or title changes, or that goes, is read again', () => {
    rerank();
    const [a, b, c, d] = kept();
    const feeds = store.feedStore();
    store.transaction(() => {
      const metadata = feeds.itemMetadata(a as number);
      assert.ok(metadata);
      feeds.setItemMetadata(a as number, {
        ...metadata,
        abstract: 'Speculative decoding with draft models and a compressed KV cache for LLM serving.',
      });
      store.setUserFields(b as number, { why: 'mixture-of-experts routing, expert-parallel' }, AT);
      store.setUserFields(c as number, { title: 'Consensus: Raft, Paxos and replicated logs' }, AT);
      feeds.deleteItem(d as number);
    });
    const left = kept();
    for (const id of [a, b, c, d]) assert.ok(!left.includes(id as number), `#${id} forgotten`);
    rerank();
    assert.ok([a, b, c].every((id) => kept().includes(id as number)));
    const remembered = ranked();
    assert.deepEqual(rankedAfresh(), remembered);
  });

  test('setting a field to what it was keeps the memory', () => {
    rerank();
    const [a] = kept();
    const feeds = store.feedStore();
    store.transaction(() => feeds.setItemMetadata(a as number, feeds.itemMetadata(a as number)!));
    assert.ok(kept().includes(a as number));
  });
});
