// What exporters read: every item of a selection with everything a list, a bibliography or
// a site shows, read in bulk (LibraryStore.exportItems), and the whole library as rows for a
// backup (LibraryStore.backupTables). Plain data; the formats live in src/formats/export/.

import type { BibFields, ItemKind, Link, Status } from './item.js';

export interface ExportItem {
  id: number;
  title: string;
  aliases: string[];
  kind: ItemKind;
  status: Status;
  importance: number | null;
  why: string | null;
  year: number | null;
  authors: string[];
  /** Topic paths, first seen first. */
  topics: string[];
  links: Link[];
  ids: { arxiv?: string; doi?: string; github?: string; youtube?: string };
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

export interface ExportSelection {
  /** Items in library order (by id). */
  items: ExportItem[];
  /** Every topic path in the user's order. */
  topics: string[];
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
