// How an import's merge is said, by the CLI's report and by the web app's import page alike.

import type { MergeNote } from './import-lists.js';
import { titleKey } from './identity.js';

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
