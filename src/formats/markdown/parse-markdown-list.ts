// Markdown reading list → ParsedList. markdown-it parses (CommonMark + GFM tables), a
// chunk at a time on big lists (document-chunks.ts); this file walks its block tokens and
// decides what is a topic, an item, a note.
//
// The shapes it reads come from real lists (../shared/seeds, ../shared/testdata/lists):
// nested bullets with an alias line and a title line (seed 000), "[title](notes.md)
// [[paper](url)]" with TODO markers (seed 002), numbered papers with labelled child lines
// and ⭐ ratings (seed 003), checkboxes (seed 004), tables (dair-ai, DefTruth, mli),
// "[[arXiv](url)] Title [[code](url)]" (htqin) and HTML blocks.

import type { Token } from 'markdown-it';
import MarkdownIt from 'markdown-it';
import type { Link, ParsedItem, ParsedList, Status } from '../../core/item.js';
import { identityLinks } from '../../core/identity.js';
import { classifyLink } from '../../core/link-role.js';
import { CHUNK_CHARS, tokenChunks } from './document-chunks.js';
import { parseHtmlBlock } from './html-block.js';
import { BARE_URL, inlinePieces, type Piece, piecesText, trimUrl } from './inline-pieces.js';
import {
  cleanTitle,
  cleanTopicName,
  collapseSpaces,
  importanceOf,
  isContentsHeading,
  isEmptyRemark,
  isMustReadHeading,
  leadingStatus,
  roleOfLabel,
  sectionStatus,
  splitLabel,
  whyOf,
  yearOf,
} from './item-fields.js';
import { type HeadInfo, type ListNode, piecesLinks, readHead } from './list-node.js';
import { parseTableRows, type TableCell } from './table-rows.js';
import { useFastNormalizeLink } from './fast-normalize-link.js';
import { useTextReferencesInLists } from './list-item-text.js';

const md = useTextReferencesInLists(
  useFastNormalizeLink(new MarkdownIt({ html: true, linkify: false, typographer: false })),
);

interface Section {
  topic: string[];
  status: Status | null;
  importance: number | null;
  navigation: boolean;
  /** The year a heading gives its entries ("### 2023" in htqin), for those that state none. */
  year: number | null;
}

class ItemSink {
  readonly items: ParsedItem[] = [];
  /** Whether an item of the list is marked unread with a word ("TODO"), and read with one ("DONE"): see finish. */
  todoMarkers = false;
  doneMarkers = false;
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
    year: section.year,
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

/** The first piece that is not blank text. */
function firstPiece(pieces: readonly Piece[]): Piece | undefined {
  return pieces.find((p) => !(p.kind === 'text' && p.text.trim() === ''));
}

/** Whether the pieces open with bold text ("**NVIDIA Research**", "2. **做笔记**"). */
function startsBold(pieces: readonly Piece[]): boolean {
  const first = firstPiece(pieces);
  return first?.kind === 'text' && first.bold;
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
  | { kind: 'text'; text: string; line: number };

function classifyChild(child: ListNode): ChildKind {
  const text = piecesText(child.head).trim();
  const label = splitLabel(text);
  if (label && child.children.length === 0) {
    // Only lines labelled as links need their links read (most labelled lines are fields).
    const labelledLinks = (): Link[] =>
      piecesLinks(child.head, true).map((l) => (label.role ? { ...l, role: label.role } : l));
    // What follows the label, without the links: their labels name them ("code: [torch](url)",
    // htqin's code link labelled by its framework, as lectio's export writes it back); only
    // the text around them is a remark.
    const valueText = (): string =>
      textOutsideLinks(child.head, piecesText(child.head).trimEnd().length - label.value.length).trim();
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
      case 'year': {
        // "日期: 9/04/24" (the day mli recorded a video, as lectio's export writes it) is no
        // year: it stays a note.
        const year = yearOf(label.value);
        if (year === null) break;
        return {
          kind: 'field',
          apply: (item) => {
            item.year = year;
          },
        };
      }
      case 'title':
        return {
          kind: 'field',
          apply: (item) => {
            item.aliases.push(label.value);
          },
        };
      case 'link': {
        const links = labelledLinks();
        if (links.length > 0) return { kind: 'links', links, remark: valueText() };
        break;
      }
      default: {
        // "链接：URL" (link: URL) names no role: the URL decides. A label damaged by
        // mojibake ("链\uFFFD：URL", seed 003) is still a label, not the name of an item.
        if (!LINK_WORDS.test(label.label) && !label.label.includes('\uFFFD')) break;
        const links = labelledLinks();
        if (links.length > 0) {
          const site = SITE_WORDS.test(label.label);
          return {
            kind: 'links',
            links: site ? links.map((l) => ({ ...l, role: 'site' as const })) : links,
            remark: valueText(),
          };
        }
      }
    }
  }
  // A lone line with links is links, unless it reads as an item. Its head is read only here:
  // a labelled field line above never needs it, nor does a line without a link (a remark).
  const head =
    child.children.length === 0 && child.more.length === 0 && child.head.some((p) => p.kind === 'link')
      ? readHead(child.head)
      : null;
  if (head !== null && head.links.length > 0) {
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
  return { kind: 'text', text: subtreeText(child), line: child.line };
}

/** The text pieces of `pieces` from character `from` of their piecesText on, links left out. */
function textOutsideLinks(pieces: readonly Piece[], from: number): string {
  let at = 0;
  let out = '';
  for (const p of pieces) {
    const length = p.kind === 'text' ? p.text.length : p.kind === 'link' ? p.label.length : 0;
    if (p.kind === 'text' && at + length > from) out += p.text.slice(Math.max(0, from - at));
    at += length;
  }
  return out;
}

/** A why after a note, in one sentence or the next: "…; why: …", "…. Why: …". */
const WHY_INSIDE = /[;；.。]\s*(?=(?:why|reason|motivation|为什么|原因)\s*[:：])/iu;

function applyRemark(item: ParsedItem, remark: string): void {
  // What is left of "网站：https://research.google/ 、 https://www.deepmind.com/research" (seed
  // 003 line 78) once its links are read is "、": punctuation alone says nothing.
  if (remark.length === 0 || isEmptyRemark(remark)) return;
  // "selective SSMs; why: linear-time alternative to attention": a note, then the why.
  const whyAfter = item.why === null && /[:：]/u.test(remark) ? WHY_INSIDE.exec(remark) : null;
  if (whyAfter && whyAfter.index > 0) {
    applyRemark(item, remark.slice(0, whyAfter.index));
    applyRemark(item, remark.slice(whyAfter.index + whyAfter[0].length));
    return;
  }
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
  const texts: Array<{ text: string; line: number }> = [];
  for (const child of node.children) {
    const c = classifyChild(child);
    if (c.kind === 'field') fields.push(c.apply);
    else if (c.kind === 'links') {
      absorbed.push(...c.links);
      if (c.remark) remarks.push(c.remark);
    } else if (c.kind === 'item') itemChildren.push(child);
    else texts.push({ text: c.text, line: c.line });
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
    if (head.remark) texts.unshift({ text: head.remark, line: node.line });
    // Each leaf keeps its own line: "qcom-qualla: NSPKVManager" is line 78 of seed 000, not
    // line 72 where its group "kv cache" starts.
    for (const { text: t, line } of texts) {
      const leaf = newItem(cleanTitle(t.split('\n')[0] ?? t).title, line, sub);
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
  item.year = head.year ?? section.year;
  // An alias line over its full title (seed 000: "cnn-winograd" / "Fast Algorithms for
  // Convolutional Neural Networks"): the child is the title, the parent an alias. A bold
  // line is the author's own title, never an alias, and a line in Chinese under it is what
  // it says of it: seed 003 line 477 "3. **复现实验**" (reproduce the experiments) over
  // "优先选择有开源代码的论文" (prefer papers with open code). Any line of four Chinese
  // characters would pass for a title, and so did that one, as the bold one was an alias.
  const firstText = texts[0]?.text;
  if (
    head.links.length === 0 &&
    !startsBold(node.head) &&
    firstText !== undefined &&
    !firstText.includes('\n') &&
    !/[:：]/u.test(firstText.slice(0, 12)) &&
    !/[\u4e00-\u9fff]/u.test(firstText) &&
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
  for (const t of texts) applyRemark(item, t.text);
  for (const f of fields) f(item);
  item.importance ??= section.importance;
  // Seed 002's bare "TODO": a bracketed "[TODO]" is a tag people put on anything ("[TODO] check
  // the survey later") and says nothing of the list's other items.
  if (head.marker === 'word' && head.status === 'to-read') sink.todoMarkers = true;
  if ((head.marker === 'word' || head.marker === 'tag') && head.status === 'read') sink.doneMarkers = true;
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
  // A year column gives the paper's year. A date column gives one only as a paper's date is
  // written, a year and perhaps a month (DefTruth's "Date": "2024.04"): mli's "日期" is the
  // day its video was recorded ("10/22/21" for ResNet, 2015 in its "年份" column, line 86),
  // and stays a note.
  const yearCol = find(/^(year|年份|发表时间|发表年份|published)$/u);
  const dateCol = find(/^(date|日期|时间|time)$/u);
  const starCol = find(/recom|star|rating|importance|推荐|重要|priority/u);
  const statusCol = find(/^(read\??|status|done|已读|状态|读了吗|read it\??)$/u);
  const columnRoles = names.map(roleOfColumn);
  for (const row of rows) {
    const cells = row.cells;
    let tcol = titleCol;
    if (tcol < 0) {
      // No title column: the first cell with words in it.
      tcol = cells.findIndex((c) => piecesText(c).replace(/[\s|\d./-]/gu, '').length > 3);
      if (tcol < 0) continue;
    }
    let titleCell = cells[tcol] ?? [];
    if (titleCell.some((p) => p.kind === 'link' && isInPageLink(p.url))) {
      // A row that only points inside the page is a table of contents; one with links of its
      // own is an entry, and its in-page link is words of its title: mli line 52
      // "[对比学习](#contrastive_learning)论文综述" (a survey of contrastive learning) with
      // its bilibili and zhihu videos, which went to the row above.
      if (!cells.some((c) => piecesLinks(c, true).length > 0)) continue;
      titleCell = titleCell.map((p) =>
        p.kind === 'link' && isInPageLink(p.url) ? { kind: 'text', text: p.label, bold: p.bold } : p,
      );
    }
    const head: HeadInfo = readHead(titleCell, true, true);
    if (head.navigation) continue;
    const title = head.title;
    const summary = head.remark;
    const item = newItem(title, row.line, section);
    if (head.alias) item.aliases.push(head.alias);
    item.year = head.year ?? item.year;
    item.status = head.status ?? section.status;
    item.importance = head.importance ?? section.importance;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c] ?? [];
      const name = names[c] ?? '';
      // The title cell's links are the head's (readHead read them with the same arguments).
      const links = (c === tcol ? head.links : piecesLinks(cell, true)).map((l) => {
        const role = columnRole(columnRoles[c] ?? null, l);
        return role ? { ...l, role } : l;
      });
      item.links.push(...links);
      if (c === tcol) continue;
      const text = piecesText(cell).trim();
      if (c === yearCol || (c === dateCol && yearCol < 0 && yearOf(text) !== null)) {
        item.year = yearOf(text) ?? item.year;
      } else if (c === starCol) {
        const stars = importanceOf(text);
        if (stars !== null) item.importance = Math.max(item.importance ?? 0, stars);
      } else if (c === statusCol) {
        item.status = /^(✅|✔|☑|x|yes|y|done|read|是|已读)/iu.test(text)
          ? 'read'
          : text
            ? item.status
            : 'to-read';
      } else if (links.length === 0 && saysSomething(cell)) {
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

/** The role a column's name gives the links in it ("Code", "视频"), if any. */
function roleOfColumn(column: string): Link['role'] | null {
  if (/code|github|repo|代码/u.test(column)) return 'code';
  if (/video|视频/u.test(column)) return 'video';
  if (/blog|博客/u.test(column)) return 'blog';
  if (/slide/u.test(column)) return 'slides';
  return null;
}

/** A link's role from its column, unless its label already said otherwise. */
function columnRole(ofColumn: Link['role'] | null, link: Link): Link['role'] | null {
  // Checked first: most columns give no role, and then the label needs no second look.
  if (ofColumn === null) return null;
  if (link.label && link.role !== classifyLink(link.url)) return null; // the label already said
  return ofColumn;
}

/**
 * Whether a cell holds anything worth a note: words or numbers, other than the role label
 * of a link without a target. DefTruth marks a missing paper or code with "⚠️" (about 150
 * rows) and writes "[[pdf]]()" (line 116): "Code: ⚠️" and "Paper: [pdf]" said nothing.
 */
function saysSomething(cell: TableCell): boolean {
  for (const p of cell) {
    // A tick or a cross is a yes or a no (mli's "已录制" column: recorded, "✅").
    if (p.kind === 'text' && /[\p{L}\p{N}✅✔☑❌✗✘]/u.test(p.text)) return true;
    if (p.kind === 'link' && roleOfLabel(p.label) === null && /[\p{L}\p{N}]/u.test(p.label)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------
// The walk

export interface MarkdownParseOptions {
  /** Called with the share of the input read, for progress bars on big files. */
  onProgress?: (done: number, total: number) => void;
  /** Characters per markdown-it chunk (document-chunks.ts); tests cut small to try every cut. */
  chunkChars?: number;
}

export function parseMarkdownList(text: string, options: MarkdownParseOptions = {}): ParsedList {
  let plan: WalkPlan = { chunkChars: options.chunkChars ?? CHUNK_CHARS, loneH1: null };
  for (;;) {
    const walked = walkDocument(text, plan, options.onProgress);
    if ('restart' in walked) plan = walked.restart;
    else return walked;
  }
}

/** How to walk a document: in chunks of what size, and what is known of its H1 headings. */
interface WalkPlan {
  chunkChars: number;
  /** Whether the document has exactly one H1; null while only the chunks read so far say. */
  loneH1: boolean | null;
}

/**
 * One walk over the document's tokens, chunk by chunk. Two things a later chunk can show
 * would have changed what an earlier one meant; they are rare, and the walk starts again
 * knowing them: a reference definition (the document is then parsed whole) and a second H1
 * after the first was taken for the list's title.
 */
function walkDocument(
  text: string,
  plan: WalkPlan,
  onProgress: MarkdownParseOptions['onProgress'],
): ParsedList | { restart: WalkPlan } {
  const walker = new ListWalker(plan.loneH1);
  for (const chunk of tokenChunks(md, text, plan.chunkChars)) {
    const whole = chunk.start === 0 && chunk.end === text.length;
    if (chunk.definesReferences && !whole) return { restart: { ...plan, chunkChars: Infinity } };
    if (!walker.admit(chunk.tokens)) return { restart: { ...plan, loneH1: false } };
    walker.walk(chunk.tokens, (i) => {
      if (!onProgress) return;
      onProgress(
        chunk.start + Math.floor(((chunk.end - chunk.start) * i) / chunk.tokens.length),
        text.length,
      );
    });
  }
  return walker.finish(text);
}

interface HeadingLevel {
  level: number;
  name: string;
  status: Status | null;
  mustRead: boolean;
  nav: boolean;
  year: number | null;
}

/** Where a section starts, and its topic: the sweep keeps a stray link inside its section. */
interface SectionStart {
  line: number;
  topic: string[];
}

/** The walk's state between chunks: the heading stack, the items so far, the list's title. */
class ListWalker {
  private readonly sink = new ItemSink();
  private listTitle: string | null = null;
  private listTitleLine = 1;
  /** Every heading's line and topic, in order. */
  private readonly sections: SectionStart[] = [];
  /** The links a list gives about itself, and the text around them; see `finish`. */
  private readonly aboutList: { links: Link[]; notes: string[]; line: number | null } = {
    links: [],
    notes: [],
    line: null,
  };
  /** Items of a list that introduces the document rather than lists entries; see `finish`. */
  private readonly introItems: Array<{ items: ParsedItem[]; line: number }> = [];
  /** The last item the block just before made, for an authors line under it. */
  private lastBlockItem: ParsedItem | null = null;
  /** Heading stack: level → cleaned name. A lone leading H1 is the list's title, not a topic. */
  private readonly headings: HeadingLevel[] = [];
  private pendingParent: { pieces: Piece[]; line: number } | null = null;
  /** The document's first heading_open token, once a chunk has shown it. */
  private firstHeading: Token | null = null;
  /** H1 headings in the chunks admitted so far. */
  private h1Count = 0;
  /** The first heading was taken for the title while later chunks were still unread. */
  private assumedLoneH1 = false;

  constructor(private readonly loneH1: boolean | null) {}

  /** Notes a chunk's headings before its walk; false when it shows the title guess was wrong. */
  admit(tokens: readonly Token[]): boolean {
    let h1s = 0;
    for (const t of tokens) {
      if (t.type !== 'heading_open') continue;
      this.firstHeading ??= t;
      if (t.tag === 'h1') h1s++;
    }
    if (h1s > 0 && this.assumedLoneH1) return false;
    this.h1Count += h1s;
    return true;
  }

  private isLoneH1(): boolean {
    if (this.loneH1 !== null) return this.loneH1;
    if (this.h1Count !== 1) return false;
    this.assumedLoneH1 = true;
    return true;
  }

  private section(): Section {
    // A "Contents" heading is navigation: its own list is skipped and it names no topic,
    // but sections nested under it (DefTruth puts every paper table under "## Contents") are content.
    const topic = this.headings.filter((h) => !h.nav && h.name.length > 0).map((h) => h.name);
    let status: Status | null = null;
    let importance: number | null = null;
    let year: number | null = null;
    for (const h of this.headings) {
      status = h.status ?? status;
      if (h.mustRead) importance = 5;
      year = h.year ?? year;
    }
    return {
      topic,
      status,
      importance,
      navigation: this.headings[this.headings.length - 1]?.nav === true,
      year,
    };
  }

  walk(tokens: Token[], progress: (i: number) => void): void {
    const sink = this.sink;
    let i = 0;
    while (i < tokens.length) {
      const t = tokens[i] as Token;
      if (i % 2000 === 0) progress(i);
      if (t.type === 'heading_open') {
        this.pendingParent = null;
        this.lastBlockItem = null;
        const inline = tokens[i + 1] as Token;
        const pieces = inlinePieces(inline);
        // "### Trending Topics ([©️back👆🏻](#paperlist))" (DefTruth): in-page links are not part of the name.
        const raw = piecesText(pieces.filter((p) => !(p.kind === 'link' && /^\.?\/?#/u.test(p.url))))
          .replace(/\(\s*\)|\[\s*\]/gu, '')
          .trim();
        const level = headingLevel(t);
        const line = (t.map?.[0] ?? 0) + 1;
        if (t === this.firstHeading && level === 1 && this.isLoneH1()) {
          this.listTitle = cleanTopicName(raw) || raw;
          this.listTitleLine = line;
        } else {
          const headings = this.headings;
          while (headings.length > 0 && (headings[headings.length - 1]?.level ?? 0) >= level) headings.pop();
          const name = cleanTopicName(raw);
          headings.push({
            level,
            name,
            status: sectionStatus(name),
            mustRead: isMustReadHeading(name),
            nav: isContentsHeading(name),
            year: yearOfHeading(name),
          });
          if (t === this.firstHeading && level === 1) {
            this.listTitle = name;
            this.listTitleLine = line;
          }
          const section = this.section();
          this.sections.push({ line, topic: section.topic });
          // A heading that links somewhere outside the page is an item too ("### [Paper](url)").
          const links = piecesLinks(pieces, false);
          if (links.length > 0) {
            const item = newItem(cleanTitle(raw).title, line, {
              ...section,
              topic: section.topic.slice(0, -1),
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
        const before = sink.items.length;
        let toRead = nodes;
        if (this.pendingParent) {
          // "**NVIDIA Research**" followed by "- 网站：URL" lines (seed 003): the bold line heads the list.
          toRead = [
            { line: this.pendingParent.line, head: this.pendingParent.pieces, more: [], children: nodes },
          ];
          this.pendingParent = null;
        }
        const section = this.section();
        // papers-we-love opens with "* General Papers" / "* Topics" over "[Datastores](#datastores)"
        // lines under no "Contents" heading: a list that only points inside the page is one.
        if (!isNavigationList(toRead)) interpretNodes(toRead, section, sink);
        for (const extra of extras) handleExtra(extra, section, sink);
        if (this.headings.length === 0 && sink.items.length > before && isIntroList(toRead)) {
          this.introItems.push({ items: sink.items.slice(before), line: (t.map?.[0] ?? 0) + 1 });
        }
        this.lastBlockItem = sink.items.length > before ? (sink.items[sink.items.length - 1] ?? null) : null;
        i = next;
        continue;
      }
      if (t.type === 'paragraph_open') {
        const inline = tokens[i + 1] as Token;
        const line = (t.map?.[0] ?? 0) + 1;
        const before = sink.items.length;
        this.paragraph(inlinePieces(inline), line);
        this.lastBlockItem = sink.items.length > before ? (sink.items[sink.items.length - 1] ?? null) : null;
        i += 3;
        continue;
      }
      if (t.type === 'table_open') {
        const { header, rows, next } = parseTableRows(tokens, i);
        const before = sink.items.length;
        interpretTable(header, rows, this.section(), sink);
        this.pendingParent = null;
        this.lastBlockItem = sink.items.length > before ? (sink.items[sink.items.length - 1] ?? null) : null;
        i = next;
        continue;
      }
      if (t.type === 'html_block' || t.type === 'fence' || t.type === 'code_block') {
        handleExtra(t, this.section(), sink);
      }
      i++;
    }
  }

  /** One paragraph: a title over a list, an entry, authors, links in prose, or the list's own links. */
  private paragraph(pieces: Piece[], line: number): void {
    const sink = this.sink;
    const section = this.section();
    const host = this.lastBlockItem;
    this.pendingParent = null;
    const head = readHead(pieces, false);
    if (startsBold(pieces) && head.links.length === 0 && head.title.length > 0) {
      this.pendingParent = { pieces, line };
      return;
    }
    // Above the first section, the list's title heading aside (a first H1 of several, MoE list).
    const first = this.sections[0];
    const inPreamble =
      first === undefined ||
      (this.sections.length === 1 && this.listTitle !== null && first.line === this.listTitleLine);
    const aboutList = linksAboutTheList(pieces, inPreamble);
    if (aboutList.length > 0) {
      this.keepAboutList(aboutList, pieces, line);
      return;
    }
    if (section.navigation) return;
    if (host && attachAuthors(host, pieces)) return;
    if (isOneItemParagraph(pieces, head)) {
      // "**BiBench: ...** [[Paper](url)] [[Project](url)]" (htqin): one item with its links.
      const item = newItem(head.title, line, section);
      item.links = head.links;
      item.year = head.year ?? item.year;
      if (head.importance !== null) item.importance = head.importance;
      if (head.status) item.status = head.status;
      applyRemark(item, head.remark);
      sink.add(item);
      return;
    }
    paragraphLinks(pieces, line, section, sink);
  }

  private keepAboutList(links: Link[], pieces: Piece[], line: number): void {
    const about = this.aboutList;
    about.line ??= line;
    for (const link of links) if (!about.links.some((l) => l.url === link.url)) about.links.push(link);
    const text = collapseSpaces(piecesText(pieces)).trim();
    if (text && !about.notes.includes(text)) about.notes.push(text);
  }

  finish(text: string): ParsedList {
    const sink = this.sink;
    const warnings: string[] = [];
    // Seed 002 marks unread papers "TODO" and leaves the read ones bare (they have notes):
    // in a list that uses TODO markers, an item without one has been read. A list that marks
    // read papers "DONE" too says nothing of its bare items.
    if (sink.todoMarkers && !sink.doneMarkers) {
      for (const item of sink.items) if (item.status === null) item.status = 'read';
    }
    // chenhongyu's "This summary will including three parts: 1. some **repositories** that you
    // can follow 2. ..." names the sections that follow it: once a section does follow, its
    // lines are the document's introduction, not entries (they have no link to lose).
    const lastSection = this.sections[this.sections.length - 1];
    for (const intro of this.introItems) {
      if (lastSection === undefined || lastSection.line < intro.line) continue;
      const drop = new Set(intro.items);
      const kept = sink.items.filter((item) => !drop.has(item));
      sink.items.length = 0;
      sink.items.push(...kept);
    }
    // The links a list gives about itself (its license badge, "Subscribe to our newsletter",
    // "Follow us on Twitter", "Join our Discord" in dair-ai, the contributors htqin thanks)
    // are no readings, and filed as entries they crowded the queue under whatever week came
    // last. Nothing of a list is dropped, though: they are kept on one entry that stands for
    // the list itself, named by its title, at its title's line.
    const about = this.aboutList;
    const firstAbout = about.links[0];
    if (firstAbout) {
      const item = newItem(
        this.listTitle ?? titleFromUrl(firstAbout.url),
        this.listTitle ? this.listTitleLine : (about.line ?? 1),
        {
          topic: [],
          status: null,
          importance: null,
          navigation: false,
          year: null,
        },
      );
      item.links = about.links;
      item.notes = about.notes;
      item.aboutList = true;
      sink.items.unshift(item);
    }
    sweepOrphanLinks(text, sink, this.sections, warnings);
    return { title: this.listTitle, items: sink.items, warnings };
  }
}

/**
 * The year a heading names: "### 2023" (htqin files its papers under the year they appeared)
 * or a dair-ai week, "Top ML Papers of the Week (June 23 - June 29) - 2025". Its entries that
 * state no year of their own take it; a week's papers are that week's preprints.
 */
function yearOfHeading(name: string): number | null {
  const m = /^((?:19|20)\d\d)$|\s[-–—]\s*((?:19|20)\d\d)$/u.exec(name);
  const year = m?.[1] ?? m?.[2];
  return year ? Number(year) : null;
}

/** A list whose only links point inside the page (at least one): a table of contents. */
function isNavigationList(nodes: readonly ListNode[]): boolean {
  let anchors = 0;
  const visit = (node: ListNode): boolean => {
    for (const pieces of [node.head, ...node.more]) {
      for (const p of pieces) {
        if (p.kind !== 'link') continue;
        if (!isInPageLink(p.url)) return false;
        anchors++;
      }
    }
    return node.children.every(visit);
  };
  return nodes.every(visit) && anchors > 0;
}

/** "#datastores", "./#top-ml-papers-of-the-week-feb-27-mar-5" (dair-ai), "/#x". */
function isInPageLink(url: string): boolean {
  return url.startsWith('#') || url.startsWith('./#') || url.startsWith('/#');
}

/**
 * A list that says what the document holds rather than what to read: no links, no status
 * marks, and lines that read as phrases ("some **repositories** that you can follow"), not
 * titles. Only a list above every section heading is asked (see `finish`).
 */
function isIntroList(nodes: readonly ListNode[]): boolean {
  return nodes.every((node) => {
    if (node.children.length > 0 || node.more.length > 0) return false;
    if (node.head.some((p) => p.kind === 'link')) return false;
    const text = piecesText(node.head).trim();
    return text.length > 0 && leadingStatus(text).status === null && !looksLikeTitle(text);
  });
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

/**
 * Links in running text become items named by their label, each at its own line. A line
 * that opens with a link and goes on to say something of it is that item and its note:
 * "[Zhihao JIA](https://www.cs.cmu.edu/~zhihaoj2/): FlexFlow and other imporessive work, ..."
 * (chenhongyu, lines 30-53 of one paragraph). A link given twice in a paragraph is one item
 * (DefTruth line 3 names xlite-dev/Awesome-LLM-Inference twice).
 */
function paragraphLinks(pieces: Piece[], line: number, section: Section, sink: ItemSink): void {
  const seen = new Set<string>();
  for (const row of paragraphLines(pieces, line)) {
    const links = piecesLinks(row.pieces, false).filter((l) => !seen.has(l.url) && seen.add(l.url));
    if (links.length === 0) continue;
    const first = firstPiece(row.pieces);
    const lead = first?.kind === 'link' && first.url === links[0]?.url ? first : null;
    for (const link of links) {
      // A label of nothing but punctuation or emoji names nothing; CJK labels are words
      // ("[直播课](https://c.d2l.ai/zh-v2/)", mli line 72), which `\W` took for punctuation.
      const named = link.label !== undefined && /[\p{L}\p{N}]/u.test(link.label);
      const item = newItem(
        named ? cleanTitle(link.label ?? '').title : titleFromUrl(link.url),
        row.line,
        section,
      );
      item.links = [link];
      if (lead !== null && link.url === lead.url) {
        applyRemark(
          item,
          restOfLine(row.pieces, lead)
            .replace(/^[\s:：,，\-–—]+/u, '')
            .trim(),
        );
      }
      sink.add(item);
    }
  }
}

/** The pieces of a paragraph cut at its line breaks, each line with its number in the file. */
function paragraphLines(pieces: readonly Piece[], line: number): Array<{ pieces: Piece[]; line: number }> {
  const rows = [{ pieces: [] as Piece[], line }];
  let row = rows[0] as { pieces: Piece[]; line: number };
  for (const p of pieces) {
    if (p.kind !== 'text' || !p.text.includes('\n')) {
      row.pieces.push(p);
      continue;
    }
    const parts = p.text.split('\n');
    parts.forEach((text, k) => {
      if (k > 0) {
        row = { pieces: [], line: row.line + 1 };
        rows.push(row);
      }
      if (text) row.pieces.push({ ...p, text });
    });
  }
  return rows;
}

/** The text of a line after one of its pieces, links shown by their labels. */
function restOfLine(pieces: readonly Piece[], after: Piece): string {
  return piecesText(pieces.slice(pieces.indexOf(after) + 1));
}

/**
 * Words that mark a paragraph as being about the list rather than about a reading: calls to
 * follow, join or subscribe (dair-ai lines 3, 150, 152, 2147, 2149) and thanks to the
 * people who helped (htqin line 3: "Special thanks to [Xingyu Zheng](https://github.com/…)").
 */
const ABOUT_LIST_WORDS =
  /\b(?:follow (?:us|me)|join (?:us|our)|subscribe|sign up|contact us|special thanks|thanks to|thank you|acknowledg(?:e|ements?|ments?))\b/iu;

/**
 * The links of a paragraph that speaks of the list itself, or none: a paragraph of such words
 * that links to no paper or code, or, above the first section, badges alone (MoE list line 3:
 * "[![MIT License](https://img.shields.io/…)](https://opensource.org/licenses/MIT)", the
 * list's license). Further down, a badge alone may well be an entry's paper or code.
 */
function linksAboutTheList(pieces: readonly Piece[], inPreamble: boolean): Link[] {
  let badges = 0;
  let others = 0;
  for (const p of pieces) {
    if (p.kind !== 'link') continue;
    if (p.imageOnly) badges++;
    else others++;
  }
  const words = others > 0 && ABOUT_LIST_WORDS.test(piecesText(pieces));
  if (!words && !(inPreamble && badges > 0 && others === 0)) return [];
  const links = piecesLinks(pieces, true);
  return links.some((l) => l.role === 'paper' || l.role === 'pdf' || l.role === 'code') ? [] : links;
}

/**
 * "[Haotong Qin](https://htqin.github.io/), [Mingyuan Zhang](…), …, Aoyu Li, …" under the
 * entry it follows (htqin lines 40, 57, 76): the authors of that entry, not entries of their
 * own (16 of them ranked high in `lectio next`). Their names join its authors and their pages
 * its links, labelled by name. Returns whether the paragraph was such a line.
 */
function attachAuthors(host: ParsedItem, pieces: readonly Piece[]): boolean {
  const names = authorNames(pieces);
  if (names === null) return false;
  const links = piecesLinks(pieces, false);
  // An author's page must not become what the entry is: an entry known by a code or blog link
  // alone (identity.ts identityLinks) would take the first page for its identity.
  const identity = identityLinks(host.links).map((l) => l.url);
  const after = identityLinks([...host.links, ...links]).map((l) => l.url);
  if (identity.length !== after.length || identity.some((u, k) => u !== after[k])) return false;
  for (const name of names) if (!host.authors.includes(name)) host.authors.push(name);
  for (const link of links) if (!host.links.some((l) => l.url === link.url)) host.links.push(link);
  return true;
}

/** The names of a line that is nothing but a list of people, or null. */
function authorNames(pieces: readonly Piece[]): string[] | null {
  for (const p of pieces) {
    if (p.kind === 'link' && (p.imageOnly || !isPersonName(cleanName(p.label)))) return null;
    if (p.kind === 'image') return null;
  }
  const text = collapseSpaces(piecesText(pieces)).trim();
  if (text.length > 1000 || !/[,，、]/u.test(text)) return null;
  const names = text
    .replace(/\.$/u, '')
    .split(/\s*[,，、;；]\s*|\s+and\s+/u)
    .map(cleanName)
    .filter((n) => n.length > 0);
  return names.length >= 2 && names.every(isPersonName) ? names : null;
}

/** A name without "and", footnote marks ("Xianglong Liu*") and emphasis. */
function cleanName(text: string): string {
  return text
    .replace(/^\s*and\s+/u, '')
    .replace(/[*†‡§¶#\d_]+/gu, '')
    .trim();
}

/** "Haotong Qin", "Zhihao JIA", "J. Doe", "Jean-Pierre de la Cruz", "李飞飞": a person's name. */
function isPersonName(name: string): boolean {
  if (/^\p{Script=Han}{2,4}$/u.test(name)) return true;
  const words = name.split(/\s+/u);
  if (words.length < 2 || words.length > 4) return false;
  let capitalised = 0;
  for (const w of words) {
    if (/^\p{Lu}(?:\p{Ll}+|\.)?(?:-\p{Lu}?\p{Ll}+)*$/u.test(w)) capitalised++;
    else if (!/^\p{Lu}{2,}$/u.test(w) && !/^(?:de|van|von|der|den|da|di|du|le|la|del|bin)$/u.test(w))
      return false;
  }
  return capitalised > 0;
}

function handleExtra(t: Token, section: Section, sink: ItemSink): void {
  // Code blocks, and the text of HTML blocks outside <a href>: left to the sweeper, which
  // decides what a URL written there belongs to (see `sweepOrphanLinks`).
  if (t.type !== 'html_block') return;
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
  eachUrlInText(text, (url, line) => out.push({ url, line }));
  return out;
}

/**
 * `urlsInText` without the array. One pass of BARE_URL over the whole text finds what a
 * pass over each line finds (a URL never spans a line: the pattern stops at white space),
 * without splitting a 19 MB text into lines; a line is looked at for images only when it
 * has a URL and could have an image ("![" or "<img").
 */
function eachUrlInText(text: string, visit: (url: string, line: number) => void): void {
  let line = 1;
  let lineStart = 0;
  let nextNewline = text.indexOf('\n');
  let images: ReadonlySet<number> | null = null; // where image URLs start on this line, once needed
  // A regex of its own: `visit` may use BARE_URL, whose lastIndex this loop depends on.
  const bareUrl = new RegExp(BARE_URL);
  for (let m = bareUrl.exec(text); m !== null; m = bareUrl.exec(text)) {
    while (nextNewline !== -1 && nextNewline < m.index) {
      line++;
      lineStart = nextNewline + 1;
      nextNewline = text.indexOf('\n', lineStart);
      images = null;
    }
    images ??= imageUrlStarts(text, lineStart, nextNewline === -1 ? text.length : nextNewline);
    if (!images.has(m.index)) visit(trimUrl(m[0]), line);
  }
}

const NO_IMAGES: ReadonlySet<number> = new Set();
const IMG_TAG = /<img/iu;

/** Offsets in `text` where image URLs start on the line [start, end). */
function imageUrlStarts(text: string, start: number, end: number): ReadonlySet<number> {
  const lineText = text.slice(start, end);
  // IMAGE_URL starts with "![" or "<img" (any case): a line with neither has no image. Long
  // table rows full of "<br>" (dair-ai) are then not searched.
  if (!lineText.includes('![') && !IMG_TAG.test(lineText)) return NO_IMAGES;
  const starts = new Set<number>();
  IMAGE_URL.lastIndex = 0;
  for (let m = IMAGE_URL.exec(lineText); m !== null; m = IMAGE_URL.exec(lineText)) {
    const url = m[1] ?? m[2] ?? '';
    starts.add(start + m.index + m[0].length - url.length);
  }
  return starts;
}

/**
 * Nothing of the input is dropped: a URL that no rule above placed joins the item just
 * before it in the same section, or becomes an item of that section itself.
 *
 * Most such URLs are written in code blocks. A URL in a code block is no markdown link, but
 * it is something the list says, and what it says is about the entry the block follows: a
 * BibTeX citation of the paper above it (htqin line 62 cites MQBench, line 55, in
 * `journal = "https://openreview.net/forum?id=TUplOmF8DsM"`), a `git clone` of the tool
 * above it. So it joins that entry, as the brief keeps every link on some item. It never
 * crosses a heading: a block that opens a section documents no entry of the one before
 * (DefTruth's "©️Citations" block cites the list itself, line 26), and an entry of its
 * own is better than a link on an unrelated one. A URL the list links elsewhere is kept
 * already and adds nothing.
 */
function sweepOrphanLinks(
  text: string,
  sink: ItemSink,
  sections: readonly SectionStart[],
  warnings: string[],
): void {
  const byLine = [...sink.items].sort((a, b) => a.line - b.line);
  // Nearly every URL in the text is, character for character, a link of the item it was
  // read into, the last item starting at or before its line: that settles it as kept.
  // Loose keys (looseUrlKey) of every kept link are computed only once some URL is not.
  let keptKeys: Set<string> | null = null;
  const keys = (): Set<string> => {
    if (keptKeys === null) {
      keptKeys = new Set<string>();
      for (const item of byLine) for (const l of item.links) keptKeys.add(looseUrlKey(l.url));
    }
    return keptKeys;
  };
  const orphanLines: number[] = [];
  eachUrlInText(text, (url, line) => {
    const host = lastAtOrBefore(byLine, line);
    if (host?.links.some((l) => l.url === url)) return;
    const key = looseUrlKey(url);
    if (keys().has(key)) return;
    const badge = piecesLinks([{ kind: 'link', url, label: '', imageOnly: false, bold: false }], true);
    if (badge.length === 0) return; // a badge or an in-page anchor
    keys().add(key);
    orphanLines.push(line);
    const section = lastAtOrBefore(sections, line); // the section the line is in
    const sameSection = host !== undefined && host.line >= (section?.line ?? 0);
    if (host && sameSection && line - host.line < 40) host.links.push({ url, role: classifyLink(url) });
    else {
      const item = newItem(titleFromUrl(url), line, {
        topic: section?.topic ?? [],
        status: null,
        importance: null,
        navigation: false,
        year: null,
      });
      item.links = [{ url, role: classifyLink(url) }];
      sink.add(item);
    }
  });
  if (orphanLines.length > 0) {
    const shown = orphanLines.slice(0, 10).join(', ') + (orphanLines.length > 10 ? ', …' : '');
    warnings.push(
      `${orphanLines.length} link(s) outside any list item were kept on the nearest item (line ${shown})`,
    );
  }
}

/** The last of things sorted by line (items, sections) that starts at or before `line`: a binary search. */
function lastAtOrBefore<T extends { line: number }>(byLine: readonly T[], line: number): T | undefined {
  let lo = 0;
  let hi = byLine.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const item = byLine[mid] as T;
    if (item.line <= line) {
      found = item;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
