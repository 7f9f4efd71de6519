// `lectio import BACKUP.json`: a JSON file whose top level is a lectio backup is restored
// (src/core/restore-backup.ts); any other file keeps the import's own path.

import fs from 'node:fs';
import path from 'node:path';
import { LectioError } from '../core/errors.js';
import { restoreBackup } from '../core/restore-backup.js';
import { type BackupFile, isBackupObject, readBackup } from '../formats/export/json-backup.js';
import { MAX_LIST_BYTES } from '../formats/read-list-file.js';
import { decodeText } from '../formats/text-decoding.js';
import type { Command } from 'commander';
import { globals, openStore, printJson } from './cli-context.js';
import { plural } from './text-width.js';

/** The backup among `files`, or null when none is one. A backup is restored alone. */
export function backupAmong(files: readonly string[]): { file: string; backup: BackupFile } | null {
  let found: { file: string; backup: BackupFile } | null = null;
  for (const file of files) {
    const parsed = parsedJson(file);
    if (!isBackupObject(parsed)) continue;
    if (files.length > 1) {
      throw new LectioError(
        'bad_input',
        `${file}: a backup is restored on its own; import the other files separately`,
      );
    }
    found = { file, backup: readBackup(parsed, file) };
  }
  return found;
}

function parsedJson(file: string): unknown {
  if (path.extname(file).toLowerCase() !== '.json') return null;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > MAX_LIST_BYTES) return null;
    return JSON.parse(decodeText(fs.readFileSync(file), file).text);
  } catch {
    return null; // not readable JSON: the import's own path says what is wrong with it
  }
}

export function restoreBackupFile(
  command: Command,
  file: string,
  backup: BackupFile,
  replace: boolean,
): void {
  const store = openStore(command);
  try {
    const report = restoreBackup(store, backup, { replace });
    if (globals(command).json) printJson({ restored: file, ...report });
    else {
      process.stdout.write(
        `${path.basename(file)}: restored ${plural(report.items, 'item')}, ${plural(report.lists, 'list')}, ${plural(report.topics, 'topic')}, ${plural(report.plans, 'plan')}${report.replaced ? ' (the library was replaced)' : ''}\n`,
      );
    }
  } finally {
    store.close();
  }
}
