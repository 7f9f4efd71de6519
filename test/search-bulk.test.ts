// A big import pauses the row-by-row search indexing and rebuilds once at the end
// (import-lists.ts): the index must then hold every item, and later edits must be indexed
// again by the triggers.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateList } from '../bench/generate-list.js';
import { addItem } from '../src/core/add-item.js';
import { importLists } from '../src/core/import-lists.js';
import type { LibraryStore } from '../src/core/library-store.js';
import { parseSearchQuery } from '../src/core/search-query.js';
import { readListFile } from '../src/formats/read-list-file.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { makeTempDir, removeDir } from './cli-helpers.js';

let dir = '';
let store: LibraryStore;

describe('search after a bulk import', () => {
  before(() => {
    dir = makeTempDir('lectio-bulk-');
    const list = path.join(dir, 'big.md');
    fs.writeFileSync(list, generateList(6000, 7));
    store = new SqliteLibraryStore(openDatabase(path.join(dir, 'library.sqlite')));
    importLists(store, [readListFile(list)], { now: () => new Date('2026-11-25T10:00:00Z') });
  });
  after(() => {
    store.close();
    removeDir(dir);
  });

  it('finds items from anywhere in the list by their title', () => {
    const items = store.listItems({});
    assert.ok(items.length > 5000);
    for (const item of [items[0], items[Math.floor(items.length / 2)], items[items.length - 1]]) {
      const words = (item?.title ?? '')
        .split(/\s+/u)
        .filter((w) => /^[A-Za-z]{5,}$/u.test(w))
        .slice(0, 3);
      if (words.length === 0) continue;
      const hits = store.searchIndex().search(parseSearchQuery(`${words.join(' ')} `), 50);
      assert.ok(
        hits.some((h) => h.id === item?.id),
        `"${words.join(' ')}" finds #${item?.id}`,
      );
    }
  });

  it('indexes single edits again after the rebuild', () => {
    addItem(
      store,
      { ref: 'https://example.org/zyxwvut-paper', title: 'Zyxwvut quasiperiodic attention' },
      new Date(),
    );
    const hits = store.searchIndex().search(parseSearchQuery('zyxwvut '), 5);
    assert.equal(hits.length, 1);
  });
});
