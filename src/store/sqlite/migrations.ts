// Versioned schema. Each migration runs once, in order, inside a transaction; the
// version lives in PRAGMA user_version. Never edit a shipped migration: add one.

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'lists, items, sources, links, identity keys, topics, events',
    sql: `
      CREATE TABLE lists (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        title TEXT,
        sha256 TEXT NOT NULL,
        imported_at TEXT NOT NULL
      );
      -- An item is what its sources say, folded (src/core/aggregate.ts); the folded
      -- fields are kept here so that listing and ranking read one row per item.
      CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        aliases TEXT NOT NULL DEFAULT '[]',
        kind TEXT NOT NULL DEFAULT 'other',
        status TEXT NOT NULL DEFAULT 'to-read',
        importance INTEGER,
        why TEXT,
        year INTEGER,
        authors TEXT NOT NULL DEFAULT '[]',
        orphaned INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX items_status ON items(status);
      -- One place a list mentions an item. Re-importing a list replaces its sources.
      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL,
        list_id INTEGER NOT NULL REFERENCES lists(id),
        line INTEGER NOT NULL,
        title TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        topic TEXT NOT NULL DEFAULT '',
        status TEXT,
        importance INTEGER,
        why TEXT,
        notes TEXT NOT NULL DEFAULT '[]',
        year INTEGER,
        authors TEXT NOT NULL DEFAULT '[]',
        match TEXT NOT NULL
      );
      CREATE INDEX sources_item ON sources(item_id);
      CREATE INDEX sources_list ON sources(list_id);
      -- Links, identity keys and title keys belong to a source; source_id 0 marks what an
      -- item keeps after losing its last source (it may hold notes; it must stay findable).
      CREATE TABLE links (
        item_id INTEGER NOT NULL,
        source_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        url TEXT NOT NULL,
        role TEXT NOT NULL,
        label TEXT
      );
      CREATE INDEX links_item ON links(item_id);
      CREATE INDEX links_source ON links(source_id);
      CREATE TABLE item_keys (
        key TEXT NOT NULL,
        item_id INTEGER NOT NULL,
        source_id INTEGER NOT NULL,
        PRIMARY KEY (key, item_id, source_id)
      ) WITHOUT ROWID;
      CREATE INDEX item_keys_item ON item_keys(item_id);
      CREATE INDEX item_keys_source ON item_keys(source_id);
      CREATE TABLE title_keys (
        key TEXT NOT NULL,
        item_id INTEGER NOT NULL,
        source_id INTEGER NOT NULL,
        PRIMARY KEY (key, item_id, source_id)
      ) WITHOUT ROWID;
      CREATE INDEX title_keys_item ON title_keys(item_id);
      CREATE INDEX title_keys_source ON title_keys(source_id);
      -- Topics in the user's order (first seen first, until the user reorders them).
      CREATE TABLE topics (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        position INTEGER NOT NULL
      );
      -- What happened to items: merges now, status changes and notes later.
      CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX events_item ON events(item_id);
    `,
  },
  {
    version: 2,
    description: 'the reader: user fields over list fields, notes, passes, ratings, plans, topic renames',
    sql: `
      -- items.status/importance/why stay what everyone reads (the effective value); list_*
      -- hold what the lists say (folded), user_* what the user said (src/core/user-fields.ts).
      ALTER TABLE items ADD COLUMN list_status TEXT NOT NULL DEFAULT 'to-read';
      ALTER TABLE items ADD COLUMN list_importance INTEGER;
      ALTER TABLE items ADD COLUMN list_why TEXT;
      ALTER TABLE items ADD COLUMN user_status TEXT;
      ALTER TABLE items ADD COLUMN user_importance INTEGER;
      ALTER TABLE items ADD COLUMN user_why TEXT;
      ALTER TABLE items ADD COLUMN user_title TEXT;
      ALTER TABLE items ADD COLUMN pass INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE items ADD COLUMN rating INTEGER;
      ALTER TABLE items ADD COLUMN read_at TEXT;
      ALTER TABLE items ADD COLUMN note TEXT NOT NULL DEFAULT '';
      -- Materialised from sources so that the queue and listings read one row per item.
      ALTER TABLE items ADD COLUMN topics TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE items ADD COLUMN list_count INTEGER NOT NULL DEFAULT 0;
      -- Rank of the item's best top-level topic in the user's order, kept fresh by
      -- topic-service.ts: the queue ranks 100k items in SQL without reading their topics.
      ALTER TABLE items ADD COLUMN topic_rank INTEGER;
      UPDATE items SET list_status = status, list_importance = importance, list_why = why;
      UPDATE items SET
        topics = coalesce((SELECT json_group_array(topic) FROM
          (SELECT topic FROM sources WHERE item_id = items.id AND topic != '' GROUP BY topic ORDER BY min(id))), '[]'),
        list_count = (SELECT count(DISTINCT list_id) FROM sources WHERE item_id = items.id);
      UPDATE items SET topic_rank = (SELECT min(r.rank) FROM json_each(items.topics) j
        JOIN (SELECT path AS root, row_number() OVER (ORDER BY position, path) AS rank
              FROM topics WHERE instr(path, ' / ') = 0) r
        ON r.root = CASE WHEN instr(j.value, ' / ') > 0 THEN substr(j.value, 1, instr(j.value, ' / ') - 1) ELSE j.value END);
      -- A renamed topic stays renamed when its list is imported again.
      CREATE TABLE topic_renames (
        from_path TEXT PRIMARY KEY,
        to_path TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        per_week INTEGER NOT NULL,
        start TEXT NOT NULL,
        topic TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE plan_items (
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        item_id INTEGER NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (plan_id, item_id)
      ) WITHOUT ROWID;
      CREATE INDEX plan_items_item ON plan_items(item_id);
      CREATE INDEX events_kind_at ON events(kind, at);
    `,
  },
  {
    version: 3,
    description: 'metadata for arXiv enrichment; full-text search (FTS5) kept in sync by triggers',
    sql: searchMigrationSql(),
  },
  {
    version: 4,
    description: 'a covering index for the queue',
    sql: `
      -- lectio next pre-selects from every unread item (sqlite-library-store.ts topQueueIds):
      -- from this index it reads a few MB instead of scanning the items table (a cold
      -- process spent about 100 ms on that scan at 100k items).
      CREATE INDEX items_queue ON items(status, kind, topic_rank, importance, list_count, pass, created_at);
    `,
  },
  {
    version: 5,
    description: 'bibliographic fields per source (BibTeX, CSL-JSON, arXiv metadata)',
    sql: `
      -- JSON of BibFields (src/core/item.ts); NULL for markdown entries, which have none.
      ALTER TABLE sources ADD COLUMN bib TEXT;
    `,
  },
  {
    version: 6,
    description: 'arXiv metadata cache, feeds and the inbox',
    sql: `
      -- What arXiv said about an id (versionless, 'arxiv:2309.06180'): lectio enrich never
      -- asks twice. found = 0 records that arXiv does not know the id.
      CREATE TABLE metadata_cache (
        key TEXT PRIMARY KEY,
        fetched_at TEXT NOT NULL,
        found INTEGER NOT NULL,
        data TEXT
      ) WITHOUT ROWID;
      CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        spec TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        title TEXT,
        include TEXT NOT NULL DEFAULT '[]',
        exclude TEXT NOT NULL DEFAULT '[]',
        added_at TEXT NOT NULL,
        fetched_at TEXT,
        last_error TEXT
      );
      -- Every feed entry ever seen, by its key ('arxiv:<id>' for arXiv papers, whatever feed
      -- they came from; else the feed's guid): a paper is one entry however many feeds and
      -- versions announce it. state: inbox (an item with status inbox), kept, dismissed
      -- (its item is gone; its words count against similar entries), known (the library had
      -- it already), filtered (a feed's include/exclude words left it out).
      CREATE TABLE inbox_entries (
        key TEXT PRIMARY KEY,
        feed_id INTEGER NOT NULL,
        item_id INTEGER,
        state TEXT NOT NULL,
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        published TEXT,
        seen_at TEXT NOT NULL,
        decided_at TEXT,
        score REAL,
        best_topic TEXT,
        similar TEXT NOT NULL DEFAULT '[]',
        words TEXT NOT NULL DEFAULT '[]'
      ) WITHOUT ROWID;
      CREATE INDEX inbox_entries_state ON inbox_entries(state, score);
      CREATE INDEX inbox_entries_item ON inbox_entries(item_id);
    `,
  },
  {
    version: 7,
    description: 'merge decisions: sources the user merged or split (lectio merge / unmerge)',
    sql: `
      -- One row per direction: a and b are source anchors ("src:/path/refs.bib#key",
      -- src/core/place-entry.ts), kind 'together' or 'apart'. Every import reads them.
      CREATE TABLE merge_decisions (
        kind TEXT NOT NULL,
        a TEXT NOT NULL,
        b TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (a, b)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 8,
    description: "the inbox ranking's terms of each library item, kept until the item's text changes",
    sql: `
      -- What src/core/inbox-rank.ts read in an item's title, aliases, abstract and why, so
      -- that a rerank does not read 10,000 abstracts again: the ids of its terms in reading
      -- order and how often each came (32-bit integers), the ids numbering rank_terms. The
      -- triggers drop an item's row when its text changes or it goes; the next rerank reads
      -- that item again.
      CREATE TABLE rank_terms (
        id INTEGER PRIMARY KEY,
        term TEXT NOT NULL
      );
      CREATE TABLE item_rank_terms (
        item_id INTEGER PRIMARY KEY,
        ids BLOB NOT NULL,
        counts BLOB NOT NULL
      );
      CREATE TRIGGER item_rank_terms_update AFTER UPDATE OF title, aliases, abstract, why ON items
        WHEN old.title IS NOT new.title OR old.aliases IS NOT new.aliases
          OR old.abstract IS NOT new.abstract OR old.why IS NOT new.why BEGIN
        DELETE FROM item_rank_terms WHERE item_id = old.id;
      END;
      CREATE TRIGGER item_rank_terms_delete AFTER DELETE ON items BEGIN
        DELETE FROM item_rank_terms WHERE item_id = old.id;
      END;
    `,
  },
  {
    version: 9,
    description: "the user's topic: items moved to a topic with lectio move",
    sql: `
      -- Like user_status: what the user said, above what the lists say (src/core/user-fields.ts).
      -- Null until the item is moved; its sources are then filed under it at every fold.
      ALTER TABLE items ADD COLUMN user_topic TEXT;
    `,
  },
  {
    version: 10,
    description: 'the search view skips the CJK splitting for text that has no CJK character',
    sql: `
      DROP VIEW item_search_rows;
      ${searchRowsViewSql(asciiShortcuts)}
    `,
  },
  {
    version: 11,
    description: "an item's links in their order, straight from the index",
    sql: `
      -- list --json and every item view read an item's links ordered by source and position
      -- (item-listing.ts): with these columns in the index SQLite reads them in that order
      -- instead of sorting each thousand items' links (about 4 ms of a 10k-item list).
      DROP INDEX links_item;
      CREATE INDEX links_item ON links(item_id, source_id, position);
    `,
  },
  {
    version: 12,
    description: "the search view: empty arrays at once, the lists' plain notes joined with string functions",
    sql: `
      DROP VIEW item_search_rows;
      ${searchRowsViewSql(asciiShortcuts, { plainArrays: true })}
    `,
  },
  {
    version: 13,
    description: 'the search view tests for CJK by a range of characters, the raw column at once',
    sql: `
      DROP VIEW item_search_rows;
      ${searchRowsViewSql(rangeShortcuts, { plainArrays: true, cjkFreeNotes: true })}
    `,
  },
  {
    version: 14,
    description: 'the topic a list gave a source that a move filed elsewhere',
    sql: `
      -- lectio move files an item's sources under the user's topic (sqlite-library-store.ts
      -- fileSourcesUnder); this keeps what the list said (NULL: the same as topic), so that
      -- a source unmerged from a moved item goes back under its list's heading.
      ALTER TABLE sources ADD COLUMN list_topic TEXT;
    `,
  },
  {
    version: 15,
    description: 'lectio add sources named by their line (an anchor), as list entries are',
    sql: `
      -- lectio merge and unmerge record their decisions between source anchors (place-entry.ts);
      -- sources of lectio add (and inbox keep) had none, so an unmerge from an item holding one
      -- did not hold. The form is add-item.ts addedAnchor's. Older adds could repeat a line:
      -- the second source of a line is "~2", as a list's repeated entries are, so that no
      -- decision about one binds another.
      INSERT OR IGNORE INTO item_keys (key, item_id, source_id)
        SELECT 'src:lectio:added#line' || line || CASE WHEN n > 1 THEN '~' || n ELSE '' END, item_id, id
        FROM (
          SELECT s.id, s.item_id, s.line, row_number() OVER (PARTITION BY s.line ORDER BY s.id) AS n
          FROM sources AS s JOIN lists AS l ON l.id = s.list_id WHERE l.path = 'lectio:added'
        );
    `,
  },
  {
    version: 16,
    description: 'the topics items were moved to, indexed',
    sql: `
      -- dropEmptyTopics (sqlite-library-store.ts) keeps a topic an item was moved to even when
      -- the item has no source left to carry it; few items are moved, so the index is small.
      CREATE INDEX items_user_topic ON items(user_topic COLLATE NOCASE) WHERE user_topic IS NOT NULL;
    `,
  },
];

/**
 * Version 3's SQL. Frozen with the migration like any other: a later change to search is a
 * new migration, never an edit here (src/store/sqlite/sqlite-search.ts reads these tables).
 *
 * Two contentless FTS5 tables (the text lives in items and sources; the index keeps only
 * what ranking needs, not a second copy of 100k abstracts): item_search over every field,
 * and item_search_names over title, aliases and authors, small enough to rank thousands of
 * hits in a few milliseconds (sqlite-search.ts explains the two tiers). The bm25 weights are
 * each table's default rank, read through the `rank` column: calling bm25() with weights in a
 * query that joins items (for filters) was 3-5 times slower at 100k items with abstracts.
 *
 * Triggers keep both in step with items and sources, so that no code that writes items has
 * to know about search. Items the importer has created but not folded yet (title '') are
 * not indexed until their fold.
 *
 * unicode61 keeps a run of CJK characters as one token (无精度损失的8 / bit推理), so every
 * CJK run is indexed as its overlapping character pairs plus its last character (量化技术 →
 * 量化 化技 技术 术); a query for 推理 is then the phrase of its pairs (src/core/cjk.ts). The
 * splitting is plain SQL over a table of positions (triggers cannot use recursive CTEs, and an
 * application function would make every other SQLite client fail to write items); text
 * beyond 65,536 characters is indexed as it is.
 */
function searchMigrationSql(): string {
  const all = 'title, aliases, authors, topics, why, note, notes, abstract';
  const names = 'title, aliases, authors';
  const indexAll = (id: string): string =>
    `INSERT INTO item_search(rowid, ${all}) SELECT id, ${all} FROM item_search_rows WHERE id = ${id};`;
  const indexNames = (id: string): string =>
    `INSERT INTO item_search_names(rowid, ${names}) SELECT id, ${names} FROM item_search_rows WHERE id = ${id};`;
  const folded = (id: string): string => `(SELECT title FROM items WHERE id = ${id}) != ''`;
  const live = `coalesce((SELECT paused FROM search_state), 0) = 0`;
  const changed = (columns: string[]): string => columns.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ');
  const tokenizer = `tokenize = 'unicode61 remove_diacritics 2'`;
  return `
      ALTER TABLE items ADD COLUMN abstract TEXT;
      ALTER TABLE items ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE items ADD COLUMN journal_ref TEXT;
      ALTER TABLE items ADD COLUMN doi TEXT;
      ALTER TABLE items ADD COLUMN enriched_at TEXT;

      -- A bulk writer pauses the triggers and rebuilds the index once (sqlite-search.ts).
      CREATE TABLE search_state (paused INTEGER NOT NULL);
      INSERT INTO search_state (paused) VALUES (0);
      CREATE TABLE search_positions (n INTEGER PRIMARY KEY);
      WITH RECURSIVE p(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < 65536)
      INSERT INTO search_positions (n) SELECT n FROM p;

      -- Filters read these instead of items' rows, which abstracts make large: a query of
      -- filters scans 100k items in 3 ms instead of 90 (sqlite-search.ts).
      CREATE INDEX items_search_filters ON items(id, status, kind, year, importance);
      CREATE INDEX sources_topic ON sources(topic COLLATE NOCASE);

      -- What the index holds for an item: its fields as text, CJK runs as character pairs.
      ${searchRowsViewSql(asIs)}

      CREATE VIRTUAL TABLE item_search USING fts5(${all}, content = '', contentless_delete = 1, ${tokenizer});
      INSERT INTO item_search(item_search, rank) VALUES ('rank', 'bm25(10.0, 6.0, 4.0, 3.0, 2.0, 2.0, 1.5, 1.0)');
      CREATE VIRTUAL TABLE item_search_names USING fts5(${names}, content = '', contentless_delete = 1, ${tokenizer});
      INSERT INTO item_search_names(item_search_names, rank) VALUES ('rank', 'bm25(4.0, 3.0, 1.0)');

      INSERT INTO item_search(rowid, ${all}) SELECT id, ${all} FROM item_search_rows WHERE title != '';
      INSERT INTO item_search_names(rowid, ${names}) SELECT id, ${names} FROM item_search_rows WHERE title != '';

      CREATE TRIGGER items_search_insert AFTER INSERT ON items WHEN new.title != '' AND ${live} BEGIN
        ${indexAll('new.id')}
        ${indexNames('new.id')}
      END;
      CREATE TRIGGER items_search_update AFTER UPDATE OF title, aliases, authors, topics, why, note, abstract ON items
      WHEN (${changed(['title', 'aliases', 'authors', 'topics', 'why', 'note', 'abstract'])}) AND ${live} BEGIN
        DELETE FROM item_search WHERE rowid = new.id AND old.title != '';
        ${indexAll('new.id')}
      END;
      CREATE TRIGGER items_search_names_update AFTER UPDATE OF title, aliases, authors ON items
      WHEN (${changed(['title', 'aliases', 'authors'])}) AND ${live} BEGIN
        DELETE FROM item_search_names WHERE rowid = new.id AND old.title != '';
        ${indexNames('new.id')}
      END;
      CREATE TRIGGER items_search_delete AFTER DELETE ON items WHEN old.title != '' AND ${live} BEGIN
        DELETE FROM item_search WHERE rowid = old.id;
        DELETE FROM item_search_names WHERE rowid = old.id;
      END;
      -- A list's notes are indexed with the item (most sources have none: nothing to do).
      CREATE TRIGGER sources_search_insert AFTER INSERT ON sources
      WHEN new.notes != '[]' AND ${live} AND ${folded('new.item_id')} BEGIN
        DELETE FROM item_search WHERE rowid = new.item_id;
        ${indexAll('new.item_id')}
      END;
      CREATE TRIGGER sources_search_delete AFTER DELETE ON sources
      WHEN old.notes != '[]' AND ${live} AND ${folded('old.item_id')} BEGIN
        DELETE FROM item_search WHERE rowid = old.item_id;
        ${indexAll('old.item_id')}
      END;
      CREATE TRIGGER sources_search_update AFTER UPDATE OF notes, item_id ON sources
      WHEN (old.notes != '[]' OR new.notes != '[]') AND (${changed(['notes', 'item_id'])}) AND ${live} BEGIN
        DELETE FROM item_search WHERE rowid = old.item_id AND ${folded('old.item_id')};
        INSERT INTO item_search(rowid, ${all}) SELECT id, ${all} FROM item_search_rows
          WHERE id = old.item_id AND ${folded('old.item_id')};
        DELETE FROM item_search WHERE rowid = new.item_id AND new.item_id != old.item_id AND ${folded('new.item_id')};
        INSERT INTO item_search(rowid, ${all}) SELECT id, ${all} FROM item_search_rows
          WHERE id = new.item_id AND new.item_id != old.item_id AND ${folded('new.item_id')};
      END;
    `;
}

/** A text as the search index holds it: each CJK run as its overlapping character pairs (above). */
function cjkPairs(x: string): string {
  const cjk = '[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}]';
  return `CASE WHEN ${x} GLOB '*${cjk}*' THEN (
      SELECT group_concat(CASE WHEN substr(s.value, p.n, 1) GLOB '${cjk}'
          THEN ' ' || substr(s.value, p.n, 1 + (substr(s.value, p.n + 1, 1) GLOB '${cjk}')) || ' '
          ELSE substr(s.value, p.n, 1) END, '' ORDER BY p.n)
      FROM json_each(json_array(${x})) AS s CROSS JOIN search_positions AS p ON p.n <= length(s.value)
    ) || substr(${x}, 65537) ELSE ${x} END`;
}

/**
 * How the view wraps a field in cjkPairs: `x` is the field's text, `raw` the column it comes
 * from (the same, or the JSON array x joins), `none` a test that it has no text at all.
 */
type PairsOf = (x: string, raw?: string, none?: string) => string;

/** Version 3: every field through cjkPairs. */
function asIs(x: string): string {
  return cjkPairs(x);
}

/**
 * Version 10: the same text for less work. A raw column of ASCII characters without a
 * backslash (a JSON escape) holds no CJK character, and cjkPairs would give it back as it
 * is; a field with nothing to join is NULL. Testing for CJK with GLOB, and joining arrays and
 * the lists' notes twice (once for the test, once for the value), was half the cost of
 * indexing 100k items (test/search-view.test.ts holds the rows equal to version 3's).
 */
function asciiShortcuts(x: string, raw?: string, none?: string): string {
  const empty = none ? `WHEN ${none} THEN NULL ` : '';
  const ascii = raw
    ? `WHEN length(${raw}) = octet_length(${raw}) AND instr(${raw}, '\\') = 0 THEN ${x} `
    : '';
  return `CASE ${empty}${ascii}ELSE ${cjkPairs(x)} END`;
}

/**
 * Version 12: an empty JSON array (most items' aliases and authors) is NULL at once, and the
 * lists' notes, when each source's are an array of ASCII text as JSON.stringify writes it
 * (`["a","b"]`), are joined with string functions and skip the test for CJK: without a
 * backslash every `"` in such an array is structural, so when none is left once the `","`
 * between elements are taken out, those are exactly the elements' boundaries. Anything else
 * (other spacing, numbers, escapes, CJK) goes the way of version 10. At 100k items the view's
 * rows took 0.33 s instead of 0.39, on dair-ai's list 25 ms instead of 31 (json_each and the
 * GLOB for CJK over the notes); test/search-view.test.ts holds them equal to version 3's.
 */
function plainArray(json: string): string {
  return `length(${json}) >= 4 AND substr(${json}, 1, 2) = '["' AND substr(${json}, -2) = '"]'
    AND length(${json}) = octet_length(${json}) AND instr(${json}, '\\') = 0
    AND instr(replace(substr(${json}, 3, length(${json}) - 4), '","', ''), '"') = 0`;
}

function plainJoined(json: string, separator: string): string {
  return `replace(substr(${json}, 3, length(${json}) - 4), '","', '${separator}')`;
}

/**
 * Version 13: a raw column with no character from U+3040 to U+2FFFF (a range around every CJK
 * block of cjkPairs) holds no CJK character, whatever else it holds: accents, dashes, quotes,
 * backslashes. A JSON column must also hold no `\u` escape, which could decode to one. Before,
 * any such character, or a backslash, sent the field through the GLOB for CJK and, for the
 * lists' notes, through json_each twice: on dair-ai's list (283 of 1,283 notes not ASCII, 179
 * with a JSON escape) the view's notes took 22 ms, 14 now (the whole view 24 → 17 ms).
 */
function cjkFree(raw: string, json: boolean): string {
  const test = `(length(${raw}) = octet_length(${raw}) OR ${raw} NOT GLOB '*[\u3040-\u{2ffff}]*')`;
  return json ? `(${test} AND instr(${raw}, '\\u') = 0)` : test;
}

function rangeShortcuts(x: string, raw?: string, none?: string): string {
  const empty = none ? `WHEN ${none} THEN NULL ` : '';
  const free = raw ? `WHEN ${cjkFree(raw, raw !== x)} THEN ${x} ` : '';
  return `CASE ${empty}${free}ELSE ${cjkPairs(x)} END`;
}

/** What the index holds for an item: its fields as text, CJK runs as character pairs. */
function searchRowsViewSql(
  pairsOf: PairsOf,
  { plainArrays = false, cjkFreeNotes = false }: { plainArrays?: boolean; cjkFreeNotes?: boolean } = {},
): string {
  const viaJsonEach = (json: string, separator: string): string =>
    `(SELECT group_concat(value, '${separator}') FROM json_each(${json}))`;
  const joined = (json: string, separator: string): string =>
    plainArrays
      ? `(CASE WHEN ${json} = '[]' THEN NULL ELSE ${viaJsonEach(json, separator)} END)`
      : viaJsonEach(json, separator);
  const notes = `(SELECT group_concat(j.value, ' | ') FROM sources AS s JOIN json_each(s.notes) AS j WHERE s.item_id = items.id)`;
  const noNotes = `NOT EXISTS (SELECT 1 FROM sources WHERE item_id = items.id AND notes != '[]')`;
  // Every source's notes a plain array (or none): the same text, source by source, and ASCII,
  // so without the test for CJK (asciiShortcuts' ELSE).
  const allPlainNotes = `NOT EXISTS (SELECT 1 FROM sources AS s WHERE s.item_id = items.id AND s.notes != '[]'
      AND NOT (${plainArray('s.notes')}))`;
  const plainNotes = `(SELECT group_concat(${plainJoined('s.notes', ' | ')}, ' | ') FROM sources AS s
      WHERE s.item_id = items.id AND s.notes != '[]')`;
  // Version 13: every source's notes free of CJK (cjkFree), then joined as they are.
  const allCjkFree = `NOT EXISTS (SELECT 1 FROM sources AS s WHERE s.item_id = items.id AND s.notes != '[]'
      AND NOT ${cjkFree('s.notes', true)})`;
  const cjkFreeField = cjkFreeNotes ? `WHEN ${allCjkFree} THEN ${notes} ` : '';
  const notesField = plainArrays
    ? `CASE WHEN ${noNotes} THEN NULL WHEN ${allPlainNotes} THEN ${plainNotes} ${cjkFreeField}ELSE ${cjkPairs(notes)} END`
    : pairsOf(notes, undefined, noNotes);
  return `CREATE VIEW item_search_rows AS SELECT id,
        ${pairsOf('title', 'title')} AS title,
        ${pairsOf(joined('aliases', ' | '), 'aliases')} AS aliases,
        ${pairsOf(joined('authors', ', '), 'authors')} AS authors,
        ${pairsOf(joined('topics', ' | '), 'topics')} AS topics,
        ${pairsOf('why', 'why')} AS why,
        ${pairsOf('note', 'note')} AS note,
        ${notesField} AS notes,
        ${pairsOf('abstract', 'abstract')} AS abstract
      FROM items;`;
}

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
