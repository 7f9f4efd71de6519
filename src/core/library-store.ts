// The storage the core works against. SQLite implements it today (src/store/sqlite);
// a PostgreSQL adapter implements the same interface later. No SQL above this line.

import type { TitleEvidence } from './identity.js';
import type { BibFields, ItemKind, Link, ParsedItem, Status } from './item.js';
import type { FeedStore } from './feed-store.js';
import type { BackupTables, ExportItem, ExportPurpose, ExportSelection } from './library-export.js';
import type { SearchHit, SearchIndex } from './search-index.js';
import type { UserFields } from './user-fields.js';

/**
 * The list `lectio add` writes its sources to. Not a file: never re-imported, never
 * counted as a list in "in N lists".
 */
export const ADDED_LIST_PATH = 'lectio:added';
/** The list `lectio enrich` writes arXiv's metadata to, one source per enriched item. */
export const METADATA_LIST_PATH = 'lectio:arxiv';
/** Feeds' entries are sources of the list `lectio:feed:<spec>`. */
export const FEED_LIST_PREFIX = 'lectio:feed:';

/** The `match` of the source an entry kept from the inbox gets (it is not matched: it is the user's word). */
export const KEPT_MATCH = 'kept from the inbox';

/** The `match` of sources the user merged in (`lectio merge`) or split out (`lectio unmerge`): their word, no rule's. */
export const USER_MERGE_MATCH = 'merged by you';
export const USER_UNMERGE_MATCH = 'unmerged by you';

/** Lists lectio keeps itself (added, metadata, feeds): never files, never counted in "in N lists". */
export function isOwnList(path: string): boolean {
  return path.startsWith('lectio:');
}

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
  /** Bibliographic fields, from BibTeX/CSL-JSON/arXiv sources; null for markdown. */
  bib: BibFields | null;
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
  /** Topic paths of its sources, first seen first. */
  topics: string[];
  /** Distinct imported lists that mention it (`lectio add` is not a list). */
  listCount: number;
}

/** What saving a fold changed. */
export interface AggregateChange {
  changed: boolean;
  statusFrom: Status | null;
  statusTo: Status;
}

/** The reader's own fields, set by lectio commands, never by a list. */
export interface ReadingFields {
  pass: number;
  rating: number | null;
  readAt: string | null;
  /** The user's markdown note (lectio note). List notes are `notes`. */
  note: string;
}

export interface ItemRecord extends ItemAggregate, ReadingFields {
  id: number;
  user: UserFields;
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
  /** Without a status, everything but the inbox. */
  status?: Status;
  kind?: ItemKind;
  /** Only items without a why. */
  noWhy?: boolean;
}

/** How the web app's library list can be ordered (always then by id). */
export const ITEM_SORTS = ['added', 'title', 'importance', 'year', 'status', 'updated'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

export interface ItemPageRequest extends ListFilter {
  sort: ItemSort;
  descending: boolean;
  offset: number;
  limit: number;
}

/** One light row of a page of the library: a search hit's fields, and the reader's. */
export interface ItemSummary extends Pick<
  SearchHit,
  'id' | 'title' | 'kind' | 'status' | 'importance' | 'year' | 'topics'
> {
  listCount: number;
  pass: number;
  rating: number | null;
  hasWhy: boolean;
}

export interface ItemPage {
  /** Items matching the filter, all pages together. */
  total: number;
  offset: number;
  rows: ItemSummary[];
}

export interface StoredEvent {
  id: number;
  itemId: number;
  at: string;
  kind: string;
  data: Record<string, unknown>;
}

export interface StoredTopic {
  path: string;
  position: number;
}

export interface TopicCount {
  path: string;
  /** Items filed directly under this path (sub-topics not included). */
  items: number;
  read: number;
  reading: number;
  skipped: number;
}

export interface StoredPlan {
  id: number;
  name: string;
  perWeek: number;
  start: string;
  topic: string | null;
  createdAt: string;
  itemIds: number[];
}

export interface QueueBaseWeights {
  topic: number;
  importance: number;
  consensus: number;
  reading: number;
  age: number;
}

/** The few fields the queue ranks on, one light row per unread item. */
export interface QueueRow {
  id: number;
  title: string;
  status: Status;
  importance: number | null;
  topics: string[];
  listCount: number;
  createdAt: string;
  hasWhy: boolean;
  pass: number;
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

/** An entry of a list as the library holds it (LibraryStore.entriesOfList). */
export interface StoredEntry {
  itemId: number;
  title: string;
  topic: string;
  /** An item no list holds now, found by the list's anchor among its kept rows. */
  kept: boolean;
}

export interface LibraryStore {
  /** Runs `fn` in one transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T;
  close(): void;

  listByPath(path: string): StoredList | null;
  saveList(path: string, title: string | null, sha256: string, at: string): number;
  /**
   * The list's entries as stored: each source's item, title and topic, in the list's order;
   * then items a list mentioned before that no list holds now (kept, orphaned), by the
   * anchors their kept rows hold (`anchorPrefix`: "src:<path>#").
   */
  entriesOfList(listId: number, anchorPrefix: string): StoredEntry[];
  /**
   * Each entry of a list as one text of all it says (title, aliases, topic, status, stars,
   * why, notes, year, authors, fields, links), by item: two reads of a list compare by it.
   */
  entryTextsOfList(listId: number): Array<{ itemId: number; text: string }>;
  /** The identity keys an item is found by (anchors aside). */
  identityKeysOfItem(itemId: number): string[];
  /** One past the last line of the list's sources: the line a new one takes in a list lectio writes (`lectio add`). */
  nextLineOfList(listId: number): number;
  /**
   * Removes the list's sources. Items left with no source keep their links and keys (held
   * by no source: "kept rows"); returns those items.
   */
  removeSourcesOfList(listId: number): number[];
  /** Drops the kept rows of items that have sources again: theirs now say what they hold. */
  dropKeptRows(itemIds: readonly number[]): void;

  /** Items holding any of the keys, with the key that matched, oldest item first. */
  findItemsByKeys(keys: readonly string[]): Array<{ itemId: number; key: string }>;
  findItemsByTitleKeys(keys: readonly string[]): number[];
  /** Items with a title key that starts with `prefix` and is longer, up to `limit` of them. */
  findItemsByTitleKeyPrefix(prefix: string, limit: number): number[];
  evidenceOf(itemId: number): TitleEvidence;
  /** Items holding each title blocking token ("t:word"); none for a token `limit` sources or more hold (too common). */
  findItemsByTitleTokens(tokens: readonly string[], limit: number): Map<string, number[]>;
  /**
   * The titles of each item's sources (and its folded title), for a first look at candidates.
   * Asked for many items at once (a pass over the whole library), it reads them in one scan.
   */
  titlesOfItems(itemIds: readonly number[]): Map<number, string[]>;
  /**
   * What findItemsByTitleKeys and findItemsByTitleTokens answer, for every key at once: each
   * title key with its items (the first 16, oldest first), and each blocking token that starts
   * with `tokenPrefix` ("t:word") and that fewer than `tokenLimit` sources hold, with its items.
   * A pass over the whole library (`lectio duplicates`) reads this once instead of asking
   * twice per item.
   */
  titleKeyIndex(
    tokenPrefix: string,
    tokenLimit: number,
  ): { titles: Map<string, number[]>; tokens: Map<string, number[]> };
  /** Bibliographic sources (BibTeX, CSL-JSON) whose title has this key, with their list: series titles. */
  bibRecordsWithTitleKey(key: string, limit: number): Array<{ listId: number; evidence: TitleEvidence }>;
  /** The user's merge decisions about a source anchor: anchors to keep with it, and apart from it. */
  mergeDecisionsOf(anchor: string): { together: string[]; apart: string[] };
  /** Whether any merge decision was ever recorded. */
  hasMergeDecisions(): boolean;
  /** Records a decision between two source anchors (both directions); undoes the opposite one. */
  addMergeDecision(kind: 'together' | 'apart', a: string, b: string, at: string): void;
  /** The anchors of an item's sources ("src:/path/list.bib#key"). */
  anchorsOfItem(itemId: number): string[];
  /** Anchor of each of an item's sources, by source id (sources without one are absent). */
  sourceAnchorsOf(itemId: number): Map<number, string>;
  /** Moves one source (its links and keys) out of `itemId` into a new item; returns the new item's id. */
  splitSource(itemId: number, sourceId: number, at: string): number;
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
  /**
   * Saves the folded fields and recomputes the effective ones (user-fields.ts). With
   * `rootRanks` (topicRootRanks), the item's topic_rank is written with them, as
   * refreshTopicRanks would set it after.
   */
  saveAggregate(
    itemId: number,
    aggregate: ItemAggregate,
    at: string,
    rootRanks?: ReadonlyMap<string, number>,
  ): AggregateChange;
  /** Sets the user's own fields (undefined: leave as is; null: clear) and recomputes the effective ones. */
  setUserFields(itemId: number, patch: Partial<UserFields>, at: string): void;
  setReadingFields(itemId: number, patch: Partial<ReadingFields>, at: string): void;
  addEvent(itemId: number, kind: string, data: Record<string, unknown>, at: string): void;
  eventsOf(itemId: number): StoredEvent[];
  /** Status and pass events of every item, oldest first: the reading history. */
  readingEvents(): StoredEvent[];
  /** Whether the flag changed. */
  setOrphaned(itemId: number, orphaned: boolean, at: string): boolean;
  ensureTopics(paths: readonly string[]): void;
  /**
   * Deletes the topics nothing is filed under any more, directly or in a sub-topic: no source
   * (a moved item's sources are filed under its topic; filters and counts read sources, so an
   * orphaned item's old topics find nothing either) and no plan. Returns their paths.
   */
  dropEmptyTopics(): string[];
  /**
   * Who files what under which topic path, as spelt: each list (by id) and its sources'
   * topics; `null` for the user's own (a moved item's topic, a plan's).
   */
  topicUsers(): Array<{ listId: number | null; topic: string }>;
  topics(): StoredTopic[];
  topicCounts(): TopicCount[];
  /** Rewrites every position: `paths` in order (all of them). */
  setTopicOrder(paths: readonly string[]): void;
  /** Moves a topic (and its sub-topics) to a new path, merging when it exists; remembered for re-imports. */
  renameTopic(from: string, to: string, at: string): number;
  topicRenames(): Map<string, string>;

  createPlan(plan: Omit<StoredPlan, 'id'>): number;
  planByName(name: string): StoredPlan | null;
  plans(): StoredPlan[];
  deletePlan(id: number): void;
  /** Sets items.topic_rank from the ranks of top-level topics; all items, or only `itemIds`. */
  setTopicRanks(rootRanks: ReadonlyMap<string, number>, itemIds?: readonly number[]): void;
  /** Unread items (sites aside), of one topic, or the given ids. */
  queueRows(filter: { topic?: string; kind?: ItemKind; ids?: readonly number[] }): QueueRow[];
  /**
   * The ids of the `limit` best unread items by the base of rank-queue.ts's score (every
   * factor but plans and due dates, which only ever add): a pre-selection done in the
   * database, so that ranking 100k items reads a few rows. test/queue-preranking.test.ts
   * checks that it agrees with rankQueue.
   */
  topQueueIds(
    filter: { topic?: string; kind?: ItemKind },
    weights: QueueBaseWeights,
    now: Date,
    limit: number,
  ): number[];

  getItems(ids: readonly number[]): ItemRecord[];
  /** What exporters read (library-export.ts): the items a filter selects, in a few bulk queries. */
  exportItems(filter: ListFilter, purpose?: ExportPurpose): ExportSelection;
  /** The same items one at a time, kept by nobody (a 100k-item export); returns every topic path. */
  eachExportItem(filter: ListFilter, purpose: ExportPurpose, visit: (item: ExportItem) => void): string[];
  /** Every row of the library, for a JSON backup. */
  backupTables(): BackupTables;
  /** Writes a backup's rows; `replace` first empties the library. Call inside transaction(). */
  restoreTables(backup: BackupTables, replace: boolean): void;
  listItems(filter: ListFilter): ItemRecord[];
  /**
   * Every item of the library (the inbox aside), in id order, with its title, aliases and
   * number of sources: what `lectio duplicates` walks, without listItems' links and notes
   * (3.8 s of listItems against a fraction of it at 100k items). With `ids`, those items only.
   */
  itemTitles(
    ids?: readonly number[],
  ): Array<{ id: number; title: string; aliases: string[]; sources: number }>;
  /** One page of light rows in a given order, with the total (the web app's library list). */
  pageItems(request: ItemPageRequest): ItemPage;
  findItemIdsByUrlOrKey(keys: readonly string[]): number[];
  /**
   * Items whose title holds every word (`exact`: the whole title equals the words). With
   * `anyWord`, items holding any of the words, most words first: the "did you mean" list.
   */
  findItemIdsByTitleWords(text: string, limit: number, anyWord?: boolean): { exact: number[]; all: number[] };
  stats(): LibraryStats;
  countItems(): number;
  /**
   * A large import, inside transaction(): until the returned function is called, the store
   * may put off what it does better once at the end. SQLite drops the indexes placing an entry
   * never reads (status, the queue's, search filters', topics') and builds them again, writes
   * a new item's row at its first fold instead of creating it empty and then updating it, and
   * does not look up keys it knows it lacks.
   */
  beginBulkImport(): () => void;
  /** Full-text search over the library (src/core/search-index.ts). */
  searchIndex(): SearchIndex;
  /** The arXiv metadata cache, feeds and the inbox (src/core/feed-store.ts). */
  feedStore(): FeedStore;
}
