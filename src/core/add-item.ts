// `lectio add URL|ARXIV-ID|DOI|"Title"`: one entry placed by the same identity rules as an
// import, so adding what the library already holds updates that item and says so.

import { aggregateSources } from './aggregate.js';
import { LectioError } from './errors.js';
import { newEntry, type Link, type ParsedItem, type Status } from './item.js';
import { ADDED_LIST_PATH, type LibraryStore } from './library-store.js';
import { classifyLink } from './link-role.js';
import { addedAnchor, placeEntry } from './place-entry.js';
import { refTarget } from './resolve-ref.js';
import { dropEmptyTopics, refreshTopicRanks } from './topic-service.js';
import { resolveTopicForWriting } from './topic-tree.js';
import { setStatus } from './mark-item.js';

export interface AddRequest {
  ref: string;
  title?: string;
  why?: string;
  topic?: string;
  importance?: number;
  status?: Status;
}

export interface AddResult {
  itemId: number;
  created: boolean;
  /** The rule that found the existing item ("arxiv:1706.03762", "title"), or "new". */
  reason: string;
  title: string;
  /** What this add changed on an existing item, in words. */
  changes: string[];
}

/** What the user typed → the entry an import would have produced. */
export function entryOfRef(ref: string, title: string | undefined): ParsedItem {
  const text = ref.trim();
  if (text === '') throw new LectioError('bad_input', 'add: give a URL, an arXiv id, a DOI or a title');
  const links: Link[] = [];
  let fallbackTitle = text;
  const target = refTarget(text);
  if (target?.kind === 'url') links.push({ url: target.url, role: classifyLink(target.url) });
  else if (target?.kind === 'doi') {
    links.push({ url: `https://doi.org/${target.doi}`, role: 'paper' });
    fallbackTitle = `doi:${target.doi}`;
  } else if (target?.kind === 'arxiv') {
    links.push({ url: `https://arxiv.org/abs/${target.id}`, role: 'paper' });
    fallbackTitle = `arXiv:${target.id}`;
  }
  return newEntry({ title: title?.trim() || fallbackTitle, links });
}

export function validateImportance(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 5) {
    throw new LectioError('bad_input', `importance must be a whole number from 0 to 5, not "${value}"`);
  }
  return value;
}

export function addItem(store: LibraryStore, request: AddRequest, now: Date): AddResult {
  const at = now.toISOString();
  if (request.importance !== undefined) validateImportance(request.importance);
  const parsed = entryOfRef(request.ref, request.title);
  return store.transaction(() => {
    const topic = request.topic
      ? resolveTopicForWriting(
          store.topics().map((t) => t.path),
          request.topic,
        )
      : null;
    // Its line in the added list names the source for `lectio merge` and `unmerge` (an anchor,
    // place-entry.ts), as a list's path and title name its entries: without one, a source
    // unmerged from an item holding this one was joined to it again by the next import.
    const added = store.listByPath(ADDED_LIST_PATH);
    const line = added ? store.nextLineOfList(added.id) : 1;
    const entry: ParsedItem = { ...parsed, topic: topic ? topic.split(' / ') : [], line };
    const placed = placeEntry(store, entry, at, { anchor: addedAnchor(line) });
    const changes: string[] = [];
    const before = placed.created ? null : store.getItems([placed.itemId])[0];
    const knownUrls = new Set(before?.links.map((l) => l.url) ?? []);
    const newLinks = entry.links.filter((l) => !knownUrls.has(l.url));
    const newTopic = topic !== null && !(before?.topics ?? []).includes(topic);
    // A source in the "added" list carries what this add brings (its links, its topic);
    // an add that brings nothing new leaves no trace but the user fields below.
    if (placed.created || newLinks.length > 0 || newTopic) {
      const listId =
        store.listByPath(ADDED_LIST_PATH)?.id ??
        store.saveList(ADDED_LIST_PATH, 'added with lectio add', '', at);
      store.addSource(placed.itemId, listId, entry, placed.keys, placed.titleKeys, placed.reason);
      if (!placed.created && newLinks.length > 0)
        changes.push(`link ${newLinks.map((l) => l.url).join(', ')}`);
    }
    if (topic) store.ensureTopics([topic]);
    store.saveAggregate(placed.itemId, aggregateSources(store.sourcesOf(placed.itemId), null), at);
    refreshTopicRanks(store, [placed.itemId]);
    if (topic) dropEmptyTopics(store); // a moved item's new source files nothing under it
    if (before && newTopic && topic !== null) {
      // An item the user moved (lectio move) stays where they put it, whatever a source says.
      const now = store.getItems([placed.itemId])[0]?.topics ?? [];
      changes.push(
        now.includes(topic)
          ? `topic "${topic}"`
          : `kept under "${now.join('", "')}", where it was moved (lectio move files it elsewhere)`,
      );
    }
    if (request.why !== undefined && request.why.trim() !== '' && request.why.trim() !== before?.why) {
      store.setUserFields(placed.itemId, { why: request.why.trim() }, at);
      store.addEvent(placed.itemId, 'why', { why: request.why.trim() }, at);
      if (before) changes.push('why');
    }
    if (request.importance !== undefined && request.importance !== before?.importance) {
      store.setUserFields(placed.itemId, { importance: request.importance }, at);
      store.addEvent(placed.itemId, 'importance', { importance: request.importance }, at);
      if (before) changes.push(`importance ${request.importance}`);
    }
    if (request.status !== undefined) {
      const change = setStatus(store, placed.itemId, request.status, at);
      if (before && change) changes.push(`status ${change.from} → ${change.to}`);
    }
    if (placed.created) store.addEvent(placed.itemId, 'added', { ref: request.ref }, at);
    const item = store.getItems([placed.itemId])[0];
    return {
      itemId: placed.itemId,
      created: placed.created,
      reason: placed.reason,
      title: item?.title ?? entry.title,
      changes,
    };
  });
}
