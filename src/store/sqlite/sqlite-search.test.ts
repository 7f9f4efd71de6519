import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSearchQuery } from '../../core/search-query.js';
import { excludesEverything, ftsExpression } from './sqlite-search.js';

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
