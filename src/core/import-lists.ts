// The import service: parsed lists in, one deduplicated library out. Identity rules come
// from identity.ts, folding rules from aggregate.ts; the store only keeps what is decided.

import { aggregateSources } from './aggregate.js';
import type { ParsedItem, ParsedList } from './item.js';
import type { LibraryStore, StoredSource } from './library-store.js';
import { entryKeySets, titleKey } from './identity.js';
import { findOtherWorks, mayNameTwoWorks, type OtherWork } from './merge-service.js';
import {
  ANCHOR_PREFIX,
  placeEntry,
  ReturningEntries,
  seriesTitleKeys,
  sourceAnchorNamer,
} from './place-entry.js';
import { dropEmptyTopics, refreshTopicRanks, topicRootRanks } from './topic-service.js';
import { topicAsNamed, topicPathAndParents, TopicSpelling } from './topic-tree.js';

export interface ListInput {
  /** Absolute path: the list's identity across imports. */
  path: string;
  sha256: string;
  parsed: ParsedList;
  warnings: string[];
}

export interface MergeNote {
  itemId: number;
  /** The entry's title, as its list gives it. */
  title: string;
  /** The item's title once the import is done: the entry may name it otherwise ("SmoothQuant" for "Accurate and Efficient…"). */
  itemTitle: string;
  file: string;
  line: number;
  reason: string;
}

export interface ImportReport {
  files: Array<{
    path: string;
    outcome: 'new' | 'changed' | 'unchanged';
    entries: number;
    warnings: string[];
  }>;
  added: number;
  updated: number;
  merged: number;
  merges: MergeNote[];
  /**
   * Merges of this run that joined, under one id, entries whose titles name two works: the
   * list linked another paper (merge-service.ts findOtherWorks). `lectio duplicates` lists
   * them again until the user unmerges or keeps them.
   */
  otherWorks: OtherWork[];
  orphaned: Array<{ id: number; title: string }>;
  items: number;
}

export interface ImportOptions {
  now: () => Date;
  onProgress?: (done: number, total: number) => void;
  /** Whether to import the bulk way (below); by default by size. Tests compare both ways. */
  bulk?: boolean;
}

export function importLists(
  store: LibraryStore,
  inputs: readonly ListInput[],
  options: ImportOptions,
): ImportReport {
  const at = options.now().toISOString();
  /** Entries of this run placed into an item with other entries: merges, and more (below). */
  const joined: Array<Pick<MergeNote, 'itemId' | 'title' | 'file' | 'line'>> = [];
  const report: ImportReport = {
    files: [],
    added: 0,
    updated: 0,
    merged: 0,
    merges: [],
    otherWorks: [],
    orphaned: [],
    items: 0,
  };
  const total = inputs.reduce((n, i) => n + i.parsed.items.length, 0);
  let done = 0;

  return store.transaction(() => {
    const created = new Set<number>();
    const touched = new Set<number>();
    // Items created in this run are folded from what was parsed, without reading their
    // sources back (at 100k entries that read-back was a third of the store's time).
    const fresh = new Map<number, StoredSource[]>();
    /** What a changed list's entries said before, to tell which items it changed (a new link). */
    const textsBefore = new Map<number, Array<{ itemId: number; text: string }>>();
    // A big import indexes for search once at the end: about 5 times faster per item than
    // the row triggers (bench/search-bench.ts), but it re-reads the whole library, so only
    // when the import is a large share of it. From a few hundred entries on it pays: the
    // 1,300 entries of dair-ai's list import in about 40% less time (BENCHMARKS.md a).
    const itemsBefore = store.countItems();
    const bulk = options.bulk ?? (total > 500 && total > itemsBefore / 2);
    if (bulk) store.searchIndex().pauseIndexing();
    const endBulk = bulk ? store.beginBulkImport() : null;
    const previous = new Set<number>();
    // Items whose only list changed: they hold kept rows until an entry places them again.
    const keptRows = new Set<number>();
    const topics: string[] = [];
    const spelling = new TopicSpelling(
      store.topics().map((t) => t.path),
      store.topicRenames(),
    );

    /** Topics that only a changed list used: their spelling follows the list's. */
    const ownTopics: string[] = [];
    /** Who used each topic path before this run, read when a changed list first needs it. */
    let topicUsers: Map<string, Set<number | null>> | undefined;
    for (const input of inputs) {
      const existing = store.listByPath(input.path);
      if (existing && existing.sha256 === input.sha256) {
        report.files.push({
          path: input.path,
          outcome: 'unchanged',
          entries: input.parsed.items.length,
          warnings: input.warnings,
        });
        done += input.parsed.items.length;
        continue;
      }
      const listId = store.saveList(input.path, input.parsed.title, input.sha256, at);
      const earlier = existing ? store.entriesOfList(listId, `${ANCHOR_PREFIX}${input.path}#`) : [];
      const before = new Set(earlier.filter((e) => !e.kept).map((e) => e.itemId));
      /** The titles the list's earlier entries gave each item: a new row joining one is news. */
      const earlierNames = new Set(
        earlier.filter((e) => !e.kept).map((e) => `${e.itemId} ${titleKey(e.title)}`),
      );
      let orphans = new Set<number>();
      if (existing) {
        textsBefore.set(listId, store.entryTextsOfList(listId));
        topicUsers ??= usersOfTopics(store.topicUsers());
        orphans = new Set(store.removeSourcesOfList(listId));
        // A heading only this list used follows its spelling now ("## llm" fixed to "## LLM").
        for (const [path, users] of topicUsers) {
          if (!users.has(listId) || users.size !== 1) continue;
          spelling.unlearn(path);
          ownTopics.push(path);
        }
      }
      for (const id of orphans) keptRows.add(id);
      const returning = new ReturningEntries(
        earlier.filter((e) => e.kept || orphans.has(e.itemId)),
        claimedBy(store, input.parsed.items),
      );
      for (const id of before) {
        previous.add(id);
        touched.add(id);
      }
      report.files.push({
        path: input.path,
        outcome: existing ? 'changed' : 'new',
        entries: input.parsed.items.length,
        warnings: [...input.warnings, ...input.parsed.warnings],
      });

      const anchorOf = sourceAnchorNamer(input.path);
      const seriesTitles = seriesTitleKeys(input.parsed.items);
      for (const parsed of input.parsed.items) {
        const entry = topicAsNamed(parsed, spelling);
        const placed = placeEntry(store, entry, at, {
          anchor: anchorOf(parsed),
          seriesTitleKeys: seriesTitles,
          returning,
        });
        returning.placed(entry.title, placed.itemId);
        /** The entry, as the report names what it joined. */
        const where = { itemId: placed.itemId, title: entry.title, file: input.path, line: entry.line };
        if (placed.joined.length > 0) fresh.delete(placed.itemId);
        for (const merge of placed.joined) {
          created.delete(merge);
          touched.delete(merge);
          fresh.delete(merge);
          report.merges.push({ ...where, itemTitle: entry.title, reason: 'joined two items' });
          joined.push(where);
        }
        if (placed.created) created.add(placed.itemId);
        else if (!before.has(placed.itemId)) {
          report.merged++;
          report.merges.push({ ...where, itemTitle: entry.title, reason: placed.reason });
          joined.push(where);
        } else if (!earlierNames.has(`${placed.itemId} ${titleKey(entry.title)}`)) {
          // A row of another title joins the list's own item (a row copied with its link while
          // editing the list): no merge, but it may name another work.
          joined.push(where);
        }
        store.addSource(placed.itemId, listId, entry, placed.keys, placed.titleKeys, placed.reason);
        touched.add(placed.itemId);
        const parsedSource = asSource(entry, placed.itemId, listId, input.path, placed.reason);
        if (placed.created) fresh.set(placed.itemId, [parsedSource]);
        else fresh.get(placed.itemId)?.push(parsedSource);
        const topic = entry.topic.join(' / ');
        if (topic) topics.push(topic);
        done++;
        if (options.onProgress && done % 1000 === 0) options.onProgress(done, total);
      }
    }
    store.ensureTopics(topics);
    if (ownTopics.length > 0) keepPlacesOfRespelt(store, ownTopics, spelling);

    // Each fold writes its item's topic_rank too: a second pass over every touched row took
    // 0.25 s of a 100k-item import. Items left without a source keep their topics; their
    // rank is refreshed below, as before.
    // An item whose entries in a changed list say something new is updated, even when what
    // the item shows stays the same (a code link added to an entry was "0 updated").
    const saidAnew = new Set<number>();
    for (const [listId, before] of textsBefore) {
      const was = textsByItem(before);
      for (const [id, text] of textsByItem(store.entryTextsOfList(listId))) {
        if (was.get(id) !== text) saidAnew.add(id);
      }
    }
    const rootRanks = topicRootRanks(store);
    const unfolded: number[] = [];
    const mergedInto = new Set(joined.map((m) => m.itemId));
    /** Items this run merged into whose entries may name two works (otherWorksAmong). */
    const twoWorks: number[] = [];
    for (const id of touched) {
      const sources = fresh.get(id) ?? store.sourcesOf(id);
      if (mergedInto.has(id) && mayNameTwoWorks(sources)) twoWorks.push(id);
      if (sources.length === 0) {
        unfolded.push(id);
        keptRows.delete(id);
        if (previous.has(id)) {
          store.setOrphaned(id, true, at);
          const title = store.getItems([id])[0]?.title ?? '';
          report.orphaned.push({ id, title });
        }
        continue;
      }
      const change = store.saveAggregate(id, aggregateSources(sources, null), at, rootRanks);
      // A list mentions it again: what its kept rows said, its sources say now.
      if (!created.has(id) && store.setOrphaned(id, false, at)) keptRows.add(id);
      if (created.has(id)) report.added++;
      else if (change.changed || saidAnew.has(id)) report.updated++;
      // A list that now says a paper was read (an edited checkbox) is a read, this week. Only a
      // list that held the item before: a new list ticking a paper the library already had
      // says it was read once, not now, and made six reads "this week" in `lectio progress`.
      if (
        !created.has(id) &&
        previous.has(id) &&
        change.statusFrom !== null &&
        change.statusFrom !== change.statusTo
      ) {
        store.addEvent(id, 'status', { from: change.statusFrom, to: change.statusTo, by: 'list' }, at);
        if (change.statusTo === 'read') store.setReadingFields(id, { readAt: at }, at);
      }
    }
    if (unfolded.length > 0) refreshTopicRanks(store, unfolded);
    if (keptRows.size > 0) store.dropKeptRows([...keptRows]);
    if (bulk) store.searchIndex().rebuild();
    endBulk?.();
    // A heading dropped from a changed list, or one whose items the user moved elsewhere (its
    // entries still name it), leaves a topic nothing is filed under. A first import cannot.
    // After the bulk import's end, which builds the index of sources' topics again.
    if (itemsBefore > 0 && report.files.some((f) => f.outcome !== 'unchanged')) dropEmptyTopics(store);
    report.otherWorks = otherWorksAmong(store, twoWorks, joined);
    const itemTitles = new Map(
      report.merges.length === 0
        ? []
        : store.itemTitles([...new Set(report.merges.map((m) => m.itemId))]).map((t) => [t.id, t.title]),
    );
    for (const m of report.merges) m.itemTitle = itemTitles.get(m.itemId) ?? m.title;
    report.items = store.countItems();
    options.onProgress?.(total, total);
    return report;
  });
}

/**
 * A list that fixed the case of its own heading ("## vision" to "## Vision") files under a
 * new topic row, last among its siblings: it takes the old row's place, and the priority the
 * user gave the topic with it. The old row, empty now, goes (dropEmptyTopics).
 */
function keepPlacesOfRespelt(store: LibraryStore, paths: readonly string[], spelling: TopicSpelling): void {
  const order = store.topics().map((t) => t.path);
  const at = new Map(order.map((path, i) => [path, i]));
  let moved = false;
  for (const old of paths) {
    const now = spelling.spell(old);
    const [i, j] = [at.get(old), at.get(now)];
    if (now === old || i === undefined || j === undefined) continue;
    order[i] = now;
    order[j] = old;
    at.set(now, i).set(old, j);
    moved = true;
  }
  if (moved) store.setTopicOrder(order);
}

/** What findOtherWorks shows of these items, where an entry this run joined to one is one of the two. */
function otherWorksAmong(
  store: LibraryStore,
  ids: readonly number[],
  merges: ReadonlyArray<Pick<MergeNote, 'file' | 'line'>>,
): OtherWork[] {
  if (ids.length === 0) return [];
  const merged = new Set(merges.map((m) => `${m.line} ${m.file}`));
  return findOtherWorks(store, Number.POSITIVE_INFINITY, store.itemTitles(ids)).filter((o) =>
    [o.source, o.with].some((s) => merged.has(`${s.line} ${s.file}`)),
  );
}

/**
 * Whether an entry of the list as it is now carries an identity key of an item: that entry is
 * the item's own, and no other entry may take it back by its title (ReturningEntries). The
 * list's keys are gathered when first asked, which only an entry that nothing else placed does.
 */
/** What a list's entries say of each item, as one text (entryTextsOfList's rows, in any order). */
function textsByItem(rows: ReadonlyArray<{ itemId: number; text: string }>): Map<number, string> {
  const byItem = new Map<number, string[]>();
  for (const r of rows) {
    const texts = byItem.get(r.itemId);
    if (texts) texts.push(r.text);
    else byItem.set(r.itemId, [r.text]);
  }
  return new Map([...byItem].map(([id, texts]) => [id, texts.sort().join('\n')]));
}

function claimedBy(store: LibraryStore, entries: readonly ParsedItem[]): (itemId: number) => boolean {
  let keys: Set<string> | null = null;
  const answers = new Map<number, boolean>();
  return (itemId) => {
    keys ??= new Set(entries.flatMap((e) => (e.aboutList ? [] : entryKeySets(e.title, e.links).lookup)));
    const held = keys;
    let claimed = answers.get(itemId);
    if (claimed === undefined) {
      claimed = store.identityKeysOfItem(itemId).some((k) => held.has(k));
      answers.set(itemId, claimed);
    }
    return claimed;
  };
}

/** A parsed entry as the source the store now holds (ids aside): what aggregate.ts folds. */
function asSource(
  entry: ParsedItem,
  itemId: number,
  listId: number,
  file: string,
  match: string,
): StoredSource {
  return {
    id: 0,
    itemId,
    listId,
    file,
    line: entry.line,
    title: entry.title,
    aliases: entry.aliases,
    topic: entry.topic.join(' / '),
    status: entry.status,
    importance: entry.importance,
    why: entry.why,
    notes: entry.notes,
    year: entry.year,
    authors: entry.authors,
    match,
    bib: entry.bib ?? null,
    links: entry.links,
  };
}

/** Each topic path and its parents → the lists (null: the user) that file something under it. */
function usersOfTopics(
  rows: ReadonlyArray<{ listId: number | null; topic: string }>,
): Map<string, Set<number | null>> {
  const users = new Map<string, Set<number | null>>();
  for (const { listId, topic } of rows) {
    for (const path of topicPathAndParents(topic)) {
      const set = users.get(path) ?? new Set<number | null>();
      set.add(listId);
      users.set(path, set);
    }
  }
  return users;
}
