// The JSON backup: the whole library, every table's rows, in one versioned object that
// `lectio import` restores exactly (src/core/restore-backup.ts). Reading one checks its
// shape before anything is written; a damaged backup is one `bad_input` line.

import { LectioError } from '../../core/errors.js';
import type { BackupRow, BackupTables } from '../../core/library-export.js';

/** The top-level `format` of a backup: what tells a backup from any other JSON file. */
export const BACKUP_FORMAT = 'lectio-backup';
/** The version of this file's layout (the rows follow the library's schema, `schema`). */
export const BACKUP_VERSION = 1;

export interface BackupFile extends BackupTables {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
}

/** One table a line, so that a diff of two backups is readable and a big one stays one pass. */
export function writeBackup(backup: BackupTables, exportedAt: string): string {
  const lines = [
    '{',
    `"format": ${JSON.stringify(BACKUP_FORMAT)},`,
    `"version": ${BACKUP_VERSION},`,
    `"schema": ${backup.schema},`,
    `"exportedAt": ${JSON.stringify(exportedAt)},`,
    '"tables": {',
  ];
  const names = Object.keys(backup.tables);
  names.forEach((name, i) => {
    const rows = backup.tables[name] ?? [];
    const body = rows.map((r) => JSON.stringify(r)).join(',\n');
    lines.push(
      `${JSON.stringify(name)}: [${rows.length > 0 ? `\n${body}\n` : ''}]${i < names.length - 1 ? ',' : ''}`,
    );
  });
  lines.push('}', '}');
  return `${lines.join('\n')}\n`;
}

/** Whether parsed JSON is a lectio backup (of any version): the import command's dispatch. */
export function isBackupObject(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && (value as { format?: unknown }).format === BACKUP_FORMAT
  );
}

/** Checks a parsed backup's shape; `name` (the file) prefixes every complaint. */
export function readBackup(value: unknown, name: string): BackupFile {
  const fail = (problem: string): never => {
    throw new LectioError('bad_input', `${name}: not a usable lectio backup (${problem})`);
  };
  if (!isBackupObject(value)) fail('no "format": "lectio-backup" at the top');
  const v = value as Record<string, unknown>;
  if (typeof v.version !== 'number' || !Number.isInteger(v.version)) fail('version: not a number');
  if ((v.version as number) > BACKUP_VERSION) {
    fail(`version ${String(v.version)} is newer than this lectio reads (${BACKUP_VERSION}); upgrade lectio`);
  }
  if (typeof v.schema !== 'number' || !Number.isInteger(v.schema) || v.schema < 1)
    fail('schema: not a version');
  if (typeof v.tables !== 'object' || v.tables === null || Array.isArray(v.tables))
    fail('tables: not an object');
  const tables: Record<string, BackupRow[]> = {};
  for (const [table, rows] of Object.entries(v.tables as Record<string, unknown>)) {
    if (!Array.isArray(rows)) fail(`tables.${table}: not an array`);
    (rows as unknown[]).forEach((row, i) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row))
        fail(`tables.${table}[${i}]: not an object`);
      for (const [column, cell] of Object.entries(row as Record<string, unknown>)) {
        if (cell !== null && typeof cell !== 'string' && typeof cell !== 'number') {
          fail(`tables.${table}[${i}].${column}: not a string, number or null`);
        }
      }
    });
    tables[table] = rows as BackupRow[];
  }
  return {
    format: BACKUP_FORMAT,
    version: v.version as number,
    schema: v.schema as number,
    exportedAt: typeof v.exportedAt === 'string' ? v.exportedAt : '',
    tables,
  };
}
