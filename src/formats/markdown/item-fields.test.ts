// The fields read from the text around a paper, on real lines read from ../shared
// (test/real-lines.ts) where a line motivates the rule.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { roleOfLabel } from './item-fields.js';

describe('roleOfLabel', () => {
  it('a numbered label names its role (dair-ai 339 "[Paper 1]", "[Paper 2]")', () => {
    assert.equal(roleOfLabel('Paper 1'), 'paper');
    assert.equal(roleOfLabel('Paper 2'), 'paper');
  });
  it('a name with a number is no role ("GPT 4", "Llama 2")', () => {
    assert.equal(roleOfLabel('Llama 2'), null);
  });
});
