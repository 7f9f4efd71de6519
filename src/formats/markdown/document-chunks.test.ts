// Cutting a document into chunks changes nothing: the tokens, and so the list, are those of
// the whole document. Checked on the real lists cut at every heading, and on the blocks
// that may not be cut.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { REAL_LISTS } from '../../../test/real-lists.js';
import { tokenChunks } from './document-chunks.js';
import { parseMarkdownList } from './parse-markdown-list.js';

const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

/** The chunks' tokens, joined, as JSON; the first line of each chunk. */
function cut(text: string): { tokens: string; firstLines: string[]; references: boolean } {
  const chunks = [...tokenChunks(md, text, 1)];
  return {
    tokens: JSON.stringify(chunks.flatMap((c) => c.tokens)),
    firstLines: chunks.map((c) => text.slice(c.start, c.end).split('\n')[0] ?? ''),
    references: chunks.some((c) => c.definesReferences),
  };
}

describe('cutting a document into chunks', () => {
  it('cuts before column-0 ATX headings only, with line maps as for the whole', () => {
    const text =
      'intro\n# One\n- a\n  # in a list\n #  indented\n#nospace\n## Two\n| a |\n|---|\n| b |\n####### seven\n###\n';
    const chunks = cut(text);
    assert.deepEqual(chunks.firstLines, ['intro', '# One', '## Two', '###']);
    assert.equal(chunks.tokens, JSON.stringify(md.parse(text, {})));
  });
  it('never cuts a fence or an HTML block open across a heading', () => {
    // Nor right after one, even when it is closed ("# D"): a cut there is not worth proving.
    const text =
      '# A\n```\n# not a heading\n```\ntext\n# B\n<!--\n# still a comment\n-->\ntext\n# C\n<div>\n# inside the div\n\n# D\n';
    const chunks = cut(text);
    assert.deepEqual(chunks.firstLines, ['# A', '# B', '# C']);
    assert.equal(chunks.tokens, JSON.stringify(md.parse(text, {})));
  });
  it('says when a chunk defines a reference, which links in other chunks may use', () => {
    assert.equal(cut('# A\n[paper][p]\n# B\n[p]: https://arxiv.org/abs/1706.03762\n').references, true);
    assert.equal(cut('# A\n[^1]: 1 [x](https://a.org)\n# B\n').references, false);
  });
  for (const file of REAL_LISTS) {
    it(`${path.basename(file)}: the same list cut at every heading as read whole`, () => {
      const text = fs.readFileSync(file, 'utf8').replace(/\r\n?/g, '\n');
      assert.deepEqual(
        parseMarkdownList(text, { chunkChars: 1 }),
        parseMarkdownList(text, { chunkChars: Infinity }),
      );
    });
  }
});

describe('what a later chunk shows about an earlier one', () => {
  it('a reference definition after the cut still makes a link before it', () => {
    const list = parseMarkdownList(
      '# A\n- [Attention Is All You Need][p]\n# B\n[p]: https://arxiv.org/abs/1706.03762\n',
      { chunkChars: 1 },
    );
    assert.deepEqual(list.items[0]?.links[0]?.url, 'https://arxiv.org/abs/1706.03762');
  });
  it('a second H1 after the cut makes the first a topic, not the title', () => {
    const text =
      '# Papers\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n# Later\n- [GShard](https://arxiv.org/abs/2006.16668)\n';
    const list = parseMarkdownList(text, { chunkChars: 1 });
    assert.equal(list.title, 'Papers');
    assert.deepEqual(
      list.items.map((i) => i.topic),
      [['Papers'], ['Later']],
    );
    assert.deepEqual(list, parseMarkdownList(text, { chunkChars: Infinity }));
  });
});
