// What BibTeX and CSL-JSON both need from an item: its kind of work, authors split into
// family and given names, its venue, its arXiv id and primary category, its URL, and a
// citation key that stays the same from one export to the next.

import type { BibName } from '../../core/item.js';
import { type ExportItem, type ItemIds, itemIds } from '../../core/library-export.js';
import { MONTHS } from '../bibtex/parse-bibtex.js';

/** An author split for a citation; `literal` is a name not to split (an organisation, a CJK name). */
export type PersonName = BibName;

/**
 * The item's authors for a citation: as its BibTeX or CSL-JSON source split them when it had
 * one ("Al Hassan, Ali" stays so), else as personNames splits the names the lists gave.
 */
export function authorNames(item: ExportItem): { names: PersonName[]; more: boolean } {
  const given = item.bib?.names;
  if (given && given.length > 0) return { names: given, more: item.bib?.moreNames === true };
  return personNames(item.authors);
}

/** A parenthesised note at the end of an author line: "(Google)", "（清华）". */
const AFFILIATION = /\s*[(（][^()（）]*[)）]$/u;

/** "Ashish Vaswani" → Vaswani, Ashish; "Vaswani, Ashish" as it is; "OpenAI" and 张三 whole. "et al." ends the list. */
export function personNames(authors: readonly string[]): { names: PersonName[]; more: boolean } {
  const names: PersonName[] = [];
  let more = false;
  for (const raw of authors) {
    // An affiliation after the names is no name: seed 003's "作者：Vaswani et al. (Google)".
    let name = raw.trim().replace(AFFILIATION, '');
    if (/\bet\.?\s*al\.?$|等$|等人$/iu.test(name)) {
      more = true;
      name = name.replace(/,?\s*\bet\.?\s*al\.?$|等人?$/iu, '').trim();
    }
    if (name === '' || /^others$/iu.test(name)) {
      if (name !== '') more = true;
      continue;
    }
    const comma = /^([^,]+),\s*(.+)$/u.exec(name);
    if (comma?.[1] && comma[2]) names.push({ family: comma[1].trim(), given: comma[2].trim() });
    else if (/\s/u.test(name) && !/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/u.test(name)) {
      const parts = name.split(/\s+/u);
      // "Ludwig van Beethoven": lower-case particles go with the family name.
      let at = parts.length - 1;
      while (at > 1 && /^(van|von|der|de|del|della|di|da|du|le|la|bin|al)$/u.test(parts[at - 1] ?? '')) at--;
      names.push({ family: parts.slice(at).join(' '), given: parts.slice(0, at).join(' ') });
    } else names.push({ literal: name });
  }
  return { names, more };
}

export type WorkType =
  | 'article'
  | 'inproceedings'
  | 'book'
  | 'thesis'
  | 'report'
  | 'preprint'
  | 'software'
  | 'post'
  | 'video'
  | 'web';

/** What the item is, for a bibliography: from its source's type, else its venue, arXiv id or kind. */
export function workType(item: ExportItem): WorkType {
  const t = item.bib?.type?.toLowerCase();
  if (t) {
    if (/^(article|article-journal|article-magazine|article-newspaper)$/u.test(t)) return 'article';
    if (/^(inproceedings|conference|paper-conference|incollection|chapter)$/u.test(t)) return 'inproceedings';
    if (/^(book|mvbook|inbook)$/u.test(t)) return 'book';
    if (/^(phdthesis|mastersthesis|thesis)$/u.test(t)) return 'thesis';
    if (/^(techreport|report)$/u.test(t)) return 'report';
    if (/^(software|dataset)$/u.test(t)) return 'software';
    if (/^(online|webpage|post-weblog|post)$/u.test(t)) return 'web';
  }
  if (item.kind === 'paper') {
    // arXiv's journal_ref is free text ("Phys.Lett.B573:94-100,2003", "In Proceedings of the
    // 31st ACM SIGSOFT … (pp. 289-301)"), no venue: as `journal` it read as a journal's name,
    // so such a paper stays an arXiv preprint and the reference goes in its note.
    if (item.bib?.venue)
      return /proc|conf|symposium|workshop/iu.test(item.bib.venue) ? 'inproceedings' : 'article';
    return 'preprint';
  }
  if (item.kind === 'code') return 'software';
  if (item.kind === 'blog') return 'post';
  if (item.kind === 'video') return 'video';
  return 'web';
}

/** The arXiv id and its primary category (the first category an enrichment gave). */
export function arxivOf(
  item: ExportItem,
  ids: ItemIds = itemIds(item.links),
): { id: string; primaryClass: string | null } | null {
  const id = ids.arxiv;
  if (!id) return null;
  const oldStyle = /^([a-z-]+(?:\.[A-Z]{2})?)\//u.exec(id)?.[1];
  const given = item.bib?.extra?.['primaryclass'];
  return { id, primaryClass: item.categories[0] ?? given ?? oldStyle ?? null };
}

/** The URL a citation points at: arXiv's abstract page for an arXiv paper, else the paper, else the item's first link. */
export function citationUrl(item: ExportItem, ids: ItemIds = itemIds(item.links)): string | null {
  // Not the Hugging Face, alphaxiv, /html/ or v2 link a list happened to give.
  if (ids.arxiv) return `https://arxiv.org/abs/${ids.arxiv}`;
  return (
    item.links.find((l) => l.role === 'paper')?.url ??
    item.links.find((l) => l.role === 'pdf')?.url ??
    item.links[0]?.url ??
    null
  );
}

/** BibTeX's month macro for a month number ("jul" for 7). */
export function monthMacro(month: number): string {
  return MONTHS[month - 1] as string;
}

/** A month as a number from its BibTeX or CSL text: "jul", "July", "7", "07"; null otherwise. */
export function monthNumber(text: string | undefined): number | null {
  const t = text?.trim().toLowerCase() ?? '';
  if (/^\d{1,2}$/u.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= 12 ? n : null;
  }
  const at = t.length >= 3 ? MONTHS.findIndex((m) => t.startsWith(m)) : -1;
  return at === -1 ? null : at + 1;
}

/**
 * The year and month a citation gives: the item's, else those its arXiv id holds (2307.09288
 * and cs/0112017 were first posted in July 2023 and December 2001). Lists seldom give a year
 * (953 of 2,188 arXiv entries of the real lists had none), and arXiv always does.
 */
export function citationDate(
  item: ExportItem,
  ids: ItemIds = itemIds(item.links),
): { year: number | null; month: number | null } {
  const month = monthNumber(item.bib?.month);
  const posted = arxivPosted(ids.arxiv);
  if (item.year === null) return posted ?? { year: null, month: null };
  return { year: item.year, month: month ?? (posted?.year === item.year ? posted.month : null) };
}

function arxivPosted(id: string | undefined): { year: number; month: number } | null {
  if (!id) return null;
  const m = /^(\d{2})(\d{2})\.\d{4,5}$/u.exec(id) ?? /\/(\d{2})(\d{2})\d{3}$/u.exec(id);
  if (!m) return null;
  const yy = Number(m[1]);
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  // Old-style ids began in 1991; new-style ones in 2007 (0704.0001).
  return { year: yy >= 91 ? 1900 + yy : 2000 + yy, month };
}

export function doiOf(item: ExportItem, ids: ItemIds = itemIds(item.links)): string | null {
  return item.doi ?? ids.doi ?? null;
}

const STOP_WORDS = new Set(
  'a an the on of in for to and with from by at as is are via towards toward using what how why when do does can'.split(
    ' ',
  ),
);

/** Letters a citation key may hold: accents folded, anything else dropped. */
function keyPart(text: string): string {
  if (/^[a-z0-9]*$/u.test(text)) return text;
  return keyText(text).replace(/[^a-z0-9]/gu, '');
}

/** Text in lower case with accents and ligatures folded to ASCII letters (others kept). */
function keyText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/ß/gu, 'ss')
    .replace(/[æ]/gu, 'ae')
    .replace(/[øœ]/gu, 'o')
    .replace(/ł/gu, 'l');
}

/** What an item's citation key is made of: the key its BibTeX source gave, else its own base. */
export interface KeySeed {
  id: number;
  own: string | undefined;
  /** First author's family name, year, first word of the title that is not a stop word. */
  base: string;
}

/** An item's key seed, taken as the item goes by (an exporter need not keep the item). */
export function keySeed(item: ExportItem): KeySeed {
  const first = authorNames(item).names[0];
  const author = keyPart(first?.family ?? first?.literal ?? '');
  let word = '';
  // keyPart keeps a-z and 0-9 only: the words are those runs, of the title with accents folded.
  const title = /^[\x00-\x7f]*$/u.test(item.title) ? item.title.toLowerCase() : keyText(item.title);
  for (const m of title.matchAll(/[a-z0-9]+/gu)) {
    if (/[a-z]/u.test(m[0]) && !STOP_WORDS.has(m[0])) {
      word = m[0];
      break;
    }
  }
  // No author (most entries of a markdown list): the word, then the year ("efficient2023"),
  // from what the item says and not from its id ("item28_2023efficient"), which another
  // import of the same lists need not give it. Keys without a year are as they were.
  // The id's year only for an item without its own (itemIds parses every link).
  const year = item.year ?? citationDate(item).year ?? '';
  let base = author ? `${author}${year}${word}` : `${word}${year}`;
  if (!/^[a-z]/u.test(base)) base = `item${item.id}${base ? `_${base}` : ''}`;
  return { id: item.id, own: item.bib?.citationKey, base };
}

/**
 * Citation keys in Better BibTeX's default shape, first author's family name, year, first
 * word of the title that is not a stop word ("vaswani2017attention"), or the key the
 * item's BibTeX source gave. Items are keyed in id order, and a key taken already gets
 * a, b, … z, aa, …, so that the same library gives the same keys at every export. The
 * items come as their seeds (keySeed), so that an exporter need not keep them.
 */
export function citationKeys(seeds: readonly KeySeed[]): Map<number, string> {
  const keys = new Map<number, string>();
  const taken = new Set<string>();
  const ordered = [...seeds].sort((a, b) => a.id - b.id);
  // Keys the user's reference manager chose are theirs: they go first, unchanged.
  for (const { id, own } of ordered) {
    if (own && /^[A-Za-z0-9_:.+/-]+$/u.test(own) && !taken.has(own.toLowerCase())) {
      keys.set(id, own);
      taken.add(own.toLowerCase());
    }
  }
  const nextSuffix = new Map<string, number>();
  for (const { id, base } of ordered) {
    if (keys.has(id)) continue;
    // The next suffix to try for this base: thousands of "efficient2024…" keys stay linear.
    let n = nextSuffix.get(base) ?? 0;
    let key = n === 0 ? base : base + suffix(n - 1);
    while (taken.has(key)) key = base + suffix(n++);
    nextSuffix.set(base, n + 1);
    taken.add(key);
    keys.set(id, key);
  }
  return keys;
}

function suffix(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}
