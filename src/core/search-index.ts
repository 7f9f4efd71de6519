// Full-text search over the library, as the core and the commands see it. The SQLite
// implementation is src/store/sqlite/sqlite-search.ts; the query language is search-query.ts.

import type { ItemKind, Status } from './item.js';
import type { ParsedQuery } from './search-query.js';

/**
 * Where a hit can come from. `note` is the user's own note (lectio note); `notes` are the
 * notes the lists give; `topics` are the topic paths the item is filed under.
 */
export const SEARCH_FIELDS = [
  'title',
  'aliases',
  'authors',
  'topics',
  'why',
  'note',
  'notes',
  'abstract',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export interface SnippetPart {
  text: string;
  /** A word of the query. */
  hit: boolean;
}

/** A short piece of one field with the words of the query marked. */
export interface Snippet {
  field: SearchField;
  parts: SnippetPart[];
}

export interface SearchHit {
  id: number;
  title: string;
  kind: ItemKind;
  status: Status;
  importance: number | null;
  year: number | null;
  topics: string[];
  /**
   * Higher is better; hits come in this order. Above 1: every word is in the title, an alias
   * or an author. Between 0 and 1: the words are found across the other fields too. 0: not
   * ranked, for a query of filters only (items in library order) and, after the hits above 1,
   * for a query of one word in a tenth of the library or more (most recently added first).
   */
  score: number;
  /** Null for a query of filters only. */
  snippet: Snippet | null;
}

export interface SearchIndex {
  /** The best `limit` hits. Throws LectioError('bad_input') for a filter naming nothing (list:NAME). */
  search(query: ParsedQuery, limit: number): SearchHit[];
  /** Bulk writes: stop indexing row by row until rebuild() (call both inside the writer's transaction). */
  pauseIndexing(): void;
  /** Indexes everything afresh and resumes row-by-row indexing. */
  rebuild(): void;
}
