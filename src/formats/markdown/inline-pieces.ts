// Flattens a markdown-it inline token into text and link pieces, in reading order.
// Bare URLs in text ("链接：https://arxiv.org/abs/1706.03762", seed 003) become links
// too: markdown-it's linkify would need a word boundary that CJK colons do not give.

import type { Token } from 'markdown-it';
import { parseArxivId } from '../../core/canonical-id.js';
import { collapseSpaces } from './item-fields.js';

export type Piece =
  | { kind: 'text'; text: string; bold: boolean }
  | { kind: 'link'; url: string; label: string; imageOnly: boolean; bold: boolean }
  | { kind: 'image'; url: string; alt: string };

/**
 * http(s) URLs in running text; `trimUrl` then cuts what follows the URL. A URL stops at
 * white space and at punctuation that URLs do not hold unencoded: fullwidth and CJK
 * punctuation ("(https://arxiv.org/abs/2402.17764)： follow-ip work", readinglist line 73;
 * "【[研究的艺术](https://press…bo23521678.html)·四】", mli line 26) and ASCII quotes. An
 * apostrophe between word characters is part of the URL: htqin line 554 links
 * ".../Welcome%20to%20Cheng%20Deng's%20Homepage_files/...", and stopping there made a
 * truncated second link. Brackets are cut by `trimUrl` when they close nothing in the URL.
 * (Written as runs between apostrophes: an alternative tried at every character made the
 * sweep over a whole list half again as slow.)
 */
export const BARE_URL =
  /https?:\/\/[^\s<>"'`[\]|\u00B7\u3000-\u3004\u3008-\u3011\u3014-\u301F\u30FB\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]+(?:'(?=[\w%])[^\s<>"'`[\]|\u00B7\u3000-\u3004\u3008-\u3011\u3014-\u301F\u30FB\uFF01-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]+)*/gu;

export function trimUrl(raw: string): string {
  // A ")" or "}" that closes nothing in the URL closes the text around it, and ends the URL
  // there: "(https://arxiv.org/abs/2402.17764)：", BibTeX's "url={https://github.com/…},"
  // (DefTruth line 26). One inside it stays: "https://en.wikipedia.org/wiki/Foo_(bar)".
  // Emphasis marks go only at the very end ("_https://x.org/a_"): a "_" before a cut bracket
  // is the URL's own ("https://openreview.net/forum?id=U1edbV4kNu_)", MoE list line 126).
  let url = trimEnd(raw, `.,;:!?*_~'"`);
  const cut = cutAtUnbalanced(cutAtUnbalanced(url, '(', ')'), '{', '}');
  if (cut !== url) url = trimEnd(cut, '.,;:!?');
  while (url.endsWith(']') && !url.includes('[')) url = url.slice(0, -1);
  return url;
}

/** `url` up to its first `close` that no earlier `open` in it matches. */
function cutAtUnbalanced(url: string, open: string, close: string): string {
  // Most URLs have no such bracket: one indexOf, and no loop over their characters.
  if (!url.includes(close)) return url;
  let depth = 0;
  for (let i = 0; i < url.length; i++) {
    const c = url.charAt(i);
    if (c === open) depth++;
    else if (c === close && --depth < 0) return url.slice(0, i);
  }
  return url;
}

/**
 * `s` without its trailing run of `chars` (single UTF-16 units). A loop, not a `/[…]+$/`
 * replace: the sweep trims every URL of a list, and the regex would scan each from its start.
 */
function trimEnd(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s.charAt(end - 1))) end--;
  return end === s.length ? s : s.slice(0, end);
}

const KNOWN_TAGS = new Set([
  'a',
  'b',
  'strong',
  'i',
  'em',
  'br',
  'img',
  'span',
  'sup',
  'sub',
  'font',
  'code',
  'p',
  'div',
  'details',
  'summary',
  'u',
  's',
  'del',
  'center',
  'kbd',
  'small',
  'big',
  'mark',
  'li',
  'ul',
  'ol',
  'table',
  'tr',
  'td',
  'th',
  'tbody',
  'thead',
  'hr',
  'picture',
  'source',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'video',
]);

/**
 * An arXiv id named in text as arXiv names it ("arXiv:2401.04088 Mixtral of Experts",
 * "Mixtral of Experts (arXiv:2401.04088)", "arXiv: cs/0112017v2"): a link to its abstract
 * page, as a bare URL would be, when it starts or ends its text. In the middle of a sentence
 * it is a mention of another paper ("compare with arXiv:2312.00752 (Mamba)"), which as a link
 * merged the entry into that paper. A bare number is read as one only on a line of its own
 * (a file of ids, one a line): in running text "2401.04088" could be anything.
 */
const ARXIV_NAMED =
  /(?<![\w/.-])arxiv:\s?((?:\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)?(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?)(?![\w/-]|\.\d)|(?<=^|\n)[ \t]*(\d{4}\.\d{4,5}(?:v\d+)?)(?=[ \t]*(?:\n|$))/giu;

/** A line that is a new-style arXiv id and nothing else ("2307.09288"): a file of ids, one a line. */
const ARXIV_ID_LINE = /(?:^|\n)[ \t]*\d{4}\.\d{4,5}(?:v\d+)?[ \t]*(?:\n|$)/u;

function pushText(out: Piece[], text: string, bold: boolean): void {
  if (text.length === 0) return;
  // Most text names no arXiv id: one indexOf per case, and no second scan.
  if ((text.includes(':') && /arxiv:/iu.test(text)) || ARXIV_ID_LINE.test(text)) {
    ARXIV_NAMED.lastIndex = 0;
    let at = 0;
    for (let m = ARXIV_NAMED.exec(text); m !== null; m = ARXIV_NAMED.exec(text)) {
      const id = m[1] ?? m[2] ?? '';
      const starts = /^[\s([,;:|–—-]*$/u.test(text.slice(at, m.index));
      const ends = /^[\s)\],.;:]*$/u.test(text.slice(m.index + m[0].length));
      if ((!starts && !ends) || parseArxivId(id) === null) continue;
      pushUrls(out, text.slice(at, m.index), bold);
      out.push({ kind: 'link', url: `https://arxiv.org/abs/${id}`, label: '', imageOnly: false, bold });
      at = m.index + m[0].length;
    }
    pushUrls(out, text.slice(at), bold);
    return;
  }
  pushUrls(out, text, bold);
}

/** Text and the bare URLs in it, as pieces. */
function pushUrls(out: Piece[], text: string, bold: boolean): void {
  if (text.length === 0) return;
  BARE_URL.lastIndex = 0;
  let at = 0;
  for (let m = BARE_URL.exec(text); m !== null; m = BARE_URL.exec(text)) {
    const url = trimUrl(m[0]);
    if (m.index > at) out.push({ kind: 'text', text: text.slice(at, m.index), bold });
    out.push({ kind: 'link', url, label: '', imageOnly: false, bold });
    at = m.index + url.length;
    BARE_URL.lastIndex = at;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at), bold });
}

const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/iu;
const SRC = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/iu;

export function attrOf(tag: string, re: RegExp): string | null {
  const m = re.exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

export function hrefOf(tag: string): string | null {
  return attrOf(tag, HREF);
}

export function srcOf(tag: string): string | null {
  return attrOf(tag, SRC);
}

/** The pieces of one inline token (a paragraph, heading or table cell). */
export function inlinePieces(token: Token): Piece[] {
  const out: Piece[] = [];
  const children = token.children ?? [];
  let bold = 0;
  // An open link collects its label until link_close.
  let link: { url: string; label: string; images: number; bold: boolean } | null = null;
  const emitText = (text: string): void => {
    if (link) link.label += text;
    else pushText(out, text, bold > 0);
  };
  const closeLink = (): void => {
    if (!link) return;
    // A label that only repeats a URL ("<https://arxiv.org/abs/2205.14135>", "[https://…](…)")
    // names nothing: the link is read as a bare URL is, and no URL becomes a title.
    let label = collapseSpaces(link.label).trim();
    if (label.startsWith('http') && /^https?:\/\/\S+$/u.test(label)) label = '';
    out.push({
      kind: 'link',
      url: link.url,
      label,
      imageOnly: label.length === 0 && link.images > 0,
      bold: link.bold,
    });
    link = null;
  };
  for (const child of children) {
    switch (child.type) {
      case 'text':
      case 'code_inline':
        emitText(child.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        emitText('\n');
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold = Math.max(0, bold - 1);
        break;
      case 'link_open':
        closeLink();
        link = { url: String(child.attrGet('href') ?? ''), label: '', images: 0, bold: bold > 0 };
        break;
      case 'link_close':
        closeLink();
        break;
      case 'image': {
        const url = String(child.attrGet('src') ?? '');
        if (link) link.images++;
        else out.push({ kind: 'image', url, alt: child.content });
        break;
      }
      case 'html_inline': {
        const tag = child.content;
        const name = /^<\/?\s*([a-zA-Z][a-zA-Z0-9]*)/u.exec(tag)?.[1]?.toLowerCase();
        if (!name || !KNOWN_TAGS.has(name)) {
          emitText(tag); // "<IS>" in a dair-ai summary is text, not markup
        } else if (name === 'a' && !tag.startsWith('</')) {
          const href = hrefOf(tag);
          if (href) {
            closeLink();
            link = { url: href, label: '', images: 0, bold: bold > 0 };
          }
        } else if (name === 'a') {
          closeLink();
        } else if (name === 'br' || name === 'p' || name === 'div' || name === 'li') {
          emitText('\n');
        } else if (name === 'img') {
          const src = srcOf(tag);
          if (link) link.images++;
          else if (src) out.push({ kind: 'image', url: src, alt: '' });
        } else if (name === 'b' || name === 'strong') {
          bold += tag.startsWith('</') ? -1 : 1;
          bold = Math.max(0, bold);
        }
        break;
      }
      default:
        if (child.content) emitText(child.content);
    }
  }
  closeLink();
  return out;
}

/** All the text of the pieces, links shown by their labels. */
export function piecesText(pieces: readonly Piece[]): string {
  let s = '';
  for (const p of pieces) s += p.kind === 'text' ? p.text : p.kind === 'link' ? p.label : '';
  return s;
}
