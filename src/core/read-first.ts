// A first answer to "what do I read first?" until the full queue (issue 3) lands:
// papers being read come first, then the most important, then those most lists agree on.

import type { ItemRecord } from './library-store.js';

export interface Pick {
  item: ItemRecord;
  reasons: string[];
}

export function readFirst(items: readonly ItemRecord[], n: number): Pick[] {
  const lists = (i: ItemRecord): number => new Set(i.sources.map((s) => s.file)).size;
  const unread = items.filter((i) => i.status === 'to-read' || i.status === 'reading');
  const score = (i: ItemRecord): number =>
    (i.status === 'reading' ? 100 : 0) +
    (i.importance ?? 0) * 10 +
    lists(i) * 6 +
    (i.kind === 'paper' ? 2 : 0);
  return [...unread]
    .sort((a, b) => score(b) - score(a) || a.id - b.id)
    .slice(0, n)
    .map((item) => {
      const reasons: string[] = [];
      if (item.status === 'reading') reasons.push('reading now');
      if (item.importance) reasons.push('★'.repeat(item.importance));
      if (lists(item) > 1) reasons.push(`in ${lists(item)} lists`);
      if (item.topics[0]) reasons.push(item.topics[0]);
      if (!item.why) reasons.push('no why yet');
      return { item, reasons };
    });
}
