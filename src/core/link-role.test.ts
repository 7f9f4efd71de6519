// Link roles as a table of real links. Sources: the seeds in ../shared/seeds/ and the lists in
// ../shared/testdata/lists/ (file and line in each comment); "variant" rows rewrite a real link.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { REAL_LISTS } from '../../test/real-lists.js';
import type { Link, LinkRole } from './item.js';
import { classifyLink, itemKindFromLinks, labelWord } from './link-role.js';

describe('classifyLink from the URL alone', () => {
  const cases: [url: string, role: LinkRole][] = [
    // paper pages
    ['https://arxiv.org/abs/2401.04088', 'paper'], // seed 004:9
    ['https://arxiv.org/html/2401.12522v2', 'paper'], // seed 000:65
    ['https://huggingface.co/papers/2401.15077', 'paper'], // seed 004:32
    ['https://dl.acm.org/doi/abs/10.1145/3582016.3582018', 'paper'], // seed 004:110
    ['https://openreview.net/forum?id=8j9hz8DVi8', 'paper'], // seed 004:124
    ['https://www.usenix.org/conference/osdi22/presentation/yu', 'paper'], // seed 003:229
    ['https://aclanthology.org/2023.findings-acl.15/', 'paper'], // awesome-model-quantization_htqin:200
    ['https://ieeexplore.ieee.org/document/10049753/', 'paper'], // awesome-model-quantization_htqin:206
    [
      // awesome-mixture-of-experts_XueFuzhao:36
      'https://proceedings.neurips.cc/paper/2021/hash/48237d9f2dea8c74c2a72126cf63d933-Abstract.html',
      'paper',
    ],
    ['https://proceedings.mlr.press/v162/huang22h.html', 'paper'], // awesome-model-quantization_htqin:282
    [
      // paper-reading_mli_zh:83
      'https://www.semanticscholar.org/paper/ImageNet-classification-with-deep-convolutional-Krizhevsky-Sutskever/abd1c342495432171beb7ca8fd9551ef13cbd0ff',
      'paper',
    ],
    ['https://www.nature.com/articles/s41586-024-08252-9', 'paper'], // ml-papers-of-the-week_dair-ai:568
    ['https://doi.org/10.3390/electronics8060661', 'paper'], // awesome-model-quantization_htqin:560
    ['https://mlsys.org/virtual/2025/poster/2955', 'paper'], // chenhongyu2048's llm-inference-optimization-paper
    ['https://nips.cc/Conferences/2022/Schedule?showEvent=53073', 'paper'], // awesome-model-quantization_htqin:299
    ['https://icml.cc/', 'site'], // seed 003
    // pdfs
    ['https://arxiv.org/pdf/2305.13245', 'pdf'], // seed 000:81
    ['https://arxiv.org/ftp/arxiv/papers/1704/1704.04760.pdf', 'pdf'], // seed 004:61
    ['https://dl.acm.org/doi/pdf/10.1145/3360307', 'pdf'], // seed 004:62
    ['https://openreview.net/pdf?id=XKeyCSUWusK', 'pdf'], // awesome-model-quantization_htqin:463
    ['https://people.freebsd.org/~lstewart/articles/cpumemory.pdf', 'pdf'], // seed 000:33
    ['https://github.com/deepseek-ai/DeepSeek-V3/blob/main/DeepSeek_V3.pdf', 'pdf'], // DefTruth:79
    ['https://aclanthology.org/2020.acl-main.537.pdf', 'pdf'], // awesome-llm-inference_DefTruth:387
    // slides win over pdf (seed 000:50)
    ['https://icml.cc/media/icml-2019/Slides/5053.pdf', 'slides'],
    ['https://www.slideshare.net/xyz/flash-attention', 'slides'], // variant
    ['https://example.org/talks/lecture3.pptx', 'slides'], // variant
    // code
    ['https://github.com/JDAI-CV/dabnn', 'code'], // seed 000:23
    ['https://github.com/flame/how-to-optimize-gemm/wiki', 'code'], // seed 000:13
    ['https://github.com/microsoft/unilm/tree/master/YOCO', 'code'], // awesome-llm-inference_DefTruth:74
    ['https://huggingface.co/deepseek-ai/Janus-Pro-7B', 'code'], // ml-papers-of-the-week_dair-ai:453
    ['https://gitlab.com/owner/project', 'code'], // variant
    // blogs
    ['https://towardsdatascience.com/a-basic-introduction-to-separable-convolutions-b99ec3102728', 'blog'], // seed 000:17
    ['http://karpathy.github.io/2015/05/21/rnn-effectiveness/', 'blog'], // seed 004:43
    ['https://sophiamyang.medium.com/building-a-retrieval-augmented-generation-chatbot-d567a24fcd14', 'blog'], // seed 004:82
    ['https://helixml.substack.com/p/how-we-got-fine-tuning-mistral-7b', 'blog'], // seed 004:95
    ['https://pytorch.org/blog/inside-the-matrix/', 'blog'], // seed 004:50
    ['https://lmsys.org/blog/2023-11-21-lookahead-decoding/', 'blog'], // seed 004:26
    ['https://blog.vllm.ai/2023/06/20/vllm.html', 'blog'], // seed 000
    ['https://zhuanlan.zhihu.com/p/655325832', 'blog'], // seed 000:82
    ['https://ai.googleblog.com/2023/01/google-research-2022-beyond-language.html', 'blog'], // dair-ai
    ['https://www.borealisai.com/research-blogs/tutorial-17-transformers-iii-training/', 'blog'], // seed 004:73
    ['https://huggingface.co/blog/moe', 'blog'], // variant of seed 003:386
    // a blog's front page is a site to visit, not a post (seed 003's blogs to follow, chenhongyu's researchers)
    ['https://huggingface.co/blog', 'site'], // seed 003:386
    ['https://developer.nvidia.com/blog/', 'site'], // seed 003:373
    ['https://ai.googleblog.com/', 'site'], // seed 003:377
    ['https://www.microsoft.com/en-us/research/blog/', 'site'], // seed 003:390
    ['https://zhangce.github.io/', 'site'], // llm-inference-optimization-paper_chenhongyu2048:35
    // video
    ['https://www.youtube.com/watch?v=6XidEHVjS1A', 'video'], // paper-reading_mli_zh:8
    ['https://youtu.be/K0SZ9mdygTw', 'video'], // paper-reading_mli_zh:12
    ['https://www.bilibili.com/video/BV1c8HbeaEXi', 'video'], // paper-reading_mli_zh:7
    ['https://www.zhihu.com/zvideo/1428973951632969728', 'video'], // paper-reading_mli_zh
    // notes
    ['./papers/LLM/FlashAttention.md', 'notes'], // seed 002:11
    ['./blogs/ray/', 'notes'], // seed 002:39
    [
      // ml-papers-of-the-week_dair-ai:500
      'https://curvy-check-498.notion.site/Process-Reinforcement-through-Implicit-Rewards-15f4fcb9c42180f1b498cc9b2eaf896f',
      'notes',
    ],
    // relative pdf next to the list (papers-we-love_distributed_systems)
    ['zookeeper-wait-free-coordination-for-internet-scale-systems.pdf', 'pdf'],
    // sites
    ['https://hai.stanford.edu/', 'site'], // seed 003
    ['https://github.com/Xingyu-Zheng', 'site'], // awesome-model-quantization_htqin:3
    ['https://huggingface.co/nvidia', 'site'], // ml-papers-of-the-week_dair-ai:256
    ['https://huggingface.co/docs/transformers/model_doc/roformer', 'site'], // DefTruth:507
    // other
    ['https://x.com/omarsar0/status/1937600372430045494', 'other'], // ml-papers-of-the-week_dair-ai
    ['https://twitter.com/dair_ai/status/1624832248691191808?s=20&t=ygX07dsAPDF8_jwrxZIo1Q', 'other'], // dair-ai
    ['https://tenstorrent.com/research/a-review-of-sparse-expert-models-in-deep-learning/', 'other'], // seed 004:20
    ['#paperlist', 'other'], // awesome-llm-inference_DefTruth
    ['./#Trending-LLM-VLM-Topics', 'other'], // awesome-llm-inference_DefTruth
  ];
  for (const [url, role] of cases) {
    it(`${url} -> ${role}`, () => assert.equal(classifyLink(url), role));
  }
});

describe('classifyLink with a label', () => {
  const cases: [url: string, label: string, role: LinkRole][] = [
    // seed 002:7, `[[paper](...)]` and `[[code](...)]`
    ['https://arxiv.org/abs/2110.02861v1', 'paper', 'paper'],
    ['https://github.com/TimDettmers/bitsandbytes', 'code', 'code'],
    // seed 002:23, a paper label on a pdf URL keeps the more precise role
    ['https://arxiv.org/pdf/2308.03279', 'paper', 'pdf'],
    // seed 002:35, the label wins: the author calls this repo a blog
    ['https://github.com/ray-project/llm-numbers', 'blog', 'blog'],
    // seed 002:29
    [
      'https://docs.nvidia.com/deeplearning/performance/dl-performance-gpu-background/index.html#undefined',
      'blog',
      'blog',
    ],
    // awesome-llm-inference_DefTruth:73, `[[pdf]]`
    ['https://arxiv.org/pdf/2405.04434', '[pdf]', 'pdf'],
    // awesome-llm-inference_DefTruth:76, pdf label on a non-arXiv pdf
    ['https://tridao.me/publications/flash3/flash3.pdf', '[pdf]', 'pdf'],
    // awesome-llm-inference_DefTruth:71, a repo name is no role word: the URL decides
    ['https://github.com/hpcaitech/Open-Sora', '[Open-Sora]', 'code'],
    // awesome-llm-inference_DefTruth:71 and :80, docs/report
    ['https://github.com/hpcaitech/Open-Sora/blob/main/docs/zh_CN/README.md', '[docs]', 'site'],
    ['https://filecdn.minimax.chat/_Arxiv_MiniMax_01_Report.pdf', '[report]', 'pdf'],
    // words that say little give way to a URL that is clearly code or a paper:
    // awesome-llm-inference_DefTruth:172, awesome-model-quantization_htqin:38,
    // ml-papers-of-the-week_dair-ai:273 and :1984
    ['https://github.com/ModelTC/lightllm', '[docs]', 'code'],
    ['https://github.com/htqin/BiBench', 'Project', 'code'],
    ['https://github.com/MoonshotAI/Kimi-Audio', 'Model', 'code'],
    ['https://arxiv.org/abs/2303.04129', 'Project', 'paper'],
    ['https://research.runwayml.com/gen1', 'Project', 'site'], // ml-papers-of-the-week_dair-ai:2052
    // ml-papers-of-the-week_dair-ai:339, numbered labels
    ['https://transformer-circuits.pub/2025/attribution-graphs/methods.html', 'Paper 1', 'paper'],
    // seed 003 (repaired): 链接 ("link") says nothing, 代码 ("code") does
    ['https://arxiv.org/abs/1706.03762', '链接', 'paper'],
    ['https://github.com/Dao-AILab/flash-attention', '代码', 'code'],
    ['https://hai.stanford.edu/', '网站', 'site'],
    // awesome-model-quantization_htqin: venue labels, `[torch]`, `[Blog]`
    ['https://openaccess.thecvf.com/content_CVPR_2019/html/x.html', 'CVPR', 'paper'],
    ['https://arxiv.org/pdf/2004.09602.pdf', 'CoRR', 'pdf'],
    ['https://github.com/htqin/BiBench', 'torch', 'code'],
    ['https://mp.weixin.qq.com/s/QGva6fow9tad_daZ_G2p0Q', 'Blog', 'blog'],
    // ml-papers-of-the-week_dair-ai: `[Paper]`, `[Tweet]`, `[Models]`
    ['https://www.arxiv.org/abs/2506.08388', 'Paper', 'paper'],
    ['https://x.com/omarsar0/status/1937600372430045494', 'Tweet', 'other'],
    ['https://huggingface.co/deepseek-ai', 'Models', 'site'],
    ['https://huggingface.co/papers/2401.15077', 'HuggingFace', 'paper'],
    // paper-reading_mli_zh, emoji and brackets stripped
    ['https://www.bilibili.com/video/BV1c8HbeaEXi', '📺 bilibili', 'video'],
    ['https://zhuanlan.zhihu.com/p/27181462601', '[知乎]', 'blog'],
    // variants
    ['https://example.org/talk.pdf', 'Slides', 'slides'],
    ['https://example.org/notes/attention', '笔记', 'notes'],
  ];
  for (const [url, label, role] of cases) {
    it(`${label} ${url} -> ${role}`, () => assert.equal(classifyLink(url, label), role));
  }
});

describe('labelWord', () => {
  // A trailing joiner is noise (a space, then trimmed) and takes the label off the ASCII way.
  const unicodeWay = (label: string): string => labelWord(`${label}\u200d`);

  it('drops the same ASCII characters as the class with emoji', () => {
    for (let code = 0; code < 128; code++) {
      const label = `a${String.fromCharCode(code)}b`;
      assert.equal(labelWord(label), unicodeWay(label), `character ${code}`);
    }
  });

  it('reads every link label of the seeds and the real lists as the class with emoji does', () => {
    let labels = 0;
    for (const file of REAL_LISTS) {
      for (const [, label = ''] of fs.readFileSync(file, 'utf8').matchAll(/\[([^\]\n]*)\]\(/gu)) {
        assert.equal(labelWord(label), unicodeWay(label), label);
        labels++;
      }
    }
    assert.ok(labels > 5000, `labels read (${labels})`);
  });
});

describe('itemKindFromLinks', () => {
  const link = (url: string, role: LinkRole): Link => ({ url, role });
  const cases: [name: string, links: Link[], kind: string][] = [
    [
      // seed 002:11: note file, paper and code
      'seed 002 paper with notes and code',
      [
        link('./papers/LLM/FlashAttention.md', 'notes'),
        link('https://arxiv.org/abs/2205.14135', 'paper'),
        link('https://github.com/Dao-AILab/flash-attention', 'code'),
      ],
      'paper',
    ],
    [
      // seed 002:33: the item is the blog post, not the reader's note on it
      'seed 002 blog note',
      [
        link('./blogs/ContinuousBatch.md', 'notes'),
        link('https://www.anyscale.com/blog/continuous-batching-llm-inference', 'blog'),
        link('https://github.com/anyscale/llm-continuous-batching-benchmarks', 'code'),
      ],
      'blog',
    ],
    ['seed 004 pdf only', [link('https://dl.acm.org/doi/pdf/10.1145/3360307', 'pdf')], 'paper'],
    ['seed 004 repo', [link('https://github.com/google-deepmind/graphcast', 'code')], 'code'],
    [
      'dair-ai tweet then repo',
      [link('https://x.com/omarsar0/status/1', 'other'), link('https://github.com/GAIR-NLP/LIMO', 'code')],
      'code',
    ],
    ['seed 003 lab site', [link('https://hai.stanford.edu/', 'site')], 'site'],
    ['seed 002 notes folder only', [link('./blogs/ray/', 'notes')], 'notes'],
    ['mli video', [link('https://youtu.be/K0SZ9mdygTw', 'video')], 'video'],
    ['tweet only', [link('https://x.com/omarsar0/status/1', 'other')], 'other'],
    ['no links', [], 'other'],
  ];
  for (const [name, links, kind] of cases) {
    it(name, () => assert.equal(itemKindFromLinks(links), kind));
  }
});
