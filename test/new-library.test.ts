// A library that does not exist yet is built aside and linked into place when its first
// import is done (open-database.ts, buildNewLibrary; import-command.ts, importListsAt).
// It must be a library like any other, appear whole or not at all, and give way to a
// library another process made meanwhile.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { importListsAt } from '../src/cli/import-command.js';
import { importLists } from '../src/core/import-lists.js';
import { readListFile } from '../src/formats/read-list-file.js';
import { buildNewLibrary, openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { listItems, seed, tempDir } from './cli-helpers.js';

const clock = { now: () => new Date('2026-11-24T10:00:00Z') };

function pragmas(file: string): { journal: string; integrity: string } {
  const db = new Database(file, { readonly: true });
  try {
    return {
      journal: db.pragma('journal_mode', { simple: true }) as string,
      integrity: db.pragma('integrity_check', { simple: true }) as string,
    };
  } finally {
    db.close();
  }
}

describe('a new library, built aside', () => {
  test('is a whole WAL library with the import in it, and nothing else is left in its folder', (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'nested', 'library.sqlite');
    const report = importListsAt(file, [readListFile(seed('000')), readListFile(seed('004'))], clock);
    assert.ok(report.added > 100);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['library.sqlite']);
    assert.deepEqual(pragmas(file), { journal: 'wal', integrity: 'ok' });
    assert.equal(listItems(file).length, report.items);
  });

  test('an import that fails leaves no library and no copy', (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'library.sqlite');
    assert.throws(
      () =>
        buildNewLibrary(file, (db) => {
          importLists(new SqliteLibraryStore(db), [readListFile(seed('002'))], clock);
          throw new Error('disk full');
        }),
      /disk full/u,
    );
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  test('a library another process made meanwhile wins; the import then goes into it', (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'library.sqlite');
    const other = readListFile(seed('002'));
    const mine = readListFile(seed('000'));
    const built = buildNewLibrary(file, (db) => {
      importLists(new SqliteLibraryStore(db), [mine], clock);
      // Another lectio creates the library and imports into it before this build is linked.
      const store = new SqliteLibraryStore(openDatabase(file));
      importLists(store, [other], clock);
      store.close();
      return 'built';
    });
    assert.equal(built, null);
    assert.deepEqual(
      new Set(listItems(file).flatMap((i) => i.sources.map((s) => s.file))),
      new Set([other.path]),
    );
    importListsAt(file, [mine], clock);
    const files = new Set(listItems(file).flatMap((i) => i.sources.map((s) => s.file)));
    assert.deepEqual(files, new Set([other.path, mine.path]));
    assert.ok(!fs.readdirSync(dir).some((f) => /\.new/u.test(f)), 'no copy left');
  });

  test('an existing library is never built over', (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'library.sqlite');
    openDatabase(file).close();
    assert.equal(
      buildNewLibrary(file, () => assert.fail('no build over an existing file')),
      null,
    );
  });

  test('copies left by a killed process are removed; those of a running one are not', (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'library.sqlite');
    // A pid above the kernel's limit (4194304) names no process.
    const dead = `${file}.99999999.new-build`;
    const running = `${file}.${process.ppid}.new`;
    fs.writeFileSync(dead, 'half a library');
    fs.writeFileSync(running, 'another build, still going');
    importListsAt(file, [readListFile(seed('002'))], clock);
    assert.ok(!fs.existsSync(dead));
    assert.ok(fs.existsSync(running));
  });
});
