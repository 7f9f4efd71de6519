// The item model shared by every layer. Plain data, no I/O.

export const STATUSES = ['inbox', 'to-read', 'reading', 'read', 'skipped'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * How far along a status is. When sources disagree the furthest along wins
 * (PRODUCT.md, CLI contract): a paper ticked `[x]` in one list and left `[ ]`
 * in another has been read. `skipped` is a decision taken after looking at the
 * paper, so it outranks to-read but never a real read.
 */
export const STATUS_RANK: Record<Status, number> = {
  inbox: 0,
  'to-read': 1,
  skipped: 2,
  reading: 3,
  read: 4,
};

export const LINK_ROLES = [
  'paper',
  'pdf',
  'code',
  'blog',
  'slides',
  'video',
  'notes',
  'site',
  'other',
] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

export const ITEM_KINDS = ['paper', 'code', 'blog', 'video', 'slides', 'notes', 'site', 'other'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface Link {
  url: string;
  role: LinkRole;
  /** The text the list gave the link ("code", "代码", "paper"), when there was one. */
  label?: string;
}

/** What one list says about one item, at one place. The unit an importer produces. */
export interface ParsedItem {
  title: string;
  /** Other names the list gives the same item (an alias line, a short name). */
  aliases: string[];
  links: Link[];
  /** Topic path, outermost first: ["LLM", "Quantization"]. Empty when the item sits above every heading. */
  topic: string[];
  status: Status | null;
  importance: number | null;
  why: string | null;
  notes: string[];
  year: number | null;
  authors: string[];
  /** 1-based line in the source file. */
  line: number;
  /** What a reference manager or a metadata source says beyond a list's fields (absent for markdown). */
  bib?: BibFields;
  /**
   * The entry that stands for the list itself, holding the links a list gives about itself
   * (its license badge, its Twitter): they say nothing of what the entry is, so they never
   * identify it, or every two lists under the MIT license would share one entry.
   */
  aboutList?: true;
}

/**
 * Bibliographic fields, as BibTeX/CSL-JSON/arXiv give them. Every field is optional; a
 * DOI or arXiv id also travels as a link, so that identity needs nothing from here.
 */
export interface BibFields {
  /** BibTeX entry type in lower case ("article", "inproceedings", "misc") or a CSL type. */
  type?: string;
  citationKey?: string;
  /** Journal, proceedings (booktitle) or series. */
  venue?: string;
  volume?: string;
  number?: string;
  pages?: string;
  publisher?: string;
  month?: string;
  abstract?: string;
  /**
   * The authors as the reference manager split them, when it did (BibTeX, CSL-JSON): an
   * export writes "Al Hassan, Ali" and "{American Psychological Association}" back as given,
   * where the displayed "Ali Al Hassan" would be split "Hassan, Ali Al".
   */
  names?: BibName[];
  /** The author list ended in "and others". */
  moreNames?: boolean;
  /** Every other field the input had, by its own name, so that nothing is dropped. */
  extra?: Record<string, string>;
}

/** One author: family and given names, or a name not to be split (an organisation). */
export interface BibName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface ParsedList {
  title: string | null;
  items: ParsedItem[];
  /** Things the reader should know about the input (mojibake repaired, lines skipped...). */
  warnings: string[];
}

/** An entry with nothing but what is given: no aliases, links, topic, status, notes. */
export function newEntry(fields: Partial<ParsedItem> & Pick<ParsedItem, 'title'>): ParsedItem {
  return {
    aliases: [],
    links: [],
    topic: [],
    status: null,
    importance: null,
    why: null,
    notes: [],
    year: null,
    authors: [],
    line: 0,
    ...fields,
  };
}

export function furthestStatus(a: Status | null, b: Status | null): Status | null {
  if (a === null) return b;
  if (b === null) return a;
  return STATUS_RANK[b] > STATUS_RANK[a] ? b : a;
}

export function highestImportance(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
