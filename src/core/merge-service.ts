// What the user decides about identity when the rules got it wrong: `lectio merge A B`,
// `lectio unmerge ITEM SOURCE`, and the pairs `lectio duplicates` shows them to decide on.
// Decisions are kept between source anchors (place-entry.ts sourceAnchorNamer), so that every
// later import honours them: an unmerged source never rejoins the item, a merged one stays.

import { aggregateSources } from './aggregate.js';
import { LectioError } from './errors.js';
import {
  compareRecords,
  entryKeySets,
  idsContradict,
  isMatchableTitle,
  namesOtherWork,
  nameHeadsTitle,
  type RecordComparison,
  type TitleEvidence,
  titleLookupKeys,
  titlesMayBeAlike,
  titleKey,
  titleKeys,
} from './identity.js';
import { type LibraryStore, type StoredSource, USER_MERGE_MATCH } from './library-store.js';
import { COMMON_TOKEN, keptApart, TOKEN_PREFIX } from './place-entry.js';
import { dropEmptyTopics, refreshTopicRanks } from './topic-service.js';

/** Re-folds an item from its sources after its sources changed. */
function refold(store: LibraryStore, itemId: number, at: string): void {
  const sources = store.sourcesOf(itemId);
  if (sources.length > 0) store.saveAggregate(itemId, aggregateSources(sources, null), at);
}

function requireItem(store: LibraryStore, id: number): void {
  if (store.getItems([id]).length !== 1) throw new LectioError('not_found', `no item #${id}`);
}

/** Merges item `from` into `into`, and remembers it for every later import. */
export function mergeByUser(
  store: LibraryStore,
  into: number,
  from: number,
  now: Date,
  options: { force?: boolean } = {},
): void {
  if (into === from) throw new LectioError('bad_input', `#${into} and #${from} are the same item`);
  const at = now.toISOString();
  store.transaction(() => {
    requireItem(store, into);
    requireItem(store, from);
    if (!options.force) refuseTwoWorks(store, into, from);
    const a = store.anchorsOfItem(into);
    const b = store.anchorsOfItem(from);
    for (const x of a) for (const y of b) store.addMergeDecision('together', x, y, at);
    store.mergeItems(into, from, USER_MERGE_MATCH, at);
    refold(store, into, at);
    refreshTopicRanks(store, [into]);
    dropEmptyTopics(store); // a topic only the merged item was under, when the other was moved
  });
}

/**
 * Two items with different arXiv ids or DOIs are two papers: "merge 39 'flash attention 2'"
 * took FlashAttention-2 (2307.08691) into FlashAttention (2205.14135) without a word, and
 * merged its read status, plan and rating with it. The user may still say they are one.
 */
function refuseTwoWorks(store: LibraryStore, into: number, from: number): void {
  const [a, b] = store.getItems([into, from]);
  for (const scheme of ['arxiv', 'doi'] as const) {
    const x = a?.ids[scheme];
    const y = b?.ids[scheme];
    if (x && y && x !== y) {
      throw new LectioError(
        'conflict',
        `#${into} (${scheme}:${x}) and #${from} (${scheme}:${y}) are two papers by their ids; ` +
          'merge them anyway with --force',
      );
    }
  }
}

/** A source of an item as `lectio show` prints it ("reading.md:12", a path ending, or a source id). */
export function findSource(sources: readonly StoredSource[], ref: string): StoredSource {
  const trimmed = ref.trim();
  const byId = /^#?(\d+)$/u.exec(trimmed);
  if (byId) {
    const s = sources.find((x) => x.id === Number(byId[1]));
    if (s) return s;
  }
  const m = /^(.*):(\d+)$/u.exec(trimmed);
  if (m) {
    const [, file, line] = m as unknown as [string, string, string];
    const hits = sources.filter(
      (s) => s.line === Number(line) && (s.file === file || s.file.endsWith(`/${file}`) || s.file === file),
    );
    if (hits.length === 1 && hits[0]) return hits[0];
    if (hits.length > 1)
      throw new LectioError(
        'ambiguous',
        `"${ref}" names ${hits.length} sources; give more of the path or a source id`,
      );
  }
  const list = sources.map((s) => `${s.file}:${s.line} (source ${s.id})`).join(' | ');
  throw new LectioError('not_found', `no source "${ref}" in this item; its sources: ${list}`);
}

/**
 * Splits one source out of an item into a new item, and remembers that it is not the
 * same work as the item's other sources. Returns the new item's id.
 */
export function unmergeByUser(store: LibraryStore, itemId: number, sourceRef: string, now: Date): number {
  const at = now.toISOString();
  return store.transaction(() => {
    requireItem(store, itemId);
    const sources = store.sourcesOf(itemId);
    const source = findSource(sources, sourceRef);
    if (sources.length < 2)
      throw new LectioError('bad_input', `#${itemId} has one source only; there is nothing to unmerge`);
    decideAboutSource(store, itemId, source.id, 'apart', at);
    const created = store.splitSource(itemId, source.id, at);
    refold(store, itemId, at);
    refold(store, created, at);
    const where = `${source.file}:${source.line}`;
    store.addEvent(itemId, 'unmerge', { source: where, into: created }, at);
    store.addEvent(created, 'unmerge', { source: where, from: itemId }, at);
    refreshTopicRanks(store, [itemId, created]);
    return created;
  });
}

/**
 * The user's word that a source belongs to its item (`lectio merge ITEM FILE:LINE`): a row
 * that findOtherWorks shows as naming another work is one work with the others after all
 * ("GPT-3" and "Language Models are Few-Shot Learners" under one arXiv id, had they been
 * long enough to compare). Kept as decisions between the source's anchor and the others'.
 */
export function keepSourceByUser(
  store: LibraryStore,
  itemId: number,
  sourceRef: string,
  now: Date,
): StoredSource {
  const at = now.toISOString();
  return store.transaction(() => {
    requireItem(store, itemId);
    const source = findSource(store.sourcesOf(itemId), sourceRef);
    decideAboutSource(store, itemId, source.id, 'together', at);
    return source;
  });
}

/** The user's decision between one source of an item and each of its other sources. */
function decideAboutSource(
  store: LibraryStore,
  itemId: number,
  sourceId: number,
  kind: 'together' | 'apart',
  at: string,
): void {
  const anchors = store.sourceAnchorsOf(itemId);
  const own = anchors.get(sourceId);
  if (own === undefined) return;
  for (const [id, other] of anchors) if (id !== sourceId) store.addMergeDecision(kind, own, other, at);
}

export interface DuplicatePair {
  a: { id: number; title: string };
  b: { id: number; title: string };
  comparison: RecordComparison;
}

/**
 * Likely duplicates: pairs the rules came close to merging ("likely"), found through the
 * same indexed title keys and blocking keys the import uses (never all pairs). Pairs the
 * user kept apart are left out. Every blocking token of an item's titles is looked at (the
 * import asks with the first 16 of an entry's), and each item's candidates in id order.
 */
export function findDuplicates(
  store: LibraryStore,
  limit = 1000,
  items: ItemTitles = store.itemTitles(),
  titlesOf: TitlesOf = store.titlesOfItems(items.map((i) => i.id)),
): DuplicatePair[] {
  const out: DuplicatePair[] = [];
  const titleOf = new Map(items.map((i) => [i.id, i.title]));
  // The whole library is walked: its titles and title keys are read once, not per item.
  const index = store.titleKeyIndex(TOKEN_PREFIX, COMMON_TOKEN);
  /** Pairs listed, as "a b" (a < b): a named pair is not listed again as a likely one. */
  const seen = new Set<string>();
  for (const item of items) {
    const titles = titlesOf.get(item.id) ?? [item.title];
    // Later items only: a pair is looked at from its older item.
    const later: number[] = [];
    for (const title of titles) {
      for (const key of titleKeys(title))
        for (const id of index.titles.get(key) ?? NONE) if (id > item.id) later.push(id);
      if (index.tokens.size === 0) continue; // tokens are kept for bibliographic sources only
      for (const key of titleLookupKeys(title))
        for (const id of index.tokens.get(TOKEN_PREFIX + key) ?? NONE) if (id > item.id) later.push(id);
    }
    for (const pair of namedPairs(store, item, titles, titleOf, titlesOf)) {
      if (seen.has(`${pair.a.id} ${pair.b.id}`)) continue;
      seen.add(`${pair.a.id} ${pair.b.id}`);
      out.push(pair);
      if (out.length >= limit) return out;
    }
    let evidence: TitleEvidence | null = null;
    for (const other of later.length > 1 ? [...new Set(later)].sort((a, b) => a - b) : later) {
      if (!titleOf.has(other)) continue;
      // Titles first (cheap); the whole evidence only for the few that are alike.
      if (!titlesMayBeAlike(titles, titlesOf.get(other) ?? [])) continue;
      evidence ??= store.evidenceOf(item.id);
      const comparison = compareRecords(evidence, store.evidenceOf(other));
      if (comparison.verdict === 'different') continue;
      if (keptApart(store, item.id, other)) continue;
      if (seen.has(`${item.id} ${other}`)) continue; // a named pair already
      out.push({
        a: { id: item.id, title: item.title },
        b: { id: other, title: titleOf.get(other) ?? '' },
        comparison,
      });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

const NONE: readonly number[] = [];

/** The light list of items both walk (read once when `lectio duplicates` runs both). */
type ItemTitles = ReturnType<LibraryStore['itemTitles']>;
/** The titles of the items' sources (store.titlesOfItems), read once for both as well. */
type TitlesOf = ReadonlyMap<number, readonly string[]>;

export interface OtherWork {
  item: { id: number; title: string };
  /**
   * The two entries whose titles name different works: `source` shares the ids with `with`,
   * a source that carries the item's title (else its first). Either may be the one whose
   * link is wrong: the list may have copied a row with its link, either way.
   */
  source: { id: number; file: string; line: number; title: string };
  with: { id: number; file: string; line: number; title: string };
  /** The ids it shares with the item's other sources: why it was merged. */
  keys: string[];
}

/**
 * Sources merged into an item by an id they share with it, whose titles name another work
 * (identity.ts namesOtherWork): the list linked the wrong paper. One id is one item, so the
 * import merges them; the user decides, and `lectio unmerge` splits one out. The sources that
 * stay are those that carry the item's title (as title or alias), else its first source; a
 * source is shown when it names another work than each of them. Sources that share no id
 * with them were merged by title or by the user, and are never shown.
 */
export function findOtherWorks(
  store: LibraryStore,
  limit = 1000,
  items: ItemTitles = store.itemTitles(),
  titlesOf?: TitlesOf,
): OtherWork[] {
  const out: OtherWork[] = [];
  for (const item of items) {
    if (item.sources < 2) continue;
    // Sources all titled alike name one work (namesOtherWork): most merged items, at no read.
    const titles = titlesOf?.get(item.id);
    if (titles && new Set(titles.map(titleKey)).size < 2) continue;
    const sources = store.sourcesOf(item.id);
    const key = titleKey(item.title);
    const named = sources.filter((s) => [s.title, ...s.aliases].some((t) => titleKey(t) === key));
    const staying = named.length > 0 ? named : sources.slice(0, 1);
    const stayingKeys = staying.map((s) => ({
      source: s,
      keys: new Set(entryKeySets(s.title, s.links).stored),
    }));
    for (const source of sources) {
      if (staying.includes(source) || !staying.every((s) => namesOtherWork(s, source))) continue;
      const keys = entryKeySets(source.title, source.links).stored.filter((k) =>
        stayingKeys.some((s) => s.keys.has(k)),
      );
      // The first staying source that shares one of them: the row it was merged with.
      const other = stayingKeys.find((s) => keys.some((k) => s.keys.has(k)))?.source;
      if (!other || keptTogether(store, item.id, source.id, other.id)) continue;
      const ref = (s: typeof source) => ({ id: s.id, file: s.file, line: s.line, title: s.title });
      out.push({ item: { id: item.id, title: item.title }, source: ref(source), with: ref(other), keys });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** More names than this on one item's sources: mayNameTwoWorks leaves it to findOtherWorks. */
const MANY_NAMES = 32;

/**
 * Whether findOtherWorks may show any source of an item with these sources: two of them share
 * an id and name two works. A pure first look, whatever the item's title, for an import's
 * merges: findOtherWorks then reads the few items it passes.
 */
export function mayNameTwoWorks(sources: readonly StoredSource[]): boolean {
  if (sources.length < 2) return false;
  // Sources named alike answer alike: one look per name, with the ids of all of them. Past a
  // few dozen names the pairs would cost more than findOtherWorks' own look (one arXiv link
  // on 4,000 rows of other titles took 50 s).
  const byName = new Map<string, StoredSource[]>();
  for (const s of sources) {
    const name = `${s.title}\n${s.aliases.join('\n')}`;
    const group = byName.get(name);
    if (group) group.push(s);
    else byName.set(name, [s]);
  }
  if (byName.size > MANY_NAMES) return true;
  const groups = [...byName.values()];
  // Most merged entries carry one title; their ids are read only for a pair that differs.
  const titles = groups.map((g) => titleKey((g[0] as StoredSource).title));
  const keys: Array<Set<string> | undefined> = [];
  const keysOf = (i: number): Set<string> =>
    (keys[i] ??= new Set(
      (groups[i] as StoredSource[]).flatMap((s) => entryKeySets(s.title, s.links).stored),
    ));
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      if (titles[i] === titles[j]) continue;
      const [a, b] = [
        (groups[i] as StoredSource[])[0] as StoredSource,
        (groups[j] as StoredSource[])[0] as StoredSource,
      ];
      if (!namesOtherWork(a, b) && !namesOtherWork(b, a)) continue;
      const other = keysOf(j);
      if ([...keysOf(i)].some((k) => other.has(k))) return true;
    }
  }
  return false;
}

/** Pairs in which one item's short name heads the other's title (identity.ts nameHeadsTitle). */
function namedPairs(
  store: LibraryStore,
  item: { id: number; title: string; aliases: readonly string[] },
  titles: readonly string[],
  titleOf: ReadonlyMap<number, string>,
  titlesOf: ReadonlyMap<number, readonly string[]>,
): DuplicatePair[] {
  const out: DuplicatePair[] = [];
  for (const name of [...titles, ...item.aliases]) {
    const key = titleKey(name);
    if (key.length < 4 || isMatchableTitle(key)) continue; // a name, not a title
    const longer = titles.find((t) => titleKey(t) !== key) ?? null;
    const others = store.findItemsByTitleKeyPrefix(key, 50).filter((id) => id !== item.id && titleOf.has(id));
    if (others.length === 0) continue;
    const headed = others.filter((other) => nameHeadsTitle(name, longer, titlesOf.get(other) ?? []));
    // A name that heads several titles is a family's or a word's ("Llama", "Survey").
    if (headed.length === 0 || headed.length > 2) continue;
    const a = store.evidenceOf(item.id);
    for (const other of headed) {
      const b = store.evidenceOf(other);
      if (idsContradict(a, b) || keptApart(store, item.id, other)) continue;
      const [first, second] = item.id < other ? [item.id, other] : [other, item.id];
      out.push({
        a: { id: first, title: titleOf.get(first) ?? '' },
        b: { id: second, title: titleOf.get(second) ?? '' },
        comparison: {
          verdict: 'likely',
          rule: 'a name that heads the other title',
          titleSimilarity: 1,
          authorOverlap: null,
          years: [a.year, b.year],
        },
      });
    }
  }
  return out;
}

/** Whether the user said two sources of an item are one work (keepSourceByUser). */
function keptTogether(store: LibraryStore, itemId: number, a: number, b: number): boolean {
  const anchors = store.sourceAnchorsOf(itemId);
  const [x, y] = [anchors.get(a), anchors.get(b)];
  if (x === undefined || y === undefined) return false;
  return store.mergeDecisionsOf(x).together.includes(y) || store.mergeDecisionsOf(y).together.includes(x);
}
