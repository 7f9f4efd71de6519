// The inbox: what followed feeds bring (`lectio feed fetch`), deduplicated against the library
// and against each other, ranked against the library (inbox-rank.ts), then kept to a topic or
// dismissed (`lectio inbox keep|dismiss`).
//
// A new entry becomes an item with status `inbox` and one source in the list
// `lectio:feed:<spec>`: search finds it, `show` and `mark` work on it, and the queue, `list`
// and topics leave it out until it is kept. Every entry ever seen is remembered by its key
// (`arxiv:<id>` for arXiv papers from any feed, any version): a paper cross-listed in three
// categories, announced again as a new version, or also on Hugging Face's daily papers is one
// entry, and a dismissed paper never comes back. An entry that is already in the library
// (same identity rules as an import: place-entry.ts) is recorded as known and adds nothing.
// Dismissing removes the item; its title and summary stay, and count against similar entries.

import { aggregateSources } from './aggregate.js';
import { LectioError } from './errors.js';
import type { IncomingEntry, InboxEntry, StoredFeed } from './feed-store.js';

export type { IncomingEntry };
import { rankInbox } from './inbox-rank.js';
import { newEntry, type Link, type ParsedItem } from './item.js';
import { ADDED_LIST_PATH, FEED_LIST_PREFIX, KEPT_MATCH, type LibraryStore } from './library-store.js';
import { classifyLink } from './link-role.js';
import { addedAnchor, placeEntry } from './place-entry.js';
import { refreshTopicRanks } from './topic-service.js';
import { resolveTopicForWriting, rootOf, treeOrder } from './topic-tree.js';

export interface LandReport {
  spec: string;
  entries: number;
  /** New in the inbox. */
  added: number;
  /** Already in the library. */
  known: number;
  /** Seen before (in the inbox, kept or dismissed): nothing to do. */
  seen: number;
  /** Left out by the feed's include/exclude words. */
  filtered: number;
}

/** Whether `text` holds `word`: case-insensitive, whole words, `quantiz*` for a prefix. */
export function holdsWord(text: string, word: string): boolean {
  const w = word.trim().toLowerCase();
  if (w === '') return false;
  const prefix = w.endsWith('*');
  const core = (prefix ? w.slice(0, -1) : w).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&').replace(/\s+/gu, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${core}${prefix ? '' : '(?![\\p{L}\\p{N}])'}`, 'iu').test(text);
}

/** Why a feed's words leave the entry out, or null when they let it in. */
export function filteredOut(feed: Pick<StoredFeed, 'include' | 'exclude'>, text: string): string | null {
  const excluded = feed.exclude.find((w) => holdsWord(text, w));
  if (excluded) return `holds "${excluded}"`;
  if (feed.include.length > 0 && !feed.include.some((w) => holdsWord(text, w)))
    return 'holds none of the include words';
  return null;
}

function entryOf(e: IncomingEntry): ParsedItem {
  const links: Link[] = [];
  if (e.arxivId) links.push({ url: `https://arxiv.org/abs/${e.arxivId}`, role: 'paper' });
  else if (e.link) links.push({ url: e.link, role: classifyLink(e.link) });
  // An arXiv id says when the paper was first submitted (2009.13987: 2020); a feed's date
  // says when it was announced, which for a new version may be years later.
  const year = e.arxivId ? arxivYear(e.arxivId) : e.published ? Number(e.published.slice(0, 4)) : null;
  return newEntry({
    title: e.title,
    links,
    status: 'inbox',
    year: Number.isInteger(year) ? year : null,
    authors: e.authors,
    bib: {
      abstract: e.summary,
      ...(e.categories.length ? { extra: { categories: e.categories.join(' ') } } : {}),
    },
  });
}

/** The year of an arXiv id: `2009.13987` → 2020, `cs/0112017` → 2001. */
export function arxivYear(id: string): number | null {
  const m = /(?:^|\/)(\d{2})(\d{2})[.\d]/u.exec(id);
  if (!m) return null;
  const yy = Number(m[1]);
  return yy >= 91 ? 1900 + yy : 2000 + yy;
}

/** Lands one fetch of a feed; run it in a transaction. */
export function landEntries(
  store: LibraryStore,
  feed: StoredFeed,
  entries: readonly IncomingEntry[],
  at: string,
): LandReport {
  const feeds = store.feedStore();
  const report: LandReport = {
    spec: feed.spec,
    entries: entries.length,
    added: 0,
    known: 0,
    seen: 0,
    filtered: 0,
  };
  const seen = feeds.inboxEntries(entries.map((e) => e.id));
  const path = `${FEED_LIST_PREFIX}${feed.spec}`;
  let listId = store.listByPath(path)?.id ?? null;
  const touched: number[] = [];
  for (const e of entries) {
    if (seen.has(e.id)) {
      report.seen++;
      continue;
    }
    const base: InboxEntry = {
      key: e.id,
      feedId: feed.id,
      itemId: null,
      state: 'inbox',
      title: e.title,
      summary: e.summary,
      published: e.published,
      seenAt: at,
      decidedAt: null,
      score: null,
      bestTopic: null,
      similar: [],
      words: [],
    };
    seen.set(e.id, base);
    if (filteredOut(feed, `${e.title}\n${e.summary}`) !== null) {
      feeds.saveInboxEntry({ ...base, state: 'filtered', decidedAt: at });
      report.filtered++;
      continue;
    }
    const entry = entryOf(e);
    const placed = placeEntry(store, entry, at);
    if (!placed.created) {
      feeds.saveInboxEntry({ ...base, state: 'known', itemId: placed.itemId, decidedAt: at });
      report.known++;
      continue;
    }
    listId ??= store.saveList(path, feed.title ?? feed.spec, '', at);
    store.addSource(
      placed.itemId,
      listId,
      { ...entry, line: ++report.added },
      placed.keys,
      placed.titleKeys,
      'new',
    );
    store.saveAggregate(placed.itemId, aggregateSources(store.sourcesOf(placed.itemId), null), at);
    feeds.setItemMetadata(placed.itemId, {
      abstract: e.summary || null,
      categories: e.categories,
      journalRef: null,
      doi: null,
      enrichedAt: null,
    });
    feeds.saveInboxEntry({ ...base, itemId: placed.itemId });
    touched.push(placed.itemId);
  }
  if (touched.length > 0) refreshTopicRanks(store, touched);
  return report;
}

/** Scores every entry waiting in the inbox against the library as it is now; run it in a transaction. */
export function rerankInbox(store: LibraryStore): number {
  const feeds = store.feedStore();
  const waiting = feeds.inboxTexts('inbox');
  if (waiting.length === 0) return 0;
  const rootRanks = new Map<string, number>();
  for (const path of treeOrder(store.topics())) {
    const root = rootOf(path);
    if (!rootRanks.has(root)) rootRanks.set(root, rootRanks.size + 1);
  }
  const rankings = rankInbox({
    library: feeds.rankingDocs(),
    dismissed: feeds.inboxTexts('dismissed').map((e) => `${e.title}\n${e.summary}`),
    candidates: waiting,
    rootRanks,
    keptTerms: feeds.rankTerms(),
    remember: (memory) => feeds.saveRankMemory(memory),
  });
  for (const r of rankings) feeds.setInboxRanking(r.key, r);
  return rankings.length;
}

export interface InboxView extends InboxEntry {
  itemId: number;
  feed: string;
  /** The nearest library items, with their titles. */
  like: Array<{ id: number; title: string }>;
  /** The ranking in words: "topic LLM Inference · like #28 PagedAttention · words: kv cache, serving". */
  reasons: string[];
}

/**
 * What waits in the inbox, best first, at most `limit` of the `waiting`. Items the user has
 * since marked (reading, read…) have left it.
 */
export function inboxView(
  store: LibraryStore,
  limit = Number.POSITIVE_INFINITY,
): { entries: InboxView[]; waiting: number } {
  const feeds = store.feedStore();
  const specs = new Map(feeds.feeds().map((f) => [f.id, f.spec]));
  const all = feeds.inboxByState('inbox');
  const waiting = all.filter((e) => e.itemId !== null);
  const items = new Map(store.getItems(waiting.map((e) => e.itemId as number)).map((i) => [i.id, i]));
  const out: InboxView[] = [];
  const likeIds = new Set<number>();
  for (const e of waiting) {
    if (items.get(e.itemId as number)?.status !== 'inbox') continue;
    if (out.length >= limit) break;
    for (const id of e.similar) likeIds.add(id);
    out.push({ ...e, itemId: e.itemId as number, feed: specs.get(e.feedId) ?? '?', like: [], reasons: [] });
  }
  const titles = new Map(store.getItems([...likeIds]).map((i) => [i.id, i.title]));
  for (const v of out) {
    v.like = v.similar.filter((id) => titles.has(id)).map((id) => ({ id, title: titles.get(id) as string }));
    if (v.bestTopic) v.reasons.push(`topic ${v.bestTopic}`);
    if (v.like.length > 0)
      v.reasons.push(`like ${v.like.map((l) => `#${l.id} ${clipTitle(l.title)}`).join(', ')}`);
    if (v.words.length > 0) v.reasons.push(`words: ${v.words.join(', ')}`);
    if (v.reasons.length === 0) v.reasons.push('nothing in the library like it yet');
  }
  return { entries: out, waiting: all.length };
}

function clipTitle(title: string): string {
  return title.length > 40 ? `${title.slice(0, 39)}…` : title;
}

function waitingEntry(store: LibraryStore, itemId: number): InboxEntry {
  const entry = store.feedStore().inboxEntryOfItem(itemId);
  const item = store.getItems([itemId])[0];
  if (!item) throw new LectioError('not_found', `no item #${itemId}`);
  if (!entry || entry.state !== 'inbox' || item.status !== 'inbox') {
    throw new LectioError(
      'bad_input',
      `#${itemId} "${item.title}" is not waiting in the inbox (status ${item.status})`,
    );
  }
  return entry;
}

export interface KeepRequest {
  /** Default: the entry's best topic. */
  topic?: string;
  why?: string;
}

/** Keeps an inbox entry: it joins the library as to-read, under a topic, with the why. */
export function keepInboxItem(
  store: LibraryStore,
  itemId: number,
  request: KeepRequest,
  now: Date,
): { itemId: number; title: string; topic: string | null } {
  const at = now.toISOString();
  return store.transaction(() => {
    const entry = waitingEntry(store, itemId);
    const named = request.topic ?? entry.bestTopic ?? undefined;
    const topic = named
      ? resolveTopicForWriting(
          store.topics().map((t) => t.path),
          named,
        )
      : null;
    const item = store.getItems([itemId])[0];
    const listId =
      store.listByPath(ADDED_LIST_PATH)?.id ??
      store.saveList(ADDED_LIST_PATH, 'added with lectio add', '', at);
    const line = store.nextLineOfList(listId);
    const source = newEntry({
      title: item?.title ?? entry.title,
      topic: topic ? topic.split(' / ') : [],
      status: 'to-read',
      line,
    });
    // Named as a `lectio add` source is, for the user's merge decisions (add-item.ts).
    store.addSource(itemId, listId, source, [addedAnchor(line)], [], KEPT_MATCH);
    if (topic) store.ensureTopics([topic]);
    store.saveAggregate(itemId, aggregateSources(store.sourcesOf(itemId), null), at);
    refreshTopicRanks(store, [itemId]);
    const why = request.why?.trim();
    if (why) {
      store.setUserFields(itemId, { why }, at);
      store.addEvent(itemId, 'why', { why }, at);
    }
    store.addEvent(itemId, 'kept', { topic, score: entry.score }, at);
    store.feedStore().setInboxState(entry.key, 'kept', itemId, at);
    return { itemId, title: item?.title ?? entry.title, topic };
  });
}

/** Dismisses an inbox entry: its item goes; the entry stays, so that it never comes back. */
export function dismissInboxItem(store: LibraryStore, itemId: number, now: Date): { title: string } {
  const at = now.toISOString();
  return store.transaction(() => {
    const entry = waitingEntry(store, itemId);
    const title = store.getItems([itemId])[0]?.title ?? entry.title;
    store.feedStore().deleteItem(itemId);
    store.feedStore().setInboxState(entry.key, 'dismissed', null, at);
    return { title };
  });
}
