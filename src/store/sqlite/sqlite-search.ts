// SearchIndex over the FTS5 tables of migration 3 (migrations.ts): a parsed query becomes
// an FTS5 expression in which every word the user typed is quoted, and filters become SQL
// with bound parameters. Nothing typed reaches FTS5 or SQL raw.
//
// Ranking has two tiers. Items whose title, aliases or authors hold every word come first,
// ranked by bm25 over those fields alone (item_search_names): that is what someone typing a
// paper's name wants, and it keeps the common case fast, since ranking costs about half a
// microsecond per matching row and a small index has short rows. Only when that tier has
// fewer hits than asked for does the query run over every field (item_search: topics, why,
// the user's note, the lists' notes, the abstract, weighted below the title), for the rest.
//
// The last word of a query still being typed matches as a prefix in the first tier only:
// search-as-you-type looks for a paper by its name, and a half word matched across 100k
// abstracts is noise that costs the most (quant* ranks four times the rows of quant). In the
// other fields a word matches whole, unless the user wrote the * (quant*).
//
// A query of one word found in a tenth of the library or more (and in at least 2,000 items)
// lists the hits beyond the first tier most recently added first, unranked. For one word,
// bm25's idf is a factor common to every hit, so it orders them by how often each row says
// the word against how long the row is, and for a word in a tenth of all abstracts that is
// mostly length; Elasticsearch's common-terms query sets very frequent terms apart for the
// same reason. Newest first is what a reader scanning a common word expects, and FTS5 serves
// it in rowid order without ranking: 0.6 ms at 100k items, finding out that the word is
// common included, instead of 15-25 ms. Their score is 0: not ranked. Under 2,000 hits
// ranking costs about a millisecond, so a small library keeps its order by relevance.

import type Database from 'better-sqlite3';
import { hasCjk, splitCjk } from '../../core/cjk.js';
import { LectioError } from '../../core/errors.js';
import { titleKey } from '../../core/identity.js';
import type { SearchField, SearchHit, SearchIndex } from '../../core/search-index.js';
import type { ParsedQuery, SearchFilter, SearchTerm } from '../../core/search-query.js';
import { buildSnippet } from '../../core/search-snippet.js';
import { itemsUnderTopicArgs, itemsUnderTopicSql } from './topic-filter.js';
import type { ItemKind, Status } from '../../core/item.js';

type Args = Record<string, string | number>;

interface FilterSql {
  /** Conditions on `i` (items, through the covering index items_search_filters); '' for none. */
  rows: string;
  /** `rows` reads more than the covering index (links, sources, items' own rows). */
  lookups: boolean;
  /** Subqueries of item ids the hit must be one of (a topic's items): built once each. */
  sets: string[];
  args: Args;
}

interface HitRow {
  id: number;
  /** bm25, lower is better; null for hits listed in an order of their own (not by relevance). */
  rank: number | null;
}

/** A word in this share of the library's items or more is common (see the header)... */
const COMMON_WORD_SHARE = 0.1;
/** ...if it is in at least this many: fewer hits are ranked in about a millisecond. */
export const COMMON_WORD_MIN_ITEMS = 2_000;

interface DetailRow {
  id: number;
  title: string;
  kind: string;
  status: string;
  importance: number | null;
  year: number | null;
  topics: string;
  aliases: string;
  authors: string;
  why: string | null;
  note: string;
  abstract: string | null;
}

const LINK_ROLE_FILTERS = new Set(['code', 'pdf', 'slides', 'video', 'blog']);

export class SqliteSearchIndex implements SearchIndex {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly commonWordMinItems = COMMON_WORD_MIN_ITEMS,
  ) {}

  search(query: ParsedQuery, limit: number): SearchHit[] {
    const filters = this.filterSql(query.filters);
    if (excludesEverything(query.filters)) return [];
    if (query.terms.length === 0) {
      const where = [...filters.sets.map((set) => `i.id IN (${set})`), filters.rows].filter(Boolean);
      const rows = this.prepare(
        `SELECT i.id AS id, NULL AS rank FROM items AS i INDEXED BY items_search_filters
         WHERE ${where.join(' AND ') || '1'} ORDER BY i.id LIMIT @limit`,
      ).all({ ...filters.args, limit }) as HitRow[];
      return this.hits(rows, [], query.terms);
    }
    const match = ftsExpression(query.terms, true);
    if (match === null) return [];
    const names = this.namedFirst(
      this.matched('item_search_names', filters, 'rank', {
        ...filters.args,
        match: withCompound(query.terms, match),
        limit: Math.max(limit, NAMED_AMONG),
      }),
      query.terms,
      limit,
    );
    if (names.length >= limit) return this.hits(names, [], query.terms);
    const all = ftsExpression(query.terms, false) ?? match;
    const order = this.isCommonWord(query.terms, all) ? 'recent' : 'rank';
    const rest = this.matched('item_search', filters, order, {
      ...filters.args,
      match: all,
      seen: JSON.stringify(names.map((r) => r.id)),
      limit: limit - names.length,
    });
    return this.hits(names, rest, query.terms);
  }

  /**
   * For bulk writes (a 100k-item import): the triggers stop indexing until rebuild(), which
   * indexes every item in one pass, about 5 times faster per item than the triggers (1.8 s
   * for 100k items without abstracts). Call both inside the writer's own transaction, so that
   * a failure leaves the index as it was; wrapping another transaction (which then runs as a
   * savepoint) cost 2-3 s more at 100k items (bench/search-bench.ts).
   */
  pauseIndexing(): void {
    this.db.prepare('UPDATE search_state SET paused = 1').run();
  }

  /**
   * Indexes the library afresh from items and sources, and resumes the triggers. The view's
   * rows are made once, into a temporary table both indexes read: each row costs more to make
   * (CJK tests, JSON arrays joined, the lists' notes) than to index, and reading the view
   * twice was 0.7 s of a 2.3 s rebuild at 100k items.
   */
  rebuild(): void {
    const all = 'title, aliases, authors, topics, why, note, notes, abstract';
    const names = 'title, aliases, authors';
    this.db.exec(`
      INSERT INTO item_search(item_search) VALUES ('delete-all');
      INSERT INTO item_search_names(item_search_names) VALUES ('delete-all');
      CREATE TEMP TABLE search_rebuild AS SELECT id, ${all} FROM item_search_rows WHERE title != '';
      INSERT INTO item_search(rowid, ${all}) SELECT id, ${all} FROM temp.search_rebuild;
      INSERT INTO item_search_names(rowid, ${names}) SELECT id, ${names} FROM temp.search_rebuild;
      DROP TABLE temp.search_rebuild;
      UPDATE search_state SET paused = 0;
    `);
  }

  /**
   * Whether the query is one plain word (no phrase, no `*`) that a tenth of the library's
   * items or more hold, and at least commonWordMinItems of them. Exact and cheap: the index is
   * asked for the match at that position, which costs about 0.05 µs a matching row up to
   * there (0.5 ms at 100k items; 0.02 ms to count the items). fts5vocab's document count
   * walks the word's whole list (2 ms for "the") and needs the word as the tokenizer folds it.
   */
  private isCommonWord(terms: readonly SearchTerm[], match: string): boolean {
    const [term] = terms;
    if (terms.length !== 1 || !term || term.phrase || term.prefix === 'typed') return false;
    // One word to the tokenizer: letters and digits only; CJK runs are phrases of pairs.
    if (!/^[\p{L}\p{N}]+$/u.test(term.text) || hasCjk(term.text)) return false;
    const items = this.prepare('SELECT count(*) FROM items').pluck().get() as number;
    const common = Math.max(this.commonWordMinItems, Math.ceil(items * COMMON_WORD_SHARE));
    const row = this.prepare(
      'SELECT rowid FROM item_search WHERE item_search MATCH @match LIMIT 1 OFFSET @skip',
    ).get({ match, skip: common - 1 });
    return row !== undefined;
  }

  /**
   * The matches of one FTS table, best first by its default rank (the bm25 weights of
   * migration 3), or for `recent` the most recently added first (the highest ids, which FTS5
   * serves in rowid order without ranking). Ranked matches are sorted one of two ways, by
   * measurement at 100k items with abstracts:
   * - `ORDER BY rank + 0`: SQLite sorts, ranking only the rows the filters keep: 1.5 times
   *   faster than FTS5's own sort with no filter at all, 4 times with a topic, 1.3-2 times
   *   with a status, year or stars (a test on the covering index costs less than ranking);
   * - `ORDER BY rank`: FTS5 ranks every match, then hands rows over best first, so that
   *   lookups (has:code, list:), which cost more per row than ranking, stop after a few
   *   dozen rows: 1.5-2.5 times faster than testing every match.
   * Sets are tested on the FTS row, before any join; row filters join items with CROSS JOIN,
   * which keeps the FTS table the outer loop (an index on items must not drive), through the
   * covering index items_search_filters rather than items' rows, which abstracts make large.
   */
  private matched(
    table: 'item_search' | 'item_search_names',
    filters: FilterSql,
    by: 'rank' | 'recent',
    args: Args,
  ): HitRow[] {
    const join = filters.rows
      ? 'CROSS JOIN items AS i INDEXED BY items_search_filters ON i.id = f.rowid'
      : '';
    const where = [
      `f.${table} MATCH @match`,
      'seen' in args ? 'f.rowid NOT IN (SELECT value FROM json_each(@seen))' : '',
      // `+` keeps the set a test on each match: as a constraint on rowid, FTS5 would run the
      // whole match once per item of the set (a topic of 200 items: 55 ms instead of 3).
      ...filters.sets.map((set) => `+f.rowid IN (${set})`),
      filters.rows,
    ].filter(Boolean);
    const rank = filters.lookups && filters.sets.length === 0 ? 'f.rank' : 'f.rank + 0.0';
    const [score, order] = by === 'recent' ? ['NULL', 'f.rowid DESC'] : [rank, rank];
    return this.prepare(
      `SELECT f.rowid AS id, ${score} AS rank FROM ${table} AS f ${join}
       WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT @limit`,
    ).all(args) as HitRow[];
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * The names tier's best `limit`, the items that the words name first: by the title, the
   * title's part before a colon, or an alias. "flashattention" ranked the paper whose alias it
   * is 7th (bm25 prefers titles that say it twice, "INT-FLASHATTENTION: … FLASH ATTENTION"),
   * and under -n 3 not at all; so the tier is read NAMED_AMONG deep for them.
   */
  private namedFirst(rows: HitRow[], terms: readonly SearchTerm[], limit: number): HitRow[] {
    const wanted = titleKey(terms.map((t) => t.text).join(' '));
    if (wanted === '' || rows.length === 0) return rows.slice(0, limit);
    const names = this.prepare(
      'SELECT id, title, aliases FROM items WHERE id IN (SELECT value FROM json_each(@ids))',
    ).all({ ids: JSON.stringify(rows.map((r) => r.id)) }) as Array<{
      id: number;
      title: string;
      aliases: string;
    }>;
    const how = new Map(names.map((n) => [n.id, namesIt(n.title, n.aliases, wanted)]));
    if (![...how.values()].some((h) => h > 0)) return rows.slice(0, limit);
    // By title before by alias (DefTruth tags "From Online Softmax to FlashAttention" with the
    // alias [FlashAttention]), then in the tier's own order.
    const order = (r: HitRow): number => how.get(r.id) ?? 0;
    return [2, 1, 0].flatMap((h) => rows.filter((r) => order(r) === h)).slice(0, limit);
  }

  /** Hits in order, with their fields for the snippet, read in two queries. */
  private hits(first: HitRow[], rest: HitRow[], terms: readonly SearchTerm[]): SearchHit[] {
    const ids = JSON.stringify([...first, ...rest].map((r) => r.id));
    const details = new Map(
      (
        this.prepare(
          `SELECT id, title, kind, status, importance, year, topics, aliases, authors, why, note, abstract
           FROM items WHERE id IN (SELECT value FROM json_each(@ids))`,
        ).all({ ids }) as DetailRow[]
      ).map((row) => [row.id, row]),
    );
    const listNotes = new Map<number, string[]>();
    if (terms.length > 0) {
      const rows = this.prepare(
        `SELECT item_id, notes FROM sources WHERE item_id IN (SELECT value FROM json_each(@ids)) AND notes != '[]'
         ORDER BY id`,
      ).all({ ids }) as Array<{ item_id: number; notes: string }>;
      for (const row of rows) {
        const notes = listNotes.get(row.item_id) ?? [];
        for (const note of JSON.parse(row.notes) as string[]) if (!notes.includes(note)) notes.push(note);
        listNotes.set(row.item_id, notes);
      }
    }
    const out: SearchHit[] = [];
    const add = (row: HitRow, tier: number): void => {
      const d = details.get(row.id);
      if (!d) return;
      const topics = JSON.parse(d.topics) as string[];
      // bm25 is negative, lower is better: a relevance in (0, 1), above 1 for the first tier;
      // 0 for hits not ranked (filters only, or a common word's hits beyond the first tier).
      const relevance = row.rank === null ? 0 : tier + -row.rank / (1 - row.rank);
      const fields: Array<{ field: SearchField; text: string | null }> = [
        { field: 'title', text: d.title },
        { field: 'aliases', text: (JSON.parse(d.aliases) as string[]).join(' | ') },
        { field: 'authors', text: (JSON.parse(d.authors) as string[]).join(', ') },
        { field: 'topics', text: topics.join(' | ') },
        { field: 'why', text: d.why },
        { field: 'note', text: d.note },
        { field: 'notes', text: (listNotes.get(d.id) ?? []).join(' | ') },
        { field: 'abstract', text: d.abstract },
      ];
      out.push({
        id: d.id,
        title: d.title,
        kind: d.kind as ItemKind,
        status: d.status as Status,
        importance: d.importance,
        year: d.year,
        topics,
        score: Math.round(relevance * 10_000) / 10_000,
        snippet: terms.length === 0 ? null : buildSnippet(fields, terms),
      });
    };
    for (const row of first) add(row, 1);
    for (const row of rest) add(row, 0);
    return out;
  }

  /**
   * The filters as SQL, every value a bound parameter: sets of item ids built once (a
   * topic's items), and conditions on each row, first what the covering index
   * items_search_filters holds, then lookups (links, sources), so that cheap tests reject first.
   */
  private filterSql(filters: readonly SearchFilter[]): FilterSql {
    const columns: string[] = [];
    const sets: string[] = [];
    const lookups: string[] = [];
    const args: Args = {};
    filters.forEach((filter, n) => {
      const p = `f${n}`;
      switch (filter.type) {
        case 'topic':
          sets.push(itemsUnderTopicSql(p));
          Object.assign(args, itemsUnderTopicArgs(p, filter.path));
          break;
        case 'status':
        case 'kind':
          columns.push(`i.${filter.type} IN (SELECT value FROM json_each(@${p}))`);
          args[p] = JSON.stringify(filter.anyOf);
          break;
        case 'year':
        case 'stars': {
          // Items without stars have none (0); items without a year match no year.
          const column = filter.type === 'year' ? 'i.year' : 'coalesce(i.importance, 0)';
          if (filter.range.min !== null) {
            columns.push(`${column} >= @${p}min`);
            args[`${p}min`] = filter.range.min;
          }
          if (filter.range.max !== null) {
            columns.push(`${column} <= @${p}max`);
            args[`${p}max`] = filter.range.max;
          }
          if (filter.type === 'year') columns.push('i.year IS NOT NULL');
          break;
        }
        case 'has':
          if (LINK_ROLE_FILTERS.has(filter.what)) {
            lookups.push(`EXISTS (SELECT 1 FROM links AS l WHERE l.item_id = i.id AND l.role = @${p})`);
            args[p] = filter.what;
          } else if (filter.what === 'notes') {
            lookups.push(
              `(i.note != '' OR EXISTS (SELECT 1 FROM sources AS s WHERE s.item_id = i.id AND s.notes != '[]'))`,
            );
          } else {
            lookups.push(`coalesce(trim(i.${filter.what === 'why' ? 'why' : 'abstract'}), '') != ''`);
          }
          break;
        case 'list':
          lookups.push(
            `EXISTS (SELECT 1 FROM sources AS s WHERE s.item_id = i.id AND s.list_id IN (SELECT value FROM json_each(@${p})))`,
          );
          args[p] = JSON.stringify(this.listIds(filter.name));
          break;
      }
    });
    return { rows: [...columns, ...lookups].join(' AND '), lookups: lookups.length > 0, sets, args };
  }

  /** Imported lists by file name, without its extension, case-insensitively. */
  private listIds(name: string): number[] {
    const lists = this.prepare('SELECT id, path FROM lists ORDER BY id').all() as Array<{
      id: number;
      path: string;
    }>;
    const wanted = name.toLowerCase();
    const names = lists.map((l) => {
      const file = l.path.split(/[\\/]/u).pop() ?? l.path;
      return {
        id: l.id,
        file: file.toLowerCase(),
        stem: file.replace(/\.[^.]*$/u, '').toLowerCase(),
        shown: file,
      };
    });
    const ids = names.filter((l) => l.stem === wanted || l.file === wanted).map((l) => l.id);
    if (ids.length > 0) return ids;
    const known = names.map((l) => l.shown.replace(/\.[^.]*$/u, ''));
    const shown = known.length > 8 ? [...known.slice(0, 8), '…'] : known;
    throw new LectioError(
      'bad_input',
      `search: list:${name}: no imported list has that name${known.length ? ` (lists: ${shown.join(', ')})` : ''}`,
    );
  }
}

/**
 * Filters that no item passes together (status:read status:to-read, year:2024 year:2020):
 * SQL would find that out by reading every item, 15 ms at 100k.
 */
export function excludesEverything(filters: readonly SearchFilter[]): boolean {
  const allowed = new Map<string, Set<string>>();
  const bounds = new Map<string, { min: number; max: number }>();
  for (const filter of filters) {
    if (filter.type === 'status' || filter.type === 'kind') {
      const before = allowed.get(filter.type);
      const now = new Set<string>(before ? filter.anyOf.filter((v) => before.has(v)) : filter.anyOf);
      if (now.size === 0) return true;
      allowed.set(filter.type, now);
    } else if (filter.type === 'year' || filter.type === 'stars') {
      const before = bounds.get(filter.type) ?? { min: -Infinity, max: Infinity };
      const now = {
        min: Math.max(before.min, filter.range.min ?? -Infinity),
        max: Math.min(before.max, filter.range.max ?? Infinity),
      };
      if (now.min > now.max) return true;
      bounds.set(filter.type, now);
    }
  }
  return false;
}

/**
 * The FTS5 expression for the terms: each a quoted phrase ("" inside doubled), so that
 * AND, OR, NEAR, -, ^, *, :, ( and ) are text; all of them must match. CJK runs become
 * the phrase of their character pairs, as migration 3 indexes them (量化技术 → "量化 化技
 * 技术"): substring search, so no prefix is needed after one. A lone CJK character is a
 * prefix of the pairs it begins (or the run's last character, indexed alone). Null when
 * nothing searchable is left.
 */
/**
 * A name typed as words that papers write as one ("flash attention" for FlashAttention,
 * "paged attention", "llama 2"): the words joined are an alternative in the names tier, so
 * that the paper of that name ranks by its title, not by an alias. Without it "flash
 * attention" put FlashAttention ninth, under every title that holds both words. Two or three
 * plain words only (no phrase, no CJK).
 */
export function withCompound(terms: readonly SearchTerm[], match: string): string {
  if (terms.length < 2 || terms.length > 3) return match;
  if (terms.some((t) => t.phrase || !/^[\p{L}\p{N}]+$/u.test(t.text) || hasCjk(t.text))) return match;
  const last = terms[terms.length - 1];
  const prefix = last?.prefix === 'typed' || last?.prefix === 'implicit' ? '*' : '';
  return `(${match}) OR "${terms.map((t) => t.text).join('')}"${prefix}`;
}

export function ftsExpression(terms: readonly SearchTerm[], implicitPrefix: boolean): string | null {
  const phrases: string[] = [];
  const quote = (text: string, prefix: boolean): void => {
    if (!/[\p{L}\p{N}]/u.test(text)) return;
    // FTS5 reads the expression as a C string: a NUL would end it mid-phrase.
    phrases.push(`"${text.replace(/\p{Cc}/gu, ' ').replace(/"/gu, '""')}"${prefix ? '*' : ''}`);
  };
  for (const term of terms) {
    const segments = splitCjk(term.text);
    let current: string[] = [];
    segments.forEach((segment, index) => {
      const last = index === segments.length - 1;
      if (!segment.cjk) {
        current.push(segment.text);
        if (last)
          quote(current.join(' '), term.prefix === 'typed' || (implicitPrefix && term.prefix === 'implicit'));
        return;
      }
      const chars = [...segment.text];
      if (chars.length === 1) {
        quote(current.join(' '), false);
        current = [];
        quote(segment.text, true);
        return;
      }
      current.push(
        chars
          .slice(1)
          .map((c, i) => `${chars[i]}${c}`)
          .join(' '),
      );
      if (last) quote(current.join(' '), false);
    });
  }
  return phrases.length > 0 ? phrases.join(' AND ') : null;
}

/** How deep the names tier is read for the items the words name (namedFirst). */
const NAMED_AMONG = 50;

/** 2 when an item's title or its part before a colon is these words, 1 when an alias is, else 0. */
function namesIt(title: string, aliases: string, wanted: string): number {
  const is = (name: string): boolean => {
    if (titleKey(name) === wanted) return true;
    const colon = name.search(/[:：]/u);
    return colon > 0 && titleKey(name.slice(0, colon)) === wanted;
  };
  if (is(title)) return 2;
  return (JSON.parse(aliases) as string[]).some(is) ? 1 : 0;
}
