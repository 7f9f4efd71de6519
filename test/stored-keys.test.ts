// Identity keys as the library stores them: a link with a strong id (arXiv, DOI, GitHub,
// YouTube) under that id alone, its normalised `url:` key only looked up (identity.ts
// identityKeySets). Libraries written before hold both, and must go on matching.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { importLists } from '../src/core/import-lists.js';
import { listInputOfBytes } from '../src/formats/read-list-file.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { makeTempDir, removeDir } from './cli-helpers.js';

const clock = { now: () => new Date('2026-11-24T10:00:00Z') };

function importText(file: string, name: string, text: string) {
  const store = new SqliteLibraryStore(openDatabase(file));
  try {
    return importLists(store, [listInputOfBytes(`/lists/${name}`, Buffer.from(text), name)], clock);
  } finally {
    store.close();
  }
}

function keys(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare("SELECT key FROM item_keys WHERE key NOT LIKE 'src:%' ORDER BY key")
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

// Seed 004 gives the TPU paper as an ftp pdf, seed 000 as an abs link.
const SEED_004 =
  '- [In-Datacenter Performance Analysis of a Tensor Processing Unit](https://arxiv.org/ftp/arxiv/papers/1704/1704.04760.pdf)\n';
const SEED_000 =
  '* google, tpu, In-Datacenter Performance Analysis of a Tensor Processing Unit\n    * https://arxiv.org/abs/1704.04760\n';

describe('stored identity keys', () => {
  let dir = '';
  before(() => {
    dir = makeTempDir('lectio-stored-keys-');
  });
  after(() => removeDir(dir));

  it('a link with an arXiv id is stored under the id alone; a page without one under its URL', () => {
    const file = path.join(dir, 'a.sqlite');
    importText(
      file,
      'a.md',
      `${SEED_004}- [A Review of Sparse Expert Models](https://tenstorrent.com/research/a-review-of-sparse-expert-models-in-deep-learning/)\n`,
    );
    assert.deepEqual(keys(file), [
      'arxiv:1704.04760',
      'url:tenstorrent.com/research/a-review-of-sparse-expert-models-in-deep-learning',
    ]);
    assert.equal(importText(file, 'b.md', SEED_000).merged, 1);
  });

  it('a library that holds only the url: key of a link (as an older id rule wrote it) still matches it', () => {
    const file = path.join(dir, 'old.sqlite');
    importText(file, 'a.md', SEED_004);
    const db = new Database(file);
    db.prepare(
      "UPDATE item_keys SET key = 'url:arxiv.org/ftp/arxiv/papers/1704/1704.04760.pdf' WHERE key = 'arxiv:1704.04760'",
    ).run();
    db.close();
    // Another title: only the link can say this is the same paper.
    const report = importText(
      file,
      'b.md',
      SEED_004.replace('In-Datacenter Performance Analysis of a', 'Google'),
    );
    assert.equal(report.merged, 1);
    assert.equal(report.items, 1);
  });
});
