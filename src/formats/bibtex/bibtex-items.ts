// Raw BibTeX entries → ParsedItems: LaTeX to text, names to "First Last", the year from
// `year` or BibLaTeX's `date`, DOI/arXiv/URL to links (so that canonical ids do identity),
// the rest to BibFields. crossref'd fields (a paper's booktitle from its @proceedings) are
// inherited when the parent is in the same file.

import {
  type BibFields,
  type BibName,
  type Link,
  newEntry,
  type ParsedItem,
  type ParsedList,
} from '../../core/item.js';
import { classifyLink } from '../../core/link-role.js';
import { latexToText } from './latex-text.js';
import { type BibEntry, parseBibtex } from './parse-bibtex.js';

/** Fields that become item fields or links rather than BibFields.extra. */
const CONSUMED = new Set([
  'title',
  'author',
  'year',
  'date',
  'doi',
  'url',
  'eprint',
  'eprinttype',
  'archiveprefix',
  'arxivid',
  'journal',
  'journaltitle',
  'booktitle',
  'volume',
  'number',
  'issue',
  'pages',
  'publisher',
  'month',
  'abstract',
  'shorttitle',
  'crossref',
]);

/** Fields an entry inherits from the entry its `crossref` names. */
const INHERITED = ['booktitle', 'year', 'date', 'editor', 'publisher', 'series', 'volume', 'address'];

export function parseBibtexList(text: string): ParsedList | null {
  const parse = parseBibtex(text);
  if (parse.announced === 0) return null;
  const byKey = new Map(parse.entries.map((e) => [e.key.toLowerCase(), e]));
  const items: ParsedItem[] = [];
  const warnings = [...parse.warnings];
  for (const entry of parse.entries) {
    const parentKey = entry.fields.get('crossref');
    if (parentKey) {
      const parent = byKey.get(parentKey.trim().toLowerCase());
      if (parent) {
        for (const f of INHERITED) {
          const v = parent.fields.get(f);
          if (v !== undefined && !entry.fields.has(f)) entry.fields.set(f, v);
        }
        if (!entry.fields.has('booktitle') && parent.fields.has('title'))
          entry.fields.set('booktitle', parent.fields.get('title') as string);
      }
    }
    const item = entryToItem(entry);
    if (item) items.push(item);
    else warnings.push(`line ${entry.line}: @${entry.type}{${entry.key}} has no title; skipped`);
  }
  return { title: null, items, warnings };
}

function entryToItem(entry: BibEntry): ParsedItem | null {
  const f = entry.fields;
  const text = (name: string): string | undefined => {
    const v = f.get(name);
    if (v === undefined) return undefined;
    const t = latexToText(v);
    return t === '' ? undefined : t;
  };
  const title = text('title') ?? text('booktitle');
  if (!title) return null;
  const names = f.get('author') ?? f.get('editor');
  const authors = names ? splitNames(names) : [];
  const split = names ? bibNames(names) : null;
  const yearText = f.get('year') ?? f.get('date') ?? '';
  const yearMatch = /\b(1[5-9]\d\d|20\d\d)\b/u.exec(yearText);
  const venue = text('journal') ?? text('journaltitle') ?? text('booktitle') ?? text('series');

  const links: Link[] = [];
  const seen = new Set<string>();
  const add = (url: string, role?: Link['role']): void => {
    if (seen.has(url)) return;
    seen.add(url);
    links.push({ url, role: role ?? classifyLink(url) });
  };
  const doi = f.get('doi')?.trim();
  if (doi) {
    const bare = doi.replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/iu, '').replace(/\\_/gu, '_');
    add(`https://doi.org/${bare}`, 'paper');
  }
  const arxiv = arxivIdOf(entry);
  if (arxiv) add(`https://arxiv.org/abs/${arxiv}`, 'paper');
  // A url field may hold several URLs, space-separated (Better BibTeX's
  // import_unabbreviate_1436-3.bib: a pdf, the DOI and the issue page): each is a link.
  // Only when every piece is a URL: a single URL may hold a space.
  const urlField = (f.get('url') ?? '').trim().replace(/\\([_%&#])/gu, '$1');
  const pieces = urlField.split(/\s+/u);
  const urls = pieces.every((p) => /^https?:\/\//iu.test(p)) ? pieces : [urlField];
  for (const url of urls) if (/^https?:\/\//iu.test(url)) add(url);

  const bib: BibFields = { type: entry.type, citationKey: entry.key };
  if (venue) bib.venue = venue;
  if (split && split.names.length > 0) bib.names = split.names;
  if (split?.more) bib.moreNames = true;
  const set = (key: 'volume' | 'number' | 'pages' | 'publisher' | 'month' | 'abstract', v?: string) => {
    if (v) bib[key] = v;
  };
  set('volume', text('volume'));
  set('number', text('number') ?? text('issue'));
  set('pages', text('pages'));
  set('publisher', text('publisher'));
  set('month', text('month'));
  set('abstract', text('abstract'));
  const extra: Record<string, string> = {};
  for (const [name, raw] of f) {
    // The editors are the authors of an entry that names no author; else a field of their own.
    if (CONSUMED.has(name) || (name === 'editor' && !f.has('author'))) continue;
    extra[name] = name === 'file' || name === 'keywords' ? raw : latexToText(raw);
  }
  if (Object.keys(extra).length > 0) bib.extra = extra;
  const short = text('shorttitle');

  return newEntry({
    title,
    aliases: short && short !== title ? [short] : [],
    links,
    year: yearMatch ? Number(yearMatch[1]) : null,
    authors,
    line: entry.line,
    bib,
  });
}

/** The arXiv id of an entry: eprint with an arXiv prefix, arxivid, or Google Scholar's journal. */
function arxivIdOf(entry: BibEntry): string | null {
  const f = entry.fields;
  const prefix = (f.get('archiveprefix') ?? f.get('eprinttype') ?? '').toLowerCase();
  const candidates = [
    prefix === 'arxiv' ? f.get('eprint') : undefined,
    f.get('arxivid'),
    f.get('journal'),
    f.get('eprint'),
  ];
  for (const c of candidates) {
    if (!c) continue;
    const m = /(?:arxiv[:\s]*)?\b(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?\b/iu.exec(c);
    if (m && (c === f.get('journal') ? /arxiv/iu.test(c) : true)) return m[1] as string;
  }
  return null;
}

/** "Abdollahi, Amir and {V{\'a}squez-Sancho}, Fabi{\'a}n" → ["Amir Abdollahi", "Fabián Vásquez-Sancho"]. */
export function splitNames(raw: string): string[] {
  const out: string[] = [];
  const parts = raw.includes('{') ? splitAnd(raw) : raw.split(/\s+and\s+/iu);
  for (const part of parts) {
    const name = part.trim();
    if (!name) continue;
    if (/^others$/iu.test(name)) continue;
    const pieces = name.includes(',') ? splitTopLevel(name, ',') : [name];
    let display: string;
    if (pieces.length >= 2) {
      // "von Last, Jr, First" or "Last, First"
      const last = pieces[0] as string;
      const first = pieces[pieces.length - 1] as string;
      display = `${first} ${last}`;
    } else display = name;
    const t = latexToText(display);
    if (t) out.push(t);
  }
  return out;
}

/**
 * The names of an author field split as BibTeX splits them: "Last, First" (and "von Last, Jr,
 * First"), a name in braces whole ("{American Psychological Association}"), and "First von
 * Last", the family name being the last word and the lower-case words before it.
 */
export function bibNames(raw: string): { names: BibName[]; more: boolean } {
  const names: BibName[] = [];
  let more = false;
  for (const part of raw.includes('{') ? splitAnd(raw) : raw.split(/\s+and\s+/iu)) {
    const name = part.trim();
    if (name === '') continue;
    if (/^others$/iu.test(name)) {
      more = true;
      continue;
    }
    const pieces = splitTopLevel(name, ',');
    if (pieces.length >= 2) {
      const family = latexToText(pieces[0] as string);
      const given = latexToText(pieces[pieces.length - 1] as string);
      names.push(given === '' ? { literal: family } : { family, given });
      continue;
    }
    const words = splitTopLevel(name.replace(/\s+/gu, ' '), ' ');
    if (words.length === 1) {
      const only = words[0] as string;
      // {Barnes and Noble}, {OpenAI}: one name, never split.
      names.push({ literal: latexToText(only) });
      continue;
    }
    let at = words.length - 1;
    // "Ludwig van Beethoven": the lower-case words before the last go with the family name.
    while (at > 1 && /^[a-z]/u.test(words[at - 1] as string)) at--;
    names.push({
      family: latexToText(words.slice(at).join(' ')),
      given: latexToText(words.slice(0, at).join(' ')),
    });
  }
  return { names: names.filter((n) => (n.literal ?? n.family) !== ''), more };
}

/** Splits on " and " outside braces ("{Barnes and Noble}" is one name). */
function splitAnd(raw: string): string[] {
  let depth = 0;
  let start = 0;
  const parts: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && (c === ' ' || c === '\n' || c === '\t')) {
      // A sticky match where we stand: no slice of the rest for every space of a long author list.
      AND.lastIndex = i;
      const m = AND.exec(raw);
      if (!m) continue;
      parts.push(raw.slice(start, i));
      i += m[0].length - 1;
      start = i + 1;
    }
  }
  parts.push(raw.slice(start));
  return parts;
}

const AND = /\s+and\s+/iy;

function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === sep && depth === 0) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out.filter((p) => p !== '');
}
