// Writing a source: its row in `sources`, its links, its identity keys and its title keys.
//
// Outside a bulk import each row goes in at once. During one (SqliteLibraryStore.
// beginBulkImport) they wait here and go in BATCH_ROWS to an INSERT: at 100k entries about
// 570k single-row INSERTs, and better-sqlite3's own cost per statement (the call, binding,
// stepping) was about 1 µs of each. Waiting rows go in the same order and under the same ids
// (a source's id is the largest + 1, as SQLite gives it), so the library is the one single
// INSERTs would have made. Whatever reads or changes these four tables writes them first
// (SqliteLibraryStore.settle), unless they cannot hold what it reads (hasItem, hasKey).

import type Database from 'better-sqlite3';
import type { Link, ParsedItem } from '../../core/item.js';

/** Rows per INSERT: 32 to 200 rows measured alike (bench/run.ts b); 32 keeps statements short. */
const BATCH_ROWS = 32;

/** Sources that wait before they are written: a few batches of each table, still young in V8's heap. */
const FLUSH_SOURCES = 256;

/** One table's INSERT of one row and of BATCH_ROWS rows (made when first used), and its waiting rows, flat. */
class RowTable {
  private readonly values: unknown[] = [];
  private one: Database.Statement | null = null;
  private batch: Database.Statement | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly head: string,
    private readonly width: number,
  ) {}

  /** Writes a row now. */
  insert(row: readonly unknown[]): Database.RunResult {
    this.one ??= this.statement(1);
    return this.one.run(row);
  }

  /** Writes a row now, or leaves it to the next flush. */
  put(wait: boolean, row: readonly unknown[]): void {
    if (wait) for (const value of row) this.values.push(value);
    else this.insert(row);
  }

  flush(): void {
    const { values, width } = this;
    const rows = values.length / width;
    let at = 0;
    if (rows >= BATCH_ROWS) this.batch ??= this.statement(BATCH_ROWS);
    for (; at + BATCH_ROWS <= rows; at += BATCH_ROWS) {
      this.batch?.run(values.slice(at * width, (at + BATCH_ROWS) * width));
    }
    for (; at < rows; at++) this.insert(values.slice(at * width, (at + 1) * width));
    values.length = 0;
  }

  discard(): void {
    this.values.length = 0;
  }

  private statement(rows: number): Database.Statement {
    const row = `(${new Array<string>(this.width).fill('?').join(', ')})`;
    return this.db.prepare(`${this.head} VALUES ${new Array<string>(rows).fill(row).join(', ')}`);
  }
}

export class SourceRows {
  private readonly sources: RowTable;
  private readonly links: RowTable;
  private readonly keys: RowTable;
  private readonly titleKeys: RowTable;
  /** The id of the next waiting source; null while rows go in at once. */
  private nextId: number | null = null;
  private waiting = 0;
  /** The items and keys (identity and title: their forms never meet) of the waiting rows. */
  private readonly items = new Set<number>();
  private readonly keySet = new Set<string>();

  constructor(private readonly db: Database.Database) {
    this.sources = new RowTable(
      db,
      'INSERT INTO sources (id, item_id, list_id, line, title, aliases, topic, status, importance, why, notes, year, authors, match, bib)',
      15,
    );
    this.links = new RowTable(db, 'INSERT INTO links (item_id, source_id, position, url, role, label)', 6);
    this.keys = new RowTable(db, 'INSERT OR IGNORE INTO item_keys (key, item_id, source_id)', 3);
    this.titleKeys = new RowTable(db, 'INSERT OR IGNORE INTO title_keys (key, item_id, source_id)', 3);
  }

  /** From now on rows wait for flush(), until stopWaiting (a bulk import). */
  startWaiting(): void {
    this.nextId = this.maxSourceId() + 1;
  }

  /** Rows go in at once again; waiting ones are dropped (a failed import rolls back). */
  stopWaiting(): void {
    this.nextId = null;
    this.clear();
    for (const table of [this.sources, this.links, this.keys, this.titleKeys]) table.discard();
  }

  /** Sources were deleted: SQLite would give the next one the largest id left + 1. */
  idsFreed(): void {
    if (this.nextId !== null) this.nextId = this.maxSourceId() + 1;
  }

  add(
    itemId: number,
    listId: number,
    item: ParsedItem,
    keys: readonly string[],
    titleKeys: readonly string[],
    match: string,
  ): void {
    const wait = this.nextId !== null;
    const row = [
      this.nextId === null ? null : this.nextId++,
      itemId,
      listId,
      item.line,
      item.title,
      JSON.stringify(item.aliases),
      item.topic.join(' / '),
      item.status,
      item.importance,
      item.why,
      JSON.stringify(item.notes),
      item.year,
      JSON.stringify(item.authors),
      match,
      item.bib ? JSON.stringify(item.bib) : null,
    ];
    const sourceId = wait ? (row[0] as number) : Number(this.sources.insert(row).lastInsertRowid);
    if (wait) this.sources.put(true, row);
    item.links.forEach((link: Link, position) => {
      this.links.put(wait, [itemId, sourceId, position, link.url, link.role, link.label ?? null]);
    });
    for (const key of keys) this.keys.put(wait, [key, itemId, sourceId]);
    for (const key of titleKeys) this.titleKeys.put(wait, [key, itemId, sourceId]);
    if (!wait) return;
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

  /** Writes every waiting row: sources first, then what refers to them, as at once. */
  flush(): void {
    if (this.waiting === 0) return;
    this.clear();
    this.sources.flush();
    this.links.flush();
    this.keys.flush();
    this.titleKeys.flush();
  }

  private clear(): void {
    this.waiting = 0;
    this.items.clear();
    this.keySet.clear();
  }

  private maxSourceId(): number {
    return (this.db.prepare('SELECT max(id) AS id FROM sources').get() as { id: number | null }).id ?? 0;
  }
}
