// How items look on the terminal and in --json (the CLI contract in PRODUCT.md).

import { displayPath } from './display-path.js';
import {
  ADDED_LIST_PATH,
  FEED_LIST_PREFIX,
  METADATA_LIST_PATH,
  type ItemRecord,
} from '../core/library-store.js';
import { sourceMatchInWords } from '../core/merge-words.js';

export { itemJson } from '../core/item-json.js';

export function stars(importance: number | null): string {
  if (importance === null) return '     ';
  return '★'.repeat(importance) + '☆'.repeat(5 - importance);
}

const STATUS_MARK: Record<string, string> = {
  inbox: '[inbox]  ',
  'to-read': '[ ]      ',
  reading: '[reading]',
  read: '[x]      ',
  skipped: '[skipped]',
};

export function itemLine(item: ItemRecord): string {
  const lists = item.listCount;
  const where = [item.kind, lists > 1 ? `${lists} lists` : null, item.topics[0] ?? null]
    .filter(Boolean)
    .join(' · ');
  return `#${String(item.id).padEnd(5)} ${STATUS_MARK[item.status] ?? item.status} ${stars(item.importance)}  ${item.title}  (${where})`;
}

export function itemDetails(item: ItemRecord): string {
  const out: string[] = [];
  out.push(`#${item.id}  ${item.title}`);
  if (item.aliases.length) out.push(`  also: ${item.aliases.join(' | ')}`);
  out.push(
    `  ${item.kind} · ${item.status}${item.importance !== null ? ` · ${stars(item.importance)}` : ''}${item.year ? ` · ${item.year}` : ''}`,
  );
  if (item.authors.length) out.push(`  authors: ${item.authors.join(', ')}`);
  const ids = Object.entries(item.ids).map(([k, v]) => `${k}:${v}`);
  if (ids.length) out.push(`  ids: ${ids.join('  ')}`);
  if (item.topics.length) out.push(`  topics: ${item.topics.join(' | ')}`);
  out.push(`  why: ${item.why ?? '(not recorded)'}`);
  const reading = [
    item.pass > 0 ? `pass ${item.pass} of 3` : null,
    item.readAt ? `read ${item.readAt.slice(0, 10)}` : null,
    item.rating !== null ? `rated ${stars(item.rating)}` : null,
  ].filter(Boolean);
  if (reading.length) out.push(`  ${reading.join(' · ')}`);
  if (item.links.length) {
    out.push('  links:');
    for (const l of item.links)
      out.push(`    ${l.role.padEnd(7)} ${l.url}${l.label ? `  [${l.label}]` : ''}`);
  }
  if (item.notes.length) {
    out.push('  notes:');
    for (const n of item.notes) out.push(`    - ${n.replace(/\n/g, '\n      ')}`);
  }
  if (item.note) {
    out.push('  note:');
    for (const line of item.note.replace(/\n+$/u, '').split('\n')) out.push(`    ${line}`);
  }
  out.push('  sources:');
  for (const s of item.sources) {
    const where =
      s.file === ADDED_LIST_PATH
        ? 'lectio add'
        : s.file === METADATA_LIST_PATH
          ? 'arXiv metadata (lectio enrich)'
          : s.file.startsWith(FEED_LIST_PREFIX)
            ? `feed ${s.file.slice(FEED_LIST_PREFIX.length)}`
            : `${displayPath(s.file)}:${s.line}`;
    out.push(`    ${where}  (${sourceMatchInWords(s.match)})`);
  }
  if (item.orphaned) out.push('  (no list mentions this item any more; it is kept for its notes)');
  return out.join('\n');
}
