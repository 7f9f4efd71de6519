// The FeedStore (src/core/feed-store.ts) on SQLite: the arXiv metadata cache, feeds and the
// inbox entries (migration 6), and the item metadata columns (migration 3).

import type Database from 'better-sqlite3';
import type {
  CachedPaper,
  FeedStore,
  InboxEntry,
  InboxState,
  ItemMetadata,
  PaperMetadata,
  RankingDoc,
  RankMemory,
  StoredFeed,
} from '../../core/feed-store.js';
import type { Status } from '../../core/item.js';

interface FeedRow {
  id: number;
  spec: string;
  url: string;
  title: string | null;
  include: string;
  exclude: string;
  added_at: string;
  fetched_at: string | null;
  last_error: string | null;
  waiting: number;
}

interface EntryRow {
  key: string;
  feed_id: number;
  item_id: number | null;
  state: string;
  title: string;
  summary: string;
  published: string | null;
  seen_at: string;
  decided_at: string | null;
  score: number | null;
  best_topic: string | null;
  similar: string;
  words: string;
}

const FEED_COLUMNS = `f.*, (SELECT count(*) FROM inbox_entries e WHERE e.feed_id = f.id AND e.state = 'inbox') AS waiting`;

function toEntry(r: EntryRow): InboxEntry {
  return {
    key: r.key,
    feedId: r.feed_id,
    itemId: r.item_id,
    state: r.state as InboxState,
    title: r.title,
    summary: r.summary,
    published: r.published,
    seenAt: r.seen_at,
    decidedAt: r.decided_at,
    score: r.score,
    bestTopic: r.best_topic,
    similar: JSON.parse(r.similar) as number[],
    words: JSON.parse(r.words) as string[],
  };
}

function toFeed(r: FeedRow): StoredFeed {
  return {
    id: r.id,
    spec: r.spec,
    url: r.url,
    title: r.title,
    include: JSON.parse(r.include) as string[],
    exclude: JSON.parse(r.exclude) as string[],
    addedAt: r.added_at,
    fetchedAt: r.fetched_at,
    lastError: r.last_error,
    waiting: r.waiting,
  };
}

/** SQLite's limit on bound parameters is 32766; chunks stay well below it. */
function chunks<T>(values: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

export class SqliteFeedStore implements FeedStore {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  /** A prepared statement, prepared once per store (the inbox writes thousands of rows a fetch). */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  cachedPapers(keys: readonly string[]): Map<string, CachedPaper> {
    const out = new Map<string, CachedPaper>();
    for (const part of chunks(keys)) {
      const rows = this.sql(
        `SELECT key, fetched_at, found, data FROM metadata_cache WHERE key IN (${part.map(() => '?').join(',')})`,
      ).all(...part) as Array<{ key: string; fetched_at: string; found: number; data: string | null }>;
      for (const r of rows) {
        out.set(r.key, {
          key: r.key,
          fetchedAt: r.fetched_at,
          paper: r.found && r.data ? (JSON.parse(r.data) as PaperMetadata) : null,
        });
      }
    }
    return out;
  }

  cachePapers(papers: readonly CachedPaper[]): void {
    const put = this.sql(
      'INSERT OR REPLACE INTO metadata_cache (key, fetched_at, found, data) VALUES (?, ?, ?, ?)',
    );
    for (const p of papers)
      put.run(p.key, p.fetchedAt, p.paper ? 1 : 0, p.paper ? JSON.stringify(p.paper) : null);
  }

  arxivIdsOfItems(
    itemIds?: readonly number[],
  ): Array<{ itemId: number; arxivId: string; enrichedAt: string | null }> {
    const sql = `SELECT k.item_id AS itemId, min(substr(k.key, 7)) AS arxivId, i.enriched_at AS enrichedAt
      FROM item_keys k JOIN items i ON i.id = k.item_id
      WHERE k.key >= 'arxiv:' AND k.key < 'arxiv;'`;
    if (itemIds === undefined) {
      return this.sql(`${sql} GROUP BY k.item_id ORDER BY k.item_id`).all() as Array<{
        itemId: number;
        arxivId: string;
        enrichedAt: string | null;
      }>;
    }
    const out: Array<{ itemId: number; arxivId: string; enrichedAt: string | null }> = [];
    for (const part of chunks(itemIds)) {
      out.push(
        ...(this.db
          .prepare(`${sql} AND k.item_id IN (${part.map(() => '?').join(',')}) GROUP BY k.item_id`)
          .all(...part) as typeof out),
      );
    }
    return out.sort((a, b) => a.itemId - b.itemId);
  }

  itemMetadata(itemId: number): ItemMetadata | null {
    const r = this.sql(
      'SELECT abstract, categories, journal_ref, doi, enriched_at FROM items WHERE id = ?',
    ).get(itemId) as
      | {
          abstract: string | null;
          categories: string;
          journal_ref: string | null;
          doi: string | null;
          enriched_at: string | null;
        }
      | undefined;
    if (!r) return null;
    return {
      abstract: r.abstract,
      categories: JSON.parse(r.categories) as string[],
      journalRef: r.journal_ref,
      doi: r.doi,
      enrichedAt: r.enriched_at,
    };
  }

  setItemMetadata(itemId: number, m: ItemMetadata): void {
    this.sql(
      'UPDATE items SET abstract = ?, categories = ?, journal_ref = ?, doi = ?, enriched_at = ? WHERE id = ?',
    ).run(m.abstract, JSON.stringify(m.categories), m.journalRef, m.doi, m.enrichedAt, itemId);
  }

  removeItemSources(itemId: number, listId: number): void {
    const sub = 'SELECT id FROM sources WHERE item_id = ? AND list_id = ?';
    for (const table of ['links', 'item_keys', 'title_keys']) {
      this.sql(`DELETE FROM ${table} WHERE item_id = ? AND source_id IN (${sub})`).run(
        itemId,
        itemId,
        listId,
      );
    }
    this.sql('DELETE FROM sources WHERE item_id = ? AND list_id = ?').run(itemId, listId);
  }

  deleteItem(itemId: number): void {
    for (const table of ['links', 'item_keys', 'title_keys', 'sources', 'events', 'plan_items']) {
      this.sql(`DELETE FROM ${table} WHERE item_id = ?`).run(itemId);
    }
    this.sql('DELETE FROM items WHERE id = ?').run(itemId);
  }

  feeds(): StoredFeed[] {
    return (this.sql(`SELECT ${FEED_COLUMNS} FROM feeds f ORDER BY f.id`).all() as FeedRow[]).map(toFeed);
  }

  feedBySpec(spec: string): StoredFeed | null {
    const row = this.sql(`SELECT ${FEED_COLUMNS} FROM feeds f WHERE f.spec = ?`).get(spec) as
      FeedRow | undefined;
    return row ? toFeed(row) : null;
  }

  addFeed(feed: { spec: string; url: string; include: string[]; exclude: string[] }, at: string): number {
    return Number(
      this.sql('INSERT INTO feeds (spec, url, include, exclude, added_at) VALUES (?, ?, ?, ?, ?)').run(
        feed.spec,
        feed.url,
        JSON.stringify(feed.include),
        JSON.stringify(feed.exclude),
        at,
      ).lastInsertRowid,
    );
  }

  removeFeed(id: number): void {
    this.sql('DELETE FROM feeds WHERE id = ?').run(id);
  }

  markFetched(id: number, at: string, title: string | null, error: string | null): void {
    this.sql('UPDATE feeds SET fetched_at = ?, title = coalesce(?, title), last_error = ? WHERE id = ?').run(
      at,
      title,
      error,
      id,
    );
  }

  inboxEntries(keys: readonly string[]): Map<string, InboxEntry> {
    const out = new Map<string, InboxEntry>();
    for (const part of chunks(keys)) {
      const rows = this.sql(
        `SELECT * FROM inbox_entries WHERE key IN (${part.map(() => '?').join(',')})`,
      ).all(...part) as EntryRow[];
      for (const r of rows) out.set(r.key, toEntry(r));
    }
    return out;
  }

  saveInboxEntry(e: InboxEntry): void {
    this.sql(
      `INSERT OR REPLACE INTO inbox_entries
           (key, feed_id, item_id, state, title, summary, published, seen_at, decided_at, score, best_topic, similar, words)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      e.key,
      e.feedId,
      e.itemId,
      e.state,
      e.title,
      e.summary,
      e.published,
      e.seenAt,
      e.decidedAt,
      e.score,
      e.bestTopic,
      JSON.stringify(e.similar),
      JSON.stringify(e.words),
    );
  }

  inboxByState(state: InboxState): InboxEntry[] {
    return (
      this.sql('SELECT * FROM inbox_entries WHERE state = ? ORDER BY score DESC, seen_at DESC, key').all(
        state,
      ) as EntryRow[]
    ).map(toEntry);
  }

  inboxTexts(state: InboxState): Array<Pick<InboxEntry, 'key' | 'title' | 'summary'>> {
    // inboxByState's order: the dismissed profile sums its entries in it.
    return this.sql(
      'SELECT key, title, summary FROM inbox_entries WHERE state = ? ORDER BY score DESC, seen_at DESC, key',
    ).all(state) as Array<Pick<InboxEntry, 'key' | 'title' | 'summary'>>;
  }

  inboxEntryOfItem(itemId: number): InboxEntry | null {
    const row = this.sql(
      "SELECT * FROM inbox_entries WHERE item_id = ? ORDER BY state = 'inbox' DESC LIMIT 1",
    ).get(itemId) as EntryRow | undefined;
    return row ? toEntry(row) : null;
  }

  setInboxState(key: string, state: InboxState, itemId: number | null, at: string): void {
    this.sql('UPDATE inbox_entries SET state = ?, item_id = ?, decided_at = ? WHERE key = ?').run(
      state,
      itemId,
      at,
      key,
    );
  }

  setInboxRanking(
    key: string,
    r: { score: number; bestTopic: string | null; similar: number[]; words: string[] },
  ): void {
    this.sql('UPDATE inbox_entries SET score = ?, best_topic = ?, similar = ?, words = ? WHERE key = ?').run(
      r.score,
      r.bestTopic,
      JSON.stringify(r.similar),
      JSON.stringify(r.words),
      key,
    );
  }

  rankingDocs(): RankingDoc[] {
    // An item whose terms are kept is not read again: its abstract stays on disk.
    const rows = this.sql(
      `SELECT i.id, i.topics, i.status, i.importance, i.rating, t.ids, t.counts,
              CASE WHEN t.ids IS NULL THEN i.title ELSE '' END,
              CASE WHEN t.ids IS NULL THEN i.aliases ELSE '[]' END,
              CASE WHEN t.ids IS NULL THEN coalesce(i.abstract, '') ELSE '' END,
              CASE WHEN t.ids IS NULL THEN coalesce(i.why, '') ELSE '' END
         FROM items i LEFT JOIN item_rank_terms t ON t.item_id = i.id
        WHERE i.status != 'inbox' AND i.kind != 'site' AND i.title != ''
        ORDER BY i.id`,
    )
      .raw()
      .all() as Array<
      [
        number,
        string,
        string,
        number | null,
        number | null,
        Buffer | null,
        Buffer | null,
        string,
        string,
        string,
        string,
      ]
    >;
    return rows.map((r) => ({
      id: r[0],
      topics: JSON.parse(r[1]) as string[],
      status: r[2] as Status,
      importance: r[3],
      rating: r[4],
      counted: r[5] === null || r[6] === null ? null : { ids: int32s(r[5]), counts: int32s(r[6]) },
      title: r[7],
      text: r[5] === null ? `${(JSON.parse(r[8]) as string[]).join(' ')} ${r[9]} ${r[10]}` : '',
    }));
  }

  rankTerms(): string[] {
    const terms: string[] = [];
    for (const [id, term] of this.sql('SELECT id, term FROM rank_terms ORDER BY id').raw().all() as Array<
      [number, string]
    >) {
      while (terms.length < id) terms.push('');
      terms.push(term);
    }
    return terms;
  }

  saveRankMemory(memory: RankMemory): void {
    if (memory.forget) {
      this.sql('DELETE FROM item_rank_terms').run();
      this.sql('DELETE FROM rank_terms').run();
    }
    const term = this.sql('INSERT OR REPLACE INTO rank_terms (id, term) VALUES (?, ?)');
    for (const t of memory.terms) term.run(t.id, t.term);
    const item = this.sql('INSERT OR REPLACE INTO item_rank_terms (item_id, ids, counts) VALUES (?, ?, ?)');
    for (const { itemId, counted } of memory.items)
      item.run(itemId, bytes(counted.ids), bytes(counted.counts));
  }
}

function bytes(values: Int32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/** A blob of 32-bit integers: a view when SQLite's bytes are aligned for one, else a copy. */
function int32s(blob: Buffer): Int32Array {
  const n = blob.byteLength >> 2;
  if (blob.byteOffset % 4 === 0) return new Int32Array(blob.buffer, blob.byteOffset, n);
  return new Int32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + 4 * n));
}
