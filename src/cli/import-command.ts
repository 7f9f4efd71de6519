// lectio import FILE... : read every file first, then write all of them in one transaction.

import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import {
  type ImportOptions,
  type ImportReport,
  importLists,
  type ListInput,
  type MergeNote,
} from '../core/import-lists.js';
import { mergeReasonInWords, namesItemOtherwise } from '../core/merge-words.js';
import { importSummary } from '../core/item-json.js';
import { readListFile } from '../formats/read-list-file.js';
import { buildNewLibrary, openDatabase } from '../store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../store/sqlite/sqlite-library-store.js';
import { dbPathOf, globals, printJson } from './cli-context.js';
import { displayPath } from './display-path.js';
import { progressOnStderr } from './progress.js';
import { backupAmong, restoreBackupFile } from './restore-backup-file.js';
import { plural } from './text-width.js';

/** Inputs above this size show progress. */
const BIG_INPUT_BYTES = 1024 * 1024;

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'import reading lists (markdown, BibTeX, CSL-JSON) into the library (re-importing a file updates it)',
    )
    .argument('<files...>', 'markdown lists (.md, .txt), BibTeX (.bib) or CSL-JSON (.json)')
    .option('--json', 'print a summary object instead of text')
    .option(
      '--replace',
      'restoring a JSON backup (lectio export --format json): replace everything in the library',
    )
    .action((files: string[], opts: { replace?: boolean }, command: Command) => {
      const restore = backupAmong(files);
      if (restore) return restoreBackupFile(command, restore.file, restore.backup, opts.replace === true);
      const json = globals(command).json === true;
      // Parse everything before touching the library: a bad file fails the run before any write.
      const inputs: ListInput[] = files.map((file) => {
        const big = safeSize(file) > BIG_INPUT_BYTES;
        const progress = big ? progressOnStderr(`reading ${path.basename(file)}`) : null;
        const input = readListFile(file, progress ? (d, t) => progress.update(d, t) : undefined);
        progress?.done();
        return input;
      });
      const entries = inputs.reduce((n, i) => n + i.parsed.items.length, 0);
      const progress = entries > 5000 ? progressOnStderr('importing entries') : null;
      const report = importListsAt(dbPathOf(command), inputs, {
        now: () => new Date(),
        ...(progress ? { onProgress: (d: number, t: number) => progress.update(d, t) } : {}),
      });
      progress?.done();
      if (json) printJson(importSummary(report));
      else printReport(report);
    });
}

/**
 * Imports parsed lists into the library at `file`. A library that does not exist yet is
 * built aside and appears whole when the import is done (buildNewLibrary); an existing one
 * (or one another process made meanwhile) is written in place, in one transaction.
 */
export function importListsAt(
  file: string,
  inputs: readonly ListInput[],
  options: ImportOptions,
): ImportReport {
  const built = buildNewLibrary(file, (db) => importLists(new SqliteLibraryStore(db), inputs, options));
  if (built) return built.value;
  const store = new SqliteLibraryStore(openDatabase(file));
  try {
    return importLists(store, inputs, options);
  } finally {
    store.close();
  }
}

function safeSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0; // readListFile reports the problem
  }
}

function printReport(report: ImportReport): void {
  const out: string[] = [];
  for (const f of report.files) {
    const what =
      f.outcome === 'unchanged'
        ? 'unchanged, skipped'
        : `${f.outcome}, ${plural(f.entries, 'entry', 'entries')}`;
    out.push(`${displayPath(f.path)}: ${what}`);
    for (const w of f.warnings) out.push(`  warning: ${w}`);
  }
  out.push(
    `${report.added} added, ${report.updated} updated, ${report.merged} merged into existing items; the library holds ${plural(report.items, 'item')}`,
  );
  const shown = report.merges.slice(0, 20);
  if (shown.length > 0) {
    out.push('merged:');
    for (const m of shown) {
      out.push(
        `  #${m.itemId} ${truncate(m.itemTitle, 70)}  ← ${path.basename(m.file)}:${m.line}${rowTitle(m)} (${mergeReasonInWords(m.reason)})`,
      );
    }
    if (report.merges.length > shown.length)
      out.push(`  … and ${report.merges.length - shown.length} more (--json lists all)`);
  }
  if (report.otherWorks.length > 0) {
    const n = report.otherWorks.length;
    out.push(
      `${plural(n, 'item')} joined by one id ${n === 1 ? 'holds' : 'hold'} entries that name two works (one of the links is another paper's):`,
    );
    for (const o of report.otherWorks.slice(0, 20)) {
      out.push(
        `  #${o.item.id} ${truncate(o.with.title, 60)}  ← ${path.basename(o.source.file)}:${o.source.line} ${truncate(o.source.title, 60)} (${o.keys.join(', ')})`,
      );
    }
    if (n > 20) out.push(`  … and ${n - 20} more`);
    out.push('  "lectio duplicates" shows each with the commands that split it out or keep it');
  }
  for (const o of report.orphaned) {
    out.push(
      `kept without a source: #${o.id} ${truncate(o.title, 70)} (no list mentions it any more; its notes are kept)`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** The entry's own title when it names the item otherwise: ' "Accurate and Efficient…"'. */
export function rowTitle(m: MergeNote): string {
  return namesItemOtherwise(m) ? ` "${truncate(m.title, 50)}"` : '';
}

export function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
