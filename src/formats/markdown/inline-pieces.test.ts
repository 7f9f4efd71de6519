// Where a URL written in running text ends, on the real text around the URLs of the lists.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BARE_URL, trimUrl } from './inline-pieces.js';

/** The URLs the importer reads in a line of text. */
function bareUrls(text: string): string[] {
  return [...text.matchAll(new RegExp(BARE_URL))].map((m) => trimUrl(m[0]));
}

describe('bare URLs', () => {
  const cases: Array<[string, string, string[]]> = [
    [
      'a ")" closing the text, then a fullwidth colon (readinglist line 73)',
      '(https://arxiv.org/abs/2402.17764)： follow-ip work of BitNet',
      ['https://arxiv.org/abs/2402.17764'],
    ],
    [
      'a ")" then "·" and CJK (mli line 26)',
      '【[研究的艺术](https://press.uchicago.edu/ucp/books/book/chicago/C/bo23521678.html)·四】',
      ['https://press.uchicago.edu/ucp/books/book/chicago/C/bo23521678.html'],
    ],
    [
      'an apostrophe inside the URL (htqin line 554)',
      "[[IJCAI](https://see.xidian.edu.cn/faculty/chdeng/Welcome%20to%20Cheng%20Deng's%20Homepage_files/Papers/Conference/IJCAI2019_Feng.pdf)]",
      [
        "https://see.xidian.edu.cn/faculty/chdeng/Welcome%20to%20Cheng%20Deng's%20Homepage_files/Papers/Conference/IJCAI2019_Feng.pdf",
      ],
    ],
    ['an apostrophe closing a quote', "see 'https://x.org/a' too", ['https://x.org/a']],
    [
      'a BibTeX brace (DefTruth line 26)',
      '  url={https://github.com/xlite-dev/Awesome-LLM-Inference},',
      ['https://github.com/xlite-dev/Awesome-LLM-Inference'],
    ],
    [
      'a "_" that is the URL\'s own, before a closing ")" (MoE list line 126)',
      '[[29 Sep 2021]](https://openreview.net/forum?id=U1edbV4kNu_)',
      ['https://openreview.net/forum?id=U1edbV4kNu_'],
    ],
    [
      'brackets the URL opens stay',
      '(see https://en.wikipedia.org/wiki/Foo_(bar)).',
      ['https://en.wikipedia.org/wiki/Foo_(bar)'],
    ],
    [
      'two URLs around a 、 (seed 003 line 78)',
      '网站：https://research.google/ 、 https://www.deepmind.com/research',
      ['https://research.google/', 'https://www.deepmind.com/research'],
    ],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(bareUrls(text), expected));
  }
});
