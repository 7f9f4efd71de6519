// What one item's head says (readHead, splitAliasPrefix, piecesLinks), on real lines read from
// ../shared (test/real-lines.ts): its title, aliases, notes, importance and the roles of its links.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { realLine, realTableRow } from '../../../test/real-lines.js';
import type { ParsedItem } from '../../core/item.js';
import { parseMarkdownList } from './parse-markdown-list.js';

const DAIR = 'ml-papers-of-the-week_dair-ai.md';
const DEFTRUTH = 'awesome-llm-inference_DefTruth.md';
const HTQIN = 'awesome-model-quantization_htqin.md';

/** The one item that a piece of a real list reads as. */
function one(md: string): ParsedItem {
  const items = parseMarkdownList(md).items;
  assert.equal(items.length, 1, JSON.stringify(items.map((i) => i.title)));
  return items[0] as ParsedItem;
}

const row = (list: string, n: number): ParsedItem => one(realTableRow(list, n));
const line = (list: string, n: number): ParsedItem => one(`${realLine(list, n)}\n`);
const roles = (item: ParsedItem): string[] => item.links.map((l) => `${l.label ?? ''} ${l.role}`);

describe('venue tags (DefTruth)', () => {
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
