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
