// The rows of a bulk import's sources, written many to a statement.
//
// Each source is a row of `sources`, its links, its identity keys and its title keys: at
// 100k entries about 570k single-row INSERTs, and better-sqlite3's own cost per statement
// (the call, binding, stepping) was about 1 µs of each. During a bulk import
// (SqliteLibraryStore.beginBulkImport) addSource leaves its rows here, and they go in
// BATCH_ROWS to an INSERT: in the same order, under the same ids, so the library is the one
// single INSERTs would have made. Whatever reads or changes these four tables writes them
// first (SqliteLibraryStore.settle).

import type Database from 'better-sqlite3';

/** Rows per INSERT: 32 to 200 rows measured alike (bench/run.ts b); 32 keeps statements short. */
const BATCH_ROWS = 32;

/** Sources that wait before they are written: a few batches of each table, still young in V8's heap. */
const FLUSH_SOURCES = 256;

/**
 * One table's waiting rows, flat, and its two INSERTs: BATCH_ROWS rows, and one row for the
 * rest (a statement per row count was prepared anew by every store: 10 ms of importing
 * dair-ai's list).
 */
class PendingTable {
  readonly values: unknown[] = [];
  private readonly statements = new Map<number, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly head: string,
    private readonly width: number,
  ) {}

  flush(): void {
    const { values, width } = this;
    const rows = values.length / width;
    let at = 0;
    for (; at + BATCH_ROWS <= rows; at += BATCH_ROWS) {
      this.statement(BATCH_ROWS).run(values.slice(at * width, (at + BATCH_ROWS) * width));
    }
    for (; at < rows; at++) this.statement(1).run(values.slice(at * width, (at + 1) * width));
    values.length = 0;
  }

  private statement(rows: number): Database.Statement {
    let statement = this.statements.get(rows);
    if (!statement) {
      const row = `(${new Array<string>(this.width).fill('?').join(', ')})`;
      statement = this.db.prepare(`${this.head} VALUES ${new Array<string>(rows).fill(row).join(', ')}`);
      this.statements.set(rows, statement);
    }
    return statement;
  }
}

export class PendingRows {
  /** Sources' rows with their ids: (id, item_id, list_id, line, title, …, bib). */
  readonly sources: PendingTable;
  /** (item_id, source_id, position, url, role, label) */
  readonly links: PendingTable;
  /** (key, item_id, source_id), for item_keys and title_keys */
  readonly keys: PendingTable;
  readonly titleKeys: PendingTable;
  private waiting = 0;
  /** The items and keys (identity and title: their forms never meet) of the waiting rows. */
  private readonly items = new Set<number>();
  private readonly keySet = new Set<string>();

  constructor(db: Database.Database) {
    this.sources = new PendingTable(
      db,
      `INSERT INTO sources (id, item_id, list_id, line, title, aliases, topic, status, importance, why, notes, year, authors, match, bib)`,
      15,
    );
    this.links = new PendingTable(
      db,
      'INSERT INTO links (item_id, source_id, position, url, role, label)',
      6,
    );
    this.keys = new PendingTable(db, 'INSERT OR IGNORE INTO item_keys (key, item_id, source_id)', 3);
    this.titleKeys = new PendingTable(db, 'INSERT OR IGNORE INTO title_keys (key, item_id, source_id)', 3);
  }

  /** Notes a source whose rows were pushed; writes them all once enough wait. */
  added(itemId: number, keys: readonly string[], titleKeys: readonly string[]): void {
    this.items.add(itemId);
    for (const key of keys) this.keySet.add(key);
    for (const key of titleKeys) this.keySet.add(key);
    if (++this.waiting >= FLUSH_SOURCES) this.flush();
  }

  /** Whether a waiting row is of this item: a read of its rows must write them first. */
  hasItem(itemId: number): boolean {
    return this.items.has(itemId);
  }

  /** Whether a waiting row holds this identity or title key. */
  hasKey(key: string): boolean {
    return this.keySet.has(key);
  }

  /** Writes every waiting row: sources first, then what refers to them, as addSource did. */
  flush(): void {
    if (this.waiting === 0) return;
    this.waiting = 0;
    this.items.clear();
    this.keySet.clear();
    this.sources.flush();
    this.links.flush();
    this.keys.flush();
    this.titleKeys.flush();
  }
}
