// The import service: parsed lists in, one deduplicated library out. Identity rules come
// from identity.ts, folding rules from aggregate.ts; the store only keeps what is decided.

import { aggregateSources } from './aggregate.js';
import { identityKeys, titleKeys, titleMergeContradiction } from './identity.js';
import type { ParsedList } from './item.js';
import type { LibraryStore } from './library-store.js';

export interface ListInput {
  /** Absolute path: the list's identity across imports. */
  path: string;
  sha256: string;
  parsed: ParsedList;
  warnings: string[];
}

export interface MergeNote {
  itemId: number;
  title: string;
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
  orphaned: Array<{ id: number; title: string }>;
  items: number;
}

export interface ImportOptions {
  now: () => Date;
  onProgress?: (done: number, total: number) => void;
}

export function importLists(
  store: LibraryStore,
  inputs: readonly ListInput[],
  options: ImportOptions,
): ImportReport {
  const at = options.now().toISOString();
  const report: ImportReport = {
    files: [],
    added: 0,
    updated: 0,
    merged: 0,
    merges: [],
    orphaned: [],
    items: 0,
  };
  const total = inputs.reduce((n, i) => n + i.parsed.items.length, 0);
  let done = 0;

  return store.transaction(() => {
    const created = new Set<number>();
    const touched = new Set<number>();
    const previous = new Set<number>();
    const topics: string[] = [];

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
      const before = new Set(existing ? store.itemIdsOfList(listId) : []);
      if (existing) store.removeSourcesOfList(listId);
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

      for (const entry of input.parsed.items) {
        const keys = identityKeys(entry.links);
        const tkeys = titleKeys(entry.title);
        let itemId: number | null = null;
        let reason = 'new';

        const byKey = store.findItemsByKeys(keys);
        const first = byKey[0];
        if (first) {
          itemId = first.itemId;
          reason = first.key;
          // One entry carrying the ids of two items shows they are one work.
          for (const other of new Set(byKey.map((m) => m.itemId))) {
            if (other === itemId) continue;
            store.mergeItems(itemId, other, `both carry ${byKey.find((m) => m.itemId === other)?.key}`, at);
            created.delete(other);
            touched.delete(other);
            report.merges.push({
              itemId,
              title: entry.title,
              file: input.path,
              line: entry.line,
              reason: 'joined two items',
            });
          }
        } else if (tkeys.length > 0) {
          for (const candidate of store.findItemsByTitleKeys(tkeys)) {
            const contradiction = titleMergeContradiction(entry, store.evidenceOf(candidate));
            if (contradiction === null) {
              itemId = candidate;
              reason = 'title';
              break;
            }
          }
        }
        if (itemId === null) {
          itemId = store.createItem(at);
          created.add(itemId);
        } else if (!before.has(itemId)) {
          report.merged++;
          report.merges.push({ itemId, title: entry.title, file: input.path, line: entry.line, reason });
        }
        store.addSource(itemId, listId, entry, keys, tkeys, reason);
        touched.add(itemId);
        const topic = entry.topic.join(' / ');
        if (topic) topics.push(topic);
        done++;
        if (options.onProgress && done % 1000 === 0) options.onProgress(done, total);
      }
    }
    store.ensureTopics(topics);

    for (const id of touched) {
      const sources = store.sourcesOf(id);
      if (sources.length === 0) {
        if (previous.has(id)) {
          store.setOrphaned(id, true, at);
          const title = store.getItems([id])[0]?.title ?? '';
          report.orphaned.push({ id, title });
        }
        continue;
      }
      const changed = store.saveAggregate(id, aggregateSources(sources, null), at);
      store.setOrphaned(id, false, at); // a list mentions it again
      if (created.has(id)) report.added++;
      else if (changed) report.updated++;
    }
    report.items = store.countItems();
    options.onProgress?.(total, total);
    return report;
  });
}
