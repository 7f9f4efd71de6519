// The SQLite side of record matching beyond exact keys: title blocking tokens, the
// bibliographic records of a title (series titles), the user's merge decisions
// (`merge_decisions`, migration 7) and splitting a source out of its item. The rules that
// use them are in src/core/identity.ts and place-entry.ts.

import type Database from 'better-sqlite3';
import type { TitleEvidence } from '../../core/identity.js';
import type { BibFields } from '../../core/item.js';
import { USER_UNMERGE_MATCH } from '../../core/library-store.js';
import { lazyStatements } from './lazy-statements.js';

const ANCHOR = 'src:';
const COLON = 58;
/** The items findItemsByTitleKeys reads per key (its query's LIMIT). */
export const TITLE_LOOKUP_LIMIT = 16;
/** Above this many items, titlesOfItems reads every title once instead of one query per item. */
const MANY_ITEMS = 2000;

export class MatchingTables {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = lazyStatements({
      bibByTitle: () =>
        db.prepare(
          `SELECT s.list_id, s.year, s.authors, s.bib FROM title_keys t JOIN sources s ON s.id = t.source_id
         WHERE t.key = ? AND s.bib IS NOT NULL LIMIT ?`,
        ),
      titles: () =>
        db
          .prepare(
            'SELECT title FROM sources WHERE item_id = ? UNION ALL SELECT title FROM items WHERE id = ?',
          )
          .pluck(),
      allSourceTitles: () => db.prepare('SELECT item_id, title FROM sources ORDER BY item_id, id').raw(),
      allItemTitles: () => db.prepare('SELECT id, title FROM items').raw(),
      allTitleKeys: () => db.prepare('SELECT key, item_id FROM title_keys ORDER BY key, item_id').raw(),
      decisions: () => db.prepare('SELECT kind, b FROM merge_decisions WHERE a = ?'),
      anyDecision: () => db.prepare('SELECT 1 FROM merge_decisions LIMIT 1'),
      deleteDecision: () => db.prepare('DELETE FROM merge_decisions WHERE a = ? AND b = ?'),
      insertDecision: () => db.prepare('INSERT INTO merge_decisions (kind, a, b, at) VALUES (?, ?, ?, ?)'),
      anchors: () =>
        db.prepare(
          `SELECT key, source_id FROM item_keys WHERE item_id = ? AND key >= '${ANCHOR}' AND key < 'src;'`,
        ),
    });
  }

  /** Tokens seen held by `limit` rows or more: they only ever get more common. */
  private readonly commonTokens = new Set<string>();
  /** One statement per number of tokens (at most 16): one query per entry, not one per word. */
  private readonly tokenQueries = new Map<string, Database.Statement>();

  /** Items holding each token, none for a token held by `limit` rows or more (too common). */
  findItemsByTitleTokens(tokens: readonly string[], limit: number): Map<string, number[]> {
    const out = new Map<string, number[]>();
    const asked = tokens.filter((t) => !this.commonTokens.has(t)).slice(0, 16);
    if (asked.length === 0) return out;
    const name = `${asked.length}/${limit}`;
    let query = this.tokenQueries.get(name);
    if (!query) {
      const n = Math.trunc(limit);
      const one = (i: number) =>
        `SELECT ${i} AS t, item_id FROM (SELECT item_id FROM title_keys WHERE key = ? LIMIT ${n})`;
      query = this.db.prepare(asked.map((_t, i) => one(i)).join(' UNION ALL ')).raw();
      this.tokenQueries.set(name, query);
    }
    for (const [t, id] of query.all(...asked) as Array<[number, number]>) {
      const token = asked[t] as string;
      const ids = out.get(token);
      if (ids) ids.push(id);
      else out.set(token, [id]);
    }
    for (const [token, ids] of out) {
      if (ids.length >= limit) {
        this.commonTokens.add(token);
        out.delete(token);
      } else out.set(token, [...new Set(ids)]);
    }
    return out;
  }

  titlesOfItems(itemIds: readonly number[]): Map<number, string[]> {
    const out = new Map<number, string[]>();
    if (itemIds.length > MANY_ITEMS) return this.titlesOfManyItems(itemIds);
    for (const id of itemIds) {
      const titles = this.stmt.titles.all(id, id) as string[];
      out.set(id, [...new Set(titles.filter((t) => t !== ''))]);
    }
    return out;
  }

  /** titlesOfItems in two scans, sources then items, in the order the query per item reads them. */
  private titlesOfManyItems(itemIds: readonly number[]): Map<number, string[]> {
    const all = new Map<number, string[]>(itemIds.map((id) => [id, []]));
    const add = (id: number, title: string) => {
      if (title !== '') all.get(id)?.push(title);
    };
    for (const [id, title] of this.stmt.allSourceTitles.iterate() as Iterable<[number, string]>)
      add(id, title);
    for (const [id, title] of this.stmt.allItemTitles.iterate() as Iterable<[number, string]>) add(id, title);
    for (const [id, titles] of all) if (titles.length > 1) all.set(id, [...new Set(titles)]);
    return all;
  }

  titleKeyIndex(
    tokenPrefix: string,
    tokenLimit: number,
  ): { titles: Map<string, number[]>; tokens: Map<string, number[]> } {
    const titles = new Map<string, number[]>();
    const tokens = new Map<string, number[]>();
    /** Rows per token: the limit counts sources, as findItemsByTitleTokens' LIMIT does. */
    const rows = new Map<string, number>();
    // In key order, then item order: each key's items come oldest first, each once.
    for (const [key, itemId] of this.stmt.allTitleKeys.iterate() as Iterable<[string, number]>) {
      const isToken = key.startsWith(tokenPrefix);
      // Other keys with a prefix ("u:word", the tokens of sources with no DOI or arXiv id) are
      // not asked for here; title keys hold letters and digits only.
      if (!isToken && key.charCodeAt(1) === COLON) continue;
      const map = isToken ? tokens : titles;
      if (isToken) rows.set(key, (rows.get(key) ?? 0) + 1);
      const ids = map.get(key);
      if (!ids) map.set(key, [itemId]);
      else if (ids[ids.length - 1] !== itemId && (isToken || ids.length < TITLE_LOOKUP_LIMIT))
        ids.push(itemId);
    }
    for (const [token, count] of rows) if (count >= tokenLimit) tokens.delete(token);
    return { titles, tokens };
  }

  bibRecordsWithTitleKey(key: string, limit: number): Array<{ listId: number; evidence: TitleEvidence }> {
    const rows = this.stmt.bibByTitle.all(key, limit) as Array<{
      list_id: number;
      year: number | null;
      authors: string;
      bib: string;
    }>;
    return rows.map((r) => ({
      listId: r.list_id,
      evidence: {
        links: [],
        year: r.year,
        authors: JSON.parse(r.authors) as string[],
        bib: JSON.parse(r.bib) as BibFields,
      },
    }));
  }

  hasMergeDecisions(): boolean {
    this.anyDecision ??= this.stmt.anyDecision.get() !== undefined;
    return this.anyDecision;
  }

  mergeDecisionsOf(anchor: string): { together: string[]; apart: string[] } {
    const out = { together: [] as string[], apart: [] as string[] };
    if (!this.hasMergeDecisions()) return out;
    for (const r of this.stmt.decisions.all(anchor) as Array<{ kind: string; b: string }>) {
      if (r.kind === 'together') out.together.push(r.b);
      else if (r.kind === 'apart') out.apart.push(r.b);
    }
    return out;
  }

  /** Whether the table has any row: most libraries never have one, and every entry asks. */
  private anyDecision: boolean | undefined;

  addMergeDecision(kind: 'together' | 'apart', a: string, b: string, at: string): void {
    if (a === b) return;
    this.anyDecision = true;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      this.stmt.deleteDecision.run(x, y);
      this.stmt.insertDecision.run(kind, x, y, at);
    }
  }

  sourceAnchorsOf(itemId: number): Map<number, string> {
    const out = new Map<number, string>();
    for (const r of this.stmt.anchors.all(itemId) as Array<{ key: string; source_id: number }>) {
      if (!out.has(r.source_id)) out.set(r.source_id, r.key);
    }
    return out;
  }

  anchorsOfItem(itemId: number): string[] {
    return (this.stmt.anchors.all(itemId) as Array<{ key: string }>).map((r) => r.key);
  }

  /**
   * Moves one source with its links and keys to a new item (created here); returns its id. The
   * source goes back under the topic its list gave it: the item it leaves may have been moved
   * (`lectio move`), the new one was not.
   */
  splitSource(itemId: number, sourceId: number, at: string): number {
    const db = this.db;
    const id = Number(
      db.prepare('INSERT INTO items (created_at, updated_at) VALUES (?, ?)').run(at, at).lastInsertRowid,
    );
    db.prepare(
      `UPDATE sources SET item_id = ?, match = ?, topic = coalesce(list_topic, topic), list_topic = NULL
       WHERE id = ? AND item_id = ?`,
    ).run(id, USER_UNMERGE_MATCH, sourceId, itemId);
    for (const table of ['links', 'item_keys', 'title_keys']) {
      db.prepare(`UPDATE ${table} SET item_id = ? WHERE source_id = ? AND item_id = ?`).run(
        id,
        sourceId,
        itemId,
      );
    }
    return id;
  }
}
