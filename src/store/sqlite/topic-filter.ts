import type { ListFilter } from '../../core/library-store.js';

// "Items under a topic": the topic and its sub-topics, any case, as every command filters
// (`list --topic`, `next --topic`, `search topic:`). The range lets the sources_topic index
// find the rows; the exact test then keeps "LLM" from matching "LLMs".

/** A query for the item ids under the topic in named parameters @{p}, @{p}end and @{p}sub. */
export function itemsUnderTopicSql(p: string): string {
  return `SELECT item_id FROM sources WHERE topic >= @${p} COLLATE NOCASE AND topic < @${p}end COLLATE NOCASE
    AND (lower(topic) = lower(@${p}) OR lower(topic) LIKE lower(@${p}sub) ESCAPE '\\')`;
}

export function itemsUnderTopicArgs(p: string, path: string): Record<string, string> {
  return {
    [p]: path,
    [`${p}end`]: `${path} / \u{10ffff}`,
    [`${p}sub`]: `${path.replace(/[\\%_]/gu, (c) => `\\${c}`)} / %`,
  };
}

/**
 * `lectio list`'s filter (ListFilter) as SQL conditions on `items i` with named parameters,
 * shared by listItems and the bulk JSON reader (item-listing.ts). Without a status, items
 * waiting in the inbox are left out: they are not the library yet (`lectio inbox` shows them).
 */
export function listFilterSql(filter: ListFilter): {
  where: string[];
  args: Record<string, string | number>;
} {
  const where: string[] = [];
  const args: Record<string, string | number> = {};
  if (filter.status) {
    where.push('i.status = @status');
    args.status = filter.status;
  } else where.push("i.status != 'inbox'");
  if (filter.kind) {
    where.push('i.kind = @kind');
    args.kind = filter.kind;
  }
  if (filter.noWhy) where.push("(i.why IS NULL OR trim(i.why) = '')");
  if (filter.topic) {
    where.push(`i.id IN (${itemsUnderTopicSql('topic')})`);
    Object.assign(args, itemsUnderTopicArgs('topic', filter.topic));
  }
  return { where, args };
}
