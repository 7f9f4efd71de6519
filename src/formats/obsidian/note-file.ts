// One item as one markdown file for an Obsidian vault: YAML front matter that Obsidian reads
// (aliases, tags) and that lectio reads back (lectio_id, why, status, ...), then the item's
// note as the body. Text in, text out; the CLI reads and writes the files.
//
// The round trip is the contract: parseNoteFile(renderNoteFile(item)) gives back every
// editable field exactly, so importing an untouched export changes nothing.

import { type Document, isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import { LectioError } from '../../core/errors.js';
import type { ItemEdits } from '../../core/apply-note-edits.js';
import { STATUSES } from '../../core/item.js';

export interface NoteFileItem {
  id: number;
  title: string;
  aliases: string[];
  status: string;
  importance: number | null;
  rating: number | null;
  pass: number;
  readAt: string | null;
  why: string | null;
  topics: string[];
  links: Array<{ url: string; role: string; label?: string }>;
  ids: { arxiv?: string; doi?: string; github?: string; youtube?: string };
  year: number | null;
  authors: string[];
  note: string;
}

/**
 * What a note file says about the fields a reader may edit. A key left out of the file
 * means "nothing" for the fields lectio leaves out when they are empty (importance and
 * rating become null, topics []), and "no change" for title and status, which every
 * exported file has.
 */
export type NoteFileEdits = ItemEdits;

// ---------------------------------------------------------------------------------------
// File names

/** The title part stays readable in Obsidian's file list and far below NAME_MAX (255 bytes). */
const MAX_TITLE_CODE_POINTS = 80;
const MAX_TITLE_UTF8_BYTES = 200;

/**
 * Characters a file name must not hold somewhere: path separators, what Windows forbids
 * (`: * ? " < > |`), what breaks an Obsidian link (`# ^ [ ] |`), control characters, and
 * the invisible bidi controls and BOM that can make a name display as something it is not.
 */
const UNSAFE_IN_NAME = /[\\/:*?"<>|#^[\]\p{Cc}\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;

const GRAPHEMES = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * `{safe title} ({id}).md`, e.g. `LLaMA 2 Open Foundation and Fine-Tuned Chat Models (12).md`.
 *
 * The title part is the title with unsafe characters turned into spaces, white space
 * collapsed, leading dots and trailing dots and spaces dropped, cut at a character boundary
 * to at most 80 code points and 200 UTF-8 bytes (ending in "…" when cut), "untitled" when
 * nothing is left. Whatever the title part holds (even "Foo (2).md"), the name ends in
 * `(` + the id's digits + `).md`, so the id can be read back off the end of the name: two
 * items never share a name, on any file system, case-folding ones included. The name never
 * holds a path separator, and cannot be `.` or `..`, start with a dot (hidden, and skipped
 * by the export walk) or end with a dot or space (refused by Windows). Windows device
 * names are harmless here: "CON (3).md" is not the device CON.
 */
export function noteFileName(item: Pick<NoteFileItem, 'id' | 'title'>): string {
  return `${fileTitle(item.title)} (${item.id}).md`;
}

function fileTitle(title: string): string {
  const cleaned = title
    // With the u flag a pair is one code point, so this matches only lone surrogates,
    // which no file system can store.
    .replace(/[\uD800-\uDFFF]/gu, ' ')
    .normalize('NFC')
    .replace(UNSAFE_IN_NAME, ' ')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+/u, '')
    .replace(/[\s.]+$/u, '');
  const cut = truncate(cleaned);
  return cut === '' ? 'untitled' : cut;
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

function measure(text: string): { codePoints: number; bytes: number } {
  let codePoints = 0;
  let bytes = 0;
  for (const ch of text) {
    codePoints++;
    bytes += utf8Length(ch.codePointAt(0) ?? 0);
  }
  return { codePoints, bytes };
}

/**
 * Cuts between grapheme clusters, so an emoji sequence or a letter with its accents is
 * never split; a single cluster too long for the budget (zalgo text) is cut between code
 * points instead, which still never splits a surrogate pair.
 */
function truncate(text: string): string {
  const whole = measure(text);
  if (whole.codePoints <= MAX_TITLE_CODE_POINTS && whole.bytes <= MAX_TITLE_UTF8_BYTES) return text;
  const ellipsis = '…';
  const budget = { codePoints: MAX_TITLE_CODE_POINTS - 1, bytes: MAX_TITLE_UTF8_BYTES - 3 };
  let out = '';
  let used = { codePoints: 0, bytes: 0 };
  for (const { segment } of GRAPHEMES.segment(text)) {
    const size = measure(segment);
    if (used.codePoints + size.codePoints > budget.codePoints || used.bytes + size.bytes > budget.bytes) {
      if (out === '') {
        for (const ch of segment) {
          const b = utf8Length(ch.codePointAt(0) ?? 0);
          if (used.codePoints + 1 > budget.codePoints || used.bytes + b > budget.bytes) break;
          out += ch;
          used = { codePoints: used.codePoints + 1, bytes: used.bytes + b };
        }
      }
      break;
    }
    out += segment;
    used = { codePoints: used.codePoints + size.codePoints, bytes: used.bytes + size.bytes };
  }
  out = out.replace(/[\s.]+$/u, '');
  return out === '' ? '' : `${out}${ellipsis}`;
}

// ---------------------------------------------------------------------------------------
// Tags

/**
 * An Obsidian tag for a topic path: "LLM / KV cache" → "LLM/KV-cache". Obsidian tags hold
 * letters, digits, `_`, `-` and `/` (nesting) and no spaces, so each topic level keeps its
 * letters and digits, other runs become one `-`, and the levels are joined by `/`. A tag
 * must hold something besides digits ("#1984" is not a tag), so such a tag gets a leading
 * `_`. "" when nothing is left (a heading made only of emoji). The exact paths are kept
 * in `topics`; tags are for Obsidian's tag pane only and are never read back.
 */
export function slugTag(topic: string): string {
  const levels = topic
    .normalize('NFC')
    .split('/')
    .map((level) =>
      level
        .replace(/[^\p{L}\p{N}\p{M}_-]+/gu, '-')
        .replace(/-{2,}/gu, '-')
        .replace(/^-+|-+$/gu, ''),
    )
    .filter((level) => level !== '');
  const tag = levels.join('/');
  return tag !== '' && /^[\d/]+$/u.test(tag) ? `_${tag}` : tag;
}

// ---------------------------------------------------------------------------------------
// Rendering

const YAML_OPTIONS = {
  // One line per value: long titles stay greppable and Obsidian shows them as written.
  lineWidth: 0,
  // `why:` with nothing after it: Obsidian shows an empty property, inviting an answer.
  nullStr: '',
} as const;

/** The link that best says where the item is: its paper, else its pdf, else its first link. */
function primaryUrl(links: NoteFileItem['links']): string | undefined {
  return (links.find((l) => l.role === 'paper') ?? links.find((l) => l.role === 'pdf') ?? links[0])?.url;
}

export function renderNoteFile(item: NoteFileItem): string {
  // Key order is the order a reader scans: what it is, where it sits, how far along, why.
  const data: Record<string, unknown> = { lectio_id: item.id, title: item.title };
  if (item.aliases.length > 0) data.aliases = [...item.aliases];
  const tags = [...new Set(item.topics.map(slugTag).filter((t) => t !== ''))];
  if (tags.length > 0) data.tags = tags;
  if (item.topics.length > 0) data.topics = [...item.topics];
  data.status = item.status;
  if (item.importance !== null) data.importance = item.importance;
  if (item.rating !== null) data.rating = item.rating;
  if (item.pass > 0) data.pass = item.pass;
  if (item.readAt !== null) data.read_at = item.readAt;
  // Kept when empty: the question lectio most wants answered.
  data.why = item.why;
  if (item.year !== null) data.year = item.year;
  if (item.authors.length > 0) data.authors = [...item.authors];
  for (const key of ['arxiv', 'doi', 'github', 'youtube'] as const) {
    const value = item.ids[key];
    if (value !== undefined && value !== '') data[key] = value;
  }
  const url = primaryUrl(item.links);
  if (url !== undefined) data.url = url;
  if (item.links.length > 0) data.links = item.links.map((l) => `${l.role}: ${l.url}`);
  // The body is the note as stored, not even a final newline added: what parseNoteFile
  // reads back must be the same note, byte for byte.
  return `---\n${stringify(data, YAML_OPTIONS)}---\n${item.note}`;
}

// ---------------------------------------------------------------------------------------
// Parsing

/**
 * The YAML between a first line `---` and the next line `---`, and the body after it. Lines
 * are split on `\n` only: YAML may hold a raw U+2028, and a "---" after one is not a line.
 * Only the line break that ends the closing `---` is taken from the body.
 */
function splitFrontMatter(text: string): { yaml: string; body: string } | 'none' | 'unclosed' {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const firstBreak = s.indexOf('\n');
  const firstLine = firstBreak === -1 ? s : s.slice(0, firstBreak);
  if (!isDelimiter(firstLine)) return 'none';
  if (firstBreak === -1) return 'unclosed';
  const yamlStart = firstBreak + 1;
  let pos = yamlStart;
  for (;;) {
    const end = s.indexOf('\n', pos);
    const line = end === -1 ? s.slice(pos) : s.slice(pos, end);
    if (isDelimiter(line)) {
      return { yaml: s.slice(yamlStart, pos), body: end === -1 ? '' : s.slice(end + 1) };
    }
    if (end === -1) return 'unclosed';
    pos = end + 1;
  }
}

function isDelimiter(line: string): boolean {
  return /^---[ \t]*\r?$/u.test(line);
}

function badInput(fileName: string, problem: string): LectioError {
  return new LectioError('bad_input', `${fileName}: ${problem}`);
}

export function parseNoteFile(text: string, fileName: string): NoteFileEdits {
  const parts = splitFrontMatter(text);
  if (parts === 'none') throw badInput(fileName, 'no lectio front matter (lectio_id)');
  if (parts === 'unclosed') throw badInput(fileName, 'front matter has no closing --- line');
  const doc = parseDocument(parts.yaml, { prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    // +2: the YAML starts on the line after the opening `---`, and lines count from 1.
    const line = parts.yaml.slice(0, error.pos[0]).split('\n').length + 1;
    const reason = error.message.split('\n')[0] ?? error.message;
    throw badInput(fileName, `front matter is not valid YAML: ${reason} (line ${line})`);
  }
  if (!isMap(doc.contents) || !doc.has('lectio_id')) {
    throw badInput(fileName, 'no lectio front matter (lectio_id)');
  }
  const field = new FieldReader(doc, fileName);
  const edits: NoteFileEdits = {
    id: field.itemId('lectio_id'),
    why: field.text('why') ?? null,
    importance: field.wholeNumber('importance', 0, 5),
    rating: field.wholeNumber('rating', 1, 5),
    topics: field.textList('topics'),
    note: parts.body,
  };
  const title = field.text('title');
  if (title !== undefined) edits.title = title;
  const status = field.status('status');
  if (status !== undefined) edits.status = status;
  return edits;
}

/** Reads one front matter key at a time, reporting `file: key: problem`. */
class FieldReader {
  constructor(
    private readonly doc: Document,
    private readonly fileName: string,
  ) {}

  private fail(key: string, problem: string): LectioError {
    return badInput(this.fileName, `${key}: ${problem}`);
  }

  /**
   * Text as the user typed it: `why: 2024` or `title: 1984` is YAML for a number, but the
   * reader meant the words, so a plain scalar that is not a string gives its source text.
   * undefined when the key is absent or empty.
   */
  text(key: string): string | undefined {
    const node: unknown = this.doc.get(key, true);
    if (node === undefined || node === null) return undefined;
    if (!isScalar(node)) throw this.fail(key, 'must be text, not a list or a map');
    return scalarText(node);
  }

  textList(key: string): string[] {
    const node: unknown = this.doc.get(key, true);
    if (node === undefined || node === null) return [];
    if (isScalar(node)) {
      const one = scalarText(node);
      return one === undefined ? [] : [one];
    }
    if (!isSeq(node)) throw this.fail(key, 'must be a list of text');
    return node.items.map((entry) => {
      const value = isScalar(entry) ? scalarText(entry) : undefined;
      if (value === undefined) throw this.fail(key, 'must be a list of text');
      return value;
    });
  }

  itemId(key: string): number {
    const value = this.number(key);
    if (value === null || !Number.isSafeInteger(value) || value < 1) {
      throw this.fail(key, `must be an item id (a positive whole number), not ${this.shown(key)}`);
    }
    return value;
  }

  /** null when absent or empty: lectio leaves the key out when it has no value. */
  wholeNumber(key: string, min: number, max: number): number | null {
    const node: unknown = this.doc.get(key, true);
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) return null;
    const value = this.number(key);
    if (value === null || !Number.isInteger(value) || value < min || value > max) {
      throw this.fail(key, `must be a whole number from ${min} to ${max} or empty, not ${this.shown(key)}`);
    }
    return value;
  }

  status(key: string): string | undefined {
    const value = this.text(key);
    if (value === undefined) return undefined;
    if (!(STATUSES as readonly string[]).includes(value)) {
      throw this.fail(key, `"${value}" is not one of ${STATUSES.join(', ')}`);
    }
    return value;
  }

  /** A number, or digits in a string (a property Obsidian was told is text). */
  private number(key: string): number | null {
    const node: unknown = this.doc.get(key, true);
    if (!isScalar(node)) return null;
    if (typeof node.value === 'number') return node.value;
    if (typeof node.value === 'string' && /^\s*\d+\s*$/u.test(node.value)) return Number(node.value);
    return null;
  }

  private shown(key: string): string {
    const node: unknown = this.doc.get(key, true);
    if (isScalar(node)) return node.value === null ? 'nothing' : `"${scalarText(node) ?? ''}"`;
    return 'a list or a map';
  }
}

function scalarText(node: { value: unknown; source?: string }): string | undefined {
  if (node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === 'string') return node.value;
  return node.source ?? String(node.value);
}
