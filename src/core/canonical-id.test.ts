// The identity rules as a table of real links. Sources: the seeds in ../shared/seeds/ and the
// lists in ../shared/testdata/lists/ (file and line in each comment). Rows marked "variant"
// rewrite a real link into a shape the lists do not contain (yet) but readers paste.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { REAL_LISTS } from '../../test/real-lists.js';
import { describe, it } from 'node:test';
import {
  type CanonicalId,
  canonicalIdsOfUrl,
  idKey,
  isBadgeOrAnchor,
  normalizeUrl,
  parseArxivId,
  parseDoi,
  strongIdOfUrl,
} from './canonical-id.js';

const keys = (url: string): string[] => canonicalIdsOfUrl(url).map(idKey);

describe('canonicalIdsOfUrl: arXiv', () => {
  const cases: [url: string, ids: string[]][] = [
    // seed 004:9
    ['https://arxiv.org/abs/2401.04088', ['arxiv:2401.04088', 'url:arxiv.org/abs/2401.04088']],
    // seed 002:7, version suffix
    ['https://arxiv.org/abs/2110.02861v1', ['arxiv:2110.02861', 'url:arxiv.org/abs/2110.02861v1']],
    // paper-reading_mli_zh:125, http and v5
    ['http://arxiv.org/abs/1512.02325v5', ['arxiv:1512.02325', 'url:arxiv.org/abs/1512.02325v5']],
    // seed 000:81, pdf without extension
    ['https://arxiv.org/pdf/2305.13245', ['arxiv:2305.13245', 'url:arxiv.org/pdf/2305.13245']],
    // awesome-llm-inference_DefTruth:249, pdf with extension
    ['https://arxiv.org/pdf/2305.13245.pdf', ['arxiv:2305.13245', 'url:arxiv.org/pdf/2305.13245.pdf']],
    // paper-reading_mli_zh:122, version and extension
    ['https://arxiv.org/pdf/1311.2524v5.pdf', ['arxiv:1311.2524', 'url:arxiv.org/pdf/1311.2524v5.pdf']],
    // seed 000:65, html view
    ['https://arxiv.org/html/2401.12522v2', ['arxiv:2401.12522', 'url:arxiv.org/html/2401.12522v2']],
    // llm-inference-optimization-paper_chenhongyu2048:753
    ['https://arxiv.org/html/2410.01228v1', ['arxiv:2410.01228', 'url:arxiv.org/html/2410.01228v1']],
    // seed 004:61, the TPU paper as an ftp pdf
    [
      'https://arxiv.org/ftp/arxiv/papers/1704/1704.04760.pdf',
      ['arxiv:1704.04760', 'url:arxiv.org/ftp/arxiv/papers/1704/1704.04760.pdf'],
    ],
    // awesome-llm-inference_DefTruth:460
    [
      'https://arxiv.org/ftp/arxiv/papers/2403/2403.20041.pdf',
      ['arxiv:2403.20041', 'url:arxiv.org/ftp/arxiv/papers/2403/2403.20041.pdf'],
    ],
    // ml-papers-of-the-week_dair-ai:160, www.
    ['https://www.arxiv.org/abs/2506.08388', ['arxiv:2506.08388', 'url:arxiv.org/abs/2506.08388']],
    // awesome-llm-inference_DefTruth:328
    ['https://www.arxiv.org/pdf/2502.15734', ['arxiv:2502.15734', 'url:arxiv.org/pdf/2502.15734']],
    // awesome-llm-inference_DefTruth:210, browse.arxiv.org
    [
      'https://browse.arxiv.org/pdf/2306.00978.pdf',
      ['arxiv:2306.00978', 'url:browse.arxiv.org/pdf/2306.00978.pdf'],
    ],
    // awesome-model-quantization_htqin:152
    ['https://browse.arxiv.org/abs/2402.00858', ['arxiv:2402.00858', 'url:browse.arxiv.org/abs/2402.00858']],
    // llm-inference-optimization-paper_chenhongyu2048:748, tracking query
    [
      'https://arxiv.org/abs/2408.13510?utm_source=pocket_shared',
      ['arxiv:2408.13510', 'url:arxiv.org/abs/2408.13510'],
    ],
    // llm-inference-optimization-paper_chenhongyu2048:760, empty fragment
    ['https://arxiv.org/abs/2412.03594#', ['arxiv:2412.03594', 'url:arxiv.org/abs/2412.03594']],
    // seed 000:53, prose comma glued to the URL
    ['https://arxiv.org/pdf/2004.09602.pdf,', ['arxiv:2004.09602', 'url:arxiv.org/pdf/2004.09602.pdf']],
    // seed 004:32, EAGLE on Hugging Face papers
    [
      'https://huggingface.co/papers/2401.15077',
      ['arxiv:2401.15077', 'url:huggingface.co/papers/2401.15077'],
    ],
    // seed 004:13
    [
      'https://huggingface.co/papers/2402.08609',
      ['arxiv:2402.08609', 'url:huggingface.co/papers/2402.08609'],
    ],
    // variants of seed 004:9 (Mixtral) on the mirrors and readers
    [
      'http://export.arxiv.org/abs/2401.04088v2',
      ['arxiv:2401.04088', 'url:export.arxiv.org/abs/2401.04088v2'],
    ],
    ['https://ar5iv.org/abs/2401.04088', ['arxiv:2401.04088', 'url:ar5iv.org/abs/2401.04088']],
    [
      'https://ar5iv.labs.arxiv.org/html/2401.04088',
      ['arxiv:2401.04088', 'url:ar5iv.labs.arxiv.org/html/2401.04088'],
    ],
    ['https://www.alphaxiv.org/abs/2401.04088', ['arxiv:2401.04088', 'url:alphaxiv.org/abs/2401.04088']],
    [
      'https://www.alphaxiv.org/overview/2401.04088v1',
      ['arxiv:2401.04088', 'url:alphaxiv.org/overview/2401.04088v1'],
    ],
    ['https://papers.cool/arxiv/2401.04088', ['arxiv:2401.04088', 'url:papers.cool/arxiv/2401.04088']],
    [
      'https://arxiv-sanity-lite.com/?rank=pid&pid=2401.04088',
      ['arxiv:2401.04088', 'url:arxiv-sanity-lite.com?pid=2401.04088&rank=pid'],
    ],
    [
      'https://doi.org/10.48550/arXiv.2401.04088',
      ['arxiv:2401.04088', 'url:doi.org/10.48550/arXiv.2401.04088'],
    ],
    // old-style ids: archive kept, version dropped, subject class dropped
    ['https://arxiv.org/abs/cs/0112017', ['arxiv:cs/0112017', 'url:arxiv.org/abs/cs/0112017']],
    [
      'https://arxiv.org/abs/hep-th/9901001v2',
      ['arxiv:hep-th/9901001', 'url:arxiv.org/abs/hep-th/9901001v2'],
    ],
    ['https://arxiv.org/pdf/math.GT/0309136', ['arxiv:math/0309136', 'url:arxiv.org/pdf/math.GT/0309136']],
    [
      'https://arxiv.org/ftp/cs/papers/0112/0112017.pdf',
      ['arxiv:cs/0112017', 'url:arxiv.org/ftp/cs/papers/0112/0112017.pdf'],
    ],
    // seed 003:312, arXiv's home page carries no paper
    ['https://arxiv.org/', ['url:arxiv.org']],
    // month 13 is no arXiv id
    ['https://arxiv.org/abs/2413.01234', ['url:arxiv.org/abs/2413.01234']],
    // awesome-llm-inference_DefTruth:80, "Arxiv" in a file name is not arXiv
    [
      'https://filecdn.minimax.chat/_Arxiv_MiniMax_01_Report.pdf',
      ['url:filecdn.minimax.chat/_Arxiv_MiniMax_01_Report.pdf'],
    ],
  ];
  for (const [url, ids] of cases) {
    it(url, () => assert.deepEqual(keys(url), ids));
  }
});

describe('canonicalIdsOfUrl: DOI', () => {
  const cases: [url: string, ids: string[]][] = [
    // seed 004:62
    [
      'https://dl.acm.org/doi/pdf/10.1145/3360307',
      ['doi:10.1145/3360307', 'url:dl.acm.org/doi/pdf/10.1145/3360307'],
    ],
    // seed 004:110
    [
      'https://dl.acm.org/doi/abs/10.1145/3582016.3582018',
      ['doi:10.1145/3582016.3582018', 'url:dl.acm.org/doi/abs/10.1145/3582016.3582018'],
    ],
    // llm-inference-optimization-paper_chenhongyu2048:73
    [
      'https://dl.acm.org/doi/full/10.1145/3638757',
      ['doi:10.1145/3638757', 'url:dl.acm.org/doi/full/10.1145/3638757'],
    ],
    // llm-inference-optimization-paper_chenhongyu2048:721, ACM's 10.5555 placeholder prefix
    [
      'https://dl.acm.org/doi/abs/10.5555/3358807.3358897',
      ['doi:10.5555/3358807.3358897', 'url:dl.acm.org/doi/abs/10.5555/3358807.3358897'],
    ],
    // awesome-model-quantization_htqin:560
    [
      'https://doi.org/10.3390/electronics8060661',
      ['doi:10.3390/electronics8060661', 'url:doi.org/10.3390/electronics8060661'],
    ],
    // ml-papers-of-the-week_dair-ai:607
    [
      'https://www.science.org/doi/10.1126/science.ado9336',
      ['doi:10.1126/science.ado9336', 'url:science.org/doi/10.1126/science.ado9336'],
    ],
    // llm-inference-optimization-paper_chenhongyu2048:904
    [
      'https://www.techrxiv.org/doi/full/10.36227/techrxiv.174015835.57150536',
      [
        'doi:10.36227/techrxiv.174015835.57150536',
        'url:techrxiv.org/doi/full/10.36227/techrxiv.174015835.57150536',
      ],
    ],
    // ml-papers-of-the-week_dair-ai:568, Nature's article id is the DOI suffix
    [
      'https://www.nature.com/articles/s41586-024-08252-9',
      ['doi:10.1038/s41586-024-08252-9', 'url:nature.com/articles/s41586-024-08252-9'],
    ],
    // awesome-model-quantization_htqin:332, an archived ACM pdf is the ACM paper
    [
      'https://web.archive.org/web/20220722092230id_/https://dl.acm.org/doi/pdf/10.1145/3549535',
      ['doi:10.1145/3549535', 'url:dl.acm.org/doi/pdf/10.1145/3549535'],
    ],
    // variants: dx.doi.org with upper case and an escaped slash; wiley with a view suffix;
    // springer pdf; PLOS query
    ['http://dx.doi.org/10.1145%2F3360307', ['doi:10.1145/3360307', 'url:dx.doi.org/10.1145%2F3360307']],
    [
      'https://onlinelibrary.wiley.com/doi/10.1002/AISY.202000001/abstract',
      ['doi:10.1002/aisy.202000001', 'url:onlinelibrary.wiley.com/doi/10.1002/AISY.202000001/abstract'],
    ],
    [
      'https://link.springer.com/content/pdf/10.1007/s11263-021-01453-z.pdf',
      ['doi:10.1007/s11263-021-01453-z', 'url:link.springer.com/content/pdf/10.1007/s11263-021-01453-z.pdf'],
    ],
    [
      'https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0123456',
      [
        'doi:10.1371/journal.pone.0123456',
        'url:journals.plos.org/plosone/article?id=10.1371/journal.pone.0123456',
      ],
    ],
    // papers-we-love_distributed_systems: CiteSeerX's `doi=` is not a DOI
    [
      'http://citeseerx.ist.psu.edu/viewdoc/download?doi=10.1.1.21.2707&rep=rep1&type=pdf',
      ['url:citeseerx.ist.psu.edu/viewdoc/download?doi=10.1.1.21.2707&rep=rep1&type=pdf'],
    ],
    // awesome-model-quantization_htqin:206, IEEE pages carry no DOI in the URL
    ['https://ieeexplore.ieee.org/document/10049753/', ['url:ieeexplore.ieee.org/document/10049753']],
  ];
  for (const [url, ids] of cases) {
    it(url, () => assert.deepEqual(keys(url), ids));
  }
});

describe('canonicalIdsOfUrl: GitHub', () => {
  const cases: [url: string, ids: string[]][] = [
    // seed 002:11, owner case folded
    [
      'https://github.com/Dao-AILab/flash-attention',
      ['github:dao-ailab/flash-attention', 'url:github.com/Dao-AILab/flash-attention'],
    ],
    // seed 000:13, wiki
    [
      'https://github.com/flame/how-to-optimize-gemm/wiki',
      ['github:flame/how-to-optimize-gemm', 'url:github.com/flame/how-to-optimize-gemm/wiki'],
    ],
    // awesome-llm-inference_DefTruth:74, tree into a monorepo
    [
      'https://github.com/microsoft/unilm/tree/master/YOCO',
      ['github:microsoft/unilm', 'url:github.com/microsoft/unilm/tree/master/YOCO'],
    ],
    // awesome-llm-inference_DefTruth:79, blob
    [
      'https://github.com/deepseek-ai/DeepSeek-V3/blob/main/DeepSeek_V3.pdf',
      ['github:deepseek-ai/deepseek-v3', 'url:github.com/deepseek-ai/DeepSeek-V3/blob/main/DeepSeek_V3.pdf'],
    ],
    // variant of seed 002:7 as a clone URL
    [
      'https://github.com/TimDettmers/bitsandbytes.git',
      ['github:timdettmers/bitsandbytes', 'url:github.com/TimDettmers/bitsandbytes.git'],
    ],
    // variant of seed 000:70 with www. and a trailing slash
    [
      'https://www.github.com/ModelTC/lightllm/',
      ['github:modeltc/lightllm', 'url:github.com/ModelTC/lightllm'],
    ],
    // awesome-model-quantization_htqin:3, a profile is no repository
    ['https://github.com/Xingyu-Zheng', ['url:github.com/Xingyu-Zheng']],
    // awesome-llm-inference_DefTruth:8, README image
    [
      'https://github.com/user-attachments/assets/fcd83ff2-7ace-4fb5-8d3b-3ccbc1ecbf87',
      ['url:github.com/user-attachments/assets/fcd83ff2-7ace-4fb5-8d3b-3ccbc1ecbf87'],
    ],
    // seed 004:43, a github.io site is a site
    [
      'http://karpathy.github.io/2015/05/21/rnn-effectiveness/',
      ['url:karpathy.github.io/2015/05/21/rnn-effectiveness'],
    ],
    [
      'https://gist.github.com/karpathy/d4dee566867f8291f086',
      ['url:gist.github.com/karpathy/d4dee566867f8291f086'],
    ],
  ];
  for (const [url, ids] of cases) {
    it(url, () => assert.deepEqual(keys(url), ids));
  }
});

describe('canonicalIdsOfUrl: YouTube', () => {
  const cases: [url: string, ids: string[]][] = [
    // paper-reading_mli_zh:8
    [
      'https://www.youtube.com/watch?v=6XidEHVjS1A',
      ['youtube:6XidEHVjS1A', 'url:youtube.com/watch?v=6XidEHVjS1A'],
    ],
    // paper-reading_mli_zh:12
    ['https://youtu.be/K0SZ9mdygTw', ['youtube:K0SZ9mdygTw', 'url:youtu.be/K0SZ9mdygTw']],
    // paper-reading_mli_zh, a video inside a playlist
    [
      'https://www.youtube.com/watch?v=txjl_Q4jCyQ&list=PLFXJ6jwg0qW-7UM8iUTj3qKqdhbQULP5I&index=1',
      [
        'youtube:txjl_Q4jCyQ',
        'url:youtube.com/watch?index=1&list=PLFXJ6jwg0qW-7UM8iUTj3qKqdhbQULP5I&v=txjl_Q4jCyQ',
      ],
    ],
    // variants of paper-reading_mli_zh:8
    [
      'https://m.youtube.com/watch?v=6XidEHVjS1A',
      ['youtube:6XidEHVjS1A', 'url:m.youtube.com/watch?v=6XidEHVjS1A'],
    ],
    [
      'https://www.youtube.com/embed/6XidEHVjS1A',
      ['youtube:6XidEHVjS1A', 'url:youtube.com/embed/6XidEHVjS1A'],
    ],
    ['https://youtube.com/shorts/6XidEHVjS1A', ['youtube:6XidEHVjS1A', 'url:youtube.com/shorts/6XidEHVjS1A']],
    // paper-reading_mli_zh: bilibili has no scheme of its own, only the url id
    ['https://www.bilibili.com/video/BV11S4y1v7S2/', ['url:bilibili.com/video/BV11S4y1v7S2']],
  ];
  for (const [url, ids] of cases) {
    it(url, () => assert.deepEqual(keys(url), ids));
  }
});

describe('normalizeUrl', () => {
  const cases: [url: string, normalized: string | null][] = [
    // seed 004:52 and llm-inference-optimization-paper_chenhongyu2048:696 are one page
    [
      'https://pytorch.org/blog/accelerating-generative-ai-2/',
      'pytorch.org/blog/accelerating-generative-ai-2',
    ],
    [
      'https://pytorch.org/blog/accelerating-generative-ai-2/?utm_content=273712248&utm_medium=social&utm_source=twitter&hss_channel=tw-776585502606721024',
      'pytorch.org/blog/accelerating-generative-ai-2',
    ],
    // seed 002:37, fragment
    [
      'https://kipp.ly/transformer-inference-arithmetic/#kv-cache',
      'kipp.ly/transformer-inference-arithmetic',
    ],
    // papers-we-love_distributed_systems:12, #page=89 fragment; path case kept
    [
      'https://www.researchgate.net/profile/Ellen-Isaacs/publication/220168963_Why_do_users_like_video/links/02e7e5186b67219c70000000/Why-do-users-like-video.pdf#page=89',
      'researchgate.net/profile/Ellen-Isaacs/publication/220168963_Why_do_users_like_video/links/02e7e5186b67219c70000000/Why-do-users-like-video.pdf',
    ],
    // seed 003: bare domains with a trailing slash
    ['https://hai.stanford.edu/', 'hai.stanford.edu'],
    ['https://www.csail.mit.edu/', 'csail.mit.edu'],
    // seed 004:43, http and the trailing slash
    [
      'http://karpathy.github.io/2015/05/21/rnn-effectiveness/',
      'karpathy.github.io/2015/05/21/rnn-effectiveness',
    ],
    // ml-papers-of-the-week_dair-ai: twitter.com and x.com, share tokens dropped
    [
      'https://twitter.com/dair_ai/status/1624832248691191808?s=20&t=ygX07dsAPDF8_jwrxZIo1Q',
      'x.com/dair_ai/status/1624832248691191808',
    ],
    ['https://x.com/omarsar0/status/1773018193885303266?s=20', 'x.com/omarsar0/status/1773018193885303266'],
    // seed 004:124, a query that is the identity stays
    ['https://openreview.net/forum?id=8j9hz8DVi8', 'openreview.net/forum?id=8j9hz8DVi8'],
    // variants: host case, default port, sorted query, unreserved escapes decoded
    ['HTTPS://Example.COM:443/A%7eB/?b=2&a=1&fbclid=x#top', 'example.com/A~B?a=1&b=2'],
    ['http://example.com:8080/x', 'example.com:8080/x'],
    // variant of seed 000:101 (lower-case escapes): non-ASCII path escapes are kept (upper-case hex)
    [
      'https://lrita.github.io/images/posts/tools/%e7%a1%ac.pdf',
      'lrita.github.io/images/posts/tools/%E7%A1%AC.pdf',
    ],
    // awesome-model-quantization_htqin:410, a Google redirect is its target
    [
      'https://www.google.com/url?sa=t&rct=j&q=&esrc=s&source=web&cd=&cad=rja&uact=8&ved=2ahUKEwj4-rjuq7nvAhUVPH0KHXlYCUQQFjAFegQIChAD&url=https%3A%2F%2Fwww.aaai.org%2FAAAI21Papers%2FAAAI-7144.ZhaoK.pdf&usg=AOvVaw3dnOXfzKkLIw_qWXj7p7Yc',
      'aaai.org/AAAI21Papers/AAAI-7144.ZhaoK.pdf',
    ],
    // seed 002:5 and seed 000:39: relative paths are no URLs
    ['./papers/LLM/FlashAttention.md', null],
    ['11-memory-hierarchy.pdf', null],
    ['#paperlist', null],
    ['mailto:someone@example.com', null],
    ['', null],
  ];
  for (const [url, normalized] of cases) {
    it(url || '(empty)', () => assert.equal(normalizeUrl(url), normalized));
  }

  it('returns no ids for relative paths (seed 002, papers-we-love)', () => {
    assert.deepEqual(canonicalIdsOfUrl('./papers/LLM/FlashAttention.md'), []);
    assert.deepEqual(canonicalIdsOfUrl('11-memory-hierarchy.pdf'), []);
    assert.deepEqual(
      canonicalIdsOfUrl('../datastores/warp-multi-key-transactions-for-key-value-stores.pdf'),
      [],
    );
  });

  it('puts the url id last and equal to normalizeUrl', () => {
    const url = 'https://www.arxiv.org/abs/2506.08388';
    const ids: CanonicalId[] = canonicalIdsOfUrl(url);
    assert.deepEqual(ids.at(-1), { scheme: 'url', value: normalizeUrl(url) });
  });
});

describe('parseArxivId', () => {
  const cases: [text: string, id: string | null][] = [
    ['2401.04088', '2401.04088'],
    ['2401.04088v2', '2401.04088'],
    ['arXiv:2401.04088', '2401.04088'],
    ['arXiv: 2401.04088v3 [cs.LG]', '2401.04088'],
    ['see (arXiv:1706.03762).', '1706.03762'],
    ['https://arxiv.org/abs/2110.02861v1', '2110.02861'],
    ['arxiv.org/pdf/2305.13245.pdf', '2305.13245'],
    ['https://huggingface.co/papers/2401.15077', '2401.15077'],
    ['10.48550/arXiv.2401.04088', '2401.04088'],
    ['cs/0112017', 'cs/0112017'],
    ['hep-th/9901001v2', 'hep-th/9901001'],
    ['math.GT/0309136', 'math/0309136'],
    // 4-digit numbers ran 0704-1412, 5-digit ones from 1501
    ['0704.0001', '0704.0001'],
    ['1412.9999', '1412.9999'],
    ['1501.00001', '1501.00001'],
    ['0703.0001', null],
    ['1501.0001', null],
    ['1412.00001', null],
    ['2413.00001', null],
    ['2400.00001', null],
    // old-style: unknown archive, month 13, before August 1991, after March 2007
    ['foo/0112017', null],
    ['cs/0113017', null],
    ['hep-th/9107001', null],
    ['cs/0704001', null],
    // not part of longer numbers or DOIs
    ['12401.04088', null],
    ['10.1145/3582016.3582018', null],
    ['Mixtral of Experts', null],
  ];
  for (const [text, id] of cases) {
    it(text, () => assert.equal(parseArxivId(text), id));
  }
});

describe('parseDoi', () => {
  const cases: [text: string, doi: string | null][] = [
    ['10.1145/3360307', '10.1145/3360307'],
    ['doi:10.1145/3360307', '10.1145/3360307'],
    ['DOI: 10.1145/3582016.3582018.', '10.1145/3582016.3582018'],
    ['(doi:10.1145/3360307)', '10.1145/3360307'],
    ['https://doi.org/10.3390/electronics8060661', '10.3390/electronics8060661'],
    ['https://dl.acm.org/doi/pdf/10.1145/3360307', '10.1145/3360307'],
    ['https://www.science.org/doi/10.1126/science.ado9336', '10.1126/science.ado9336'],
    ['10.1016/S0140-6736(20)30183-5', '10.1016/s0140-6736(20)30183-5'],
    ['https://doi.org/10.48550/arXiv.2401.04088', '10.48550/arxiv.2401.04088'],
    ['10.1.1.21.2707', null],
    ['2401.04088', null],
  ];
  for (const [text, doi] of cases) {
    it(text, () => assert.equal(parseDoi(text), doi));
  }
});

describe('isBadgeOrAnchor', () => {
  const cases: [url: string, badge: boolean][] = [
    // paper-reading_mli_zh:7
    [
      'https://img.shields.io/badge/dynamic/json?label=views&style=social&logo=bilibili&query=data.stat.view&url=https%3A%2F%2Fapi.bilibili.com%2Fx%2Fweb-interface%2Fview%3Fbvid%3DBV1c8HbeaEXi',
      true,
    ],
    // paper-reading_mli_zh:8
    ['https://img.shields.io/youtube/views/6XidEHVjS1A?style=social', true],
    // awesome-llm-inference_DefTruth:71
    ['https://img.shields.io/github/stars/hpcaitech/Open-Sora.svg?style=social', true],
    // awesome-mixture-of-experts_XueFuzhao
    ['https://awesome.re/badge.svg', true],
    ['https://awesome.re', true],
    [
      'https://cdn.rawgit.com/sindresorhus/awesome/d7305f38d29fed78fa85652e3a63e154dd8e8829/media/badge.svg',
      true,
    ],
    // awesome-llm-inference_DefTruth
    ['https://api.star-history.com/svg?repos=xlite-dev/Awesome-LLM-Inference&type=Date', true],
    ['./#Trending-LLM-VLM-Topics', true],
    ['#paperlist', true],
    // variants
    ['https://badge.fury.io/py/lectio.svg', true],
    ['https://github.com/vllm-project/vllm/actions/workflows/lint.yml/badge.svg', true],
    ['https://colab.research.google.com/assets/colab-badge.svg', true],
    // real links stay
    ['https://github.com/hpcaitech/Open-Sora', false],
    ['https://github.com/badges/shields', false],
    ['https://www.bilibili.com/video/BV1c8HbeaEXi', false],
    ['https://arxiv.org/abs/2401.04088', false],
    ['./papers/LLM/FlashAttention.md', false],
  ];
  for (const [url, badge] of cases) {
    it(url, () => assert.equal(isBadgeOrAnchor(url), badge));
  }
});

describe('strongIdOfUrl', () => {
  const wholeWay = (url: string): string => url.replace(/^http/u, 'HTTP');
  const files = REAL_LISTS;

  it('is the first of canonicalIdsOfUrl without its url id, on every URL of the real lists', () => {
    let strong = 0;
    for (const file of files) {
      for (const [url] of fs.readFileSync(file, 'utf8').matchAll(/https?:\/\/[^\s)\]>"'|]+/g)) {
        const first = canonicalIdsOfUrl(url)[0];
        const expected = first === undefined || first.scheme === 'url' ? null : first;
        assert.deepEqual(strongIdOfUrl(url), expected, url);
        if (expected !== null) strong++;
      }
    }
    assert.ok(strong > 3000, `most links carry a strong id (${strong})`);
  });

  it('gives plain arXiv URLs, read without new URL, the ids of the whole way', () => {
    // An upper-case scheme changes no id but keeps a URL off the short way: the two must agree.
    let plain = 0;
    for (const file of files) {
      for (const [url] of fs.readFileSync(file, 'utf8').matchAll(/https?:\/\/[^\s)\]>"'|]+/g)) {
        assert.deepEqual(canonicalIdsOfUrl(url), canonicalIdsOfUrl(wholeWay(url)), url);
        if (/^https?:\/\/(www\.)?arxiv\.org\/(abs|pdf)\/\d{4}\.\d+(v\d+)?(\.pdf)?$/.test(url)) plain++;
      }
    }
    assert.ok(plain > 2000, `most arXiv links are plain (${plain})`);
  });

  it('reads ids behind redirects, on every host it knows, in any case', () => {
    for (const url of [
      'https://www.google.com/url?q=https%3A%2F%2Farxiv.org%2Fabs%2F2401.15077',
      'https://AR5IV.labs.arxiv.org/html/2401.15077',
      'https://www.alphaxiv.org/abs/2401.15077',
      'https://HF.co/papers/2401.15077',
      'https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0000000',
      'https://example.org/view?doi=10.1145/3360307',
      'https://WWW.Nature.com/articles/s41586-024-08252-9',
      'https://youtu.be/dQw4w9WgXcQ',
      'https://raw.githubusercontent.com/owner/repo/main/README.md',
      'https://arxiv.org/abs/2401.15077',
      'http://www.arxiv.org/pdf/2401.15077v3.pdf',
      'https://arxiv.org/pdf/1704.04760v1',
      'https://arxiv.org/abs/2401.15077v2.',
      'HTTPS://ARXIV.ORG/abs/2401.15077',
    ]) {
      assert.notEqual(strongIdOfUrl(url), null, url);
      assert.deepEqual(strongIdOfUrl(url), canonicalIdsOfUrl(url)[0], url);
      assert.deepEqual(canonicalIdsOfUrl(url), canonicalIdsOfUrl(wholeWay(url)), url);
    }
    assert.equal(strongIdOfUrl('https://openreview.net/forum?id=abc'), null);
    // Not arXiv's numbering (month 13, a 4-digit number after 2014): no id, as the whole way says.
    for (const url of ['https://arxiv.org/abs/2413.00001', 'https://arxiv.org/abs/2401.1507']) {
      assert.equal(strongIdOfUrl(url), null, url);
      assert.equal(canonicalIdsOfUrl(url)[0]?.scheme, 'url', url);
    }
  });
});
