// Opening a library file safely: refuse anything that is not a lectio library, never
// overwrite it, migrate forward in one transaction, and wait politely for other writers.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { LectioError } from '../../core/errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

/** PRAGMA application_id of lectio files ("LECT"), so another program's SQLite file is refused. */
export const APPLICATION_ID = 0x4c454354;
const SQLITE_HEADER = 'SQLite format 3\u0000';

export interface OpenOptions {
  readonly?: boolean;
  /** How long a writer waits for another process's write lock, in ms. */
  busyTimeoutMs?: number;
}

/**
 * The compiled addon, named: left to itself better-sqlite3 finds it with the `bindings`
 * package, which tries a dozen paths and parses a stack trace (about 20 ms of every
 * command). Missing (an unusual build), better-sqlite3 searches as it always does.
 */
const NATIVE_BINDING: { nativeBinding?: string } = (() => {
  try {
    return {
      nativeBinding: createRequire(import.meta.url).resolve(
        'better-sqlite3/build/Release/better_sqlite3.node',
      ),
    };
  } catch {
    return {};
  }
})();

/**
 * The build writes an empty library made by every migration (writeLibraryTemplate) to
 * dist/, where both dist/src/store/sqlite and dist/bundle/cli find it by looking upwards.
 * A new library is a copy of it: about 1 ms, where running the migrations takes about 40
 * (most of it filling search_positions, migration 3), a seventh of importing a 1 MB list
 * into a new library (BENCHMARKS.md a).
 */
export const LIBRARY_TEMPLATE = 'library-template.sqlite';

function findTemplate(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++, dir = path.dirname(dir)) {
    const file = path.join(dir, LIBRARY_TEMPLATE);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

/**
 * Creates `file` as a copy of the template, whole or not at all: the copy is written under
 * another name and linked into place, so a second process creating the same library at the
 * same moment sees either no file or a complete one. Returns false when there is no
 * template or the file system cannot link; the caller then migrates a new file itself. A
 * template older than this code is still a library: openDatabase migrates it forward.
 */
export function createFromTemplate(file: string, template = findTemplate()): boolean {
  if (template === null || !fs.existsSync(template)) return false;
  const temp = `${file}.${process.pid}.new`;
  try {
    fs.copyFileSync(template, temp);
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EEXIST'; // another process made it first
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Makes the library `file`, which does not exist yet, by running `build` on a new one aside
 * (a copy of the template under another name) and linking it into place once `build` is done.
 * Returns what `build` returned, or null when a library exists at `file`, already or by the
 * time `build` is done (another process made one first), or the file system cannot link:
 * nothing of `build` is then kept, and the caller writes to `file` the usual way.
 *
 * Aside, no other process can see the file, so it is written without a journal on disk
 * (journal_mode MEMORY: a failing `build` still rolls back; a killed process leaves only the
 * unseen copy) and without syncs, and is synced once before it is linked. A 100k-item
 * import into a new library took about 0.5 s less than through the WAL (interleaved CLI
 * runs), whose every page is written twice, to the log and at the checkpoint.
 */
export function buildNewLibrary<T>(file: string, build: (db: Database.Database) => T): { value: T } | null {
  if (checkHeader(file) !== 'missing') return null;
  const template = findTemplate();
  if (template === null) return null;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (!canWrite(path.dirname(file))) throw readOnlyLibrary(file);
  removeStaleCopies(file);
  // Not createFromTemplate's name: a process may create a library while it builds one (tests).
  const temp = `${file}.${process.pid}.new-build`;
  let db: Database.Database | null = null;
  try {
    fs.copyFileSync(template, temp);
    db = new Database(temp, { fileMustExist: true, ...NATIVE_BINDING });
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    migrate(db, db.pragma('user_version', { simple: true }) as number);
    db.pragma('foreign_keys = ON');
    const value = build(db);
    db.pragma('journal_mode = WAL'); // as every library is
    db.close();
    db = null;
    const fd = fs.openSync(temp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      fs.linkSync(temp, file);
    } catch {
      return null; // EEXIST: another process made the library first; else no links here
    }
    return { value };
  } finally {
    db?.close();
    fs.rmSync(temp, { force: true });
  }
}

/** Copies that buildNewLibrary or createFromTemplate left behind when their process was killed. */
function removeStaleCopies(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = /^(\d+)\.new(?:-build)?$/u.exec(
      name.startsWith(prefix) ? name.slice(prefix.length) : '',
    )?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    fs.rmSync(path.join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // someone else's process
  }
}

/** Writes the template (scripts/build.mjs): a new file, every migration, no WAL. */
export function writeLibraryTemplate(file: string): void {
  fs.rmSync(file, { force: true });
  const db = new Database(file, NATIVE_BINDING);
  try {
    migrate(db, 0);
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}

function checkHeader(file: string): 'missing' | 'empty' | 'sqlite' {
  // Before opening: a FIFO would block the open until something wrote to it.
  let kind: fs.Stats;
  try {
    kind = fs.statSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw new LectioError('bad_input', `${file}: cannot open the library (${(error as Error).message})`);
  }
  if (kind.isDirectory()) throw new LectioError('bad_input', `${file}: is a directory, not a library file`);
  if (!kind.isFile()) throw new LectioError('bad_input', `${file}: not a regular file, not a library file`);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw new LectioError('bad_input', `${file}: cannot open the library (${(error as Error).message})`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new LectioError('bad_input', `${file}: is a directory, not a library file`);
    if (stat.size === 0) return 'empty';
    const buf = Buffer.alloc(16);
    fs.readSync(fd, buf, 0, 16, 0);
    if (buf.toString('latin1') !== SQLITE_HEADER) {
      throw new LectioError(
        'corrupt_db',
        `${file}: not a lectio library (not an SQLite database); the file was left untouched`,
      );
    }
    return 'sqlite';
  } finally {
    fs.closeSync(fd);
  }
}

export function openDatabase(file: string, options: OpenOptions = {}): Database.Database {
  let state = checkHeader(file);
  if (state === 'missing') {
    if (options.readonly) {
      throw new LectioError('not_found', `${file}: no library here yet; run "lectio import FILE" first`);
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (createFromTemplate(file)) state = checkHeader(file);
  }
  let db: Database.Database;
  try {
    db = new Database(file, {
      readonly: options.readonly === true && state !== 'empty',
      fileMustExist: state !== 'missing',
      ...NATIVE_BINDING,
    });
  } catch (error) {
    // A library that is not there yet, in a folder lectio may not write: not a damaged file.
    if (state === 'missing' && !canWrite(path.dirname(file))) throw readOnlyLibrary(file);
    throw new LectioError(
      'corrupt_db',
      `${file}: cannot open the library (${(error as Error).message}); the file was left untouched`,
    );
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    if (
      state === 'sqlite' &&
      appId !== APPLICATION_ID &&
      !(appId === 0 && version === 0 && isEmptySchema(db))
    ) {
      throw new LectioError(
        'corrupt_db',
        `${file}: an SQLite file that is not a lectio library; it was left untouched`,
      );
    }
    if (version > SCHEMA_VERSION) {
      throw new LectioError(
        'corrupt_db',
        `${file}: made by a newer lectio (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade lectio`,
      );
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db, version);
    } else if (version < SCHEMA_VERSION) {
      throw new LectioError(
        'corrupt_db',
        `${file}: library needs an upgrade; run any writing command (lectio import) first`,
      );
    }
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    if (error instanceof LectioError) throw error;
    const message = (error as Error).message;
    if (/SQLITE_BUSY|database is locked/iu.test(message)) {
      throw new LectioError('busy', `${file}: the library is busy (another lectio is writing); try again`);
    }
    if (isReadOnlyError(error)) throw readOnlyLibrary(file);
    throw new LectioError(
      'corrupt_db',
      `${file}: the library is damaged (${message}); the file was left untouched`,
    );
  }
}

function canWrite(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** SQLite could not write the file or its folder (permissions, a read-only mount). */
export function isReadOnlyError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) ||
    /attempt to write a readonly database/iu.test(error.message)
  );
}

/**
 * The one message for a library lectio may not write: the file, or the folder its journal
 * goes in. `file` null: a write failed later, where the file is not at hand.
 */
export function readOnlyLibrary(file: string | null): LectioError {
  return new LectioError(
    'bad_input',
    `${file === null ? '' : `${file}: `}the library cannot be written here (read-only: lectio needs to write the file and its folder, for the journal); nothing was changed`,
  );
}

function isEmptySchema(db: Database.Database): boolean {
  const row = db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number };
  return row.n === 0;
}

function migrate(db: Database.Database, seen: number): void {
  if (MIGRATIONS.every((m) => m.version <= seen)) return;
  db.transaction(() => {
    // Read the version again under the write lock: another process may have migrated
    // the file since we looked (two first imports racing to create the library).
    const from = db.pragma('user_version', { simple: true }) as number;
    for (const m of MIGRATIONS.filter((x) => x.version > from)) db.exec(m.sql);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
