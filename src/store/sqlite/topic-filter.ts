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
