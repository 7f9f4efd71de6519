// LibraryStore over one better-sqlite3 handle. Statements are prepared once per store, when
// first used (lazy-statements.ts).

import type Database from 'better-sqlite3';
import { strongIdOfUrl } from '../../core/canonical-id.js';
import { LectioError } from '../../core/errors.js';
import type { TitleEvidence } from '../../core/identity.js';
import { aggregateSources } from '../../core/aggregate.js';
import { identityLinks } from '../../core/identity.js';
import { spacedWords } from '../../core/text-similarity.js';
import { distinctPages } from '../../core/shown-links.js';
import type { BibFields, ItemKind, Link, LinkRole, ParsedItem, Status } from '../../core/item.js';
import { topicPathAndParents, topicRankOf } from '../../core/topic-tree.js';
import { effectiveFields, type UserFields } from '../../core/user-fields.js';
import type { SearchIndex } from '../../core/search-index.js';
import type {
  AggregateChange,
  ItemAggregate,
  ItemRecord,
  ItemPage,
  ItemPageRequest,
  LibraryStats,
  LibraryStore,
  ListFilter,
  QueueBaseWeights,
  QueueRow,
  ReadingFields,
  StoredEntry,
  StoredEvent,
  StoredList,
  StoredPlan,
  StoredSource,
  StoredTopic,
  TopicCount,
} from '../../core/library-store.js';
import { USER_MERGE_MATCH } from '../../core/library-store.js';
import { itemsUnderTopicArgs, itemsUnderTopicSql, listFilterSql } from './topic-filter.js';
import { SqliteSearchIndex } from './sqlite-search.js';
import { SqliteFeedStore } from './feed-store.js';
import type { FeedStore } from '../../core/feed-store.js';
import { MatchingTables, TITLE_LOOKUP_LIMIT } from './merge-decisions.js';
import { lazyStatements } from './lazy-statements.js';
import { SourceRows } from './source-rows.js';
import {
  eachExportItem,
  readBackupTables,
  readExportItems,
  writeBackupTables,
} from './sqlite-export-reads.js';
import type { BackupTables, ExportItem, ExportPurpose, ExportSelection } from '../../core/library-export.js';
import { pageItems } from './item-page-queries.js';

interface ItemRow {
  id: number;
  title: string;
  aliases: string;
  kind: string;
  status: string;
  importance: number | null;
  why: string | null;
  year: number | null;
  authors: string;
  orphaned: number;
  created_at: string;
  updated_at: string;
  list_status: string;
  list_importance: number | null;
  list_why: string | null;
  user_status: string | null;
  user_importance: number | null;
  user_why: string | null;
  user_title: string | null;
  user_topic: string | null;
  pass: number;
  rating: number | null;
  read_at: string | null;
  note: string;
  topics: string;
  list_count: number;
  topic_rank: number | null;
}

interface SourceRow {
  id: number;
  item_id: number;
  list_id: number;
  path: string;
  line: number;
  title: string;
  aliases: string;
  topic: string;
  status: string | null;
  importance: number | null;
  why: string | null;
  notes: string;
  year: number | null;
  authors: string;
  match: string;
  bib: string | null;
}

interface LinkRow {
  item_id: number;
  source_id: number;
  url: string;
  role: string;
  label: string | null;
}

/** What saveAggregate reads of an item: the folded and effective fields, and the user's. */
const FOLD_COLUMNS = [
  'title',
  'aliases',
  'kind',
  'status',
  'importance',
  'why',
  'year',
  'authors',
  'list_status',
  'list_importance',
  'list_why',
  'user_status',
  'user_importance',
  'user_why',
  'user_title',
  'user_topic',
  'topics',
  'list_count',
  'topic_rank',
] as const;

type FoldRow = Pick<ItemRow, (typeof FOLD_COLUMNS)[number]>;

/** What saveAggregate writes of an item, in the order of its values (topic_rank aside). */
const FOLD_SET = `title = ?, aliases = ?, kind = ?, status = ?, importance = ?, why = ?, year = ?, authors = ?,
  list_status = ?, list_importance = ?, list_why = ?, user_status = ?, topics = ?, list_count = ?, updated_at = ?`;

/** The fold columns of a row as createItem writes it (the schema's defaults). */
const EMPTY_ITEM: FoldRow = {
  title: '',
  aliases: '[]',
  kind: 'other',
  status: 'to-read',
  importance: null,
  why: null,
  year: null,
  authors: '[]',
  list_status: 'to-read',
  list_importance: null,
  list_why: null,
  user_status: null,
  topic_rank: null,
  user_importance: null,
  user_why: null,
  user_title: null,
  user_topic: null,
  topics: '[]',
  list_count: 0,
};

const CHUNK = 500;

/**
 * Indexes that listing, the queue, search filters and topic counts read, and that placing
 * an entry never does: a large import drops them and builds each once at the end instead of
 * updating them for every new item (its first row and then its fold).
 */
const DEFERRED_INDEXES = ['items_status', 'items_queue', 'items_search_filters', 'sources_topic'];

/**
 * Page cache of a bulk import (KiB): its pages do not fit SQLite's default 2 MB, and each
 * page evicted dirty is written out mid-transaction and read back later.
 */
const BULK_CACHE_KIB = 131_072;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

function placeholders(n: number): string {
  return new Array(n).fill('?').join(',');
}

function toLink(row: LinkRow): Link {
  const link: Link = { url: row.url, role: row.role as LinkRole };
  if (row.label) link.label = row.label;
  return link;
}

export class SqliteLibraryStore implements LibraryStore {
  private readonly stmt;

  private readonly matching: MatchingTables;
  /** Sources with their links and keys: written at once, or batched during a bulk import. */
  private readonly rows: SourceRows;

  constructor(private readonly db: Database.Database) {
    this.matching = new MatchingTables(db);
    this.rows = new SourceRows(db);
    this.stmt = lazyStatements({
      listByPath: () => db.prepare('SELECT id, path, title, sha256, imported_at FROM lists WHERE path = ?'),
      insertList: () =>
        db.prepare('INSERT INTO lists (path, title, sha256, imported_at) VALUES (?, ?, ?, ?)'),
      updateList: () => db.prepare('UPDATE lists SET title = ?, sha256 = ?, imported_at = ? WHERE id = ?'),
      entriesOfList: () =>
        db.prepare(
          'SELECT item_id AS itemId, title, topic, 0 AS kept FROM sources WHERE list_id = ? ORDER BY line, id',
        ),
      keptEntriesOfList: () =>
        db.prepare(
          `SELECT DISTINCT i.id AS itemId, i.title, '' AS topic, 1 AS kept FROM item_keys AS k JOIN items AS i ON i.id = k.item_id
           WHERE k.key >= @prefix AND k.key < @prefix || char(1114111) AND k.source_id = 0 AND i.orphaned = 1
           ORDER BY i.id`,
        ),
      titleKeyPrefix: () =>
        db
          .prepare(
            `SELECT DISTINCT item_id FROM title_keys WHERE key > @prefix AND key < @prefix || char(1114111)
             LIMIT @limit`,
          )
          .pluck(),
      identityKeysOfItem: () =>
        db.prepare("SELECT DISTINCT key FROM item_keys WHERE item_id = ? AND key NOT LIKE 'src:%'").pluck(),
      insertItem: () => db.prepare('INSERT INTO items (created_at, updated_at) VALUES (?, ?)'),
      insertItemWithId: () => db.prepare('INSERT INTO items (id, created_at, updated_at) VALUES (?, ?, ?)'),
      maxItemId: () => db.prepare('SELECT max(id) AS id FROM items'),
      keyLookup: () =>
        db.prepare('SELECT item_id, key FROM item_keys WHERE key = ? ORDER BY item_id LIMIT 8'),
      titleLookup: () =>
        db.prepare(
          `SELECT DISTINCT item_id FROM title_keys WHERE key = ? ORDER BY item_id LIMIT ${TITLE_LOOKUP_LIMIT}`,
        ),
      sourcesOfItem: () =>
        db.prepare(
          `SELECT s.*, l.path FROM sources s JOIN lists l ON l.id = s.list_id WHERE s.item_id = ? ORDER BY s.id`,
        ),
      linksOfItem: () =>
        db.prepare(
          'SELECT item_id, source_id, url, role, label FROM links WHERE item_id = ? ORDER BY source_id, position',
        ),
      itemRow: () => db.prepare('SELECT * FROM items WHERE id = ?'),
      // The columns a fold compares and the user's fields: \`SELECT *\` built objects of every
      // column (abstract, dates, the reader's fields) and was most of saveAggregate's time.
      foldRow: () => db.prepare(`SELECT ${FOLD_COLUMNS.join(', ')} FROM items WHERE id = ?`),
      saveAggregate: () => db.prepare(`UPDATE items SET ${FOLD_SET} WHERE id = ?`),
      saveAggregateRanked: () => db.prepare(`UPDATE items SET ${FOLD_SET}, topic_rank = ? WHERE id = ?`),
      setTopicRank: () => db.prepare('UPDATE items SET topic_rank = ? WHERE id = ?'),
      // An unwritten item's first fold: the row createItem and that UPDATE would have left.
      insertFoldedItem: () =>
        db.prepare(
          `INSERT INTO items (title, aliases, kind, status, importance, why, year, authors,
           list_status, list_importance, list_why, user_status, topics, list_count, updated_at, id, created_at, topic_rank)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ),
      setOrphaned: () =>
        db.prepare('UPDATE items SET orphaned = ?, updated_at = ? WHERE id = ? AND orphaned != ?'),
      topicByPath: () => db.prepare('SELECT id FROM topics WHERE path = ?'),
      maxTopicPos: () => db.prepare('SELECT coalesce(max(position), 0) AS p FROM topics'),
      insertTopic: () => db.prepare('INSERT INTO topics (path, position) VALUES (?, ?)'),
      insertEvent: () => db.prepare('INSERT INTO events (item_id, at, kind, data) VALUES (?, ?, ?, ?)'),
    });
  }

  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (error) {
      // A failed bulk import leaves nothing behind (its rows are rolled back).
      this.unwritten = null;
      this.heldKeys = null;
      this.rows.stopWaiting();
      this.restorePragmas?.();
      if (error instanceof Error && /SQLITE_BUSY|database is locked/iu.test(error.message)) {
        throw new LectioError(
          'busy',
          'the library is busy (another lectio is writing to it); try again in a moment',
        );
      }
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }

  listByPath(path: string): StoredList | null {
    const row = this.stmt.listByPath.get(path) as
      { id: number; path: string; title: string | null; sha256: string; imported_at: string } | undefined;
    return row
      ? { id: row.id, path: row.path, title: row.title, sha256: row.sha256, importedAt: row.imported_at }
      : null;
  }

  saveList(path: string, title: string | null, sha256: string, at: string): number {
    const existing = this.listByPath(path);
    if (existing) {
      this.stmt.updateList.run(title, sha256, at, existing.id);
      return existing.id;
    }
    return Number(this.stmt.insertList.run(path, title, sha256, at).lastInsertRowid);
  }

  entryTextsOfList(listId: number): Array<{ itemId: number; text: string }> {
    this.settle();
    return this.db
      .prepare(
        `SELECT s.item_id AS itemId,
           json_array(s.title, s.aliases, s.topic, s.status, s.importance, s.why, s.notes, s.year, s.authors, s.bib,
             (SELECT json_group_array(url || ' ' || role || ' ' || coalesce(label, ''))
              FROM (SELECT url, role, label FROM links WHERE source_id = s.id ORDER BY position))) AS text
         FROM sources s WHERE s.list_id = ?`,
      )
      .all(listId) as Array<{ itemId: number; text: string }>;
  }

  entriesOfList(listId: number, anchorPrefix: string): StoredEntry[] {
    this.settle();
    type Row = Omit<StoredEntry, 'kept'> & { kept: number };
    const rows = [
      ...(this.stmt.entriesOfList.all(listId) as Row[]),
      ...(this.stmt.keptEntriesOfList.all({ prefix: anchorPrefix }) as Row[]),
    ];
    return rows.map((r) => ({ ...r, kept: r.kept === 1 }));
  }

  identityKeysOfItem(itemId: number): string[] {
    this.settle();
    return this.stmt.identityKeysOfItem.all(itemId) as string[];
  }

  nextLineOfList(listId: number): number {
    this.settle();
    return this.db
      .prepare('SELECT coalesce(max(line), 0) + 1 FROM sources WHERE list_id = ?')
      .pluck()
      .get(listId) as number;
  }

  removeSourcesOfList(listId: number): number[] {
    this.settle();
    const db = this.db;
    // Items whose every source is in this list would lose their identity with them:
    // their links and keys move to source 0 so that they stay findable and complete.
    const orphans = db
      .prepare(
        `SELECT DISTINCT item_id FROM sources WHERE list_id = ?
         AND item_id NOT IN (SELECT item_id FROM sources WHERE list_id != ?)`,
      )
      .all(listId, listId) as Array<{ item_id: number }>;
    const orphanIds = orphans.map((o) => o.item_id);
    for (const part of chunks(orphanIds)) {
      const q = placeholders(part.length);
      this.deleteKeptRows(part, ['links']);
      // Every source of these items is in this list, so each of their rows that a source holds
      // is one of the list's. (Testing \`source_id IN\` the list's sources probed the item index
      // once per item and source: a changed 10k-entry list took 23 s to import again.)
      for (const table of ['links', 'item_keys', 'title_keys']) {
        db.prepare(
          `UPDATE OR IGNORE ${table} SET source_id = 0 WHERE item_id IN (${q}) AND +source_id != 0`,
        ).run(...part);
      }
    }
    const sub = 'SELECT id FROM sources WHERE list_id = ?';
    db.prepare(`DELETE FROM links WHERE source_id IN (${sub})`).run(listId);
    db.prepare(`DELETE FROM item_keys WHERE source_id IN (${sub})`).run(listId);
    db.prepare(`DELETE FROM title_keys WHERE source_id IN (${sub})`).run(listId);
    db.prepare('DELETE FROM sources WHERE list_id = ?').run(listId);
    this.rows.idsFreed();
    return orphanIds;
  }

  dropKeptRows(itemIds: readonly number[]): void {
    this.settle();
    for (const part of chunks(itemIds)) this.deleteKeptRows(part, ['links', 'item_keys', 'title_keys']);
  }

  private deleteKeptRows(itemIds: readonly number[], tables: readonly string[]): void {
    const q = placeholders(itemIds.length);
    // \`+source_id\`: by the item index, not by the source one, which would scan every kept row.
    for (const table of tables) {
      this.db.prepare(`DELETE FROM ${table} WHERE +source_id = 0 AND item_id IN (${q})`).run(...itemIds);
    }
  }

  findItemsByKeys(keys: readonly string[]): Array<{ itemId: number; key: string }> {
    const out: Array<{ itemId: number; key: string }> = [];
    const seen = new Set<number>();
    for (const key of keys) {
      if (this.heldKeys && !this.heldKeys.identity.has(key)) continue;
      if (this.rows.hasKey(key)) this.settle();
      for (const row of this.stmt.keyLookup.all(key) as Array<{ item_id: number; key: string }>) {
        if (seen.has(row.item_id)) continue;
        seen.add(row.item_id);
        out.push({ itemId: row.item_id, key: row.key });
      }
    }
    return out.sort((a, b) => a.itemId - b.itemId);
  }

  findItemsByTitleKeys(keys: readonly string[]): number[] {
    const ids = new Set<number>();
    for (const key of keys) {
      if (this.heldKeys && !this.heldKeys.title.has(key)) continue;
      if (this.rows.hasKey(key)) this.settle();
      for (const row of this.stmt.titleLookup.all(key) as Array<{ item_id: number }>) ids.add(row.item_id);
    }
    return [...ids].sort((a, b) => a - b);
  }

  findItemsByTitleKeyPrefix(prefix: string, limit: number): number[] {
    this.settle();
    // A range of the primary key (key, item_id, source_id): the keys after the prefix itself
    // and before any key that does not start with it.
    return this.stmt.titleKeyPrefix.all({ prefix, limit }) as number[];
  }

  evidenceOf(itemId: number): TitleEvidence {
    this.settleItems([itemId]);
    const links = (this.stmt.linksOfItem.all(itemId) as LinkRow[]).map(toLink);
    const row = this.stmt.itemRow.get(itemId) as ItemRow | undefined;
    let year = row?.year ?? null;
    let authors: string[] = row ? (JSON.parse(row.authors) as string[]) : [];
    let bib: BibFields | undefined;
    const titles = new Set<string>(row?.title ? [row.title] : []);
    // Items created in this run are not folded yet: read their sources. Bibliographic
    // fields are only ever on sources.
    for (const s of this.stmt.sourcesOfItem.all(itemId) as SourceRow[]) {
      year ??= s.year;
      if (authors.length === 0) authors = JSON.parse(s.authors) as string[];
      if (!bib && s.bib) bib = JSON.parse(s.bib) as BibFields;
      if (s.title) titles.add(s.title);
    }
    const evidence: TitleEvidence = { links, year, authors, titles: [...titles] };
    if (bib) evidence.bib = bib;
    return evidence;
  }

  findItemsByTitleTokens(tokens: readonly string[], limit: number): Map<string, number[]> {
    this.settle();
    return this.matching.findItemsByTitleTokens(tokens, limit);
  }

  titlesOfItems(itemIds: readonly number[]): Map<number, string[]> {
    this.settleItems(itemIds);
    return this.matching.titlesOfItems(itemIds);
  }

  titleKeyIndex(
    tokenPrefix: string,
    tokenLimit: number,
  ): { titles: Map<string, number[]>; tokens: Map<string, number[]> } {
    this.settle();
    return this.matching.titleKeyIndex(tokenPrefix, tokenLimit);
  }

  bibRecordsWithTitleKey(key: string, limit: number): Array<{ listId: number; evidence: TitleEvidence }> {
    this.settle();
    return this.matching.bibRecordsWithTitleKey(key, limit);
  }

  mergeDecisionsOf(anchor: string): { together: string[]; apart: string[] } {
    return this.matching.mergeDecisionsOf(anchor);
  }

  hasMergeDecisions(): boolean {
    return this.matching.hasMergeDecisions();
  }

  addMergeDecision(kind: 'together' | 'apart', a: string, b: string, at: string): void {
    this.matching.addMergeDecision(kind, a, b, at);
  }

  anchorsOfItem(itemId: number): string[] {
    this.settleItems([itemId]);
    return this.matching.anchorsOfItem(itemId);
  }

  sourceAnchorsOf(itemId: number): Map<number, string> {
    this.settleItems([itemId]);
    return this.matching.sourceAnchorsOf(itemId);
  }

  splitSource(itemId: number, sourceId: number, at: string): number {
    this.settle();
    const created = this.matching.splitSource(itemId, sourceId, at);
    // Back under its list's heading (matching.splitSource), which a move of every item out
    // of it may have dropped.
    const topic = this.db.prepare('SELECT topic FROM sources WHERE id = ?').pluck().get(sourceId) as string;
    if (topic !== '') this.ensureTopics([topic]);
    return created;
  }

  createItem(at: string): number {
    if (this.unwritten) {
      const id = this.nextItemId++;
      this.unwritten.set(id, at);
      return id;
    }
    return Number(this.stmt.insertItem.run(at, at).lastInsertRowid);
  }

  addSource(
    itemId: number,
    listId: number,
    item: ParsedItem,
    keys: readonly string[],
    titleKeys: readonly string[],
    match: string,
  ): void {
    this.rows.add(itemId, listId, item, keys, titleKeys, match);
    if (this.heldKeys) {
      for (const key of keys) this.heldKeys.identity.add(key);
      for (const key of titleKeys) this.heldKeys.title.add(key);
    }
  }

  /**
   * Writes the rows a bulk import's addSource left waiting (source-rows.ts). Every method that
   * reads or changes sources, links, item_keys or title_keys calls it first.
   */
  private settle(): void {
    this.rows.flush();
  }

  /**
   * settle() for a read of these items' rows only: most reads during a bulk import are of
   * items placed long before, whose rows are written, and writing the waiting rows for each
   * of them (one read per merge) left the batched INSERTs a few rows each.
   */
  private settleItems(itemIds: readonly number[]): void {
    if (itemIds.some((id) => this.rows.hasItem(id))) this.rows.flush();
  }

  mergeItems(into: number, from: number, reason: string, at: string): void {
    this.writeUnwrittenItems();
    // What the user wrote on either record survives: the kept item's own word first.
    this.db
      .prepare(
        `UPDATE items SET
           user_title = coalesce(items.user_title, f.user_title), user_status = coalesce(items.user_status, f.user_status),
           user_importance = coalesce(items.user_importance, f.user_importance), user_why = coalesce(items.user_why, f.user_why),
           user_topic = coalesce(items.user_topic, f.user_topic),
           pass = max(items.pass, f.pass), rating = coalesce(items.rating, f.rating), read_at = coalesce(items.read_at, f.read_at),
           note = CASE WHEN items.note = '' THEN f.note WHEN f.note = '' THEN items.note ELSE items.note || char(10) || char(10) || f.note END,
           abstract = coalesce(items.abstract, f.abstract), journal_ref = coalesce(items.journal_ref, f.journal_ref),
           doi = coalesce(items.doi, f.doi), enriched_at = coalesce(items.enriched_at, f.enriched_at),
           categories = CASE WHEN items.categories = '[]' THEN f.categories ELSE items.categories END
         FROM (SELECT * FROM items WHERE id = ?) AS f WHERE items.id = ?`,
      )
      .run(from, into);
    // The other record's first source joined by the user's word, not first seen any more:
    // after "merge 39 122" two sources of #39 said "first seen".
    if (reason === USER_MERGE_MATCH) {
      this.db.prepare("UPDATE sources SET match = ? WHERE item_id = ? AND match = 'new'").run(reason, from);
    }
    for (const table of ['sources', 'links', 'events']) {
      this.db.prepare(`UPDATE ${table} SET item_id = ? WHERE item_id = ?`).run(into, from);
    }
    for (const table of ['item_keys', 'title_keys', 'plan_items']) {
      this.db.prepare(`UPDATE OR IGNORE ${table} SET item_id = ? WHERE item_id = ?`).run(into, from);
      this.db.prepare(`DELETE FROM ${table} WHERE item_id = ?`).run(from);
    }
    this.db.prepare('UPDATE inbox_entries SET item_id = ? WHERE item_id = ?').run(into, from);
    this.db.prepare('DELETE FROM items WHERE id = ?').run(from);
    // SQLite gives the next row the largest id + 1, which may be the id just deleted.
    if (this.unwritten) this.nextItemId = this.maxItemId() + 1;
    this.stmt.insertEvent.run(into, at, 'merge', JSON.stringify({ from, reason }));
  }

  sourcesOf(itemId: number): StoredSource[] {
    this.settleItems([itemId]);
    const rows = this.stmt.sourcesOfItem.all(itemId) as SourceRow[];
    const links = this.stmt.linksOfItem.all(itemId) as LinkRow[];
    return rows.map((r) => this.toSource(r, links.filter((l) => l.source_id === r.id).map(toLink)));
  }

  private toSource(r: SourceRow, links: Link[]): StoredSource {
    return {
      id: r.id,
      itemId: r.item_id,
      listId: r.list_id,
      file: r.path,
      line: r.line,
      title: r.title,
      aliases: JSON.parse(r.aliases) as string[],
      topic: r.topic,
      status: r.status as Status | null,
      importance: r.importance,
      why: r.why,
      notes: JSON.parse(r.notes) as string[],
      year: r.year,
      authors: JSON.parse(r.authors) as string[],
      match: r.match,
      bib: r.bib ? (JSON.parse(r.bib) as BibFields) : null,
      links,
    };
  }

  saveAggregate(
    itemId: number,
    a: ItemAggregate,
    at: string,
    rootRanks?: ReadonlyMap<string, number>,
  ): AggregateChange {
    const createdAt = this.unwritten?.get(itemId);
    const row = createdAt === undefined ? (this.stmt.foldRow.get(itemId) as FoldRow | undefined) : EMPTY_ITEM;
    const aliases = JSON.stringify(a.aliases);
    const authors = JSON.stringify(a.authors);
    const previousList = row ? (row.list_status as Status) : null;
    const effective = effectiveFields(
      a,
      row ? userFieldsOf(row) : { title: null, status: null, importance: null, why: null, topic: null },
      previousList,
    );
    const topics = JSON.stringify(effective.topics);
    // undefined: topic_rank is left as it is (refreshTopicRanks sets it).
    const rank = rootRanks ? topicRankOf(effective.topics, rootRanks) : undefined;
    if (row?.user_topic) this.fileSourcesUnder(itemId, row.user_topic);
    const statusFrom = row ? (row.status as Status) : null;
    if (
      row &&
      row.title === effective.title &&
      row.aliases === aliases &&
      row.kind === a.kind &&
      row.status === effective.status &&
      row.importance === effective.importance &&
      row.why === effective.why &&
      row.list_status === a.status &&
      row.list_importance === a.importance &&
      row.list_why === a.why &&
      row.user_status === effective.userStatus &&
      row.year === a.year &&
      row.authors === authors &&
      row.topics === topics &&
      row.list_count === a.listCount
    ) {
      if (createdAt !== undefined) this.writeUnwrittenItem(itemId, createdAt);
      if (rank !== undefined && rank !== row.topic_rank) this.stmt.setTopicRank.run(rank, itemId);
      return { changed: false, statusFrom, statusTo: effective.status };
    }
    const fields = [
      effective.title,
      aliases,
      a.kind,
      effective.status,
      effective.importance,
      effective.why,
      a.year,
      authors,
      a.status,
      a.importance,
      a.why,
      effective.userStatus,
      topics,
      a.listCount,
      at,
      itemId,
    ];
    if (createdAt !== undefined) {
      this.unwritten?.delete(itemId);
      this.stmt.insertFoldedItem.run(...fields, createdAt, rank ?? null);
    } else if (rank === undefined) this.stmt.saveAggregate.run(...fields);
    else this.stmt.saveAggregateRanked.run(...fields.slice(0, -1), rank, itemId);
    return { changed: true, statusFrom, statusTo: effective.status };
  }

  setUserFields(itemId: number, patch: Partial<UserFields>, at: string): void {
    this.writeUnwrittenItems();
    const row = this.requireRow(itemId);
    const user = { ...userFieldsOf(row), ...definedOnly(patch) };
    const list = {
      title: row.user_title === null ? row.title : this.listTitleOf(row),
      status: row.list_status as Status,
      importance: row.list_importance,
      why: row.list_why,
      topics: JSON.parse(row.topics) as string[],
    };
    // The list did not change here, so the user's word wins on every field they set.
    const effective = effectiveFields(list, user, null);
    if (user.topic !== null) this.fileSourcesUnder(itemId, user.topic);
    this.db
      .prepare(
        `UPDATE items SET user_title = ?, user_status = ?, user_importance = ?, user_why = ?, user_topic = ?,
           title = ?, status = ?, importance = ?, why = ?, topics = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        user.title,
        user.status,
        user.importance,
        user.why,
        user.topic,
        effective.title,
        effective.status,
        effective.importance,
        effective.why,
        JSON.stringify(effective.topics),
        at,
        itemId,
      );
  }

  /**
   * Every filter and count finds an item's topics through its sources (sources_topic), so a
   * moved item's sources are filed under the user's topic, again after each fold: a re-imported
   * list brings its own topic back.
   */
  private fileSourcesUnder(itemId: number, topic: string): void {
    this.settle();
    const filed = this.db
      .prepare(
        'UPDATE sources SET list_topic = coalesce(list_topic, topic), topic = ? WHERE item_id = ? AND topic != ?',
      )
      .run(topic, itemId, topic);
    // The topic may be gone: an older lectio dropped it while the moved item had no source.
    if (filed.changes > 0) this.ensureTopics([topic]);
  }

  /** The title the lists give, for when a user title is cleared: fold the sources again. */
  private listTitleOf(row: ItemRow): string {
    const sources = this.sourcesOf(row.id);
    return sources.length > 0 ? aggregateSources(sources, null).title : row.title;
  }

  private requireRow(itemId: number): ItemRow {
    const row = this.stmt.itemRow.get(itemId) as ItemRow | undefined;
    if (!row) throw new LectioError('not_found', `no item #${itemId}`);
    return row;
  }

  setReadingFields(itemId: number, patch: Partial<ReadingFields>, at: string): void {
    this.writeUnwrittenItems();
    const row = this.requireRow(itemId);
    this.db
      .prepare('UPDATE items SET pass = ?, rating = ?, read_at = ?, note = ?, updated_at = ? WHERE id = ?')
      .run(
        patch.pass ?? row.pass,
        patch.rating === undefined ? row.rating : patch.rating,
        patch.readAt === undefined ? row.read_at : patch.readAt,
        patch.note ?? row.note,
        at,
        itemId,
      );
  }

  addEvent(itemId: number, kind: string, data: Record<string, unknown>, at: string): void {
    this.stmt.insertEvent.run(itemId, at, kind, JSON.stringify(data));
  }

  eventsOf(itemId: number): StoredEvent[] {
    return this.events('WHERE item_id = ?', [itemId]);
  }

  readingEvents(): StoredEvent[] {
    return this.events("WHERE kind IN ('status', 'pass')", []);
  }

  private events(where: string, args: readonly number[]): StoredEvent[] {
    const rows = this.db
      .prepare(`SELECT id, item_id, at, kind, data FROM events ${where} ORDER BY at, id`)
      .all(...args) as Array<{ id: number; item_id: number; at: string; kind: string; data: string }>;
    return rows.map((r) => ({
      id: r.id,
      itemId: r.item_id,
      at: r.at,
      kind: r.kind,
      data: JSON.parse(r.data) as Record<string, unknown>,
    }));
  }

  setOrphaned(itemId: number, orphaned: boolean, at: string): boolean {
    this.writeUnwrittenItems();
    const flag = orphaned ? 1 : 0;
    return this.stmt.setOrphaned.run(flag, at, itemId, flag).changes > 0;
  }

  ensureTopics(paths: readonly string[]): void {
    let position = (this.stmt.maxTopicPos.get() as { p: number }).p;
    const seen = new Set<string>();
    for (const path of paths) {
      // A sub-topic implies its parents: "LLM / kv cache" needs "LLM".
      for (const p of topicPathAndParents(path)) {
        if (seen.has(p)) continue;
        seen.add(p);
        if (!this.stmt.topicByPath.get(p)) this.stmt.insertTopic.run(p, ++position);
      }
    }
  }

  topicUsers(): Array<{ listId: number | null; topic: string }> {
    this.settle();
    // One pass over sources (no index needed: a bulk import has dropped sources_topic).
    return this.db
      .prepare(
        `SELECT DISTINCT list_id AS listId, topic FROM sources WHERE topic != ''
         UNION SELECT NULL, user_topic FROM items WHERE user_topic IS NOT NULL
         UNION SELECT NULL, topic FROM plans WHERE topic IS NOT NULL`,
      )
      .all() as Array<{ listId: number | null; topic: string }>;
  }

  dropEmptyTopics(): string[] {
    this.settle();
    // A probe per topic through the NOCASE indexes, then the path exactly as spelt (a topic
    // that differs from another only in case is empty when its own spelling is gone): 684
    // topics of a 100k-item library in under 10 ms, where collecting every source's topic
    // made each `lectio move` there 70 ms slower. An item's own topic counts too, when it has
    // no source to carry it (orphaned): a later import that finds the item again files its
    // sources there (items_user_topic, schema 16).
    const exactly = (column: string): string => `(${column} = @path COLLATE NOCASE AND ${column} = @path)`;
    const below = (column: string): string =>
      `(${column} >= @below COLLATE NOCASE AND ${column} < @after COLLATE NOCASE
        AND substr(${column}, 1, @belowLength) = @below)`;
    const used = this.db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM sources WHERE ${exactly('topic')})
           OR EXISTS (SELECT 1 FROM sources WHERE ${below('topic')})
           OR EXISTS (SELECT 1 FROM items WHERE user_topic IS NOT NULL AND ${exactly('user_topic')})
           OR EXISTS (SELECT 1 FROM items WHERE user_topic IS NOT NULL AND ${below('user_topic')})
           OR EXISTS (SELECT 1 FROM plans WHERE ${exactly('topic')} OR ${below('topic')})`,
      )
      .pluck();
    // Sub-topics of "A" sort from "A / " to just before "A /!" (a space is followed by "!");
    // substr counts characters, as [...text] does.
    const empty = this.topics()
      .map((t) => t.path)
      .filter((path) => {
        const prefix = `${path} / `;
        const probe = { path, below: prefix, after: `${path} /!`, belowLength: [...prefix].length };
        return used.get(probe) === 0;
      });
    const drop = this.db.prepare('DELETE FROM topics WHERE path = ?');
    for (const path of empty) drop.run(path);
    return empty;
  }

  topics(): StoredTopic[] {
    return this.db
      .prepare('SELECT path, position FROM topics ORDER BY position, path')
      .all() as StoredTopic[];
  }

  topicCounts(): TopicCount[] {
    this.settle();
    return this.db
      .prepare(
        // One pass over the sources, grouped, then joined to the topics: joining each topic to
        // its sources instead scanned every source per topic (sources_topic is NOCASE), 0.4 s at 10k items.
        `SELECT t.path AS path, coalesce(c.items, 0) AS items, coalesce(c.read, 0) AS read,
           coalesce(c.reading, 0) AS reading, coalesce(c.skipped, 0) AS skipped
         FROM topics t LEFT JOIN (
           SELECT s.topic AS topic, count(DISTINCT i.id) AS items,
             count(DISTINCT CASE WHEN i.status = 'read' THEN i.id END) AS read,
             count(DISTINCT CASE WHEN i.status = 'reading' THEN i.id END) AS reading,
             count(DISTINCT CASE WHEN i.status = 'skipped' THEN i.id END) AS skipped
           FROM sources s JOIN items i ON i.id = s.item_id GROUP BY s.topic
         ) c ON c.topic = t.path
         ORDER BY t.position`,
      )
      .all() as TopicCount[];
  }

  setTopicOrder(paths: readonly string[]): void {
    const update = this.db.prepare('UPDATE topics SET position = ? WHERE path = ?');
    paths.forEach((path, i) => update.run(i + 1, path));
  }

  renameTopic(from: string, to: string, at: string): number {
    this.settle();
    const db = this.db;
    const prefix = `${from} / `;
    const moved = (path: string): string => (path === from ? to : `${to} / ${path.slice(prefix.length)}`);
    // Lengths as SQLite's substr counts them: characters, where JavaScript counts UTF-16 units
    // (a topic with an emoji or a CJK Ext-B character in it).
    const args = { from, to, prefix, prefixLength: [...prefix].length, fromLength: [...from].length };
    const within = (column: string): string =>
      `(${column} = @from OR substr(${column}, 1, @prefixLength) = @prefix)`;
    /** The topic and its sub-topics in one column, renamed as `moved` renames a path. */
    const renameIn = (table: string, column: string): void => {
      db.prepare(
        `UPDATE ${table} SET ${column} = CASE WHEN ${column} = @from THEN @to
           ELSE @to || substr(${column}, @fromLength + 1) END WHERE ${within(column)}`,
      ).run(args);
    };
    const affected = db
      .prepare(`SELECT DISTINCT item_id FROM sources WHERE ${within('topic')}`)
      .all(args) as Array<{ item_id: number }>;
    renameIn('sources', 'topic');
    // What the lists said follows too, as their next import will (topic_renames, below).
    renameIn('sources', 'list_topic');
    // Topic rows: the renamed ones take the place of the old (or join an existing path).
    const rows = db
      .prepare(`SELECT path, position FROM topics WHERE ${within('path')}`)
      .all(args) as StoredTopic[];
    for (const row of rows) {
      const target = moved(row.path);
      const exists = db.prepare('SELECT 1 FROM topics WHERE path = ?').get(target);
      if (exists) db.prepare('DELETE FROM topics WHERE path = ?').run(row.path);
      else db.prepare('UPDATE topics SET path = ? WHERE path = ?').run(target, row.path);
    }
    this.ensureTopics([to]);
    // Remember it, and keep older renames pointing at the newest name.
    renameIn('topic_renames', 'to_path');
    db.prepare('INSERT OR REPLACE INTO topic_renames (from_path, to_path) VALUES (?, ?)').run(from, to);
    db.prepare('DELETE FROM topic_renames WHERE from_path = to_path').run();
    // A plan on the topic or one of its sub-topics follows it.
    renameIn('plans', 'topic');
    // Items moved under the topic follow it, or the fold below would file them back.
    renameIn('items', 'user_topic');
    for (const { item_id } of affected) {
      const itemSources = this.sourcesOf(item_id);
      if (itemSources.length > 0) this.saveAggregate(item_id, aggregateSources(itemSources, null), at);
    }
    return affected.length;
  }

  topicRenames(): Map<string, string> {
    const rows = this.db.prepare('SELECT from_path, to_path FROM topic_renames').all() as Array<{
      from_path: string;
      to_path: string;
    }>;
    return new Map(rows.map((r) => [r.from_path, r.to_path]));
  }

  createPlan(plan: Omit<StoredPlan, 'id'>): number {
    const id = Number(
      this.db
        .prepare('INSERT INTO plans (name, per_week, start, topic, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(plan.name, plan.perWeek, plan.start, plan.topic, plan.createdAt).lastInsertRowid,
    );
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO plan_items (plan_id, item_id, position) VALUES (?, ?, ?)',
    );
    plan.itemIds.forEach((itemId, i) => insert.run(id, itemId, i));
    return id;
  }

  planByName(name: string): StoredPlan | null {
    return this.readPlans('WHERE name = ?', [name])[0] ?? null;
  }

  plans(): StoredPlan[] {
    return this.readPlans('', []);
  }

  private readPlans(where: string, args: readonly string[]): StoredPlan[] {
    const rows = this.db
      .prepare(`SELECT id, name, per_week, start, topic, created_at FROM plans ${where} ORDER BY id`)
      .all(...args) as Array<{
      id: number;
      name: string;
      per_week: number;
      start: string;
      topic: string | null;
      created_at: string;
    }>;
    const items = this.db.prepare('SELECT item_id FROM plan_items WHERE plan_id = ? ORDER BY position');
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      perWeek: r.per_week,
      start: r.start,
      topic: r.topic,
      createdAt: r.created_at,
      itemIds: (items.all(r.id) as Array<{ item_id: number }>).map((x) => x.item_id),
    }));
  }

  deletePlan(id: number): void {
    this.db.prepare('DELETE FROM plan_items WHERE plan_id = ?').run(id);
    this.db.prepare('DELETE FROM plans WHERE id = ?').run(id);
  }

  setTopicRanks(rootRanks: ReadonlyMap<string, number>, itemIds?: readonly number[]): void {
    this.writeUnwrittenItems();
    const db = this.db;
    db.exec('CREATE TEMP TABLE IF NOT EXISTS root_rank (root TEXT PRIMARY KEY, rank INTEGER NOT NULL)');
    db.exec('DELETE FROM temp.root_rank');
    const insert = db.prepare('INSERT OR REPLACE INTO temp.root_rank (root, rank) VALUES (?, ?)');
    for (const [root, rank] of rootRanks) insert.run(root, rank);
    const rank = `(SELECT min(r.rank) FROM json_each(items.topics) j JOIN temp.root_rank r
        ON r.root = CASE WHEN instr(j.value, ' / ') > 0 THEN substr(j.value, 1, instr(j.value, ' / ') - 1) ELSE j.value END)`;
    if (itemIds === undefined) {
      db.prepare(`UPDATE items SET topic_rank = ${rank} WHERE topic_rank IS NOT ${rank}`).run();
      return;
    }
    for (const part of chunks(itemIds)) {
      db.prepare(`UPDATE items SET topic_rank = ${rank} WHERE id IN (${placeholders(part.length)})`).run(
        ...part,
      );
    }
  }

  private queueWhere(filter: { topic?: string; kind?: ItemKind; ids?: readonly number[] }): {
    sql: string;
    args: Record<string, string | number>;
  } {
    this.settle();
    // Sites (a lab's home page, a search engine) are places to visit, not things to read.
    let sql = "status IN ('to-read', 'reading') AND kind != 'site'";
    const args: Record<string, string | number> = {};
    if (filter.topic) {
      sql += ` AND id IN (${itemsUnderTopicSql('topic')})`;
      Object.assign(args, itemsUnderTopicArgs('topic', filter.topic));
    }
    if (filter.kind) {
      sql += ' AND kind = @kind';
      args.kind = filter.kind;
    }
    if (filter.ids) {
      sql += ' AND id IN (SELECT value FROM json_each(@ids))';
      args.ids = JSON.stringify(filter.ids);
    }
    return { sql, args };
  }

  queueRows(filter: { topic?: string; kind?: ItemKind; ids?: readonly number[] }): QueueRow[] {
    const where = this.queueWhere(filter);
    // Raw rows: at 100k items, objects per row cost more than the query.
    const rows = this.db
      .prepare(
        `SELECT id, title, status, importance, topics, list_count, created_at,
           (why IS NOT NULL AND trim(why) != '') AS has_why, pass
         FROM items WHERE ${where.sql}`,
      )
      .raw()
      .all(where.args) as Array<
      [number, string, Status, number | null, string, number, string, number, number]
    >;
    return rows.map((r) => ({
      id: r[0],
      title: r[1],
      status: r[2],
      importance: r[3],
      topics: r[4] === '[]' ? [] : (JSON.parse(r[4]) as string[]),
      listCount: r[5],
      createdAt: r[6],
      hasWhy: r[7] === 1,
      pass: r[8],
    }));
  }

  topQueueIds(
    filter: { topic?: string; kind?: ItemKind },
    w: QueueBaseWeights,
    now: Date,
    limit: number,
  ): number[] {
    const where = this.queueWhere(filter);
    // The features of rank-queue.ts (each in [0, 1]), in SQL.
    const score = `(CASE WHEN topic_rank IS NULL THEN 0 ELSE @wTopic / sqrt(topic_rank) END)
      + @wImportance * min(max(coalesce(importance, 0) / 5.0, 0), 1)
      + @wConsensus * min(max((min(list_count, 5) - 1) / 4.0, 0), 1)
      + (CASE WHEN status = 'reading' OR pass >= 1 THEN @wReading ELSE 0 END)
      + @wAge * min(max((@nowJd - julianday(created_at)) / 365.0, 0), 1)`;
    return this.db
      .prepare(`SELECT id FROM items WHERE ${where.sql} ORDER BY (${score}) DESC, id LIMIT @limit`)
      .pluck()
      .all({
        ...where.args,
        wTopic: w.topic,
        wImportance: w.importance,
        wConsensus: w.consensus,
        wReading: w.reading,
        wAge: w.age,
        nowJd: now.getTime() / 86_400_000 + 2_440_587.5,
        limit,
      }) as number[];
  }

  getItems(ids: readonly number[]): ItemRecord[] {
    this.writeUnwrittenItems();
    const out: ItemRecord[] = [];
    for (const part of chunks(ids)) {
      const q = placeholders(part.length);
      const rows = this.db.prepare(`SELECT * FROM items WHERE id IN (${q})`).all(...part) as ItemRow[];
      out.push(...this.hydrate(rows, `item_id IN (${q})`, part));
    }
    const order = new Map(ids.map((id, i) => [id, i]));
    return out.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }

  exportItems(filter: ListFilter, purpose: ExportPurpose = 'all'): ExportSelection {
    this.settle();
    return readExportItems(this.db, filter, purpose);
  }

  eachExportItem(filter: ListFilter, purpose: ExportPurpose, visit: (item: ExportItem) => void): string[] {
    this.settle();
    return eachExportItem(this.db, filter, purpose, visit);
  }

  backupTables(): BackupTables {
    this.settle();
    return readBackupTables(this.db);
  }

  restoreTables(backup: BackupTables, replace: boolean): void {
    this.settle();
    writeBackupTables(this.db, backup, replace);
  }

  listItems(filter: ListFilter): ItemRecord[] {
    this.writeUnwrittenItems();
    const { where, args } = listFilterSql(filter);
    const sql = `SELECT i.* FROM items i ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.id`;
    const rows = this.db.prepare(sql).all(args) as ItemRow[];
    if (where.length === 0) return this.hydrate(rows, '1', []);
    return this.hydrate(rows, `item_id IN (SELECT i.id FROM items i WHERE ${where.join(' AND ')})`, [args]);
  }

  itemTitles(
    ids?: readonly number[],
  ): Array<{ id: number; title: string; aliases: string[]; sources: number }> {
    this.writeUnwrittenItems();
    this.settle();
    const rows = this.db
      .prepare(
        `SELECT i.id, i.title, i.aliases, (SELECT count(*) FROM sources s WHERE s.item_id = i.id) AS sources
         FROM items i WHERE i.status != 'inbox' ${ids ? 'AND i.id IN (SELECT value FROM json_each(?))' : ''}
         ORDER BY i.id`,
      )
      .all(...(ids ? [JSON.stringify(ids)] : [])) as Array<{
      id: number;
      title: string;
      aliases: string;
      sources: number;
    }>;
    return rows.map((r) => ({ ...r, aliases: JSON.parse(r.aliases) as string[] }));
  }

  pageItems(request: ItemPageRequest): ItemPage {
    this.settle();
    return pageItems(this.db, request);
  }

  /** Rows plus their sources and links, read in three queries whatever the number of items. */
  /** `args` are spread into the statement: positional values, or one object of named ones. */
  private hydrate(rows: ItemRow[], itemFilter: string, args: ReadonlyArray<unknown>): ItemRecord[] {
    const sources = this.db
      .prepare(
        `SELECT s.item_id, s.line, s.topic, s.notes, s.match, s.list_id, l.path
         FROM sources s JOIN lists l ON l.id = s.list_id WHERE ${itemFilter} ORDER BY s.id`,
      )
      .all(...args) as Array<Pick<SourceRow, 'item_id' | 'line' | 'topic' | 'notes' | 'match' | 'path'>>;
    const links = this.db
      .prepare(
        `SELECT item_id, source_id, url, role, label FROM links WHERE ${itemFilter} ORDER BY item_id, source_id, position`,
      )
      .all(...args) as LinkRow[];
    const byItem = new Map<number, ItemRecord>();
    const records = rows.map((r) => {
      const rec: ItemRecord = {
        id: r.id,
        title: r.title,
        aliases: JSON.parse(r.aliases) as string[],
        kind: r.kind as ItemKind,
        status: r.status as Status,
        importance: r.importance,
        why: r.why,
        year: r.year,
        authors: JSON.parse(r.authors) as string[],
        topics: JSON.parse(r.topics) as string[],
        listCount: r.list_count,
        user: userFieldsOf(r),
        pass: r.pass,
        rating: r.rating,
        readAt: r.read_at,
        note: r.note,
        links: [],
        ids: {},
        notes: [],
        sources: [],
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        orphaned: r.orphaned === 1,
      };
      byItem.set(r.id, rec);
      return rec;
    });
    for (const s of sources) {
      const rec = byItem.get(s.item_id);
      if (!rec) continue;
      rec.sources.push({ file: s.path, line: s.line, match: s.match });
      for (const note of JSON.parse(s.notes) as string[]) if (!rec.notes.includes(note)) rec.notes.push(note);
    }
    // A page linked by several sources, or as http and https, is shown once (shown-links.ts).
    for (const l of links) byItem.get(l.item_id)?.links.push(toLink(l));
    for (const rec of records) {
      rec.links = distinctPages(rec.links);
      rec.ids = idsOf(rec.links);
    }
    return records;
  }

  findItemIdsByUrlOrKey(keys: readonly string[]): number[] {
    return [...new Set(this.findItemsByKeys(keys).map((m) => m.itemId))];
  }

  findItemIdsByTitleWords(text: string, limit: number, anyWord = false): { exact: number[]; all: number[] } {
    const words = text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w.length > (anyWord ? 2 : 0));
    if (words.length === 0) return { exact: [], all: [] };
    const like = (w: string): string => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const cond = words.map(() => "(lower(title) LIKE ? ESCAPE '\\' OR lower(aliases) LIKE ? ESCAPE '\\')");
    const args = words.flatMap((w) => [like(w), like(w)]);
    if (anyWord) {
      const score = cond.map((c) => `(CASE WHEN ${c} THEN 1 ELSE 0 END)`).join(' + ');
      const rows = this.db
        .prepare(
          `SELECT id, ${score} AS hits FROM items WHERE hits > 0 ORDER BY hits DESC, length(title) LIMIT ?`,
        )
        .all(...args, limit) as Array<{ id: number }>;
      return { exact: [], all: rows.map((r) => r.id) };
    }
    const rows = this.db
      .prepare(`SELECT id, title FROM items WHERE ${cond.join(' AND ')} ORDER BY length(title) LIMIT ?`)
      .all(...args, limit + 1) as Array<{ id: number; title: string }>;
    const exact = rows.filter((r) => spacedWords(r.title) === spacedWords(text)).map((r) => r.id);
    return { exact, all: rows.map((r) => r.id) };
  }

  countItems(): number {
    this.writeUnwrittenItems();
    return (this.db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  }

  beginBulkImport(): () => void {
    const restoreIndexes = this.dropListingIndexes();
    this.restorePragmas = this.setBulkPragmas();
    this.heldKeys = {
      identity: new Set(this.db.prepare('SELECT DISTINCT key FROM item_keys').pluck().all() as string[]),
      title: new Set(this.db.prepare('SELECT DISTINCT key FROM title_keys').pluck().all() as string[]),
    };
    this.unwritten = new Map();
    this.nextItemId = this.maxItemId() + 1;
    this.rows.startWaiting();
    return () => {
      this.writeUnwrittenItems();
      this.unwritten = null;
      this.heldKeys = null;
      this.rows.stopWaiting();
      restoreIndexes();
      this.restorePragmas?.();
    };
  }

  private dropListingIndexes(): () => void {
    const names = DEFERRED_INDEXES.map((n) => `'${n}'`).join(', ');
    const indexes = this.db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (${names})`)
      .all() as Array<{ name: string; sql: string }>;
    for (const index of indexes) this.db.exec(`DROP INDEX ${index.name}`);
    return () => {
      for (const index of indexes) this.db.exec(index.sql);
    };
  }

  /**
   * During a bulk import, every key item_keys and title_keys hold: most entries of a large
   * import are new, and a key not in the set has no row, so findItemsByKeys and
   * findItemsByTitleKeys skip the query (at 100k entries, most of their 0.7 s). Only addSource
   * writes keys; a key in the set may have lost its rows since (a list re-imported in the same
   * run), and is looked up as before.
   */
  private heldKeys: { identity: Set<string>; title: Set<string> } | null = null;

  /** A bigger page cache for the import; the connection's own comes back at the end, or when it fails. */
  private setBulkPragmas(): () => void {
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
    return () => {
      this.restorePragmas = null;
      this.db.pragma(`cache_size = ${cacheSize}`);
    };
  }

  private restorePragmas: (() => void) | null = null;

  /**
   * During a bulk import, items created and not folded yet, whose rows are not written:
   * id → created_at. Their ids are the ones SQLite would give (the largest id + 1), and
   * until their fold nothing reads them but evidenceOf and titlesOfItems, to which a missing
   * row and an empty one say the same (no title, year or authors). mergeItems, and what an
   * import calls after placing its entries (setOrphaned, getItems, setTopicRanks, countItems,
   * searchIndex…), write them first (writeUnwrittenItems).
   */
  private unwritten: Map<number, string> | null = null;
  private nextItemId = 0;

  private maxItemId(): number {
    return (this.stmt.maxItemId.get() as { id: number | null }).id ?? 0;
  }

  /** Writes the rows of unwritten items as createItem would have, and every pending source row. */
  private writeUnwrittenItems(): void {
    this.settle();
    if (!this.unwritten) return;
    for (const [id, at] of this.unwritten) this.writeUnwrittenItem(id, at);
  }

  private writeUnwrittenItem(id: number, createdAt: string): void {
    this.stmt.insertItemWithId.run(id, createdAt, createdAt);
    this.unwritten?.delete(id);
  }

  // One of each per store, made when first asked for: each keeps its prepared statements,
  // which enrich and the inbox use once per paper.
  private search: SqliteSearchIndex | null = null;
  private feeds: SqliteFeedStore | null = null;

  searchIndex(): SearchIndex {
    this.writeUnwrittenItems();
    return (this.search ??= new SqliteSearchIndex(this.db));
  }

  feedStore(): FeedStore {
    this.settle();
    return (this.feeds ??= new SqliteFeedStore(this.db));
  }

  stats(): LibraryStats {
    this.settle();
    const one = (sql: string): number => (this.db.prepare(sql).get() as { n: number }).n;
    const group = (sql: string): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const r of this.db.prepare(sql).all() as Array<{ k: string; n: number }>) out[r.k] = r.n;
      return out;
    };
    return {
      items: one('SELECT count(*) AS n FROM items'),
      // Lists the user imported: not lectio's own ("lectio:added" for lectio add, arXiv's metadata).
      lists: one("SELECT count(*) AS n FROM lists WHERE path NOT LIKE 'lectio:%'"),
      sources: one('SELECT count(*) AS n FROM sources'),
      links: one('SELECT count(*) AS n FROM (SELECT DISTINCT item_id, url FROM links)'),
      topics: one('SELECT count(*) AS n FROM topics'),
      orphaned: one('SELECT count(*) AS n FROM items WHERE orphaned = 1'),
      byStatus: group('SELECT status AS k, count(*) AS n FROM items GROUP BY status'),
      byKind: group('SELECT kind AS k, count(*) AS n FROM items GROUP BY kind'),
      inSeveralLists: one(
        'SELECT count(*) AS n FROM (SELECT item_id FROM sources GROUP BY item_id HAVING count(DISTINCT list_id) > 1)',
      ),
    };
  }
}

function userFieldsOf(
  row: Pick<ItemRow, 'user_title' | 'user_status' | 'user_importance' | 'user_why' | 'user_topic'>,
): UserFields {
  return {
    title: row.user_title,
    status: row.user_status as Status | null,
    importance: row.user_importance,
    why: row.user_why,
    topic: row.user_topic,
  };
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The strong identifiers an item's identity links carry, for `ids` in the CLI contract.
 * A paper's code repository is not its id (two papers can share one), so only the links
 * that identify the item count (identity.ts).
 */
export function idsOf(links: readonly Link[]): ItemRecord['ids'] {
  const ids: ItemRecord['ids'] = {};
  for (const link of identityLinks(links)) {
    const id = strongIdOfUrl(link.url);
    if (id !== null && ids[id.scheme] === undefined) ids[id.scheme] = id.value;
  }
  return ids;
}
