// A pass over the whole library (`lectio duplicates`) reads titles and title keys once,
// through titlesOfItems with many ids and titleKeyIndex. Each must answer exactly what the
// per-item queries that the import uses answer, on a real library: the seeds, the real
// lists and a 7,166-entry Zotero export (whose entries have authors, so title blocking
// tokens are kept for them).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importLists } from '../src/core/import-lists.js';
import type { LibraryStore } from '../src/core/library-store.js';
import { COMMON_TOKEN, TOKEN_PREFIX } from '../src/core/place-entry.js';
import { readListFile } from '../src/formats/read-list-file.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { SHARED_DIR } from './cli-helpers.js';

const filesIn = (dir: string): string[] =>
  fs
    .readdirSync(dir)
    .sort()
    .map((f) => path.join(dir, f));

describe('reads of the whole library agree with the reads per item', () => {
  let dir = '';
  let store: LibraryStore;
  let ids: number[] = [];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-whole-'));
    store = new SqliteLibraryStore(openDatabase(path.join(dir, 'l.sqlite')));
    const files = [
      ...filesIn(path.join(SHARED_DIR, 'seeds')),
      ...filesIn(path.join(SHARED_DIR, 'testdata', 'lists')),
      path.join(SHARED_DIR, 'testdata', 'bib', 'zotero-better-bibtex', 'import_unabbreviate_1436-3.bib'),
    ];
    importLists(
      store,
      files.map((f) => readListFile(f)),
      { now: () => new Date('2026-11-24T10:00:00Z') },
    );
    ids = store.itemTitles().map((i) => i.id);
  });
  after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('titlesOfItems for every item at once: the titles of each, in the same order', () => {
    assert.ok(ids.length > 10_000, String(ids.length)); // above the size read in one scan
    const all = store.titlesOfItems(ids);
    assert.equal(all.size, ids.length);
    let severalTitles = 0;
    for (const id of ids) {
      const one = store.titlesOfItems([id]).get(id);
      assert.deepEqual(all.get(id), one, `#${id}`);
      if ((one?.length ?? 0) > 1) severalTitles++;
    }
    assert.ok(severalTitles > 100, String(severalTitles)); // merged items, several titles each
  });

  it('titleKeyIndex: each title key with the items findItemsByTitleKeys finds', () => {
    const { titles } = store.titleKeyIndex(TOKEN_PREFIX, COMMON_TOKEN);
    assert.ok(titles.size > 10_000, String(titles.size));
    let shared = 0;
    for (const [key, items] of titles) {
      assert.deepEqual(items, store.findItemsByTitleKeys([key]), key);
      if (items.length > 1) shared++;
    }
    assert.ok(shared > 0);
  });

  it('titleKeyIndex: each blocking token with the items findItemsByTitleTokens finds, the common ones left out', () => {
    const { tokens } = store.titleKeyIndex(TOKEN_PREFIX, COMMON_TOKEN);
    assert.ok(tokens.size > 1_000, String(tokens.size));
    const asked = [...tokens.keys()];
    for (let i = 0; i < asked.length; i += 16) {
      const batch = asked.slice(i, i + 16);
      const found = store.findItemsByTitleTokens(batch, COMMON_TOKEN);
      for (const token of batch) assert.deepEqual(tokens.get(token), found.get(token), token);
    }
    // A token hundreds of titles hold finds nothing either way: "…molecular beam epitaxy"
    // ends 243 titles of the Zotero export.
    const common = 't:$larbeamepitaxy';
    assert.ok((store.titleKeyIndex(TOKEN_PREFIX, 1000).tokens.get(common)?.length ?? 0) > 200);
    assert.equal(store.findItemsByTitleTokens([common], COMMON_TOKEN).size, 0);
    assert.equal(tokens.has(common), false);
  });
});

describe('titleKeyIndex on a title that many items share', () => {
  it('keeps the items findItemsByTitleKeys finds: the oldest 16', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-whole-'));
    const store = new SqliteLibraryStore(openDatabase(path.join(dir, 'l.sqlite')));
    try {
      // Twenty papers of one title, each with its own arXiv id: twenty items.
      const rows = Array.from(
        { length: 20 },
        (_, i) => `- [A Survey of Large Language Models](https://arxiv.org/abs/2303.${String(18200 + i)})`,
      );
      const file = path.join(dir, 'surveys.md');
      fs.writeFileSync(file, `${rows.join('\n')}\n`);
      importLists(store, [readListFile(file)], { now: () => new Date('2026-11-24T10:00:00Z') });
      const key = 'asurveyoflargelanguagemodels';
      const perKey = store.findItemsByTitleKeys([key]);
      assert.equal(perKey.length, 16);
      assert.deepEqual(store.titleKeyIndex(TOKEN_PREFIX, COMMON_TOKEN).titles.get(key), perKey);
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
