// How an import's merge is said, by the CLI's report and by the web app's import page alike.

import type { MergeNote } from './import-lists.js';
import { titleKey } from './identity.js';
import { KEPT_MATCH, USER_MERGE_MATCH, USER_UNMERGE_MATCH } from './library-store.js';

/** Matches that are the user's word, said as they are rather than as "matched by …". */
const OWN_WORDS = new Set([KEPT_MATCH, USER_MERGE_MATCH, USER_UNMERGE_MATCH]);

/** How a source came to its item, as `show` and the item page say it: "first seen", "matched by arxiv:…", "merged by you". */
export function sourceMatchInWords(match: string): string {
  if (match === 'new') return 'first seen';
  return OWN_WORDS.has(match) ? match : `matched by ${match}`;
}

/** A merge's reason in words: "same arxiv:1706.03762", "same title", "joined two items". */
export function mergeReasonInWords(reason: string): string {
  if (reason === 'title') return 'same title';
  if (reason.includes(' ')) return reason; // "similar title", "merged by you", "joined two items"
  return `same ${reason}`;
}

/** Whether the entry names its item otherwise ("Accurate and Efficient…" for "SmoothQuant: …"). */
export function namesItemOtherwise(m: Pick<MergeNote, 'title' | 'itemTitle'>): boolean {
  return titleKey(m.title) !== titleKey(m.itemTitle);
}
