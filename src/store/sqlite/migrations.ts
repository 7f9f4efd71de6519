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
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
