// Export at the scale of a life's reading (issue 6): `lectio export --format md` and
// `--format bibtex` on a 100k-item library, process start included, and the read and the
// writing in-process.
//
//   node dist/bench/export-bench.js [--quick]     prints medians; run.ts records them

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importLists } from '../src/core/import-lists.js';
import { exportBibtex } from '../src/formats/export/bibtex-export.js';
import { exportMarkdown } from '../src/formats/export/markdown-export.js';
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
  readInProcessMs: number;
  mdInProcessMs: number;
  bibtexInProcessMs: number;
  mdBytes: number;
  bibtexBytes: number;
}

export function benchExport(
  tmp: string,
  items: number,
  runs: number,
  log: (m: string) => void,
): ExportBenchResult {
  log(`export: building a ${items}-item library`);
  const list = path.join(tmp, `export-${items}.md`);
  fs.writeFileSync(list, generateList(items));
  const db = path.join(tmp, `export-${items}.sqlite`);
  const store = new SqliteLibraryStore(openDatabase(db));
  const inProcess = { read: [] as number[], md: [] as number[], bibtex: [] as number[] };
  let mdBytes = 0;
  let bibtexBytes = 0;
  try {
    importLists(store, [readListFile(list)], { now: () => new Date('2026-01-01T00:00:00Z') });
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const selection = store.exportItems({}, 'list');
      inProcess.read.push(performance.now() - t);
      t = performance.now();
      mdBytes = Buffer.byteLength(exportMarkdown(selection));
      inProcess.md.push(performance.now() - t);
      t = performance.now();
      bibtexBytes = Buffer.byteLength(exportBibtex(store.exportItems({}, 'citation')));
      inProcess.bibtex.push(performance.now() - t);
    }
  } finally {
    store.close();
  }
  const cli = (format: string): number[] => {
    const out = path.join(tmp, `export.${format}`);
    const args = [BIN, '--db', db, 'export', '--format', format, '--out', out];
    timeChild(args); // untimed: the page cache
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(timeChild(args));
    log(`export: ${format} ${median(times).toFixed(0)} ms`);
    return times;
  };
  return {
    items,
    runs,
    mdCliMs: median(cli('md')),
    bibtexCliMs: median(cli('bibtex')),
    readInProcessMs: median(inProcess.read),
    mdInProcessMs: median(inProcess.md),
    bibtexInProcessMs: median(inProcess.bibtex),
    mdBytes,
    bibtexBytes,
  };
}

/** The section of BENCHMARKS.md. */
export function renderExport(r: ExportBenchResult): string[] {
  const ms = (v: number): string => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(0)} ms`);
  const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;
  const verdict = (v: number): string => (v < 3000 ? 'pass' : '**FAIL**');
  return [
    `## h. Export of a ${r.items.toLocaleString('en')}-item library (bench/export-bench.ts)`,
    '',
    `The generated list imported; \`lectio export --format F --out FILE\`, child processes, process`,
    `start included, median of ${r.runs} after one untimed run; in-process rows split the command.`,
    '',
    '| measure | median | goal | result |',
    '|---|--:|---|---|',
    `| \`lectio export --format md\` (${mb(r.mdBytes)}) | ${ms(r.mdCliMs)} | < 3 s | ${verdict(r.mdCliMs)} |`,
    `| \`lectio export --format bibtex\` (${mb(r.bibtexBytes)}) | ${ms(r.bibtexCliMs)} | < 3 s | ${verdict(r.bibtexCliMs)} |`,
    `| bulk read (exportItems), in-process | ${ms(r.readInProcessMs)} | | |`,
    `| markdown writing, in-process | ${ms(r.mdInProcessMs)} | | |`,
    `| BibTeX: read for citations and writing, in-process | ${ms(r.bibtexInProcessMs)} | | |`,
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
