// A list file on disk → a ListInput for the import service. Every refusal is one line
// naming the file; nothing is written anywhere from here.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LectioError } from '../core/errors.js';
import type { ListInput } from '../core/import-lists.js';
import type { ParsedList } from '../core/item.js';
import { parseBibtexList } from './bibtex/bibtex-items.js';
import { isCslJson, parseCslList } from './csl/csl-items.js';
import { parseMarkdownList } from './markdown/parse-markdown-list.js';
import { decodeText } from './text-decoding.js';

/** Larger than any reading list a person keeps (the 100k-item benchmark list is 18 MB). */
export const MAX_LIST_BYTES = 256 * 1024 * 1024;

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown', '.mdown', '.mkd', '.txt', '.text', '']);
const BIBTEX_EXTENSIONS = new Set(['.bib', '.bibtex', '.biblatex']);
const JSON_EXTENSIONS = new Set(['.json', '.csl', '.csljson']);

export function readListFile(file: string, onProgress?: (done: number, total: number) => void): ListInput {
  const absolute = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LectioError('bad_input', `${file}: no such file`);
    throw new LectioError('bad_input', `${file}: cannot read (${code ?? (error as Error).message})`);
  }
  if (stat.isDirectory())
    throw new LectioError('bad_input', `${file}: is a directory; give the list files inside it`);
  if (!stat.isFile()) throw new LectioError('bad_input', `${file}: not a regular file`);
  if (stat.size > MAX_LIST_BYTES) {
    throw new LectioError(
      'bad_input',
      `${file}: ${(stat.size / 2 ** 20).toFixed(0)} MiB is too large for a reading list (limit ${MAX_LIST_BYTES / 2 ** 20} MiB)`,
    );
  }
  checkExtension(file, path.extname(absolute).toLowerCase());
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(absolute);
  } catch (error) {
    throw new LectioError(
      'bad_input',
      `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return listInputOfBytes(absolute, bytes, file, onProgress);
}

function checkExtension(shown: string, ext: string): void {
  if (!MARKDOWN_EXTENSIONS.has(ext) && !BIBTEX_EXTENSIONS.has(ext) && !JSON_EXTENSIONS.has(ext)) {
    throw new LectioError(
      'bad_input',
      `${shown}: lectio reads markdown lists (.md, .markdown, .txt), BibTeX (.bib) and CSL-JSON (.json), not ${ext} files`,
    );
  }
}

/**
 * Bytes that are a list → a ListInput, read as its extension says (markdown, BibTeX,
 * CSL-JSON). `identity` is the list's path in the library (a file's absolute path, or the
 * name a file dropped on the web app came with); `shown` names it in errors.
 */
export function listInputOfBytes(
  identity: string,
  bytes: Uint8Array,
  shown: string,
  onProgress?: (done: number, total: number) => void,
): ListInput {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoded = decodeText(buffer, shown);
  const ext = path.extname(identity).toLowerCase();
  const parsed = BIBTEX_EXTENSIONS.has(ext)
    ? parseBibtexFile(decoded.text, shown)
    : JSON_EXTENSIONS.has(ext)
      ? parseCslFile(decoded.text, shown)
      : parseMarkdownList(decoded.text, onProgress ? { onProgress } : {});
  return {
    path: identity,
    sha256: createHash('sha256').update(buffer).digest('hex'),
    parsed,
    warnings: decoded.warnings,
  };
}

/** A name given over the network: a list name if it is a plain file name lectio reads, else a refusal. */
export function checkListName(name: string): string {
  const base = name.trim();
  if (base === '' || base.length > 200 || /[\/\\\u0000-\u001f]/u.test(base) || base.startsWith('.')) {
    throw new LectioError('bad_input', `"${base.slice(0, 80)}": not a plain file name`);
  }
  checkExtension(base, path.extname(base).toLowerCase());
  return base;
}

function parseBibtexFile(text: string, file: string): ParsedList {
  const parsed = parseBibtexList(text);
  if (parsed === null) throw new LectioError('bad_input', `${file}: not BibTeX (no @entry{…} in it)`);
  if (parsed.items.length === 0 && parsed.warnings.length > 0)
    throw new LectioError('bad_input', `${file}: no readable BibTeX entry (${parsed.warnings[0]})`);
  return parsed;
}

function parseCslFile(text: string, file: string): ParsedList {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LectioError('bad_input', `${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!isCslJson(value))
    throw new LectioError(
      'bad_input',
      `${file}: not CSL-JSON (expected an array of entries, each with a type or id and a title)`,
    );
  return parseCslList(value);
}
