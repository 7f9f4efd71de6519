// Bad input gets a clear message and loses nothing (PRODUCT.md, Principles): every refusal
// is one line on stderr naming the file, a stable exit status, and a library that is
// byte for byte what it was. Runs the real CLI against real SQLite files.

import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { EXIT_CODES } from '../src/cli/cli-context.js';
import { APPLICATION_ID } from '../src/store/sqlite/open-database.js';
import {
  childEnv,
  dirSnapshot,
  importOk,
  LECTIO_BIN,
  listJsonText,
  makeTempDir,
  oneLineError,
  removeDir,
  runCli,
  runCliAsync,
  SEEDS,
  seed,
  sha256File,
  tempDir,
  testList,
} from './cli-helpers.js';

const PNG_HEADER = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

interface BadFile {
  name: string;
  /** Creates the bad input in dir and returns its path as given on the command line. */
  make: (dir: string) => string;
  /** What the one-line message must say besides the file name. */
  says: RegExp;
}

const BAD_FILES: readonly BadFile[] = [
  { name: 'a missing file', make: (dir) => path.join(dir, 'no-such-list.md'), says: /no such file/u },
  {
    name: 'a directory',
    make: (dir) => {
      const d = path.join(dir, 'lists.md');
      fs.mkdirSync(d);
      return d;
    },
    says: /directory/u,
  },
  {
    name: 'a PNG image named .md',
    make: (dir) =>
      write(
        dir,
        'figure.md',
        Buffer.from([...PNG_HEADER, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x01, 0x02]),
      ),
    says: /binary/u,
  },
  {
    name: 'a .png file',
    make: (dir) => write(dir, 'figure.png', Buffer.from([...PNG_HEADER, 0x00, 0x01, 0x02])),
    says: /\.png/u,
  },
  {
    name: 'text with NUL bytes',
    make: (dir) =>
      write(dir, 'nul.md', Buffer.from('# Papers\n\n- [A](https://arxiv.org/abs/1706.03762)\0\0\0\n')),
    says: /binary|NUL/u,
  },
  {
    name: 'invalid UTF-8 (names the line)',
    make: (dir) =>
      write(
        dir,
        'latin1.md',
        Buffer.concat([
          Buffer.from('# Papers\n\n- [Attention](https://arxiv.org/abs/1706.03762)\n- Caf'),
          Buffer.from([0xe9]), // "é" in Latin-1: not UTF-8
          Buffer.from(' au lait\n'),
        ]),
      ),
    says: /UTF-8.*line 4/u,
  },
  { name: 'an empty file', make: (dir) => write(dir, 'empty.md', Buffer.alloc(0)), says: /empty/u },
  {
    name: 'a whitespace-only file',
    make: (dir) => write(dir, 'blank.md', Buffer.from('  \n\n\t \r\n   \n')),
    says: /empty/u,
  },
  {
    name: 'a .pdf file',
    make: (dir) => write(dir, 'paper.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n')),
    says: /\.pdf/u,
  },
  {
    name: 'a .docx file',
    make: (dir) => write(dir, 'list.docx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])),
    says: /\.docx/u,
  },
];

function write(dir: string, name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('import refuses bad input with one line and changes nothing', { concurrency: 4 }, () => {
  let work: string;
  /** A library that already holds the four seeds. */
  let seeded: string;
  let seededList: string;
  let seededFiles: Record<string, string>;

  before(() => {
    work = makeTempDir();
    fs.mkdirSync(path.join(work, 'lib'));
    seeded = path.join(work, 'lib', 'library.sqlite');
    importOk(seeded, SEEDS);
    seededList = listJsonText(seeded);
    seededFiles = dirSnapshot(path.dirname(seeded));
  });
  after(() => {
    // After every refusal above, the library still lists exactly what it did.
    try {
      assert.equal(listJsonText(seeded), seededList);
    } finally {
      removeDir(work);
    }
  });

  for (const bad of BAD_FILES) {
    test(`${bad.name}: exit ${EXIT_CODES.bad_input}, no library created`, async (t) => {
      const dir = tempDir(t);
      const file = bad.make(dir);
      const db = path.join(dir, 'new-library.sqlite');
      const r = await runCliAsync(['--db', db, 'import', file]);
      assert.equal(r.status, EXIT_CODES.bad_input, r.stderr);
      const line = oneLineError(r.stderr);
      assert.ok(line.includes(path.basename(file)), `message names the file: ${line}`);
      assert.match(line, bad.says);
      assert.equal(r.stdout, '');
      assert.equal(fs.existsSync(db), false, 'a refused import creates no library');
    });

    test(`${bad.name}: the seeded library is byte-identical afterwards`, async () => {
      const dir = path.join(work, `in-${BAD_FILES.indexOf(bad)}`);
      fs.mkdirSync(dir);
      const file = bad.make(dir);
      const r = await runCliAsync(['--db', seeded, 'import', '--json', file]);
      assert.equal(r.status, EXIT_CODES.bad_input, r.stderr);
      assert.match(oneLineError(r.stderr), bad.says);
      assert.equal(r.stdout, '', '--json prints nothing on failure');
      assert.deepEqual(dirSnapshot(path.dirname(seeded)), seededFiles);
    });
  }

  for (const order of ['good first', 'bad first'] as const) {
    test(`one good and one bad file (${order}) on an empty library imports nothing`, (t) => {
      const dir = tempDir(t);
      const good = seed('004');
      const bad = write(dir, 'broken.md', Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x00, 0x41]));
      const db = path.join(dir, 'library.sqlite');
      const files = order === 'good first' ? [good, bad] : [bad, good];
      const r = runCli(['--db', db, 'import', ...files]);
      assert.equal(r.status, EXIT_CODES.bad_input, r.stderr);
      assert.ok(oneLineError(r.stderr).includes('broken.md'));
      assert.equal(fs.existsSync(db), false, 'the good file was not imported either');
      assert.equal(listJsonText(db).trim(), '[]');
    });

    test(`one good and one bad file (${order}) on the seeded library imports nothing`, () => {
      const dir = path.join(work, `mixed-${order.replace(' ', '-')}`);
      fs.mkdirSync(dir);
      const good = testList('papers-we-love_distributed_systems.md');
      const bad = write(dir, 'broken.md', Buffer.from('# List\n\n- caf\xe9\n', 'latin1'));
      const libDir = path.dirname(seeded);
      const before = dirSnapshot(libDir);
      const files = order === 'good first' ? [good, bad] : [bad, good];
      const r = runCli(['--db', seeded, 'import', ...files]);
      assert.equal(r.status, EXIT_CODES.bad_input, r.stderr);
      assert.match(oneLineError(r.stderr), /broken\.md: not valid UTF-8 at line 3/u);
      assert.deepEqual(dirSnapshot(libDir), before);
      const after = listJsonText(seeded);
      assert.equal(after, seededList);
      assert.equal(after.includes('papers-we-love'), false, 'no source from the good file');
    });
  }
});

interface BadLibrary {
  name: string;
  make: (file: string, t: { real: string }) => void;
  says: RegExp;
  code: number;
}

const BAD_LIBRARIES: readonly BadLibrary[] = [
  {
    name: 'random bytes',
    make: (file) => {
      // Fixed bytes, not Math.random: a failure must be reproducible.
      const bytes = Buffer.alloc(8192);
      let x = 0x2545f491;
      for (let i = 0; i < bytes.length; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        bytes[i] = x & 0xff;
      }
      fs.writeFileSync(file, bytes);
    },
    says: /not a lectio library/u,
    code: EXIT_CODES.corrupt_db,
  },
  {
    name: 'a truncated real library',
    make: (file, { real }) => {
      const bytes = fs.readFileSync(real);
      fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2) + 100));
    },
    says: /damaged|malformed|not a lectio library/u,
    code: EXIT_CODES.corrupt_db,
  },
  {
    name: 'a library cut after its first page',
    make: (file, { real }) => fs.writeFileSync(file, fs.readFileSync(real).subarray(0, 5000)),
    says: /damaged|malformed|not a lectio library/u,
    code: EXIT_CODES.corrupt_db,
  },
  {
    name: "another application's SQLite database",
    make: (file) => {
      const db = new Database(file);
      db.exec(`CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT, balance REAL);
        INSERT INTO accounts (name, balance) VALUES ('checking', 120.5), ('savings', 3000);`);
      db.close();
    },
    says: /not a lectio library/u,
    code: EXIT_CODES.corrupt_db,
  },
  {
    name: "another application's SQLite database in WAL mode with its own application_id",
    make: (file) => {
      const db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('application_id = 1234');
      db.pragma('user_version = 1');
      db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (1);');
      db.close();
    },
    says: /not a lectio library/u,
    code: EXIT_CODES.corrupt_db,
  },
  {
    name: 'a library made by a newer lectio (user_version 999)',
    make: (file) => {
      const db = new Database(file);
      db.exec('CREATE TABLE future (x)');
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma('user_version = 999');
      db.close();
    },
    says: /newer lectio.*999/u,
    code: EXIT_CODES.corrupt_db,
  },
];

describe(
  'a library file that is not a usable lectio library is refused and never written',
  {
    concurrency: 4,
  },
  () => {
    let work: string;
    let real: string;

    before(() => {
      work = makeTempDir();
      real = path.join(work, 'real.sqlite');
      importOk(real, SEEDS);
    });
    after(() => removeDir(work));

    BAD_LIBRARIES.forEach((bad, n) => {
      const commands: ReadonlyArray<readonly string[]> = [
        ['import', seed('000')],
        ['list', '--json'],
        ['show', '1'],
      ];
      for (const command of commands) {
        test(`${bad.name}: ${command.join(' ')} exits ${bad.code}, file unchanged`, async () => {
          const dir = path.join(work, `bad-${n}-${command.join('-').replace(/[^\w-]/gu, '')}`);
          fs.mkdirSync(dir);
          const file = path.join(dir, 'library.sqlite');
          bad.make(file, { real });
          const before = dirSnapshot(dir);
          const hash = sha256File(file);
          const r = await runCliAsync(['--db', file, ...command]);
          assert.equal(r.status, bad.code, `stderr: ${r.stderr}`);
          const line = oneLineError(r.stderr);
          assert.ok(line.includes(file), `message names the library file: ${line}`);
          assert.match(line, bad.says);
          assert.equal(r.stdout, '');
          assert.equal(sha256File(file), hash, 'the file was never written');
          assert.deepEqual(dirSnapshot(dir), before, 'no journal or WAL left beside it');
        });
      }
    });

    test('a FIFO given as --db is refused with one line, without waiting on it', (t) => {
      const fifo = path.join(tempDir(t), 'library.sqlite');
      const made = spawnSync('mkfifo', [fifo]);
      assert.equal(made.status, 0, 'mkfifo');
      const r = runCli(['--db', fifo, 'stats']);
      assert.equal(r.status, EXIT_CODES.bad_input, r.stderr);
      assert.match(oneLineError(r.stderr), /not a regular file/u);
    });

    test('a library lectio may not write: one line, exit 2, nothing changed', (t) => {
      const dir = tempDir(t);
      const file = path.join(dir, 'library.sqlite');
      fs.copyFileSync(real, file);
      fs.chmodSync(file, 0o444);
      // Root writes whatever the mode says: run as nobody then (setpriv, util-linux).
      const asRoot = process.getuid?.() === 0;
      if (asRoot) fs.chmodSync(dir, 0o777);
      const hash = sha256File(file);
      const run = (args: readonly string[]): SpawnSyncReturns<string> =>
        asRoot
          ? spawnSync(
              'setpriv',
              ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, LECTIO_BIN, ...args],
              { env: childEnv(), encoding: 'utf8' },
            )
          : spawnSync(process.execPath, [LECTIO_BIN, ...args], { env: childEnv(), encoding: 'utf8' });
      const r = run(['--db', file, 'mark', '1', 'read']);
      assert.equal(r.status, EXIT_CODES.bad_input, r.stderr);
      assert.match(oneLineError(r.stderr), /cannot be written here \(read-only/u);
      // A new library in a folder lectio may not write.
      const closed = path.join(dir, 'closed');
      fs.mkdirSync(closed, { mode: 0o555 });
      const fresh = run(['--db', path.join(closed, 'new.sqlite'), 'import', seed('000')]);
      assert.equal(fresh.status, EXIT_CODES.bad_input, fresh.stderr);
      assert.match(oneLineError(fresh.stderr), /cannot be written here \(read-only/u);
      assert.deepEqual(fs.readdirSync(closed), []);
      assert.equal(sha256File(file), hash);
    });

    test('a directory given as --db is refused with one line', (t) => {
      const dir = tempDir(t);
      const r = runCli(['--db', dir, 'import', seed('000')]);
      assert.notEqual(r.status, 0);
      assert.match(oneLineError(r.stderr), /directory/u);
      assert.deepEqual(fs.readdirSync(dir), []);
    });
  },
);

describe('show and list on what is not there', () => {
  let work: string;
  let db: string;

  before(() => {
    work = makeTempDir();
    db = path.join(work, 'library.sqlite');
    importOk(db, SEEDS);
  });
  after(() => removeDir(work));

  test('show with an unknown id exits not_found with one line', () => {
    const r = runCli(['--db', db, 'show', '987654']);
    assert.equal(r.status, EXIT_CODES.not_found);
    assert.match(oneLineError(r.stderr), /987654/u);
    assert.equal(r.stdout, '');
  });

  test('show #N of no item says so, and does not read "#0" as title words', () => {
    for (const ref of ['#0', '#987654']) {
      const r = runCli(['--db', db, 'show', ref]);
      assert.equal(r.status, EXIT_CODES.not_found);
      assert.equal(oneLineError(r.stderr), `lectio: no item ${ref}`);
    }
  });

  test('show with title words that match nothing exits not_found with one line', () => {
    const r = runCli(['--db', db, 'show', 'zyzzogeton quuxification']);
    assert.equal(r.status, EXIT_CODES.not_found);
    assert.match(oneLineError(r.stderr), /zyzzogeton quuxification/u);
  });

  test('show with an arXiv id the library does not hold exits not_found', () => {
    const r = runCli(['--db', db, 'show', '2999.99999']);
    assert.equal(r.status, EXIT_CODES.not_found);
    oneLineError(r.stderr);
  });

  test('show on a missing library exits not_found and creates nothing', (t) => {
    const dir = tempDir(t);
    const missing = path.join(dir, 'none.sqlite');
    const r = runCli(['--db', missing, 'show', '1']);
    assert.equal(r.status, EXIT_CODES.not_found);
    oneLineError(r.stderr);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  test('list --json on a missing library prints [] and creates nothing', (t) => {
    const dir = tempDir(t);
    const missing = path.join(dir, 'none.sqlite');
    const r = runCli(['--db', missing, 'list', '--json']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
    assert.equal(r.stdout.trim(), '[]');
    assert.equal(r.stderr, '');
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  test('list --status bogus is refused by the argument parser', () => {
    const before = sha256File(db);
    const r = runCli(['--db', db, 'list', '--status', 'bogus']);
    assert.equal(r.status, EXIT_CODES.bad_input);
    assert.match(
      oneLineError(r.stderr),
      /^lectio: option .*argument 'bogus' is invalid.*\(run "lectio help" for the commands\)$/u,
    );
    assert.match(r.stderr, /to-read/u, 'the message lists the allowed statuses');
    for (const args of [['export', '--format', 'xml'], ['search', '-x'], ['frobnicate'], ['lsit']]) {
      const usage = runCli(['--db', db, ...args]);
      assert.equal(usage.status, EXIT_CODES.bad_input, args.join(' '));
      assert.match(oneLineError(usage.stderr), /^lectio: .*\(run "lectio help" for the commands\)$/u);
    }
    assert.doesNotMatch(r.stderr, /\n\s+at /u);
    assert.equal(r.stdout, '');
    assert.equal(sha256File(db), before);
  });

  test('list --json into a pipe closed early (| head) ends quietly, without a stack trace', () => {
    // A real shell pipeline: the JSON (~150 kB for the seeds) outgrows the pipe buffer,
    // so lectio is still writing when head exits.
    const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
    const r = spawnSync(
      'sh',
      [
        '-c',
        `${quote(process.execPath)} ${quote(LECTIO_BIN)} --db ${quote(db)} list --json | head -c 100 >/dev/null`,
      ],
      { env: childEnv(), encoding: 'utf8', timeout: 30_000 },
    );
    assert.doesNotMatch(r.stderr, /EPIPE|Unhandled|\n\s+at /u, `stderr: ${r.stderr}`);
    assert.equal(r.stderr, '');
  });
});
