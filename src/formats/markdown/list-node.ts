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

/**
 * Reads the head line of an item. `cellBreak`: the text is a table cell, where a double
 * space ends the title (dair-ai: "1) Ultra-Fast Diffusion-based Language Models  This paper
 * introduces ...", a line break flattened into the cell).
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
  let i = 0;
  const isBlank = (p: Piece): boolean => {
    if (p.kind !== 'text') return p.kind === 'image';
    const text = stripStars(p.text);
    return (
      /^[\s\p{Extended_Pictographic}\uFE0F]*$/u.test(leadingStatus(text).rest) ||
      /^\s*(?:\[\s*[ xX]?\s*\]|TODO|DONE)?\s*$/u.test(text)
    );
  };
  while (i < pieces.length && isBlank(pieces[i] as Piece)) i++;
  const first = pieces[i];
  const restText = (from: number): string => {
    let s = '';
    for (let j = from; j < pieces.length; j++) {
      const p = pieces[j] as Piece;
      if (p.kind === 'text') s += p.text;
      else if (p.kind === 'link' && p.label && !roleOfLabel(p.label) && !p.imageOnly) s += p.label;
    }
    return s;
  };
  if (first?.kind === 'link' && first.label && !roleOfLabel(first.label) && !first.imageOnly) {
    titleRaw = first.label;
    remark = restText(i + 1);
  } else if (first?.kind === 'text' && first.bold) {
    let j = i;
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
    const text = restText(i);
    // Older dair-ai rows: "Scaling Laws for ... Models - introduces scaling laws ...".
    const end = (cellBreak ? /\n|\S\s{2,}(?=\S.{80})|\S\s+[-–—]\s*(?=[a-z]\w*\s)/u : /\n/u).exec(text);
    const cut = end ? end.index + (end[0] === '\n' ? 0 : 1) : -1;
    titleRaw = cut >= 0 ? text.slice(0, cut) : text;
    remark = cut >= 0 ? text.slice(cut).replace(/^\s+/u, '') : '';
  }
  if (mayStartWithDecoration(titleRaw)) titleRaw = titleRaw.replace(LEADING_DECORATION, '');
  titleRaw = leadingStatus(titleRaw).rest;
  const cleaned = splitAliasPrefix(cleanTitle(titleRaw));
  if (cleaned.note) remark = remark ? `${cleaned.note}\n${remark}` : cleaned.note;
  // Separators before the remark go (": a note"), but not the colon of ":star:".
  remark = remark.replace(/^(?:[\s：,，\-–—]|:(?!star:))+/u, '').trim();
  const year = cleaned.year ?? yearOf(remark.slice(0, 40));
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
 * is a library that provides ..."), the tag is the name and the sentence a note.
 */
export function splitAliasPrefix(t: { title: string; alias: string | null; year: number | null }): {
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
  const shortTags = tags.every((p) => p.length > 0 && p.length <= 25 && p.split(/\s+/u).length <= 3);
  if (!shortTags || last.length < 15 || !/^[A-Z0-9]/u.test(last) || last.split(/\s+/u).length < 3) {
    return unchanged;
  }
  const prefix = tags.join(', ');
  if (/[.。]$/u.test(last)) return { title: prefix, alias: t.alias, year: t.year, note: last };
  return { title: last, alias: t.alias ?? prefix, year: t.year, note: null };
}
