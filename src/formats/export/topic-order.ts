// Topics as a tree in the user's order: a topic's sub-topics follow it, each level in the
// order of `lectio topic prioritize`. Shared by the markdown list and the static site.

export interface TopicNode {
  /** The full path ("LLM / kv cache"). */
  path: string;
  /** The last segment ("kv cache"). */
  name: string;
  depth: number;
  children: TopicNode[];
}

/** The tree of `order` (every path, user's order) plus any path items use that it lacks. */
export function topicTree(order: readonly string[], used: Iterable<string>): TopicNode[] {
  const all = [...order];
  const known = new Set(order);
  for (const path of used) {
    if (!known.has(path)) {
      known.add(path);
      all.push(path);
    }
  }
  const roots: TopicNode[] = [];
  const nodes = new Map<string, TopicNode>();
  const nodeOf = (path: string): TopicNode => {
    const existing = nodes.get(path);
    if (existing) return existing;
    const parts = path.split(' / ');
    const node: TopicNode = {
      path,
      name: parts[parts.length - 1] ?? path,
      depth: parts.length,
      children: [],
    };
    nodes.set(path, node);
    if (parts.length === 1) roots.push(node);
    else nodeOf(parts.slice(0, -1).join(' / ')).children.push(node);
    return node;
  };
  for (const path of all) nodeOf(path);
  return roots;
}

/** Every node, depth first (a parent before its sub-topics). */
export function walkTopics(roots: readonly TopicNode[]): TopicNode[] {
  const out: TopicNode[] = [];
  const visit = (node: TopicNode): void => {
    out.push(node);
    for (const child of node.children) visit(child);
  };
  for (const root of roots) visit(root);
  return out;
}
