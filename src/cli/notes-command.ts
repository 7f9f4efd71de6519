// lectio notes export DIR | notes import DIR: one markdown file per item, with YAML front
// matter that Obsidian reads, and the edits made there taken back.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { applyNoteEdits, editedFields, type NoteEdits } from '../core/apply-note-edits.js';
import { LectioError } from '../core/errors.js';
import type { ItemRecord, ListFilter } from '../core/library-store.js';
import {
  type NoteFileItem,
  noteFileName,
  parseNoteFile,
  renderNoteFile,
} from '../formats/obsidian/note-file.js';
import { globals, printJson, withExistingStore } from './cli-context.js';
import { noteText } from './note-command.js';
import { writeInside } from './safe-write.js';
import { clockNow } from './settings.js';

export function registerNotes(program: Command): void {
  const notes = program.command('notes').description('notes as markdown files (an Obsidian vault folder)');
  notes
    .command('export')
    .description('write one .md file per item with YAML front matter (Obsidian reads it)')
    .argument('<dir>', 'the folder (created when missing)')
    .option('--topic <topic>', 'only this topic and its sub-topics')
    .option('--force', 'overwrite files holding edits not imported yet')
    .option('--json', 'print a summary object')
    .action((dir: string, opts: { topic?: string; force?: boolean }, command: Command) => {
      const filter: ListFilter = opts.topic ? { topic: opts.topic } : {};
      const items = withExistingStore(command, (store) => store.listItems(filter));
      const summary = exportNotes(path.resolve(dir), items, opts.force === true);
      if (globals(command).json) printJson(summary);
      else {
        process.stdout.write(
          `${summary.written} note files written, ${summary.unchanged} unchanged, in ${summary.dir}\n`,
        );
        if (summary.keptEdits.length > 0) {
          process.stderr.write(
            `lectio: ${summary.keptEdits.length} files hold edits not imported yet and were left as they are (run "lectio notes import ${dir}" first, or --force): ${summary.keptEdits.slice(0, 5).join(', ')}${summary.keptEdits.length > 5 ? ', …' : ''}\n`,
          );
        }
      }
    });
  notes
    .command('import')
    .description('take back edits made to exported note files (why, note, status, importance, rating, title)')
    .argument('<dir>', 'the folder written by "lectio notes export"')
    .option('--json', 'print the report as JSON')
    .action((dir: string, _opts: unknown, command: Command) => {
      const root = path.resolve(dir);
      if (!fs.existsSync(root) || !fs.statSync(root).isDirectory())
        throw new LectioError('bad_input', `${dir}: not a folder`);
      // Read and parse every file before writing anything: one bad file changes nothing.
      // Files unchanged since the export are skipped: they hold no edits, and the library
      // may have moved on since (a list re-imported, an item marked read).
      const exported = readManifest(root);
      const edits: NoteEdits[] = [];
      const taken = new Map<number, string>();
      for (const { file, text } of noteFiles(root, true)) {
        const name = path.relative(root, file);
        const parsed = parseNoteFile(text, name);
        if (exported.get(parsed.id) === sha256(text)) continue;
        edits.push({ ...parsed, file: name });
        taken.set(parsed.id, sha256(text));
      }
      const report = withExistingStore(command, (store) => applyNoteEdits(store, edits, clockNow()));
      // What was taken back is in sync now: a later import must not apply it again over
      // newer changes in the library.
      for (const [id, hash] of taken) exported.set(id, hash);
      if (taken.size > 0) writeManifest(root, exported);
      if (globals(command).json) {
        printJson(report);
        return;
      }
      process.stdout.write(`${report.files} note files read, ${report.updated.length} items updated\n`);
      for (const u of report.updated.slice(0, 20))
        process.stdout.write(`  #${u.id} ${u.fields.join(', ')}  (${u.file})\n`);
      if (report.updated.length > 20) process.stdout.write(`  … and ${report.updated.length - 20} more\n`);
      if (report.ignored.length > 0) {
        process.stderr.write(
          `lectio: topic changes in ${report.ignored.length} files were not applied; use "lectio topic" or "lectio add --topic"\n`,
        );
      }
    });
}

export function noteFileItem(item: ItemRecord): NoteFileItem {
  return {
    id: item.id,
    title: item.title,
    aliases: item.aliases,
    status: item.status,
    importance: item.importance,
    rating: item.rating,
    pass: item.pass,
    readAt: item.readAt,
    why: item.why,
    topics: item.topics,
    links: item.links,
    ids: item.ids,
    year: item.year,
    authors: item.authors,
    note: item.note,
  };
}

/**
 * Beside the notes, a dot-file (Obsidian and the walk below skip it) records the sha256 of
 * each file as exported: that is how an edited file is told from an untouched one.
 */
const MANIFEST = '.lectio-notes.json';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function readManifest(dir: string): Map<number, string> {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) return new Map();
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { files?: Record<string, string> };
    return new Map(Object.entries(data.files ?? {}).map(([id, hash]) => [Number(id), hash]));
  } catch {
    return new Map(); // a damaged manifest only costs the untouched-file shortcut
  }
}

function writeManifest(dir: string, hashes: ReadonlyMap<number, string>): void {
  const files = Object.fromEntries([...hashes].sort((a, b) => a[0] - b[0]).map(([id, h]) => [String(id), h]));
  writeInside(dir, path.join(dir, MANIFEST), `${JSON.stringify({ version: 1, files }, null, 1)}\n`);
}

const LECTIO_FILE = /^\uFEFF?---\r?\n[\s\S]*?^lectio_id:/mu;

/**
 * A note file's text. `strict` (notes import): bytes that are not text fail the run, naming
 * the file; else (notes export, which only looks for its own files) such a file is passed by.
 */
function readNoteFile(file: string, strict: boolean): string | null {
  try {
    return noteText(fs.readFileSync(file), file);
  } catch (error) {
    if (strict) throw error;
    return null;
  }
}

/** The lectio note files under `root` (sub-folders too; dot-folders such as .obsidian skipped). */
function noteFiles(root: string, strict = false): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) {
        const text = readNoteFile(file, strict);
        if (text !== null && LECTIO_FILE.test(text)) out.push({ file, text });
      }
    }
  };
  walk(root);
  return out;
}

interface ExportSummary {
  dir: string;
  written: number;
  unchanged: number;
  keptEdits: string[];
}

function exportNotes(dir: string, items: readonly ItemRecord[], force: boolean): ExportSummary {
  fs.mkdirSync(dir, { recursive: true });
  // An item exported before keeps its file, even if its title (and so its name) changed.
  const existing = new Map<number, { file: string; text: string }>();
  for (const f of noteFiles(dir)) {
    try {
      existing.set(parseNoteFile(f.text, f.file).id, f);
    } catch {
      // A broken file is reported by "notes import"; export writes a fresh file beside it.
    }
  }
  const summary: ExportSummary = { dir, written: 0, unchanged: 0, keptEdits: [] };
  const manifest = readManifest(dir);
  for (const item of items) {
    const text = renderNoteFile(noteFileItem(item));
    const previous = existing.get(item.id);
    const file = previous?.file ?? path.join(dir, noteFileName(item));
    if (path.relative(dir, file).startsWith('..') || path.isAbsolute(path.relative(dir, file))) {
      throw new LectioError('internal', `refusing to write outside ${dir}: ${file}`);
    }
    if (previous) {
      if (previous.text === text) {
        manifest.set(item.id, sha256(text));
        summary.unchanged++;
        continue;
      }
      const recorded = manifest.get(item.id);
      const edited =
        recorded !== undefined
          ? recorded !== sha256(previous.text)
          : holdsEdits(previous.text, item, previous.file);
      if (!force && edited) {
        summary.keptEdits.push(path.relative(dir, previous.file));
        continue;
      }
    }
    writeInside(dir, file, text);
    manifest.set(item.id, sha256(text));
    summary.written++;
  }
  writeManifest(dir, manifest);
  return summary;
}

/** Whether a file says something the library does not (the user edited it since the export). */
function holdsEdits(text: string, item: ItemRecord, file: string): boolean {
  try {
    return editedFields(item, parseNoteFile(text, file)).length > 0;
  } catch {
    return true;
  }
}
