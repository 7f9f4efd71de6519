// The library as an awesome-list README: topics as headings in the user's order, an item per
// bullet with its status as a checkbox (or READING / SKIPPED), its importance as stars, its
// paper linked from the title, its other names on "aka:" lines, its other links on lines
// labelled by their role or by the list's own label ("[Tweet](…)"), the why and the notes as
// nested bullets. Written for lectio's own importer (src/formats/markdown/) to read back the
// same library: every choice below is the form that importer reads (test/export-markdown.test.ts).

import type { Link, LinkRole, Status } from '../../core/item.js';
import type { ExportItem, ExportSelection } from '../../core/library-export.js';
import { BARE_URL, trimUrl } from '../markdown/inline-pieces.js';
import { cleanTitle, collapseSpaces, roleOfLabel, splitLabel } from '../markdown/item-fields.js';
import { piecesLinks } from '../markdown/list-node.js';
import { isBadgeOrAnchor } from '../../core/canonical-id.js';
import { identityLinks, titleKey } from '../../core/identity.js';
import { classifyLink } from '../../core/link-role.js';
import { topicPathAndParents } from '../../core/topic-tree.js';
import { type ItemWriter, TextArena, type TextPiece, writeSelection } from './item-writer.js';
import { topicTree, walkTopics } from './topic-order.js';

export interface MarkdownExportOptions {
  title?: string;
  /** Only these topics (and their sub-topics) get headings: `export --topic T`. */
  topic?: string;
}

const STATUS_MARK: Record<Status, string> = {
  inbox: '[ ]',
  'to-read': '[ ]',
  reading: 'READING',
  read: '[x]',
  skipped: 'SKIPPED',
};

/** The word a link line starts with, by role; `link` leaves the role to the URL. */
const ROLE_WORDS: Record<LinkRole, readonly string[]> = {
  paper: ['paper', 'link'],
  pdf: ['link', 'pdf'],
  code: ['code', 'link'],
  blog: ['blog', 'link'],
  slides: ['slides', 'link'],
  video: ['video', 'link'],
  notes: ['notes', 'link'],
  site: ['site', 'link'],
  other: ['link', 'docs'],
};

export function exportMarkdown(selection: ExportSelection, options: MarkdownExportOptions = {}): string {
  return writeSelection(markdownWriter(options), selection);
}

/**
 * The list, fed item by item: each item's text is written as it comes (in full, and for an
 * item under several topics also as a repeat) and kept until the end, when the document
 * is put together in topic order.
 */
export function markdownWriter(options: MarkdownExportOptions = {}): ItemWriter {
  const scope = options.topic?.toLowerCase();
  const inScope = (path: string): boolean =>
    scope === undefined || path.toLowerCase() === scope || path.toLowerCase().startsWith(`${scope} / `);
  // Items by their place in the selection: the text in full and its trailing blank lines,
  // and the number of its repeat (-1: none).
  const fulls = new TextArena();
  const blanksAfter: number[] = [];
  const repeats = new TextArena();
  const repeatOf: number[] = [];
  const unfiled: number[] = [];
  const byTopic = new Map<string, number[]>();
  return {
    add(item) {
      const topics = item.topics.filter(inScope);
      const texts = itemTexts(item, topics.length > 1);
      const blanks = trailingBreaks(texts.full);
      const at = fulls.add(blanks === 0 ? texts.full : texts.full.slice(0, -blanks));
      blanksAfter.push(blanks);
      repeatOf.push(texts.repeat === undefined ? -1 : repeats.add(texts.repeat));
      if (topics.length === 0) unfiled.push(at);
      for (const topic of topics) {
        const list = byTopic.get(topic);
        if (list) list.push(at);
        else byTopic.set(topic, [at]);
      }
    },
    finish(topics, write) {
      const doc = new Lines(write);
      doc.line(`# ${escapeInline(options.title ?? 'Reading list')}`);
      doc.blank();
      // An item under several topics is written in full once, under its first topic in the
      // document; its other places repeat its title and identifying link, which the importer
      // joins to the same item (same key, or same title) and files under that topic too.
      const written = new Uint8Array(blanksAfter.length);
      const entry = (at: number): void => {
        if (written[at] === 1) doc.line(repeats.get(repeatOf[at] ?? -1));
        else doc.line(fulls.get(at), blanksAfter[at]);
        written[at] = 1;
      };
      for (const at of unfiled) entry(at);
      if (unfiled.length > 0) doc.blank();
      const nodes = walkTopics(topicTree(topics.filter(inScope), byTopic.keys()));
      const hasItems = new Set<string>();
      for (const path of byTopic.keys()) for (const p of topicPathAndParents(path)) hasItems.add(p);
      for (const node of nodes) {
        if (!hasItems.has(node.path)) continue;
        doc.line(`${'#'.repeat(Math.min(node.depth + 1, 6))} ${escapeInline(node.name)}`);
        doc.blank();
        const items = byTopic.get(node.path) ?? [];
        for (const at of items) entry(at);
        if (items.length > 0) doc.blank();
      }
    },
  };
}

/** The line breaks a text ends with: the blank lines that end an item (a paragraph's). */
function trailingBreaks(text: string): number {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return text.length - end;
}

/** The document's lines, written as they come; blank lines wait for a line after them (none end it). */
class Lines {
  private blanks = 0;

  constructor(private readonly write: (piece: TextPiece) => void) {}

  /** A line (or lines joined by line breaks), then `blanksAfter` blank lines. */
  line(text: TextPiece, blanksAfter = 0): void {
    if (this.blanks > 0) this.write('\n'.repeat(this.blanks));
    this.write(text);
    this.write('\n');
    this.blanks = blanksAfter;
  }

  blank(): void {
    this.blanks++;
  }
}

/** An item's lines in full, and for an item written more than once, as a repeat. */
function itemTexts(item: ExportItem, repeated: boolean): { full: string; repeat: string | undefined } {
  const roles = urlRoles();
  const labels = labelsToKeep(item, roles);
  const head = headOf(item, labels, roles);
  const linkLines: string[] = [];
  for (const link of item.links) {
    if (link === head.link) continue;
    const label = labels.get(link);
    const labelled = label === undefined ? null : labelledLinkLine(link, label, roles);
    linkLines.push(childLine(labelled ?? linkLine(link, roles)));
  }
  // A repeat needs only what identifies the item: its title and links.
  const repeat = repeated ? [head.line, ...linkLines].join('\n') : undefined;
  const lines = [head.line];
  const notes = [...item.notes];
  if (!head.link && notes.length > 0) {
    // Without a link on the head, a first note that reads like a title would be taken for
    // the title; as a paragraph of the item it is read as a note.
    lines.push('', `  ${escapeBlock(notes.shift() ?? '').replace(/\n/gu, '\n  ')}`, '');
  }
  // Every other name on a line of its own: seed 000's "cnn-winograd" over its full title,
  // DefTruth's "[GQA]", the titles other lists give the same paper.
  for (const alias of item.aliases) {
    if (alias !== head.alias) lines.push(childLine(`aka: ${escapeInline(alias)}`));
  }
  if (item.why) lines.push(childLine(`why: ${escapeInline(item.why)}`));
  if (item.authors.length > 0) lines.push(childLine(`authors: ${escapeInline(item.authors.join(', '))}`));
  lines.push(...linkLines);
  for (const note of notes) lines.push(childLine(escapeBlock(note)));
  return { full: lines.join('\n'), repeat };
}

interface Head {
  line: string;
  /** The link on the head line, if any. */
  link: Link | null;
  /** The alias written before the title, which needs no line of its own. */
  alias: string | undefined;
}

/**
 * The head line: status, stars, the title and an identifying link. The paper goes on the
 * title, or beside it under its own label when the list gave it one (dair-ai's "[Paper](…)");
 * else an identifying link beside it, labelled by its role ("NeurIPS [site](https://nips.cc/)"):
 * a head without a link lets the importer take a title-like note below it for the real title
 * (seed 000's alias-over-title lines).
 */
function headOf(item: ExportItem, labels: ReadonlyMap<Link, KeptLabel>, roles: UrlRoles): Head {
  const parts: string[] = [STATUS_MARK[item.status]];
  if (item.importance !== null && item.importance > 0) parts.push('⭐'.repeat(item.importance));
  const year = item.year === null ? [] : [`(${item.year})`];
  const line = (...rest: string[]): string => `- ${[...parts, ...rest].join(' ')}`;
  // The word a link off the title is written under: its own label if that reads back alone
  // ("[Paper](…)"), else a role word if it has no label to keep ("[site](…)").
  const wordOf = (link: Link): string | undefined => {
    const label = labels.get(link);
    if (label === undefined) return roleWord(link, roles);
    return label.alone ? linkText(label.text) : undefined;
  };
  const title = titleAsWritten(item);
  if (title.alias === undefined && title.text !== item.title) {
    // htqin's "[[paper](…)] [43:fire:] BNN+: …": a link in brackets before the title keeps
    // the title's own "[…]" in it, where nothing else could (no alias to write before it).
    const link = headLink(item, (l) => wordOf(l) !== undefined);
    if (link) {
      const text = `[[${wordOf(link) ?? 'paper'}](${link.url})] ${escapeInline(item.title)}`;
      return { line: line(text, ...year), link, alias: undefined };
    }
  }
  const text = escapeInline(title.text);
  const onTitle = headLink(item, (l) => {
    const label = labels.get(l);
    if (label !== undefined) return label.alone;
    return linkRoleRead(l.url, item.title, roles) === l.role;
  });
  if (onTitle) {
    const label = labels.get(onTitle);
    const written =
      label === undefined
        ? [`[${text}](${onTitle.url})`, ...year]
        : [text, ...year, `[${linkText(label.text)}](${onTitle.url})`];
    return { line: line(...written), link: onTitle, alias: title.alias };
  }
  const beside = headLink(item, (l) => wordOf(l) !== undefined);
  if (beside) {
    return {
      line: line(text, ...year, `[${wordOf(beside) ?? 'paper'}](${beside.url})`),
      link: beside,
      alias: title.alias,
    };
  }
  return { line: line(text, ...year), link: null, alias: title.alias };
}

/** A nested bullet of the item; its own line breaks stay inside it. */
function childLine(text: string): string {
  return `  - ${text.includes('\n') ? text.replace(/\n/gu, '\n    ') : text}`;
}

/**
 * The title as the importer must read it: it takes a leading "[…]" for an alias (DefTruth's
 * "[**DynamicLLaVA**] [ICLR2025] Dynamic-LLaVA…"), so a title that starts with one is
 * written after an alias of its own (`alias`, which then needs no line of its own). Failing
 * one, headOf writes a link before the title; failing a link too, the title goes after its
 * own "[…]" again, which comes back as an alias.
 */
function titleAsWritten(item: ExportItem): { text: string; alias: string | undefined } {
  // Most titles start with no "[" and need no cleanTitle.
  if (!item.title.startsWith('[') || cleanTitle(item.title).alias === null) {
    return { text: item.title, alias: undefined };
  }
  const alias = item.aliases.find((a) => a.length <= 60 && !/[[\]]/u.test(a));
  const inner = /^\[([^\]]{1,60})\]/u.exec(item.title)?.[1];
  return { text: `[${alias ?? inner ?? 'alias'}] ${item.title}`, alias };
}

/**
 * A link for the head line that `fits`, chosen so that the links that identify the item
 * (identity.ts: its papers, or else its first non-secondary link) stay the same when it
 * is read first.
 */
function headLink(item: ExportItem, fits: (link: Link) => boolean): Link | null {
  const urls = (links: readonly Link[]): string =>
    identityLinks(links)
      .map((l) => l.url)
      .join(' ');
  let identity: string | undefined;
  const candidates =
    item.links.length < 2
      ? item.links
      : [
          ...item.links.filter((l) => l.role === 'paper'),
          ...item.links.filter((l) => l.role === 'pdf'),
          ...item.links.filter((l) => l.role !== 'paper' && l.role !== 'pdf'),
        ];
  for (const link of candidates) {
    if (!fitsDestination(link.url) || !fits(link)) continue;
    // The first link leaves the links in their order: nothing to compare.
    if (link === item.links[0]) return link;
    identity ??= urls(item.links);
    if (urls([link, ...item.links.filter((l) => l !== link)]) === identity) return link;
  }
  return null;
}

/**
 * The word that labels the link "[code](url)" on the head so that the importer reads its role
 * back. Only a word the importer knows for a role: it reads any other label as part of the
 * title ("[[link](…)] [43:fire:] BNN+" came back with the alias "link").
 */
function roleWord(link: Link, roles: UrlRoles): string | undefined {
  return ROLE_WORDS[link.role].find(
    (w) => roleOfWord(w) !== null && linkRoleRead(link.url, w, roles) === link.role,
  );
}

/**
 * "code: https://…" with the first label word the importer reads back as the link's role;
 * "[code](…)" for a URL that running text would cut or read emphasis in, or a relative one;
 * "link: <https://…>" when only the URL says the role.
 */
function linkLine(link: Link, roles: UrlRoles): string {
  const words = ROLE_WORDS[link.role];
  if (isBareUrl(link.url)) {
    const word = words.find((w) => (roleOfWord(w) ?? roles(link.url)) === link.role);
    return `${word ?? words[0] ?? 'link'}: ${link.url}`;
  }
  // A bare "[link](url)" would read as an item titled "link": only role words here.
  const word = words.find((w) => roleOfWord(w) !== null && linkRoleRead(link.url, w, roles) === link.role);
  if (word !== undefined || !/^https?:\/\/[^<>%\x00-\x20]*$/u.test(link.url)) {
    return `[${word ?? (link.role === 'other' ? 'docs' : (words[0] ?? 'docs'))}](${link.url})`;
  }
  return `link: <${link.url}>`;
}

/** A label a link keeps in the list, and whether "[label](url)" alone reads back as the link. */
interface KeptLabel {
  text: string;
  alone: boolean;
}

/**
 * The labels the item's links keep in the list: what the list called each link ("Tweet",
 * "[pdf]", "torch", "NeurIPS 2022"), unless that is only one of the item's names (a title
 * link's label is the title again) or its URL (an autolink's).
 */
function labelsToKeep(item: ExportItem, roles: UrlRoles): Map<Link, KeptLabel> {
  const kept = new Map<Link, KeptLabel>();
  let names: Set<string> | undefined;
  for (const link of item.links) {
    const text = link.label;
    if (text === undefined || text === '' || text === link.url || text === item.title) continue;
    // Markdown reads a label with its blanks collapsed and trimmed: one it would change is
    // not written (no list's label is).
    if (collapseSpaces(text).trim() !== text) continue;
    // A role word ("Tweet", "code") names the link; anything else may be the item's name again
    // in another spelling ("FlashAttention" beside "FlashAttention: Fast and …"). Title keys
    // are made only then: at 100k items they were a sixth of the export.
    if (roleOfLabel(text) === null) {
      names ??= new Set([item.title, ...item.aliases].map(titleKey));
      if (names.has(titleKey(text)) || names.has(titleKey(cleanTitle(text).title))) continue;
    }
    kept.set(link, { text, alone: readsAlone(link, text, roles) });
  }
  return kept;
}

/**
 * Whether "[label](url)" reads back as this link, role and label, with no word before it:
 * a label that is itself a role word ("[Tweet](…)", "[[pdf]](…)", "[Paper](…)"), which the
 * importer leaves out of the title and reads as the link's role.
 */
function readsAlone(link: Link, label: string, roles: UrlRoles): boolean {
  return (
    roleOfLabel(label) !== null &&
    fitsDestination(link.url) &&
    splitLabel(label) === null &&
    linkRoleRead(link.url, label, roles) === link.role
  );
}

/**
 * A link line that keeps the link's label: "[Tweet](…)" for a role word, else "code:
 * [torch](…)" with a word that gives the role (the importer takes "code:" for the role and
 * the label for the link's own); null when no word does.
 */
function labelledLinkLine(link: Link, label: KeptLabel, roles: UrlRoles): string | null {
  if (!fitsDestination(link.url)) return null;
  const text = `[${linkText(label.text)}](${link.url})`;
  if (label.alone) return text;
  // A role word gives its role to every link on the line; "link" leaves it to the label and the URL.
  const word = ROLE_WORDS[link.role].find(
    (w) => (roleOfWord(w) ?? linkRoleRead(link.url, label.text, roles)) === link.role,
  );
  return word === undefined ? null : `${word}: ${text}`;
}

/**
 * A label as link text: markdown's punctuation escaped, but brackets that pair up kept as
 * DefTruth writes them ("[[pdf]](…)"); markdown reads them back as the label's own.
 */
function linkText(label: string): string {
  const escaped = escapeInline(label);
  if (label.includes('\\') || !pairedBrackets(label)) return escaped;
  return escaped.replace(/\\([[\]])/gu, '$1');
}

function pairedBrackets(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '[') depth++;
    else if (c === ']' && --depth < 0) return false;
  }
  return depth === 0;
}

const WORD_ROLES = new Map(
  Object.values(ROLE_WORDS)
    .flat()
    .map((w) => [w, roleOfLabel(w)]),
);

/** roleOfLabel of a word of ROLE_WORDS, read once. */
function roleOfWord(word: string): LinkRole | null {
  return WORD_ROLES.get(word) ?? null;
}

/** The role of a URL alone (undefined: the importer drops it, a badge or an anchor), once per URL. */
type UrlRoles = (url: string) => LinkRole | undefined;

function urlRoles(): UrlRoles {
  const seen = new Map<string, LinkRole | undefined>();
  return (url) => {
    if (seen.has(url)) return seen.get(url);
    const role = isBadgeOrAnchor(url) ? undefined : classifyLink(url);
    seen.set(url, role);
    return role;
  };
}

/** The role lectio's importer gives a markdown link `[label](url)`. */
function linkRoleRead(url: string, label: string, roles: UrlRoles): LinkRole | undefined {
  // A label of many words (a title) names no role (role words are short): the URL decides,
  // as piecesLinks would decide it, without trying every role word on a 100-letter title.
  if (label.length > 40 && wordCharacters(label) > 30) return roles(url);
  return piecesLinks([{ kind: 'link', url, label, imageOnly: false, bold: false }], true)[0]?.role;
}

/** Letters and digits (ASCII, or anything beyond it), counted up to 31. */
function wordCharacters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length && n <= 30; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127) n++;
  }
  return n;
}

/** The whole of a URL as the importer finds it in running text. */
const WHOLE_BARE_URL = new RegExp(`^(?:${BARE_URL.source})$`, 'u');

/** A URL the importer finds whole in running text. */
function isBareUrl(url: string): boolean {
  // Emphasis and entities would be read inside it ("x.com/_zxchen_/status").
  if (/[*_~`\\]|&#?\w+;/u.test(url)) return false;
  return WHOLE_BARE_URL.test(url) && trimUrl(url) === url;
}

/** A URL markdown-it keeps as it is in a link destination (it percent-encodes anything else). */
function fitsDestination(url: string): boolean {
  if (!/^[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#%]*$/u.test(url)) return false;
  if (/%(?![0-9A-Fa-f]{2})/u.test(url)) return false;
  let depth = 0;
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 40)
      depth++; // (
    else if (c === 41 && --depth < 0) return false; // )
  }
  return depth === 0;
}

/** What markdown could read as syntax inside a line. */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]<>|~&]/gu;

/** Text inside a line: markdown's punctuation escaped, so that it reads back as written. */
export function escapeInline(text: string): string {
  const escaped = text.replace(MARKDOWN_PUNCTUATION, '\\$&');
  return escaped.includes('\n') ? escaped.replace(/\s*\n\s*/gu, ' ') : escaped;
}

/**
 * One line that escapeBlock leaves as it is: no punctuation to escape, and no blank, block
 * marker (#, >, +, =, -) or digit (a numbered list's "1.") at its start.
 */
const PLAIN_LINE = /^[^\s#>+=\-\d\\`*_[\]<>|~&][^\n\\`*_[\]<>|~&]*$/u;

/** A note, which may span lines: each line escaped, and no line starts a block of its own. */
function escapeBlock(text: string): string {
  if (PLAIN_LINE.test(text) && !/[ \t]$/u.test(text)) return text;
  const out: string[] = [];
  // A blank line would end the note; its line break is written as a character reference.
  let breaks = '';
  for (const line of text.split('\n')) {
    if (line === '') {
      breaks += '&#10;';
      continue;
    }
    const escaped = line
      .replace(MARKDOWN_PUNCTUATION, '\\$&')
      .replace(/^(\s*)([#>+=-])/u, '$1\\$2')
      .replace(/^(\s*\d+)([.)])/u, '$1\\$2')
      // Markdown drops the blanks that start and end a line; as character references they stay.
      .replace(/^[ \t]+|[ \t]+$/gu, (blanks) => [...blanks].map((c) => `&#${c.codePointAt(0)};`).join(''));
    out.push(breaks + escaped);
    breaks = '';
  }
  if (breaks && out.length > 0) out[out.length - 1] += breaks;
  return out.length > 0 ? out.join('\n') : breaks;
}
