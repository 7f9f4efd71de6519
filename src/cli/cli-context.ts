// What every command shares: where the library is, how to open it, how to fail.

import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { Command } from 'commander';
import { type ErrorCode, LectioError } from '../core/errors.js';
import type { LibraryStore } from '../core/library-store.js';
import { resolveDbPath } from '../store/default-db-path.js';
import { isReadOnlyError, openDatabase, readOnlyLibrary } from '../store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../store/sqlite/sqlite-library-store.js';

export interface GlobalOptions {
  db?: string;
  json?: boolean;
}

/** Exit statuses by error code, documented in README.md. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  internal: 1,
  bad_input: 2,
  not_found: 3,
  ambiguous: 4,
  conflict: 4,
  corrupt_db: 5,
  busy: 6,
  network: 7,
  partial: 8,
};

export function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

export function dbPathOf(command: Command): string {
  return resolveDbPath(globals(command).db);
}

/** Opens the library for writing, creating it when missing. */
export function openStore(command: Command): LibraryStore {
  return new SqliteLibraryStore(openDatabase(dbPathOf(command)));
}

/** Opens the library for reading; null when there is no library file yet. */
export function openStoreForReading(command: Command): LibraryStore | null {
  const db = openDatabaseForReading(command);
  return db === null ? null : new SqliteLibraryStore(db);
}

/** The library's database itself, for the few bulk reads that bypass the store (list --json); null as above. */
export function openDatabaseForReading(command: Command): Database.Database | null {
  const file = dbPathOf(command);
  // No library yet (or an empty file): reading commands see an empty library and create nothing.
  if (!fs.existsSync(file) || (fs.statSync(file).isFile() && fs.statSync(file).size === 0)) return null;
  return openDatabase(file);
}

/** Runs `fn` on the library (created when missing) and closes it, whatever happens. */
export function withStore<T>(command: Command, fn: (store: LibraryStore) => T): T {
  const store = openStore(command);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** Like withStore for commands that need items: an absent library is "not found", and nothing is created. */
export function withExistingStore<T>(command: Command, fn: (store: LibraryStore) => T): T {
  const store = openStoreForReading(command);
  if (!store) throw new LectioError('not_found', 'the library is empty; run "lectio import FILE" first');
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** JSON longer than this is printed compact (a 10k-item list): a machine reads it. */
const COMPACT_ABOVE = 100_000;

/** JSON for machines: compact when it is large, indented when a person may read it. */
/** A note for the user on stderr, beside the command's output: "note: no topic …". */
export function noteOnStderr(message: string): void {
  process.stderr.write(`note: ${message}\n`);
}

export function printJson(value: unknown): void {
  const compact = JSON.stringify(value);
  process.stdout.write(`${compact.length > COMPACT_ABOVE ? compact : JSON.stringify(value, null, 2)}\n`);
}

/**
 * printJson for a JSON array given as the compact texts of runs of its elements
 * (item-listing.ts): a large one is written run by run, never joined into one string.
 */
export function printJsonArray(runs: Iterable<string>): void {
  // Runs are kept only until they add up to more than COMPACT_ABOVE: then the output is
  // compact, and every later run is written as soon as it comes.
  const held: string[] = [];
  let length = 1;
  let streaming = false;
  for (const run of runs) {
    if (streaming) {
      process.stdout.write(`,${run}`);
      continue;
    }
    held.push(run);
    length += run.length + 1;
    if (length > COMPACT_ABOVE) {
      process.stdout.write(`[${held.join(',')}`);
      streaming = true;
    }
  }
  if (streaming) process.stdout.write(']\n');
  else printJson(JSON.parse(`[${held.join(',')}]`));
}

/** The one place errors become a message and an exit status. */
export function reportError(error: unknown): number {
  if (error instanceof LectioError) {
    process.stderr.write(`lectio: ${error.message}\n`);
    return EXIT_CODES[error.code];
  }
  // A file or folder lectio may not write (a new library beside a read-only one, an export).
  const errno = error as NodeJS.ErrnoException;
  if (
    error instanceof Error &&
    (errno.code === 'EACCES' || errno.code === 'EPERM' || errno.code === 'EROFS') &&
    typeof errno.path === 'string'
  ) {
    // A copy's error names its source as path, the file it could not write as dest.
    const where = (errno as { dest?: string }).dest ?? errno.path;
    process.stderr.write(`lectio: ${where}: cannot write here (${errno.code}); nothing was changed\n`);
    return EXIT_CODES.bad_input;
  }
  if (isReadOnlyError(error)) return reportError(readOnlyLibrary(null));
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`lectio: unexpected error: ${message}\n`);
  if (process.env.LECTIO_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
