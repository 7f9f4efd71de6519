// The XML tree under the feed and API parsers: what it accepts from real producers and
// what it refuses (a body cut short is the failure that matters on the network).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { childText, firstChild, parseXml, textOf, XmlSyntaxError } from './xml-tree.js';

describe('parseXml', () => {
  test('resolves namespace prefixes, declared on the root or on the element', () => {
    // arXiv 2026 declares `arxiv:` on <feed>; arXiv 2016 on every element that uses it.
    const root = parseXml(
      '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:a="http://arxiv.org/schemas/atom">' +
        '<a:doi>10.1/x</a:doi>' +
        '<arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">8 pages</arxiv:comment>' +
        '<other:doi xmlns:other="urn:other">no</other:doi>' +
        '</feed>',
    );
    assert.equal(root.ns, 'http://www.w3.org/2005/Atom');
    assert.equal(childText(root, 'doi', 'http://arxiv.org/schemas/atom'), '10.1/x');
    assert.equal(childText(root, 'comment', 'http://arxiv.org/schemas/atom'), '8 pages');
    assert.equal(firstChild(root, 'doi', 'urn:other')?.name, 'other:doi');
  });

  test('decodes XML entities and character references, keeps CDATA as text', () => {
    const root = parseXml(
      '<a x="1 &amp; 2">R&amp;D &lt;b&gt; &#233;&#x41; <![CDATA[<p>raw & real</p>]]></a>',
    );
    assert.equal(root.attrs.x, '1 & 2');
    assert.equal(textOf(root), 'R&D <b> éA <p>raw & real</p>');
  });

  test('no DTD is read: declared entities stay as written', () => {
    const root = parseXml('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>');
    assert.equal(textOf(root), '&x;');
  });

  test('self-closing elements are complete', () => {
    const root = parseXml('<feed><link href="a"/><link href="b" /><entry/></feed>');
    assert.deepEqual(
      root.children.map((c) => (typeof c === 'string' ? c : c.name)),
      ['link', 'link', 'entry'],
    );
  });

  const BROKEN: ReadonlyArray<[string, string, RegExp, string | null]> = [
    [
      'cut inside text',
      '<feed>\n<entry><title>Hal',
      /ends inside <title> opened at line 2 \(truncated\?\)/,
      'feed',
    ],
    ['cut inside a tag', '<feed><entry><link href="htt', /ends inside/, 'feed'],
    [
      'a mismatched end tag',
      '<feed>\n<entry>\n<title>x</entry>\n</feed>',
      /<title> opened at line 3 is not closed before line 3/,
      'feed',
    ],
    ['nothing but text', 'Too Many Requests', /no XML element found/, null],
    ['an empty body', ' \n', /the body is empty/, null],
    ['two roots', '<a/><b/>', /more than one root element/, 'a'],
    [
      'HTML with void elements',
      '<html><body>Hi<br></body></html>',
      /<br> opened at line 1 is not closed/,
      'html',
    ],
  ];
  for (const [name, text, says, rootName] of BROKEN) {
    test(`refuses ${name}`, () => {
      assert.throws(
        () => parseXml(text),
        (err: unknown) =>
          err instanceof XmlSyntaxError && says.test(err.message) && err.rootName === rootName,
      );
    });
  }
});
