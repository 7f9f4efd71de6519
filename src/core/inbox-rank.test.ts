import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RankingDoc } from './feed-store.js';
import { arxivYear, filteredOut, holdsWord } from './inbox.js';
import { rankInbox, termsOf, weightOf } from './inbox-rank.js';

function doc(id: number, title: string, topics: string[], extra: Partial<RankingDoc> = {}): RankingDoc {
  return { id, title, text: '', topics, status: 'to-read', importance: null, rating: null, ...extra };
}

const LIBRARY: RankingDoc[] = [
  doc(1, 'KV cache quantization for long-context inference', ['LLM / KV cache']),
  doc(2, 'PagedAttention: efficient KV cache memory management for serving', ['LLM / KV cache']),
  doc(3, 'Speculative decoding with draft models', ['LLM / Decoding']),
  doc(4, 'Medusa: multiple decoding heads for faster generation', ['LLM / Decoding']),
  doc(5, 'Raft: in search of an understandable consensus algorithm', ['Distributed systems']),
  doc(6, 'Paxos made simple', ['Distributed systems']),
];

const ranks = new Map([
  ['LLM', 1],
  ['Distributed systems', 2],
]);

function rank(candidates: Array<[string, string]>, dismissed: string[] = [], library = LIBRARY) {
  return rankInbox({
    library,
    dismissed,
    candidates: candidates.map(([title, summary], i) => ({ key: `k${i}`, title, summary })),
    rootRanks: ranks,
  });
}

describe('termsOf', () => {
  test('words in lower case and singular, no stop words, adjacent pairs', () => {
    assert.deepEqual(termsOf('The KV caches of Transformers'), ['kv', 'cache', 'kv cache', 'transformer']);
  });
  test('CJK runs become overlapping pairs', () => {
    assert.deepEqual(termsOf('大模型推理'), ['大模', '模型', '型推', '推理']);
  });
  test('numbers alone are not words; hyphenated words stay whole', () => {
    assert.deepEqual(termsOf('2024 state-of-the-art'), ['state-of-the-art']);
  });
});

describe('weightOf', () => {
  test('read, starred and well-rated items speak louder; skipped ones softly', () => {
    assert.ok(
      weightOf({ status: 'read', importance: null, rating: null }) >
        weightOf({ status: 'to-read', importance: null, rating: null }),
    );
    assert.ok(
      weightOf({ status: 'to-read', importance: 5, rating: null }) >
        weightOf({ status: 'to-read', importance: 2, rating: null }),
    );
    assert.ok(
      weightOf({ status: 'read', importance: null, rating: 1 }) <
        weightOf({ status: 'read', importance: null, rating: null }),
    );
    assert.ok(weightOf({ status: 'skipped', importance: null, rating: null }) < 1);
  });
});

describe('rankInbox', () => {
  test('each entry goes to the topic it is like, with its nearest items and the words that matched', () => {
    const [kv, raft, cooking] = rank([
      ['Compressing the KV cache for long context LLM inference', 'We quantize the kv cache.'],
      ['A faster consensus algorithm than Raft and Paxos', 'Consensus for replicated logs.'],
      ['Sourdough bread at home', 'Flour, water, salt.'],
    ]);
    assert.equal(kv?.bestTopic, 'LLM / KV cache');
    assert.deepEqual(kv?.similar.slice(0, 1), [1]);
    assert.ok(kv?.words.includes('kv cache'), kv?.words.join(', '));
    assert.equal(raft?.bestTopic, 'Distributed systems');
    assert.ok(raft!.similar.includes(5) && raft!.similar.includes(6));
    assert.equal(cooking?.score, 0);
    assert.equal(cooking?.bestTopic, null);
    assert.ok(kv!.score > 0 && raft!.score > 0);
  });

  test('what was read and starred pulls harder than what was only saved', () => {
    const lib = [
      doc(1, 'Sparse attention kernels', ['A'], { status: 'read', importance: 5, rating: 5 }),
      doc(2, 'Sparse mixture of experts routing', ['B']),
    ];
    const [entry] = rank([['Sparse attention and sparse experts', '']], [], lib);
    assert.equal(entry?.bestTopic, 'A');
  });

  test('dismissed entries count against entries like them', () => {
    const candidate: [string, string] = ['Speculative decoding with a draft model', ''];
    const [plain] = rank([candidate]);
    const [penalised] = rank([candidate], ['Speculative decoding with tiny draft models']);
    assert.ok(penalised!.score < plain!.score, `${penalised?.score} < ${plain?.score}`);
  });

  test('the user’s first topics win a tie', () => {
    const lib = [
      doc(1, 'Graph partitioning', ['LLM']),
      doc(2, 'Graph partitioning', ['Distributed systems']),
    ];
    const [entry] = rank([['Graph partitioning at scale', '']], [], lib);
    assert.equal(entry?.bestTopic, 'LLM');
  });

  test('deterministic, and an empty library ranks everything at zero', () => {
    const candidates: Array<[string, string]> = [
      ['KV cache eviction', ''],
      ['Raft joint consensus', ''],
    ];
    assert.deepEqual(rank(candidates), rank(candidates));
    for (const r of rank(candidates, [], []))
      assert.deepEqual([r.score, r.bestTopic, r.similar], [0, null, []]);
  });
});

describe('feed words and dates', () => {
  test('holdsWord: whole words, case folded, * for a prefix, phrases', () => {
    assert.ok(holdsWord('Post-training Quantization of LLMs', 'quantization'));
    assert.ok(holdsWord('Post-training Quantization of LLMs', 'quantiz*'));
    assert.ok(!holdsWord('Post-training Quantization of LLMs', 'quantiz'));
    assert.ok(holdsWord('a new KV  cache', 'kv cache'));
    assert.ok(!holdsWord('anything', '  '));
  });
  test('filteredOut: exclude wins, include needs one word', () => {
    const feed = { include: ['llm', 'transformer*'], exclude: ['medical'] };
    assert.equal(filteredOut(feed, 'Transformers for LLM serving'), null);
    assert.match(String(filteredOut(feed, 'LLM for medical notes')), /medical/u);
    assert.match(String(filteredOut(feed, 'Raft consensus')), /none of the include/u);
    assert.equal(filteredOut({ include: [], exclude: [] }, 'anything'), null);
  });
  test('arxivYear', () => {
    assert.equal(arxivYear('2009.13987'), 2020);
    assert.equal(arxivYear('cs/0112017'), 2001);
    assert.equal(arxivYear('hep-th/9901001'), 1999);
    assert.equal(arxivYear('nonsense'), null);
  });
});
