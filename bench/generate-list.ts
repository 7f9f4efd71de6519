// A large markdown reading list for the import benchmarks, generated deterministically
// (seeded PRNG, no dependencies) so that every run measures the same 18 MB of text.
//
// The shapes are the ones real lists use (../shared/seeds, ../shared/testdata/lists):
// checkboxes with ⭐ ratings and nested "why:"/code/note bullets (seed 004), bold numbered
// papers with labelled child lines "链接：URL" / "代码：URL" (seed 003), "[title](notes.md)
// [[paper](url)][[code](url)]" bullets (seed 002) and tables (dair-ai, mli). About 5% of
// the entries repeat an earlier paper under another URL form (arxiv pdf, a version
// suffix, huggingface.co/papers) so that the merge path runs as it does on real piles.
//
// Run it to write a file: node dist/bench/generate-list.js [N] [OUT.md] [SEED]

import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

export const DEFAULT_ITEMS = 100_000;
export const DEFAULT_SEED = 20_240_229;

/** Items per `## Topic k` section. */
const SECTION_ITEMS = 200;
const DUPLICATE_SHARE = 0.05;

/** mulberry32: small, fast, and the same sequence on every platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const WORDS = (
  'efficient sparse attention long context language model serving inference training ' +
  'quantization distillation mixture experts routing memory cache kernel parallel pipeline ' +
  'tensor graph neural network transformer decoding speculative retrieval augmented generation ' +
  'reasoning alignment preference optimization reinforcement learning agents planning tool ' +
  'vision multimodal diffusion image video speech scaling laws compute data curation benchmark ' +
  'evaluation robust adaptive dynamic hierarchical structured low rank adaptation pruning ' +
  'compression throughput latency accelerator hardware systems distributed federated secure ' +
  'private causal contrastive self supervised representation embedding token state space ' +
  'recurrent convolution normalization gradient stochastic bayesian probabilistic uncertainty ' +
  'calibration interpretability mechanistic circuits features safety instruction tuning chat ' +
  'open foundation small large fast exact approximate provable theoretical empirical study ' +
  'survey framework toward beyond rethinking revisiting unified simple scalable lossless'
).split(' ');

const NAME_SYLLABLES = ['flash', 'mega', 'spec', 'quant', 'sparse', 'turbo', 'deep', 'lite', 'mo', 'orca'];
const NAME_SUFFIXES = ['Attn', 'Former', 'Serve', 'Net', 'LM', 'Infer', 'Opt', 'KV', 'Flow', 'Bench'];
const OWNERS = ['google-research', 'facebookresearch', 'microsoft', 'openai', 'hazyresearch', 'mit-han-lab'];

interface Paper {
  title: string;
  arxiv: string;
  year: number;
  repo: string | null;
}

type Shape = 'checkbox' | 'numbered' | 'notes' | 'table';

class ListWriter {
  private readonly rand: () => number;
  private readonly papers: Paper[] = [];
  private readonly perMonth = new Map<string, number>();

  constructor(seed: number) {
    this.rand = prng(seed);
  }

  int(n: number): number {
    return Math.floor(this.rand() * n);
  }

  chance(p: number): boolean {
    return this.rand() < p;
  }

  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)] as T;
  }

  words(count: number): string {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(this.pick(WORDS));
    return out.join(' ');
  }

  /** About 80 characters: "SparseFormer: Efficient Long Context Attention for ...". */
  title(): string {
    let title = '';
    if (this.chance(0.4)) {
      const name = this.pick(NAME_SYLLABLES);
      title = `${name[0]?.toUpperCase()}${name.slice(1)}${this.pick(NAME_SUFFIXES)}: `;
    }
    const target = 64 + this.int(16);
    while (title.length < target) {
      const word = this.pick(WORDS);
      title += `${title.length === 0 || title.endsWith(': ') || this.chance(0.8) ? word[0]?.toUpperCase() : word[0]}${word.slice(1)} `;
    }
    return title.trim();
  }

  /** A new paper with an arxiv id no other paper in the list has. */
  newPaper(index: number): Paper {
    const year = 17 + this.int(8);
    const month = 1 + this.int(12);
    const yymm = `${year}${String(month).padStart(2, '0')}`;
    const serial = (this.perMonth.get(yymm) ?? 0) + 1;
    this.perMonth.set(yymm, serial);
    const paper: Paper = {
      title: this.title(),
      arxiv: `${yymm}.${String(serial).padStart(5, '0')}`,
      year: 2000 + year,
      repo: this.chance(0.45)
        ? `https://github.com/${this.pick(OWNERS)}/${this.pick(NAME_SYLLABLES)}-${index.toString(36)}`
        : null,
    };
    this.papers.push(paper);
    return paper;
  }

  /** The next entry: usually a new paper, sometimes an earlier one under another URL form. */
  next(index: number): { paper: Paper; url: string } {
    if (this.papers.length > 50 && this.chance(DUPLICATE_SHARE)) {
      const paper = this.pick(this.papers);
      const forms = [
        `https://arxiv.org/pdf/${paper.arxiv}.pdf`,
        `https://arxiv.org/pdf/${paper.arxiv}v2`,
        `https://arxiv.org/abs/${paper.arxiv}v${1 + this.int(3)}`,
        `https://huggingface.co/papers/${paper.arxiv}`,
      ];
      return { paper, url: this.pick(forms) };
    }
    const paper = this.newPaper(index);
    return { paper, url: `https://arxiv.org/abs/${paper.arxiv}` };
  }

  sentence(): string {
    const s = this.words(6 + this.int(8));
    return `${s[0]?.toUpperCase()}${s.slice(1)}.`;
  }

  checkbox(paper: Paper, url: string): string {
    const stars = this.int(6);
    const lines = [
      `- [${this.chance(0.2) ? 'x' : ' '}] [${paper.title}](${url})${stars > 0 ? ` ${'⭐'.repeat(stars)}` : ''}`,
    ];
    if (this.chance(0.3)) lines.push(`  - why: ${this.sentence()}`);
    if (paper.repo && this.chance(0.7)) lines.push(`  - [code](${paper.repo})`);
    if (this.chance(0.2)) lines.push(`  - ${this.sentence()}`);
    return lines.join('\n');
  }

  numbered(n: number, paper: Paper, url: string): string {
    // Child lines are indented to the item's content ("10. " needs four spaces), or
    // CommonMark reads them as a new top-level list.
    const pad = ' '.repeat(`${n}. `.length);
    const lines = [`${n}. **${paper.title}** (${paper.year})`, `${pad}- 链接：${url}`];
    if (paper.repo) lines.push(`${pad}- 代码：${paper.repo}`);
    if (this.chance(0.25)) lines.push(`${pad}- 推荐指数：${'⭐'.repeat(1 + this.int(5))}`);
    return lines.join('\n');
  }

  notes(paper: Paper, url: string): string {
    const slug = paper.title.replace(/[^A-Za-z0-9]+/gu, '').slice(0, 32);
    const todo = this.chance(0.2) ? 'TODO ' : '';
    const code = paper.repo ? `[[code](${paper.repo})]` : '';
    return `* ${todo}[${paper.title}](./papers/${slug}.md) [[paper](${url})]${code}`;
  }

  tableRow(n: number, paper: Paper, url: string): string {
    const code = paper.repo ? `[Code](${paper.repo})` : '';
    return `| ${n}) ${paper.title} | ${paper.year} | [Paper](${url}), [Tweet](https://x.com/someone/status/${1e15 + n * 7919}) | ${code} |`;
  }
}

export function generateList(n: number = DEFAULT_ITEMS, seed: number = DEFAULT_SEED): string {
  const w = new ListWriter(seed);
  const out: string[] = [
    '# Papers I Mean To Read',
    '',
    'Everything I saved from feeds, group chats and conference pages, sorted by topic.',
    '',
  ];
  let index = 0;
  for (let section = 1; index < n; section++) {
    out.push(`## Topic ${section}: ${w.words(2 + w.int(3))}`, '');
    const count = Math.min(SECTION_ITEMS, n - index);
    // The shares follow the real lists: checkboxes and plain bullets most, then numbered
    // papers with labelled lines, then tables.
    const r = w.int(100);
    const shape: Shape = r < 50 ? 'checkbox' : r < 70 ? 'notes' : r < 88 ? 'numbered' : 'table';
    const subAt = w.chance(0.35) ? Math.floor(count / 2) : -1;
    let numberInList = 0;
    for (let k = 0; k < count; k++, index++) {
      if (k === subAt) {
        if (shape === 'table') out.push('');
        out.push('', `### ${w.words(2)}`, '');
        numberInList = 0;
      }
      if (shape === 'table' && numberInList === 0) {
        out.push('| **Paper** | **Year** | **Links** | **Code** |', '| --- | --- | --- | --- |');
      }
      numberInList++;
      const { paper, url } = w.next(index);
      switch (shape) {
        case 'checkbox':
          out.push(w.checkbox(paper, url));
          break;
        case 'numbered':
          out.push(w.numbered(numberInList, paper, url));
          break;
        case 'notes':
          out.push(w.notes(paper, url), '');
          break;
        case 'table':
          out.push(w.tableRow(numberInList, paper, url));
          break;
      }
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function main(argv: readonly string[]): void {
  const n = argv[0] ? Number(argv[0]) : DEFAULT_ITEMS;
  const file = argv[1];
  const seed = argv[2] ? Number(argv[2]) : DEFAULT_SEED;
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(seed)) {
    process.stderr.write('usage: node dist/bench/generate-list.js [ITEMS] [OUT.md] [SEED]\n');
    process.exitCode = 2;
    return;
  }
  const text = generateList(n, seed);
  if (file) {
    fs.writeFileSync(file, text);
    process.stderr.write(`${file}: ${n} items, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB\n`);
  } else {
    process.stdout.write(text);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
