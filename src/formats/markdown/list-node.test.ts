// What one item's head says (readHead, splitAliasPrefix, piecesLinks), on real lines read from
// ../shared (test/real-lines.ts): its title, aliases, notes, importance and the roles of its links.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { realLine, realTableRow, realText } from '../../../test/real-lines.js';
import type { ParsedItem } from '../../core/item.js';
import { parseMarkdownList } from './parse-markdown-list.js';

const DAIR = 'ml-papers-of-the-week_dair-ai.md';
const DEFTRUTH = 'awesome-llm-inference_DefTruth.md';
const HTQIN = 'awesome-model-quantization_htqin.md';
const PWL = 'papers-we-love_distributed_systems.md';

/** The one item that a piece of a real list reads as. */
function one(md: string): ParsedItem {
  const items = parseMarkdownList(md).items;
  assert.equal(items.length, 1, JSON.stringify(items.map((i) => i.title)));
  return items[0] as ParsedItem;
}

const row = (list: string, n: number): ParsedItem => one(realTableRow(list, n));
const line = (list: string, n: number): ParsedItem => one(`${realLine(list, n)}\n`);
const roles = (item: ParsedItem): string[] => item.links.map((l) => `${l.label ?? ''} ${l.role}`);

describe('where a table row’s title ends (dair-ai)', () => {
  const bold: [n: number, title: string, note: RegExp][] = [
    [539, 'Qwen-2.5 Technical Report', /^Alibaba releases Qwen2\.5/u], // "5) **…** - Alibaba releases"
    [557, 'Does RLHF Scale?', /^This new paper explores/u],
    [556, 'The Byte Latent Transformer (BLT)', /^introduces a byte-level/u], // "**…**- introduces"
    [567, 'Auto-RAG', /^an autonomous iterative retrieval model/u], // "**Auto-RAG**- an"
    [522, 'Large Concept Models', /^presents an approach/u], // "2)  **…**": two spaces after the number
    [1055, 'LM In-Context Recall is Prompt Dependent', /^analyzes the in-context recall/u],
  ];
  for (const [n, title, note] of bold) {
    it(`line ${n}: the bold title after the row's number, the rest a note`, () => {
      const item = row(DAIR, n);
      assert.equal(item.title, title);
      assert.match(item.notes[0] ?? '', note);
    });
  }
  it('lines 215 and 216: one space before the summary ("… in LLMs Introduces a unified …")', () => {
    const os = row(DAIR, 215);
    assert.equal(os.title, 'An Operating System for Memory-Augmented Generation in LLMs');
    assert.match(os.notes[0] ?? '', /^Introduces a unified operating system/u);
    const agents = row(DAIR, 216);
    assert.equal(agents.title, 'Building Production-Grade Conversational Agents with Workflow Graphs');
    assert.match(agents.notes[0] ?? '', /^This paper presents a pragmatic/u);
  });
  it('a double space before a capital still ends the title (line 161, "DeepRare  Introduces …")', () => {
    assert.equal(row(DAIR, 161).title, 'DeepRare');
  });
  it('a double space inside a title does not end it (DefTruth 487, "to leverage high  throughput")', () => {
    const item = row(DEFTRUTH, 487);
    assert.equal(
      item.title,
      'Reducing shared memory footprint to leverage high throughput on Tensor Cores and its flexible API extension library',
    );
    assert.deepEqual(item.notes, []);
  });
});

describe('decoration before a title (papers-we-love)', () => {
  it('line 12: a ":scroll:" icon links the pdf; the title is the next link', () => {
    const item = line(PWL, 12);
    assert.equal(item.title, 'A Note on Distributed Computing');
    assert.deepEqual(item.notes, []);
    assert.deepEqual(
      item.links.map((l) => [l.url, l.role, l.label]),
      [
        ['a-note-on-distributed-computing.pdf', 'pdf', ':scroll:'],
        [item.links[1]?.url, 'pdf', 'A Note on Distributed Computing'],
      ],
    );
  });
  it('line 54: the same, the Chubby paper', () => {
    assert.equal(line(PWL, 54).title, 'The Chubby Lock Service for Loosely-Coupled Distributed Systems');
  });
  it('line 76: ":scroll:" written before the link', () => {
    const item = line(PWL, 76);
    assert.equal(item.title, 'A History of the Virtual Synchrony Replication Model');
    assert.equal(item.links[0]?.role, 'pdf');
  });
  it('line 272: the stray ")" after the link is not part of the title', () => {
    assert.equal(line(PWL, 272).title, 'IronFleet: Proving Practical Distributed Systems Correct');
  });
  it('lines 98 and 177: object replacement characters pasted before the title go', () => {
    assert.equal(line(PWL, 98).title, 'Consensusin the Presenceof Partial Synchrony');
    assert.equal(line(PWL, 177).title, 'Viewing Control Structures as Patterns of Passing Messages');
  });
});

describe('tags before a title, and titles with commas', () => {
  const whole: [list: string, n: number, title: string][] = [
    [PWL, 48, 'Sparrow: Distributed, Low Latency Scheduling'],
    [PWL, 52, 'Hashgraph Consensus: Fair, Fast, Byzantine Fault Tolerance'],
    [PWL, 206, 'CRUSH: Controlled, Scalable, Decentralized Placement of Replicated Data'],
    [PWL, 216, 'HyperDex: A Distributed, Searchable Key-Value Store'],
    [HTQIN, 351, 'A Robust, Quantization-Aware Training Method for Photonic Neural Networks'],
    [HTQIN, 359, 'Simulated Quantization, Real Power Savings'],
  ];
  for (const [list, n, title] of whole) {
    it(`${list}:${n} keeps its whole title`, () => {
      const item = line(list, n);
      assert.equal(item.title, title);
      assert.deepEqual(item.aliases, []);
    });
  }
  it('DefTruth 375: "[**SentenceVAE**] SentenceVAE: Faster, Longer and …" keeps the title after the alias', () => {
    const item = row(DEFTRUTH, 375);
    assert.equal(
      item.title,
      'SentenceVAE: Faster, Longer and More Accurate Inference with Next-sentence Prediction for Large Language Models',
    );
    assert.deepEqual(item.aliases, ['SentenceVAE']);
  });
  it('seed 000:85: a tag before a sentence is the name, the sentence a note', () => {
    const item = one(realText('000', 85, 86));
    assert.equal(item.title, 'aimet');
    assert.deepEqual(item.aliases, []);
    assert.deepEqual(item.notes, [
      'AIMET is a library that provides advanced quantization and compression techniques for trained neural network models.',
    ]);
  });
  it('seed 000:103: lower-case tags before a title are still an alias', () => {
    const item = one(realText('000', 103, 104));
    assert.equal(item.title, 'In-Datacenter Performance Analysis of a Tensor Processing Unit');
    assert.deepEqual(item.aliases, ['google, tpu']);
  });
});

describe('venue tags (htqin, DefTruth)', () => {
  it('htqin 197: "[[ICLR](url)] GPTQ: …": the venue links the paper and is no alias', () => {
    const item = line(HTQIN, 197);
    assert.equal(
      item.title,
      'GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers',
    );
    assert.deepEqual(item.aliases, []);
    assert.deepEqual(roles(item), ['ICLR paper', 'code code']);
  });
  it('htqin 365: "[[NeurIPS]](url) Outlier Suppression: …": the title is the text after the tag', () => {
    const item = line(HTQIN, 365);
    assert.equal(item.title, 'Outlier Suppression: Pushing the Limit of Low-bit Transformer Language Models');
    assert.deepEqual(item.notes, []);
    assert.deepEqual(roles(item), ['[NeurIPS] paper', 'code code']);
  });
  it('DefTruth 327: "[**DynamicLLaVA**] [ICLR2025] Dynamic-LLaVA: …" drops the venue and year', () => {
    const item = row(DEFTRUTH, 327);
    assert.equal(
      item.title,
      'Dynamic-LLaVA: Efficient Multimodal Large Language Models via Dynamic Vision-language Context Sparsification',
    );
    assert.deepEqual(item.aliases, ['DynamicLLaVA']);
  });
});

describe('counts, tags and stray characters around a title', () => {
  it('htqin 441: a citation count "[47:fire:]" goes, GitHub stars "[1.2k:star:]" are no rating', () => {
    const item = line(HTQIN, 441);
    assert.equal(item.title, 'GhostNet: More Features from Cheap Operations');
    assert.equal(item.importance, null);
  });
  it('htqin 493: "[23:fire:] Binary neural networks: A survey. [bnn]"', () => {
    assert.equal(line(HTQIN, 493).title, 'Binary neural networks: A survey');
  });
  it('htqin 285 and 323: a tag in an unclosed bracket "[bnn]]" goes with the period', () => {
    assert.equal(line(HTQIN, 285).title, 'BiBERT: Accurate Fully Binarized BERT');
    assert.equal(
      line(HTQIN, 323).title,
      'SQuant: On-the-Fly Data-Free Quantization via Diagonal Hessian Approximation',
    );
  });
  it('htqin 372: "Optimization?." loses the period', () => {
    assert.equal(line(HTQIN, 372).title, 'How Do Adam and Training Strategies Help BNNs Optimization?');
  });
  it('htqin 421 and 423: soft hyphens go', () => {
    assert.equal(
      line(HTQIN, 421).title,
      'Compressing Deep Convolutional Neural Networks by Stacking Low-Dimensional Binary Convolution Filters',
    );
    assert.equal(line(HTQIN, 423).title, 'SA-BNN: State-Aware Binary Neural Network');
  });
  it('seed 004:27 and 116: " - GitHub" and "GitHub:" of a saved page title go', () => {
    assert.equal(line('004', 27).title, 'Prompt Lookup Decoding');
    assert.equal(line('004', 116).title, 'apple/ml-vision-transformers-ane');
  });
});

describe('link roles: a label that says little gives way to a clear URL', () => {
  it('DefTruth 172: "[[docs]]" on the repository is code', () => {
    assert.deepEqual(roles(row(DEFTRUTH, 172)), ['[docs] code', '[lightllm] code']);
  });
  it('DefTruth 71: "[[docs]]" on a file in the repository stays what the label says', () => {
    assert.deepEqual(roles(row(DEFTRUTH, 71)), ['[docs] other', '[Open-Sora] code']);
  });
  it('DefTruth 80: "[[report]]" on a pdf is the pdf', () => {
    assert.equal(row(DEFTRUTH, 80).links[0]?.role, 'pdf');
  });
  it('htqin 38: "[[Project]]" on github.com/htqin/BiBench is code', () => {
    assert.deepEqual(roles(line(HTQIN, 38)), ['Paper paper', 'Project code']);
  });
  it('dair-ai 273: "[Model]" on a repository is code', () => {
    assert.deepEqual(roles(row(DAIR, 273)), ['Paper pdf', 'Tweet other', 'Model code']);
  });
  it('dair-ai 339: "[Paper 1]", "[Paper 2]" are papers', () => {
    assert.deepEqual(roles(row(DAIR, 339)), ['Blog blog', 'Paper 1 paper', 'Paper 2 paper', 'Tweet other']);
  });
});

describe('a bracketed title the author left without its link', () => {
  it('chenhongyu’s reading list, line 986: "[Title]: note" is the title and a note', () => {
    const item = line('llm-inference-optimization-paper_chenhongyu2048.md', 986);
    assert.equal(
      item.title,
      'Parm: Efficient Training of Large Sparsely-Activated Models with Dedicated Schedules',
    );
    assert.deepEqual(item.notes, ["comm optimization in MoE, accepted by InfoCom'24"]);
    assert.equal(item.status, 'to-read');
  });
  it('leaves a short tag before a title alone ("[bnn] Title")', () => {
    const item = one('- [bnn] Binary Neural Networks: A Survey\n');
    assert.equal(item.title, 'Binary Neural Networks: A Survey');
    assert.deepEqual(item.aliases, ['bnn']);
  });
  it('reads a venue in brackets as a venue, not as the title ("[NeurIPS 2023 Oral]: Title")', () => {
    const title = 'Efficient Streaming Language Models with Attention Sinks';
    for (const head of [
      '[NeurIPS 2023 Oral]: ',
      "[ICML'24 Spotlight]: ",
      "[ICML'24 Spotlight] ",
      '[ACL 2023 Findings]: ',
      '[EMNLP-IJCNLP 2019]: ',
    ]) {
      const item = one(`- ${head}${title}\n`);
      assert.equal(item.title, title, head);
      assert.deepEqual([item.aliases, item.notes], [[], []], head);
    }
  });
  it('reads a bracketed name and a note in lower case as the title and the note', () => {
    const item = one('- [FlashAttention]: fast attention kernel\n');
    assert.deepEqual(
      [item.title, item.aliases, item.notes],
      ['FlashAttention', [], ['fast attention kernel']],
    );
    const named = one('- [GPT-3]: Language Models are Few-Shot Learners\n');
    assert.deepEqual([named.title, named.aliases], ['Language Models are Few-Shot Learners', ['GPT-3']]);
  });
});

describe('a row that CommonMark would read as a link reference definition', () => {
  // "[label]: destination" at the start of a bullet defines a reference, which renders as
  // nothing: the row vanished, or its URL went to the row before it.
  const list = [
    '- [PagedAttention](https://arxiv.org/abs/2309.06180): vLLM paper',
    '- [Flash Decoding Paper]: todo',
    '- [Efficient Streaming Language Models with Attention Sinks]: https://arxiv.org/abs/2309.17453',
    '',
  ].join('\n');
  it('is an entry of its own, with its title, its note and its link', () => {
    const items = parseMarkdownList(list).items;
    assert.deepEqual(
      items.map((i) => [i.title, i.notes, i.links.map((l) => l.url), i.line]),
      [
        ['PagedAttention', ['vLLM paper'], ['https://arxiv.org/abs/2309.06180'], 1],
        ['Flash Decoding Paper', ['todo'], [], 2],
        [
          'Efficient Streaming Language Models with Attention Sinks',
          [],
          ['https://arxiv.org/abs/2309.17453'],
          3,
        ],
      ],
    );
  });
  it('a short name before a URL is the title: "[vLLM]: https://github.com/vllm-project/vllm"', () => {
    const item = one('- [vLLM]: https://github.com/vllm-project/vllm\n');
    assert.deepEqual(
      [item.title, item.aliases, item.notes, item.links.map((l) => l.url)],
      ['vLLM', [], [], ['https://github.com/vllm-project/vllm']],
    );
  });
  it('a quoted title after the URL is the title and the name its alias, as a definition reads', () => {
    const items = parseMarkdownList(
      [
        '- [Mamba]: <https://arxiv.org/abs/2312.00752> "Mamba: Linear-Time Sequence Modeling with Selective State Spaces"',
        "- [Mamba-2]: https://arxiv.org/abs/2405.21060 'Transformers are SSMs'",
        '',
      ].join('\n'),
    ).items;
    assert.deepEqual(
      items.map((i) => [i.title, i.aliases, i.notes, i.links.map((l) => l.url)]),
      [
        [
          'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
          ['Mamba'],
          [],
          ['https://arxiv.org/abs/2312.00752'],
        ],
        ['Transformers are SSMs', ['Mamba-2'], [], ['https://arxiv.org/abs/2405.21060']],
      ],
    );
  });
  it('behind a quote marker on the bullet\'s line, is an entry too: "- > [Title]: todo"', () => {
    const items = parseMarkdownList(
      '- > [Flash Decoding Paper]: todo\n- [Orca](https://example.org/orca)\n',
    ).items;
    assert.deepEqual(
      items.map((i) => [i.title, i.notes, i.line]),
      [
        ['Flash Decoding Paper', ['todo'], 1],
        ['Orca', [], 2],
      ],
    );
  });
  it('a note in brackets or quotes after the title stays a note; a quoted tagline is no title', () => {
    const items = parseMarkdownList(
      [
        '- [Attention Is All You Need]: (read this one first)',
        '- [Scaling Laws for Neural Language Models]: "important for the course"',
        '- [FlashAttention]: (fast attention kernel for GPUs)',
        '- [vLLM]: https://github.com/vllm-project/vllm "easy, fast and cheap LLM serving"',
        '',
      ].join('\n'),
    ).items;
    assert.deepEqual(
      items.map((i) => [i.title, i.aliases, i.notes]),
      [
        ['Attention Is All You Need', [], ['(read this one first)']],
        ['Scaling Laws for Neural Language Models', [], ['"important for the course"']],
        ['FlashAttention', [], ['(fast attention kernel for GPUs)']],
        ['vLLM', [], ['"easy, fast and cheap LLM serving"']],
      ],
    );
  });
  it('in a quote written without a space (">- [Title]: todo"), is an entry too', () => {
    const items = parseMarkdownList(
      '>- [Flash Decoding Paper]: todo\n>- [Orca](https://example.org/orca)\n',
    ).items;
    assert.deepEqual(
      items.map((i) => [i.title, i.notes]),
      [
        ['Flash Decoding Paper', ['todo']],
        ['Orca', []],
      ],
    );
  });
  it(
    'reads a hostile bracket of hundreds of words at once (a pattern that backtracked took minutes)',
    {
      timeout: 60_000,
    },
    () => {
      const item = one(`- [${'ab '.repeat(600)}] x\n`);
      assert.equal(item.title.length > 1000, true);
    },
  );
  it('indented under the last bullet, on a line of its own, is still a definition', () => {
    const items = parseMarkdownList(
      [
        '- [Attention Is All You Need][tf]',
        '- [BERT: Pre-training of Deep Bidirectional Transformers][bert]',
        '',
        '  [tf]: https://arxiv.org/abs/1706.03762',
        '  [bert]: https://arxiv.org/abs/1810.04805',
        '',
      ].join('\n'),
    ).items;
    assert.deepEqual(
      items.map((i) => [i.title, i.notes, i.links.map((l) => l.url)]),
      [
        ['Attention Is All You Need', [], ['https://arxiv.org/abs/1706.03762']],
        ['BERT: Pre-training of Deep Bidirectional Transformers', [], ['https://arxiv.org/abs/1810.04805']],
      ],
    );
  });
  it('outside a list is still a definition that the links above it use', () => {
    const item = one('- [Attention Is All You Need][tf]\n\n[tf]: https://arxiv.org/abs/1706.03762\n');
    assert.deepEqual(
      [item.title, item.links.map((l) => l.url)],
      ['Attention Is All You Need', ['https://arxiv.org/abs/1706.03762']],
    );
  });
});
