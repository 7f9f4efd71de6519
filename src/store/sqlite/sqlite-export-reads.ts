// The exporters' bulk reads and the backup's rows (src/core/library-export.ts). A 100k-item
// export reads items, links and sources in three raw queries, never one query per item.

import type Database from 'better-sqlite3';
import { LectioError } from '../../core/errors.js';
import {
  type BibFields,
  ITEM_KINDS,
  type ItemKind,
  type LinkRole,
  STATUSES,
  type Status,
} from '../../core/item.js';
import type {
  BackupRow,
  BackupTables,
  ExportItem,
  ExportPurpose,
  ExportSelection,
} from '../../core/library-export.js';
import type { ListFilter } from '../../core/library-store.js';
import { distinctPages } from '../../core/shown-links.js';
import { SqliteSearchIndex } from './sqlite-search.js';
import { SCHEMA_VERSION } from './migrations.js';
import { listFilterSql } from './topic-filter.js';

type ItemsWhere = { sql: string; args: Record<string, string | number> };

/** list's filter (listFilterSql: inbox items only when asked for), on `items i`. */
function itemsWhere(filter: ListFilter): ItemsWhere {
  const { where, args } = listFilterSql(filter);
  return { sql: where.join(' AND '), args };
}

const parseList = (json: string): string[] => (json === '[]' ? [] : (JSON.parse(json) as string[]));

/** Columns after id and title; a purpose that does not read one leaves its empty value. */
const OPTIONAL = [
  'aliases',
  'kind',
  'status',
  'importance',
  'why',
  'year',
  'authors',
  'topics',
  'pass',
  'rating',
  'read_at',
  'note',
  'created_at',
  'abstract',
  'doi',
  'categories',
  'journal_ref',
] as const;

type OptionalColumn = (typeof OPTIONAL)[number];

/**
 * The columns each purpose reads (library-export.ts ExportPurpose). At 100k items, the
 * values read are most of the cost of an export (each becomes a JavaScript value, even a
 * constant): a list needs eight of the seventeen.
 */
const COLUMNS: Record<ExportPurpose, ReadonlySet<OptionalColumn>> = {
  list: new Set(['aliases', 'kind', 'status', 'importance', 'why', 'year', 'authors', 'topics']),
  citation: new Set(['kind', 'year', 'authors', 'topics', 'abstract', 'doi', 'categories', 'journal_ref']),
  all: new Set(OPTIONAL),
};

/** Where each optional column sits in a row of the items query; -1 when it is not read. */
type Positions = Record<OptionalColumn, number>;

function positionsOf(purpose: ExportPurpose): Positions {
  const read = OPTIONAL.filter((c) => COLUMNS[purpose].has(c));
  return Object.fromEntries(
    OPTIONAL.map((c) => [c, read.includes(c) ? read.indexOf(c) + 2 : -1]),
  ) as Positions;
}

type ItemRow = [number, string, ...Array<string | number | null>];

/**
 * Every item of the selection at once (the site, tests): eachExportItem's items, kept.
 */
export function readExportItems(
  db: Database.Database,
  filter: ListFilter,
  purpose: ExportPurpose,
): ExportSelection {
  const items: ExportItem[] = [];
  const topics = eachExportItem(db, filter, purpose, (item) => items.push(item));
  return { items, topics };
}

/** Items per round of eachExportItem. */
const CHUNK = 1000;

/**
 * Visits the items of the selection one at a time, by id, each with its links, notes and
 * bibliographic fields, and returns every topic path in the user's order. An item is
 * dropped once `visit` returns: keeping 100k items alive until the end made garbage
 * collection (copying them from the young generation) a quarter of an export's time.
 * Items are read a thousand at a time (`all` per chunk costs less a row than an iterator),
 * then the links and sources of their id range.
 */
export function eachExportItem(
  db: Database.Database,
  filter: ListFilter,
  purpose: ExportPurpose,
  visit: (item: ExportItem) => void,
): string[] {
  const where = itemsWhere(filter);
  // Rows of items outside the selection are skipped as the items go by; a narrower
  // selection is also narrowed in SQL. The whole library (the inbox aside) is read without
  // a subquery.
  const narrowed = Boolean(filter.status || filter.kind || filter.noWhy || filter.topic);
  const selected = narrowed ? `AND item_id IN (SELECT i.id FROM items i WHERE ${where.sql})` : '';
  const at = positionsOf(purpose);
  const columns = OPTIONAL.filter((c) => at[c] !== -1);
  const itemsQuery = db
    .prepare(
      `SELECT id, title, ${columns.join(', ')} FROM items i
       WHERE i.id > @after AND ${where.sql} ORDER BY id LIMIT ${CHUNK}`,
    )
    .raw();
  // Labels for lists ("[Tweet](…)", "code: [torch](…)") and the site; citations show none.
  const linksQuery = db
    .prepare(
      `SELECT item_id, url, role, ${purpose === 'citation' ? 'NULL' : 'label'} FROM links
       WHERE item_id BETWEEN @first AND @last ${selected} ORDER BY item_id, source_id, position`,
    )
    .raw();
  // Citations need the sources' bibliographic fields, lists and sites their notes.
  const which =
    purpose === 'citation'
      ? 'bib IS NOT NULL'
      : purpose === 'list'
        ? "notes != '[]'"
        : "(notes != '[]' OR bib IS NOT NULL)";
  const sourcesQuery = db
    .prepare(
      `SELECT item_id, ${purpose === 'citation' ? "'[]'" : 'notes'}, ${purpose === 'list' ? 'NULL' : 'bib'}
       FROM sources WHERE item_id BETWEEN @first AND @last AND ${which} ${selected} ORDER BY item_id, id`,
    )
    .raw();
  const args: Record<string, string | number> = { ...where.args, after: -1 };
  for (;;) {
    const rows = itemsQuery.all(args) as ItemRow[];
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (first === undefined || last === undefined) break;
    const range = { ...where.args, first: first[0], last: last[0] };
    const links = new RowsByItem(linksQuery.all(range) as LinkRow[]);
    const sources = new RowsByItem(sourcesQuery.all(range) as SourceRow[]);
    for (const r of rows) {
      const item = exportItemOf(r, at);
      links.take(item, addLink);
      // A page from two sources is one link, at its first place, as list --json shows it.
      item.links = distinctPages(item.links);
      sources.take(item, addSource);
      visit(item);
    }
    if (rows.length < CHUNK) break;
    args.after = last[0];
  }
  return db.prepare('SELECT path FROM topics ORDER BY position, path').pluck().all() as string[];
}

function exportItemOf(r: ItemRow, at: Positions): ExportItem {
  const value = <T>(column: OptionalColumn, empty: T): T =>
    at[column] === -1 ? empty : (r[at[column]] as T);
  const list = (column: OptionalColumn): string[] =>
    at[column] === -1 ? [] : parseList(r[at[column]] as string);
  return {
    id: r[0],
    title: r[1],
    aliases: list('aliases'),
    kind: value<ItemKind>('kind', 'other'),
    status: value<Status>('status', 'to-read'),
    importance: value<number | null>('importance', null),
    why: value<string | null>('why', null),
    year: value<number | null>('year', null),
    authors: list('authors'),
    topics: list('topics'),
    links: [],
    notes: [],
    pass: value('pass', 0),
    rating: value<number | null>('rating', null),
    readAt: value<string | null>('read_at', null),
    note: value('note', ''),
    createdAt: value('created_at', ''),
    abstract: value<string | null>('abstract', null),
    doi: value<string | null>('doi', null),
    categories: list('categories'),
    journalRef: value<string | null>('journal_ref', null),
    bib: null,
  };
}

type LinkRow = [number, string, string, string | null];
type SourceRow = [number, string, string | null];

function addLink(item: ExportItem, [, url, role, label]: LinkRow): void {
  item.links.push(label ? { url, role: role as LinkRole, label } : { url, role: role as LinkRole });
}

function addSource(item: ExportItem, [, notes, bib]: SourceRow): void {
  for (const note of parseList(notes)) if (!item.notes.includes(note)) item.notes.push(note);
  // Sources in id order: the first source's value of a field wins.
  if (bib) item.bib = { ...(JSON.parse(bib) as BibFields), ...item.bib };
}

/** Rows in item id order, handed out item by item as the items go by. */
class RowsByItem<Row extends [number, ...unknown[]]> {
  private next = 0;

  constructor(private readonly rows: readonly Row[]) {}

  /** Gives `item` its rows; rows of items before it are of items outside the selection. */
  take(item: ExportItem, add: (item: ExportItem, row: Row) => void): void {
    for (
      let row = this.rows[this.next];
      row !== undefined && row[0] <= item.id;
      row = this.rows[++this.next]
    ) {
      if (row[0] === item.id) add(item, row);
    }
  }
}

/**
 * The tables a backup holds, parents first. The search index is not among them: it is
 * rebuilt from these on restore. search_state and search_positions are the index's own;
 * rank_terms and item_rank_terms are the inbox ranking's, made again from the items.
 */
export const BACKUP_TABLES = [
  'lists',
  'items',
  'sources',
  'links',
  'item_keys',
  'title_keys',
  'topics',
  'events',
  'topic_renames',
  'plans',
  'plan_items',
  // The user's decisions to keep two items apart or together (an unmerge outlives a
  // re-import), the feeds followed, their inbox, and arXiv's answers already fetched.
  'merge_decisions',
  'feeds',
  'inbox_entries',
  'metadata_cache',
] as const;

/** The tables every backup has had: one without them is damaged, not old. */
const REQUIRED_TABLES = BACKUP_TABLES.slice(0, BACKUP_TABLES.indexOf('plan_items') + 1);

const quoted = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * What a restored library must satisfy before it replaces anything: rows that refer to
 * items and lists that are there, and fields the commands can show. A backup edited by
 * hand broke these: `lectio list` failed on importance 99, list --json printed a status
 * the contract does not have.
 */
const RESTORE_CHECKS: ReadonlyArray<[string, string]> = [
  [
    'sources of no item or list',
    'SELECT count(*) FROM sources WHERE item_id NOT IN (SELECT id FROM items) OR list_id NOT IN (SELECT id FROM lists)',
  ],
  // Source 0 holds the kept rows of an item no list mentions any more (dropKeptRows).
  [
    'links of no item or source',
    'SELECT count(*) FROM links WHERE item_id NOT IN (SELECT id FROM items) OR (source_id != 0 AND source_id NOT IN (SELECT id FROM sources))',
  ],
  ['identity keys of no item', 'SELECT count(*) FROM item_keys WHERE item_id NOT IN (SELECT id FROM items)'],
  ['title keys of no item', 'SELECT count(*) FROM title_keys WHERE item_id NOT IN (SELECT id FROM items)'],
  [
    'plan entries of no item or plan',
    'SELECT count(*) FROM plan_items WHERE item_id NOT IN (SELECT id FROM items) OR plan_id NOT IN (SELECT id FROM plans)',
  ],
  // Inbox entries may outlive their feed: "feed remove" keeps what it brought.
  [
    'items with a status lectio does not know',
    `SELECT count(*) FROM items WHERE status NOT IN (${quoted(STATUSES)}) OR list_status NOT IN (${quoted(STATUSES)}) OR user_status NOT IN (${quoted(STATUSES)})`,
  ],
  [
    'items of a kind lectio does not know',
    `SELECT count(*) FROM items WHERE kind NOT IN (${quoted(ITEM_KINDS)})`,
  ],
  [
    'items with importance outside 0-5',
    'SELECT count(*) FROM items WHERE importance NOT BETWEEN 0 AND 5 OR list_importance NOT BETWEEN 0 AND 5 OR user_importance NOT BETWEEN 0 AND 5',
  ],
  [
    'items rated outside 1-5',
    'SELECT count(*) FROM items WHERE rating NOT BETWEEN 1 AND 5 OR pass NOT BETWEEN 0 AND 3',
  ],
];

function checkRestored(db: Database.Database): void {
  for (const [what, sql] of RESTORE_CHECKS) {
    const n = db.prepare(sql).pluck().get() as number;
    if (n > 0) throw new LectioError('bad_input', `backup: ${n} ${what}; nothing was restored`);
  }
}

export function readBackupTables(db: Database.Database): BackupTables {
  const tables: Record<string, BackupRow[]> = {};
  for (const table of BACKUP_TABLES) {
    const key = primaryKeyOf(db, table);
    tables[table] = db.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).all() as BackupRow[];
  }
  return { schema: SCHEMA_VERSION, tables };
}

function columnsOf(db: Database.Database, table: string): Array<{ name: string; pk: number }> {
  return db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; pk: number }>;
}

function primaryKeyOf(db: Database.Database, table: string): string {
  const pk = columnsOf(db, table)
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  return pk.length > 0 ? pk.join(', ') : 'rowid';
}

/**
 * Writes a backup's rows as they are (ids included), then indexes them for search once.
 * Columns a backup from an older schema lacks take their defaults; a backup from a newer
 * schema is refused by the caller (restore-backup.ts) before anything is written.
 */
export function writeBackupTables(db: Database.Database, backup: BackupTables, replace: boolean): void {
  if (backup.schema > SCHEMA_VERSION) {
    throw new LectioError(
      'bad_input',
      `the backup comes from a newer lectio (schema ${backup.schema}, this one knows ${SCHEMA_VERSION}); upgrade lectio`,
    );
  }
  const unknown = Object.keys(backup.tables).filter((t) => !(BACKUP_TABLES as readonly string[]).includes(t));
  if (unknown.length > 0) throw new LectioError('bad_input', `backup: unknown table ${unknown[0] ?? ''}`);
  const missing = REQUIRED_TABLES.find((t) => !(t in backup.tables));
  if (missing) throw new LectioError('bad_input', `backup: no table ${missing}; nothing was restored`);
  const search = new SqliteSearchIndex(db);
  search.pauseIndexing();
  if (replace) for (const table of [...BACKUP_TABLES].reverse()) db.prepare(`DELETE FROM ${table}`).run();
  for (const table of BACKUP_TABLES) {
    const rows = backup.tables[table] ?? [];
    if (rows.length === 0) continue;
    const known = new Set(columnsOf(db, table).map((c) => c.name));
    const statements = new Map<string, Database.Statement>();
    for (const row of rows) {
      const columns = Object.keys(row).filter((c) => known.has(c));
      const signature = columns.join(',');
      let insert = statements.get(signature);
      if (!insert) {
        insert = db.prepare(
          `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
        );
        statements.set(signature, insert);
      }
      try {
        insert.run(Object.fromEntries(columns.map((c) => [c, row[c] ?? null])));
      } catch (error) {
        throw new LectioError(
          'bad_input',
          `backup: ${table}: a row does not fit (${(error as Error).message})`,
        );
      }
    }
  }
  checkRestored(db);
  search.rebuild();
}
