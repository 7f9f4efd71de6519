// Topics are paths ("LLM / KV cache") kept in the user's order. A sub-topic always follows
// its parent: reordering moves whole branches, so `topic prioritize` never separates a
// topic from its children (seed 004 prioritises groups, not single lines).

import { LectioError } from './errors.js';
import type { ParsedItem } from './item.js';

export const TOPIC_SEPARATOR = ' / ';

/** "A / B / C" → "A", "A / B", "A / B / C": a path and every parent of it, shortest first. */
export function topicPathAndParents(path: string): string[] {
  const parts = path.split(TOPIC_SEPARATOR);
  return parts.map((_, i) => parts.slice(0, i + 1).join(TOPIC_SEPARATOR));
}

export function parentOf(path: string): string | null {
  const at = path.lastIndexOf(TOPIC_SEPARATOR);
  return at < 0 ? null : path.slice(0, at);
}

export function rootOf(path: string): string {
  const at = path.indexOf(TOPIC_SEPARATOR);
  return at < 0 ? path : path.slice(0, at);
}

/** An item's topic_rank: the best (lowest) rank of its topics' top-level topics, null for none ranked. */
export function topicRankOf(
  topics: readonly string[],
  rootRanks: ReadonlyMap<string, number>,
): number | null {
  let best: number | null = null;
  for (const topic of topics) {
    const rank = rootRanks.get(rootOf(topic));
    if (rank !== undefined && (best === null || rank < best)) best = rank;
  }
  return best;
}

export function isWithin(path: string, topic: string): boolean {
  return path === topic || path.startsWith(topic + TOPIC_SEPARATOR);
}

/**
 * Every path in tree order: siblings by position, each followed by its branch. A path whose
 * parent is missing is treated as a root.
 */
export function treeOrder(topics: ReadonlyArray<{ path: string; position: number }>): string[] {
  const known = new Set(topics.map((t) => t.path));
  const children = new Map<string | null, Array<{ path: string; position: number }>>();
  for (const t of topics) {
    const parent = parentOf(t.path);
    const key = parent !== null && known.has(parent) ? parent : null;
    const list = children.get(key) ?? [];
    list.push(t);
    children.set(key, list);
  }
  const out: string[] = [];
  const visit = (key: string | null): void => {
    const list = (children.get(key) ?? []).sort(
      (a, b) => a.position - b.position || a.path.localeCompare(b.path),
    );
    for (const t of list) {
      out.push(t.path);
      visit(t.path);
    }
  };
  visit(null);
  return out;
}

/** A topic the user typed → its path: the exact path (any case), else a unique last segment. */
export function resolveTopic(paths: readonly string[], name: string): string {
  const wanted = name.trim().toLowerCase();
  const exact = paths.find((p) => p.toLowerCase() === wanted);
  if (exact !== undefined) return exact;
  const byLeaf = paths.filter((p) => (p.split(TOPIC_SEPARATOR).pop() ?? '').toLowerCase() === wanted);
  if (byLeaf.length === 1 && byLeaf[0] !== undefined) return byLeaf[0];
  if (byLeaf.length > 1) {
    throw new LectioError('ambiguous', `topic "${name}" could be: ${byLeaf.map((p) => `"${p}"`).join(', ')}`);
  }
  const near = paths.filter((p) => p.toLowerCase().includes(wanted)).slice(0, 5);
  const hint = near.length ? `; closest: ${near.map((p) => `"${p}"`).join(', ')}` : '';
  throw new LectioError('not_found', `no topic "${name}"${hint} (see "lectio topics")`);
}

/**
 * resolveTopic for a filter (`list --topic`, search's `topic:`): a name of no topic stays as
 * typed and selects nothing, as any term that matches nothing does (a move empties and drops a
 * topic); `onUnknown` hears why, with the topics it is close to, so that a typo does not pass
 * for an empty topic. A name that several topics end with is still an error that lists them.
 */
export function resolveTopicFilter(
  paths: readonly string[],
  name: string,
  onUnknown: (message: string) => void = () => {},
): string {
  try {
    return resolveTopic(paths, name);
  } catch (e) {
    if (!(e instanceof LectioError && e.code === 'not_found')) throw e;
    onUnknown(e.message);
    return name;
  }
}

/**
 * The new tree order after the user names topics in priority order: each named topic moves
 * ahead of its siblings, in the order given; the others keep their order behind them.
 */
export function prioritize(order: readonly string[], named: readonly string[]): string[] {
  const rank = new Map<string, number>();
  named.forEach((p, i) => rank.set(p, i - named.length));
  order.forEach((p, i) => {
    if (!rank.has(p)) rank.set(p, i);
  });
  return treeOrder(order.map((path) => ({ path, position: rank.get(path) ?? 0 })));
}

/** isWithin, in any case unless `exact`; `path` keeps its own spelling up to topic's length. */
function isWithinAnyCase(path: string, topic: string, exact: boolean): boolean {
  if (exact) return isWithin(path, topic);
  if (path.length < topic.length || path.slice(0, topic.length).toLowerCase() !== topic.toLowerCase())
    return false;
  return path.length === topic.length || path.startsWith(TOPIC_SEPARATOR, topic.length);
}

/** Renames remembered from `lectio topic rename/merge`, applied to a path: the longest prefix wins. */
export function renamedPath(path: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0 || path === '') return path;
  let current = path;
  // Renames are kept pointing at the newest name (the store rewrites chains), so one step
  // is the rule; the bound only guards against a hand-edited cycle.
  for (let step = 0; step < 16; step++) {
    // A rename of the path as spelt, else of it in another case: "llm" is the topic "LLM"
    // that was renamed (TopicSpelling). The longest wins.
    let best: string | null = null;
    for (const exact of [true, false]) {
      for (const from of renames.keys()) {
        if ((best === null || from.length > best.length) && isWithinAnyCase(current, from, exact))
          best = from;
      }
      if (best !== null) break;
    }
    if (best === null) return current;
    const to = renames.get(best) ?? best;
    const next = to + current.slice(best.length);
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * An imported entry's topic as the library names it: renamed as the user renamed it, and
 * spelt as the topic is already spelt ("## llm" files under "LLM").
 */
export function topicAsNamed(entry: ParsedItem, spelling: TopicSpelling): ParsedItem {
  if (entry.topic.length === 0) return entry;
  const topic = spelling.entryTopic(entry.topic);
  return topic === entry.topic ? entry : { ...entry, topic };
}

/**
 * A topic for a write (`add --topic`, `move`): an existing one in any case, else the new path
 * as typed under the longest existing parent, spelt as it exists: "llm / new" beside "LLM" is
 * "LLM / new", not a second root that differs only in case.
 */
export function resolveTopicForWriting(paths: readonly string[], name: string): string {
  const typed = typedTopicPath(name);
  if (typed === '') throw new LectioError('bad_input', 'a topic needs a name');
  return new TopicSpelling(paths).spell(typed);
}

/**
 * A topic path as typed, its parts joined by " / " (a slash without spaces is part of a
 * name: "I/O"); '' for nothing. A part that is only a slash is refused: " / " made a topic
 * named "/", "a / / b" one named "/ b" under "a".
 */
export function typedTopicPath(name: string): string {
  const parts = name
    .trim()
    .split(/\s+\/\s+/u)
    .map((part) => part.trim());
  if (parts.some((part) => /^\/+$|^\/\s|\s\/$/u.test(part)) || (parts.length > 1 && parts.includes(''))) {
    throw new LectioError(
      'bad_input',
      `"${name.trim()}": a topic path is names joined by " / ", with no empty one`,
    );
  }
  return parts.filter(Boolean).join(TOPIC_SEPARATOR);
}

/**
 * How the library spells each topic and its parents, so that a path typed or imported in
 * another case lands in the topic that is there: one list's "## LLM" and another's "## llm"
 * are one topic, spelt as the first of them was.
 */
export class TopicSpelling {
  /** Lower case path → the path as spelt. */
  private readonly known = new Map<string, string>();
  /** Keys of the paths entries were given in this run, and of their parents. */
  private readonly given = new Set<string>();
  /** The last entry topic and its answer: the parser gives a section's entries one array. */
  private last: { from: string[]; to: string[] } = { from: [], to: [] };

  /** `renames`: the user's remembered renames (store.topicRenames), applied before spelling. */
  constructor(
    paths: Iterable<string>,
    private readonly renames: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const path of paths) this.learn(path);
  }

  /** An imported entry's topic, renamed and spelt; the spelling is kept for the entries after it. */
  entryTopic(topic: string[]): string[] {
    if (topic !== this.last.from) {
      const typed = topic.join(TOPIC_SEPARATOR);
      const path = this.spell(renamedPath(typed, this.renames));
      for (const key of this.learn(path)) this.given.add(key);
      this.last = { from: topic, to: path === typed ? topic : path.split(TOPIC_SEPARATOR) };
    }
    return this.last.to;
  }

  /** The path spelt as the longest known prefix of it is. */
  spell(path: string): string {
    const parts = path.split(TOPIC_SEPARATOR);
    for (let n = parts.length; n > 0; n--) {
      const found = this.known.get(parts.slice(0, n).join(TOPIC_SEPARATOR).toLowerCase());
      if (found !== undefined)
        return n === parts.length ? found : [found, ...parts.slice(n)].join(TOPIC_SEPARATOR);
    }
    return path;
  }

  /**
   * Forgets a spelling that only a list being imported again used: a list that fixes the case
   * of its own heading ("## llm" to "## LLM") renames the topic only it had. A spelling an
   * entry of this run was given stays.
   */
  unlearn(path: string): void {
    const key = path.toLowerCase();
    if (this.known.get(key) === path && !this.given.has(key)) this.known.delete(key);
    this.last = { from: [], to: [] };
  }

  /** Knows the path and its parents as spelt, where no spelling is known yet; returns their keys. */
  private learn(path: string): string[] {
    return topicPathAndParents(path).map((prefix) => {
      const key = prefix.toLowerCase();
      if (!this.known.has(key)) this.known.set(key, prefix);
      return key;
    });
  }
}

// A heading that files papers by when, not by what: dair-ai's "Top ML Papers of the Week
// (January 22 - January 28) - 2024" and "(Jan 16-22)", a year ("Papers / 2019"), "2023.05".
const DATE_HEADING =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}\b|^(?:19|20)\d\d(?:[./-]\d{1,2})?$/iu;

/** Whether a topic's own name (its last part) is a date: no subject to suggest for a paper. */
export function isDateTopic(path: string): boolean {
  const at = path.lastIndexOf(TOPIC_SEPARATOR);
  return DATE_HEADING.test(at < 0 ? path : path.slice(at + TOPIC_SEPARATOR.length));
}
