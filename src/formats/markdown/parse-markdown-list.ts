// Markdown reading list → ParsedList. markdown-it parses (CommonMark + GFM tables);
// this file walks its block tokens and decides what is a topic, an item, a note.
//
// The shapes it reads come from real lists (../shared/seeds, ../shared/testdata/lists):
// nested bullets with an alias line and a title line (seed 000), "[title](notes.md)
// [[paper](url)]" with TODO markers (seed 002), numbered papers with labelled child lines
// and ⭐ ratings (seed 003), checkboxes (seed 004), tables (dair-ai, DefTruth, mli),
// "[[arXiv](url)] Title [[code](url)]" (htqin) and HTML blocks.

import type { Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';
import type { Link, ParsedItem, ParsedList, Status } from '../../core/item.js';
import { classifyLink } from '../../core/link-role.js';
import { parseHtmlBlock } from './html-block.js';
import { BARE_URL, inlinePieces, type Piece, piecesText, trimUrl } from './inline-pieces.js';
import {
  cleanTitle,
  cleanTopicName,
  importanceOf,
  isContentsHeading,
  isMustReadHeading,
  roleOfLabel,
  sectionStatus,
  splitLabel,
  whyOf,
  yearOf,
} from './item-fields.js';
import { type HeadInfo, type ListNode, piecesLinks, readHead } from './list-node.js';
import { parseTableRows, type TableCell } from './table-rows.js';

const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

interface Section {
  topic: string[];
  status: Status | null;
  importance: number | null;
  navigation: boolean;
}

class ItemSink {
  readonly items: ParsedItem[] = [];
  /** Set when the list marks unread items with TODO; see `parseMarkdownList`. */
  todoMarkers = false;
  add(item: ParsedItem): void {
    if (item.title.length === 0 && item.links.length === 0) return;
    this.items.push(item);
  }
}

function newItem(title: string, line: number, section: Section): ParsedItem {
  return {
    title,
    aliases: [],
    links: [],
    topic: section.topic,
    status: section.status,
    importance: section.importance,
    why: null,
    notes: [],
    year: null,
    authors: [],
    line,
  };
}

/** A title for an item that has only a link: "github.com/JDAI-CV/dabnn", "blog.vllm.ai/2023/06/20/vllm.html". */
export function titleFromUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = decodeURIComponent(u.pathname).replace(/\/+$/u, '');
    if (u.hostname.endsWith('github.com')) return path.split('/').slice(1, 3).join('/') || u.hostname;
    return (u.hostname.replace(/^www\./u, '') + path).slice(0, 200);
  } catch {
    return url.slice(0, 200);
  }
}

// ---------------------------------------------------------------------------
// Token tree

function headingLevel(token: Token): number {
  return Number(token.tag.slice(1));
}

/** Reads a bullet or ordered list starting at tokens[start] (the *_list_open); returns nodes and the next index. */
function readList(tokens: Token[], start: number): { nodes: ListNode[]; next: number; extras: Token[] } {
  const nodes: ListNode[] = [];
  const extras: Token[] = [];
  let i = start + 1;
  let depth = 1;
  let current: ListNode | null = null;
  while (i < tokens.length && depth > 0) {
    const t = tokens[i] as Token;
    if (t.type === 'list_item_open') {
      current = { line: (t.map?.[0] ?? 0) + 1, head: [], more: [], children: [] };
      nodes.push(current);
      i++;
      // Read the item's own blocks until its close.
      while (i < tokens.length && (tokens[i] as Token).type !== 'list_item_close') {
        const u = tokens[i] as Token;
        if (u.type === 'bullet_list_open' || u.type === 'ordered_list_open') {
          const sub = readList(tokens, i);
          current.children.push(...sub.nodes);
          extras.push(...sub.extras);
          i = sub.next;
          continue;
        }
        if (u.type === 'inline') {
          const pieces = inlinePieces(u);
          if (current.head.length === 0 && current.more.length === 0) current.head = pieces;
          else current.more.push(pieces);
        } else if (
          u.type === 'table_open' ||
          u.type === 'html_block' ||
          u.type === 'fence' ||
          u.type === 'code_block'
        ) {
          extras.push(u);
          if (u.type === 'table_open') {
            // Tables inside list items are rare; let the sweeper keep their links.
            while (i < tokens.length && (tokens[i] as Token).type !== 'table_close') i++;
          }
        }
        i++;
      }
      i++; // list_item_close
      continue;
    }
    if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') depth--;
    i++;
  }
  return { nodes, next: i, extras };
}

// ---------------------------------------------------------------------------
// Interpreting list nodes

function subtreeHasLinks(node: ListNode): boolean {
  if (node.head.some((p) => p.kind === 'link' && !p.url.startsWith('#'))) return true;
  if (node.more.some((ps) => ps.some((p) => p.kind === 'link'))) return true;
  return node.children.some(subtreeHasLinks);
}

function subtreeText(node: ListNode): string {
  const parts = [piecesText(node.head).trim(), ...node.more.map((m) => piecesText(m).trim())];
  for (const c of node.children) parts.push(subtreeText(c));
  return parts.filter((p) => p.length > 0).join('\n');
}

/** A line that reads like a paper title rather than a remark: several words, capitals, no trailing period. */
function looksLikeTitle(text: string): boolean {
  const words = text.split(/\s+/u).filter((w) => w.length > 0);
  if (/[。]$/u.test(text) || /\.\s*$/u.test(text)) return false;
  if (/[\u4e00-\u9fff]/u.test(text)) return text.length >= 4 && !/[，。]/u.test(text);
  return words.length >= 3 && /[A-Z]/u.test(text);
}

const LINK_WORDS =
  /^(链接|連結|link|links|url|地址|网站|网址|website|homepage|主页|官网|项目主页|paper|论文|原文|pdf)$/iu;
const SITE_WORDS = /网站|网址|website|homepage|主页|官网/iu;

type ChildKind =
  | { kind: 'field'; apply: (item: ParsedItem) => void }
  | { kind: 'links'; links: Link[]; remark: string }
  | { kind: 'item' }
  | { kind: 'text'; text: string };

function classifyChild(child: ListNode): ChildKind {
  const head = readHead(child.head);
  const text = piecesText(child.head).trim();
  const label = splitLabel(text);
  if (label && child.children.length === 0) {
    const links = piecesLinks(child.head, true).map((l) => (label.role ? { ...l, role: label.role } : l));
    const valueText = label.value.replace(BARE_URL, '').trim();
    switch (label.field) {
      case 'authors':
        return {
          kind: 'field',
          apply: (item) => {
            item.authors.push(
              ...label.value
                .split(/\s*(?:,|，|;|、|\band\b)\s*/u)
                .map((a) => a.trim())
                .filter((a) => a.length > 0),
            );
          },
        };
      case 'importance':
        return {
          kind: 'field',
          apply: (item) => {
            const stars =
              importanceOf(label.value) ?? (/^[0-5]$/u.test(label.value) ? Number(label.value) : null);
            if (stars !== null) item.importance = Math.max(item.importance ?? 0, stars);
            const extra = label.value.replace(/[⭐★☆🌟\uFE0F\s()（）]|必读|must[\s-]?read/giu, '');
            if (extra.length > 0) item.notes.push(text);
          },
        };
      case 'why':
        return {
          kind: 'field',
          apply: (item) => {
            item.why = label.value;
          },
        };
      case 'year':
        return {
          kind: 'field',
          apply: (item) => {
            item.year = yearOf(label.value) ?? item.year;
          },
        };
      case 'title':
        return {
          kind: 'field',
          apply: (item) => {
            item.aliases.push(label.value);
          },
        };
      case 'link':
        if (links.length > 0) return { kind: 'links', links, remark: valueText };
        break;
      default:
        // "链接：URL" (link: URL) names no role: the URL decides. A label damaged by
        // mojibake ("链\uFFFD：URL", seed 003) is still a label, not the name of an item.
        if (links.length > 0 && (LINK_WORDS.test(label.label) || label.label.includes('\uFFFD'))) {
          const site = SITE_WORDS.test(label.label);
          return {
            kind: 'links',
            links: site ? links.map((l) => ({ ...l, role: 'site' as const })) : links,
            remark: valueText,
          };
        }
    }
  }
  if (child.children.length === 0 && child.more.length === 0 && head.links.length > 0) {
    if (head.linkOnly) return { kind: 'links', links: head.links, remark: '' };
    // "https://arxiv.org/abs/1901.09504 , three methods abou clip": a link and a remark on it.
    const firstPiece = child.head.find((p) => !(p.kind === 'text' && p.text.trim() === ''));
    if (firstPiece?.kind === 'link' && !firstPiece.label) {
      const after = piecesText(child.head).replace(BARE_URL, '').trim();
      if (/^[,，;；]/u.test(after) || !looksLikeTitle(head.title))
        return { kind: 'links', links: head.links, remark: head.title };
    }
  }
  if (subtreeHasLinks(child)) return { kind: 'item' };
  return { kind: 'text', text: subtreeText(child) };
}

function applyRemark(item: ParsedItem, remark: string): void {
  if (remark.length === 0) return;
  const why = whyOf(remark);
  if (why && item.why === null) item.why = why;
  else item.notes.push(remark);
}

function interpretNodes(nodes: readonly ListNode[], section: Section, sink: ItemSink): void {
  for (const node of nodes) interpretNode(node, section, sink);
}

function interpretNode(node: ListNode, section: Section, sink: ItemSink): void {
  const head = readHead(node.head);
  if (head.navigation || section.navigation) return;
  const absorbed: Link[] = [...head.links];
  const fields: Array<(item: ParsedItem) => void> = [];
  const remarks: string[] = [];
  const itemChildren: ListNode[] = [];
  const texts: string[] = [];
  for (const child of node.children) {
    const c = classifyChild(child);
    if (c.kind === 'field') fields.push(c.apply);
    else if (c.kind === 'links') {
      absorbed.push(...c.links);
      if (c.remark) remarks.push(c.remark);
    } else if (c.kind === 'item') itemChildren.push(child);
    else texts.push(c.text);
  }
  for (const more of node.more) {
    absorbed.push(...piecesLinks(more, true));
    const t = piecesText(more).trim();
    if (t) remarks.push(t);
  }
  const title = head.title;

  // A line with no link of its own over items of its own is a group: it names a sub-topic
  // ("separable convolutions---depthwiseconv and pointwiseconv", "kv cache" in seed 000).
  if (absorbed.length === 0 && itemChildren.length > 0 && fields.length === 0 && title.length > 0) {
    const sub: Section = { ...section, topic: [...section.topic, cleanTopicName(title) || title] };
    if (head.status) sub.status = head.status;
    if (head.importance !== null) sub.importance = Math.max(sub.importance ?? 0, head.importance);
    if (head.remark) texts.unshift(head.remark);
    for (const t of texts) {
      const leaf = newItem(cleanTitle(t.split('\n')[0] ?? t).title, node.line, sub);
      const rest = t.split('\n').slice(1).join('\n').trim();
      if (rest) leaf.notes.push(rest);
      sink.add(leaf);
    }
    interpretNodes(itemChildren, sub, sink);
    return;
  }

  const item = newItem(title, node.line, section);
  if (head.alias) item.aliases.push(head.alias);
  item.links = absorbed;
  if (head.status) item.status = head.status;
  // The item's own stars beat its section's default ("必读" heading, ⭐⭐⭐⭐ on the item).
  item.importance = head.importance;
  item.year = head.year;
  // An alias line over its full title (seed 000: "cnn-winograd" / "Fast Algorithms for
  // Convolutional Neural Networks"): the child is the title, the parent an alias.
  const firstText = texts[0];
  if (
    head.links.length === 0 &&
    firstText !== undefined &&
    !firstText.includes('\n') &&
    !/[:：]/u.test(firstText.slice(0, 12)) &&
    looksLikeTitle(firstText) &&
    firstText.length > title.length
  ) {
    if (title) item.aliases.push(title);
    const cleaned = cleanTitle(firstText);
    item.title = cleaned.title;
    item.year ??= cleaned.year;
    texts.shift();
  }
  if (item.title.length === 0) {
    const firstLink = item.links[0];
    if (firstLink) item.title = titleFromUrl(firstLink.url);
  }
  applyRemark(item, head.remark);
  for (const r of remarks) applyRemark(item, r);
  for (const t of texts) applyRemark(item, t);
  for (const f of fields) f(item);
  item.importance ??= section.importance;
  if (head.marker === 'word') sink.todoMarkers = true;
  sink.add(item);
  interpretNodes(itemChildren, section, sink);
}

// ---------------------------------------------------------------------------
// Tables

function interpretTable(
  header: TableCell[],
  rows: { line: number; cells: TableCell[] }[],
  section: Section,
  sink: ItemSink,
): void {
  const names = header.map((h) => piecesText(h).replace(/\*|_/g, '').trim().toLowerCase());
  const find = (re: RegExp): number => names.findIndex((n) => re.test(n));
  let titleCol = find(/^(title|name|标题|名字|名称|题目|paper title|论文名称|论文)$/u);
  if (titleCol < 0) titleCol = find(/title|name|标题|名字|名称|题目/u);
  if (titleCol < 0) titleCol = find(/^paper$|^papers$/u);
  const yearCol = find(/^(date|year|年份|日期|时间|发表时间|time)$/u);
  const starCol = find(/recom|star|rating|importance|推荐|重要|priority/u);
  const statusCol = find(/^(read\??|status|done|已读|状态|读了吗|read it\??)$/u);
  for (const row of rows) {
    const cells = row.cells;
    let tcol = titleCol;
    if (tcol < 0) {
      // No title column: the first cell with words in it.
      tcol = cells.findIndex((c) => piecesText(c).replace(/[\s|\d./-]/gu, '').length > 3);
      if (tcol < 0) continue;
    }
    const titleCell = cells[tcol] ?? [];
    const head: HeadInfo = readHead(titleCell, true, true);
    if (head.navigation) continue;
    const title = head.title;
    const summary = head.remark;
    const item = newItem(title, row.line, section);
    if (head.alias) item.aliases.push(head.alias);
    item.year = head.year;
    item.status = head.status ?? section.status;
    item.importance = head.importance ?? section.importance;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c] ?? [];
      const name = names[c] ?? '';
      const links = piecesLinks(cell, true).map((l) => {
        const role = columnRole(name, l);
        return role ? { ...l, role } : l;
      });
      item.links.push(...links);
      if (c === tcol) continue;
      const text = piecesText(cell).trim();
      if (c === yearCol) item.year = yearOf(text) ?? yearFromDate(text) ?? item.year;
      else if (c === starCol) {
        const stars = importanceOf(text);
        if (stars !== null) item.importance = Math.max(item.importance ?? 0, stars);
      } else if (c === statusCol) {
        item.status = /^(✅|✔|☑|x|yes|y|done|read|是|已读)/iu.test(text)
          ? 'read'
          : text
            ? item.status
            : 'to-read';
      } else if (text.replace(/[\s\-–—|]/gu, '').length > 0 && links.length === 0) {
        item.notes.push(name ? `${piecesText(header[c] ?? []).trim()}: ${text}` : text);
      }
    }
    if (item.title.length === 0) {
      const first = item.links[0];
      if (first) item.title = titleFromUrl(first.url);
    }
    applyRemark(item, summary.trim());
    sink.add(item);
  }
}

function columnRole(column: string, link: Link): Link['role'] | null {
  if (link.label && link.role !== classifyLink(link.url)) return null; // the label already said
  if (/code|github|repo|代码/u.test(column)) return 'code';
  if (/video|视频/u.test(column)) return 'video';
  if (/blog|博客/u.test(column)) return 'blog';
  if (/slide/u.test(column)) return 'slides';
  return null;
}

/** "9/04/24" (mli) or "2024.04" (DefTruth) as a year. */
function yearFromDate(text: string): number | null {
  const m = /^\s*\d{1,2}\/\d{1,2}\/(\d{2})\s*$/u.exec(text);
  if (m?.[1]) return 2000 + Number(m[1]);
  return null;
}

// ---------------------------------------------------------------------------
// The walk

export interface MarkdownParseOptions {
  /** Called with the share of the input read, for progress bars on big files. */
  onProgress?: (done: number, total: number) => void;
}

export function parseMarkdownList(text: string, options: MarkdownParseOptions = {}): ParsedList {
  const tokens = md.parse(text, {});
  const sink = new ItemSink();
  const warnings: string[] = [];

  const h1Count = tokens.filter((t) => t.type === 'heading_open' && t.tag === 'h1').length;
  const firstHeading = tokens.find((t) => t.type === 'heading_open');
  let listTitle: string | null = null;
  // Heading stack: level → cleaned name. A lone leading H1 is the list's title, not a topic.
  const headings: Array<{
    level: number;
    name: string;
    status: Status | null;
    mustRead: boolean;
    nav: boolean;
  }> = [];
  const section = (): Section => {
    // A "Contents" heading is navigation: its own list is skipped and it names no topic,
    // but sections nested under it (DefTruth puts every paper table under "## Contents") are content.
    const topic = headings.filter((h) => !h.nav && h.name.length > 0).map((h) => h.name);
    let status: Status | null = null;
    let importance: number | null = null;
    for (const h of headings) {
      status = h.status ?? status;
      if (h.mustRead) importance = 5;
    }
    return { topic, status, importance, navigation: headings[headings.length - 1]?.nav === true };
  };

  let i = 0;
  let pendingParent: { pieces: Piece[]; line: number } | null = null;
  const total = tokens.length;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (options.onProgress && i % 2000 === 0) options.onProgress(i, total);
    if (t.type === 'heading_open') {
      pendingParent = null;
      const inline = tokens[i + 1] as Token;
      const pieces = inlinePieces(inline);
      // "### Trending Topics ([©️back👆🏻](#paperlist))" (DefTruth): in-page links are not part of the name.
      const raw = piecesText(pieces.filter((p) => !(p.kind === 'link' && /^\.?\/?#/u.test(p.url))))
        .replace(/\(\s*\)|\[\s*\]/gu, '')
        .trim();
      const level = headingLevel(t);
      if (t === firstHeading && level === 1 && h1Count === 1) {
        listTitle = cleanTopicName(raw) || raw;
      } else {
        while (headings.length > 0 && (headings[headings.length - 1]?.level ?? 0) >= level) headings.pop();
        const name = cleanTopicName(raw);
        headings.push({
          level,
          name,
          status: sectionStatus(name),
          mustRead: isMustReadHeading(name),
          nav: isContentsHeading(name),
        });
        if (t === firstHeading && level === 1) listTitle = name;
        // A heading that links somewhere outside the page is an item too ("### [Paper](url)").
        const links = piecesLinks(pieces, false);
        if (links.length > 0) {
          const item = newItem(cleanTitle(raw).title, (t.map?.[0] ?? 0) + 1, {
            ...section(),
            topic: section().topic.slice(0, -1),
          });
          item.links = links;
          sink.add(item);
        }
      }
      i += 3;
      continue;
    }
    if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
      const { nodes, next, extras } = readList(tokens, i);
      let toRead = nodes;
      if (pendingParent) {
        // "**NVIDIA Research**" followed by "- 网站：URL" lines (seed 003): the bold line heads the list.
        toRead = [{ line: pendingParent.line, head: pendingParent.pieces, more: [], children: nodes }];
        pendingParent = null;
      }
      interpretNodes(toRead, section(), sink);
      for (const extra of extras) handleExtra(extra, section(), sink);
      i = next;
      continue;
    }
    if (t.type === 'paragraph_open') {
      const inline = tokens[i + 1] as Token;
      const pieces = inlinePieces(inline);
      const line = (t.map?.[0] ?? 0) + 1;
      const head = readHead(pieces, false);
      const startsBold = pieces.find((p) => !(p.kind === 'text' && p.text.trim() === ''));
      pendingParent = null;
      if (
        startsBold?.kind === 'text' &&
        startsBold.bold &&
        head.links.length === 0 &&
        head.title.length > 0
      ) {
        pendingParent = { pieces, line };
      } else if (isOneItemParagraph(pieces, head) && !section().navigation) {
        // "**BiBench: ...** [[Paper](url)] [[Project](url)]" (htqin): one item with its links.
        const item = newItem(head.title, line, section());
        item.links = head.links;
        item.year = head.year;
        if (head.importance !== null) item.importance = head.importance;
        if (head.status) item.status = head.status;
        applyRemark(item, head.remark);
        sink.add(item);
      } else if (!section().navigation) {
        paragraphLinks(pieces, line, section(), sink);
      }
      i += 3;
      continue;
    }
    if (t.type === 'table_open') {
      const { header, rows, next } = parseTableRows(tokens, i);
      interpretTable(header, rows, section(), sink);
      pendingParent = null;
      i = next;
      continue;
    }
    if (t.type === 'html_block' || t.type === 'fence' || t.type === 'code_block') {
      handleExtra(t, section(), sink);
    }
    i++;
  }

  // Seed 002 marks unread papers "TODO" and leaves the read ones bare (they have notes):
  // in a list that uses TODO markers, an item without one has been read.
  if (sink.todoMarkers) {
    for (const item of sink.items) if (item.status === null) item.status = 'read';
  }
  sweepOrphanLinks(text, sink, warnings);
  return { title: listTitle, items: sink.items, warnings };
}

/** A paragraph that is one entry: a bold or linked title followed only by role-labelled links. */
function isOneItemParagraph(pieces: Piece[], head: HeadInfo): boolean {
  if (head.title.length === 0 || head.links.length === 0 || head.title.length > 300) return false;
  const first = pieces.find((p) => !(p.kind === 'text' && p.text.trim() === ''));
  const titleLink = first?.kind === 'link' && first.label && !roleOfLabel(first.label) ? first : null;
  if (!titleLink && !(first?.kind === 'text' && first.bold)) return false;
  return pieces.every(
    (p) => p.kind !== 'link' || p === titleLink || (p.label !== '' && roleOfLabel(p.label) !== null),
  );
}

/** Links in running text become items named by their label. */
function paragraphLinks(pieces: Piece[], line: number, section: Section, sink: ItemSink): void {
  const links = piecesLinks(pieces, false);
  for (const link of links) {
    const item = newItem(
      link.label && !/^\W*$/u.test(link.label) ? cleanTitle(link.label).title : titleFromUrl(link.url),
      line,
      section,
    );
    item.links = [link];
    sink.add(item);
  }
}

function handleExtra(t: Token, section: Section, sink: ItemSink): void {
  if (t.type !== 'html_block') return; // code blocks: left to the sweeper
  const line = (t.map?.[0] ?? 0) + 1;
  for (const found of parseHtmlBlock(t.content, line)) {
    const item = newItem(found.title, found.line, section);
    item.links = found.links;
    if (found.notes) item.notes.push(found.notes);
    sink.add(item);
  }
}

/** Loose form of a URL for "is this link kept?" checks: markdown-it percent-encodes, raw text may not. */
export function looseUrlKey(url: string): string {
  let u = url.replace(/&amp;/g, '&');
  try {
    u = decodeURI(u);
  } catch {
    // keep as is
  }
  return u.replace(/\/+$/u, '').toLowerCase();
}

const IMAGE_URL =
  /!\[[^\]]*\]\(\s*<?(https?:\/\/[^)\s>]+)|<img\b[^>]*?\bsrc\s*=\s*["']?(https?:\/\/[^"'\s>]+)/giu;

/** Every http(s) URL written in the text, with its line, except image sources (badges, figures). */
export function urlsInText(text: string): Array<{ url: string; line: number }> {
  const out: Array<{ url: string; line: number }> = [];
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const lineText = lines[n] ?? '';
    if (!lineText.includes('http')) continue;
    const images = new Set<number>();
    IMAGE_URL.lastIndex = 0;
    for (let m = IMAGE_URL.exec(lineText); m !== null; m = IMAGE_URL.exec(lineText)) {
      const url = m[1] ?? m[2] ?? '';
      images.add(m.index + m[0].length - url.length);
    }
    BARE_URL.lastIndex = 0;
    for (let m = BARE_URL.exec(lineText); m !== null; m = BARE_URL.exec(lineText)) {
      if (!images.has(m.index)) out.push({ url: trimUrl(m[0]), line: n + 1 });
    }
  }
  return out;
}

/**
 * Nothing of the input is dropped: a URL that no rule above placed (a link inside a code
 * block or an odd HTML fragment) joins the item just before it, or becomes an item itself.
 */
function sweepOrphanLinks(text: string, sink: ItemSink, warnings: string[]): void {
  const kept = new Set<string>();
  for (const item of sink.items) for (const l of item.links) kept.add(looseUrlKey(l.url));
  const byLine = [...sink.items].sort((a, b) => a.line - b.line);
  let orphans = 0;
  for (const { url, line } of urlsInText(text)) {
    const key = looseUrlKey(url);
    if (kept.has(key)) continue;
    const badge = piecesLinks([{ kind: 'link', url, label: '', imageOnly: false, bold: false }], true);
    if (badge.length === 0) continue; // a badge or an in-page anchor
    kept.add(key);
    orphans++;
    const host = lastAtOrBefore(byLine, line);
    if (host && line - host.line < 40) host.links.push({ url, role: classifyLink(url) });
    else {
      const item = newItem(titleFromUrl(url), line, {
        topic: host?.topic ?? [],
        status: null,
        importance: null,
        navigation: false,
      });
      item.links = [{ url, role: classifyLink(url) }];
      sink.add(item);
    }
  }
  if (orphans > 0)
    warnings.push(`${orphans} link(s) outside any list item were attached to the nearest item`);
}

/** The last item (sorted by line) that starts at or before `line`: a binary search. */
function lastAtOrBefore(byLine: readonly ParsedItem[], line: number): ParsedItem | undefined {
  let lo = 0;
  let hi = byLine.length - 1;
  let found: ParsedItem | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = byLine[mid] as ParsedItem;
    if (item.line <= line) {
      found = item;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
