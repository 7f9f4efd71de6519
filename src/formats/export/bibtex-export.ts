// The library as BibTeX that BibTeX, biber, Zotero and Better BibTeX read: arXiv papers with
// eprint, archivePrefix and primaryClass; DOIs and URLs verbatim; LaTeX's special
// characters and accented letters escaped; capitals of acronyms and names protected with
// braces; stable citation keys (citation-fields.ts). test/export-bibtex.test.ts reads the
// output back with Better BibTeX's own parser.

import { type ExportItem, type ExportSelection, itemIds } from '../../core/library-export.js';
import {
  arxivOf,
  authorNames,
  citationDate,
  citationKeys,
  citationUrl,
  keySeed,
  type KeySeed,
  monthMacro,
  workType,
  type WorkType,
} from './citation-fields.js';
import { type ItemWriter, TextArena, writeSelection } from './item-writer.js';

const ENTRY_TYPE: Record<WorkType, string> = {
  article: 'article',
  inproceedings: 'inproceedings',
  book: 'book',
  thesis: 'phdthesis',
  report: 'techreport',
  // Zotero and Better BibTeX export preprints as @misc with eprint fields, and read them back so.
  preprint: 'misc',
  software: 'misc',
  post: 'misc',
  video: 'misc',
  web: 'misc',
};

export function exportBibtex(selection: ExportSelection): string {
  return writeSelection(bibtexWriter(), selection);
}

/**
 * BibTeX, fed item by item: each entry is written as its item comes, but for its key,
 * which depends on every other item's (own keys go first); keys are given at the end.
 */
export function bibtexWriter(): ItemWriter {
  const seeds: KeySeed[] = [];
  const types: string[] = [];
  const bodies = new TextArena();
  return {
    add(item) {
      seeds.push(keySeed(item));
      const type = workType(item);
      types.push(ENTRY_TYPE[type]);
      bodies.add(entryBody(item, type));
    },
    finish(_topics, write) {
      const keys = citationKeys(seeds);
      seeds.forEach(({ id }, i) => {
        write(`${i > 0 ? '\n' : ''}@${types[i] ?? ''}{${keys.get(id) ?? `item${id}`},\n`);
        write(bodies.get(i));
        write('\n}\n');
      });
    },
  };
}

/** An entry's fields, one a line. */
function entryBody(item: ExportItem, type: WorkType): string {
  // A field's value in braces, or bare: a month macro (month = jul) is no text.
  const fields: Array<[name: string, value: string, bare?: boolean]> = [];
  const add = (name: string, value: string | null | undefined, raw = false): void => {
    if (value === null || value === undefined || value.trim() === '') return;
    fields.push([name, raw ? verbatim(value) : latex(value)]);
  };
  fields.push(['title', protectCapitals(item.title)]);
  const { names, more } = authorNames(item);
  if (names.length > 0) {
    const written = names.map((n) =>
      n.literal !== undefined || n.family === undefined
        ? `{${latex(n.literal ?? n.given ?? '')}}`
        : `${familyName(n.family)}, ${latex(n.given ?? '')}`,
    );
    if (more) written.push('others');
    fields.push(['author', written.join(' and ')]);
  }
  const ids = itemIds(item.links);
  const { year, month } = citationDate(item, ids);
  if (year !== null) fields.push(['year', String(year)]);
  const bib = item.bib;
  if (month !== null) fields.push(['month', monthMacro(month), true]);
  else add('month', bib?.month);
  const venue = bib?.venue;
  if (type === 'article') add('journal', venue);
  else if (type === 'inproceedings') add('booktitle', venue);
  else if (venue) add('howpublished', venue);
  add('volume', bib?.volume);
  add('number', bib?.number);
  // A page range's -- is BibTeX's en dash, meant here.
  if (bib?.pages?.trim())
    fields.push([
      'pages',
      bib.pages
        .trim()
        .split(/\s*[-–—]+\s*/u)
        .map(latex)
        .join('--'),
    ]);
  add('publisher', bib?.publisher);
  add('doi', item.doi ?? ids.doi, true);
  const arxiv = arxivOf(item, ids);
  if (arxiv) {
    add('eprint', arxiv.id, true);
    fields.push(['archivePrefix', 'arXiv']);
    add('primaryClass', arxiv.primaryClass, true);
  }
  add('url', citationUrl(item, ids), true);
  if (!venue && item.journalRef) add('note', `Published in ${item.journalRef}`);
  add('abstract', item.abstract ?? bib?.abstract);
  if (item.topics.length > 0) add('keywords', item.topics.join(', '));
  // The source's other fields (isbn, editor, note, pmid, address...), so that an export of an
  // imported .bib keeps what came in; Zotero's local `file` paths stay in the library.
  const written = new Set(fields.map(([name]) => name.toLowerCase()));
  for (const [name, value] of Object.entries(bib?.extra ?? {})) {
    const field = name.toLowerCase();
    // (CSL-JSON's own editor list is JSON, no BibTeX name list.)
    if (KEPT_FIELDS.has(field) && !written.has(field) && !/^[[{]/u.test(value)) add(field, value);
  }
  return fields.map(([name, value, bare]) => `  ${name} = ${bare ? value : `{${value}}`}`).join(',\n');
}

/** Fields of a BibTeX or CSL-JSON source written back as they came (CSL's ISBN, ISSN and note too). */
const KEPT_FIELDS = new Set([
  'address',
  'annote',
  'chapter',
  'edition',
  'editor',
  'howpublished',
  'institution',
  'isbn',
  'issn',
  'language',
  'note',
  'organization',
  'pmid',
  'pmcid',
  'school',
  'series',
  'type',
]);

/**
 * A family name for "Family, Given": one of several words in braces unless it starts with a
 * lower-case particle, so that BibTeX keeps "Al Hassan" whole ("Hassan" alone was written)
 * and still reads "van Beethoven" or "i Morral" as particle and name.
 */
function familyName(family: string): string {
  const text = latex(family);
  return /\s/u.test(family) && !/^[a-z]/u.test(family) ? `{${text}}` : text;
}

/** Fields read verbatim (url, doi, eprint): only braces would break them, and they are percent-encoded. */
function verbatim(value: string): string {
  return value.replace(/[{}]/gu, (c) => (c === '{' ? '%7B' : '%7D')).replace(/\s+/gu, ' ');
}

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
};

/** Combining marks → the LaTeX accent command that puts them on a letter. */
const ACCENTS: Record<string, string> = {
  '\u0300': '`',
  '\u0301': "'",
  '\u0302': '^',
  '\u0303': '~',
  '\u0304': '=',
  '\u0306': 'u',
  '\u0307': '.',
  '\u0308': '"',
  '\u030a': 'r',
  '\u030b': 'H',
  '\u030c': 'v',
  '\u0327': 'c',
  '\u0328': 'k',
};

const LETTERS: Record<string, string> = {
  ß: '{\\ss}',
  æ: '{\\ae}',
  Æ: '{\\AE}',
  œ: '{\\oe}',
  Œ: '{\\OE}',
  ø: '{\\o}',
  Ø: '{\\O}',
  ł: '{\\l}',
  Ł: '{\\L}',
  ı: '{\\i}',
  '–': '--',
  '—': '---',
  '“': '``',
  '”': "''",
};

/** Plain ASCII without a special character or a ligature (most text): LaTeX as it is. */
function isPlain(text: string): boolean {
  return /^[A-Za-z0-9 ,.;:!?()'"/@+=*|-]*$/u.test(text) && !/--|''/u.test(text);
}

/**
 * Text as LaTeX: the special characters escaped, accented Latin letters as accent commands
 * ("Schölkopf" → Sch{\"o}lkopf), other characters (Chinese, Greek) as UTF-8, which biber
 * and Zotero read.
 */
export function latex(text: string): string {
  if (isPlain(text)) return text;
  let out = '';
  const chars = [...text.normalize('NFC').replace(/\s+/gu, ' ')];
  for (const [i, ch] of chars.entries()) {
    // TeX reads -- and --- as dashes, `` and '' as quotes: a brace between keeps them apart.
    if ((ch === '-' || ch === "'" || ch === '`') && chars[i + 1] === ch) {
      out += `${ch}{}`;
      continue;
    }
    const special = SPECIAL[ch] ?? LETTERS[ch];
    if (special !== undefined) {
      out += special;
      continue;
    }
    if (ch.charCodeAt(0) < 0x80) {
      out += ch;
      continue;
    }
    const parts = [...ch.normalize('NFD')];
    const base = parts[0] ?? ch;
    const marks = parts.slice(1);
    if (marks.length > 0 && /^[A-Za-z]$/u.test(base) && marks.every((m) => ACCENTS[m] !== undefined)) {
      let letter = base;
      for (const m of marks) {
        const command = ACCENTS[m] ?? '';
        letter = /^[a-zA-Z]$/u.test(command)
          ? `\\${command}{${letter}}`
          : `\\${command}${letter.length > 1 ? `{${letter}}` : letter}`;
      }
      out += `{${letter}}`;
    } else out += ch;
  }
  return out;
}

/**
 * A title with the words whose capitals matter in braces ({GPU}s, {LLaMA}, {FlashAttention}):
 * BibTeX styles and Zotero lower-case the rest, and these would lose their meaning.
 */
export function protectCapitals(title: string): string {
  // Every word of a plain title is plain.
  const plain = isPlain(title);
  return title.replace(/\S+/gu, (word) => {
    const text = plain ? word : latex(word);
    return capitalsMatter(word) ? `{${text}}` : text;
  });
}

/** A capital after the first letter (GPUs, LLaMA, FlashAttention), or a lone capital with digits (A100). */
function capitalsMatter(word: string): boolean {
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
    if (c > 127) return /\p{Lu}/u.test(word.slice(1)) || (/^\p{Lu}\P{L}*$/u.test(word) && word.length > 1);
  }
  const first = word.charCodeAt(0);
  return word.length > 1 && first >= 65 && first <= 90 && !/[a-z]/iu.test(word.slice(1));
}
