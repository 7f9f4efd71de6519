// `npm run bench`: the import benchmarks. Prints results to stdout, progress to stderr,
// and rewrites BENCHMARKS.md at the repository root with the measured medians.
//
//   node dist/bench/run.js           the full run (a few minutes on 2 cores)
//   node dist/bench/run.js --quick   fewer runs and smaller lists; BENCHMARKS.md untouched
//   node dist/bench/run.js --only a,c   only those sections; the others stay as BENCHMARKS.md has them
//
// Every figure is the median of several runs: the development machine is 2 shared cores
// and noisy. Timed goals live here and in BENCHMARKS.md, never in tests.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Lexer } from 'marked';
import { itemJson } from '../src/cli/item-view.js';
import { importLists } from '../src/core/import-lists.js';
import type { ParsedItem } from '../src/core/item.js';
import type { LibraryStore } from '../src/core/library-store.js';
import { listItemsJson } from '../src/store/sqlite/item-listing.js';
import { buildNewLibrary, openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { SqliteSearchIndex } from '../src/store/sqlite/sqlite-search.js';
import { generateList } from './generate-list.js';
import { median } from './measure.js';
import { shippedParser } from './shipped-parser.js';
import { benchReader, type ReaderBenchResult } from './reader-bench.js';
import { benchSearch, type SearchBenchResult } from './search-bench.js';
import { benchInbox, type InboxBenchResult } from './inbox-bench.js';
import { benchBibImport, benchMatching, type MatchingResult, matchingReport } from './matching-bench.js';
import { benchExport, renderExport, type ExportBenchResult } from './export-bench.js';
import { benchWeb, renderWebSection, type WebBenchResult } from './web-bench.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'lectio.js');
const DAIR_LIST = path.resolve(
  process.env.LECTIO_TESTDATA ?? path.join(ROOT, '..', 'shared', 'testdata'),
  'lists',
  'ml-papers-of-the-week_dair-ai.md',
);
const QUICK = process.argv.includes('--quick');
/** `--only web`: one section, printed; BENCHMARKS.md untouched. */

const PLAN = QUICK
  ? { smallRuns: 3, bigItems: 20_000, bigRuns: 1, listItems: 2_000, listRuns: 3 }
  : { smallRuns: 9, bigItems: 100_000, bigRuns: 3, listItems: 10_000, listRuns: 9 };

// markdown-it, the parse step and readListFile as the CLI bundles them (bench/shipped-parser.ts),
// so that the markdown-it rows time the markdown-it the product runs.
const { MarkdownIt, readListFile, parseMarkdownList, decodeText } = shippedParser();

/** The same options as src/formats/markdown/parse-markdown-list.ts. */
const md = new MarkdownIt({ html: true, linkify: false, typographer: false });

const fixedNow = () => new Date('2025-01-01T00:00:00Z');

/** The parse step alone: bytes → text → ParsedList, as readListFile does it (no file system, no hash). */
function parseStep(bytes: Uint8Array): number {
  return parseMarkdownList(decodeText(bytes, 'bench list').text).items.length;
}

const PARSE_STEP_LABEL = 'parse step alone (decodeText + parseMarkdownList)';

// ---------------------------------------------------------------------------
// Measuring

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

interface Sample {
  ms: number;
  /** Peak resident set size of a child process, in bytes, when measured. */
  rssBytes?: number;
}

interface Series {
  label: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  medianRssBytes: number | null;
}

function series(label: string, samples: readonly Sample[]): Series {
  const ms = samples.map((s) => s.ms);
  const rss = samples.flatMap((s) => (s.rssBytes === undefined ? [] : [s.rssBytes]));
  return {
    label,
    runs: samples.length,
    medianMs: median(ms),
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    medianRssBytes: rss.length > 0 ? median(rss) : null,
  };
}

/** Runs `fn` once to warm the JIT (unless told not to), then `runs` timed times. */
function measure(label: string, runs: number, fn: () => void, warmup = true): Series {
  if (warmup) fn();
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push({ ms: performance.now() - start });
  }
  const s = series(label, samples);
  log(`${label}: median ${fmtMs(s.medianMs)} of ${runs}`);
  return s;
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
}

function fmtMb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 10e6 ? 2 : 1)} MB`;
}

// ---------------------------------------------------------------------------
// Child processes

const TIME = '/usr/bin/time';
const HAVE_TIME = fs.existsSync(TIME);

interface ChildRun extends Sample {
  stdout: string;
}

/**
 * Runs `node args...` and measures its wall time (process start included) and, when
 * asked, its peak RSS: from GNU time when present, else from a wrapper that imports the
 * script and reports process.resourceUsage().maxRSS on exit.
 */
function runNode(
  args: readonly string[],
  options: { rss: boolean; stdoutToNull?: boolean; tmp: string },
): ChildRun {
  const out = options.stdoutToNull ? fs.openSync('/dev/null', 'w') : 'pipe';
  const rssFile = path.join(options.tmp, 'maxrss.txt');
  let command = process.execPath;
  let argv = [...args];
  if (options.rss && HAVE_TIME) {
    command = TIME;
    argv = ['-v', process.execPath, ...args];
  } else if (options.rss) {
    const wrapper = path.join(options.tmp, 'rss-wrapper.mjs');
    fs.writeFileSync(
      wrapper,
      [
        "import fs from 'node:fs';",
        "import { pathToFileURL } from 'node:url';",
        'const [, , out, script, ...rest] = process.argv;',
        'process.argv = [process.argv[0], script, ...rest];',
        "process.on('exit', () => fs.writeFileSync(out, String(process.resourceUsage().maxRSS * 1024)));",
        'await import(pathToFileURL(script).href);',
      ].join('\n'),
    );
    argv = [wrapper, rssFile, ...args];
  }
  const start = performance.now();
  const result = spawnSync(command, argv, {
    cwd: ROOT,
    stdio: ['ignore', out, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (typeof out === 'number') fs.closeSync(out);
  if (result.status !== 0) {
    throw new Error(`node ${args.join(' ')} exited with ${result.status}: ${result.stderr.slice(-2000)}`);
  }
  const run: ChildRun = { ms, stdout: result.stdout ?? '' };
  if (options.rss && HAVE_TIME) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/u.exec(result.stderr);
    if (m?.[1]) run.rssBytes = Number(m[1]) * 1024;
  } else if (options.rss) {
    run.rssBytes = Number(fs.readFileSync(rssFile, 'utf8'));
  }
  return run;
}

// ---------------------------------------------------------------------------
// Import in-process

/**
 * Wraps every method of a store to add its time to `totals` (inclusive of nested calls). A
 * function a method returns (beginBulkImport's end) is timed too, as "method (end)".
 */
function timedStore(store: LibraryStore, totals: Map<string, number>): LibraryStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        const out = timed(totals, prop, () => (value as (...a: unknown[]) => unknown).apply(target, args));
        if (typeof out !== 'function') return out;
        return (...a: unknown[]) =>
          timed(totals, `${prop} (end)`, () => (out as (...b: unknown[]) => unknown)(...a));
      };
    },
  });
}

function timed<T>(totals: Map<string, number>, name: string, fn: () => T): T {
  const start = performance.now();
  try {
    return fn();
  } finally {
    totals.set(name, (totals.get(name) ?? 0) + performance.now() - start);
  }
}

function freshDb(tmp: string): string {
  const file = path.join(tmp, `lib-${process.hrtime.bigint()}.db`);
  return file;
}

function removeDb(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

interface ImportPhases {
  /** readListFile: stat, read, decode, parse (markdown-it and the walk over its tokens), sha256. */
  parseMs: number;
  /** A new library aside: the template copied and opened (open-database.ts, buildNewLibrary). */
  openMs: number;
  /** importLists: one transaction, commit included. */
  importMs: number;
  /** The library closed, synced and linked into place. */
  closeMs: number;
}

/** readListFile + importLists into a new library, as `lectio import` makes one (buildNewLibrary). */
function wholeImport(list: string, tmp: string, totals?: Map<string, number>): ImportPhases {
  const t0 = performance.now();
  const input = readListFile(list);
  const t1 = performance.now();
  const file = freshDb(tmp);
  let t2 = t1;
  let t3 = t1;
  const built = buildNewLibrary(file, (db) => {
    const store = new SqliteLibraryStore(db);
    t2 = performance.now();
    importLists(totals ? timedStore(store, totals) : store, [input], { now: fixedNow });
    t3 = performance.now();
  });
  const t4 = performance.now();
  if (built === null) throw new Error(`${file}: exists already`);
  removeDb(file);
  return { parseMs: t1 - t0, openMs: t2 - t1, importMs: t3 - t2, closeMs: t4 - t3 };
}

/** Whole imports, one warm-up then `runs` timed, as one series per phase and one for the whole. */
function measureImports(
  label: string,
  list: string,
  tmp: string,
  runs: number,
  warmup: boolean,
): { whole: Series; parse: Series; open: Series; store: Series } {
  if (warmup) wholeImport(list, tmp);
  const runsOf: ImportPhases[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const phases = wholeImport(list, tmp);
    runsOf.push(phases);
    log(
      `${label}, run ${i + 1}/${runs}: ${fmtMs(performance.now() - start)} (parse ${fmtMs(phases.parseMs)}, open ${fmtMs(phases.openMs)}, importLists + close ${fmtMs(phases.importMs + phases.closeMs)})`,
    );
  }
  return phaseSeries(label, runsOf);
}

function phaseSeries(
  label: string,
  runsOf: readonly ImportPhases[],
): { whole: Series; parse: Series; open: Series; store: Series } {
  const of = (f: (p: ImportPhases) => number): Sample[] => runsOf.map((p) => ({ ms: f(p) }));
  return {
    whole: series(
      label,
      of((p) => p.parseMs + p.openMs + p.importMs + p.closeMs),
    ),
    parse: series(
      'readListFile (read + parse step + sha256)',
      of((p) => p.parseMs),
    ),
    open: series(
      'a new library aside (the template copied, opened)',
      of((p) => p.openMs),
    ),
    store: series(
      'importLists + close (synced, linked into place)',
      of((p) => p.importMs + p.closeMs),
    ),
  };
}

// ---------------------------------------------------------------------------
// The benchmarks

interface ParserResult {
  bytes: number;
  entries: number;
  markdownIt: Series;
  marked: Series;
  parseStep: Series;
  whole: Series;
  parse: Series;
  open: Series;
  store: Series;
  ratio: number;
  /** markdown-it, then the entries' text into the two FTS5 tables: less than any import does. */
  floor: Series;
  /** markdown-it, then the finished library's rows copied by SQL into a new one, indexed, synced. */
  rowsFloor: Series;
  /** A node process that parses the file with markdown-it and exits: the parser alone, cold. */
  coldParser: Series;
  /** `lectio import FILE` into a new library, process start to exit: the whole import, cold. */
  coldImport: Series;
}

/**
 * The issue's own figures for markdown-it ("2-5 MB/s" on this machine) are those of a parse in
 * a fresh process (about 5 MB/s on the 1 MB list), not of a warmed-up one (20 MB/s): the
 * comparison as a user meets it is two commands, each from process start to exit. The parser's
 * process loads markdown-it from node_modules as any program would and parses the file; the
 * import's is the CLI into a new library. Rounds alternate the two.
 */
function coldProcesses(list: string, tmp: string, runs: number): { parser: Series; importer: Series } {
  const script = path.join(tmp, 'markdown-it-alone.cjs');
  fs.writeFileSync(
    script,
    [
      "const fs = require('node:fs');",
      `const MarkdownIt = require(${JSON.stringify(path.join(ROOT, 'node_modules', 'markdown-it'))});`,
      "new MarkdownIt().parse(fs.readFileSync(process.argv[2], 'utf8'), {});",
    ].join('\n'),
  );
  const parser: Sample[] = [];
  const importer: Sample[] = [];
  for (let round = -1; round < runs; round++) {
    const alone = runNode([script, list], { rss: false, tmp });
    const db = freshDb(tmp);
    const whole = runNode([BIN, '--db', db, 'import', list], { rss: false, stdoutToNull: true, tmp });
    removeDb(db);
    if (round < 0) continue;
    parser.push({ ms: alone.ms });
    importer.push({ ms: whole.ms });
  }
  fs.rmSync(script, { force: true });
  return {
    parser: series('markdown-it alone, a fresh process (node, markdown-it, the file)', parser),
    importer: series('`lectio import` into a new library, a fresh process', importer),
  };
}

/**
 * A second floor: markdown-it, then a new library built aside as `lectio import` builds one
 * (buildNewLibrary: the template copied, synced, linked), into which SQL copies every row a
 * whole import of the list wrote (`INSERT INTO t SELECT * FROM finished.t`, no JavaScript per
 * row), and whose search index is then rebuilt as an import rebuilds it. What is left of an
 * import beyond that floor is the work of the walk over markdown-it's tokens, identity and
 * merging, and the rows passed from JavaScript to SQLite.
 */
function rowsCopied(finished: string, tmp: string): () => void {
  const probe = new Database(finished, { readonly: true });
  const tables = (
    probe
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
         AND name NOT LIKE 'item_search%' AND name NOT LIKE 'sqlite%'
         AND name NOT IN ('search_positions', 'search_state', 'schema_migrations')`,
      )
      .pluck()
      .all() as string[]
  ).filter((t) => probe.prepare(`SELECT EXISTS (SELECT 1 FROM "${t}")`).pluck().get() === 1);
  probe.close();
  return () => {
    const file = freshDb(tmp);
    const built = buildNewLibrary(file, (db) => {
      db.prepare('ATTACH ? AS finished').run(finished);
      db.transaction(() => {
        const search = new SqliteSearchIndex(db);
        search.pauseIndexing();
        for (const t of tables) db.exec(`INSERT INTO main."${t}" SELECT * FROM finished."${t}"`);
        search.rebuild();
      })();
      db.exec('DETACH finished');
    });
    if (built === null) throw new Error(`${file}: exists already`);
    removeDb(file);
  };
}

/**
 * The least any import of the list can take: markdown-it on the text, then the text of its
 * entries (title, aliases, authors, topic, why and notes) into two FTS5 tables defined as the
 * library's search index is (migrations.ts), in memory, one transaction, no other row written.
 * Returns the indexing as a function to time; the database is made before, untimed.
 */
function searchIndexAlone(entries: readonly ParsedItem[]): { index: () => void; close: () => void } {
  const db = new Database(':memory:');
  const tokenizer = `tokenize = 'unicode61 remove_diacritics 2'`;
  const all = 'title, aliases, authors, topics, why, note, notes, abstract';
  db.exec(`
    CREATE VIRTUAL TABLE item_search USING fts5(${all}, content = '', contentless_delete = 1, ${tokenizer});
    CREATE VIRTUAL TABLE item_search_names USING fts5(title, aliases, authors, content = '', contentless_delete = 1, ${tokenizer});
  `);
  const allRow = db.prepare(
    `INSERT INTO item_search(rowid, ${all}) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL)`,
  );
  const nameRow = db.prepare(
    'INSERT INTO item_search_names(rowid, title, aliases, authors) VALUES (?, ?, ?, ?)',
  );
  const rows = entries.map((e, i) => [
    i + 1,
    e.title,
    e.aliases.join(' | ') || null,
    e.authors.join(', ') || null,
    e.topic.join(' | ') || null,
    e.why,
    e.notes.join(' | ') || null,
  ]);
  return {
    index: db.transaction(() => {
      db.exec("INSERT INTO item_search(item_search) VALUES ('delete-all')");
      db.exec("INSERT INTO item_search_names(item_search_names) VALUES ('delete-all')");
      for (const r of rows) {
        allRow.run(r);
        nameRow.run(r.slice(0, 4));
      }
    }),
    close: () => db.close(),
  };
}

function benchParser(tmp: string): ParserResult | null {
  if (!fs.existsSync(DAIR_LIST)) {
    log(`skipping the parser benchmark: ${DAIR_LIST} is missing (set LECTIO_TESTDATA)`);
    return null;
  }
  log(`a. parser alone vs whole import on ${path.basename(DAIR_LIST)}`);
  const raw = fs.readFileSync(DAIR_LIST);
  const text = raw.toString('utf8');
  const bytes = raw.length;
  const runs = PLAN.smallRuns;
  // Rounds interleave the four measures so that the machine's drifting load falls on all
  // of them alike; two untimed rounds warm the JIT first.
  const mdSamples: Sample[] = [];
  const markedSamples: Sample[] = [];
  const parseSamples: Sample[] = [];
  const floorSamples: Sample[] = [];
  const importRuns: ImportPhases[] = [];
  const rowsFloorSamples: Sample[] = [];
  const searchIndex = searchIndexAlone(readListFile(DAIR_LIST).parsed.items);
  const finished = path.join(tmp, 'dair-ai-finished.sqlite');
  removeDb(finished);
  buildNewLibrary(
    finished,
    (db) => void importLists(new SqliteLibraryStore(db), [readListFile(DAIR_LIST)], { now: fixedNow }),
  );
  const copyRows = rowsCopied(finished, tmp);
  const time = (fn: () => void): number => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  };
  for (let round = -2; round < runs; round++) {
    const mdMs = time(() => void md.parse(text, {}));
    const markedMs = time(() => void Lexer.lex(text));
    const parseMs = time(() => void parseStep(raw));
    const phases = wholeImport(DAIR_LIST, tmp);
    const floorMs = time(() => {
      md.parse(text, {});
      searchIndex.index();
    });
    const rowsFloorMs = time(() => {
      md.parse(text, {});
      copyRows();
    });
    if (round < 0) continue;
    floorSamples.push({ ms: floorMs });
    rowsFloorSamples.push({ ms: rowsFloorMs });
    mdSamples.push({ ms: mdMs });
    markedSamples.push({ ms: markedMs });
    parseSamples.push({ ms: parseMs });
    importRuns.push(phases);
    log(
      `round ${round + 1}/${runs}: markdown-it ${fmtMs(mdMs)}, marked ${fmtMs(markedMs)}, parse step ${fmtMs(parseMs)}, whole import ${fmtMs(phases.parseMs + phases.openMs + phases.importMs + phases.closeMs)}`,
    );
  }
  const markdownIt = series('markdown-it parse', mdSamples);
  const markedLexer = series('marked lexer', markedSamples);
  const parse = series(PARSE_STEP_LABEL, parseSamples);
  const imports = phaseSeries('whole import', importRuns);
  searchIndex.close();
  removeDb(finished);
  const entries = readListFile(DAIR_LIST).parsed.items.length;
  const cold = coldProcesses(DAIR_LIST, tmp, runs);
  return {
    bytes,
    entries,
    markdownIt,
    marked: markedLexer,
    parseStep: parse,
    ...imports,
    ratio: imports.whole.medianMs / markdownIt.medianMs,
    floor: series('markdown-it + the search index alone', floorSamples),
    rowsFloor: series("markdown-it + the library's rows copied by SQL", rowsFloorSamples),
    coldParser: cold.parser,
    coldImport: cold.importer,
  };
}

interface BigImportResult {
  items: number;
  bytes: number;
  summary: string;
  child: Series;
  markdownIt: Series;
  parseStep: Series;
  whole: Series;
  parse: Series;
  open: Series;
  store: Series;
  storeMethods: Array<[string, number]>;
}

function benchBigImport(tmp: string): BigImportResult {
  const n = PLAN.bigItems;
  log(`b. whole import of a generated ${n}-item list`);
  const list = path.join(tmp, `generated-${n}.md`);
  const text = generateList(n);
  fs.writeFileSync(list, text);
  const bytes = Buffer.byteLength(text);
  log(`generated ${list}: ${fmtMb(bytes)}`);

  const childSamples: ChildRun[] = [];
  for (let i = 0; i < PLAN.bigRuns; i++) {
    const db = freshDb(tmp);
    const run = runNode([BIN, '--db', db, 'import', list], { rss: true, tmp });
    removeDb(db);
    childSamples.push(run);
    log(
      `lectio import, run ${i + 1}/${PLAN.bigRuns}: ${fmtMs(run.ms)}, ${fmtMb(run.rssBytes ?? 0)} peak RSS`,
    );
  }
  const summary = /^\d+ added.*$/mu.exec(childSamples[0]?.stdout ?? '')?.[0] ?? '';
  const child = series('lectio import (child process)', childSamples);

  // The parse step first, after one untimed run: measured after markdown-it on the whole
  // text (about a gigabyte of tokens left for the collector), its first runs took ~40% longer.
  const raw = Buffer.from(text);
  const parse = measure(`${PARSE_STEP_LABEL}, in-process`, PLAN.bigRuns, () => void parseStep(raw));
  const markdownIt = measure(
    'markdown-it parse (in-process)',
    PLAN.bigRuns,
    () => void md.parse(text, {}),
    false,
  );
  const imports = measureImports('in-process import', list, tmp, PLAN.bigRuns, false);
  // One more run with every store call timed, to say where the store time goes.
  const totals = new Map<string, number>();
  wholeImport(list, tmp, totals);
  fs.rmSync(list, { force: true });
  return {
    items: n,
    bytes,
    summary,
    child,
    markdownIt,
    parseStep: parse,
    ...imports,
    storeMethods: [...totals.entries()].sort((a, b) => b[1] - a[1]),
  };
}

interface ListResult {
  items: number;
  libraryItems: string;
  list: Series;
  nodeStart: Series;
  cliStart: Series;
  query: Series;
  json: Series;
  outputBytes: number;
}

function benchListJson(tmp: string): ListResult {
  const n = PLAN.listItems;
  log(`c. lectio list --json on a ${n}-item library`);
  const list = path.join(tmp, `generated-${n}.md`);
  fs.writeFileSync(list, generateList(n));
  const db = path.join(tmp, 'list-bench.db');
  const imported = runNode([BIN, '--db', db, 'import', list], { rss: false, tmp });
  const libraryItems = /holds (\d+) items/u.exec(imported.stdout)?.[1] ?? '?';
  const runs = PLAN.listRuns;

  const child = (label: string, args: string[]): Series => {
    runNode(args, { rss: false, stdoutToNull: true, tmp }); // warm the page cache
    const samples: Sample[] = [];
    for (let i = 0; i < runs; i++) samples.push(runNode(args, { rss: false, stdoutToNull: true, tmp }));
    const s = series(label, samples);
    log(`${label}: median ${fmtMs(s.medianMs)} of ${runs}`);
    return s;
  };
  const listSeries = child('lectio list --json', [BIN, '--db', db, 'list', '--json']);
  const nodeStart = child("node -e ''", ['-e', '']);
  const cliStart = child('lectio --version', [BIN, '--version']);

  // In-process: what the command does (item-listing.ts), and the general path it replaced
  // (listItems + itemJson + JSON.stringify) for comparison.
  let outputBytes = 0;
  const query = measure('open + listItemsJson + close (in-process)', runs, () => {
    const database = openDatabase(db);
    outputBytes = Buffer.byteLength(`${listItemsJson(database, {})}\n`);
    database.close();
  });
  const json = measure('open + listItems + itemJson + JSON.stringify (in-process)', runs, () => {
    const store = new SqliteLibraryStore(openDatabase(db));
    JSON.stringify(store.listItems({}).map(itemJson));
    store.close();
  });
  removeDb(db);
  fs.rmSync(list, { force: true });
  return { items: n, libraryItems, list: listSeries, nodeStart, cliStart, query, json, outputBytes };
}

// ---------------------------------------------------------------------------
// Report

function sh(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8', cwd: ROOT });
  return r.status === 0 ? r.stdout.trim() : '';
}

function machine(): Array<[string, string]> {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const cpu = /^model name\s*:\s*(.*)$/mu.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const memLine = sh('free', ['-h'])
    .split('\n')
    .find((l) => l.startsWith('Mem:'));
  const mem = memLine ? (memLine.split(/\s+/u)[1] ?? '') : `${(os.totalmem() / 2 ** 30).toFixed(0)}Gi`;
  const memory = new Database(':memory:');
  const sqlite = (memory.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  memory.close();
  const version = (pkg: string): string => {
    try {
      const file = path.join(ROOT, 'node_modules', pkg, 'package.json');
      return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  const commit = sh('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = sh('git', ['status', '--porcelain', '--', 'src', 'bin']) !== '';
  return [
    ['CPU', `${cpu} (nproc ${sh('nproc', []) || os.availableParallelism()})`],
    ['memory', `${mem} (free -h)`],
    ['node', process.version],
    [
      'libraries',
      `better-sqlite3 ${version('better-sqlite3')} (SQLite ${sqlite}), markdown-it ${version('markdown-it')}, marked ${version('marked')}`,
    ],
    ['code', commit ? `${commit}${dirty ? ' with uncommitted changes in src/' : ''}` : 'unknown'],
  ];
}

/** One paragraph of markdown from sentence fragments, wrapped at 92 columns, then a blank line. */
function para(...parts: string[]): string[] {
  const words = parts
    .join(' ')
    .split(/\s+/u)
    .filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line.length > 0 && line.length + 1 + word.length > 92) {
      lines.push(line);
      line = word;
    } else {
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  if (line.length > 0) lines.push(line);
  return [...lines, ''];
}

function pct(part: number, whole: number): string {
  return `${((100 * part) / whole).toFixed(0)}%`;
}

function rateOf(p: ParserResult, s: Series): string {
  return `${(p.bytes / 1e6 / (s.medianMs / 1000)).toFixed(1)} MB/s`;
}

function parserNote(p: ParserResult): string[] {
  const budget = 0.5 * p.markdownIt.medianMs;
  const rest = p.whole.medianMs - p.markdownIt.medianMs;
  const readAndHash = p.parse.medianMs - p.parseStep.medianMs;
  return para(
    `What dominates: the parse step (decoding, markdown-it chunk by chunk, the walk over its tokens,`,
    `the orphan-URL sweep) is ${pct(p.parseStep.medianMs, p.whole.medianMs)} of the whole import,`,
    `${(p.parseStep.medianMs / p.markdownIt.medianMs).toFixed(2)} × bare markdown-it on the whole text;`,
    `reading and hashing the file (readListFile − parse step) ${pct(Math.max(0, readAndHash), p.whole.medianMs)};`,
    `the new library, a copy of the template made aside, ${pct(p.open.medianMs, p.whole.medianMs)};`,
    `importLists, then closing, syncing and linking the library into place, ${pct(p.store.medianMs, p.whole.medianMs)}.`,
    `Everything after markdown-it takes ${fmtMs(rest)} against a budget of ${fmtMs(budget)} (0.5 × markdown-it).`,
    `A floor for any import that keeps the library searchable: markdown-it on the text, then`,
    `only the entries' text (title, aliases, authors, topic, why, notes) into two FTS5 tables`,
    `defined as the library's search index is, in memory, with no other row written, takes`,
    `${fmtMs(p.floor.medianMs)}, ${(p.floor.medianMs / p.markdownIt.medianMs).toFixed(2)} × markdown-it: the search index alone costs`,
    `${fmtMs(Math.max(0, p.floor.medianMs - p.markdownIt.medianMs))} of the ${fmtMs(budget)} budget. A second floor: markdown-it, then a new library`,
    `built aside as \`lectio import\` builds one, into which SQL copies every row a whole import`,
    `wrote (\`INSERT INTO t SELECT * FROM finished.t\`: no walk over tokens, no identity or`,
    `merging, no row passed from JavaScript), its search index rebuilt as an import rebuilds it,`,
    `then synced and linked: ${fmtMs(p.rowsFloor.medianMs)}, ${(p.rowsFloor.medianMs / p.markdownIt.medianMs).toFixed(2)} × markdown-it. Beyond that floor the`,
    `import spends ${fmtMs(Math.max(0, p.whole.medianMs - p.rowsFloor.medianMs))}: the walk over markdown-it's tokens, identity and merging, and`,
    `the rows passed from JavaScript to SQLite.`,
    `As two commands, each from process start to exit (the way the issue's own figure for`,
    `markdown-it, 2-5 MB/s, was measured: a fresh process parses at ${rateOf(p, p.coldParser)}, a warm one at`,
    `${rateOf(p, p.markdownIt)}), the import takes ${fmtMs(p.coldImport.medianMs)} against markdown-it's ${fmtMs(p.coldParser.medianMs)}:`,
    `${(p.coldImport.medianMs / p.coldParser.medianMs).toFixed(2)} ×.`,
  );
}

function bigNote(b: BigImportResult): string[] {
  const inProcess = b.whole.medianMs;
  const direct = b.storeMethods.filter(([name]) => name !== 'transaction');
  const inStore = direct.reduce((n, [, ms]) => n + ms, 0);
  const tx = b.storeMethods.find(([name]) => name === 'transaction')?.[1] ?? 0;
  const top = direct
    .slice(0, 3)
    .map(([name, ms]) => `\`${name}\` ${fmtMs(ms)}`)
    .join(', ');
  return para(
    `What dominates: in-process, readListFile is ${pct(b.parse.medianMs, inProcess)} of the import`,
    `(the parse step alone ${fmtMs(b.parseStep.medianMs)}, ${(b.parseStep.medianMs / b.markdownIt.medianMs).toFixed(2)} × bare markdown-it on the whole text)`,
    `and importLists + close ${pct(b.store.medianMs, inProcess)}. Inside importLists, SQLite calls through the store take`,
    `${fmtMs(inStore)} (most: ${top}; a method that reads the key tables first writes the rows`,
    'a bulk import keeps waiting, so `findItemsByKeys` holds most of the writes) and the core between them',
    `(identity and title keys, aggregation) ${fmtMs(Math.max(0, tx - inStore))}.`,
    b.child.medianMs >= inProcess
      ? `The child process takes ${fmtMs(b.child.medianMs - inProcess)} more than the in-process import: process start, module loading, a cold JIT, progress output and the report.`
      : `The child process took ${fmtMs(inProcess - b.child.medianMs)} less than the in-process import, which runs after the other measures in one process (a larger heap to collect).`,
  );
}

function listNote(l: ListResult): string[] {
  const load = Math.max(0, l.cliStart.medianMs - l.nodeStart.medianMs);
  const rest = l.list.medianMs - l.cliStart.medianMs - l.query.medianMs;
  return para(
    `What dominates: bare node start ${fmtMs(l.nodeStart.medianMs)}, loading the CLI's modules ${fmtMs(load)}`,
    `(lectio --version − node; it loads every command), reading the library straight to its JSON text`,
    `${fmtMs(l.query.medianMs)} warm in-process (the path through listItems and itemJson it replaced:`,
    `${fmtMs(l.json.medianMs)}); the remaining ${fmtMs(Math.max(0, rest))} is the same work in a cold process (an`,
    `unoptimised JIT, a growing heap) and writing ${fmtMb(l.outputBytes)} to stdout.`,
  );
}

function passFail(ok: boolean): string {
  return ok ? '**pass**' : '**FAIL**';
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function seriesRow(s: Series, goal: string, verdict: string): string {
  return row([
    s.label,
    fmtMs(s.medianMs),
    `${fmtMs(s.minMs)}–${fmtMs(s.maxMs)}`,
    String(s.runs),
    goal,
    verdict,
  ]);
}

const HEADER = [
  row(['measure', 'median', 'range', 'runs', 'goal', 'result']),
  row(['---', '--:', '--:', '--:', '---', '---']),
];

/** What a run measured: only the sections it was asked for (--only). */
interface Results {
  parser?: ParserResult | null;
  big?: BigImportResult;
  list?: ListResult;
  reader?: ReaderBenchResult;
  search?: SearchBenchResult;
  inbox?: InboxBenchResult;
  matching?: {
    result: MatchingResult;
    bib: { entries: number; items: number; medianMs: number };
    runs: number;
  };
  export?: ExportBenchResult;
  web?: WebBenchResult;
}

function renderHeader(when: Date, loadAtStart: number): string[] {
  return [
    '# Benchmarks',
    '',
    ...para(
      'Generated by `npm run bench` (bench/run.ts); re-running it rewrites this file, and',
      '`--only a,c` rewrites those sections only, each saying when it was measured. Every',
      'figure is the median of the stated number of runs. In-process measures of the 1 MB list',
      'follow two warm-up rounds (the CLI itself runs cold, once); the 100k-item import is long',
      'enough to warm itself. The machine is 2 shared cores and was busy with other work (see',
      'the load average), so trust ratios more than absolute times. Generated lists come from',
      'bench/generate-list.ts (seeded: every run reads the same text).',
    ),
    `Measured ${when.toISOString().replace('T', ' ').slice(0, 16)} UTC.`,
    '',
    '| machine | |',
    '|---|---|',
    ...machine().map(([k, v]) => row([k, v])),
    row([
      'load average (1 min)',
      `${loadAtStart.toFixed(2)} at the start, ${(os.loadavg()[0] ?? 0).toFixed(2)} at the end`,
    ]),
    '',
  ];
}

function renderParser(p: ParserResult | null | undefined): string[] {
  const out: string[] = [];
  if (p) {
    const ratioOf = (s: Series): string => `${(s.medianMs / p.markdownIt.medianMs).toFixed(2)}×`;
    const mbps = (s: Series): string => rateOf(p, s);
    out.push(
      '## a. Parser alone vs whole import (ml-papers-of-the-week_dair-ai.md)',
      '',
      ...para(
        `${fmtMb(p.bytes)}, ${p.entries} entries, in-process; each round times markdown-it and marked`,
        'on the whole text, the parse step alone (the bytes already read, as `readListFile` decodes',
        'and parses them) and a whole import = `readListFile` + `importLists` into a new library,',
        'built aside and linked into place as `lectio import` makes one (`buildNewLibrary`).',
        'markdown-it, the parse step and `readListFile` run as the',
        'CLI bundles them (dist/bundle/parse-step.cjs: markdown-it with its class fields assigned',
        'plainly, scripts/build.mjs).',
      ),
      ...HEADER,
      seriesRow(p.markdownIt, '', mbps(p.markdownIt)),
      seriesRow(p.marked, '(for the record)', mbps(p.marked)),
      seriesRow(p.parseStep, '', mbps(p.parseStep)),
      seriesRow(p.parse, '', mbps(p.parse)),
      seriesRow(p.open, '', ''),
      seriesRow(p.store, '', ''),
      seriesRow(p.whole, '≤ 1.5 × markdown-it', mbps(p.whole)),
      row([
        'ratio whole import / markdown-it',
        `${p.ratio.toFixed(2)}×`,
        '',
        '',
        '≤ 1.5×',
        passFail(p.ratio <= 1.5),
      ]),
      seriesRow(p.floor, '(a floor: see below)', ''),
      row(['ratio of that floor / markdown-it', ratioOf(p.floor), '', '', '', '']),
      seriesRow(p.rowsFloor, '(a floor: see below)', ''),
      row(['ratio of that floor / markdown-it', ratioOf(p.rowsFloor), '', '', '', '']),
      seriesRow(p.coldParser, '', mbps(p.coldParser)),
      seriesRow(p.coldImport, '', mbps(p.coldImport)),
      row([
        'ratio of the two processes',
        `${(p.coldImport.medianMs / p.coldParser.medianMs).toFixed(2)}×`,
        '',
        '',
        '(≤ 1.5×, read this way)',
        passFail(p.coldImport.medianMs <= 1.5 * p.coldParser.medianMs),
      ]),
      '',
      ...parserNote(p),
    );
  }
  return out;
}

function renderBig(b: BigImportResult): string[] {
  const out: string[] = [];
  const rss = b.child.medianRssBytes;
  out.push(
    `## b. Whole import of a generated ${b.items.toLocaleString('en')}-item list`,
    '',
    ...para(
      `${fmtMb(b.bytes)} of markdown. ${b.summary ? `The import reports: "${b.summary}".` : ''}`,
      `The child process is \`node bin/lectio.js --db FILE import LIST\` into a fresh library,`,
      `timed from spawn to exit; peak RSS from ${HAVE_TIME ? '`/usr/bin/time -v`' : '`process.resourceUsage().maxRSS`'}.`,
      'The in-process rows split the same import into its phases (markdown-it, the parse step and',
      '`readListFile` as the CLI bundles them, as in a).',
    ),
    ...HEADER,
    seriesRow(b.child, '< 10 s', passFail(b.child.medianMs < 10_000)),
    row([
      'peak RSS of that process',
      rss === null ? '?' : fmtMb(rss),
      '',
      String(b.child.runs),
      '< 1 GB',
      rss === null ? '?' : passFail(rss < 1e9),
    ]),
    seriesRow(b.markdownIt, '', 'for reference'),
    seriesRow(b.parseStep, '', `${(b.bytes / 1e6 / (b.parseStep.medianMs / 1000)).toFixed(1)} MB/s`),
    seriesRow(b.whole, '', ''),
    seriesRow(b.parse, '', ''),
    seriesRow(b.open, '', ''),
    seriesRow(b.store, '', ''),
    '',
    ...para(
      'Where the store time goes (one extra in-process run with every `LibraryStore` call',
      'timed; inclusive, so `transaction` is the whole of `importLists` and the remainder is',
      'the core: identity keys, title keys, aggregation):',
    ),
    row(['LibraryStore method', 'ms']),
    row(['---', '--:']),
    ...b.storeMethods.slice(0, 12).map(([name, ms]) => row([`\`${name}\``, ms.toFixed(0)])),
    '',
    ...bigNote(b),
  );
  return out;
}

function renderList(l: ListResult): string[] {
  const out: string[] = [];
  out.push(
    `## c. \`lectio list --json\` on a ${l.items.toLocaleString('en')}-item list`,
    '',
    ...para(
      `The library holds ${l.libraryItems} items after merging; the command writes ${fmtMb(l.outputBytes)} of JSON`,
      'to /dev/null. Child processes, timed from spawn to exit (process start included), after',
      'one untimed run; the in-process rows split the command into its halves.',
    ),
    ...HEADER,
    seriesRow(l.list, '< 300 ms', passFail(l.list.medianMs < 300)),
    seriesRow(l.nodeStart, '', 'bare node start, for reference'),
    seriesRow(l.cliStart, '', 'CLI module loading, no library'),
    seriesRow(l.query, '', 'in-process'),
    seriesRow(l.json, '', 'in-process'),
    '',
    ...listNote(l),
    '',
  );
  return out;
}

function renderReader(q: ReaderBenchResult): string[] {
  const ms = (v: number) => fmtMs(v);
  const out: string[] = [];
  out.push(
    `## d. The reader's commands on a ${q.items.toLocaleString('en')}-item library (bench/reader-bench.ts)`,
    '',
    ...para(
      'The generated list imported, three topics prioritised and a 5-a-week plan over one topic.',
      `Child processes, process start included, median of ${q.runs}; \`mark\` alternates reading/to-read.`,
    ),
    row(['measure', 'median', 'goal', 'result']),
    row(['---', '--:', '---', '---']),
    row(['`lectio next`', ms(q.nextCliMs), '< 200 ms', passFail(q.nextCliMs < 200)]),
    row(['`lectio mark`', ms(q.markCliMs), '< 150 ms', passFail(q.markCliMs < 150)]),
    row(['the queue in-process (readingQueue, top 10)', ms(q.queueInProcessMs), '', '']),
    row(['bare `node -e 0`', ms(q.bareNodeMs), '', 'for reference']),
    row([
      `\`lectio duplicates\` (median of ${q.duplicatesRuns})`,
      ms(q.duplicatesCliMs),
      '',
      'for the record: a pass over every item',
    ]),
    '',
  );
  return out;
}

function renderSearch(f: SearchBenchResult): string[] {
  const ms = (v: number) => fmtMs(v);
  const out: string[] = [];
  out.push(
    `## e. Search on a ${f.items.toLocaleString('en')}-item library with abstracts (bench/search-bench.ts)`,
    '',
    ...para(
      `${f.queries.toLocaleString('en')} mixed queries in-process (parse + search + snippets, limit 20);`,
      `the CLI rows are child processes, process start included, median of ${f.runs}. A one-word query`,
      'in a tenth of the library lists its hits beyond the names tier newest first, unranked, and the',
      'word being typed is a prefix from its third letter (docs/ARCHITECTURE.md, Search).',
    ),
    row(['measure', 'value', 'goal', 'result']),
    row(['---', '--:', '---', '---']),
    row(['p50 in-process', ms(f.p50Ms), '', '']),
    row(['p99 in-process', ms(f.p99Ms), '< 10 ms', passFail(f.p99Ms < 10)]),
    row([
      'p50 / p99 in CPU time',
      `${ms(f.cpuP50Ms)} / ${ms(f.cpuP99Ms)}`,
      '',
      'less disturbed by other work',
    ]),
    row([
      'queries of 10 ms or more (CPU time)',
      String(f.cpuOver10Ms),
      '',
      `of ${f.queries.toLocaleString('en')}`,
    ]),
    row(['`lectio search`', ms(f.cliMs), '< 150 ms', passFail(f.cliMs < 150)]),
    row(['bare `node -e 0`', ms(f.bareNodeMs), '', 'for reference']),
    row(['import (index paused, then one rebuild, as a large import does)', ms(f.importMs), '', '']),
    row(['rebuild of the index with abstracts', ms(f.rebuildMs), '', '']),
    '',
    row(['query class', 'p50', 'p99']),
    row(['---', '--:', '--:']),
    ...Object.entries(f.byClass).map(([name, c]) => row([name, ms(c.p50Ms), ms(c.p99Ms)])),
    '',
  );
  return out;
}

function renderInbox(ib: InboxBenchResult): string[] {
  return [
    `## f. Inbox ranking: ${ib.entries.toLocaleString('en')} new entries against a ${ib.items.toLocaleString('en')}-item library with abstracts (bench/inbox-bench.ts)`,
    '',
    ...para(
      'In-process, as `lectio feed fetch` does after landing: read the library, build the topic profiles,',
      `score every entry, write the scores (src/core/inbox-rank.ts); median of ${ib.runs - 1} after the first.`,
      'The first ranking reads every item and keeps what it read (migration 9); the later ones read',
      "only items whose text changed, as every fetch does once the library's terms are kept.",
    ),
    row(['measure', 'value', 'goal', 'result']),
    row(['---', '--:', '---', '---']),
    row(['ranking (rerankInbox)', fmtMs(ib.rankMs), '< 1 s', passFail(ib.rankMs < 1000)]),
    row(['first ranking, every item read and kept', fmtMs(ib.firstRankMs), '', '']),
    row(['landing the entries (dedupe, one item each), once', fmtMs(ib.landMs), '', '']),
    '',
  ];
}

/**
 * The sections of BENCHMARKS.md, by the letter of their heading (`## c. ...`). A new
 * benchmark is one more entry: how to run it and how to write it down.
 */
const SECTIONS: Array<{
  id: string;
  run: (tmp: string, r: Results) => void | Promise<void>;
  render: (r: Results) => string[];
}> = [
  { id: 'a', run: (tmp, r) => (r.parser = benchParser(tmp)), render: (r) => renderParser(r.parser) },
  { id: 'b', run: (tmp, r) => (r.big = benchBigImport(tmp)), render: (r) => (r.big ? renderBig(r.big) : []) },
  {
    id: 'c',
    run: (tmp, r) => (r.list = benchListJson(tmp)),
    render: (r) => (r.list ? renderList(r.list) : []),
  },
  {
    id: 'd',
    run: (tmp, r) => (r.reader = benchReader(tmp, QUICK ? 20_000 : 100_000, QUICK ? 3 : 9, log)),
    render: (r) => (r.reader ? renderReader(r.reader) : []),
  },
  {
    id: 'e',
    run: (tmp, r) => (r.search = benchSearch(tmp, QUICK ? 20_000 : 100_000, QUICK ? 3 : 9, log)),
    render: (r) => (r.search ? renderSearch(r.search) : []),
  },
  {
    id: 'f',
    run: (tmp, r) =>
      (r.inbox = benchInbox(tmp, QUICK ? 2_000 : 10_000, QUICK ? 500 : 2_000, QUICK ? 3 : 9, log)),
    render: (r) => (r.inbox ? renderInbox(r.inbox) : []),
  },
  {
    id: 'g',
    run: (tmp, r) => {
      const runs = QUICK ? 3 : 9;
      log('matching: DBLP-ACM and the Zotero BibTeX export');
      r.matching = { result: benchMatching(tmp), bib: benchBibImport(tmp, runs), runs };
    },
    render: (r) => (r.matching ? matchingReport(r.matching.result, r.matching.bib, r.matching.runs) : []),
  },
  {
    id: 'h',
    run: (tmp, r) => (r.export = benchExport(tmp, QUICK ? 20_000 : 100_000, QUICK ? 3 : 5, log)),
    render: (r) => (r.export ? renderExport(r.export) : []),
  },
  {
    id: 'i',
    run: async (tmp, r) => {
      r.web = await benchWeb(tmp, WEB_PLAN, log);
    },
    render: (r) => (r.web ? renderWebSection(r.web, passFail) : []),
  },
];

/** The sections a run asks for: `--only a,c` or all of them. */
function chosenSections(): Set<string> {
  const i = process.argv.indexOf('--only');
  const ids = i >= 0 ? (process.argv[i + 1] ?? '').split(',').filter(Boolean) : SECTIONS.map((x) => x.id);
  for (const id of ids) if (!SECTIONS.some((x) => x.id === id)) throw new Error(`no bench section ${id}`);
  return new Set(ids);
}

/**
 * The report: the whole file on a full run; on a partial one, the existing file with only
 * the measured sections replaced, each marked with when it was measured.
 */
function render(
  r: Results,
  chosen: Set<string>,
  when: Date,
  loadAtStart: number,
  previous: string | null,
): string {
  const stamp = `Measured ${when.toISOString().replace('T', ' ').slice(0, 16)} UTC (load average ${loadAtStart.toFixed(2)} at the start, ${(os.loadavg()[0] ?? 0).toFixed(2)} at the end; code ${sh('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']) || '?'}).`;
  const rendered = new Map<string, string[]>();
  for (const section of SECTIONS) {
    if (!chosen.has(section.id)) continue;
    const lines = section.render(r);
    if (lines.length === 0) continue;
    // The heading first, then when it was measured.
    rendered.set(section.id, [lines[0] ?? '', '', stamp, ...lines.slice(1)]);
  }
  const all = chosen.size === SECTIONS.length;
  if (all || previous === null) {
    return `${[...renderHeader(when, loadAtStart), ...[...rendered.values()].flat()].join('\n')}\n`;
  }
  // Split the previous file at its section headings and put the new sections in place.
  const parts = previous.split(/^(?=## [a-z]\. )/mu);
  const head = parts[0] ?? '';
  const sections = new Map<string, string>();
  for (const part of parts.slice(1)) sections.set(part.slice(3, 4), part);
  for (const [id, lines] of rendered) sections.set(id, `${lines.join('\n')}\n`);
  const ordered = [...sections.entries()].sort(([x], [y]) => x.localeCompare(y)).map(([, text]) => text);
  return [head, ...ordered].join('').replace(/\n*$/u, '\n');
}

const WEB_PLAN = QUICK
  ? { renderItems: 10_000, searchItems: 20_000, runs: 3, typedTitles: 40 }
  : { renderItems: 10_000, searchItems: 100_000, runs: 9, typedTitles: 200 };

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-bench-'));
  try {
    const modules = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
    if (!fs.existsSync(modules)) {
      throw new Error('dist/ is missing: run "npm run bench", which builds first');
    }
    // bin/lectio.js runs the bundle only when it is as new as dist/src (else the slower
    // compiled modules): a bare tsc after the build would have the CLI rows time those.
    const bundle = path.join(ROOT, 'dist', 'bundle', 'cli', 'main.cjs');
    if (!fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < fs.statSync(modules).mtimeMs) {
      throw new Error(
        'dist/src is newer than the CLI bundle: run "npm run build" (or "npm run bench") first',
      );
    }
    const chosen = chosenSections();
    const loadAtStart = os.loadavg()[0] ?? 0;
    log(
      `${QUICK ? 'quick run' : 'full run'} of ${[...chosen].join(', ')}; temp dir ${tmp}; load average ${loadAtStart.toFixed(2)}`,
    );
    const results: Results = {};
    for (const section of SECTIONS) if (chosen.has(section.id)) await section.run(tmp, results);
    const file = path.join(ROOT, 'BENCHMARKS.md');
    const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    const report = render(results, chosen, new Date(), loadAtStart, previous);
    process.stdout.write(report);
    if (!QUICK) {
      fs.writeFileSync(file, report);
      log('wrote BENCHMARKS.md');
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
