// Sources of `lectio add` are named by their line in the added list (add-item.ts addedAnchor),
// so that `lectio unmerge` of a list's source from an item holding one holds through the next
// import, as it does between two lists' sources; migration 15 names the older ones.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { APPLICATION_ID } from '../src/store/sqlite/open-database.js';
import { MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { lectioAt, listItems, makeTempDir, removeDir, stdoutOf } from './cli-helpers.js';

const PAGED = 'https://arxiv.org/abs/2309.06180';
const LIST_ENTRY = `- [Efficient Memory Management for Large Language Model Serving with PagedAttention](${PAGED})`;

function anchors(db: string): Array<[string, number]> {
  const reader = new Database(db, { readonly: true });
  try {
    return reader
      .prepare("SELECT key, source_id FROM item_keys WHERE key LIKE 'src:lectio:added#%' ORDER BY source_id")
      .raw()
      .all() as Array<[string, number]>;
  } finally {
    reader.close();
  }
}

describe('lectio add sources and unmerge', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('lectio-added-anchors-');
  });
  after(() => removeDir(dir));

  it('an unmerged list source stays apart from an added one through the next import', () => {
    const db = path.join(dir, 'library.sqlite');
    const ok = (args: readonly string[]): string => stdoutOf(lectioAt(db, args), args);
    const list = path.join(dir, 'serving.md');
    ok(['add', PAGED, '--title', 'PagedAttention paper']);
    // The same paper by its PDF: a second source of the same item, on the next line.
    ok(['add', 'https://arxiv.org/pdf/2309.06180']);
    ok(['add', 'https://example.org/other-note', '--title', 'Another note']);
    assert.deepEqual(
      anchors(db).map(([key]) => key),
      ['src:lectio:added#line1', 'src:lectio:added#line2', 'src:lectio:added#line3'],
      'one line each, never one again (lines once counted items, and the third add repeated line 2)',
    );
    fs.writeFileSync(list, `## Serving\n\n${LIST_ENTRY}\n`);
    ok(['import', list]);
    const merged = listItems(db).find((i) => i.links.some((l) => l.url === PAGED));
    assert.equal(merged?.sources.length, 3, 'the list entry joins the added item by its arXiv id');
    ok(['unmerge', String(merged?.id), 'serving.md:3']);
    fs.writeFileSync(list, `## Serving\n\n${LIST_ENTRY}\n- [Something else](https://example.org/else)\n`);
    ok(['import', list]);
    const withPaged = listItems(db).filter((i) => i.links.some((l) => l.url === PAGED));
    assert.equal(withPaged.length, 2, 'still two items: the unmerge holds');
    assert.deepEqual(withPaged.map((i) => i.sources.length).sort(), [1, 2]);
  });

  it('a library from before gets an anchor for each added source (migration 15)', () => {
    const db = path.join(dir, 'old.sqlite');
    const old = new Database(db);
    for (const m of MIGRATIONS.filter((x) => x.version <= 14)) old.exec(m.sql);
    old.pragma(`application_id = ${APPLICATION_ID}`);
    old.pragma('user_version = 14');
    old.exec(`
      INSERT INTO lists (id, path, title, sha256, imported_at) VALUES (1, 'lectio:added', 'added', '', '');
      INSERT INTO lists (id, path, title, sha256, imported_at) VALUES (2, '/lists/a.md', 'a', 'x', '');
      INSERT INTO items (id, title, created_at, updated_at) VALUES
        (1, 'One', '', ''), (2, 'Two', '', ''), (3, 'Three', '', '');
      INSERT INTO sources (id, item_id, list_id, line, title, match) VALUES
        (1, 1, 1, 1, 'One', 'new'), (2, 2, 1, 2, 'Two', 'new'), (3, 2, 2, 5, 'Two', 'title'),
        (4, 3, 1, 2, 'Three', 'new');
    `);
    old.close();
    stdoutOf(lectioAt(db, ['stats']), ['stats']);
    // Older adds could repeat a line (two here): the second is named apart.
    assert.deepEqual(anchors(db), [
      ['src:lectio:added#line1', 1],
      ['src:lectio:added#line2', 2],
      ['src:lectio:added#line2~2', 4],
    ]);
  });
});
