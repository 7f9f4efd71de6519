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
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
