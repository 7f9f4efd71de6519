import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identityKeys, titleKey, titleKeys, titleMergeContradiction } from './identity.js';
import type { Link } from './item.js';

const paper = (url: string): Link => ({ url, role: 'paper' });
const code = (url: string): Link => ({ url, role: 'code' });

describe('identity keys', () => {
  const cases: Array<[string, Link[], string[]]> = [
    // seed 004 gives the TPU paper as an ftp pdf; seed 000 as an abs link: one key.
    [
      'ftp pdf',
      [{ url: 'https://arxiv.org/ftp/arxiv/papers/1704/1704.04760.pdf', role: 'pdf' }],
      ['arxiv:1704.04760'],
    ],
    ['abs link', [paper('https://arxiv.org/abs/1704.04760')], ['arxiv:1704.04760']],
    // seed 002: the paper link identifies, the shared bitsandbytes code link does not.
    [
      'paper with code',
      [paper('https://arxiv.org/abs/2110.02861v1'), code('https://github.com/TimDettmers/bitsandbytes')],
      ['arxiv:2110.02861'],
    ],
    // seed 004 "Prompt Lookup Decoding - GitHub": the repository is the item.
    [
      'repository item',
      [code('https://github.com/apoorvumang/prompt-lookup-decoding')],
      ['github:apoorvumang/prompt-lookup-decoding'],
    ],
  ];
  for (const [name, links, expected] of cases) {
    it(name, () => {
      assert.deepEqual(
        identityKeys(links).filter((k) => !k.startsWith('url:')),
        expected,
      );
    });
  }
});

describe('title keys', () => {
  it('agree across case, spacing and punctuation', () => {
    // seed 002 "LLAMA 2: Open Foundation..." and seed 003 "LLaMA 2: Open Foundation..."
    assert.equal(
      titleKey('LLAMA 2: Open Foundation and Fine-Tuned Chat Models'),
      titleKey('LLaMA 2: Open Foundation and Fine-Tuned Chat Models'),
    );
    assert.equal(titleKey('Flash Attention-2'), titleKey('Flash Attention 2'));
  });
  it('tell apart a title and a longer title that starts with it', () => {
    assert.notEqual(
      titleKey('Attention Is All You Need'),
      titleKey('Attention Is All You Need In Speech Separation'),
    );
  });
  it('drop a short trailing parenthetical as a second key (seed 003 "... Unit (TPU)")', () => {
    assert.deepEqual(titleKeys('In-Datacenter Performance Analysis of a Tensor Processing Unit (TPU)'), [
      'indatacenterperformanceanalysisofatensorprocessingunittpu',
      'indatacenterperformanceanalysisofatensorprocessingunit',
    ]);
  });
  it('are not made for short or generic titles', () => {
    for (const t of [
      'GShard',
      'Introduction blog',
      'Editorial',
      'Foreword',
      'Letter from the editor',
      'LLM.int8()',
    ]) {
      assert.deepEqual(titleKeys(t), [], t);
    }
  });
});

describe('title merge contradictions', () => {
  const base = { links: [] as Link[], year: null, authors: [] as string[] };
  it('another arXiv id keeps two same-titled records apart', () => {
    assert.match(
      titleMergeContradiction(
        { ...base, links: [paper('https://arxiv.org/abs/1706.03762')] },
        { ...base, links: [paper('https://arxiv.org/abs/2010.13154')] },
      ) ?? '',
      /arxiv/u,
    );
  });
  it('another DOI, years far apart, another first author', () => {
    assert.ok(
      titleMergeContradiction(
        { ...base, links: [paper('https://doi.org/10.1145/3360307')] },
        { ...base, links: [paper('https://doi.org/10.1145/3582016.3582018')] },
      ),
    );
    assert.ok(titleMergeContradiction({ ...base, year: 2017 }, { ...base, year: 2023 }));
    assert.equal(titleMergeContradiction({ ...base, year: 2017 }, { ...base, year: 2018 }), null);
    assert.ok(
      titleMergeContradiction(
        { ...base, authors: ['Vaswani et al.'] },
        { ...base, authors: ['Noam Shazeer'] },
      ),
    );
    assert.equal(
      titleMergeContradiction(
        { ...base, authors: ['Vaswani et al. (Google)'] },
        { ...base, authors: ['Ashish Vaswani'] },
      ),
      null,
    );
  });
  it('a shared code repository is no evidence either way', () => {
    assert.equal(
      titleMergeContradiction(
        { ...base, links: [code('https://github.com/a/b')] },
        { ...base, links: [paper('https://arxiv.org/abs/2205.14135'), code('https://github.com/c/d')] },
      ),
      null,
    );
  });
});
