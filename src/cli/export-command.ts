// lectio export --format md|bibtex|csl-json|json|site [--topic T] [--status S] [--out PATH]
// (markdown, bib and csl are the same formats as md, bibtex and csl-json)

import fs from 'node:fs';
import path from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { LectioError } from '../core/errors.js';
import { STATUSES, type Status } from '../core/item.js';
import { resolveTopic } from '../core/topic-tree.js';
import type { ListFilter } from '../core/library-store.js';
import type { ItemWriter, TextPiece } from '../formats/export/item-writer.js';
import type { MarkdownExportOptions } from '../formats/export/markdown-export.js';
import { openStoreForReading } from './cli-context.js';
import { checkWritableFile, writeByRename, writeInside } from './safe-write.js';

type Format = 'md' | 'bibtex' | 'csl-json' | 'json' | 'site';

/**
 * What `--format` takes, in any case: each format's own name and the names users type for it.
 * The command calls md "a markdown list", and `--format markdown` was refused; "bib" is the
 * file's extension, "csl" what Zotero and Pandoc call CSL-JSON for short.
 */
const FORMAT_NAMES: ReadonlyMap<string, Format> = new Map([
  ['md', 'md'],
  ['markdown', 'md'],
  ['bibtex', 'bibtex'],
  ['bib', 'bibtex'],
  ['csl-json', 'csl-json'],
  ['csl', 'csl-json'],
  ['csljson', 'csl-json'],
  ['json', 'json'],
  ['site', 'site'],
]);

const FORMAT_HELP = 'md (or markdown), bibtex (bib), csl-json (csl), json (a backup), site';

function formatOf(name: string): Format {
  const format = FORMAT_NAMES.get(name.toLowerCase());
  if (format === undefined) throw new InvalidArgumentError(`Give one of ${FORMAT_HELP}.`);
  return format;
}

/** Marks a directory as a site lectio wrote, which a later export may rewrite. */
const SITE_MARKER = '.lectio-site';

interface ExportOptions {
  format: Format;
  topic?: string;
  status?: Status;
  out?: string;
  title?: string;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write the library as a markdown list, BibTeX, CSL-JSON, a JSON backup or a static site')
    .addOption(
      new Option('--format <format>', `what to write: ${FORMAT_HELP}`)
        .argParser(formatOf)
        .makeOptionMandatory(),
    )
    .option('--topic <topic>', 'only this topic and its sub-topics')
    .addOption(new Option('--status <status>', 'only this status').choices([...STATUSES]))
    .option('--out <path>', 'file to write (a directory for site); default: standard output')
    .option('--title <title>', 'the title of the markdown list or the site')
    .action(async (opts: ExportOptions, command: Command) => {
      if (opts.format === 'json' && (opts.topic || opts.status)) {
        throw new LectioError(
          'bad_input',
          'a JSON backup holds the whole library; --topic and --status do not apply',
        );
      }
      if (opts.format === 'site' && !opts.out) {
        throw new LectioError('bad_input', 'a site is a directory of files: give it with --out DIR');
      }
      const store = openStoreForReading(command);
      if (!store) throw new LectioError('not_found', 'the library is empty; run "lectio import FILE" first');
      const now = process.env.LECTIO_NOW ?? new Date().toISOString();
      try {
        const filter: ListFilter = {};
        // A topic's path in any case, or its last name; an unknown one is refused, as by next.
        // The resolved path replaces the option: the export's heading and messages name it.
        if (opts.topic) {
          opts.topic = resolveTopic(
            store.topics().map((t) => t.path),
            opts.topic,
          );
          filter.topic = opts.topic;
        }
        if (opts.status) filter.status = opts.status;
        if (opts.format === 'json') {
          const { writeBackup } = await import('../formats/export/json-backup.js');
          const text = writeBackup(store.backupTables(), now);
          return emit(opts.out, (write) => write(text));
        }
        if (opts.format === 'site') {
          const selection = store.exportItems(filter, 'all');
          if (opts.topic) nothingUnder(opts.topic, selection.items.length);
          const { exportSite } = await import('../formats/export/static-site.js');
          const files = exportSite(selection, {
            generatedAt: now,
            ...(opts.title ? { title: opts.title } : {}),
          });
          writeSite(opts.out ?? '', files);
          process.stderr.write(`wrote ${files.size} files to ${opts.out ?? ''} (open index.html)\n`);
          return;
        }
        // Items go to the writer one at a time as they are read (a 100k-item library is
        // never all in memory), and its text to the file in large pieces.
        const writer = await writerFor(opts.format, pick(opts));
        let count = 0;
        const topics = store.eachExportItem(filter, opts.format === 'md' ? 'list' : 'citation', (item) => {
          count++;
          writer.add(item);
        });
        if (opts.topic) nothingUnder(opts.topic, count);
        return emit(opts.out, (write) => writer.finish(topics, write));
      } finally {
        store.close();
      }
    });
}

async function writerFor(
  format: 'md' | 'bibtex' | 'csl-json',
  options: MarkdownExportOptions,
): Promise<ItemWriter> {
  switch (format) {
    case 'md':
      return (await import('../formats/export/markdown-export.js')).markdownWriter(options);
    case 'bibtex':
      return (await import('../formats/export/bibtex-export.js')).bibtexWriter();
    case 'csl-json':
      return (await import('../formats/export/csl-json-export.js')).cslJsonWriter();
  }
}

function nothingUnder(topic: string, count: number): void {
  if (count === 0) throw new LectioError('not_found', `no items under the topic "${topic}"`);
}

function pick(opts: ExportOptions): { title?: string; topic?: string } {
  return { ...(opts.title ? { title: opts.title } : {}), ...(opts.topic ? { topic: opts.topic } : {}) };
}

/** The size of each write. */
const PIECE = 1 << 20;

/**
 * To standard output, or to a file written beside it and renamed: never half a file. The
 * text comes from `produce` in pieces and goes out in writes of about a megabyte.
 */
function emit(out: string | undefined, produce: (write: (piece: TextPiece) => void) => void): void {
  if (!out) {
    // A copy: standard output may still hold the bytes when write returns.
    inPieces(produce, (bytes) => process.stdout.write(Buffer.from(bytes)));
    return;
  }
  const target = path.resolve(out);
  checkWritableFile(target, out);
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) throw new LectioError('bad_input', `${out}: no directory ${dir}`);
  writeByRename(target, (file) =>
    inPieces(produce, (bytes) => {
      for (let at = 0; at < bytes.length;) at += fs.writeSync(file, bytes, at);
    }),
  );
}

/** `produce`'s many small pieces, encoded into a buffer that goes to `flush` whenever it is full. */
function inPieces(
  produce: (write: (piece: TextPiece) => void) => void,
  flush: (bytes: Uint8Array) => void,
): void {
  const buffer = Buffer.allocUnsafe(PIECE);
  let used = 0;
  produce((piece) => {
    // At most 3 bytes of UTF-8 a UTF-16 code unit.
    const room = typeof piece === 'string' ? piece.length * 3 : piece.length;
    if (used + room > PIECE && used > 0) {
      flush(buffer.subarray(0, used));
      used = 0;
    }
    if (room > PIECE) flush(typeof piece === 'string' ? Buffer.from(piece) : piece);
    else if (typeof piece === 'string') used += buffer.write(piece, used);
    else {
      buffer.set(piece, used);
      used += piece.length;
    }
  });
  if (used > 0) flush(buffer.subarray(0, used));
}

/**
 * Writes the site into `out`: a new or empty directory, or one an earlier export wrote (its
 * marker file says so). The names are the exporter's own (index.html, topics/t1.html,
 * assets/…), checked to stay inside `out`.
 */
function writeSite(out: string, files: ReadonlyMap<string, string>): void {
  const root = path.resolve(out);
  if (fs.existsSync(root)) {
    if (!fs.statSync(root).isDirectory())
      throw new LectioError('bad_input', `${out}: is a file; give a directory`);
    const entries = fs.readdirSync(root);
    if (entries.length > 0 && !entries.includes(SITE_MARKER)) {
      throw new LectioError(
        'conflict',
        `${out}: not empty and not a lectio site; give a new or empty directory`,
      );
    }
    // Pages of topics that no longer exist go with the rest of the old site.
    fs.rmSync(path.join(root, 'topics'), { recursive: true, force: true });
  }
  fs.mkdirSync(root, { recursive: true });
  for (const [name, text] of files) writeInside(root, path.resolve(root, name), text);
  writeInside(root, path.join(root, SITE_MARKER), 'written by lectio export --format site\n');
}
