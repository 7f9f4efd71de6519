// The import issue's acceptance checks, on the four seeds and the real lists in
// ../shared/testdata/lists: every link kept, the known duplicates merged, the known
// look-alikes kept apart, statuses, stars, notes and topics as the lists say.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ImportReport, importLists } from '../src/core/import-lists.js';
import { findDuplicates, findOtherWorks } from '../src/core/merge-service.js';
import type { ItemRecord, LibraryStore } from '../src/core/library-store.js';
import { looseUrlKey, urlsInText } from '../src/formats/markdown/parse-markdown-list.js';
import { readListFile } from '../src/formats/read-list-file.js';
import { pageKey } from '../src/core/shown-links.js';
import { decodeText } from '../src/formats/text-decoding.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';

const SHARED = path.resolve(process.cwd(), '..', 'shared');
const SEEDS = fs
  .readdirSync(path.join(SHARED, 'seeds'))
  .sort()
  .map((f) => path.join(SHARED, 'seeds', f));
const LISTS = fs
  .readdirSync(path.join(SHARED, 'testdata', 'lists'))
  .sort()
  .map((f) => path.join(SHARED, 'testdata', 'lists', f));
const seed = (n: string): string => SEEDS.find((f) => path.basename(f).startsWith(n)) ?? '';

const clock = { now: () => new Date('2026-11-23T10:00:00Z') };

function freshStore(dir: string, name: string): LibraryStore {
  return new SqliteLibraryStore(openDatabase(path.join(dir, name)));
}

/**
 * A scratch library in a temporary directory, with a writer of list files beside it; both
 * removed after `fn`.
 */
function withScratchLibrary(
  fn: (store: LibraryStore, write: (name: string, text: string) => string) => void,
): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-scratch-'));
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const store = freshStore(dir, 'l.sqlite');
  try {
    fn(store, write);
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function importFiles(store: LibraryStore, files: readonly string[]): ImportReport {
  return importLists(
    store,
    files.map((f) => readListFile(f)),
    clock,
  );
}

function byArxiv(items: readonly ItemRecord[], id: string): ItemRecord[] {
  return items.filter((i) => i.ids.arxiv === id);
}

function listsOf(item: ItemRecord): string[] {
  return [...new Set(item.sources.map((s) => path.basename(s.file)))].sort();
}

describe('importing the four seeds and the real lists', () => {
  let dir = '';
  let store: LibraryStore;
  let report: ImportReport;
  let items: ItemRecord[] = [];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-seeds-'));
    store = freshStore(dir, 'library.sqlite');
    report = importFiles(store, [...SEEDS, ...LISTS]);
    items = store.listItems({});
  });
  after(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every link of every list on some item (badges and in-page anchors aside)', () => {
    for (const file of [...SEEDS, ...LISTS]) {
      const text = decodeText(fs.readFileSync(file), file).text;
      // An item shows a page once: htqin's http://arxiv.org/abs/1908.05858 as seed 000's https.
      const kept = new Set<string>();
      for (const item of items) {
        if (!item.sources.some((s) => s.file === file)) continue;
        for (const l of item.links) kept.add(looseUrlKey(l.url)).add(pageKey(l.url));
      }
      const missing = urlsInText(text)
        .filter(({ url }) => !/shields\.io|badge|awesome\.re|star-history/u.test(url))
        .filter(({ url }) => !kept.has(looseUrlKey(url)) && !kept.has(pageKey(url)));
      assert.deepEqual(missing, [], `${path.basename(file)} lost links`);
    }
  });

  it('places nearly every link through the list structure, not the sweeper', () => {
    const swept = report.files.flatMap((f) => f.warnings).filter((w) => /outside any list item/u.test(w));
    const count = swept.reduce((n, w) => n + Number(/^(\d+)/u.exec(w)?.[1] ?? 0), 0);
    assert.ok(count <= 15, `${count} links were attached by the sweeper`);
  });

  it('counts an item as updated when its entry in a changed list says something new (a code link)', () => {
    withScratchLibrary((other, write) => {
      // Seed 004's Mixtral line, then the same line with a code link, then the file moved down a line.
      const line = '- [x] [Mixtral of Experts](https://arxiv.org/abs/2401.04088)';
      const list = write('l.md', `${line}\n- [Mamba](https://arxiv.org/abs/2312.00752)\n`);
      importFiles(other, [list]);
      write(
        'l.md',
        `${line} [code](https://github.com/mistralai/mistral-src)\n- [Mamba](https://arxiv.org/abs/2312.00752)\n`,
      );
      const edited = importFiles(other, [list]);
      assert.deepEqual([edited.added, edited.updated, edited.merged], [0, 1, 0]);
      write(
        'l.md',
        `\n${line} [code](https://github.com/mistralai/mistral-src)\n- [Mamba](https://arxiv.org/abs/2312.00752)\n`,
      );
      const moved = importFiles(other, [list]);
      assert.equal(moved.files[0]?.outcome, 'changed');
      assert.deepEqual([moved.added, moved.updated, moved.merged], [0, 0, 0]);
    });
  });

  it('identifies an entry by its title link when its note links another paper (APAR, Medusa)', () => {
    withScratchLibrary((other, write) => {
      importFiles(other, [
        write(
          'notes.md',
          '- [ ] [APAR: LLMs Can Do Auto-Parallel Auto-Regressive Decoding](https://arxiv.org/abs/2401.06761): compare with [Medusa](https://arxiv.org/abs/2401.10774)\n',
        ),
      ]);
      const report = importFiles(other, [
        write('later.md', '- [APAR](https://arxiv.org/pdf/2401.06761v2)\n'),
      ]);
      assert.equal(report.added, 0, 'the later link to APAR finds the entry');
      assert.equal(other.listItems({}).length, 1);
      // A list that holds Medusa itself makes an item of its own: the mention is no identity.
      importFiles(other, [write('medusa.md', '- [Medusa](https://arxiv.org/abs/2401.10774)\n')]);
      assert.equal(other.listItems({}).length, 2);
    });
  });

  it('shows a page once however the lists link it (daBNN: https in seed 000, http in htqin)', () => {
    const [dabnn] = byArxiv(items, '1908.05858');
    assert.ok(dabnn);
    assert.equal(dabnn.sources.length, 2);
    assert.deepEqual(dabnn.links, [
      { url: 'https://arxiv.org/abs/1908.05858', role: 'paper', label: 'arXiv' },
      { url: 'https://github.com/JDAI-CV/dabnn', role: 'code', label: 'code' },
    ]);
    const shownTwice = items.filter(
      (item) => new Set(item.links.map((l) => pageKey(l.url))).size < item.links.length,
    );
    assert.deepEqual(
      shownTwice.map((item) => item.title),
      [],
    );
  });

  it('merges the TPU paper found as an arXiv abs link, an ftp pdf and in three seeds', () => {
    const [tpu, ...rest] = byArxiv(items, '1704.04760');
    assert.ok(tpu);
    assert.equal(rest.length, 0);
    assert.deepEqual(
      listsOf(tpu).filter((f) => /^00/u.test(f)),
      ['000_9f7fca159070c6d7.txt', '003_72845790a68c46cc.txt', '004_dcdacb51cc173ef7.txt'],
    );
    assert.ok(tpu.links.some((l) => l.url === 'https://arxiv.org/ftp/arxiv/papers/1704/1704.04760.pdf'));
    assert.equal(tpu.title, 'In-Datacenter Performance Analysis of a Tensor Processing Unit');
  });

  it("reports a merge under the item's title, and the entry's own when it names the item otherwise", () => {
    const paged = report.merges.find((m) => m.file.endsWith('003_72845790a68c46cc.txt') && m.line === 232);
    assert.ok(paged, 'seed 003 line 232 merges into PagedAttention');
    assert.equal(
      paged.itemTitle,
      'Efficient Memory Management for Large Language Model Serving with PagedAttention',
    );
    assert.match(paged.title, /^Efficient Memory Management for LLM Serving/u);
    for (const m of report.merges) {
      const item = items.find((i) => i.id === m.itemId);
      assert.equal(m.itemTitle, item?.title, `#${m.itemId}`);
    }
  });

  it('merges PagedAttention across three seeds', () => {
    const [paged, ...rest] = byArxiv(items, '2309.06180');
    assert.ok(paged);
    assert.equal(rest.length, 0);
    for (const n of ['000', '003', '004'])
      assert.ok(
        paged.sources.some((s) => s.file === seed(n)),
        `missing seed ${n}`,
      );
    assert.equal(paged.importance, 5);
  });

  it('identifies EAGLE from its Hugging Face papers link', () => {
    const eagle = byArxiv(items, '2401.15077');
    assert.equal(eagle.length, 1);
    assert.ok(eagle[0]?.links.some((l) => l.url === 'https://huggingface.co/papers/2401.15077'));
  });

  it('keeps FlashAttention 1, 2 and 3 apart', () => {
    assert.equal(byArxiv(items, '2205.14135').length, 1);
    assert.equal(byArxiv(items, '2307.08691').length, 1);
    const fa3 = items.filter((i) => /^FlashAttention-3/u.test(i.title));
    assert.equal(fa3.length, 1);
    assert.notEqual(fa3[0]?.ids.arxiv, '2205.14135');
  });

  it('keeps LLaMA and Llama 2 apart', () => {
    const llama = byArxiv(items, '2302.13971');
    const llama2 = byArxiv(items, '2307.09288');
    assert.equal(llama.length, 1);
    assert.equal(llama2.length, 1);
    assert.notEqual(llama[0]?.id, llama2[0]?.id);
  });

  it('keeps the two papers that share the bitsandbytes repository apart', () => {
    const optimizers = byArxiv(items, '2110.02861');
    const int8 = byArxiv(items, '2208.07339');
    assert.equal(optimizers.length, 1);
    assert.equal(int8.length, 1);
    const repo = 'https://github.com/TimDettmers/bitsandbytes';
    assert.ok(optimizers[0]?.links.some((l) => l.url === repo && l.role === 'code'));
    assert.ok(int8[0]?.links.some((l) => l.url === repo && l.role === 'code'));
    assert.equal(optimizers[0]?.ids.github, undefined, 'a code link is not the paper’s id');
  });

  it('keeps "Attention Is All You Need" and its speech-separation namesake apart', () => {
    const attention = byArxiv(items, '1706.03762');
    assert.equal(attention.length, 1);
    assert.equal(attention[0]?.title, 'Attention Is All You Need');
    // Seed 003's reading path names it without a link; the title joins it to the paper.
    assert.ok(attention[0]?.sources.some((s) => s.file === seed('003') && s.match === 'title'));
  });

  it('joins two items when an entry found by a key has the title of the other (FastDecode, Medusa, Orca)', () => {
    const titled = (title: string): ItemRecord[] => items.filter((i) => i.title === title);
    const lineOf = (item: ItemRecord | undefined, list: string): number[] =>
      (item?.sources ?? []).filter((s) => path.basename(s.file).startsWith(list)).map((s) => s.line);
    // DefTruth truncates the title (arXiv link), chenhongyu's list gives it whole with an
    // OpenReview link, and his reading list whole with the arXiv link: one paper.
    const fastDecode = titled(
      'FastDecode: High-Throughput GPU-Efficient LLM Serving using Heterogeneous Pipelines',
    );
    assert.equal(fastDecode.length, 1);
    assert.equal(fastDecode[0]?.ids.arxiv, '2403.11421');
    assert.ok(fastDecode[0]?.links.some((l) => l.url === 'https://openreview.net/forum?id=GahfuPsGw2'));
    assert.deepEqual(lineOf(fastDecode[0], 'awesome-llm-inference'), [304]);
    // DefTruth names Medusa twice: line 162 with its blog and code, line 405 with the arXiv PDF.
    const medusa = titled(
      'Medusa: Simple Framework for Accelerating LLM Generation with Multiple Decoding Heads',
    );
    assert.equal(medusa.length, 1);
    assert.deepEqual(lineOf(medusa[0], 'awesome-llm-inference'), [162, 405]);
    assert.equal(titled('Medusa: Accelerating Serverless LLM Inference with Materialization').length, 1);
    assert.notEqual(
      titled('Medusa: Accelerating Serverless LLM Inference with Materialization')[0]?.id,
      medusa[0]?.id,
      'another paper named Medusa stays apart',
    );
    // The USENIX page and its PDF.
    const orca = titled('Orca: A Distributed Serving System for Transformer-Based Generative Models');
    assert.equal(orca.length, 1);
    const urls = orca[0]?.links.map((l) => l.url) ?? [];
    assert.ok(urls.includes('https://www.usenix.org/conference/osdi22/presentation/yu'));
    assert.ok(urls.includes('https://www.usenix.org/system/files/osdi22-yu.pdf'));
    const joins = report.merges.filter((m) => m.reason === 'joined two items').map((m) => m.itemId);
    for (const item of [fastDecode[0], medusa[0], orca[0]]) assert.ok(joins.includes(item?.id ?? -1));
  });

  it('does not join by title an item whose ids contradict the one the key found', () => {
    const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-join-'));
    const lists = [
      '- [FastDecode (OpenReview)](https://openreview.net/forum?id=GahfuPsGw2) [arXiv](https://arxiv.org/abs/2403.11421)\n',
      '- [FastDecode: High-Throughput GPU-Efficient LLM Serving using Heterogeneous Pipelines](https://arxiv.org/abs/2403.11422)\n',
      '- [FastDecode: High-Throughput GPU-Efficient LLM Serving using Heterogeneous Pipelines](https://openreview.net/forum?id=GahfuPsGw2)\n',
    ].map((text, n) => {
      const file = path.join(dir2, `list-${n}.md`);
      fs.writeFileSync(file, text);
      return file;
    });
    const other = freshStore(dir2, 'l.sqlite');
    try {
      const report2 = importFiles(other, lists);
      const byId = (id: string): ItemRecord[] => other.listItems({}).filter((i) => i.ids.arxiv === id);
      assert.equal(byId('2403.11421').length, 1);
      assert.equal(byId('2403.11422').length, 1, 'another arXiv id: two papers');
      assert.notEqual(byId('2403.11421')[0]?.id, byId('2403.11422')[0]?.id);
      assert.equal(
        byId('2403.11421')[0]?.sources.length,
        2,
        'the third entry joins the first by its OpenReview link',
      );
      assert.equal(report2.merges.filter((m) => m.reason === 'joined two items').length, 0);
    } finally {
      other.close();
      fs.rmSync(dir2, { recursive: true, force: true });
    }
  });

  it('joins by title one of two namesakes that a DOI each keeps apart, never both', () => {
    const title = 'A Study of Namesake Titles in Reading Lists';
    withScratchLibrary((other, write) => {
      importFiles(other, [
        write('l0.md', '- [Some truncated title](https://arxiv.org/abs/2403.11421)\n'),
        write(
          'l1.md',
          `- [${title}](https://doi.org/10.1000/aaa)\n- [${title}](https://doi.org/10.1000/bbb)\n`,
        ),
      ]);
      assert.equal(other.listItems({}).length, 3);
      importFiles(other, [write('l2.md', `- [${title}](https://arxiv.org/abs/2403.11421)\n`)]);
      const items = other.listItems({});
      assert.equal(items.length, 2, 'the arXiv item joins one namesake');
      for (const item of items) assert.ok((item.ids.doi ?? '').length > 0, 'each keeps its own DOI');
    });
  });

  it('keeps GPT, GPT-2 and GPT-3 apart, though one video of mli’s links all three', () => {
    // mli line 43: "[GPT](…pdf), [GPT-2](…pdf), [GPT-3](arxiv 2005.14165) 精读"; each paper
    // also has its own row (lines 196, 198, 199).
    const mli = (line: number): ItemRecord[] =>
      items.filter((i) => i.sources.some((s) => s.file.includes('mli_zh') && s.line === line));
    const rows = [43, 196, 198, 199].map((line) => mli(line));
    for (const row of rows) assert.equal(row.length, 1);
    assert.equal(new Set(rows.map((row) => row[0]!.id)).size, 4, 'four items: the video and three papers');
    const mliLines = rows[3]![0]!.sources.filter((s) => s.file.includes('mli_zh')).map((s) => s.line);
    assert.deepEqual(mliLines, [199], 'GPT-3 is its own row of mli’s alone');
  });

  it('keeps a paper listed with only its code apart from a post inside that repository (DeepSpeed-MoE, -FastGen)', () => {
    // The MoE list links "DeepSpeed-MoE: …" to github.com/microsoft/DeepSpeed alone (line 147),
    // DefTruth's list "DeepSpeed-FastGen" to a blog post under …/DeepSpeed/tree/master/blogs/.
    const [moe] = byArxiv(items, '2201.05596');
    assert.ok(moe?.title.startsWith('DeepSpeed-MoE'));
    assert.ok(moe?.sources.some((s) => s.file.includes('mixture-of-experts') && s.line === 147));
    assert.ok(!moe?.sources.some((s) => s.file.includes('DefTruth') && s.line === 188));
    const fastGen = items.filter((i) => i.sources.some((s) => s.file.includes('DefTruth') && s.line === 188));
    assert.equal(fastGen.length, 1);
    assert.ok(fastGen[0]!.title.startsWith('DeepSpeed-FastGen'));
  });

  it('keeps the two halves of a video series apart (mli’s "CLIP 改进工作串讲（上）" and "（下）")', () => {
    const halves = items.filter((i) => i.title.startsWith('CLIP 改进工作串讲'));
    assert.deepEqual(halves.map((i) => i.title).sort(), [
      'CLIP 改进工作串讲（上）',
      'CLIP 改进工作串讲（下）',
    ]);
  });

  it('keeps the four parts of mli’s 研究的艺术 apart, though each links the book’s page', () => {
    const book = 'https://press.uchicago.edu/ucp/books/book/chicago/C/bo23521678.html';
    const parts = items.filter((i) => i.links.some((l) => l.url === book));
    assert.deepEqual(parts.map((i) => i.title).sort(), [
      '如何讲好故事、故事里的论点【研究的艺术·三】',
      '明白问题的重要性【研究的艺术·二】',
      '理由、论据和担保【研究的艺术·四】',
      '跟读者建立联系【研究的艺术·一】',
    ]);
    for (const part of parts) {
      assert.equal(part.sources.length, 1);
      assert.equal(part.links.filter((l) => l.role === 'video').length, 1, part.title);
    }
  });

  it('keeps them apart when another list links the book’s page, in either order', () => {
    const mli = LISTS.find((f) => path.basename(f).startsWith('paper-reading_mli')) ?? '';
    const dir2 = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-series-'));
    const book = path.join(dir2, 'books.md');
    fs.writeFileSync(
      book,
      '- [The Craft of Research](https://press.uchicago.edu/ucp/books/book/chicago/C/bo23521678.html)\n',
    );
    try {
      for (const order of [
        [mli, book],
        [book, mli],
      ]) {
        const other = freshStore(dir2, `${path.basename(order[0] ?? '')}.sqlite`);
        try {
          for (const file of order) importFiles(other, [file]);
          const holding = other
            .listItems({})
            .filter((i) => [i.title, ...i.aliases].some((t) => t.includes('【研究的艺术·')));
          assert.equal(holding.length, 4, `each part its own item (${path.basename(order[0] ?? '')} first)`);
          const withBook = holding.filter((i) => i.sources.some((s) => s.file === book));
          assert.equal(withBook.length, 1, 'the book joins one of them');
        } finally {
          other.close();
        }
      }
    } finally {
      fs.rmSync(dir2, { recursive: true, force: true });
    }
  });

  it('keeps one paper one item when its titles end in a venue and year (htqin’s QDrop)', () => {
    const url = 'https://openreview.net/forum?id=ySQH0oDyp7';
    withScratchLibrary((other, write) => {
      importFiles(other, [
        write(
          'qa.md',
          `- [QDrop: Randomly Dropping Quantization for Extremely Low-bit Post-Training Quantization (ICLR 2022)](${url})\n`,
        ),
        write('qb.md', `- [QDrop (ICLR'22)](${url})\n`),
      ]);
      assert.equal(other.listItems({}).length, 1);
    });
  });

  it('names a paper by its own row, not by a video about it (mli’s ResNet)', () => {
    const [resnet] = byArxiv(items, '1512.03385');
    assert.equal(resnet?.title, 'ResNet');
    assert.ok((resnet?.sources.length ?? 0) >= 3);
  });

  it('lists a short name and the title it heads as likely duplicates (GShard, LLM.int8(), ZeroQuant)', () => {
    const named = findDuplicates(store)
      .filter((p) => p.comparison.rule === 'a name that heads the other title')
      .map((p) => `${p.a.title} | ${p.b.title}`);
    const pairs: Array<[string, string]> = [
      ['GShard', 'GShard: Scaling Giant Models'],
      ['LLM.int8()', 'LLM.int8(): 8-bit Matrix'],
      ['Efficient and Affordable Post-Training', 'ZeroQuant: Efficient and Affordable'],
    ];
    for (const [name, title] of pairs) {
      assert.ok(
        named.some(
          (p) => p.split(' | ').some((t) => t === name || t.startsWith(`${name} `)) && p.includes(title),
        ),
        `${name} / ${title}: ${named.join('; ')}`,
      );
    }
  });

  it('shows the rows merged by a link that the list gave another paper too, and no other', () => {
    const shown = findOtherWorks(store)
      .map((o) => `${path.basename(o.source.file)}:${o.source.line} ${o.keys.join(' ')}`)
      .sort();
    assert.deepEqual(shown, [
      'awesome-llm-inference_DefTruth.md:414 arxiv:2404.09221',
      'awesome-llm-inference_DefTruth.md:499 arxiv:2407.09621',
      'awesome-mixture-of-experts_XueFuzhao.md:79 arxiv:2205.12399',
      'awesome-mixture-of-experts_XueFuzhao.md:88 arxiv:2101.03961',
      'awesome-model-quantization_htqin.md:324 url:openreview.net/forum?id=ySQH0oDyp7',
      'ml-papers-of-the-week_dair-ai.md:804 arxiv:2408.05109',
    ]);
  });

  it('says so at import: the report lists the same rows, each with the row it was merged with', () => {
    const reported = report.otherWorks
      .map((o) => `${path.basename(o.source.file)}:${o.source.line} ${o.keys.join(' ')}`)
      .sort();
    const shown = findOtherWorks(store).map(
      (o) => `${path.basename(o.source.file)}:${o.source.line} ${o.keys.join(' ')}`,
    );
    assert.deepEqual(reported, shown.sort());
    const qdrop = report.otherWorks.find((o) => o.keys.includes('url:openreview.net/forum?id=ySQH0oDyp7'));
    assert.match(qdrop?.with.title ?? '', /^QDrop/u);
    assert.match(qdrop?.source.title ?? '', /^Optimal ANN-SNN Conversion/u);
  });

  it('reads statuses as the lists say', () => {
    const status = (arxiv: string): string | undefined => byArxiv(items, arxiv)[0]?.status;
    assert.equal(status('2401.04088'), 'read', 'seed 004 [x] Mixtral');
    assert.equal(status('2211.15841'), 'to-read', 'seed 004 [ ] MegaBlocks');
    assert.equal(status('2309.05463'), 'to-read', 'seed 002 TODO phi-1.5');
    assert.equal(status('2305.02301'), 'read', 'seed 002: no TODO in a list that marks unread items TODO');
  });

  it('reads importance from ⭐ runs, must-read headings and the item’s own stars first', () => {
    const imp = (arxiv: string): number | null | undefined => byArxiv(items, arxiv)[0]?.importance;
    assert.equal(imp('1706.03762'), 5, 'seed 003 ⭐⭐⭐⭐⭐ (必读)');
    assert.equal(imp('1802.04799'), 4, 'seed 003 TVM ⭐⭐⭐⭐ under a 必读 heading');
  });

  it('keeps aliases, notes and topics', () => {
    const winograd = byArxiv(items, '1509.09308')[0];
    assert.equal(winograd?.title, 'Fast Algorithms for Convolutional Neural Networks');
    assert.deepEqual(winograd?.aliases, ['cnn-winograd']);
    assert.deepEqual(winograd?.topics, ['deep learning']);

    const mobilenet = byArxiv(items, '1704.04861')[0];
    assert.ok(
      mobilenet?.topics.includes('deep learning / separable convolutions---depthwiseconv and pointwiseconv'),
    );
    assert.ok(
      mobilenet?.notes.includes(
        'it used separable conv in mobilenet, so it introduced separable conv in this article.',
      ),
    );

    const integer = byArxiv(items, '2004.09602')[0];
    assert.equal(
      integer?.title,
      'INTEGER QUANTIZATION FOR DEEP LEARNING INFERENCE: PRINCIPLES AND EMPIRICAL EVALUATION',
    );
    assert.ok(integer?.notes.includes('show some interesting data'));

    const distill = byArxiv(items, '2305.02301')[0];
    assert.ok(distill?.topics.includes('Paper notes / Large Language Model / Knowledge distillation'));

    const gpt3 = byArxiv(items, '2005.14165')[0];
    assert.ok(
      gpt3?.topics.includes('核心领域必读论文 / Transformer基础架构 / 里程碑论文'),
      `${gpt3?.topics}`,
    );
    assert.equal(gpt3?.year, 2020);
  });

  it('repairs the double-encoded seed and says so', () => {
    const file = report.files.find((f) => f.path === seed('003'));
    assert.ok(file?.warnings.some((w) => /double-encoded/u.test(w)));
    const flash = byArxiv(items, '2205.14135')[0];
    assert.ok(
      flash?.links.some((l) => l.url === 'https://github.com/Dao-AILab/flash-attention' && l.role === 'code'),
    );
  });

  it('changes nothing when the same files are imported again', () => {
    const before = JSON.stringify(store.listItems({}));
    const again = importFiles(store, [...SEEDS, ...LISTS]);
    assert.equal(again.added, 0);
    assert.equal(again.updated, 0);
    assert.equal(again.merged, 0);
    assert.deepEqual(again.otherWorks, []);
    assert.ok(again.files.every((f) => f.outcome === 'unchanged'));
    assert.equal(JSON.stringify(store.listItems({})), before);
  });
});

describe('the entry that stands for a list', () => {
  it('is never identified by the links a list gives about itself: two lists under the MIT license stay two', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-about-'));
    const store = freshStore(dir, 'l.sqlite');
    try {
      // The MoE list's line 3 is its MIT badge, a link to opensource.org/licenses/MIT.
      const moe = fs.readFileSync(LISTS.find((f) => f.includes('mixture-of-experts')) ?? '', 'utf8');
      const other = path.join(dir, 'other.md');
      fs.writeFileSync(other, moe.replace(/^# awesome-mixture-of-experts/mu, '# another reading list'));
      importFiles(store, [LISTS.find((f) => f.includes('mixture-of-experts')) ?? '', other]);
      const licensed = store
        .listItems({})
        .filter((i) => i.links.some((l) => l.url === 'https://opensource.org/licenses/MIT'));
      assert.deepEqual(licensed.map((i) => i.title).sort(), [
        'another reading list',
        'awesome-mixture-of-experts',
      ]);
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('identity at the edges of its rules', () => {
  const inLibrary = (files: Record<string, string>, extra: readonly string[] = []): ItemRecord[] => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-edges-'));
    const store = freshStore(dir, 'l.sqlite');
    try {
      const written = Object.entries(files).map(([name, text]) => {
        const file = path.join(dir, name);
        fs.writeFileSync(file, text);
        return file;
      });
      importFiles(store, [...extra, ...written]);
      return store.listItems({});
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  it('a repository titled two ways is one item, and so is one post inside it', () => {
    const items = inLibrary({
      'a.md':
        '- FlashAttention [code](https://github.com/Dao-AILab/flash-attention)\n' +
        '- [DeepSpeed-FastGen](https://github.com/microsoft/DeepSpeed/tree/master/blogs/deepspeed-fastgen)\n',
      'b.md':
        '- [Dao-AILab/flash-attention](https://github.com/Dao-AILab/flash-attention)\n' +
        '- [DeepSpeed-FastGen: High-throughput Text Generation for LLMs via MII and DeepSpeed-Inference](https://github.com/microsoft/DeepSpeed/tree/master/blogs/deepspeed-fastgen)\n',
    });
    assert.equal(items.length, 2, items.map((i) => i.title).join('; '));
  });

  it('an icon link names no work: papers-we-love’s "[:scroll:](x.pdf) [Chubby…](url)" is found by its link', () => {
    const pwl = LISTS.find((f) => f.includes('papers-we-love')) ?? '';
    const chubby =
      'http://static.googleusercontent.com/media/research.google.com/en/us/archive/chubby-osdi06.pdf';
    const items = inLibrary({ 'mine.md': `- [Chubby lock service](${chubby})\n` }, [pwl]);
    assert.equal(items.filter((i) => i.links.some((l) => l.url === chubby)).length, 1);
  });
});

describe('duplicates inside one real list', () => {
  it('merges htqin’s two Any-Precision LLM entries and chenhongyu’s /pdf/ and /abs/ survey', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-dup-'));
    const store = freshStore(dir, 'l.sqlite');
    try {
      const quant = LISTS.find((f) => f.includes('htqin')) ?? '';
      importFiles(store, [quant]);
      const any = store.listItems({}).filter((i) => i.ids.arxiv === '2402.10517');
      assert.equal(any.length, 1);
      assert.ok((any[0]?.sources.length ?? 0) >= 2);
    } finally {
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
