// The reader's commands at the scale of a life's reading (issue 3): `lectio next` and
// `lectio mark` on a 100k-item library, process start included, and the queue in-process;
// and `lectio duplicates`, a pass over the whole library, for the record.
//
//   node dist/bench/reader-bench.js [--quick]     prints medians; run.ts records them
//
// The library is built once from the generated 100k list (bench/generate-list.ts), with
// its topics prioritised and a plan, so that every factor of the ranking is in play.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importLists } from '../src/core/import-lists.js';
import { createPlan } from '../src/core/plan-service.js';
import { DEFAULT_QUEUE_WEIGHTS } from '../src/core/rank-queue.js';
import { readingQueue } from '../src/core/reading-queue.js';
import { prioritizeTopics } from '../src/core/topic-service.js';
import { readListFile } from '../src/formats/read-list-file.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { generateList } from './generate-list.js';
import { median, timeChild } from './measure.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'lectio.js');
const NOW = '2026-11-25T10:00:00Z';
const CHILD_ENV = { LECTIO_NOW: NOW, LECTIO_CONFIG: '/nonexistent/lectio.json' };

export interface ReaderBenchResult {
  items: number;
  runs: number;
  nextCliMs: number;
  markCliMs: number;
  queueInProcessMs: number;
  bareNodeMs: number;
  /** `lectio duplicates`, median of `duplicatesRuns` (each takes seconds). */
  duplicatesCliMs: number;
  duplicatesRuns: number;
}

export function buildReaderLibrary(tmp: string, items: number): string {
  const list = path.join(tmp, `reader-${items}.md`);
  fs.writeFileSync(list, generateList(items));
  const db = path.join(tmp, `reader-${items}.sqlite`);
  const store = new SqliteLibraryStore(openDatabase(db));
  try {
    importLists(store, [readListFile(list)], { now: () => new Date('2026-01-01T00:00:00Z') });
    const topics = store.topics().map((t) => t.path);
    prioritizeTopics(store, topics.slice(-3).reverse());
    createPlan(
      store,
      { name: 'bench', perWeek: 5, topic: topics[topics.length - 1] ?? '' },
      new Date(NOW),
      DEFAULT_QUEUE_WEIGHTS,
    );
  } finally {
    store.close();
  }
  return db;
}

export function benchReader(
  tmp: string,
  items: number,
  runs: number,
  log: (m: string) => void,
): ReaderBenchResult {
  log(`reader: building a ${items}-item library`);
  const db = buildReaderLibrary(tmp, items);
  const store = new SqliteLibraryStore(openDatabase(db));
  const inProcess: number[] = [];
  let firstId = 0;
  try {
    const request = { now: new Date(NOW), weights: DEFAULT_QUEUE_WEIGHTS, limit: 10 };
    readingQueue(store, request);
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      firstId = readingQueue(store, request)[0]?.id ?? 1;
      inProcess.push(performance.now() - start);
    }
  } finally {
    store.close();
  }
  const bare = [];
  const next = [];
  const mark = [];
  timeChild([BIN, '--db', db, 'next'], CHILD_ENV);
  for (let i = 0; i < runs; i++) {
    bare.push(timeChild(['-e', '0']));
    next.push(timeChild([BIN, '--db', db, 'next'], CHILD_ENV));
    mark.push(
      timeChild([BIN, '--db', db, 'mark', String(firstId), i % 2 === 0 ? 'reading' : 'to-read'], CHILD_ENV),
    );
  }
  const duplicatesRuns = Math.min(runs, 3);
  const duplicates = Array.from({ length: duplicatesRuns }, () =>
    timeChild([BIN, '--db', db, 'duplicates'], CHILD_ENV),
  );
  const result = {
    items,
    runs,
    duplicatesCliMs: median(duplicates),
    duplicatesRuns,
    nextCliMs: median(next),
    markCliMs: median(mark),
    queueInProcessMs: median(inProcess),
    bareNodeMs: median(bare),
  };
  log(
    `reader: next ${result.nextCliMs.toFixed(0)} ms, mark ${result.markCliMs.toFixed(0)} ms, queue in-process ${result.queueInProcessMs.toFixed(1)} ms, bare node ${result.bareNodeMs.toFixed(0)} ms, duplicates ${result.duplicatesCliMs.toFixed(0)} ms`,
  );
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-reader-bench-'));
  try {
    const result = benchReader(tmp, quick ? 20_000 : 100_000, quick ? 3 : 9, (m) =>
      process.stderr.write(`bench: ${m}\n`),
    );
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
