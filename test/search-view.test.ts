// Schemas 10, 12 and 13 made the search view (item_search_rows) cheaper: text with no CJK
// character skips the splitting into pairs, a field with nothing to join is NULL at once,
// plain JSON arrays of text are joined with string functions, and the test for CJK reads a
// range of characters in the raw column. What the index holds must not
// change: the view must give every row exactly as version 3's definition does, on the real
// lists and on text built to reach each of its branches.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { importLists } from '../src/core/import-lists.js';
import { readListFile } from '../src/formats/read-list-file.js';
import { MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { makeTempDir, removeDir, seed, testList } from './cli-helpers.js';

/** The view as migration 3 created it, from the migrations themselves. */
function version3View(): string {
  const db = new Database(':memory:');
  try {
    for (const m of MIGRATIONS.filter((x) => x.version <= 3)) db.exec(m.sql);
    return db
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'item_search_rows'")
      .pluck()
      .get() as string;
  } finally {
    db.close();
  }
}

const LISTS = [
  'ml-papers-of-the-week_dair-ai.md',
  'paper-reading_mli_zh.md',
  'awesome-llm-inference_DefTruth.md',
  'readinglist_checkboxes_chenhongyu2048.md',
];

describe('the search view of schemas 10, 12 and 13', () => {
  let dir = '';
  let db: Database.Database;
  before(() => {
    dir = makeTempDir('lectio-search-view-');
    const file = path.join(dir, 'library.sqlite');
    const store = new SqliteLibraryStore(openDatabase(file));
    const files = [...LISTS.map(testList), ...['000', '002', '003', '004'].map(seed)];
    importLists(
      store,
      files.map((f) => readListFile(f)),
      { now: () => new Date('2026-11-24T10:00:00Z') },
    );
    store.close();
    db = new Database(file);
    // Text for every branch: CJK in each field, JSON escapes of CJK in the arrays (ASCII as
    // stored, CJK once decoded), backslashes, empty and NULL fields, notes on several sources.
    const id = (title: string): number =>
      Number(
        db.prepare("INSERT INTO items (title, created_at, updated_at) VALUES (?, '', '')").run(title)
          .lastInsertRowid,
      );
    const update = db.prepare(
      'UPDATE items SET aliases = ?, authors = ?, topics = ?, why = ?, note = ?, abstract = ? WHERE id = ?',
    );
    update.run(
      '["\\u63a8\\u7406 v2"]',
      '["Zhang \\\\ Wei"]',
      '["LLM / 量化"]',
      'a \\ b',
      '注：推理',
      '8-bit推理',
      id('无精度损失的8-bit推理'),
    );
    update.run('[]', '["李 明", "Ann"]', '[]', null, '', null, id('plain \\ title'));
    update.run('["\\"quoted\\""]', '[]', '["a / b"]', '', 'note', 'abstract', id('Plain title'));
    const source = db.prepare(
      "INSERT INTO sources (item_id, list_id, line, title, notes, match) VALUES (?, 1, 1, 't', ?, 'new')",
    );
    /** An item with a source for each of these notes arrays (JSON text as stored). */
    const notesOn = (title: string, ...notes: string[]): void => {
      const item = id(title);
      for (const n of notes) source.run(item, n);
    };
    notesOn('Notes on two sources', '["第一 note", "second"]', '[]', '["third \\u4e00"]');
    notesOn('Only empty notes', '[]');
    // JSON arrays at the edges of the plain form (schema 12): empty strings, other spacing,
    // numbers, a lone "] in text; notes plain on one source and CJK on another.
    update.run('[""]', '["",""]', '["a", "b"]', null, '', null, id('Edges one'));
    update.run('["a",1]', '[1,2]', '["x","y","z"]', null, '', null, id('Edges two'));
    update.run('["[\\"]"]', '["a]","[b"]', '["a","","c"]', null, '', null, id('Edges three'));
    notesOn('Notes plain and not', '["plain","text"]', '[""]', '["量化 here"]');
    notesOn('Notes all plain', '["one"]', '[]', '["two","three"]', '["", "spaced"]');
    // Schema 13: text beyond ASCII with no CJK character (accents, dashes, emoji, LaTeX
    // backslashes), next to text with CJK once decoded from a JSON escape, or CJK past U+FFFF.
    update.run(
      '["Schrödinger — \\"cat\\""]',
      '["Zoë Ann", "\\u6587"]',
      '["café", "🚀 \\u4e2d"]',
      'é\\alpha',
      '— 😀 ⭐',
      '$\\alpha$ — résumé',
      id('Naïve “quotes” — and 😀'),
    );
    update.run('["𠀀𠀁 x"]', '[]', '["ｆｕｌｌ"]', '★', '𠀀', 'x 丽 y', id('Ext-B 𠀀𠀁𠀂 — ø'));
    notesOn(
      'Notes with accents, not CJK',
      '["résumé \\"quoted\\"", "x\\ny"]',
      '["plain"]',
      '["— dash", "tab\\there"]',
    );
    notesOn('Notes CJK once decoded', '["é \\u4e2d"]', '["plain"]');
    notesOn('Notes CJK past U+FFFF', '["é"]', '["𠀀𠀁 z"]');
    db.exec(version3View().replace('CREATE VIEW item_search_rows', 'CREATE TEMP VIEW version3_rows'));
  });
  after(() => {
    db.close();
    removeDir(dir);
  });

  it('gives every item the text version 3 gave', () => {
    const rows = (view: string): unknown[] => db.prepare(`SELECT * FROM ${view} ORDER BY id`).raw().all();
    const now = rows('item_search_rows');
    const before3 = rows('temp.version3_rows');
    assert.ok(now.length > 1500);
    assert.ok(JSON.stringify(now).includes(' 推理 '), 'CJK text is still split into pairs');
    assert.deepEqual(now, before3);
  });
});
