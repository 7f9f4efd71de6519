import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { REAL_LISTS } from '../../../test/real-lists.js';
import { isUnchangedByNormalizeLink, useFastNormalizeLink } from './fast-normalize-link.js';

const OPTIONS = { html: true, linkify: false, typographer: false } as const;

describe('the normalizeLink shortcut', () => {
  const plain = new MarkdownIt(OPTIONS);

  it('returns what markdown-it returns for every link destination of the real lists', () => {
    let fast = 0;
    for (const file of REAL_LISTS) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(
        /\]\(\s*<?([^)\s>]+)|(?:href|src)="([^"]+)"|<(https?:[^>\s]+)>|(https?:\/\/[^\s)\]>"'|]+)/g,
      )) {
        const url = m[1] ?? m[2] ?? m[3] ?? m[4] ?? '';
        if (!isUnchangedByNormalizeLink(url)) continue;
        fast++;
        assert.equal(plain.normalizeLink(url), url, url);
      }
    }
    assert.ok(fast > 5000, `most links take the shortcut (${fast})`);
  });

  it('leaves alone what it does not claim', () => {
    for (const url of [
      'https://EXAMPLE.com/a',
      'https://example.com/a b',
      'https://example.com/caf%C3%A9',
      'https://example.com/café',
      'https://bücher.example/x',
      'https://example.com/a[1]',
      'https://example.com/a|b',
      'https://example.com/a"b',
      'https://user@example.com/',
      'HTTP://example.com/',
      'ftp://example.com/',
      './relative.md',
    ]) {
      assert.equal(isUnchangedByNormalizeLink(url), false, url);
    }
  });

  it('parses whole lists to the same tokens as markdown-it alone', () => {
    const fast = useFastNormalizeLink(new MarkdownIt(OPTIONS));
    for (const file of REAL_LISTS) {
      const text = fs.readFileSync(file, 'utf8');
      assert.deepEqual(fast.parse(text, {}), plain.parse(text, {}), file);
    }
  });
});
