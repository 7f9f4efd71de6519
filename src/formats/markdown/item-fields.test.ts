// The fields read from the text around a paper, on real lines read from ../shared
// (test/real-lines.ts).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { realLine } from '../../../test/real-lines.js';
import { importanceOf, roleOfLabel } from './item-fields.js';

const HTQIN = 'awesome-model-quantization_htqin.md';

describe('importanceOf', () => {
  it('a star after a number counts GitHub stars, not a rating (htqin 197 "[721⭐]", 441 "[1.2k:star:]")', () => {
    assert.equal(importanceOf(realLine(HTQIN, 197)), null);
    assert.equal(importanceOf(realLine(HTQIN, 441)), null);
  });
  it('stars alone are a rating (seed 003:134 "重要性：⭐⭐⭐⭐⭐ (必读)")', () => {
    assert.equal(importanceOf(realLine('003', 134)), 5);
  });
  it('⭐️⭐️ in a Recom column are two (DefTruth 375)', () => {
    const recom = realLine('awesome-llm-inference_DefTruth.md', 375).split('|')[5] ?? '';
    assert.equal(importanceOf(recom), 2);
  });
});

describe('roleOfLabel', () => {
  it('a numbered label names its role (dair-ai 339 "[Paper 1]", "[Paper 2]")', () => {
    assert.equal(roleOfLabel('Paper 1'), 'paper');
    assert.equal(roleOfLabel('Paper 2'), 'paper');
  });
  it('a name with a number is no role ("GPT 4", "Llama 2")', () => {
    assert.equal(roleOfLabel('Llama 2'), null);
  });
});
