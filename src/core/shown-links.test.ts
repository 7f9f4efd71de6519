// The links shown for an item: one per page. Real links from the seeds in ../shared/seeds/ and
// the lists in ../shared/testdata/lists/ (file and line in each comment).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Link } from './item.js';
import { distinctPages, pageKey } from './shown-links.js';

describe('pageKey', () => {
  const same: [string, string][] = [
    // seed 000:25 and awesome-model-quantization_htqin:578, one daBNN paper
    ['https://arxiv.org/abs/1908.05858', 'http://arxiv.org/abs/1908.05858'],
    // chenhongyu2048:748 with and without its pocket share tag
    ['https://arxiv.org/abs/2408.13510?utm_source=pocket_shared', 'https://arxiv.org/abs/2408.13510'],
    // variants: www., a trailing slash, the host's case
    [
      'https://www.usenix.org/conference/osdi22/presentation/yu',
      'https://usenix.org/conference/osdi22/presentation/yu/',
    ],
    ['https://GitHub.com/vllm-project/vllm', 'https://github.com/vllm-project/vllm'],
    // dair-ai:1047, tracking parameters in any order
    [
      'https://ai.meta.com/blog/meta-llama-3/?utm_source=twitter&utm_medium=organic_social&utm_content=video&utm_campaign=llama3',
      'https://ai.meta.com/blog/meta-llama-3',
    ],
  ];
  for (const [a, b] of same) {
    it(`gives ${a} and ${b} one key`, () => assert.equal(pageKey(a), pageKey(b)));
  }

  const apart: [string, string][] = [
    // dair-ai:1230 links Medusa's v1: a list may mean that version
    ['https://arxiv.org/abs/2401.10774v1', 'https://arxiv.org/abs/2401.10774'],
    // a page of a document is not the document
    ['https://arxiv.org/pdf/2309.06180.pdf#page=3', 'https://arxiv.org/pdf/2309.06180.pdf'],
    // the path keeps its case
    ['https://github.com/FMInference/FlexGen', 'https://github.com/fminference/flexgen'],
    // a query that is no tracking tag is part of the page (openreview, seed 004:124)
    ['https://openreview.net/forum?id=8j9hz8DVi8', 'https://openreview.net/forum?id=other'],
  ];
  for (const [a, b] of apart) {
    it(`keeps ${a} and ${b} apart`, () => assert.notEqual(pageKey(a), pageKey(b)));
  }

  it('keys what is no http(s) URL by itself (seed 002 links ./papers/LLM/FlashAttention.md)', () => {
    assert.equal(pageKey('./papers/LLM/FlashAttention.md'), './papers/LLM/FlashAttention.md');
  });
});

describe('distinctPages', () => {
  const shownOf = (links: Link[]): Link[] => {
    return distinctPages(links);
  };

  it('shows daBNN once, as https, with the label htqin gave it', () => {
    assert.deepEqual(
      shownOf([
        { url: 'https://arxiv.org/abs/1908.05858', role: 'paper' },
        { url: 'http://arxiv.org/abs/1908.05858', role: 'paper', label: 'arXiv' },
        { url: 'https://github.com/JDAI-CV/dabnn', role: 'code', label: 'code' },
      ]),
      [
        { url: 'https://arxiv.org/abs/1908.05858', role: 'paper', label: 'arXiv' },
        { url: 'https://github.com/JDAI-CV/dabnn', role: 'code', label: 'code' },
      ],
    );
  });

  it('takes the https copy in place of the http one, keeping its role and label (DoReFa-Net)', () => {
    // awesome-model-quantization_htqin:649, then seed 000:55
    const code = 'https://github.com/tensorpack/tensorpack/tree/master/examples/DoReFa-Net';
    assert.deepEqual(
      shownOf([
        { url: 'http://arxiv.org/abs/1606.06160', role: 'paper', label: 'CoRR' },
        { url: code, role: 'code', label: 'code' },
        { url: 'https://arxiv.org/abs/1606.06160', role: 'paper' },
      ]),
      [
        { url: 'https://arxiv.org/abs/1606.06160', role: 'paper', label: 'CoRR' },
        { url: code, role: 'code', label: 'code' },
      ],
    );
  });

  it('keeps the first of one URL with two roles (Medusa: [blog] and a bare link)', () => {
    assert.deepEqual(
      shownOf([
        { url: 'https://sites.google.com/view/medusa-llm', role: 'blog', label: '[blog]' },
        { url: 'https://sites.google.com/view/medusa-llm', role: 'other' },
      ]),
      [{ url: 'https://sites.google.com/view/medusa-llm', role: 'blog', label: '[blog]' }],
    );
  });

  it('finds copies of a site by its host alone, with and without www. and a slash', () => {
    assert.deepEqual(
      shownOf([
        { url: 'https://www.deepspeed.ai/', role: 'site' },
        { url: 'https://github.com/microsoft/DeepSpeed', role: 'code' },
        { url: 'https://DeepSpeed.ai', role: 'site', label: 'site' },
      ]),
      [
        { url: 'https://www.deepspeed.ai/', role: 'site', label: 'site' },
        { url: 'https://github.com/microsoft/DeepSpeed', role: 'code' },
      ],
    );
  });

  it('finds copies that only normalizeUrl shows alike: a redirect, an escape, a tweet', () => {
    const cases: Array<[string, string]> = [
      [
        'https://arxiv.org/abs/1908.05858',
        'https://www.google.com/url?q=https%3A%2F%2Farxiv.org%2Fabs%2F1908.05858',
      ],
      ['https://a.com/~foo', 'https://a.com/%7Efoo?utm_source=x'],
      ['https://twitter.com/a/status/1', 'https://x.com/a/status/1'],
    ];
    for (const [a, b] of cases) {
      assert.equal(pageKey(a), pageKey(b), `${a} ${b}`);
      assert.equal(
        shownOf([
          { url: a, role: 'paper' },
          { url: b, role: 'paper' },
        ]).length,
        1,
        `${a} ${b}`,
      );
      assert.equal(
        shownOf([
          { url: b, role: 'paper' },
          { url: a, role: 'paper' },
        ]).length,
        1,
        `${b} ${a}`,
      );
    }
  });

  it('takes a copy without tracking tags', () => {
    // chenhongyu2048:748, then the same paper from a list without the tag
    const shown = shownOf([
      { url: 'https://arxiv.org/abs/2408.13510?utm_source=pocket_shared', role: 'paper' },
      { url: 'https://arxiv.org/pdf/2408.13510', role: 'pdf' },
      { url: 'https://arxiv.org/abs/2408.13510', role: 'paper' },
    ]);
    assert.deepEqual(
      shown.map((l) => l.url),
      ['https://arxiv.org/abs/2408.13510', 'https://arxiv.org/pdf/2408.13510'],
    );
  });
});
