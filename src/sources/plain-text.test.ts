// Untrusted feed text to plain text: markup goes, LaTeX stays, controls never pass.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cleanText, clip, htmlToText, looksLikeHtml, textOfMaybeHtml } from './plain-text.js';

describe('plain text from feed fields', () => {
  const CASES: ReadonlyArray<[name: string, input: string, output: string]> = [
    ['paragraphs', '<p>One</p><p>Two</p>', 'One Two'],
    [
      'inline markup',
      'A <b>bold</b> and <a href="https://x.org">linked</a> claim',
      'A bold and linked claim',
    ],
    ['scripts and styles', '<style>p{}</style><script>alert(1)</script>Text', 'Text'],
    ['image alt text', 'Fig: <img src="x.png" alt="a diagram">', 'Fig: a diagram'],
    ['HTML entities', 'Caf&eacute; &amp; r&eacute;sum&eacute;&nbsp;here', 'Café & résumé here'],
    ['escape sequences', 'red&#27;[31m text', 'red[31m text'],
    ['LaTeX', '$a<b$ and $p<n>q$ and $\\langle x \\rangle$', '$a<b$ and $p<n>q$ and $\\langle x \\rangle$'],
    [
      'hard wraps',
      'Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large\n  Connectivity Limit',
      'Quantum Criticality for Extended Nodes on a Bethe Lattice in the Large Connectivity Limit',
    ],
  ];
  for (const [name, input, output] of CASES) test(name, () => assert.equal(textOfMaybeHtml(input), output));

  test('what counts as HTML', () => {
    assert.equal(looksLikeHtml('<p>x</p>'), true);
    assert.equal(looksLikeHtml('x<br/>y'), true);
    assert.equal(looksLikeHtml('R&amp;D'), true);
    assert.equal(looksLikeHtml('$a<b$'), false);
    assert.equal(looksLikeHtml('p < 0.05 and q > 1'), false);
    assert.equal(looksLikeHtml('$p<n>q$'), false);
  });

  test('cleanText removes controls and collapses whitespace', () => {
    assert.equal(cleanText('\u0007a\u009b\tb\r\n\u00a0c  '), 'a b c');
    assert.equal(htmlToText(''), '');
  });

  test('clip cuts at a word', () => {
    assert.equal(clip('short', 10), 'short');
    assert.equal(clip('word word word word word word', 22), 'word word word word…');
  });
});
