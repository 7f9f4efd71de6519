// Feed entries are untrusted text. Everything a source returns goes through here, so that
// no HTML meant for rendering and no terminal control sequence (an `&#27;` in a title is
// an ESC on the user's terminal) leaves src/sources.

import { Parser } from 'htmlparser2';

// C0 and C1 controls and DEL. Tabs and newlines are whitespace and are collapsed instead.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const WHITESPACE_RUN = /\s+/g;

/** One line: controls removed, runs of whitespace (hard wraps, indentation) made one space. */
export function cleanText(text: string): string {
  return text.replace(CONTROL_CHARS, '').replace(WHITESPACE_RUN, ' ').trim();
}

// Tags of HTML elements, and character references. Text from rss.arxiv.org is plain and
// full of LaTeX (`$a<b$`, `$\langle x|y \rangle$`, `$p<n>q$`): only a known element name
// makes a `<...>` markup, so that maths is not eaten as tags.
const HTML_TAG =
  /<\/?(a|abbr|article|audio|b|base|blockquote|body|br|button|center|cite|code|dd|del|div|dl|dt|em|embed|figcaption|figure|font|footer|form|frame|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|label|li|link|mark|math|meta|nav|noscript|object|ol|p|pre|q|s|script|section|select|small|source|span|strike|strong|style|sub|sup|svg|table|tbody|td|template|textarea|th|thead|title|tr|tt|u|ul|video)(?:\s[^<>]*)?\/?>|&(?:[a-z][a-z0-9]*|#\d+|#x[0-9a-f]+);/i;

export function looksLikeHtml(text: string): boolean {
  return HTML_TAG.test(text);
}

// Elements whose content is never prose.
const SKIPPED = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'svg',
  'math',
  'head',
]);
// Elements that end a run of text: without a space `<p>One</p><p>Two</p>` reads "OneTwo".
const BREAKING = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'img',
  'li',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
]);

/** The readable text of an HTML fragment: tags dropped, entities decoded, one line. */
export function htmlToText(html: string): string {
  let out = '';
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (SKIPPED.has(name)) skipping++;
        else if (BREAKING.has(name)) out += ' ';
        // An image says what it shows only through alt text.
        if (name === 'img' && skipping === 0 && attribs.alt) out += `${attribs.alt} `;
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BREAKING.has(name)) out += ' ';
      },
      ontext(text) {
        if (skipping === 0) out += text;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return cleanText(out);
}

/** Plain text for a field that may or may not be HTML (RSS descriptions and titles). */
export function textOfMaybeHtml(text: string): string {
  return looksLikeHtml(text) ? htmlToText(text) : cleanText(text);
}

/** Cuts a long text at a word boundary, marking the cut with an ellipsis. */
export function clip(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
