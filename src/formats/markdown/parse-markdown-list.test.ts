// Each rule of the markdown reader, on real lines from the seeds and ../shared/testdata/lists.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedItem } from '../../core/item.js';
import { parseMarkdownList } from './parse-markdown-list.js';

function parse(md: string): ParsedItem[] {
  return parseMarkdownList(md).items;
}

/** One test per case: the markdown of one item, and the fields it must read as. */
function itReadsEach(cases: ReadonlyArray<[string, string, Partial<ParsedItem>]>): void {
  for (const [name, md, expected] of cases) {
    it(name, () => {
      const item = one(md);
      for (const [k, v] of Object.entries(expected)) assert.deepEqual(item[k as keyof ParsedItem], v, k);
    });
  }
}

function one(md: string): ParsedItem {
  const items = parse(md);
  assert.equal(items.length, 1, JSON.stringify(items.map((i) => i.title)));
  return items[0] as ParsedItem;
}

describe('titles', () => {
  it('an alias line over its full title keeps both (seed 000)', () => {
    const item = one(
      '* cnn-winograd\n    * Fast Algorithms for Convolutional Neural Networks\n    * https://arxiv.org/abs/1509.09308\n',
    );
    assert.equal(item.title, 'Fast Algorithms for Convolutional Neural Networks');
    assert.deepEqual(item.aliases, ['cnn-winograd']);
    assert.deepEqual(item.links, [{ url: 'https://arxiv.org/abs/1509.09308', role: 'paper' }]);
  });
  it('a bold title with a year (seed 003)', () => {
    const item = one(
      '1. **Attention Is All You Need** (2017)\n   - 链接：https://arxiv.org/abs/1706.03762\n',
    );
    assert.equal(item.title, 'Attention Is All You Need');
    assert.equal(item.year, 2017);
    assert.equal(item.links[0]?.role, 'paper');
  });
  it('text title between role-labelled links, badges dropped (htqin)', () => {
    const item = one(
      '- [[arXiv](https://arxiv.org/abs/2402.04291)] BiLLM: Pushing the Limit of Post-Training Quantization for LLMs [[code](https://github.com/Aaronhuang-778/BiLLM)]![GitHub Repo stars](https://img.shields.io/github/stars/Aaronhuang-778/BiLLM)\n',
    );
    assert.equal(item.title, 'BiLLM: Pushing the Limit of Post-Training Quantization for LLMs');
    assert.deepEqual(
      item.links.map((l) => l.role),
      ['paper', 'code'],
    );
  });
  it("aka lines are other names (lectio's export of seed 000 and merged lists)", () => {
    const item = one(
      '- [ ] [Flash Attention-2](https://arxiv.org/abs/2307.08691) (2023)\n  - aka: Flash Attention 2\n  - aka: FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning\n',
    );
    assert.equal(item.title, 'Flash Attention-2');
    assert.deepEqual(item.aliases, [
      'Flash Attention 2',
      'FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning',
    ]);
    assert.deepEqual(item.notes, []);
  });
  it('tags before a title become an alias (seed 000)', () => {
    const item = one(
      '* google, tpu, In-Datacenter Performance Analysis of a Tensor Processing Unit\n    * https://arxiv.org/abs/1704.04760\n',
    );
    assert.equal(item.title, 'In-Datacenter Performance Analysis of a Tensor Processing Unit');
    assert.deepEqual(item.aliases, ['google, tpu']);
  });
  it('a table cell title ends where the summary starts (dair-ai)', () => {
    const md =
      '| **Paper**  | **Links** |\n| --- | --- |\n| 1) Ultra-Fast Diffusion-based Language Models  This paper introduces Mercury, a family of large-scale diffusion-based language models (dLLMs) optimized for ultra-fast inference. | [Paper](https://arxiv.org/abs/2506.17298), [Tweet](https://x.com/omarsar0/status/1937600372430045494) |\n';
    const item = one(md);
    assert.equal(item.title, 'Ultra-Fast Diffusion-based Language Models');
    assert.match(item.notes[0] ?? '', /^This paper introduces Mercury/u);
    assert.equal(item.links.length, 2);
  });
});

describe('links that belong to their parent', () => {
  it('labelled child lines: 代码 is code, github, URL is code (seeds 003, 000)', () => {
    const item = one(
      '* Outlier Channel Splitting Improving DNN Quantization without Retraining\n    * https://icml.cc/media/icml-2019/Slides/5053.pdf\n    * github, https://github.com/cornell-zhang/dnn-quant-ocs\n',
    );
    assert.deepEqual(
      item.links.map((l) => l.role),
      ['slides', 'code'],
    );
  });
  it("a labelled link line keeps the link's own label, which is no remark (lectio's export of htqin)", () => {
    const item = one(
      '- [ ] [BppAttack: Stealthy and Efficient Trojan Attacks](https://ieeexplore.ieee.org/document/9879477/)\n  - code: [torch](https://github.com/RU-System-Software-and-Security/BppAttack) (official)\n',
    );
    assert.deepEqual(item.links[1], {
      url: 'https://github.com/RU-System-Software-and-Security/BppAttack',
      role: 'code',
      label: 'torch',
    });
    assert.deepEqual(item.notes, ['(official)']);
  });
  it('a link and a remark on it: the remark is a note (seed 000)', () => {
    const item = one(
      '* nvidia, INTEGER QUANTIZATION FOR DEEP LEARNING INFERENCE\n    * https://arxiv.org/pdf/2004.09602.pdf, show some interesting data\n',
    );
    assert.deepEqual(item.notes, ['show some interesting data']);
    assert.equal(item.links[0]?.url, 'https://arxiv.org/pdf/2004.09602.pdf');
  });
  it('children that are items stay items, under a sub-topic named by the parent (seed 000)', () => {
    const items = parse(
      '## 1. deep learning\n* separable convolutions\n    * A Basic Introduction to Separable Convolutions\n        * https://towardsdatascience.com/a-basic-introduction-to-separable-convolutions-b99ec3102728\n    * MobileNets: Efficient Convolutional Neural Networks for Mobile Vision Applications\n        * https://arxiv.org/abs/1704.04861\n',
    );
    assert.deepEqual(
      items.map((i) => [i.title, i.topic.join(' / ')]),
      [
        ['A Basic Introduction to Separable Convolutions', 'deep learning / separable convolutions'],
        [
          'MobileNets: Efficient Convolutional Neural Networks for Mobile Vision Applications',
          'deep learning / separable convolutions',
        ],
      ],
    );
  });
});

describe('status, importance, why', () => {
  const cases: Array<[string, string, Partial<ParsedItem>]> = [
    [
      'checkbox read (seed 004)',
      '- [x] [Mixtral of Experts](https://arxiv.org/abs/2401.04088)\n',
      { status: 'read' },
    ],
    [
      'checkbox unread (seed 004)',
      '- [ ] [GShard](https://arxiv.org/abs/2006.16668)\n',
      { status: 'to-read' },
    ],
    [
      '★★★☆☆ is 3, and no note',
      '- [A Paper Title Here](https://arxiv.org/abs/2006.16668) ★★★☆☆\n',
      { importance: 3, notes: [] },
    ],
    [
      '⭐️⭐️ with VS16 (DefTruth)',
      '- [A Paper Title Here](https://arxiv.org/abs/2006.16668) ⭐️⭐️\n',
      { importance: 2, notes: [] },
    ],
    [
      ':star: counts',
      '- [A Paper Title Here](https://arxiv.org/abs/2006.16668) :star::star::star:\n',
      { importance: 3, notes: [] },
    ],
    [
      'stars with a remark keep the remark',
      '- [A Paper Title Here](https://arxiv.org/abs/2006.16668) ⭐⭐ read the appendix first\n',
      { importance: 2, notes: ['⭐⭐ read the appendix first'] },
    ],
    [
      'must read is 5',
      '- [A Paper Title Here](https://arxiv.org/abs/2006.16668) (must read)\n',
      { importance: 5 },
    ],
    [
      '必读 is 5',
      '- [A Paper Title Here](https://arxiv.org/abs/2006.16668)\n  - 重要性：⭐⭐⭐ (必读)\n',
      { importance: 5 },
    ],
    [
      'why: is the why',
      '- [A Paper Title Here](https://arxiv.org/abs/2006.16668)\n  - why: the tiling argument\n',
      { why: 'the tiling argument' },
    ],
    [
      'because is the why',
      '- [A Paper Title Here](https://arxiv.org/abs/2006.16668): because we run it in production\n',
      { why: 'we run it in production' },
    ],
  ];
  itReadsEach(cases);
  it('TODO marks unread; unmarked items in such a list are read (seed 002)', () => {
    const items = parse(
      '* [Attention Is All You Need](./papers/LLM/AttentionIsAllYouNeed.md) [[paper](https://arxiv.org/abs/1706.03762)]\n\n* TODO [Textbooks Are All You Need II: phi-1.5 technical report](./papers/LLM/Phi1.5.md) [[paper](https://arxiv.org/abs/2309.05463)]\n',
    );
    assert.deepEqual(
      items.map((i) => i.status),
      ['read', 'to-read'],
    );
    assert.deepEqual(
      items[0]?.links.map((l) => l.role),
      ['notes', 'paper'],
    );
  });
  it('a file of arXiv ids, one a line, is a list of papers; a number that is no id stays text', () => {
    const items = parse('2307.09288\n2312.00752v2\narXiv:2401.04088\n2023.99999\nsee 2205.14135 too\n');
    assert.deepEqual(
      items.flatMap((i) => i.links.map((l) => l.url)),
      [
        'https://arxiv.org/abs/2307.09288',
        'https://arxiv.org/abs/2312.00752v2',
        'https://arxiv.org/abs/2401.04088',
      ],
    );
  });

  it('"et al" inside a title is no reference: the title stays whole', () => {
    for (const title of [
      'Dr. Smith et al. Are Wrong. A Rebuttal',
      'Deep Learning Debate: LeCun vs. Marcus et al. on Symbols',
      'Yet Another Paper. On Reproducing Smith et al. Results',
    ]) {
      assert.equal(one(`- ${title} https://arxiv.org/abs/2403.03950\n`).title, title);
    }
    const ref = one('- Attention Is All You Need. Vaswani et al. 2017 https://arxiv.org/abs/1706.03762\n');
    assert.equal(ref.title, 'Attention Is All You Need');
    assert.equal(ref.year, 2017);
  });

  describe("notes-file idioms (a person's own notes, not a published list)", () => {
    const cases: Array<[string, string, Partial<ParsedItem>]> = [
      [
        '"arXiv:ID" in text links the paper; the rest is the title',
        '- arXiv:2401.04088 Mixtral of Experts\n',
        { title: 'Mixtral of Experts', links: [{ url: 'https://arxiv.org/abs/2401.04088', role: 'paper' }] },
      ],
      [
        'an old-style "arXiv: cs/0112017" too',
        '- Some Old Paper on Parsing (arXiv: cs/0112017)\n',
        {
          title: 'Some Old Paper on Parsing',
          links: [{ url: 'https://arxiv.org/abs/cs/0112017', role: 'paper' }],
        },
      ],
      [
        'no number that is not an arXiv id',
        '- Some Paper on Parsing arXiv:2413.00001\n',
        { title: 'Some Paper on Parsing arXiv:2413.00001', links: [] },
      ],
      [
        'a wiki link is its target',
        '- [[Attention Is All You Need]]\n',
        { title: 'Attention Is All You Need', aliases: [] },
      ],
      [
        'a wiki link shown under another name keeps that name as an alias',
        '- [[Attention Is All You Need|Transformer]] https://arxiv.org/abs/1706.03762\n',
        { title: 'Attention Is All You Need', aliases: ['Transformer'] },
      ],
      [
        "a wiki link to a heading is its note's title; an embed is no part of it",
        '- ![[figure.png]] [[Attention Is All You Need#Method|the transformer]]\n',
        { title: 'Attention Is All You Need', aliases: ['the transformer'] },
      ],
      [
        'an arXiv id in the middle of a note is a mention of another paper, not a link',
        '- Mixtral of Experts https://arxiv.org/abs/2401.04088\n  - compare with arXiv:2312.00752 (Mamba)\n',
        {
          title: 'Mixtral of Experts',
          links: [{ url: 'https://arxiv.org/abs/2401.04088', role: 'paper' }],
          notes: ['compare with arXiv:2312.00752 (Mamba)'],
        },
      ],
      [
        'an arXiv id at the end of the title line is its link',
        '- Mixtral of Experts (arXiv:2401.04088)\n',
        { title: 'Mixtral of Experts', links: [{ url: 'https://arxiv.org/abs/2401.04088', role: 'paper' }] },
      ],
      [
        'a dash before a capital is inside the title',
        '- Stop Regressing — Training Value Functions via Classification https://arxiv.org/abs/2403.03950\n',
        { title: 'Stop Regressing — Training Value Functions via Classification', notes: [] },
      ],
      [
        'a month tag before the title is no alias',
        '- [2023/05] QLoRA: Efficient Finetuning of Quantized LLMs [paper](https://arxiv.org/abs/2305.14314)\n',
        { title: 'QLoRA: Efficient Finetuning of Quantized LLMs', aliases: [], year: 2023 },
      ],
      [
        'a bare URL in brackets leaves no "()"; a dash set off by spaces ends the title; "; why:" is the why',
        '- Mamba (https://arxiv.org/abs/2312.00752) — selective SSMs; why: linear-time alternative to attention\n',
        {
          title: 'Mamba',
          notes: ['selective SSMs'],
          why: 'linear-time alternative to attention',
          links: [{ url: 'https://arxiv.org/abs/2312.00752', role: 'paper' }],
        },
      ],
      [
        "a call's brackets stay",
        '- LLM.int8() 8-bit Matrix Multiplication https://arxiv.org/abs/2208.07339\n',
        { title: 'LLM.int8() 8-bit Matrix Multiplication' },
      ],
      [
        "a reference's authors and venue after the title are a note",
        '2. Efficient Memory Management for Large Language Model Serving with PagedAttention. Kwon et al. SOSP 2023. [paper](https://arxiv.org/abs/2309.06180)\n',
        {
          title: 'Efficient Memory Management for Large Language Model Serving with PagedAttention',
          notes: ['Kwon et al. SOSP 2023.'],
          year: 2023,
        },
      ],
      [
        'a link labelled with its own URL is read as a bare URL: no URL as a title',
        '- <https://arxiv.org/abs/2205.14135>\n',
        {
          title: 'arxiv.org/abs/2205.14135',
          links: [{ url: 'https://arxiv.org/abs/2205.14135', role: 'paper' }],
        },
      ],
    ];
    itReadsEach(cases);
  });
  it('a status word in brackets is a marker, in any case: "[TODO] Title", "[done] Title", "[WIP]: Title"', () => {
    const items = parse(
      '- [TODO] Attention Is All You Need https://arxiv.org/abs/1706.03762\n- [done] FlashAttention https://arxiv.org/abs/2205.14135\n- [WIP]: GQA https://arxiv.org/abs/2305.13245\n- [TODO]: read this later\n',
    );
    assert.deepEqual(
      items.map((i) => [i.title, i.status]),
      [
        ['Attention Is All You Need', 'to-read'],
        ['FlashAttention', 'read'],
        ['GQA', 'reading'],
        ['read this later', 'to-read'],
      ],
    );
    assert.deepEqual(items[0]?.aliases, []);
  });
  it('"[TODO] Title" is a tag on its item: the bare items of the list are not made read (seed 002 writes TODO bare)', () => {
    const items = parse(
      '- [TODO] check the survey later\n- Attention Is All You Need https://arxiv.org/abs/1706.03762\n- Llama 2 https://arxiv.org/abs/2307.09288\n',
    );
    assert.deepEqual(
      items.map((i) => i.status),
      ['to-read', null, null],
    );
  });
  it('a list that marks read papers DONE as well says nothing of its bare items', () => {
    for (const marks of [['DONE'], ['TODO', 'DONE']]) {
      const rows = marks.map(
        (m, i) => `- ${m} Paper ${'ABCD'[i]} of the list https://arxiv.org/abs/2401.0000${i + 1}`,
      );
      const items = parse(`${rows.join('\n')}\n- Llama 2 https://arxiv.org/abs/2307.09288\n`);
      assert.equal(items.at(-1)?.status, null, marks.join(' and '));
    }
  });
  it('a "Must Read" heading sets importance for its items (MoE list)', () => {
    assert.equal(
      one('## Must Read\n- [Switch Transformers](https://arxiv.org/abs/2101.03961)\n').importance,
      5,
    );
  });
  it('a "read?" column sets status', () => {
    const md =
      '| Title | read? |\n|---|---|\n| [GShard Scaling Giant Models](https://arxiv.org/abs/2006.16668) | ✅ |\n| [Switch Transformers Paper](https://arxiv.org/abs/2101.03961) | |\n';
    assert.deepEqual(
      parse(md).map((i) => i.status),
      ['read', 'to-read'],
    );
  });
});

describe('topics', () => {
  it('a lone leading H1 is the title; numbering and emoji are dropped', () => {
    const list = parseMarkdownList(
      '# My list\n\n## 📚 1. Deep Learning\n### 一、基础\n- [A Paper Title Here](https://arxiv.org/abs/2006.16668)\n',
    );
    assert.equal(list.title, 'My list');
    assert.deepEqual(list.items[0]?.topic, ['Deep Learning', '基础']);
  });
  it('a Contents section of in-page links makes no items', () => {
    const list = parseMarkdownList(
      '# T\n## Contents\n- [Papers](#papers)\n- [Code](#code)\n## Papers\n- [A Paper Title Here](https://arxiv.org/abs/2006.16668)\n',
    );
    assert.equal(list.items.length, 1);
    assert.deepEqual(list.items[0]?.topic, ['Papers']);
  });
});

describe('HTML inside markdown', () => {
  it('reads <a href> in <table> rows and <details>', () => {
    const md =
      '<details><summary>More</summary>\n<table><tr><td><a href="https://arxiv.org/abs/2205.14135">FlashAttention</a></td><td><a href="https://github.com/Dao-AILab/flash-attention">code</a></td></tr></table>\n</details>\n';
    const item = one(md);
    assert.equal(item.title, 'FlashAttention');
    assert.deepEqual(
      item.links.map((l) => l.role),
      ['paper', 'code'],
    );
  });
  it('keeps a URL written inside a code block on the nearest item', () => {
    const items = parse(
      '- [A Paper Title Here](https://arxiv.org/abs/2006.16668)\n\n```\nsee https://example.org/extra\n```\n',
    );
    assert.ok(items[0]?.links.some((l) => l.url === 'https://example.org/extra'));
  });
});

describe('links outside list items', () => {
  it('a URL in a code block that opens a section stays in that section', () => {
    // DefTruth's "## ©️Citations" block (line 26) cites the list, not the entry above it.
    const items = parse(
      '## Introduction\n- [CUDA-Learn-Notes](https://github.com/xlite-dev/CUDA-Learn-Notes)\n\n## Citations\n\n```BibTeX\n@misc{Awesome-LLM-Inference@2024,\n  url={https://github.com/xlite-dev/Awesome-LLM-Inference},\n}\n```\n',
    );
    assert.deepEqual(
      items.map((i) => [i.topic.join(' / '), i.links.map((l) => l.url)]),
      [
        ['Introduction', ['https://github.com/xlite-dev/CUDA-Learn-Notes']],
        ['Citations', ['https://github.com/xlite-dev/Awesome-LLM-Inference']],
      ],
    );
  });
});
