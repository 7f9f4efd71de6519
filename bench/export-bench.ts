// Export at the scale of a life's reading (issue 6): `lectio export --format md` and
// `--format bibtex` on a 100k-item library, process start included, and the read and the
// writing in-process.
//
//   node dist/bench/export-bench.js [--quick]     prints medians; run.ts records them

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importLists } from '../src/core/import-lists.js';
import type { ExportPurpose } from '../src/core/library-export.js';
import { bibtexWriter } from '../src/formats/export/bibtex-export.js';
import type { ItemWriter } from '../src/formats/export/item-writer.js';
import { markdownWriter } from '../src/formats/export/markdown-export.js';
import { readListFile } from '../src/formats/read-list-file.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { generateList } from './generate-list.js';
import { median, timeChild } from './measure.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'lectio.js');

export interface ExportBenchResult {
  items: number;
  runs: number;
  mdCliMs: number;
  bibtexCliMs: number;
  /** user + system CPU of the same child processes (GC threads included); null without /usr/bin/time. */
  mdCliCpuMs: number | null;
  bibtexCliCpuMs: number | null;
  readInProcessMs: number;
  mdInProcessMs: number;
  bibtexInProcessMs: number;
  mdBytes: number;
  bibtexBytes: number;
  /** The library was built by an earlier run (same list, same import code). */
  reused: boolean;
}

export function benchExport(
  tmp: string,
  items: number,
  runs: number,
  log: (m: string) => void,
): ExportBenchResult {
  const { db, reused } = library(tmp, items, log);
  const store = new SqliteLibraryStore(openDatabase(db));
  const inProcess = { read: [] as number[], md: [] as number[], bibtex: [] as number[] };
  let mdBytes = 0;
  let bibtexBytes = 0;
  try {
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      store.eachExportItem({}, 'list', () => undefined);
      inProcess.read.push(performance.now() - t);
      t = performance.now();
      mdBytes = streamedBytes(store, 'list', markdownWriter());
      inProcess.md.push(performance.now() - t);
      t = performance.now();
      bibtexBytes = streamedBytes(store, 'citation', bibtexWriter());
      inProcess.bibtex.push(performance.now() - t);
    }
  } finally {
    store.close();
  }
  const cli = (format: string): { ms: number; cpuMs: number | null } => {
    const out = path.join(tmp, `export.${format}`);
    const args = [BIN, '--db', db, 'export', '--format', format, '--out', out];
    timeChild(args); // untimed: the page cache
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = timeChildCpu(tmp, args);
      times.push(r.ms);
      if (r.cpuMs !== null) cpu.push(r.cpuMs);
    }
    log(`export: ${format} ${median(times).toFixed(0)} ms`);
    return { ms: median(times), cpuMs: cpu.length > 0 ? median(cpu) : null };
  };
  const md = cli('md');
  const bibtex = cli('bibtex');
  return {
    items,
    runs,
    mdCliMs: md.ms,
    bibtexCliMs: bibtex.ms,
    mdCliCpuMs: md.cpuMs,
    bibtexCliCpuMs: bibtex.cpuMs,
    readInProcessMs: median(inProcess.read),
    mdInProcessMs: median(inProcess.md),
    bibtexInProcessMs: median(inProcess.bibtex),
    mdBytes,
    bibtexBytes,
    reused,
  };
}

/**
 * The generated list imported into a library, built once and kept in the system's temporary
 * directory (an import of 100k items takes a minute or more) under a name that changes with
 * the list and with the import code (dist/src/core, store, formats/markdown), so that a
 * library the current code would not build is never measured. EXPORT_BENCH_FRESH=1 rebuilds.
 */
function library(tmp: string, items: number, log: (m: string) => void): { db: string; reused: boolean } {
  const text = generateList(items);
  const hash = createHash('sha256').update(text);
  for (const dir of ['core', 'store', path.join('formats', 'markdown')]) {
    for (const file of fs.readdirSync(path.join(ROOT, 'dist', 'src', dir), { recursive: true }).sort()) {
      const full = path.join(ROOT, 'dist', 'src', dir, String(file));
      if (full.endsWith('.js')) hash.update(fs.readFileSync(full));
    }
  }
  const cache = path.join(os.tmpdir(), 'lectio-export-bench');
  const db = path.join(cache, `library-${items}-${hash.digest('hex').slice(0, 16)}.sqlite`);
  if (fs.existsSync(db) && process.env.EXPORT_BENCH_FRESH !== '1') {
    log(`export: reusing ${db}`);
    return { db, reused: true };
  }
  log(`export: building a ${items}-item library`);
  fs.mkdirSync(cache, { recursive: true });
  const list = path.join(tmp, `export-${items}.md`);
  fs.writeFileSync(list, text);
  const building = `${db}.${process.pid}.tmp`;
  const store = new SqliteLibraryStore(openDatabase(building));
  try {
    importLists(store, [readListFile(list)], { now: () => new Date('2026-01-01T00:00:00Z') });
  } finally {
    store.close();
  }
  fs.renameSync(building, db);
  return { db, reused: false };
}

/** What the CLI does between reading and the file: items streamed to the writer, its text encoded. */
function streamedBytes(store: SqliteLibraryStore, purpose: ExportPurpose, writer: ItemWriter): number {
  const topics = store.eachExportItem({}, purpose, (item) => writer.add(item));
  let bytes = 0;
  writer.finish(topics, (piece) => {
    bytes += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.length;
  });
  return bytes;
}

/** timeChild, and the child's user + system CPU time from /usr/bin/time when there is one. */
function timeChildCpu(tmp: string, args: readonly string[]): { ms: number; cpuMs: number | null } {
  if (!fs.existsSync('/usr/bin/time')) return { ms: timeChild(args), cpuMs: null };
  const report = path.join(tmp, 'cpu.txt');
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', report, process.execPath, ...args], {
    encoding: 'utf8',
  });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const [user, system] = fs.readFileSync(report, 'utf8').trim().split(/\s+/u).map(Number);
  return { ms, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000 };
}

/** The section of BENCHMARKS.md. */
export function renderExport(r: ExportBenchResult): string[] {
  const ms = (v: number): string => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);
  const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;
  const verdict = (v: number): string => (v < 3000 ? 'pass' : '**FAIL**');
  const cpu = (v: number | null): string => (v === null ? '' : ms(v));
  const reused = r.reused ? ' (built by an earlier run from the same list and import code)' : '';
  return [
    `## h. Export of a ${r.items.toLocaleString('en')}-item library (bench/export-bench.ts)`,
    '',
    `The generated list imported${reused}; \`lectio export --format F --out FILE\`, child`,
    `processes, process start included, median of ${r.runs} after one untimed run, and their user +`,
    'system CPU time (/usr/bin/time, GC threads included). In-process rows split the command:',
    'the streamed read alone, and read + writing as the CLI does it.',
    '',
    '| measure | median | CPU | goal | result |',
    '|---|--:|--:|---|---|',
    `| \`lectio export --format md\` (${mb(r.mdBytes)}) | ${ms(r.mdCliMs)} | ${cpu(r.mdCliCpuMs)} | < 3 s | ${verdict(r.mdCliMs)} |`,
    `| \`lectio export --format bibtex\` (${mb(r.bibtexBytes)}) | ${ms(r.bibtexCliMs)} | ${cpu(r.bibtexCliCpuMs)} | < 3 s | ${verdict(r.bibtexCliMs)} |`,
    `| streamed read (eachExportItem, list columns), in-process | ${ms(r.readInProcessMs)} | | | |`,
    `| markdown: read + writing, in-process | ${ms(r.mdInProcessMs)} | | | |`,
    `| BibTeX: read + writing, in-process | ${ms(r.bibtexInProcessMs)} | | | |`,
    '',
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lectio-export-bench-'));
  try {
    const r = benchExport(
      tmp,
      quick ? 20_000 : 100_000,
      quick ? 3 : Number(process.env.EXPORT_BENCH_RUNS ?? 5),
      (m) => process.stderr.write(`bench: ${m}\n`),
    );
    process.stdout.write(`${renderExport(r).join('\n')}\n`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
