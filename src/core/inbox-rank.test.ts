import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RankingDoc, RankMemory } from './feed-store.js';
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

describe('rankInbox, pinned', () => {
  // A small library whose every result is written down: a faster ranking must give the same
  // scores, topics, nearest items and words. The texts hold what a tokenizer gets wrong:
  // accents, curly and straight apostrophes, hyphens and dashes, numbers, Greek, İ (whose
  // lower case is two characters), a ligature, an astral letter (𝐱), Chinese runs and
  // ratings, stars and statuses of every kind.
  const library: RankingDoc[] = [
    doc(1, 'KV Cache Quantization for Long-Context LLM Inference', ['LLM / KV cache'], {
      text: 'We quantize the key-value cache to 2 bits; the model’s accuracy holds at 128K tokens.',
      status: 'read',
      rating: 5,
    }),
    doc(2, 'PagedAttention: Efficient Memory Management for LLM Serving', ['LLM / KV cache', 'Systems'], {
      text: "vLLM pages the KV cache like virtual memory in an operating system's kernel.",
      importance: 4,
    }),
    doc(3, 'Speculative Decoding with Draft Models', ['LLM / Decoding'], {
      text: 'A small draft model proposes tokens; the large model verifies them in one pass.',
      status: 'reading',
    }),
    doc(4, 'Medusa: Multiple Decoding Heads', ['LLM / Decoding'], {
      text: 'Extra heads predict several future tokens — no draft model needed.',
      status: 'skipped',
    }),
    doc(5, 'Raft: In Search of an Understandable Consensus Algorithm', ['Distributed systems'], {
      text: 'Leader election, log replication and safety for replicated state machines.',
      rating: 2,
    }),
    doc(6, 'Paxos Made Simple', ['Distributed systems'], {
      text: 'The Paxos algorithm, when presented in plain English, is very simple.',
    }),
    doc(7, 'Über die Schrödinger-Gleichung für naïve Modelle', ['Physics'], {
      text: 'Eine Einführung: Σύνοψη ΟΔΟΣ, İstanbul, ﬁne-tuning, Ærø and 𝐱-vectors.',
    }),
    doc(8, '大模型推理加速 survey', ['LLM / KV cache'], {
      text: '本文综述了大语言模型推理 acceleration 的方法, including KV cache compression.',
    }),
    doc(9, 'Mixture-of-Experts Routing at Scale', ['LLM / MoE'], {
      text: 'Top-2 gating, load-balancing losses and expert-parallel all-to-all.',
      importance: 5,
    }),
    doc(10, 'Switch Transformers', ['LLM / MoE'], {
      text: 'Scaling to trillion-parameter models with simple and efficient sparsity; mixture-of-experts again.',
      status: 'read',
      rating: 4,
    }),
    doc(11, 'Time, Clocks, and the Ordering of Events in a Distributed System', ['Distributed systems'], {
      text: 'Lamport clocks; the happened-before relation -- a partial order.',
      status: 'read',
    }),
    doc(12, 'FlashAttention', ['LLM', 'Systems'], {
      text: "IO-aware exact attention; tiling cuts HBM reads. Don't materialise the N×N matrix.",
    }),
  ];
  const dismissed = [
    'Speculative sampling for tiny draft models\nDraft models again, v2 of the idea.',
    'Kochrezepte für Anfänger\nBrot, Wasser, Salz — ﬁne.',
  ];
  const table: Array<[string, string, number, string | null, number[], string[]]> = [
    [
      'Compressing the KV cache for long-context LLM inference',
      "We quantize the KV-cache to 4-bit; the model's perplexity barely moves.",
      50.4,
      'LLM / KV cache',
      [1, 2, 8],
      ['kv cache', 'llm inference', 'long-context llm', 'quantize'],
    ],
    [
      'A faster consensus algorithm than Raft and Paxos',
      'Consensus for replicated logs with leader leases.',
      23,
      'Distributed systems',
      [5, 6],
      ['paxo', 'consensus algorithm', 'raft', 'leader', 'log'],
    ],
    ['Sourdough bread at home', 'Flour, water, salt.', 0, null, [], []],
    [
      'Speculative decoding with a draft model',
      'Draft-and-verify decoding for LLM serving.',
      55.2,
      'LLM / Decoding',
      [3, 4, 2],
      ['draft', 'speculative decoding'],
    ],
    [
      '大模型推理的KV缓存压缩',
      '我们压缩 KV cache 以加速推理。',
      22,
      'LLM / KV cache',
      [8, 1, 2],
      ['kv', 'cache', '推理', '型推', '模型'],
    ],
    [
      'Expert-parallel mixture-of-experts training',
      'All-to-all communication dominates; we overlap it with compute.',
      18.5,
      'LLM / MoE',
      [9, 10],
      ['mixture-of-expert', 'expert-parallel', 'all-to-all'],
    ],
    [
      'Schrödinger bridges for naïve diffusion',
      'Über Σύνοψη and 𝐱-vectors; İstanbul workshop.',
      16.7,
      'Physics',
      [7],
      ['naïve', 'über', 'stanbul', '𝐱-vector', 'σύνοψη'],
    ],
    [
      'Vector clocks revisited',
      'Happened-before tracking with Lamport clocks in distributed systems.',
      24.5,
      'Distributed systems',
      [11, 2],
      ['clock', 'distributed', 'system', 'happened-before', 'lamport'],
    ],
    ['', '', 0, null, [], []],
    ['2024 2025 the of', '123 456', 0, null, [], []],
  ];

  const input = {
    library,
    dismissed,
    candidates: table.map(([title, summary], i) => ({ key: `k${i}`, title, summary })),
    rootRanks: new Map([
      ['LLM', 1],
      ['Distributed systems', 2],
      ['Systems', 3],
      ['Physics', 4],
    ]),
  };
  const expected = table.map(([, , score, bestTopic, similar, words], i) => ({
    key: `k${i}`,
    score,
    bestTopic,
    similar,
    words,
  }));

  test('every score, best topic, nearest item and word as written down', () => {
    assert.deepEqual(rankInbox(input), expected);
  });

  test('the same from what an earlier ranking read, kept terms no document holds any more ignored', () => {
    let memory: RankMemory | undefined;
    assert.deepEqual(rankInbox({ ...input, remember: (m) => (memory = m) }), expected);
    assert.ok(memory && !memory.forget);
    assert.equal(memory.items.length, library.length);
    // Kept terms by id, with a hole and terms of items since gone: "kochrezepte" is in a
    // dismissed entry and must still count for nothing there.
    const keptTerms = ['kochrezepte', '', 'anfänger'];
    const offset = keptTerms.length;
    for (const { id, term } of memory.terms) keptTerms[id + offset] = term;
    const counted = new Map(
      memory.items.map(({ itemId, counted: c }) => [
        itemId,
        { ids: c.ids.map((id) => id + offset), counts: c.counts },
      ]),
    );
    // One item changed since (no counts kept): it is read again.
    const fromMemory = library.map((d) =>
      d.id === 3 ? d : { ...d, title: '', text: '', counted: counted.get(d.id) ?? null },
    );
    let again: RankMemory | undefined;
    assert.deepEqual(
      rankInbox({ ...input, library: fromMemory, keptTerms, remember: (m) => (again = m) }),
      expected,
    );
    assert.deepEqual(
      again?.items.map((i) => i.itemId),
      [3],
    );
  });

  test('a memory of mostly unused terms is forgotten', () => {
    const keptTerms = Array.from({ length: 30_000 }, (_, i) => `gone${i}`);
    let memory: RankMemory | undefined;
    assert.deepEqual(rankInbox({ ...input, keptTerms, remember: (m) => (memory = m) }), expected);
    assert.deepEqual(memory, { forget: true, terms: [], items: [] });
  });
});

describe('date headings', () => {
  test('a week or year heading is never the suggested topic; its items still count as nearest', () => {
    // dair-ai files papers by week; htqin by year ("Papers / 2019").
    const library = [
      ...LIBRARY,
      doc(7, 'Knowledge editing for factual hallucinations', [
        'Top ML Papers of the Week (January 16 - January 22) - 2023',
      ]),
      doc(8, 'Editing knowledge in language models with memory', ['Papers / 2023']),
    ];
    const [ranked] = rank(
      [['Can knowledge editing really correct hallucinations?', 'Knowledge editing.']],
      [],
      library,
    );
    assert.ok(ranked);
    assert.notEqual(ranked.bestTopic, 'Top ML Papers of the Week (January 16 - January 22) - 2023');
    assert.notEqual(ranked.bestTopic, 'Papers / 2023');
    assert.ok(ranked.similar.includes(7));
  });
});
