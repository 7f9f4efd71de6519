// What `lectio enrich`, `lectio feed` and `lectio inbox` keep beside the library: the arXiv
// metadata cache, the followed feeds and every feed entry ever seen. SQLite implements it
// (src/store/sqlite/feed-store.ts); the core sees only this.

import type { Link, Status } from './item.js';

/** A paper's metadata as the arXiv API gives it (src/sources/arxiv-api.ts). */
export interface PaperMetadata {
  /** Versionless canonical id (`1707.08567`, `astro-ph/0601001`), as parseArxivId gives it. */
  id: string;
  /** Version the answer describes: the latest unless a version was asked for. */
  version: number | null;
  title: string;
  authors: string[];
  abstract: string;
  /** First version's submission, UTC ISO 8601. */
  published: string | null;
  /** This version's submission, UTC ISO 8601. */
  updated: string | null;
  categories: string[];
  primaryCategory: string | null;
  doi: string | null;
  journalRef: string | null;
  comment: string | null;
  /** Abstract page (`paper`, label `abs`), PDF (`pdf`), published version (`paper`, label `doi`). */
  links: Link[];
}

/** A feed entry as src/sources/feeds.ts reads it, what the inbox lands. */
export interface IncomingEntry {
  /**
   * Stable key of the entry: `arxiv:<id>` for arXiv papers (the same in every feed and for
   * every version), else the feed's guid or Atom id, else the link.
   */
  id: string;
  title: string;
  link: string | null;
  authors: string[];
  /** Plain text, one line. */
  summary: string;
  /** UTC ISO 8601: the announcement date for arXiv feeds. */
  published: string | null;
  categories: string[];
  /** Versionless canonical arXiv id, when the entry is an arXiv paper. */
  arxivId: string | null;
}

export interface CachedPaper {
  /** `arxiv:<versionless id>`. */
  key: string;
  fetchedAt: string;
  /** null: arXiv answered that it does not know the id. */
  paper: PaperMetadata | null;
}

/** Metadata columns of an item, beside what its sources fold to. */
export interface ItemMetadata {
  abstract: string | null;
  categories: string[];
  journalRef: string | null;
  doi: string | null;
  enrichedAt: string | null;
}

export interface StoredFeed {
  id: number;
  spec: string;
  url: string;
  title: string | null;
  /** Entries must hold one of these words (empty: no constraint). */
  include: string[];
  /** Entries holding one of these words are left out. */
  exclude: string[];
  addedAt: string;
  fetchedAt: string | null;
  lastError: string | null;
  /** Entries of this feed waiting in the inbox. */
  waiting: number;
}

export const INBOX_STATES = ['inbox', 'kept', 'dismissed', 'known', 'filtered'] as const;
export type InboxState = (typeof INBOX_STATES)[number];

export interface InboxEntry {
  /** `arxiv:<id>` for arXiv papers whatever the feed, else the feed's guid or link. */
  key: string;
  feedId: number;
  /** The inbox item (state inbox or kept), or the library item it turned out to be (known). */
  itemId: number | null;
  state: InboxState;
  title: string;
  summary: string;
  published: string | null;
  seenAt: string;
  decidedAt: string | null;
  /** 0-100, from inbox-rank.ts; null until ranked. */
  score: number | null;
  bestTopic: string | null;
  /** Library items most like it, best first. */
  similar: number[];
  /** The words that matched its best topic. */
  words: string[];
}

/**
 * What the inbox ranking read in an item: the ids of its terms (numbered as in
 * FeedStore.rankTerms) in reading order and how often each came (title words twice).
 */
export interface TermCounts {
  ids: Int32Array;
  counts: Int32Array;
}

/** What a ranking leaves for the next one to read instead of the items' text. */
export interface RankMemory {
  /** Forget every term and count kept so far (most kept terms are no item's any more). */
  forget: boolean;
  /** Terms numbered by this ranking. */
  terms: Array<{ id: number; term: string }>;
  /** What it read in the items that came without `counted`. */
  items: Array<{ itemId: number; counted: TermCounts }>;
}

/** One library item as the inbox ranking reads it. */
export interface RankingDoc {
  id: number;
  title: string;
  /** Aliases, abstract, why: the rest of what the item says about itself. */
  text: string;
  /** What the ranking read in title and text last time, when still true (then both are left empty). */
  counted?: TermCounts | null;
  topics: string[];
  status: Status;
  importance: number | null;
  rating: number | null;
}

export interface FeedStore {
  cachedPapers(keys: readonly string[]): Map<string, CachedPaper>;
  cachePapers(papers: readonly CachedPaper[]): void;
  /** Items holding an arXiv key, with it: all of them, or those of `itemIds`. */
  arxivIdsOfItems(
    itemIds?: readonly number[],
  ): Array<{ itemId: number; arxivId: string; enrichedAt: string | null }>;
  itemMetadata(itemId: number): ItemMetadata | null;
  setItemMetadata(itemId: number, metadata: ItemMetadata): void;
  /** Removes the item's sources of one list (its metadata source before a refresh). */
  removeItemSources(itemId: number, listId: number): void;
  /** Removes an item and everything of it (a dismissed inbox entry). */
  deleteItem(itemId: number): void;

  feeds(): StoredFeed[];
  feedBySpec(spec: string): StoredFeed | null;
  addFeed(feed: { spec: string; url: string; include: string[]; exclude: string[] }, at: string): number;
  removeFeed(id: number): void;
  markFetched(id: number, at: string, title: string | null, error: string | null): void;

  inboxEntries(keys: readonly string[]): Map<string, InboxEntry>;
  saveInboxEntry(entry: InboxEntry): void;
  /** Entries in one state, best score first. */
  inboxByState(state: InboxState): InboxEntry[];
  /** Key, title and summary of the entries in one state, in inboxByState's order: what the ranking reads. */
  inboxTexts(state: InboxState): Array<Pick<InboxEntry, 'key' | 'title' | 'summary'>>;
  inboxEntryOfItem(itemId: number): InboxEntry | null;
  setInboxState(key: string, state: InboxState, itemId: number | null, at: string): void;
  setInboxRanking(
    key: string,
    ranking: { score: number; bestTopic: string | null; similar: number[]; words: string[] },
  ): void;
  /**
   * Every library item that is not waiting in the inbox (sites aside: a lab homepage is no
   * paper to be like), with what the ranking read in it, when that is kept and still true.
   */
  rankingDocs(): RankingDoc[];
  /** The terms earlier rankings numbered, by id ('' for an id not kept). */
  rankTerms(): string[];
  /** Keeps what a ranking read for the next one; an item's counts are dropped when its title or text changes. */
  saveRankMemory(memory: RankMemory): void;
}
