// Topics as the user sees and orders them: the tree with counts and progress, priorities,
// renames and merges, and items moved between them. Rules of order live in topic-tree.ts.

import { LectioError } from './errors.js';
import type { LibraryStore } from './library-store.js';
import {
  isWithin,
  prioritize,
  resolveTopic,
  resolveTopicForWriting,
  typedTopicPath,
  rootOf,
  TOPIC_SEPARATOR,
  treeOrder,
} from './topic-tree.js';

/**
 * Keeps items.topic_rank (the rank of an item's best top-level topic) true after anything
 * that moves topics or items between them. Without ids, every item.
 */
export function refreshTopicRanks(store: LibraryStore, itemIds?: readonly number[]): void {
  store.setTopicRanks(topicRootRanks(store), itemIds);
}

/** The rank of each top-level topic, 1 first, in the user's order. */
export function topicRootRanks(store: LibraryStore): Map<string, number> {
  const ranks = new Map<string, number>();
  for (const path of treeOrder(store.topics())) {
    const root = rootOf(path);
    if (!ranks.has(root)) ranks.set(root, ranks.size + 1);
  }
  return ranks;
}

/**
 * Deletes the topics a move or an import left empty (`lectio move` of every item out of a
 * list's heading; a heading dropped from a re-imported list): `lectio topics` and the web app
 * listed them at 0 items. Ranks follow when a top-level topic goes.
 */
export function dropEmptyTopics(store: LibraryStore): string[] {
  const dropped = store.dropEmptyTopics();
  if (dropped.some((path) => !path.includes(TOPIC_SEPARATOR))) refreshTopicRanks(store);
  return dropped;
}

export interface TopicSummary {
  path: string;
  /** 1-based, in the user's order; top-level topics only ("topic #1" in the queue). */
  rank: number | null;
  depth: number;
  /** Items in this topic and its sub-topics. */
  items: number;
  read: number;
  reading: number;
  skipped: number;
}

export function topicSummaries(store: LibraryStore): TopicSummary[] {
  const order = treeOrder(store.topics());
  const direct = new Map(store.topicCounts().map((c) => [c.path, c]));
  let rootRank = 0;
  return order.map((path) => {
    const depth = path.split(TOPIC_SEPARATOR).length - 1;
    const sum = { items: 0, read: 0, reading: 0, skipped: 0 };
    for (const [p, c] of direct) {
      if (!isWithin(p, path)) continue;
      sum.items += c.items;
      sum.read += c.read;
      sum.reading += c.reading;
      sum.skipped += c.skipped;
    }
    return { path, rank: depth === 0 ? ++rootRank : null, depth, ...sum };
  });
}

/** Moves the named topics ahead of their siblings, in the order given; returns the new order. */
/** Puts the named topics first, in this order; returns their paths as resolved. */
export function prioritizeTopics(store: LibraryStore, names: readonly string[]): string[] {
  if (names.length === 0)
    throw new LectioError('bad_input', 'topic prioritize: name the topics, most important first');
  return store.transaction(() => {
    const order = treeOrder(store.topics());
    const named = names.map((n) => resolveTopic(order, n));
    const next = prioritize(order, [...new Set(named)]);
    store.setTopicOrder(next);
    refreshTopicRanks(store);
    return [...new Set(named)];
  });
}

export interface RenameResult {
  from: string;
  to: string;
  items: number;
  merged: boolean;
}

/**
 * `rename` refuses a target that exists (that is a merge, and the user should say so);
 * `merge` requires it. Both are remembered, so re-importing the list keeps the new name.
 */
export function renameTopic(
  store: LibraryStore,
  fromName: string,
  toName: string,
  mode: 'rename' | 'merge',
  now: Date,
): RenameResult {
  const to = typedTopicPath(toName);
  if (to === '') throw new LectioError('bad_input', 'the new topic name is empty');
  return store.transaction(() => {
    const paths = treeOrder(store.topics());
    const from = resolveTopic(paths, fromName);
    if (to === from) throw new LectioError('bad_input', `"${from}" is already called that`);
    // Another topic of that name in any case; the topic itself when only its case changes
    // ("llm" to "LLM": a rename like any other).
    const found = paths.find((p) => p.toLowerCase() === to.toLowerCase());
    const existing = found === from ? undefined : found;
    if (isWithin(to, from)) throw new LectioError('bad_input', `cannot move "${from}" inside itself`);
    if (mode === 'rename' && existing !== undefined) {
      throw new LectioError(
        'conflict',
        `topic "${existing}" exists; use "lectio topic merge" to merge "${from}" into it`,
      );
    }
    const target = mode === 'merge' ? resolveTopic(paths, toName) : to;
    if (target === from) throw new LectioError('bad_input', `"${from}" is already called that`);
    const items = store.renameTopic(from, target, now.toISOString());
    refreshTopicRanks(store);
    return { from, to: target, items, merged: mode === 'merge' };
  });
}

export interface MoveResult {
  /** The topic's path as stored (an existing one in its own case). */
  topic: string;
  /** Whether the move created the topic. */
  created: boolean;
  /** Items that changed topics, with the topics they left. */
  moved: Array<{ id: number; title: string; from: string[] }>;
  /** Items already filed under the topic alone. */
  unchanged: number[];
}

/**
 * Files each item under one topic, alone: the user's word (user-fields.ts), so the item
 * leaves every topic its lists gave it and a re-import keeps it where the user put it. An
 * unknown id moves nothing. A new topic goes last among its siblings, as an import's would.
 */
export function moveItems(
  store: LibraryStore,
  ids: readonly number[],
  topicName: string,
  now: Date,
): MoveResult {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new LectioError('bad_input', 'move: name the items to move');
  const at = now.toISOString();
  return store.transaction(() => {
    const items = store.getItems(unique);
    const found = new Set(items.map((i) => i.id));
    const missing = unique.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new LectioError(
        'not_found',
        `no item ${missing.map((id) => `#${id}`).join(', ')}; nothing moved`,
      );
    }
    const paths = store.topics().map((t) => t.path);
    const topic = resolveTopicForWriting(paths, topicName);
    const created = !paths.includes(topic);
    store.ensureTopics([topic]);
    const result: MoveResult = { topic, created, moved: [], unchanged: [] };
    for (const item of items) {
      // Stored even when the lists already file it there, as `mark` stores a status: the
      // user's word then outlives a list that later files it elsewhere.
      store.setUserFields(item.id, { topic }, at);
      if (item.topics.length === 1 && item.topics[0] === topic) {
        result.unchanged.push(item.id);
        continue;
      }
      store.addEvent(item.id, 'topic', { from: item.topics, to: topic }, at);
      result.moved.push({ id: item.id, title: item.title, from: item.topics });
    }
    refreshTopicRanks(store, unique);
    dropEmptyTopics(store);
    return result;
  });
}
