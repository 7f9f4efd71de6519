// Where one entry (a list line, a `lectio add`) belongs: an existing item or a new one.
// The rules themselves live in identity.ts; this applies them against the store.

import { identityKeys, titleKeys, titleMergeContradiction } from './identity.js';
import type { ParsedItem } from './item.js';
import type { LibraryStore } from './library-store.js';

export interface Placement {
  itemId: number;
  created: boolean;
  /** The rule that placed it: "new", the matching key ("arxiv:1706.03762") or "title". */
  reason: string;
  /** Items this entry showed to be the same work, merged into `itemId`. */
  joined: number[];
  keys: string[];
  titleKeys: string[];
}

export function placeEntry(store: LibraryStore, entry: ParsedItem, at: string): Placement {
  const keys = identityKeys(entry.links);
  const tkeys = titleKeys(entry.title);
  const joined: number[] = [];
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
      joined.push(other);
    }
  } else if (tkeys.length > 0) {
    for (const candidate of store.findItemsByTitleKeys(tkeys)) {
      if (titleMergeContradiction(entry, store.evidenceOf(candidate)) === null) {
        itemId = candidate;
        reason = 'title';
        break;
      }
    }
  }
  if (itemId === null)
    return { itemId: store.createItem(at), created: true, reason, joined, keys, titleKeys: tkeys };
  return { itemId, created: false, reason, joined, keys, titleKeys: tkeys };
}
