// A large import puts work off to its end (LibraryStore.beginBulkImport): the listing
// indexes are dropped and built again, new items' rows are written at their fold. After it,
// or after one that fails half way, the library must be exactly what the schema says and
// every later write must land as usual.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { generateList } from '../bench/generate-list.js';
import { importLists } from '../src/core/import-lists.js';
import { refreshTopicRanks } from '../src/core/topic-service.js';
import type { Link } from '../src/core/item.js';
import { listInputOfBytes } from '../src/formats/read-list-file.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { makeTempDir, removeDir } from './cli-helpers.js';

const clock = { now: () => new Date('2026-11-24T10:00:00Z') };

function list(name: string, text: string) {
  return listInputOfBytes(`/lists/${name}`, Buffer.from(text), name);
}

function indexes(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare("SELECT name || ': ' || sql AS s FROM sqlite_master WHERE type = 'index' ORDER BY name")
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

describe('a bulk import', () => {
  let dir = '';
  let fresh = '';
  before(() => {
    dir = makeTempDir('lectio-bulk-import-');
    fresh = path.join(dir, 'fresh.sqlite');
    openDatabase(fresh).close();
  });
  after(() => removeDir(dir));

  it('leaves every index of the schema in place', () => {
    const file = path.join(dir, 'imported.sqlite');
    const store = new SqliteLibraryStore(openDatabase(file));
    const report = importLists(store, [list('big.md', generateList(1500, 3))], clock);
    store.close();
    assert.ok(report.added > 1000);
    assert.deepEqual(indexes(file), indexes(fresh));
  });

  it('that fails half way leaves the library as it was, and the next import writes as usual', () => {
    const file = path.join(dir, 'failed.sqlite');
    const store = new SqliteLibraryStore(openDatabase(file));
    try {
      const big = list('big.md', generateList(1500, 5));
      // An entry no list parser makes (links missing) fails the import after 1,000 placed entries.
      const broken = { ...big.parsed.items[0], links: undefined as unknown as Link[] };
      big.parsed.items.splice(1000, 0, broken as (typeof big.parsed.items)[number]);
      assert.throws(() => importLists(store, [big], clock));
      assert.equal(store.countItems(), 0);

      const small = list(
        'small.md',
        '# Reading\n\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n',
      );
      const report = importLists(store, [small], clock);
      assert.equal(report.added, 1);
      const items = store.listItems({});
      assert.deepEqual(
        items.map((i) => [i.id, i.title, i.ids.arxiv]),
        [[1, 'Attention Is All You Need', '1706.03762']],
      );
    } finally {
      store.close();
    }
    assert.deepEqual(indexes(file), indexes(fresh));
  });

  it("writes each item's topic_rank with its fold, as refreshTopicRanks would set it", () => {
    const file = path.join(dir, 'ranked.sqlite');
    const store = new SqliteLibraryStore(openDatabase(file));
    const ranks = (): Array<[number, number | null]> => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('SELECT id, topic_rank FROM items ORDER BY id').raw().all() as Array<
          [number, number | null]
        >;
      } finally {
        db.close();
      }
    };
    try {
      importLists(store, [list('big.md', generateList(1500, 3))], clock); // a bulk import
      importLists(
        store,
        [
          list(
            'small.md',
            '# Reading\n\n## Late topic\n\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n',
          ),
        ],
        clock,
      );
      const folded = ranks();
      assert.ok(folded.filter(([, rank]) => rank !== null).length > 1000);
      refreshTopicRanks(store);
      assert.deepEqual(ranks(), folded);
    } finally {
      store.close();
    }
  });

  it('gives the library that writing row by row gives: every table, after merges and a changed list', () => {
    const tables = (file: string): Record<string, unknown[]> => {
      const db = new Database(file, { readonly: true });
      try {
        const names = db
          .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'item_search%' ORDER BY name",
          )
          .pluck()
          .all() as string[];
        return Object.fromEntries(
          names.map((name) => [
            name,
            db
              .prepare(`SELECT * FROM "${name}"`)
              .raw()
              .all()
              .map((r) => JSON.stringify(r))
              .sort(),
          ]),
        );
      } finally {
        db.close();
      }
    };
    const build = (name: string, bulk: boolean): string => {
      const file = path.join(dir, name);
      const store = new SqliteLibraryStore(openDatabase(file));
      try {
        // About 5% of the generated entries repeat an earlier paper: merges, some into items
        // whose rows still wait to be written.
        importLists(store, [list('big.md', generateList(3000, 11))], { ...clock, bulk });
        const changed = generateList(3000, 11)
          .split('\n')
          .filter((_, i) => i % 7 !== 3)
          .join('\n');
        importLists(store, [list('big.md', changed), list('more.md', generateList(800, 12))], {
          ...clock,
          bulk,
        });
      } finally {
        store.close();
      }
      return file;
    };
    const bulk = tables(build('bulk.sqlite', true));
    const rowByRow = tables(build('row-by-row.sqlite', false));
    assert.ok((bulk.items?.length ?? 0) > 2500, `${bulk.items?.length} items`);
    assert.deepEqual(bulk, rowByRow);
  });
});
