// What exporters read: every item of a selection with everything a list, a bibliography or
// a site shows, read in bulk (LibraryStore.exportItems), and the whole library as rows for a
// backup (LibraryStore.backupTables). Plain data; the formats live in src/formats/export/.

import { strongIdOfUrl } from './canonical-id.js';
import { identityLinks } from './identity.js';
import type { BibFields, Link } from './item.js';
import type { ItemAggregate } from './library-store.js';

/** An item as exporters read it: its folded fields (list counts aside) and what they write. */
export interface ExportItem extends Omit<ItemAggregate, 'listCount'> {
  id: number;
  links: Link[];
  /** The lists' notes. */
  notes: string[];
  /** The user's own note (lectio note). */
  note: string;
  rating: number | null;
  pass: number;
  readAt: string | null;
  createdAt: string;
  /** From enrichment (arXiv, DOI): null or empty when never enriched. */
  abstract: string | null;
  doi: string | null;
  categories: string[];
  journalRef: string | null;
  /** Bibliographic fields of its sources (BibTeX, CSL-JSON), the first source's value per field. */
  bib: BibFields | null;
}

/**
 * What an export is for, which decides the fields read (a 100k-item export pays for every
 * column it reads): `list` a markdown list (title, status, stars, why, authors, year, topics,
 * links, notes), `citation` BibTeX or CSL-JSON (kind, year, authors, topics, links, abstract,
 * DOI, categories, journal reference, the sources' bibliographic fields), `all` everything
 * (the site, tests). Fields not read hold their empty value.
 */
export type ExportPurpose = 'list' | 'citation' | 'all';

export interface ExportSelection {
  /** Items in library order (by id). */
  items: ExportItem[];
  /** Every topic path in the user's order. */
  topics: string[];
}

export type ItemIds = { arxiv?: string; doi?: string; github?: string; youtube?: string };

/**
 * The strong ids of an item's identifying links (`ids` of list --json, the same rule as the
 * store's): computed by the exporters that need them, not by the bulk read, which a
 * markdown export of 100k items would pay for with nothing to show.
 */
export function itemIds(links: readonly Link[]): ItemIds {
  const ids: ItemIds = {};
  for (const link of identityLinks(links)) {
    const id = strongIdOfUrl(link.url);
    if (id !== null && ids[id.scheme] === undefined) ids[id.scheme] = id.value;
  }
  return ids;
}

/** One table's rows, column name → value, as the store holds them. */
export type BackupRow = Record<string, string | number | null>;

/**
 * The library as rows, by table. Restoring them into an empty library of the same schema
 * gives the same library: ids, history, notes, plans, topic order and renames included.
 */
export interface BackupTables {
  /** The schema version the rows were read from. */
  schema: number;
  tables: Record<string, BackupRow[]>;
}
