import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { editSimilarity } from './text-similarity.js';

/** The whole Levenshtein table, the reference the banded editSimilarity must agree with. */
function fullSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  let prev = Array.from({ length: b.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    prev = cur;
  }
  return 1 - (prev[b.length] as number) / Math.max(a.length, b.length);
}

describe('editSimilarity', () => {
  const pairs: Array<[string, string]> = [
    ['agentsturstandinformationaccessonthesemanticweb', 'agentstrustandinformationaccessonthesemanticweb'],
    [
      'afoundationforrepresentingandqueringmovingobjects',
      'afoundationforrepresentingandqueryingmovingobjects',
    ],
    ['reportinisdo00thecaise00workshop', 'reportonisdo00thecaise00workshopa'],
    ['kitten', 'sitting'],
    ['abcdefgh', 'hgfedcba'],
    ['', 'abc'],
  ];
  it('is the full table similarity when it reaches the floor, else 0', () => {
    for (const [a, b] of pairs) {
      const full = fullSimilarity(a, b);
      for (const floor of [0, 0.6, 0.8, 0.85]) {
        const expected = full >= floor - 1e-12 ? full : 0;
        assert.ok(Math.abs(editSimilarity(a, b, floor) - expected) < 1e-12, `${a} ${b} ${floor}`);
      }
    }
  });
});
