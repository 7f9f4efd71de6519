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

interface Pieces {
  links: string[];
  forIds: Link[];
  seen: Set<string>;
  notes: string[];
  sources: string[];
}

function chunkJson(
  rows: ItemRow[],
  sources: SourceRow[],
  links: LinkRow[],
  files: ReadonlyMap<number, string>,
): string {
  const byId = new Map<number, Pieces>();
  for (const r of rows) byId.set(r[0], { links: [], forIds: [], seen: new Set(), notes: [], sources: [] });
  for (const [itemId, listId, line, notes] of sources) {
    const p = byId.get(itemId);
    if (p === undefined) continue;
    p.sources.push(`{"file":${files.get(listId) ?? 'null'},"line":${line}}`);
    if (notes === '[]') continue;
    for (const note of JSON.parse(notes) as string[]) if (!p.notes.includes(note)) p.notes.push(note);
  }
  // A URL twice on one item is shown once, at its first place.
  for (const [itemId, url, role, label] of links) {
    const p = byId.get(itemId);
    if (p === undefined || p.seen.has(url)) continue;
    p.seen.add(url);
    p.links.push(
      label
        ? `{"url":${JSON.stringify(url)},"role":"${role}","label":${JSON.stringify(label)}}`
        : `{"url":${JSON.stringify(url)},"role":"${role}"}`,
    );
    p.forIds.push({ url, role });
  }
  const out: string[] = [];
  for (const r of rows) {
    const p = byId.get(r[0]) as Pieces;
    const ids = p.forIds.length > 0 ? JSON.stringify(idsOf(p.forIds)) : '{}';
    out.push(
      `{"id":${r[0]},"title":${JSON.stringify(r[1])},"kind":"${r[2]}","status":"${r[3]}",` +
        `"importance":${r[4]},"topics":${jsonList(r[5])},"links":[${p.links.join(',')}],"ids":${ids},` +
        `"why":${JSON.stringify(r[6])},"notes":${JSON.stringify(p.notes)},"note":${JSON.stringify(r[7])},` +
        `"rating":${r[8]},"pass":${r[9]},"readAt":${JSON.stringify(r[10])},"lists":${r[11]},` +
        `"sources":[${p.sources.join(',')}],"aliases":${jsonList(r[12])},"year":${r[13]},` +
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
