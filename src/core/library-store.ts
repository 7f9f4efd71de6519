// The storage the core works against. SQLite implements it today (src/store/sqlite);
// a PostgreSQL adapter implements the same interface later. No SQL above this line.

import type { TitleEvidence } from './identity.js';
import type { ItemKind, Link, ParsedItem, Status } from './item.js';

export interface StoredList {
  id: number;
  path: string;
  title: string | null;
  sha256: string;
  importedAt: string;
}

/** One place an item was found, as stored. */
export interface StoredSource {
  id: number;
  itemId: number;
  listId: number;
  file: string;
  line: number;
  title: string;
  aliases: string[];
  topic: string;
  status: Status | null;
  importance: number | null;
  why: string | null;
  notes: string[];
  year: number | null;
  authors: string[];
  /** Why this source joined its item ("new", "arxiv:1704.04760", "title"). */
  match: string;
  links: Link[];
}

/** The item as the rest of the product sees it: its sources folded together. */
export interface ItemAggregate {
  title: string;
  aliases: string[];
  kind: ItemKind;
  status: Status;
  importance: number | null;
  why: string | null;
  year: number | null;
  authors: string[];
}

export interface ItemRecord extends ItemAggregate {
  id: number;
  topics: string[];
  links: Link[];
  ids: { arxiv?: string; doi?: string; github?: string; youtube?: string };
  notes: string[];
  sources: Array<{ file: string; line: number; match: string }>;
  createdAt: string;
  updatedAt: string;
  orphaned: boolean;
}

export interface ListFilter {
  topic?: string;
  status?: Status;
  kind?: ItemKind;
}

export interface LibraryStats {
  items: number;
  lists: number;
  sources: number;
  links: number;
  topics: number;
  orphaned: number;
  byStatus: Record<string, number>;
  byKind: Record<string, number>;
  inSeveralLists: number;
}

export interface LibraryStore {
  /** Runs `fn` in one transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T;
  close(): void;

  listByPath(path: string): StoredList | null;
  saveList(path: string, title: string | null, sha256: string, at: string): number;
  /** Items that have at least one source in the list. */
  itemIdsOfList(listId: number): number[];
  /** Removes the list's sources. Items left with no source keep their links and keys. */
  removeSourcesOfList(listId: number): number[];

  /** Items holding any of the keys, with the key that matched, oldest item first. */
  findItemsByKeys(keys: readonly string[]): Array<{ itemId: number; key: string }>;
  findItemsByTitleKeys(keys: readonly string[]): number[];
  evidenceOf(itemId: number): TitleEvidence;
  createItem(at: string): number;
  addSource(
    itemId: number,
    listId: number,
    item: ParsedItem,
    keys: readonly string[],
    titleKeys: readonly string[],
    match: string,
  ): void;
  /** Moves everything of `from` into `into` and deletes `from`. */
  mergeItems(into: number, from: number, reason: string, at: string): void;
  sourcesOf(itemId: number): StoredSource[];
  /** Saves the folded fields; returns whether anything changed. */
  saveAggregate(itemId: number, aggregate: ItemAggregate, at: string): boolean;
  setOrphaned(itemId: number, orphaned: boolean, at: string): void;
  ensureTopics(paths: readonly string[]): void;

  getItems(ids: readonly number[]): ItemRecord[];
  listItems(filter: ListFilter): ItemRecord[];
  findItemIdsByUrlOrKey(keys: readonly string[]): number[];
  /**
   * Items whose title holds every word (`exact`: the whole title equals the words). With
   * `anyWord`, items holding any of the words, most words first: the "did you mean" list.
   */
  findItemIdsByTitleWords(text: string, limit: number, anyWord?: boolean): { exact: number[]; all: number[] };
  stats(): LibraryStats;
  countItems(): number;
}
