// CSL-JSON (Zotero, Better BibTeX, manubot, citation.js) → ParsedItems. A CSL-JSON file is
// an array of objects with at least an id or a type and a title; anything else is refused
// by the caller. Lines are the 1-based position of the entry in the array (JSON has no
// useful line numbers once pretty-printed differently), shown as such.

import {
  type BibFields,
  type BibName,
  type Link,
  newEntry,
  type ParsedItem,
  type ParsedList,
} from '../../core/item.js';
import { classifyLink } from '../../core/link-role.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Whether a parsed JSON value is a CSL-JSON array (every element an object naming a type, id or title). */
export function isCslJson(value: unknown): value is Array<Record<string, Json>> {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (e) =>
        typeof e === 'object' &&
        e !== null &&
        !Array.isArray(e) &&
        ('type' in e || 'id' in e) &&
        'title' in e,
    )
  );
}

const CONSUMED = new Set([
  'id',
  'type',
  'title',
  'author',
  'editor',
  'issued',
  'DOI',
  'URL',
  'container-title',
  'collection-title',
  'volume',
  'issue',
  'page',
  'publisher',
  'abstract',
  'citation-key',
  'title-short',
  'shortTitle',
  'number',
]);

export function parseCslList(entries: ReadonlyArray<Record<string, Json>>): ParsedList {
  const items: ParsedItem[] = [];
  const warnings: string[] = [];
  entries.forEach((e, index) => {
    const title = str(e['title']);
    if (!title) {
      warnings.push(`entry ${index + 1}: no title; skipped`);
      return;
    }
    const links: Link[] = [];
    const doi = plain(e['DOI']);
    if (doi)
      links.push({
        url: `https://doi.org/${doi.replace(/^https?:\/\/(?:dx\.)?doi\.org\//iu, '')}`,
        role: 'paper',
      });
    const url = plain(e['URL']);
    if (url && /^https?:\/\//iu.test(url)) links.push({ url, role: classifyLink(url) });
    const number = str(e['number']);
    const arxiv =
      /arxiv/iu.test(`${str(e['container-title'])} ${str(e['publisher'])}`) && number
        ? /^(\d{4}\.\d{4,5})/u.exec(number)?.[1]
        : undefined;
    if (arxiv && !links.some((l) => l.url.includes(arxiv)))
      links.push({ url: `https://arxiv.org/abs/${arxiv}`, role: 'paper' });

    const bib: BibFields = {};
    const type = str(e['type']);
    if (type) bib.type = type;
    const key = str(e['citation-key']) ?? str(e['id']);
    if (key) bib.citationKey = key;
    const venue = str(e['container-title']) ?? str(e['collection-title']);
    if (venue) bib.venue = venue;
    const volume = str(e['volume']);
    if (volume) bib.volume = volume;
    const issue = str(e['issue']) ?? (arxiv ? undefined : number);
    if (issue) bib.number = issue;
    const page = str(e['page']);
    if (page) bib.pages = page;
    const publisher = str(e['publisher']);
    if (publisher) bib.publisher = publisher;
    const abstract = str(e['abstract']);
    if (abstract) bib.abstract = abstract;
    const extra: Record<string, string> = {};
    for (const [k, v] of Object.entries(e)) {
      if (CONSUMED.has(k) || v === null) continue;
      extra[k] = typeof v === 'string' ? v : JSON.stringify(v);
    }
    if (Object.keys(extra).length > 0) bib.extra = extra;
    const short = str(e['title-short']) ?? str(e['shortTitle']);

    const split = cslNames(e['author'] ?? e['editor']);
    if (split.length > 0) bib.names = split;
    items.push(
      newEntry({
        title,
        aliases: short && short !== title ? [short] : [],
        links,
        year: yearOf(e['issued']),
        authors: names(split),
        line: index + 1,
        bib,
      }),
    );
  });
  return { title: null, items, warnings };
}

/**
 * An identifier's text as given: CSL's rich text markup (<i>, <sup>) is for titles, and a
 * Wiley DOI holds what looks like a tag, "10.1002/1521-396X(199711)164:1<141::AID-PSSA141>3.0.CO;2-G".
 */
function plain(v: Json | undefined): string | undefined {
  const t = typeof v === 'string' ? v.trim() : undefined;
  return t === '' ? undefined : t;
}

function str(v: Json | undefined): string | undefined {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v
    .replace(/<[^>]{1,20}>/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  return t === '' ? undefined : t;
}

function yearOf(issued: Json | undefined): number | null {
  if (!issued || typeof issued !== 'object' || Array.isArray(issued)) return null;
  const parts = issued['date-parts'];
  const first = Array.isArray(parts) && Array.isArray(parts[0]) ? parts[0][0] : undefined;
  const text = first !== undefined && first !== null ? String(first) : (str(issued['raw']) ?? '');
  const m = /\b(1[5-9]\d\d|20\d\d)\b/u.exec(text);
  return m ? Number(m[1]) : null;
}

/** The names as CSL-JSON splits them, kept for an export to write back as they came. */
function cslNames(list: Json | undefined): BibName[] {
  if (!Array.isArray(list)) return [];
  const out: BibName[] = [];
  for (const n of list) {
    if (!n || typeof n !== 'object' || Array.isArray(n)) continue;
    const literal = str(n['literal']);
    const family = [str(n['non-dropping-particle']), str(n['family'])].filter(Boolean).join(' ');
    const given = str(n['given']);
    if (literal) out.push({ literal });
    else if (family && given) out.push({ family, given });
    else if (family || given) out.push({ literal: family || (given as string) });
  }
  return out;
}

/** The names as the item shows them: "Given Family" ("Ludwig van Beethoven"), or whole. */
function names(split: readonly BibName[]): string[] {
  return split.map((n) => n.literal ?? `${n.given} ${n.family}`);
}
