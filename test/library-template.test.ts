// A new library is a copy of dist/library-template.sqlite, which the build writes by running
// every migration (src/store/sqlite/open-database.ts). The copy must be exactly what the
// migrations make today, and must be what a new library really is.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import {
  createFromTemplate,
  LIBRARY_TEMPLATE,
  openDatabase,
  writeLibraryTemplate,
} from '../src/store/sqlite/open-database.js';
import { SCHEMA_VERSION } from '../src/store/sqlite/migrations.js';
import { tempDir } from './cli-helpers.js';

const TEMPLATE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', LIBRARY_TEMPLATE);

/** The schema, the pragmas a library is known by and every row of every ordinary table. */
function dump(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    const schema = db
      .prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as Array<{ type: string; name: string }>;
    const rows: Record<string, unknown[]> = {};
    for (const { name } of schema.filter((s) => s.type === 'table')) {
      rows[name] = db.prepare(`SELECT * FROM "${name}"`).raw().all();
    }
    return {
      schema,
      rows,
      version: db.pragma('user_version', { simple: true }),
      application: db.pragma('application_id', { simple: true }),
    };
  } finally {
    db.close();
  }
}

test('the template the build wrote is what the migrations make now', (t) => {
  const migrated = path.join(tempDir(t), 'migrated.sqlite');
  writeLibraryTemplate(migrated);
  assert.ok(fs.existsSync(TEMPLATE), `the build writes ${TEMPLATE}`);
  const template = dump(TEMPLATE) as { version: number };
  assert.equal(template.version, SCHEMA_VERSION);
  assert.deepEqual(template, dump(migrated));
});

test('a new library is a copy of the template, with nothing left beside it', (t) => {
  const dir = tempDir(t);
  const file = path.join(dir, 'deeper', 'library.sqlite');
  openDatabase(file).close();
  // Page 1's header records the journal mode (WAL now) and a change counter; from byte 100
  // on, every page is the template's.
  assert.deepEqual(fs.readFileSync(file).subarray(100), fs.readFileSync(TEMPLATE).subarray(100));
  assert.deepEqual(
    fs.readdirSync(path.dirname(file)).filter((f) => !/-(wal|shm)$/u.test(f)),
    ['library.sqlite'],
    'the copy under a temporary name is gone',
  );
  const db = openDatabase(file);
  try {
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.prepare(
      "INSERT INTO lists (path, title, sha256, imported_at) VALUES ('x.md', NULL, 'h', 'now')",
    ).run();
  } finally {
    db.close();
  }
});

test('the copy is whole or absent, and never replaces a library that is there', (t) => {
  const dir = tempDir(t);
  const template = path.join(dir, 'template.sqlite');
  writeLibraryTemplate(template);
  const marker = new Database(template);
  marker.exec("CREATE TABLE marker (x); INSERT INTO marker VALUES ('from the template')");
  marker.close();

  const fresh = path.join(dir, 'fresh.sqlite');
  assert.equal(createFromTemplate(fresh, template), true);
  assert.deepEqual(fs.readFileSync(fresh), fs.readFileSync(template));

  const mine = path.join(dir, 'mine.sqlite');
  fs.writeFileSync(mine, 'made by another process a moment ago');
  assert.equal(createFromTemplate(mine, template), true, 'the library exists: open it');
  assert.equal(fs.readFileSync(mine, 'utf8'), 'made by another process a moment ago');

  assert.equal(createFromTemplate(path.join(dir, 'none.sqlite'), path.join(dir, 'no-template')), false);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['fresh.sqlite', 'mine.sqlite', 'template.sqlite']);
});
