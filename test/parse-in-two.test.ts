// A large list's second half is walked on a worker thread (parse-markdown-list.ts,
// parseInTwo). It must give exactly what one walk gives, or decline (null) so that one walk
// runs: checked on every real list and on the generated benchmark list, each cut in two at
// any size, and on the documents where a cut would change the meaning.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { generateList } from '../bench/generate-list.js';
import { parseInTwo, parseMarkdownList } from '../src/formats/markdown/parse-markdown-list.js';
import { decodeText } from '../src/formats/text-decoding.js';
import { REAL_LISTS } from './real-lists.js';

const oneWalk = (text: string) => parseMarkdownList(text, { parallel: false });

describe('a list parsed in two halves at once', () => {
  it('the generated 5,000-item list: in two, and the same items, lines and warnings', () => {
    const text = generateList(5000, 7);
    const two = parseInTwo(text);
    assert.ok(two, 'the list has "## Topic" sections under one title: it can be cut');
    assert.deepEqual(two, oneWalk(text));
    assert.equal(two.items.length, 5000);
  });

  for (const file of REAL_LISTS) {
    it(`${path.basename(file)}: the same as one walk, in two or not`, () => {
      const text = decodeText(fs.readFileSync(file), file).text;
      assert.deepEqual(parseMarkdownList(text, { parallel: true }), oneWalk(text));
    });
  }

  it('a reference definition in the second half: declined, and one walk reads it', () => {
    const section = (n: number) =>
      `## Topic ${n}\n\n${'- [A paper](https://arxiv.org/abs/2401.04088)\n'.repeat(50)}\n`;
    const text = `# List\n\n${section(1)}${section(2)}## Topic 3\n\n- [The paper][p]\n\n[p]: https://arxiv.org/abs/1706.03762\n`;
    assert.equal(parseInTwo(text), null);
    const items = parseMarkdownList(text, { parallel: true }).items;
    assert.equal(items.at(-1)?.links[0]?.url, 'https://arxiv.org/abs/1706.03762');
  });

  it('a fenced block open across the middle: declined', () => {
    const lines = '- [A paper](https://arxiv.org/abs/2401.04088)\n'.repeat(40);
    const text = `# List\n\n## One\n\n${lines}\n\`\`\`\n${'# not a heading\n'.repeat(40)}\`\`\`\n\n## Two\n\n${lines}`;
    assert.equal(parseInTwo(text), null);
    assert.deepEqual(parseMarkdownList(text, { parallel: true }), oneWalk(text));
  });

  const sections = (names: string[], lines: number) =>
    names
      .map((name) => `## ${name}\n\n${'- [A paper](https://arxiv.org/abs/2401.04088)\n'.repeat(lines)}\n`)
      .join('');
  const numbered = (from: number, n: number) => Array.from({ length: n }, (_, i) => `Topic ${from + i}`);

  it('a shallower heading open at the cut: declined, so topics keep their parent', () => {
    const text = `# Part A\n\n${sections(['One'], 10)}# Part B\n\n${sections(numbered(1, 20), 10)}`;
    assert.equal(parseInTwo(text), null);
    const items = parseMarkdownList(text, { parallel: true }).items;
    assert.deepEqual(items.at(-1)?.topic, ['Part B', 'Topic 20']);
    assert.deepEqual(parseMarkdownList(text, { parallel: true }), oneWalk(text));
  });

  it('a second H1 in the second half, after the first half took its H1 for the title: declined', () => {
    const text = `# Reading\n\n${sections(numbered(1, 10), 100)}# Later\n\n${sections(numbered(11, 9), 100)}`;
    assert.equal(parseInTwo(text), null);
    const items = parseMarkdownList(text, { parallel: true }).items;
    assert.deepEqual(items[0]?.topic, ['Reading', 'Topic 1'], 'two H1s: the first is a topic');
    assert.deepEqual(parseMarkdownList(text, { parallel: true }), oneWalk(text));
  });
});
