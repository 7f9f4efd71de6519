import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addItem } from '../../core/add-item.js';
import type { LibraryStore } from '../../core/library-store.js';
import type { SearchHit } from '../../core/search-index.js';
import { parseSearchQuery } from '../../core/search-query.js';
import { openDatabase } from './open-database.js';
import { SqliteLibraryStore } from './sqlite-library-store.js';
import {
  COMMON_WORD_MIN_ITEMS,
  excludesEverything,
  ftsExpression,
  SqliteSearchIndex,
  withCompound,
} from './sqlite-search.js';

describe('ftsExpression: what FTS5 is given for what the user typed', () => {
  const cases: Array<[string, string | null, string | null]> = [
    // [query, first tier (titles, implicit prefix), other fields]
    ['flash attention', '"flash" AND "attention"*', '"flash" AND "attention"'],
    ['flash attention ', '"flash" AND "attention"', '"flash" AND "attention"'],
    ['quant* kv', '"quant"* AND "kv"', '"quant"* AND "kv"'],
    ['quant* kva', '"quant"* AND "kva"*', '"quant"* AND "kva"'],
    ['re*', '"re"*', '"re"*'],
    ['"attention is all"', '"attention is all"', '"attention is all"'],
    // Every operator and quote is inside a string: FTS5 sees text.
    [
      'NEAR(a b) OR "c""d"',
      '"NEAR(a" AND "b)" AND "OR" AND "c" AND "d"',
      '"NEAR(a" AND "b)" AND "OR" AND "c" AND "d"',
    ],
    [
      'memory"*" -x ^y {title}:z',
      '"memory*" AND "-x" AND "^y" AND "{title}:z"*',
      '"memory*" AND "-x" AND "^y" AND "{title}:z"',
    ],
    // CJK runs as the phrase of their character pairs; a lone character as a prefix.
    ['量化', '"量化"', '"量化"'],
    ['推理系统', '"推理 理系 系统"', '"推理 理系 系统"'],
    ['8-bit推理', '"8-bit 推理"', '"8-bit 推理"'],
    ['蒸', '"蒸"*', '"蒸"*'],
    ['a的b ', '"a" AND "的"* AND "b"', '"a" AND "的"* AND "b"'],
  ];
  for (const [query, names, all] of cases) {
    it(JSON.stringify(query), () => {
      const terms = parseSearchQuery(query).terms;
      assert.equal(ftsExpression(terms, true), names);
      assert.equal(ftsExpression(terms, false), all);
    });
  }
});

describe('withCompound: two or three words papers write as one are an alternative in the names tier', () => {
  const cases: Array<[string, string]> = [
    ['flash attention', '("flash" AND "attention"*) OR "flashattention"*'],
    ['flash attention ', '("flash" AND "attention") OR "flashattention"'],
    ['llama 2', '("llama" AND "2") OR "llama2"'],
    ['attention', '"attention"*'],
    ['is all you need', '"is" AND "all" AND "you" AND "need"*'],
    ['"flash attention"', '"flash attention"'],
    ['8-bit quant', '"8-bit" AND "quant"*'],
    ['推理 系统', '"推理" AND "系统"'],
  ];
  for (const [query, expected] of cases) {
    it(JSON.stringify(query), () => {
      const terms = parseSearchQuery(query).terms;
      assert.equal(withCompound(terms, ftsExpression(terms, true) ?? ''), expected);
    });
  }
});

describe('excludesEverything: filters no item passes together, answered without reading the items', () => {
  const cases: Array<[string, boolean]> = [
    ['status:read status:to-read', true],
    ['status:read,reading status:reading', false],
    ['kind:paper kind:blog', true],
    ['year:>=2023 year:2020..2022', true],
    ['year:2022 year:2020..2022', false],
    ['year:>2023 year:<2024', true],
    ['stars:>=4 stars:<=3', true],
    ['stars:4 year:2020 status:read kind:paper', false],
    ['topic:a topic:b has:code list:x', false],
  ];
  for (const [query, expected] of cases) {
    it(query, () => {
      assert.equal(excludesEverything(parseSearchQuery(query).filters), expected);
    });
  }
});

describe('a word in a tenth of the library: the hits beyond the names, newest first', () => {
  // 100 items. "kernels" is in two titles and in the why of 20 items (22%), "roofline" in the
  // why of 5 (under 10%). The earlier an item, the shorter its why, so bm25, which favours
  // short rows, ranks the oldest first: the opposite of the newest first. The index is asked
  // to count a word in 10 items as enough (COMMON_WORD_MIN_ITEMS is for large libraries).
  let dir = '';
  let store: LibraryStore;
  let index: SqliteSearchIndex;
  /** The word each item's why holds, by item id. */
  const whyWord = new Map<number, string>();
  const search = (query: string): SearchHit[] => index.search(parseSearchQuery(query), 50);
  const holding = (word: string): number[] =>
    [...whyWord.entries()].filter(([, w]) => w === word).map(([id]) => id);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-common-word-'));
    const db = openDatabase(path.join(dir, 'library.sqlite'));
    store = new SqliteLibraryStore(db);
    index = new SqliteSearchIndex(db, 10);
    const now = new Date('2026-11-25T10:00:00Z');
    for (let n = 0; n < 100; n++) {
      const title =
        n === 5 ? 'Kernels' : n === 50 ? 'Fused kernels for long context attention' : `Study ${n} of search`;
      const word = n >= 10 && n < 30 ? 'kernels' : n >= 60 && n < 65 ? 'roofline' : null;
      const why = word ? `${word} ${'filler '.repeat(n)}`.trim() : undefined;
      const { itemId } = addItem(store, { ref: title, title, why }, now);
      if (word) whyWord.set(itemId, word);
    }
  });
  after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists the names tier first by bm25, then the other hits newest first, unranked', () => {
    const hits = search('kernels');
    const [short, long] = hits;
    assert.deepEqual([short?.title, long?.title], ['Kernels', 'Fused kernels for long context attention']);
    assert.ok((short?.score ?? 0) > (long?.score ?? 0) && (long?.score ?? 0) > 1, 'names by bm25');
    const rest = hits.slice(2);
    assert.deepEqual(
      rest.map((h) => h.id),
      holding('kernels').sort((a, b) => b - a),
    );
    assert.ok(rest.every((h) => h.score === 0));
    // With a filter too: the order of a word's hits does not depend on the filters.
    assert.deepEqual(
      search('kernels has:why').map((h) => h.id),
      rest.map((h) => h.id),
    );
  });

  it('ranks every word by bm25 in a library where a common word would be in under 2,000 items', () => {
    assert.ok(COMMON_WORD_MIN_ITEMS > holding('kernels').length);
    const hits = store.searchIndex().search(parseSearchQuery('kernels'), 50);
    assert.equal(hits.length, 22);
    assert.ok(hits.every((h, i) => h.score > 0 && (i === 0 || h.score <= (hits[i - 1]?.score ?? 0))));
    assert.deepEqual(
      hits.slice(2).map((h) => h.id),
      holding('kernels').sort((a, b) => a - b),
      'the shortest why first, as bm25 orders them',
    );
  });

  it('still ranks a word under the threshold by bm25', () => {
    const hits = search('roofline');
    assert.deepEqual(
      hits.map((h) => h.id),
      holding('roofline').sort((a, b) => a - b),
    );
    const scores = hits.map((h) => h.score);
    assert.ok(
      scores.every((score, i) => score > 0 && score < 1 && (i === 0 || score < (scores[i - 1] ?? 0))),
    );
  });
});
