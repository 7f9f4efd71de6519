// The markdown reader on the real lines it once misread, each read from the list in
// ../shared where it was found: links cut out of the text around them, rows and lines
// filed under the wrong entry, authors and "Follow us" links made into readings, notes
// that say nothing, years from the wrong column.

import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ParsedItem, ParsedList } from '../src/core/item.js';
import { readListFile } from '../src/formats/read-list-file.js';
import { LISTS_DIR, SEEDS_DIR } from './real-lists.js';

const FILES = {
  checkboxes: path.join(LISTS_DIR, 'readinglist_checkboxes_chenhongyu2048.md'),
  chenhongyu: path.join(LISTS_DIR, 'llm-inference-optimization-paper_chenhongyu2048.md'),
  dairAi: path.join(LISTS_DIR, 'ml-papers-of-the-week_dair-ai.md'),
  defTruth: path.join(LISTS_DIR, 'awesome-llm-inference_DefTruth.md'),
  htqin: path.join(LISTS_DIR, 'awesome-model-quantization_htqin.md'),
  mli: path.join(LISTS_DIR, 'paper-reading_mli_zh.md'),
  moe: path.join(LISTS_DIR, 'awesome-mixture-of-experts_XueFuzhao.md'),
  papersWeLove: path.join(LISTS_DIR, 'papers-we-love_distributed_systems.md'),
  seed000: path.join(SEEDS_DIR, '000_9f7fca159070c6d7.txt'),
  seed003: path.join(SEEDS_DIR, '003_72845790a68c46cc.txt'),
} as const;

const parsed = new Map<string, ParsedList>();

function list(file: keyof typeof FILES): ParsedList {
  let found = parsed.get(file);
  if (!found) {
    found = readListFile(FILES[file]).parsed;
    parsed.set(file, found);
  }
  return found;
}

/** The items a list records at `line`. */
function at(file: keyof typeof FILES, line: number): ParsedItem[] {
  return list(file).items.filter((i) => i.line === line);
}

/** The one item a list records at `line`. */
function oneAt(file: keyof typeof FILES, line: number): ParsedItem {
  const items = at(file, line);
  assert.equal(items.length, 1, `line ${line}: ${JSON.stringify(items.map((i) => i.title))}`);
  return items[0] as ParsedItem;
}

const urls = (item: ParsedItem): string[] => item.links.map((l) => l.url);
const allUrls = (file: keyof typeof FILES): string[] => list(file).items.flatMap(urls);

describe('URLs in running text end where the URL ends', () => {
  it('a ")" closing the text around a link, then a fullwidth colon (readinglist line 73)', () => {
    assert.deepEqual(urls(oneAt('checkboxes', 73)), ['https://arxiv.org/abs/2402.17764']);
  });
  it('a ")" then CJK punctuation: "…bo23521678.html)·四】" (mli lines 26-30)', () => {
    const book = 'https://press.uchicago.edu/ucp/books/book/chicago/C/bo23521678.html';
    for (const line of [26, 27, 29, 30]) {
      assert.deepEqual(
        urls(oneAt('mli', line)).filter((u) => u.includes('uchicago')),
        [book],
        `line ${line}`,
      );
    }
  });
  it('an apostrophe inside a URL (htqin line 554)', () => {
    assert.deepEqual(urls(oneAt('htqin', 554)), [
      "https://see.xidian.edu.cn/faculty/chdeng/Welcome%20to%20Cheng%20Deng's%20Homepage_files/Papers/Conference/IJCAI2019_Feng.pdf",
    ]);
    assert.ok(!allUrls('htqin').some((u) => u.endsWith('Cheng%20Deng')));
  });
  it('a BibTeX brace (DefTruth line 26) ends the URL, which the list links already', () => {
    assert.ok(!allUrls('defTruth').some((u) => u.includes('}')));
    assert.deepEqual(at('defTruth', 20).flatMap(urls), [
      'https://github.com/xlite-dev/Awesome-Diffusion-Inference',
      'https://github.com/xlite-dev/CUDA-Learn-Notes',
    ]);
  });
  it('a URL in a BibTeX block joins the paper the block cites (htqin line 62, MQBench line 55)', () => {
    assert.ok(urls(oneAt('htqin', 55)).includes('https://openreview.net/forum?id=TUplOmF8DsM'));
    assert.match(list('htqin').warnings.join('\n'), /outside any list item.*line 62/u);
  });
});

describe('table rows', () => {
  it('a row whose title links inside the page is still an entry (mli line 52)', () => {
    const survey = oneAt('mli', 52);
    assert.equal(survey.title, '对比学习论文综述');
    assert.ok(urls(survey).includes('https://www.bilibili.com/video/BV19S4y1M7hm/'));
    assert.ok(urls(survey).includes('https://www.zhihu.com/zvideo/1460828005077164032'));
    assert.ok(!urls(survey).some((u) => u.startsWith('#')));
    assert.deepEqual(urls(oneAt('mli', 51)), ['https://www.bilibili.com/video/BV1Eu411U7Te/']);
  });
  it("a video's date is no paper's year; a year column, or a paper's date, is (mli, DefTruth)", () => {
    const video = oneAt('mli', 61);
    assert.equal(video.title, 'ResNet');
    assert.equal(video.year, null);
    assert.ok(video.notes.includes('日期: 10/22/21'));
    assert.equal(oneAt('mli', 86).year, 2015);
    assert.equal(oneAt('defTruth', 91).year, 2025); // "|2025.02|" under "Date"
  });
  it('cells that say nothing add no note: "⚠️", "[[pdf]]()" (DefTruth lines 91-98, 116)', () => {
    const notes = list('defTruth').items.flatMap((i) => i.notes);
    assert.deepEqual(
      notes.filter((n) => /^(?:Paper|Code): (?:⚠️|\[pdf\])$/u.test(n)),
      [],
    );
    assert.deepEqual(oneAt('defTruth', 116).notes, []);
    assert.ok(oneAt('mli', 86).notes.includes('已录制: ✅'), 'a tick says something');
  });
});

describe('links in paragraphs', () => {
  it('CJK labels name their items (mli line 72)', () => {
    assert.deepEqual(
      at('mli', 72).map((i) => i.title),
      ['直播课', '讨论区'],
    );
  });
  it('each line of a paragraph is its own entry, with the text after its link (chenhongyu lines 30-56)', () => {
    const dao = oneAt('chenhongyu', 34);
    assert.equal(dao.title, 'Tri DAO');
    assert.deepEqual(dao.notes, ['author of FlashAttention, affiliated with Princeton']);
    assert.equal(oneAt('chenhongyu', 56).title, 'Wei WANG');
    // Links in prose stay entries (chenhongyu line 13: three repositories worth reading).
    assert.deepEqual(
      at('chenhongyu', 13).map((i) => i.title),
      ['LLMSys-PaperList', 'Awesome-LLM-Inference', 'Awesome_LLM_Accelerate-PaperList'],
    );
  });
  it('a link given twice in a paragraph is one entry (DefTruth line 3)', () => {
    assert.equal(at('defTruth', 3).length, 1);
  });
  it('authors under a paper are its authors, not entries (htqin lines 40, 57, 76)', () => {
    for (const line of [40, 57, 76]) assert.deepEqual(at('htqin', line), [], `line ${line}`);
    const bibench = oneAt('htqin', 38);
    assert.deepEqual(bibench.authors, [
      'Haotong Qin',
      'Mingyuan Zhang',
      'Yifu Ding',
      'Aoyu Li',
      'Zhongang Cai',
      'Ziwei Liu',
      'Fisher Yu',
      'Xianglong Liu',
    ]);
    assert.ok(bibench.links.some((l) => l.url === 'https://htqin.github.io/' && l.label === 'Haotong Qin'));
    assert.ok(oneAt('htqin', 55).authors.includes('Ruihao Gong'));
    assert.ok(oneAt('htqin', 74).authors.includes('Nicu Sebe'));
  });
});

describe('what is no reading', () => {
  it('the links a list gives about itself are kept on one entry for the list (MoE, htqin, dair-ai)', () => {
    const moe = oneAt('moe', 1);
    assert.equal(moe.title, 'awesome-mixture-of-experts');
    assert.deepEqual(urls(moe), ['https://opensource.org/licenses/MIT']);
    assert.deepEqual(at('moe', 3), []);
    assert.deepEqual(list('moe').warnings, []);

    assert.deepEqual(at('htqin', 3), []);
    assert.ok(urls(oneAt('htqin', 1)).includes('https://github.com/Xingyu-Zheng'));

    const dair = oneAt('dairAi', 1);
    assert.equal(dair.title, 'ML Papers of The Week');
    assert.deepEqual(urls(dair).sort(), [
      'https://discord.gg/FzNtjEK9dg',
      'https://discord.gg/SKgkVT8BGJ',
      'https://nlpnews.substack.com/',
      'https://twitter.com/dair_ai',
    ]);
    for (const line of [3, 150, 152, 2147, 2149]) assert.deepEqual(at('dairAi', line), [], `line ${line}`);
  });
  it('a list of in-page links is navigation under any heading (papers-we-love lines 3-7)', () => {
    assert.deepEqual(
      list('papersWeLove').items.filter((i) => i.line <= 7),
      [],
    );
  });
  it("a list naming the document's parts is its introduction (chenhongyu lines 7-9)", () => {
    assert.deepEqual(
      list('chenhongyu').items.filter((i) => i.line >= 7 && i.line <= 9),
      [],
    );
  });
});

describe('list items', () => {
  it('the lines under a group keep their own line numbers (seed 000 lines 78, 79)', () => {
    assert.equal(oneAt('seed000', 78).title, 'qcom-qualla: NSPKVManager');
    assert.equal(oneAt('seed000', 79).title, 'llama, ggml_cpy, just for memory copy and concat');
  });
  it('a bold item is its own title over its child lines (seed 003 lines 473, 477)', () => {
    assert.equal(oneAt('seed003', 473).title, '做笔记');
    assert.equal(oneAt('seed003', 477).title, '复现实验');
  });
  it('punctuation left between two links is no note (seed 003 line 78)', () => {
    assert.ok(!oneAt('seed003', 77).notes.includes('、'));
  });
});

describe('year headings', () => {
  it('"### 2024" gives its entries their year (htqin line 114)', () => {
    assert.equal(oneAt('htqin', 114).year, 2024);
  });
  it('a week heading ending "- 2025" gives its entries 2025 (dair-ai line 157)', () => {
    assert.equal(oneAt('dairAi', 157).year, 2025);
  });
});
