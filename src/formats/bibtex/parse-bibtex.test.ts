import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBibtexList, splitNames } from './bibtex-items.js';
import { latexToText } from './latex-text.js';
import { parseBibtex } from './parse-bibtex.js';

describe('parseBibtex', () => {
  it('expands @string macros, # concatenation and month names; skips comments and @preamble', () => {
    const text = [
      '% a comment line with an @ sign: me@example.org',
      '@preamble{"\\newcommand{\\noop}[1]{}"}',
      '@comment{ anything {nested} }',
      '@string{acl = "Association for " # {Computational Linguistics}}',
      'Free text between entries is a comment too.',
      '@inproceedings{key1,',
      '  title = "A {Quoted} Title",',
      '  publisher = acl,',
      '  month = jun,',
      '  year = 2019,',
      '}',
    ].join('\n');
    const r = parseBibtex(text);
    assert.deepEqual(r.warnings, []);
    assert.equal(r.entries.length, 1);
    const e = r.entries[0]!;
    assert.equal(e.line, 6);
    assert.equal(e.fields.get('publisher'), 'Association for Computational Linguistics');
    assert.equal(e.fields.get('month'), 'jun');
    assert.equal(e.fields.get('year'), '2019');
    assert.equal(e.fields.get('title'), 'A {Quoted} Title');
  });

  it('warns about a malformed entry with its line and keeps the others', () => {
    const text = [
      '@article{good1, title = {First}}',
      '@article{broken, title = {Unclosed, year = 2020',
      '@article{good2, title = {Second}}',
      '@misc{nofield, title {No equals}}',
    ].join('\n');
    const r = parseBibtex(text);
    assert.deepEqual(
      r.entries.map((e) => e.key),
      ['good1', 'good2'],
    );
    assert.equal(r.warnings.length, 2);
    assert.match(r.warnings[0]!, /^line 2: @article\{broken… skipped: unbalanced braces/u);
    assert.match(r.warnings[1]!, /^line 4: .*field "title" has no "="/u);
  });

  it('stops an @string that doubles itself before it outgrows memory (a 1 KB file, 40 doublings)', () => {
    const lines = ['@string{a0 = "xxxxxxxxxxxxxxxx"}'];
    for (let k = 1; k <= 40; k++) lines.push(`@string{a${k} = a${k - 1} # a${k - 1}}`);
    lines.push('@article{bomb, title = a40}', '@article{fine, title = {A Fine Paper}}');
    const r = parseBibtex(lines.join('\n'));
    assert.deepEqual(
      r.entries.map((e) => e.key),
      ['bomb', 'fine'],
    );
    assert.ok(r.warnings.some((w) => /a value over 100,000 characters/u.test(w)));
    assert.ok(r.entries.every((e) => Object.values(e.fields).every((v) => v.length <= 100_000)));
  });

  it('announces nothing for a text that is not BibTeX', () => {
    assert.equal(parseBibtexList('# A markdown list\n\n- [x] a paper, mail me@example.org\n'), null);
  });

  it('takes crossref fields from the parent entry', () => {
    const list = parseBibtexList(
      [
        '@inproceedings{child, title = {A Paper}, author = {Doe, Jane}, crossref = {conf19}}',
        '@proceedings{conf19, title = {Proceedings of Conf 2019}, year = 2019, publisher = {ACM}}',
      ].join('\n'),
    )!;
    const child = list.items.find((i) => i.bib?.citationKey === 'child')!;
    assert.equal(child.year, 2019);
    assert.equal(child.bib?.venue, 'Proceedings of Conf 2019');
    assert.equal(child.bib?.publisher, 'ACM');
  });
});

describe('LaTeX to text', () => {
  const cases: Array<[string, string]> = [
    ["Fabi{\\'a}n", 'Fabián'],
    ['{\\"o}zsu', 'özsu'],
    ['\\v{C}ech and \\c{c}a', 'Čech and ça'],
    ['Ga\\textendash{}Al {{GaN}}', 'Ga–Al GaN'],
    ["Erd\\H{o}s \\& R\\'enyi", 'Erdős & Rényi'],
    ['{\\ss}e \\o{} \\aa', 'ße ø å'],
    ["pages 92--103 --- ``quoted''", 'pages 92–103 — “quoted”'],
    ['\\emph{Deep} \\textbf{Learning} $\\alpha$-nets', 'Deep Learning α-nets'],
    ['{BERT}: Pre-training', 'BERT: Pre-training'],
    // A letter accent and its letter after a space, as Better BibTeX writes them
    // (zotero-better-bibtex/import_unabbreviate_1436-1.bib)
    ['Dan{\\v c}e, Morko{\\c c}, Toma{\\v s}, {\\v S}{\\v c}ajev', 'Danče, Morkoç, Tomaš, Ščajev'],
    ['Erd{\\H o}s, Wal{\\k e}sa, {\\r a}, {\\u g}', 'Erdős, Walęsa, å, ğ'],
  ];
  for (const [input, expected] of cases) {
    it(input, () => assert.equal(latexToText(input), expected));
  }
});

describe('names', () => {
  it('"Last, First" and "First Last", braces protecting a corporate name', () => {
    assert.deepEqual(
      splitNames("Abdollahi, Amir and {V{\\'a}squez-Sancho}, Fabi{\\'a}n and {Barnes and Noble}"),
      ['Amir Abdollahi', 'Fabián Vásquez-Sancho', 'Barnes and Noble'],
    );
    assert.deepEqual(splitNames('Ruiqi Guo and Philip Sun and others'), ['Ruiqi Guo', 'Philip Sun']);
  });
});

describe('entries to items', () => {
  it('DOI, arXiv eprint and Google Scholar\'s "arXiv preprint" become links; the rest BibFields', () => {
    const list = parseBibtexList(
      [
        '@article{a, title = {One}, author = {X, Y}, doi = {10.1103/physrevlett.121.205502},',
        '  eprint = {1807.00144v2}, archivePrefix = {arXiv}, journal = {Phys. Rev. Lett.}, pmid = {123}}',
        '@article{b, title = {Two}, journal = {arXiv preprint arXiv:1810.04805}, year = {2018}}',
        '@book{c, title = {No Id}, date = {2020-05-01}}',
      ].join('\n'),
    )!;
    const [a, b, c] = list.items;
    assert.deepEqual(
      a!.links.map((l) => l.url),
      ['https://doi.org/10.1103/physrevlett.121.205502', 'https://arxiv.org/abs/1807.00144'],
    );
    assert.equal(a!.bib?.venue, 'Phys. Rev. Lett.');
    assert.deepEqual(a!.bib?.extra, { pmid: '123' });
    assert.deepEqual(
      b!.links.map((l) => l.url),
      ['https://arxiv.org/abs/1810.04805'],
    );
    assert.equal(c!.year, 2020);
    assert.equal(c!.bib?.type, 'book');
  });

  it('a url field of several URLs gives a link each (import_unabbreviate_1436-3.bib line 83428)', () => {
    const list = parseBibtexList(
      '@article{a, title = {One}, doi = {10.1063/1.4982629}, url = {http://aip.scitation.org/doi/pdf/10.1063/1.4982629 https://doi.org/10.1063/1.4982629 http://aip.scitation.org/toc/apl/110/17}}',
    )!;
    assert.deepEqual(
      list.items[0]!.links.map((l) => l.url),
      [
        'https://doi.org/10.1063/1.4982629',
        'http://aip.scitation.org/doi/pdf/10.1063/1.4982629',
        'http://aip.scitation.org/toc/apl/110/17',
      ],
    );
  });
});
