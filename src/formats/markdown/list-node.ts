// What one list item (or table row) says: its title, links, status, stars, remark.
// Shared by nested lists, tables and HTML blocks so that every shape of list reads alike.

import { isBadgeOrAnchor } from '../../core/canonical-id.js';
import type { Link, LinkRole, Status } from '../../core/item.js';
import { classifyLink } from '../../core/link-role.js';
import { type Piece, piecesText } from './inline-pieces.js';
import {
  cleanTitle,
  importanceOf,
  isEmptyRemark,
  isVenue,
  LEADING_DECORATION,
  leadingStatus,
  mayStartWithDecoration,
  roleOfLabel,
  type StatusMarker,
  stripStars,
  yearOf,
} from './item-fields.js';

export interface ListNode {
  line: number;
  head: Piece[];
  /** Further paragraphs of the same item. */
  more: Piece[][];
  children: ListNode[];
}

export interface HeadInfo {
  title: string;
  alias: string | null;
  links: Link[];
  status: Status | null;
  marker: StatusMarker | null;
  importance: number | null;
  year: number | null;
  /** Text after the title ("[Atom](url): paper under guidance of ..."). */
  remark: string;
  /** The head is nothing but links (and role labels or punctuation). */
  linkOnly: boolean;
  /** The head only points inside the page (a table of contents line). */
  navigation: boolean;
}

/**
 * The role of a link from its label and URL. A label names the role unless the URL says more
 * precisely what it is: "[paper](x.pdf)" is a pdf, and a label that says little of what it
 * links ("[docs]" on a repo, DefTruth; "[Project]" on github.com/htqin/BiBench, htqin;
 * "[Model]" on a repo, dair-ai) gives way to a URL that is clearly code, a paper or its pdf.
 * Other labels ("[code]", "[Tweet]") settle it without reading the URL (parsing URLs is a
 * good part of reading a list).
 */
export function roleOfLink(url: string, label: string): LinkRole {
  const labelRole = label ? roleOfLabel(label) : null;
  if (labelRole === null) return classifyLink(url, label || undefined);
  if (labelRole === 'paper') return classifyLink(url, label) === 'pdf' ? 'pdf' : 'paper';
  if (labelRole === 'site' || labelRole === 'other') {
    const role = classifyLink(url, label);
    if (role === 'code' || role === 'paper' || role === 'pdf') return role;
  }
  return labelRole;
}

/** Links worth keeping from a piece list: not in-page anchors, not badges. */
export function piecesLinks(pieces: readonly Piece[], keepBadgeLinks: boolean): Link[] {
  const links: Link[] = [];
  for (const p of pieces) {
    if (p.kind !== 'link' || p.url.length === 0) continue;
    if (isBadgeOrAnchor(p.url)) continue;
    if (p.imageOnly && !keepBadgeLinks) continue;
    const link: Link = { url: p.url, role: roleOfLink(p.url, p.label) };
    if (p.label) link.label = p.label;
    links.push(link);
  }
  return links;
}

function isAnchorOnly(pieces: readonly Piece[]): boolean {
  let anchors = 0;
  for (const p of pieces) {
    if (p.kind === 'link') {
      if (p.url.startsWith('#') || p.url.startsWith('./#')) anchors++;
      else return false;
    }
  }
  return anchors > 0;
}

/** The text without the blanks and emoji before a leading "[ ]", "TODO" or "DONE". */
function withoutDecorationBeforeStatus(text: string): string {
  // Nearly every head starts with a printable ASCII character, which is neither a blank nor an
  // emoji: the replace would remove nothing, and it cost 40% of readHead's own time.
  const first = text.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return text;
  return text.replace(/^[\s\p{Extended_Pictographic}\uFE0F]*(?=\[|TODO|DONE)/u, '');
}

/** Blanks, emoji and `:scroll:` shortcodes (papers-we-love): decoration, not words. */
const DECORATION = /^(?:[\s\p{Extended_Pictographic}\uFE0F]|:[a-z][a-z0-9_+-]*:)*$/u;

/** A piece that comes before the title and is none of it; `skip` characters of it are already read. */
function isDecoration(p: Piece, skip: number): boolean {
  // "[:scroll:](x.pdf) [The Chubby Lock Service ...](url)" (papers-we-love): an icon links the
  // paper's pdf (the link is kept), the title is the next link.
  if (p.kind === 'link') {
    const first = p.label.charCodeAt(0);
    return (first === 0x3a || first > 0x7f) && DECORATION.test(p.label);
  }
  if (p.kind !== 'text') return p.kind === 'image';
  const text = stripStars(skip > 0 ? p.text.slice(skip) : p.text);
  return (
    DECORATION.test(leadingStatus(text).rest) ||
    /^\s*(?:\[\s*[ xX]?\s*\]|TODO|DONE)?\s*$/u.test(text) ||
    // "5) **Qwen-2.5 Technical Report** - Alibaba releases ..." (dair-ai): the row's number.
    /^\s*\d{1,3}[.)]\s*$/u.test(text)
  );
}

/** Whether text with letters or digits follows pieces[from], from `skip` characters into it. */
function wordsFollow(pieces: readonly Piece[], from: number, skip: number): boolean {
  for (let j = from; j < pieces.length; j++) {
    const p = pieces[j] as Piece;
    const text =
      p.kind === 'text' ? (j === from ? p.text.slice(skip) : p.text) : p.kind === 'link' ? p.label : '';
    if (/[\p{L}\p{N}]/u.test(text)) return true;
  }
  return false;
}

/**
 * Where the title starts: pieces[at], `skip` characters into it when it is text. Before it
 * come blanks, checkboxes, icons, a row's number and a venue tag that links the paper:
 * "[[ICLR](https://arxiv.org/abs/2210.17323)] GPTQ: Accurate ..." and "[[NeurIPS]](https://
 * arxiv.org/abs/2209.13325) Outlier Suppression: ..." (htqin). The venue is where the paper
 * appeared, not its name: the title is the text after it, and the link keeps its label.
 */
function titleStart(pieces: readonly Piece[]): { at: number; skip: number } {
  let at = 0;
  let skip = 0;
  for (;;) {
    while (at < pieces.length && isDecoration(pieces[at] as Piece, skip)) {
      at++;
      skip = 0;
    }
    const p = pieces[at];
    const next = pieces[at + 1];
    if (
      p?.kind === 'text' &&
      p.text.slice(skip).trim() === '[' &&
      next?.kind === 'link' &&
      next.label.length > 0 &&
      next.label.length <= 60
    ) {
      const after = pieces[at + 2];
      const close = after?.kind === 'text' ? /^\s*\]/u.exec(after.text) : null;
      if (close && wordsFollow(pieces, at + 2, close[0].length)) {
        at += 2;
        skip = close[0].length;
        continue;
      }
    }
    if (
      p?.kind === 'link' &&
      p.label.length <= 60 &&
      p.label.startsWith('[') &&
      p.label.endsWith(']') &&
      wordsFollow(pieces, at + 1, 0)
    ) {
      at++;
      skip = 0;
      continue;
    }
    return { at, skip };
  }
}

/**
 * Where a table cell's title ends and its summary starts (dair-ai): at a line break; at a
 * double space before a capital ("1) Ultra-Fast Diffusion-based Language Models  This paper
 * introduces ...", a line break flattened into the cell), not inside a title ("...to leverage
 * high  throughput on Tensor Cores ...", DefTruth); at a dash before a lower-case word
 * ("Scaling Laws for ... Models - introduces scaling laws ..."); or at the words that start
 * a summary when the author left a single space ("... in LLMs Introduces a unified
 * operating system ...").
 */
const CELL_BREAK =
  /\n|\S\s{2,}(?=[\p{Lu}\d"“‘'([].{80})|\S\s+[-–—]\s*(?=[a-z]\w*\s)|\S\s(?=(?:Introduces|Proposes|This (?:paper|work|survey|study|new paper)|Researchers from)\s)/u;

/**
 * Where an item's own text stops being its title: at the line's end, or at a dash set off by
 * spaces before a word in lower case, as notes write "Mamba (https://arxiv.org/abs/2312.00752)
 * — selective SSMs". An en or em dash only: a hyphen between spaces is inside titles
 * ("QuantEase: … - An Efficient and Intuitive Algorithm", htqin), and so is a dash before a
 * capital ("Stop Regressing — Training Value Functions via Classification", "KAN: Kolmogorov –
 * Arnold Networks").
 */
const LINE_BREAK = /\n|\S\s+[—–]\s+(?=\p{Ll})/u;

/**
 * The end of a title's sentence where the authors' follows, as a reference writes them:
 * ". Kwon et al." then the end, a year or a venue with its year (". W. Kwon, Z. Li et al.
 * SOSP 2023."). At least three words of title before it, and no more than three names: "Dr.
 * Smith et al. Are Wrong", "LeCun vs. Marcus et al. on Symbols" and "On Reproducing Smith et
 * al. Results" are titles.
 */
const ET_AL_SENTENCE =
  /(?<=(?:\S+\s+){2}[^\s.]{2,})\.\s+(?=(?:\p{Lu}[\p{L}'’.-]*,?\s+){0,2}\p{Lu}[\p{L}'’-]+,?\s+et\s+al\.?(?:\s*$|[\s,]+\(?(?:19|20)\d\d|[\s,]+\p{Lu}[\p{L}-]{1,11}['’\s]?(?:(?:19|20)?\d\d)\b))/u;

/**
 * A bracketed name at the start of a head line that links nothing: "[Title]: note" (see
 * readHead). `words`: how many words the name has from its first letter on; `note`: the text
 * after a colon, or null when no colon follows. Read without a regular expression that could
 * backtrack: a hostile line of "[ab ab ab …" took minutes.
 */
function bracketedName(
  text: string,
): { name: string; words: number; after: string; note: string | null } | null {
  const open = /^\s*\[/u.exec(text);
  if (!open) return null;
  const close = text.indexOf(']', open[0].length);
  if (close < 0) return null;
  const name = text.slice(open[0].length, close);
  const letter = name.search(/\p{L}/u);
  if (name.includes('[') || letter < 0) return null;
  const words = name.slice(letter).trim().split(/\s+/u).length;
  const after = text.slice(close + 1).replace(/^\s+/u, '');
  const note = after.startsWith(':') ? after.slice(1).replace(/^\s+/u, '') : null;
  return { name, words, after, note };
}

/**
 * After "[Mamba]: ", a URL and a title quoted as CommonMark quotes a definition's title:
 * "[Mamba]: <https://arxiv.org/abs/2312.00752> \"Mamba: Linear-Time Sequence Modeling\"" (a bare
 * URL is a link of its own, not in the text). The quoted title is the paper's, the short
 * name its alias, as in "[GPT-3]: Language Models are Few-Shot Learners".
 */
const QUOTED_TITLE = /^(?:<?https?:\/\/[^\s>]+>?\s+)?(?:"([^"]+)"|'([^']+)')\s*$/u;

/**
 * Reads the head line of an item. `cellBreak`: the text is a table cell, where the title
 * may run on into a summary (CELL_BREAK).
 */
export function readHead(pieces: readonly Piece[], keepBadgeLinks = true, cellBreak = false): HeadInfo {
  const full = piecesText(pieces);
  const { status, marker } = leadingStatus(withoutDecorationBeforeStatus(full));
  const importance = importanceOf(full);
  const links = piecesLinks(pieces, keepBadgeLinks);
  const navigation = isAnchorOnly(pieces);

  // Find where the title is: a leading link with a real label, a leading bold run, or the text.
  let titleRaw = '';
  let remark = '';
  const { at, skip } = titleStart(pieces);
  const first = pieces[at];
  const restText = (from: number): string => {
    let s = '';
    for (let j = from; j < pieces.length; j++) {
      const p = pieces[j] as Piece;
      if (p.kind === 'text') s += j === at && skip > 0 ? p.text.slice(skip) : p.text;
      else if (p.kind === 'link' && p.label && !roleOfLabel(p.label) && !p.imageOnly) s += p.label;
    }
    return s;
  };
  // Link labels and bold runs are titles as the author wrote them; only running text may
  // start with tags ("google, tpu, In-Datacenter ...", seed 000: splitAliasPrefix).
  let plainText = false;
  /** The year of a reference's venue ("Kwon et al. SOSP 2023."). */
  let referenceYear: number | null = null;
  if (first?.kind === 'link' && first.label && !roleOfLabel(first.label) && !first.imageOnly) {
    titleRaw = first.label;
    remark = restText(at + 1);
  } else if (first?.kind === 'text' && first.bold && skip === 0) {
    let j = at;
    while (j < pieces.length) {
      const p = pieces[j] as Piece;
      if (p.kind === 'text' && p.bold) titleRaw += p.text;
      else if (p.kind === 'link' && p.bold && p.label && !roleOfLabel(p.label)) titleRaw += p.label;
      else break;
      j++;
    }
    remark = restText(j);
  } else {
    // Text first (or a bare URL first: "https://arxiv.org/pdf/2305.13245   GQA: Training ...").
    plainText = true;
    let text = restText(at);
    // The row's number goes before the cut: "2)  Title" must not end the title at "2)".
    if (cellBreak) text = text.replace(/^\s*\d{1,3}[.)]\s+/u, '');
    // (A dash is rare: most texts take the plain newline search.)
    const lineBreak = text.includes('—') || text.includes('–') ? LINE_BREAK : /\n/u;
    const end = (cellBreak ? CELL_BREAK : lineBreak).exec(text);
    const cut = end ? end.index + (end[0] === '\n' ? 0 : 1) : -1;
    titleRaw = cut >= 0 ? text.slice(0, cut) : text;
    remark = cut >= 0 ? text.slice(cut).replace(/^\s+/u, '') : '';
    // "Efficient Memory Management for … with PagedAttention. Kwon et al. SOSP 2023.": the
    // authors and venue, a reference's second sentence, are a note.
    const authors = titleRaw.includes('et al') ? ET_AL_SENTENCE.exec(titleRaw) : null;
    if (authors) {
      const rest = titleRaw.slice(authors.index + authors[0].length);
      const year = /\b((?:19|20)\d\d)\b/u.exec(rest)?.[1];
      if (year) referenceYear = Number(year);
      remark = remark ? `${rest}\n${remark}` : rest;
      titleRaw = titleRaw.slice(0, authors.index);
    }
  }
  if (mayStartWithDecoration(titleRaw)) titleRaw = titleRaw.replace(LEADING_DECORATION, '');
  titleRaw = leadingStatus(titleRaw).rest;
  // "[Title]: note" is a link whose URL the author left out, as the rows around it read
  // "[Title](url): note" (chenhongyu's reading list, line 986: "[Parm: Efficient Training of
  // Large Sparsely-Activated Models with Dedicated Schedules]: comm optimization in MoE").
  // A name of one or two words is the title when a note follows it ("[FlashAttention]: fast
  // attention kernel"), and an alias when a title does ("[GPT-3]: Language Models are
  // Few-Shot Learners", cleanTitle).
  const bracketed = plainText && titleRaw.includes(']') ? bracketedName(titleRaw) : null;
  // A quoted title only after a short name and with the row's link: "[Title]: (a note)" and
  // "[Title]: \"a note\"" are notes.
  const quotedMatch =
    bracketed &&
    bracketed.words <= 2 &&
    links.length > 0 &&
    bracketed.note !== null &&
    bracketed.note.length < 2000
      ? QUOTED_TITLE.exec(bracketed.note)
      : null;
  // A title starts as one: "[vLLM]: URL \"easy, fast and cheap LLM serving\"" quotes a tagline.
  const quoted = /^[\p{Lu}\d]/u.test(quotedMatch?.[1] ?? quotedMatch?.[2] ?? '') ? quotedMatch : null;
  const unlinked =
    bracketed &&
    !quoted &&
    // A title of three words or more, then a colon or nothing; a name, then a colon and a note
    // in lower case, in brackets or quotes, or nothing more (a URL after it is a link of its own).
    ((bracketed.words >= 3 && (bracketed.note !== null || bracketed.after === '')) ||
      (bracketed.note !== null && (bracketed.note === '' || /^[\p{Ll}("'“‘]/u.test(bracketed.note))))
      ? bracketed
      : null;
  if (quoted && bracketed) {
    titleRaw = `[${bracketed.name}] ${(quoted[1] ?? quoted[2] ?? '').trim()}`;
  } else if (unlinked && isVenue(unlinked.name)) {
    // The venue goes, the title after it stays: "[NeurIPS 2023 Oral]: Efficient Streaming …".
    titleRaw = (unlinked.note ?? '').trim() || unlinked.name;
  } else if (unlinked) {
    const note = (unlinked.note ?? '').trim();
    titleRaw = unlinked.name;
    if (note) remark = remark ? `${note}\n${remark}` : note;
  }
  let cleaned = cleanTitle(titleRaw);
  if (plainText) {
    const split = splitAliasPrefix(cleaned, titleRaw);
    if (split.note) remark = remark ? `${split.note}\n${remark}` : split.note;
    cleaned = split;
  }
  // Separators before the remark go (": a note"), but not the colon of ":star:".
  remark = remark.replace(/^(?:[\s：,，\-–—]|:(?!star:))+/u, '').trim();
  const year = cleaned.year ?? yearOf(remark.slice(0, 40)) ?? referenceYear;
  if (isEmptyRemark(remark) || /^[([]\s*(?:19|20)\d\d\s*[)\]]$/u.test(remark)) remark = '';
  const titleText = cleaned.title;
  const linkOnly = links.length > 0 && remark === '' && /^[\s[\]()|,，;:：/\-–—]*$/u.test(titleText);
  // Stars alone after the title ("[Title](url) ⭐⭐") are its importance, not a note.
  if (importance !== null && remark !== '' && isEmptyRemark(stripStars(remark))) remark = '';
  return {
    title: titleText,
    alias: cleaned.alias,
    links,
    status,
    marker,
    importance,
    year,
    remark,
    linkOnly,
    navigation,
  };
}

/**
 * "google, tpu, In-Datacenter Performance Analysis of a Tensor Processing Unit" and
 * "qserve mit, QServe: W4A8KV4 Quantization ..." (seed 000) put short tags before the
 * title. The tags become an alias. When what follows the tags is a sentence ("aimet, AIMET
 * is a library that provides ... models."), the tag is the name and the sentence a note:
 * the final period of `raw`, the text before cleanTitle dropped it, tells. Tags are lower
 * case or acronyms ("google", "MQG, GQA"); a part with a colon or a capitalised word is the
 * title's own: "Sparrow: Distributed, Low Latency Scheduling" (papers-we-love), "A Robust,
 * Quantization-Aware Training Method for Photonic Neural Networks." (htqin).
 */
export function splitAliasPrefix(
  t: { title: string; alias: string | null; year: number | null },
  raw: string,
): {
  title: string;
  alias: string | null;
  year: number | null;
  note: string | null;
} {
  // Most titles have no comma: skip the split (and spread no object; this runs for every item).
  const unchanged = { title: t.title, alias: t.alias, year: t.year, note: null };
  if (!t.title.includes(',') && !t.title.includes('，')) return unchanged;
  const parts = t.title.split(/\s*[,，]\s+|\s+[,，]\s*/u);
  if (parts.length < 2) return unchanged;
  const last = parts[parts.length - 1] ?? '';
  const tags = parts.slice(0, -1);
  const shortTags = tags.every(
    (p) => p.length > 0 && p.length <= 25 && p.split(/\s+/u).length <= 3 && !/[:：]|\p{Lu}\p{Ll}/u.test(p),
  );
  if (!shortTags || last.length < 15 || !/^[A-Z0-9]/u.test(last) || last.split(/\s+/u).length < 3) {
    return unchanged;
  }
  const prefix = tags.join(', ');
  const sentenceEnd = raw.trimEnd().slice(-1);
  if (sentenceEnd === '.' || sentenceEnd === '。') {
    const note = last.endsWith(sentenceEnd) ? last : last + sentenceEnd;
    return { title: prefix, alias: t.alias, year: t.year, note };
  }
  return { title: last, alias: t.alias ?? prefix, year: t.year, note: null };
}
