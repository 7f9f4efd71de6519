// `lectio list --json` at library scale: every item in the shape of the CLI contract
// (src/cli/item-view.ts itemJson), read in three queries of only the columns it shows.
//
// listItems + itemJson build each item three times (a 36-column row object, an ItemRecord,
// the JSON object), keep all of them alive until one big JSON.stringify, and parse every
// URL in full; at 10k items that was an 850 ms command (BENCHMARKS.md c), a third of it
// garbage collection. Here rows come as arrays, a thousand items at a time, and each item
// goes straight to its JSON text: only strings outlive a chunk. `ids` read only the strong
// ids. test/item-listing.test.ts holds the text byte for byte equal to
// JSON.stringify(listItems(filter).map(itemJson)).

import type Database from 'better-sqlite3';
import type { ItemKind, Link, LinkRole, Status } from '../../core/item.js';
import type { ListFilter } from '../../core/library-store.js';
import { distinctPages } from '../../core/shown-links.js';
import { idsOf } from './sqlite-library-store.js';
import { listFilterSql } from './topic-filter.js';

type ItemRow = [
  number,
  string,
  ItemKind,
  Status,
  number | null,
  string,
  string | null,
  string,
  number | null,
  number,
  string | null,
  number,
  string,
  number | null,
  string,
  number,
];

/** Items per round of listItemsJson. */
const CHUNK = 1000;

/**
 * The compact JSON text of listItems(filter).map(itemJson) (src/cli/item-view.ts): the
 * items of `filter` by id, with their links, ids, notes and sources.
 */
export function listItemsJson(db: Database.Database, filter: ListFilter): string {
  return `[${[...itemsJsonRuns(db, filter)].join(',')}]`;
}

/**
 * listItemsJson as the texts of runs of its elements, a thousand items each, made as the
 * caller asks for them: `list --json` writes each before the next is read, so that no run
 * outlives V8's young generation (in CPU profiles of the 10k list, garbage collection fell
 * from 33-50 ms to 27-31 ms) and 6 MB of JSON is never held at once.
 */
export function* itemsJsonRuns(db: Database.Database, filter: ListFilter): Generator<string> {
  const filtered = listFilterSql(filter);
  const where = ['i.id > @after', ...filtered.where];
  const args: Record<string, string | number> = { after: -1, limit: CHUNK, ...filtered.args };
  const itemsQuery = db
    .prepare(
      `SELECT i.id, i.title, i.kind, i.status, i.importance, i.topics, i.why, i.note, i.rating, i.pass,
        i.read_at, i.list_count, i.aliases, i.year, i.authors, i.orphaned
       FROM items i WHERE ${where.join(' AND ')} ORDER BY i.id LIMIT @limit`,
    )
    .raw();
  // Sources and links of the chunk's id range; rows of items outside the filter are skipped.
  // Both orders are their index's (sources_item, links_item): SQLite sorts nothing.
  const sourcesQuery = db
    .prepare(
      `SELECT item_id, list_id, line, notes FROM sources WHERE item_id BETWEEN ? AND ? ORDER BY item_id, id`,
    )
    .raw();
  const linksQuery = db
    .prepare(
      `SELECT item_id, url, role, label FROM links WHERE item_id BETWEEN ? AND ?
       ORDER BY item_id, source_id, position`,
    )
    .raw();
  const files = new Map<number, string>();
  for (const [id, file] of db.prepare('SELECT id, path FROM lists').raw().all() as Array<[number, string]>) {
    files.set(id, JSON.stringify(file));
  }
  for (;;) {
    const rows = itemsQuery.all(args) as ItemRow[];
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (first === undefined || last === undefined) break;
    const sources = sourcesQuery.all(first[0], last[0]) as SourceRow[];
    const links = linksQuery.all(first[0], last[0]) as LinkRow[];
    yield chunkJson(rows, sources, links, files);
    if (rows.length < CHUNK) break;
    args.after = last[0];
  }
}

type SourceRow = [number, number, number, string];
type LinkRow = [number, string, LinkRole, string | null];

/**
 * The JSON texts of one chunk's items. Items, sources and links all come ordered by item id,
 * so each item's sources and links are the next rows of theirs: read in step, with no map of
 * items and no object per item (at 10k items those were a fifth of the command's garbage).
 */
function chunkJson(
  rows: ItemRow[],
  sources: SourceRow[],
  links: LinkRow[],
  files: ReadonlyMap<number, string>,
): string {
  const out: string[] = [];
  let s = 0;
  let l = 0;
  for (const r of rows) {
    const id = r[0];
    // Rows of items that the filter left out are passed over.
    while (s < sources.length && (sources[s] as SourceRow)[0] < id) s++;
    let sourceJson = '';
    let notes: string[] | null = null;
    for (; s < sources.length && (sources[s] as SourceRow)[0] === id; s++) {
      const [, listId, line, noteText] = sources[s] as SourceRow;
      sourceJson += `${sourceJson === '' ? '' : ','}{"file":${files.get(listId) ?? 'null'},"line":${line}}`;
      if (noteText === '[]') continue;
      notes ??= [];
      for (const note of JSON.parse(noteText) as string[]) if (!notes.includes(note)) notes.push(note);
    }
    while (l < links.length && (links[l] as LinkRow)[0] < id) l++;
    const own: Link[] = [];
    for (; l < links.length && (links[l] as LinkRow)[0] === id; l++) {
      const [, url, role, label] = links[l] as LinkRow;
      own.push(label ? { url, role, label } : { url, role });
    }
    // A page linked twice on one item is shown once, at its first place (shown-links.ts).
    const shown = distinctPages(own);
    let linkJson = '';
    for (const link of shown) {
      linkJson +=
        `${linkJson === '' ? '' : ','}{"url":${JSON.stringify(link.url)},"role":"${link.role}"` +
        (link.label ? `,"label":${JSON.stringify(link.label)}}` : '}');
    }
    const ids = shown.length > 0 ? JSON.stringify(idsOf(shown)) : '{}';
    out.push(
      `{"id":${id},"title":${JSON.stringify(r[1])},"kind":"${r[2]}","status":"${r[3]}",` +
        `"importance":${r[4]},"topics":${jsonList(r[5])},"links":[${linkJson}],"ids":${ids},` +
        `"why":${JSON.stringify(r[6])},"notes":${notes === null ? '[]' : JSON.stringify(notes)},` +
        `"note":${JSON.stringify(r[7])},"rating":${r[8]},"pass":${r[9]},"readAt":${JSON.stringify(r[10])},` +
        `"lists":${r[11]},"sources":[${sourceJson}],"aliases":${jsonList(r[12])},"year":${r[13]},` +
        `"authors":${jsonList(r[14])},"orphaned":${r[15] === 1}}`,
    );
  }
  return out.join(',');
}

/**
 * A stored JSON array of strings as JSON.stringify writes it. The store writes them with
 * JSON.stringify and migration 2 with json_group_array, both compact; without a backslash
 * the text has no escape that the two could write differently, so it is used as it is.
 */
function jsonList(text: string): string {
  return text.includes('\\') ? JSON.stringify(JSON.parse(text)) : text;
}
