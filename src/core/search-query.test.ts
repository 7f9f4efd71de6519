import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LectioError } from './errors.js';
import { type ParsedQuery, parseSearchQuery, type SearchTerm } from './search-query.js';

const word = (text: string, prefix: SearchTerm['prefix'] = 'none'): SearchTerm => ({
  text,
  phrase: false,
  prefix,
});
const phrase = (text: string, prefix: SearchTerm['prefix'] = 'none'): SearchTerm => ({
  text,
  phrase: true,
  prefix,
});

describe('parseSearchQuery: queries people type', () => {
  const cases: Array<[string, ParsedQuery]> = [
    // The last word is still being typed: it matches as a prefix too...
    ['flash attention', { terms: [word('flash'), word('attention', 'implicit')], filters: [] }],
    // ...unless a space says it is complete.
    ['flash attention ', { terms: [word('flash'), word('attention')], filters: [] }],
    ['quant*', { terms: [word('quant', 'typed')], filters: [] }],
    // Two letters are too short to stand for the words they begin; three are enough...
    ['quant* kv', { terms: [word('quant', 'typed'), word('kv')], filters: [] }],
    ['llama 2', { terms: [word('llama'), word('2')], filters: [] }],
    ['ret', { terms: [word('ret', 'implicit')], filters: [] }],
    // ...and a written * makes a prefix of any length.
    ['re*', { terms: [word('re', 'typed')], filters: [] }],
    ['"attention is all you need"', { terms: [phrase('attention is all you need')], filters: [] }],
    ['"flash attn"*', { terms: [phrase('flash attn', 'typed')], filters: [] }],
    // FTS5 and SQL syntax is text like any other: the store quotes every term.
    [
      'NEAR(a b) OR c AND -d ^e',
      {
        terms: [word('NEAR(a'), word('b)'), word('OR'), word('c'), word('AND'), word('-d'), word('^e')],
        filters: [],
      },
    ],
    ["'; DROP TABLE items; --", { terms: [word('DROP'), word('TABLE'), word('items;')], filters: [] }],
    // Punctuation alone has nothing to match.
    ['vllm - serving', { terms: [word('vllm'), word('serving', 'implicit')], filters: [] }],
    // A CJK character is a word by itself: two make a word being typed.
    ['量化', { terms: [word('量化', 'implicit')], filters: [] }],
    ['8-bit推理 ', { terms: [word('8-bit推理')], filters: [] }],
    ['Transformer-XL', { terms: [word('Transformer-XL', 'implicit')], filters: [] }],
    // Control characters (a NUL from an API client) separate words.
    ['flash\u0000attention\t', { terms: [word('flash'), word('attention')], filters: [] }],
    // A colon with nothing after it is text ("Attention:" in a pasted title).
    ['Attention: all', { terms: [word('Attention:'), word('all', 'implicit')], filters: [] }],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => assert.deepEqual(parseSearchQuery(input), expected));
  }
});

describe('parseSearchQuery: filters', () => {
  const cases: Array<[string, ParsedQuery]> = [
    ['topic:LLM', { terms: [], filters: [{ type: 'topic', path: 'LLM' }] }],
    ['topic:"LLM / kv cache"', { terms: [], filters: [{ type: 'topic', path: 'LLM / kv cache' }] }],
    ['topic:"LLM/kv  cache"', { terms: [], filters: [{ type: 'topic', path: 'LLM / kv cache' }] }],
    ['topic:量化技术', { terms: [], filters: [{ type: 'topic', path: '量化技术' }] }],
    ['paged status:to-read', { terms: [word('paged')], filters: [{ type: 'status', anyOf: ['to-read'] }] }],
    ['status:to-read,reading', { terms: [], filters: [{ type: 'status', anyOf: ['to-read', 'reading'] }] }],
    ['STATUS:Read', { terms: [], filters: [{ type: 'status', anyOf: ['read'] }] }],
    ['kind:paper', { terms: [], filters: [{ type: 'kind', anyOf: ['paper'] }] }],
    ['year:2023', { terms: [], filters: [{ type: 'year', range: { min: 2023, max: 2023 } }] }],
    ['year:>=2023', { terms: [], filters: [{ type: 'year', range: { min: 2023, max: null } }] }],
    ['year:>2023', { terms: [], filters: [{ type: 'year', range: { min: 2024, max: null } }] }],
    ['year:<2020', { terms: [], filters: [{ type: 'year', range: { min: null, max: 2019 } }] }],
    ['year:<=2020', { terms: [], filters: [{ type: 'year', range: { min: null, max: 2020 } }] }],
    ['year:2020..2023', { terms: [], filters: [{ type: 'year', range: { min: 2020, max: 2023 } }] }],
    ['year:2020..', { terms: [], filters: [{ type: 'year', range: { min: 2020, max: null } }] }],
    ['stars:>=4', { terms: [], filters: [{ type: 'stars', range: { min: 4, max: null } }] }],
    ['stars:5', { terms: [], filters: [{ type: 'stars', range: { min: 5, max: 5 } }] }],
    ['has:code', { terms: [], filters: [{ type: 'has', what: 'code' }] }],
    [
      'has:notes has:why',
      {
        terms: [],
        filters: [
          { type: 'has', what: 'notes' },
          { type: 'has', what: 'why' },
        ],
      },
    ],
    ['list:004_dcdacb51cc173ef7', { terms: [], filters: [{ type: 'list', name: '004_dcdacb51cc173ef7' }] }],
    [
      'kv cache year:>=2023 stars:>=4',
      {
        terms: [word('kv'), word('cache')],
        filters: [
          { type: 'year', range: { min: 2023, max: null } },
          { type: 'stars', range: { min: 4, max: null } },
        ],
      },
    ],
    // A quoted filter is text.
    ['"status:read"', { terms: [phrase('status:read')], filters: [] }],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => assert.deepEqual(parseSearchQuery(input), expected));
  }
});

describe('parseSearchQuery: malformed queries are refused with one line that says why', () => {
  const cases: Array<[string, RegExp]> = [
    ['"attention is', /a quote is not closed: "\\"attention is"/u],
    ['topic:"LLM / kv', /a quote is not closed/u],
    ['year:abc', /year:abc: expected a year like 2023, >=2023, <2020 or 2020\.\.2023/u],
    ['year:23', /year:23: 23 is out of range/u],
    ['year:2024..2020', /year:2024\.\.2020: the range is empty/u],
    ['year:..', /year:\.\.: expected a year/u],
    ['stars:>=9', /stars:>=9: 9 is out of range \(0-5\)/u],
    ['stars:>5', /stars:>5: nothing can match/u],
    ['stars:many', /stars:many: expected 0-5 stars/u],
    ['status:done', /status:done: "done" is not one of inbox, to-read, reading, read, skipped/u],
    ['kind:book', /kind:book: "book" is not one of paper/u],
    ['has:pony', /has:pony: expected one of code, pdf/u],
    ['year:', /year: needs a value/u],
    ['topic:" / x"', /topic:\/ x: an empty topic name/u],
    ['author:dao', /unknown filter "author:" \(filters: topic: status: kind: year: stars: has: list:\)/u],
    ['https://arxiv.org/abs/1706.03762', /unknown filter "https:"/u],
    ['', /nothing to search for/u],
    ['  -- ** ', /nothing to search for/u],
    ['""', /nothing to search for/u],
  ];
  for (const [input, message] of cases) {
    it(JSON.stringify(input), () => {
      assert.throws(
        () => parseSearchQuery(input),
        (error: unknown) =>
          error instanceof LectioError &&
          error.code === 'bad_input' &&
          error.message.startsWith('search: ') &&
          !error.message.includes('\n') &&
          message.test(error.message),
      );
    });
  }
});
